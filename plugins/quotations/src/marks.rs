//! Finding quotations: pairing `« »`, `“ ”`, `„ “`, `‹ ›` and straight
//! `" "` marks.
//!
//! Real text is messy, so: a quotation never crosses a paragraph break,
//! unless the next paragraph opens with `«` (the French continuation mark);
//! an opening mark with no closing one in its paragraph gives nothing (it
//! never swallows the rest of the document); a closing mark with no opening
//! one is ignored; quotes nested in a quotation are part of it.

use memchr::{memchr2, memchr3};

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
        self.inner(text).trim()
    }

    /// The text between the marks, not trimmed: enough to count its
    /// words (white space is read past either way).
    pub fn inner<'a>(&self, text: &'a str) -> &'a str {
        &text[self.inner_start..self.inner_end]
    }
}

/// If a blank line starts at `i` (a line break, white space, a line break),
/// the offset after it. The scans call it at each `\n` (a `\r\n` is found
/// at its `\n`).
fn blank_line_at(text: &str, i: usize) -> Option<usize> {
    let rest = text[i..].strip_prefix('\n')?;
    let trimmed = rest.trim_start_matches([' ', '\t', '\u{a0}', '\r']);
    trimmed.starts_with('\n').then(|| text.len() - trimmed.len())
}

/// Every quotation in `text`, in order. Linear: `« »` are paired in one
/// pass with a stack; an opening mark of another kind that finds no closer
/// in its paragraph means none of the same kind after it in that paragraph
/// will, so those are skipped rather than each scanning to the paragraph end.
pub fn quotes(text: &str) -> Vec<Quote> {
    let mut out = Vec::new();
    quotes_into(text, &mut out, &mut Vec::new());
    out
}

/// [`quotes`], written into `out` (emptied first), with `others` (emptied
/// too) for the quotations between marks other than `« »`: vectors a
/// thread keeps from one document to the next.
pub fn quotes_into(text: &str, out: &mut Vec<Quote>, others: &mut Vec<Quote>) {
    out.clear();
    others.clear();
    guillemets_into(text, out);
    other_marks_into(text, out, others);
    if others.is_empty() {
        return; // sorted, and none nested in another
    }
    out.extend_from_slice(others);
    out.sort_by_key(|q| q.start);
    // A quotation nested in another belongs to it.
    let mut last_end = None;
    out.retain(|q| {
        let keep = last_end.is_none_or(|end| q.start >= end);
        if keep {
            last_end = Some(q.end);
        }
        keep
    });
}

/// [`other_marks_into`] a new vector.
#[cfg(test)]
fn other_marks(text: &str, pairs: &[Quote]) -> Vec<Quote> {
    let mut out = Vec::new();
    other_marks_into(text, pairs, &mut out);
    out
}

/// The quotations of `text` between marks other than `« »`, in order,
/// pushed onto `out`: none that opens inside one of `pairs` (the `« »`
/// quotations, sorted).
fn other_marks_into(text: &str, pairs: &[Quote], out: &mut Vec<Quote>) {
    let inside_guillemets = |i: usize| {
        let k = pairs.partition_point(|q| q.start < i);
        k > 0 && pairs[k - 1].end > i
    };
    let mut i = 0;
    // For each kind of opening mark, where its paragraph has no more closer.
    let mut hopeless: [usize; 4] = [0; 4];
    let bytes = text.as_bytes();
    let mut openers = Openers::new(bytes);
    while let Some(found) = openers.next_from(i) {
        i = found;
        let kind = opener_kind(text, i);
        match kind {
            Some((k, closers)) if i >= hopeless[k] && !inside_guillemets(i) => match paired(text, i, closers) {
                Ok(q) => {
                    out.push(q);
                    i = q.end; // what is nested belongs to it
                    continue;
                }
                Err(paragraph_end) => hopeless[k] = paragraph_end,
            },
            _ => {}
        }
        // Past the mark (`"` or three bytes): the search never stops inside it.
        i += if bytes[i] == b'"' { 1 } else { 3 };
    }
}

/// Where the opening marks but `«` may be: every `"`, `“` (bytes E2 80
/// 9C), `„` (E2 80 9E) and `‹` (E2 80 B9). Found by their last byte, not
/// their first: 0xE2 also starts `’`, `–` and `…`, far more frequent, while
/// 0x9C and 0x9E end few other characters (`Ü`, `Þ`). 0xB9 ends `ù` too:
/// `‹`, rare, is searched for apart, its next place kept.
struct Openers<'t> {
    bytes: &'t [u8],
    /// The next `‹` from where it was last searched for, if any.
    chevron: Option<usize>,
}

impl<'t> Openers<'t> {
    fn new(bytes: &'t [u8]) -> Self {
        Openers { bytes, chevron: next_mark_ending(bytes, 0, 0xB9) }
    }

