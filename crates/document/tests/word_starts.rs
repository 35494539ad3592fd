//! A gazetteer tried at the Document's word starts finds what it finds
//! trying every byte.

use glaneur_document::DocumentBuf;
use glaneur_text::LongestMatcher;

#[test]
fn a_gazetteer_at_word_starts_matches_as_over_every_byte() {
    let names = ["Mistral AI", "Mistral", "xAI", "Le Monde", "3D Systems", "OpenAI", "Économie", "AI", "L'Oréal"];
    let patterns: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    let matcher = LongestMatcher::new(patterns, &["le Monde"]).expect("valid patterns");
    let mut texts: Vec<String> = glaneur_testdata::seeds().into_iter().map(|(_, t)| t).collect();
    texts
        .push("Selon le Monde, xAI et 3D Systems (Mistral AI) ; H3D Systems, l'OpenAI, L'Oréal, ÉCONOMIE, aAI.".into());
    for text in &texts {
        let buf = DocumentBuf::new(text).expect("a test text fits");
        let doc = buf.document();
        let every_byte = matcher.matches(text, |_, _, _| true);
        assert!(!every_byte.is_empty() || text.len() < 200);
        assert_eq!(matcher.matches_at_words(text, doc.word_starts(), |_, _, _| true), every_byte, "{text}");
    }
}
