//! The words the organisation rules read — cue nouns before a name, verbs
//! organisations do, corporate suffixes, the capitalised words that start
//! sentences but never names — kept as data (`data/*.txt`, one entry a
//! line, `#` comments) and looked up by bisection.
//!
//! Lookups take lowercased words with `’` folded to `'`, except the
//! suffixes and product words, which are compared as written.

use std::sync::LazyLock;

use glaneur_lexicon::WordList;

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

/// Words between a cue noun and the name that are not part of either:
/// articles and prepositions of a `de …` complement.
pub fn is_link_word(word: &str) -> bool {
    LINK_WORDS.contains(word)
}

/// Verbs (3rd person, simple and compound tenses) that say an
/// organisation acts: an ambiguous name right before one is the company.
pub fn is_org_verb(word: &str) -> bool {
    ORG_VERBS.contains(word)
}

/// Whether `word` is a corporate suffix, as written.
pub fn is_suffix(word: &str) -> bool {
    SUFFIXES.contains(word)
}

/// Capitalised words that start sentences or titles but never a name:
/// glaneur-lexicon's function words, and the pronouns, adverbs, titles and
/// prepositions that start a sentence of this kind of news. `word` is
/// folded (a [`Word`](crate::words::Word)'s `lower`), so it is looked up as
/// it is, not folded again as `glaneur_text::is_function_word` would.
pub fn is_function_word(word: &str) -> bool {
    glaneur_lexicon::is_function_word(word) || MORE_FUNCTION_WORDS.contains(word)
}

/// Words right before an ambiguous name that say it is not the company:
/// the platform as a place (`sur Facebook`), the colour, the river.
pub fn is_negative_cue(word: &str) -> bool {
    NEGATIVE_CUES.contains(word)
}

/// Capitalised words that are places, months or days, never a name found
/// by a cue.
pub fn is_not_a_name(word: &str) -> bool {
    NOT_NAMES.contains(word)
}

/// One-word products and services: an ambiguous name listed with them is a
/// product too (`Windows, Office et GitHub`).
pub fn is_product_word(word: &str) -> bool {
    PRODUCT_WORDS.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(is_function_word("Selon") || is_function_word("selon"));
    }
}
