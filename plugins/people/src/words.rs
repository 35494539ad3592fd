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
    let mut out = Vec::new();
    read_words(doc, from, n, &mut out);
    out
}

/// [`words`] into `out`, cleared first.
#[cfg(test)]
pub(crate) fn read_words<'a>(doc: &Document<'a>, from: usize, n: usize, out: &mut Vec<Word<'a>>) {
    fill(doc, doc.token_at(from), from, n, out);
}

/// Up to `n` words of `doc` from token `k`'s start, as [`words`] reads
/// them, into `out`, cleared first: one buffer serves all the candidates
/// of a text.
pub(crate) fn read_words_at<'a>(doc: &Document<'a>, k: usize, n: usize, out: &mut Vec<Word<'a>>) {
    let from = doc.tokens().get(k).map_or(doc.text().len(), Token::start);
    fill(doc, k, from, n, out);
}

/// [`read_words`] from byte `from`, where token `k` is the first to end
/// after it.
fn fill<'a>(doc: &Document<'a>, mut k: usize, from: usize, n: usize, out: &mut Vec<Word<'a>>) {
    let (text, tokens) = (doc.text(), doc.tokens());
    out.clear();
    let mut pos = from;
    let newlines = |out: &mut Vec<Word<'a>>, gap: std::ops::Range<usize>| {
        for at in memchr::memchr_iter(b'\n', &text.as_bytes()[gap.clone()]).map(|i| gap.start + i) {
            out.push(Word { text: "\n", start: at, end: at + 1 });
        }
    };
    while out.len() < n {
        let Some(t) = tokens.get(k) else {
            newlines(out, pos..text.len());
            break;
        };
        // Only a token after a line break has one in the gap before it.
        if t.is_line_start() {
            newlines(out, pos..t.start());
        }
        if starts_a_word(doc, t) {
            let last = word_last(doc, k);
            let end = tokens[last].end();
            out.push(Word { text: &text[t.start()..end], start: t.start(), end });
            (k, pos) = (last + 1, end);
        } else {
            for (j, c) in doc.text_of(t).char_indices() {
                let start = t.start() + j;
                out.push(Word { text: &text[start..start + c.len_utf8()], start, end: start + c.len_utf8() });
            }
            (k, pos) = (k + 1, t.end());
        }
    }
    out.truncate(n);
}

/// Whether token `t` is a word starting with a letter (a word token may
/// start with a combining accent, which is none).
#[inline(always)]
fn starts_a_word(doc: &Document<'_>, t: &Token) -> bool {
    t.is_word()
        && match doc.text().as_bytes()[t.start()] {
            b if b.is_ascii() => b.is_ascii_alphabetic(),
            _ => doc.text_of(t).chars().next().is_some_and(char::is_alphabetic),
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
    let tokens = doc.tokens();
    // Most words are one token: no elision, nothing glued after it.
    if !tokens[k].has(Flags::ELIDED) && !tokens.get(k + 1).is_some_and(Token::is_joined) {
        return k;
    }
    word_last_joined(doc, k)
}

/// [`word_last`] for a word with something glued after its first token.
#[inline(never)]
fn word_last_joined(doc: &Document<'_>, mut k: usize) -> usize {
    let tokens = doc.tokens();
    let word_after = |i: usize| tokens.get(i).is_some_and(|w| w.is_joined() && starts_a_word(doc, w));
    loop {
        if tokens[k].has(Flags::ELIDED) && word_after(k + 1) {
            k += 1;
        } else if tokens.get(k + 1).is_some_and(|m| m.is_joined() && matches!(doc.text_of(m), "-" | "'" | "’"))
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
                let mut at_token = Vec::new();
                read_words_at(&doc, i, 8, &mut at_token);
                assert_eq!(view(at_token), view(words(&doc, t.start(), 8)), "at {i} in {text}");
                if t.is_word() && doc.starts_word(i) {
                    assert_eq!(word_end(&doc, t.start()), word_end_reference(text, t.start()), "at {i} in {text}");
                }
            }
        }
    }
}
