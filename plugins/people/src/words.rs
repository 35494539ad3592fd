//! People's idea of a word: letters with inner hyphens and apostrophes
//! (`Jean-Claude`, `O'Brien`), and single punctuation marks, read from a
//! name's candidate place onwards, put together from the Document's tokens.

use glaneur_schema::{Document, Flags, Token};

/// A word of the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Word<'a> {
    pub(crate) text: &'a str,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

impl Word<'_> {
    /// A capital first letter and some lower-case letter (`Goldman`, not `PDG`).
    pub(crate) fn capitalised(&self) -> bool {
        let mut chars = self.text.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
    }
}

/// Up to `n` words of `doc` from `from` (a token's start): letters with
/// inner hyphens and apostrophes, each other character a word of its own
/// (so that names never run across marks or digits), and each line break
/// a word `\n`.
#[cfg(test)]
pub(crate) fn words<'a>(doc: &Document<'a>, from: usize, n: usize) -> Vec<Word<'a>> {
    let mut words = Words::default();
    words.read_from(doc, doc.token_at(from), from, n);
    words.all().to_vec()
}

/// The words of a document from a token on, as [`words`] gives them, read
/// as they are asked for, up to a limit: a rule mostly stops at the second
/// or third word, and the others are never put together. One reader
/// serves all the candidates of a text.
#[derive(Debug, Default)]
pub(crate) struct Words<'d> {
    /// The words read so far.
    read: Vec<Word<'d>>,
    /// The document's text and tokens.
    text: &'d str,
    tokens: &'d [Token],
    /// The next token to read.
    next: usize,
    /// Where the text read so far ends (line breaks after it are words).
    pos: usize,
    /// How many words may be read.
    limit: usize,
    /// Whether the limit or the end of the text is reached.
    done: bool,
}

impl<'d> Words<'d> {
    /// A reader that reads into `buffer` (emptied first), holding at
    /// least `n` words before it grows.
    pub(crate) fn in_buffer(mut buffer: Vec<Word<'d>>, n: usize) -> Self {
        buffer.clear();
        buffer.reserve(n);
        Words { read: buffer, ..Words::default() }
    }

    /// Its buffer, for the next reader.
    pub(crate) fn into_buffer(self) -> Vec<Word<'d>> {
        self.read
    }

    /// Starts again, at token `k`'s start, for up to `limit` words.
    pub(crate) fn start_at(&mut self, doc: &Document<'d>, k: usize, limit: usize) {
        let from = doc.tokens().get(k).map_or(doc.text().len(), Token::start);
        self.read_from(doc, k, from, limit);
    }

    /// Starts again at byte `from`, where token `k` is the first to end
    /// after it.
    fn read_from(&mut self, doc: &Document<'d>, k: usize, from: usize, limit: usize) {
        self.read.clear();
        (self.text, self.tokens) = (doc.text(), doc.tokens());
        (self.next, self.pos, self.limit, self.done) = (k, from, limit, limit == 0);
    }

    /// Word `i`, read if it was not yet; none past the limit or the text.
    #[inline]
    pub(crate) fn get(&mut self, i: usize) -> Option<Word<'d>> {
        // Most words asked for were read already: only the others call.
        if self.read.len() <= i {
            self.read_to(i);
        }
        if i < self.limit {
            self.read.get(i).copied()
        } else {
            None
        }
    }

    /// The index of the first word (within the limit) that `wanted` takes.
    pub(crate) fn position(&mut self, wanted: impl Fn(&Word<'d>) -> bool) -> Option<usize> {
        (0..).map_while(|i| self.get(i).map(|w| (i, w))).find(|(_, w)| wanted(w)).map(|(i, _)| i)
    }

    /// Every word up to the limit, all read.
    #[cfg(test)]
    pub(crate) fn all(&mut self) -> &[Word<'d>] {
        while !self.done {
            self.read_more();
        }
        &self.read[..self.read.len().min(self.limit)]
    }

    /// Reads until word `i` is read, or the limit or the text's end.
    #[inline(never)]
    fn read_to(&mut self, i: usize) {
        while self.read.len() <= i && !self.done {
            self.read_more();
        }
    }

    /// Reads the next token: its word, or each of its characters, after
    /// the line breaks before it.
    fn read_more(&mut self) {
        let (text, tokens) = (self.text, self.tokens);
        let Some(t) = tokens.get(self.next) else {
            self.newlines(self.pos..text.len());
            self.done = true;
            return;
        };
        // Only a token after a line break has one in the gap before it.
        if t.is_line_start() {
            self.newlines(self.pos..t.start());
        }
        if starts_a_word(text, t) {
            let last = word_last_in(text, tokens, self.next);
            let end = tokens[last].end();
            self.read.push(Word { text: &text[t.start()..end], start: t.start(), end });
            (self.next, self.pos) = (last + 1, end);
        } else {
            for (j, c) in text[t.span()].char_indices() {
                let start = t.start() + j;
                self.read.push(Word { text: &text[start..start + c.len_utf8()], start, end: start + c.len_utf8() });
            }
            (self.next, self.pos) = (self.next + 1, t.end());
        }
        self.done = self.read.len() >= self.limit;
    }

    /// A word `\n` for each line break in `gap`.
    fn newlines(&mut self, gap: std::ops::Range<usize>) {
        for at in memchr::memchr_iter(b'\n', &self.text.as_bytes()[gap.clone()]).map(|i| gap.start + i) {
            self.read.push(Word { text: "\n", start: at, end: at + 1 });
        }
    }
}

