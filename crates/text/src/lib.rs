//! glaneur-text: text helpers every plugin shares — the sentence and the
//! paragraph around a span (`bounds`), what a character is (`letters`),
//! words in folded form (`fold`), sets of spans (`spans`), a gazetteer
//! matcher (`longest`), and the vectors a thread keeps from one document to
//! the next (`kept`).
#![deny(missing_docs)]

mod bounds;
mod fold;
pub mod kept;
mod letters;
mod longest;
mod spans;

pub use bounds::{offset_in, reach_ahead, reach_back, sentence, Paragraphs};
pub use fold::{case_variants, fold_into, folded, in_folded_list, is_function_word, with_folded};
pub use letters::{
    glued_after, glued_before, has_combining_accent, is_capital_at, is_letter, is_letter_or_digit, is_whole_word,
};
pub use longest::LongestMatcher;
pub use spans::{find_names, find_names_into, keep_leftmost_longest, sorted_and_disjoint, SpanSet};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbours_are_glued_as_their_characters_say() {
        // The byte readers against the characters they stand for, at every
        // character boundary; ASCII, Latin-1 letters and signs, other scripts.
        let texts = ["aÉb 1é² x’y «Z» ½a ×b\u{a0}c Ωd 日本e", "L’État, 3 Md€ (H100) : aucun « pass »\n\nÉté-2024.", ""];
        for text in texts {
            for at in text.char_indices().map(|(i, _)| i).chain([text.len()]) {
                let before = text[..at].chars().next_back().is_some_and(is_letter_or_digit);
                let after = text[at..].chars().next().is_some_and(is_letter_or_digit);
                assert_eq!(glued_before(text, at), before, "before {at} of {text}");
                assert_eq!(glued_after(text, at), after, "after {at} of {text}");
            }
        }
    }
    use std::borrow::Cow;

    /// The reference [`Paragraphs`] is checked against: a scan back to the
    /// last blank line (quadratic if called per mention, hence test-only).
    fn paragraph_start(text: &str, at: usize) -> usize {
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

    #[test]
    fn names_are_found_leftmost_longest() {
        let t = "Kestrel Capital puis Kestrel, enfin Kestrel Capital.";
        let names = ["Kestrel", "Kestrel Capital"];
        let spans = |found: Vec<(usize, usize, usize)>| -> Vec<(&str, usize)> {
            found.into_iter().map(|(s, e, i)| (&t[s..e], i)).collect()
        };
        let expected = [("Kestrel Capital", 1), ("Kestrel", 0), ("Kestrel Capital", 1)];
        assert_eq!(spans(find_names(t, &names)), expected);
        // Past the threshold the automaton answers, the same way.
        let mut many: Vec<String> = (0..20).map(|k| format!("Nom{k}")).collect();
        many.extend(names.map(String::from));
        let found: Vec<(&str, usize)> = find_names(t, &many).into_iter().map(|(s, e, i)| (&t[s..e], i - 20)).collect();
        assert_eq!(found, expected);
        assert!(find_names(t, &[] as &[&str]).is_empty());
    }

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
    fn paragraphs_found_once() {
        let doc = "Un (deux) trois.\n\nQuatre\n \ncinq\nsix";
        let p = Paragraphs::new(doc);
        for at in 0..doc.len() {
            assert_eq!(p.start_of(at), paragraph_start(doc, at), "at {at}");
        }
        assert!(p.crosses(2, 20));
        assert!(!p.crosses(2, 10));
    }

    #[test]
    fn span_sets() {
        let mut set = SpanSet::from_spans(vec![(10, 20), (30, 40)]);
        assert!(set.overlaps(15, 16) && set.overlaps(5, 11) && set.overlaps(39, 50));
        assert!(!set.overlaps(20, 30) && !set.overlaps(0, 10) && !set.overlaps(40, 45));
        set.insert(22, 25);
        assert!(set.overlaps(24, 26) && !set.overlaps(25, 30));
    }

    #[test]
    fn reach_stays_on_char_boundaries() {
        let t = "aé€b";
        assert_eq!(reach_back(t, 6, 4), 3, "into `é`, rounded forward to `€`");
        assert_eq!(reach_back(t, 6, 2), 6, "into `€`, rounded forward to `at`");
        assert_eq!(reach_ahead(t, 0, 2), 1, "into `é`, rounded back");
        assert_eq!((reach_back(t, 2, 10), reach_ahead(t, 2, 10)), (0, t.len()));
    }

    #[test]
    fn case_variants_only_where_ascii_folding_falls_short() {
        assert!(case_variants("Mistral AI").is_empty());
        assert_eq!(case_variants("Électricité de France"), ["ÉLECTRICITÉ DE FRANCE"]);
        // `ÉCONOMISTE` differs from `Économiste` in ASCII case only.
        assert_eq!(case_variants("économiste"), ["Économiste"]);
        assert_eq!(case_variants("économie numérique"), ["Économie numérique", "ÉCONOMIE NUMÉRIQUE"]);
        assert_eq!(case_variants("ÉTAT"), Vec::<String>::new());
    }

    #[test]
    fn folding_lowers_and_straightens_apostrophes() {
        assert_eq!(folded("L’État"), "l'état");
        assert_eq!(folded("NVIDIA"), "nvidia");
        assert_eq!(folded("Aujourdʼhui"), "aujourd'hui");
        assert!(matches!(folded("été"), Cow::Borrowed("été")));
        assert!(matches!(folded("d'abord"), Cow::Borrowed(_)));
        // As `str::to_lowercase` does, final sigma included.
        for word in ["D’ÉTÉ", "ÉTÉ", "İstanbul", "ΟΔΟΣ", "Σίσυφος", "ẞ"] {
            assert_eq!(folded(word), word.to_lowercase().replace(['’', 'ʼ'], "'"), "{word}");
        }
    }

    #[test]
    fn leftmost_longest_spans_are_sorted_and_disjoint() {
        let mut spans = vec![(5, 9), (0, 4), (5, 7), (2, 6), (8, 12), (12, 13)];
        assert!(!sorted_and_disjoint(&spans, |&s| s));
        keep_leftmost_longest(&mut spans, |&s| s);
        assert_eq!(spans, [(0, 4), (5, 9), (12, 13)]);
        assert!(sorted_and_disjoint(&spans, |&s| s));
        assert!(!sorted_and_disjoint(&[(5, 9), (0, 4)], |&s| s), "out of order");
    }

    #[test]
    fn folding_into_a_buffer_appends_only_what_differs() {
        let mut out = String::from("x");
        assert!(!fold_into("été", &mut out));
        assert!(fold_into("L’État", &mut out));
        assert!(fold_into("NVIDIA", &mut out));
        assert!(!fold_into("d'abord", &mut out));
        assert_eq!(out, "xl'étatnvidia");
    }

    #[test]
    fn letters_as_the_standard_library_says() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn capitals_as_the_standard_library_says() {
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_capital_at(c.encode_utf8(&mut buf), 0), c.is_uppercase(), "{c:?}");
        }
        assert!(!is_capital_at("a", 1));
    }

    #[test]
    fn function_words() {
        assert!(is_function_word("Selon"));
        assert!(is_function_word("The"));
        assert!(!is_function_word("Goldman"));
    }

    #[test]
    fn paragraphs() {
        // The shipped finder, not the reference it is checked against above.
        let doc = "Un (deux) trois.\n\nQuatre\n \ncinq";
        let p = Paragraphs::new(doc);
        assert_eq!(p.start_of(20), 18);
        assert_eq!(p.start_of(doc.len()), doc.len() - 4);
    }
}
