//! WARC files (ISO 28500, WARC/1.0 and 1.1), plain (`.warc`) or gzipped
//! record by record (`.warc.gz`, as archives ship them), read one record at
//! a time: every `response` record whose HTTP payload is HTML or text is one
//! document, named by its `WARC-Target-URI`; the other records are counted
//! in [`Skipped`] by reason.
//!
//! A document is the record's payload: the bytes after the HTTP headers,
//! with a chunked transfer-encoding and a gzip, deflate or zstd
//! content-encoding undone; entity offsets point into it. Its charset, when
//! the HTTP `Content-Type` declares one, is a hint for `--encoding auto`.
//! Responses with an HTTP status other than 2xx are skipped too: a redirect
//! or an error page is not an article.
//!
//! A record that cannot be read is an error line, and reading goes on: in a
//! plain file, at the next version line (`WARC/1.0` and its line end),
//! looked for first in the bytes the bad record took when its `Content-Length` ran
//! over the next records; in a `.warc.gz`, at the next gzip member that
//! holds a record (a truncated or corrupt member is skipped as a whole).
//! A record that a wrong `Content-Length` runs over can be lost when the
//! one before it was larger than 4 MiB and not a document (its bytes are
//! not kept).
//!
//! Architecture invariant: memory is bounded by the largest document. A
//! record is read as a stream; only a document's payload (at most
//! `--max-bytes`) and the headers (at most 1 MiB each) are held.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use encoding_rs::Encoding;
use flate2::bufread::GzDecoder;

use crate::input::{Compression, Content, RawInput, Skipped};

/// The reader's buffer.
const BUFFER: usize = 1 << 16;
/// Most bytes of a record's WARC header, and of an HTTP response's header.
const MAX_HEAD: u64 = 1 << 20;
/// Most bytes of a skipped record kept while it is read, to find the
/// records a wrong `Content-Length` ran over.
const KEEP_SKIPPED: u64 = 4 << 20;
/// How a gzip member starts: ID1, ID2, and deflate as its method.
const GZIP_MAGIC: &[u8] = b"\x1f\x8b\x08";

/// What a WARC file is read from: a file, or bytes in memory (tests).
pub trait Source: Read + Seek + Send {}
impl<T: Read + Seek + Send> Source for T {}

/// A WARC file's bytes as read, buffered.
type Raw = BufReader<Box<dyn Source>>;

/// The documents of one WARC file, in file order.
pub struct Records {
    name: String,
    max_bytes: u64,
    skipped: Skipped,
    state: State,
}

enum State {
    /// A plain `.warc`: one stream of records.
    Plain(Reader<Box<dyn Source>>),
    /// A `.warc.gz`, between two members. When probing (after a corrupt
    /// member), a member that does not hold a record is passed over in
    /// silence: its header was a chance match in compressed bytes.
    Between {
        raw: Raw,
        probing: bool,
    },
    /// Inside the gzip member that starts at byte `start`.
    Member {
        start: u64,
        stream: Box<Reader<GzDecoder<Raw>>>,
        probing: bool,
    },
    /// An error to report before ending.
    Failed(String),
    Done,
}

impl Records {
    /// The records of the file at `path`, compressed as its name says.
    pub fn open(path: &Path, compression: Compression, max_bytes: u64, skipped: Skipped) -> Self {
        let name = path.display().to_string();
        match File::open(path) {
            Ok(file) => Records::new(name, Box::new(file), compression, max_bytes, skipped),
            Err(e) => Records { name, max_bytes, skipped, state: State::Failed(format!("cannot read WARC file: {e}")) },
        }
    }

    /// The records read from `source`, named `name` in the output.
    pub fn new(
        name: String,
        source: Box<dyn Source>,
        compression: Compression,
        max_bytes: u64,
        skipped: Skipped,
    ) -> Self {
        let state = match compression {
            Compression::None => State::Plain(Reader::new(source)),
            Compression::Gzip => State::Between { raw: BufReader::with_capacity(BUFFER, source), probing: false },
            Compression::Zstd => {
                State::Failed("WARC files compressed with zstd are not read: decompress it first (zstd -d)".to_owned())
            }
        };
        Records { name, max_bytes, skipped, state }
    }

    /// The line of a document, or of a record that could not be read, at
    /// byte `at` of the file (the gzip member's, in a `.warc.gz`).
    fn input(&self, head: Option<Head>, at: u64, content: Result<Content, String>, html: bool) -> RawInput {
        let head = head.unwrap_or_default();
        RawInput {
            source: head.target.unwrap_or_else(|| format!("{}@{at}", self.name)),
            html,
            charset: None,
            warc_record_id: head.id,
            date: head.date,
            content,
        }
    }

    /// The error line of a record that could not be read.
    fn failed(&self, bad: Bad, at: u64, gzip: bool) -> RawInput {
        let what = match bad.failure {
            Failure::Io(e) if gzip => format!("corrupt or truncated gzip member: {e}"),
            Failure::Io(e) => format!("cannot read WARC file: {e}"),
            Failure::Format(message) => message,
        };
        let place = if gzip { "gzip member" } else { "WARC record" };
        let error = format!("{what} ({place} at byte {at} of {})", self.name);
        self.input(bad.head.map(|head| *head), at, Err(error), false)
    }

    /// What one record read at `at` gives: a line, or `None` when it was
    /// skipped (and counted).
    fn outcome(&self, outcome: Outcome, at: u64) -> Option<RawInput> {
        match outcome {
            Outcome::Skipped(reason) => {
                self.skipped.add(reason);
                None
            }
            Outcome::Document { head, html, charset, payload } => {
                let mut input = self.input(Some(head), at, payload.map(Content::Bytes), html);
                input.charset = charset;
                Some(input)
            }
        }
    }
}

