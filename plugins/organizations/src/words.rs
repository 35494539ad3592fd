//! The words around a span, within its sentence: what the context rules
//! look at.

use std::borrow::Cow;

use glaneur_schema::{Document, Flags, Token};
use glaneur_text::{folded, is_capital_at};

/// A word or punctuation mark next to a span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    /// As written.
    pub text: &'a str,
    /// Lowercased, `’` folded to `'`.
    pub lower: Cow<'a, str>,
    /// Byte span.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Word<'_> {
    /// Starts with an upper-case letter or a digit.
    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    }

    /// A word (letters or digits), not punctuation.
    pub fn is_word(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_alphanumeric)
    }
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ';' | '\n' | '«' | '»' | '“' | '”' | '(' | ')' | ':')
}

/// A word of `doc` from byte `start` to `end`: its folded form borrowed
/// from the Document when the word is one token (most words), else folded
/// here (`start-up`, `Inc.`).
fn make<'a>(doc: &Document<'a>, tokens: std::ops::Range<usize>, start: usize, end: usize) -> Word<'a> {
    Word { text: &doc.text()[start..end], lower: folded_tokens(doc, tokens), start, end }
}

/// The folded form of `tokens` of `doc` (lowercased, `’` as `'`): the
/// Document's, borrowed, for one token; folded here for more.
pub fn folded_tokens<'a>(doc: &Document<'a>, tokens: std::ops::Range<usize>) -> Cow<'a, str> {
    match doc.tokens().get(tokens.clone()) {
        Some([one]) => Cow::Borrowed(doc.folded_of(one)),
        _ => folded(&doc.text()[doc.byte_span(tokens)]),
    }
}

/// A token a word is made of: letters, digits, `-`, `&` (`start-up`,
/// `AT&T`, `H100`).
fn is_piece(doc: &Document<'_>, t: &Token) -> bool {
    t.is_word() || t.is_number() || matches!(bytes_of(doc, t), b"-" | b"&")
}

/// An apostrophe token (`'`, `’`), which a word before it keeps.
fn is_apostrophe(doc: &Document<'_>, t: &Token) -> bool {
    matches!(bytes_of(doc, t), b"'" | [0xE2, 0x80, 0x99]) // `'`, `’`
}

/// The bytes of token `t` of `doc`: compared with marks without the
/// character-boundary checks of a `str` slice, since the readers compare
/// most tokens they read.
fn bytes_of<'a>(doc: &Document<'a>, t: &Token) -> &'a [u8] {
    &doc.text().as_bytes()[t.start()..t.end()]
}

/// Whether the whitespace from `from` to `to` holds a line break, which
/// ends the sentence for these readers.
fn breaks_line(text: &str, from: usize, to: usize) -> bool {
    let gap = &text.as_bytes()[from.min(to)..to];
    // Most gaps are a space or two: read without a call.
    if gap.len() <= 8 {
        gap.contains(&b'\n')
    } else {
        memchr::memchr(b'\n', gap).is_some()
    }
}

/// The words (and commas) after `at` (a token boundary), nearest first,
/// until the end of the sentence: read one at a time, as a rule asks for
/// them, since most rules stop after a word or two. A word keeps a glued
/// apostrophe (`d'`), and `Inc.` keeps its period.
pub fn after<'a>(doc: &Document<'a>, at: usize) -> After<'a> {
    After { doc: *doc, k: doc.token_at(at), pos: at }
}

/// The words (and commas) before `at` (a token boundary), nearest first,
/// until the start of the sentence, read one at a time.
pub fn before<'a>(doc: &Document<'a>, at: usize) -> Before<'a> {
    Before { doc: *doc, k: doc.token_at(at), pos: at }
}

/// [`after`] the first `k` tokens (from the end of token `k - 1`), for a
/// caller that knows the token: no search for it.
pub fn after_token<'a>(doc: &Document<'a>, k: usize) -> After<'a> {
    let pos = k.checked_sub(1).and_then(|i| doc.tokens().get(i)).map_or(0, Token::end);
    After { doc: *doc, k, pos }
}

