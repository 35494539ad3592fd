//! Reading documents: what the paths name (files, directories, stdin, WARC
//! archives), JSON Lines records, compressed files (gzip, zstd) read as a
//! stream, and turning bytes into text (encodings, binary files).
//!
//! Architecture invariant: reading never stops the run. Anything that cannot
//! be read becomes a [`RawInput`] carrying an error, which becomes an error
//! line in the output.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use encoding_rs::Encoding;
use serde_json::Value;

use crate::warc;

mod plain_record;

/// One document as read, before decoding.
#[derive(Debug)]
pub struct RawInput {
    /// How the output names it: the path as given, `-`, the record's id,
    /// or a WARC record's target URI.
    pub source: String,
    /// Whether to read it as HTML.
    pub html: bool,
    /// The charset the document declares (a WARC record's HTTP
    /// `Content-Type`): under `--encoding auto`, used instead of detection
    /// for bytes that are not UTF-8.
    pub charset: Option<&'static Encoding>,
    /// The `WARC-Record-ID` of the WARC record it came from.
    pub warc_record_id: Option<String>,
    /// The `WARC-Date` of that record.
    pub date: Option<String>,
    /// Its content, or why it could not be read.
    pub content: Result<Content, String>,
}

impl RawInput {
    /// A document with no charset declared and not from a WARC record.
    pub fn new(source: String, html: bool, content: Result<Content, String>) -> Self {
        RawInput { source, html, charset: None, warc_record_id: None, date: None, content }
    }

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
    /// Text already Unicode: a JSON Lines record's, or bytes read as
    /// UTF-8 ([`Content::utf8_read`]).
    Text(String),
}

/// File extensions read when walking a directory (also under `.gz` or
/// `.zst`: `article.txt.gz`), besides WARC files (`.warc`, `.warc.gz`).
const TEXT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "html", "htm", "xhtml"];

/// How a file is compressed, as its name says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// Not compressed.
    None,
    /// gzip (`.gz`), any number of members.
    Gzip,
    /// Zstandard (`.zst`).
    Zstd,
}

impl Compression {
    /// What the name of `path` says: its compression (`.gz`, `.zst`, any
    /// case) and the extension before it, lowercased (`txt` for
    /// `a.TXT.gz`; empty when there is none).
    pub fn of(path: &Path) -> (Compression, String) {
        let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        let (compression, inner) = if let Some(inner) = name.strip_suffix(".gz") {
            (Compression::Gzip, inner)
        } else if let Some(inner) = name.strip_suffix(".zst") {
            (Compression::Zstd, inner)
        } else {
            (Compression::None, name.as_str())
        };
        let extension = Path::new(inner).extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
        (compression, extension)
    }

    /// The decompressed content of `file`, read as a stream.
    pub fn reader(self, file: File) -> io::Result<Box<dyn Read + Send>> {
        Ok(match self {
            Compression::None => Box::new(file),
            // Every member, as `gzip -d` reads them (archives concatenate members).
            Compression::Gzip => {
                Box::new(flate2::bufread::MultiGzDecoder::new(BufReader::with_capacity(1 << 16, file)))
            }
            Compression::Zstd => Box::new(zstd::stream::read::Decoder::new(file)?),
        })
    }

    /// Its name in messages.
    fn name(self) -> &'static str {
        match self {
            Compression::None => "",
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
        }
    }
}

/// Whether `path` names an HTML file (also compressed: `page.html.gz`).
pub fn is_html(path: &Path) -> bool {
    ["html", "htm", "xhtml"].contains(&Compression::of(path).1.as_str())
}

