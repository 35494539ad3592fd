//! Word lists found in a document's tokens.

use glaneur_document::{Case, Document, DocumentBuf, PhraseMatch, Phrases};
use proptest::prelude::*;

/// (text, phrase) of every match.
fn found<'t>(list: &[&str], case: Case, text: &'t str) -> Vec<(&'t str, usize)> {
    let phrases = Phrases::new(list, case).expect("valid phrases");
    let buf = DocumentBuf::new(text).expect("small");
    let doc = buf.document();
    phrases.find_all(&doc).into_iter().map(|m| (&text[doc.byte_span(m.tokens)], m.phrase)).collect()
}

#[test]
fn phrases_match_whole_tokens_in_any_case() {
    let list = ["start-up", "jeune pousse", "groupe", "l'éditeur", "fabricant", "fabricant de puces"];
    assert_eq!(
        found(&list, Case::Folded, "La Start-Up, une JEUNE  pousse, le sous-groupe de L’Éditeur"),
        [("Start-Up", 0), ("JEUNE  pousse", 1), ("groupe", 2), ("L’Éditeur", 3)]
    );
    // Overlapping matches, longest first at each start; no match inside a
    // word or across a line break; joins must agree.
    assert_eq!(
        found(&list, Case::Folded, "le fabricant de puces, regroupe, jeune\npousse, start - up"),
        [("fabricant de puces", 5), ("fabricant", 4)]
    );
}

#[test]
fn exact_phrases_keep_their_case() {
    assert_eq!(found(&["SA", "Inc"], Case::Exact, "Valmy SA et sa filiale, INC ou Inc"), [("SA", 0), ("Inc", 1)]);
}

#[test]
fn an_empty_phrase_is_an_error() {
    assert!(Phrases::new(&["ok", " "], Case::Folded).is_err());
}

#[test]
fn lists_are_found_in_one_pass() {
    let phrases = Phrases::lists(&[(&["groupe", "la start-up"][..], Case::Folded), (&["SA"][..], Case::Exact)])
        .expect("valid phrases");
    let text = "La start-up Valmy SA, sa filiale et le groupe.";
    let buf = DocumentBuf::new(text).expect("small");
    let doc = buf.document();
    let found: Vec<(&str, usize)> = phrases
        .find_all(&doc)
        .into_iter()
        .map(|m| (&text[doc.byte_span(m.tokens)], phrases.list_of(m.phrase)))
        .collect();
    assert_eq!(found, [("La start-up", 0), ("SA", 1), ("groupe", 0)]);
    assert_eq!(phrases.at(&doc, 0), [(4, 1)]);
    // Only from the tokens given: `groupe` (token 11), not `La start-up`.
    let from: Vec<usize> = phrases.find_from(&doc, [5, 11]).into_iter().map(|m| m.tokens.start).collect();
    assert_eq!(from, [5, 11]);
    // Appended to a kept vector, after what it held.
    let mut kept = phrases.find_all(&doc);
    let held = kept.len();
    phrases.push_from(&doc, [5, 11], &mut kept);
    assert_eq!(kept[..held], phrases.find_all(&doc)[..]);
    assert_eq!(kept[held..], phrases.find_from(&doc, [5, 11])[..]);
}

/// What [`Phrases::find_all`] must find, the slow way: every phrase tried
/// at every token, its words compared as written or folded, each joined as
/// in the phrase and on the first word's line; by start, then longest
/// first, then in list order.
fn reference(lists: &[(&[String], Case)], doc: &Document<'_>) -> Vec<PhraseMatch> {
    let phrases: Vec<(DocumentBuf<'_>, Case)> = lists
        .iter()
        .flat_map(|&(list, case)| list.iter().map(move |p| (DocumentBuf::new(p).expect("small"), case)))
        .collect();
    let tokens = doc.tokens();
    let mut found = Vec::new();
    for i in 0..tokens.len() {
        let mut here: Vec<PhraseMatch> = Vec::new();
        for (p, (buf, case)) in phrases.iter().enumerate() {
            let phrase = buf.document();
            let Some(candidate) = tokens.get(i..i + phrase.tokens().len()) else { continue };
            let same = candidate.iter().zip(phrase.tokens()).enumerate().all(|(k, (t, w))| {
                let form = |d: &Document<'_>, t| match case {
                    Case::Folded => d.folded_of(t).to_owned(),
                    Case::Exact => d.text_of(t).to_owned(),
                };
                (k == 0 || (t.is_joined() == w.is_joined() && !t.is_line_start())) && form(doc, t) == form(&phrase, w)
            });
            if same {
                here.push(PhraseMatch { tokens: i..i + candidate.len(), phrase: p });
            }
        }
        here.sort_by_key(|m| std::cmp::Reverse(m.tokens.len()));
        found.extend(here);
    }
    found
}

