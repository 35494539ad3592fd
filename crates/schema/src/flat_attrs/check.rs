//! The quick check of one entity's attrs against its kind's fields, in one
//! pass: each key compared with the field expected next (its quotes and
//! the colon after it as a few masked words), each value read as that
//! field's type, the fields met kept as bits. Whitespace between tokens is
//! taken where it is found, at the cost of one comparison where it is not
//! (plugins write their attrs compact).
//!
//! This runs on every entity of a run: the walk it replaced (generic
//! readers, then each value matched against its field) cost about 1,000
//! instructions an entity.

use std::ops::Range;

use super::{key_mark, small_integer, Expect, Field, Table};
use crate::attrs::check_money;
use crate::json_text::next_escape;

/// `Some` when `json` is plainly valid attrs for the kind of `table` (only
/// when [`crate::attrs::validate`] accepts it; `None` when unsure), saying
/// whether it is also compact: `{` first, `}` last, no line break (strings
/// without escapes hold no control character, so only the whitespace
/// between tokens could break a line), which is how the output keeps it.
// Out of line: inlined into the host's `check`, an earlier form cost that
// a tenth more, the loop's values spilled.
#[inline(never)]
pub(crate) fn quick_check(table: Table, json: &str) -> Option<bool> {
    let fields = table.fields;
    let mut at = Cursor { bytes: json.as_bytes(), at: 0, spaced: false };
    // The fields met, a bit each (serde refuses a known key twice).
    let mut seen = 0u8;
    // The field expected next: plugins write their attrs in the order of
    // their fields, so a key is most often this one or one after it.
    let mut next = 0;
    // Where money's amounts and currency (its first three fields) are
    // written, when given.
    let mut money: [Range<usize>; 3] = [0..0, 0..0, 0..0];
    if !at.token(b'{') {
        return None;
    }
    if !at.token(b'}') {
        loop {
            at.space();
            let known = match fields[next.min(fields.len())..].iter().position(|f| at.key_colon(f)) {
                Some(k) => Some(next + k),
                None => {
                    let key = at.string()?;
                    if !at.token(b':') {
                        return None;
                    }
                    if table.keys & key_mark(key) == 0 {
                        None
                    } else {
                        fields.iter().position(|f| f.key.as_bytes() == key)
                    }
                }
            };
            match known {
                Some(i) => {
                    let bit = 1 << i;
                    if seen & bit != 0 {
                        return None;
                    }
                    seen |= bit;
                    let value = at.value(&fields[i])?;
                    if let Some(slot) = money.get_mut(i) {
                        *slot = value;
                    }
                    next = i + 1;
                }
                None => at.scalar()?,
            }
            if at.token(b',') {
                continue;
            }
            if at.token(b'}') {
                break;
            }
            return None;
        }
    }
    at.space();
    if at.at != json.len() || seen & table.required != table.required {
        return None;
    }
    let bytes = json.as_bytes();
    // Strings without escapes hold no line break: any is whitespace.
    let broken = at.spaced && memchr::memchr2(b'\n', b'\r', bytes).is_some();
    let compact = !broken && bytes.first() == Some(&b'{') && bytes.last() == Some(&b'}');
    if !table.money {
        return Some(compact);
    }
    // The amounts as serde reads an `f64`, so that the checks see the same
    // values; `value`, `max` and `currency` come first in money's fields,
    // each kept as written (empty when absent, `null` when null).
    let amount = |n: &[u8]| small_integer(n).or_else(|| serde_json::from_slice::<f64>(n).ok());
    let value = amount(&bytes[money[0].clone()])?;
    let max = match &bytes[money[1].clone()] {
        b"" | b"null" => None,
        n => Some(amount(n)?),
    };
    let currency = match &bytes[money[2].clone()] {
        b"null" => None,
        // Between its quotes, which `value` checked: ASCII, so on character
        // boundaries (read from `json`, not validated as UTF-8 again).
        _ => Some(json.get(money[2].start + 1..money[2].end - 1)?),
    };
    check_money(value, max, currency).is_ok().then_some(compact)
}

/// A cursor in JSON text; each reader gives `None` (or false) on anything
/// it does not take, leaving the cursor anywhere. Its readers are inlined
/// and those they call take positions, not the cursor, so that it stays
/// in registers.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
    /// Whether whitespace was skipped.
    spaced: bool,
}

impl<'a> Cursor<'a> {
    /// The next byte, if any.
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Skips JSON whitespace, if any is next: one comparison when none is.
    #[inline(always)]
    fn space(&mut self) {
        if self.peek().is_some_and(|b| b <= b' ') {
            self.spaced = true;
            self.at = after_space(self.bytes, self.at);
        }
    }

    /// Takes `byte` if it is next, after whitespace.
    #[inline(always)]
    fn token(&mut self, byte: u8) -> bool {
        self.space();
        let next = self.peek() == Some(byte);
        self.at += usize::from(next);
        next
    }

    /// Takes `word` if it is next.
    #[inline(always)]
    fn word(&mut self, word: &[u8]) -> bool {
        let next = self.bytes[self.at..].starts_with(word);
        self.at += if next { word.len() } else { 0 };
        next
    }

