//! The language of a document, guessed from the function words at its start.

use abi_stable::StableAbi;

use crate::form_key::head;

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
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Guess {
    /// The French words in the low 32 bits, the English ones in the high:
    /// a word is counted by one addition. Neither overflows: no text
    /// reaches 2³² words.
    counts: u64,
}

/// Where [`Guess::counts`] counts French words.
const FRENCH_SHIFT: u32 = 0;
/// Where [`Guess::counts`] counts English words.
const ENGLISH_SHIFT: u32 = 32;
/// What a French word adds to [`Guess::counts`].
const FRENCH_WORD: u64 = 1 << FRENCH_SHIFT;

/// The function words counted towards French.
const FRENCH: [&str; 18] = [
    "le",
    "la",
    "les",
    "des",
    "est",
    "et",
    "une",
    "dans",
    "pour",
    "qui",
    "du",
    "sur",
    "aux",
    "milliard",
    "milliards",
    "selon",
    "avec",
    "pas",
];

/// The function words counted towards English.
const ENGLISH: [&str; 22] = [
    "the", "and", "of", "is", "to", "in", "that", "for", "with", "was", "has", "a", "on", "will", "said", "says",
    "say", "its", "are", "from", "by", "year",
];

/// A word of at most eight bytes as an integer, its bytes little-endian:
/// never 0, since no word holds a zero byte.
const fn pack(word: &[u8]) -> u64 {
    let mut key = 0;
    let mut i = 0;
    while i < word.len() {
        key |= (word[i] as u64) << (8 * i);
        i += 1;
    }
    key
}

/// The slot of a packed word in [`WORDS`]: a multiplicative hash whose
/// multiplier gives each function word a slot of its own (checked when
/// the table is built).
const fn slot(key: u64) -> usize {
    (key.wrapping_mul(0x2649_C1B0_C6B5_A1C7) >> 57) as usize
}

/// A slot of [`WORDS`]: a packed function word, or [`NO_WORD`], and where
/// [`Guess::counts`] counts it.
#[derive(Clone, Copy)]
struct Slot {
    key: u64,
    shift: u32,
}

/// The key of an empty slot of [`WORDS`]: no word packs to it, since none
/// is the one character U+0001.
const NO_WORD: u64 = 1;

/// The function words of at most eight bytes, packed, each in its
/// [`slot`]. Building it also checks that every function word is
/// lower-case ASCII letters: a word with another character in its folded
/// form (an apostrophe, a letter outside ASCII) is none, and the tokeniser
/// does not count it.
static WORDS: [Slot; 128] = {
    let mut table = [Slot { key: NO_WORD, shift: 0 }; 128];
    let mut list = 0;
    while list < 2 {
        let words: &[&str] = if list == 0 { &FRENCH } else { &ENGLISH };
        let mut w = 0;
        while w < words.len() {
            let word = words[w].as_bytes();
            let mut i = 0;
            while i < word.len() {
                assert!(word[i].is_ascii_lowercase(), "a function word of lower-case ASCII letters");
                i += 1;
            }
            if word.len() <= 8 {
                let key = pack(word);
                let s = slot(key);
                assert!(table[s].key == NO_WORD, "two function words share a slot: pick another multiplier");
                table[s] = Slot { key, shift: if list == 0 { FRENCH_SHIFT } else { ENGLISH_SHIFT } };
            }
            w += 1;
        }
        list += 1;
    }
    table
};

impl Guess {
    /// Counts the word `bytes[start..end]`, in folded form once each of
    /// its bytes is ORed with `case` (0, or 0x20 for an ASCII word read
    /// from the text: its letters then in lower case, an apostrophe as it
    /// is).
    #[inline]
    pub(crate) fn count(&mut self, bytes: &[u8], start: usize, end: usize, case: u8) {
        // Eight bytes loaded at once.
        let first8 = match bytes[start..].first_chunk::<8>() {
            Some(&chunk) => u64::from_le_bytes(chunk),
            None => pack(&bytes[start..end.min(start + 8)]),
        };
        let len = end - start;
        self.count_head(head(first8 | u64::from_le_bytes([case; 8]), len), len, || bytes[start + 8] | case);
    }

    /// Counts a word of `len` bytes whose first eight in folded form are
    /// `head` ([`head`]: zeros past the word), little-endian; `ninth` gives
    /// its ninth byte in folded form, asked for only when it may end
    /// `milliards`. One hash and one load, and no branch to mispredict for
    /// most words.
    #[inline(always)]
    pub(crate) fn count_head(&mut self, head: u64, len: usize, ninth: impl FnOnce() -> u8) {
        // A word longer than eight bytes is 0, which matches no function
        // word (an empty slot, which matches it, adds nothing).
        let key = if len <= 8 { head } else { 0 };
        let slot = WORDS[slot(key)];
        // The match shifted into place rather than a selected addition,
        // which the compiler makes a branch: a function word or not is a
        // toss-up the predictor loses.
        self.counts += u64::from(slot.key == key) << slot.shift;
        // `milliards`, the one longer function word.
        if len == 9 && head == pack(b"milliard") && ninth() == b's' {
            self.counts += FRENCH_WORD;
        }
    }

    /// English when its words are more than twice the French ones.
    pub(crate) fn language(&self) -> Language {
        let french = self.counts as u32;
        let english = (self.counts >> 32) as u32;
        if english > french * 2 {
            Language::English
        } else {
            Language::French
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Guess, ENGLISH, FRENCH};

    /// The counts after counting `words`, each from its own bytes (as
    /// read from the text: ORed with 0x20).
    fn counts(words: &[&str]) -> (u32, u32) {
        let mut guess = Guess::default();
        for word in words {
            guess.count(word.as_bytes(), 0, word.len(), 0x20);
        }
        (guess.counts as u32, (guess.counts >> 32) as u32)
    }

    /// Each function word counts once towards its language, in any case;
    /// any other word counts for none.
    #[test]
    fn function_words_count_towards_their_language() {
        for word in FRENCH {
            assert_eq!(counts(&[word, &word.to_uppercase()]), (2, 0), "{word}");
        }
        for word in ENGLISH {
            assert_eq!(counts(&[word, &word.to_uppercase()]), (0, 2), "{word}");
        }
        let others = ["", "l", "lé", "thé", "them", "milliardss", "milliardz", "anticonstitutionnellement", "l'", "d’"];
        assert_eq!(counts(&others), (0, 0));
    }

    /// No character outside ASCII folds to a letter of a function word
    /// (the Kelvin sign folds to `k`, which none holds): a word with one is
    /// no function word.
    #[test]
    fn function_words_hold_no_letter_folded_from_outside_ascii() {
        let letters: String = FRENCH.iter().chain(&ENGLISH).copied().collect();
        for c in '\u{80}'..=char::MAX {
            let lower: String = c.to_lowercase().collect();
            if lower.is_ascii() {
                assert!(!lower.chars().any(|l| letters.contains(l)), "{c:?} folds to {lower:?}");
            }
        }
    }
}
