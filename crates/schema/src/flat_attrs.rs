//! A quick yes for entity attrs in their usual form: one flat JSON object
//! whose keys and strings hold no escapes; and a quick read of a few of
//! their strings ([`plain_strings`], for `string_attrs`), in that form only.
//!
//! [`crate::attrs::validate`] runs on every entity of a run; reading the
//! attrs with serde into the kind's struct (owned strings, a key matched
//! through a visitor) cost about 1,800 instructions an entity, the quick
//! check ([`check`]) about 950. It only says yes when serde would: anything
//! else (an escape, a nested value, any error) gets a no, and `validate`
//! then reads the attrs with serde, which decides and words the error.

use std::ops::Range;

use crate::json_text::next_escape;

mod check;

pub(crate) use check::quick_check;

/// What a known attribute's value must be, besides `null` where allowed.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// A string.
    Str,
    /// `true` or `false`.
    Bool,
    /// A number.
    Number,
    /// One of these strings (an enum's variants).
    OneOf(&'static [&'static str]),
}

/// A known attribute of a kind, as its attrs struct declares it.
#[derive(Debug, Clone, Copy)]
struct Field {
    key: &'static str,
    /// The key between its quotes and its colon, as [`KeyColon`] compares it.
    key_colon: KeyColon,
    expect: Expect,
    /// The key must be there (a plain field, or an `Option` read with `present`).
    required: bool,
    /// `null` is a value (an `Option`).
    nullable: bool,
}

impl Field {
    /// A plain field: there, and not null.
    const fn plain(key: &'static str, expect: Expect) -> Self {
        Field { key, key_colon: KeyColon::new(key), expect, required: true, nullable: false }
    }

    /// An `Option` read with `present`: there, and maybe null.
    const fn present(key: &'static str, expect: Expect) -> Self {
        Field { key, key_colon: KeyColon::new(key), expect, required: true, nullable: true }
    }

    /// An `Option` with a default: absent, null, or a value.
    const fn optional(key: &'static str, expect: Expect) -> Self {
        Field { key, key_colon: KeyColon::new(key), expect, required: false, nullable: true }
    }
}

/// A key between its quotes and the colon after it (`"value":`), as words
/// of eight bytes (little-endian) and the masks of their bytes that hold
/// it: a key is found in a few operations rather than a call to compare
/// bytes.
#[derive(Debug, Clone, Copy)]
struct KeyColon {
    words: [u64; KEY_WORDS],
    masks: [u64; KEY_WORDS],
}

/// The words a key with its quotes and colon takes at most: keys of up to
/// 21 bytes.
const KEY_WORDS: usize = 3;

impl KeyColon {
    /// `key` quoted, then a colon; it must hold at most 21 bytes (a build
    /// error otherwise).
    const fn new(key: &str) -> Self {
        let key = key.as_bytes();
        let len = key.len() + 3;
        assert!(len <= 8 * KEY_WORDS, "a known key is too long to compare quickly");
        let (mut words, mut masks) = ([0; KEY_WORDS], [0; KEY_WORDS]);
        let mut at = 0;
        while at < len {
            let byte = match at {
                0 => b'"',
                _ if at == len - 2 => b'"',
                _ if at == len - 1 => b':',
                _ => key[at - 1],
            };
            words[at / 8] |= (byte as u64) << (8 * (at % 8));
            masks[at / 8] |= 0xFF << (8 * (at % 8));
            at += 1;
        }
        KeyColon { words, masks }
    }

    /// Whether `bytes` start with the quoted key and its colon; `None`
    /// when they are too short to compare this way (`8 * KEY_WORDS` bytes).
    #[inline(always)]
    fn starts(&self, bytes: &[u8]) -> Option<bool> {
        let ahead = bytes.get(..8 * KEY_WORDS)?;
        let mut differ = 0;
        for k in 0..KEY_WORDS {
            let mut word = [0; 8];
            word.copy_from_slice(&ahead[8 * k..8 * k + 8]);
            differ |= (u64::from_le_bytes(word) ^ self.words[k]) & self.masks[k];
        }
        Some(differ == 0)
    }
}

