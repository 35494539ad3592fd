//! Organisations the gazetteer lacks, from the words around them:
//!
//! - a cue noun after a determiner, then the name (`la start-up Lumiora`,
//!   `le fabricant de puces bordelais Siliciel`);
//! - a corporate suffix ending a capitalised name (`Kestrel Capital`,
//!   `Nabla Technologies`, `Ferrovia AI`);
//! - an apposition (`Datamire, une société de conseil`);
//!
//! then every other mention of a name found so. Canonical = the name as
//! written; lower confidence than the gazetteer.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use glaneur_schema::{Case, Document, PhraseMatch, Phrases};
use glaneur_text::find_names_into;

use crate::lexicon::{
    cue_determiner, is_function_word, is_link_word, is_not_a_name, is_org_verb, is_suffix, CUE_NOUNS, OF_NOUNS,
    SUFFIXES,
};
use crate::rule_names::{self, Part, OF_WORDS};
use crate::taken::Taken;
use crate::words::{after_token, before, before_token, capital_within, folded_tokens, After, Before, Word};
use crate::Mention;
use glaneur_text::is_whole_word;

/// The word lists the rules look for in the whole text, found in its
/// tokens (whole words, any whitespace between a phrase's words):
/// (cues, suffixes, of-cues).
///
/// - cue nouns ([`CUE_NOUNS`]), in any case, `'` or `’`;
/// - corporate suffixes ([`SUFFIXES`] without a final period), in their
///   own case (`SA`, not the `sa` of `sa filiale`);
/// - `le PDG de`, `investi … dans` ([`OF_NOUNS`] and the verbs), in any
///   case, `'` or `’`.
static LISTS: LazyLock<Phrases> = LazyLock::new(|| {
    let [cues, suffixes, of] = lists();
    Phrases::lists(&[(&cues, Case::Folded), (&suffixes, Case::Exact), (&of, Case::Folded)])
        .expect("the word lists are phrases")
});

/// The phrases of `LISTS`, list by list.
fn lists() -> [Vec<&'static str>; 3] {
    let of = OF_NOUNS.words().iter().chain(&["investi", "investit", "injecté"]).copied().collect();
    // Periods (`Inc.`) are checked after the match.
    let suffixes = SUFFIXES.words().iter().filter(|s| !s.ends_with('.')).copied().collect();
    [CUE_NOUNS.words().to_vec(), suffixes, of]
}

/// Every phrase the rules look for in the whole text, by its index in
/// `LISTS`: for a pass over the tokens to note where they may begin
/// (`find_at`), and for the rules' names.
pub fn phrases() -> &'static [&'static str] {
    &PHRASES
}

/// Every phrase of `LISTS`, by its index there.
static PHRASES: LazyLock<Vec<&'static str>> = LazyLock::new(|| lists().concat());

/// The lists of `LISTS`, by index.
const CUES: usize = 0;
const SUFFIX_LIST: usize = 1;
const OF_CUES: usize = 2;

/// A match of one of the word lists: its byte span, its tokens and its
/// list ([`CUES`], [`SUFFIX_LIST`], [`OF_CUES`]).
#[derive(Debug, Clone)]
pub(crate) struct ListMatch {
    start: usize,
    end: usize,
    tokens: Range<usize>,
    list: usize,
    /// The phrase: an index into [`phrases`].
    phrase: usize,
}

/// The matches of the lists in `doc`, leftmost-longest and not
/// overlapping within a list, in order, into `found` (emptied first); all
/// lists in one vector, each rule reading its list's. `every` is room for
/// every match, overlapping ones included (left empty).
fn scan(doc: &Document<'_>, starts: &[usize], every: &mut Vec<PhraseMatch>, found: &mut Vec<ListMatch>) {
    every.clear();
    LISTS.push_from(doc, starts.iter().copied(), every);
    found.clear();
    // Ascending starts give the matches by start, the longest first at each: a
    // list's leftmost-longest are those starting at or past the end of the
    // one it kept last, in that order (no sort).
    let mut ends = [0; 3];
    for m in every.drain(..) {
        let list = LISTS.list_of(m.phrase);
        let span = doc.byte_span(m.tokens.clone());
        if span.start >= ends[list] {
            ends[list] = span.end;
            found.push(ListMatch { start: span.start, end: span.end, tokens: m.tokens, list, phrase: m.phrase });
        }
    }
}

