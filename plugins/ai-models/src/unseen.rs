//! Model names the catalogue lacks, from cues: `le modèle Zephyr-7B`,
//! `son LLM Orion 2`, `le chatbot Albert`, `l'assistant Nabu` (in an AI
//! sentence), `le grand modèle de langage Atlas-13B`, `Vega-2, un modèle
//! de langage`. Family = the name before its version; vendor = an
//! organisation named in the sentence (found by the organizations plugin).

use std::borrow::Cow;
use std::sync::LazyLock;

use glaneur_schema::{Case, Document, DocumentBuf, PhraseMatch, Phrases, Token};
use glaneur_text::{glued_after, glued_before, is_letter_or_digit, keep_leftmost_longest};

use crate::catalogue::Catalogue;
use crate::context::{lowercased, sentence, sentence_has_ai_words, word_before};
use crate::scratch::{self, Scratch};
use crate::starts::Starts;
use crate::version::{canonical_of, parts, Parts};
use crate::{Found, Mention};

/// The cue nouns (`le modèle X`, `son LLM X`), folded.
const NOUN_LIST: [&str; 7] = ["modèle", "modèles", "model", "llm", "chatbot", "assistant", "agent"];

/// The cue nouns, in any case: what [`is_noun`] tells of a word, found by
/// the document's phrase search (the reference it is tested against).
#[cfg(test)]
pub(crate) static NOUNS: LazyLock<Phrases> =
    LazyLock::new(|| Phrases::new(&NOUN_LIST, Case::Folded).expect("the cue nouns are phrases"));

/// The first two bytes of the cue nouns, ASCII-lowercased, so that most
/// words are never looked up.
static NOUN_BEGINNINGS: LazyLock<Beginnings> = LazyLock::new(|| Beginnings::of(&NOUN_LIST));

/// By the first two bytes of a word's text, whether it may fold to one of
/// some words (of two bytes or more): their first two bytes, in any ASCII
/// case. A byte beyond ASCII begins a character that folds to one beyond
/// ASCII too, but for the few of [`FOLDING_TO_ASCII`].
struct Beginnings {
    /// By the first byte, the second bytes (a bit each) of the ASCII pairs.
    ascii: [u128; 128],
    /// Whether every pair is one (a word of one byte is beyond this filter).
    all: bool,
    /// Whether a word has a byte beyond ASCII among its first two: then
    /// any such byte may begin one.
    beyond_ascii: bool,
    /// The first bytes (a bit each) of the words, folded: what a character
    /// beyond ASCII that begins a word must fold to.
    firsts: u128,
}

/// The first bytes of the characters beyond ASCII whose folded form
/// begins with an ASCII byte, with the bytes they begin with: `İ` (`i̇`),
/// `ʼ` and `’` (`'`), the Kelvin sign (`k`).
const FOLDING_TO_ASCII: [(u8, &[u8]); 3] = [(0xC4, b"i"), (0xCA, b"'"), (0xE2, b"'k")];

/// The ASCII bytes a character beginning with `byte` (beyond ASCII) may
/// fold to the first of.
fn ascii_folds(byte: u8) -> &'static [u8] {
    FOLDING_TO_ASCII.iter().find(|(lead, _)| *lead == byte).map_or(&[], |(_, folds)| folds)
}

/// [`ascii_folds`] of every byte beyond ASCII (less 0x80), a bit each.
static ASCII_FOLDS: LazyLock<[u128; 128]> =
    LazyLock::new(|| std::array::from_fn(|i| ascii_folds(0x80 + i as u8).iter().fold(0, |bits, &b| bits | 1 << b)));

/// Every byte of [`ASCII_FOLDS`], a bit each.
static ASCII_FOLDED: LazyLock<u128> = LazyLock::new(|| ASCII_FOLDS.iter().fold(0, |all, bits| all | bits));

