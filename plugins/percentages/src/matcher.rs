//! The percentage rule read by hand: what the percentage regex (kept in
//! the tests as the reference) finds, without compiling or running one.
//!
//! The rule, in regex terms (case-insensitive, `\s` any Unicode
//! whitespace, `NUM` a number as [`number_end`] reads it):
//!
//! ```text
//!   \b entre \s+ NUM \s* %? \s* et \s+ NUM     (ASCII word boundary)
//! | NUM \s* %? \s* (à|-|–) \s* NUM
//! | [-+−]? NUM
//! ) \s* (% | pour\s?cent | pourcent | percent | per\s+cent)
//! ```
//!
//! A backtracking engine would try shorter numbers when what follows
//! fails, but none can succeed: a number cut short is followed by a digit,
//! a `,`, a `.` or a group space and a digit, and everything that may
//! follow a number (spaces, then `%`, `et`, a dash or a mark) refuses
//! those. So each part has one reading, and a place has at most one match.

use std::ops::Range;

/// The parts of one percentage: byte ranges into the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Parts {
    /// The whole match, from `entre`, the sign or the first number to the mark.
    pub whole: Range<usize>,
    /// The sign of a single value (`-`, `+`, `−`).
    pub sign: Option<Range<usize>>,
    /// The single value, or the first number of a range.
    pub first: Range<usize>,
    /// The second number of a range.
    pub second: Option<Range<usize>>,
}

/// The leftmost percentage starting at or after `at` in `text`, as the
/// regex's search from `at` finds it: the text before `at` is only looked
/// at for `entre`'s word boundary.
pub(crate) fn find_at(text: &str, at: usize) -> Option<Parts> {
    let bytes = text.as_bytes();
    let mut i = at;
    // The bytes no percentage begins at skipped by one lookup each.
    while let Some(skipped) = bytes.get(i..).and_then(|rest| rest.iter().position(|&b| begins(b) != Begins::Nothing)) {
        i += skipped;
        let found = match begins(bytes[i]) {
            Begins::Digit => range_at(text, i).or_else(|| single_at(text, i)),
            Begins::Entre => entre_at(text, i),
            // `Nothing` is skipped above.
            Begins::Sign | Begins::Nothing => single_at(text, i),
        };
        if found.is_some() {
            return found;
        }
        i += 1;
    }
    None
}

/// What a percentage beginning at a byte may begin with: one table, which
/// the search both skips by and reads each place by, so that the two
/// agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Begins {
    /// No percentage begins at this byte.
    Nothing,
    /// A number (`12 %`) or a range (`10 à 12 %`).
    Digit,
    /// The `e` of `entre`.
    Entre,
    /// A sign (`-`, `+`; `−` begins with 0xE2).
    Sign,
}

/// What a percentage beginning at byte `b` may begin with.
#[inline(always)]
fn begins(b: u8) -> Begins {
    BEGINS[usize::from(b)]
}

/// [`begins`], by byte.
static BEGINS: [Begins; 256] = {
    let mut table = [Begins::Nothing; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'0'..=b'9' => Begins::Digit,
            b'e' | b'E' => Begins::Entre,
            b'-' | b'+' | 0xE2 => Begins::Sign,
            _ => Begins::Nothing,
        };
        b += 1;
    }
    table
};

/// `entre NUM et NUM MARK` starting at `i`.
fn entre_at(text: &str, i: usize) -> Option<Parts> {
    let bytes = text.as_bytes();
    if i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_') {
        return None;
    }
    let a = number_after_spaces(text, word_end(bytes, i, b"entre")?)?;
    let et = word_end(bytes, gap_end(text, a.end), b"et")?;
    let b = number_after_spaces(text, et)?;
    let end = mark_after(text, b.end)?;
    Some(Parts { whole: i..end, sign: None, first: a, second: Some(b) })
}

/// `NUM (à|-|–) NUM MARK` starting at `i`.
fn range_at(text: &str, i: usize) -> Option<Parts> {
    let c = i..number_end(text.as_bytes(), i)?;
    let after = gap_end(text, c.end);
    let dash = ["à", "À", "-", "–"].iter().find(|d| text[after..].starts_with(*d))?;
    let start = spaces_end(text, after + dash.len());
    let d = start..number_end(text.as_bytes(), start)?;
    let end = mark_after(text, d.end)?;
    Some(Parts { whole: i..end, sign: None, first: c, second: Some(d) })
}