    /// The first `"`, `“`, `„` or `‹` at or after `from` (a char boundary).
    fn next_from(&mut self, from: usize) -> Option<usize> {
        if self.chevron.is_some_and(|c| c < from) {
            self.chevron = next_mark_ending(self.bytes, from, 0xB9);
        }
        match (next_common_opener(self.bytes, from), self.chevron) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// The first `"`, `“` or `„` at or after `from` (a char boundary).
fn next_common_opener(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(found) = memchr3(b'"', 0x9C, 0x9E, bytes.get(i..)?) {
        let at = i + found;
        if bytes[at] == b'"' {
            return Some(at);
        }
        if let Some(start) = mark_start(bytes, from, at) {
            return Some(start);
        }
        i = at + 1;
    }
    None
}

/// Where the mark E2 80 xx whose last byte is at `at` starts, if it is
/// one and starts at or after `from`.
fn mark_start(bytes: &[u8], from: usize, at: usize) -> Option<usize> {
    at.checked_sub(2).filter(|&start| start >= from && bytes[start..at] == [0xE2, 0x80])
}

/// The first mark E2 80 `last` (a punctuation mark of U+2000 to U+203F)
/// that starts at or after `from`, found by its last byte.
fn next_mark_ending(bytes: &[u8], from: usize, last: u8) -> Option<usize> {
    let mut i = from;
    while let Some(found) = memchr::memchr(last, bytes.get(i..)?) {
        let at = i + found;
        if let Some(start) = mark_start(bytes, from, at) {
            return Some(start);
        }
        i = at + 1;
    }
    None
}

/// [`guillemets_into`] a new vector.
#[cfg(test)]
fn guillemets(text: &str) -> Vec<Quote> {
    let mut out = Vec::new();
    guillemets_into(text, &mut out);
    out
}

/// The `« … »` quotations of `text`, pushed onto `out` (empty), in one
/// pass: nested pairs are counted with a stack; at a paragraph break an
/// open quotation continues only when the next paragraph opens with `«`
/// (it is then the continuation mark), and otherwise gives nothing — but
/// the pairs completed inside it stand.
fn guillemets_into(text: &str, out: &mut Vec<Quote>) {
    // Only line breaks and `« »` (bytes 0xC2 0xAB, 0xC2 0xBB) matter; and
    // while no `«` is open, only the next `«`.
    let next_mark = |bytes: &[u8], from: usize, open: bool| match open {
        false => next_opening_guillemet(bytes, from),
        true => memchr2(b'\n', 0xC2, &bytes[from..]).map(|k| from + k),
    };
    pair_guillemets(text, next_mark, out);
}

/// [`guillemets_into`], given where to look next: `next_mark(bytes, from,
/// open)` finds the next byte from `from` that may be a line break or a
/// guillemet's first byte (all of them, or while none is `open`, only the
/// next `«`).
/// `out` (empty) receives the quotations, and the `«` still open among
/// them (end [`OPEN`]): after an open one, the pairs completed inside it.
/// One vector, not a stack of frames each with its own (an allocation or
/// two a document).
fn pair_guillemets(text: &str, next_mark: impl Fn(&[u8], usize, bool) -> Option<usize>, out: &mut Vec<Quote>) {
    debug_assert!(out.is_empty());
    let mut open = 0;
    let mut i = 0;
    // Unclosed marks give nothing; what they held stands on its own.
    let abandon = |out: &mut Vec<Quote>, open: &mut usize| {
        if *open > 0 {
            out.retain(|q| q.end != OPEN);
            *open = 0;
        }
    };
    while let Some(found) = next_mark(text.as_bytes(), i, open > 0) {
        i = found;
        if let Some(after) = blank_line_at(text, i) {
            let (next, goes_on) = past_blank_lines(text, after);
            if open == 1 && goes_on {
                i = next + '«'.len_utf8(); // continuation mark
                continue;
            }
            abandon(out, &mut open);
            i = next;
            continue;
        }
        let Some(c) = text[i..].chars().next() else { break };
        match c {
            '«' => {
                out.push(Quote { start: i, end: OPEN, inner_start: i, inner_end: i });
                open += 1;
            }
            // What was completed inside the innermost `«` is nested in the
            // quotation it opens.
            '»' if open > 0 => {
                if let Some(k) = out.iter().rposition(|q| q.end == OPEN) {
                    let start = out[k].start;
                    out.truncate(k);
                    let inner_start = start + '«'.len_utf8();
                    out.push(Quote { start, end: i + c.len_utf8(), inner_start, inner_end: i });
                    open -= 1;
                }
            }
            _ => {}
        }
        i += c.len_utf8();
    }
    abandon(out, &mut open);
    out.sort_by_key(|q| q.start);
}

/// The end of a `«` not yet closed, among the quotations
/// [`pair_guillemets`] pairs: no quotation's.
const OPEN: usize = usize::MAX;

/// The first `«` at or after `from` (a char boundary), found by its
/// second byte (0xAB), rarer than its first (0xC2, which also starts the
/// no-break space).
fn next_opening_guillemet(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(found) = memchr::memchr(0xAB, bytes.get(i..)?) {
        i += found;
        if i > from && bytes[i - 1] == 0xC2 {
            return Some(i - 1);
        }
        i += 1;
    }
    None
}

/// A quotation from the mark at `open` to the first of `closers` in the
/// same paragraph (for `"`, one that closes: not followed by a letter); or,
/// when there is none, where the paragraph ends.
fn paired(text: &str, open: usize, closers: &[char]) -> Result<Quote, usize> {
    let open_len = text[open..].chars().next().map_or(1, char::len_utf8);
    let mut i = open + open_len;
    // Only line breaks and the closers (`"`, or starting with 0xE2) matter.
    while let Some(found) = memchr3(b'\n', b'"', 0xE2, &text.as_bytes()[i..]) {
        i += found;
        if blank_line_at(text, i).is_some() {
            return Err(i);
        }
        let Some(c) = text[i..].chars().next() else { break };
        if closers.contains(&c) && (c != '"' || closes_straight(text, i)) && i > open + open_len {
            return Ok(Quote { start: open, end: i + c.len_utf8(), inner_start: open + open_len, inner_end: i });
        }
        i += c.len_utf8();
    }
    Err(text.len())
}

/// Past the whole run of blank lines ending at `after`: where the text
/// goes on, and whether it goes on with a `«` (a quote's continuation mark
/// in its next paragraph).
fn past_blank_lines(text: &str, after: usize) -> (usize, bool) {
    let next = text[after..].trim_start_matches([' ', '\t', '\u{a0}', '\n', '\r']);
    (text.len() - next.len(), next.starts_with('«'))
}

/// The kind of opening mark at `at` (an index in the paragraph-wide
/// `hopeless` marks), and the marks that close it: `“`, `„`, `‹`, or a
/// straight `"` that opens.
fn opener_kind(text: &str, at: usize) -> Option<(usize, &'static [char])> {
    match text.as_bytes()[at..] {
        [0xE2, 0x80, 0x9C, ..] => Some((0, &['”'][..])),
        [0xE2, 0x80, 0x9E, ..] => Some((1, &['“', '”'][..])),
        [0xE2, 0x80, 0xB9, ..] => Some((2, &['›'][..])),
        [b'"', ..] if opens_straight(text, at) => Some((3, &['"'][..])),
        _ => None,
    }
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

    /// What [`pair_guillemets`] did: a stack of frames, each with the
    /// pairs completed directly inside it.
    fn pair_guillemets_by_frames(text: &str, next_mark: impl Fn(&[u8], usize, bool) -> Option<usize>) -> Vec<Quote> {
        /// An open `«`, and the complete pairs directly inside it.
        struct Frame {
            open: usize,
            children: Vec<Quote>,
        }
        let mut out = Vec::new();
        let mut stack: Vec<Frame> = Vec::new();
        let mut i = 0;
        let abandon = |stack: &mut Vec<Frame>, out: &mut Vec<Quote>| {
            // Unclosed marks give nothing; what they held stands on its own.
            for frame in stack.drain(..) {
                out.extend(frame.children);
            }
        };
        while let Some(found) = next_mark(text.as_bytes(), i, !stack.is_empty()) {
            i = found;
            if let Some(after) = blank_line_at(text, i) {
                let (next, goes_on) = past_blank_lines(text, after);
                if stack.len() == 1 && goes_on {
                    i = next + '«'.len_utf8(); // continuation mark
                    continue;
                }
                abandon(&mut stack, &mut out);
                i = next;
                continue;
            }
            let Some(c) = text[i..].chars().next() else { break };
            match c {
                '«' => stack.push(Frame { open: i, children: Vec::new() }),
                '»' => {
                    if let Some(frame) = stack.pop() {
                        let open_len = '«'.len_utf8();
                        let quote = Quote {
                            start: frame.open,
                            end: i + c.len_utf8(),
                            inner_start: frame.open + open_len,
                            inner_end: i,
                        };
                        match stack.last_mut() {
                            Some(parent) => parent.children.push(quote),
                            None => out.push(quote),
                        }
                    }
                }
                _ => {}
            }
            i += c.len_utf8();
        }
        abandon(&mut stack, &mut out);
        out.sort_by_key(|q| q.start);
        out
    }

    /// What [`guillemets`] did, stopping at every line break and 0xC2.
    fn guillemets_at_every_line(text: &str) -> Vec<Quote> {
        let mut out = Vec::new();
        pair_guillemets(text, |bytes, from, _| memchr2(b'\n', 0xC2, &bytes[from..]).map(|k| from + k), &mut out);
        out
    }

    /// The plugin's test texts, and 5 000 texts of `per_text` of `pieces`
    /// drawn from `seed`: the same on every run.
    fn test_texts_and_random(pieces: &[&str], seed: u64, per_text: usize) -> Vec<String> {
        let mut texts = glaneur_testdata::test_texts(&["quotations"]);
        let mut draws = glaneur_testdata::Draws::new(seed);
        for _ in 0..5000 {
            let mut text = String::new();
            for _ in 0..per_text {
                text.push_str(pieces[draws.below(pieces.len())]);
            }
            texts.push(text);
        }
        texts
    }

    #[test]
    fn guillemets_are_paired_as_when_every_line_was_read() {
        // Texts mixing `« »` with blank lines and the chars that share
        // their bytes (`ë` C3 AB, `û` C3 BB, the no-break space C2 A0).
        let pieces = ["a", " ", "«", "»", "\n", "\n\n", "\n \u{a0}\r\n", "ë", "û", "\u{a0}", "\t", "° "];
        let texts = test_texts_and_random(&pieces, 11, 16);
        for text in &texts {
            assert_eq!(guillemets(text), guillemets_at_every_line(text), "{text:?}");
            let every_line = |bytes: &[u8], from: usize, _| memchr2(b'\n', 0xC2, &bytes[from..]).map(|k| from + k);
            assert_eq!(guillemets(text), pair_guillemets_by_frames(text, every_line), "{text:?}");
        }
    }

    /// What [`quotes`] did: every quotation, those between `« »` and the
    /// others, sorted, and those nested in an earlier one left out.
    fn quotes_sorted_and_kept(text: &str) -> Vec<Quote> {
        let pairs = guillemets(text);
        let mut out = pairs.clone();
        out.extend(other_marks(text, &pairs));
        out.sort_by_key(|q| q.start);
        let mut kept: Vec<Quote> = Vec::with_capacity(out.len());
        for q in out {
            if kept.last().is_none_or(|last| q.start >= last.end) {
                kept.push(q);
            }
        }
        kept
    }

    #[test]
    fn quotes_are_those_sorted_and_kept() {
        // Texts of every mark, nested, unclosed, across blank lines.
        let pieces = ["a", " ", "«", "»", "«", "»", "“", "”", "„", "‹", "›", "\"", " \"", "\" ", "\n\n", "’", "b "];
        let texts = test_texts_and_random(&pieces, 7, 20);
        for text in &texts {
            assert_eq!(quotes(text), quotes_sorted_and_kept(text), "{text:?}");
        }
    }

    /// What [`other_marks`] did: stopping at every `"` and byte 0xE2.
    fn other_marks_at_every_e2(text: &str, pairs: &[Quote]) -> Vec<Quote> {
        let inside_guillemets = |i: usize| {
            let k = pairs.partition_point(|q| q.start < i);
            k > 0 && pairs[k - 1].end > i
        };
        let mut out = Vec::new();
        let mut i = 0;
        let mut hopeless: [usize; 4] = [0; 4];
        let bytes = text.as_bytes();
        while let Some(found) = memchr2(b'"', 0xE2, &bytes[i..]) {
            i += found;
            let kind = opener_kind(text, i);
            match kind {
                Some((k, closers)) if i >= hopeless[k] && !inside_guillemets(i) => match paired(text, i, closers) {
                    Ok(q) => {
                        out.push(q);
                        i = q.end;
                        continue;
                    }
                    Err(paragraph_end) => hopeless[k] = paragraph_end,
                },
                _ => {}
            }
            i += 1;
        }
        out
    }

    #[test]
    fn other_marks_are_found_as_at_every_e2() {
        // Every opening mark, and the chars sharing their last byte (`Ü`
        // C3 9C, `Þ` C3 9E, `ù` C3 B9) or their first (`’`, `–`, `…`).
        let pieces = [
            "a", " ", "“", "”", "„", "‹", "›", "\"", " \"", "\" ", "«", "»", "\n\n", "’", "–", "…", "Ü", "Þ", "ù",
            "\u{201d}", "b ",
        ];
        let texts = test_texts_and_random(&pieces, 5, 20);
        let mut found = 0;
        for text in &texts {
            let pairs = guillemets(text);
            let got = other_marks(text, &pairs);
            assert_eq!(got, other_marks_at_every_e2(text, &pairs), "{text:?}");
            found += got.len();
        }
        assert!(found > 1000, "{found} quotations: the texts test too little");
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
