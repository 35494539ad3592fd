//! The people plugin (kind `person`): named persons, each mention with the
//! fullest form of its name in the document (`Goldman` after `Jeremy
//! Goldman` → `Jeremy Goldman`), and a guess at the gender its first name
//! takes, which the quotations plugin reads for `a-t-elle ajouté`.
//!
//! Rules: a first name from the lexicon followed by capitalised surnames
//! (particles and hyphens allowed); a title or role before a capitalised
//! name (`M. Nadella`, `le PDG Xavier Dupont`); then a surname alone, after
//! the full name was seen. Never inside an organisation (`Goldman Sachs`)
//! or a model (`Claude 3`): those plugins run first (`requires`).

mod attrs;
mod first_names;
mod form_keys;
mod fullest;
pub mod gender;
mod names;
mod recent_genders;
mod role_places;
mod roles;
mod scratch;
mod surnames;
mod taken;
#[cfg(test)]
mod test_rng;
mod words;

use glaneur_lexicon::WordList;
use glaneur_schema::{Case, Document, Entity, FfiEntity, Flags, Phrases, Plugin, PluginInfo, Token, TokenKind};
use serde::Serialize;

use crate::attrs::attrs_json;
use crate::first_names::FirstNames;
use crate::form_keys::FormKeys;
use crate::fullest::fullest_forms;
use crate::names::{
    complement_end, full_name_at, is_determiner, is_not_a_surname, is_particle_in_any_case, person, surname,
    surname_end,
};
use crate::role_places::RolePlaces;
use crate::roles::{Role, RoleStarts, ROLE_WORDS};
use crate::scratch::{recycle, Scratch};
use crate::taken::Taken;
use crate::words::{word_last, Word, Words};
use glaneur_lexicon::WordTable;

const FIRST_NAMES: &str = include_str!("../data/first_names.txt");
const AMBIGUOUS: &str = include_str!("../data/ambiguous_first_names.txt");

/// A person mention.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    /// Byte span (the name, without title).
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The name as written.
    pub name: String,
    /// The fullest form of the name in the document.
    pub canonical: String,
    /// The rule that found it.
    pub rule: Rule,
    /// How sure.
    pub confidence: f64,
}

/// A person mention as the rules find it: a [`Person`] without its
/// canonical, whose name is borrowed from the text (no copy per mention:
/// the extractor writes it straight into the attrs).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Mention<'t> {
    /// Byte span (the name, without title).
    pub(crate) start: usize,
    /// One past the last byte.
    pub(crate) end: usize,
    /// The name as written.
    pub(crate) name: &'t str,
    /// The rule that found it.
    pub(crate) rule: Rule,
    /// How sure.
    pub(crate) confidence: f64,
}

/// The rule that found a person, as README.md names them in `attrs.rule`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// A first name from the lexicon, then a surname.
    FirstName,
    /// A title before a name (`M.`, `Mme`, `Dr`).
    Title,
    /// A role before a name of two capitalised words (`le PDG Xavier Dupont`).
    Role,
    /// A surname alone, after its full name.
    Surname,
    /// A name before a role in apposition (`Aiman Ezzat, DG de Capgemini`).
    Apposition,
}

impl Rule {
    /// Its name in `attrs.rule` (what serde writes).
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::FirstName => "first-name",
            Rule::Title => "title",
            Rule::Role => "role",
            Rule::Surname => "surname",
            Rule::Apposition => "apposition",
        }
    }
}

/// Finds people.
pub struct People {
    first_names: FirstNames,
    /// The keys of the first tokens of the first names and the titles: a
    /// capitalised word whose first token's stored key is not among them
    /// is neither, told before it is read.
    first_words: FormKeys,
    ambiguous: WordTable<()>,
    /// Roles and titles before a name (`le PDG`, `la directrice générale`).
    roles: Phrases,
    /// Where those roles may matter, looked up there only.
    role_places: RolePlaces,
    /// The titles (`M.`, `Mme`, `Dr`), glaneur-lexicon's: held here so that
    /// the words asked about skip the lazy static, and most are refused by
    /// their first byte and length before any call.
    titles: &'static WordList,
    /// The same titles in a word table: one lookup for a word the first
    /// byte and length let through, where the list searched by halves.
    title_table: WordTable<()>,
}

/// The capitalised tokens of `doc` (a word whose first letter is a
/// capital), in order.
#[cfg(test)]
fn capitalised_tokens(doc: &Document<'_>) -> Vec<usize> {
    let mut found = Vec::new();
    capitalised_tokens_into(doc, &mut found);
    found
}

/// Writes the capitalised tokens of `doc` into `found` (emptied first).
/// Most tokens are not: skipped by a search of their flags alone, four
/// tokens at a time. Kept out of line: inlined in its caller, its loop
/// loses its registers to the caller's.
#[inline(never)]
fn capitalised_tokens_into(doc: &Document<'_>, found: &mut Vec<usize>) {
    let tokens = doc.tokens();
    // About one token in six is capitalised in news text: room for most
    // texts' at once, rather than growing from a few.
    found.clear();
    found.reserve(tokens.len() / 4);
    // Four tokens at a time: one test of their flags skips half of them.
    let quads = tokens.chunks_exact(4);
    let rest = quads.remainder();
    for (q, quad) in quads.enumerate() {
        let flags = quad[0].flags() | quad[1].flags() | quad[2].flags() | quad[3].flags();
        if flags.contains(Flags::CAPITALISED) {
            for (i, t) in quad.iter().enumerate() {
                if t.is_capitalised() {
                    found.push(4 * q + i);
                }
            }
        }
    }
    let from = tokens.len() - rest.len();
    found.extend(rest.iter().enumerate().filter(|(_, t)| t.is_capitalised()).map(|(i, _)| from + i));
}

