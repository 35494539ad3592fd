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

use glaneur_text::{is_letter, reach_ahead, reach_back, sentence, Paragraphs};

use crate::marks::Quote;
use crate::verbs::{next_words, word_after, Pronoun, Verbs};

/// A person found by the people plugin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRef {
    /// Byte span.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The fullest form of the name.
    pub canonical: String,
    /// The gender the first name takes, when known.
    pub gender: Option<Pronoun>,
}

/// An organisation found by the organizations plugin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgRef {
    /// Byte span.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// Who said a quotation, and by which rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// The speaker, as a name (or a description when no name is known).
    pub speaker: Option<String>,
    /// The rule that fired (`none` when none did).
    pub rule: &'static str,
    /// A bare quote paragraph continuing the previous speaker.
    pub implicit: bool,
    /// The speaker's gender, when known (for later pronouns).
    pub gender: Option<Pronoun>,
}

impl Attribution {
    fn none() -> Self {
        Attribution::nobody("none")
    }

    /// Attributed by `rule`, to nobody named.
    fn nobody(rule: &'static str) -> Self {
        Attribution { speaker: None, rule, implicit: false, gender: None }
    }

    fn to(speaker: Speaker, rule: &'static str) -> Self {
        Attribution { speaker: Some(speaker.name), rule, implicit: false, gender: speaker.gender }
    }
}

/// A speaker read in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Speaker {
    name: String,
    gender: Option<Pronoun>,
}

/// How many earlier person mentions (and earlier quotes) a pronoun or a
/// description looks back over, the nearest first; those inside quotes (and
/// quotes with no speaker) count towards it but are not taken. An article
/// names far fewer before any one quote; the bound keeps a document of
/// thousands of quotes and people linear (every quote used to walk every
/// earlier person).
pub(crate) const RECALL: usize = 64;

/// Everything the rules read.
pub struct Attributor<'a> {
    /// The document.
    pub text: &'a str,
    /// Its quotations, in order.
    pub quotes: &'a [Quote],
    /// Its people, in order.
    pub persons: &'a [PersonRef],
    /// Its organisations, in order.
    pub orgs: &'a [OrgRef],
    /// The verbs of saying.
    pub verbs: &'a Verbs,
    /// The document's paragraphs, found once.
    pub paragraphs: &'a Paragraphs,
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

