//! The grammar of a name: particles, words that are no surname, where a
//! surname ends, and the parts of a name.

use std::sync::LazyLock;

use crate::words::{Word, Words};
use crate::{Mention, Rule};
use glaneur_lexicon::{BitSet, WordTable};

/// Particles inside a surname (`de`, `van`, `von`, `Al-` is hyphenated).
pub(crate) fn is_particle(word: &str) -> bool {
    is_particle_bytes(word.as_bytes())
}

/// [`is_particle`] of a word's bytes.
fn is_particle_bytes(word: &[u8]) -> bool {
    matches!(
        word,
        b"de"
            | b"du"
            | b"des"
            | b"van"
            | b"von"
            | b"der"
            | b"den"
            | b"di"
            | b"da"
            | b"del"
            | b"della"
            | b"dos"
            | b"bin"
            | b"ben"
            | b"el"
            | b"al"
            | b"le"
            | b"la"
            | b"ter"
            | b"van der"
            | b"d'"
    )
}

/// [`is_particle`] of `word` lowercased (`De`, `VAN`).
pub(crate) fn is_particle_in_any_case(word: &str) -> bool {
    // Most words are refused by their length or first byte before they
    // are lowercased: every particle is ASCII, of seven bytes at most,
    // and starts with one of these letters in either case (no other
    // character lowercases to one of them).
    let may_be = word.len() <= 7
        && word.as_bytes().first().is_some_and(|b| matches!(b | 0x20, b'a' | b'b' | b'd' | b'e' | b'l' | b't' | b'v'));
    if !may_be {
        return false;
    }
    let mut buf = [0; 16];
    match lowercase_bytes(word, &mut buf) {
        Some(lower) => is_particle_bytes(lower),
        None => is_particle(&word.to_lowercase()),
    }
}

/// The bytes of `word` lowercased in `buf`, as `to_lowercase` gives them,
/// when it fits and its letters are ASCII or Latin-1 (`Dupont`, `Élise`,
/// `JÉRÔME`: most words), without a `String`; as glaneur_text's folding
/// gives them too, since such a word has no apostrophe to fold.
pub(crate) fn lowercase_bytes<'b>(word: &str, buf: &'b mut [u8; 16]) -> Option<&'b [u8]> {
    let lower = buf.get_mut(..word.len())?;
    lower.copy_from_slice(word.as_bytes());
    if word.is_ascii() {
        lower.make_ascii_lowercase();
        return Some(lower);
    }
    let mut i = 0;
    while i < lower.len() {
        match lower[i] {
            b if b.is_ascii() => lower[i] = b.to_ascii_lowercase(),
            // U+00C0 to U+00FF, two bytes: the capitals `À` to `Þ` (not
            // `×`) are 0x20 below their small letters.
            0xC3 => {
                let second = lower.get_mut(i + 1)?;
                if matches!(*second, 0x80..=0x9E) && *second != 0x97 {
                    *second += 0x20;
                }
                i += 1;
            }
            _ => return None,
        }
        i += 1;
    }
    Some(lower)
}

/// Organisations' generic words, which are no surname (`Goldman Sachs`,
/// `Kestrel Capital`).
const GENERIC_WORDS: &[&str] =
    &["AI", "IA", "Inc", "SA", "Capital", "Ventures", "Partners", "Group", "Labs", "Technologies", "Sachs", "Systèmes"];

/// The words that are no surname, in two word tables: glaneur-lexicon's
/// function words, folded; its places and [`GENERIC_WORDS`], as written.
/// Asked about every capitalised word after a first name: one lookup
/// each, where two binary searches and a dozen comparisons were.
struct NotSurnames {
    function_words: WordTable<()>,
    as_written: WordTable<()>,
    /// The ends of both tables' words: most surnames are refused by theirs
    /// before they are lowercased and looked up.
    ends: Ends,
}

/// A set of (length, first letter, last letter) triples of words, one
/// bit each, the letters in either case (an ASCII letter's low five bits):
/// a cheap test that refuses most words not among them, nor among their
/// lowercase forms.
struct Ends(BitSet<{ 16 * 32 * 32 / 64 }>);

