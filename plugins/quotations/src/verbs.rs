//! The verbs of saying (data/speech_verbs.tsv, French and English, simple
//! and compound tenses), and reading one at a position: `commente`, `a
//! déclaré`, `détaille-t-il`, `a-t-elle ajouté`, `said`.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use foldhash::fast::FixedState;
use glaneur_lexicon::KeySet;
use glaneur_text::{folded, with_folded};

use glaneur_schema::{key_of_form, Document, Flags};

use crate::adverbials::is_adverb;
use crate::token_words;

const SPEECH_VERBS: &str = include_str!("../data/speech_verbs.tsv");

/// The gender of a pronoun (`détaille-t-il` → masculine; `il`, `ils`,
/// `elle`, `elles`): the type of the people plugin's `person.gender`, which
/// it agrees with.
pub type Pronoun = glaneur_schema::attrs::Gender;

/// A verb of saying read in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verb {
    /// Byte offset after it (and its pronoun).
    pub end: usize,
    /// The inverted pronoun, if any.
    pub pronoun: Option<Pronoun>,
}

/// The lexicon of forms, lowercased (`commente`, `a déclaré`, `said`).
pub struct Verbs {
    /// The forms of several words (`a déclaré`), as bytes: looked up as
    /// joined on the stack, with no check that they are UTF-8.
    phrases: HashSet<Box<[u8]>, FixedState>,
    /// The forms of one word, and the first words of the forms of several
    /// (`a`, `ont`, `has`: only after one is a longer form looked for),
    /// each with what it is, `(lead, form)`: a word is asked both in one
    /// lookup.
    words: HashMap<String, (bool, bool), FixedState>,
    /// For each first two ASCII letters (or a first letter alone), the
    /// lengths (bits 1 to 63) of the forms and leads made of ASCII letters
    /// only that start with them: most words a rule asks about are no
    /// verb's first word (`le`, `des`, `pour`), and this tells so before
    /// they are folded and looked up.
    ascii_openers: Box<[u64; OPENINGS]>,
    /// For each ASCII letter, the ASCII letters (bits 0 to 25) that follow
    /// it at the start of a form or a lead: a word that begins with two
    /// ASCII letters is refused by them before it is read to its end.
    ascii_pairs: [u32; 26],
    /// One bit per form key ([`key_of_form`]), set for the keys of the
    /// forms of one word and the leads: a word token whose stored key's bit
    /// is clear is none of them, and is refused before it is read.
    word_keys: KeySet,
}

impl Verbs {
    /// Loads the compiled-in lexicon.
    pub fn load() -> Self {
        let mut phrases: HashSet<String, FixedState> = HashSet::default();
        let mut words: HashMap<String, (bool, bool), FixedState> = HashMap::default();
        let mut add = |form: String| match form.contains(' ') {
            true => drop(phrases.insert(form)),
            false => words.entry(form).or_default().1 = true,
        };
        for line in SPEECH_VERBS.lines().skip(1) {
            let mut cols = line.split('\t');
            let (Some(lang), Some(lemma), Some(list)) = (cols.next(), cols.next(), cols.next()) else { continue };
            list.split('|').map(str::trim).filter(|f| !f.is_empty()).for_each(|f| add(folded(f).into_owned()));
            // The present participle of a French verb in -er (`soulignant`,
            // `ajoutant`), which continues a sentence's speaker.
            if let Some(stem) = lemma.strip_suffix("er").filter(|_| lang == "fr" && !lemma.contains(' ')) {
                let stem = if stem.ends_with('g') { format!("{stem}e") } else { stem.to_owned() };
                let stem = stem.strip_suffix('c').map_or(stem.clone(), |s| format!("{s}ç"));
                add(folded(&format!("{stem}ant")).into_owned());
            }
        }
        for lead in phrases.iter().filter_map(|f| f.split_once(' ')).map(|(lead, _)| lead) {
            match words.get_mut(lead) {
                Some(word) => word.0 = true,
                None => drop(words.insert(lead.to_owned(), (true, false))),
            }
        }
        let mut ascii_openers = Box::new([0; OPENINGS]);
        for word in phrases.iter().chain(words.keys()).map(String::as_bytes) {
            if let Some(bit) = ascii_opener_bit(word) {
                ascii_openers[bit.0] |= bit.1;
            }
        }
        let mut ascii_pairs = [0; 26];
        for word in phrases.iter().chain(words.keys()).map(String::as_bytes) {
            if let Some((first, second)) = ascii_pair(word) {
                ascii_pairs[first] |= 1 << second;
            }
        }
        let word_keys = KeySet::of_keys(words.keys().map(|w| key_of_form(w)));
        let phrases = phrases.into_iter().map(|p| p.into_bytes().into_boxed_slice()).collect();
        Verbs { phrases, words, ascii_openers, ascii_pairs, word_keys }
    }