/// The forms the first token of a word may take, besides the word
/// itself, when the word is `word` (a first name, a title): what comes
/// before its first hyphen or apostrophe, without it or with it (an
/// elision's token holds its apostrophe: `D'`). A word runs over hyphens
/// and apostrophes only (`word_last`): a name with another mark before
/// them is no word.
fn first_token_parts(word: &str) -> impl Iterator<Item = &str> {
    // Searched by bytes: `’` and `ʼ` start with 0xE2 and 0xCA.
    let cut = word.bytes().position(|b| matches!(b, b'-' | b'\'' | 0xE2 | 0xCA));
    let cut =
        cut.and_then(|i| word[i..].chars().next().filter(|c| matches!(c, '-' | '\'' | '’' | 'ʼ')).map(|c| (i, c)));
    let before = cut.map(|(i, _)| &word[..i]);
    let elided = cut.filter(|&(_, c)| c != '-').map(|(i, c)| &word[..i + c.len_utf8()]);
    before.into_iter().chain(elided)
}

/// Offsets of the capitalised words of `doc`, each with its token, of its
/// capitalised tokens `capitalised`: those with no letter or digit glued
/// before them (`État` of `L'État`).
fn capitalised_starts<'c>(doc: &Document<'c>, capitalised: &'c [usize]) -> impl Iterator<Item = (usize, usize)> + 'c {
    let doc = *doc;
    capitalised.iter().filter(move |&&k| doc.starts_word(k)).map(move |&k| (doc.tokens()[k].start(), k))
}

/// How far a role in apposition after the word at token `k` may start:
/// the end of the twelfth token after it (or of the last). Each of the
/// twelve words `People::before_a_role` reads starts on a token of its own
/// (or is a line break), and a role in one starts there or, after `l'`, on
/// the next token.
fn apposition_reach(doc: &Document<'_>, k: usize) -> usize {
    let tokens = doc.tokens();
    tokens.get(k + 12).or(tokens.last()).map_or(0, Token::end)
}

/// Whether a comma follows the word at token `k` within ten tokens, and a
/// role starts right after that comma: on one of the four tokens after it
/// (`, DG`, `, le patron`, `, l'économiste`, `, sa l’…`), the only places
/// [`named_before_a_role`] looks for one; and whether the tokens before
/// that comma may be a name ([`may_name_up_to`]). (The name before
/// contains no comma, so that comma is the first.)
fn comma_then_role(doc: &Document<'_>, k: usize, role_starts: &RoleStarts) -> bool {
    let tokens = doc.tokens();
    let near = tokens.get(k..(k + 10).min(tokens.len())).unwrap_or_default();
    let Some(comma) = near.iter().position(|t| t.kind() == TokenKind::Punct && doc.text_of(t) == ",") else {
        return false;
    };
    let comma = k + comma;
    let reach = tokens.get(comma + 4).or(tokens.last()).map_or(0, Token::start);
    role_starts.first_after(tokens[comma].start()).is_some_and(|r| r <= reach) && may_name_up_to(doc, k, comma)
}

/// Whether the tokens from `k` to the comma at token `comma` may be a name
/// of two words or more right before that comma, as [`names::full_name_at`]
/// reads one: told by the tokens alone, before any word is read (most
/// capitalised words with a comma and a role after them start a sentence,
/// or a name of one word). A name's words are its tokens (the comma is the
/// word after it), on one line; a comma right after the first token leaves
/// no room for two words.
fn may_name_up_to(doc: &Document<'_>, k: usize, comma: usize) -> bool {
    let tokens = doc.tokens();
    comma >= k + 2 && !tokens[k + 1..comma].iter().any(|t| no_part_of_a_name(doc, t)) && !tokens[comma].is_line_start()
}

/// Whether token `t` of `doc`, after a name's first token, can be no part
/// of the name, told by the token alone: a line break is a word of its own
/// before it; a token glued to the one before continues a word (or is an
/// initial's period); any other starts a word, which must be a capitalised
/// one, an initial, or a particle (`de`, `van`, `d'`). So a token after a
/// line break, or with space before it and a mark, digit or other ASCII
/// character that is no letter, or a lower-case word that is no particle,
/// is none; a token that does not start with ASCII is let through,
/// whatever it holds.
fn no_part_of_a_name(doc: &Document<'_>, t: &Token) -> bool {
    if t.is_line_start() {
        return true;
    }
    if t.is_joined() || t.is_capitalised() || t.has(Flags::ELIDED) {
        return false;
    }
    match doc.text().as_bytes()[t.start()] {
        b'a'..=b'z' => !t.is_word() || !is_particle_in_any_case(doc.text_of(t)),
        first => first.is_ascii() && !first.is_ascii_uppercase(),
    }
}

/// A name of two words or more at token `k`, then a comma and a role
/// (after a determiner or a possessive) starting in `role_starts`: the
/// name's span. The words are read with `words`, twelve at most.
fn named_before_a_role<'d>(
    doc: &Document<'d>,
    k: usize,
    role_starts: &RoleStarts,
    words: &mut Words<'d>,
) -> Option<(usize, usize)> {
    let text = doc.text();
    words.start_at(doc, k, 12);
    let (start, end) = full_name_at(text, words, 0)?;
    let comma = words.position(|w| w.start >= end)?;
    if words.get(comma).is_none_or(|w| w.text != ",") {
        return None;
    }
    // A determiner or a possessive, then the role (`l'` is glued to it).
    let k = comma + 1 + usize::from(words.get(comma + 1).is_some_and(|w| is_determiner(w.text)));
    let role_at = |w: &Word<'_>| {
        let role = w.text.strip_prefix("l'").or_else(|| w.text.strip_prefix("l’")).map_or(w.start, |r| w.end - r.len());
        role_starts.contains(role)
    };
    words.get(k).filter(|w| role_at(w)).map(|_| (start, end))
}

