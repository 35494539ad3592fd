//! Writing JSON text by hand where serde_json's serializer is the cost:
//! strings escaped byte for byte as serde_json escapes them, but found
//! eight bytes at a time (serde_json looks each byte up in a table, which
//! was most of the time spent printing the output); numbers by serde_json's
//! own formatter, without a serializer around each. Public so that a
//! plugin whose entities are many and whose attrs are few strings can
//! write them itself (quotations) rather than through `Entity::new`.

use serde_json::ser::{CompactFormatter, Formatter};

/// Appends `value` to `out` as a JSON string, quotes included, exactly as
/// `serde_json` writes it: `"` and `\` escaped, the control characters
/// below U+0020 as `\b \t \n \f \r` or `\u00XX` (lowercase hex), every
/// other character as it is.
pub fn write_str(out: &mut Vec<u8>, value: &str) {
    out.reserve(value.len() + 2);
    out.push(b'"');
    for_each_escaped(value, |part| out.extend_from_slice(part.as_bytes()));
    out.push(b'"');
}

/// [`write_str`] into a `String`: for a plugin writing its attrs
/// ([`crate::Entity::with_written_attrs`]).
pub fn push_str(out: &mut String, value: &str) {
    out.reserve(value.len() + 2);
    out.push('"');
    for_each_escaped(value, |part| out.push_str(part));
    out.push('"');
}

/// Gives `value` escaped as a JSON string's contents, in parts: the runs
/// of characters kept as they are, and the escape of each byte between.
#[inline(always)]
fn for_each_escaped(value: &str, mut part: impl FnMut(&str)) {
    let mut start = 0;
    while let Some(at) = next_escape(value.as_bytes(), start) {
        // A byte to escape is ASCII: the slices end on character boundaries.
        part(&value[start..at]);
        part(escape(value.as_bytes()[at]));
        start = at + 1;
    }
    part(&value[start..]);
}

/// Appends an integer as serde_json writes it: its decimal digits, by
/// serde_json's own formatter (without a serializer around it).
pub fn write_u64(out: &mut Vec<u8>, value: u64) {
    // Writing into a Vec cannot fail.
    let _ = CompactFormatter.write_u64(out, value);
}

/// Appends a float as serde_json writes it: `null` when it is not finite,
/// else serde_json's own formatting (the shortest digits that read back
/// the same, `.0` on a whole number).
pub fn write_f64(out: &mut Vec<u8>, value: f64) {
    if let Some(hundredths) = whole_hundredths(value) {
        // A confidence such as 0.9 or 0.95, the usual ones: its shortest
        // digits are its hundredths (`0.5`, `0.95`, `1.0`).
        let (units, tenths, last) = (hundredths / 100, hundredths / 10 % 10, hundredths % 10);
        out.extend_from_slice(&[b'0' + units, b'.', b'0' + tenths]);
        if last != 0 {
            out.push(b'0' + last);
        }
    } else if value.is_finite() {
        // Writing into a Vec cannot fail.
        let _ = CompactFormatter.write_f64(out, value);
    } else {
        out.extend_from_slice(b"null");
    }
}

/// `value` as a number of hundredths from 0 to 100, when it is the float
/// nearest to one (`0.95`, not `0.951`; not `-0.0`, written with its sign).
fn whole_hundredths(value: f64) -> Option<u8> {
    // Rounded by a conversion (which saturates, and takes NaN to 0) rather
    // than `round`, a call into libm: a value that is a whole hundredth is
    // so near one that either finds it, and any other fails the test below.
    let hundredths = (value * 100.0 + 0.5) as u32;
    let whole = hundredths <= 100 && f64::from(hundredths) / 100.0 == value && value.is_sign_positive();
    whole.then_some(hundredths as u8)
}