/// The known attributes of `kind`, field for field as its struct in
/// [`crate::attrs`] reads them; `None` for a kind the host does not check.
fn fields(kind: &str) -> Option<&'static [Field]> {
    use Expect::*;
    const MONEY: &[Field] = &[
        Field::plain("value", Number),
        Field::optional("max", Number),
        Field::present("currency", Str),
        Field::plain("currency_inferred", Bool),
        Field::present("qualifier", OneOf(&["approx", "over", "under"])),
    ];
    const ORGANIZATION: &[Field] = &[Field::plain("canonical", Str)];
    const QUOTATION: &[Field] = &[
        Field::plain("content", Str),
        Field::present("speaker", Str),
        Field::optional("form", OneOf(&["speech", "term"])),
    ];
    const AI_MODEL: &[Field] =
        &[Field::plain("canonical", Str), Field::present("family", Str), Field::present("vendor", Str)];
    const PERSON: &[Field] = &[Field::plain("canonical", Str), Field::optional("gender", OneOf(&["f", "m"]))];
    match kind {
        "money" => Some(MONEY),
        "organization" => Some(ORGANIZATION),
        "quotation" => Some(QUOTATION),
        "ai_model" => Some(AI_MODEL),
        "person" => Some(PERSON),
        _ => None,
    }
}

/// A scalar JSON value, as written.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Scalar<'a> {
    /// A string's contents (no escapes).
    Str(&'a [u8]),
    Null,
    Bool,
    /// A number's text.
    Number(&'a [u8]),
}

/// A kind's known fields, looked up by its name once (the host resolves
/// each declared kind when it loads the plugins), not once per entity.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Table {
    /// The fields [`fields`] gives, none for a kind the host does not check.
    fields: &'static [Field],
    /// The fields that must be there, a bit each (bit `i` for `fields[i]`).
    required: u8,
    /// The fields' keys, a bit each ([`key_mark`]): most other keys
    /// (`rule`, `category`) are told apart by it alone, without comparing
    /// them with each field's.
    keys: u64,
    /// The kind is `money`, whose amounts and currency are checked too.
    money: bool,
}

impl Table {
    /// The table of `kind`.
    pub(crate) fn of(kind: &str) -> Self {
        let fields = fields(kind).unwrap_or_default();
        let required = fields.iter().enumerate().filter(|(_, f)| f.required).fold(0, |bits, (i, _)| bits | 1 << i);
        let keys = fields.iter().fold(0, |bits, f| bits | key_mark(f.key.as_bytes()));
        Table { fields, required, keys, money: kind == "money" }
    }
}

/// The bit of `key` in [`Table::keys`]: its length and last byte, mixed.
/// Length alone told `rule` from a quotation's fields' keys only by
/// comparing it with `form`'s.
#[inline(always)]
fn key_mark(key: &[u8]) -> u64 {
    let last = usize::from(key.last().copied().unwrap_or(0));
    1 << (key.len().wrapping_mul(8).wrapping_add(last) % 64)
}

/// Whether `json` is plainly valid attrs for `kind`: true only when
/// [`crate::attrs::validate`] accepts it; false when unsure.
#[cfg(test)]
pub(crate) fn plainly_valid(kind: &str, json: &str) -> bool {
    quick_check(Table::of(kind), json).is_some()
}

/// The string values of `keys` in `json`, borrowed from it (`None` for a
/// key missing or not a string), when `json` is one flat object whose keys
/// and strings hold no escapes (the usual attrs): what
/// [`crate::entity::string_attrs`] reads, without serde nor a copy. `None`
/// when unsure (an escape, a nested value, a wanted number serde might find
/// out of range, anything after the object): the caller then reads the
/// attrs with serde, which decides and words the error. A key given twice
/// takes its last value, as serde's reading does.
pub(crate) fn plain_strings<'a, const N: usize>(json: &'a str, keys: &[&str; N]) -> Option<[Option<&'a str>; N]> {
    let mut out = [None; N];
    members(json, |key, value, span| {
        if let Some(i) = keys.iter().position(|k| k.as_bytes() == key) {
            out[i] = match value {
                // Between its quotes (ASCII, so on character boundaries).
                Scalar::Str(_) => Some(json.get(span.start + 1..span.end - 1)?),
                Scalar::Null | Scalar::Bool => None,
                Scalar::Number(n) if short_number(n) => None,
                // serde reads a wanted number as a value, and may refuse it (`1e400`).
                Scalar::Number(_) => return None,
            };
        }
        Some(())
    })?;
    Some(out)
}

