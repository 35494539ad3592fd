//! [`WordList`]: a short list of folded words, which most words are told
//! apart from by their length and first byte, before any comparison: the
//! rules look up every word of a sentence in such lists.

use std::borrow::Cow;

/// A list of non-empty folded words (lower case, `'` for `’`).
pub struct WordList {
    words: Vec<&'static str>,
    /// A bit per [`WordList::key`] of the words: most other words' is clear.
    keys: Box<[u64; KEYS / 64]>,
}

/// How many keys there are.
const KEYS: usize = 1 << 15;

impl WordList {
    /// The list of `words`, folded and non-empty.
    pub fn new(words: &[&'static str]) -> Self {
        let mut keys = Box::new([0; KEYS / 64]);
        for word in words {
            let key = WordList::key(word.as_bytes(), |b| b);
            keys[key / 64] |= 1 << (key % 64);
        }
        WordList { words: words.to_vec(), keys }
    }

    /// Whether `word`, folded ([`glaneur_text::folded`]), is in the list;
    /// folds only the words that may be.
    pub fn contains_folded(&self, word: &str) -> bool {
        // Folded, an ASCII word is its lowercase, as long.
        if !self.may_contain(WordList::key(word.as_bytes(), |b| b.to_ascii_lowercase())) && word.is_ascii() {
            return false;
        }
        let folded: Cow<'_, str> = glaneur_text::folded(word);
        self.may_contain(WordList::key(folded.as_bytes(), |b| b)) && self.words.contains(&folded.as_ref())
    }

    /// The key of `word`, its bytes mapped by `byte`: from its first and
    /// last bytes and its length.
    #[inline]
    fn key(word: &[u8], byte: impl Fn(u8) -> u8) -> usize {
        let (first, last) = (word.first().copied().map_or(0, &byte), word.last().copied().map_or(0, &byte));
        (usize::from(first) << 7 ^ usize::from(last) ^ word.len().min(31) << 10) % KEYS
    }

    #[inline]
    fn may_contain(&self, key: usize) -> bool {
        self.keys[key / 64] & 1 << (key % 64) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_in_any_case_and_others_not() {
        let list = WordList::new(&["ia", "modèle", "fusée", "entraînement"]);
        for word in ["IA", "ia", "Modèle", "MODÈLE", "fusée", "Entraînement"] {
            assert!(list.contains_folded(word), "{word}");
        }
        for word in ["", "i", "iA1", "modèles", "fusee", "Entrainement", "IAS"] {
            assert!(!list.contains_folded(word), "{word}");
        }
    }
}
