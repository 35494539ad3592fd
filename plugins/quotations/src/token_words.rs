//! Words read from the document's tokens rather than from its bytes: where
//! words begin in a stretch of text, and a word token's folded form, which
//! the host computed once. The rules read words as runs of letters (with
//! hyphens and apostrophes: [`crate::verbs::word_after`]); a token is such
//! a word whenever its bytes say so cheaply, and the text is read as before
//! when they do not (combining accents, letters beyond Latin-1, a hyphen or
//! an apostrophe glued to it).

use std::borrow::Cow;
use std::cell::Cell;

use glaneur_schema::{Document, Flags, Token};
use glaneur_text::is_letter;

use crate::verbs::after_spaces;

/// Whether every byte of `bytes` is ASCII or belongs to a character below
/// U+0100 (lead bytes `C2`, `C3`): in a word token, letters that
/// [`is_letter`] takes one by one, whose folded form is their lower case.
#[inline]
pub(crate) fn latin1(bytes: &[u8]) -> bool {
    bytes.iter().all(|&b| b < 0xC4)
}

/// Token `i` of `doc` as the whole word `verbs::word_span` reads
/// at its start, folded, with its end; `None` when the token is no word,
/// or may differ from that word (a character beyond Latin-1 in it, or
/// after it a character that may go on a word: a letter, a hyphen, an
/// apostrophe).
pub fn whole_word<'d>(doc: &Document<'d>, i: usize) -> Option<(&'d str, usize)> {
    whole_word_token(doc, i).map(|t| (doc.folded_of(t), t.end()))
}

/// Token `i` of `doc` when it is the whole word [`whole_word`] reads (its
/// folded form not yet read).
pub fn whole_word_token<'d>(doc: &Document<'d>, i: usize) -> Option<&'d Token> {
    let t = doc.tokens().get(i).filter(|t| t.is_word())?;
    let bytes = doc.text().as_bytes();
    (ends_word(bytes, t) && latin1(&bytes[t.span()])).then_some(t)
}

/// Whether what follows token `t` in `bytes` (its text) cannot go on its
/// word: the end of the text, or an ASCII byte other than a letter, a
/// hyphen or an apostrophe (any other byte may start a letter or `’`).
#[inline]
pub(crate) fn ends_word(bytes: &[u8], t: &Token) -> bool {
    match bytes.get(t.end()) {
        None => true,
        Some(&b) => b < 0x80 && !b.is_ascii_alphabetic() && b != b'-' && b != b'\'',
    }
}

/// A document's words, read from its tokens: remembers the token it read
/// last, from which the next lookup near it searches (the rules read words
/// near one another; a binary search over the whole document cost a
/// hundred instructions a word).
pub struct Words<'d> {
    doc: Document<'d>,
    last: Cell<usize>,
}

/// A word read after an offset ([`Words::next_word_from`]): folded, its
/// end, and the token after it when tokens are the whole word (else
/// `usize::MAX`).
type WordAfter<'d> = (Cow<'d, str>, usize, usize);

/// How far (in bytes) from the last token found a lookup starts from it.
const NEAR: usize = 200;

impl<'d> Words<'d> {
    /// The words of `doc`.
    pub fn new(doc: Document<'d>) -> Self {
        Words { doc, last: Cell::new(0) }
    }