/// A number written as a few digits (a JSON number: no leading zero but
/// `0` itself) as serde reads it into an `f64`: its integer, converted
/// once and exactly (below 2^53); `None` for any other number.
fn small_integer(n: &[u8]) -> Option<f64> {
    if n.is_empty() || n.len() > 15 {
        return None;
    }
    let mut value = 0u64;
    for &b in n {
        if !b.is_ascii_digit() {
            return None;
        }
        value = value * 10 + u64::from(b - b'0');
    }
    Some(value as f64)
}

/// Whether a number, as JSON writes it, is one serde reads into any type
/// without finding it out of range: short, without an exponent.
fn short_number(n: impl AsRef<[u8]>) -> bool {
    let n = n.as_ref();
    n.len() <= 20 && !n.iter().any(|b| matches!(b, b'e' | b'E'))
}

/// Reads `json` as one flat object (`{"key": scalar, …}`, whitespace
/// around its tokens), giving `member` each key, its value and the value's
/// byte span in order: `None` when `json` is anything else (an escape, a
/// nested value, text after the object) or when `member` gives `None`.
#[inline]
fn members<'a>(json: &'a str, mut member: impl FnMut(&'a [u8], Scalar<'a>, Range<usize>) -> Option<()>) -> Option<()> {
    walk(json, |scan| {
        let key = scan.string()?;
        if !scan.colon() {
            return None;
        }
        let from = scan.at;
        let value = scan.scalar()?;
        member(key, value, from..scan.at)
    })
}

/// Reads `json` as one flat object, `member` reading each member (its key,
/// the colon, its value) with the cursor at its key: `None` when `json`
/// is anything else or when `member` gives `None`.
#[inline(always)]
fn walk<'a>(json: &'a str, mut member: impl FnMut(&mut Scan<'a>) -> Option<()>) -> Option<()> {
    let mut scan = Scan { bytes: json.as_bytes(), at: 0 };
    scan.skip_space();
    if !scan.eat(b'{') {
        return None;
    }
    scan.skip_space();
    if !scan.eat(b'}') {
        loop {
            member(&mut scan)?;
            scan.skip_space();
            if scan.eat(b'}') {
                break;
            }
            if !scan.eat(b',') {
                return None;
            }
            scan.skip_space();
        }
    }
    scan.skip_space();
    (scan.at == json.len()).then_some(())
}

/// A cursor in JSON text; each reader gives `None` (or false) on anything
/// it does not take, leaving the cursor anywhere.
struct Scan<'a> {
    bytes: &'a [u8],
    at: usize,
}

// The readers are inlined into both passes: with two callers, LLVM left
// `scalar` out of line, and validation took a tenth longer.
impl<'a> Scan<'a> {
    #[inline]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Skips JSON whitespace.
    #[inline]
    fn skip_space(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// Takes `byte` if it is next.
    #[inline]
    fn eat(&mut self, byte: u8) -> bool {
        let next = self.peek() == Some(byte);
        self.at += usize::from(next);
        next
    }

    /// Takes `word` if it is next.
    fn eat_word(&mut self, word: &str) -> bool {
        let next = self.bytes[self.at..].starts_with(word.as_bytes());
        self.at += if next { word.len() } else { 0 };
        next
    }

    /// Takes the `:` after a key, with the whitespace around it.
    #[inline]
    fn colon(&mut self) -> bool {
        self.skip_space();
        let colon = self.eat(b':');
        self.skip_space();
        colon
    }

    /// Takes a string without escapes, giving its contents.
    #[inline(always)]
    fn string(&mut self) -> Option<&'a [u8]> {
        self.string_span().map(|span| &self.bytes[span])
    }

    /// Takes a string without escapes, giving where its contents are (a
    /// `str` sliced there stays on character boundaries: quotes are ASCII).
    #[inline(always)]
    fn string_span(&mut self) -> Option<Range<usize>> {
        if !self.eat(b'"') {
            return None;
        }
        let start = self.at;
        let end = next_escape(self.bytes, start)?;
        // The first byte to escape must be the closing quote: a backslash
        // or a control character is left to serde.
        (self.bytes[end] == b'"').then(|| {
            self.at = end + 1;
            start..end
        })
    }