impl Beginnings {
    fn of(words: &[&str]) -> Self {
        let mut beginnings = Beginnings { ascii: [0; 128], all: false, beyond_ascii: false, firsts: 0 };
        for word in words {
            match *word.as_bytes() {
                [a, b, ..] if a.is_ascii() && b.is_ascii() => {
                    beginnings.firsts |= 1 << a.to_ascii_lowercase();
                    for a in [a.to_ascii_lowercase(), a.to_ascii_uppercase()] {
                        for b in [b.to_ascii_lowercase(), b.to_ascii_uppercase()] {
                            beginnings.ascii[usize::from(a)] |= 1 << b;
                        }
                    }
                }
                [_, _, ..] => beginnings.beyond_ascii = true,
                [..] => beginnings.all = true,
            }
        }
        beginnings.beyond_ascii |= beginnings.all;
        beginnings
    }

    /// Whether a character beyond ASCII beginning with `byte`, among a
    /// word's first two, may leave it folding to one of the words: any, if
    /// one has such a character there; else one folding to ASCII, to a
    /// byte in `bits` (the words' first bytes, or their second after the
    /// word's first).
    fn may_pass(&self, byte: u8, bits: u128) -> bool {
        self.beyond_ascii || ASCII_FOLDS[usize::from(byte - 0x80)] & bits != 0
    }

    /// Whether a word whose first two bytes are `a` and `b` (`b` 0 at the
    /// end of the text) may fold to one of the words.
    fn may_begin(&self, a: u8, b: u8) -> bool {
        if !a.is_ascii() {
            // Then `b` continues the first character.
            self.may_pass(a, self.firsts)
        } else if !b.is_ascii() {
            self.may_pass(b, self.ascii[usize::from(a)])
        } else {
            self.all || self.ascii[usize::from(a)] >> b & 1 != 0
        }
    }

    /// [`Beginnings::may_begin`] of `a` and every second byte, in their
    /// order.
    fn row(&self, a: u8) -> [bool; 256] {
        if !a.is_ascii() {
            return [self.may_pass(a, self.firsts); 256];
        }
        let mut row = [true; 256];
        let (ascii, beyond) = row.split_at_mut(0x80);
        let seconds = self.ascii[usize::from(a)];
        if !self.all {
            for (b, may) in ascii.iter_mut().enumerate() {
                *may = seconds >> b & 1 != 0;
            }
        }
        // Most rows' second bytes are none a character beyond ASCII folds to.
        if self.beyond_ascii || seconds & *ASCII_FOLDED != 0 {
            for (b, may) in (0x80..=u8::MAX).zip(beyond) {
                *may = self.may_pass(b, seconds);
            }
        } else {
            beyond.fill(false);
        }
        row
    }
}

/// The appositions that follow a name after a comma (`Vega-2, un
/// modèle`), in any case, `'` or `’`: looked for only after a comma and
/// before a cue noun, which ends each, so that the common words they start
/// with (`un`, `le`, `son`) cost nothing elsewhere.
static APPOSITIONS: LazyLock<Phrases> =
    LazyLock::new(|| Phrases::new(&APPOSITION_LIST, Case::Folded).expect("the appositions are phrases"));

/// The first two bytes of the appositions, so that most commas are not
/// looked after.
static APPOSITION_BEGINNINGS: LazyLock<Beginnings> = LazyLock::new(|| Beginnings::of(&APPOSITION_LIST));

/// The most tokens an apposition has (`son nouveau modèle`): one begins at
/// most this many tokens before the cue noun that ends it, less one.
static APPOSITION_TOKENS: LazyLock<usize> = LazyLock::new(|| {
    let tokens = |a: &str| DocumentBuf::new(a).map_or(0, |buf| buf.document().tokens().len());
    APPOSITION_LIST.iter().map(|a| tokens(a)).max().unwrap_or(0)
});