/// Whether a byte must be escaped in a JSON string.
fn must_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// The index of the first byte at or after `from` that must be escaped in
/// a JSON string (a `"`, a `\` or a control char below U+0020): eight
/// bytes at a time, the last few too (most strings written are shorter
/// than eight bytes, or end with a few). Public so that a plugin reading
/// a plain JSON string of its own (quotations, in the attrs of the people
/// found) stops where this crate's readers stop.
// Inlined into its callers (the string writer, the attrs readers): as a
// call, its entry and exit were a third of its cost on the short strings
// it mostly reads.
#[inline(always)]
pub fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        if let Some(k) = first_flagged(word_at(chunk, 0)) {
            return Some(at + k);
        }
        at += 8;
    }
    let left = bytes.len() - at;
    if left == 0 {
        None
    } else if bytes.len() >= 8 {
        // The last eight bytes, read again: those before `at`, already
        // checked, are replaced by a byte never flagged.
        let skip = 8 - left;
        let checked = (1u64 << (8 * skip)) - 1;
        let word = (word_at(bytes, bytes.len() - 8) & !checked) | (PLAIN & checked);
        first_flagged(word).map(|k| at + k - skip)
    } else if left >= 4 {
        // A short string: its first four bytes and its last four (which
        // may overlap) as one word.
        let word = u64::from(half_at(bytes, at)) | (u64::from(half_at(bytes, bytes.len() - 4)) << 32);
        first_flagged(word).map(|k| if k < 4 { at + k } else { bytes.len() + k - 8 })
    } else {
        bytes[at..].iter().position(|&b| must_escape(b)).map(|k| at + k)
    }
}

/// Eight bytes that are never flagged (`a`).
const PLAIN: u64 = u64::from_ne_bytes([b'a'; 8]);

/// The eight bytes of `bytes` at `at`, little-endian (the first byte is the
/// lowest); `at + 8` must be within `bytes`.
#[inline]
fn word_at(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(word)
}

/// The four bytes of `bytes` at `at`, as [`word_at`] reads eight.
#[inline]
fn half_at(bytes: &[u8], at: usize) -> u32 {
    let mut half = [0; 4];
    half.copy_from_slice(&bytes[at..at + 4]);
    u32::from_le_bytes(half)
}

/// The index of the first byte of `word` that must be escaped, if any.
#[inline]
fn first_flagged(word: u64) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES * 0x80;
    // A byte's high bit is set here when it is below 0x20, or zero after
    // the xor (the quote, the backslash): the usual "has a byte less than
    // n" trick, exact for the lowest flagged byte (a byte above one that
    // matches may be flagged wrongly; none below it is).
    let below = |w: u64, n: u8| w.wrapping_sub(ONES * u64::from(n)) & !w;
    let flagged =
        (below(word, 0x20) | below(word ^ (ONES * u64::from(b'"')), 1) | below(word ^ (ONES * u64::from(b'\\')), 1))
            & HIGH;
    (flagged != 0).then(|| flagged.trailing_zeros() as usize / 8)
}