impl Iterator for Records {
    type Item = RawInput;

    fn next(&mut self) -> Option<RawInput> {
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return None,
                State::Failed(error) => return Some(RawInput::new(self.name.clone(), false, Err(error))),
                State::Plain(mut stream) => {
                    let record = read_record(&mut stream, self.max_bytes)?;
                    match record.result {
                        Ok(outcome) => {
                            self.state = State::Plain(stream);
                            if let Some(input) = self.outcome(outcome, record.offset) {
                                return Some(input);
                            }
                        }
                        Err(mut bad) => {
                            // An I/O error on a plain file ends it; a bad record, the record.
                            let stop = matches!(bad.failure, Failure::Io(_));
                            let block = if stop { None } else { bad.block.take() };
                            let line = self.failed(bad, record.offset, false);
                            if !stop && resync(&mut stream, block).is_ok() {
                                self.state = State::Plain(stream);
                            }
                            return Some(line);
                        }
                    }
                }
                State::Between { mut raw, probing } => {
                    let (start, magic) = match member_start(&mut raw) {
                        Ok(Some(found)) => found,
                        Ok(None) => return None,
                        Err(e) => {
                            let bad = Bad { failure: Failure::Io(e), head: None, block: None };
                            return Some(self.failed(bad, 0, true));
                        }
                    };
                    if magic {
                        let stream = Box::new(Reader::new(GzDecoder::new(raw)));
                        self.state = State::Member { start, stream, probing };
                        continue;
                    }
                    if next_member(&mut raw, start + 1) {
                        self.state = State::Between { raw, probing: true };
                    }
                    if !probing {
                        let failure = Failure::Format("not gzip data where a gzip member should start".to_owned());
                        return Some(self.failed(Bad { failure, head: None, block: None }, start, true));
                    }
                }
                State::Member { start, mut stream, probing } => {
                    if probing && !holds_record(&mut stream) {
                        let mut raw = stream.into_inner().into_inner();
                        if next_member(&mut raw, start + 1) {
                            self.state = State::Between { raw, probing: true };
                        }
                        continue;
                    }
                    let Some(record) = read_record(&mut stream, self.max_bytes) else {
                        self.state = State::Between { raw: stream.into_inner().into_inner(), probing: false };
                        continue;
                    };
                    match record.result {
                        Ok(outcome) => {
                            self.state = State::Member { start, stream, probing: false };
                            if let Some(input) = self.outcome(outcome, start) {
                                return Some(input);
                            }
                        }
                        Err(mut bad) => {
                            let block = bad.block.take();
                            if let Failure::Format(_) = bad.failure {
                                // Reading on to the next record, or the member's
                                // end, checks the member: a record garbled by
                                // corrupt compressed data is the member's error.
                                match resync(&mut stream, block) {
                                    Ok(()) => {
                                        let line = self.failed(bad, start, true);
                                        self.state = State::Member { start, stream, probing: false };
                                        return Some(line);
                                    }
                                    Err(e) => bad.failure = Failure::Io(e),
                                }
                            }
                            let line = self.failed(bad, start, true);
                            // The deflate stream may have run into the next
                            // member: look for it from this one's start.
                            let mut raw = stream.into_inner().into_inner();
                            if next_member(&mut raw, start + 1) {
                                self.state = State::Between { raw, probing: true };
                            }
                            return Some(line);
                        }
                    }
                }
            }
        }
    }
}

/// Where the next member starts, and whether it starts with gzip's magic
/// bytes; `None` at the end of the file.
fn member_start(raw: &mut Raw) -> io::Result<Option<(u64, bool)>> {
    let start = raw.stream_position()?;
    let mut ahead = raw.fill_buf()?;
    if ahead.is_empty() {
        return Ok(None);
    }
    if ahead.len() < GZIP_MAGIC.len() {
        // The buffer ends here: seeking refills it from this point.
        raw.seek(SeekFrom::Start(start))?;
        ahead = raw.fill_buf()?;
    }
    Ok(Some((start, ahead.starts_with(GZIP_MAGIC))))
}

/// Moves `raw` to the next gzip magic at or after byte `from`; false when
/// there is none (or the file cannot be read).
fn next_member(raw: &mut Raw, from: u64) -> bool {
    let mut at = from;
    loop {
        if raw.seek(SeekFrom::Start(at)).is_err() {
            return false;
        }
        let Ok(ahead) = raw.fill_buf() else { return false };
        if let Some(i) = memchr::memmem::find(ahead, GZIP_MAGIC) {
            return raw.seek(SeekFrom::Start(at + i as u64)).is_ok();
        }
        if ahead.len() < GZIP_MAGIC.len() {
            return false;
        }
        // The magic may straddle the buffer's end: keep its last two bytes.
        at += (ahead.len() - (GZIP_MAGIC.len() - 1)) as u64;
    }
}

/// Whether a member found while probing decompresses into a WARC record.
fn holds_record<R: Read>(stream: &mut Reader<R>) -> bool {
    stream.skip_newlines().is_ok() && stream.peek(16).is_ok_and(starts_record)
}

/// Whether `bytes` start a record: a version line, `WARC/1.0` and its
/// line end.
fn starts_record(bytes: &[u8]) -> bool {
    version_line(bytes) == Some(true)
}

/// Whether `bytes` start with a version line (`WARC/`, digits, a dot,
/// digits, a line end); `None` when they end before it could be told.
fn version_line(bytes: &[u8]) -> Option<bool> {
    const PREFIX: &[u8] = b"WARC/";
    let n = bytes.len().min(PREFIX.len());
    if bytes[..n] != PREFIX[..n] {
        return Some(false);
    }
    let (mut digits, mut dot) = (0, false);
    for i in PREFIX.len()..PREFIX.len() + 12 {
        match *bytes.get(i)? {
            b'0'..=b'9' => digits += 1,
            b'.' if !dot && digits > 0 => (dot, digits) = (true, 0),
            b'\n' => return Some(dot && digits > 0),
            b'\r' => return Some(dot && digits > 0 && *bytes.get(i + 1)? == b'\n'),
            _ => return Some(false),
        }
    }
    Some(false)
}