/// The appositions, folded.
const APPOSITION_LIST: [&str; 21] = [
    "un modèle",
    "un grand modèle",
    "un llm",
    "le chatbot",
    "un chatbot",
    "l'assistant",
    "un assistant",
    "son modèle",
    "son assistant",
    "son chatbot",
    "son llm",
    "son agent",
    "son nouveau modèle",
    "son dernier modèle",
    "son premier modèle",
    "un petit modèle",
    "un nouveau modèle",
    "un premier modèle",
    "un nouvel assistant",
    "leur modèle",
    "leur nouveau modèle",
];

/// Whether a word at `at` in `text` may fold to a cue noun, by its first
/// two bytes: most words need not be looked up.
#[cfg(test)]
pub(crate) fn may_begin_noun(text: &[u8], at: usize) -> bool {
    NOUN_BEGINNINGS.may_begin(text[at], text.get(at + 1).copied().unwrap_or(0))
}

/// Whether an apposition may begin with the word at `at` in `text`, by its
/// first two bytes: most words after a comma begin none.
pub(crate) fn may_begin_apposition(text: &[u8], at: usize) -> bool {
    APPOSITION_BEGINNINGS.may_begin(text[at], text.get(at + 1).copied().unwrap_or(0))
}

/// [`may_begin_noun`] of the words whose first byte is `a`, by their
/// second (0 at the end of the text).
pub(crate) fn nouns_may_begin_after(a: u8) -> [bool; 256] {
    NOUN_BEGINNINGS.row(a)
}

/// Whether token `t` of `doc`, a word, is a cue noun: its folded form is
/// one of [`NOUN_LIST`], as a phrase search of the list finds it (`NOUNS`,
/// the reference of the tests).
pub(crate) fn is_noun(doc: &Document<'_>, t: &Token) -> bool {
    let folded = doc.folded_of(t);
    NOUN_LIST.contains(&folded)
}

/// Whether token `i` of `doc` may begin an apposition: it comes right
/// after a comma, on its line and after whitespace, and its first bytes may
/// begin one ([`may_begin_apposition`]).
fn after_comma(doc: &Document<'_>, i: usize) -> bool {
    let (tokens, bytes) = (doc.tokens(), doc.text().as_bytes());
    let comma = |t: &Token| t.end() - t.start() == 1 && bytes[t.start()] == b',';
    i > 0
        && tokens.get(i).is_some_and(|t| {
            comma(&tokens[i - 1]) && !t.is_joined() && !t.is_line_start() && may_begin_apposition(bytes, t.start())
        })
}

/// The tokens of `doc` where an apposition may begin, in order: those
/// [`after_comma`] among the few before a cue noun (`nouns`, in order),
/// since a cue noun ends every apposition. Written into `starts`
/// (emptied first).
fn apposition_starts(doc: &Document<'_>, nouns: &[usize], starts: &mut Vec<usize>) {
    let before = APPOSITION_TOKENS.saturating_sub(1);
    starts.clear();
    starts.extend(nouns.iter().flat_map(|&noun| noun.saturating_sub(before)..noun).filter(|&i| after_comma(doc, i)));
    // Nouns close together share their starts.
    starts.sort_unstable();
    starts.dedup();
}

/// The buffers the appositions are found in, kept from one document to
/// the next.
#[derive(Default)]
pub(crate) struct AppositionBuffers {
    /// The tokens where they may begin.
    starts: Vec<usize>,
    /// The phrases found there.
    found: Vec<PhraseMatch>,
}

impl glaneur_text::kept::Bound for AppositionBuffers {
    fn bound(&mut self) {
        self.starts.bound();
        self.found.bound();
    }
}

/// A cue: its byte span and its text, folded.
pub(crate) type Cue<'a> = (usize, usize, Cow<'a, str>);