/// `[-+−]? NUM MARK` starting at `i`.
fn single_at(text: &str, i: usize) -> Option<Parts> {
    let sign = ["-", "+", "−"].iter().find(|s| text[i..].starts_with(*s)).map(|s| i..i + s.len());
    let start = sign.as_ref().map_or(i, |s| s.end);
    let n = start..number_end(text.as_bytes(), start)?;
    let end = mark_after(text, n.end)?;
    Some(Parts { whole: i..end, sign, first: n, second: None })
}

/// The end of the number at `i`: digits grouped by threes with a plain,
/// no-break or narrow no-break space (`1 000`, at most three digits
/// before the first space), with a decimal comma (`1 000,5`); else digits
/// alone, with a decimal point or comma (`12,5`, `7.5`).
fn number_end(bytes: &[u8], i: usize) -> Option<usize> {
    let run = digits_end(bytes, i);
    if run == i {
        return None;
    }
    if run - i <= 3 {
        let mut end = run;
        while let Some(next) = group_end(bytes, end) {
            end = next;
        }
        if end > run {
            return Some(decimals_end(bytes, end, b","));
        }
    }
    Some(decimals_end(bytes, run, b".,"))
}

/// The end of a group (a group space, then three digits) at `i`.
fn group_end(bytes: &[u8], i: usize) -> Option<usize> {
    let rest = &bytes[i..];
    let space = [" ", "\u{a0}", "\u{202f}"].iter().find(|s| rest.starts_with(s.as_bytes()))?.len();
    let digits = rest.get(space..space + 3)?;
    digits.iter().all(u8::is_ascii_digit).then_some(i + space + 3)
}

/// The end of a decimal part (one of `separators`, then digits) at `i`,
/// or `i` when there is none.
fn decimals_end(bytes: &[u8], i: usize, separators: &[u8]) -> usize {
    match bytes.get(i) {
        Some(b) if separators.contains(b) && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
            digits_end(bytes, i + 1)
        }
        _ => i,
    }
}

/// The end of the run of ASCII digits at `i`.
fn digits_end(bytes: &[u8], i: usize) -> usize {
    i + bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count()
}

/// The end of the run of whitespace at `i` (`i` when there is none).
fn spaces_end(text: &str, i: usize) -> usize {
    text[i..].char_indices().find(|(_, c)| !c.is_whitespace()).map_or(text.len(), |(k, _)| i + k)
}

/// The start of the number after at least one whitespace character at `i`.
fn number_after_spaces(text: &str, i: usize) -> Option<Range<usize>> {
    let start = spaces_end(text, i);
    (start > i).then_some(())?;
    Some(start..number_end(text.as_bytes(), start)?)
}

/// The end of what may stand between the first number of a range and the
/// word or dash after it: spaces, a `%`, spaces.
fn gap_end(text: &str, i: usize) -> usize {
    let i = spaces_end(text, i);
    spaces_end(text, if text.as_bytes().get(i) == Some(&b'%') { i + 1 } else { i })
}

/// The end of `word` (lower-case ASCII) at `i`, in any case.
fn word_end(bytes: &[u8], i: usize, word: &[u8]) -> Option<usize> {
    let end = i + word.len();
    bytes.get(i..end)?.eq_ignore_ascii_case(word).then_some(end)
}

/// The end of the percent mark after the spaces at `i`: `%`, `pour cent`
/// (at most one whitespace character between), `pourcent`, `percent`,
/// `per cent` (any whitespace between), in any case.
fn mark_after(text: &str, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let i = spaces_end(text, i);
    if bytes.get(i) == Some(&b'%') {
        return Some(i + 1);
    }
    if let Some(pour) = word_end(bytes, i, b"pour") {
        let space = text[pour..].chars().next().filter(|c| c.is_whitespace()).map_or(0, char::len_utf8);
        return word_end(bytes, pour + space, b"cent");
    }
    // `percent` and `per cent` at once.
    let per = word_end(bytes, i, b"per")?;
    word_end(bytes, spaces_end(text, per), b"cent")
}