/// [`before`] token `k` (from its start), for a caller that knows the
/// token: no search for it.
pub fn before_token<'a>(doc: &Document<'a>, k: usize) -> Before<'a> {
    let pos = doc.tokens().get(k).map_or(doc.text().len(), Token::start);
    Before { doc: *doc, k, pos }
}

/// Whether one of the first `words` words that [`after_token`]`(doc, k)`
/// reads, before any comma, may begin with a capital or a digit
/// ([`Word::is_capitalised`]): false only if none can. Told from the
/// tokens alone, so that a rule wanting a name a few words on reads and
/// looks up no word when none can start one (most cues). It may look
/// further than the reader (past a line break; a word begun by a glued
/// piece is not counted), never less far.
pub fn capital_within(doc: &Document<'_>, k: usize, words: usize) -> bool {
    let text = doc.text();
    let mut begun = 0;
    for t in doc.tokens().get(k..).unwrap_or_default() {
        let piece = is_piece(doc, t);
        // A piece after a space begins a word; apostrophes come within
        // words; any other token (a comma too) ends what is looked at.
        if piece && !t.is_joined() {
            begun += 1;
            if begun > words {
                return false;
            }
        } else if !piece && !is_apostrophe(doc, t) {
            return false;
        }
        if text.as_bytes()[t.start()].is_ascii_digit() || is_capital_at(text, t.start()) {
            return true;
        }
    }
    false
}

/// The iterator [`after`] returns.
pub struct After<'a> {
    doc: Document<'a>,
    /// The next token to read; past the last token once the sentence ends.
    k: usize,
    /// Where the last word read ends.
    pos: usize,
}

impl<'a> Iterator for After<'a> {
    type Item = Word<'a>;

    fn next(&mut self) -> Option<Word<'a>> {
        let (doc, text, tokens) = (&self.doc, self.doc.text(), self.doc.tokens());
        let mut k = self.k;
        let t = tokens.get(k)?;
        if breaks_line(text, self.pos, t.start()) {
            self.k = tokens.len();
            return None;
        }
        if is_piece(doc, t) {
            let first = k;
            // Joined pieces make one word, but an elision ends it (`d’`).
            while !tokens[k].has(Flags::ELIDED) && tokens.get(k + 1).is_some_and(|n| n.is_joined() && is_piece(doc, n))
            {
                k += 1;
            }
            if !tokens[k].has(Flags::ELIDED)
                && tokens.get(k + 1).is_some_and(|a| a.is_joined() && is_apostrophe(doc, a))
            {
                k += 1;
            }
            // The word's bytes (what `byte_span` gives, without a call).
            let word = tokens[first].start()..tokens[k].end();
            let abbreviation = matches!(&text.as_bytes()[word.clone()], b"Inc" | b"Ltd" | b"Corp" | b"Co");
            if abbreviation && tokens.get(k + 1).is_some_and(|p| p.is_joined() && bytes_of(doc, p) == b".") {
                k += 1;
            }
            k += 1;
            self.k = k;
            self.pos = tokens[k - 1].end();
            Some(make(doc, first..k, word.start, self.pos))
        } else if bytes_of(doc, t) == b"," {
            self.k = k + 1;
            self.pos = t.end();
            Some(make(doc, k..k + 1, t.start(), t.end()))
        } else {
            self.k = tokens.len();
            None
        }
    }
}

/// The iterator [`before`] returns.
pub struct Before<'a> {
    doc: Document<'a>,
    /// One past the next token to read; 0 once the sentence starts.
    k: usize,
    /// Where the last word read starts.
    pos: usize,
}

impl Before<'_> {
    /// Whether the next word this reader gives may be a comma: the token
    /// before is one (a line break may still end the sentence there). A
    /// rule that wants only a comma asks this first, which reads no word.
    pub fn may_give_comma(&self) -> bool {
        self.k.checked_sub(1).and_then(|i| self.doc.tokens().get(i)).is_some_and(|t| bytes_of(&self.doc, t) == b",")
    }
}