/// The people of mentions `found`, each with the name of mention
/// `canonical[k]` as its canonical.
fn persons(found: &[Mention<'_>], canonical: Vec<usize>) -> Vec<Person> {
    let person = |(m, best): (&Mention<'_>, usize)| Person {
        start: m.start,
        end: m.end,
        name: m.name.to_owned(),
        canonical: found[best].name.to_owned(),
        rule: m.rule,
        confidence: m.confidence,
    };
    found.iter().zip(canonical).map(person).collect()
}

impl People {
    /// Loads the compiled-in lexicons.
    pub fn load() -> Self {
        fn lines(s: &'static str) -> impl Iterator<Item = String> {
            s.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_owned)
        }
        // Compared by folded form: any case (`DIRECTRICE GÉNÉRALE`, `Économiste`).
        let roles = glaneur_lexicon::ROLES.words();
        let first_names: Vec<String> = lines(FIRST_NAMES).collect();
        let titles = glaneur_lexicon::TITLES.words();
        let first_words = first_names.iter().map(String::as_str).chain(titles.iter().copied());
        People {
            first_words: FormKeys::of_words(first_words.clone().chain(first_words.flat_map(first_token_parts))),
            first_names: FirstNames::new(first_names),
            ambiguous: WordTable::new(lines(AMBIGUOUS).map(|name| (name, ()))),
            roles: Phrases::new(roles, Case::Folded).expect("the roles are phrases"),
            role_places: RolePlaces::new(roles),
            titles: &glaneur_lexicon::TITLES,
            title_table: WordTable::new(glaneur_lexicon::TITLES.words().iter().map(|title| (title, ()))),
        }
    }

    /// Every person mention in `doc`; `taken` are spans of organisations
    /// and models, where no person is.
    pub fn find(&self, doc: &Document<'_>, taken: &[(usize, usize)]) -> Vec<Person> {
        let (found, canonical) = self.find_outside(doc, &Taken::new(taken.to_vec()), &mut Scratch::default());
        persons(&found, canonical)
    }

    /// [`People::find`], given the spans `taken` as a [`Taken`], with each
    /// mention's canonical as the index of the mention whose name it is
    /// (the extractor borrows the name rather than copy it). `scratch`
    /// lends the buffers, the two returned among them.
    fn find_outside<'d>(
        &self,
        doc: &Document<'d>,
        taken: &Taken,
        scratch: &mut Scratch,
    ) -> (Vec<Mention<'d>>, Vec<usize>) {
        let mut capitalised = std::mem::take(&mut scratch.capitalised);
        capitalised_tokens_into(doc, &mut capitalised);
        // The roles where they may matter.
        let windows = &mut scratch.windows;
        windows.clear();
        self.role_places.windows(doc, &capitalised, windows);
        let mut roles = std::mem::take(&mut scratch.roles);
        Role::find_in(&self.roles, doc, windows, &self.role_places, &mut roles, &mut scratch.role_buffers);
        let found = self.find_among(doc, taken, &capitalised, &roles, scratch);
        scratch.capitalised = capitalised;
        scratch.roles = roles;
        found
    }

    /// [`People::find_outside`], given the capitalised tokens of `doc` and
    /// its roles (in order of start; those where no name may be can be
    /// left out).
    fn find_among<'d>(
        &self,
        doc: &Document<'d>,
        taken: &Taken,
        capitalised: &[usize],
        roles: &[Role],
        scratch: &mut Scratch,
    ) -> (Vec<Mention<'d>>, Vec<usize>) {
        let text = doc.text();
        let free = |s: usize, e: usize| !taken.overlaps(s, e);
        let mut found: Vec<Mention<'d>> = recycle(std::mem::take(&mut scratch.found));
        let mut next_free = 0;
        // The words read at each candidate, one buffer for all.
        let mut words = Words::in_buffer(recycle(std::mem::take(&mut scratch.words)), ROLE_WORDS);
        let mut role_starts = RoleStarts::new(roles);
        // A name after a role (the role rule), where one may be.
        let after_role = |role: &Role, words: &mut Words<'d>, found: &mut Vec<Mention<'d>>, next_free: &mut usize| {
            if role.start < *next_free || !role.may_name(doc) {
                return;
            }
            if let Some((s, e)) = self.named_after(role, doc, words, &free) {
                found.push(person(text, s, e, Rule::Role, 0.8));
                *next_free = e;
            }
        };
        // The candidates in order: the capitalised words, and the roles
        // between them (a role after the word starting at the same place).
        let mut roles_left = roles.iter().peekable();
        for (at, k) in capitalised_starts(doc, capitalised) {
            while let Some(role) = roles_left.next_if(|role| role.start < at) {
                after_role(role, &mut words, &mut found, &mut next_free);
            }
            if at < next_free {
                continue;
            }
            // The first word alone decides, before the words after it are
            // read.
            // Most words are neither a title nor a first name, told by
            // their first token's stored key alone, before they are read.
            let (title_word, first_name, last) = if self.first_words.may_contain(&doc.tokens()[k]) {
                let last = word_last(doc, k);
                let (title, first_name) = self.title_or_first_name(doc, at, k, last);
                (title, first_name, last)
            } else {
                (false, false, k)
            };
            if !(title_word || first_name) {
                // `Aiman Ezzat, DG de Capgemini`: a name the lexicon does
                // not know, before a role in apposition. Most capitalised
                // words have no role after them within the twelve words
                // read there: told first, without a search.
                if role_starts.next_after(at).is_none_or(|r| r > apposition_reach(doc, k)) {
                    continue;
                }
                if let Some((s, e)) =
                    self.before_a_role(doc, at, k, &role_starts, &mut words).filter(|&(s, e)| free(s, e))
                {
                    found.push(person(text, s, e, Rule::Apposition, 0.75));
                    next_free = e;
                }
                continue;
            }
            // A first name without a title: a surname must follow, on the
            // next token (a word, or a particle before one).
            if !title_word && doc.tokens().get(last + 1).is_none_or(|t| no_part_of_a_name(doc, t)) {
                continue;
            }
            // Word 0 is `first`.
            let first = &text[at..doc.tokens()[last].end()];
            words.start_at(doc, k, 8);
            if words.get(0).is_none() {
                continue;
            }
            let title = title_word && words.get(1).is_some_and(|p| p.text == "." || first != "M");
            if !(title || first_name) {
                continue;
            }
            let name_start = if title { 1 + usize::from(words.get(1).is_some_and(|p| p.text == ".")) } else { 0 };
            let surname_from = if title { name_start } else { 1 };
            let Some(last) = surname_end(text, &mut words, surname_from) else { continue };
            let (Some(named), Some(last_word)) = (words.get(name_start), words.get(last)) else { continue };
            let (s, e) = (named.start, last_word.end);
            let ambiguous_alone =
                !title && self.ambiguous.contains(first.as_bytes()) && last == 1 && self.is_first_name(last_word.text);
            if free(s, e) && !ambiguous_alone {
                let rule = if title { Rule::Title } else { Rule::FirstName };
                found.push(person(text, s, e, rule, if title { 0.8 } else { 0.9 }));
                next_free = e;
            }
        }
        for role in roles_left {
            after_role(role, &mut words, &mut found, &mut next_free);
        }
        scratch.words = recycle(words.into_buffer());
        self.surnames_alone(doc, capitalised, &mut found, &free, scratch);
        found.sort_by_key(|p| p.start);
        let mut canonical = std::mem::take(&mut scratch.canonical);
        fullest_forms(&found, &mut canonical, scratch);
        (found, canonical)
    }

    /// Whether the word at byte `at` of `doc`, from token `k` to token
    /// `last`, is a title, and whether it is a capitalised first name.
    fn title_or_first_name(&self, doc: &Document<'_>, at: usize, k: usize, last: usize) -> (bool, bool) {
        let text = doc.text();
        let end = doc.tokens()[last].end();
        let bytes = &text.as_bytes()[at..end];
        let title = self.titles.may_contain(bytes[0], bytes.len()) && self.title_table.contains(bytes);
        // A word of one token has no hyphen: looked up whole only.
        let listed = if last == k { self.first_names.listed(bytes) } else { self.is_first_name(&text[at..end]) };
        (title, listed && Word { text: &text[at..end], start: at, end }.capitalised())
    }

    /// `le PDG Xavier Dupont`, `la présidente, Ana Botín`: a name of two
    /// capitalised words after `role` (whose first name the lexicon does
    /// not know: that one is the first-name rule's); or `le PDG C.C. Wei`,
    /// `le président de l'Observatoire de la fintech, Mikaël Ptachek`: past
    /// the role's complement and a comma, a name of two words or more,
    /// whatever its first name. Its span, where `free` says a person may
    /// be; the words are read with `words`.
    fn named_after<'d>(
        &self,
        role: &Role,
        doc: &Document<'d>,
        words: &mut Words<'d>,
        free: &dyn Fn(usize, usize) -> bool,
    ) -> Option<(usize, usize)> {
        let text = doc.text();
        words.start_at(doc, role.first_token, ROLE_WORDS);
        // No word after the role: nothing to name (its own words are not the name).
        let role_end = words.position(|x| x.start >= role.end)?;
        let k = role_end + usize::from(words.get(role_end).is_some_and(|p| p.text == ","));
        if let (Some(a), Some(b)) = (words.get(k), words.get(k + 1)) {
            let two = a.capitalised() && b.capitalised() && !is_not_a_surname(a.text) && !is_not_a_surname(b.text);
            let adjacent = text[a.end..b.start].chars().all(|c| c == ' ');
            if two && adjacent && free(a.start, b.end) && !self.is_first_name(a.text) {
                return Some((a.start, b.end));
            }
        }
        let k = complement_end(words, role_end).unwrap_or(k);
        full_name_at(text, words, k).filter(|&(s, e)| free(s, e))
    }

    /// `Aiman Ezzat, DG de Capgemini`, `Omar Haddad, le patron de
    /// Nexalis`: a name of two words or more at `at`, then a comma and a
    /// role (after a determiner or a possessive) starting in `role_starts`;
    /// `at` is token `k`'s start, and a role starts after it within
    /// [`apposition_reach`] (the caller's first test); the words are read
    /// with `words`.
    #[inline(never)]
    fn before_a_role<'d>(
        &self,
        doc: &Document<'d>,
        at: usize,
        k: usize,
        role_starts: &RoleStarts,
        words: &mut Words<'d>,
    ) -> Option<(usize, usize)> {
        let text = doc.text();
        // Nor, mostly, a comma then a role right after it among the tokens
        // after the word: tested before any word is read.
        if !comma_then_role(doc, k, role_starts) {
            return None;
        }
        // Not the object of a preposition (`aux Echos Haruto Sato, patron`).
        let before = text[..at].trim_end().rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        if matches!(
            before,
            "à" | "au" | "aux" | "de" | "du" | "des" | "les" | "en" | "par" | "sur" | "dans" | "chez" | "avec" | "pour"
        ) {
            return None;
        }
        named_before_a_role(doc, k, role_starts, words)
    }

    fn is_first_name(&self, word: &str) -> bool {
        if self.first_names.contains(word.as_bytes()) {
            return true;
        }
        // `Jean-Claude`: two first names joined by one hyphen. (A word is
        // short: searched inline, not by a call to memchr.)
        let Some(hyphen) = word.bytes().position(|b| b == b'-') else { return false };
        let (a, b) = (&word[..hyphen], &word[hyphen + 1..]);
        !b.bytes().any(|b| b == b'-')
            && self.first_names.contains(a.as_bytes())
            && self.first_names.contains(b.as_bytes())
    }

    /// `Goldman` after `Jeremy Goldman`: a surname alone, capitalised, after
    /// its full name was seen.
    fn surnames_alone<'d>(
        &self,
        doc: &Document<'d>,
        capitalised: &[usize],
        found: &mut Vec<Mention<'d>>,
        free: &dyn Fn(usize, usize) -> bool,
        scratch: &mut Scratch,
    ) {
        let text = doc.text();
        // Each surname of a full name, and where the first full name was
        // (sorted by surname, stably: the first of each is kept). A name
        // after a title is a surname already (`M. Dupont-Aignan`).
        let mut seen: Vec<(&str, usize)> = recycle(std::mem::take(&mut scratch.seen));
        seen.extend(found.iter().filter_map(|p| {
            let surname = surname(p.name);
            (surname.len() < p.name.len() || p.rule == Rule::Title).then_some((surname, p.start))
        }));
        seen.sort_by_key(|&(surname, _)| surname);
        seen.dedup_by_key(|&mut (surname, _)| surname);
        seen.retain(|&(surname, _)| !self.is_first_name(surname));
        if !seen.is_empty() {
            // The names found so far; the surnames found here overlap none
            // of them, nor each other (whole words do not overlap). Those
            // found are added after them.
            let (mut spans, ends) = std::mem::take(&mut scratch.covered);
            spans.extend(found.iter().map(|p| (p.start, p.end)));
            let covered = Taken::in_buffers(spans, ends);
            let from = seen.iter().map(|&(_, at)| at).min().map_or(0, |at| search_start(text, at));
            surnames::whole_word_occurrences(doc, capitalised, from, &seen, &mut |start, end, name| {
                let after_full_name = seen[name].1 < start;
                if after_full_name && !covered.overlaps(start, end) && free(start, end) {
                    found.push(person(text, start, end, Rule::Surname, 0.75));
                }
            });
            scratch.covered = covered.into_buffers();
        }
        scratch.seen = recycle(seen);
    }
}

