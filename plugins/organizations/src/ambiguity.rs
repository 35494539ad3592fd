//! Which gazetteer hits are organisation mentions: products are dropped,
//! unambiguous forms kept, and the short forms of ambiguous rows (`Orange`,
//! `Mistral`, `Apple`, `Amazon`) kept only with context.
//!
//! Context, in the order tried: a part of a longer proper name or a
//! negative cue (`sur Facebook`) rejects; a cue noun before (`le groupe`),
//! an organisation verb after (`a levé`), or a corporate suffix accepts; then
//! the same organisation accepted elsewhere in the document; then a list
//! next to an accepted organisation (`Microsoft, Apple et Amazon`); last, in
//! a document that names at least two other organisations, a capitalised
//! form in mid-sentence.

use glaneur_schema::Document;
use std::borrow::Cow;
use std::cell::LazyCell;

use crate::gazetteer::{Gazetteer, Hit};
use crate::lexicon::{is_cue_noun, is_function_word, is_negative_cue, is_org_verb, is_product_word, is_suffix};
use crate::scratch::bound;
use crate::words::{after, before, starts_sentence, Word};
use crate::{Mention, GAZETTEER_RULE};

/// What local context says of an ambiguous hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Local {
    Accept(&'static str),
    Reject,
    /// A negative cue (`sur Facebook`): only a list of organisations overrides it.
    Weak,
    Unsure,
}

/// Where a hit stands while it is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// An organisation mention, found by this rule.
    Decided(&'static str),
    /// Not an organisation (part of a longer name).
    Rejected,
    /// After a negative cue: only a list overrides it.
    Weak,
    /// Undecided: the document may decide it.
    Open,
}

impl State {
    fn is_decided(self) -> bool {
        matches!(self, State::Decided(_))
    }
}

/// The buffers [`decide`] reads a document's hits into: the
/// organisations' hits and where each stands. Kept by the caller from one
/// document to the next.
#[derive(Default)]
pub struct Decisions {
    org_hits: Vec<Hit>,
    state: Vec<State>,
    /// The organisations accepted, when the document decides some hits.
    accepted: Vec<usize>,
}

/// The buffers are emptied, those too large to keep freed
/// ([`crate::scratch::bound`]).
impl glaneur_text::kept::Bound for Decisions {
    fn bound(&mut self) {
        bound(&mut self.org_hits);
        bound(&mut self.state);
        bound(&mut self.accepted);
    }
}

/// Decides every hit; appends the organisation mentions to `mentions`.
/// `unseen` counts the organisations the other rules found, which tell the
/// document is about organisations. `buffers` are the room it works in.
pub fn decide<'a>(
    gazetteer: &'a Gazetteer,
    doc: &Document<'_>,
    hits: &[Hit],
    unseen: usize,
    buffers: &mut Decisions,
    mentions: &mut Vec<Mention<'a>>,
) {
    let Decisions { org_hits, state, accepted } = buffers;
    org_hits.clear();
    org_hits.extend(hits.iter().filter(|h| gazetteer.forms[h.form].org.is_some()));
    let org_of = |h: &Hit| org_of(gazetteer, h);
    let needs_context = |h: &Hit| needs_context(gazetteer, h);

    state.clear();
    state.extend(org_hits.iter().map(|hit| {
        if !needs_context(hit) {
            return State::Decided(GAZETTEER_RULE);
        }
        let ambiguous = gazetteer.orgs[org_of(hit)].ambiguous;
        match local(doc, hit, ambiguous) {
            Local::Accept(rule) => State::Decided(rule),
            Local::Reject => State::Rejected,
            Local::Weak => State::Weak,
            Local::Unsure if !ambiguous => State::Decided(GAZETTEER_RULE), // media, not part of a name
            Local::Unsure => State::Open,
        }
    }));
    // The rules below only decide hits still open (or weak): most
    // documents have none.
    if state.iter().any(|s| matches!(s, State::Open | State::Weak)) {
        decide_in_context(gazetteer, doc, org_hits, state, accepted, unseen);
    }

    mentions.reserve(org_hits.len());
    mentions.extend(org_hits.iter().zip(state.iter()).filter_map(|(hit, &state)| {
        let State::Decided(rule) = state else { return None };
        let org = &gazetteer.orgs[org_of(hit)];
        let confidence = if rule == GAZETTEER_RULE { 0.95 } else { 0.85 };
        Some(Mention {
            start: hit.start,
            end: hit.end,
            canonical: &org.canonical,
            category: Some(&org.category),
            rule: Cow::Borrowed(rule),
            confidence,
            org: Some(org_of(hit)),
        })
    }));
}

