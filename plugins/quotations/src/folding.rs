//! A word's folded form ([`glaneur_text::folded`]) made on the stack: the
//! rules fold a word they read in the text (a capitalised word, a verb
//! with an apostrophe) to compare it, and let it go; folded into a string
//! of its own, each cost an allocation.

use glaneur_text::folded;

/// The longest folded word made on the stack (longer ones, rare, in a
/// string of their own).
const STACK: usize = 48;

/// `f` of [`folded`]`(word)`: made on the stack when `word` holds only
/// characters below U+0100 and apostrophes (`’`, `ʼ`), whose folded forms
/// are their lower case (`À` to `Þ` but `×`: 0x20 further on) and `'`;
/// by [`folded`] otherwise.
pub fn with_folded<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0; STACK];
    let mut len = 0;
    for c in word.chars() {
        let c = match c {
            'A'..='Z' | 'À'..='Þ' if c != '×' => char::from(c as u8 + 0x20),
            '\0'..='ÿ' => c,
            '’' | 'ʼ' => '\'',
            _ => return f(&folded(word)),
        };
        let Some(slot) = buf.get_mut(len..len + c.len_utf8()) else { return f(&folded(word)) };
        len += c.encode_utf8(slot).len();
    }
    match std::str::from_utf8(&buf[..len]) {
        Ok(word) => f(word),
        Err(_) => f(&folded(word)), // never: made of chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_as_glaneur_text_folds_them() {
        let mut words: Vec<String> = glaneur_testdata::test_texts(&["quotations"])
            .iter()
            .flat_map(|text| text.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
            .collect();
        // Every character up to U+00FF, apostrophes, others beyond Latin-1,
        // and words longer than the stack's room.
        let latin1: String = (0x20..=0xFFu32).filter_map(char::from_u32).collect();
        words.extend(latin1.chars().map(|c| format!("a{c}Z")));
        words.extend(["", "L’État", "Dʼaccord", "D'APRÈS", "ΟΔΟΣ", "İzmir", "\u{212a}", "ŁÓDŹ"].map(String::from));
        words.extend(["É".repeat(23), "É".repeat(24), "É".repeat(25), "a".repeat(48), "b".repeat(49)]);
        for word in &words {
            assert_eq!(with_folded(word, str::to_owned), folded(word), "{word:?}");
        }
    }
}