/// Where the search for surnames alone may start, the first full name
/// being at `seen`: after the last space before it. A surname alone
/// counts only after its full name, and no surname holds a space (it is
/// the last word of a name), so none found in the text before that space
/// reaches past it, nor changes which are found after it.
fn search_start(text: &str, seen: usize) -> usize {
    text.as_bytes()[..seen].iter().rposition(|&b| b == b' ').map_or(0, |space| space + 1)
}

impl Plugin for People {
    const INFO: PluginInfo = PluginInfo {
        name: "people",
        version: env!("CARGO_PKG_VERSION"),
        produces: &["person"],
        requires: &["organization", "ai_model"],
        description: "Named persons, with the fullest form of each name in the document.",
    };

    fn new(config: &str) -> Result<Self, String> {
        glaneur_schema::no_configuration(Self::INFO.name, config)?;
        Ok(People::load())
    }

    fn extract(&self, doc: &Document<'_>, found: &[FfiEntity]) -> Result<Vec<Entity>, String> {
        Ok(Scratch::with(|scratch| self.extract_with(doc, found, scratch)))
    }
}

impl People {
    /// [`Plugin::extract`], with the buffers of `scratch` (it cannot fail).
    fn extract_with(&self, doc: &Document<'_>, found: &[FfiEntity], scratch: &mut Scratch) -> Vec<Entity> {
        let (mut taken, ends) = std::mem::take(&mut scratch.taken);
        taken.extend(
            found
                .iter()
                .filter(|e| matches!(e.kind.as_str(), "organization" | "ai_model"))
                .map(|e| (e.start as usize, e.end as usize)),
        );
        let taken = Taken::in_buffers(taken, ends);
        let (found, canonical) = self.find_outside(doc, &taken, scratch);
        let mut entities = Vec::with_capacity(found.len());
        for (p, &best) in found.iter().zip(&canonical) {
            let canonical = found[best].name;
            // Its first name, as `fullest_forms` found it.
            let first = scratch.first_names[best].map(|len| &canonical[..len]).filter(|f| !f.is_empty());
            let gender = gender::as_gender(first.and_then(|first| scratch.genders.is_feminine(first)));
            let json = attrs_json(canonical, gender, p.rule);
            entities.push(Entity::with_one_line_attrs("person", p.start..p.end, p.confidence, json));
        }
        scratch.taken = taken.into_buffers();
        scratch.found = recycle(found);
        scratch.canonical = recycle(canonical);
        entities
    }
}