    /// The document.
    pub fn doc(&self) -> &Document<'d> {
        &self.doc
    }

    /// [`Document::token_at`]: the first token ending after byte `at`,
    /// searched from the last one found (or from a guess), by steps
    /// doubling away from it, then by halves.
    pub fn token_at(&self, at: usize) -> usize {
        let tokens = self.doc.tokens();
        let before = |i: usize| tokens[i].end() <= at;
        // The last token found when near, else where the tokens would be
        // if spread evenly over the text.
        let last = self.last.get();
        let hint = match tokens.get(last) {
            Some(t) if t.start().abs_diff(at) < NEAR => last,
            _ => (at.saturating_mul(tokens.len()) / self.doc.text().len().max(1)).min(tokens.len()),
        };
        // The token is in `lo..=hi`.
        let (mut lo, mut hi) = (0, hint);
        let mut step = 1;
        if hint < tokens.len() && before(hint) {
            lo = hint + 1;
            hi = tokens.len();
            while hint + step < tokens.len() {
                if !before(hint + step) {
                    hi = hint + step;
                    break;
                }
                lo = hint + step + 1;
                step *= 2;
            }
        } else {
            while step <= hint {
                if before(hint - step) {
                    lo = hint - step + 1;
                    break;
                }
                hi = hint - step;
                step *= 2;
            }
        }
        let found = lo + tokens[lo..hi].partition_point(|t| t.end() <= at);
        self.last.set(found);
        found
    }

    /// The word after `at` (spaces skipped), folded, with its end, and the
    /// token after it when tokens are the whole word (else `usize::MAX`):
    /// [`crate::verbs::next_word`], the folded form the document's when a
    /// token is the whole word, or an elision and such a word (the token
    /// at `hint` tried first).
    fn next_word_from(&self, at: usize, hint: usize) -> Option<WordAfter<'d>> {
        self.next_word_and_token(at, hint).0
    }

    /// [`Words::next_word_from`], and the token starting where the word
    /// after `at` starts, if one does.
    fn next_word_and_token(&self, at: usize, hint: usize) -> (Option<WordAfter<'d>>, Option<usize>) {
        let text = self.doc.text();
        let start = after_spaces(text.as_bytes(), at);
        let tokens = self.doc.tokens();
        let i = match tokens.get(hint) {
            Some(t) if t.start() == start => hint,
            _ => self.token_at(start),
        };
        let first = tokens.get(i).is_some_and(|t| t.start() == start).then_some(i);
        if first.is_some() {
            if let Some((word, end)) = whole_word(&self.doc, i) {
                return (Some((Cow::Borrowed(word), end, i + 1)), first);
            }
            if let Some((word, end)) = elided_word(&self.doc, i) {
                return (Some((word, end, i + 2)), first);
            }
        }
        (crate::verbs::next_word(text, at).map(|(word, end)| (word, end, usize::MAX)), first)
    }

    /// The word after `at` (spaces skipped), folded, with its end, as
    /// [`crate::verbs::next_word`] reads it in the text: the folded form
    /// the document's when a token is the whole word.
    pub fn next_word(&self, at: usize) -> Option<(Cow<'d, str>, usize)> {
        self.next_word_from(at, usize::MAX).map(|(word, end, _)| (word, end))
    }

    /// [`Words::next_word`], and the token that starts where the word
    /// after `at` starts, if one does: where [`crate::verbs::Verbs::at_token`]
    /// reads what [`crate::verbs::Verbs::at`] reads at `at`.
    pub fn next_word_token(&self, at: usize) -> (Option<(Cow<'d, str>, usize)>, Option<usize>) {
        let (word, token) = self.next_word_and_token(at, usize::MAX);
        (word.map(|(word, end, _)| (word, end)), token)
    }

    /// [`Words::fill_words`] into a vector of `n` words.
    #[cfg(test)]
    fn next_words(&self, at: usize, n: usize) -> Vec<(Cow<'d, str>, usize)> {
        let mut out = vec![Default::default(); n];
        let read = self.fill_words(at, &mut out);
        out.truncate(read);
        out
    }

    /// The words after `at`, as many as `out` holds, as
    /// [`crate::verbs::next_words`] reads them in the text, written into
    /// `out` (an array on a caller's stack, rather than a vector for each
    /// phrase read): each with [`Words::next_word`], the token after a
    /// whole word tried first for the next; how many there were.
    pub fn fill_words(&self, at: usize, out: &mut [(Cow<'d, str>, usize)]) -> usize {
        let (mut i, mut hint) = (at, usize::MAX);
        for (n, slot) in out.iter_mut().enumerate() {
            let Some((word, end, next)) = self.next_word_from(i, hint) else { return n };
            *slot = (word, end);
            (i, hint) = (end, next);
        }
        out.len()
    }
}

/// The letters of token `t` (whose bytes are `bytes`) when it is an
/// elision, before its apostrophe (`'` or `’`).
fn elision_letters<'b>(t: &Token, bytes: &'b [u8]) -> Option<&'b [u8]> {
    if !(t.is_word() && t.has(Flags::ELIDED)) {
        return None;
    }
    bytes.strip_suffix("’".as_bytes()).or_else(|| bytes.strip_suffix(b"'"))
}

