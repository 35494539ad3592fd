//! Where a role can change what people finds, told from the tokens around
//! the capitalised words before any role is looked up: most words of a
//! text are far from any name, and the roles are looked up only in these
//! few windows rather than at every word.
//!
//! A role matters in two places:
//! - before a name (`People::named_after`): the name's first word is
//!   capitalised (or an initial) and comes right after the word holding
//!   the role's last token, or after a comma there, or after the comma
//!   closing a complement that starts right after that word (`de`, `d'…`,
//!   `chez`, `of`, `at`);
//! - in apposition after a name (`People::before_a_role`): on one of the
//!   four tokens after a comma that follows a capitalised word.

use std::ops::Range;

use glaneur_lexicon::WordTable;
use glaneur_schema::{Document, DocumentBuf, Token, TokenKind};

use crate::form_keys::FormKeys;

use crate::roles::ROLE_WORDS;

/// The roles' last words, to tell where a role may end.
pub(crate) struct RolePlaces {
    /// The folded form of each role's last token, with the most tokens a
    /// role ending with it takes.
    last_tokens: WordTable<usize>,
    /// The [form keys](glaneur_schema::key_of_form) of those forms,
    /// asked first, from the word token's stored key: most words before a
    /// capitalised word end no role.
    keys: FormKeys,
    /// The form keys of the roles' first tokens: a window after a comma
    /// none of whose tokens has one holds no role's start.
    first_keys: FormKeys,
    /// The most tokens a role takes.
    longest: usize,
    /// The marks inside roles (the `-` of `vice-président`): with words,
    /// the only tokens a role runs over.
    inner_marks: Vec<String>,
}

/// Whether `t` is a comma, in `text`.
fn is_comma(text: &str, t: &Token) -> bool {
    t.kind() == TokenKind::Punct && text.as_bytes()[t.start()] == b','
}

/// The first token of the tokens glued together that end with token `k`
/// (a word with its hyphens and apostrophes, and marks glued to it): the
/// word holding token `k` starts there or after.
fn glued_from(tokens: &[Token], mut k: usize) -> usize {
    while k > 0 && tokens[k].is_joined() {
        k -= 1;
    }
    k
}

impl RolePlaces {
    /// The places of `roles` (read as `Phrases` reads them, folded).
    pub(crate) fn new(roles: &[&str]) -> Self {
        let mut longest_at: Vec<(String, usize)> = Vec::new();
        let mut inner_marks: Vec<String> = Vec::new();
        let mut firsts: Vec<String> = Vec::new();
        for role in roles {
            // Each is a phrase, as `Phrases::new` found when it read them.
            let buf = DocumentBuf::new(role).expect("a role is a short phrase");
            let doc = buf.document();
            let last = doc.tokens().last().expect("a role has a word");
            longest_at.push((doc.folded_of(last).to_owned(), doc.tokens().len()));
            firsts.push(doc.folded_of(&doc.tokens()[0]).to_owned());
            inner_marks.extend(doc.tokens().iter().filter(|t| !t.is_word()).map(|t| doc.folded_of(t).to_owned()));
        }
        inner_marks.sort_unstable();
        inner_marks.dedup();
        let longest = longest_at.iter().map(|&(_, n)| n).max().unwrap_or(0);
        // One entry per last token, with the longest role ending with it.
        longest_at.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        longest_at.dedup_by(|a, b| a.0 == b.0);
        let keys = FormKeys::of_forms(longest_at.iter().map(|(form, _)| form.as_str()));
        let first_keys = FormKeys::of_forms(firsts.iter().map(String::as_str));
        RolePlaces { last_tokens: WordTable::new(longest_at), keys, first_keys, longest, inner_marks }
    }

    /// The most tokens a role takes.
    pub(crate) fn longest(&self) -> usize {
        self.longest
    }

    /// Whether a role starting before token `k` of `doc` may run over
    /// it: `k` is on the same line as the token before, a word or a mark
    /// found inside roles. Roles found from `k` on are kept or dropped
    /// alike whatever is before it otherwise.
    pub(crate) fn may_run_over(&self, doc: &Document<'_>, k: usize) -> bool {
        let tokens = doc.tokens();
        let Some(before) = k.checked_sub(1).map(|b| &tokens[b]) else { return false };
        !tokens[k].is_line_start()
            && (before.is_word() || self.inner_marks.iter().any(|m| m.as_str() == doc.folded_of(before)))
    }

