//! The document as plugins see it: tokens, folded forms, sentences,
//! paragraphs and language of French and English text.

use glaneur_document::{key_of_form, DocumentBuf, Flags, Language, TokenKind};
use proptest::prelude::*;

/// (text, kind) of every token.
fn tokens(text: &str) -> Vec<(&str, TokenKind)> {
    let buf = DocumentBuf::new(text).expect("small");
    let doc = buf.document();
    doc.tokens().iter().map(|t| (&text[t.span()], t.kind())).collect()
}

/// The text of every sentence.
fn sentences(text: &str) -> Vec<&str> {
    let buf = DocumentBuf::new(text).expect("small");
    let doc = buf.document();
    doc.sentences().map(|s| &text[doc.byte_span(s)]).collect()
}

#[test]
fn a_word_token_s_form_key_is_that_of_its_folded_form() {
    let text = "L’Élysée a DÉCLARÉ : « Oui », d'après 3 GPT-4o straße Œuvre ŒUVRE naïve";
    let buf = DocumentBuf::new(text).expect("small");
    let doc = buf.document();
    for t in doc.tokens() {
        let key = if t.is_word() { key_of_form(doc.folded_of(t)) } else { 0 };
        assert_eq!(t.form_key(), key, "{:?}", doc.text_of(t));
    }
}

#[test]
fn words_numbers_and_marks_are_tokens_of_their_own() {
    use TokenKind::*;
    assert_eq!(
        tokens("L’État a levé 2,5 Md€ (GPT-4o) : « Oui »."),
        [
            ("L’", Word),
            ("État", Word),
            ("a", Word),
            ("levé", Word),
            ("2", Number),
            (",", Punct),
            ("5", Number),
            ("Md", Word),
            ("€", Symbol),
            ("(", Punct),
            ("GPT", Word),
            ("-", Punct),
            ("4", Number),
            ("o", Word),
            (")", Punct),
            (":", Punct),
            ("«", Quote),
            ("Oui", Word),
            ("»", Quote),
            (".", Punct),
        ]
    );
}

#[test]
fn apostrophes_elide_join_or_quote() {
    use TokenKind::*;
    // A French elision keeps its apostrophe; an apostrophe inside another
    // word is punctuation; one outside a word is a quotation mark.
    assert_eq!(
        tokens("jusqu'à O'Brien Nvidia’s 'AI'"),
        [
            ("jusqu'", Word),
            ("à", Word),
            ("O", Word),
            ("'", Punct),
            ("Brien", Word),
            ("Nvidia", Word),
            ("’", Punct),
            ("s", Word),
            ("'", Quote),
            ("AI", Word),
            ("'", Quote),
        ]
    );
    let buf = DocumentBuf::new("D’après l’ONU").expect("small");
    let doc = buf.document();
    let t = doc.tokens();
    assert!(t[0].has(Flags::ELIDED) && t[0].is_capitalised());
    assert_eq!(doc.folded_of(&t[0]), "d'");
    assert_eq!(doc.folded_of(&t[2]), "l'");
    assert_eq!(doc.folded_of(&t[3]), "onu");
    assert!(t[3].has(Flags::ALL_CAPITALS) && !t[1].has(Flags::ALL_CAPITALS));
}

#[test]
fn flags_say_what_is_joined_and_where_lines_start() {
    let buf = DocumentBuf::new("Un  H100\nÉlysée\u{a0}x\n\n  fin").expect("small");
    let doc = buf.document();
    let t = doc.tokens();
    let texts: Vec<&str> = t.iter().map(|t| doc.text_of(t)).collect();
    assert_eq!(texts, ["Un", "H", "100", "Élysée", "x", "fin"]);
    assert!(t[2].is_joined() && !t[1].is_joined() && !t[4].is_joined(), "NBSP is whitespace");
    assert!(t[0].is_line_start() && t[3].is_line_start() && !t[4].is_line_start());
    assert!(t[3].is_capitalised() && !t[4].is_capitalised());
    assert!(t[5].has(Flags::PARAGRAPH_START) && !t[3].has(Flags::PARAGRAPH_START));
    assert_eq!(doc.paragraphs().collect::<Vec<_>>(), [0..5, 5..6]);
    assert_eq!(doc.paragraph_of(4), 0..5);
    assert_eq!(doc.token_at(doc.text().find("100").expect("100") + 1), 2);
    assert_eq!(doc.token_at(doc.text().len()), t.len());
}

#[test]
fn sentences_end_at_marks_and_lines_but_not_abbreviations() {
    assert_eq!(
        sentences("M. Dupont a parlé. Mme Vallier aussi ! Le taux passe à 3.5 points, etc. et plus."),
        ["M. Dupont a parlé.", "Mme Vallier aussi !", "Le taux passe à 3.5 points, etc. et plus."]
    );
    assert_eq!(
        sentences("Selon Léa K. Fontaine, c'est prêt. La série A. Puis J. Dupont est venu."),
        ["Selon Léa K. Fontaine, c'est prêt.", "La série A.", "Puis J. Dupont est venu."]
    );
    // Closing quotes belong to the sentence they close; a title without a
    // period is a sentence of its own.
    assert_eq!(
        sentences("Un titre\n« C’est fini. » Il part. (Vraiment.) « Non ? » dit-il."),
        ["Un titre", "« C’est fini. »", "Il part.", "(Vraiment.)", "« Non ? » dit-il."]
    );
    let buf = DocumentBuf::new("Un. Deux.").expect("small");
    let doc = buf.document();
    assert!(doc.tokens()[2].has(Flags::SENTENCE_START));
    assert_eq!(doc.sentence_of(3), 2..4);
    assert!(sentences("").is_empty());
}