/// Whether token `t` is a word starting with a letter (a word token may
/// start with a combining accent, which is none).
/// `text` is its document's text.
#[inline(always)]
fn starts_a_word(text: &str, t: &Token) -> bool {
    t.is_word()
        && match text.as_bytes()[t.start()] {
            b if b.is_ascii() => b.is_ascii_alphabetic(),
            _ => text[t.span()].chars().next().is_some_and(char::is_alphabetic),
        }
}

/// End of the word starting at `start` (a word token's start): letters,
/// with hyphens and apostrophes between letters (`Jean-Claude`, `O'Brien`,
/// `L'État`).
#[cfg(test)]
pub(crate) fn word_end(doc: &Document<'_>, start: usize) -> usize {
    let k = doc.token_at(start);
    doc.tokens().get(k).map_or(start, |_| doc.tokens()[word_last(doc, k)].end())
}

/// The last token of the word starting at token `k` (a word token):
/// joined words, over an elision's apostrophe or a hyphen or apostrophe
/// between them.
#[inline(always)]
pub(crate) fn word_last(doc: &Document<'_>, k: usize) -> usize {
    word_last_in(doc.text(), doc.tokens(), k)
}

/// [`word_last`] in a document's `text` and `tokens`.
#[inline(always)]
fn word_last_in(text: &str, tokens: &[Token], k: usize) -> usize {
    // Most words are one token: no elision, and nothing glued after it
    // that may join a word (a comma may be glued, a hyphen or an
    // apostrophe, whose first byte is one of these, may join one).
    let may_join = |m: &Token| m.is_joined() && matches!(text.as_bytes()[m.start()], b'-' | b'\'' | 0xE2);
    if !tokens[k].has(Flags::ELIDED) && !tokens.get(k + 1).is_some_and(may_join) {
        return k;
    }
    word_last_joined(text, tokens, k)
}

/// [`word_last_in`] for a word with something glued after its first token.
#[inline(never)]
fn word_last_joined(text: &str, tokens: &[Token], mut k: usize) -> usize {
    let word_after = |i: usize| tokens.get(i).is_some_and(|w| w.is_joined() && starts_a_word(text, w));
    loop {
        if tokens[k].has(Flags::ELIDED) && word_after(k + 1) {
            k += 1;
        } else if tokens.get(k + 1).is_some_and(|m| m.is_joined() && matches!(&text[m.span()], "-" | "'" | "’"))
            && word_after(k + 2)
        {
            k += 2;
        } else {
            return k;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use glaneur_schema::DocumentBuf;

    /// The byte reader people used before the Document: the reference the
    /// token reader is checked against.
    /// Up to `n` words of `text` from `from`: letters with inner hyphens and
    /// apostrophes, and single punctuation marks (kept so that names never run
    /// across them).
    fn words_reference(text: &str, from: usize, n: usize) -> Vec<Word<'_>> {
        let mut out = Vec::with_capacity(n);
        let mut i = from;
        while out.len() < n {
            let Some(c) = text[i..].chars().next() else { break };
            if c.is_alphabetic() {
                let end = word_end_reference(text, i);
                out.push(Word { text: &text[i..end], start: i, end });
                i = end;
                continue;
            }
            if !c.is_whitespace() {
                out.push(Word { text: &text[i..i + c.len_utf8()], start: i, end: i + c.len_utf8() });
            } else if c == '\n' {
                out.push(Word { text: "\n", start: i, end: i + 1 });
            }
            i += c.len_utf8();
        }
        out
    }

    /// End of the word starting at `start`: letters, with hyphens and
    /// apostrophes between letters (`Jean-Claude`, `O'Brien`).
    fn word_end_reference(text: &str, start: usize) -> usize {
        let mut end = start;
        let mut chars = text[start..].char_indices().peekable();
        while let Some((j, c)) = chars.next() {
            let inner = (c == '-' || c == '\'' || c == '’')
                && end > start
                && chars.peek().is_some_and(|(_, n)| n.is_alphabetic());
            if c.is_alphabetic() || inner {
                end = start + j + c.len_utf8();
            } else {
                break;
            }
        }
        end
    }

    #[test]
    fn the_token_reader_reads_what_the_byte_reader_reads() {
        // The other plugins' corpora: people has none of its own.
        let mut texts = glaneur_testdata::test_texts(&["organizations", "quotations", "money", "ai-models"]);
        assert!(texts.len() > 100);
        texts
            .push("Jean-Claude O'Brien, L'État ; M. Dupont-Aignan 2024\n\nAnne-\nx a--b d’Amazon ‘Zoé’ « Léa »".into());
        for text in &texts {
            let buf = DocumentBuf::new(text).expect("a test text fits");
            let doc = buf.document();
            let view =
                |ws: Vec<Word<'_>>| ws.into_iter().map(|w| (w.text.to_owned(), w.start, w.end)).collect::<Vec<_>>();
            for (i, t) in doc.tokens().iter().enumerate() {
                assert_eq!(
                    view(words(&doc, t.start(), 8)),
                    view(words_reference(text, t.start(), 8)),
                    "at {i} in {text}"
                );
                // From the token, and asked for word by word.
                let mut at_token = Words::default();
                at_token.start_at(&doc, i, 8);
                let asked: Vec<Word<'_>> = (0..10).map_while(|j| at_token.get(j)).collect();
                assert_eq!(view(asked), view(words(&doc, t.start(), 8)), "at {i} in {text}");
                if t.is_word() && doc.starts_word(i) {
                    assert_eq!(word_end(&doc, t.start()), word_end_reference(text, t.start()), "at {i} in {text}");
                }
            }
        }
    }
}