/// Puts the cues of `doc` into `cues` (emptied first), leftmost-longest, as
/// byte spans with their text folded; an apposition's span starts at its
/// comma (`, un modèle`), which comes right before it on the same line.
/// `starts` says where they may begin; its nouns are the cue nouns. The
/// appositions are found in `buffers`.
fn cues<'a>(doc: &Document<'a>, starts: &Starts, buffers: &mut AppositionBuffers, cues: &mut Vec<Cue<'a>>) {
    let text = doc.text();
    let tokens = doc.tokens();
    cues.clear();
    if starts.nouns.is_empty() {
        return; // nor any apposition, which a noun ends
    }
    let AppositionBuffers { starts: apposition_at, found: appositions } = buffers;
    apposition_starts(doc, &starts.nouns, apposition_at);
    appositions.clear();
    APPOSITIONS.push_from(doc, apposition_at.iter().copied(), appositions);
    let appositions = appositions.drain(..).map(|m| {
        let span = doc.byte_span(m.tokens.clone());
        let start = tokens[m.tokens.start - 1].start();
        (start, span.end, glaneur_text::folded(&text[start..span.end]))
    });
    // A noun is one token, whose folded form the document holds.
    cues.extend(starts.nouns.iter().map(|&i| {
        let t = &tokens[i];
        (t.start(), t.end(), Cow::Borrowed(doc.folded_of(t)))
    }));
    cues.extend(appositions);
    keep_leftmost_longest(cues, |&(start, end, _)| (start, end));
}

/// Words allowed between a cue and the name (`le modèle de langage X`,
/// `le chatbot maison X`, `le modèle open source X`).
fn is_between(word: &str) -> bool {
    matches!(
        word,
        "de" | "d"
            | "langage"
            | "ia"
            | "langue"
            | "linguistique"
            | "open"
            | "source"
            | "open-source"
            | "maison"
            | "phare"
            | "multimodal"
            | "conversationnel"
            | "génératif"
            | "nommé"
            | "baptisé"
            | "appelé"
            | "dénommé"
            | "baptisée"
            | "nommée"
            | "appelée"
            | "français"
            | "chinois"
            | "américain"
            | "européen"
            | "souverain"
            | "vocal"
            | "nouveau"
            | "dernier"
            | "grand"
            | "petit"
            | "fondation"
    )
}

/// Words that are never a model's name after a cue: function words, places
/// (both from glaneur-lexicon), the field's common words.
fn is_not_a_name(word: &str) -> bool {
    glaneur_text::is_function_word(word)
        || glaneur_lexicon::is_place(word)
        || matches!(
            word,
            "IA" | "AI"
                | "AGI"
                | "GPU"
                | "GPUs"
                | "LLM"
                | "API"
                | "Transformer"
                | "Transformers"
                | "Open"
                | "Source"
                | "Face"
        )
}

