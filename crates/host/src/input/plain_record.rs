//! A quick read of a JSON Lines record in its usual form: one flat object
//! whose keys hold no escapes and whose values are strings (with the short
//! escapes: `\n`, `\"`…) or small non-negative integers, as dumps write
//! `{"id": 7, "text": "…"}`. serde_json built a map of every record, and
//! copied the text twice; this pass copies it once. Anything else (a
//! `\u` escape, a nested value, a negative or large number, a key met
//! twice, invalid UTF-8, any error) gets `None`, and the record is read
//! with serde_json, which decides and words the error.

/// What the host takes from a record.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct PlainRecord {
    /// The `id`, a string or an integer as serde_json prints it.
    pub id: Option<String>,
    /// `"format": "html"`.
    pub html: bool,
    /// The `text` string, if the record has one.
    pub text: Option<String>,
}

/// `line` read as [`PlainRecord`], or `None` when unsure.
pub(super) fn read(line: &[u8]) -> Option<PlainRecord> {
    // Every string serde_json reads must be UTF-8: checked once here, so
    // that the pieces cut at ASCII bytes below are `str`s (with SIMD: the
    // standard library's check was two fifths of the time spent reading).
    let line = simdutf8::basic::from_utf8(line).ok()?;
    let mut scan = Scan { text: line, at: 0 };
    let mut record = PlainRecord { id: None, html: false, text: None };
    let (mut id_seen, mut format_seen, mut text_seen) = (false, false, false);
    scan.skip_space();
    scan.eat(b'{').then_some(())?;
    scan.skip_space();
    if !scan.eat(b'}') {
        loop {
            let key = scan.plain_string()?;
            scan.skip_space();
            scan.eat(b':').then_some(())?;
            scan.skip_space();
            let value = scan.value()?;
            // A key met twice is left to serde (the last value wins there).
            let seen = match key {
                "id" => &mut id_seen,
                "format" => &mut format_seen,
                "text" => &mut text_seen,
                _ => &mut false,
            };
            if std::mem::replace(seen, true) {
                return None;
            }
            match (key, value) {
                ("id", Value::Str(id) | Value::Integer(id)) => record.id = Some(id),
                ("format", Value::Str(format)) => record.html = format == "html",
                ("text", Value::Str(text)) => record.text = Some(text),
                _ => {}
            }
            scan.skip_space();
            if scan.eat(b'}') {
                break;
            }
            scan.eat(b',').then_some(())?;
            scan.skip_space();
        }
    }
    scan.skip_space();
    (scan.at == line.len()).then_some(record)
}

/// A value read: a string unescaped, or an integer's digits.
enum Value {
    Str(String),
    Integer(String),
}