/// The mentions found so far (those past `first` in `mentions`), and the
/// spans they and the gazetteer's hits take.
struct Found<'a, 'h, 'm> {
    text: &'a str,
    taken: Taken<'h>,
    mentions: &'m mut Vec<Mention<'a>>,
    first: usize,
}

impl<'a> Found<'a, '_, '_> {
    /// Adds the name at `start..end` if it starts with a capital and
    /// overlaps no span taken; `rule` names the rule that found it, built
    /// only then (most names are refused).
    fn add(&mut self, start: usize, end: usize, confidence: f64, rule: impl FnOnce() -> Cow<'a, str>) {
        let text = self.text;
        if !self.taken.overlaps(start, end) && text[start..end].chars().next().is_some_and(char::is_uppercase) {
            self.taken.insert(start, end);
            let canonical = &text[start..end];
            self.mentions.push(Mention { start, end, canonical, category: None, rule: rule(), confidence, org: None });
        }
    }
}

/// The buffers `find_at` works in, kept by the caller from one document
/// to the next.
#[derive(Default)]
pub(crate) struct Buffers<'b> {
    /// Every match of the word lists, overlapping ones included.
    pub(crate) phrase_matches: Vec<PhraseMatch>,
    /// The matches of the word lists the rules read.
    pub(crate) list_matches: Vec<ListMatch>,
    /// The names found, to look for again.
    pub(crate) names: Vec<&'b str>,
    /// Their mentions: (start, end, index into `names`).
    pub(crate) name_matches: Vec<(usize, usize, usize)>,
}

impl Buffers<'_> {
    /// The buffers emptied, their names' room kept for borrows of another
    /// lifetime (a document's, then `'static` between documents).
    pub(crate) fn recycle<'x>(self) -> Buffers<'x> {
        let Buffers { phrase_matches, list_matches, names, name_matches } = self;
        Buffers { phrase_matches, list_matches, names: glaneur_text::kept::recycle(names), name_matches }
    }
}

impl glaneur_text::kept::Bound for Buffers<'_> {
    fn bound(&mut self) {
        self.phrase_matches.bound();
        self.list_matches.bound();
        self.names.bound();
        self.name_matches.bound();
    }
}

/// The mentions of organisations the gazetteer lacks, appended to
/// `mentions`. `taken` holds the gazetteer's spans (organisations and
/// products); `starts` are the tokens where the [`phrases`] may begin, in
/// order: all those whose first token's form key they have, and maybe more
/// (as a pass over the tokens for other words noted them); the others are
/// not read again.
pub(crate) fn find_at<'a>(
    doc: &Document<'a>,
    taken: Taken<'_>,
    starts: &[usize],
    buffers: &mut Buffers<'a>,
    mentions: &mut Vec<Mention<'a>>,
) {
    let text = doc.text();
    let first = mentions.len();
    let mut found = Found { text, taken, mentions, first };

    scan(doc, starts, &mut buffers.phrase_matches, &mut buffers.list_matches);
    let matches = &buffers.list_matches;
    let of_list = |list: usize| matches.iter().filter(move |m| m.list == list);
    cue_nouns(doc, of_list(CUES), &mut found);
    suffixes(doc, of_list(SUFFIX_LIST), &mut found);
    of_nouns(doc, of_list(OF_CUES), &mut found);
    same_document(&mut found, &mut buffers.names, &mut buffers.name_matches);
}

