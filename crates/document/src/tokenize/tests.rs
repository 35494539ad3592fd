//! The tokeniser against its reference (the implementation before its main
//! loop was restructured), and the chunk masks against their definition.

use proptest::prelude::*;

use super::{chunk, class_of, is_latin_letter, latin_case, letter_case, reference, tokenize, Class};
use crate::form_key::form_key;

/// Pieces of text the tokeniser treats differently: ASCII words of every
/// length around a chunk's, function words, elisions, Latin-1 letters,
/// combining accents, apostrophes, quotes, terminal marks, digits,
/// Arabic-Indic digits, CJK, emoji, whitespace, and any other character.
const PIECE: &str =
    "[a-zA-Z]{1,20}|[A-Z][a-z]{0,20}[A-Z][a-z]{0,20}|le|La|les|THE|the|and|of|milliard|milliards|MILLIARDS|Milliardss\
    |l'|L’|qu’|jusqu'|d’|dʼ|[àéèÉÀçßÿ×÷œŒ\u{212a}]|\u{301}|[’ʼ'\"«»“”.!?…,;:()-]|[0-9]{1,4}|[٠-٩]{1,2}\
    |[中文字]|[😀🚀€$%]|[ \n\r\t\u{a0}\u{2009}]|\\PC";

/// Accented words (an ASCII letter, then ASCII and Latin-1 letters, `×`
/// or `÷` at times), and what may follow them.
const LATIN_WORD: &str = "[a-zA-Z][a-zA-Z]{0,17}([À-ÿ][a-zA-Z]{0,17}){1,3}|[ ,.’'\nœ×\u{301}-]";

/// Texts of `piece`s.
fn texts_of(piece: &'static str) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::string::string_regex(piece).expect("a regex"), 0..40).prop_map(|pieces| pieces.concat())
}

/// Texts of pieces, after a run of short words that puts them anywhere
/// around the end of the language guess's reach.
fn texts() -> impl Strategy<Value = String> {
    let pieces = prop::collection::vec(prop::string::string_regex(PIECE).expect("a regex"), 0..80);
    (prop_oneof![Just(0usize), 0usize..700], pieces).prop_map(|(words, pieces)| "ab ".repeat(words) + &pieces.concat())
}

/// Checks that the tokeniser finds in `text` what its reference finds, and
/// that its words' form keys are their folded forms'.
fn as_reference(text: &str) -> Result<(), TestCaseError> {
    let mut folded = String::new();
    let got = tokenize(text, &mut folded, Vec::new(), Vec::new(), Vec::new());
    let mut reference_folded = String::new();
    let expected = reference::tokenize(text, &mut reference_folded);
    prop_assert_eq!(&got.tokens, &expected.tokens);
    prop_assert_eq!(&folded, &reference_folded);
    prop_assert_eq!(&got.breaks, &expected.breaks);
    prop_assert_eq!(&got.paragraphs, &expected.paragraphs);
    prop_assert_eq!(&got.guess, &expected.guess);
    // Each word's stored form key is the key of its folded form, worked
    // out from the form; other tokens have key 0.
    for token in &got.tokens {
        let form = token.folded_bytes_in(text.as_bytes(), folded.as_bytes());
        let expected = if token.is_word() { form_key(form) } else { 0 };
        prop_assert_eq!(token.form_key(), expected, "{:?} in {:?}", form, text);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Tokens, folded forms, breaks, paragraphs and language counts are the
    /// reference's.
    #[test]
    fn tokenize_as_the_reference(text in texts()) {
        as_reference(&text)?;
    }

    /// Words of ASCII letters with Latin-1 letters among them, of any
    /// case and length (around a chunk's), with what may follow them: the
    /// words `latin_word` reads, and those it leaves to `word`.
    #[test]
    fn tokenize_accented_words_as_the_reference(text in texts_of(LATIN_WORD)) {
        as_reference(&text)?;
    }

    /// The same on any characters.
    #[test]
    fn tokenize_any_text_as_the_reference(text in "\\PC{0,100}") {
        as_reference(&text)?;
    }

    /// The chunk masks say which bytes are ASCII letters and which have bit
    /// 5 set.
    #[test]
    fn chunk_masks_class_each_byte(chunk in prop::array::uniform16(any::<u8>())) {
        let mut letters = 0;
        let mut lower = 0;
        for (k, b) in chunk.iter().take(chunk::LEN).enumerate() {
            letters |= u32::from(b.is_ascii_alphabetic()) << k;
            lower |= u32::from(b & 0x20 != 0) << k;
        }
        let own = chunk.first_chunk::<{ chunk::LEN }>().map(chunk::masks);
        prop_assert_eq!(own, Some(chunk::Masks { letters, lower }));
        // The portable masks too, which x86_64 does not use.
        for (half, bytes) in chunk.chunks_exact(8).enumerate() {
            let bytes = bytes.first_chunk::<8>().map(chunk::portable);
            let expected = chunk::Masks { letters: (letters >> (8 * half)) & 0xFF, lower: (lower >> (8 * half)) & 0xFF };
            prop_assert_eq!(bytes, Some(expected));
        }
    }
}

/// Every byte value in every place of a chunk is classed as it should be.
#[test]
fn chunk_masks_class_every_byte_everywhere() {
    for b in 0..=255u8 {
        for k in 0..chunk::LEN {
            let mut bytes = [b'.'; chunk::LEN];
            bytes[k] = b;
            let masks = chunk::masks(&bytes);
            assert_eq!(masks.letters, u32::from(b.is_ascii_alphabetic()) << k, "{b:#x} at {k}");
            assert_eq!(masks.lower & (1 << k) != 0, b & 0x20 != 0, "{b:#x} at {k}");
        }
    }
}

/// The characters `letter_case` says are no letters from their first two
/// bytes (U+0080 to U+00BF but three, U+2000 to U+203F) are none, and the
/// three are.
#[test]
fn letter_case_rejects_only_non_letters_by_their_bytes() {
    for c in ('\u{80}'..='\u{bf}').chain('\u{2000}'..='\u{203f}') {
        let mut bytes = [0; 4];
        let encoded = c.encode_utf8(&mut bytes).as_bytes();
        let case = letter_case(encoded, 0);
        assert_eq!(case.is_some(), class_of(c) == Class::Letter, "{c:?}");
        assert_eq!(case.is_some(), matches!(c, 'ª' | 'µ' | 'º'), "{c:?}");
    }
}

/// The Latin-1 letters' case, from their second byte, is that of the
/// characters; `×` and `÷` are no letters.
#[test]
fn latin_letters_by_their_second_byte() {
    for c in '\u{c0}'..='\u{ff}' {
        let mut bytes = [0; 2];
        let second = c.encode_utf8(&mut bytes).as_bytes()[1];
        assert_eq!(is_latin_letter(second), class_of(c) == Class::Letter, "{c:?}");
        if is_latin_letter(second) {
            assert_eq!(Some((latin_case(second), 2)), letter_case(&bytes, 0), "{c:?}");
        }
    }
}

/// The key `à` is given without a reading is its form's.
#[test]
fn the_key_of_a_is_its_forms() {
    assert_eq!(super::A_KEY, form_key("à".as_bytes()));
}