#[test]
fn language_from_function_words() {
    let language = |text: &str| DocumentBuf::new(text).expect("small").document().language();
    assert_eq!(language("Microsoft a investi dans la start-up et les autres."), Language::French);
    assert_eq!(language("The company said that it was investing in the lab and the cloud."), Language::English);
    assert_eq!(language("Analysts say Microsoft spends about $10 billion a year on AI."), Language::English);
    assert_eq!(language("THE COMPANY SAID IT WAS THE FIRST"), Language::English);
    assert_eq!(language("aé aé aé thé éthe le"), Language::French);
    // `’`, `«` and NBSP part words.
    assert_eq!(language("L’the «the»\u{a0}the"), Language::English);
    assert_eq!(language(""), Language::French);
    // Capitalised words count in lower case, at the end of the text too:
    // two `milliards` to three `the` keep it French.
    assert_eq!(language("The the THE Milliards MILLIARDS"), Language::French);
    assert_eq!(language("The the THE Milliardaires MILLIARD"), Language::English);
    assert_eq!(language("Nvidia Grows. The Firm Said: THE"), Language::English);
}

#[test]
fn seeds_read_whole() {
    for (name, text) in glaneur_testdata::seeds() {
        let buf = DocumentBuf::new(&text).expect("a seed fits");
        let doc = buf.document();
        assert!(doc.tokens().len() > text.len() / 10, "{name}");
        assert!(doc.sentences().len() > 10, "{name}");
        assert!(doc.paragraphs().len() >= 1, "{name}");
        assert_eq!(doc.language(), Language::French, "{name}");
    }
}

proptest! {
    /// Tokens cover every character but whitespace, in order, on char
    /// boundaries; each folded form is `glaneur_text::folded`'s; sentences
    /// and paragraphs cover every token once.
    #[test]
    fn tokens_cover_the_text(text in "(\\PC|[ \n'’«».A-Z0-9éÉ-]){0,80}") {
        let buf = DocumentBuf::new(&text).expect("small");
        let doc = buf.document();
        let mut joined = String::new();
        let mut last = 0;
        for t in doc.tokens() {
            prop_assert!(t.start() >= last && t.end() > t.start());
            prop_assert!(text[last..t.start()].chars().all(char::is_whitespace));
            prop_assert_eq!(t.is_joined(), t.start() == last && last > 0);
            joined.push_str(doc.text_of(t));
            prop_assert_eq!(doc.folded_of(t), &*glaneur_text::folded(doc.text_of(t)));
            last = t.end();
        }
        prop_assert!(text[last..].chars().all(char::is_whitespace));
        let expected: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        prop_assert_eq!(joined, expected);
        for bounds in [doc.sentences().collect::<Vec<_>>(), doc.paragraphs().collect()] {
            let mut next = 0;
            for b in bounds {
                prop_assert!(b.start == next && b.end > b.start);
                next = b.end;
            }
            prop_assert_eq!(next, doc.tokens().len());
        }
    }

    /// A word is capitalised when its first letter with a case is a
    /// capital, and all capitals when it has a capital and no lower-case
    /// letter, as `char`'s case tests say.
    #[test]
    fn case_flags_follow_the_letters(text in "(\\PC|[ 'a-zA-ZéÉàÀßÿ\u{301}Σσ]){0,60}") {
        let buf = DocumentBuf::new(&text).expect("small");
        let doc = buf.document();
        for t in doc.tokens().iter().filter(|t| t.is_word()) {
            let word = doc.text_of(t);
            let first_cased = word.chars().find(|c| c.is_lowercase() || c.is_uppercase());
            prop_assert_eq!(t.is_capitalised(), first_cased.is_some_and(char::is_uppercase), "{:?}", word);
            let all_capitals = word.chars().any(char::is_uppercase) && !word.chars().any(char::is_lowercase);
            prop_assert_eq!(t.has(Flags::ALL_CAPITALS), all_capitals, "{:?}", word);
        }
    }

    /// A paragraph starts where `glaneur_text::Paragraphs` says one does.
    #[test]
    fn paragraphs_as_glaneur_text_finds_them(text in "([a-z]{1,3}|[ \t\r\n]){0,40}") {
        let buf = DocumentBuf::new(&text).expect("small");
        let doc = buf.document();
        let reference = glaneur_text::Paragraphs::new(&text);
        for (i, t) in doc.tokens().iter().enumerate() {
            let first = doc.paragraph_of(i).start;
            let starts_here = reference.start_of(t.start()) > doc.tokens().get(i.wrapping_sub(1)).map_or(0, |p| p.end());
            prop_assert_eq!(first == i, i == 0 || starts_here, "token {}", i);
        }
    }
}
