//! The word lists several plugins share, kept once as data: titles before a
//! name, roles (`PDG`, `porte-parole`), abbreviations a period does not end a sentence after, places that
//! are no name, function words and determiners.
//!
//! Each list is a text file under `data/` (one entry a line, `#` starts a
//! comment line), compiled in with `include_str!` and turned on first use
//! into a sorted slice searched by bisection: a lookup is a few string
//! comparisons, for rules that ask it of many words. The lists that hold
//! capitalised words (titles, abbreviations, places) are looked up as
//! written; the others (function words, determiners) take a word already
//! folded (lower case, apostrophes as `'`: `glaneur_text::folded`), so that
//! this crate depends on nothing and glaneur-text can call it.

use std::sync::LazyLock;

mod bit_set;
mod word_table;

pub use bit_set::{BitSet, KeySet};
pub use word_table::WordTable;

/// A word list read from a data file: its entries, sorted, for a lookup by
/// bisection.
#[derive(Debug)]
pub struct WordList {
    words: Vec<&'static str>,
    /// For each first byte, a bit per length of the entries starting with
    /// it (bit 31 for 31 bytes or more): most words a rule asks about are
    /// refused by these before any comparison.
    lengths: [u32; 256],
}

impl WordList {
    /// Reads `data`: one entry a line, trimmed; blank lines and lines
    /// starting with `#` are skipped. Duplicates are kept (the tests
    /// refuse them) so that [`WordList::len`] counts the lines.
    pub fn parse(data: &'static str) -> Self {
        WordList::of(data.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect())
    }

    /// A list of `words` given in code (a plugin's short lists).
    pub fn of(mut words: Vec<&'static str>) -> Self {
        words.sort_unstable();
        let mut lengths = [0; 256];
        for w in &words {
            if let Some(&b) = w.as_bytes().first() {
                lengths[usize::from(b)] |= WordList::length_bit(w.len());
            }
        }
        WordList { words, lengths }
    }

    /// Whether `word` is in the list, compared byte for byte.
    pub fn contains(&self, word: &str) -> bool {
        let plausible = word.as_bytes().first().is_some_and(|&b| self.may_contain(b, word.len()));
        plausible && self.words.binary_search(&word).is_ok()
    }

    /// Whether an entry may start with the byte `first` and be `len` bytes
    /// long: false refuses a word before any comparison.
    #[inline]
    pub fn may_contain(&self, first: u8, len: usize) -> bool {
        self.lengths[usize::from(first)] & WordList::length_bit(len) != 0
    }

    /// The bit of `len` in [`WordList::lengths`].
    #[inline]
    fn length_bit(len: usize) -> u32 {
        1 << len.min(31)
    }

    /// The entries, sorted.
    pub fn words(&self) -> &[&'static str] {
        &self.words
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the list has no entry.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Titles before a name, as written (`M`, `Mme`, `Dr`, `Mr`): people's
/// title rule and the role words quotations allows between a speaker and a
/// quote.
pub static TITLES: LazyLock<WordList> = LazyLock::new(|| WordList::parse(include_str!("../data/titles.txt")));

/// Abbreviations other than titles after which a period does not end a
/// sentence, as written (`St`, `Jr`); [`is_abbreviation`] adds the titles.
pub static ABBREVIATIONS: LazyLock<WordList> =
    LazyLock::new(|| WordList::parse(include_str!("../data/abbreviations.txt")));

/// Places written with a capital that are no person's surname nor a model's
/// name, as written (`Paris`, `Bruxelles`).
pub static PLACES: LazyLock<WordList> = LazyLock::new(|| WordList::parse(include_str!("../data/places.txt")));

/// French and English function words, folded (`le`, `selon`, `the`): words
/// that may start a sentence, capitalised, but never a name.
pub static FUNCTION_WORDS: LazyLock<WordList> =
    LazyLock::new(|| WordList::parse(include_str!("../data/function-words.txt")));

/// French and English determiners, folded (`le`, `l'`, `cette`, `the`).
pub static DETERMINERS: LazyLock<WordList> = LazyLock::new(|| WordList::parse(include_str!("../data/determiners.txt")));

/// Roles and functions before or after a person's name, as written (`PDG`,
/// `directrice générale`, `porte-parole`): people's role rule, and the
/// descriptions of a person quotations resolves (`a ajouté le PDG`).
pub static ROLES: LazyLock<WordList> = LazyLock::new(|| WordList::parse(include_str!("../data/roles.txt")));

/// Whether `word`, as written, is a title before a name (`Mme`, `Dr`).
pub fn is_title(word: &str) -> bool {
    TITLES.contains(word)
}

/// Whether `word`, as written, is an abbreviation a period does not end a
/// sentence after: a title (`M.`, `Dr.`) or another abbreviation (`St.`).
pub fn is_abbreviation(word: &str) -> bool {
    is_title(word) || ABBREVIATIONS.contains(word)
}

/// Whether `word`, as written, is a place that is no name (`Paris`).
pub fn is_place(word: &str) -> bool {
    PLACES.contains(word)
}

/// Whether `folded` (a word lowercased with its apostrophes as `'`) is a
/// French or English function word (`selon`, `the`).
pub fn is_function_word(folded: &str) -> bool {
    FUNCTION_WORDS.contains(folded)
}

/// Whether `folded` (a word lowercased with its apostrophes as `'`) is a
/// French or English determiner (`la`, `l'`, `the`).
pub fn is_determiner(folded: &str) -> bool {
    DETERMINERS.contains(folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every list loads, holds no duplicate, and holds `expected`.
    fn check(name: &str, list: &WordList, expected: &[&str]) {
        assert!(!list.is_empty(), "{name} is empty");
        for pair in list.words().windows(2) {
            assert_ne!(pair[0], pair[1], "{name} holds {:?} twice", pair[0]);
        }
        for word in expected {
            assert!(list.contains(word), "{name} lacks {word:?}");
        }
        for word in list.words() {
            assert!(!word.contains(char::is_whitespace), "{name}: {word:?} holds a space");
        }
    }

    #[test]
    fn data_files_load_without_duplicates() {
        check("titles", &TITLES, &["M", "Mme", "Mlle", "Dr", "Mr", "Mrs", "Mgr"]);
        check("abbreviations", &ABBREVIATIONS, &["St", "Jr"]);
        check("places", &PLACES, &["Paris", "France", "Europe", "Bruxelles"]);
        check("function words", &FUNCTION_WORDS, &["le", "l'", "selon", "après", "on", "the", "that"]);
        check("determiners", &DETERMINERS, &["le", "l'", "d'", "cet", "aux", "leur", "the", "a"]);
    }

    #[test]
    fn titles_and_abbreviations_are_disjoint() {
        for word in ABBREVIATIONS.words() {
            assert!(!is_title(word), "{word:?} is both a title and another abbreviation");
        }
    }

    #[test]
    fn folded_lists_are_folded() {
        for word in FUNCTION_WORDS.words().iter().chain(DETERMINERS.words()) {
            assert_eq!(*word, word.to_lowercase(), "{word:?} is not lower case");
            assert!(!word.contains(['’', 'ʼ']), "{word:?} has an unfolded apostrophe");
        }
    }

    #[test]
    fn lookups() {
        assert!(is_title("Mme") && !is_title("mme") && !is_title("St"));
        assert!(is_abbreviation("St") && is_abbreviation("Dr") && !is_abbreviation("Paris"));
        assert!(is_place("Londres") && !is_place("paris"));
        assert!(is_function_word("selon") && !is_function_word("Selon") && !is_function_word("goldman"));
        assert!(is_determiner("cette") && !is_determiner("selon"));
    }
}
