//! Word lists found in a document's tokens.

use glaneur_document::{Case, DocumentBuf, Phrases};

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
}