/// The words texts and phrases are made of: cases, accents, elisions,
/// joins, and pairs that share their ends and length (`présidente`,
/// `présidence`).
const WORDS: &[&str] = &[
    "le",
    "Le",
    "LE",
    "la",
    "l'",
    "L’",
    "de",
    "des",
    "d'",
    "président",
    "Président",
    "présidente",
    "PRÉSIDENTE",
    "présidence",
    "directeur",
    "Directeur",
    "général",
    "générale",
    "start",
    "-",
    "up",
    "SA",
    "sa",
    "Sa",
    "se",
    "SE",
    "co",
    "Co",
    "a",
    "A",
    "p",
    "P",
    "DG",
    "dg",
    "État",
    "état",
    "ÉTAT",
    "Kelvin",
    "K",
    "é",
    ",",
    ".",
    "2",
];

/// A text of `WORDS` with spaces, line breaks or nothing between them.
fn text_of(words: &[(usize, usize)]) -> String {
    words.iter().map(|&(w, sep)| format!("{}{}", WORDS[w % WORDS.len()], ["", " ", " ", "\n", "  "][sep % 5])).collect()
}

proptest! {
    /// Lists of one to three words, folded and exact, are found where the
    /// reference finds them, in its order.
    #[test]
    fn find_all_is_every_phrase_at_every_token(
        folded in prop::collection::vec(prop::collection::vec((0..WORDS.len(), 0..5usize), 1..4), 1..12),
        exact in prop::collection::vec(prop::collection::vec((0..WORDS.len(), 0..5usize), 1..3), 0..6),
        text in prop::collection::vec((0..WORDS.len(), 0..5usize), 0..60),
    ) {
        let folded: Vec<String> = folded.iter().map(|p| text_of(p).trim().to_owned()).filter(|p| !p.is_empty()).collect();
        let exact: Vec<String> = exact.iter().map(|p| text_of(p).trim().to_owned()).filter(|p| !p.is_empty()).collect();
        let lists = [(&folded[..], Case::Folded), (&exact[..], Case::Exact)];
        let phrases = Phrases::lists(&lists).expect("valid phrases");
        let text = text_of(&text);
        let buf = DocumentBuf::new(&text).expect("small");
        let doc = buf.document();
        prop_assert_eq!(phrases.find_all(&doc), reference(&lists, &doc), "{:?}", text);
    }

    /// Many phrases sharing their first word (as `directeur` starts
    /// sixteen roles), their second tokens words, marks or absent, are
    /// found where the reference finds them, in its order.
    #[test]
    fn phrases_sharing_a_first_word_are_all_found(
        first in 0..WORDS.len(),
        folded in prop::collection::vec(prop::collection::vec((0..WORDS.len(), 0..5usize), 0..3), 1..20),
        exact in prop::collection::vec(prop::collection::vec((0..WORDS.len(), 0..5usize), 0..2), 0..8),
        text in prop::collection::vec((0..WORDS.len(), 0..5usize), 0..60),
    ) {
        let phrase = |rest: &Vec<(usize, usize)>| format!("{} {}", WORDS[first], text_of(rest)).trim().to_owned();
        let folded: Vec<String> = folded.iter().map(phrase).collect();
        let exact: Vec<String> = exact.iter().map(phrase).collect();
        let lists = [(&folded[..], Case::Folded), (&exact[..], Case::Exact)];
        let phrases = Phrases::lists(&lists).expect("valid phrases");
        // The text: the first word before every third of its words.
        let text: Vec<(usize, usize)> =
            text.iter().enumerate().flat_map(|(k, &w)| (k % 3 == 0).then_some((first, 1)).into_iter().chain([w])).collect();
        let text = text_of(&text);
        let buf = DocumentBuf::new(&text).expect("small");
        let doc = buf.document();
        prop_assert_eq!(phrases.find_all(&doc), reference(&lists, &doc), "{:?}", text);
    }
}

/// On the test texts, with lists of the corpus' own words and word pairs,
/// [`Phrases::find_all`] finds what the reference does.
#[test]
fn find_all_is_every_phrase_at_every_token_in_the_seeds() {
    for (name, text) in glaneur_testdata::seeds().into_iter().take(3) {
        let text: String = text.chars().take(6000).collect();
        let buf = DocumentBuf::new(&text).expect("a seed fits");
        let doc = buf.document();
        let words: Vec<&str> = doc.tokens().iter().map(|t| doc.text_of(t)).collect();
        // Every 7th word, and every 11th pair of words, as lists.
        let folded: Vec<String> = words.iter().step_by(7).map(|w| w.to_string()).collect();
        let exact: Vec<String> = words.windows(2).step_by(11).map(|w| format!("{} {}", w[0], w[1])).collect();
        let lists = [(&folded[..], Case::Folded), (&exact[..], Case::Exact)];
        let phrases = Phrases::lists(&lists).expect("valid phrases");
        assert_eq!(phrases.find_all(&doc), reference(&lists, &doc), "{name}");
    }
}

#[test]
fn list_of_counts_empty_lists() {
    let empty: &[&str] = &[];
    let phrases = Phrases::lists(&[(empty, Case::Folded), (&["a", "b"][..], Case::Folded), (empty, Case::Exact)])
        .expect("valid phrases");
    assert_eq!([0, 1, 2].map(|p| phrases.list_of(p)), [1, 1, 3]);
}