impl Attributor<'_> {
    /// The attribution of every quotation, in order.
    pub fn attribute(&self) -> Vec<Attribution> {
        let mut out: Vec<Attribution> = Vec::with_capacity(self.quotes.len());
        let mut last_attributed = None;
        for (k, q) in self.quotes.iter().enumerate() {
            let found = self.one(k, q, &out, last_attributed);
            if found.speaker.is_some() {
                last_attributed = Some(k);
            }
            out.push(found);
        }
        out
    }

    /// `last_attributed`: the last earlier quote with a speaker.
    fn one(&self, k: usize, q: &Quote, earlier: &[Attribution], last_attributed: Option<usize>) -> Attribution {
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
        match self.before(q, earlier) {
            Some((Some(s), rule)) => return Attribution::to(s, rule),
            Some((None, rule)) => return Attribution::nobody(rule),
            None => {}
        }
        // The previous attributed quote, when in this or the previous paragraph.
        let previous = last_attributed.map(|j| (&self.quotes[j], &earlier[j]));
        if let Some((pq, pa)) = previous {
            let here = self.paragraphs.start_of(q.start);
            let there = self.paragraphs.start_of(pq.start);
            let previous_paragraph = there < here && self.paragraphs.start_of(here.saturating_sub(1)) <= there;
            if self.is_bare_paragraph(q) && (previous_paragraph || there == here) {
                return Attribution { implicit: true, rule: "continuation", ..pa.clone() };
            }
            // `"We are not done," said X. "We are just getting started."`
            let starts_sentence = self.text[self.sentence_start(q.start)..q.start].trim().is_empty();
            if there == here && starts_sentence && k > 0 && earlier[k - 1].speaker.is_some() {
                return Attribution { implicit: false, rule: "same-paragraph", ..pa.clone() };
            }
            if previous_paragraph && pa.rule != "attribution-line" {
                return Attribution { implicit: false, rule: "previous-paragraph", ..pa.clone() };
            }
        }
        Attribution::none()
    }

    /// A quote on a line that starts with a dash and holds no verb of saying
    /// after it: a heading.
    fn is_heading(&self, q: &Quote) -> bool {
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
    fn split(&self, k: usize, earlier: &[Attribution]) -> Option<Attribution> {
        let previous = self.quotes.get(k.checked_sub(1)?)?;
        let first = &earlier[k - 1];
        let between = &self.text[previous.end..self.quotes[k].start];
        let joined = !between.contains(['.', '!', '?', '\n']) && between.trim_end().ends_with([':', ',']);
        let attributed = matches!(first.rule, "verb-after" | "descriptive-mention" | "pronoun-inversion");
        let verb = self.verbs.at(self.text, previous.end + between.find(|c: char| c.is_alphabetic())?).is_some();
        (joined && attributed && verb && first.speaker.is_some())
            .then(|| Attribution { rule: "split-quote", ..first.clone() })
    }

    /// Rule 2: after the quote, or after the later quotes of its sentence.
    fn after(&self, k: usize, earlier: &[Attribution]) -> Option<Attribution> {
        let q = &self.quotes[k];
        let mut candidates = vec![q.end];
        let mut from = q.end;
        // The later quotes of the sentence: a few, close by (an unpunctuated
        // page of quotes must not make this quadratic).
        for next in self.quotes[k + 1..].iter().take(4) {
            let between = &self.text[from..next.start];
            if between.len() > 300 || between.contains(['.', '!', '?', '\n']) {
                break;
            }
            candidates.push(next.end);
            from = next.end;
        }
        candidates.into_iter().find_map(|at| self.after_at(at, q, earlier))
    }

    /// `, commente X`, `, détaille-t-il`, `, selon X`, `," said X`, `, X a déclaré`.
    fn after_at(&self, at: usize, q: &Quote, earlier: &[Attribution]) -> Option<Attribution> {
        let rest = &self.text[at..];
        let trimmed = rest.trim_start_matches([' ', '\u{a0}', '\u{202f}']);
        let trimmed = trimmed.strip_prefix(',').unwrap_or(trimmed);
        let pos = self.text.len() - trimmed.len();
        let words = next_words(self.text, pos, 1);
        if matches!(words.first().map(|w| w.0.as_ref()), Some("selon" | "d'après" | "according")) {
            let mut after = words[0].1;
            if let Some(rest) = self.text[after..].trim_start().strip_prefix("to ") {
                after = self.text.len() - rest.len();
            }
            // `selon un analyste de Morgan Stanley`: attributed, to nobody named.
            return Some(self.name_at(after).map_or(Attribution::nobody("selon"), |s| Attribution::to(s, "selon")));
        }
        // `lui répond X`, `leur assure X`: a clitic pronoun before the verb
        // (after trying it as part of a reflexive verb: `se félicite`).
        let pos = match words.first().map(|w| w.0.as_ref()) {
            Some("lui" | "leur" | "nous" | "me" | "se" | "s'") if self.verbs.at(self.text, pos).is_none() => words[0].1,
            _ => pos,
        };
        if let Some(verb) = self.verbs.at(self.text, pos) {
            if let Some(pronoun) = verb.pronoun {
                return self.pronoun(pronoun, q.start, earlier).map(|s| Attribution::to(s, "pronoun-inversion"));
            }
            return self.speaker_after_verb(verb.end, q.start, earlier);
        }
        // English `, he added`.
        if let Some((pronoun, end)) = next_words(self.text, pos, 1).first().and_then(|(w, end)| match w.as_ref() {
            "he" => Some((Pronoun::Masculine, *end)),
            "she" => Some((Pronoun::Feminine, *end)),
            _ => None,
        }) {
            if self.verbs.at(self.text, end).is_some() {
                return self.pronoun(pronoun, q.start, earlier).map(|s| Attribution::to(s, "pronoun-inversion"));
            }
        }
        // `"…," Sam Altman said.`, `"…," X, an analyst at Y, told reporters`: a name, then the verb.
        let next_person = self.persons.get(self.persons.partition_point(|p| p.start < pos));
        let Some(person) = next_person.filter(|p| self.text[pos..p.start].trim().is_empty()) else {
            return self.word_then_verb(pos).map(|s| Attribution::to(s, "verb-after"));
        };
        let mut verb_at = person.end;
        if self.text[verb_at..].starts_with(',') {
            let close = self.text[verb_at + 1..].find([',', '.', '\n']).map(|e| verb_at + 1 + e)?;
            if self.text[close..].starts_with(',') && close - verb_at < 120 {
                verb_at = close + 1;
            }
        }
        self.verbs.at(self.text, verb_at).map(|_| Attribution::to(speaker(person), "verb-after"))
    }

    /// `"…," Altman wrote`: one capitalised word no person starts (a
    /// surname alone, an organisation) at `at`, then a verb of saying.
    fn word_then_verb(&self, at: usize) -> Option<Speaker> {
        let (start, end) = word_after(self.text, at, |c| is_letter(c) || c == '-');
        let word = &self.text[start..end];
        let capitalised = word.chars().nth(1).is_some() && word.starts_with(char::is_uppercase);
        if !capitalised || glaneur_text::is_function_word(word) {
            return None;
        }
        self.verbs.at(self.text, end).map(|_| Speaker { name: word.to_owned(), gender: None })
    }

    /// `« A, poursuit-elle, B. »`: an incise inside the marks.
    fn incise(&self, q: &Quote, earlier: &[Attribution]) -> Option<Attribution> {
        let inner = &self.text[q.inner_start..q.inner_end];
        for (i, _) in inner.match_indices(", ") {
            let at = q.inner_start + i + 2;
            let Some(verb) = self.verbs.at(self.text, at) else { continue };
            if !self.text[verb.end..].trim_start().starts_with(',') && verb.pronoun.is_some() {
                continue;
            }
            return match verb.pronoun {
                Some(pronoun) => self.pronoun(pronoun, q.start, earlier).map(|s| Attribution::to(s, "incise")),
                None => self
                    .name_at(verb.end)
                    .filter(|_| self.text[verb.end..q.inner_end].contains(','))
                    .map(|s| Attribution::to(s, "incise")),
            };
        }
        None
    }

    /// The speaker named after a verb: a person (past a role: `le PDG,
    /// Satya Nadella`), an unknown capitalised name, or a description.
    fn speaker_after_verb(&self, at: usize, quote_start: usize, earlier: &[Attribution]) -> Option<Attribution> {
        if let Some(s) = self.name_at(at) {
            return Some(Attribution::to(s, "verb-after"));
        }
        let words = next_words(self.text, at, 6);
        let first = words.first()?.0.as_ref();
        if matches!(first, "un" | "une" | "des" | "a" | "an") {
            return Some(Attribution::nobody("indefinite"));
        }
        // `l'expert` is one word here.
        let gender = if first.starts_with("l'") { None } else { is_definite(first)? };
        // `l'expert de Wedbush Securities`: up to the end of the clause.
        let clause_end = self.text[at..].find([',', '.', ';', ':', '\n', '«', '(']).map_or(self.text.len(), |e| at + e);
        let description = self.text[at..clause_end].trim();
        let s = self
            .resolve_description(at, clause_end, gender, quote_start, earlier)
            .unwrap_or(Speaker { name: description.to_owned(), gender });
        Some(Attribution::to(s, "descriptive-mention"))
    }

    /// A person starting at `at` (spaces skipped), or past a role and a
    /// comma (`le PDG, Satya Nadella`, `la commissaire européenne Margrethe
    /// Vestager`), or an unknown capitalised name.
    fn name_at(&self, at: usize) -> Option<Speaker> {
        let limit = clause_end(self.text, at);
        let first = self.persons.partition_point(|p| p.start < at);
        let person = self.persons.get(first).filter(|p| p.end <= limit)?;
        let between = &self.text[at..person.start];
        // An organisation after `de`, `d'`, `chez` belongs to the role (`le
        // PDG de Nvidia, Jensen Huang`): its words are no role words, and it
        // is no organisation standing before the person.
        let first_org = self.orgs.partition_point(|o| o.start < at);
        let orgs_between = self.orgs[first_org..].iter().take_while(|o| o.end <= person.start);
        let (mut words, mut from, mut no_org) = (Vec::new(), at, true);
        for o in orgs_between {
            let before = &self.text[from..o.start];
            let of_role = before.ends_with("d'")
                || before.ends_with("d’")
                || before.ends_with(' ')
                    && matches!(before.trim_end().rsplit(' ').next(), Some("de" | "du" | "des" | "chez" | "of" | "at"));
            no_org &= of_role;
            words.extend(role_words(before));
            from = o.end;
        }
        words.extend(role_words(&self.text[from..person.start]));
        // At most a determiner and a role of a few words (lower-case, an
        // acronym such as `PDG`, or a title such as `Mme`).
        let role_word = |w: &&str| {
            w.chars().next().is_some_and(char::is_lowercase)
                || (w.len() <= 4 && w.chars().all(|c| c.is_uppercase()))
                || glaneur_lexicon::is_title(w)
        };
        let role_only = words.len() <= 5 && words.iter().all(role_word);
        if between.trim().is_empty() || (role_only && no_org) {
            return Some(speaker(person));
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
        earlier: &[Attribution],
    ) -> Option<Speaker> {
        let recent: Vec<&PersonRef> = self.recent_persons(quote_start).collect();
        // The same organisation near an earlier person.
        let first_org = self.orgs.partition_point(|o| o.start < start);
        if let Some(org) = self.orgs.get(first_org).filter(|o| o.end <= end) {
            let name = &self.text[org.start..org.end];
            if let Some(p) = recent.iter().find(|p| sentence(self.text, p.start, p.end, 200).contains(name)) {
                return Some(speaker(p));
            }
        }
        // The same role noun near an earlier person (`son vice-président`).
        let description = self.text[start..end].to_lowercase();
        let role = description.split(|c: char| !c.is_alphabetic() && c != '-').find(|w| w.len() > 3);
        if let Some(role) = role {
            if let Some(p) = recent.iter().find(|p| window(self.text, p.start, p.end, 80).to_lowercase().contains(role))
            {
                return Some(speaker(p));
            }
        }
        // The last person named before, else the last speaker, of that gender when known.
        recent.into_iter().find(|p| compatible(p.gender, gender)).map(speaker).or_else(|| last_speaker(earlier, gender))
    }

    /// The last person named before `before` (the quote, or the pronoun's
    /// verb for a pronoun before it; outside quotes, among the last
    /// [`RECALL`]) whose gender fits the pronoun, else the last speaker who
    /// fits.
    fn pronoun(&self, pronoun: Pronoun, before: usize, earlier: &[Attribution]) -> Option<Speaker> {
        self.recent_persons(before)
            .find(|p| compatible(p.gender, Some(pronoun)))
            .map(speaker)
            .or_else(|| last_speaker(earlier, Some(pronoun)))
    }

    /// Of the last [`RECALL`] persons named before `at`, those outside
    /// quotes, the nearest first: the ones a pronoun or a description may
    /// stand for.
    fn recent_persons(&self, at: usize) -> impl Iterator<Item = &PersonRef> {
        self.persons_before(at).iter().rev().take(RECALL).filter(|p| !self.inside_quote(p.start))
    }

    /// Whether `at` is inside a quotation (binary search: quotes are sorted).
    fn inside_quote(&self, at: usize) -> bool {
        let k = self.quotes.partition_point(|q| q.start < at);
        k > 0 && self.quotes[k - 1].end > at
    }

    /// The persons named before `at`, in order.
    fn persons_before(&self, at: usize) -> &[PersonRef] {
        &self.persons[..self.persons.partition_point(|p| p.end <= at)]
    }

    /// Rule 3: `« … »` then, on the next line, `– Analyste anonyme, Bloomberg`.
    fn attribution_line(&self, q: &Quote) -> Option<Speaker> {
        let rest = ahead(self.text, q.end, 600);
        let line_end = rest.find('\n')?;
        if !rest[..line_end].trim().chars().all(|c| matches!(c, '.' | ',' | ';')) {
            return None;
        }
        let next = rest[line_end + 1..].lines().take(2).map(str::trim).find(|l| !l.is_empty())?;
        let line =
            next.strip_prefix('–').or_else(|| next.strip_prefix('—')).or_else(|| next.strip_prefix("- "))?.trim();
        let name = line.split(',').next()?.trim();
        let quoted = name.contains(['«', '»', '“', '”', '"']); // a heading, not a name
        (!name.is_empty() && name.len() < 80 && !quoted).then(|| Speaker { name: name.to_owned(), gender: None })
    }

    /// Rule 4: in the sentence before the quote. A verb of saying whose
    /// subject is a pronoun (`Elle a ajouté : « … »`, `He added: "…"`) gives
    /// the last person of that gender; one whose subject is no named person
    /// (`Un salarié … décrit une ambiance « … »`) gives `(None,
    /// "anonymous")`: speech, nobody named.
    fn before(&self, q: &Quote, earlier: &[Attribution]) -> Option<(Option<Speaker>, &'static str)> {
        let sentence_start = self.sentence_start(q.start);
        let clause = &self.text[sentence_start..q.start];
        // ASCII lowercasing keeps byte offsets (`İ` lowercases to two chars).
        let lower = clause.to_ascii_lowercase();
        // `selon X, « … »`, `pour X, c'est « … »`, `d'après X`
        for (cue, rule) in [
            ("selon ", "selon"),
            ("d'après ", "selon"),
            ("d’après ", "selon"),
            ("according to ", "selon"),
            ("pour ", "pour"),
        ] {
            let mut search = 0;
            while let Some(i) = lower[search..].find(cue) {
                let at = sentence_start + search + i + cue.len();
                let boundary = search + i == 0 || !lower[..search + i].ends_with(char::is_alphabetic);
                if boundary && self.comma_after_name(at, q.start) {
                    if let Some(s) = self.name_at(at) {
                        return Some((Some(s), rule));
                    }
                    // `selon l'analyste de Morgan Stanley, « … »`: attributed,
                    // to nobody named (`pour` has other uses: `pour la première fois`).
                    if rule == "selon" && q.start - at < 100 {
                        return Some((None, rule));
                    }
                }
                search += i + cue.len();
            }
        }
        // `X a déclaré : « … »`, `X estime que « … »`: a verb of saying, then its subject before it.
        let mut best: Option<(Option<Speaker>, &'static str)> = None;
        for (i, _) in clause.char_indices().filter(|(i, _)| *i == 0 || !clause[..*i].ends_with(char::is_alphabetic)) {
            let at = sentence_start + i;
            let Some(verb) = self.verbs.at(self.text, at) else { continue };
            if verb.pronoun.is_some() {
                continue;
            }
            let subject = self.persons_before(at).last().filter(|p| p.start >= sentence_start);
            let tail = self.text[verb.end..q.start].trim_end();
            // `Il précise que`, `She said:`: the pronoun right before the verb.
            let pronoun = || match self.text[sentence_start..at].trim_end().rsplit(|c: char| !c.is_alphabetic()).next()
            {
                Some("il" | "Il" | "he" | "He") => Some(Pronoun::Masculine),
                Some("elle" | "Elle" | "she" | "She") => Some(Pronoun::Feminine),
                _ => None,
            };
            best = match subject {
                Some(p) => Some((Some(speaker(p)), if tail.ends_with(':') { "speaker-before" } else { "estime-que" })),
                // The pronoun stands for someone named before it, not for
                // the object of the verb (`Elle a répondu à Lise Meitner :`).
                None => match pronoun().and_then(|p| self.pronoun(p, at, earlier)) {
                    Some(s) => Some((Some(s), "pronoun-before")),
                    None if best.is_none() => Some((None, "anonymous")),
                    None => best,
                },
            };
        }
        best
    }

    /// Whether the name at `at` is followed by a comma before the quote
    /// (`selon X, « … »`; not `pour les marchés « … »`).
    fn comma_after_name(&self, at: usize, quote_start: usize) -> bool {
        self.text[at..quote_start].contains(',') || self.text[at..quote_start].trim_end().ends_with(':')
    }

    /// Start of the sentence holding `at`.
    fn sentence_start(&self, at: usize) -> usize {
        let s = sentence(self.text, at, at, 400);
        glaneur_text::offset_in(self.text, s)
    }
}

/// The words of `text` a role is made of (letters, apostrophes, hyphens).
fn role_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphabetic() && c != '\'' && c != '’' && c != '-').filter(|w| !w.is_empty())
}

