//! The words around a span, within its sentence: what the context rules
//! look at.

use std::borrow::Cow;

use glaneur_text::folded;

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

fn word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '&'
}

fn make(text: &str, start: usize, end: usize) -> Word<'_> {
    let slice = &text[start..end];
    Word { text: slice, lower: folded(slice), start, end }
}

/// Up to `n` words (and commas) after `at`, nearest first, stopping at the
/// end of the sentence. A word keeps a glued apostrophe (`d'`), and `Inc.`
/// keeps its period.
pub fn after(text: &str, at: usize, n: usize) -> Vec<Word<'_>> {
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
            out.push(make(text, start, i));
        } else if c == ',' {
            out.push(make(text, i, i + 1));
            i += 1;
        } else {
            break;
        }
    }
    out
}

/// Up to `n` words (and commas) before `at`, nearest first, stopping at the
/// start of the sentence.
pub fn before(text: &str, at: usize, n: usize) -> Vec<Word<'_>> {
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
            out.push(make(text, i, end));
        } else if c == ',' {
            out.push(make(text, i - 1, i));
            i -= 1;
        } else {
            break;
        }
    }
    out
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

    fn texts(words: Vec<Word<'_>>) -> Vec<&str> {
        words.into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn neighbours_stop_at_the_sentence() {
        let t = "Fin. Selon la start-up d’Amazon, Apple Inc. a levé des fonds.";
        let at = t.find("Apple").expect("Apple");
        assert_eq!(texts(before(t, at, 10)), [",", "Amazon", "d’", "start-up", "la", "Selon"]);
        assert_eq!(texts(after(t, at + 5, 4)), ["Inc.", "a", "levé", "des"]);
        assert!(starts_sentence(t, t.find("Selon").expect("Selon")));
        assert!(!starts_sentence(t, at));
    }
}
