//! Writing JSON text by hand where serde_json's serializer is the cost:
//! strings escaped byte for byte as serde_json escapes them, but found
//! eight bytes at a time (serde_json looks each byte up in a table, which
//! was most of the time spent printing the output).

use serde::Serialize;

/// Appends `value` to `out` as a JSON string, quotes included, exactly as
/// `serde_json` writes it: `"` and `\` escaped, the control characters
/// below U+0020 as `\b \t \n \f \r` or `\u00XX` (lowercase hex), every
/// other character as it is.
pub fn write_str(out: &mut Vec<u8>, value: &str) {
    let bytes = value.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut start = 0;
    while let Some(at) = next_escape(bytes, start) {
        out.extend_from_slice(&bytes[start..at]);
        write_escape(out, bytes[at]);
        start = at + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// Appends `value` as serde_json writes it (numbers: the same digits, the
/// same `.0` on a whole float, `null` for a float that is not finite).
pub fn write_value(out: &mut Vec<u8>, value: &impl Serialize) {
    // Writing into a Vec cannot fail, and every value given here (numbers)
    // serialises.
    let _ = serde_json::to_writer(out, value);
}

/// Whether a byte must be escaped in a JSON string.
fn must_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// The index of the first byte at or after `from` that must be escaped.
pub(crate) fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES * 0x80;
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        // Little-endian, so that the lowest flagged byte is the first.
        let word = u64::from_le_bytes(word);
        // A byte's high bit is set here when it is below 0x20, or zero
        // after the xor (the quote, the backslash): the usual "has a byte
        // less than n" trick, exact for the lowest flagged byte.
        let below = |w: u64, n: u8| w.wrapping_sub(ONES * u64::from(n)) & !w;
        let flagged = (below(word, 0x20)
            | below(word ^ (ONES * u64::from(b'"')), 1)
            | below(word ^ (ONES * u64::from(b'\\')), 1))
            & HIGH;
        if flagged != 0 {
            return Some(at + flagged.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    bytes[at..].iter().position(|&b| must_escape(b)).map(|k| at + k)
}

/// Appends the escape of `byte`, one that [`must_escape`].
fn write_escape(out: &mut Vec<u8>, byte: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = match byte {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x0C => b'f',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        _ => {
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xF)],
            ]);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(value: &str) -> String {
        let mut out = Vec::new();
        write_str(&mut out, value);
        String::from_utf8(out).expect("UTF-8")
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

    #[test]
    fn values_are_written_by_serde_json() {
        let mut out = Vec::new();
        write_value(&mut out, &1.0f64);
        write_value(&mut out, &0.95f64);
        write_value(&mut out, &u64::MAX);
        assert_eq!(out, b"1.00.9518446744073709551615");
    }
}
