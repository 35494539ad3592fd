//! Finding quotations: pairing `« »`, `“ ”`, `„ “`, `‹ ›` and straight
//! `" "` marks.
//!
//! Real text is messy, so: a quotation never crosses a paragraph break,
//! unless the next paragraph opens with `«` (the French continuation mark);
//! an opening mark with no closing one in its paragraph gives nothing (it
//! never swallows the rest of the document); a closing mark with no opening
//! one is ignored; quotes nested in a quotation are part of it.

/// A quotation's marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// The opening mark.
    pub start: usize,
    /// After the closing mark.
    pub end: usize,
    /// After the opening mark.
    pub inner_start: usize,
    /// The closing mark.
    pub inner_end: usize,
}

impl Quote {
    /// The text between the marks, trimmed (spaces of every width).
    pub fn content<'a>(&self, text: &'a str) -> &'a str {
        text[self.inner_start..self.inner_end].trim()
    }
}

/// If a blank line starts at `i` (a line break, white space, a line break),
/// the offset after it.
fn blank_line_at(text: &str, i: usize) -> Option<usize> {
    let rest = text[i..].strip_prefix('\n').or_else(|| text[i..].strip_prefix("\r\n"))?;
    let trimmed = rest.trim_start_matches([' ', '\t', '\u{a0}', '\r']);
    trimmed.starts_with('\n').then(|| text.len() - trimmed.len())
}

/// Every quotation in `text`, in order.
pub fn quotes(text: &str) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else { break };
        let found = match c {
            '«' => guillemets(text, i),
            '“' => paired(text, i, &['”']),
            '„' => paired(text, i, &['“', '”']),
            '‹' => paired(text, i, &['›']),
            '"' if opens_straight(text, i) => paired(text, i, &['"']),
            _ => None,
        };
        match found {
            Some(q) => {
                out.push(q);
                i = q.end; // what is nested belongs to it
            }
            None => i += c.len_utf8(),
        }
    }
    out
}

/// `« … »` from `open`: nested `« »` counted, a paragraph crossed only when
/// the next one opens with `«`.
fn guillemets(text: &str, open: usize) -> Option<Quote> {
    let mut depth = 1;
    let mut i = open + '«'.len_utf8();
    while i < text.len() {
        if let Some(after) = blank_line_at(text, i) {
            let next = text[after..].trim_start_matches([' ', '\t', '\u{a0}', '\n', '\r']);
            if depth == 1 && next.starts_with('«') {
                i = text.len() - next.len() + '«'.len_utf8(); // continuation mark
                continue;
            }
            return None;
        }
        let c = text[i..].chars().next()?;
        match c {
            '«' => depth += 1,
            '»' => {
                depth -= 1;
                if depth == 0 {
                    return Some(Quote {
                        start: open,
                        end: i + c.len_utf8(),
                        inner_start: open + '«'.len_utf8(),
                        inner_end: i,
                    });
                }
            }
            _ => {}
        }
        i += c.len_utf8();
    }
    None
}

/// A quotation from the mark at `open` to the first of `closers` in the
/// same paragraph (for `"`, one that closes: not followed by a letter).
fn paired(text: &str, open: usize, closers: &[char]) -> Option<Quote> {
    let open_len = text[open..].chars().next()?.len_utf8();
    let mut i = open + open_len;
    while i < text.len() {
        if blank_line_at(text, i).is_some() {
            return None;
        }
        let c = text[i..].chars().next()?;
        if closers.contains(&c) && (c != '"' || closes_straight(text, i)) && i > open + open_len {
            return Some(Quote { start: open, end: i + c.len_utf8(), inner_start: open + open_len, inner_end: i });
        }
        i += c.len_utf8();
    }
    None
}

/// A straight `"` opens when what precedes is a space, an opening bracket
/// or the start, and a non-space follows.
fn opens_straight(text: &str, i: usize) -> bool {
    let before = text[..i].chars().next_back();
    let after = text[i + 1..].chars().next();
    before.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–' | ':' | '\''))
        && after.is_some_and(|c| !c.is_whitespace())
}

/// A straight `"` closes when a non-space precedes it and no letter follows.
fn closes_straight(text: &str, i: usize) -> bool {
    let before = text[..i].chars().next_back();
    let after = text[i + 1..].chars().next();
    before.is_some_and(|c| !c.is_whitespace()) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents(text: &str) -> Vec<&str> {
        quotes(text).iter().map(|q| q.content(text)).collect()
    }

    #[test]
    fn every_kind_of_mark() {
        assert_eq!(contents("Il dit « oui » puis “non” et „ja“ et ‹ peut-être ›."), ["oui", "non", "ja", "peut-être"]);
        assert_eq!(contents("Il a dit \"bonjour\" puis \"au revoir\"."), ["bonjour", "au revoir"]);
        assert_eq!(contents("«\u{a0}Oui\u{202f}»"), ["Oui"]);
    }

    #[test]
    fn nested_quotes_belong_to_the_outer_one() {
        assert_eq!(
            contents("« Il a parlé d’un “tournant” et de « paris » », dit-il."),
            ["Il a parlé d’un “tournant” et de « paris »"]
        );
    }

    #[test]
    fn unbalanced_marks_never_swallow_the_document() {
        let text = "Il dit « oui sans fin.\n\nAutre paragraphe « court ».\n\nFin » orpheline.";
        assert_eq!(contents(text), ["court"]);
    }

    #[test]
    fn a_continuation_mark_carries_a_quote_over_a_paragraph() {
        let text = "« Premier paragraphe.\n\n« Second paragraphe », dit-il.";
        assert_eq!(contents(text), ["Premier paragraphe.\n\n« Second paragraphe"]);
    }
}