    /// Every form (tests).
    #[cfg(test)]
    fn forms(&self) -> impl Iterator<Item = &str> {
        let phrases = self.phrases.iter().map(|p| std::str::from_utf8(p).expect("a form is text"));
        phrases.chain(self.words.iter().filter(|(_, &(_, form))| form).map(|(word, _)| word.as_str()))
    }

    /// Every lead (tests).
    #[cfg(test)]
    fn leads(&self) -> impl Iterator<Item = &str> {
        self.words.iter().filter(|(_, &(lead, _))| lead).map(|(word, _)| word.as_str())
    }

    /// Whether `word`, made of ASCII letters, may be a form's first word
    /// (its lower case a form or a lead), by its first two letters and
    /// length.
    fn may_open(&self, word: &[u8]) -> bool {
        ascii_opener_bit(word).is_some_and(|(letter, length)| self.ascii_openers[letter] & length != 0)
    }

    /// Whether `form` (lowercase) is a verb of saying.
    pub fn is_form(&self, form: &str) -> bool {
        match form.contains(' ') {
            true => self.phrases.contains(form.as_bytes()),
            false => self.words.get(form).is_some_and(|&(_, form)| form),
        }
    }

    /// Whether `words`, joined by spaces, are a form (`a déclaré`): joined
    /// on the stack, unless longer than any form.
    fn is_phrase(&self, words: &[&str]) -> bool {
        let mut joined = [0; PHRASE];
        let mut len = 0;
        for word in words {
            let from = len + usize::from(len > 0);
            let Some(slot) = joined.get_mut(from..from + word.len()) else {
                return self.is_form(&words.join(" "));
            };
            slot.copy_from_slice(word.as_bytes());
            if from > len {
                joined[len] = b' ';
            }
            len = from + word.len();
        }
        // Joined by a space, a phrase's bytes are looked up as they are.
        let joined = &joined[..len];
        match joined.contains(&b' ') {
            true => self.phrases.contains(joined),
            false => std::str::from_utf8(joined).is_ok_and(|word| self.is_form(word)),
        }
    }

    /// The verb of saying starting at `at` (after spaces), if any.
    pub fn at(&self, text: &str, at: usize) -> Option<Verb> {
        let start = after_spaces(text.as_bytes(), at);
        // Every form or lead its (folded) first word may be, or start, begins
        // with the same two letters.
        if ascii_pair(&text.as_bytes()[start..])
            .is_some_and(|(first, second)| self.ascii_pairs[first] & 1 << second == 0)
        {
            return None;
        }
        let (start, end) = word_span(text, start);
        let word = &text[start..end];
        // A word of ASCII letters (most) is refused by its letter and
        // length before it is folded; any other holds a hyphen or an
        // apostrophe (`détaille-t-il`, `l'a`), or a letter beyond ASCII.
        if word.bytes().all(|b| b.is_ascii_alphabetic()) && !self.may_open(word.as_bytes()) {
            return None;
        }
        with_folded(word, |w1| self.read_at(text, Cow::Borrowed(w1), end))
    }

