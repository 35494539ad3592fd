//! Reading documents: what the paths name (files, directories, stdin), JSON
//! Lines records, and turning bytes into text (encodings, binary files).
//!
//! Architecture invariant: reading never stops the run. Anything that cannot
//! be read becomes a [`RawInput`] carrying an error, which becomes an error
//! line in the output.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use encoding_rs::Encoding;
use serde_json::Value;

/// One document as read, before decoding.
#[derive(Debug)]
pub struct RawInput {
    /// How the output names it: the path as given, `-`, or the record's id.
    pub source: String,
    /// Whether to read it as HTML.
    pub html: bool,
    /// Its content, or why it could not be read.
    pub content: Result<Content, String>,
}

impl RawInput {
    /// Its size in bytes (0 for a document that could not be read).
    pub fn size(&self) -> usize {
        match &self.content {
            Ok(Content::Bytes(b)) => b.len(),
            Ok(Content::Text(t)) => t.len(),
            Err(_) => 0,
        }
    }
}

/// The content of a document as read.
#[derive(Debug)]
pub enum Content {
    /// Bytes from a file or stdin, in an encoding yet to be decided.
    Bytes(Vec<u8>),
    /// Text from a JSON Lines record, already Unicode.
    Text(String),
}

/// File extensions read when walking a directory.
const TEXT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "html", "htm", "xhtml"];

/// Whether `path` names an HTML file.
pub fn is_html(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["html", "htm", "xhtml"].iter().any(|h| e.eq_ignore_ascii_case(h)))
}

/// Documents named by `paths`, in order: a file is read whatever its name, a
/// directory is walked recursively (sorted, keeping the files with a text
/// extension), `-` is stdin. Lazy: one file is read at a time.
pub fn from_paths(paths: Vec<PathBuf>, max_bytes: u64) -> impl Iterator<Item = RawInput> + Send {
    let mut pending: Vec<(PathBuf, bool)> = paths.into_iter().rev().map(|p| (p, true)).collect();
    std::iter::from_fn(move || loop {
        let (path, explicit) = pending.pop()?;
        let source = path.display().to_string();
        if explicit && source == "-" {
            let mut bytes = Vec::new();
            let content = io::stdin()
                .lock()
                .take(max_bytes + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read stdin: {e}"))
                .and_then(|_| check_size(bytes.len() as u64, max_bytes).map(|()| Content::Bytes(bytes)));
            return Some(RawInput { source, html: false, content });
        }
        if path.is_dir() {
            match sorted_entries(&path) {
                Ok(entries) => {
                    pending.extend(entries.into_iter().rev().map(|p| (p, false)));
                    continue;
                }
                Err(e) => return Some(failed(source, format!("cannot read directory: {e}"))),
            }
        }
        if !explicit && !has_text_extension(&path) {
            continue;
        }
        let html = is_html(&path);
        return Some(RawInput { content: read_file(&path, max_bytes).map(Content::Bytes), source, html });
    })
}

fn failed(source: String, error: String) -> RawInput {
    RawInput { source, html: false, content: Err(error) }
}

fn has_text_extension(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| TEXT_EXTENSIONS.iter().any(|t| e.eq_ignore_ascii_case(t)))
}

fn sorted_entries(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut entries = std::fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect::<io::Result<Vec<_>>>()?;
    entries.sort();
    Ok(entries)
}

fn check_size(len: u64, max_bytes: u64) -> Result<(), String> {
    if len > max_bytes {
        Err(format!("document larger than --max-bytes ({max_bytes} bytes)"))
    } else {
        Ok(())
    }
}

fn read_file(path: &Path, max_bytes: u64) -> Result<Vec<u8>, String> {
    let file = File::open(path).map_err(|e| format!("cannot read file: {e}"))?;
    let len = file.metadata().map_err(|e| format!("cannot read file: {e}"))?.len();
    check_size(len, max_bytes)?;
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(max_bytes + 1).read_to_end(&mut bytes).map_err(|e| format!("cannot read file: {e}"))?;
    check_size(bytes.len() as u64, max_bytes)?;
    Ok(bytes)
}

