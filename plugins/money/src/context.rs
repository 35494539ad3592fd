//! What an amount's surroundings decide: whether it sits in parentheses
//! within its paragraph (a conversion), its sentence. (The document's
//! language is the Document's guess.)

/// Whether `at` is inside parentheses opened in its paragraph (which
/// starts at `paragraph`), looking back at most 400 bytes.
pub fn in_parentheses(doc: &str, at: usize, paragraph: usize) -> bool {
    let from = paragraph.max(glaneur_text::reach_back(doc, at, 400));
    let before = &doc.as_bytes()[from..at];
    // The last parenthesis decides: one search for either.
    memchr::memrchr2(b'(', b')', before).is_some_and(|i| before[i] == b'(')
}

/// The sentence around `start..end`.
pub fn sentence(doc: &str, start: usize, end: usize) -> &str {
    glaneur_text::sentence(doc, start, end, 400)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_parentheses() {
        let doc = "Un (deux) trois.\n\nQuatre (cinq six";
        let paragraphs = glaneur_text::Paragraphs::new(doc);
        let paragraph_start = |at| paragraphs.start_of(at);
        assert_eq!(paragraph_start(doc.len()), 18);
        assert!(paragraphs.crosses(2, 20) && !paragraphs.crosses(2, 10));
        let at = |w: &str| doc.find(w).expect("word");
        assert!(in_parentheses(doc, at("deux"), paragraph_start(at("deux"))));
        assert!(!in_parentheses(doc, at("trois"), paragraph_start(at("trois"))));
        assert!(in_parentheses(doc, at("six"), paragraph_start(at("six"))));
    }
}