    /// [`Verbs::at`] at the start of token `i` of `doc`, a word: when the
    /// token is the whole word [`Verbs::at`] reads there
    /// ([`token_words::whole_word`]), its folded form is the document's,
    /// not re-read and folded from the text.
    pub fn at_token(&self, doc: &Document<'_>, i: usize) -> Option<Verb> {
        let text = doc.text();
        let Some(t) = doc.tokens().get(i).filter(|t| t.is_word()) else {
            let start = doc.tokens().get(i).map_or(text.len(), |t| t.start());
            return self.at(text, start);
        };
        let admitted = self.word_keys.admits(t.form_key());
        let latin1 = || token_words::latin1(&text.as_bytes()[t.span()]);
        // A word of Latin-1 letters, no elision, whose key's bit is clear is
        // refused whatever follows it: a hyphen, an apostrophe or a letter
        // after it makes a longer word, which is a verb only as an inversion
        // of this one (`dit-il`: a form, its bit set); no form holds a
        // hyphen, and one glued by an apostrophe follows an elision (`s'`).
        // Most words a rule reads are refused here, before what follows them
        // is read.
        if !admitted && !t.has(Flags::ELIDED) && latin1() {
            return None;
        }
        // Not the whole word `Verbs::at` reads there
        // ([`token_words::whole_word_token`]): read from the text.
        if !(token_words::ends_word(text.as_bytes(), t) && latin1()) {
            return self.at(text, t.start());
        }
        // A verb's first word is a form or a lead (or, with a hyphen or
        // glued to `l'`, holds one, which a token's word never does): most
        // words are neither, and are refused by their key's bit. The few
        // others sharing a key with one are looked up below.
        if !admitted {
            return None;
        }
        let (w1, e1) = (doc.folded_of(t), t.end());
        // The filters of [`Verbs::at`], on the folded word: its first two
        // bytes are the text's, lowered, when they are ASCII letters.
        if ascii_pair(w1.as_bytes()).is_some_and(|(first, second)| self.ascii_pairs[first] & 1 << second == 0) {
            return None;
        }
        if w1.bytes().all(|b| b.is_ascii_alphabetic()) && !self.may_open(w1.as_bytes()) {
            return None;
        }
        self.read_at(text, Cow::Borrowed(w1), e1)
    }

    /// [`Verbs::at`] past its first word, `w1` (folded) ending at `e1`.
    fn read_at(&self, text: &str, w1: Cow<'_, str>, e1: usize) -> Option<Verb> {
        // The words after the first are read only when a form may go on.
        // `détaille-t-il`, `a-t-elle`, `poursuit-il`
        if let Some((base, pronoun)) = split_inversion(&w1) {
            if self.is_form(base) {
                return Some(Verb { end: e1, pronoun: Some(pronoun) });
            }
            // `a-t-il ajouté`, `a-t-il seulement indiqué`: the auxiliary
            // inverted, then the participle.
            let (w2, e2) = self.past_adverbs(text, e1)?;
            return self.is_phrase(&[base, &w2]).then_some(Verb { end: e2, pronoun: Some(pronoun) });
        }
        // `l'a jugée`: an object pronoun glued to the auxiliary, and the
        // participle agreeing with it.
        let w1 = match w1.strip_prefix("l'") {
            Some(aux) if self.words.get(aux).is_some_and(|&(lead, _)| lead) => aux,
            _ => &w1,
        };
        // Only after a lead (`a`, `ont`) are the next words read. (A word
        // has no space: it is a form only as a form of one word.)
        let (lead, form) = self.words.get(w1).copied().unwrap_or_default();
        let next = lead.then(|| self.past_adverbs(text, e1)).flatten();
        if let Some((w2, e2)) = next {
            let agreed = w2.strip_suffix("es").or_else(|| w2.strip_suffix('e')).or_else(|| w2.strip_suffix('s'));
            if self.is_phrase(&[w1, &w2]) || agreed.is_some_and(|w| self.is_phrase(&[w1, w])) {
                return Some(Verb { end: e2, pronoun: None });
            }
            if let Some((w3, e3)) = next_word(text, e2) {
                if self.is_phrase(&[w1, &w2, &w3]) {
                    return Some(Verb { end: e3, pronoun: None });
                }
            }
        }
        form.then_some(Verb { end: e1, pronoun: None })
    }
}

