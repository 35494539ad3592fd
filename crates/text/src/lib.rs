//! glaneur-text: the sentence and the paragraph around a span.
#![deny(missing_docs)]

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// Bytes ending a sentence for [`sentence`].
fn ends_sentence(b: u8) -> bool {
    matches!(b, b'.' | b'!' | b'?' | b'\n')
}

/// The sentence around `start..end`: from after the previous `.`, `!`, `?`
/// or line break to the next one, at most `reach` bytes each way (so a text
/// with no punctuation costs nothing).
pub fn sentence(text: &str, start: usize, end: usize, reach: usize) -> &str {
    let bytes = text.as_bytes();
    let mut s = start.min(text.len());
    while s > 0 && !ends_sentence(bytes[s - 1]) && start - s < reach {
        s -= 1;
    }
    let mut e = end.min(text.len());
    while e < bytes.len() && !ends_sentence(bytes[e]) && e - end < reach {
        e += 1;
    }
    while !text.is_char_boundary(s) {
        s += 1;
    }
    while !text.is_char_boundary(e) {
        e -= 1;
    }
    &text[s..e.max(s)]
}

/// The byte offset of `part` (a slice of `text`) in `text`.
pub fn offset_in(text: &str, part: &str) -> usize {
    part.as_ptr() as usize - text.as_ptr() as usize
}

/// Start of the paragraph containing `at`: just after the last blank line
/// (two line breaks with only white space between) before it.
pub fn paragraph_start(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = at.min(text.len());
    let mut newlines = 0;
    let mut after_last = 0;
    while i > 0 {
        let b = bytes[i - 1];
        if b == b'\n' {
            if newlines == 0 {
                after_last = i;
            }
            newlines += 1;
            if newlines == 2 {
                return after_last;
            }
        } else if !b.is_ascii_whitespace() {
            newlines = 0;
        }
        i -= 1;
    }
    0
}

/// Whether a blank line separates `from` and `to`.
pub fn crosses_paragraph(text: &str, from: usize, to: usize) -> bool {
    from < to && paragraph_start(text, to) > from
}

/// Whether `word` (any case) is a French or English function word: a word
/// that may start a sentence, capitalised, but never a name (`Le`, `Selon`,
/// `The`).
pub fn is_function_word(word: &str) -> bool {
    const WORDS: &[&str] = &[
        "le", "la", "les", "l'", "un", "une", "des", "du", "de", "d'", "en", "et", "ou", "il", "elle", "ils", "elles",
        "on", "ce", "cet", "cette", "ces", "son", "sa", "ses", "leur", "leurs", "selon", "pour", "chez", "avec",
        "dans", "par", "sur", "sous", "mais", "donc", "car", "si", "quand", "après", "avant", "depuis", "the", "a",
        "an", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from", "this", "that",
    ];
    let lower = word.to_lowercase();
    WORDS.contains(&lower.as_str())
}

/// A case-insensitive matcher of many patterns (a gazetteer) that returns,
/// at each place, the longest match a check accepts — or, where the longest
/// is refused (wrong case, no word boundary), the shorter ones inside it, so
/// that a refused long form does not hide a valid short one.
///
/// The search is leftmost-longest over the whole text; the overlapping
/// search that finds the shorter matches runs only over refused spans, and
/// its automaton is built on first need (most documents never need it).
pub struct LongestMatcher {
    automaton: AhoCorasick,
    overlapping: OnceLock<AhoCorasick>,
    patterns: Vec<String>,
}

impl LongestMatcher {
    /// Compiles `patterns`, matched ASCII-case-insensitively.
    pub fn new(patterns: Vec<String>) -> Result<Self, String> {
        // A contiguous NFA: a DFA over ~1 500 case-insensitive forms took
        // 50 ms to build, a start-up cost every run paid.
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&patterns)
            .map_err(|e| format!("cannot build the automaton: {e}"))?;
        Ok(LongestMatcher { automaton, overlapping: OnceLock::new(), patterns })
    }

    /// The matches `keep(start, end, pattern)` accepts, as (start, end, pattern).
    pub fn matches(&self, text: &str, mut keep: impl FnMut(usize, usize, usize) -> bool) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for m in self.automaton.find_iter(text) {
            let (start, end, pattern) = (m.start(), m.end(), m.pattern().as_usize());
            if keep(start, end, pattern) {
                out.push((start, end, pattern));
                continue;
            }
            for o in self.overlapping().find_overlapping_iter(&text[start..end]) {
                let (s, e, p) = (start + o.start(), start + o.end(), o.pattern().as_usize());
                if (s, e) != (start, end) && keep(s, e, p) {
                    out.push((s, e, p));
                }
            }
        }
        out
    }

    fn overlapping(&self) -> &AhoCorasick {
        self.overlapping.get_or_init(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .build(&self.patterns)
                .expect("these patterns already built the leftmost-longest automaton")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences() {
        let t = "Un. Deux trois ! Quatre";
        let at = t.find("trois").expect("trois");
        assert_eq!(sentence(t, at, at + 5, 100), " Deux trois ");
        assert_eq!(sentence(t, t.len(), t.len(), 100), " Quatre");
        assert_eq!(offset_in(t, sentence(t, at, at, 100)), 3);
        assert_eq!(sentence(t, at, at + 5, 2), "x trois ", "reach bounds the search");
    }

    #[test]
    fn a_refused_longest_match_leaves_the_shorter_ones() {
        let matcher = LongestMatcher::new(vec!["Mistral AI".into(), "Mistral".into(), "AI".into()]).expect("valid");
        let text = "mistral ai, Mistral AI";
        // Refuse lower-case starts: the first long match is refused, its parts tried.
        let found = matcher.matches(text, |s, _, _| text[s..].starts_with(char::is_uppercase));
        assert_eq!(found.iter().map(|&(s, e, _)| &text[s..e]).collect::<Vec<_>>(), ["Mistral AI"]);
        let found = matcher.matches("Mistral ai", |s, e, _| !"Mistral ai"[s..e].contains(" ai"));
        assert_eq!(found.iter().map(|&(s, e, _)| &"Mistral ai"[s..e]).collect::<Vec<_>>(), ["Mistral", "ai"]);
    }

    #[test]
    fn function_words() {
        assert!(is_function_word("Selon"));
        assert!(is_function_word("The"));
        assert!(!is_function_word("Goldman"));
    }

    #[test]
    fn paragraphs() {
        let doc = "Un (deux) trois.\n\nQuatre\n \ncinq";
        assert_eq!(paragraph_start(doc, 20), 18);
        assert_eq!(paragraph_start(doc, doc.len()), doc.len() - 4);
        assert!(crosses_paragraph(doc, 2, 20));
        assert!(!crosses_paragraph(doc, 2, 10));
    }
}