    /// Pushes to `windows` the token ranges where a role starting may
    /// matter in `doc`, whose capitalised tokens are `capitalised` (in
    /// order): in any order, maybe overlapping. Kept out of line, as
    /// `capitalised_tokens` is, for its registers.
    #[inline(never)]
    pub(crate) fn windows(&self, doc: &Document<'_>, capitalised: &[usize], windows: &mut Vec<Range<usize>>) {
        let text = doc.text();
        let tokens = doc.tokens();
        for &c in capitalised {
            // A name at `c`, after a role ending in the word before it, or
            // before a comma then that word. That word ends with a letter:
            // a token of another kind there ends no role's word.
            if let Some(before) = c.checked_sub(1).map(|b| &tokens[b]) {
                if before.is_word() {
                    self.push_roles_ending_at(doc, c - 1, windows);
                } else if is_comma(text, before) && c >= 2 {
                    if tokens[c - 2].is_word() {
                        self.push_roles_ending_at(doc, c - 2, windows);
                    }
                    self.push_roles_before_complements(doc, c, windows);
                }
            }
            // A name ending with the word at `c`, then a comma and a role
            // on one of the four tokens after it (`comma_then_role`'s).
            let mut last = c;
            while tokens.get(last + 1).is_some_and(|t| t.is_joined() && !is_comma(text, t)) {
                last += 1;
            }
            if tokens.get(last + 1).is_some_and(|t| is_comma(text, t)) {
                // Most commas after a capitalised word open no role: a
                // window where none may start is left out.
                let window = last + 2..(last + 6).min(tokens.len());
                if tokens.get(window.clone()).unwrap_or_default().iter().any(|t| self.first_keys.may_contain(t)) {
                    windows.push(window);
                }
            }
        }
    }

    /// Pushes the windows of the roles whose last token is in the word
    /// that ends with token `last`, a word token.
    #[inline(always)]
    fn push_roles_ending_at(&self, doc: &Document<'_>, last: usize, windows: &mut Vec<Range<usize>>) {
        let tokens = doc.tokens();
        // Most words are one token, looked up alone.
        if tokens[last].is_joined() {
            self.push_roles_ending_in_glued(doc, last, windows);
        } else {
            self.push_roles_ending_with(doc, last, windows);
        }
    }

    /// [`RolePlaces::push_roles_ending_at`] for a word glued to the token
    /// before it: each word token glued together up to `last` may be a
    /// role's last.
    #[inline(never)]
    fn push_roles_ending_in_glued(&self, doc: &Document<'_>, last: usize, windows: &mut Vec<Range<usize>>) {
        let tokens = doc.tokens();
        let first = glued_from(tokens, last);
        for (p, t) in tokens[first..=last].iter().enumerate() {
            if t.is_word() {
                self.push_roles_ending_with(doc, first + p, windows);
            }
        }
    }

    /// Pushes the window of the roles whose last token is token `p` (a
    /// word token), if any is.
    #[inline(always)]
    fn push_roles_ending_with(&self, doc: &Document<'_>, p: usize, windows: &mut Vec<Range<usize>>) {
        let t = &doc.tokens()[p];
        if !self.keys.may_contain(t) {
            return;
        }
        if let Some(&n) = self.last_tokens.get(doc.folded_bytes_of(t)) {
            windows.push((p + 1).saturating_sub(n)..p + 1);
        }
    }

    /// Pushes the windows of the roles before a complement whose comma is
    /// right before the capitalised token `c`: a role ending in the word
    /// before the complement's first word. The complement's words all
    /// start with a letter, on one line, and are among the words read
    /// from the role's start: searched back from the comma, as far as a
    /// mark, a number or a line break.
    #[inline(never)]
    fn push_roles_before_complements(&self, doc: &Document<'_>, c: usize, windows: &mut Vec<Range<usize>>) {
        let (text, tokens) = (doc.text().as_bytes(), doc.tokens());
        for opener in (c.saturating_sub(ROLE_WORDS).max(1)..c - 1).rev() {
            let t = &tokens[opener];
            match t.kind() {
                TokenKind::Word if opens_a_complement(&text[t.span()]) && tokens[opener - 1].is_word() => {
                    self.push_roles_ending_at(doc, opener - 1, windows);
                }
                // Inside a word (`Jean-Claude`, `O'Brien`), or a word of
                // its own: a word that starts with no letter, past which
                // no complement reaches.
                TokenKind::Punct if matches!(text[t.start()], b'-' | b'\'' | 0xE2) => {}
                TokenKind::Punct | TokenKind::Number => return,
                _ => {}
            }
            if t.is_line_start() {
                return;
            }
        }
    }
}