/// Tokens `i` and `i + 1` of `doc` as the whole word
/// `verbs::word_span` reads at the start of `i`, folded, with its
/// end: an elision (`l'`, `d’`) and the word glued to it, which is a whole
/// word ([`whole_word`]); `None` for other tokens.
fn elided_word<'d>(doc: &Document<'d>, i: usize) -> Option<(Cow<'d, str>, usize)> {
    let (text, tokens) = (doc.text(), doc.tokens());
    let t = tokens.get(i)?;
    // The elision's letters, Latin-1, then its apostrophe.
    if !elision_letters(t, &text.as_bytes()[t.span()]).is_some_and(latin1) {
        return None;
    }
    let next = tokens.get(i + 1).filter(|n| n.start() == t.end())?;
    let (word, end) = whole_word(doc, i + 1)?;
    let elision = doc.folded_of(t);
    let whole = &text[t.start()..next.end()];
    // The text itself when neither part folds to something else.
    Some(match whole.strip_suffix(word).is_some_and(|head| head == elision) {
        true => (Cow::Borrowed(whole), end),
        false => (Cow::Owned([elision, word].concat()), end),
    })
}

/// Whether `c` is part of a word as `verbs::word_span` reads it, and so
/// may begin one: a letter, a hyphen or an apostrophe (`-t-il`, `l’a`).
#[inline]
pub(crate) fn word_char(c: char) -> bool {
    is_letter(c) || matches!(c, '-' | '\'' | '’')
}

/// Whether a word as `verbs::word_span` reads it may begin at
/// byte `at` of `text` (a char boundary): else none is read there.
pub fn may_begin_word(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        None => false,
        Some(&b) if b < 0x80 => b.is_ascii_alphabetic() || b == b'-' || b == b'\'',
        Some(_) => text[at..].chars().next().is_some_and(word_char),
    }
}

/// Whether the character before byte `at` of `text` (a char boundary) is
/// a letter.
#[inline]
fn letter_before(text: &str, at: usize) -> bool {
    match text.as_bytes()[..at].last() {
        None => false,
        Some(&b) if b < 0x80 => b.is_ascii_alphabetic(),
        Some(_) => text[..at].chars().next_back().is_some_and(is_letter),
    }
}

