//! What an amount's surroundings decide: the document's language, whether
//! it sits in parentheses within its paragraph (a conversion), its sentence.

use glaneur_text::is_letter;

use crate::Language;

/// Guesses French or English from the function words of the first few
/// kilobytes; French when unsure (the tool's first audience).
pub fn language(doc: &str) -> Language {
    let end = glaneur_text::reach_ahead(doc, 0, 2048);
    let (mut fr, mut en) = (0, 0);
    let (text, bytes) = (&doc[..end], &doc.as_bytes()[..end]);
    let letter_before =
        |at: usize| at > 0 && !bytes[at - 1].is_ascii() && text[..at].chars().next_back().is_some_and(is_letter);
    let letter_at =
        |at: usize| bytes.get(at).is_some_and(|b| !b.is_ascii()) && text[at..].chars().next().is_some_and(is_letter);
    // Runs of ASCII letters, read byte by byte: this runs on every
    // document. A run glued to another letter (`thé`) is part of a word
    // that is not ASCII, which no listed word is.
    let mut start = 0;
    for word in bytes.split(|b| !b.is_ascii_alphabetic()) {
        let (s, e) = (start, start + word.len());
        start = e + 1;
        if !(1..=9).contains(&word.len()) || letter_before(s) || letter_at(e) {
            continue;
        }
        // The listed words are ASCII; a capital first letter lowers the
        // whole word (`The`, `THE`), as a sentence start would.
        let mut lowered = [0u8; 9];
        let lowered = &mut lowered[..word.len()];
        lowered.copy_from_slice(word);
        if lowered[0].is_ascii_uppercase() {
            lowered.make_ascii_lowercase();
        }
        match &*lowered {
            b"le" | b"la" | b"les" | b"des" | b"est" | b"et" | b"une" | b"dans" | b"pour" | b"qui" | b"du" | b"sur"
            | b"aux" | b"milliard" | b"milliards" | b"selon" | b"avec" | b"pas" => fr += 1,
            b"the" | b"and" | b"of" | b"is" | b"to" | b"in" | b"that" | b"for" | b"with" | b"was" | b"has" | b"a"
            | b"on" | b"will" | b"said" | b"says" | b"say" | b"its" | b"are" | b"from" | b"by" | b"year" => en += 1,
            _ => {}
        }
    }
    if en > fr * 2 {
        Language::English
    } else {
        Language::French
    }
}

/// Whether `at` is inside parentheses opened in its paragraph (which
/// starts at `paragraph`), looking back at most 400 bytes.
pub fn in_parentheses(doc: &str, at: usize, paragraph: usize) -> bool {
    let from = paragraph.max(glaneur_text::reach_back(doc, at, 400));
    let before = &doc.as_bytes()[from..at];
    match (memchr::memrchr(b'(', before), memchr::memrchr(b')', before)) {
        (Some(open), Some(close)) => open > close,
        (Some(_), None) => true,
        _ => false,
    }
}

/// The sentence around `start..end`.
pub fn sentence(doc: &str, start: usize, end: usize) -> &str {
    glaneur_text::sentence(doc, start, end, 400)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_from_function_words() {
        assert_eq!(language("Microsoft a investi dans la start-up et les autres."), Language::French);
        assert_eq!(language("The company said that it was investing in the lab and the cloud."), Language::English);
        assert_eq!(language("Analysts say Microsoft spends about $10 billion a year on AI."), Language::English);
        assert_eq!(language("Microsoft investit 10 milliards."), Language::French);
    }

    #[test]
    fn words_with_other_letters_are_not_function_words() {
        // `aé` is no `a`, `thé` no `the`; `’`, `«` and NBSP part words.
        assert_eq!(language("aé aé aé thé éthe le"), Language::French);
        assert_eq!(language("L’the «the»\u{a0}the"), Language::English);
        assert_eq!(language(""), Language::French);
    }

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
