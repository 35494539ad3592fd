//! The words the organisation rules read — cue nouns before a name, verbs
//! organisations do, corporate suffixes, the capitalised words that start
//! sentences but never names — kept as data (`data/*.txt`, one entry a
//! line, `#` comments), and looked up in tables of their words
//! ([`WordSet`]).
//!
//! Lookups take lowercased words with `’` folded to `'`, except the
//! suffixes and product words, which are compared as written.

use std::sync::LazyLock;

use glaneur_lexicon::WordList;

/// The words of one or more lists in a table open-addressed by a key of
/// their length and first and last two bytes: a lookup computes that key
/// from a few loads, and most words outside the set stop at an empty slot
/// or a key that differs, most inside it at a key that is equal (which
/// tells a word of four bytes or fewer from every other). The rules look
/// up most words they read, several times; a hash set, which hashed every
/// byte and compared the bytes of every word found, cost twice as much.
pub struct WordSet {
    /// A power of two of slots, a quarter of them taken at most: each
    /// word sits at its key's hash or at the next free slot.
    slots: Box<[Slot]>,
    /// The number of slots' base-two logarithm, for the hash's top bits.
    log_slots: u32,
}

/// A slot of a [`WordSet`]: a word and its [`key`], or an empty word and
/// a key of 0 (no key is 0: see [`key`]).
#[derive(Clone, Copy)]
struct Slot {
    key: u64,
    word: &'static str,
}

/// A word's key: its length and first and last two bytes (all the bytes
/// of a word of four bytes or fewer), packed, with the top bit set so
/// that no key is 0, the empty slot's.
#[inline]
fn key(word: &[u8]) -> u64 {
    let ends = match (word.first_chunk::<2>(), word.last_chunk::<2>()) {
        (Some(&head), Some(&tail)) => u64::from(u16::from_le_bytes(head)) | u64::from(u16::from_le_bytes(tail)) << 16,
        _ => word.first().map_or(0, |&b| u64::from(b)),
    };
    ends | (word.len() as u64) << 32 | 1 << 63
}

impl WordSet {
    /// The words of every list of `lists`.
    fn of(lists: &[&WordList]) -> WordSet {
        WordSet::from_words(lists.iter().flat_map(|list| list.words().iter().copied()))
    }

    /// A set of `words` (each kept once).
    fn from_words(words: impl IntoIterator<Item = &'static str>) -> WordSet {
        let mut words: Vec<&'static str> = words.into_iter().collect();
        words.sort_unstable();
        words.dedup();
        let log_slots = (words.len() * 4).next_power_of_two().max(16).trailing_zeros();
        let mut set = WordSet { slots: vec![Slot { key: 0, word: "" }; 1 << log_slots].into(), log_slots };
        for word in words {
            let key = key(word.as_bytes());
            let mut at = set.home(key);
            while set.slots[at].key != 0 {
                at = (at + 1) & (set.slots.len() - 1);
            }
            set.slots[at] = Slot { key, word };
        }
        set
    }

    /// The slot a word of key `key` is looked for from.
    #[inline]
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - self.log_slots)) as usize
    }

    /// Whether `word` is one of the set's words.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        let key = key(word.as_bytes());
        let mask = self.slots.len() - 1;
        let mut at = self.home(key);
        // A free slot ends the probe: there is always one.
        loop {
            let slot = self.slots[at];
            if slot.key == key && (word.len() <= 4 || slot.word == word) {
                return true;
            }
            if slot.key == 0 {
                return false;
            }
            at = (at + 1) & mask;
        }
    }
}

/// Nouns that introduce an organisation's name right after them (possibly
/// with adjectives or a `de …` complement between): `la start-up X`,
/// `le fabricant de puces X`.
pub static CUE_NOUNS: LazyLock<WordList> = LazyLock::new(|| WordList::parse(include_str!("../data/cue_nouns.txt")));

/// Corporate suffixes that end an organisation's name (`Kestrel Capital`).
pub static SUFFIXES: LazyLock<WordList> = LazyLock::new(|| WordList::parse(include_str!("../data/suffixes.txt")));