// The Python package links every plugin into one library: there, no
// plugin exports the library header (they would all share its symbol), nor
// declares the allocator.
#[cfg(not(feature = "embedded"))]
glaneur_schema::export_plugin!(People);
#[cfg(not(feature = "embedded"))]
glaneur_alloc::global_allocator!();

#[cfg(test)]
mod tests {
    use super::*;

    use crate::names::first_name;

    use glaneur_schema::DocumentBuf;

    /// `People::find` over `text` read as the host reads it.
    fn find(text: &str, taken: &[(usize, usize)]) -> Vec<Person> {
        People::load().find(&DocumentBuf::new(text).expect("small").document(), taken)
    }

    fn capitalised(text: &str) -> Vec<usize> {
        let buf = DocumentBuf::new(text).expect("small");
        let doc = buf.document();
        capitalised_starts(&doc, &capitalised_tokens(&doc)).map(|(at, _)| at).collect()
    }

    /// The capitalised tokens as a search of their flags one by one finds
    /// them (what `capitalised_tokens` did before it read them by twos, then fours).
    fn capitalised_tokens_reference(doc: &Document<'_>) -> Vec<usize> {
        doc.tokens().iter().enumerate().filter(|(_, t)| t.is_capitalised()).map(|(k, _)| k).collect()
    }