impl Ends {
    /// The bit of `word`'s length (modulo 16) and first and last bytes'
    /// low five bits.
    fn bit(word: &[u8]) -> usize {
        let low_bits = |b: Option<&u8>| usize::from(b.copied().unwrap_or(0) & 31);
        (word.len().wrapping_sub(1) & 15) << 10 | low_bits(word.first()) << 5 | low_bits(word.last())
    }

    /// The set of `words`.
    fn new<'w>(words: impl IntoIterator<Item = &'w [u8]>) -> Self {
        Ends(BitSet::new(words.into_iter().map(Ends::bit)))
    }

    /// Whether `word`, or its lowercase form if it is ASCII, may be among
    /// the set (ASCII lowercasing keeps the length and the low five bits).
    #[inline]
    fn may_contain(&self, word: &[u8]) -> bool {
        self.0.contains(Ends::bit(word))
    }
}

static NOT_SURNAMES: LazyLock<NotSurnames> = LazyLock::new(|| {
    let function_words = glaneur_lexicon::FUNCTION_WORDS.words();
    let as_written: Vec<&str> = glaneur_lexicon::PLACES.words().iter().chain(GENERIC_WORDS).copied().collect();
    NotSurnames {
        function_words: WordTable::new(function_words.iter().map(|word| (word, ()))),
        as_written: WordTable::new(as_written.iter().map(|word| (word, ()))),
        ends: Ends::new(function_words.iter().chain(&as_written).map(|word| word.as_bytes())),
    }
});

/// Capitalised words that are no surname: function words, places (both
/// from glaneur-lexicon), organisations' generic words.
pub(crate) fn is_not_a_surname(word: &str) -> bool {
    let tables = &*NOT_SURNAMES;
    // An ASCII word (most surnames) is lowercased on the stack below, and
    // so in neither table when its ends are no table word's.
    if word.len() <= 16 && word.is_ascii() && !tables.ends.may_contain(word.as_bytes()) {
        return false;
    }
    // The function words are listed folded: a word of ASCII and Latin-1
    // letters is folded once lowercased.
    let mut buf = [0; 16];
    let function_word = match lowercase_bytes(word, &mut buf) {
        Some(folded) => tables.function_words.contains(folded),
        None => glaneur_text::is_function_word(word),
    };
    function_word || tables.as_written.contains(word.as_bytes())
}

/// The last word of a surname starting at word `from`: up to three
/// capitalised words, with particles before one (`von der Leyen`), on one
/// line and separated by spaces only.
pub(crate) fn surname_end(text: &str, words: &mut Words<'_>, from: usize) -> Option<usize> {
    let surname_word = |w: &Word<'_>| w.capitalised() && !is_not_a_surname(w.text);
    let mut last = None;
    let mut count = 0;
    let mut k = from;
    while count < 3 {
        let Some(word) = words.get(k) else { break };
        let spaced = k == 0
            || words
                .get(k - 1)
                .is_some_and(|prev| text[prev.end..word.start].chars().all(|c| c == ' ' || c == '\u{a0}'));
        if !spaced {
            break;
        }
        if surname_word(&word) {
            last = Some(k);
            count += 1;
            k += 1;
            continue;
        }
        // Particles, then a capitalised word.
        let mut j = k;
        while words.get(j).is_some_and(|w| is_particle_in_any_case(w.text)) {
            j += 1;
        }
        if j > k && words.get(j).is_some_and(|w| surname_word(&w)) {
            k = j;
        } else {
            break;
        }
    }
    last
}

/// The end of a role's complement starting at word `k` (`de
/// l'Observatoire de la fintech`, `chez Nexalis`, `d'Electra`), as the
/// word after the comma that closes it; none when no complement of at most
/// eight words, closed by a comma, starts there.
pub(crate) fn complement_end(words: &mut Words<'_>, k: usize) -> Option<usize> {
    let first = words.get(k)?.text;
    let of = matches!(first, "de" | "du" | "des" | "chez" | "of" | "at")
        || first.starts_with("d'")
        || first.starts_with("d’");
    if !of {
        return None;
    }
    let (comma, word) = (k + 1..k + 10)
        .map_while(|j| words.get(j).map(|w| (j, w)))
        .find(|(_, w)| !w.text.starts_with(char::is_alphabetic))?;
    (word.text == ",").then_some(comma + 1)
}