/// The cue rules: `la start-up X` (a determiner, the cue noun, the name)
/// and `X, une société de conseil` (an apposition); `matches` are the cue
/// nouns' matches from [`scan`].
fn cue_nouns<'a, 'm>(doc: &Document<'a>, matches: impl Iterator<Item = &'m ListMatch>, found: &mut Found<'a, '_, '_>) {
    let text = doc.text();
    for &ListMatch { start: m_start, end: m_end, ref tokens, phrase, .. } in matches {
        if !is_whole_word(text, m_start, m_end) {
            continue;
        }
        // The name comes after the cue (a capital within the words
        // `name_after_cue` reads) or before it, by apposition (a comma
        // before the article): without either (most cues), no word is read.
        let name_after = capital_within(doc, tokens.end, NAME_AFTER_CUE_WITHIN);
        if !name_after && !comma_before_article(doc, tokens.start) {
            continue;
        }
        let cue = || folded_tokens(doc, tokens.clone());
        let mut prev = before_token(doc, tokens.start);
        let Some(p) = prev.next() else { continue };
        let article = is_article(&p.lower);
        // The word before `p`, which only a comma or an article reads (an
        // article only if it is a comma).
        let prev_1 = if p.lower == "," || (article && prev.may_give_comma()) { prev.next() } else { None };
        if p.lower == "," && prev_1.is_some() {
            continue;
        }
        // `X, une société de conseil`: the name before the comma.
        // Not `…, l'entreprise se positionne`: there the noun starts a clause.
        let starts_clause = || {
            after_token(doc, tokens.end).next().is_some_and(|w| {
                is_org_verb(&w.lower)
                    || matches!(w.lower.as_ref(), "se" | "s'" | "est" | "n'" | "ne" | "y" | "en" | "peut" | "lui")
            })
        };
        let comma = prev_1.filter(|c| c.text == ",");
        if let Some(comma) = comma.filter(|_| article && !starts_clause()) {
            if let Some((s, e)) = name_ending_at(doc, comma.start) {
                let rule = || {
                    let cue = cue();
                    rule_names::name(Part::Apposition, phrase, &cue, || rule_name("apposition:", &[&cue]))
                };
                found.add(s, e, 0.7, rule);
            }
        }
        let Some(determiner) = cue_determiner(&p.lower).filter(|_| name_after) else { continue };
        if let Some((s, e)) = name_after_cue(text, after_token(doc, tokens.end)) {
            let rule = || {
                let cue = cue();
                rule_names::name(Part::Determiner(determiner), phrase, &cue, || {
                    rule_name("cue:", &[p.lower.trim_end_matches('\''), &cue])
                })
            };
            found.add(s, e, 0.75, rule);
        }
    }
}

/// The articles an apposition's cue noun follows (`X, une société`),
/// folded.
fn is_article(word: &str) -> bool {
    matches!(word, "un" | "une" | "la" | "le" | "l'")
}

/// Whether the word before the one before token `k` may be a comma, as
/// an apposition wants (`X, une société`): the token two or three before
/// `k` is one (an article is one token, or a letter and an apostrophe).
fn comma_before_article(doc: &Document<'_>, k: usize) -> bool {
    let comma =
        |back: usize| k.checked_sub(back).and_then(|i| doc.tokens().get(i)).is_some_and(|t| doc.text_of(t) == ",");
    comma(2) || comma(3)
}

/// `le PDG de X`, `le rachat de X`, `a investi … dans X`; `matches` are
/// the of-nouns' matches from [`scan`].
fn of_nouns<'a, 'm>(doc: &Document<'a>, matches: impl Iterator<Item = &'m ListMatch>, found: &mut Found<'a, '_, '_>) {
    let text = doc.text();
    for &ListMatch { start: m_start, end: m_end, ref tokens, phrase, .. } in matches {
        // The cues also match inside words (`dg` of `budget`): checked first.
        if !is_whole_word(text, m_start, m_end) {
            continue;
        }
        let cue = folded_tokens(doc, tokens.clone());
        let invested = cue.starts_with("investi") || cue.starts_with("injecté");
        // Only `investi` reads past the first word:
        // `investi 30 millions de dollars dans X`, `dans` within the clause.
        let mut following = after_token(doc, tokens.end);
        let w = if invested { following.by_ref().take(8).find(|w| w.lower == "dans") } else { following.next() };
        let Some(w) = w else { continue };
        let Some(of_word) = OF_WORDS.iter().position(|&o| w.lower == o) else { continue };
        if invested != (w.lower == "dans") {
            continue;
        }
        // The words after `w`.
        if let Some((s, e)) = name_from(text, following.take(6)) {
            let rule = || {
                rule_names::name(Part::Of(of_word), phrase, &cue, || {
                    rule_name("cue:", &[&cue, w.lower.trim_end_matches('\'')])
                })
            };
            found.add(s, e, 0.7, rule);
        }
    }
}