/// `le PDG de X`, `le rachat de X`: nouns whose `de` complement is an
/// organisation's name.
pub static OF_NOUNS: LazyLock<WordList> = LazyLock::new(|| WordList::parse(include_str!("../data/of_nouns.txt")));

static LINK_WORDS: LazyLock<WordList> = LazyLock::new(|| WordList::parse(include_str!("../data/link_words.txt")));
static ORG_VERBS: LazyLock<WordList> = LazyLock::new(|| WordList::parse(include_str!("../data/org_verbs.txt")));
static MORE_FUNCTION_WORDS: LazyLock<WordList> =
    LazyLock::new(|| WordList::parse(include_str!("../data/more_function_words.txt")));
static NEGATIVE_CUES: LazyLock<WordList> = LazyLock::new(|| WordList::parse(include_str!("../data/negative_cues.txt")));
static NOT_NAMES: LazyLock<WordList> = LazyLock::new(|| WordList::parse(include_str!("../data/not_names.txt")));
static PRODUCT_WORDS: LazyLock<WordList> = LazyLock::new(|| WordList::parse(include_str!("../data/product_words.txt")));

/// Determiners before a cue noun: glaneur-lexicon's but `d'`, `ses` and
/// `leur` (see [`is_determiner`]).
static CUE_DETERMINERS: LazyLock<WordSet> = LazyLock::new(|| {
    let left_out = ["d'", "ses", "leur"];
    WordSet::from_words(glaneur_lexicon::DETERMINERS.words().iter().copied().filter(|w| !left_out.contains(w)))
});

// The lists as looked up.
static CUE_NOUN_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::of(&[&CUE_NOUNS]));
static SUFFIX_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::of(&[&SUFFIXES]));
static LINK_WORD_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::of(&[&LINK_WORDS]));
static ORG_VERB_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::of(&[&ORG_VERBS]));
static FUNCTION_WORD_SET: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::of(&[&glaneur_lexicon::FUNCTION_WORDS, &MORE_FUNCTION_WORDS]));
static NEGATIVE_CUE_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::of(&[&NEGATIVE_CUES]));
static NOT_NAME_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::of(&[&NOT_NAMES]));
static PRODUCT_WORD_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::of(&[&PRODUCT_WORDS]));

/// Whether `word` is a cue noun ([`CUE_NOUNS`]).
pub fn is_cue_noun(word: &str) -> bool {
    CUE_NOUN_SET.contains(word)
}

/// Determiners that must come before a cue noun (`la startup X`): those
/// of glaneur-lexicon (`word` is folded) but `d'`, `ses` and `leur`, which
/// the cue rule has never read (left out when the list moved to the
/// lexicon, so that the names found and the `cue:<determiner>-<noun>`
/// rules did not change).
pub fn is_determiner(word: &str) -> bool {
    CUE_DETERMINERS.contains(word)
}

/// Words between a cue noun and the name that are not part of either:
/// articles and prepositions of a `de …` complement.
pub fn is_link_word(word: &str) -> bool {
    LINK_WORD_SET.contains(word)
}

/// Verbs (3rd person, simple and compound tenses) that say an
/// organisation acts: an ambiguous name right before one is the company.
pub fn is_org_verb(word: &str) -> bool {
    ORG_VERB_SET.contains(word)
}

/// Whether `word` is a corporate suffix, as written.
pub fn is_suffix(word: &str) -> bool {
    SUFFIX_SET.contains(word)
}

/// Capitalised words that start sentences or titles but never a name:
/// glaneur-lexicon's function words, and the pronouns, adverbs, titles and
/// prepositions that start a sentence of this kind of news. `word` is
/// folded (a [`Word`](crate::words::Word)'s `lower`), so it is looked up as
/// it is, not folded again as `glaneur_text::is_function_word` would.
pub fn is_function_word(word: &str) -> bool {
    FUNCTION_WORD_SET.contains(word)
}