    /// Takes a string, `null`, `true`, `false` or a number.
    #[inline(always)]
    fn scalar(&mut self) -> Option<Scalar<'a>> {
        match self.peek()? {
            b'"' => self.string().map(Scalar::Str),
            b'n' => self.eat_word("null").then_some(Scalar::Null),
            b't' => self.eat_word("true").then_some(Scalar::Bool),
            b'f' => self.eat_word("false").then_some(Scalar::Bool),
            b'-' | b'0'..=b'9' => self.number().map(Scalar::Number),
            _ => None,
        }
    }

    /// Takes a number as JSON writes it: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    fn number(&mut self) -> Option<&'a [u8]> {
        let start = self.at;
        self.eat(b'-');
        match self.peek()? {
            b'0' => self.at += 1,
            b'1'..=b'9' => self.digits(),
            _ => return None,
        }
        if self.eat(b'.') && !self.digits_after() {
            return None;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            if !self.digits_after() {
                return None;
            }
        }
        Some(&self.bytes[start..self.at])
    }

    /// Skips digits.
    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
    }

    /// Skips digits, saying whether there was at least one.
    fn digits_after(&mut self) -> bool {
        let start = self.at;
        self.digits();
        self.at > start
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attrs::{check_money, read_and_check, KNOWN_KINDS};
    use proptest::prelude::*;
    use proptest::sample::select;

    /// The most known attributes a kind has.
    const MOST_FIELDS: usize = 5;

    /// The quick check as it was first written, kept as the reference the
    /// one-pass [`quick_check`] must match answer for answer: a generic
    /// walk of the object, each value then matched against its field.
    fn reference_check(table: Table, json: &str) -> Option<bool> {
        let fields = table.fields;
        // The value of each of `fields` met (serde refuses a known key twice).
        let mut found: [Option<Scalar<'_>>; MOST_FIELDS] = [None; MOST_FIELDS];
        let walked = walk(json, |scan| {
            let key = scan.string()?;
            let i = fields.iter().position(|f| f.key.as_bytes() == key);
            if !scan.colon() {
                return None;
            }
            let value = scan.scalar()?;
            if let Some(i) = i {
                if found[i].is_some() || !fits(&fields[i], value) {
                    return None;
                }
                found[i] = Some(value);
            }
            Some(())
        });
        let missing = fields.iter().zip(&found).any(|(f, value)| f.required && value.is_none());
        let (Some(()), false) = (walked, missing) else { return None };
        // A string `walk` takes holds no raw control byte: a line break is
        // whitespace between tokens.
        let broken = json.contains(['\n', '\r']);
        let bytes = json.as_bytes();
        let compact = !broken && bytes.first() == Some(&b'{') && bytes.last() == Some(&b'}');
        if !table.money {
            return Some(compact);
        }
        // The amounts as serde reads an `f64`, so that the checks see the same
        // values; `value`, `max` and `currency` come first in `MONEY`.
        let amount = |value| match value {
            Some(Scalar::Number(n)) => small_integer(n).or_else(|| serde_json::from_slice::<f64>(n).ok()).map(Some),
            _ => Some(None),
        };
        let (Some(Some(value)), Some(max)) = (amount(found[0]), amount(found[1])) else { return None };
        let currency = match found[2] {
            Some(Scalar::Str(code)) => Some(std::str::from_utf8(code).ok()?),
            _ => None,
        };
        check_money(value, max, currency).is_ok().then_some(compact)
    }

    /// Whether `value` is one that `field` takes.
    fn fits(field: &Field, value: Scalar<'_>) -> bool {
        match (field.expect, value) {
            (_, Scalar::Null) => field.nullable,
            (Expect::Str, Scalar::Str(_)) | (Expect::Bool, Scalar::Bool) | (Expect::Number, Scalar::Number(_)) => true,
            (Expect::OneOf(variants), Scalar::Str(s)) => variants.iter().any(|v| v.as_bytes() == s),
            _ => false,
        }
    }

    /// Keys of every known kind, and others.
    const KEYS: &[&str] = &[
        "value",
        "max",
        "currency",
        "currency_inferred",
        "qualifier",
        "canonical",
        "content",
        "speaker",
        "form",
        "family",
        "vendor",
        "gender",
        "rule",
        "x",
    ];

    /// Values of every type a field takes, and of none, as JSON text.
    const VALUES: &[&str] = &[
        "null",
        "true",
        "false",
        "nul",
        "0",
        "-0",
        "7",
        "01",
        "-3",
        "2.5",
        "2.",
        ".5",
        "1e3",
        "1E+2",
        "1e-2",
        "1e",
        "1e400",
        "-",
        "12345678901234567890123",
        "30000000",
        "999999999999999",
        "9999999999999999",
        "0.1",
        "\"\"",
        "\"EUR\"",
        "\"eur\"",
        "\"EURO\"",
        "\"approx\"",
        "\"many\"",
        "\"over\"",
        "\"under\"",
        "\"speech\"",
        "\"term\"",
        "\"f\"",
        "\"m\"",
        "\"x\\\"y\"",
        "\"\\u0045UR\"",
        "\"a\tb\"",
        "\"Mistral AI\"",
        "\"é « x »\"",
        "[]",
        "[1]",
        "{}",
        "{\"a\":1}",
        "\"unterminated",
    ];

    /// A key and a value with whitespace around them, and whether the
    /// value is a scalar without escapes (what the quick check reads).
    fn member() -> impl Strategy<Value = (String, bool)> {
        let space = select(vec!["", " ", "\n", "\t", "\r\n "]);
        (select(KEYS), select(VALUES), space.clone(), space).prop_map(|(k, v, a, b)| {
            let plain = !v.starts_with(['[', '{']) && !v.contains('\\');
            (format!("{a}\"{k}\"{b}:{a}{v}{b}"), plain)
        })
    }

    /// An object of [`member`]s, or text that is almost one (a wrong
    /// separator, text around it): its text, whether every member is
    /// plain, the members, and whether nothing surrounds it.
    fn object() -> impl Strategy<Value = (String, bool, Vec<String>, bool)> {
        let separator = select(vec![",", ",", ",", ", ", ";", ""]);
        let around = select(vec![("", ""), (" ", "\n"), ("", " x"), ("", "}"), ("[", "]")]);
        (proptest::collection::vec(member(), 0..7), separator, around).prop_map(|(members, separator, around)| {
            let plain = members.iter().all(|(_, plain)| *plain);
            let members: Vec<String> = members.into_iter().map(|(member, _)| member).collect();
            let json = format!("{}{{{}}}{}", around.0, members.join(separator), around.1);
            (json, plain, members, around == ("", ""))
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        /// The quick check says yes only when serde does, and does on every
        /// flat object without escapes that serde takes.
        #[test]
        fn a_quick_yes_is_serdes_yes(
            kind in select([KNOWN_KINDS, &["percentage"]].concat()),
            (json, plain, _, _) in object(),
        ) {
            let quick = plainly_valid(kind, &json);
            prop_assert_eq!(quick_check(Table::of(kind), &json), reference_check(Table::of(kind), &json), "{} {}", kind, json);
            let full = read_and_check(kind, &json);
            // Attrs seen compact are those the output keeps as they are.
            if let Some(compact) = quick_check(Table::of(kind), &json) {
                let kept = json.trim().len() == json.len() && !json.contains(['\n', '\r']);
                prop_assert_eq!(compact, kept, "{} {}", kind, json);
            }
            if quick {
                prop_assert!(full.is_ok(), "{kind} {json}: {full:?}");
            }
            if full.is_ok() && plain && json.starts_with('{') {
                prop_assert!(quick, "{kind} {json}");
            }
        }

        /// Strings read without serde are serde's: every answer
        /// `plain_strings` gives is `string_attrs`' answer, and it gives
        /// one on every flat object without escapes with no number under a
        /// wanted key.
        #[test]
        fn plain_strings_are_serdes((json, plain, members, bare) in object()) {
            let keys = ["canonical", "gender", "value"];
            // A number under a wanted key that serde might find out of
            // range is left to serde.
            let number = members.iter().any(|m| {
                type Raw = std::collections::HashMap<String, Box<serde_json::value::RawValue>>;
                serde_json::from_str::<Raw>(&format!("{{{m}}}")).is_ok_and(|map| {
                    map.iter().any(|(k, v)| {
                        let v = v.get().trim();
                        keys.contains(&k.as_str()) && v.starts_with(['-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']) && !short_number(v)
                    })
                })
            });
            let full = strings_read_by_serde(&json, &keys);
            let quick = plain_strings(&json, &keys);
            if let Some(quick) = quick {
                let full = full.clone().map_err(|e| format!("{json}: {e}"));
                prop_assert_eq!(Ok(quick.map(|v| v.map(str::to_owned))), full);
            }
            if full.is_ok() && plain && bare && !number {
                prop_assert!(quick.is_some(), "{}", json);
            }
        }

        /// The same, on valid attrs with one value changed, or one key
        /// dropped, or one member added.
        #[test]
        fn a_quick_yes_is_serdes_yes_near_valid_attrs(
            template in select(TEMPLATES),
            at in 0..6usize,
            change in 0..3u8,
            value in select(VALUES),
            (extra, extra_plain) in member(),
        ) {
            let (kind, members) = template;
            let at = at % members.len();
            let mut written: Vec<String> = members.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
            let mut plain = true;
            match change {
                0 => {
                    written[at] = format!("\"{}\":{value}", members[at].0);
                    plain = !value.starts_with(['[', '{']) && !value.contains('\\');
                }
                1 => drop(written.remove(at)),
                _ => {
                    written.insert(at, extra);
                    plain = extra_plain;
                }
            }
            let json = format!("{{{}}}", written.join(","));
            prop_assert_eq!(quick_check(Table::of(kind), &json), reference_check(Table::of(kind), &json), "{} {}", kind, json);
            let full = read_and_check(kind, &json);
            if plainly_valid(kind, &json) {
                prop_assert!(full.is_ok(), "{kind} {json}: {full:?}");
            }
            if full.is_ok() && plain {
                prop_assert!(plainly_valid(kind, &json), "{kind} {json}");
            }
        }
    }

    proptest! {
        /// A number of a few digits is read as serde reads it into an `f64`.
        #[test]
        fn small_integers_are_read_as_serde_reads_them(n in 0..100_000_000_000_000_000u64, digits in 1..18usize) {
            let text = n.to_string();
            let text = &text[..digits.min(text.len())];
            let serde = serde_json::from_str::<f64>(text).ok();
            prop_assert_eq!(small_integer(text.as_bytes()), serde.filter(|_| text.len() <= 15));
        }
    }

    /// Values a flat object without escapes holds, as JSON text.
    const PLAIN_VALUES: &[&str] =
        &["null", "true", "false", "0", "-3", "2.5", "\"\"", "\"EUR\"", "\"Mistral AI\"", "\"é « x »\""];

    /// `keys` read by serde, as `string_attrs` reads them when unsure.
    fn strings_read_by_serde<const N: usize>(json: &str, keys: &[&str; N]) -> Result<[Option<String>; N], String> {
        let entity = crate::FfiEntity {
            kind: "x".into(),
            start: 0,
            end: 0,
            confidence: 1.0,
            attrs: json.into(),
            extractor: "".into(),
        };
        crate::entity::string_attrs_by_serde(&entity, keys)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]

        /// Every flat object without escapes is read quickly.
        #[test]
        fn flat_objects_are_read_quickly(
            members in proptest::collection::vec((select(KEYS), select(PLAIN_VALUES), select(vec!["", " ", "\n\t"])), 0..7),
        ) {
            let written: Vec<String> = members.iter().map(|(k, v, space)| format!("{space}\"{k}\"{space}:{space}{v}{space}")).collect();
            let json = format!("{{{}}}", written.join(","));
            let keys = ["canonical", "currency", "rule"];
            let quick = plain_strings(&json, &keys).map(|found| found.map(|v| v.map(str::to_owned)));
            prop_assert_eq!(quick.ok_or(()), strings_read_by_serde(&json, &keys).map_err(|_| ()), "{}", json);
        }
    }

    /// Valid attrs of each kind, as (key, value) pairs.
    const TEMPLATES: &[(&str, &[(&str, &str)])] = &[
        (
            "money",
            &[
                ("value", "7"),
                ("max", "9.5"),
                ("currency", "\"EUR\""),
                ("currency_inferred", "false"),
                ("qualifier", "\"approx\""),
                ("rule", "\"r\""),
            ],
        ),
        ("organization", &[("canonical", "\"x\""), ("category", "\"c\""), ("rule", "\"r\"")]),
        (
            "quotation",
            &[
                ("content", "\"x\""),
                ("speaker", "null"),
                ("form", "\"term\""),
                ("implicit", "false"),
                ("rule", "\"r\""),
            ],
        ),
        ("ai_model", &[("canonical", "\"o3\""), ("family", "\"o\""), ("vendor", "null"), ("type", "\"llm\"")]),
        ("person", &[("canonical", "\"Ada\""), ("gender", "\"m\""), ("rule", "\"r\"")]),
        ("percentage", &[("value", "12.5"), ("rule", "\"single\"")]),
    ];

    /// The one-pass check answers as the reference does on valid attrs of
    /// every kind (with the usual keys and unknown ones, in order or not,
    /// with or without optional ones) and on each of them with one byte
    /// dropped, replaced or added anywhere, or cut short.
    #[test]
    fn the_quick_check_answers_as_the_reference_on_every_edit() {
        let mut cases = 0;
        for (kind, members) in TEMPLATES {
            let table = Table::of(kind);
            let written: Vec<String> = members.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
            let mut shapes = vec![written.clone(), written.iter().rev().cloned().collect()];
            shapes.extend(
                (0..written.len()).map(|skip| {
                    written.iter().enumerate().filter(|&(k, _)| k != skip).map(|(_, m)| m.clone()).collect()
                }),
            );
            for shape in shapes {
                let json = format!("{{{}}}", shape.join(","));
                let bytes = json.as_bytes();
                let mut edits = vec![bytes.to_vec()];
                for at in 0..=bytes.len() {
                    edits.push(bytes[..at].to_vec());
                    for byte in *b" \n\r\t\"\\,:{}[]x0-.e9ntf" {
                        let mut added = bytes.to_vec();
                        added.insert(at, byte);
                        edits.push(added);
                        if at < bytes.len() {
                            let mut replaced = bytes.to_vec();
                            replaced[at] = byte;
                            edits.push(replaced);
                        }
                    }
                    if at < bytes.len() {
                        let mut dropped = bytes.to_vec();
                        dropped.remove(at);
                        edits.push(dropped);
                    }
                }
                for edit in edits {
                    let Ok(json) = std::str::from_utf8(&edit) else { continue };
                    assert_eq!(quick_check(table, json), reference_check(table, json), "{kind} {json}");
                    cases += 1;
                }
            }
        }
        assert!(cases > 10_000, "{cases}");
    }

    /// The keys the shipped plugins add to each kind's are told apart from
    /// its fields' by their mark alone (a speed matter: a shared mark only
    /// costs a comparison with each field's key).
    #[test]
    fn added_keys_are_told_apart_by_their_mark() {
        let added: &[(&str, &[&str])] = &[
            ("money", &["rule"]),
            ("organization", &["category", "rule"]),
            ("quotation", &["implicit", "rule"]),
            ("ai_model", &["type", "rule"]),
            ("person", &["rule"]),
        ];
        for (kind, keys) in added {
            let table = Table::of(kind);
            for key in *keys {
                assert_eq!(table.keys & key_mark(key.as_bytes()), 0, "{kind} {key}");
            }
        }
    }

    #[test]
    fn the_usual_attrs_get_a_quick_yes() {
        let usual = [
            ("money", r#"{"value":30000000,"currency":"USD","currency_inferred":false,"qualifier":null,"rule":"d"}"#),
            ("money", r#"{"value":2.5,"max":3,"currency":null,"currency_inferred":true,"qualifier":"over"}"#),
            ("organization", r#"{"canonical":"OpenAI","category":"ai_lab","rule":"gazetteer"}"#),
            ("quotation", r#"{"content":"« x »","speaker":null,"form":"speech","implicit":false,"rule":"r"}"#),
            ("person", r#"{"canonical":"Ada Lovelace","gender":"f","rule":"r"}"#),
            ("ai_model", r#"{"canonical":"GPT-4o","family":"GPT","vendor":null,"type":"llm","rule":"r"}"#),
            ("percentage", r#"{"value":12.5,"rule":"single"}"#),
        ];
        for (kind, json) in usual {
            assert!(plainly_valid(kind, json), "{kind} {json}");
        }
        let unusual = [
            ("money", r#"{"value":5,"max":2,"currency":null,"currency_inferred":false,"qualifier":null}"#),
            ("money", r#"{"value":1,"currency":"dollars","currency_inferred":false,"qualifier":null}"#),
            ("money", r#"{"value":-1,"currency":null,"currency_inferred":false,"qualifier":null}"#),
            ("organization", r#"{"canonical":"OpenAI","canonical":"OpenAI"}"#),
            ("organization", r#"{"canonical":"Open\"AI"}"#),
            ("percentage", r#"{"value":[12]}"#),
        ];
        for (kind, json) in unusual {
            assert!(!plainly_valid(kind, json), "{kind} {json}");
        }
    }
}