/// Puts into `out` the unseen model names in `doc`, not overlapping the
/// spans `scratch` has taken (the catalogue's mentions, hardware) nor an
/// organisation; its starts tell where the cues may be. `orgs` are sorted
/// by start and do not overlap; the taken spans receive the new mentions.
pub(crate) fn find<'a>(
    catalogue: &Catalogue,
    doc: &Document<'a>,
    orgs: &[Found<'a>],
    scratch: &mut Scratch,
    out: &mut Vec<Mention<'a>>,
) {
    let text = doc.text();
    let mut model_parts = Parts::new();
    let mut found_cues = scratch::take_recycled(&mut scratch.cues);
    cues(doc, &scratch.starts, &mut scratch.appositions, &mut found_cues);
    let (taken, joined) = (&mut scratch.taken, &mut scratch.joined);
    for (m_start, m_end, cue) in found_cues.drain(..) {
        let apposition = cue.starts_with(',');
        if glued_after(text, m_end) || (!apposition && glued_before(text, m_start)) {
            continue;
        }
        let (start, rule) = if let Some(noun) = cue.strip_prefix(", ") {
            // `Vega-2, un modèle de langage`: the name before the comma.
            let Some(start) = name_before(text, m_start) else { continue };
            (start, if noun.starts_with("son") { "apposition:son" } else { "apposition" })
        } else {
            let Some(start) = name_after(text, m_end) else { continue };
            // The word before, read only for the cues that ask about it.
            let determiner = || word_before(text, m_start);
            let ok = match cue.as_ref() {
                "assistant" | "agent" => {
                    matches!(determiner().as_deref(), Some("l" | "son" | "leur" | "nouvel" | "un"))
                        && sentence_has_ai_words(sentence(text, m_start, m_end))
                }
                "modèles" => matches!(determiner().as_deref(), Some("les" | "ses" | "leurs" | "des" | "nouveaux")),
                _ => true,
            };
            if !ok {
                continue;
            }
            (start, if cue == "modèles" { "cue:modèles" } else { cue_rule(&cue) })
        };
        let name_end = text[start..].find(|c: char| !is_letter_or_digit(c)).map_or(text.len(), |e| start + e);
        let name = &text[start..name_end];
        if name.len() < 2 || is_not_a_name(name) {
            continue;
        }
        let mut end = parts(catalogue, text, name_end, false, &mut model_parts);
        // `Pleias-RAG-1B, un modèle`: the word before an apposition is the
        // name, whole, though the version grammar reads less of it.
        let whole_word = apposition && end < m_start && text[end..m_start].starts_with('-');
        if whole_word {
            end = m_start;
        }
        if taken.overlaps(start, end) {
            continue;
        }
        let first_org = orgs.partition_point(|o| o.end <= start);
        // `le modèle de Mistral AI`: the organisation, not a model; but an
        // organisation's name may begin a model's (`Pleias-RAG-1B`).
        let org_begins_it = |o: &Found| o.start == start && o.end == name_end && text[name_end..end].starts_with('-');
        if orgs.get(first_org).is_some_and(|o| o.start < end && !org_begins_it(o)) {
            continue;
        }
        taken.insert(start, end);
        out.push(Mention {
            start,
            end,
            canonical: if whole_word {
                Cow::Borrowed(&text[start..end])
            } else {
                canonical_of(name, &model_parts, true, &text[start..end], joined)
            },
            family: Some(name),
            vendor: vendor_for(text, start, end, orgs),
            kind: None,
            rule,
            written: None,
            confidence: 0.7,
        });
    }
    scratch.cues = scratch::recycle(found_cues);
}

fn cue_rule(cue: &str) -> &'static str {
    match cue {
        "modèle" | "model" => "cue:modèle",
        "llm" => "cue:llm",
        "chatbot" => "cue:chatbot",
        "agent" => "cue:agent",
        _ => "cue:assistant",
    }
}

/// The capitalised name after a cue ending at `at`, past the words
/// [`is_between`] allows, `de` + a lower-case complement (`le modèle de
/// raisonnement X`) and `, baptisé` — but never right after `de` (`le
/// modèle de Google` is Google's model, not one named Google).
fn name_after(text: &str, at: usize) -> Option<usize> {
    let mut i = at;
    let mut previous = "";
    for _ in 0..6 {
        let rest = &text[i..];
        let skipped = rest.len() - rest.trim_start_matches([' ', '\u{a0}', '\'', '’', ',']).len();
        let comma = rest[..skipped].contains(',');
        if skipped == 0 && i != at {
            return None;
        }
        let word_start = i + skipped;
        let word_end = text[word_start..]
            .find(|c: char| !(is_letter_or_digit(c) || c == '-'))
            .map_or(text.len(), |e| word_start + e);
        let word = &text[word_start..word_end];
        let capital = word.starts_with(|c: char| c.is_uppercase());
        let name_here = || (!matches!(previous, "de" | "d")).then_some(word_start);
        // A capitalised word after no comma is the name (or none), told
        // without lowercasing it.
        if capital && !comma {
            return name_here();
        }
        let lower = lowercased(word);
        if comma && !matches!(lower.as_ref(), "baptisé" | "baptisée" | "nommé" | "nommée" | "appelé" | "appelée")
        {
            return None;
        }
        if capital {
            return name_here();
        }
        let complement = matches!(previous, "de" | "d") && word.chars().all(|c| c.is_lowercase() || c == '-');
        if word.is_empty() || !(is_between(&lower) || complement) {
            return None;
        }
        previous = if matches!(lower.as_ref(), "de" | "d") {
            if lower == "de" {
                "de"
            } else {
                "d"
            }
        } else {
            ""
        };
        i = word_end;
    }
    None
}