impl Verbs {
    /// The word after `at`, past adverbs (`a également indiqué`).
    fn past_adverbs<'t>(&self, text: &'t str, at: usize) -> Option<(Cow<'t, str>, usize)> {
        let mut word = next_word(text, at)?;
        for _ in 0..2 {
            // `a par ailleurs affirmé`: the one adverb of two words.
            if word.0 == "par" {
                match next_word(text, word.1) {
                    Some((w, end)) if w == "ailleurs" => word = next_word(text, end)?,
                    _ => break,
                }
                continue;
            }
            if !is_adverb(&word.0) {
                break;
            }
            word = next_word(text, word.1)?;
        }
        Some(word)
    }
}

/// `détaille-t-il` → (`détaille`, masculine); `a-t-elle` → (`a`, feminine).
fn split_inversion(word: &str) -> Option<(&str, Pronoun)> {
    // Every suffix holds a hyphen: most words are refused by it.
    if !word.as_bytes().contains(&b'-') {
        return None;
    }
    for (suffix, pronoun) in [
        ("-t-il", Pronoun::Masculine),
        ("-t-elle", Pronoun::Feminine),
        ("-t-ils", Pronoun::Masculine),
        ("-t-elles", Pronoun::Feminine),
        ("-il", Pronoun::Masculine),
        ("-elle", Pronoun::Feminine),
        ("-ils", Pronoun::Masculine),
        ("-elles", Pronoun::Feminine),
    ] {
        if let Some(base) = word.strip_suffix(suffix) {
            return Some((base, pronoun));
        }
    }
    None
}

/// Up to `n` words after `at`, folded ([`glaneur_text::folded`]), with
/// their end offsets (letters, hyphens and apostrophes), skipping spaces
/// only.
pub fn next_words(text: &str, at: usize, n: usize) -> Vec<(Cow<'_, str>, usize)> {
    let mut out = Vec::with_capacity(n);
    let mut i = at;
    while out.len() < n {
        let Some((word, end)) = next_word(text, i) else { break };
        out.push((word, end));
        i = end;
    }
    out
}

/// The word after `at`, folded, with its end, as [`next_words`] reads it.
pub fn next_word(text: &str, at: usize) -> Option<(Cow<'_, str>, usize)> {
    let (start, end) = word_span(text, at);
    (end > start).then(|| (folded(&text[start..end]), end))
}

/// The span of the word after `at`, as [`next_words`] reads it (empty
/// when none follows).
pub(crate) fn word_span(text: &str, at: usize) -> (usize, usize) {
    word_after(text, at, token_words::word_char)
}

/// The longest phrase [`Verbs::is_phrase`] joins on the stack.
const PHRASE: usize = 64;

/// How many openings [`Verbs`]' `ascii_openers` tells apart: 26 first
/// letters, each followed by one of 26 letters or by nothing.
const OPENINGS: usize = 26 * 27;

/// The place of a word of ASCII letters in [`Verbs`]' `ascii_openers`: the
/// index of its first two letters (case ignored; the second is 26 for a
/// word of one letter) and its length's bit; `None` for another word, or
/// one of 64 bytes or more.
fn ascii_opener_bit(word: &[u8]) -> Option<(usize, u64)> {
    let ascii = !word.is_empty() && word.len() < 64 && word.iter().all(u8::is_ascii_alphabetic);
    let letter = |b: u8| usize::from(b.to_ascii_lowercase() - b'a');
    ascii.then(|| (letter(word[0]) * 27 + word.get(1).map_or(26, |&b| letter(b)), 1 << word.len()))
}

