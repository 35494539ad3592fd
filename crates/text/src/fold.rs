//! Words in the form word lists are written in: lower case, apostrophes
//! folded; the case spellings a case-insensitive search needs; function
//! words.

use std::borrow::Cow;

/// Whether `word` (any case) is a French or English function word: a word
/// that may start a sentence, capitalised, but never a name (`Le`, `Selon`,
/// `The`). The list is glaneur-lexicon's `function-words.txt`; this folds
/// `word` for it.
pub fn is_function_word(word: &str) -> bool {
    in_folded_list(&glaneur_lexicon::FUNCTION_WORDS, word)
}

/// Whether `word` (any case), folded, is in `list` (a list of folded
/// words): an ASCII word, whose folded form is its lowercase, as long, is
/// refused before it is folded when no entry can start as it does.
pub fn in_folded_list(list: &glaneur_lexicon::WordList, word: &str) -> bool {
    let Some(&first) = word.as_bytes().first() else { return false };
    if word.is_ascii() && !list.may_contain(first.to_ascii_lowercase(), word.len()) {
        return false;
    }
    list.contains(&folded(word))
}

/// `word` lowercased with `’` and `ʼ` folded to `'`, the form the word lists
/// are written in; borrowed when already so (most words), since the rules
/// ask this of every word they look at.
pub fn folded(word: &str) -> Cow<'_, str> {
    let mut lower = String::new();
    if fold_into(word, &mut lower) {
        Cow::Owned(lower)
    } else {
        Cow::Borrowed(word)
    }
}

/// Appends [`folded`]`(word)` to `out` unless `word` is already folded (a
/// capital with no lower case, `ℂ`, is copied as it is), and says whether
/// it did: for a caller that folds every word of a text into one buffer
/// rather than one allocation per word.
pub fn fold_into(word: &str, out: &mut String) -> bool {
    const APOSTROPHES: [char; 2] = ['’', 'ʼ'];
    // One pass for most words: lower-case ASCII up to the end.
    let Some(first) = word.bytes().position(|b| b.is_ascii_uppercase() || !b.is_ascii()) else {
        return false;
    };
    if word.as_bytes()[first..].is_ascii() {
        let from = out.len();
        out.push_str(word);
        out[from..].make_ascii_lowercase();
    } else if !word[first..].chars().any(|c| match c {
        'à'..='ÿ' => false, // French lower-case letters (and `÷`), without a table lookup
        _ => c.is_uppercase() || APOSTROPHES.contains(&c),
    }) {
        return false;
    } else if word.contains('Σ') {
        // `str::to_lowercase` knows the final sigma (`ς`); one char at a time does not.
        out.push_str(&word.to_lowercase().replace(APOSTROPHES, "'"));
    } else {
        // One pass (`d’`, `L’État`: apostrophes are common).
        out.reserve(word.len());
        for c in word.chars() {
            match c {
                '’' | 'ʼ' => out.push('\''),
                c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
                c => out.extend(c.to_lowercase()),
            }
        }
    }
    true
}

/// The longest folded word [`with_folded`] makes on the stack (longer
/// ones, rare, in a string of their own).
const STACK: usize = 48;

/// `f` of [`folded`]`(word)`, made on the stack when `word` holds only
/// characters below U+0100 and apostrophes (`’`, `ʼ`), whose folded forms
/// are their lower case (`À` to `Þ` but `×`: 0x20 further on) and `'`; by
/// [`folded`] otherwise: for a rule that folds a word it reads in the text
/// to compare it, and lets it go (in a string of its own, each cost an
/// allocation).
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

/// The spellings an ASCII-case-insensitive search needs beside `form` to
/// find it in capitals (`DASSAULT SYSTÈMES`) and with a capital first
/// letter (`Économiste` for `économiste`), where those differ from `form`
/// beyond ASCII case; none for an ASCII form.
pub fn case_variants(form: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if form.is_ascii() {
        return out;
    }
    let mut chars = form.chars();
    if let Some(first) = chars.next().filter(|c| !c.is_ascii() && c.is_lowercase()) {
        out.push(first.to_uppercase().chain(chars).collect());
    }
    let upper = form.to_uppercase();
    if !upper.eq_ignore_ascii_case(form) && !out.iter().any(|v| v.eq_ignore_ascii_case(&upper)) {
        out.push(upper);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_in_a_folded_list_in_any_case_and_others_not() {
        let list = glaneur_lexicon::WordList::of(vec!["ia", "modèle", "fusée", "entraînement", "l'ia"]);
        for word in ["IA", "ia", "Modèle", "MODÈLE", "fusée", "Entraînement", "L’IA", "L'IA"] {
            assert!(in_folded_list(&list, word), "{word}");
        }
        for word in ["", "i", "iA1", "modèles", "fusee", "Entrainement", "IAS"] {
            assert!(!in_folded_list(&list, word), "{word}");
        }
    }

    #[test]
    fn words_are_folded_on_the_stack_as_folded_folds_them() {
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