/// Documents from a JSON Lines file (or `-` for stdin): one `{"id": …,
/// "text": …}` object per line. A record without an id is named
/// `FILE:LINE`; a malformed line becomes an error record named that way.
pub fn from_jsonl(path: &Path, max_bytes: u64) -> Box<dyn Iterator<Item = RawInput> + Send> {
    let name = path.display().to_string();
    let reader: Box<dyn BufRead + Send> = if name == "-" {
        Box::new(BufReader::new(io::stdin()))
    } else {
        match File::open(path) {
            Ok(file) => Box::new(BufReader::with_capacity(1 << 16, file)),
            Err(e) => return Box::new(std::iter::once(failed(name, format!("cannot read JSONL file: {e}")))),
        }
    };
    Box::new(JsonlRecords { reader, name, line_no: 0, max_bytes, done: false })
}

struct JsonlRecords {
    reader: Box<dyn BufRead + Send>,
    name: String,
    line_no: u64,
    max_bytes: u64,
    done: bool,
}

impl Iterator for JsonlRecords {
    type Item = RawInput;

    fn next(&mut self) -> Option<RawInput> {
        let mut line = Vec::new();
        while !self.done {
            line.clear();
            self.line_no += 1;
            let at = format!("{}:{}", self.name, self.line_no);
            match (&mut self.reader).take(self.max_bytes + 2).read_until(b'\n', &mut line) {
                Ok(0) => self.done = true,
                Ok(_) if line.len() as u64 > self.max_bytes + 1 => {
                    // Skip the rest of an over-long line.
                    let mut sink = Vec::new();
                    while !matches!(self.reader.read_until(b'\n', &mut sink), Ok(0) | Err(_))
                        && sink.last() != Some(&b'\n')
                    {
                        sink.clear();
                    }
                    return Some(failed(at, format!("JSONL line larger than --max-bytes ({} bytes)", self.max_bytes)));
                }
                Ok(_) if line.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(_) => return Some(parse_record(&line, at)),
                Err(e) => {
                    self.done = true;
                    return Some(failed(at, format!("cannot read JSONL file: {e}")));
                }
            }
        }
        None
    }
}

/// One JSONL line into a document.
fn parse_record(line: &[u8], at: String) -> RawInput {
    let value: Value = match serde_json::from_slice(line) {
        Ok(value) => value,
        Err(e) => return failed(at, format!("malformed JSONL line: {e}")),
    };
    let source = match value.get("id") {
        Some(Value::String(id)) => id.clone(),
        Some(Value::Number(id)) => id.to_string(),
        _ => at,
    };
    match value.get("text") {
        Some(Value::String(text)) => {
            // An explicit `"format": "html"` reads the text as HTML.
            let html = value.get("format").and_then(Value::as_str) == Some("html");
            RawInput { source, html, content: Ok(Content::Text(text.clone())) }
        }
        _ => failed(source, "JSONL record has no \"text\" string".into()),
    }
}

/// How to turn bytes into text.
#[derive(Debug, Clone, Copy)]
pub enum EncodingMode {
    /// UTF-8 when valid, else detect the encoding (Windows-1252, …).
    Auto,
    /// Only UTF-8; anything else is an error.
    Utf8,
    /// This encoding.
    Fixed(&'static Encoding),
}

impl EncodingMode {
    /// Parses `auto`, `utf-8` or any WHATWG encoding label.
    pub fn parse(label: &str) -> Result<Self, String> {
        match label.to_ascii_lowercase().as_str() {
            "auto" => Ok(EncodingMode::Auto),
            "utf-8" | "utf8" => Ok(EncodingMode::Utf8),
            other => Encoding::for_label(other.as_bytes())
                .map(EncodingMode::Fixed)
                .ok_or_else(|| format!("unknown encoding {label:?} (try auto, utf-8, windows-1252, iso-8859-15)")),
        }
    }
}

/// Text decoded from bytes, and the encoding it came from when not UTF-8.
#[derive(Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, UTF-8.
    pub text: String,
    /// The source encoding (`windows-1252`), when transcoded.
    pub encoding: Option<&'static str>,
}

