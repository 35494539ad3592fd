//! Who said a quotation. The rules, tried in order; the one that fires is
//! recorded in `attrs.rule` so that a wrong speaker can be traced:
//!
//! 1. `heading` — a quote in a heading line (`– « Irréaliste » d'espérer –`)
//!    names nobody.
//! 2. `verb-after` — `« … », commente Jeremy Goldman`, `, a déclaré le PDG,
//!    Satya Nadella`, `"…," Altman wrote` (one capitalised word, then the
//!    verb), `« … » », selon X`; looked for after the quote, and after
//!    the later quotes of the same sentence (`« la mise » … « l'élite »,
//!    commente X`). `pronoun-inversion` when the verb is inverted
//!    (`détaille-t-il`): the last person named before, of that gender.
//!    `descriptive-mention` for `assure l'expert de Wedbush Securities`: the
//!    person named earlier with that organisation or role, else the last
//!    person named (or speaker) of that gender, else the description itself.
//!    `split-quote`: the second half of `« … », assure X : « … »`.
//!    `selon` with a description and no name (`selon un analyste de
//!    Morgan Stanley`) is attributed to nobody named.
//! 3. `attribution-line` — a line after the quote: `– Analyste anonyme, Bloomberg`.
//! 4. `speaker-before` — in the sentence before the quote: `X a déclaré :
//!    « … »`, `X estime que « … »`, `selon X, « … »`, `pour X, « … »`.
//!    `anonymous` when the verb's subject names nobody (`un salarié décrit`);
//!    `pronoun-before` when it is a pronoun (`Elle a ajouté : « … »`): the
//!    last person of that gender named before the pronoun.
//!    `incise` for `« A, poursuit-elle, B »`.
//! 5. `continuation` (`implicit: true`) — a bare quote paragraph right
//!    after an attributed quote: the same speaker.
//! 6. `same-paragraph` — a quote opening a sentence right after an
//!    attributed quote of the same paragraph (`"…," said X. "…"`);
//!    `previous-paragraph` — a quote in narration with no attribution, when
//!    the paragraph before quoted someone: the same speaker.

use glaneur_text::kept::Bound;
use glaneur_text::{is_letter, reach_ahead, reach_back, sentence, with_folded, Paragraphs};

use std::borrow::Cow;
use std::cell::{Cell, OnceCell};
use std::sync::LazyLock;

use glaneur_lexicon::WordList;
use glaneur_schema::Document;
use memchr::memmem::Finder;

use crate::adverbials;
use crate::endings::{lowercase, lowercase_into, NameEndings, NameRoom};
pub use crate::found::{OrgRef, PersonRef};
use crate::marks::Quote;
use crate::nouns::Nouns;
use crate::token_words::{self, Words};
use crate::verbs::{after_spaces, word_after, Pronoun, Verb, Verbs};

/// Who said a quotation, and by which rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribution<'a> {
    /// The speaker, as a name (or a description when no name is known):
    /// borrowed from the text, or from a person's or an organisation's
    /// canonical name, never copied (a speaker is passed on from quote to
    /// quote).
    pub speaker: Option<&'a str>,
    /// The rule that fired (`none` when none did).
    pub rule: &'static str,
    /// A bare quote paragraph continuing the previous speaker.
    pub implicit: bool,
    /// The speaker's gender, when known (for later pronouns).
    pub gender: Option<Pronoun>,
    /// The speaker is an organisation (a pronoun never stands for it).
    pub org: bool,
}

impl<'a> Attribution<'a> {
    fn none() -> Self {
        Attribution::nobody("none")
    }

    /// Attributed by `rule`, to nobody named.
    fn nobody(rule: &'static str) -> Self {
        Attribution { speaker: None, rule, implicit: false, gender: None, org: false }
    }

    fn to(speaker: Speaker<'a>, rule: &'static str) -> Self {
        Attribution { speaker: Some(speaker.name), rule, implicit: false, gender: speaker.gender, org: speaker.org }
    }
}

/// A speaker read in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Speaker<'a> {
    name: &'a str,
    gender: Option<Pronoun>,
    org: bool,
}

impl<'a> Speaker<'a> {
    /// A name read in the text, whose gender is not known.
    fn named(name: &'a str, org: bool) -> Self {
        Speaker { name, gender: None, org }
    }
}

impl<'a> Attribution<'a> {
    /// Its speaker, as the rules pass it on.
    fn into_speaker(self) -> Option<Speaker<'a>> {
        let (gender, org) = (self.gender, self.org);
        self.speaker.map(|name| Speaker { name, gender, org })
    }
}

/// How many earlier person mentions (and earlier quotes) a pronoun or a
/// description looks back over, the nearest first; those inside quotes (and
/// quotes with no speaker) count towards it but are not taken. An article
/// names far fewer before any one quote; the bound keeps a document of
/// thousands of quotes and people linear (every quote used to walk every
/// earlier person).
pub(crate) const RECALL: usize = 64;

/// Everything the rules read.
/// `'r`: what the rules read and the speakers never borrow from (the
/// quotes, the lexicons, the paragraphs); `'a`: the text and what was
/// found in it, which the speakers' names borrow from.
pub struct Attributor<'r, 'a> {
    /// The document's words, read from its tokens (and the document,
    /// [`Words::doc`]).
    words: Words<'a>,
    /// Its text.
    pub text: &'a str,
    /// Its quotations, in order.
    pub quotes: &'r [Quote],
    /// Its people, in order.
    pub persons: &'a [PersonRef<'a>],
    /// Its organisations, in order.
    pub orgs: &'a [OrgRef<'a>],
    /// The verbs of saying.
    pub verbs: &'r Verbs,
    /// The nouns of organisations' descriptions.
    pub nouns: &'r Nouns,
    /// The document's paragraphs, found once.
    pub paragraphs: &'r Paragraphs,
    /// What is looked up for every speaker, built when first asked for.
    room: &'r Room,
    /// The last [`Attributor::sentence_start`] and
    /// [`Attributor::sentence_end`]: the rules ask for the bounds of the
    /// sentence of the quote at hand several times.
    sentence_starts: LastAnswer,
    sentence_ends: LastAnswer,
}

/// What the rules look up for every speaker of a document, each built
/// when first asked for (many documents quote nobody named); kept by a
/// thread from one document to the next, with its room.
#[derive(Default)]
pub struct Room {
    /// The endings of the people's names.
    index: OnceCell<NameEndings>,
    /// For each person, once asked, the person whose name is the fullest
    /// form of its own ([`NameEndings::person`]): a person is often the
    /// speaker of several quotes, and is looked for as the subject of
    /// several rules.
    fullest_of: OnceCell<Vec<Cell<Option<Option<usize>>>>>,
    /// The room the two are built in, until they are.
    names: Cell<NameRoom>,
    fullest_room: Cell<Vec<Cell<Option<Option<usize>>>>>,
    /// The verbs of the clause before a quote ([`Attributor::before`]).
    verbs: Cell<Vec<(usize, Verb)>>,
    /// A speaker's description, lowercased
    /// ([`Attributor::resolve_description`]).
    description: Cell<String>,
}

/// Ready for another document: what was built taken apart, its room kept,
/// but a huge document's.
impl Bound for Room {
    fn bound(&mut self) {
        if let Some(index) = self.index.take() {
            self.names.set(index.into_room());
        }
        if let Some(fullest_of) = self.fullest_of.take() {
            self.fullest_room.set(fullest_of);
        }
        self.names.get_mut().bound();
        self.fullest_room.get_mut().bound();
        self.verbs.get_mut().bound();
        // A description is a few words: the room of a huge one is freed.
        self.description.get_mut().bound();
    }
}

/// The last answer of a function of an offset, and the offset it was for.
#[derive(Default)]
struct LastAnswer(Cell<Option<(usize, usize)>>);

impl LastAnswer {
    /// The answer for `at`: the last one when it was for `at`, else `compute`'s.
    fn get(&self, at: usize, compute: impl FnOnce() -> usize) -> usize {
        match self.0.get() {
            Some((asked, answer)) if asked == at => answer,
            _ => {
                let answer = compute();
                self.0.set(Some((at, answer)));
                answer
            }
        }
    }
}

/// The words that name a source before a quote (`selon X, « … »`, `pour
/// X, c'est « … »`), lower-case, and the rule each gives, in the order
/// they are tried.
const SOURCE_CUES: [(&str, &str); 5] =
    [("selon ", "selon"), ("d'après ", "selon"), ("d’après ", "selon"), ("according to ", "selon"), ("pour ", "pour")];

/// A searcher for each of [`SOURCE_CUES`], built once rather than at
/// every quote.
static SOURCE_CUE_FINDERS: LazyLock<Vec<Finder<'static>>> =
    LazyLock::new(|| SOURCE_CUES.iter().map(|(cue, _)| Finder::new(cue)).collect());

/// The longest clause before a quote [`Attributor::source_cue`] lowers on
/// the stack: longer than any ([`Attributor::sentence_start`] looks back
/// 600 bytes).
const CLAUSE: usize = 640;

/// The most words of a role and its complement before a person
/// ([`Attributor::person_at`]: `la secrétaire d'État chargée du Numérique,
/// Marina Ferrari`).
const ROLE_WORDS: usize = 14;

/// More bytes than any title or abbreviation a period does not end a
/// sentence after ([`glaneur_lexicon::is_abbreviation`]), or an initial.
const ABBREVIATION_BYTES: usize = 5;

/// How far from a name a fuller form of it is looked for in the text
/// (`C.J. Park` for `Park`): an article's length, so that a document of
/// thousands of quotes stays linear.
const FULLEST_REACH: usize = 20_000;

impl<'r, 'a> Attributor<'r, 'a> {
    /// The rules over a document's quotes, people and organisations (each
    /// sorted by start and disjoint), what they build kept in `room` (new,
    /// or bounded since it was last used: [`Room::bound`]).
    pub fn new(
        doc: Document<'a>,
        quotes: &'r [Quote],
        persons: &'a [PersonRef<'a>],
        orgs: &'a [OrgRef<'a>],
        lexicon: (&'r Verbs, &'r Nouns),
        paragraphs: &'r Paragraphs,
        room: &'r Room,
    ) -> Self {
        debug_assert!(room.index.get().is_none() && room.fullest_of.get().is_none());
        let (verbs, nouns) = lexicon;
        let (sentence_starts, sentence_ends) = Default::default();
        Attributor {
            words: Words::new(doc),
            text: doc.text(),
            quotes,
            persons,
            orgs,
            verbs,
            nouns,
            paragraphs,
            room,
            sentence_starts,
            sentence_ends,
        }
    }
}

/// An organisation's score in [`Attributor::salient_org`], known within
/// bounds while some of its mentions' places are not read.
#[derive(Debug, Clone, Copy)]
struct Score<'n> {
    /// The organisation's nearest mention (an index into the organisations).
    org: usize,
    /// Its canonical name, read once.
    name: &'n str,
    /// That mention's rank, the nearest 0.
    rank: usize,
    /// The least and the greatest score its mentions may add up to.
    low: u32,
    high: u32,
}

impl Score<'_> {
    /// A slot not yet given to an organisation.
    const UNSET: Self = Score { org: 0, name: "", rank: 0, low: 0, high: 0 };

    /// The least and the most points a mention counts.
    const LEAST: u32 = Place::Complement.points();
    const MOST: u32 = Place::Subject.points();

    /// What it is chosen by, at the least and at the most: its score, then
    /// the nearest.
    fn least(&self) -> (u32, std::cmp::Reverse<usize>) {
        (self.low, std::cmp::Reverse(self.rank))
    }

    fn most(&self) -> (u32, std::cmp::Reverse<usize>) {
        (self.high, std::cmp::Reverse(self.rank))
    }
}

/// Where a mention stands in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// It opens the sentence, or follows a verb of saying.
    Subject,
    /// A noun's complement (after `de`, `du`, `des`, `d'`).
    Complement,
    /// Elsewhere.
    Other,
}

impl Place {
    /// What a mention in this place counts towards its organisation's
    /// score ([`Attributor::salient_org`]): a subject's 6, a noun's
    /// complement's 1 (`Issue du CEA`), another 2.
    const fn points(self) -> u32 {
        match self {
            Place::Subject => 6,
            Place::Complement => 1,
            Place::Other => 2,
        }
    }
}

/// Words that open a description of a person (`l'expert`, `la dirigeante`).
fn is_definite(word: &str) -> Option<Option<Pronoun>> {
    match word {
        "le" | "ce" | "cet" | "son" => Some(Some(Pronoun::Masculine)),
        "la" | "cette" | "sa" => Some(Some(Pronoun::Feminine)),
        "l'" | "leur" | "the" => Some(None),
        _ => None,
    }
}