/// Records of WARC files that were read but are not documents, counted by
/// reason (`request`, `metadata`, `non-text payload`…): shared between the
/// thread that reads and the caller, who reports them after the run.
#[derive(Debug, Clone, Default)]
pub struct Skipped(Arc<Mutex<BTreeMap<&'static str, u64>>>);

impl Skipped {
    /// Counts one record skipped for `reason`.
    pub fn add(&self, reason: &'static str) {
        let mut counts = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *counts.entry(reason).or_default() += 1;
    }

    /// The counts so far, by reason in alphabetical order.
    pub fn counts(&self) -> Vec<(&'static str, u64)> {
        let counts = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        counts.iter().map(|(reason, n)| (*reason, *n)).collect()
    }

    /// How many records were skipped in all.
    pub fn total(&self) -> u64 {
        self.counts().iter().map(|(_, n)| n).sum()
    }
}

/// Documents named by `paths`, in order: a file is read whatever its name
/// (decompressed when it ends in `.gz` or `.zst`; every text or HTML
/// response of a WARC file, `.warc` or `.warc.gz`), a directory is walked
/// recursively (sorted, keeping the files with a text extension, compressed
/// or not, and WARC files), `-` is stdin. Lazy: one file, or one WARC
/// record, is read at a time. The WARC records that are not documents are
/// counted in `skipped`.
pub fn from_paths(paths: Vec<PathBuf>, max_bytes: u64, skipped: Skipped) -> impl Iterator<Item = RawInput> + Send {
    let mut pending: Vec<(PathBuf, bool)> = paths.into_iter().rev().map(|p| (p, true)).collect();
    let mut archive: Option<warc::Records> = None;
    std::iter::from_fn(move || loop {
        if let Some(records) = &mut archive {
            match records.next() {
                Some(input) => return Some(input),
                None => archive = None,
            }
        }
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
            return Some(RawInput::new(source, false, content));
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
        let (compression, extension) = Compression::of(&path);
        if extension == "warc" {
            archive = Some(warc::Records::open(&path, compression, max_bytes, skipped.clone()));
            continue;
        }
        if !explicit && !TEXT_EXTENSIONS.contains(&extension.as_str()) {
            continue;
        }
        let html = is_html(&path);
        return Some(RawInput::new(source, html, read_file(&path, compression, max_bytes).map(Content::Bytes)));
    })
}

fn failed(source: String, error: String) -> RawInput {
    RawInput::new(source, false, Err(error))
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

fn read_file(path: &Path, compression: Compression, max_bytes: u64) -> Result<Vec<u8>, String> {
    let file = File::open(path).map_err(|e| format!("cannot read file: {e}"))?;
    let len = file.metadata().map_err(|e| format!("cannot read file: {e}"))?.len();
    let mut bytes = Vec::new();
    if compression == Compression::None {
        check_size(len, max_bytes)?;
        bytes.reserve_exact(len as usize);
    }
    let reader = compression.reader(file).map_err(|e| format!("cannot read {} file: {e}", compression.name()))?;
    if let Err(e) = reader.take(max_bytes + 1).read_to_end(&mut bytes) {
        return Err(match compression {
            Compression::None => format!("cannot read file: {e}"),
            _ => format!(
                "cannot read file: {} data corrupt or truncated after {} bytes decompressed: {e}",
                compression.name(),
                bytes.len()
            ),
        });
    }
    check_size(bytes.len() as u64, max_bytes)?;
    Ok(bytes)
}

/// Documents from a JSON Lines file (or `-` for stdin): one `{"id": …,
/// "text": …}` object per line; a file ending in `.gz` or `.zst` is
/// decompressed as it is read. A record without an id is named
/// `FILE:LINE`; a malformed line becomes an error record named that way. A
/// read error (a truncated or corrupt compressed file) ends the file with
/// an error record, after the records read before it.
pub fn from_jsonl(path: &Path, max_bytes: u64) -> Box<dyn Iterator<Item = RawInput> + Send> {
    let name = path.display().to_string();
    let (compression, _) = Compression::of(path);
    let reader: Box<dyn BufRead + Send> = if name == "-" {
        Box::new(BufReader::new(io::stdin()))
    } else {
        let opened = File::open(path).and_then(|file| compression.reader(file));
        match opened {
            Ok(reader) => Box::new(BufReader::with_capacity(1 << 16, reader)),
            Err(e) => return Box::new(std::iter::once(failed(name, format!("cannot read JSONL file: {e}")))),
        }
    };
    let compression = if name == "-" { Compression::None } else { compression };
    Box::new(JsonlRecords { reader, name, compression, line_no: 0, bytes: 0, max_bytes, done: false, line: Vec::new() })
}

struct JsonlRecords {
    reader: Box<dyn BufRead + Send>,
    name: String,
    compression: Compression,
    line_no: u64,
    /// Bytes read so far (decompressed), for the message of a read error.
    bytes: u64,
    max_bytes: u64,
    done: bool,
    /// The line being read: one buffer for every line, rather than one
    /// grown from nothing per line.
    line: Vec<u8>,
}

impl Iterator for JsonlRecords {
    type Item = RawInput;

    fn next(&mut self) -> Option<RawInput> {
        let line = &mut self.line;
        while !self.done {
            line.clear();
            self.line_no += 1;
            // The record's name when it has no id, made only then.
            let (name, line_no) = (&self.name, self.line_no);
            let at = || format!("{name}:{line_no}");
            let read = read_line(&mut self.reader, self.max_bytes + 2, line);
            self.bytes += line.len() as u64;
            match read {
                Ok(0) => self.done = true,
                Ok(_) if line.len() as u64 > self.max_bytes + 1 => {
                    // Skip the rest of an over-long line.
                    let mut sink = Vec::new();
                    while !matches!(self.reader.read_until(b'\n', &mut sink), Ok(0) | Err(_))
                        && sink.last() != Some(&b'\n')
                    {
                        sink.clear();
                    }
                    return Some(failed(
                        at(),
                        format!("JSONL line larger than --max-bytes ({} bytes)", self.max_bytes),
                    ));
                }
                Ok(_) if line.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(_) => return Some(parse_record(line, at)),
                Err(e) if self.compression == Compression::None => {
                    self.done = true;
                    return Some(failed(at(), format!("cannot read JSONL file: {e}")));
                }
                Err(e) => {
                    // What was read before is kept: the lines before this one
                    // have their own records already.
                    self.done = true;
                    let message = format!(
                        "cannot read JSONL file: {} data corrupt or truncated after {} complete lines ({} bytes decompressed): {e}",
                        self.compression.name(),
                        self.line_no - 1,
                        self.bytes
                    );
                    return Some(failed(at(), message));
                }
            }
        }
        None
    }
}

/// Appends to `line` the bytes of `reader` up to and with the next line
/// break, at most `limit` of them, and gives how many: what
/// `reader.take(limit).read_until(b'\n', line)` does, with the memchr
/// crate's search for the line break (the standard library's was an
/// eighth of the time spent reading JSON Lines).
fn read_line(reader: &mut dyn BufRead, limit: u64, line: &mut Vec<u8>) -> io::Result<usize> {
    let mut read = 0;
    loop {
        let buffered = match reader.fill_buf() {
            Ok(buffered) => buffered,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let room = usize::try_from(limit.saturating_sub(read as u64)).unwrap_or(usize::MAX);
        let buffered = &buffered[..buffered.len().min(room)];
        let (ended, used) = match memchr::memchr(b'\n', buffered) {
            Some(at) => (true, at + 1),
            None => (buffered.is_empty(), buffered.len()),
        };
        line.extend_from_slice(&buffered[..used]);
        reader.consume(used);
        read += used;
        if ended {
            return Ok(read);
        }
    }
}

/// One JSONL line into a document: in one quick pass when it has the
/// usual form, else with serde_json.
fn parse_record(line: &[u8], at: impl FnOnce() -> String) -> RawInput {
    match plain_record::read(line) {
        Some(record) => {
            let source = record.id.unwrap_or_else(at);
            match record.text {
                Some(text) => RawInput::new(source, record.html, Ok(Content::Text(text))),
                None => failed(source, NO_TEXT.into()),
            }
        }
        None => read_record(line, at),
    }
}

/// Why a record is not a document.
const NO_TEXT: &str = "JSONL record has no \"text\" string";

/// [`parse_record`] with serde_json, which reads any line (and words the error).
fn read_record(line: &[u8], at: impl FnOnce() -> String) -> RawInput {
    let value: Value = match serde_json::from_slice(line) {
        Ok(value) => value,
        Err(e) => return failed(at(), format!("malformed JSONL line: {e}")),
    };
    let source = match value.get("id") {
        Some(Value::String(id)) => id.clone(),
        Some(Value::Number(id)) => id.to_string(),
        _ => at(),
    };
    // An explicit `"format": "html"` reads the text as HTML.
    let html = value.get("format").and_then(Value::as_str) == Some("html");
    // The text is moved out of the record, not copied.
    let text = match value {
        Value::Object(mut record) => record.remove("text"),
        _ => None,
    };
    match text {
        Some(Value::String(text)) => RawInput::new(source, html, Ok(Content::Text(text))),
        _ => failed(source, NO_TEXT.into()),
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
    decode_declared(bytes, mode, None)
}

/// Decodes a document's bytes under `mode`, given the charset the document
/// declares (a WARC record's HTTP `Content-Type`). Under
/// [`EncodingMode::Auto`], valid UTF-8 is read as UTF-8 whatever the
/// declaration (pages declared ISO-8859-1 are often UTF-8), and other bytes
/// in the declared charset, if one is, instead of the detected one; a
/// `--encoding` other than `auto` wins over the declaration.
pub fn decode_declared(
    bytes: Vec<u8>,
    mode: EncodingMode,
    declared: Option<&'static Encoding>,
) -> Result<Decoded, String> {
    let bytes = match as_utf8(bytes, mode) {
        Ok(text) => return Ok(Decoded { text, encoding: None }),
        Err(bytes) => bytes,
    };
    if let Some((encoding, _)) = Encoding::for_bom(&bytes).filter(|(e, _)| *e != encoding_rs::UTF_8) {
        // UTF-16 with a byte-order mark: NUL bytes are expected there.
        return transcode(&bytes, encoding);
    }
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err(format!("binary file (NUL byte at offset {at}), not text"));
    }
    match mode {
        EncodingMode::Fixed(encoding) if encoding != encoding_rs::UTF_8 => transcode(&bytes, encoding),
        // Not UTF-8 (`as_utf8` said so).
        EncodingMode::Auto => {
            if let Some(declared) = declared.filter(|e| *e != encoding_rs::UTF_8) {
                if let Ok(decoded) = transcode(&bytes, declared) {
                    return Ok(decoded);
                }
            }
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(&bytes, true);
            transcode(&bytes, detector.guess(None, false))
        }
        _ => {
            let valid = std::str::from_utf8(&bytes).err().map_or(bytes.len(), |e| e.valid_up_to());
            Err(format!("invalid UTF-8 at byte offset {valid}"))
        }
    }
}

/// `bytes` as the text [`decode_declared`] makes of them under `mode` when
/// that is the bytes themselves, valid UTF-8 (no byte-order mark but
/// UTF-8's, no NUL byte, no other encoding fixed), whatever the charset
/// declared; else the bytes, given back.
fn as_utf8(bytes: Vec<u8>, mode: EncodingMode) -> Result<String, Vec<u8>> {
    let other_bom = Encoding::for_bom(&bytes).is_some_and(|(e, _)| e != encoding_rs::UTF_8);
    let other_fixed = matches!(mode, EncodingMode::Fixed(e) if e != encoding_rs::UTF_8);
    if other_bom || other_fixed || memchr::memchr(0, &bytes).is_some() {
        return Err(bytes);
    }
    // Checked by simdutf8, then copied: a copy costs a tenth of std's
    // check (which `String::from_utf8` runs), and simdutf8's a fifth.
    match simdutf8::basic::from_utf8(&bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(_) => Err(bytes),
    }
}

impl Content {
    /// The content with bytes that are UTF-8 (as [`decode_declared`] would
    /// read them under `mode`) already made text: the run's reader does it,
    /// so that the workers, which would otherwise, do not (checking UTF-8
    /// was a fiftieth of a worker's time on files). Other bytes are left to
    /// the workers, which transcode them.
    pub fn utf8_read(self, mode: EncodingMode) -> Content {
        match self {
            Content::Bytes(bytes) => as_utf8(bytes, mode).map_or_else(Content::Bytes, Content::Text),
            text => text,
        }
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

    proptest::proptest! {
        /// `read_line` reads what `take` and `read_until` read, through
        /// buffers of any size.
        #[test]
        fn read_line_is_take_and_read_until(
            bytes in proptest::collection::vec(proptest::sample::select(b"ab\n".to_vec()), 0..60),
            capacity in 1..8usize,
            limit in 0..20u64,
        ) {
            let mut ours = BufReader::with_capacity(capacity, &bytes[..]);
            let mut std = BufReader::with_capacity(capacity, &bytes[..]);
            for _ in 0..bytes.len() + 2 {
                let (mut a, mut b) = (Vec::new(), Vec::new());
                let read = read_line(&mut ours, limit, &mut a).expect("in memory");
                let expected = (&mut std).take(limit).read_until(b'\n', &mut b).expect("in memory");
                proptest::prop_assert_eq!((read, &a), (expected, &b));
            }
        }

        /// Bytes the reader reads as UTF-8 early decode as the workers
        /// would decode them, and bytes it leaves are left as they were.
        #[test]
        fn the_early_utf8_read_decodes_as_decode_declared(
            bytes in proptest::collection::vec(
                proptest::sample::select(vec![b'a', b' ', 0, 0xC3, 0xA9, 0xE9, 0xEF, 0xBB, 0xBF, 0xFE, 0xFF]),
                0..12,
            ),
            mode in 0..4usize,
        ) {
            let mode = [
                EncodingMode::Auto,
                EncodingMode::Utf8,
                EncodingMode::Fixed(encoding_rs::UTF_8),
                EncodingMode::Fixed(encoding_rs::WINDOWS_1252),
            ][mode];
            let declared = Some(encoding_rs::WINDOWS_1252);
            let expected = decode_declared(bytes.clone(), mode, declared);
            // An independent reference (`decode_declared` runs the same
            // `as_utf8` first): read as UTF-8 exactly when no UTF-16
            // byte-order mark opens the bytes, none is NUL, no other
            // encoding is fixed, and std finds them valid UTF-8.
            let utf16_bom = bytes.starts_with(&[0xFE, 0xFF]) || bytes.starts_with(&[0xFF, 0xFE]);
            let other_fixed = matches!(mode, EncodingMode::Fixed(e) if e == encoding_rs::WINDOWS_1252);
            let reference = (!utf16_bom && !other_fixed && !bytes.contains(&0))
                .then(|| std::str::from_utf8(&bytes).ok())
                .flatten();
            match Content::Bytes(bytes.clone()).utf8_read(mode) {
                Content::Text(text) => {
                    proptest::prop_assert_eq!(Some(text.as_str()), reference);
                    proptest::prop_assert_eq!(Ok(Decoded { text, encoding: None }), expected)
                }
                Content::Bytes(left) => {
                    proptest::prop_assert_eq!(reference, None);
                    proptest::prop_assert_eq!(&left, &bytes);
                    let as_utf8 = matches!(expected, Ok(Decoded { encoding: None, .. }));
                    proptest::prop_assert!(!as_utf8, "read as UTF-8 by the workers");
                }
            }
        }
    }

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
        let id = parse_record(br#"{"id": 7, "text": "abc"}"#, || "f:1".into());
        assert_eq!(id.source, "7");
        assert!(matches!(id.content, Ok(Content::Text(ref t)) if t == "abc"));
        let bad = parse_record(b"{not json", || "f:2".into());
        assert_eq!(bad.source, "f:2");
        assert!(bad.content.unwrap_err().starts_with("malformed JSONL line"));
        let no_text = parse_record(br#"{"id": "a"}"#, || "f:3".into());
        assert_eq!(no_text.content.unwrap_err(), "JSONL record has no \"text\" string");
    }

    #[test]
    fn names_say_the_compression_and_the_extension_under_it() {
        let of = |name: &str| Compression::of(Path::new(name));
        assert_eq!(of("dir/dump.jsonl.gz"), (Compression::Gzip, "jsonl".into()));
        assert_eq!(of("News.WARC.GZ"), (Compression::Gzip, "warc".into()));
        assert_eq!(of("a.txt.zst"), (Compression::Zstd, "txt".into()));
        assert_eq!(of("a.html"), (Compression::None, "html".into()));
        assert_eq!(of("archive.gz"), (Compression::Gzip, String::new()));
        assert!(is_html(Path::new("page.HTM.gz")) && !is_html(Path::new("page.txt")));
    }

    #[test]
    fn a_declared_charset_replaces_detection_only() {
        let latin = b"caf\xe9".to_vec();
        let declared = Some(encoding_rs::WINDOWS_1252);
        let decoded = decode_declared(latin.clone(), EncodingMode::Auto, declared).expect("decodes");
        assert_eq!(decoded, Decoded { text: "café".into(), encoding: Some("windows-1252") });
        // Valid UTF-8 stays UTF-8 whatever is declared; a fixed --encoding wins.
        let utf8 = "café".as_bytes().to_vec();
        assert_eq!(decode_declared(utf8, EncodingMode::Auto, declared).expect("decodes").encoding, None);
        assert!(decode_declared(latin, EncodingMode::Utf8, declared).is_err());
    }

    #[test]
    fn encoding_labels() {
        assert!(matches!(EncodingMode::parse("auto"), Ok(EncodingMode::Auto)));
        assert!(matches!(EncodingMode::parse("UTF-8"), Ok(EncodingMode::Utf8)));
        assert!(matches!(EncodingMode::parse("latin1"), Ok(EncodingMode::Fixed(_))));
        assert!(EncodingMode::parse("klingon").is_err());
    }
}