/// A name of two words or more at word `k`: initials (`C.C. Wei`), or
/// capitalised words with particles (`Aurélien de Meaux`) and middle
/// initials (`Léa K. Fontaine`), on one line; its byte span.
pub(crate) fn full_name_at(text: &str, words: &mut Words<'_>, k: usize) -> Option<(usize, usize)> {
    let first = words.get(k)?;
    let after_initials = initials_end(text, words, k);
    let from = match after_initials {
        Some(j) => j,
        None if first.capitalised() && !is_not_a_surname(first.text) => k + 1,
        None => return None,
    };
    // A middle initial: `K.` then the surname.
    let from = initials_end(text, words, from).unwrap_or(from);
    let last = surname_end(text, words, from)?;
    Some((first.start, words.get(last)?.end))
}

/// Past the initials at word `k` (`C.C.`, `J. R.`): single capitals each
/// glued to its period; none when there are none.
fn initials_end(text: &str, words: &mut Words<'_>, k: usize) -> Option<usize> {
    let mut j = k;
    // A single capital, told before the word after it is read (most words
    // are no initial).
    let capital = |w: &Word<'_>| {
        let mut chars = w.text.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
    };
    while let Some(letter) = words.get(j).filter(capital) {
        let Some(dot) = words.get(j + 1) else { break };
        if !(dot.text == "." && dot.start == letter.end) {
            break;
        }
        j += 2;
        // `C.C.` glued, or `J. R.` spaced: nothing else between them.
        if words.get(j).is_some_and(|w| !text[dot.end..w.start].chars().all(|c| c == ' ')) {
            break;
        }
    }
    (j > k).then_some(j)
}

/// A determiner or a possessive before a role (`le`, `sa`, `notre`).
pub(crate) fn is_determiner(word: &str) -> bool {
    matches!(word, "le" | "la" | "les" | "son" | "sa" | "ses" | "leur" | "notre" | "the" | "its" | "their")
}

/// A person named `text[start..end]`; its canonical, the fullest form of
/// the name in the document, is chosen once all are found.
pub(crate) fn person(text: &str, start: usize, end: usize, rule: Rule, confidence: f64) -> Mention<'_> {
    Mention { start, end, name: &text[start..end], rule, confidence }
}

/// The surname of a name: its last word. (A name is short: its bytes are
/// searched inline, not by the string searcher `rsplit` sets up.)
pub(crate) fn surname(name: &str) -> &str {
    name.as_bytes().iter().rposition(|&b| b == b' ').map_or(name, |space| &name[space + 1..])
}

