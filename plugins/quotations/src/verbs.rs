//! The verbs of saying (data/speech_verbs.tsv, French and English, simple
//! and compound tenses), and reading one at a position: `commente`, `a
//! déclaré`, `détaille-t-il`, `a-t-elle ajouté`, `said`.

use std::borrow::Cow;
use std::collections::HashSet;

use glaneur_text::{folded, is_letter};

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
    forms: HashSet<String>,
    /// The first words of the forms of several words (`a`, `ont`, `has`):
    /// only after one is a longer form looked for.
    leads: HashSet<String>,
}

impl Verbs {
    /// Loads the compiled-in lexicon.
    pub fn load() -> Self {
        let mut forms = HashSet::new();
        for line in SPEECH_VERBS.lines().skip(1) {
            let Some(list) = line.split('\t').nth(2) else { continue };
            forms.extend(list.split('|').map(str::trim).filter(|f| !f.is_empty()).map(|f| folded(f).into_owned()));
        }
        let leads = forms.iter().filter_map(|f| f.split_once(' ')).map(|(lead, _)| lead.to_owned()).collect();
        Verbs { forms, leads }
    }

    /// Whether `form` (lowercase) is a verb of saying.
    pub fn is_form(&self, form: &str) -> bool {
        self.forms.contains(form)
    }

    /// The verb of saying starting at `at` (after spaces), if any.
    pub fn at(&self, text: &str, at: usize) -> Option<Verb> {
        // The words after the first are read only when a form may go on.
        let (w1, e1) = next_word(text, at)?;
        // `détaille-t-il`, `a-t-elle`, `poursuit-il`
        if let Some((base, pronoun)) = split_inversion(&w1) {
            if self.is_form(&base) {
                return Some(Verb { end: e1, pronoun: Some(pronoun) });
            }
            // `a-t-il ajouté`: the auxiliary inverted, then the participle.
            if let Some((w2, e2)) = next_word(text, e1) {
                if self.is_form(&format!("{base} {w2}")) {
                    return Some(Verb { end: e2, pronoun: Some(pronoun) });
                }
            }
            return None;
        }
        if let Some((w2, e2)) = next_word(text, e1).filter(|_| self.leads.contains(w1.as_ref())) {
            if self.is_form(&format!("{w1} {w2}")) {
                return Some(Verb { end: e2, pronoun: None });
            }
            if let Some((w3, e3)) = next_word(text, e2) {
                if self.is_form(&format!("{w1} {w2} {w3}")) {
                    return Some(Verb { end: e3, pronoun: None });
                }
            }
        }
        self.is_form(&w1).then_some(Verb { end: e1, pronoun: None })
    }
}

/// `détaille-t-il` → (`détaille`, masculine); `a-t-elle` → (`a`, feminine).
fn split_inversion(word: &str) -> Option<(String, Pronoun)> {
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
            return Some((base.to_owned(), pronoun));
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

/// The word after `at`, as [`next_words`] reads it.
fn next_word(text: &str, at: usize) -> Option<(Cow<'_, str>, usize)> {
    let (start, end) = word_after(text, at, |c| is_letter(c) || c == '-' || c == '\'' || c == '’');
    (end > start).then(|| (folded(&text[start..end]), end))
}

/// The span of the run of characters `part` accepts after `at`, past
/// spaces only (a verb or a speaker is never read across a line break);
/// empty when none follows.
pub fn word_after(text: &str, at: usize, part: impl Fn(char) -> bool) -> (usize, usize) {
    let rest = &text[at..];
    let trimmed = rest.trim_start_matches([' ', '\u{a0}', '\u{202f}']);
    let start = at + (rest.len() - trimmed.len());
    (start, start + trimmed.find(|c: char| !part(c)).unwrap_or(trimmed.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_simple_compound_and_inverted_forms() {
        let verbs = Verbs::load();
        assert!(verbs.forms.len() > 1000, "{} forms", verbs.forms.len());
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
}