/// The text from `at`, at most `n` bytes (cut on a char boundary).
fn ahead(text: &str, at: usize, n: usize) -> &str {
    &text[at..reach_ahead(text, at, n)]
}

/// Start of the line holding `at`, looking back at most 300 bytes.
fn line_start(text: &str, at: usize) -> usize {
    let from = reach_back(text, at, 300);
    text[from..at].rfind('\n').map_or(from, |i| from + i + 1)
}

/// End of the line holding `at`, looking ahead at most 300 bytes.
fn line_end(text: &str, at: usize) -> usize {
    let rest = ahead(text, at, 300);
    rest.find('\n').map_or(at + rest.len(), |i| at + i)
}

/// The end of the clause starting at `at`: a sentence mark or a quotation
/// mark — not the period of a title (`M. Dupuis`).
fn clause_end(text: &str, at: usize) -> usize {
    let mut from = at;
    let limit = line_end(text, at);
    while let Some(e) = text[from..limit].find(['.', ';', '\n', '«', '»', '“', '”']) {
        let i = from + e;
        let word_before = text[..i].rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        if text[i..].starts_with('.') && glaneur_lexicon::is_abbreviation(word_before) {
            from = i + 1;
            continue;
        }
        return i;
    }
    limit
}

/// The last speaker of the last [`RECALL`] quotes whose gender fits
/// `gender`.
fn last_speaker(earlier: &[Attribution], gender: Option<Pronoun>) -> Option<Speaker> {
    earlier
        .iter()
        .rev()
        .take(RECALL)
        .filter(|a| compatible(a.gender, gender))
        .find_map(|a| Some(Speaker { name: a.speaker.clone()?, gender: a.gender }))
}

fn speaker(p: &PersonRef) -> Speaker {
    Speaker { name: p.canonical.clone(), gender: p.gender }
}

/// Genders compatible when either is unknown.
fn compatible(a: Option<Pronoun>, b: Option<Pronoun>) -> bool {
    a.is_none() || b.is_none() || a == b
}

/// The text within `reach` bytes around `start..end`, on char boundaries.
fn window(text: &str, start: usize, end: usize, reach: usize) -> &str {
    &text[reach_back(text, start, reach)..reach_ahead(text, end, reach)]
}