/// A cursor in the line.
struct Scan<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Scan<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    /// Skips JSON whitespace.
    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\t' | b'\r')) {
            self.at += 1;
        }
    }

    /// Takes `byte` if it is next.
    fn eat(&mut self, byte: u8) -> bool {
        let next = self.peek() == Some(byte);
        self.at += usize::from(next);
        next
    }

    /// Takes a string without escapes, giving its contents.
    fn plain_string(&mut self) -> Option<&'a str> {
        self.eat(b'"').then_some(())?;
        let start = self.at;
        let end = start + self.text.as_bytes()[start..].iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
        (self.text.as_bytes()[end] == b'"').then_some(())?;
        self.at = end + 1;
        self.text.get(start..end)
    }

    /// Takes a string or an integer.
    fn value(&mut self) -> Option<Value> {
        match self.peek()? {
            b'"' => self.string().map(Value::Str),
            b'0' => {
                self.at += 1;
                self.integer_ends().then(|| Value::Integer("0".to_owned()))
            }
            b'1'..=b'9' => {
                let start = self.at;
                while matches!(self.peek(), Some(b'0'..=b'9')) {
                    self.at += 1;
                }
                // At most 18 digits: a `u64` serde_json prints as written.
                (self.at - start <= 18 && self.integer_ends())
                    .then(|| Value::Integer(self.text[start..self.at].to_owned()))
            }
            _ => None,
        }
    }

    /// Whether the integer just read ends there (no fraction, no exponent).
    fn integer_ends(&self) -> bool {
        !matches!(self.peek(), Some(b'.' | b'e' | b'E' | b'0'..=b'9'))
    }

    /// Takes a string, unescaping the short escapes.
    fn string(&mut self) -> Option<String> {
        self.eat(b'"').then_some(())?;
        let bytes = self.text.as_bytes();
        let mut out = String::new();
        let mut start = self.at;
        loop {
            let end = start + memchr::memchr2(b'"', b'\\', &bytes[start..])?;
            let piece = self.text.get(start..end)?;
            // A raw control character is an error serde words (a fold, not
            // `any`, so that the compiler reads many bytes at a time).
            if piece.bytes().fold(false, |control, b| control | (b < 0x20)) {
                return None;
            }
            if bytes[end] == b'"' && out.is_empty() {
                // No escape: one copy, of the right size.
                self.at = end + 1;
                return Some(piece.to_owned());
            }
            if out.is_empty() {
                // Room for the rest of the line, which holds the string.
                out.reserve(bytes.len() - start);
            }
            out.push_str(piece);
            if bytes[end] == b'"' {
                self.at = end + 1;
                return Some(out);
            }
            out.push(match bytes.get(end + 1)? {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                _ => return None,
            });
            start = end + 2;
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use proptest::sample::select;

    use super::*;

    /// Values of every kind a record may hold, as JSON text.
    const VALUES: &[&str] = &[
        "\"a\"",
        "\"html\"",
        "\"\"",
        "\"é « x » 😀\"",
        "\"l\\none\\n\\ntwo \\\"q\\\" \\\\ \\/ \\t\\r\\b\\f\"",
        "\"\\u00e9\"",
        "\"\\x\"",
        "\"tab\there\"",
        "\"unterminated",
        "0",
        "7",
        "07",
        "-1",
        "-0",
        "1.5",
        "1e3",
        "123456789012345678",
        "1234567890123456789",
        "123456789012345678901234",
        "null",
        "true",
        "[1]",
        "{\"a\":1}",
    ];

    /// A member `"key": value` with whitespace around its parts.
    fn member() -> impl Strategy<Value = String> {
        let key = select(vec!["id", "text", "format", "x", "t\\u0065xt"]);
        let space = select(vec!["", " ", "\t", "\r\n"]);
        (key, select(VALUES), space.clone(), space).prop_map(|(k, v, a, b)| format!("{a}\"{k}\"{b}:{a}{v}{b}"))
    }

    /// What a record becomes: its source, HTML or not, its text or error.
    type Outcome = (String, bool, Result<String, String>);

    /// The [`Outcome`] of `input`.
    fn outcome(input: super::super::RawInput) -> Outcome {
        let content = input.content.map(|content| match content {
            super::super::Content::Text(text) => text,
            super::super::Content::Bytes(_) => unreachable!("records hold text"),
        });
        (input.source, input.html, content)
    }

    /// `line` as the host reads it (the quick read first), and as serde_json reads it.
    fn both(line: &str) -> (Outcome, Outcome) {
        let host = outcome(super::super::parse_record(line.as_bytes(), || "AT".into()));
        let serde = outcome(super::super::read_record(line.as_bytes(), || "AT".into()));
        (host, serde)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        /// A quick read gives what serde_json reads.
        #[test]
        fn a_quick_read_is_serdes_read(
            members in proptest::collection::vec(member(), 0..5),
            separator in select(vec![",", ", ", ";", ""]),
            around in select(vec![("", "\n"), (" ", " \r\n"), ("", " x"), ("", "}"), ("[", "]")]),
        ) {
            let line = format!("{}{{{}}}{}", around.0, members.join(separator), around.1);
            if read(line.as_bytes()).is_some() {
                let (host, serde) = both(&line);
                prop_assert_eq!(host, serde, "{}", line);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        /// A record is read exactly when its line is UTF-8 as the standard
        /// library says, and then its text is the line's: pieces of valid
        /// text (accents, an emoji), bytes that are never UTF-8, lone
        /// continuation bytes and cut sequences, inside a record's text.
        #[test]
        fn a_record_is_read_exactly_when_it_is_utf8(
            pieces in proptest::collection::vec(select(vec![
                &b"a"[..], b"\xc3\xa9", b"\xe2\x80\xaf", b"\xf0\x9f\x98\x80", b"\xc3", b"\xa9",
                b"\xe2\x80", b"\xf0\x9f", b"\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"0123456789abcdef",
            ]), 0..80),
        ) {
            let text = pieces.concat();
            let line = [&b"{\"text\": \""[..], &text, b"\"}"].concat();
            let read_text = read(&line).map(|record| record.text);
            let expected = std::str::from_utf8(&text).ok().map(|text| Some(text.to_owned()));
            prop_assert_eq!(read_text, expected);
        }
    }

    #[test]
    fn the_usual_records_are_read_quickly() {
        for line in [
            "{\"id\":0,\"text\":\"Sur les réseaux.\\n\\nShares rose \\\"12%\\\".\"}\n",
            "{\"id\": \"doc-7\", \"text\": \"abc\", \"format\": \"html\", \"lang\": \"fr\"}",
            "{\"text\": \"\"}",
            "{\"id\": 12}",
        ] {
            assert!(read(line.as_bytes()).is_some(), "{line}");
            let (host, serde) = both(line);
            assert_eq!(host, serde, "{line}");
        }
    }
}
