//! The roles of a text (`le PDG`, `la directrice générale`), before which
//! a name may stand, and a cheap test of whether one does.

use std::ops::Range;

use glaneur_schema::{Document, PhraseMatch, Phrases, Token};
use glaneur_text::kept::Bound;

use crate::role_places::RolePlaces;

/// The words read from a role's start for the name after it; each takes
/// at least one token.
pub(crate) const ROLE_WORDS: usize = 24;

/// A role found in a document: its byte span and its tokens.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Role {
    /// Byte offset of its first byte.
    pub(crate) start: usize,
    /// One past its last byte.
    pub(crate) end: usize,
    /// Its first token.
    pub(crate) first_token: usize,
    /// One past its last token.
    pub(crate) end_token: usize,
}

impl Role {
    /// The roles of `roles` in `doc` that stand as whole words, in order:
    /// of overlapping ones, the longest at the leftmost start (what
    /// [`Phrases::find_spans`] reports), with their tokens. The reference
    /// [`Role::find_in`] is checked against.
    #[cfg(test)]
    pub(crate) fn find_all(roles: &Phrases, doc: &Document<'_>) -> Vec<Role> {
        let mut kept = Vec::new();
        Role::keep(doc, &mut roles.find_all(doc), &mut kept);
        kept
    }

    /// Writes into `kept` (emptied first) the roles [`Role::find_all`]
    /// finds that start in `windows` (token ranges, in any order: merged
    /// here, in their buffer, which is left with the runs searched), and
    /// maybe a few others, looked up in those windows only; `places` are
    /// the roles' places. A role overlapping one before it is dropped as in
    /// the whole text: a window where a role starts within `longest - 1`
    /// tokens of its start (`longest` the most tokens a role takes), and
    /// a role before may run over that start, is searched from that many
    /// tokens earlier, until none does, or it meets the window before.
    /// The phrases found and the windows searched again are kept in
    /// `buffers` (emptied first and left empty), lent from one document to
    /// the next.
    pub(crate) fn find_in(
        roles: &Phrases,
        doc: &Document<'_>,
        windows: &mut Vec<Range<usize>>,
        places: &RolePlaces,
        kept: &mut Vec<Role>,
        buffers: &mut RoleBuffers,
    ) {
        let lead = places.longest().saturating_sub(1);
        windows.sort_unstable_by_key(|w| w.start);
        // The windows merged into runs of tokens, none overlapping the next.
        windows.retain(|w| !w.is_empty());
        windows.dedup_by(|w, run| {
            let joins = w.start <= run.end;
            if joins {
                run.end = run.end.max(w.end);
            }
            joins
        });
        let runs = windows;
        let RoleBuffers { found, earlier } = buffers;
        found.clear();
        earlier.clear();
        roles.push_from(doc, runs.iter().flat_map(Range::clone), found);
        loop {
            let mut floor = 0;
            for run in runs.iter_mut() {
                let first_after = found.partition_point(|m| m.tokens.start < run.start);
                let in_lead = found.get(first_after).is_some_and(|m| m.tokens.start < run.start + lead);
                if run.start > floor && in_lead && places.may_run_over(doc, run.start) {
                    let from = run.start.saturating_sub(lead).max(floor);
                    earlier.push(from..run.start);
                    run.start = from;
                }
                floor = run.end;
            }
            if earlier.is_empty() {
                break;
            }
            roles.push_from(doc, earlier.drain(..).flatten(), found);
            found.sort_by_key(|m| m.tokens.start);
        }
        Role::keep(doc, found, kept);
    }

    /// Writes into `kept` (emptied first) the roles of the phrases `found`
    /// in `doc` that a whole-text search keeps: the leftmost-longest,
    /// standing as whole words. `found` is left empty.
    fn keep(doc: &Document<'_>, found: &mut Vec<PhraseMatch>, kept: &mut Vec<Role>) {
        kept.clear();
        kept.extend(found.drain(..).map(|m| {
            let span = doc.byte_span(m.tokens.clone());
            Role { start: span.start, end: span.end, first_token: m.tokens.start, end_token: m.tokens.end }
        }));
        glaneur_text::keep_leftmost_longest(kept, |r| (r.start, r.end));
        kept.retain(|r| glaneur_text::is_whole_word(doc.text(), r.start, r.end));
    }