/// Words right before an ambiguous name that say it is not the company:
/// the platform as a place (`sur Facebook`), the colour, the river.
pub fn is_negative_cue(word: &str) -> bool {
    NEGATIVE_CUE_SET.contains(word)
}

/// Capitalised words that are places, months or days, never a name found
/// by a cue.
pub fn is_not_a_name(word: &str) -> bool {
    NOT_NAME_SET.contains(word)
}

/// One-word products and services: an ambiguous name listed with them is a
/// product too (`Windows, Office et GitHub`).
pub fn is_product_word(word: &str) -> bool {
    PRODUCT_WORD_SET.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_the_same_key_are_told_apart() {
        // Same length and first and last two bytes: the same key.
        let set = WordSet::from_words(["abcxyz", "abdxyz", "ab", "a", "", "abyz"]);
        for word in ["abcxyz", "abdxyz", "ab", "a", "", "abyz"] {
            assert!(set.contains(word), "{word:?}");
        }
        for word in ["abexyz", "abxyz", "abz", "b", "aby", "abcxy", "abcxyzz"] {
            assert!(!set.contains(word), "{word:?}");
        }
        assert!(!WordSet::from_words([]).contains(""));
    }

    #[test]
    fn every_list_loads_without_duplicates() {
        let lists = [
            ("cue nouns", &*CUE_NOUNS, "start-up"),
            ("suffixes", &*SUFFIXES, "GmbH"),
            ("of nouns", &*OF_NOUNS, "pdg"),
            ("link words", &*LINK_WORDS, "d'"),
            ("org verbs", &*ORG_VERBS, "annonce"),
            ("more function words", &*MORE_FUNCTION_WORDS, "notre"),
            ("negative cues", &*NEGATIVE_CUES, "fleuve"),
            ("not names", &*NOT_NAMES, "grenoble"),
            ("product words", &*PRODUCT_WORDS, "Windows"),
        ];
        for (name, list, expected) in lists {
            assert!(list.contains(expected), "{name} lacks {expected:?}");
            for pair in list.words().windows(2) {
                assert_ne!(pair[0], pair[1], "{name} holds {:?} twice", pair[0]);
            }
        }
        assert!(is_suffix("SA") && !is_suffix("sa"), "suffixes keep their case");
        // Each set holds its lists' words, and no other.
        let sets: [(&[&WordList], &WordSet); 8] = [
            (&[&CUE_NOUNS], &CUE_NOUN_SET),
            (&[&SUFFIXES], &SUFFIX_SET),
            (&[&LINK_WORDS], &LINK_WORD_SET),
            (&[&ORG_VERBS], &ORG_VERB_SET),
            (&[&glaneur_lexicon::FUNCTION_WORDS, &MORE_FUNCTION_WORDS], &FUNCTION_WORD_SET),
            (&[&NEGATIVE_CUES], &NEGATIVE_CUE_SET),
            (&[&NOT_NAMES], &NOT_NAME_SET),
            (&[&PRODUCT_WORDS], &PRODUCT_WORD_SET),
        ];
        let every_word: Vec<&str> = [&*CUE_NOUNS, &SUFFIXES, &OF_NOUNS, &LINK_WORDS, &ORG_VERBS, &MORE_FUNCTION_WORDS]
            .into_iter()
            .chain([&*NEGATIVE_CUES, &NOT_NAMES, &PRODUCT_WORDS, &glaneur_lexicon::FUNCTION_WORDS])
            .chain([&*glaneur_lexicon::DETERMINERS])
            .flat_map(|l| l.words().iter().copied())
            .chain(["", "Capital", "capital", "LE", "Le", "d’", "zzz"])
            .collect();
        for (lists, set) in sets {
            for word in &every_word {
                assert_eq!(set.contains(word), lists.iter().any(|l| l.contains(word)), "{word:?}");
            }
        }
        for word in &every_word {
            let expected = glaneur_lexicon::is_determiner(word) && !matches!(*word, "d'" | "ses" | "leur");
            assert_eq!(is_determiner(word), expected, "{word:?}");
        }
        assert!(is_function_word("Selon") || is_function_word("selon"));
    }
}