/// The capitalised name (with its version) ending right before a comma at `at`.
fn name_before(text: &str, at: usize) -> Option<usize> {
    let head = &text[..at];
    let word_start = head
        .rfind(|c: char| !(is_letter_or_digit(c) || c == '-' || c == '.'))
        .map_or(0, |i| i + head[i..].chars().next().map_or(1, char::len_utf8));
    let word = &head[word_start..];
    word.starts_with(|c: char| c.is_uppercase()).then_some(word_start)
}

/// The maker of an unseen model: an organisation named in its sentence
/// (the nearest before it, else the first after it: `Moshi de Kyutai`).
fn vendor_for<'a>(text: &str, start: usize, end: usize, orgs: &[Found<'a>]) -> Option<Cow<'a, str>> {
    let s = sentence(text, start, end);
    let s_start = glaneur_text::offset_in(text, s);
    let s_end = s_start + s.len();
    let first = orgs.partition_point(|o| o.start < s_start);
    let in_sentence: Vec<&Found> =
        orgs[first..].iter().take_while(|o| o.start < s_end).filter(|o| o.end <= s_end).collect();
    in_sentence
        .iter()
        .rfind(|o| o.end <= start)
        .or_else(|| in_sentence.iter().find(|o| o.start >= end))
        .map(|o| o.canonical.read())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_of_noun_beginnings_is_what_each_pair_makes() {
        for a in 0..=u8::MAX {
            let row = nouns_may_begin_after(a);
            for b in 0..=u8::MAX {
                assert_eq!(row[usize::from(b)], NOUN_BEGINNINGS.may_begin(a, b), "{a} {b}");
            }
        }
        // Each pair as the table of every pair had it, before the bits.
        for word in NOUN_LIST {
            let (a, b) = (word.as_bytes()[0], word.as_bytes()[1]);
            for (a, b) in [(a, b), (a.to_ascii_uppercase(), b), (a, b.to_ascii_uppercase())] {
                assert!(NOUN_BEGINNINGS.may_begin(a, b), "{word}");
            }
        }
        // No cue noun begins with what a character beyond ASCII folds to.
        assert!(!NOUN_BEGINNINGS.may_begin(0xE2, b'a') && !NOUN_BEGINNINGS.may_begin(b'l', 0xE2));
        assert!(!NOUN_BEGINNINGS.may_begin(0xC3, b'a') && !NOUN_BEGINNINGS.may_begin(b'a', 0xC3));
        // Words that do: `’` and `ʼ` fold to `'`, `İ` to `i̇`, the Kelvin sign to `k`.
        let folding = Beginnings::of(&["l'x", "ia", "ok"]);
        assert!(folding.may_begin(b'L', 0xE2) && folding.may_begin(b'l', 0xCA) && folding.may_begin(b'o', 0xE2));
        assert!(folding.may_begin(0xC4, b'a') && !folding.may_begin(0xE2, b'a') && !folding.may_begin(b'o', 0xCA));
        assert!(Beginnings::of(&["éa"]).may_begin(0xC3, b'a') && Beginnings::of(&["aé"]).may_begin(b'a', 0xC3));
        assert!(!NOUN_BEGINNINGS.may_begin(b'd', b'e') && !NOUN_BEGINNINGS.may_begin(b'm', 0));
    }

    #[test]
    fn the_apposition_beginnings_leave_out_no_apposition() {
        let corpus = crate::tests::corpus_texts();
        let tricky = "Vega, un modèle, Un LLM, l’assistant, L'Assistant, ʼassistant, SON agent, Leur modèle, \
                      LE CHATBOT, ,un modèle, x, \u{212a}, İ, le, l";
        for text in corpus.chain([tricky.to_owned()]) {
            let buf = glaneur_schema::DocumentBuf::new(&text).expect("small");
            let doc = buf.document();
            let tokens = doc.tokens();
            let after_comma =
                || (1..tokens.len()).filter(|&i| doc.text_of(&tokens[i - 1]) == "," && !tokens[i].is_joined());
            let filtered = after_comma().filter(|&i| may_begin_apposition(text.as_bytes(), tokens[i].start()));
            assert_eq!(APPOSITIONS.find_from(&doc, filtered), APPOSITIONS.find_from(&doc, after_comma()), "{text}");
        }
    }

    #[test]
    fn the_appositions_before_the_nouns_are_those_after_every_comma() {
        let corpus = crate::tests::corpus_texts();
        let every: String = APPOSITION_LIST.iter().map(|a| format!("Vega-2, {a} ; ")).collect();
        let tricky = "Vega, un modèle, Un LLM, l’assistant, L'Assistant, son nouveau modèle, un grand modèle, \
                      ,un modèle, x,  un  nouveau modèle, a,\nun modèle, son modèle modèle, un, modèle, , , modèle";
        for text in corpus.chain([every, tricky.to_owned(), "modèle".to_owned(), ", modèle".to_owned()]) {
            let buf = glaneur_schema::DocumentBuf::new(&text).expect("small");
            let doc = buf.document();
            let tokens = doc.tokens();
            let nouns: Vec<usize> =
                (0..tokens.len()).filter(|&i| tokens[i].is_word() && is_noun(&doc, &tokens[i])).collect();
            let all_after_comma = (0..tokens.len()).filter(|&i| after_comma(&doc, i));
            assert_eq!(
                APPOSITIONS.find_from(&doc, {
                    let mut starts = Vec::new();
                    apposition_starts(&doc, &nouns, &mut starts);
                    starts
                }),
                APPOSITIONS.find_from(&doc, all_after_comma),
                "{text}"
            );
        }
    }

    #[test]
    fn only_the_characters_listed_fold_to_ascii() {
        let mut buf = [0; 4];
        for c in (0x80..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let text = c.encode_utf8(&mut buf);
            let folded = glaneur_text::folded(text);
            let first = folded.as_bytes()[0];
            if first.is_ascii() {
                assert!(ascii_folds(text.as_bytes()[0]).contains(&first), "{c:?} folds to {folded:?}");
            }
        }
    }

    #[test]
    fn the_noun_test_behind_the_noun_beginnings_finds_what_the_phrase_search_found() {
        let corpus = crate::tests::corpus_texts();
        let tricky = "MODÈLE, Modèles, LLM, l’assistant, l'Agent, ChatBot, «modèle», model-modèle, \
                      AGENTS, Llm, mODÈLE, Assistant-agent, x, \u{212a}odèle, ’modèle, ʼagent, İa, à été dé, \
                      LLMs, modèle-, agent007, ASSİSTANT, chatbots, Model";
        for text in corpus.chain([tricky.to_owned()]) {
            let buf = glaneur_schema::DocumentBuf::new(&text).expect("small");
            let doc = buf.document();
            let words = doc.tokens().iter().filter(|t| t.is_word());
            let nouns: Vec<(usize, usize)> = words
                .filter(|t| may_begin_noun(text.as_bytes(), t.start()) && is_noun(&doc, t))
                .map(|t| (t.start(), t.end()))
                .collect();
            assert_eq!(nouns, NOUNS.find_spans(&doc), "{text}");
            // And the cue's folded text is what folding its text gives.
            for (start, end) in nouns {
                let t = &doc.tokens()[doc.token_at(start)];
                assert_eq!(doc.folded_of(t), glaneur_text::folded(&text[start..end]), "{text}");
            }
        }
    }
}