/// Whether a word may open a role's complement (`de`, `d'Electra`,
/// `chez`, `of`, `at`): what `names::complement_end` asks of its first
/// word, asked of the word's first token.
fn opens_a_complement(token: &[u8]) -> bool {
    token.first() == Some(&b'd') || matches!(token, b"chez" | b"of" | b"at")
}

#[cfg(test)]
mod tests {
    use glaneur_schema::DocumentBuf;

    use crate::roles::{Role, RoleBuffers};
    use crate::scratch::Scratch;
    use crate::taken::Taken;
    use crate::{capitalised_tokens, persons, People, Person};

    /// People's findings in `text`, with the roles looked up where
    /// [`super::RolePlaces`] says and everywhere (the reference); and how
    /// many roles each found.
    fn both_ways(people: &People, text: &str) -> ([Vec<Person>; 2], [usize; 2]) {
        let buf = DocumentBuf::new(text).expect("a test text fits");
        let doc = buf.document();
        let capitalised = capitalised_tokens(&doc);
        let mut windows = Vec::new();
        people.role_places.windows(&doc, &capitalised, &mut windows);
        let mut near = Vec::new();
        let mut buffers = RoleBuffers::default();
        Role::find_in(&people.roles, &doc, &mut windows, &people.role_places, &mut near, &mut buffers);
        let all = Role::find_all(&people.roles, &doc);
        // The roles found near names are roles found in the whole text.
        for role in &near {
            assert!(all.iter().any(|r| (r.start, r.end) == (role.start, role.end)), "{:?} in {text}", role);
        }
        let find = |roles: &[Role]| {
            let (found, canonical) =
                people.find_among(&doc, &Taken::new(Vec::new()), &capitalised, roles, &mut Scratch::default());
            persons(&found, canonical)
        };
        ([find(&near), find(&all)], [near.len(), all.len()])
    }

    #[test]
    fn roles_looked_up_near_names_find_what_roles_looked_up_everywhere_find() {
        let people = People::load();
        let mut texts = glaneur_testdata::test_texts(&["organizations", "quotations", "money", "ai-models"]);
        // Roles before names, after them, past complements, glued to
        // words, overlapping one another, next to line breaks and marks.
        let pieces = [
            "le PDG ",
            "la directrice générale ",
            "directeur général délégué ",
            "président du conseil d'administration",
            "président-directeur général ",
            "directeur-adjoint ",
            "de l'Observatoire ",
            "d'Electra ",
            "chez Nexalis",
            "of Acme ",
            "économiste en chef",
            "chef économiste ",
            "Xavier ",
            "Dupont",
            "Ana Botín",
            "C.C. ",
            "Wei ",
            "\u{301}A. ",
            "Aiman Ezzat",
            "Jean ",
            ", ",
            ",",
            ". ",
            "\n",
            "-",
            "'",
            "l’",
            "sa ",
            "le ",
            "les ",
            "aux ",
            "Il ",
            "« ",
            " »",
            "2024 ",
            "DG ",
            "CEO",
            " ",
        ];
        let mut next = crate::test_rng::numbers(0x2545_F491_4F6C_DD1D);
        for _ in 0..20_000 {
            texts.push((0..next(40)).map(|_| pieces[next(pieces.len())]).collect());
        }
        let (mut named, mut roles) = (0, [0, 0]);
        for text in &texts {
            let ([near, all], counts) = both_ways(&people, text);
            assert_eq!(near, all, "in {text:?}");
            named += all.iter().filter(|p| matches!(p.rule, crate::Rule::Role | crate::Rule::Apposition)).count();
            roles[0] += counts[0];
            roles[1] += counts[1];
        }
        // The test means something: names found by their roles, and
        // fewer roles looked up.
        assert!(named > 1000 && roles[0] < roles[1], "{named} named, {roles:?} roles");
    }
}
