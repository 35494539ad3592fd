//! The language of a document, guessed from the function words at its start.

use abi_stable::StableAbi;

/// The languages glaneur reads.
#[repr(u8)]
#[derive(StableAbi, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    /// French, also the guess when unsure (the tool's first audience).
    French,
    /// English.
    English,
}

/// How much of a document the guess reads: its first words are enough, and
/// a long document costs no more than a short one.
pub(crate) const REACH: usize = 2048;

/// Counts one folded word towards French or English.
#[derive(Debug, Default)]
pub(crate) struct Guess {
    french: u32,
    english: u32,
}

impl Guess {
    /// Counts `folded`, a word in folded form.
    pub(crate) fn count(&mut self, folded: &str) {
        match folded {
            "le" | "la" | "les" | "des" | "est" | "et" | "une" | "dans" | "pour" | "qui" | "du" | "sur" | "aux"
            | "milliard" | "milliards" | "selon" | "avec" | "pas" => self.french += 1,
            "the" | "and" | "of" | "is" | "to" | "in" | "that" | "for" | "with" | "was" | "has" | "a" | "on"
            | "will" | "said" | "says" | "say" | "its" | "are" | "from" | "by" | "year" => self.english += 1,
            _ => {}
        }
    }

    /// English when its words are more than twice the French ones.
    pub(crate) fn language(&self) -> Language {
        if self.english > self.french * 2 {
            Language::English
        } else {
            Language::French
        }
    }
}
