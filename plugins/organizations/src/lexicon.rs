//! The words the organisation rules read — cue nouns before a name, verbs
//! organisations do, corporate suffixes, the capitalised words that start
//! sentences but never names — kept as data (`data/*.txt`, one entry a
//! line, `#` comments), and looked up in tables of their words
//! ([`WordSet`]).
//!
//! Lookups take lowercased words with `’` folded to `'`, except the
//! suffixes and product words, which are compared as written.

use std::sync::LazyLock;

use glaneur_lexicon::{WordList, WordTable};

/// The words of one or more lists, in a glaneur-lexicon [`WordTable`]: the
/// rules look up most words they read, several times; a hash set, which
/// hashed every byte, cost twice as much.
pub struct WordSet(WordTable<()>);

impl WordSet {
    /// The words of every list of `lists`.
    fn of(lists: &[&WordList]) -> WordSet {
        WordSet::from_words(lists.iter().flat_map(|list| list.words().iter().copied()))
    }

    /// A set of `words`.
    fn from_words(words: impl IntoIterator<Item = &'static str>) -> WordSet {
        WordSet(WordTable::new(words.into_iter().map(|word| (word, ()))))
    }

    /// Whether `word` is one of the set's words.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.0.contains(word.as_bytes())
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
/// `leur` (see [`is_determiner`]), each with its index in
/// [`cue_determiners`].
static CUE_DETERMINERS: LazyLock<WordTable<usize>> =
    LazyLock::new(|| WordTable::new(cue_determiners().iter().enumerate().map(|(i, &w)| (w, i))));

/// The determiners a cue noun follows ([`is_determiner`]), in an order of
/// their own: the `cue:<determiner>-<noun>` rules are named after them.
pub fn cue_determiners() -> &'static [&'static str] {
    static WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
        let left_out = ["d'", "ses", "leur"];
        glaneur_lexicon::DETERMINERS.words().iter().copied().filter(|w| !left_out.contains(w)).collect()
    });
    &WORDS
}

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
    cue_determiner(word).is_some()
}

/// The index of `word` in [`cue_determiners`], if it is one
/// ([`is_determiner`]).
pub fn cue_determiner(word: &str) -> Option<usize> {
    CUE_DETERMINERS.get(word.as_bytes()).copied()
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

/// Every word [`is_function_word`] knows, folded: the common words, which
/// the gazetteer's pass over the tokens would rather not stop at.
pub fn function_words() -> impl Iterator<Item = &'static str> {
    glaneur_lexicon::FUNCTION_WORDS.words().iter().chain(MORE_FUNCTION_WORDS.words()).copied()
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
        // Same length and first and last two bytes: words the table must still tell apart.
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
        // The cue rule reads `de` and `d'` as links, never as cue nouns.
        assert!(!is_cue_noun("de") && !is_cue_noun("d'"));
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
