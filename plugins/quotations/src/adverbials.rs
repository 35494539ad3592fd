//! What may stand between a verb of saying and the speaker after it: an
//! adverb (`souligne par ailleurs l'institution`), a time (`s'inquiétait la
//! semaine dernière un patron`), a prepositional phrase (`a indiqué à l'AFP
//! le cofondateur`, `s'est félicité dans un communiqué son directeur`).

use std::borrow::Cow;

use crate::token_words::Words;

/// Adverbs (folded) skipped after a verb of saying, and inside an inverted
/// compound one (`a-t-il seulement indiqué`).
pub fn is_adverb(word: &str) -> bool {
    matches!(
        word,
        "également"
            | "aussi"
            | "encore"
            | "ainsi"
            | "ensuite"
            | "alors"
            | "enfin"
            | "néanmoins"
            | "cependant"
            | "toutefois"
            | "pourtant"
            | "seulement"
            | "notamment"
            | "volontiers"
            | "aujourd'hui"
            | "hier"
            | "demain"
            | "récemment"
            | "désormais"
            | "simplement"
            | "d'ailleurs"
            | "déjà"
            | "plutôt"
            | "aussitôt"
            | "immédiatement"
            | "publiquement"
            | "clairement"
            | "fièrement"
            | "sobrement"
            | "prudemment"
            | "lui-même"
            | "elle-même"
            | "même"
            | "bien"
            | "donc"
            | "tout"
            | "dernièrement"
            | "initialement"
            | "officiellement"
            | "also"
            | "later"
            | "recently"
            | "today"
            | "yesterday"
    )
}

/// Days and parts of days: `mardi`, `ce matin`, `la semaine dernière`.
fn is_time_noun(word: &str) -> bool {
    matches!(
        word,
        "lundi"
            | "mardi"
            | "mercredi"
            | "jeudi"
            | "vendredi"
            | "samedi"
            | "dimanche"
            | "matin"
            | "soir"
            | "midi"
            | "semaine"
            | "mois"
            | "année"
            | "an"
            | "jour"
            | "week-end"
            | "printemps"
            | "été"
            | "automne"
            | "hiver"
    )
}

/// Words after a time noun that belong to it (`mardi soir`, `la semaine
/// dernière`).
fn is_time_modifier(word: &str) -> bool {
    matches!(
        word,
        "dernier"
            | "dernière"
            | "prochain"
            | "prochaine"
            | "passé"
            | "passée"
            | "même"
            | "soir"
            | "matin"
            | "après-midi"
    )
}

/// Prepositions opening a phrase skipped after a verb of saying.
fn is_preposition(word: &str) -> bool {
    matches!(
        word,
        "à" | "au"
            | "aux"
            | "auprès"
            | "dans"
            | "sur"
            | "lors"
            | "devant"
            | "pendant"
            | "en"
            | "via"
            | "face"
            | "depuis"
            | "avant"
            | "après"
            | "to"
            | "in"
            | "on"
    )
}

/// Determiners and possessives: a noun phrase starts at one, so a phrase
/// skipped stops before it.
pub fn is_determiner(word: &str) -> bool {
    matches!(
        word,
        "le" | "la"
            | "les"
            | "un"
            | "une"
            | "des"
            | "du"
            | "son"
            | "sa"
            | "ses"
            | "leur"
            | "leurs"
            | "ce"
            | "cet"
            | "cette"
            | "notre"
            | "the"
            | "a"
            | "an"
            | "its"
            | "their"
    ) || word.starts_with("l'")
}

