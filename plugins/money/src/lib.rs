//! The money plugin (kind `money`): every amount of money with a definite
//! number, its value in units, its ISO 4217 currency, ranges, qualifiers,
//! and the currency inferred from context when the span names none.
//!
//! Two passes: [`grammar`] reads each candidate amount on its own words
//! around an anchor (a digit, a currency symbol, a number word); then the
//! document pass decides which bare amounts are money and which currency
//! they take from context. See README.md for the grammar and its decisions.

pub mod chunks;
pub mod context;
pub mod digits;
pub mod grammar;
pub mod lexicon;
pub mod scanner;

use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Range;
use std::sync::LazyLock;

use glaneur_schema::{entity::Number, Document, Entity, FfiEntity, Plugin, PluginInfo};
use glaneur_text::kept::{bound, recycle, with_kept, Bound};

use crate::grammar::{Grammar, Named, Parsed, Windows};
use crate::lexicon::starts_an_amount;
use crate::scanner::Kind;
use crate::scanner::{Items, Lex};

/// The language of a document, which decides `billion` (10^12 in French,
/// 10^9 in English) and `1,500` (1.5 or 1500): the Document's guess.
pub use glaneur_schema::Language;

/// Where an amount may start, in order, among those in `range`: a number
/// (or the ISO code right before it), a currency symbol, a number word (an
/// article only when a word that can continue an amount follows: see
/// [`number_word_anchor`]); each with the index of the item starting
/// there. `items` are the lexed items around `range`, `picked` those
/// [`may_anchor`] took; a number just past `range` may move back into it
/// to an ISO code (`USD 5`). Written into `out` (emptied first), a
/// vector kept from one document to the next.
fn anchors(
    doc: &str,
    range: Range<usize>,
    items: &[Lex<'_>],
    picked: &[usize],
    language: Language,
    mut out: Vec<(usize, usize)>,
) -> Vec<(usize, usize)> {
    out.clear();
    out.reserve(picked.len());
    for &k in picked {
        let item = &items[k];
        let start = match item.kind {
            Kind::Num => match code_before(doc, item.start) {
                // The code's item, a few before the number's (`Rs. 350`); a
                // code starting inside an item starts no amount.
                Some(code) => match items[..k].iter().rposition(|l| l.start <= code) {
                    Some(j) if items[j].start == code => Some((code, j)),
                    _ => None,
                },
                None => Some((item.start, k)),
            },
            // Currency symbols, as the scanner knows them (`₺500` as well as `$5`).
            Kind::Sym => Some((item.start, k)),
            Kind::Word if number_word_anchor(doc, items, k, language) => Some((item.start, k)),
            _ => None,
        };
        out.extend(start.filter(|(at, _)| range.contains(at)));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether an item may start an amount, asked of every item as it is
/// lexed, so that [`anchors`] looks at those alone: a number, a currency
/// symbol, or a word that [`number_word_anchor`] may take (one whose form
/// key `keys` admits, or a hyphenated one the filter of number words
/// admits, whole or up to a hyphen).
#[inline]
fn may_anchor(item: &Lex<'_>, keys: &lexicon::KeySet) -> bool {
    match item.kind {
        Kind::Num | Kind::Sym => true,
        Kind::Word if !item.hyphenated => keys.admits(item.key),
        Kind::Word => lexicon::may_start_an_amount(item.lower) || lexicon::may_start_an_amount_within(item.lower),
        _ => false,
    }
}

/// Whether a lexed word, `items[k]`, starts an amount: a number word,
/// whole or up to a hyphen (`vingt` of `vingt-cinq`), the longest first; an
/// article (`un`, `une`, `one`) only when a word that continues an amount
/// follows.
fn number_word_anchor(doc: &str, items: &[Lex<'_>], k: usize, language: Language) -> bool {
    let item = &items[k];
    let lower = item.lower;
    let len = if starts_an_amount(lower) {
        Some(lower.len())
    } else if !item.hyphenated || !lexicon::may_start_an_amount_within(lower) {
        None // most words: cheaper tests than the search below
    } else {
        // Hyphenated words are short: read back byte by byte rather than
        // with a search set up for each hyphen.
        let bytes = lower.as_bytes();
        (0..bytes.len()).rev().filter(|&e| bytes[e] == b'-').find(|&e| starts_an_amount(&lower[..e]))
    };
    let Some(len) = len else { return false };
    let article = matches!(&lower[..len], "un" | "une" | "one" | "a" | "an" | "half" | "quarter");
    // Most articles (`un modèle`) are refused by the word after them,
    // before the text before them is read.
    (!article || may_continue(doc, item.start + len, items.get(k + 1), language))
        && !glaneur_text::glued_before(doc, item.start)
}

/// `USD` in `USD 5` or `EUR29,99`, `Rs` in `Rs 350`, `Rs. 350`, `RM1.2
/// billion`: the code's start, before digits at `at`.
fn code_before(doc: &str, at: usize) -> Option<usize> {
    // One space may part the code from the number.
    let bytes = doc.as_bytes();
    let end = if at > 0 && bytes[at - 1] == b' ' { at - 1 } else { at };
    // Most numbers (after `de`, `à`, a comma) are told at once, by a byte
    // rather than a slice of the text.
    if !end.checked_sub(1).is_some_and(|last| lexicon::may_end_a_code(bytes[last])) {
        return None;
    }
    let head = &doc[..end];
    // The codes are at most four characters (`Rs.`, `NIS`, `EUR`).
    let from = glaneur_text::reach_back(head, head.len(), 5);
    let letters = head[from..].char_indices().rev().find(|&(_, c)| !(c.is_ascii_alphabetic() || c == '.'));
    let word_start = from + letters.map_or(0, |(i, c)| i + c.len_utf8());
    let word = &head[word_start..];
    let code = lexicon::iso_code(word).is_some() || lexicon::letters_currency(word).is_some();
    (code && !word.is_empty() && !glaneur_text::glued_before(doc, word_start)).then_some(word_start)
}

/// Whether the word after an article (`un`, `une`, `one`) ending at `at`
/// can continue an amount (a number word, a multiplier, a currency,
/// `demi`, `et`), or a hyphen glues it to the next (`un-demi`). `next` is
/// the item after the article, when lexed.
fn may_continue(doc: &str, at: usize, next: Option<&Lex<'_>>, language: Language) -> bool {
    let Some((written, word, key)) = word_after(doc, at, next) else { return true };
    let word = word.as_ref();
    // Most words after an article (`un modèle`) are refused by the filter,
    // by their key, before their text is found.
    lexicon::may_continue_an_amount(word, key) && continues(&doc[written], word, language)
}

/// Whether a word after an article, as written and folded, continues an
/// amount (see [`may_continue`]).
fn continues(original: &str, word: &str, language: Language) -> bool {
    !word.is_empty()
        && (lexicon::is_number_word(word)
            || lexicon::multiplier(word, original, language, false).is_some()
            || lexicon::iso_code(original).is_some()
            || lexicon::currency_word(word).is_some()
            || lexicon::approximate_count(word).is_some()
            || word.starts_with("demi")
            || lexicon::lone_subunit(word).is_some()
            || lexicon::english_dollar_adjective(word).is_some() // `one Canadian dollar`
            || matches!(word, "et" | "mille" | "and" | "half" | "quarter" | "dozen" | "of" | "a" | "thousand"))
}

/// The word after `at` (past spaces): its span, its folded form and that
/// form's key ([`glaneur_schema::key_of_form`]); `None` when a
/// hyphen (`un-demi`) or a currency symbol (`un € de plus`) follows
/// instead. `next` is the item after `at`, when lexed: this runs after
/// every `un` and `une`, and the word is most often that item as it is,
/// already folded.
fn word_after<'d>(doc: &'d str, at: usize, next: Option<&Lex<'d>>) -> Option<(Range<usize>, Cow<'d, str>, u16)> {
    let bytes = doc.as_bytes();
    if bytes.get(at) == Some(&b'-') {
        return None;
    }
    match next.filter(|n| bytes.get(at) == Some(&b' ') && is_whole_word_at(doc, at + 1, n)) {
        Some(n) => Some((n.start..n.end, Cow::Borrowed(n.lower), n.key)),
        _ => {
            let rest = doc[at..].trim_start_matches([' ', '\u{a0}', '\u{202f}']);
            if rest.starts_with(scanner::is_currency_symbol) {
                return None;
            }
            let len = rest.find(|c: char| !(glaneur_text::is_letter(c) || c == '-')).unwrap_or(rest.len());
            // Borrowed unless it has capitals.
            let original = &rest[..len];
            let start = doc.len() - rest.len();
            let word = glaneur_text::folded(original);
            let key = glaneur_schema::key_of_form(&word);
            Some((start..start + len, word, key))
        }
    }
}

/// Whether `item` is a word starting at `at` that the letters and hyphens
/// there make up exactly: letters and hyphens, then no letter nor hyphen
/// (or the end), so that reading the text there gives its text, and
/// folding that its lowered form. ASCII words are told byte by byte; the
/// others (`société`) char by char, rather than read from the text again.
fn is_whole_word_at(doc: &str, at: usize, item: &Lex<'_>) -> bool {
    if item.kind != Kind::Word || item.start != at {
        return false;
    }
    let is_part = |c: char| glaneur_text::is_letter(c) || c == '-';
    let bytes = doc.as_bytes();
    let (text, after) = (&bytes[item.start..item.end], bytes.get(item.end));
    match text.iter().position(|&b| !ASCII_WORD_PART[usize::from(b)]) {
        None if after.is_none_or(|&b| b.is_ascii() && !ASCII_WORD_PART[usize::from(b)]) => return true,
        None => {}
        // The characters from the first that is no ASCII letter or hyphen on.
        Some(k) if !doc[item.start + k..item.end].chars().all(is_part) => return false,
        Some(_) => {}
    }
    doc.get(item.end..).and_then(|rest| rest.chars().next()).is_none_or(|c| !is_part(c))
}

/// For each byte, whether it is an ASCII letter or a hyphen, the parts of
/// an ASCII word (see [`is_whole_word_at`]): one lookup a byte.
static ASCII_WORD_PART: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphabetic() || b == b'-' as usize;
        b += 1;
    }
    table
};

/// The buffers a thread reads documents into, kept from one document to
/// the next (and as large as the largest it lexed): allocated and freed
/// for every document, they cost more than some of its reading.
#[derive(Default)]
struct Scratch {
    /// A chunk's items (none between chunks).
    items: Vec<Lex<'static>>,
    /// The indices of the items that may start an amount.
    picked: Vec<usize>,
    /// The lowered words put together from several tokens.
    folds: String,
    /// The lexer's note of which items those are.
    lowered: Vec<(usize, Range<usize>)>,
    /// A chunk's anchors.
    anchors: Vec<(usize, usize)>,
    /// A document's candidate amounts.
    candidates: Vec<Parsed>,
    /// A document's amounts.
    amounts: Vec<Amount<usize>>,
    /// The candidates whose paragraph decides about them, their paragraphs
    /// and contexts (see [`Money::decide`]).
    deciding: Vec<usize>,
    paragraphs: Vec<usize>,
    contexts: Vec<(Option<&'static str>, bool)>,
}

impl Bound for Scratch {
    /// Bounds the vectors a whole document fills (a chunk's are bounded
    /// by the chunk).
    fn bound(&mut self) {
        bound(&mut self.candidates);
        bound(&mut self.amounts);
        bound(&mut self.deciding);
        bound(&mut self.paragraphs);
        bound(&mut self.contexts);
    }
}

thread_local! {
    /// This thread's [`Scratch`], borrowed while a document is read (in
    /// place: taken out and put back, its dozen vectors were copied
    /// three times a document).
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// An amount and the decisions about it. Within the plugin, `parsed` is
/// the index of the candidate among the document's (`Amount<usize>`) or
/// the candidate borrowed (`Amount<&Parsed>`), so that deciding about an
/// amount does not copy it.
#[derive(Debug, Clone, PartialEq)]
pub struct Amount<P = Parsed> {
    /// What the span says.
    pub parsed: P,
    /// The currency, named or inferred.
    pub currency: Option<&'static str>,
    /// Whether it was inferred from context.
    pub inferred: bool,
}

impl Amount<usize> {
    /// The decision with its candidate, one of `candidates`, borrowed.
    fn of<'p>(&self, candidates: &'p [Parsed]) -> Amount<&'p Parsed> {
        Amount { parsed: &candidates[self.parsed], currency: self.currency, inferred: self.inferred }
    }
}

#[cfg(test)]
impl Amount {
    /// The amount with its candidate borrowed.
    fn borrowed(&self) -> Amount<&Parsed> {
        Amount { parsed: &self.parsed, currency: self.currency, inferred: self.inferred }
    }
}

impl Amount<&Parsed> {
    /// The amount with its candidate copied.
    fn cloned(&self) -> Amount {
        Amount { parsed: self.parsed.clone(), currency: self.currency, inferred: self.inferred }
    }
}

/// Finds amounts of money; stateless.
#[derive(Debug, Default)]
pub struct Money;

impl Money {
    /// Every amount of money in `document`, in order.
    pub fn amounts(&self, document: &Document<'_>) -> Vec<Amount> {
        self.with_amounts(document, |candidates, amounts| amounts.iter().map(|a| a.of(candidates).cloned()).collect())
    }

    /// What `read` makes of every amount of money in `document`, in
    /// order (the candidates, and the amounts as indices among them),
    /// found into the vectors this thread keeps (the amounts' included:
    /// the caller takes what it needs from them).
    fn with_amounts<R>(&self, document: &Document<'_>, read: impl FnOnce(&[Parsed], &[Amount<usize>]) -> R) -> R {
        with_kept(&SCRATCH, |scratch| {
            let candidates = self.candidates(document, false, scratch);
            let amounts = self.decide(document, &candidates, scratch);
            let read = read(&candidates, &amounts);
            (scratch.candidates, scratch.amounts) = (candidates, amounts);
            read
        })
    }

    /// Every candidate amount in `document`, in order. `qualify_all` looks
    /// for the qualifier of every one, even those [`Parsed::is_never_money`]
    /// whose qualifier cannot reach back over the previous candidate: the
    /// reference a test compares the amounts with. Lexed into the vectors
    /// of `scratch`, and found into its `candidates` (taken).
    fn candidates(&self, document: &Document<'_>, qualify_all: bool, scratch: &mut Scratch) -> Vec<Parsed> {
        let (doc, language) = (document.text(), document.language());
        let keys = lexicon::amount_start_keys();
        let mut candidates = std::mem::take(&mut scratch.candidates);
        candidates.clear();
        let mut resume = 0;
        for chunk in chunks::chunks(doc) {
            let into = Items {
                all: std::mem::take(&mut scratch.items),
                picked: std::mem::take(&mut scratch.picked),
                lowered: std::mem::take(&mut scratch.lowered),
            };
            let lexed =
                scanner::lex_range_into(document, chunk.lexed, &mut scratch.folds, into, |item| may_anchor(item, keys));
            let kept_anchors = std::mem::take(&mut scratch.anchors);
            let anchors = anchors(doc, chunk.anchors, &lexed.all, &lexed.picked, language, kept_anchors);
            candidates.reserve(anchors.len());
            let mut windows = Windows::new(doc, &lexed.all);
            for &(anchor, index) in &anchors {
                if anchor < resume {
                    continue;
                }
                let Some((items, at)) = windows.around(anchor, index) else { continue };
                let previous_end = if qualify_all { usize::MAX } else { candidates.last().map_or(0, |prev| prev.end) };
                let grammar = Grammar { doc, items, language, previous_end };
                if let Some(parsed) = grammar.parse(at) {
                    // A qualifier may reach back over a previous amount's end; keep order.
                    if candidates.last().is_some_and(|prev| parsed.start < prev.end) {
                        continue;
                    }
                    resume = parsed.end;
                    candidates.push(parsed);
                }
            }
            (scratch.items, scratch.picked, scratch.lowered, scratch.anchors) =
                (recycle(lexed.all), lexed.picked, lexed.lowered, anchors);
        }
        candidates
    }

    /// Which candidates are money, with which currency (its working
    /// vectors those of `scratch`, and the amounts written into its
    /// `amounts`, taken).
    fn decide(&self, document: &Document<'_>, candidates: &[Parsed], scratch: &mut Scratch) -> Vec<Amount<usize>> {
        let doc = document.text();
        // The candidates their paragraph decides about: those naming a
        // currency by its code, which name it to the bare ones around
        // (unless in parentheses), and the bare ones that may be kept,
        // which take it. The others (most: years, counts; sub-units, which
        // take their sentence's currency) need neither their paragraph nor
        // their parentheses.
        let mut deciding = std::mem::take(&mut scratch.deciding);
        deciding.clear();
        deciding.extend((0..candidates.len()).filter(|&k| {
            let p = &candidates[k];
            matches!(p.currency, Some(Some(_)))
                || (p.currency.is_none() && p.subunit_of.is_none() && !p.is_never_money())
        }));
        let kept_paragraphs = std::mem::take(&mut scratch.paragraphs);
        let paragraph_of = paragraph_starts(document, deciding.iter().map(|&k| candidates[k].start), kept_paragraphs);
        // For each of them, the currency of the next one that names it
        // outside parentheses, in the same paragraph, and whether it is in
        // parentheses itself: one backward pass.
        let mut contexts = std::mem::take(&mut scratch.contexts);
        contexts.clear();
        contexts.resize(deciding.len(), (None, false));
        let mut ahead: Option<(&'static str, usize)> = None; // (code, its paragraph start)
        for (j, (&k, &paragraph)) in deciding.iter().zip(&paragraph_of).enumerate().rev() {
            let next_named = ahead.filter(|(_, p)| *p == paragraph).map(|(code, _)| code);
            let mut in_parens = false;
            if let Some(Some(code)) = candidates[k].currency {
                in_parens = context::in_parentheses(doc, candidates[k].start, paragraph);
                if !in_parens {
                    ahead = Some((code, paragraph));
                }
            }
            contexts[j] = (next_named, in_parens);
        }
        // The next of `deciding`.
        let mut j = 0;
        let kept = std::mem::take(&mut scratch.amounts);
        let out = settle(doc, candidates, kept, |k| match deciding.get(j) {
            Some(&d) if d == k => {
                j += 1;
                contexts[j - 1]
            }
            _ => (None, false),
        });
        (scratch.deciding, scratch.paragraphs, scratch.contexts) = (deciding, paragraph_of, contexts);
        out
    }

    /// Every amount as an entity.
    pub fn find(&self, doc: &Document<'_>) -> Vec<Entity> {
        // The entities written into a vector of the right size, the only
        // allocation besides their attrs (the amounts' vector is kept).
        self.with_amounts(doc, |candidates, amounts| {
            let mut entities = Vec::with_capacity(amounts.len());
            for amount in amounts {
                entities.push(to_entity(&amount.of(candidates)));
            }
            entities
        })
    }
}

/// Which of `candidates` (in order) are money, with which currency, given
/// each one's context (`context_of(k)`, asked once per candidate in order):
/// the currency of the next candidate naming one in its paragraph, outside
/// parentheses, and whether it is in parentheses itself. A sub-unit takes
/// its sentence's currency; a named currency outside parentheses names the
/// bare amounts after it; a bare amount takes the last named or the next,
/// or is kept without one after a money noun or cue. Written into `out`
/// (emptied first), a vector kept from one document to the next.
fn settle(
    doc: &str,
    candidates: &[Parsed],
    mut out: Vec<Amount<usize>>,
    mut context_of: impl FnMut(usize) -> (Option<&'static str>, bool),
) -> Vec<Amount<usize>> {
    let mut last_named: Option<&'static str> = None;
    out.clear();
    out.reserve(candidates.len());
    for (k, parsed) in candidates.iter().enumerate() {
        let (next_named, in_parens) = context_of(k);
        // `45 cents`: a hundredth of the currency the sentence names, else of the dollar.
        if let Some((default, inferable)) = parsed.subunit_of {
            let sentence = context::sentence(doc, parsed.start, parsed.end);
            let from = glaneur_text::offset_in(doc, sentence);
            let in_sentence = |j: usize| {
                candidates
                    .get(j)
                    .filter(|c| c.start >= from && c.start <= from + sentence.len())
                    .and_then(|c| c.currency?)
            };
            let neighbour = k.checked_sub(1).and_then(in_sentence).or_else(|| in_sentence(k + 1));
            let (code, inferred) = match neighbour.filter(|_| inferable) {
                Some(code) if code != default => (code, true),
                _ => (default, false),
            };
            out.push(Amount { parsed: k, currency: Some(code), inferred });
            continue;
        }
        if let Some(named) = parsed.currency {
            if !in_parens {
                if let Some(code) = named {
                    last_named = Some(code);
                }
            }
            out.push(Amount { parsed: k, currency: named, inferred: false });
            continue;
        }
        if parsed.is_never_money() {
            continue; // `15 000 GPU`, `3 millions d'utilisateurs`
        }
        match last_named.or(next_named) {
            Some(code) => out.push(Amount { parsed: k, currency: Some(code), inferred: true }),
            None if parsed.money_noun_after || has_money_cue(doc, parsed) => {
                out.push(Amount { parsed: k, currency: None, inferred: false })
            }
            None => {}
        }
    }
    out
}

/// Where the paragraphs holding `offsets` (tokens' starts, in order)
/// start: each the start of its paragraph's first token, in the
/// paragraphs (after blank lines) the Document found. The paragraphs are
/// walked once, each passed when its last token ends at or before the
/// offset (then the token holding it, the first ending after it, is past
/// the paragraph), so that no token is searched for.
fn paragraph_starts(document: &Document<'_>, offsets: impl Iterator<Item = usize>, mut out: Vec<usize>) -> Vec<usize> {
    let tokens = document.tokens();
    let mut paragraphs = document.paragraphs().peekable();
    // Whether the paragraph ending before token `end` ends at or before `at`.
    let ends_by =
        |end: usize, at: usize| end.checked_sub(1).is_none_or(|last| tokens.get(last).is_some_and(|t| t.end() <= at));
    out.clear();
    out.extend(offsets.map(|at| {
        while paragraphs.next_if(|p| ends_by(p.end, at)).is_some() {}
        let first = paragraphs.peek().map_or_else(|| document.token_at(at), |p| p.start);
        tokens.get(first).map_or(at, |t| t.start())
    }));
    out
}

/// Where the paragraph holding `at`, a token's start, starts: its first
/// token, in the paragraphs (after blank lines) the Document found (a
/// token searched for per offset: the reference [`paragraph_starts`] is
/// tested against).
#[cfg(test)]
fn paragraph_start(document: &Document<'_>, at: usize) -> usize {
    let first = document.paragraph_of(document.token_at(at)).start;
    document.tokens().get(first).map_or(at, |t| t.start())
}

/// Whether the sentence of a bare amount speaks of money (`levé`, `budget`).
fn has_money_cue(doc: &str, parsed: &Parsed) -> bool {
    context::sentence(doc, parsed.start, parsed.end)
        .split(|c: char| !c.is_alphabetic())
        .any(|w| w.len() > 2 && lexicon::is_money_cue(&glaneur_text::folded(w)))
}

/// The `rule` attribute: `[range:](digits|words)+` and how the currency
/// was had, written into the JSON text as one of a table's strings (no
/// formatting per amount).
struct Rule {
    range: bool,
    words: bool,
    currency: Via,
}

/// How the currency of an amount was had, in the order of [`Rule::ALL`].
#[derive(Debug, Clone, Copy)]
enum Via {
    Symbol,
    Code,
    Word,
    Inferred,
    Cue,
}

impl Rule {
    /// The rules, by range, then number, then [`Via`].
    const ALL: [[[&'static str; 5]; 2]; 2] = [
        [
            ["digits+symbol", "digits+code", "digits+word", "digits+inferred", "digits+cue"],
            ["words+symbol", "words+code", "words+word", "words+inferred", "words+cue"],
        ],
        [
            [
                "range:digits+symbol",
                "range:digits+code",
                "range:digits+word",
                "range:digits+inferred",
                "range:digits+cue",
            ],
            ["range:words+symbol", "range:words+code", "range:words+word", "range:words+inferred", "range:words+cue"],
        ],
    ];

    /// How many rules there are.
    const COUNT: usize = 2 * 2 * 5;

    fn as_str(&self) -> &'static str {
        Rule::ALL[usize::from(self.range)][usize::from(self.words)][self.currency as usize]
    }

    /// Its place among [`Rule::every`].
    fn index(&self) -> usize {
        (usize::from(self.range) * 2 + usize::from(self.words)) * 5 + self.currency as usize
    }

    /// Every rule, in the order of [`Rule::ALL`].
    fn every() -> impl Iterator<Item = Rule> {
        let vias = [Via::Symbol, Via::Code, Via::Word, Via::Inferred, Via::Cue];
        [false, true].into_iter().flat_map(move |range| {
            [false, true].into_iter().flat_map(move |words| vias.map(|currency| Rule { range, words, currency }))
        })
    }
}

/// The `rule` attribute of an amount.
fn rule_of(amount: &Amount<&Parsed>) -> Rule {
    let p = amount.parsed;
    let currency = match (p.named, amount.inferred) {
        (Some(Named::Symbol), _) => Via::Symbol,
        (Some(Named::Code), _) => Via::Code,
        (Some(Named::Word), _) => Via::Word,
        (None, true) => Via::Inferred,
        (None, false) => Via::Cue,
    };
    Rule { range: p.max.is_some(), words: p.words, currency }
}

/// A `money` entity's attributes as JSON, in the order README.md lists
/// them, written as serde writes them (a test compares them with serde's
/// writing of the attrs struct it keeps) at a fraction of the cost: the
/// keys are fixed, and the strings (an ISO code, a qualifier, a rule) are
/// the lexicon's, which need no escape (the host refuses a currency that
/// is not three capitals, a qualifier not in its list), so they are
/// copied rather than searched for bytes to escape by
/// `json_text::push_str` (which cost money 2 % more).
fn attrs_json(amount: &Amount<&Parsed>) -> String {
    /// `"text"`, or `null`.
    #[inline(always)]
    fn push_string(json: &mut String, text: Option<&str>) {
        match text {
            Some(text) => {
                json.push('"');
                json.push_str(text);
                json.push('"');
            }
            None => json.push_str("null"),
        }
    }
    let p = amount.parsed;
    // Room for most, as serde_json makes (a range with a qualifier: 110 bytes).
    let mut json = String::with_capacity(128);
    json.push_str("{\"value\":");
    Number(p.value).write_json(&mut json);
    if let Some(max) = p.max {
        json.push_str(",\"max\":");
        Number(max).write_json(&mut json);
    }
    json.push_str(",\"currency\":");
    push_string(&mut json, amount.currency);
    let rule = rule_of(amount);
    match attrs_tail(amount.inferred, p.qualifier, &rule) {
        Some(tail) => json.push_str(tail),
        None => write_attrs_tail(&mut json, amount.inferred, p.qualifier, &rule),
    }
    json
}

/// The end of a `money` entity's attrs after its currency, as
/// [`attrs_json`] writes it: `,"currency_inferred":…,"qualifier":…,"rule":…}`.
fn write_attrs_tail(json: &mut String, inferred: bool, qualifier: Option<&str>, rule: &Rule) {
    json.push_str(if inferred { ",\"currency_inferred\":true" } else { ",\"currency_inferred\":false" });
    json.push_str(",\"qualifier\":");
    match qualifier {
        Some(qualifier) => {
            json.push('"');
            json.push_str(qualifier);
            json.push('"');
        }
        None => json.push_str("null"),
    }
    json.push_str(",\"rule\":\"");
    json.push_str(rule.as_str());
    json.push_str("\"}");
}

/// The qualifiers an amount may have, in the order of [`attrs_tail`]'s
/// table (none first).
const QUALIFIER_NAMES: [Option<&str>; 4] = [None, Some("approx"), Some("over"), Some("under")];

/// [`write_attrs_tail`]'s text, written once for every case of the usual
/// qualifiers (the others, none so far, are written each time): one copy
/// per entity rather than seven pieces, two of them copied by a call.
fn attrs_tail(inferred: bool, qualifier: Option<&str>, rule: &Rule) -> Option<&'static str> {
    /// Each case's tail, by whether the currency was inferred, the
    /// qualifier's place in [`QUALIFIER_NAMES`], then the rule's in
    /// [`Rule::ALL`].
    static TAILS: LazyLock<Vec<String>> = LazyLock::new(|| {
        let mut tails = Vec::new();
        for inferred in [false, true] {
            for qualifier in QUALIFIER_NAMES {
                for rule in Rule::every() {
                    let mut tail = String::new();
                    write_attrs_tail(&mut tail, inferred, qualifier, &rule);
                    tails.push(tail);
                }
            }
        }
        tails
    });
    let q = QUALIFIER_NAMES.iter().position(|&name| name == qualifier)?;
    let at = (usize::from(inferred) * QUALIFIER_NAMES.len() + q) * Rule::COUNT + rule.index();
    TAILS.get(at).map(String::as_str)
}

/// An amount as a `money` entity: its attrs, numbers and the lexicon's
/// strings, hold no line break (see [`Entity::with_one_line_attrs`]).
fn to_entity(amount: &Amount<&Parsed>) -> Entity {
    let p = amount.parsed;
    let confidence = match (p.named.is_some(), amount.inferred) {
        (true, _) => 0.95,
        (false, true) => 0.8,
        (false, false) => 0.6,
    };
    Entity::with_one_line_attrs("money", p.start..p.end, confidence, attrs_json(amount))
}

impl Plugin for Money {
    const INFO: PluginInfo = PluginInfo {
        name: "money",
        version: env!("CARGO_PKG_VERSION"),
        produces: &["money"],
        requires: &[],
        description: "Amounts of money with normalised value and ISO 4217 currency.",
    };

    fn new(config: &str) -> Result<Self, String> {
        glaneur_schema::no_configuration(Self::INFO.name, config)?;
        Ok(Money)
    }

    fn extract(&self, doc: &Document<'_>, _found: &[FfiEntity]) -> Result<Vec<Entity>, String> {
        // Never an error: the `Result` is the plugin interface's.
        Ok(self.find(doc))
    }
}

// The Python package links every plugin into one library: there, no
// plugin exports the library header (they would all share its symbol), nor
// declares the allocator.
#[cfg(not(feature = "embedded"))]
glaneur_schema::export_plugin!(Money);
#[cfg(not(feature = "embedded"))]
glaneur_alloc::global_allocator!();

#[cfg(test)]
mod tests {
    use super::*;
    use glaneur_schema::DocumentBuf;
    use serde::Serialize;

    /// A `money` entity's attributes, in the order README.md lists them, as
    /// serde writes them: the reference [`super::attrs_json`] is compared with.
    #[derive(Serialize)]
    struct Attrs {
        value: Number,
        #[serde(skip_serializing_if = "Option::is_none")]
        max: Option<Number>,
        currency: Option<&'static str>,
        currency_inferred: bool,
        qualifier: Option<&'static str>,
        rule: Rule,
    }

    impl Serialize for Rule {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(self.as_str())
        }
    }

    fn amounts(text: &str) -> Vec<Amount> {
        Money.amounts(&DocumentBuf::new(text).expect("small").document())
    }

    fn texts(doc: &str) -> Vec<&str> {
        amounts(doc).iter().map(|a| &doc[a.parsed.start..a.parsed.end]).collect()
    }

    #[test]
    fn whole_words_are_letters_and_hyphens_up_to_another_character() {
        let is_part = |c: char| glaneur_text::is_letter(c) || c == '-';
        let mut texts = glaneur_testdata::test_texts(&["money"]);
        texts.push("un été, a-t-il dit ; une e\u{301}tude ; un Nvidia’ ; un vingt- ; un aujourd'hui ; a ÉTÉ".into());
        let mut whole = 0;
        for text in &texts {
            let buf = DocumentBuf::new(text).expect("a test text fits");
            let mut folds = String::new();
            let items = scanner::lex_range(&buf.document(), 0..text.len(), &mut folds, |_| false).all;
            for item in &items {
                let expected = item.kind == Kind::Word
                    && item.text(text).chars().all(is_part)
                    && text[item.end..].chars().next().is_none_or(|c| !is_part(c));
                assert_eq!(is_whole_word_at(text, item.start, item), expected, "{text} {item:?}");
                assert!(!is_whole_word_at(text, item.start + 1, item));
                whole += usize::from(expected);
            }
        }
        assert!(whole > 1000, "{whole}");
    }

    #[test]
    fn ascii_word_parts_are_the_letters_and_the_hyphen() {
        for b in 0..=255u8 {
            assert_eq!(ASCII_WORD_PART[usize::from(b)], b.is_ascii_alphabetic() || b == b'-', "{b}");
        }
    }

    #[test]
    fn number_words_start_amounts_whole_or_before_a_hyphen() {
        assert_eq!(
            texts("Quatre-vingt-dix millions d'euros, et vingt-cinq euros."),
            ["Quatre-vingt-dix millions d'euros", "vingt-cinq euros"]
        );
        assert_eq!(texts("un demi-milliard de dollars"), ["un demi-milliard de dollars"]);
        assert_eq!(texts("Les sixièmes millions d'euros"), Vec::<&str>::new());
    }

    #[test]
    fn paragraphs_are_those_the_text_s_blank_lines_make() {
        let mut texts = glaneur_testdata::test_texts(&["money"]);
        texts.push("a\n\n\u{a0}\n\nb \n\x0c\nc\n\r\n d\n\x0b\ne\n\n\x0cf ".into());
        for text in &texts {
            let buf = DocumentBuf::new(text).expect("a test text fits");
            let document = buf.document();
            let paragraphs = glaneur_text::Paragraphs::new(text);
            let starts: Vec<usize> = document.tokens().iter().map(|t| paragraph_start(&document, t.start())).collect();
            let offsets = document.tokens().iter().map(|t| t.start());
            assert_eq!(paragraph_starts(&document, offsets, vec![7]), starts);
            // Any offset up to the last token's start: in a token, or in the
            // whitespace before one.
            let last = document.tokens().last().map_or(0, |t| t.start());
            let offsets: Vec<usize> = (0..=last).filter(|&at| text.is_char_boundary(at)).collect();
            let starts: Vec<usize> = offsets.iter().map(|&at| paragraph_start(&document, at)).collect();
            assert_eq!(paragraph_starts(&document, offsets.into_iter(), Vec::new()), starts, "{text:?}");
            for t in document.tokens() {
                // The same paragraph, from its first token rather than its first byte.
                let (from, at) = (paragraphs.start_of(t.start()), paragraph_start(&document, t.start()));
                assert!(from <= at && text[from..at].trim().is_empty(), "{text:?} {}", t.start());
            }
        }
    }

    #[test]
    fn rules_name_the_range_the_number_and_the_currency() {
        let json = |range, words, currency| serde_json::to_string(&Rule { range, words, currency }).expect("a string");
        assert_eq!(json(false, false, Via::Symbol), r#""digits+symbol""#);
        assert_eq!(json(false, true, Via::Code), r#""words+code""#);
        assert_eq!(json(true, false, Via::Inferred), r#""range:digits+inferred""#);
        assert_eq!(json(true, true, Via::Cue), r#""range:words+cue""#);
        // Every rule of the table is the one its parts spell.
        for range in [false, true] {
            for words in [false, true] {
                for via in [Via::Symbol, Via::Code, Via::Word, Via::Inferred, Via::Cue] {
                    let spelled = format!(
                        "{}{}+{}",
                        if range { "range:" } else { "" },
                        if words { "words" } else { "digits" },
                        format!("{via:?}").to_lowercase()
                    );
                    assert_eq!(Rule { range, words, currency: via }.as_str(), spelled);
                }
            }
        }
    }

    #[test]
    fn every_rule_is_at_its_index_and_each_tail_is_the_one_written() {
        let rules: Vec<Rule> = Rule::every().collect();
        assert_eq!(rules.len(), Rule::COUNT);
        for (k, rule) in rules.iter().enumerate() {
            assert_eq!(rule.index(), k);
            for inferred in [false, true] {
                for qualifier in [None, Some("approx"), Some("over"), Some("under"), Some("other")] {
                    let mut written = String::new();
                    write_attrs_tail(&mut written, inferred, qualifier, rule);
                    let kept = attrs_tail(inferred, qualifier, rule);
                    assert_eq!(kept.is_none(), qualifier == Some("other"));
                    assert!(kept.is_none_or(|kept| kept == written), "{written}");
                }
            }
        }
    }

    #[test]
    fn attrs_written_by_hand_are_those_serde_writes() {
        let mut all = Vec::new();
        for text in glaneur_testdata::test_texts(&["money"]) {
            all.extend(amounts(&text));
        }
        assert!(all.len() > 500, "{}", all.len());
        // Every shape: with and without a range, a currency, a qualifier,
        // whole and fractional values.
        let base = all[0].clone();
        for (value, max) in [(5.0, None), (2.75, Some(3.5)), (1e15, Some(2e16)), (0.1, None), (1e-7, Some(1e22))] {
            for currency in [None, Some("EUR")] {
                for qualifier in [None, Some("approx"), Some("over")] {
                    for inferred in [false, true] {
                        let mut amount = Amount { currency, inferred, ..base.clone() };
                        (amount.parsed.value, amount.parsed.max, amount.parsed.qualifier) = (value, max, qualifier);
                        all.push(amount);
                    }
                }
            }
        }
        for amount in &all {
            let p = &amount.parsed;
            let attrs = Attrs {
                value: Number(p.value),
                max: p.max.map(Number),
                currency: amount.currency,
                currency_inferred: amount.inferred,
                qualifier: p.qualifier,
                rule: rule_of(&amount.borrowed()),
            };
            assert_eq!(attrs_json(&amount.borrowed()), serde_json::to_string(&attrs).expect("attrs"), "{amount:?}");
        }
    }

    /// [`Money::decide`] as it was first written, every candidate's
    /// paragraph and parentheses found: the reference it is compared with.
    fn decide_every_context(document: &Document<'_>, candidates: Vec<Parsed>) -> Vec<Amount<usize>> {
        let doc = document.text();
        let paragraph_of = paragraph_starts(document, candidates.iter().map(|p| p.start), Vec::new());
        let in_parens: Vec<bool> =
            candidates.iter().zip(&paragraph_of).map(|(p, &at)| context::in_parentheses(doc, p.start, at)).collect();
        // For each candidate, the currency of the next one that names it
        // outside parentheses, in the same paragraph: one backward pass.
        let mut next_named: Vec<Option<&'static str>> = vec![None; candidates.len()];
        let mut ahead: Option<(&'static str, usize)> = None; // (code, its paragraph start)
        for k in (0..candidates.len()).rev() {
            let paragraph = paragraph_of[k];
            next_named[k] = ahead.filter(|(_, p)| *p == paragraph).map(|(code, _)| code);
            if let (Some(Some(code)), false) = (candidates[k].currency, in_parens[k]) {
                ahead = Some((code, paragraph));
            }
        }
        settle(doc, &candidates, Vec::new(), |k| (next_named[k], in_parens[k]))
    }

    #[test]
    fn decisions_are_those_made_from_every_candidate_s_context() {
        let mut texts = glaneur_testdata::test_texts(&["money"]);
        // Bare amounts around codes, in and out of parentheses, across paragraphs.
        texts.push(
            "Il a levé 5 millions (soit 4 millions USD) puis 3 milliards ; 2024 et 12 milliards d'euros.\n\n\
             7 milliards, 45 cents, 300 salariés et 20 millions de dollars (12 millions) puis 9 millions."
                .into(),
        );
        let mut kept = 0;
        for text in &texts {
            let buf = DocumentBuf::new(text).expect("a test text fits");
            let document = buf.document();
            let candidates = Money.candidates(&document, false, &mut Scratch::default());
            let decided = Money.decide(&document, &candidates, &mut Scratch::default());
            assert_eq!(decided, decide_every_context(&document, candidates), "{text}");
            kept += decided.len();
        }
        assert!(kept > 500, "{kept}");
    }

    #[test]
    fn amounts_are_those_found_when_every_qualifier_is_looked_for() {
        let mut texts = glaneur_testdata::test_texts(&["money"]);
        // Qualifiers reaching back over a bare amount, over a named one, and
        // sub-units next to bare amounts.
        texts.push(
            "En 2024 près de 300 salariés, 2023 environ 5 millions d'euros ; 12 plus de 40 \
             dépasse probablement les 7 ; 45 cents, 2019 et 30 cents en 2020 près de 12 dollars. \
             Plus de 3 000 GPU et au moins 2 milliards, 5 quelque 8 millions d'utilisateurs."
                .into(),
        );
        let mut kept = 0;
        for text in &texts {
            let buf = DocumentBuf::new(text).expect("a test text fits");
            let document = buf.document();
            let mut scratch = Scratch::default();
            let amounts = |qualify_all, scratch: &mut Scratch| -> Vec<Amount> {
                let candidates = Money.candidates(&document, qualify_all, scratch);
                let decided = Money.decide(&document, &candidates, scratch);
                decided.iter().map(|a| a.of(&candidates).cloned()).collect()
            };
            let (lazy, eager) = (amounts(false, &mut scratch), amounts(true, &mut scratch));
            assert_eq!(lazy, eager, "{text}");
            kept += lazy.len();
        }
        assert!(kept > 500, "{kept}");
    }

    #[test]
    fn anchors_start_every_amount() {
        assert_eq!(texts("En 2024, 15 000 euros ont été versés."), ["15 000 euros"]);
        assert_eq!(texts("Il a reçu EUR29,99 puis USD 5 millions."), ["EUR29,99", "USD 5 millions"]);
        assert_eq!(
            texts("un milliard de dollars, puis une centaine de millions"),
            ["un milliard de dollars", "une centaine de millions"]
        );
        assert_eq!(texts("C'est un modèle, une idée, un pari."), Vec::<&str>::new());
    }

    #[test]
    fn the_items_may_anchor_picks_hold_every_anchor() {
        let mut texts = glaneur_testdata::test_texts(&["money"]);
        texts.push("Vingt-Cinq euros, un-demi, Un € et quatre-vingt-dix MUSD ; USD 5, Rs. 350 et EUR29,99".into());
        for text in &texts {
            let buf = DocumentBuf::new(text).expect("a test text fits");
            let (document, language) = (buf.document(), buf.document().language());
            let (mut folds, mut all_folds) = (String::new(), String::new());
            let keys = lexicon::amount_start_keys();
            let lexed = scanner::lex_range(&document, 0..text.len(), &mut folds, |item| may_anchor(item, keys));
            let every = scanner::lex_range(&document, 0..text.len(), &mut all_folds, |_| true);
            assert_eq!(lexed.all, every.all);
            assert_eq!(every.picked, (0..every.all.len()).collect::<Vec<_>>());
            let anchors_of = |picked: &[usize]| anchors(text, 0..text.len(), &lexed.all, picked, language, Vec::new());
            assert_eq!(anchors_of(&lexed.picked), anchors_of(&every.picked), "{text}");
        }
    }

    #[test]
    fn the_word_after_an_article_read_from_its_item_is_the_one_the_text_gives() {
        // After every item, not only articles: the same reading wherever it is asked.
        let mut texts = glaneur_testdata::test_texts(&["money"]);
        texts.push(
            "un milliard, une MUSD, un  euro, un\u{a0}dollar, un demi-, un mot-é, un € , un Mds$ x un-deux".into(),
        );
        let mut fast = 0;
        for text in &texts {
            let buf = DocumentBuf::new(text).expect("a test text fits");
            let (document, language) = (buf.document(), buf.document().language());
            let mut folds = String::new();
            let items = scanner::lex_range(&document, 0..text.len(), &mut folds, |_| false).all;
            for (k, item) in items.iter().enumerate() {
                let at = item.end;
                let next = items.get(k + 1);
                assert_eq!(
                    may_continue(text, at, next, language),
                    may_continue(text, at, None, language),
                    "{text} {at}"
                );
                fast += usize::from(next.is_some_and(|n| is_whole_word_at(text, at + 1, n)));
            }
        }
        assert!(fast > 1000, "{fast}");
    }

    #[test]
    fn the_filter_of_words_after_an_article_admits_every_one_that_continues() {
        use glaneur_schema::key_of_form;
        let mut words: Vec<String> = ["", "demi", "demi-milliard", "Demi", "USD", "EUR", "MUSD", "M", "m", "U.S", "¢"]
            .map(String::from)
            .to_vec();
        words.extend(lexicon::number_words().map(String::from));
        for text in glaneur_testdata::test_texts(&["money"]) {
            words.extend(text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.')).map(String::from));
        }
        let (mut continuing, mut refused) = (0, 0);
        for original in &words {
            let word = glaneur_text::folded(original);
            for language in [Language::French, Language::English] {
                if continues(original, &word, language) {
                    assert!(lexicon::may_continue_an_amount(&word, key_of_form(&word)), "{original:?}");
                    continuing += 1;
                }
            }
            refused += usize::from(!lexicon::may_continue_an_amount(&word, key_of_form(&word)));
        }
        assert!(continuing > 1000 && refused > 5_000, "{continuing} {refused}");
    }

    #[test]
    fn number_words_start_amounts_whatever_unit_follows() {
        assert_eq!(texts("Il a payé cinq € pour cela."), ["cinq €"]);
        assert_eq!(texts("Elle doit dix USD au total."), ["dix USD"]);
        assert_eq!(texts("Une levée de trois M€."), ["trois M€"]);
        assert_eq!(texts("Ils investiront deux à trois milliards d'euros."), ["deux à trois milliards d'euros"]);
        assert_eq!(texts("They raised two to three billion dollars."), ["two to three billion dollars"]);
        assert_eq!(texts("Demi-milliard d'euros : c'est la somme."), ["Demi-milliard d'euros"]);
        // Articles still need a word that continues an amount.
        assert_eq!(texts("Un milliard de dollars, une idée, un modèle."), ["Un milliard de dollars"]);
    }

    #[test]
    fn a_long_document_read_in_chunks_finds_every_amount() {
        // Pieces of varied lengths, so that chunk ends fall everywhere
        // (inside `USD 5 millions`, `deux à trois milliards`, `15 000 €`).
        let pieces = [
            "Il a levé USD 5 millions. ",
            "Ils investiront deux à trois milliards d'euros, ",
            "soit 15 000 € par poste ; ",
            "le tour de table atteint près de 2,5 milliards de dollars.\n\n",
        ];
        let mut doc = String::new();
        let mut expected = Vec::new();
        for i in 0..12_000 {
            let piece = pieces[i % pieces.len()];
            doc.push_str(&"x ".repeat(i % 7));
            doc.push_str(piece);
            expected.push(texts(piece)[0].to_owned());
        }
        assert!(chunks::chunks(&doc).count() > 5);
        assert_eq!(texts(&doc), expected);
    }

    #[test]
    fn every_symbol_the_scanner_knows_starts_an_amount() {
        let doc = "₺500, ₪40, ฿90, ₣12, $5, €3, £2, ¥8, ₹7, ₩6 et ₽4";
        let currencies: Vec<Option<&str>> = amounts(doc).iter().map(|a| a.currency).collect();
        // `₣` is a franc of no one country: no ISO code, like `francs`.
        let expected = ["TRY", "ILS", "THB", "", "USD", "EUR", "GBP", "JPY", "INR", "KRW", "RUB"];
        assert_eq!(currencies, expected.map(|c| (!c.is_empty()).then_some(c)));
    }

    #[test]
    fn tokens_keep_the_unicode_classes() {
        use crate::scanner::{reference::tokens_in, Kind};
        // Vertical tab and NBSP are spaces; `é`, `ß` are letters; `’` is an apostrophe.
        let doc = "a\u{b}\u{a0}été-là\n\n\u{2003}\nStraße’5";
        let buf = DocumentBuf::new(doc).expect("small");
        let kinds: Vec<(Kind, &str)> =
            tokens_in(&buf.document(), 0..doc.len()).iter().map(|t| (t.kind, t.text(doc))).collect();
        let expected = [
            (Kind::Word, "a"),
            (Kind::Word, "été-là"),
            (Kind::Break, "\n\n\u{2003}\n"),
            (Kind::Word, "Straße"),
            (Kind::Apos, "’"),
            (Kind::Num, "5"),
        ];
        assert_eq!(kinds, expected);
    }
}