    /// Takes the key of `field` and the colon after it if they are next,
    /// as they are usually written (`"value":`, after whitespace).
    #[inline(always)]
    fn key_colon(&mut self, field: &Field) -> bool {
        self.space();
        let rest = &self.bytes[self.at..];
        let key = field.key.as_bytes();
        let next = field.key_colon.starts(rest).unwrap_or_else(|| {
            // Near the end: compared byte for byte.
            rest.len() >= key.len() + 3
                && rest[0] == b'"'
                && &rest[1..key.len() + 1] == key
                && rest[key.len() + 1..key.len() + 3] == *b"\":"
        });
        self.at += if next { key.len() + 3 } else { 0 };
        next
    }

    /// Takes a string without escapes, giving its contents.
    #[inline(always)]
    fn string(&mut self) -> Option<&'a [u8]> {
        self.space();
        if self.peek() != Some(b'"') {
            return None;
        }
        let start = self.at + 1;
        let end = next_escape(self.bytes, start)?;
        // The first byte to escape must be the closing quote: a backslash
        // or a control character is left to serde.
        if self.bytes[end] != b'"' {
            return None;
        }
        self.at = end + 1;
        Some(&self.bytes[start..end])
    }

    /// Takes a value that `field` takes, giving where its text is (a
    /// string with its quotes).
    #[inline(always)]
    fn value(&mut self, field: &Field) -> Option<Range<usize>> {
        self.space();
        let start = self.at;
        let taken = match (self.peek()?, field.expect) {
            (b'n', _) => field.nullable && self.word(b"null"),
            (b'"', Expect::Str) => self.string().is_some(),
            (b'"', Expect::OneOf(variants)) => {
                self.string().is_some_and(|s| variants.iter().any(|v| v.as_bytes() == s))
            }
            (b't', Expect::Bool) => self.word(b"true"),
            (b'f', Expect::Bool) => self.word(b"false"),
            (b'-' | b'0'..=b'9', Expect::Number) => self.number(),
            _ => false,
        };
        taken.then_some(start..self.at)
    }

    /// Takes a string without escapes, `null`, `true`, `false` or a number.
    #[inline(always)]
    fn scalar(&mut self) -> Option<()> {
        self.space();
        let taken = match self.peek()? {
            b'"' => self.string().is_some(),
            b'n' => self.word(b"null"),
            b't' => self.word(b"true"),
            b'f' => self.word(b"false"),
            b'-' | b'0'..=b'9' => self.number(),
            _ => false,
        };
        taken.then_some(())
    }

    /// Takes a number as JSON writes it.
    #[inline(always)]
    fn number(&mut self) -> bool {
        match number_end(self.bytes, self.at) {
            Some(end) => {
                self.at = end;
                true
            }
            None => false,
        }
    }
}

/// Where the JSON whitespace at `at` in `bytes` ends.
#[inline(never)]
fn after_space(bytes: &[u8], mut at: usize) -> usize {
    while let Some(b' ' | b'\n' | b'\t' | b'\r') = bytes.get(at) {
        at += 1;
    }
    at
}

/// Where the number at `at` in `bytes` ends, if one is there as JSON
/// writes it: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
fn number_end(bytes: &[u8], mut at: usize) -> Option<usize> {
    let digits = |at: usize| digits_end(bytes, at);
    at += usize::from(bytes.get(at) == Some(&b'-'));
    at = match bytes.get(at)? {
        b'0' => at + 1,
        b'1'..=b'9' => digits(at + 1),
        _ => return None,
    };
    if bytes.get(at) == Some(&b'.') {
        let end = digits(at + 1);
        if end == at + 1 {
            return None;
        }
        at = end;
    }
    if let Some(b'e' | b'E') = bytes.get(at) {
        at += 1;
        at += usize::from(matches!(bytes.get(at), Some(b'+' | b'-')));
        let end = digits(at);
        if end == at {
            return None;
        }
        at = end;
    }
    Some(at)
}

/// Where the run of ASCII digits at `at` in `bytes` ends: eight bytes at a
/// time while eight are left (amounts run to ten digits and more), then
/// byte by byte.
#[inline(always)]
fn digits_end(bytes: &[u8], mut at: usize) -> usize {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        // A digit becomes 0 to 9; any other byte then has its high bit set,
        // or gets it from adding 0x76 (no digit carries into the next byte,
        // so the first byte flagged is the first non-digit).
        let x = u64::from_le_bytes(word) ^ (ONES * u64::from(b'0'));
        let flagged = (x.wrapping_add(ONES * 0x76) | x) & (ONES * 0x80);
        if flagged != 0 {
            return at + flagged.trailing_zeros() as usize / 8;
        }
        at += 8;
    }
    while let Some(b'0'..=b'9') = bytes.get(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The run of digits ends where a byte-by-byte walk ends it, on any
        /// bytes (digits mostly, and every other byte value).
        #[test]
        fn digits_end_where_a_walk_ends_them(
            bytes in proptest::collection::vec(prop_oneof![4 => b'0'..=b'9', 1 => any::<u8>()], 0..40),
            from in 0..40usize,
        ) {
            let from = from.min(bytes.len());
            let mut walked = from;
            while walked < bytes.len() && bytes[walked].is_ascii_digit() {
                walked += 1;
            }
            prop_assert_eq!(digits_end(&bytes, from), walked);
        }
    }
}
