//! The grammar of a name: particles, words that are no surname, where a
//! surname ends, and the parts of a name.

use crate::words::Word;
use crate::{Person, Rule};

/// Particles inside a surname (`de`, `van`, `von`, `Al-` is hyphenated).
pub(crate) fn is_particle(word: &str) -> bool {
    matches!(
        word,
        "de" | "du"
            | "des"
            | "van"
            | "von"
            | "der"
            | "den"
            | "di"
            | "da"
            | "del"
            | "della"
            | "dos"
            | "bin"
            | "ben"
            | "el"
            | "al"
            | "le"
            | "la"
            | "ter"
            | "van der"
            | "d'"
    )
}

/// Capitalised words that are no surname: function words, places (both
/// from glaneur-lexicon), organisations' generic words.
pub(crate) fn is_not_a_surname(word: &str) -> bool {
    glaneur_text::is_function_word(word)
        || glaneur_lexicon::is_place(word)
        || matches!(
            word,
            "AI" | "IA"
                | "Inc"
                | "SA"
                | "Capital"
                | "Ventures"
                | "Partners"
                | "Group"
                | "Labs"
                | "Technologies"
                | "Sachs"
                | "Systèmes"
        )
}

/// The last word of a surname starting at word `from`: up to three
/// capitalised words, with particles before one (`von der Leyen`), on one
/// line and separated by spaces only.
pub(crate) fn surname_end(text: &str, words: &[Word<'_>], from: usize) -> Option<usize> {
    let surname_word = |w: &Word<'_>| w.capitalised() && !is_not_a_surname(w.text);
    let mut last = None;
    let mut count = 0;
    let mut k = from;
    while k < words.len() && count < 3 {
        let spaced = k == 0 || text[words[k - 1].end..words[k].start].chars().all(|c| c == ' ' || c == '\u{a0}');
        if !spaced {
            break;
        }
        if surname_word(&words[k]) {
            last = Some(k);
            count += 1;
            k += 1;
            continue;
        }
        // Particles, then a capitalised word.
        let mut j = k;
        while j < words.len() && is_particle(&words[j].text.to_lowercase()) {
            j += 1;
        }
        if j > k && words.get(j).is_some_and(surname_word) {
            k = j;
        } else {
            break;
        }
    }
    last
}

pub(crate) fn person(text: &str, start: usize, end: usize, rule: Rule, confidence: f64) -> Person {
    let name = text[start..end].to_owned();
    Person { start, end, canonical: name.clone(), name, rule, confidence }
}

/// The surname of a name: its last word.
pub(crate) fn surname(name: &str) -> &str {
    name.rsplit(' ').next().unwrap_or(name)
}

/// The first name of a full name (`Jean` of `Jean Garnier`); none for a
/// name of one word.
pub(crate) fn first_name(name: &str) -> Option<&str> {
    name.split_once(' ').map(|(first, _)| first)
}
