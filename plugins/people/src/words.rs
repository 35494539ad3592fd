//! People's idea of a word: letters with inner hyphens and apostrophes
//! (`Jean-Claude`, `O'Brien`), and single punctuation marks, read from a
//! name's candidate place onwards.

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

/// Up to `n` words of `text` from `from`: letters with inner hyphens and
/// apostrophes, and single punctuation marks (kept so that names never run
/// across them).
pub(crate) fn words(text: &str, from: usize, n: usize) -> Vec<Word<'_>> {
    let mut out = Vec::with_capacity(n);
    let mut i = from;
    while out.len() < n {
        let Some(c) = text[i..].chars().next() else { break };
        if c.is_alphabetic() {
            let end = word_end(text, i);
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
pub(crate) fn word_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((j, c)) = chars.next() {
        let inner =
            (c == '-' || c == '\'' || c == '’') && end > start && chars.peek().is_some_and(|(_, n)| n.is_alphabetic());
        if c.is_alphabetic() || inner {
            end = start + j + c.len_utf8();
        } else {
            break;
        }
    }
    end
}