/// Every other mention of a name found so: one pass for all of them.
/// `names` is room for the names, `matches` for their mentions (both
/// emptied first).
fn same_document<'a>(
    found: &mut Found<'a, '_, '_>,
    names: &mut Vec<&'a str>,
    matches: &mut Vec<(usize, usize, usize)>,
) {
    if found.mentions.len() == found.first {
        return; // no name to look for
    }
    let text = found.text;
    names.clear();
    names.extend(found.mentions[found.first..].iter().map(|m| m.canonical));
    names.sort_unstable();
    names.dedup();
    find_names_into(text, names, matches);
    for &(start, end, _) in matches.iter() {
        if is_whole_word(text, start, end) {
            found.add(start, end, 0.7, || Cow::Borrowed("same-document"));
        }
    }
}

/// A rule's name: `kind` (`cue:`), then `parts` joined by `-`, a space
/// within a part written `-` too (`cue:la-jeune-pousse`). Built by hand:
/// `format!` cost more than the rest of the rule.
fn rule_name(kind: &str, parts: &[&str]) -> String {
    let mut name = String::with_capacity(kind.len() + parts.iter().map(|p| p.len() + 1).sum::<usize>());
    name.push_str(kind);
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            name.push('-');
        }
        // `kind` holds no space: those of the parts, in the few cues of
        // two words, written `-` as the part is copied (no second string).
        let mut words = part.split(' ');
        name.push_str(words.next().unwrap_or_default());
        for word in words {
            name.push('-');
            name.push_str(word);
        }
    }
    name
}

/// How many words after a cue noun the name may begin at: after up to
/// four adjectives or link words ([`name_after_cue`]).
const NAME_AFTER_CUE_WITHIN: usize = 5;

/// The name right after a cue noun (`words` are the words after it), past
/// up to two adjectives and a `de …` complement (`la société grenobloise
/// Siliciel`, `l'éditeur de logiciels Pixeo`).
fn name_after_cue(text: &str, words: After<'_>) -> Option<(usize, usize)> {
    let mut words = words.take(8);
    let mut skipped: Option<Word<'_>> = None;
    let mut count = 0;
    let name_start = loop {
        let w = words.next()?;
        if w.is_capitalised() {
            break w;
        }
        let adjective_like = w.is_word() && !is_function_word(&w.lower) && !is_org_verb(&w.lower);
        if !(adjective_like || is_link_word(&w.lower)) || count >= NAME_AFTER_CUE_WITHIN - 1 {
            return None;
        }
        count += 1;
        skipped = Some(w);
    };
    // A name right after `de` is whom the cue belongs to (`la société de Xavier Niel`).
    if skipped.is_some_and(|w| is_link_word(&w.lower)) {
        return None;
    }
    name_from(text, std::iter::once(name_start).chain(words))
}

/// A capitalised name at the start of `words` (read as far as needed):
/// up to five capitalised words, joined by `&`, `de`, `du`, `des` or `of`
/// only before another capitalised word; not all function words.
fn name_from<'a>(text: &str, mut words: impl Iterator<Item = Word<'a>>) -> Option<(usize, usize)> {
    let first = words.next().filter(|w| w.is_capitalised() && w.is_word())?;
    if is_not_a_name(&first.lower) {
        return None;
    }
    // Whether the words of the name so far are all function words: read
    // only while they are (mostly the first word is not).
    let mut all_function = is_function_word(&first.lower);
    let mut end = first.end;
    // A joining word read, which belongs to the name if a word follows.
    let mut joining: Option<Word<'a>> = None;
    let mut k = 1;
    let mut next = words.next();
    while k < 6 {
        let Some(w) = next.take() else { break };
        if w.is_capitalised() && w.is_word() && !is_not_a_name(&w.lower) {
            all_function =
                all_function && joining.take().is_none_or(|j| is_function_word(&j.lower)) && is_function_word(&w.lower);
            end = w.end;
            k += 1;
            next = words.next();
        } else if matches!(w.lower.as_ref(), "&" | "de" | "du" | "des" | "of") {
            next = words.next();
            if !next.as_ref().is_some_and(|n| n.is_capitalised() && n.is_word()) {
                break;
            }
            joining = Some(w);
            k += 1;
        } else {
            break;
        }
    }
    if all_function {
        return None;
    }
    Some((first.start, end)).filter(|(s, e)| text[*s..*e].chars().any(char::is_alphabetic))
}