impl<'a> Iterator for Before<'a> {
    type Item = Word<'a>;

    fn next(&mut self) -> Option<Word<'a>> {
        let (doc, text, tokens) = (&self.doc, self.doc.text(), self.doc.tokens());
        let end = self.k;
        let t = tokens.get(end.checked_sub(1)?)?;
        if breaks_line(text, t.end(), self.pos) {
            self.k = 0;
            return None;
        }
        if is_apostrophe(doc, t) || is_piece(doc, t) {
            let mut k = end - 1;
            // Pieces glued before it, but not an elision (`d’` of `d’Amazon`).
            while k > 0 && tokens[k].is_joined() && is_piece(doc, &tokens[k - 1]) && !tokens[k - 1].has(Flags::ELIDED) {
                k -= 1;
            }
            let word = tokens[k].start()..tokens[end - 1].end();
            self.k = k;
            self.pos = word.start;
            Some(make(doc, k..end, word.start, word.end))
        } else if bytes_of(doc, t) == b"," {
            self.k = end - 1;
            self.pos = t.start();
            Some(make(doc, end - 1..end, t.start(), t.end()))
        } else {
            self.k = 0;
            None
        }
    }
}

/// Whether `at` starts a sentence: nothing but spaces back to a sentence
/// end, a line start or the text start.
pub fn starts_sentence(text: &str, at: usize) -> bool {
    match text[..at].trim_end_matches(|c: char| c.is_whitespace() && c != '\n').chars().next_back() {
        None => true,
        Some(c) => ends_sentence(c) || c == '-' || c == '–' || c == '—',
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use glaneur_schema::DocumentBuf;

    fn word_char(c: char) -> bool {
        c.is_alphanumeric() || c == '-' || c == '&'
    }

    /// The byte readers organizations used before the Document: the
    /// reference the token readers are checked against.
    fn make_reference(text: &str, start: usize, end: usize) -> Word<'_> {
        let slice = &text[start..end];
        Word { text: slice, lower: folded(slice), start, end }
    }

    /// Up to `n` words (and commas) after `at`, nearest first, stopping at the
    /// end of the sentence. A word keeps a glued apostrophe (`d'`), and `Inc.`
    /// keeps its period.
    fn after_reference(text: &str, at: usize, n: usize) -> Vec<Word<'_>> {
        let mut out = Vec::with_capacity(n);
        let mut i = at;
        while out.len() < n {
            let Some(c) = text[i..].chars().next() else { break };
            if c.is_whitespace() && c != '\n' {
                i += c.len_utf8();
                continue;
            }
            if word_char(c) {
                let start = i;
                while let Some(w) = text[i..].chars().next().filter(|w| word_char(*w)) {
                    i += w.len_utf8();
                }
                if let Some(a) = text[i..].chars().next().filter(|a| *a == '\'' || *a == '’') {
                    i += a.len_utf8();
                }
                if text[i..].starts_with('.') && matches!(&text[start..i], "Inc" | "Ltd" | "Corp" | "Co") {
                    i += 1;
                }
                out.push(make_reference(text, start, i));
            } else if c == ',' {
                out.push(make_reference(text, i, i + 1));
                i += 1;
            } else {
                break;
            }
        }
        out
    }

    /// Up to `n` words (and commas) before `at`, nearest first, stopping at the
    /// start of the sentence.
    fn before_reference(text: &str, at: usize, n: usize) -> Vec<Word<'_>> {
        let mut out = Vec::with_capacity(n);
        let mut i = at;
        while out.len() < n {
            let Some(c) = text[..i].chars().next_back() else { break };
            if c.is_whitespace() && c != '\n' {
                i -= c.len_utf8();
                continue;
            }
            if word_char(c) || c == '\'' || c == '’' {
                let end = i;
                if c == '\'' || c == '’' {
                    i -= c.len_utf8();
                }
                while let Some(w) = text[..i].chars().next_back().filter(|w| word_char(*w)) {
                    i -= w.len_utf8();
                }
                if i == end {
                    break;
                }
                out.push(make_reference(text, i, end));
            } else if c == ',' {
                out.push(make_reference(text, i - 1, i));
                i -= 1;
            } else {
                break;
            }
        }
        out
    }

    #[test]
    fn the_token_readers_read_what_the_byte_readers_read() {
        let mut texts = glaneur_testdata::test_texts(&["organizations"]);
        texts.push("AT&T, H100 -- l’OpenAI d’Amazon aujourd'hui Nvidia’s « ’ X Apple Inc. Co.x start-up\n, x".into());
        assert!(texts.len() > 50);
        for text in &texts {
            let buf = DocumentBuf::new(text).expect("a test text fits");
            let doc = buf.document();
            for (i, t) in doc.tokens().iter().enumerate() {
                let next: Vec<_> = after_token(&doc, i + 1).take(8).collect();
                assert_eq!(next, after(&doc, t.end()).take(8).collect::<Vec<_>>(), "after token {i} in {text}");
                let prev: Vec<_> = before_token(&doc, i).take(8).collect();
                assert_eq!(prev, before(&doc, t.start()).take(8).collect::<Vec<_>>(), "before token {i} in {text}");
                for at in [t.start(), t.end()] {
                    let (next, prev): (Vec<_>, Vec<_>) =
                        (after(&doc, at).take(8).collect(), before(&doc, at).take(8).collect());
                    assert_eq!(next, after_reference(text, at, 8), "after {at} in {text}");
                    assert_eq!(prev, before_reference(text, at, 8), "before {at} in {text}");
                }
            }
        }
    }

    #[test]
    fn no_capital_within_means_no_capitalised_word_read() {
        let mut texts = glaneur_testdata::test_texts(&["organizations"]);
        texts.push("la société x-Foo, bar d’Éole ; la firme 3M\nX la start-up « Y » l' Z la société Inc. Co".into());
        let mut capitals = 0;
        for text in &texts {
            let buf = DocumentBuf::new(text).expect("a test text fits");
            let doc = buf.document();
            for k in 0..=doc.tokens().len() {
                for n in 1..=6 {
                    let capitalised =
                        after_token(&doc, k).take(n).take_while(|w| w.text != ",").any(|w| w.is_capitalised());
                    assert!(capital_within(&doc, k, n) || !capitalised, "{n} words after token {k} in {text}");
                    capitals += usize::from(capitalised);
                }
            }
        }
        assert!(capitals > 1000, "{capitals}");
    }

    #[test]
    fn a_comma_read_before_is_one_the_tokens_tell() {
        let mut texts = glaneur_testdata::test_texts(&["organizations"]);
        texts.push("X ,\nla société, la start-up ,, d’Éole , l'".into());
        let mut commas = 0;
        for text in &texts {
            let buf = DocumentBuf::new(text).expect("a test text fits");
            let doc = buf.document();
            for k in 0..=doc.tokens().len() {
                let mut words = before_token(&doc, k);
                for _ in 0..4 {
                    let may = words.may_give_comma();
                    let Some(word) = words.next() else { break };
                    commas += usize::from(word.text == ",");
                    assert!(may || word.text != ",", "before token {k} in {text}");
                }
            }
        }
        assert!(commas > 100, "{commas}");
    }

    fn texts<'a>(words: impl Iterator<Item = Word<'a>>, n: usize) -> Vec<&'a str> {
        words.take(n).map(|w| w.text).collect()
    }

    #[test]
    fn neighbours_stop_at_the_sentence() {
        let t = "Fin. Selon la start-up d’Amazon, Apple Inc. a levé des fonds.";
        let buf = DocumentBuf::new(t).expect("small");
        let doc = buf.document();
        let at = t.find("Apple").expect("Apple");
        assert_eq!(texts(before(&doc, at), 10), [",", "Amazon", "d’", "start-up", "la", "Selon"]);
        assert_eq!(texts(after(&doc, at + 5), 4), ["Inc.", "a", "levé", "des"]);
        assert!(starts_sentence(t, t.find("Selon").expect("Selon")));
        assert!(!starts_sentence(t, at));
    }
}