    #[test]
    fn capitalised_tokens_read_by_fours_are_those_read_one_by_one() {
        let mut texts = glaneur_testdata::test_texts(&["organizations", "quotations", "money", "ai-models"]);
        let short = ["", "A", "a", "A b", "a B", "A B", "a b C", "A b C", "a b c D", "a b c d E", "a b c d e F G"];
        texts.extend(short.into_iter().chain(["Le PDG Xavier Dupont"]).map(String::from));
        for text in &texts {
            let buf = DocumentBuf::new(text).expect("a test text fits");
            let doc = buf.document();
            assert_eq!(capitalised_tokens(&doc), capitalised_tokens_reference(&doc), "in {text:?}");
        }
    }

    #[test]
    fn latin_1_capitals_as_the_standard_library_says() {
        for c in '\u{80}'..='\u{ff}' {
            let text = format!(" {c}x");
            assert_eq!(capitalised(&text).first() == Some(&1), c.is_uppercase(), "{c:?}");
        }
    }

    #[test]
    fn capitalised_starts_follow_no_letter_or_digit() {
        let text = "L'État et Ébène, aÉ 3D «Zoé» ΣΑ";
        let buf = DocumentBuf::new(text).expect("small");
        let words: Vec<&str> =
            capitalised(text).into_iter().map(|i| &text[i..crate::words::word_end(&buf.document(), i)]).collect();
        assert_eq!(words, ["L'État", "État", "Ébène", "Zoé", "ΣΑ"]);
    }

    fn names(text: &str) -> Vec<(String, String)> {
        find(text, &[]).into_iter().map(|p| (p.name, p.canonical)).collect()
    }

    #[test]
    fn the_extractor_writes_what_the_people_found_say() {
        let people = People::load();
        let texts = glaneur_testdata::test_texts(&["organizations", "quotations", "money", "ai-models"]);
        let mut written = 0;
        for text in &texts {
            let buf = DocumentBuf::new(text).expect("a test text fits");
            let doc = buf.document();
            let entities = people.extract(&doc, &[]).expect("valid attrs");
            let expected: Vec<Entity> = people
                .find(&doc, &[])
                .into_iter()
                .map(|p| {
                    let first = first_name(&p.canonical).filter(|f| !f.is_empty());
                    let gender = gender::as_gender(first.and_then(gender::is_feminine));
                    let json = attrs_json(&p.canonical, gender, p.rule);
                    Entity::with_one_line_attrs("person", p.start..p.end, p.confidence, json)
                })
                .collect();
            assert_eq!(entities, expected, "in {text}");
            written += entities.len();
        }
        assert!(written > 200, "{written}");
    }

    #[test]
    fn full_names_and_surnames() {
        let got = names("Jeremy Goldman, analyste chez Emarketer, le dit. Selon Goldman, c'est clair.");
        assert_eq!(
            got,
            [("Jeremy Goldman".into(), "Jeremy Goldman".into()), ("Goldman".into(), "Jeremy Goldman".into())]
        );
        let got = names("Selon Margrethe Vestager et Jean-Claude Juncker, puis Ursula von der Leyen.");
        assert_eq!(
            got.iter().map(|g| g.0.as_str()).collect::<Vec<_>>(),
            ["Margrethe Vestager", "Jean-Claude Juncker", "Ursula von der Leyen"]
        );
    }

    #[test]
    fn names_the_lexicon_does_not_know_by_where_they_stand() {
        // Before a role in apposition; not the object of a preposition.
        let got =
            names("« Oui » commente Aiman Ezzat, DG de Capgemini. Il parle aux Echos Haruto Sato, patron de Kanseki.");
        assert_eq!(got.iter().map(|g| g.0.as_str()).collect::<Vec<_>>(), ["Aiman Ezzat", "Haruto Sato"]);
        // After a role, its complement and a comma; with initials.
        let got = names("Le président de l'Observatoire de la fintech, Mikaël Ptachek, parle. Le PDG C.C. Wei aussi.");
        assert_eq!(got.iter().map(|g| g.0.as_str()).collect::<Vec<_>>(), ["Mikaël Ptachek", "C.C. Wei"]);
        // A sentence's subject with no role is left to the first-name lexicon.
        assert!(names("Kwabena Asante a fondé Voltane.").is_empty());
    }

    #[test]
    fn a_particle_or_initials_are_no_first_name() {
        let got = names("Aurélien de Meaux a parlé. Puis M. de Meaux a conclu.");
        assert_eq!(got[1], ("de Meaux".into(), "Aurélien de Meaux".into()));
        assert_eq!(first_name("C.C. Wei"), None);
        assert_eq!(first_name("de Meaux"), None);
        assert_eq!(first_name("Léa K. Fontaine"), Some("Léa"));
    }