/// The organisation of `hit`, one of the gazetteer's organisations'.
fn org_of(gazetteer: &Gazetteer, hit: &Hit) -> usize {
    gazetteer.forms[hit.form].org.expect("filtered to organisations")
}

/// Whether `hit` (an organisation's) is accepted only with context: the
/// short form of an ambiguous organisation or of a media outlet.
fn needs_context(gazetteer: &Gazetteer, hit: &Hit) -> bool {
    gazetteer.forms[hit.form].needs_context
}

/// Decides the hits local context left open (or weak), from the rest of
/// the document: the same organisation accepted elsewhere, a list with an
/// accepted one, a document about organisations. `accepted_orgs` is room
/// for the organisations accepted.
fn decide_in_context(
    gazetteer: &Gazetteer,
    doc: &Document<'_>,
    org_hits: &[Hit],
    state: &mut [State],
    accepted_orgs: &mut Vec<usize>,
    unseen: usize,
) {
    let text = doc.text();
    let org_of = |h: &Hit| org_of(gazetteer, h);
    let needs_context = |h: &Hit| needs_context(gazetteer, h);
    // The same organisation accepted elsewhere in the document.
    // Sorted: a document names few organisations, a hash set cost more.
    accepted_orgs.clear();
    accepted_orgs.extend(org_hits.iter().zip(&*state).filter(|(_, s)| s.is_decided()).map(|(h, _)| org_of(h)));
    accepted_orgs.sort_unstable();
    for (k, hit) in org_hits.iter().enumerate() {
        if state[k] == State::Open && accepted_orgs.binary_search(&org_of(hit)).is_ok() {
            state[k] = State::Decided("gazetteer+context:same-document");
        }
    }
    // Lists: `Meta et Amazon`, `Microsoft, Apple, Amazon`.
    for _ in 0..3 {
        for k in 0..org_hits.len() {
            if !matches!(state[k], State::Open | State::Weak) {
                continue;
            }
            let listed_with_accepted = [k.wrapping_sub(1), k + 1]
                .into_iter()
                .filter(|&j| j < org_hits.len() && state[j].is_decided())
                .any(|j| {
                    let (a, b) = if j < k { (&org_hits[j], &org_hits[k]) } else { (&org_hits[k], &org_hits[j]) };
                    is_list_gap(&text[a.end..b.start])
                });
            if listed_with_accepted {
                state[k] = State::Decided("gazetteer+context:list");
            }
        }
    }
    // A document about organisations: a capitalised form in mid-sentence.
    let others = org_hits.iter().zip(&*state).filter(|(h, s)| s.is_decided() && !needs_context(h)).count() + unseen;
    for (k, hit) in org_hits.iter().enumerate() {
        let free = state[k] == State::Open;
        if free && others >= 1 && !starts_sentence(text, hit.start) && !listed_with_product(doc, hit) {
            state[k] = State::Decided("gazetteer+context:document");
        }
    }
}

/// `, `, ` et `, ` ou `, ` and `, `, et `: the gap between listed names.
fn is_list_gap(gap: &str) -> bool {
    let gap = gap.trim();
    matches!(gap, "," | "et" | "ou" | "and" | "or" | "&" | ", et" | ", ou" | ", and" | "/")
}

/// What the words around an ambiguous hit say.
fn local(doc: &Document<'_>, hit: &Hit, ambiguous: bool) -> Local {
    let text = doc.text();
    // The rules read two words before and up to four after.
    let mut before_hit = before(doc, hit.start);
    let nearest = before_hit.next();
    // The second word before, read only if a rule asks (most never do).
    let second = LazyCell::new(|| nearest.as_ref().and_then(|_| before_hit.next()));
    let after_cue = || starts_after_cue(nearest.as_ref(), || second.as_ref());
    let mut next = after(doc, hit.end).take(4).peekable();
    let glued = |w: &Word<'_>, a: usize, b: usize| text[a..b].chars().all(|c| c == ' ' || c == '\u{a0}') && w.is_word();

    // Part of a longer proper name: `Michael Bloomberg`, `Alan Turing`,
    // `Mistral Large 2`, `Apollo 11`.
    if let Some(p) = &nearest {
        if glued(p, p.end, hit.start) && p.is_capitalised() && !is_function_word(&p.lower) && !after_cue() {
            return Local::Reject;
        }
    }
    if let Some(n) = next.peek() {
        let name_after = n.is_capitalised() && !is_function_word(&n.lower) && !is_suffix(n.text);
        if ambiguous && glued(n, hit.end, n.start) && name_after {
            return Local::Reject;
        }
        if ambiguous && text[hit.end..].starts_with('-') {
            return Local::Reject; // `Free-to-play`, `Meta-learning`
        }
    }
    if nearest.as_ref().is_some_and(|p| is_negative_cue(&p.lower)) {
        return Local::Weak;
    }
    if !ambiguous {
        return Local::Unsure;
    }
    if next.peek().is_some_and(|n| is_suffix(n.text)) {
        return Local::Accept("gazetteer+context:suffix");
    }
    if after_cue() {
        return Local::Accept("gazetteer+context:cue");
    }
    // `Amazon a investi`, `Amazon leur a emboîté le pas`: the verb next,
    // after clitic pronouns only.
    let clitic = |w: &str| matches!(w, "leur" | "lui" | "se" | "s'" | "y" | "en" | "ne" | "n'" | "l'" | "les" | "nous");
    let verb = next.find(|w| !clitic(&w.lower)).is_some_and(|w| w.is_word() && is_org_verb(&w.lower));
    if verb {
        return Local::Accept("gazetteer+context:verb");
    }
    Local::Unsure
}

