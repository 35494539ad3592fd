//! glaneur-numbers: digit strings as French and English news write them.
#![deny(missing_docs)]

/// Which convention decides an ambiguous separator (`1,500`, `1.500`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Convention {
    /// `,` is the decimal mark; `.` and spaces group thousands.
    French,
    /// `.` is the decimal mark; `,` groups thousands.
    English,
}

/// Whether `c` may group thousands inside a number: space, no-break space,
/// narrow no-break space, thin space.
pub fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Parses a digit string such as `2,75`, `15 000`, `1.500.000` or
/// `1,500,000` into its value.
///
/// A separator followed by exactly three digits, repeated or combined with
/// the other mark, groups thousands; a single `,` or `.` followed by other
/// than three digits is the decimal mark; a single one followed by exactly
/// three digits is decided by `convention` (`1,500` is 1.5 in French).
/// Returns `None` for anything that is not such a number.
pub fn parse_digits(s: &str, convention: Convention) -> Option<f64> {
    // Most numbers are digits alone (`2024`, `15`): read without copying.
    // Fifteen digits stay below 2^53, where every integer is an exact f64.
    if (1..=15).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
        return Some(s.bytes().fold(0u64, |n, b| n * 10 + u64::from(b - b'0')) as f64);
    }
    // Split into runs of digits and the single separators between them.
    let mut groups: Vec<&str> = Vec::new();
    let mut seps: Vec<char> = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_ascii_digit() {
            start.get_or_insert(i);
        } else if c == ',' || c == '.' || is_group_space(c) {
            let begin = start.take()?; // a separator must follow digits
            groups.push(&s[begin..i]);
            seps.push(if is_group_space(c) { ' ' } else { c });
        } else {
            return None;
        }
    }
    groups.push(&s[start?..]);

    // The Indian grouping: `1,50,000`, `12,50,000` (lakhs and crores):
    // groups of two digits, then a last of three.
    let indian = seps.len() >= 2
        && seps.iter().all(|&c| c == ',')
        && groups[0].len() <= 2
        && groups[1..groups.len() - 1].iter().all(|g| g.len() == 2)
        && groups.last().is_some_and(|g| g.len() == 3);
    if indian {
        return groups.concat().parse().ok();
    }
    let decimal_at = decimal_separator(&groups, &seps, convention)?;
    let (int_groups, frac) = match decimal_at {
        Some(i) => (&groups[..=i], Some(groups[i + 1])),
        None => (&groups[..], None),
    };
    // Every group after the first integer group must have three digits.
    if int_groups.iter().skip(1).any(|g| g.len() != 3) {
        return None;
    }
    let mut text: String = int_groups.concat();
    if let Some(frac) = frac {
        text.push('.');
        text.push_str(frac);
    }
    text.parse().ok()
}

/// Index of the separator that is the decimal mark, `Some(None)` when there
/// is none, `None` when the separators are inconsistent.
fn decimal_separator(groups: &[&str], seps: &[char], convention: Convention) -> Option<Option<usize>> {
    if seps.is_empty() {
        return Some(None);
    }
    let last = seps.len() - 1;
    let last_sep = seps[last];
    let last_group = groups[last + 1];
    let marks: Vec<char> = seps.iter().copied().filter(|c| *c != ' ').collect();
    if last_sep == ' ' {
        return Some(None); // `15 000`
    }
    let same_mark_count = marks.iter().filter(|c| **c == last_sep).count();
    let other_mark_used = marks.iter().any(|c| *c != last_sep);
    if other_mark_used {
        // `1.500,25` or `1,500.25`: the last mark is the decimal mark, and
        // it must appear once.
        return (same_mark_count == 1).then_some(Some(last));
    }
    if same_mark_count > 1 {
        return Some(None); // `1.500.000`, `1,500,000`
    }
    if last_group.len() != 3 {
        return Some(Some(last)); // `2,75`, `2.5`
    }
    // One mark followed by three digits: `1,500` / `1.500`.
    let decimal = match convention {
        Convention::French => ',',
        Convention::English => '.',
    };
    // With space groups before it (`1 500,000`) it can only be decimal.
    if seps[..last].contains(&' ') || last_sep == decimal {
        Some(Some(last))
    } else {
        Some(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Convention::{English, French};

    #[test]
    fn digits_alone_read_as_the_general_path_reads_them() {
        for s in ["0", "7", "2024", "000123", "999999999999999", "9999999999999999", "12345678901234567890"] {
            assert_eq!(parse_digits(s, French), s.parse::<f64>().ok(), "{s}");
        }
        assert_eq!(parse_digits("", French), None);
    }

    #[test]
    fn french_forms() {
        assert_eq!(parse_digits("2,75", French), Some(2.75));
        assert_eq!(parse_digits("15 000", French), Some(15000.0));
        assert_eq!(parse_digits("15\u{a0}000", French), Some(15000.0));
        assert_eq!(parse_digits("1\u{202f}500\u{202f}000", French), Some(1_500_000.0));
        assert_eq!(parse_digits("1.500.000", French), Some(1_500_000.0));
        assert_eq!(parse_digits("1 234,5", French), Some(1234.5));
        assert_eq!(parse_digits("1.234,56", French), Some(1234.56));
        assert_eq!(parse_digits("1,500", French), Some(1.5));
    }

    #[test]
    fn english_forms() {
        assert_eq!(parse_digits("2.75", English), Some(2.75));
        assert_eq!(parse_digits("1,500,000", English), Some(1_500_000.0));
        assert_eq!(parse_digits("1,500", English), Some(1500.0));
        assert_eq!(parse_digits("1,234.5", English), Some(1234.5));
    }

    #[test]
    fn unambiguous_whatever_the_convention() {
        assert_eq!(parse_digits("2.5", French), Some(2.5));
        assert_eq!(parse_digits("2,5", English), Some(2.5));
        assert_eq!(parse_digits("1.500.000", English), Some(1_500_000.0));
    }

    #[test]
    fn rejects_malformed() {
        assert_eq!(parse_digits("", French), None);
        assert_eq!(parse_digits("1 50", French), None);
        assert_eq!(parse_digits("1,5,0", French), None);
        assert_eq!(parse_digits("1.000,5,5", French), None);
        assert_eq!(parse_digits(",5", French), None);
        assert_eq!(parse_digits("5,", French), None);
        assert_eq!(parse_digits("12a", French), None);
    }
}