/// Goes on after a bad record: at the first record start in the bytes the
/// bad record took (`block`, from a `Content-Length` that ran over the next
/// record), else at the next version line (`WARC/1.0` and its line end) of
/// the stream.
fn resync<R: Read>(stream: &mut Reader<R>, block: Option<Vec<u8>>) -> io::Result<()> {
    if let Some(block) = block {
        let ahead = stream.peek(16)?.to_vec();
        if let Some(start) = record_start_in(&block, &ahead) {
            stream.unread(&block[start..]);
            return Ok(());
        }
    }
    // The next version line, wherever it is: after a stray byte, a record
    // starts in the middle of a line.
    loop {
        let ahead = stream.peek(BUFFER)?;
        if ahead.is_empty() {
            return Ok(());
        }
        match memchr::memmem::find(ahead, b"WARC/") {
            Some(i) => {
                stream.consume(i);
                if starts_record(stream.peek(16)?) {
                    return Ok(());
                }
                stream.consume(1);
            }
            // Keep the bytes a `WARC/` cut by the buffer's end may start with.
            None => {
                let n = (ahead.len() - ahead.len().min(4)).max(1);
                stream.consume(n);
            }
        }
    }
}

/// Where a record starts in `block` (after a line end), its version line
/// whole in it or going on in `ahead`, the bytes that follow it.
fn record_start_in(block: &[u8], ahead: &[u8]) -> Option<usize> {
    let is_start = |start: usize| {
        let tail = &block[start..];
        version_line(tail).unwrap_or_else(|| starts_record(&[tail, ahead].concat()))
    };
    // Starts whose `\nWARC/` the block's end cuts are found in its last
    // bytes joined to `ahead`.
    let from = block.len().saturating_sub(16);
    let joined = [&block[from..], ahead].concat();
    memchr::memmem::find_iter(block, b"\nWARC/")
        .map(|i| i + 1)
        .chain(memchr::memmem::find_iter(&joined, b"\nWARC/").map(|i| from + i + 1))
        .find(|&start| start <= block.len() && is_start(start))
}

/// A record's WARC header: the fields read.
#[derive(Debug, Default)]
struct Head {
    /// `WARC-Type`, lowercased.
    kind: String,
    /// `WARC-Target-URI`, without the angle brackets some writers add.
    target: Option<String>,
    /// `WARC-Record-ID`, as written (`<urn:uuid:…>`).
    id: Option<String>,
    /// `WARC-Date`.
    date: Option<String>,
    /// `Content-Type` of the record's block.
    content_type: Option<String>,
    /// `Content-Length`: the block's length.
    length: Option<u64>,
}

/// Why a record could not be read.
#[derive(Debug)]
enum Failure {
    /// The stream failed: an I/O error, or corrupt compressed data.
    Io(io::Error),
    /// The bytes are not a well-formed record.
    Format(String),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Io(e)
    }
}

/// A record that could not be read: why, its header when it was read, and
/// the bytes of its block read so far (where the next record may be).
#[derive(Debug)]
struct Bad {
    failure: Failure,
    head: Option<Box<Head>>,
    block: Option<Vec<u8>>,
}