/// The escape of `byte`, one that [`must_escape`]: a short one where JSON
/// has it, else `\u00XX`.
fn escape(byte: u8) -> &'static str {
    /// The escapes of the control characters, by byte.
    const CONTROL: [&str; 32] = [
        "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007", "\\b", "\\t", "\\n",
        "\\u000b", "\\f", "\\r", "\\u000e", "\\u000f", "\\u0010", "\\u0011", "\\u0012", "\\u0013", "\\u0014",
        "\\u0015", "\\u0016", "\\u0017", "\\u0018", "\\u0019", "\\u001a", "\\u001b", "\\u001c", "\\u001d", "\\u001e",
        "\\u001f",
    ];
    match byte {
        b'"' => "\\\"",
        b'\\' => "\\\\",
        _ => CONTROL.get(usize::from(byte)).copied().unwrap_or(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `value` as both writers write it, checked to be the same.
    fn written(value: &str) -> String {
        let mut out = Vec::new();
        write_str(&mut out, value);
        let mut pushed = String::new();
        push_str(&mut pushed, value);
        let written = String::from_utf8(out).expect("UTF-8");
        assert_eq!(pushed, written, "{value:?}");
        written
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let every_ascii: String = (0u8..=0x7F).map(char::from).collect();
        let cases = [
            "",
            "plain",
            "« Encore une mise à jour » — 10 $",
            "a\"b\\c\nd\re\tf\u{8}g\u{c}h\u{1}i\u{1f}j\u{7f}",
            "\"\"\"\"\"\"\"\"\"",
            "0123456\"",
            "01234567\\",
            "012345678\n",
            "été\u{0}",
            &every_ascii,
        ];
        for case in cases {
            assert_eq!(written(case), serde_json::to_string(case).expect("a string"), "{case:?}");
        }
        // Every position in a word, and past it.
        for len in 0..20 {
            for at in 0..len {
                for special in ['"', '\\', '\n', '\u{0}', '\u{1f}'] {
                    let mut case: String = "é".repeat(len / 2) + &"x".repeat(len % 2);
                    let at = case.char_indices().nth(at / 2).map_or(case.len(), |(i, _)| i);
                    case.insert(at, special);
                    assert_eq!(written(&case), serde_json::to_string(&case).expect("a string"), "{case:?}");
                }
            }
        }
    }

    proptest::proptest! {
        /// The first byte to escape is found wherever the search starts, in
        /// strings of every length, with escapes anywhere.
        #[test]
        fn next_escape_finds_the_first_byte_to_escape(
            bytes in proptest::collection::vec(proptest::sample::select(b"a \"\\\n\x00\x1f\x20\x7f\xc3\xa9!".to_vec()), 0..40),
            from in 0..41usize,
        ) {
            let from = from.min(bytes.len());
            let naive = bytes[from..].iter().position(|&b| must_escape(b)).map(|k| from + k);
            proptest::prop_assert_eq!(next_escape(&bytes, from), naive);
        }

        /// Numbers are written as serde_json writes them.
        #[test]
        fn numbers_are_written_as_serde_json_writes_them(integer: u64, float: f64, small in 0..1000u64) {
            let mut out = Vec::new();
            for n in [integer, small] {
                write_u64(&mut out, n);
                out.push(b' ');
            }
            write_f64(&mut out, float);
            let expected = format!("{} {} {}", serde_json::json!(integer), serde_json::json!(small), serde_json::json!(float));
            proptest::prop_assert_eq!(String::from_utf8(out).expect("UTF-8"), expected);
        }
    }

    #[test]
    fn every_hundredth_is_written_as_serde_json_writes_it() {
        for k in 0..=100u32 {
            let value = f64::from(k) / 100.0;
            let mut out = Vec::new();
            write_f64(&mut out, value);
            assert_eq!(String::from_utf8(out).expect("UTF-8"), serde_json::to_string(&value).expect("a float"));
        }
        // Every ten-thousandth around [0, 1], and the floats next to each
        // hundredth: only the hundredths themselves take the short way.
        let near = (0..=10_100).map(|k| f64::from(k) / 10_000.0 - 0.005).chain((0..=100).flat_map(|k| {
            let value = f64::from(k) / 100.0;
            [f64::from_bits(value.to_bits() + 1), f64::from_bits(value.to_bits().saturating_sub(1)), -value]
        }));
        for value in near {
            let mut out = Vec::new();
            write_f64(&mut out, value);
            assert_eq!(
                String::from_utf8(out).expect("UTF-8"),
                serde_json::to_string(&value).expect("a float"),
                "{value}"
            );
        }
        assert_eq!(whole_hundredths(0.951), None);
        assert_eq!(whole_hundredths(-0.0), None);
    }

    #[test]
    fn numbers_are_written_by_serde_json_at_their_extremes() {
        let mut out = Vec::new();
        for n in [0, 9, 10, 99, 100, u64::MAX] {
            write_u64(&mut out, n);
            out.push(b' ');
        }
        let mut expected = "0 9 10 99 100 18446744073709551615 ".to_owned();
        for x in [1.0, 0.95, -0.0, 1e300, 5e-324, f64::NAN, f64::INFINITY] {
            write_f64(&mut out, x);
            out.push(b' ');
            expected += &serde_json::to_string(&x).expect("a float");
            expected.push(' ');
        }
        assert!(expected.ends_with("null null "), "{expected}");
        assert_eq!(String::from_utf8(out).expect("UTF-8"), expected);
    }
}