/// The capitalised name ending at `end` (before a comma).
fn name_ending_at(doc: &Document<'_>, end: usize) -> Option<(usize, usize)> {
    name_ending(before(doc, end))
}

/// The capitalised name that `words` (the words before a place, nearest
/// first) end with.
fn name_ending(words: Before<'_>) -> Option<(usize, usize)> {
    let mut name = words
        .take(5)
        .take_while(|w| w.is_capitalised() && w.is_word() && !is_function_word(&w.lower) && !is_not_a_name(&w.lower));
    // Nearest first: the name's last word, then back to its first.
    let last = name.next()?;
    Some((name.last().map_or(last.start, |first| first.start), last.end))
}

/// Adds every capitalised name ending in a corporate suffix to `found`;
/// `matches` are the suffixes' matches from [`scan`].
fn suffixes<'a, 'm>(doc: &Document<'a>, matches: impl Iterator<Item = &'m ListMatch>, found: &mut Found<'a, '_, '_>) {
    let text = doc.text();
    for ListMatch { start: m_start, end: m_end, tokens, .. } in matches {
        let (m_start, mut end, mut next_token) = (*m_start, *m_end, tokens.end);
        if text[end..].starts_with('.') && matches!(&text[m_start..end], "Inc" | "Ltd" | "Corp" | "Co") {
            end += 1; // the period, a token of its own
            next_token += 1;
        }
        let before_ok = text[..m_start].ends_with(' ') || text[..m_start].ends_with('\u{a0}');
        let after_ok = !text[end..].chars().next().is_some_and(|c| c.is_alphanumeric() || c == '-');
        // A name ending in a suffix already taken (`Mistral AI`, a form of
        // the gazetteer) would overlap it: no word around it is read.
        if !before_ok || !after_ok || !is_suffix(&text[m_start..end]) || found.taken.overlaps(m_start, end) {
            continue;
        }
        // `Valmy Industries SA`: further suffixes belong to the name.
        for next in after_token(doc, next_token) {
            if next.start - end <= 1 && is_suffix(next.text) {
                end = next.end;
            } else {
                break;
            }
        }
        // The name's last word (capitalised) must be glued to the suffix by
        // one space.
        if let Some((start, last_end)) = name_ending(before_token(doc, tokens.start)) {
            if m_start - last_end <= 1 {
                found.add(start, end, 0.7, || Cow::Borrowed("suffix"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasickBuilder, MatchKind};
    use glaneur_schema::DocumentBuf;

    fn doc_scan(text: &str) -> [Vec<(usize, usize)>; 3] {
        let mut found = Vec::new();
        let buf = DocumentBuf::new(text).expect("small");
        let doc = buf.document();
        scan(&doc, &every_token(&doc), &mut Vec::new(), &mut found);
        [CUES, SUFFIX_LIST, OF_CUES]
            .map(|list| found.iter().filter(|m| m.list == list).map(|m| (m.start, m.end)).collect())
    }

    /// Each list's leftmost-longest matches, one automaton per list over
    /// the bytes (what the token scan replaced), as whole words: the rules
    /// drop the others.
    fn reference(text: &str) -> [Vec<(usize, usize)>; 3] {
        let build = |patterns: Vec<String>, any_case: bool| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(any_case)
                .match_kind(MatchKind::LeftmostLongest)
                .build(patterns)
                .expect("valid")
        };
        let mut cues: Vec<String> = CUE_NOUNS.words().iter().map(|c| c.to_string()).collect();
        cues.extend(CUE_NOUNS.words().iter().filter(|c| c.contains('\'')).map(|c| c.replace('\'', "’")));
        let suffixes = SUFFIXES.words().iter().filter(|s| !s.ends_with('.')).map(|s| s.to_string()).collect();
        let mut of: Vec<String> =
            OF_NOUNS.words().iter().chain(&["investi", "investit", "injecté"]).map(|s| s.to_string()).collect();
        of.extend(OF_NOUNS.words().iter().filter(|c| c.contains('\'')).map(|c| c.replace('\'', "’")));
        [build(cues, true), build(suffixes, false), build(of, true)].map(|a| {
            a.find_iter(text).map(|m| (m.start(), m.end())).filter(|&(s, e)| is_whole_word(text, s, e)).collect()
        })
    }

    #[test]
    fn the_token_scan_finds_what_one_automaton_per_list_found() {
        let text =
            "La Société Nabla Technologies SAS, sa filiale ; le PDG de Kestrel Capital, au capital de Valmy Group.";
        let [cues, suffixes, of_cues] = doc_scan(text);
        let words = |found: &[(usize, usize)]| found.iter().map(|&(s, e)| &text[s..e]).collect::<Vec<_>>();
        // Any case for cues; `SAS`, not `SA` inside it, nor the `sa` of `sa filiale`.
        assert_eq!(words(&cues), ["Société", "filiale"]);
        assert_eq!(words(&suffixes), ["Technologies", "SAS", "Capital", "Group"]);
        assert_eq!(words(&of_cues), ["filiale", "PDG", "Capital", "capital"]);
        for (name, text) in glaneur_testdata::seeds() {
            assert_eq!(doc_scan(&text), reference(&text), "{name}");
        }
    }

    /// Every token of `doc`: where the lists are looked for everywhere.
    fn every_token(doc: &Document<'_>) -> Vec<usize> {
        (0..doc.tokens().len()).collect()
    }

    /// The mentions [`find_at`] finds with the lists looked for everywhere
    /// and no span taken.
    fn find<'a>(doc: &Document<'a>) -> Vec<Mention<'a>> {
        let mut mentions = Vec::new();
        let mut added = glaneur_text::SpanSet::new();
        let taken = Taken::new(&[], &mut added);
        find_at(doc, taken, &every_token(doc), &mut Buffers::default(), &mut mentions);
        mentions
    }

    /// [`scan`] as it was: each list's matches sorted, then the
    /// leftmost-longest kept.
    fn scan_by_sorting(doc: &Document<'_>) -> [Vec<(usize, usize, Range<usize>)>; 3] {
        let mut found: [Vec<(usize, usize, Range<usize>)>; 3] = Default::default();
        for m in LISTS.find_all(doc) {
            let span = doc.byte_span(m.tokens.clone());
            found[LISTS.list_of(m.phrase)].push((span.start, span.end, m.tokens));
        }
        found.map(|mut list| {
            glaneur_text::keep_leftmost_longest(&mut list, |m| (m.0, m.1));
            list
        })
    }

    #[test]
    fn the_scan_in_one_pass_keeps_what_sorting_kept() {
        let mut texts = glaneur_testdata::test_texts(&["organizations"]);
        texts.push("le président-directeur général de la société de gestion, le directeur général du fonds".into());
        for text in &texts {
            let buf = DocumentBuf::new(text).expect("a test text fits");
            let doc = buf.document();
            let mut found = Vec::new();
            scan(&doc, &every_token(&doc), &mut Vec::new(), &mut found);
            let found = [CUES, SUFFIX_LIST, OF_CUES].map(|list| {
                found.iter().filter(|m| m.list == list).map(|m| (m.start, m.end, m.tokens.clone())).collect::<Vec<_>>()
            });
            assert_eq!(found, scan_by_sorting(&doc), "{text}");
        }
    }

    #[test]
    fn the_lists_are_found_at_the_tokens_the_gazetteer_noted_as_everywhere() {
        let gazetteer = crate::gazetteer::Gazetteer::load_noting(phrases()).expect("valid data");
        let mut texts = glaneur_testdata::test_texts(&["organizations"]);
        texts
            .push("La Société Nabla Technologies SAS, sa filiale ; le PDG de Kestrel Capital, au capital de X.".into());
        texts.push("Elle préside le conseil d’administration de Valmiera ; la start-up Orange\u{301} & Co.".into());
        let mut found = 0;
        for text in &texts {
            let buf = DocumentBuf::new(text).expect("a test text fits");
            let doc = buf.document();
            let mut noted = Vec::new();
            gazetteer.hits_noting(&doc, &mut noted);
            let everywhere = LISTS.find_all(&doc);
            assert_eq!(LISTS.find_from(&doc, noted.iter().copied()), everywhere, "{text}");
            found += everywhere.len();
        }
        assert!(found > 200, "{found} matches");
    }

    #[test]
    fn a_comma_before_an_article_is_told_from_the_tokens() {
        let mut texts = glaneur_testdata::test_texts(&["organizations"]);
        texts.push("X, l' société ; Y ,la firme, Z,\nune agence, W, L’éditeur, V, un, le".into());
        let mut appositions = 0;
        for text in &texts {
            let buf = DocumentBuf::new(text).expect("a test text fits");
            let doc = buf.document();
            for k in 0..=doc.tokens().len() {
                let mut prev = before_token(&doc, k);
                let Some(p) = prev.next() else { continue };
                if is_article(&p.lower) && prev.next().is_some_and(|c| c.text == ",") {
                    assert!(comma_before_article(&doc, k), "before token {k} in {text}");
                    appositions += 1;
                }
            }
        }
        assert!(appositions > 20, "{appositions}");
    }

    #[test]
    fn a_match_names_its_phrase_by_its_index_in_phrases() {
        for (p, phrase) in PHRASES.iter().enumerate() {
            let buf = DocumentBuf::new(phrase).expect("small");
            let found = LISTS.find_all(&buf.document());
            assert!(found.iter().any(|m| m.phrase == p), "{phrase:?}: {found:?}");
        }
    }

    #[test]
    fn rule_names_lent_are_those_written_for_each_mention() {
        use crate::lexicon::cue_determiners;
        // Every part with every phrase, twice: a name lent for another
        // part or phrase would differ from the one written.
        for _ in 0..2 {
            for (p, phrase) in PHRASES.iter().enumerate() {
                for (d, determiner) in cue_determiners().iter().enumerate() {
                    let expected = rule_name("cue:", &[determiner.trim_end_matches('\''), phrase]);
                    let lent = rule_names::name(Part::Determiner(d), p, phrase, || expected.clone());
                    assert_eq!(lent, expected);
                }
                let expected = rule_name("apposition:", &[phrase]);
                assert_eq!(rule_names::name(Part::Apposition, p, phrase, || expected.clone()), expected);
                for (w, word) in OF_WORDS.iter().enumerate() {
                    let expected = rule_name("cue:", &[phrase, word.trim_end_matches('\'')]);
                    let lent = rule_names::name(Part::Of(w), p, phrase, || expected.clone());
                    assert_eq!(lent, expected);
                }
            }
        }
        // A cue written otherwise than its phrase gets its own name.
        let other = rule_names::name(Part::Apposition, 0, "jeune  pousse", || "own".to_owned());
        assert_eq!(other, "own");
    }

    #[test]
    fn rule_names_join_their_parts_with_dashes() {
        assert_eq!(rule_name("cue:", &["la", "jeune pousse"]), "cue:la-jeune-pousse");
        assert_eq!(rule_name("cue:", &["directeur  général", "d"]), "cue:directeur--général-d");
        assert_eq!(rule_name("apposition:", &["société"]), "apposition:société");
        assert_eq!(rule_name("cue:", &[" a ", "", "b"]), "cue:-a---b");
    }

    #[test]
    fn cues_with_an_apostrophe_are_found_with_either() {
        for text in [
            "Elle préside le conseil d'administration de Valmiera Logistique.",
            "Elle préside le conseil d’administration de Valmiera Logistique.",
        ] {
            let buf = DocumentBuf::new(text).expect("small");
            let names: Vec<&str> = find(&buf.document()).iter().map(|m| &text[m.start..m.end]).collect();
            assert_eq!(names, ["Valmiera Logistique"], "{text}");
        }
    }
}