    #[test]
    fn of_equally_long_names_the_nearest_before_is_the_canonical() {
        let text = "Louis Garnier, PDG de Kestrel, et Alice Garnier, sa directrice financière, ont signé. \
                    « Nous visons l'équilibre », a précisé Garnier. Louis Garnier et Jean Garnier sont frères.";
        let got = names(text);
        let garnier = got.iter().find(|g| g.0 == "Garnier").expect("the surname alone");
        assert_eq!(garnier.1, "Alice Garnier");
        // With no name that long before it, the nearest after it.
        let text = "Louis Garnier a parlé, puis Garnier s'est tu. \
                    Jean-Pierre Garnier et Anne-Sophie Garnier ont répondu.";
        let got = names(text);
        let garnier = got.iter().find(|g| g.0 == "Garnier").expect("the surname alone");
        assert_eq!(garnier.1, "Jean-Pierre Garnier", "{got:?}");
        // A first name is matched whole: Jean is not Jeanne.
        let text = "Jeanne Garnier succède à son père. Jean Garnier reste président.";
        assert_eq!(names(text)[1], ("Jean Garnier".into(), "Jean Garnier".into()));
    }

    #[test]
    fn roles_with_accented_capitals() {
        let got = names("Économiste, Aymeric Marchal a conseillé trois ministres.");
        assert_eq!(got.iter().map(|g| g.0.as_str()).collect::<Vec<_>>(), ["Aymeric Marchal"]);
        let got = names("LA DIRECTRICE GÉNÉRALE Bérengère Vasseur a tranché.");
        assert_eq!(got.iter().map(|g| g.0.as_str()).collect::<Vec<_>>(), ["Bérengère Vasseur"]);
        // A role of two words whose accented letter is a capital is one role.
        let text = "le Chef Économiste, la CHEFFE ÉCONOMISTE";
        let doc = DocumentBuf::new(text).expect("small");
        let roles: Vec<&str> =
            People::load().roles.find_spans(&doc.document()).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(roles, ["Chef Économiste", "CHEFFE ÉCONOMISTE"]);
    }

    #[test]
    fn surnames_alone_are_searched_for_after_a_space_as_in_the_whole_text() {
        let people = People::load();
        let mut texts = glaneur_testdata::test_texts(&["organizations", "quotations", "money", "ai-models"]);
        texts.push("Anna Annanna vit. Annanna\u{a0}Annanna, puis Jean-Marc Dupont-Aignan et Dupont-Aignan.".into());
        let mut searched = 0;
        for text in &texts {
            let buf = DocumentBuf::new(text).expect("a test text fits");
            let found = people.find(&buf.document(), &[]);
            let mut surnames: Vec<&str> = found.iter().map(|p| surname(&p.name)).collect();
            surnames.sort_unstable();
            surnames.dedup();
            for p in &found {
                let from = search_start(text, p.start);
                let in_whole: Vec<_> = glaneur_text::find_names(text, &surnames)
                    .into_iter()
                    .filter(|&(start, _, _)| start >= from)
                    .collect();
                let after: Vec<_> = glaneur_text::find_names(&text[from..], &surnames)
                    .into_iter()
                    .map(|(start, end, name)| (from + start, from + end, name))
                    .collect();
                assert_eq!(in_whole, after, "from {from} in {text}");
                searched += usize::from(from > 0);
            }
        }
        assert!(searched > 100, "{searched}");
    }

    #[test]
    fn a_name_refused_before_reading_has_no_role_after_its_comma() {
        let people = People::load();
        let mut texts = glaneur_testdata::test_texts(&["organizations", "quotations", "money", "ai-models"]);
        texts.push(
            "Aiman Ezzat, DG de Capgemini ; Omar Haddad, le patron ; Léa Roy, l'économiste ; Zoé Li, sa l’x ; \
             Aurélien de Meaux, DG ; C.C. Wei, le PDG ; J. R. Smith, DG ; Léa K. Fontaine, DG ; Son voisin, DG ; \
             Anne-Sixtine d'Estaing, présidente ; Paul VAN DER Berg, DG ; Xu\nWenjie, DG ; Jo Li-3, DG"
                .into(),
        );
        let (mut refused, mut named) = (0, 0);
        for text in &texts {
            let buf = DocumentBuf::new(text).expect("a test text fits");
            let doc = buf.document();
            let roles = Role::find_all(&people.roles, &doc);
            let role_starts = RoleStarts::new(&roles);
            let mut words = Words::default();
            for (_, k) in capitalised_starts(&doc, &capitalised_tokens(&doc)) {
                let name = named_before_a_role(&doc, k, &role_starts, &mut words);
                if !comma_then_role(&doc, k, &role_starts) {
                    assert_eq!(name, None, "at token {k} in {text}");
                    refused += 1;
                }
                named += usize::from(name.is_some());
            }
        }
        assert!(refused > 100 && named > 10, "{refused} refused, {named} named");
    }

    #[test]
    fn a_word_refused_before_reading_has_no_surname_after_it() {
        let mut texts = glaneur_testdata::test_texts(&["organizations", "quotations", "money", "ai-models"]);
        texts.push(
            "Jean Dupont ; Jean de Meaux ; Jean d'Estaing ; Jean d’Ormesson ; Jean VAN Berg ; Jean\nDupont ; \
             Jean, Dupont ; Jean 3 ; Jean dit ; Jean-Claude Van Damme ; Léa K. Fontaine ; Zoé Émond ; Ana ÉMOND"
                .into(),
        );
        let (mut refused, mut named) = (0, 0);
        for text in &texts {
            let buf = DocumentBuf::new(text).expect("a test text fits");
            let doc = buf.document();
            let mut words = Words::default();
            for (_, k) in capitalised_starts(&doc, &capitalised_tokens(&doc)) {
                let last = word_last(&doc, k);
                words.start_at(&doc, k, 8);
                let surname = surname_end(text, &mut words, 1);
                if doc.tokens().get(last + 1).is_none_or(|t| no_part_of_a_name(&doc, t)) {
                    assert_eq!(surname, None, "at token {k} in {text}");
                    refused += 1;
                }
                named += usize::from(surname.is_some());
            }
        }
        assert!(refused > 100 && named > 100, "{refused} refused, {named} named");
    }