/// Decodes a document's bytes under `mode`.
pub fn decode(bytes: Vec<u8>, mode: EncodingMode) -> Result<Decoded, String> {
    if let Some((encoding, _)) = Encoding::for_bom(&bytes).filter(|(e, _)| *e != encoding_rs::UTF_8) {
        // UTF-16 with a byte-order mark: NUL bytes are expected there.
        return transcode(&bytes, encoding);
    }
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err(format!("binary file (NUL byte at offset {at}), not text"));
    }
    match mode {
        EncodingMode::Fixed(encoding) if encoding != encoding_rs::UTF_8 => transcode(&bytes, encoding),
        _ => match String::from_utf8(bytes) {
            Ok(text) => Ok(Decoded { text, encoding: None }),
            Err(e) if matches!(mode, EncodingMode::Auto) => {
                let bytes = e.into_bytes();
                let mut detector = chardetng::EncodingDetector::new();
                detector.feed(&bytes, true);
                transcode(&bytes, detector.guess(None, false))
            }
            Err(e) => Err(format!("invalid UTF-8 at byte offset {}", e.utf8_error().valid_up_to())),
        },
    }
}

fn transcode(bytes: &[u8], encoding: &'static Encoding) -> Result<Decoded, String> {
    let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
    if had_errors {
        return Err(format!("not valid {} text", encoding.name()));
    }
    Ok(Decoded { text: text.into_owned(), encoding: Some(lowercase_name(encoding)) })
}

/// encoding_rs names (`windows-1252`, `UTF-16LE`) in lowercase.
fn lowercase_name(encoding: &'static Encoding) -> &'static str {
    match encoding.name() {
        "UTF-16LE" => "utf-16le",
        "UTF-16BE" => "utf-16be",
        "Shift_JIS" => "shift_jis",
        "EUC-JP" => "euc-jp",
        "EUC-KR" => "euc-kr",
        "ISO-2022-JP" => "iso-2022-jp",
        "KOI8-R" => "koi8-r",
        "KOI8-U" => "koi8-u",
        "IBM866" => "ibm866",
        "Big5" => "big5",
        "GBK" => "gbk",
        name => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_is_detected() {
        let bytes = b"Le march\xe9 fran\xe7ais de l'IA p\xe8se 2,5 milliards d'euros \x96 selon l'\xe9tude.".to_vec();
        let decoded = decode(bytes, EncodingMode::Auto).expect("decodes");
        assert_eq!(decoded.encoding, Some("windows-1252"));
        assert!(decoded.text.starts_with("Le marché français"), "{}", decoded.text);
        assert!(decoded.text.contains("euros – selon"));
    }

    #[test]
    fn strict_utf8_reports_the_offset() {
        let err = decode(b"caf\xe9 noir".to_vec(), EncodingMode::Utf8).unwrap_err();
        assert_eq!(err, "invalid UTF-8 at byte offset 3");
    }

    #[test]
    fn nul_bytes_mean_binary() {
        let err = decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(), EncodingMode::Auto).unwrap_err();
        assert!(err.starts_with("binary file (NUL byte at offset 8)"), "{err}");
    }

    #[test]
    fn utf16_with_bom_is_text() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("Élysée".encode_utf16().flat_map(u16::to_le_bytes));
        let decoded = decode(bytes, EncodingMode::Auto).expect("decodes");
        assert_eq!(decoded, Decoded { text: "Élysée".into(), encoding: Some("utf-16le") });
    }

    #[test]
    fn jsonl_records_and_errors() {
        let id = parse_record(br#"{"id": 7, "text": "abc"}"#, "f:1".into());
        assert_eq!(id.source, "7");
        assert!(matches!(id.content, Ok(Content::Text(ref t)) if t == "abc"));
        let bad = parse_record(b"{not json", "f:2".into());
        assert_eq!(bad.source, "f:2");
        assert!(bad.content.unwrap_err().starts_with("malformed JSONL line"));
        let no_text = parse_record(br#"{"id": "a"}"#, "f:3".into());
        assert_eq!(no_text.content.unwrap_err(), "JSONL record has no \"text\" string");
    }

    #[test]
    fn encoding_labels() {
        assert!(matches!(EncodingMode::parse("auto"), Ok(EncodingMode::Auto)));
        assert!(matches!(EncodingMode::parse("UTF-8"), Ok(EncodingMode::Utf8)));
        assert!(matches!(EncodingMode::parse("latin1"), Ok(EncodingMode::Fixed(_))));
        assert!(EncodingMode::parse("klingon").is_err());
    }
}