impl<'a> Attributor<'_, 'a> {
    /// The attribution of every quotation, in order, pushed onto `out`
    /// (empty: a vector a thread keeps from one document to the next).
    pub fn attribute_into(&self, out: &mut Vec<Attribution<'a>>) {
        debug_assert!(out.is_empty());
        out.reserve(self.quotes.len());
        let mut last_attributed = None;
        for (k, q) in self.quotes.iter().enumerate() {
            let mut found = self.one(k, q, out, last_attributed);
            // A line of its own after the quote names the speaker as well.
            // A speaker named after the quote is most often found by these
            // rules: that side is read first.
            let after = matches!(found.rule, "verb-after" | "verb-later");
            found.implicit = found.rule != "attribution-line"
                && found.speaker.is_some_and(|name| !self.named_in_sentence(q, name, after));
            if found.speaker.is_some() {
                last_attributed = Some(k);
            }
            out.push(found);
        }
        for (k, q) in self.quotes.iter().enumerate() {
            if out[k].speaker.is_none() && matches!(out[k].rule, "none" | "heading") {
                if let Some(s) = self.headline(q) {
                    out[k] = Attribution { implicit: true, ..Attribution::to(s, "headline") };
                }
            }
        }
    }

    /// `« Nous ne vendrons pas » : le patron de Nexalis ferme la porte`,
    /// then a paragraph that names him: a quote opening a one-line
    /// paragraph with no final period (a headline) takes the first person
    /// the next paragraph names, else the organisation that opens it.
    fn headline(&self, q: &Quote) -> Option<Speaker<'a>> {
        let start = self.paragraphs.start_of(q.start);
        if q.start - start > 8 {
            return None; // text before the quote in its paragraph
        }
        let head = self.text[start..q.start].trim();
        let end = line_end(self.text, q.end);
        let line = self.text[start..end].trim_end();
        let one_line = self.text[end..].starts_with("\n\n") || self.text[end..].starts_with("\n\r\n");
        let sentence = q.content(self.text).ends_with(['.', '!']) || line.ends_with('.');
        let words = q.inner(self.text).split_whitespace().count();
        if words < 3 {
            return None;
        }
        if !(head.is_empty() || matches!(head, "–" | "—" | "-")) || !one_line || sentence {
            return None;
        }
        let next = end + (self.text[end..].len() - self.text[end..].trim_start().len());
        let next_end = self.text[next..].find("\n\n").map_or(self.text.len(), |e| next + e);
        if next >= next_end {
            return None;
        }
        let person = self.persons[self.persons.partition_point(|p| p.start < next)..]
            .iter()
            .take_while(|p| p.end <= next_end)
            .find(|p| !self.inside_quote(p.start));
        if let Some(p) = person {
            return Some(speaker(p));
        }
        let opening = adverbials::skip(&self.words, next);
        if let Some(o) = self.org_at(opening).filter(|o| o.end <= next_end) {
            return Some(org_speaker(o));
        }
        // A name the people plugin did not know, in the first sentence.
        let first_end = self.sentence_end(next).min(next_end);
        let sentence = &self.text[next..first_end];
        let word_starts = std::iter::once(next)
            .chain(sentence.char_indices().filter(|&(_, c)| c.is_whitespace()).map(|(i, c)| next + i + c.len_utf8()));
        // `L'opérateur Orbéa Telecom s'est engagé`: an organisation found.
        word_starts.filter_map(|at| capitalised_run(self.text, at, 2)).find_map(|(s, e)| {
            let org = self.org_over(s, e);
            let name = || Speaker::named(&self.text[s..e], false);
            (e <= first_end).then(|| org.map_or_else(name, org_speaker))
        })
    }

    /// Whether the quote's sentence names `name` (its last word, as a whole
    /// word, outside the quote): else the speaker is implicit. The part
    /// after the quote is read first when `after_first` (each part's bound
    /// is looked for only when it is read).
    fn named_in_sentence(&self, q: &Quote, name: &str, after_first: bool) -> bool {
        let last = last_word(name);
        let whole = |text: &str| {
            let alone = |i: usize| {
                !text[..i].ends_with(char::is_alphanumeric)
                    && !text[i + last.len()..].starts_with(char::is_alphanumeric)
            };
            occurrences(text, last).any(alone)
        };
        let before = || whole(&self.text[self.sentence_start(q.start)..q.start]);
        let after = || whole(&self.text[q.end..self.sentence_end(q.end).max(q.end)]);
        match after_first {
            true => after() || before(),
            false => before() || after(),
        }
    }

    /// `last_attributed`: the last earlier quote with a speaker.
    fn one(&self, k: usize, q: &Quote, earlier: &[Attribution<'a>], last_attributed: Option<usize>) -> Attribution<'a> {
        if self.is_heading(q) {
            return Attribution::nobody("heading");
        }
        if let Some(a) = self.split(k, earlier) {
            return a;
        }
        if let Some(a) = self.after(k, earlier) {
            return a;
        }
        if let Some(a) = self.incise(q, earlier) {
            return a;
        }
        if let Some(s) = self.attribution_line(q) {
            return Attribution::to(s, "attribution-line");
        }
        let same_sentence = self.same_sentence(k, earlier);
        match self.before(q, earlier) {
            // A speaker named after the sentence's earlier quote wins over it.
            Some((Some(s), rule)) if same_sentence.is_none() || self.named_since(k, s.name) => {
                return Attribution::to(s, rule)
            }
            Some((None, rule)) if same_sentence.is_none() => return Attribution::nobody(rule),
            _ => {}
        }
        if let Some(a) = same_sentence {
            return a;
        }
        if let Some(a) = self.later_in_sentence(q, earlier) {
            return a;
        }
        let long = q.inner(self.text).split_whitespace().nth(2).is_some();
        if let Some(s) = long.then(|| self.clause_subject(q, earlier)).flatten() {
            return Attribution::to(s, "clause-subject");
        }
        // The previous attributed quote, when in this or the previous paragraph.
        let previous = last_attributed.map(|j| (&self.quotes[j], &earlier[j]));
        if let Some((pq, pa)) = previous {
            let here = self.paragraphs.start_of(q.start);
            let there = self.paragraphs.start_of(pq.start);
            let previous_paragraph = there < here && self.paragraphs.start_of(here.saturating_sub(1)) <= there;
            if self.is_bare_paragraph(q) && (previous_paragraph || there == here) {
                return Attribution { rule: "continuation", ..*pa };
            }
            // `"We are not done," said X. "We are just getting started."`;
            // a quote of three words or more later in the paragraph.
            let starts_sentence = self.text[self.sentence_start(q.start)..q.start].trim().is_empty();
            if there == here && (long || starts_sentence && earlier[k - 1].speaker.is_some()) {
                return Attribution { rule: "same-paragraph", ..*pa };
            }
            // Only right after that quote, and no term (`D'autres évoquent des
            // « primes opaques »` after an anonymous quote is nobody's).
            if previous_paragraph && pa.rule != "attribution-line" && long && last_attributed == Some(k - 1) {
                return Attribution { rule: "previous-paragraph", ..*pa };
            }
        }
        Attribution::none()
    }

    /// The speaker of an earlier quote of the same sentence (`« … »,
    /// indique X, … et examiné « un nombre record »`, `…, soulignant que
    /// l'IA « … »`).
    fn same_sentence(&self, k: usize, earlier: &[Attribution<'a>]) -> Option<Attribution<'a>> {
        let sentence_start = self.sentence_start(self.quotes[k].start);
        (0..k)
            .rev()
            .take_while(|&j| self.quotes[j].start >= sentence_start)
            .find(|&j| earlier[j].speaker.is_some())
            .map(|j| Attribution { rule: "same-sentence", ..earlier[j] })
    }

    /// Whether `name`'s last word is written between the previous quote and
    /// quote `k`.
    fn named_since(&self, k: usize, name: &str) -> bool {
        let from = k.checked_sub(1).map_or(0, |j| self.quotes[j].end);
        let last = last_word(name);
        occurrences(&self.text[from..self.quotes[k].start], last).next().is_some()
    }

    /// `« … » en Europe, a précisé sa directrice Jeanne Vallier dans un
    /// entretien`, `« … », avant la crise, s'est félicité X`: a verb of
    /// saying after a later comma of the sentence (before its end and the
    /// next quote).
    fn later_in_sentence(&self, q: &Quote, earlier: &[Attribution<'a>]) -> Option<Attribution<'a>> {
        let end = self.sentence_end(q.end);
        let next_quote = self.quotes.get(self.quotes.partition_point(|n| n.start < q.end)).map_or(end, |n| n.start);
        let rest = &self.text[q.end..end.min(next_quote)];
        // Only a speaker named: a far verb with an indefinite subject is no
        // evidence (`Le rapport « … », remis en mars, recommande un fonds`).
        // The comma right after the quote was read by `after`.
        let commas = memchr::memchr_iter(b',', rest.as_bytes());
        commas.filter(|&i| !rest[..i].trim().is_empty()).find_map(|i| {
            let a = self.after_at(q.end + i, q, earlier).filter(|a| a.speaker.is_some())?;
            Some(Attribution { rule: if a.rule == "verb-after" { "verb-later" } else { a.rule }, ..a })
        })
    }

    /// End of the sentence holding `at`: a `.`, `!`, `?` then white space,
    /// a paragraph break, or 300 bytes on.
    fn sentence_end(&self, at: usize) -> usize {
        self.sentence_ends.get(at, || self.scan_sentence_end(at))
    }

    /// [`Attributor::sentence_end`], computed.
    fn scan_sentence_end(&self, at: usize) -> usize {
        let limit = reach_ahead(self.text, at, 300);
        let bytes = self.text.as_bytes();
        // A paragraph break ends it at the latest; a sentence mark before.
        let stop = memchr::memchr_iter(b'\n', &bytes[at..limit])
            .map(|k| at + k)
            .find(|&i| bytes[i..].starts_with(b"\n\n"))
            .unwrap_or(limit);
        memchr::memchr3_iter(b'.', b'!', b'?', &bytes[at..stop])
            .map(|k| at + k)
            .find(|&i| bytes.get(i + 1).is_none_or(u8::is_ascii_whitespace) && !self.after_abbreviation(i))
            .unwrap_or(stop)
    }

    /// `Le groupe, fournisseur clé de Nvidia, a relevé ses prévisions,
    /// visant une croissance « … »`; `…: l'institution a sanctionné le
    /// géant pour « … »`: a partial quote with no verb of saying takes its
    /// clause's subject, a person, an organisation or a description of
    /// one, when the clause opens with it.
    fn clause_subject(&self, q: &Quote, earlier: &[Attribution<'a>]) -> Option<Speaker<'a>> {
        let sentence_start = self.sentence_start(q.start);
        let clause_start =
            self.text[sentence_start..q.start].rfind([':', ';']).map_or(sentence_start, |i| sentence_start + i + 1);
        let opening = adverbials::skip(&self.words, clause_start);
        if self.text[opening..q.start].trim().is_empty() {
            return None;
        }
        if let Some(s) = self.person_at(opening).or_else(|| self.org_at(opening).map(org_speaker)) {
            return Some(s);
        }
        let found = self.description_at(opening, q.start, earlier, true, false)?;
        found.into_speaker()
    }

    /// A quote on a line that starts with a dash and holds no verb of saying
    /// after it: a heading.
    fn is_heading(&self, q: &Quote) -> bool {
        // The dash right before the quote first: most quotes have none, and
        // their line is not searched for its start.
        if !self.text[..q.start].trim_end().ends_with(['–', '—', '-']) {
            return false;
        }
        let line_start = line_start(self.text, q.start);
        let head = self.text[line_start..q.start].trim();
        matches!(head, "–" | "—" | "-") && self.verbs.at(self.text, q.end).is_none()
    }

    /// Whether the quote's paragraph is the quote alone (and punctuation).
    fn is_bare_paragraph(&self, q: &Quote) -> bool {
        let start = self.paragraphs.start_of(q.start);
        if q.start - start > 8 {
            return false; // text before the quote in its paragraph
        }
        let end = line_end(self.text, q.end);
        let before = self.text[start..q.start].trim();
        let after = self.text[q.end..end].trim();
        before.is_empty() && after.chars().all(|c| matches!(c, '.' | ',' | ';' | '!' | '?'))
    }

    /// `« … », assure X : « … »`: the second half of a quote split around
    /// its attribution takes the first half's speaker.
    fn split(&self, k: usize, earlier: &[Attribution<'a>]) -> Option<Attribution<'a>> {
        let previous = self.quotes.get(k.checked_sub(1)?)?;
        let first = &earlier[k - 1];
        let attributed = matches!(first.rule, "verb-after" | "descriptive-mention" | "pronoun-inversion");
        if !(attributed && first.speaker.is_some()) {
            return None; // told before the text between is read
        }
        let between = &self.text[previous.end..self.quotes[k].start];
        if !between.trim_end().ends_with([':', ',']) || has_sentence_mark(between) {
            return None;
        }
        // The verb is read last: the tests above refuse most quotes.
        let verb = self.verbs.at(self.text, previous.end + between.find(is_letter)?).is_some();
        verb.then_some(Attribution { rule: "split-quote", ..*first })
    }

    /// Rule 2: after the quote, or after the later quotes of its sentence.
    fn after(&self, k: usize, earlier: &[Attribution<'a>]) -> Option<Attribution<'a>> {
        let q = &self.quotes[k];
        if let Some(found) = self.after_at(q.end, q, earlier) {
            return Some(found);
        }
        let mut from = q.end;
        // The later quotes of the sentence: a few, close by (an unpunctuated
        // page of quotes must not make this quadratic).
        for next in self.quotes[k + 1..].iter().take(4) {
            let between = &self.text[from..next.start];
            if between.len() > 300 || has_sentence_mark(between) {
                break;
            }
            if let Some(found) = self.after_at(next.end, q, earlier) {
                return Some(found);
            }
            from = next.end;
        }
        None
    }

    /// `, commente X`, `, détaille-t-il`, `, selon X`, `," said X`, `, X a déclaré`.
    fn after_at(&self, at: usize, q: &Quote, earlier: &[Attribution<'a>]) -> Option<Attribution<'a>> {
        let trimmed = &self.text[after_spaces(self.text.as_bytes(), at)..];
        // `Le « pass numérique » lancé par la région`: a word or two with
        // no comma after it is a term, not speech.
        let short = || q.inner(self.text).split_whitespace().nth(2).is_none();
        if at == q.end && !trimmed.starts_with(',') && short() {
            return None;
        }
        let trimmed = trimmed.strip_prefix(',').unwrap_or(trimmed);
        let pos = self.text.len() - trimmed.len();
        let (first_word, first_token) = self.words.next_word_token(pos);
        let first = first_word.as_ref().map(|(w, end)| (w.as_ref(), *end));
        if let Some((_, end)) = first.filter(|(w, _)| matches!(*w, "selon" | "d'après" | "according")) {
            let mut after = end;
            if let Some(rest) = self.text[after..].trim_start().strip_prefix("to ") {
                after = self.text.len() - rest.len();
            }
            // `selon un analyste de Morgan Stanley`: attributed, to nobody named.
            return Some(self.selon(after, q.start, earlier));
        }
        // The verb at `pos`, read from its token when one starts there.
        let verb_at_pos = match first_token {
            Some(i) => self.verbs.at_token(self.words.doc(), i),
            None => self.verbs.at(self.text, pos),
        };
        // `lui répond X`, `leur assure X`: a clitic pronoun before the verb
        // (after trying it as part of a reflexive verb: `se félicite`).
        let after_clitic = match first {
            Some(("lui" | "leur" | "nous" | "me" | "se" | "s'", end)) if verb_at_pos.is_none() => Some(end),
            _ => None,
        };
        let verb = match after_clitic {
            Some(end) => self.verbs.at(self.text, end),
            None => verb_at_pos,
        };
        let pos = after_clitic.unwrap_or(pos);
        if let Some(verb) = verb {
            if let Some(pronoun) = verb.pronoun {
                return self.pronoun(pronoun, q.start, earlier).map(|s| Attribution::to(s, "pronoun-inversion"));
            }
            return self.speaker_after_verb(verb.end, q.start, earlier);
        }
        // Two words; seven after the first only for an indefinite subject.
        // The word at `pos` is the first one again, unless past a clitic.
        let ahead = match after_clitic {
            Some(_) => self.words.next_word(pos),
            None => first_word,
        };
        // English `, he added`.
        if let Some((pronoun, end)) = ahead.as_ref().and_then(|(w, end)| match w.as_ref() {
            "he" => Some((Pronoun::Masculine, *end)),
            "she" => Some((Pronoun::Feminine, *end)),
            _ => None,
        }) {
            if self.verbs.at(self.text, end).is_some() {
                return self.pronoun(pronoun, q.start, earlier).map(|s| Attribution::to(s, "pronoun-inversion"));
            }
        }
        // `"…," a spokesperson for the startup said`: an indefinite subject,
        // then the verb; nobody named.
        if let Some((_, end)) = ahead.filter(|(w, _)| matches!(w.as_ref(), "a" | "an" | "one" | "un" | "une")) {
            // A person's noun (a role, `spokesperson`, `source`), not a
            // term's apposition (`« data mesh », une architecture qui…`).
            let person = self.words.next_word(end).is_some_and(|w| {
                self.nouns.role_heads.contains(w.0.as_ref())
                    || matches!(
                        w.0.as_ref(),
                        "source" | "official" | "employee" | "salarié" | "salariée" | "proche" | "observateur"
                    )
            });
            let verb = || {
                // Eight words, on the stack.
                let mut read: [(Cow<'a, str>, usize); 8] = Default::default();
                let n = self.words.fill_words(pos, &mut read);
                read[..n].iter().skip(1).any(|w| self.verbs.at(self.text, w.1).is_some())
            };
            if person && verb() {
                return Some(Attribution::nobody("indefinite"));
            }
        }
        // `"…," Sam Altman said.`, `"…," chief executive Jensen Huang told
        // analysts`, `"…," X, an analyst at Y, told reporters`: a name (after
        // a role), then the verb.
        let next_person = self.persons.get(self.persons.partition_point(|p| p.start < pos));
        let before_name = |p: &&PersonRef| {
            // The next person may be pages away: a fifth word refuses it, so
            // no more are read.
            let mut words = [""; 5];
            let n = words.iter_mut().zip(role_words(&self.text[pos..p.start])).map(|(slot, w)| *slot = w).count();
            let between = &words[..n];
            let lower = between.iter().all(|w| w.starts_with(char::is_lowercase) || w.len() <= 4);
            self.text[pos..p.start].trim().is_empty() || (between.len() <= 4 && lower && self.is_role_phrase(between))
        };
        let Some(person) = next_person.filter(before_name) else {
            return self.word_then_verb(pos).map(|s| Attribution::to(s, "verb-after"));
        };
        let mut verb_at = person.end;
        if self.text[verb_at..].starts_with(',') {
            let close = self.text[verb_at + 1..].find([',', '.', '\n']).map(|e| verb_at + 1 + e)?;
            if self.text[close..].starts_with(',') && close - verb_at < 120 {
                verb_at = close + 1;
            }
        }
        self.verbs.at(self.text, verb_at).map(|_| Attribution::to(self.person_speaker(person), "verb-after"))
    }

    /// `"…," Altman wrote`: one capitalised word no person starts (a
    /// surname alone, an organisation) at `at`, then a verb of saying.
    fn word_then_verb(&self, at: usize) -> Option<Speaker<'a>> {
        let (start, end) = word_after(self.text, at, |c| is_letter(c) || c == '-');
        let word = &self.text[start..end];
        let capitalised = word.chars().nth(1).is_some() && word.starts_with(char::is_uppercase);
        if !capitalised || glaneur_text::is_function_word(word) {
            return None;
        }
        self.verbs.at(self.text, end).map(|_| Speaker::named(word, false))
    }

    /// The source after `selon`, `d'après`, `according to` at `at`: a name,
    /// or a description resolved (`selon le quotidien`, `selon l'entreprise`);
    /// attributed to nobody named when it is neither (`selon un analyste`).
    fn selon(&self, at: usize, quote_start: usize, earlier: &[Attribution<'a>]) -> Attribution<'a> {
        if let Some(s) = self.name_at(at) {
            return Attribution::to(s, "selon");
        }
        // `Selon lui, l'IA représente « … »`: the pronoun's person.
        let pronoun = match self.words.next_word(at).as_ref().map(|w| w.0.as_ref()) {
            Some("lui" | "him") => Some(Pronoun::Masculine),
            Some("elle" | "her") => Some(Pronoun::Feminine),
            _ => None,
        };
        if let Some(p) = pronoun {
            let found = self.pronoun(p, at, earlier);
            return found.map_or(Attribution::nobody("selon"), |s| Attribution::to(s, "selon"));
        }
        let found = self.description_at(at, quote_start, earlier, false, true);
        Attribution { rule: "selon", ..found.unwrap_or_else(|| Attribution::nobody("selon")) }
    }

    /// `« A, poursuit-elle, B. »`: an incise inside the marks.
    fn incise(&self, q: &Quote, earlier: &[Attribution<'a>]) -> Option<Attribution<'a>> {
        let inner = &self.text[q.inner_start..q.inner_end];
        for i in occurrences(inner, ", ") {
            let at = q.inner_start + i + 2;
            let Some(verb) = self.verbs.at(self.text, at) else { continue };
            if !self.text[verb.end..].trim_start().starts_with(',') && verb.pronoun.is_some() {
                continue;
            }
            return match verb.pronoun {
                Some(pronoun) => self.pronoun(pronoun, q.start, earlier).map(|s| Attribution::to(s, "incise")),
                None => self
                    .name_at(verb.end)
                    .filter(|_| has_comma(&self.text[verb.end..q.inner_end]))
                    .map(|s| Attribution::to(s, "incise")),
            };
        }
        None
    }

    /// The speaker named after a verb (adverbials skipped: `a indiqué à
    /// l'AFP le PDG`): a person (past a role: `le PDG, Satya Nadella`), an
    /// organisation, an unknown capitalised name, or a description: of an
    /// organisation (`précise le groupe`, `selon le quotidien`) or of a
    /// person (`assure l'expert de Wedbush`), each resolved to the one it
    /// stands for; an indefinite one (`un porte-parole`) names nobody.
    fn speaker_after_verb(
        &self,
        at: usize,
        quote_start: usize,
        earlier: &[Attribution<'a>],
    ) -> Option<Attribution<'a>> {
        let at = adverbials::skip(&self.words, at);
        if let Some(s) = self.name_at(at) {
            return Some(Attribution::to(s, "verb-after"));
        }
        self.description_at(at, quote_start, earlier, false, false)
    }

    /// A description at `at` and who it stands for: `Some(nobody)` when it
    /// is indefinite or stands for no one found; `None` when no description
    /// starts there.
    /// `role_required`: a description of a person must be made of a role
    /// (`le PDG`), not any noun (`Ce succès`), as in a subject's place.
    /// `linked`: a description of a person stands only for one it links to
    /// (by its organisation or its role), not for the last person named, as
    /// after `selon` (`selon l'analyste de Morgan Stanley`).
    fn description_at(
        &self,
        at: usize,
        quote_start: usize,
        earlier: &[Attribution<'a>],
        role_required: bool,
        linked: bool,
    ) -> Option<Attribution<'a>> {
        // The first word refuses most places: the next two are read after it.
        let (first, first_end) = self.words.next_word(at)?;
        if matches!(first.as_ref(), "un" | "une" | "des" | "a" | "an" | "plusieurs" | "certains" | "certaines") {
            return Some(Attribution::nobody("indefinite"));
        }
        if !first.starts_with("l'") && is_definite(&first).is_none() {
            return None;
        }
        // Three words, on the stack.
        let mut read: [(Cow<'a, str>, usize); 3] = Default::default();
        read[0] = (first, first_end);
        let n = 1 + self.words.fill_words(first_end, &mut read[1..]);
        let words = &read[..n];
        let first = words[0].0.as_ref();
        // `l'expert` is one word here.
        let (gender, noun, next) = match first.strip_prefix("l'") {
            Some(noun) => (None, noun, words.get(1).map(|w| w.0.as_ref())),
            None => (is_definite(first)?, words.get(1)?.0.as_ref(), words.get(2).map(|w| w.0.as_ref())),
        };
        // `noun next`, joined on the stack (`format!` cost several times more).
        let mut joined = [0; TWO_WORDS];
        let two = next.map(|n| two_words(&mut joined, noun, n));
        let is = |list: &WordList| list.contains(noun) || two.as_deref().is_some_and(|t| list.contains(t));
        let resolved = |found: Option<Speaker<'a>>| {
            Some(
                found.map_or(Attribution::nobody("descriptive-mention"), |s| Attribution::to(s, "descriptive-mention")),
            )
        };
        let media = is(&self.nouns.media);
        if media || is(&self.nouns.org) {
            // `le syndicat Unitech`: the description names it.
            let noun_end = words[if first.starts_with("l'") { 0 } else { 1 }].1;
            if let Some((start, end)) = capitalised_run(self.text, noun_end, 1) {
                let name = &self.text[start..end];
                return resolved(Some(Speaker::named(name, true)));
            }
            let found = self.salient_org(at, media, earlier).or_else(|| self.unnamed_subject(at));
            return resolved(found);
        }
        if role_required
            && !(self.nouns.roles.contains(noun) || two.as_deref().is_some_and(|t| self.nouns.roles.contains(t)))
        {
            return None;
        }
        // `l'expert de Wedbush Securities`: up to the end of the clause.
        let clause_end = self.text[at..].find([',', '.', ';', ':', '\n', '«', '(']).map_or(self.text.len(), |e| at + e);
        resolved(self.resolve_description(at, clause_end, gender, quote_start, earlier, linked))
    }

    /// The organisation a description stands for (`le groupe`, `la
    /// société`, `le quotidien` when `media`): of the organisations named
    /// before `at` (outside quotes, the last [`RECALL`] mentions), the one
    /// the article is about: named most, as a subject most, the last to
    /// speak, the nearest. A mention's place costs most: places are read
    /// only until one organisation's least score beats every other's
    /// greatest.
    fn salient_org(&self, at: usize, media: bool, earlier: &[Attribution<'a>]) -> Option<Speaker<'a>> {
        let last_org_speaker = earlier.iter().rev().take(RECALL).find(|a| a.org).and_then(|a| a.speaker);
        let before = &self.orgs[..self.orgs.partition_point(|o| o.end <= at)];
        let recent = before.iter().enumerate().rev();
        let recent = recent.filter(|(_, o)| !self.inside_quote(o.start) && (!media || o.media())).take(RECALL);
        // Each organisation once, with the bounds of its score; and each
        // mention, its place not yet read (the place is most of the cost):
        // [`RECALL`] at most of each, on the stack.
        let (mut scores, mut unread) = ([Score::UNSET; RECALL], [(0, 0); RECALL]);
        let (mut organisations, mut mentions) = (0, 0);
        for (rank, (org, o)) in recent.enumerate() {
            let name = o.canonical();
            let k = match scores[..organisations].iter().position(|s| s.name == name) {
                Some(k) => k,
                None => {
                    // The last to speak adds 6, the nearest 1.
                    let spoke = if last_org_speaker == Some(name) { 6 } else { 0 };
                    let bonus = spoke + u32::from(rank == 0);
                    scores[organisations] = Score { org, name, rank, low: bonus, high: bonus };
                    organisations += 1;
                    organisations - 1
                }
            };
            scores[k].low += Score::LEAST;
            scores[k].high += Score::MOST;
            unread[mentions] = (k, o.start);
            mentions += 1;
        }
        let scores = &mut scores[..organisations];
        // The places are read only until one organisation's least score
        // beats every other's greatest (ranks differ: no two tie).
        loop {
            let best = (0..scores.len()).max_by_key(|&k| scores[k].least())?;
            let beaten = |k: usize| k == best || scores[k].most() < scores[best].least();
            if (0..scores.len()).all(beaten) {
                return Some(org_speaker(&before[scores[best].org]));
            }
            // The leader's own mentions first, else the likeliest rival's,
            // else any (every place read, `best` has the highest score).
            let rival = (0..scores.len()).filter(|&k| k != best).max_by_key(|&k| scores[k].most());
            let of = |wanted: Option<usize>| unread[..mentions].iter().position(|&(k, _)| Some(k) == wanted);
            let Some(pick) = of(Some(best)).or_else(|| of(rival)).or((mentions > 0).then_some(0)) else {
                return Some(org_speaker(&before[scores[best].org]));
            };
            // Taken out, the last in its place (as `Vec::swap_remove`).
            let (k, start) = unread[pick];
            mentions -= 1;
            unread[pick] = unread[mentions];
            let points = self.place_of(start).points();
            scores[k].low += points - Score::LEAST;
            scores[k].high -= Score::MOST - points;
        }
    }

    /// A name the other plugins did not find, as the subject of the verb
    /// at `verb`: opening the sentence right before the verb (`Nexalis
    /// affirme que`), or closing an apposition before it (`La commissaire
    /// à la concurrence, Vesna Marković, a prévenu`).
    fn unknown_subject(&self, sentence_start: usize, verb: usize) -> Option<Speaker<'a>> {
        let head = self.text[sentence_start..verb].trim_end();
        let unknown = |(s, e): (usize, usize)| {
            let taken = self.person_over(s, e) || self.org_over(s, e).is_some();
            (!taken).then(|| Speaker::named(&self.text[s..e], false))
        };
        // `Nexalis affirme`: the sentence is the name, then the verb.
        let opening = adverbials::skip(&self.words, sentence_start);
        if let Some((s, e)) = capitalised_run(self.text, opening, 1).filter(|&(_, e)| e == sentence_start + head.len())
        {
            return unknown((s, e));
        }
        // `…, Vesna Marković, a prévenu`: the name between the last two commas.
        let inner = head.strip_suffix(',')?;
        let comma = inner.rfind(',')?;
        let at = sentence_start + comma + 1;
        capitalised_run(self.text, at, 2).filter(|&(_, e)| e == sentence_start + inner.len()).and_then(unknown)
    }

    /// `Quantalys a été victime d'une cyberattaque. « … », explique la
    /// société.`: when no organisation was found, a capitalised name that
    /// opens one of the three sentences before `at` in its paragraph (or
    /// the one before) and is no person: the organisation the article is
    /// about, which its plugin did not know.
    fn unnamed_subject(&self, at: usize) -> Option<Speaker<'a>> {
        let floor = self.paragraphs.start_of(self.paragraphs.start_of(at).saturating_sub(1));
        let mut end = at;
        for _ in 0..3 {
            let start = self.sentence_start(end);
            let opening = adverbials::skip(&self.words, start);
            let found = capitalised_run(self.text, opening, 1).filter(|&(s, e)| {
                let person = self.person_over(s, e);
                let then_lower = self.text[e..].trim_start().starts_with(|c: char| c.is_lowercase() || c == ',');
                !person && then_lower && !self.inside_quote(s)
            });
            if let Some((s, e)) = found {
                return Some(Speaker::named(&self.text[s..e], true));
            }
            match self.text[..start].char_indices().next_back() {
                Some((before, _)) if start > floor => end = before,
                _ => break,
            }
        }
        None
    }

    /// The organisation overlapping `start..end`, if any (binary search:
    /// the organisations are sorted and disjoint).
    fn org_over(&self, start: usize, end: usize) -> Option<&'a OrgRef<'a>> {
        self.orgs.get(self.orgs.partition_point(|o| o.end <= start)).filter(|o| o.start < end)
    }

    /// Whether a person overlaps `start..end` (binary search, as above).
    fn person_over(&self, start: usize, end: usize) -> bool {
        self.persons.get(self.persons.partition_point(|p| p.end <= start)).is_some_and(|p| p.start < end)
    }

    /// Whether the mention at `start` is its sentence's subject: it opens
    /// the sentence (after a determiner and a few lower-case words: `Le
    /// groupe de télécommunications Bouygues Telecom`, `Le PDG Tim Cook`),
    /// or follows a verb of saying (`rappelle Sylvain Poirier`).
    fn is_subject(&self, start: usize) -> bool {
        self.place_of(start) == Place::Subject
    }

    /// Where the mention at `start` stands in its sentence (see
    /// [`Attributor::is_subject`]); `Issue du CEA et du CNRS, la startup…`
    /// names them as a noun's complement.
    fn place_of(&self, start: usize) -> Place {
        let sentence_start = self.sentence_start(start);
        let before = &self.text[sentence_start..start];
        let complement = of_complement(before);
        // Five words at most: the sixth is never read.
        let opens = before.split_whitespace().nth(5).is_none()
            && !complement
            && !before.contains([',', '(', ':', '«', '"', '“'])
            && before.split_whitespace().skip(1).all(|w| {
                !w.starts_with(char::is_uppercase) || self.nouns.roles.contains(glaneur_text::folded(w).as_ref())
            });
        if opens || self.after_a_verb(sentence_start, start) {
            Place::Subject
        } else if complement {
            Place::Complement
        } else {
            Place::Other
        }
    }

    /// Whether a verb of saying (adverbials after it allowed) ends right
    /// before `at`, starting at one of the three words before it, not
    /// before `from`.
    fn after_a_verb(&self, from: usize, at: usize) -> bool {
        // A verb (or an adverbial after it) ends on a word's char: after
        // anything else (`, X`, `(X`), none is read.
        self.text[from..at].trim_end().ends_with(token_words::word_char) && self.after_a_verb_read(from, at)
    }

    /// [`Attributor::after_a_verb`], the words before `at` read.
    fn after_a_verb_read(&self, from: usize, at: usize) -> bool {
        let before = &self.text[from..at];
        last_word_starts(before).take(3).any(|i| {
            let w = from + i;
            self.verbs.at(self.text, w).is_some_and(|v| {
                let past = adverbials::skip(&self.words, v.end);
                v.pronoun.is_none() && past <= at && self.text[past..at].trim().is_empty()
            })
        })
    }

    /// A person starting at `at` (spaces skipped), or past a role and a
    /// comma (`le PDG, Satya Nadella`, `la commissaire européenne Margrethe
    /// Vestager`), or an unknown capitalised name.
    fn name_at(&self, at: usize) -> Option<Speaker<'a>> {
        self.person_at(at)
            .or_else(|| self.org_at(at).map(org_speaker))
            .or_else(|| self.unknown_name_at(at))
            .or_else(|| self.role_then_name(at))
    }

    /// A person at `at`, found by the people plugin or not (two
    /// capitalised words or more, no organisation), past a role.
    fn person_name_at(&self, at: usize) -> Option<Speaker<'a>> {
        let unknown = capitalised_run(self.text, at, 2).filter(|&(s, e)| self.org_over(s, e).is_none());
        self.person_at(at).or_else(|| unknown.map(|(s, e)| self.named(s, e))).or_else(|| self.role_then_name(at))
    }

    /// `la ministre déléguée au Numérique, Anne-Gaëlle Roy`: a role and
    /// its complement, a comma, then a name of two words or more that the
    /// people plugin did not find.
    fn role_then_name(&self, at: usize) -> Option<Speaker<'a>> {
        let comma = clause_comma(self.text, at)?;
        // Read onto the stack: a thirteenth word refuses the phrase, so no
        // more are read.
        let mut words = [""; 13];
        let n = words.iter_mut().zip(role_words(&self.text[at..comma])).map(|(slot, w)| *slot = w).count();
        let words = &words[..n];
        let opens = words.first().is_some_and(|w| w.starts_with(char::is_lowercase));
        if words.len() > 12 || !opens || !self.is_role_phrase(words) {
            return None;
        }
        let (start, end) = capitalised_run(self.text, comma + 1, 2)?;
        Some(self.named(start, end))
    }

    /// Whether role words hold a role of the lexicon (`président`,
    /// `secrétaire d'État`), so that a complement before a name is a role's.
    fn is_role_phrase(&self, words: &[&str]) -> bool {
        words.iter().any(|w| self.nouns.role_heads.contains(glaneur_text::folded(w).as_ref()))
    }

    /// An organisation starting at `at`, a determiner allowed before it
    /// (`l'Autorité de la concurrence`, `Les Echos`).
    fn org_at(&self, at: usize) -> Option<&'a OrgRef<'a>> {
        let k = self.orgs.partition_point(|o| o.start < at);
        let org = self.orgs.get(k)?;
        let between = self.text.get(at..org.start)?.trim();
        let determiner = between.is_empty()
            || matches!(between, "le" | "la" | "les" | "l'" | "l’" | "Le" | "La" | "Les" | "L'" | "L’" | "the" | "The");
        determiner.then_some(org)
    }

    /// A name the people plugin did not find, at `at`: two capitalised
    /// words or more (initials, particles and hyphens allowed: `C.C. Wei`,
    /// `Léa K. Fontaine`, `Aurélien de Meaux`), as its fullest form among
    /// the people found (`Vallier` → `Jeanne Vallier`).
    fn unknown_name_at(&self, at: usize) -> Option<Speaker<'a>> {
        // One word is a name too here, after a verb of saying or `selon`
        // (`indique Nexalis dans un communiqué`, `selon Celestra`).
        let (start, end) = capitalised_run(self.text, at, 1)?;
        if self.org_over(start, end).is_some() {
            return None;
        }
        Some(self.named(start, end))
    }

    /// The name written at `start..end` as a speaker, in its fullest form.
    fn named(&self, start: usize, end: usize) -> Speaker<'a> {
        let name = &self.text[start..end];
        self.fullest(name, start).unwrap_or_else(|| Speaker::named(name, false))
    }

    /// The fullest form of `name` (written at `at`): a person found whose
    /// canonical name ends with it, as whole words, else a longer name
    /// written near `at`.
    fn fullest(&self, name: &'a str, at: usize) -> Option<Speaker<'a>> {
        let person = self.fullest_person(name).map(|k| &self.persons[k]);
        person.map(speaker).or_else(|| self.fullest_written(name, at))
    }

    /// The person whose canonical name is the fullest form of `name`
    /// ([`NameEndings::person`]).
    fn fullest_person(&self, name: &str) -> Option<usize> {
        self.name_endings().person(self.persons, name)
    }

    /// The endings of the people's names, built when first asked for.
    fn name_endings(&self) -> &NameEndings {
        self.room.index.get_or_init(|| NameEndings::new_in(self.persons, self.room.names.take()))
    }

    /// `Park` after `C.J. Park a été nommé`: the longest name of two words
    /// or more that ends with `name`, written within [`FULLEST_REACH`]
    /// bytes of `at` (a name the people plugin did not find).
    fn fullest_written(&self, name: &'a str, at: usize) -> Option<Speaker<'a>> {
        let from = reach_back(self.text, at, FULLEST_REACH);
        let to = reach_ahead(self.text, at, FULLEST_REACH);
        let longest = occurrences(&self.text[from..to], name)
            .map(|i| from + i)
            .filter_map(|i| {
                // Up to three words before: where a longer name may start.
                let from = reach_back(self.text, i, 40);
                let head = &self.text[from..i];
                let starts = head
                    .char_indices()
                    .filter(|&(j, c)| !c.is_whitespace() && (j == 0 || head[..j].ends_with(char::is_whitespace)));
                starts
                    .map(|(j, _)| from + j)
                    .filter_map(|at| capitalised_run(self.text, at, 2))
                    .find(|&(s, e)| e == i + name.len() && s < i)
            })
            .max_by_key(|&(s, e)| e - s)?;
        let (s, e) = longest;
        Some(Speaker::named(&self.text[s..e], false))
    }

    /// A person as a speaker, in the fullest form of the name in the
    /// document (`M. Le Bihan` → `Gwenaël Le Bihan`, `Park` → `C.J. Park`),
    /// which the people plugin's canonical name may miss.
    fn person_speaker(&self, p: &'a PersonRef<'a>) -> Speaker<'a> {
        // [`Attributor::fullest`], its lookup in the names kept for `p`.
        let k = self.persons.partition_point(|q| q.start < p.start);
        let fullest = match self.persons.get(k).filter(|q| std::ptr::eq(*q, p)) {
            Some(_) => {
                let cache = self.room.fullest_of.get_or_init(|| {
                    let mut cache = self.room.fullest_room.take();
                    cache.clear();
                    cache.resize(self.persons.len(), Cell::new(None));
                    cache
                });
                match cache[k].get() {
                    Some(found) => found,
                    None => {
                        let found = self.name_endings().person_of(self.persons, k);
                        cache[k].set(Some(found));
                        found
                    }
                }
            }
            None => self.fullest_person(&p.canonical),
        };
        let person = fullest.map(|j| speaker(&self.persons[j]));
        person.or_else(|| self.fullest_written(&p.canonical, p.start)).unwrap_or_else(|| speaker(p))
    }

    /// A person starting at `at` (spaces skipped), or past a role and a
    /// comma (`le PDG, Satya Nadella`).
    fn person_at(&self, at: usize) -> Option<Speaker<'a>> {
        let first = self.persons.partition_point(|p| p.start < at);
        let person = self.persons.get(first).filter(|p| clause_reaches(self.text, at, p.end))?;
        let between = &self.text[at..person.start];
        if between.trim().is_empty() {
            return Some(self.person_speaker(person)); // no words to read
        }
        // An organisation after `de`, `d'`, `chez` belongs to the role (`le
        // PDG de Nvidia, Jensen Huang`): its words are no role words, and it
        // is no organisation standing before the person.
        let first_org = self.orgs.partition_point(|o| o.start < at);
        let orgs_between = self.orgs[first_org..].iter().take_while(|o| o.end <= person.start);
        // The words are read up to one past the most the rules below take
        // (a role of 14 words with its complement), on the stack.
        let (mut kept, mut n) = ([""; ROLE_WORDS + 1], 0);
        let mut keep = |word_list: &mut dyn Iterator<Item = &'a str>| {
            for (slot, w) in kept[n..].iter_mut().zip(word_list) {
                *slot = w;
                n += 1;
            }
        };
        let (mut from, mut no_org) = (at, true);
        for o in orgs_between {
            let before = &self.text[from..o.start];
            let of_role = before.ends_with("d'")
                || before.ends_with("d’")
                || before.ends_with(' ')
                    && matches!(before.trim_end().rsplit(' ').next(), Some("de" | "du" | "des" | "chez" | "of" | "at"));
            no_org &= of_role;
            keep(&mut role_words(before));
            from = o.end;
        }
        keep(&mut role_words(&self.text[from..person.start]));
        let words = &kept[..n];
        // At most a determiner and a role of a few words (lower-case, an
        // acronym such as `PDG`, or a title such as `Mme`).
        let role_word = |w: &&str| {
            w.chars().next().is_some_and(char::is_lowercase)
                || (w.len() <= 4 && w.chars().all(|c| c.is_uppercase()))
                || glaneur_lexicon::is_title(w)
        };
        let role_only = words.len() <= 5 && words.iter().all(role_word);
        if role_only && no_org {
            return Some(self.person_speaker(person));
        }
        // `le président de l'Observatoire de la fintech, Mikaël Ptachek`,
        // `la secrétaire d'État chargée du Numérique, Marina Ferrari`: a
        // role, its complement (any words), then a comma.
        let of = words.iter().position(|w| {
            matches!(*w, "de" | "du" | "des" | "au" | "aux" | "à" | "chez")
                || w.starts_with("d'")
                || w.starts_with("d’")
        });
        let complemented =
            of.is_some_and(|k| (1..=5).contains(&k) && words[..k].iter().all(role_word) && words.len() <= ROLE_WORDS);
        if complemented && between.trim_end().ends_with(',') && self.is_role_phrase(words) {
            return Some(self.person_speaker(person));
        }
        None
    }

    /// The person a definite description (`l'expert de Wedbush`, `la
    /// dirigeante`) stands for: named earlier with the same organisation or
    /// role noun, else the last person named before (else the last speaker)
    /// of that gender; among the last [`RECALL`] only.
    fn resolve_description(
        &self,
        start: usize,
        end: usize,
        gender: Option<Pronoun>,
        quote_start: usize,
        earlier: &[Attribution<'a>],
        linked: bool,
    ) -> Option<Speaker<'a>> {
        // Read again by each rule below (not collected: a vector for each
        // description, and most rules stop at the nearest person).
        let recent = || self.recent_persons(quote_start);
        // The same organisation near an earlier person.
        let first_org = self.orgs.partition_point(|o| o.start < start);
        if let Some(org) = self.orgs.get(first_org).filter(|o| o.end <= end) {
            let name = &self.text[org.start..org.end];
            let named = |p: &&PersonRef| occurrences(sentence(self.text, p.start, p.end, 200), name).next().is_some();
            if let Some(p) = recent().find(named) {
                return Some(self.person_speaker(p));
            }
        }
        // The same role noun near an earlier person (`son vice-président`).
        // Lowered into the room's string, given back after.
        let mut description = self.room.description.take();
        description.clear();
        lowercase_into(&self.text[start..end], &mut description);
        let role = description.split(|c: char| !is_letter(c) && c != '-').find(|w| w.len() > 3);
        let nearby = role.and_then(|role| {
            recent().find(|p| {
                let from = reach_back(self.text, p.start, 80);
                let to = reach_ahead(self.text, p.end, 80).min(start).max(p.end);
                contains_lowercase(&self.text[from..to], role)
            })
        });
        self.room.description.set(description);
        if let Some(p) = nearby {
            return Some(self.person_speaker(p));
        }
        if linked {
            return None;
        }
        // The last person named before, else the last speaker, of that gender when known.
        recent().find(|p| compatible(p.gender, gender)).map(speaker).or_else(|| last_speaker(earlier, gender))
    }

    /// Who a pronoun (`détaille-t-il`, `Elle a ajouté`) before `before`
    /// stands for: of the persons of its gender named before (outside
    /// quotes, among the last [`RECALL`]) and the earlier speakers, the
    /// latest that is a subject (opens its sentence or follows a verb of
    /// saying) or spoke; not a person merely mentioned (`comme le craint
    /// Daniel Kretinsky, a-t-il expliqué` names the sentence's subject).
    /// Else the last person named who fits, else the last speaker who fits.
    fn pronoun(&self, pronoun: Pronoun, before: usize, earlier: &[Attribution<'a>]) -> Option<Speaker<'a>> {
        let fits = |g: Option<Pronoun>| compatible(g, Some(pronoun));
        let subject = self.recent_persons(before).find(|p| fits(p.gender) && self.is_subject(p.start));
        let spoke = (0..earlier.len())
            .rev()
            .take(RECALL)
            .find(|&j| earlier[j].speaker.is_some() && !earlier[j].org && fits(earlier[j].gender));
        match (subject, spoke) {
            (Some(p), Some(j)) if self.quotes[j].end > p.start => last_speaker(&earlier[j..=j], Some(pronoun)),
            (Some(p), _) => Some(speaker(p)),
            (None, Some(j)) => last_speaker(&earlier[j..=j], Some(pronoun)),
            (None, None) => self.recent_persons(before).find(|p| fits(p.gender)).map(speaker),
        }
    }

    /// Of the last [`RECALL`] persons named before `at`, those outside
    /// quotes, the nearest first: the ones a pronoun or a description may
    /// stand for.
    fn recent_persons(&self, at: usize) -> impl Iterator<Item = &'a PersonRef<'a>> + '_ {
        self.persons_before(at).iter().rev().take(RECALL).filter(|p| !self.inside_quote(p.start))
    }

    /// Whether `at` is inside a quotation (binary search: quotes are sorted).
    fn inside_quote(&self, at: usize) -> bool {
        let k = self.quotes.partition_point(|q| q.start < at);
        k > 0 && self.quotes[k - 1].end > at
    }

    /// The persons named before `at`, in order.
    fn persons_before(&self, at: usize) -> &'a [PersonRef<'a>] {
        &self.persons[..self.persons.partition_point(|p| p.end <= at)]
    }

    /// Rule 3: `« … »` then, on the next line, `– Analyste anonyme, Bloomberg`.
    fn attribution_line(&self, q: &Quote) -> Option<Speaker<'a>> {
        line_name(self.text, q.end).map(|name| Speaker::named(name, false))
    }

    /// Rule 4: in the sentence before the quote. A verb of saying whose
    /// subject is a pronoun (`Elle a ajouté : « … »`, `He added: "…"`) gives
    /// the last person of that gender; one whose subject is no named person
    /// (`Un salarié … décrit une ambiance « … »`) gives `(None,
    /// "anonymous")`: speech, nobody named.
    fn before(&self, q: &Quote, earlier: &[Attribution<'a>]) -> Option<(Option<Speaker<'a>>, &'static str)> {
        let sentence_start = self.sentence_start(q.start);
        let clause = &self.text[sentence_start..q.start];
        if let Some(found) = self.source_cue(q, sentence_start, earlier) {
            return Some(found);
        }
        // `X a déclaré : « … »`, `X estime que « … »`: a verb of saying, then its subject before it.
        let mut best: Option<(Option<Speaker<'a>>, &'static str)> = None;
        // Read into the room's vector, given back after.
        let mut verbs = self.room.verbs.take();
        verbs.clear();
        self.verbs_in_into(sentence_start, q.start, &mut verbs);
        for &(at, verb) in &verbs {
            if verb.pronoun.is_some() {
                continue;
            }
            let tail = self.text[verb.end..q.start].trim_end();
            let rule = if tail.ends_with(':') { "speaker-before" } else { "estime-que" };
            // `décrit par Omar Haddad comme le « … »`: the agent of a passive.
            if let Some(agent) = self.text[verb.end..].strip_prefix(" par ").and_then(|_| self.name_at(verb.end + 5)) {
                best = Some((Some(agent), rule));
                continue;
            }
            // `Il précise que`, `She said:`: the pronoun right before the verb.
            let pronoun = || match letters_before(self.text[sentence_start..at].trim_end()) {
                "il" | "Il" | "he" | "He" => Some(Pronoun::Masculine),
                "elle" | "Elle" | "she" | "She" => Some(Pronoun::Feminine),
                _ => None,
            };
            best = match self.subject_before(sentence_start, at, q.start, earlier) {
                Some(Some(s)) => Some((Some(s), rule)),
                // A description that stands for no one found.
                Some(None) => best.or(Some((None, "anonymous"))),
                // The pronoun stands for someone named before it, not for
                // the object of the verb (`Elle a répondu à Lise Meitner :`).
                None => match pronoun().and_then(|p| self.pronoun(p, at, earlier)) {
                    Some(s) => Some((Some(s), "pronoun-before")),
                    None if best.is_none() => Some((None, "anonymous")),
                    None => best,
                },
            };
        }
        self.room.verbs.set(verbs);
        if best.is_some() {
            return best;
        }
        // `De quoi permettre à Sundar Pichai d'afficher un sourire : « … »`:
        // a sentence that names one person and ends with a colon.
        if clause.trim_end().ends_with(':') {
            let mut named = self.persons_before(q.start).iter().rev().take_while(|p| p.start >= sentence_start);
            if let (Some(p), None) = (named.next(), named.next()) {
                return Some((Some(speaker(p)), "colon"));
            }
        }
        None
    }

    /// [`Attributor::verbs_in_into`] a new vector.
    #[cfg(test)]
    fn verbs_in(&self, from: usize, to: usize) -> Vec<(usize, Verb)> {
        let mut out = Vec::new();
        self.verbs_in_into(from, to, &mut out);
        out
    }

    /// The verbs of saying read in `from..to` (the clause before a quote),
    /// in order, each with the offset it was read at, pushed onto `out`:
    /// where a word may begin ([`token_words::word_starts`]), and at each
    /// space before it that follows no letter (read past, the same verb),
    /// as `verbs_in_by_chars` (the tests' reference) reads them a character
    /// at a time; the words from the document's tokens.
    fn verbs_in_into(&self, from: usize, to: usize, out: &mut Vec<(usize, Verb)>) {
        // The spaces before `at` read past to the verb there.
        let read_past = |out: &mut Vec<(usize, Verb)>, at: usize, verb: Verb| {
            let gap = spaces_before(self.text.as_bytes(), from, at);
            let spaces = self.text[gap..at].char_indices().map(|(i, _)| gap + i);
            let not_after_letter = |&p: &usize| p == from || !self.text[..p].ends_with(is_letter);
            out.extend(spaces.filter(not_after_letter).map(|p| (p, verb)));
        };
        for (at, token) in token_words::word_starts(self.words.doc(), from, to) {
            let verb = match token {
                Some(i) => self.verbs.at_token(self.words.doc(), i),
                None => self.verbs.at(self.text, at),
            };
            let Some(verb) = verb else { continue };
            read_past(out, at, verb);
            out.push((at, verb));
        }
        // Spaces at the end read past it, to a word (not to the quote's mark).
        if spaces_before(self.text.as_bytes(), from, to) < to && token_words::may_begin_word(self.text, to) {
            if let Some(verb) = self.verbs.at(self.text, to) {
                read_past(out, to, verb);
            }
        }
    }

    /// `selon X, « … »`, `pour X, c'est « … »`, `d'après X`: a source cue
    /// in the clause before the quote (from `sentence_start`), and what it
    /// names.
    fn source_cue(
        &self,
        q: &Quote,
        sentence_start: usize,
        earlier: &[Attribution<'a>],
    ) -> Option<(Option<Speaker<'a>>, &'static str)> {
        let clause = &self.text[sentence_start..q.start];
        // A cue names a source only when a comma or a colon follows the
        // name (`comma_after_name`): a clause with neither is not searched.
        if !has_comma(clause) && !clause.trim_end().ends_with(':') {
            return None;
        }
        // ASCII lowercasing keeps byte offsets (`İ` lowercases to two chars),
        // and which chars are letters. A clause is 600 bytes at most
        // ([`Attributor::sentence_start`]): lowered on the stack.
        let mut stack = [0; CLAUSE];
        let lower = match stack.get_mut(..clause.len()) {
            Some(lower) => {
                lower.copy_from_slice(clause.as_bytes());
                lower.make_ascii_lowercase();
                Cow::Borrowed(&*lower)
            }
            None => Cow::Owned(clause.as_bytes().to_ascii_lowercase()),
        };
        // `selon X, « … »`, `pour X, c'est « … »`, `d'après X`
        for (&(cue, rule), finder) in SOURCE_CUES.iter().zip(SOURCE_CUE_FINDERS.iter()) {
            // Each found from the end of the one before (as `find_iter`
            // finds them, which copies the searcher at each call).
            let mut from = 0;
            while let Some(k) = lower.get(from..).and_then(|rest| finder.find(rest)) {
                let i = from + k;
                from = i + cue.len();
                let at = sentence_start + i + cue.len();
                let boundary = i == 0 || !clause[..i].ends_with(char::is_alphabetic);
                if boundary && self.comma_after_name(at, q.start) {
                    if rule == "selon" {
                        let a = self.selon(at, q.start, earlier);
                        if a.speaker.is_some() {
                            return Some((a.into_speaker(), rule));
                        }
                    } else if let Some(s) = self.person_name_at(at) {
                        // `pour X, « … »`: a person (`un tournant pour Microsoft` is no source).
                        return Some((Some(s), rule));
                    }
                    // `selon l'analyste de Morgan Stanley, « … »`: attributed,
                    // to nobody named (`pour` has other uses: `pour la première fois`).
                    if rule == "selon" && q.start - at < 100 {
                        return Some((None, rule));
                    }
                }
            }
        }
        None
    }

    /// The subject of the verb at `verb` in the sentence from
    /// `sentence_start`: the nearest person or organisation before the verb
    /// (a person before an apposition holding an organisation: `Omar
    /// Haddad, PDG de Nexalis, estime`), else a description opening the
    /// clause (`L'entreprise défend sa politique, rappelant que`).
    /// `Some(None)` for a description that stands for no one found, `None`
    /// when there is no subject.
    fn subject_before(
        &self,
        sentence_start: usize,
        verb: usize,
        quote_start: usize,
        earlier: &[Attribution<'a>],
    ) -> Option<Option<Speaker<'a>>> {
        let person =
            self.persons_before(verb).last().filter(|p| p.start >= sentence_start && !self.inside_quote(p.start));
        // Not an organisation closing an apposition (`Le groupe, fournisseur
        // de Nvidia et Apple, a relevé`): after it, no comma, or a whole
        // apposition of its own.
        let free = |o: &&OrgRef| {
            let gap = self.text[o.end..verb].trim();
            // `Des salariés de Datapult dénoncent`: a noun's complement.
            !of_complement(&self.text[sentence_start..o.start])
                && (!has_comma(gap) || (gap.len() > 1 && gap.starts_with(',') && gap.ends_with(',')))
        };
        let org = self.orgs[..self.orgs.partition_point(|o| o.end <= verb)]
            .iter()
            .rev()
            .take_while(|o| o.start >= sentence_start)
            .find(|o| !self.inside_quote(o.start) && free(o));
        match (person, org) {
            (Some(p), Some(o)) if o.end > p.end && !self.text[p.end..].starts_with(',') => {
                return Some(Some(org_speaker(o)))
            }
            (Some(p), _) => return Some(Some(self.person_speaker(p))),
            (None, Some(o)) => return Some(Some(org_speaker(o))),
            (None, None) => {}
        }
        if let Some(s) = self.unknown_subject(sentence_start, verb) {
            return Some(Some(s));
        }
        // A description opening the clause (after a comma-free start).
        let clause_start =
            self.text[sentence_start..verb].rfind([':', ';']).map_or(sentence_start, |i| sentence_start + i + 1);
        let opening = adverbials::skip(&self.words, clause_start);
        let found = self.description_at(opening, quote_start, earlier, true, false)?;
        if found.rule == "indefinite" {
            return Some(None);
        }
        Some(found.into_speaker())
    }

    /// Whether the name at `at` is followed by a comma before the quote
    /// (`selon X, « … »`; not `pour les marchés « … »`).
    fn comma_after_name(&self, at: usize, quote_start: usize) -> bool {
        has_comma(&self.text[at..quote_start]) || self.text[at..quote_start].trim_end().ends_with(':')
    }

    /// Whether the period at `i` closes an initial (`K.`) or an
    /// abbreviation (`M.`), not a sentence.
    fn after_abbreviation(&self, i: usize) -> bool {
        closes_abbreviation(self.text, i)
    }

    /// Start of the sentence holding `at`: after a `.`, `!`, `?` (not
    /// the period of a title or an initial: `M. Dupuis`, `C.C. Wei`) and
    /// white space, or the paragraph's start; a line break inside a
    /// paragraph does not end a sentence. Looks back 600 bytes at most.
    fn sentence_start(&self, at: usize) -> usize {
        self.sentence_starts.get(at, || self.scan_sentence_start(at))
    }

    /// [`Attributor::sentence_start`], computed.
    fn scan_sentence_start(&self, at: usize) -> usize {
        let paragraph = self.paragraphs.start_of(at);
        let from = reach_back(self.text, at, 600).max(paragraph);
        let bytes = self.text.as_bytes();
        let end = memchr::memrchr3_iter(b'.', b'!', b'?', &bytes[from..at])
            .map(|k| from + k)
            .find(|&i| bytes.get(i + 1).is_some_and(u8::is_ascii_whitespace) && !self.after_abbreviation(i));
        match end {
            Some(i) => i + 1 + (self.text[i + 1..at].len() - self.text[i + 1..at].trim_start().len()),
            None => from,
        }
    }
}

/// [`Attributor::after_abbreviation`] in `text`: whether the mark at `i`
/// is a period after an initial (`K.`) or an abbreviation (`M.`).
fn closes_abbreviation(text: &str, i: usize) -> bool {
    let bytes = text.as_bytes();
    if bytes[i] != b'.' {
        return false; // `!`, `?`: no word is read
    }
    // An initial, a title or an abbreviation is shorter: after more ASCII
    // letters (most sentences' last word), none is read.
    if bytes[..i].last_chunk::<ABBREVIATION_BYTES>().is_some_and(|last| last.iter().all(u8::is_ascii_alphabetic)) {
        return false;
    }
    closes_abbreviation_by_word(text, i)
}

/// [`closes_abbreviation`], the word before the period read.
fn closes_abbreviation_by_word(text: &str, i: usize) -> bool {
    let word = letters_before(&text[..i]);
    let initial = word.chars().count() == 1 && word.starts_with(char::is_uppercase);
    initial || glaneur_lexicon::is_abbreviation(word)
}

/// `min` capitalised words or more at `at` (after spaces), on one line:
/// initials (`C.C.`), particles between them (`de`, `van`), hyphens; the
/// byte span, without a sentence's final period. A single word is never a
/// place (`Paris`).
fn capitalised_run(text: &str, at: usize, min: usize) -> Option<(usize, usize)> {
    let mut pos = at;
    let (mut start, mut end, mut count) = (None, at, 0);
    loop {
        let (s, mut e) = word_after(text, pos, |c| is_letter(c) || matches!(c, '-' | '.' | '\'' | '’'));
        if s == e {
            break;
        }
        let mut word = &text[s..e];
        // `Ezzat.`: the period ends the sentence; `C.C.` keeps its own.
        if word.ends_with('.') && word[..word.len() - 1].chars().rev().nth(1).is_some_and(char::is_alphabetic) {
            e -= 1;
            word = &text[s..e];
        }
        // Folded only when capitalised: the word that ends a run seldom is.
        let capital = word.starts_with(char::is_uppercase)
            && with_folded(word.trim_end_matches('.'), |folded| {
                let pronoun = matches!(folded, "il" | "elle" | "ils" | "elles" | "on" | "he" | "she" | "they" | "we" | "i")
                // `D'après`, `L'entreprise`, `Qu'il`: an elided word opening a sentence.
                || ["d'", "l'", "qu'", "j'", "n'", "s'", "c'"].iter().any(|p| folded.starts_with(p));
                !pronoun
                    && !glaneur_text::is_function_word(folded)
                    && !glaneur_lexicon::is_title(word.trim_end_matches('.'))
            });
        let particle =
            matches!(word, "de" | "du" | "des" | "van" | "von" | "der" | "da" | "di" | "el" | "al" | "ben" | "bin")
                && count > 0;
        // `d'Arvieu`: a particle glued to the surname.
        let glued = count > 0
            && word
                .strip_prefix("d'")
                .or_else(|| word.strip_prefix("d’"))
                .is_some_and(|r| r.starts_with(char::is_uppercase));
        if capital || glued {
            start.get_or_insert(s);
            count += 1;
            end = e;
        } else if !particle {
            break;
        }
        pos = e;
        if text[e..].starts_with(['.', ',', ';', ':']) && !word.ends_with('.') {
            break;
        }
    }
    let start = start?;
    let place = count == 1 && glaneur_lexicon::is_place(&text[start..end]);
    (count >= min && !place).then_some((start, end))
}

/// The longest two words [`two_words`] joins on the stack.
const TWO_WORDS: usize = 64;

/// `a b`: joined in `buf` when short enough (two words of a description,
/// `directeur général`), else in a string of its own.
fn two_words<'b>(buf: &'b mut [u8; TWO_WORDS], a: &str, b: &str) -> Cow<'b, str> {
    let len = a.len() + 1 + b.len();
    let Some(slot) = buf.get_mut(..len) else { return Cow::Owned([a, " ", b].concat()) };
    slot[..a.len()].copy_from_slice(a.as_bytes());
    slot[a.len()] = b' ';
    slot[a.len() + 1..].copy_from_slice(b.as_bytes());
    match std::str::from_utf8(slot) {
        Ok(joined) => Cow::Borrowed(joined),
        Err(_) => Cow::Owned([a, " ", b].concat()), // never: both are text
    }
}

/// The start of the spaces (` `, U+00A0, U+202F: those a word is read
/// past) that end at `at`, not before `from`.
fn spaces_before(bytes: &[u8], from: usize, at: usize) -> usize {
    let mut start = at;
    loop {
        let before = &bytes[from..start];
        start -= match before {
            [.., b' '] => 1,
            [.., 0xC2, 0xA0] => 2,
            [.., 0xE2, 0x80, 0xAF] => 3,
            _ => return start,
        };
    }
}

/// The verbs of saying [`Attributor::verbs_in_into`] reads in `from..to`, read
/// a character at a time (the reference it is tested against): at every
/// char not right after a letter, the verb after the spaces there.
#[cfg(test)]
fn verbs_in_by_chars(text: &str, verbs: &Verbs, from: usize, to: usize) -> Vec<(usize, Verb)> {
    let mut out = Vec::new();
    // The verb read at the last word: a space after a mark (`, dit`)
    // starts the same word again.
    let mut last: Option<(usize, Option<Verb>)> = None;
    for (i, _) in not_after(&text[from..to], is_letter) {
        let at = from + i;
        let (word, _) = word_after(text, at, |_| false);
        let verb = match last {
            Some((seen, verb)) if seen == word => verb,
            _ => last.insert((word, verbs.at(text, at))).1,
        };
        out.extend(verb.map(|v| (at, v)));
    }
    out
}

/// The chars of `text` (with their offsets) not right after a char `part`
/// accepts: where a word may start. The first char is always one.
#[cfg(test)]
fn not_after<'a>(text: &'a str, part: impl Fn(char) -> bool + 'a) -> impl Iterator<Item = (usize, char)> + 'a {
    let mut after_part = false;
    text.char_indices().filter(move |&(_, c)| !std::mem::replace(&mut after_part, part(c)))
}

/// Whether `text.to_lowercase()` holds `lower` (lower-case). Beyond
/// ASCII, only `İ` and the Kelvin sign lowercase to ASCII letters: a text
/// holding either is lowercased; in any other, the ASCII letters of the
/// lowercased text are those of the text, lowered. So an ASCII `lower` is
/// looked for in `text` itself, ASCII case ignored, with no copy; and
/// another is looked for in the lowercased text only when each of its runs
/// of ASCII is in the text (`sident` of `président`): most texts are
/// refused so.
fn contains_lowercase(text: &str, lower: &str) -> bool {
    if text.contains('İ') || text.contains('\u{212a}') {
        return occurrences(&lowercase(text), lower).next().is_some();
    }
    if lower.is_ascii() {
        return contains_ascii_ignoring_case(text, lower);
    }
    let mut ascii_runs = lower.split(|c: char| !c.is_ascii()).filter(|run| !run.is_empty());
    ascii_runs.all(|run| contains_ascii_ignoring_case(text, run))
        && occurrences(&lowercase(text), lower).next().is_some()
}

/// Whether `text` holds the ASCII `wanted`, ASCII case ignored: found from
/// its first byte, in either case.
fn contains_ascii_ignoring_case(text: &str, wanted: &str) -> bool {
    let (bytes, wanted) = (text.as_bytes(), wanted.as_bytes());
    let Some(&first) = wanted.first() else { return true };
    memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), bytes)
        .any(|i| bytes.get(i..i + wanted.len()).is_some_and(|w| w.eq_ignore_ascii_case(wanted)))
}

/// Where the words of `text` start (a letter not after a letter, an
/// apostrophe or a hyphen), the last first: read from the end, as far as
/// the caller takes them.
fn last_word_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut chars = text.char_indices().rev().peekable();
    std::iter::from_fn(move || {
        while let Some((i, c)) = chars.next() {
            if is_letter(c) && !chars.peek().is_some_and(|&(_, p)| token_words::word_char(p)) {
                return Some(i);
            }
        }
        None
    })
}

/// The letters that end `text` (its last run of [`is_letter`] chars;
/// empty when it ends with none): the word before a period, a verb, a
/// name. Read from the end by runs of ASCII letters, and past the
/// two-byte letters of French text (`é`, `ç`: U+00C0 to U+023F but `×`,
/// `÷`); by chars only past any other non-ASCII char.
fn letters_before(text: &str) -> &str {
    let bytes = text.as_bytes();
    // The run of ASCII letters ending at `end`, then the char before it.
    let mut end = bytes.len();
    loop {
        let Some(i) = bytes[..end].iter().rposition(|b| !b.is_ascii_alphabetic()) else { return text };
        // An ASCII byte is a char of its own, and no letter; a wider
        // char's last byte follows its lead byte when it has two.
        end = match (bytes[i], i.checked_sub(1).map(|j| bytes[j])) {
            (b, _) if b.is_ascii() => return &text[i + 1..],
            (b, Some(0xC3)) if b != 0x97 && b != 0xB7 => i - 1,
            (_, Some(0xC4..=0xC8)) => i - 1,
            _ => {
                let head = &text[..=i];
                let run = head.rsplit(|c: char| !is_letter(c)).next().unwrap_or("");
                return &text[head.len() - run.len()..];
            }
        };
    }
}

/// The last word of a name, after its last space (`Vallier` for `Jeanne
/// Vallier`).
fn last_word(name: &str) -> &str {
    name.as_bytes().iter().rposition(|&b| b == b' ').map_or(name, |i| &name[i + 1..])
}

/// Whether `before` ends with `de`, `du`, `des`, `d'`, `of`: what follows
/// is a noun's complement.
fn of_complement(before: &str) -> bool {
    if before.ends_with("d'") || before.ends_with("d’") {
        return true;
    }
    let last = letters_before(before.trim_end());
    before.ends_with(char::is_whitespace) && matches!(last, "de" | "du" | "des" | "of")
}

/// The words of `text` a role is made of (letters, apostrophes, hyphens).
fn role_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_letter(c) && c != '\'' && c != '’' && c != '-').filter(|w| !w.is_empty())
}

/// The text from `at`, at most `n` bytes (cut on a char boundary).
fn ahead(text: &str, at: usize, n: usize) -> &str {
    &text[at..reach_ahead(text, at, n)]
}

/// Start of the line holding `at`, looking back at most 300 bytes.
fn line_start(text: &str, at: usize) -> usize {
    let from = reach_back(text, at, 300);
    memchr::memrchr(b'\n', &text.as_bytes()[from..at]).map_or(from, |i| from + i + 1)
}

/// End of the line holding `at`, looking ahead at most 300 bytes.
fn line_end(text: &str, at: usize) -> usize {
    let rest = ahead(text, at, 300);
    memchr::memchr(b'\n', rest.as_bytes()).map_or(at + rest.len(), |i| at + i)
}

/// The end of the clause starting at `at`: a sentence mark or a quotation
/// mark — not the period of a title (`M. Dupuis`). The reference of
/// [`clause_reaches`] and [`clause_comma`], which read less.
#[cfg(test)]
fn clause_end(text: &str, at: usize) -> usize {
    let limit = line_end(text, at);
    clause_break(text, at, limit).unwrap_or(limit)
}

/// The first comma of the clause starting at `at` (before
/// `clause_end(text, at)`): the first comma within the line's 300 bytes,
/// when no clause mark is before it (a line break is one); the clause is
/// read only up to it.
fn clause_comma(text: &str, at: usize) -> Option<usize> {
    let limit = reach_ahead(text, at, 300);
    let comma = at + memchr::memchr(b',', &text.as_bytes()[at..limit])?;
    clause_break(text, at, comma).is_none().then_some(comma)
}

/// Whether the clause starting at `at` goes on up to `end` (a char
/// boundary after `at`): `end <= clause_end(text, at)`, read only up to
/// `end` (a person found may be pages away).
fn clause_reaches(text: &str, at: usize, end: usize) -> bool {
    // The line holding `at` ends at a line break (a clause mark) or
    // [`line_end`]'s 300 bytes.
    end <= reach_ahead(text, at, 300) && clause_break(text, at, end).is_none()
}

/// The first mark in `text[at..to]` that ends a clause (see
/// [`clause_end`]).
fn clause_break(text: &str, at: usize, to: usize) -> Option<usize> {
    let mut from = at;
    while let Some(i) = next_clause_mark(text, from, to) {
        let word_before = letters_before(&text[..i]);
        if text[i..].starts_with('.') && glaneur_lexicon::is_abbreviation(word_before) {
            from = i + 1;
            continue;
        }
        return Some(i);
    }
    None
}

/// Whether `text` holds a comma: found by memchr's vector search (the
/// standard library's is slower over a sentence).
fn has_comma(text: &str) -> bool {
    memchr::memchr(b',', text.as_bytes()).is_some()
}

/// Whether `text` holds a `.`, `!`, `?` or line break: read by its bytes
/// (an ASCII byte is never inside another char).
fn has_sentence_mark(text: &str) -> bool {
    text.bytes().any(|b| matches!(b, b'.' | b'!' | b'?' | b'\n'))
}

/// The starts of the occurrences of `needle` in `haystack`, leftmost and
/// not overlapping, as `str::match_indices` gives them; a short needle is
/// found from its first byte, cheaper than a searcher's set-up for a name
/// in a sentence (a long one, by the standard library's linear search).
fn occurrences<'a>(haystack: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    /// The longest needle found from its first byte: bounds the bytes
    /// compared at each candidate.
    const SHORT: usize = 32;
    let (bytes, wanted) = (haystack.as_bytes(), needle.as_bytes());
    let mut from = 0;
    std::iter::from_fn(move || {
        let Some(&first) = wanted.first() else {
            // An empty needle is at every char boundary.
            let at = (from..=bytes.len()).find(|&i| haystack.is_char_boundary(i))?;
            from = at + 1;
            return Some(at);
        };
        if wanted.len() > SHORT {
            let at = from + haystack.get(from..)?.find(needle)?;
            from = at + wanted.len();
            return Some(at);
        }
        while let Some(k) = bytes.get(from..).and_then(|rest| memchr::memchr(first, rest)) {
            let at = from + k;
            if bytes[at..].starts_with(wanted) {
                from = at + wanted.len();
                return Some(at);
            }
            from = at + 1;
        }
        None
    })
}

/// The name [`Attributor::attribution_line`] reads after a quote ending
/// at `end`: the rest of the quote's line punctuation only, then, on one
/// of the next two lines, a dash and a name (up to a comma).
fn line_name(text: &str, end: usize) -> Option<&str> {
    let rest = ahead(text, end, 600);
    // Most quotes are refused at the first char after them (no white
    // space nor punctuation), before the line's end is looked for.
    let first = blank_skipped(rest).chars().next();
    if first.is_some_and(|c| !matches!(c, '\n' | '.' | ',' | ';')) {
        return None;
    }
    let line_end = memchr::memchr(b'\n', rest.as_bytes())?;
    // The first line not blank of the next two opens with a dash: most
    // are refused at their first char, before their end is looked for.
    let mut next = blank_skipped(rest.get(line_end + 1..)?);
    if let Some(after) = next.strip_prefix('\n') {
        next = blank_skipped(after);
    }
    if !(next.starts_with(['–', '—']) || next.starts_with("- ")) {
        return None;
    }
    line_name_after(rest, line_end)
}

/// `text` from its first char that is no white space, or a line break.
fn blank_skipped(text: &str) -> &str {
    text.trim_start_matches(|c: char| c.is_whitespace() && c != '\n')
}

/// [`line_name`] once the line's end, `line_end` in `rest`, is found.
fn line_name_after(rest: &str, line_end: usize) -> Option<&str> {
    if !rest[..line_end].trim().chars().all(|c| matches!(c, '.' | ',' | ';')) {
        return None;
    }
    let next = rest[line_end + 1..].lines().take(2).map(str::trim).find(|l| !l.is_empty())?;
    let line = next.strip_prefix('–').or_else(|| next.strip_prefix('—')).or_else(|| next.strip_prefix("- "))?.trim();
    let name = line.split(',').next()?.trim();
    let quoted = name.contains(['«', '»', '“', '”', '"']); // a heading, not a name
    (!name.is_empty() && name.len() < 80 && !quoted).then_some(name)
}

/// The bytes that may begin a mark [`next_clause_mark`] finds: `.`, `;`,
/// a line break, and the lead bytes of `«`, `»` (0xC2) and `“`, `”` (0xE2).
const CLAUSE_MARK_START: [bool; 256] = {
    let mut table = [false; 256];
    let mut k = 0;
    let starts = [b'.', b';', b'\n', 0xC2, 0xE2];
    while k < starts.len() {
        table[starts[k] as usize] = true;
        k += 1;
    }
    table
};

/// The first `.`, `;`, line break, `«`, `»`, `“` or `”` in
/// `text[from..to]`, found by its bytes (a lead byte is never inside
/// another character): a byte that may begin one looked up in a table,
/// the rest of the mark read only there.
fn next_clause_mark(text: &str, from: usize, to: usize) -> Option<usize> {
    let bytes = &text.as_bytes()[..to];
    let mut at = from;
    loop {
        let i = at + bytes[at..].iter().position(|&b| CLAUSE_MARK_START[usize::from(b)])?;
        let mark = match bytes[i] {
            0xC2 => matches!(bytes.get(i + 1), Some(0xAB | 0xBB)),
            0xE2 => matches!(bytes.get(i + 1..i + 3), Some([0x80, 0x9C | 0x9D])),
            _ => true,
        };
        if mark {
            return Some(i);
        }
        at = i + 1;
    }
}

/// The last speaker of the last [`RECALL`] quotes whose gender fits
/// `gender`.
fn last_speaker<'a>(earlier: &[Attribution<'a>], gender: Option<Pronoun>) -> Option<Speaker<'a>> {
    earlier
        .iter()
        .rev()
        .take(RECALL)
        .filter(|a| compatible(a.gender, gender))
        .find_map(|a| Some(Speaker { name: a.speaker?, gender: a.gender, org: a.org }))
}

fn speaker<'a>(p: &'a PersonRef<'_>) -> Speaker<'a> {
    Speaker { name: &p.canonical, gender: p.gender, org: false }
}

fn org_speaker<'a>(o: &'a OrgRef<'_>) -> Speaker<'a> {
    Speaker { name: o.canonical(), gender: None, org: true }
}

/// Genders compatible when either is unknown.
fn compatible(a: Option<Pronoun>, b: Option<Pronoun>) -> bool {
    a.is_none() || b.is_none() || a == b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_are_told_as_by_their_word() {
        for word in glaneur_lexicon::TITLES.words().iter().chain(glaneur_lexicon::ABBREVIATIONS.words()) {
            assert!(word.len() < ABBREVIATION_BYTES, "{word:?} is too long for the shortcut");
        }
        let mut texts = glaneur_testdata::test_texts(&["quotations"]);
        texts.push("M. Mme. Mlle. St. Jr. K. É. Ω. abcd. abcde. Abcde. aMlle. xMme. é. 12345. Mgr.".to_owned());
        for text in &texts {
            for (i, _) in text.match_indices(['.', '!', '?']) {
                assert_eq!(closes_abbreviation(text, i), closes_abbreviation_by_word(text, i), "{:?}", &text[..i]);
            }
        }
    }

    #[test]
    fn a_line_name_is_read_as_from_the_line_end() {
        let mut texts = glaneur_testdata::test_texts(&["quotations"]);
        texts.push(
            "« Oui. »\n– Analyste anonyme, Bloomberg\n« Non » ,\n\n- Jean Roux\n« x »\u{a0}.\n— « y »\n« z » \r\n– A"
                .to_owned(),
        );
        for text in &texts {
            for end in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                // What the rule read: the line's end found first.
                let rest = ahead(text, end, 600);
                let by_line_end = rest.find('\n').and_then(|e| line_name_after(rest, e));
                assert_eq!(line_name(text, end), by_line_end, "{:?}", &text[end..]);
            }
        }
    }

    /// What [`letters_before`] did, a char at a time from the end.
    fn letters_before_by_chars(text: &str) -> &str {
        text.rsplit(|c: char| !is_letter(c)).next().unwrap_or("")
    }

    #[test]
    fn letters_before_are_read_as_by_chars() {
        let mut texts = glaneur_testdata::test_texts(&["quotations"]);
        texts.push(
            "M. société. Zoë. ŒUVRE. d’après × x÷y ª. µm. 1er. İl. \u{212a}elvin. 日本語. a\u{301}b. naïve\u{a0}x. "
                .to_owned(),
        );
        for text in &texts {
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                assert_eq!(letters_before(&text[..at]), letters_before_by_chars(&text[..at]), "{:?}", &text[..at]);
            }
        }
    }

    #[test]
    fn two_words_are_joined_as_concat_joins_them() {
        let long = "x".repeat(TWO_WORDS);
        for (a, b) in [("directeur", "général"), ("", ""), ("é", "ü"), (long.as_str(), "a"), ("a", &long[1..])] {
            let mut buf = [0; TWO_WORDS];
            assert_eq!(two_words(&mut buf, a, b), [a, " ", b].concat());
        }
    }

    #[test]
    fn a_clause_reaches_what_its_end_is_after() {
        let mut texts = glaneur_testdata::test_texts(&["quotations"]);
        texts.push("M. Dupuis a dit. Mme Roux, « oui ».\nSuite".to_owned());
        texts.push(format!("le PDG de {}, Jean Dupont; la dirigeante\n, Marie, et « x », y. M., z", "x".repeat(290)));
        for text in &texts {
            let starts: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            for (k, &at) in starts.iter().enumerate() {
                let end = clause_end(text, at);
                // Places on the way, and on either side of the end.
                let e = starts.partition_point(|&i| i < end);
                let near = starts[e.saturating_sub(1).max(k)..].iter().take(3);
                for &to in starts[k..].iter().take(400).step_by(9).chain(near) {
                    assert_eq!(clause_reaches(text, at, to), to <= end, "{}", &text[at..to]);
                }
                let comma = text[at..end].find(',').map(|i| at + i);
                assert_eq!(clause_comma(text, at), comma, "{}", &text[at..end]);
            }
        }
    }

    #[test]
    fn a_verb_is_looked_for_only_after_a_word() {
        let (verbs, nouns) = (Verbs::load(), Nouns::load());
        let mut texts = glaneur_testdata::test_texts(&["quotations"]);
        texts.push("a déclaré, X a dit- Y, rappelle l' Z a-t-il (W affirme ’ V".to_owned());
        for text in &texts {
            let paragraphs = Paragraphs::new(text);
            let buf = glaneur_schema::DocumentBuf::new(text).expect("a short text");
            let room = Room::default();
            let rules = Attributor::new(buf.document(), &[], &[], &[], (&verbs, &nouns), &paragraphs, &room);
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let from = rules.sentence_start(at);
                assert_eq!(rules.after_a_verb(from, at), rules.after_a_verb_read(from, at), "{}", &text[from..at]);
            }
        }
    }

    #[test]
    fn word_starts_are_read_from_the_end_as_from_the_start() {
        let part = |p: char| p.is_alphabetic() || matches!(p, '\'' | '’' | '-');
        let mut texts = glaneur_testdata::test_texts(&["quotations"]);
        texts.push("l’a dit-il 3x «Oui» É. ".to_owned());
        for text in &texts {
            let starts: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            for &at in starts.iter().step_by(7) {
                let before = &text[..at];
                let mut forward: Vec<usize> =
                    not_after(before, part).filter(|&(_, c)| c.is_alphabetic()).map(|(i, _)| i).collect();
                forward.reverse();
                assert_eq!(last_word_starts(before).collect::<Vec<_>>(), forward, "{before}");
            }
        }
    }

    /// What [`Attributor::salient_org`] did: every mention's place read.
    fn salient_org_by_every_place<'a>(
        rules: &Attributor<'_, 'a>,
        at: usize,
        media: bool,
        earlier: &[Attribution<'a>],
    ) -> Option<Speaker<'a>> {
        let last_org_speaker = earlier.iter().rev().take(RECALL).find(|a| a.org).and_then(|a| a.speaker);
        let before = &rules.orgs[..rules.orgs.partition_point(|o| o.end <= at)];
        let recent = before.iter().rev().filter(|o| !rules.inside_quote(o.start) && (!media || o.media())).take(RECALL);
        let mut scores: Vec<(&OrgRef, u32, usize)> = Vec::new();
        for (rank, o) in recent.enumerate() {
            let points = match rules.place_of(o.start) {
                Place::Subject => 6,
                Place::Complement => 1,
                Place::Other => 2,
            };
            match scores.iter_mut().find(|(seen, _, _)| seen.canonical() == o.canonical()) {
                Some(entry) => entry.1 += points,
                None => {
                    let spoke = if last_org_speaker == Some(o.canonical()) { 6 } else { 0 };
                    scores.push((o, points + spoke + u32::from(rank == 0), rank));
                }
            }
        }
        let best = scores.into_iter().max_by_key(|&(_, score, rank)| (score, std::cmp::Reverse(rank)));
        best.map(|(o, _, _)| org_speaker(o))
    }

    #[test]
    fn the_salient_organisation_is_the_one_every_place_read_gives() {
        let (verbs, nouns) = (Verbs::load(), Nouns::load());
        let names = [("Nexalis", false), ("Vireo", false), ("Le Parisien", true), ("Orbéa", false), ("Tessaly", true)];
        // Each name as a subject, a complement, after a verb, elsewhere,
        // inside a quote.
        let pieces = [
            "{} a annoncé un plan. ",
            "Le groupe de {} vend. ",
            "Issue du {} et de {}, la startup grandit. ",
            "« Rien », explique {}. ",
            "Hier, {} et {} ont signé. ",
            "« Chez {}, tout va bien. » ",
            "Selon {}, le marché croît. ",
            "La société {} recrute.\n\n",
            "Un texte sans nom. ",
        ];
        let mut draws = glaneur_testdata::Draws::new(17);
        let mut next = |n: usize| draws.below(n);
        let (mut compared, mut different_ones) = (0, 0);
        for _ in 0..400 {
            let mut text = String::new();
            for _ in 0..next(12) + 1 {
                let piece = pieces[next(pieces.len())];
                let mut parts = piece.split("{}");
                text.push_str(parts.next().unwrap_or_default());
                for part in parts {
                    text.push_str(names[next(names.len())].0);
                    text.push_str(part);
                }
            }
            let mut orgs: Vec<OrgRef> = names
                .iter()
                .flat_map(|&(name, media)| {
                    text.match_indices(name).map(move |(i, _)| OrgRef::known(i, i + name.len(), name, media))
                })
                .collect();
            orgs.sort_by_key(|o| o.start);
            let quotes = crate::marks::quotes(&text);
            let paragraphs = Paragraphs::new(&text);
            let buf = glaneur_schema::DocumentBuf::new(&text).expect("a short text");
            let room = Room::default();
            let rules = Attributor::new(buf.document(), &quotes, &[], &orgs, (&verbs, &nouns), &paragraphs, &room);
            let spoke = |name: &'static str| Attribution { speaker: Some(name), org: true, ..Attribution::none() };
            let earlier =
                [vec![], vec![spoke(names[next(names.len())].0)], vec![spoke(names[0].0), Attribution::none()]];
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)).step_by(5) {
                for (media, earlier) in [(false, &earlier[0]), (true, &earlier[1]), (false, &earlier[2])] {
                    let found = rules.salient_org(at, media, earlier);
                    assert_eq!(found, salient_org_by_every_place(&rules, at, media, earlier), "{at} in {text:?}");
                    compared += 1;
                    let first = orgs.iter().rev().find(|o| o.end <= at).map(OrgRef::canonical);
                    different_ones += usize::from(found.is_some_and(|s| Some(s.name) != first));
                }
            }
        }
        // Not only the nearest one: the scores decide.
        assert!(compared > 10_000 && different_ones > 1000, "{compared} compared, {different_ones} not the nearest");
    }

    #[test]
    fn sentence_bounds_are_found_by_their_marks_as_byte_by_byte() {
        let (verbs, nouns) = (Verbs::load(), Nouns::load());
        let mut texts = glaneur_testdata::test_texts(&["quotations"]);
        texts.push("M. Dupuis a dit. « Oui ! » C.C. Wei ?\n\n Non.\nFin. Ah".to_owned());
        for text in &texts {
            let paragraphs = Paragraphs::new(text);
            let buf = glaneur_schema::DocumentBuf::new(text).expect("a short text");
            let room = Room::default();
            let rules = Attributor::new(buf.document(), &[], &[], &[], (&verbs, &nouns), &paragraphs, &room);
            let bytes = text.as_bytes();
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                // What the scans did, a byte at a time.
                let limit = reach_ahead(text, at, 300);
                let end = (at..limit)
                    .find(|&i| {
                        let terminal = matches!(bytes[i], b'.' | b'!' | b'?')
                            && bytes.get(i + 1).is_none_or(u8::is_ascii_whitespace);
                        terminal && !rules.after_abbreviation(i) || bytes[i..].starts_with(b"\n\n")
                    })
                    .unwrap_or(limit);
                assert_eq!(rules.scan_sentence_end(at), end, "{}", &text[at..]);
                let from = reach_back(text, at, 600).max(paragraphs.start_of(at));
                let start = (from..at)
                    .rev()
                    .find(|&i| {
                        matches!(bytes[i], b'.' | b'!' | b'?')
                            && bytes.get(i + 1).is_some_and(u8::is_ascii_whitespace)
                            && !rules.after_abbreviation(i)
                    })
                    .map_or(from, |i| i + 1 + (text[i + 1..at].len() - text[i + 1..at].trim_start().len()));
                assert_eq!(rules.scan_sentence_start(at), start, "{}", &text[..at]);
            }
        }
    }

    #[test]
    fn verbs_are_read_in_a_clause_from_the_tokens_as_from_the_chars() {
        let (verbs, nouns) = (Verbs::load(), Nouns::load());
        let mut texts = glaneur_testdata::test_texts(&["quotations"]);
        texts.push(
            "X, a déclaré. «\u{a0} a dit » ; -dit l'a jugée, dʼaprès, de\u{301}clare, souligne-t-il :  ajoute"
                .to_owned(),
        );
        texts.push("Il a\u{202f}\u{a0} déclaré -t-il indiqué 3a dit Élodie-a dit, ’a dit".to_owned());
        let mut found = 0;
        for text in &texts {
            let paragraphs = Paragraphs::new(text);
            let buf = glaneur_schema::DocumentBuf::new(text).expect("a short text");
            let room = Room::default();
            let rules = Attributor::new(buf.document(), &[], &[], &[], (&verbs, &nouns), &paragraphs, &room);
            let starts: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            // Clauses of a few hundred bytes at most, as before a quote.
            for (k, &from) in starts.iter().enumerate().step_by(5) {
                for &to in starts[k..].iter().take(400).step_by(41) {
                    let by_chars = verbs_in_by_chars(text, &verbs, from, to);
                    let by_tokens = rules.verbs_in(from, to);
                    let differ = by_tokens.iter().zip(&by_chars).position(|(a, b)| a != b);
                    let k = differ.unwrap_or(by_tokens.len().min(by_chars.len()));
                    let first = |found: &[(usize, Verb)]| found.get(k).map_or(to, |&(at, _)| at);
                    let at = first(&by_tokens).min(first(&by_chars));
                    let near = |found: &[(usize, Verb)]| found.get(k).copied();
                    let context = text.get(at.saturating_sub(20)..(at + 20).min(text.len()));
                    assert_eq!(
                        by_tokens,
                        by_chars,
                        "{from}..{to} at {at} {context:?}: {:?} {:?}",
                        near(&by_tokens),
                        near(&by_chars)
                    );
                    found += by_chars.len();
                }
            }
        }
        assert!(found > 1000, "{found} verbs");
    }

    #[test]
    fn last_words_are_the_splits() {
        let mut texts = glaneur_testdata::test_texts(&["quotations"]);
        texts.push("M. Dupuis a dit. Élodie K. Ωmega x3 l’État ΣΑΣ 😀é  ".to_owned());
        for text in &texts {
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let line = text[..at].rsplit('\n').next().unwrap_or(&text[..at]);
                assert_eq!(last_word(line), line.rsplit(' ').next().unwrap_or(line), "{line}");
            }
        }
    }

    #[test]
    fn only_two_chars_beyond_ascii_lowercase_to_ascii() {
        let to_ascii: Vec<char> =
            (0x80..=0x10FFFF).filter_map(char::from_u32).filter(|c| c.to_lowercase().any(|l| l.is_ascii())).collect();
        assert_eq!(to_ascii, ['İ', '\u{212a}']);
    }

    #[test]
    fn a_lower_case_word_is_found_as_in_the_text_lowercased() {
        let mut texts = glaneur_testdata::test_texts(&["quotations"]);
        texts.extend(
            [
                "Le Vice-Président a dit",
                "LA DIRIGEANTE",
                "İzmir",
                "\u{212a}elvin",
                "ΟΔΟΣ σ",
                "LA PRÉSIDENTE GÉNÉRALE",
                "PRÉsident",
                "L’État, l'ÉTAT",
                "présiDENT",
            ]
            .map(str::to_owned),
        );
        let words = [
            "vice-président",
            "ceo",
            "dirigeante",
            "pdg",
            "",
            "said",
            "élodie",
            "izmir",
            "kelvin",
            "directeur",
            "président",
            "générale",
            "é",
            "ministre déléguée",
            "l'état",
            "l’état",
        ];
        for text in &texts {
            for word in words {
                let expected = occurrences(&text.to_lowercase(), word).next().is_some();
                assert_eq!(contains_lowercase(text, word), expected, "{word} in {text}");
            }
        }
    }

    #[test]
    fn occurrences_are_match_indices() {
        let texts = glaneur_testdata::test_texts(&["quotations"]);
        let long = "a".repeat(40);
        let needles = ["", "a", "aa", "é", "Dupont", " ", "’", "la", "« ", "s.", &long];
        let longer = "a".repeat(100);
        for text in texts.iter().map(String::as_str).chain(["aaa", "aaaa éé", "", &longer]) {
            for needle in needles {
                let by_std: Vec<usize> = text.match_indices(needle).map(|(i, _)| i).collect();
                assert_eq!(occurrences(text, needle).collect::<Vec<_>>(), by_std, "{needle:?} in {text}");
            }
        }
    }

    #[test]
    fn clause_marks_are_found_by_bytes_as_by_chars() {
        let mut texts = glaneur_testdata::test_texts(&["quotations"]);
        texts.push("« a » “b” ‘c’ „d“ ‹e› a.b;c\nd … « »".to_owned());
        for text in &texts {
            let starts: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            for (k, &from) in starts.iter().enumerate() {
                for &to in starts[k..].iter().take(40).chain(starts.last()) {
                    let by_chars = text[from..to].find(['.', ';', '\n', '«', '»', '“', '”']).map(|e| from + e);
                    assert_eq!(next_clause_mark(text, from, to), by_chars, "{}", &text[from..to]);
                }
            }
        }
    }
}