    #[test]
    fn a_surname_after_a_title_is_found_again_alone() {
        let got = names("M. Dupont-Aignan s'est exprimé ; Dupont-Aignan a ensuite quitté la salle.");
        assert_eq!(
            got,
            [
                ("Dupont-Aignan".to_owned(), "Dupont-Aignan".to_owned()),
                ("Dupont-Aignan".to_owned(), "Dupont-Aignan".to_owned())
            ]
        );
    }

    #[test]
    fn the_words_of_a_role_are_no_name() {
        // A role ending the text has no word after it: its own words are
        // not read as the name.
        assert_eq!(names("Elle devient Directrice Générale Déléguée"), []);
        assert_eq!(names("Il reste Président du Directoire"), []);
    }

    #[test]
    fn every_shared_title_introduces_a_name() {
        // The titles are glaneur-lexicon's: `Mlle` is one, as `Mme` is.
        let got = names("Selon Mlle Martin, le projet avance ; Mgr Dupuis approuve.");
        assert_eq!(got.iter().map(|g| g.0.as_str()).collect::<Vec<_>>(), ["Martin", "Dupuis"]);
    }

    #[test]
    fn words_whose_first_key_is_refused_are_no_first_names_nor_titles() {
        let people = People::load();
        let mut texts = glaneur_testdata::test_texts(&["organizations", "quotations", "money", "ai-models"]);
        texts.push(FIRST_NAMES.replace('\n', " ; "));
        texts.push(FIRST_NAMES.to_uppercase().replace('\n', " , "));
        texts.push(FIRST_NAMES.replace('\n', "-Zoé ; "));
        texts.push(FIRST_NAMES.replace('\n', "'Zoé ; ").replace('-', "’"));
        texts.push(glaneur_lexicon::TITLES.words().join(" . "));
        let pieces =
            "Jean-Claude D'Arc d’Arc O'Brien Jean-Zoltan Zoltan-Jean Mme-Dupont L'Élise Anne-Sophie Ana\u{301}-Zoé";
        texts.push(pieces.into());
        let (mut refused, mut known) = (0, 0);
        for text in &texts {
            let buf = DocumentBuf::new(text).expect("a test text fits");
            let doc = buf.document();
            for (at, k) in capitalised_starts(&doc, &capitalised_tokens(&doc)) {
                let found = people.title_or_first_name(&doc, at, k, word_last(&doc, k));
                if !people.first_words.may_contain(&doc.tokens()[k]) {
                    assert_eq!(found, (false, false), "at {at} in {text:?}");
                    refused += 1;
                }
                known += usize::from(found != (false, false));
            }
        }
        assert!(refused > 2_000 && known > 5_000, "{refused} refused, {known} titles or first names");
    }

    #[test]
    fn words_of_one_token_are_first_names_or_titles_by_their_key_as_by_their_bytes() {
        let people = People::load();
        let mut texts = glaneur_testdata::test_texts(&["organizations", "quotations", "money", "ai-models"]);
        texts.push(FIRST_NAMES.replace('\n', " ; "));
        texts.push(glaneur_lexicon::TITLES.words().join(" . "));
        texts.push("JEAN Jean jean Zoé ZOÉ Élise ÉLISE Anne-Sophie Ana Ana\u{301} Zoe\u{301} MME Mme mme DR".into());
        let (mut named, mut titles) = (0, 0);
        for text in &texts {
            let buf = DocumentBuf::new(text).expect("a test text fits");
            let doc = buf.document();
            for t in doc.tokens().iter().filter(|t| t.is_word()) {
                let word = doc.text_of(t).as_bytes();
                let (name, title) = (people.first_names.contains(word), people.title_table.contains(word));
                let by_key = people.first_words.may_contain(t);
                assert_eq!(by_key && people.first_names.listed(word), name, "{:?}", doc.text_of(t));
                assert!(by_key || !title, "{:?}", doc.text_of(t));
                named += usize::from(name);
                titles += usize::from(title);
            }
        }
        assert!(named > 2000 && titles > 10, "{named} names, {titles} titles");
    }

    #[test]
    fn the_title_table_holds_the_titles_of_the_list() {
        let people = People::load();
        let titles = people.titles.words().iter().map(|t| t.to_string());
        let others = ["", "M", "Mm", "Mmes", "mme", "DR", "Dr.", "Docteur", "Madame", "Monsieur", "Pr", "Me", "St"];
        for word in titles.clone().chain(titles.map(|t| format!("{t}x"))).chain(others.map(String::from)) {
            assert_eq!(people.title_table.contains(word.as_bytes()), people.titles.contains(&word), "{word:?}");
        }
    }

    #[test]
    fn titles_and_roles() {
        let got = names("Anne-Laure Bonnet est là. Selon Mme Bonnet, le PDG Zoltan Abcde a tort.");
        assert_eq!(
            got.iter().map(|g| g.0.as_str()).collect::<Vec<_>>(),
            ["Anne-Laure Bonnet", "Bonnet", "Zoltan Abcde"]
        );
        assert_eq!(got[1].1, "Anne-Laure Bonnet");
    }

    #[test]
    fn not_people() {
        // A surname inside an organisation found before is no mention of the
        // person (without the span, `Goldman` would be taken).
        let text = "Selon Jeremy Goldman, le rapport de Goldman Sachs est paru.";
        let bank = text.rfind("Goldman Sachs").expect("in the text");
        let got = find(text, &[(bank, bank + "Goldman Sachs".len())]);
        assert!(got.iter().all(|g| g.name != "Goldman"), "{got:?}");
        assert!(find("Selon Roland Berger, le marché croît.", &[(7, 20)]).is_empty());
        // `Paris` is a first name; a place after it is no surname.
        assert!(names("Le vol Paris Londres part demain.").is_empty());
    }
}