/// The indices (0 to 25) of the first two bytes of `word` when both are
/// ASCII letters (case ignored).
fn ascii_pair(word: &[u8]) -> Option<(usize, usize)> {
    match word {
        [a, b, ..] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => {
            Some((usize::from(a.to_ascii_lowercase() - b'a'), usize::from(b.to_ascii_lowercase() - b'a')))
        }
        _ => None,
    }
}

/// The offset after the spaces at `at`: ` `, U+00A0 and U+202F, by their
/// bytes.
pub(crate) fn after_spaces(bytes: &[u8], at: usize) -> usize {
    let mut start = at;
    loop {
        match bytes.get(start) {
            Some(b' ') => start += 1,
            Some(0xC2) if bytes.get(start + 1) == Some(&0xA0) => start += 2,
            Some(0xE2) if bytes.get(start + 1..start + 3) == Some(&[0x80, 0xAF]) => start += 3,
            _ => return start,
        }
    }
}

/// The span of the run of characters `part` accepts after `at`, past
/// spaces only (a verb or a speaker is never read across a line break);
/// empty when none follows.
pub fn word_after(text: &str, at: usize, part: impl Fn(char) -> bool) -> (usize, usize) {
    let bytes = text.as_bytes();
    let start = after_spaces(bytes, at);
    // An ASCII byte is its char; only other chars are decoded.
    let mut end = start;
    while let Some(&byte) = bytes.get(end) {
        if byte.is_ascii() {
            if !part(char::from(byte)) {
                break;
            }
            end += 1;
            continue;
        }
        match text.get(end..).and_then(|rest| rest.chars().next()) {
            Some(c) if part(c) => end += c.len_utf8(),
            _ => break,
        }
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use glaneur_text::is_letter;

    #[test]
    fn reads_simple_compound_and_inverted_forms() {
        let verbs = Verbs::load();
        assert!(verbs.forms().count() > 1000, "{} forms", verbs.forms().count());
        let t = " commente Jeremy";
        assert_eq!(verbs.at(t, 0), Some(Verb { end: 9, pronoun: None }));
        let t = " a déclaré le PDG";
        assert_eq!(verbs.at(t, 0).map(|v| &t[..v.end]), Some(" a déclaré"));
        let t = " détaille-t-il.";
        assert_eq!(
            verbs.at(t, 0).map(|v| (&t[..v.end], v.pronoun)),
            Some((" détaille-t-il", Some(Pronoun::Masculine)))
        );
        let t = " a-t-elle ajouté.";
        assert_eq!(
            verbs.at(t, 0).map(|v| (&t[..v.end], v.pronoun)),
            Some((" a-t-elle ajouté", Some(Pronoun::Feminine)))
        );
        assert_eq!(verbs.at(" nécessaire pour", 0), None);
    }

    #[test]
    fn phrases_joined_on_the_stack_are_the_forms() {
        let verbs = Verbs::load();
        let long = "x".repeat(PHRASE);
        let forms: Vec<Vec<&str>> = verbs.forms().map(|f| f.split(' ').collect()).collect();
        assert!(forms.iter().all(|words| verbs.is_phrase(words)));
        let others = [vec!["a", "dit"], vec!["a", &long], vec![&long], vec![], vec!["", ""], vec!["a", "été", "x"]];
        for words in forms.iter().chain(&others) {
            assert_eq!(verbs.is_phrase(words), verbs.is_form(&words.join(" ")), "{words:?}");
        }
    }

    #[test]
    fn words_are_read_by_bytes_as_by_chars() {
        // What `word_after` did with the standard library's searches.
        fn by_chars(text: &str, at: usize, part: impl Fn(char) -> bool) -> (usize, usize) {
            let rest = &text[at..];
            let trimmed = rest.trim_start_matches([' ', '\u{a0}', '\u{202f}']);
            let start = at + (rest.len() - trimmed.len());
            (start, start + trimmed.find(|c: char| !part(c)).unwrap_or(trimmed.len()))
        }
        let parts: [fn(char) -> bool; 3] = [
            |c| is_letter(c) || c == '-' || c == '\'' || c == '’',
            |c| is_letter(c) || matches!(c, '-' | '.' | '\'' | '’'),
            char::is_alphanumeric,
        ];
        let mut texts = glaneur_testdata::test_texts(&["quotations"]);
        texts.push("a\u{a0}\u{202f} \u{2009}b İzmir’s C.C. Wei-Lin l’a ΣΑΣ 😀x".to_owned());
        for text in &texts {
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                for part in parts {
                    assert_eq!(word_after(text, at, part), by_chars(text, at, part), "{}", &text[at..]);
                }
            }
        }
    }

    #[test]
    fn the_word_keys_refuse_no_verb_at_a_token() {
        let verbs = Verbs::load();
        // Every verb read at a token, with the filter, as without it (the
        // reading by the text kept in `at`), in any case.
        let mut texts = glaneur_testdata::test_texts(&["quotations"]);
        texts.push("A DÉCLARÉ Détaille-t-il l'a jugée DIT-IL dʼaprès de\u{301}clare Ökonom a\u{a0}dit".to_owned());
        // Decomposed accents (a word read short of its mark), hyphens and
        // apostrophes after a word that is no verb, glued words.
        texts.push("Il a estime\u{301} que, « X », estime\u{301}e a\u{300} dit e\u{301}crit Jean-Pierre peut-être x-a-t-il aujourd'hui aujourd’hui s’exclame S'EST exclamé dit\u{301}".to_owned());
        texts.extend(texts.iter().map(|t| t.to_uppercase()).collect::<Vec<_>>());
        let mut forms: Vec<String> = verbs.forms().chain(verbs.leads()).map(str::to_owned).collect();
        forms.sort();
        texts.push(forms.join(" , "));
        texts.push(forms.join(" ").to_uppercase());
        let mut found = 0;
        let mut refused = 0;
        for text in &texts {
            let buf = glaneur_schema::DocumentBuf::new(text).expect("a short text");
            let doc = buf.document();
            for (i, t) in doc.tokens().iter().enumerate() {
                let verb = verbs.at(text, t.start());
                assert_eq!(verbs.at_token(&doc, i), verb, "{}", &text[t.start()..]);
                found += usize::from(verb.is_some());
                refused += usize::from(t.is_word() && !verbs.word_keys.admits(t.form_key()));
            }
        }
        assert!(found > 1000 && refused > 1000, "{found} verbs, {refused} words refused");
    }

    #[test]
    fn the_first_word_filter_refuses_no_verb() {
        let verbs = Verbs::load();
        // Every form's first word, in any case, passes.
        for form in verbs.forms().chain(verbs.leads()) {
            let first = form.split(' ').next().unwrap_or(form);
            if first.bytes().all(|b| b.is_ascii_alphabetic()) {
                assert!(verbs.may_open(first.as_bytes()), "{first}");
                assert!(verbs.may_open(first.to_uppercase().as_bytes()), "{first}");
            }
        }
        // Every form's and lead's first two letters, in any case, pass.
        for form in verbs.forms().chain(verbs.leads()) {
            for word in [form.to_owned(), form.to_uppercase()] {
                if let Some((first, second)) = ascii_pair(word.as_bytes()) {
                    assert!(verbs.ascii_pairs[first] & 1 << second != 0, "{word}");
                }
            }
        }
        // At every place of the test texts, the filtered reading is the full one.
        let mut found = 0;
        for text in glaneur_testdata::test_texts(&["quotations"]) {
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let (start, end) = word_span(&text, at);
                let full = verbs.read_at(&text, folded(&text[start..end]), end).filter(|_| end > start);
                assert_eq!(verbs.at(&text, at), full, "{}", &text[at..]);
                found += usize::from(full.is_some());
            }
        }
        assert!(found > 100, "{found} verbs");
    }
}