/// Whether the words before, `nearest` then the one before it (read only
/// if needed: `second`), end in a cue: `la start-up`, `chez`, `le groupe
/// français`, `PDG de`.
fn starts_after_cue<'w>(nearest: Option<&Word<'_>>, second: impl FnOnce() -> Option<&'w Word<'w>>) -> bool {
    let Some(first) = nearest.map(|w| w.lower.as_ref()) else { return false };
    match first {
        "chez" => true,
        // No cue noun, and not longer than two bytes: the second word counts
        // only after a noun.
        "de" | "d'" => second().is_some_and(|w| is_of_noun_cue(&w.lower)),
        _ => {
            is_cue_noun(first)
                || (first.len() > 2 && !is_function_word(first) && second().is_some_and(|w| is_cue_noun(&w.lower)))
        }
    }
}

/// The nouns whose `de` complement (`PDG de`, `le rachat de`) is the
/// organisation right after.
fn is_of_noun_cue(word: &str) -> bool {
    matches!(
        word,
        "pdg"
            | "patron"
            | "patronne"
            | "fondateur"
            | "cofondateur"
            | "dirigeant"
            | "directeur"
            | "directrice"
            | "président"
            | "présidente"
            | "ceo"
            | "salariés"
            | "actionnaires"
            | "rachat"
            | "filiale"
            | "concurrent"
            | "rival"
            | "partenaire"
    )
}

/// Whether the hit is listed next to a one-word product (`Windows, Office et GitHub`).
fn listed_with_product(doc: &Document<'_>, hit: &Hit) -> bool {
    fn listed<'a>(mut words: impl Iterator<Item = Word<'a>>) -> bool {
        words.next().is_some_and(|g| matches!(g.lower.as_ref(), "," | "et" | "ou" | "and"))
            && words.next().is_some_and(|n| is_product_word(n.text))
    }
    listed(before(doc, hit.start)) || listed(after(doc, hit.end))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`starts_after_cue`] as it was: both words read first.
    fn starts_after_cue_reference(prev: &[Option<Word<'_>>; 2]) -> bool {
        let mut lower = prev.iter().flatten().map(|w| w.lower.as_ref());
        match (lower.next(), lower.next()) {
            (Some("chez" | "de" | "d'"), Some(second)) if is_of_noun_cue(second) => true,
            (Some("chez"), _) => true,
            (Some(first), second) => {
                is_cue_noun(first) || (second.is_some_and(is_cue_noun) && first.len() > 2 && !is_function_word(first))
            }
            (None, _) => false,
        }
    }

    #[test]
    fn a_cue_before_is_told_as_when_both_words_were_read_first() {
        let word = |w: &'static str| Word { text: w, lower: Cow::Borrowed(w), start: 0, end: w.len() };
        let mut words: Vec<&'static str> = crate::lexicon::CUE_NOUNS.words().to_vec();
        words.extend(crate::lexicon::OF_NOUNS.words().iter().copied().take(20));
        words.extend([
            "chez",
            "de",
            "d'",
            "le",
            "la",
            "selon",
            "français",
            "américain",
            "pdg",
            "rachat",
            "xyz",
            "",
            "a",
        ]);
        let mut after = 0;
        for &first in &words {
            for second in words.iter().map(|&w| Some(word(w))).chain([None]) {
                let expected = starts_after_cue_reference(&[Some(word(first)), second.clone()]);
                let mut read = false;
                let found = starts_after_cue(Some(&word(first)), || {
                    read = true;
                    second.as_ref()
                });
                assert_eq!(found, expected, "{first:?} {second:?}");
                after += usize::from(found && read);
            }
        }
        assert!(!starts_after_cue(None, || None));
        assert!(after > 100, "{after}");
    }
}