/// The offsets in `from..to` (char boundaries of `doc`'s text) where a
/// word as `verbs::word_span` reads it may begin: a letter, a
/// hyphen or an apostrophe that follows no letter (or stands at `from`),
/// in order. Each comes with the index of the token starting there when it
/// is a word token made of letters up to Latin-1 (for [`whole_word`]).
///
/// Read from the tokens: a token of ASCII and Latin-1 characters holds a
/// letter only when it is a word, and only its first follows no letter,
/// or is a hyphen or an apostrophe alone; other tokens (and one cut by
/// `from`) are read a character at a time.
pub fn word_starts<'d>(
    doc: &Document<'d>,
    from: usize,
    to: usize,
) -> impl Iterator<Item = (usize, Option<usize>)> + 'd {
    let (text, tokens) = (doc.text(), doc.tokens());
    let mut i = doc.token_at(from);
    // A stretch read a character at a time: the next offset, the end, and
    // whether the character before was a letter.
    let mut chars: Option<(usize, usize, bool)> = None;
    std::iter::from_fn(move || loop {
        if let Some((pos, end, after_letter)) = chars.as_mut() {
            while *pos < *end {
                let at = *pos;
                let c = text[at..].chars().next()?;
                *pos += c.len_utf8();
                let starts = word_char(c) && !*after_letter;
                *after_letter = is_letter(c);
                if starts {
                    return Some((at, None));
                }
            }
            chars = None;
        }
        let t = tokens.get(i).filter(|t| t.start() < to)?;
        i += 1;
        let start = t.start().max(from);
        let bytes = &text.as_bytes()[t.span()];
        if start == t.start() && latin1(bytes) {
            let word = t.is_word();
            // White space before a token not joined to the one before.
            let after_letter = || t.is_joined() && letter_before(text, start);
            if (word || matches!(bytes, b"-" | b"'")) && (start == from || !after_letter()) {
                return Some((start, word.then_some(i - 1)));
            }
            continue;
        }
        chars = Some((start, t.end().min(to), start != from && letter_before(text, start)));
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use glaneur_schema::DocumentBuf;

    /// Texts with what the tokens may read apart from the characters:
    /// combining accents, `ʼ`, letters beyond Latin-1, digits, elisions.
    fn texts() -> Vec<String> {
        let mut texts = glaneur_testdata::test_texts(&["quotations"]);
        texts.extend(
            [
                "l’a dit-il -t-il 'a ’b --c 3x «Oui» É. aujourd'hui dʼaprès de\u{301}clare ΣΑΣ İzmir 😀é x\u{345}y a\u{a0}\u{202f}b",
                "« Oui », a déclaré l'AFP\n\n— Non ,dit-elle l'a jugée ; ‘x’ \"y\" µa ªb ×c ÷d",
                "",
                "a",
                "'",
            ]
            .map(str::to_owned),
        );
        texts
    }

    /// What [`word_starts`] reads, a character at a time.
    fn by_chars(text: &str, from: usize, to: usize) -> Vec<usize> {
        let mut after_letter = false;
        let mut out = Vec::new();
        for (i, c) in text[from..to].char_indices() {
            if word_char(c) && !after_letter {
                out.push(from + i);
            }
            after_letter = is_letter(c);
        }
        out
    }

    #[test]
    fn word_starts_are_read_from_the_tokens_as_from_the_chars() {
        for text in texts() {
            let buf = DocumentBuf::new(&text).expect("a short text");
            let doc = buf.document();
            let starts: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            for (k, &from) in starts.iter().enumerate().step_by(3) {
                // The whole text once, else stretches of a few hundred bytes.
                let end = starts.last().filter(|_| k == 0);
                for &to in starts[k..].iter().take(400).step_by(37).chain(end) {
                    let found: Vec<(usize, Option<usize>)> = word_starts(&doc, from, to).collect();
                    let at: Vec<usize> = found.iter().map(|&(at, _)| at).collect();
                    assert_eq!(at, by_chars(&text, from, to), "{:?}", &text[from..to]);
                    for (at, token) in found {
                        assert!(token.is_none_or(|i| doc.tokens()[i].start() == at));
                    }
                }
            }
        }
    }

    #[test]
    fn words_are_read_from_the_tokens_as_from_the_text() {
        for text in texts() {
            let buf = DocumentBuf::new(&text).expect("a short text");
            let words = Words::new(buf.document());
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                assert_eq!(words.next_word(at), crate::verbs::next_word(&text, at), "{:?}", &text[at..]);
            }
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)).step_by(7) {
                let n = at % 13;
                assert_eq!(words.next_words(at, n), crate::verbs::next_words(&text, at, n), "{:?}", &text[at..]);
            }
        }
    }

    #[test]
    fn tokens_are_found_from_the_last_as_by_a_binary_search() {
        for text in texts() {
            let buf = DocumentBuf::new(&text).expect("a short text");
            let doc = buf.document();
            let words = Words::new(doc);
            // Forward, backward, and jumping about.
            let n = text.len() + 2;
            let order = (0..n).chain((0..n).rev()).chain((0..n).map(|i| i * 7919 % n));
            for at in order {
                assert_eq!(words.token_at(at), doc.token_at(at), "{at} in {text:?}");
            }
        }
    }

    #[test]
    fn no_word_is_read_where_none_may_begin() {
        for text in texts() {
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let (start, end) = crate::verbs::word_span(&text, at);
                if !may_begin_word(&text, at) && start == at {
                    assert_eq!(end, at, "{:?}", &text[at..]);
                }
            }
        }
    }

    #[test]
    fn a_whole_word_token_is_the_word_read_from_the_text() {
        let mut whole = 0;
        for text in texts() {
            let buf = DocumentBuf::new(&text).expect("a short text");
            let doc = buf.document();
            for (i, t) in doc.tokens().iter().enumerate() {
                let Some((word, end)) = whole_word(&doc, i) else { continue };
                let (start, span_end) = crate::verbs::word_span(&text, t.start());
                assert_eq!((start, end), (t.start(), span_end), "{:?}", &text[t.start()..]);
                assert_eq!(word, glaneur_text::folded(&text[start..end]), "{:?}", &text[start..end]);
                whole += 1;
            }
        }
        assert!(whole > 1000, "{whole} whole words");
    }
}