    /// Whether a name may follow this role (what `People::named_after`
    /// reads at length), told from the tokens after it: the name starts
    /// with a capital (a capitalised word or an initial) on the token right
    /// after the role or after a comma there, or, past a complement (`de
    /// la fintech`, `chez Nexalis`), after the comma that closes it. Most
    /// roles are refused here, before any word is read.
    pub(crate) fn may_name(&self, doc: &Document<'_>) -> bool {
        let tokens = doc.tokens();
        let Some(next) = tokens.get(self.end_token) else { return false };
        // A line break is a word of its own, and no name runs across one.
        if next.is_line_start() {
            return false;
        }
        let text = doc.text_of(next);
        if text == "," {
            return tokens.get(self.end_token + 1).is_some_and(Token::is_capitalised);
        }
        let reach = &tokens[..(self.first_token + ROLE_WORDS).min(tokens.len())];
        let after = reach.get(self.end_token..).unwrap_or_default();
        if next.is_joined() {
            // A word running on past the role (`directeur-adjoint`): the
            // name may be anywhere in reach.
            return after.iter().any(Token::is_capitalised);
        }
        if text.starts_with('d') || matches!(text, "chez" | "of" | "at") {
            // A complement, then a comma and the name.
            return after.windows(2).any(|w| w[1].is_capitalised() && doc.text_of(&w[0]) == ",");
        }
        next.is_capitalised()
    }
}

/// The buffers [`Role::find_in`] works in, kept from one document to the
/// next: allocated for every document, they were a tenth of people's
/// allocations.
#[derive(Debug, Default)]
pub(crate) struct RoleBuffers {
    /// The phrases found, in order of first token.
    found: Vec<PhraseMatch>,
    /// The windows searched again from further back.
    earlier: Vec<Range<usize>>,
}

/// Empties both, and frees those that hold room for more than a
/// document's worth.
impl Bound for RoleBuffers {
    fn bound(&mut self) {
        self.found.bound();
        self.earlier.bound();
    }
}

/// Where the roles of a document start, in order, for the names in
/// apposition before them (`Aiman Ezzat, DG de Capgemini`): read from the
/// roles themselves, not copied.
pub(crate) struct RoleStarts<'r> {
    /// The roles, in order of start.
    roles: &'r [Role],
    /// The first role starting after the last offset
    /// [`RoleStarts::next_after`] was asked about: the capitalised words
    /// come in order, and each moves it on rather than searching again.
    next: usize,
}

impl<'r> RoleStarts<'r> {
    /// Reads the starts of `roles` (in order of start), borrowed.
    pub(crate) fn new(roles: &'r [Role]) -> Self {
        RoleStarts { roles, next: 0 }
    }

    /// The first start after `at`; `at` may not be less than at the call
    /// before.
    #[inline]
    pub(crate) fn next_after(&mut self, at: usize) -> Option<usize> {
        while self.roles.get(self.next).is_some_and(|r| r.start <= at) {
            self.next += 1;
        }
        self.roles.get(self.next).map(|r| r.start)
    }

    /// The first start after `at`, anywhere.
    pub(crate) fn first_after(&self, at: usize) -> Option<usize> {
        self.roles.get(self.roles.partition_point(|r| r.start <= at)).map(|r| r.start)
    }

    /// Whether a role starts at `at`.
    pub(crate) fn contains(&self, at: usize) -> bool {
        self.roles.binary_search_by_key(&at, |r| r.start).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use glaneur_schema::DocumentBuf;

    use crate::People;

    #[test]
    fn a_role_refused_names_no_one() {
        let people = People::load();
        let mut texts = glaneur_testdata::test_texts(&["organizations", "quotations", "money", "ai-models"]);
        texts.push("le PDG Xavier Dupont ; la présidente, Ana Botín ; le PDG C.C. Wei ; le DG \u{301}A. Wei".into());
        let (mut refused, mut named) = (0, 0);
        for text in &texts {
            let mut words = crate::words::Words::default();
            let doc = DocumentBuf::new(text).expect("a test text fits");
            let doc = doc.document();
            for role in Role::find_all(&people.roles, &doc) {
                let name = people.named_after(&role, &doc, &mut words, &|_, _| true);
                if !role.may_name(&doc) {
                    assert_eq!(name, None, "after {:?} in {text}", &text[role.start..role.end]);
                    refused += 1;
                }
                named += usize::from(name.is_some());
            }
        }
        // The test means something: roles of both sorts.
        assert!(refused > 10 && named > 10, "{refused} refused, {named} named");
    }
}
