//! The value of a lexed number: the shapes most numbers of news take
//! (`2024`, `2,75`, `1.5`, `15 000`, `1,500`, `1.500.000`) read at once,
//! without the groups, strings and float parsing [`parse_digits`] goes
//! through for any shape; the others are left to it.

use glaneur_numbers::{is_group_space, parse_digits, Convention};

/// Powers of ten, exact as `f64` (every one up to 10^22 is).
const POWERS_OF_TEN: [f64; 16] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/// Most digits read at once: fifteen stay below 2^53, where every integer
/// is an exact `f64`.
const MAX_DIGITS: usize = 15;

/// The value of the digit string `text`, as [`parse_digits`] reads it.
pub fn value_of(text: &str, convention: Convention) -> Option<f64> {
    common_shape(text, convention).or_else(|| parse_digits(text, convention))
}

/// The value of `text` when it is digits alone, digits grouped by spaces
/// (`15 000`), digits with one decimal mark (`2,75`, `1.5`, and `1,500`
/// or `1.500` as `convention` reads them), or digits grouped by one mark
/// repeated (`1.500.000`, `1,500,000`); `None` for any other shape, which
/// [`parse_digits`] decides.
fn common_shape(text: &str, convention: Convention) -> Option<f64> {
    // Digits alone, most numbers (`2024`, `15`): read as they are checked,
    // in one loop (whose end is a mispredicted branch: one rather than
    // two); past fifteen digits the wrapped value is never used.
    let mut value = 0u64;
    let mut sep = None;
    for (k, &b) in text.as_bytes().iter().enumerate() {
        let digit = b.wrapping_sub(b'0');
        if digit > 9 {
            sep = Some(k);
            break;
        }
        value = value.wrapping_mul(10).wrapping_add(u64::from(digit));
    }
    let Some(sep) = sep else {
        return (1..=MAX_DIGITS).contains(&text.len()).then_some(value as f64);
    };
    let mark = text.as_bytes()[sep];
    if matches!(mark, b',' | b'.') {
        let (int, frac) = (&text[..sep], &text[sep + 1..]);
        if !is_digits(int) || int.len() + frac.len() > MAX_DIGITS {
            return None;
        }
        if is_digits(frac) {
            // One mark: decimal unless three digits follow it and it is
            // not the convention's decimal mark (`1,500` is 1.5 in French).
            let decimal = match convention {
                Convention::French => b',',
                Convention::English => b'.',
            };
            if frac.len() == 3 && mark != decimal {
                return Some(integer(frac, integer(int, 0)) as f64);
            }
            // Both exact, so the one rounding of the division is the one of
            // reading the decimal text.
            let scaled = integer(frac, integer(int, 0));
            return Some(scaled as f64 / POWERS_OF_TEN[frac.len()]);
        }
        // The same mark repeated, before groups of three (`1.500.000`):
        // thousands. Groups of two (`1,50,000`, Indian) are left to
        // parse_digits.
        let mut groups = frac.split(char::from(mark));
        let mut value = integer(int, 0);
        for group in &mut groups {
            if group.len() != 3 || !is_digits(group) {
                return None;
            }
            value = integer(group, value);
        }
        return Some(value as f64);
    }
    let mut groups = text.split(is_group_space);
    let first = groups.next().filter(|g| is_digits(g))?;
    let (mut value, mut len) = (integer(first, 0), first.len());
    for group in groups {
        if group.len() != 3 || !is_digits(group) {
            return None;
        }
        value = integer(group, value);
        len += 3;
    }
    (len <= MAX_DIGITS).then_some(value as f64)
}

/// Whether `group` is one or more ASCII digits.
fn is_digits(group: &str) -> bool {
    !group.is_empty() && group.bytes().all(|b| b.is_ascii_digit())
}

/// `before` followed by the digits of `group` (at most [`MAX_DIGITS`] in
/// all: no overflow).
fn integer(group: &str, before: u64) -> u64 {
    group.bytes().fold(before, |n, b| n * 10 + u64::from(b - b'0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The digit groups (of 0 to 5 digits, 15 or 16) and the strings of up
    /// to four of them (of at most 12 bytes), joined by the separators
    /// numbers have and a few others.
    fn shapes() -> Vec<String> {
        let seps = [",", ".", " ", "\u{a0}", "\u{202f}", "\u{2009}", "x", "-"];
        let groups = ["", "0", "7", "42", "150", "0750", "12345", "123456789012345", "1234567890123456"];
        let mut out: Vec<String> = groups.iter().map(|g| g.to_string()).collect();
        for _ in 0..3 {
            let mut longer = Vec::new();
            for s in &out {
                for sep in seps {
                    for g in groups.iter().filter(|g| g.len() <= 5) {
                        longer.push(format!("{s}{sep}{g}"));
                    }
                }
            }
            out.extend(longer.into_iter().filter(|s| s.len() <= 12));
        }
        out
    }

    #[test]
    fn common_shapes_read_as_parse_digits_reads_them() {
        let shapes = shapes();
        assert!(shapes.len() > 10_000, "{}", shapes.len());
        let mut quick = 0;
        for s in &shapes {
            for convention in [Convention::French, Convention::English] {
                let expected = parse_digits(s, convention);
                let got = value_of(s, convention);
                assert_eq!(got.map(f64::to_bits), expected.map(f64::to_bits), "{s:?} {convention:?}");
            }
            quick += usize::from(common_shape(s, Convention::French).is_some());
        }
        assert!(quick > 300, "{quick}");
    }

    #[test]
    fn the_news_shapes_are_read_at_once() {
        use Convention::{English, French};
        assert_eq!(common_shape("2024", French), Some(2024.0));
        assert_eq!(common_shape("2,75", French), Some(2.75));
        assert_eq!(common_shape("0.1", English), Some(0.1));
        assert_eq!(common_shape("15\u{202f}000 000", French), Some(15e6));
        // One mark before three digits, as the convention reads it.
        assert_eq!(common_shape("1,500", French), Some(1.5));
        assert_eq!(common_shape("1,500", English), Some(1500.0));
        assert_eq!(common_shape("1.500", French), Some(1500.0));
        assert_eq!(common_shape("1.500.000", English), Some(1.5e6));
        // Left to parse_digits: Indian groups, two marks, spaces and a mark.
        assert_eq!(common_shape("1,50,000", English), None);
        assert_eq!(common_shape("1.500,25", French), None);
        assert_eq!(common_shape("1 500,25", French), None);
    }
}