/// The last word of the noun phrase starting at word `k` of `words` (read
/// from `from`) in a phrase
/// skipped (`un communiqué commun`, `l'AFP`, `marge du salon de
/// l'automobile`, `BFM Business` before a determiner); none when nothing
/// would be left after it.
fn phrase_end(text: &str, from: usize, words: &[(std::borrow::Cow<'_, str>, usize)], mut k: usize) -> Option<usize> {
    let word = |i: usize| words.get(i).map(|(w, _)| w.as_ref());
    let capital = |i: usize| {
        let start = if i == 0 { from } else { words[i - 1].1 };
        words.get(i).is_some_and(|(_, end)| text[start..*end].trim_start().starts_with(char::is_uppercase))
    };
    if matches!(word(k), Some("de" | "d'")) {
        k += 1;
    }
    if word(k).is_some_and(|w| is_determiner(w) && !w.starts_with("l'") && w != "a") {
        k += 1;
    }
    word(k)?;
    let mut last = k;
    // A name of several words (`BFM Business`), when a determiner follows it.
    if capital(k) {
        let mut j = k;
        while capital(j + 1) {
            j += 1;
        }
        if j > k && word(j + 1).is_some_and(is_determiner) {
            last = j;
        }
    }
    while let Some(w) = word(last + 1) {
        if matches!(w, "de" | "du" | "des") || w.starts_with("d'") {
            // A complement: `du salon`, `de l'automobile`, `d'une conférence`.
            let head = if w.starts_with("d'") && w.len() > 2 { last + 1 } else { last + 2 };
            let head =
                if word(head).is_some_and(|h| is_determiner(h) && !h.starts_with("l'")) { head + 1 } else { head };
            if word(head).is_none() || capital(head) && !word(head + 1).is_some_and(is_determiner) {
                break;
            }
            last = head;
            continue;
        }
        if is_determiner(w) || is_preposition(w) || capital(last + 1) || last - k >= 3 {
            break;
        }
        last += 1;
    }
    // The phrase must leave something after it: a determiner or a name.
    word(last + 1).map(|_| last)
}

/// How many words [`skip`] reads first: enough for every set phrase and
/// for a time's noun.
const FIRST_WORDS: usize = 3;

/// Phrases of several words skipped as one (at most [`FIRST_WORDS`]): `de
/// son côté`, `pour sa part`.
const SET_PHRASES: &[&[&str]] = &[
    &["de", "son", "côté"],
    &["de", "leur", "côté"],
    &["pour", "sa", "part"],
    &["pour", "leur", "part"],
    &["quant", "à", "lui"],
    &["quant", "à", "elle"],
    &["par", "ailleurs"],
    &["en", "outre"],
    &["de", "plus"],
];

/// Whether `first` (folded) may open what [`skip`] skips: a set phrase,
/// an adverb, a time (`mardi`, `la semaine`), a preposition.
fn may_open(first: &str) -> bool {
    SET_PHRASES.iter().any(|p| p[0] == first)
        || is_adverb(first)
        || is_time_determiner(first)
        || first == "l'an"
        || is_time_noun(first)
        || is_preposition(first)
}

/// The words before a time noun (`la semaine`, `ce matin`); they open
/// nothing else [`skip`] skips.
fn is_time_determiner(word: &str) -> bool {
    matches!(word, "la" | "le" | "ce" | "cette" | "cet")
}

/// The offset past the adverbials at `at` (spaces only between words; a
/// comma, a line break or a name stops it); `at` when there are none.
pub fn skip(words: &Words<'_>, at: usize) -> usize {
    let mut pos = at;
    for _ in 0..4 {
        // The first word tells most often that nothing is to be skipped;
        // after `le`, `la` (`le PDG`), the second, which no time noun.
        let Some((first, end)) = words.next_word(pos).filter(|(w, _)| may_open(w)) else { break };
        if is_time_determiner(&first) && !words.next_word(end).is_some_and(|(w, _)| is_time_noun(&w)) {
            break;
        }
        match skip_one(words, pos, (first, end)) {
            Some(next) => pos = next,
            None => break,
        }
    }
    pos
}

/// The offset past the one adverbial at `pos`, if any, given the word
/// after `pos` (`first`, folded, and its end), which is not read again.
fn skip_one<'d>(reader: &Words<'d>, pos: usize, first: (Cow<'d, str>, usize)) -> Option<usize> {
    // The first words tell what comes; only a time or a prepositional
    // phrase reads on.
    let first_end = first.1;
    // Twelve words at most, on the stack.
    let mut read: [(Cow<'d, str>, usize); 12] = Default::default();
    read[0] = first;
    let mut n = 1 + reader.fill_words(first_end, &mut read[1..FIRST_WORDS]);
    let words = &read[..n];
    let first = words[0].0.as_ref();
    let word = |i: usize| words.get(i).map(|(w, _)| w.as_ref());
    if let Some(phrase) = SET_PHRASES.iter().find(|p| p.iter().enumerate().all(|(i, w)| word(i) == Some(w))) {
        return Some(words[phrase.len() - 1].1);
    }
    if is_adverb(first) {
        return Some(words[0].1);
    }
    // `mardi`, `mardi soir`, `la semaine dernière`, `ce matin`
    let l_an = first == "l'an";
    let time_at = usize::from(is_time_determiner(first) || l_an);
    let time = word(time_at).is_some_and(is_time_noun) || l_an;
    let preposition = is_preposition(first);
    if !time && !preposition {
        return None;
    }
    if let Some(&(_, end)) = words.get(FIRST_WORDS - 1) {
        n += reader.fill_words(end, &mut read[FIRST_WORDS..]);
    }
    let words = &read[..n];
    let word = |i: usize| words.get(i).map(|(w, _)| w.as_ref());
    if time {
        let mut k = if l_an { 0 } else { time_at };
        while word(k + 1).is_some_and(is_time_modifier) {
            k += 1;
        }
        return Some(words[k].1);
    }
    // `à l'AFP`, `auprès de l'AFP`, `dans un communiqué commun`, `sur X`,
    // `en marge du salon de l'automobile`, `sur BFM Business`: the
    // preposition, a determiner, a word, lower-case words that are no
    // determiner nor preposition, and complements with `de`.
    let last = phrase_end(reader.doc().text(), pos, words, 1)?;
    Some(words[last].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rest(text: &str) -> &str {
        let buf = glaneur_schema::DocumentBuf::new(text).expect("a short text");
        &text[skip(&Words::new(buf.document()), 0)..]
    }

    #[test]
    fn skips_adverbs_times_and_phrases() {
        assert_eq!(rest(" par ailleurs l'institution."), " l'institution.");
        assert_eq!(rest(" à l'AFP le cofondateur"), " le cofondateur");
        assert_eq!(rest(" auprès de l'AFP le président de l'Observatoire"), " le président de l'Observatoire");
        assert_eq!(rest(" dans un communiqué son directeur général"), " son directeur général");
        assert_eq!(rest(" sur X la secrétaire d'État"), " la secrétaire d'État");
        assert_eq!(rest(" la semaine dernière un patron"), " un patron");
        assert_eq!(rest(" mardi soir Jean Dupont"), " Jean Dupont");
        assert_eq!(rest(" seulement"), "");
        assert_eq!(rest(" lors d'une conférence téléphonique le PDG"), " le PDG");
        assert_eq!(rest(" dans un entretien aux Echos Haruto Sato"), " Haruto Sato");
        assert_eq!(rest(" en marge du salon de l’automobile le patron"), " le patron");
        assert_eq!(rest(" ce matin sur BFM Business le fondateur"), " le fondateur");
        assert_eq!(rest(" par ailleurs l'institution"), " l'institution");
    }

    #[test]
    fn the_first_word_filter_changes_nothing() {
        // `skip` without its filter: every step tried.
        let unfiltered = |words: &Words<'_>, at: usize| {
            let mut pos = at;
            for _ in 0..4 {
                let Some(first) = words.next_word(pos) else { break };
                match skip_one(words, pos, first) {
                    Some(next) => pos = next,
                    None => break,
                }
            }
            pos
        };
        let mut skipped = 0;
        for text in glaneur_testdata::test_texts(&["quotations"]) {
            let buf = glaneur_schema::DocumentBuf::new(&text).expect("a short text");
            let words = Words::new(buf.document());
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let pos = skip(&words, at);
                assert_eq!(pos, unfiltered(&words, at), "{}", &text[at..]);
                skipped += usize::from(pos != at);
            }
        }
        assert!(skipped > 100, "{skipped} skipped");
    }

    #[test]
    fn set_phrases_are_read_among_the_first_words() {
        assert!(SET_PHRASES.iter().all(|p| p.len() <= FIRST_WORDS));
    }

    #[test]
    fn a_speaker_is_never_skipped() {
        assert_eq!(rest(" le PDG de Nvidia"), " le PDG de Nvidia");
        assert_eq!(rest(" Jean Dupont"), " Jean Dupont");
        assert_eq!(rest(" l'institution"), " l'institution");
        assert_eq!(rest(" à la presse Jean Dupont"), " Jean Dupont");
    }
}