/// The first name of a full name (`Jean` of `Jean Garnier`); none for a
/// name of one word or one that opens with a particle (`de Meaux`) or
/// initials (`C.C. Wei`).
pub(crate) fn first_name(name: &str) -> Option<&str> {
    let first = &name[..name.as_bytes().iter().position(|&b| b == b' ')?];
    Some(first).filter(|f| !f.starts_with(char::is_lowercase) && !f.as_bytes().contains(&b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parts_of_a_name_as_split_says() {
        for name in
            ["Jean Garnier", "Garnier", "", " ", "de Meaux", "C.C. Wei", "Léa K. Fontaine", "Élise  Noël", "a b c "]
        {
            assert_eq!(surname(name), name.rsplit(' ').next().unwrap_or(name), "{name:?}");
            let first = name.split_once(' ').map(|(first, _)| first);
            let first = first.filter(|f| !f.starts_with(char::is_lowercase) && !f.contains('.'));
            assert_eq!(first_name(name), first, "{name:?}");
        }
    }

    #[test]
    fn latin_words_lowercased_on_the_stack_as_by_the_standard_library() {
        let mut lowered = 0;
        for c in ('\0'..='\u{17f}').chain(['’', 'ʼ', 'Σ', '\u{212a}', 'ẞ']) {
            for word in [format!("{c}"), format!("{c}x{c}"), format!("É{c}"), format!("{c}{c}{c}{c}{c}{c}{c}{c}")] {
                let mut buf = [0; 16];
                if let Some(lower) = lowercase_bytes(&word, &mut buf) {
                    assert_eq!(lower, word.to_lowercase().as_bytes(), "{word:?}");
                    assert_eq!(lower, glaneur_text::folded(&word).as_bytes(), "{word:?}");
                    lowered += 1;
                } else {
                    let latin = word.chars().all(|c| c.is_ascii() || ('\u{c0}'..='\u{ff}').contains(&c));
                    assert!(word.len() > 16 || !latin, "{word:?}");
                }
            }
        }
        assert!(lowered > 700, "{lowered}");
    }

    #[test]
    fn words_lowercased_on_the_stack_as_by_the_standard_library() {
        for word in [
            "De",
            "VAN",
            "von",
            "Der",
            "LE",
            "D'",
            "d’",
            "Él",
            "\u{212a}",
            "Dupont",
            "Les",
            "Plus",
            "DANS",
            "Über",
            "À",
            "Où",
            "OÙ",
            "Déjà",
            "DÉJÀ",
            "Après",
            "Très",
            "Été",
            "Ça",
            "Là",
            "L’",
            "Ÿ",
            "Σ",
            "Élisabeth-Charlotte",
        ] {
            assert_eq!(is_particle_in_any_case(word), is_particle(&word.to_lowercase()), "{word}");
            assert_eq!(is_not_a_surname(word), is_not_a_surname_reference(word), "{word}");
        }
    }

    #[test]
    fn particles_in_any_case_as_the_standard_library_lowercases_them() {
        let mut words: Vec<String> =
            ["Der", "DELLA", "Van", "VAN DER", "D'", "Ben", "K", "\u{212a}", "İ", "Ŀ"].map(String::from).to_vec();
        for text in glaneur_testdata::test_texts(&["organizations", "quotations", "money", "ai-models"]) {
            words.extend(text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').map(str::to_owned));
        }
        let mut particles = 0;
        for word in &words {
            for form in [word.clone(), word.to_uppercase(), word.to_lowercase()] {
                let expected = is_particle(&form.to_lowercase());
                assert_eq!(is_particle_in_any_case(&form), expected, "{form:?}");
                particles += usize::from(expected);
            }
        }
        assert!(particles > 100, "{particles}");
    }

    /// What [`is_not_a_surname`] answered before its word tables: the
    /// lexicon's searches and a comparison with each generic word.
    fn is_not_a_surname_reference(word: &str) -> bool {
        glaneur_text::is_function_word(word) || glaneur_lexicon::is_place(word) || GENERIC_WORDS.contains(&word)
    }

    #[test]
    fn no_surname_as_the_lexicon_says() {
        let lexicon = glaneur_lexicon::FUNCTION_WORDS.words().iter().chain(glaneur_lexicon::PLACES.words());
        let mut words: Vec<String> = lexicon.chain(GENERIC_WORDS).map(|w| w.to_string()).collect();
        for text in glaneur_testdata::test_texts(&["organizations", "quotations", "money", "ai-models"]) {
            words.extend(text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’').map(str::to_owned));
        }
        let mut found = 0;
        for word in &words {
            let mut capital = word.chars();
            let capitalised: String =
                capital.next().map(|c| c.to_uppercase().chain(capital).collect()).unwrap_or_default();
            for form in [word.clone(), word.to_uppercase(), word.to_lowercase(), capitalised] {
                let expected = is_not_a_surname_reference(&form);
                assert_eq!(is_not_a_surname(&form), expected, "{form:?}");
                found += usize::from(expected);
            }
        }
        assert!(found > 300 && words.len() > 10_000, "{found} of {}", words.len());
    }
}