/// What a well-formed record is.
#[derive(Debug)]
enum Outcome {
    /// A document: its payload, or why it cannot be one.
    Document { head: Head, html: bool, charset: Option<&'static Encoding>, payload: Result<Vec<u8>, String> },
    /// Not a document, for this reason.
    Skipped(&'static str),
}

/// One record read from the stream, at byte `offset` of it.
#[derive(Debug)]
struct Record {
    offset: u64,
    result: Result<Outcome, Bad>,
}

/// Reads the next record; `None` at the end of the stream.
fn read_record<R: Read>(stream: &mut Reader<R>, max_bytes: u64) -> Option<Record> {
    if let Err(e) = stream.skip_newlines() {
        let bad = Bad { failure: Failure::Io(e), head: None, block: None };
        return Some(Record { offset: stream.consumed, result: Err(bad) });
    }
    let offset = stream.consumed;
    match stream.peek(1) {
        Ok([]) => return None,
        Ok(_) => {}
        Err(e) => return Some(Record { offset, result: Err(Bad { failure: e.into(), head: None, block: None }) }),
    }
    let head = match read_head(stream) {
        Ok(head) => head,
        Err(failure) => return Some(Record { offset, result: Err(Bad { failure, head: None, block: None }) }),
    };
    Some(Record { offset, result: read_block(stream, head, max_bytes) })
}

/// Reads a record's WARC header, through the blank line after it.
fn read_head<R: Read>(stream: &mut Reader<R>) -> Result<Head, Failure> {
    let first = stream.peek(64)?;
    if !starts_record(first) {
        let shown = String::from_utf8_lossy(&first[..first.len().min(20)]).into_owned();
        return Err(Failure::Format(format!("expected a WARC record (WARC/1.0), found {shown:?}")));
    }
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut line = Vec::new();
    let mut total = 0;
    // The version line, then the fields.
    let mut version = true;
    loop {
        line.clear();
        let n = stream.by_ref().take(MAX_HEAD - total).read_until(b'\n', &mut line)?;
        total += n as u64;
        if n == 0 || line.last() != Some(&b'\n') {
            return Err(Failure::Format(if total >= MAX_HEAD {
                "WARC header longer than 1 MiB".to_owned()
            } else {
                "truncated WARC record: the file ends inside its header".to_owned()
            }));
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if std::mem::take(&mut version) {
            continue;
        }
        if text.is_empty() {
            break;
        }
        if text.starts_with([' ', '\t']) {
            // A continuation of the field before (WARC 1.0's folding).
            if let Some((_, value)) = fields.last_mut() {
                value.push(' ');
                value.push_str(text.trim());
            }
        } else if let Some((name, value)) = text.split_once(':') {
            fields.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
        // A line without a colon is ignored: what matters is read or missed.
    }
    let mut head = Head::default();
    for (name, value) in fields {
        match name.as_str() {
            "warc-type" => head.kind = value.to_ascii_lowercase(),
            "warc-target-uri" => {
                let uri = value.strip_prefix('<').and_then(|v| v.strip_suffix('>')).unwrap_or(&value);
                head.target = Some(uri.to_owned()).filter(|uri| !uri.is_empty());
            }
            "warc-record-id" => head.id = Some(value),
            "warc-date" => head.date = Some(value),
            "content-type" => head.content_type = Some(value),
            "content-length" => head.length = value.parse().ok(),
            _ => {}
        }
    }
    Ok(head)
}

/// What a record's HTTP response header says.
#[derive(Debug, Default)]
struct Http {
    status: u16,
    content_type: Option<String>,
    transfer_encoding: Option<String>,
    content_encoding: Option<String>,
}

/// Reads a record's block, after its header: skipped, or a document.
fn read_block<R: Read>(stream: &mut Reader<R>, head: Head, max_bytes: u64) -> Result<Outcome, Bad> {
    let Some(length) = head.length else {
        let failure = Failure::Format("WARC record without a valid Content-Length".to_owned());
        return Err(Bad { failure, head: Some(Box::new(head)), block: None });
    };
    if head.kind != "response" {
        return skip_then(stream, length, head, Vec::new(), |head| {
            Outcome::Skipped(match head.kind.as_str() {
                "warcinfo" => "warcinfo",
                "request" => "request",
                "metadata" => "metadata",
                "revisit" => "revisit",
                "resource" => "resource",
                "conversion" => "conversion",
                "continuation" => "continuation",
                _ => "other record type",
            })
        });
    }
    // The HTTP header, when the block is an HTTP response.
    let mut block = Vec::new();
    let is_http = match stream.peek(5) {
        Ok(ahead) => ahead.starts_with(b"HTTP/"),
        Err(e) => return Err(Bad { failure: e.into(), head: Some(Box::new(head)), block: None }),
    };
    let media = if is_http {
        if let Err(e) = read_http_head(stream, length, &mut block) {
            return Err(Bad { failure: e.into(), head: Some(Box::new(head)), block: Some(block) });
        }
        if !ends_head(&block) && (block.len() as u64) < length {
            return skip_then(stream, length, head, block, |head| Outcome::Document {
                head,
                html: false,
                charset: None,
                payload: Err("malformed HTTP response in WARC record: its header has no end within 1 MiB".into()),
            });
        }
        let http = parse_http(&block);
        if !(200..300).contains(&http.status) {
            return skip_then(stream, length, head, block, |_| Outcome::Skipped("HTTP status not 2xx"));
        }
        Some(http)
    } else {
        None
    };
    let declared = match &media {
        Some(http) => http.content_type.as_deref(),
        None => head.content_type.as_deref(),
    };
    let (media_type, charset) = media_type(declared);
    let html = match media_type.as_str() {
        "text/html" | "application/xhtml+xml" => true,
        "text/plain" => false,
        _ => return skip_then(stream, length, head, block, |_| Outcome::Skipped("non-text payload")),
    };
    let head_len = block.len();
    if length - head_len as u64 > max_bytes {
        return skip_then(stream, length, head, block, |head| Outcome::Document {
            head,
            html,
            charset,
            payload: Err(format!("document larger than --max-bytes ({max_bytes} bytes)")),
        });
    }
    if let Err(e) = stream.by_ref().take(length - head_len as u64).read_to_end(&mut block) {
        return Err(Bad { failure: e.into(), head: Some(Box::new(head)), block: Some(block) });
    }
    if (block.len() as u64) < length {
        let failure = Failure::Format(format!(
            "truncated WARC record: the file ends after {} of its {length} bytes",
            block.len()
        ));
        return Err(Bad { failure, head: Some(Box::new(head)), block: Some(block) });
    }
    if let Err(failure) = check_end(stream, Some(&block)) {
        return Err(Bad { failure, head: Some(Box::new(head)), block: Some(block) });
    }
    let payload = block.split_off(head_len);
    let payload = match &media {
        Some(http) => undo_encodings(payload, http, max_bytes),
        None => Ok(payload),
    };
    Ok(Outcome::Document { head, html, charset, payload })
}

/// Skips the rest of a record's block (of which `read` has been read),
/// then gives `outcome`.
fn skip_then<R: Read>(
    stream: &mut Reader<R>,
    length: u64,
    head: Head,
    read: Vec<u8>,
    outcome: impl FnOnce(Head) -> Outcome,
) -> Result<Outcome, Bad> {
    match skip_block(stream, length, read) {
        Ok(()) => Ok(outcome(head)),
        Err((failure, block)) => Err(Bad { failure, head: Some(Box::new(head)), block }),
    }
}

/// Reads an HTTP response's header into `block`, through its blank line
/// (if it has one within the block's `length` bytes and 1 MiB).
fn read_http_head<R: Read>(stream: &mut Reader<R>, length: u64, block: &mut Vec<u8>) -> io::Result<()> {
    let limit = length.min(MAX_HEAD);
    while (block.len() as u64) < limit && !ends_head(block) {
        if stream.by_ref().take(limit - block.len() as u64).read_until(b'\n', block)? == 0 {
            break;
        }
    }
    Ok(())
}

/// Whether `block` ends with the blank line that ends an HTTP header.
fn ends_head(block: &[u8]) -> bool {
    block.ends_with(b"\n\n") || block.ends_with(b"\n\r\n")
}

/// The fields read from an HTTP response's header.
fn parse_http(head: &[u8]) -> Http {
    let text = String::from_utf8_lossy(head);
    let mut lines = text.lines();
    let status = lines.next().and_then(|line| line.split_whitespace().nth(1)).and_then(|s| s.parse().ok());
    let mut http = Http { status: status.unwrap_or(0), ..Http::default() };
    for line in lines {
        let Some((name, value)) = line.split_once(':') else { continue };
        let value = Some(value.trim().to_owned());
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => http.content_type = value,
            "transfer-encoding" => http.transfer_encoding = value,
            "content-encoding" => http.content_encoding = value,
            _ => {}
        }
    }
    http
}

/// A `Content-Type`'s media type, lowercased, and the encoding its
/// `charset` names, if it names one glaneur knows.
fn media_type(content_type: Option<&str>) -> (String, Option<&'static Encoding>) {
    let Some(content_type) = content_type else { return (String::new(), None) };
    let mut parts = content_type.split(';');
    let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = parts
        .filter_map(|p| p.split_once('='))
        .find(|(key, _)| key.trim().eq_ignore_ascii_case("charset"))
        .and_then(|(_, value)| Encoding::for_label(value.trim().trim_matches(['"', '\'']).as_bytes()));
    (media, charset)
}

/// Skips the rest of a record's block, of which `read` has been read, and
/// checks that a record ends there. On failure, gives the block as read
/// (when it was kept) to look for the next record in.
fn skip_block<R: Read>(
    stream: &mut Reader<R>,
    length: u64,
    mut read: Vec<u8>,
) -> Result<(), (Failure, Option<Vec<u8>>)> {
    let rest = length.saturating_sub(read.len() as u64);
    let (skipped, kept) = if length <= KEEP_SKIPPED {
        let before = read.len() as u64;
        match stream.by_ref().take(rest).read_to_end(&mut read) {
            Ok(_) => (read.len() as u64 - before, Some(read)),
            Err(e) => return Err((e.into(), Some(read))),
        }
    } else {
        match io::copy(&mut stream.by_ref().take(rest), &mut io::sink()) {
            Ok(n) => (n, None),
            Err(e) => return Err((e.into(), None)),
        }
    };
    if skipped < rest {
        let failure = Failure::Format(format!(
            "truncated WARC record: the file ends after {} of its {length} bytes",
            length - (rest - skipped)
        ));
        return Err((failure, kept));
    }
    check_end(stream, kept.as_deref()).map_err(|failure| (failure, kept))
}

/// Checks that a record whose block was `block` (when it was kept) ends
/// here: blank lines, then the end of the stream or the next record.
/// Consumes the blank lines only when it does.
fn check_end<R: Read>(stream: &mut Reader<R>, block: Option<&[u8]>) -> Result<(), Failure> {
    loop {
        let ahead = stream.peek(128)?;
        let blank = ahead.iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
        if blank == ahead.len() {
            stream.consume(blank);
            if blank == 0 {
                return Ok(());
            }
            continue;
        }
        let next = &ahead[blank..];
        // A next record whose version line is damaged (WARC fields follow
        // it, with no blank line between) is that record's error, not this
        // one's: unless this one's Content-Length ran into the next record.
        let field = memchr::memmem::find(next, b"\nWARC-");
        let blank_line =
            [memchr::memmem::find(next, b"\n\r\n"), memchr::memmem::find(next, b"\n\n")].into_iter().flatten().min();
        let damaged_next = field.is_some_and(|f| blank_line.is_none_or(|b| f < b))
            && block.is_some_and(|block| record_start_in(block, next).is_none());
        if starts_record(next) || damaged_next {
            stream.consume(blank);
            return Ok(());
        }
        return Err(Failure::Format(
            "WARC record whose Content-Length does not match its content (no record follows it)".to_owned(),
        ));
    }
}

/// The payload with its transfer-encoding (chunked) and content-encoding
/// (gzip, deflate, zstd) undone, at most `max_bytes`.
fn undo_encodings(payload: Vec<u8>, http: &Http, max_bytes: u64) -> Result<Vec<u8>, String> {
    let chunked = http
        .transfer_encoding
        .as_deref()
        .is_some_and(|te| te.split(',').any(|t| t.trim().eq_ignore_ascii_case("chunked")));
    let mut payload = if chunked { dechunk(&payload)? } else { payload };
    let codings: Vec<String> = http
        .content_encoding
        .as_deref()
        .unwrap_or("")
        .split(',')
        .map(|c| c.trim().to_ascii_lowercase())
        .filter(|c| !c.is_empty() && c != "identity")
        .collect();
    // Applied in order: undone last first.
    for coding in codings.iter().rev() {
        let mut decoded = Vec::new();
        let limit = max_bytes + 1;
        let result = match coding.as_str() {
            "gzip" | "x-gzip" => flate2::read::MultiGzDecoder::new(&payload[..]).take(limit).read_to_end(&mut decoded),
            "deflate" => {
                // zlib-wrapped as the standard says, or raw as some servers send it.
                flate2::read::ZlibDecoder::new(&payload[..]).take(limit).read_to_end(&mut decoded).or_else(|_| {
                    decoded.clear();
                    flate2::read::DeflateDecoder::new(&payload[..]).take(limit).read_to_end(&mut decoded)
                })
            }
            "zstd" => {
                zstd::stream::read::Decoder::new(&payload[..]).and_then(|d| d.take(limit).read_to_end(&mut decoded))
            }
            other => return Err(format!("payload in Content-Encoding {other}, which glaneur does not decode")),
        };
        if let Err(e) = result {
            return Err(format!("cannot decode the payload's Content-Encoding {coding}: {e}"));
        }
        if decoded.len() as u64 > max_bytes {
            return Err(format!("document larger than --max-bytes ({max_bytes} bytes)"));
        }
        payload = decoded;
    }
    Ok(payload)
}

/// A payload in chunked transfer-encoding, put together. A payload cut
/// short (`WARC-Truncated`) keeps what it has.
fn dechunk(mut body: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(body.len());
    while let Some(eol) = memchr::memchr(b'\n', body) {
        let line = String::from_utf8_lossy(&body[..eol]);
        let size = line.split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size, 16) else {
            return Err(format!("malformed chunked transfer-encoding: chunk size {size:?}"));
        };
        body = &body[eol + 1..];
        if size == 0 {
            break;
        }
        let take = size.min(body.len());
        out.extend_from_slice(&body[..take]);
        body = &body[take..];
        body = body.strip_prefix(b"\r\n").or_else(|| body.strip_prefix(b"\n")).unwrap_or(body);
    }
    Ok(out)
}

/// A buffered reader that can be given bytes back, and counts the bytes
/// consumed from it (less those given back).
struct Reader<R> {
    inner: R,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    /// Bytes consumed so far.
    consumed: u64,
}

impl<R: Read> Reader<R> {
    fn new(inner: R) -> Self {
        Reader { inner, buf: vec![0; BUFFER], pos: 0, end: 0, consumed: 0 }
    }

    fn into_inner(self) -> R {
        self.inner
    }

    /// The next `n` bytes, fewer only at the end of the stream, not consumed.
    fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        while self.end - self.pos < n {
            if self.pos > 0 {
                self.buf.copy_within(self.pos..self.end, 0);
                self.end -= self.pos;
                self.pos = 0;
            }
            if self.buf.len() < n {
                self.buf.resize(n, 0);
            }
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(0) => break,
                Ok(read) => self.end += read,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(&self.buf[self.pos..self.end.min(self.pos + n)])
    }

    /// Puts `bytes` back before what is left to read.
    fn unread(&mut self, bytes: &[u8]) {
        let mut buf = Vec::with_capacity((bytes.len() + self.end - self.pos).max(BUFFER));
        buf.extend_from_slice(bytes);
        buf.extend_from_slice(&self.buf[self.pos..self.end]);
        let filled = buf.len();
        buf.resize(filled.max(BUFFER), 0);
        (self.buf, self.pos, self.end) = (buf, 0, filled);
        self.consumed = self.consumed.saturating_sub(bytes.len() as u64);
    }

    /// Consumes the line ends (CR, LF) that come next.
    fn skip_newlines(&mut self) -> io::Result<()> {
        loop {
            let ahead = self.fill_buf()?;
            let blank = ahead.iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
            let all = blank == ahead.len();
            self.consume(blank);
            if !all || blank == 0 {
                return Ok(());
            }
        }
    }
}

impl<R: Read> Read for Reader<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let ahead = self.fill_buf()?;
        let n = ahead.len().min(out.len());
        out[..n].copy_from_slice(&ahead[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Reader<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos == self.end {
            (self.pos, self.end) = (0, 0);
            if self.buf.len() > BUFFER {
                // Back to its size after bytes given back.
                self.buf = vec![0; BUFFER];
            }
            loop {
                match self.inner.read(&mut self.buf) {
                    Ok(read) => {
                        self.end = read;
                        break;
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(&self.buf[self.pos..self.end])
    }

    fn consume(&mut self, n: usize) {
        let n = n.min(self.end - self.pos);
        self.pos += n;
        self.consumed += n as u64;
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use super::*;

    /// A WARC record of `kind` whose block is `block`.
    fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-03-14T09:26:53Z\r\n\
             WARC-Record-ID: <urn:uuid:{kind}-{}>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            uri.len(),
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    /// An HTTP response with these headers and body.
    fn http(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
        let mut out = format!("HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        out.extend_from_slice(body);
        out
    }

    fn response(uri: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
        let headers = format!("Content-Type: {content_type}\r\n");
        record("response", uri, "application/http; msgtype=response", &http("200 OK", &headers, body))
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).expect("in memory");
        encoder.finish().expect("in memory")
    }

    /// The documents read from `bytes`, and what was skipped.
    fn read(bytes: Vec<u8>, compression: Compression) -> (Vec<RawInput>, Vec<(&'static str, u64)>) {
        let skipped = Skipped::default();
        let records =
            Records::new("a.warc".into(), Box::new(Cursor::new(bytes)), compression, 1 << 20, skipped.clone());
        (records.collect(), skipped.counts())
    }

    /// Each document as `source => payload` or `source !! error`.
    fn shown(inputs: &[RawInput]) -> Vec<String> {
        inputs
            .iter()
            .map(|i| match &i.content {
                Ok(Content::Bytes(b)) => format!("{} => {}", i.source, String::from_utf8_lossy(b)),
                Ok(Content::Text(t)) => format!("{} => {t}", i.source),
                Err(e) => format!("{} !! {e}", i.source),
            })
            .collect()
    }

    fn archive() -> Vec<Vec<u8>> {
        vec![
            record("warcinfo", "", "application/warc-fields", b"software: test\r\n"),
            record("request", "https://a.fr/1", "application/http; msgtype=request", b"GET /1 HTTP/1.1\r\n\r\n"),
            response("https://a.fr/1", "text/html; charset=utf-8", b"<p>Un article</p>"),
            response("https://a.fr/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\0\0"),
            record("metadata", "https://a.fr/1", "application/warc-fields", b"via: x\r\n"),
            response("https://a.fr/2.txt", "text/plain", b"Un texte\r\n\r\nWARC/1.0 dedans"),
        ]
    }

    #[test]
    fn reads_the_text_responses_and_counts_the_rest() {
        let expected = vec![
            "https://a.fr/1 => <p>Un article</p>".to_owned(),
            "https://a.fr/2.txt => Un texte\r\n\r\nWARC/1.0 dedans".to_owned(),
        ];
        let counts = vec![("metadata", 1), ("non-text payload", 1), ("request", 1), ("warcinfo", 1)];
        let (plain, skipped) = read(archive().concat(), Compression::None);
        assert_eq!(shown(&plain), expected);
        assert_eq!(skipped, counts);
        let members: Vec<u8> = archive().iter().flat_map(|r| gzip(r)).collect();
        let (gzipped, skipped) = read(members, Compression::Gzip);
        assert_eq!(shown(&gzipped), expected);
        assert_eq!(skipped, counts);
        // One member for the whole file, as some tools write it.
        let (whole, _) = read(gzip(&archive().concat()), Compression::Gzip);
        assert_eq!(shown(&whole), expected);
        let first = &gzipped[0];
        assert!(first.html);
        assert_eq!(first.warc_record_id.as_deref(), Some("<urn:uuid:response-14>"));
        assert_eq!(first.date.as_deref(), Some("2025-03-14T09:26:53Z"));
        assert_eq!(first.charset, Some(encoding_rs::UTF_8));
        assert!(!gzipped[1].html);
    }

    #[test]
    fn a_truncated_or_corrupt_member_is_one_error_and_the_next_are_read() {
        let mut members: Vec<Vec<u8>> = archive().iter().map(|r| gzip(r)).collect();
        let whole = members[2].clone();
        // Cut the first response's member short, then garble the text one's middle.
        members[2].truncate(whole.len() * 2 / 3);
        let (inputs, _) = read(members.concat(), Compression::Gzip);
        let lines = shown(&inputs);
        assert_eq!(lines.len(), 2, "{lines:#?}");
        assert!(lines[0].contains("corrupt or truncated gzip member"), "{lines:#?}");
        assert!(lines[0].contains("(gzip member at byte "), "{lines:#?}");
        assert!(lines[1].starts_with("https://a.fr/2.txt => Un texte"), "{lines:#?}");

        let mut members: Vec<Vec<u8>> = archive().iter().map(|r| gzip(r)).collect();
        let middle = members[2].len() / 2;
        for byte in &mut members[2][middle - 4..middle + 4] {
            *byte ^= 0x5a;
        }
        let (inputs, skipped) = read(members.concat(), Compression::Gzip);
        let lines = shown(&inputs);
        assert_eq!(lines.len(), 2, "{lines:#?}");
        assert!(lines[0].contains("!! corrupt or truncated gzip member"), "{lines:#?}");
        assert!(lines[1].starts_with("https://a.fr/2.txt => "), "{lines:#?}");
        assert_eq!(skipped.iter().map(|(_, n)| n).sum::<u64>(), 4);
    }

    #[test]
    fn garbage_between_members_is_one_error() {
        let mut members: Vec<Vec<u8>> = archive().iter().map(|r| gzip(r)).collect();
        members.insert(2, b"not gzip at all, \x1f\x8b\x08 nor that".to_vec());
        let (inputs, _) = read(members.concat(), Compression::Gzip);
        let lines = shown(&inputs);
        assert_eq!(lines.len(), 3, "{lines:#?}");
        assert!(lines[0].starts_with("a.warc@"), "{lines:#?}");
        assert!(lines[0].contains("not gzip data"), "{lines:#?}");
        assert!(lines[1].starts_with("https://a.fr/1 => "), "{lines:#?}");
    }

    /// `archive()` with the first response's Content-Length changed by `by`.
    fn wrong_length(by: i64) -> Vec<Vec<u8>> {
        let mut records = archive();
        let text = String::from_utf8(records[2].clone()).expect("UTF-8");
        let (before, after) = text.split_once("Content-Length: ").expect("a length");
        let (length, after) = after.split_once("\r\n").expect("a line");
        let length = length.parse::<i64>().expect("a number") + by;
        records[2] = format!("{before}Content-Length: {length}\r\n{after}").into_bytes();
        records
    }

    #[test]
    fn a_wrong_content_length_is_one_error_and_the_next_are_read() {
        // Short, long by the record's end and the next one's first bytes,
        // long over the two records after.
        for by in [-7, 9, 300] {
            let records = wrong_length(by);
            let plain = read(records.concat(), Compression::None);
            let gzipped = read(records.iter().flat_map(|r| gzip(r)).collect(), Compression::Gzip);
            for (name, (inputs, skipped)) in [("plain", plain), ("gzip", gzipped)] {
                let lines = shown(&inputs);
                assert_eq!(lines.len(), 2, "{by} {name}: {lines:#?}");
                assert!(lines[0].starts_with("https://a.fr/1 !! "), "{by} {name}: {lines:#?}");
                assert!(lines[1].starts_with("https://a.fr/2.txt => Un texte"), "{by} {name}: {lines:#?}");
                // Every other record still read: in a plain file, those the
                // long length ran over are found again in the bytes it took.
                let total: u64 = skipped.iter().map(|(_, n)| n).sum();
                assert_eq!(total, 4, "{by} {name}: {skipped:?}");
            }
        }
    }

    #[test]
    fn a_file_cut_short_ends_with_an_error() {
        let records = archive();
        let last_at = records[..5].concat().len();
        let mut bytes = records.concat();
        bytes.truncate(bytes.len() - 12);
        let (inputs, _) = read(bytes, Compression::None);
        let lines = shown(&inputs);
        assert_eq!(lines.len(), 2, "{lines:#?}");
        assert!(lines[1].starts_with("https://a.fr/2.txt !! truncated WARC record"), "{lines:#?}");
        assert!(lines[1].ends_with(&format!("(WARC record at byte {last_at} of a.warc)")), "{lines:#?}");
    }

    #[test]
    fn transfer_and_content_encodings_are_undone() {
        let body = b"<p>Bonjour</p>";
        let mut chunked = Vec::new();
        let compressed = gzip(body);
        for part in compressed.chunks(5) {
            chunked.extend_from_slice(format!("{:x};ext=1\r\n", part.len()).as_bytes());
            chunked.extend_from_slice(part);
            chunked.extend_from_slice(b"\r\n");
        }
        chunked.extend_from_slice(b"0\r\n\r\n");
        let headers = "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n";
        let block = http("200 OK", headers, &chunked);
        let bytes = record("response", "https://a.fr/c", "application/http; msgtype=response", &block);
        let (inputs, _) = read(bytes, Compression::None);
        assert_eq!(shown(&inputs), ["https://a.fr/c => <p>Bonjour</p>"]);

        let headers = "Content-Type: text/html\r\nContent-Encoding: br\r\n";
        let bytes = record("response", "https://a.fr/b", "application/http", &http("200 OK", headers, b"x"));
        let (inputs, _) = read(bytes, Compression::None);
        assert_eq!(shown(&inputs), ["https://a.fr/b !! payload in Content-Encoding br, which glaneur does not decode"]);
    }

    #[test]
    fn redirects_revisits_and_unknown_types_are_skipped() {
        let redirect = http("301 Moved Permanently", "Location: /x\r\nContent-Type: text/html\r\n", b"<a>x</a>");
        let bytes = [
            record("response", "https://a.fr/r", "application/http; msgtype=response", &redirect),
            record("revisit", "https://a.fr/1", "application/http; msgtype=response", b"HTTP/1.1 200 OK\r\n\r\n"),
            record("novel", "https://a.fr/1", "text/plain", b"?"),
        ]
        .concat();
        let (inputs, skipped) = read(bytes, Compression::None);
        assert!(inputs.is_empty());
        assert_eq!(skipped, [("HTTP status not 2xx", 1), ("other record type", 1), ("revisit", 1)]);
    }

    #[test]
    fn charsets_and_sources() {
        let latin = response("<https://a.fr/é>", "text/html; charset=\"ISO-8859-1\"", b"caf\xe9");
        let resource = record("response", "", "text/plain", b"sans HTTP");
        let at = latin.len();
        let (inputs, _) = read([latin, resource].concat(), Compression::None);
        assert_eq!(inputs[0].source, "https://a.fr/é");
        assert_eq!(inputs[0].charset, Some(encoding_rs::WINDOWS_1252));
        // A response that is no HTTP message is its block, typed by the
        // record; with no target URI, it is named by its place in the file.
        assert_eq!(shown(&inputs[1..]), [format!("a.warc@{at} => sans HTTP")]);
    }

    #[test]
    fn zstd_warc_is_refused() {
        let skipped = Skipped::default();
        let records = Records::new("a.warc.zst".into(), Box::new(Cursor::new(vec![])), Compression::Zstd, 10, skipped);
        let lines = shown(&records.collect::<Vec<_>>());
        assert_eq!(
            lines,
            ["a.warc.zst !! WARC files compressed with zstd are not read: decompress it first (zstd -d)"]
        );
    }

    /// The lines of `archive()` but the one of record `damaged`.
    fn lines_but(damaged: usize) -> Vec<String> {
        let (inputs, _) = read(archive().concat(), Compression::None);
        let lines = shown(&inputs);
        match damaged {
            2 => lines[1..].to_vec(),
            5 => lines[..1].to_vec(),
            _ => lines,
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]

        #[test]
        fn any_bytes_are_read_to_the_end(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..1024)) {
            read(bytes.clone(), Compression::None);
            read(bytes, Compression::Gzip);
        }

        #[test]
        fn a_damaged_byte_costs_its_record_alone(
            damaged in 0..6usize,
            at in proptest::sample::select((0..400usize).collect::<Vec<_>>()),
            byte in proptest::num::u8::ANY,
            gzipped in proptest::bool::ANY,
        ) {
            let mut records = archive();
            let record = &mut records[damaged];
            if gzipped {
                *record = gzip(record);
            }
            let at = at % record.len();
            record[at] = byte;
            let bytes = if gzipped { records.iter().enumerate().flat_map(|(i, r)| if i == damaged { r.clone() } else { gzip(r) }).collect() } else { records.concat() };
            let (inputs, _) = read(bytes, if gzipped { Compression::Gzip } else { Compression::None });
            let lines = shown(&inputs);
            // Every other document is read as it was, and the damage gives
            // one line at most besides the undamaged ones.
            let expected = lines_but(damaged);
            let kept = lines.iter().filter(|l| expected.contains(l)).count();
            proptest::prop_assert_eq!(kept, expected.len(), "{:#?}", lines);
            let undamaged = lines_but(usize::MAX);
            proptest::prop_assert!(lines.iter().filter(|l| !undamaged.contains(l)).count() <= 1, "{:#?}", lines);
        }
    }

    #[test]
    fn the_reader_gives_bytes_back() {
        let mut reader = Reader::new(Cursor::new(b"abcdef".to_vec()));
        assert_eq!(reader.peek(3).unwrap(), b"abc");
        reader.consume(4);
        reader.unread(b"XY");
        let mut rest = String::new();
        reader.read_to_string(&mut rest).unwrap();
        assert_eq!(rest, "XYef");
        assert_eq!(reader.consumed, 6);
    }

    #[test]
    fn chunks() {
        assert_eq!(dechunk(b"3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n").unwrap(), b"abcde");
        assert_eq!(dechunk(b"5\r\nab").unwrap(), b"ab", "cut short: what it has");
        assert!(dechunk(b"zz\r\nab\r\n").is_err());
    }
}
