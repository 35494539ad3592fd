//! The grammar of one amount: `[qualifier] [entre] [currency] number
//! [multiplier…] [currency] [(à|-|et) [currency] number [multiplier…]
//! [currency]]`, read over the tokens around an anchor.
//!
//! It decides what the span says on its own; whether a bare amount (no
//! currency) is money, and which currency it takes from context, is
//! decided afterwards over the whole document (`context`).

use std::ops::Range;

use glaneur_numbers::{parse_digits, Convention};
use glaneur_schema::Document;
use glaneur_text::fold_into;

use crate::lexicon::{self, CurrencyWord};
use crate::scanner::{tokens_in, Kind, Token};
use crate::Language;

/// A lexical item: a token with its lowercased text; a word glued to the
/// apostrophe after it is one item (`d'`, `l'`, `jusqu'`).
#[derive(Debug, Clone)]
pub struct Lex<'a> {
    /// Lowercased, `’` folded to `'`: the text itself when already so.
    pub lower: &'a str,
    /// As written.
    pub text: &'a str,
    /// The token kind (a glued word-apostrophe is a `Word`).
    pub kind: Kind,
    /// Byte span in the document.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// How the currency of an amount was named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    /// A symbol (`$`, `€`), before or after.
    Symbol,
    /// An ISO code (`USD`).
    Code,
    /// A word (`dollars`, `francs suisses`).
    Word,
}

/// An amount as its own words say it.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// Span start (the qualifier, `entre`, or the number).
    pub start: usize,
    /// Span end (the currency, or the last multiplier or number).
    pub end: usize,
    /// The value, or the lower bound of a range.
    pub value: f64,
    /// The upper bound of a range.
    pub max: Option<f64>,
    /// The currency the span names: `Some(None)` for a currency word with no
    /// one ISO code (`francs`), `None` when it names none.
    pub currency: Option<Option<&'static str>>,
    /// How it was named.
    pub named: Option<Named>,
    /// Whether the number is written in words.
    pub words: bool,
    /// `approx`, `over`, `under`.
    pub qualifier: Option<&'static str>,
    /// A word multiplier of a million or more (`milliards`): a bare amount
    /// needs one to be money.
    pub big_multiplier: bool,
    /// A bare amount followed by `de` + a noun of money (`de prêts`).
    pub money_noun_after: bool,
    /// A bare amount followed by `de` + another noun (`d'utilisateurs`).
    pub count_noun_after: bool,
}

/// A number with its multipliers.
#[derive(Debug, Clone, Copy)]
struct Quantity {
    base: f64,
    factor: f64,
    /// Index after the last item.
    next: usize,
    words: bool,
    /// Any multiplier; an abbreviation one (`M`, `bn`).
    has_multiplier: bool,
    abbreviated: bool,
    big: bool,
    /// A currency glued into the multiplier (`MUSD`).
    glued_currency: Option<&'static str>,
    approx: bool,
}

impl Quantity {
    fn value(&self) -> f64 {
        self.base * self.factor
    }
}

/// Every item of `doc[range]`, lexed once: anchors are dense (years,
/// figures, amounts), and lexing a window around each one read most of the
/// text several times. The range is a [`crate::chunks::Chunk`]'s, so that a
/// long document is never held as items all at once. The lowered words that
/// differ from the text (`Milliards`, `d’`) are written into `folds`, one
/// buffer for the chunk rather than an allocation per word.
pub fn lex_range<'a>(doc: &Document<'a>, range: Range<usize>, folds: &'a mut String) -> Vec<Lex<'a>> {
    lex(doc, &tokens_in(doc, range), folds)
}

/// The items of `all` (every item of a chunk, margins included) around
/// `anchor`, and the index of the one starting there.
pub fn window<'x, 'a>(doc: &str, all: &'x [Lex<'a>], anchor: usize) -> (&'x [Lex<'a>], usize) {
    // Back: enough for a qualifier and its fillers (`dépasse probablement
    // les`); forward: enough for the longest amount (`entre 500 millions et
    // 1 milliard de dollars australiens`).
    let (from, to) = (glaneur_text::reach_back(doc, anchor, 60), glaneur_text::reach_ahead(doc, anchor, 180));
    let (lo, hi) = (all.partition_point(|l| l.start < from), all.partition_point(|l| l.end <= to));
    let items = &all[lo..hi.max(lo)];
    (items, items.partition_point(|l| l.start < anchor))
}

fn lex<'a>(document: &Document<'a>, tokens: &[Token], folds: &'a mut String) -> Vec<Lex<'a>> {
    let doc = document.text();
    // The Document's token at or after the last item: a word that is one
    // of its tokens (`Milliards`, `d’`) takes its folded form from there.
    let doc_tokens = document.tokens();
    let mut k = tokens.first().map_or(0, |t| doc_tokens.partition_point(|d| d.start() < t.start));
    folds.clear();
    let mut out: Vec<Lex<'a>> = Vec::with_capacity(tokens.len());
    // The items whose lowered form is in `folds`: (index, span in `folds`).
    let mut lowered: Vec<(usize, Range<usize>)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        let glued_apostrophe =
            t.kind == Kind::Word && tokens.get(i + 1).is_some_and(|n| n.kind == Kind::Apos && n.start == t.end);
        // Folding maps the apostrophe (`’`, `ʼ`) to `'` too.
        let end = if glued_apostrophe { tokens[i + 1].end } else { t.end };
        let text = &doc[t.start..end];
        // Only words change when folded: numbers, symbols and the rest are
        // the same lower-cased.
        let lower = match t.kind {
            Kind::Apos => "'",
            Kind::Word => {
                while doc_tokens.get(k).is_some_and(|d| d.start() < t.start) {
                    k += 1;
                }
                match doc_tokens.get(k).filter(|d| d.start() == t.start && d.end() == end) {
                    Some(d) => document.folded_of(d),
                    None => {
                        // Words joined by a hyphen (`Vingt-Cinq`), or glued to an apostrophe
                        // that is no elision (`Nvidia’`).
                        let from = folds.len();
                        if fold_into(text, folds) {
                            lowered.push((out.len(), from..folds.len()));
                        }
                        text
                    }
                }
            }
            _ => text,
        };
        out.push(Lex { lower, text, kind: t.kind, start: t.start, end });
        i += if glued_apostrophe { 2 } else { 1 };
    }
    let folds: &'a String = folds;
    for (at, span) in lowered {
        out[at].lower = &folds[span];
    }
    out
}

/// Reads amounts over a window of items.
pub struct Grammar<'a, 'b> {
    /// The window.
    pub items: &'b [Lex<'a>],
    /// The document's language (for `billion`, `1,500`).
    pub language: Language,
}

impl Grammar<'_, '_> {
    fn convention(&self) -> Convention {
        match self.language {
            Language::French => Convention::French,
            Language::English => Convention::English,
        }
    }

    fn lower(&self, i: usize) -> Option<&str> {
        self.items.get(i).filter(|l| l.kind == Kind::Word).map(|l| l.lower)
    }

    fn kind(&self, i: usize) -> Option<Kind> {
        self.items.get(i).map(|l| l.kind)
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.lower(i) == Some(word)
    }

    /// Whether item `i` is glued to the one before it (no space).
    fn glued(&self, i: usize) -> bool {
        i > 0 && self.items.get(i).is_some_and(|l| l.start == self.items[i - 1].end)
    }

    /// The amount whose number (or leading currency) is item `at`.
    pub fn parse(&self, at: usize) -> Option<Parsed> {
        let between = at > 0 && matches!(self.lower(at - 1), Some("entre" | "between"));
        let (prefix, mut i) = self.prefix_currency(at);
        let first = self.quantity(i, true)?;
        i = first.next;
        let (mut currency, mut named, after) = match first.glued_currency {
            Some(code) => (Some(Some(code)), Some(Named::Code), i),
            None => match self.suffix_currency(i, first.has_multiplier) {
                Some((c, n, next)) => (Some(c), Some(n), next),
                None => (None, None, i),
            },
        };
        if let Some((code, how)) = prefix {
            (currency, named) = (Some(code), Some(how));
        }
        let mut end_index = if currency.is_some() && prefix.is_none() { after } else { i };
        let mut value = first.value();
        if matches!(named, Some(Named::Word | Named::Code)) && prefix.is_none() && !first.has_multiplier {
            if let Some((cents, next)) = self.subunits(end_index) {
                value += cents;
                end_index = next;
            }
        }
        let mut max = None;
        let mut big = first.big;
        let mut words = first.words;
        let mut has_abbrev = first.abbreviated;

        // A range: `25 à 30 milliards`, `entre 500 millions et 1 milliard`, `10-15 M€`.
        let suffix_named_first = currency.is_some() && prefix.is_none();
        if let Some(second) = self.range_end(at, end_index, between, suffix_named_first, &first) {
            let (second_q, second_currency, second_named, second_end) = second;
            let low = if first.has_multiplier { first.value() } else { first.base * second_q.factor };
            let high = second_q.value();
            if low <= high {
                value = low;
                max = Some(high);
                big |= second_q.big;
                words |= second_q.words;
                has_abbrev |= second_q.abbreviated;
                if second_currency.is_some() {
                    currency = second_currency;
                    named = second_named;
                }
                end_index = second_end;
            }
        }
        if has_abbrev && currency.is_none() {
            return None; // `15 M` alone is no amount of money
        }
        // Back one item for `entre` (when a range followed) or the `US` of `US$`.
        let us_dollar = prefix.is_some() && self.dollar_prefix_before(at).is_some();
        let first_index = if (between && max.is_some()) || us_dollar { at - 1 } else { at };
        let start = self.items[first_index].start;
        let end = self.items[end_index.checked_sub(1)?].end;
        let (money_noun_after, count_noun_after) =
            if currency.is_none() { self.noun_after(end_index) } else { (false, false) };
        let mut parsed = Parsed {
            start,
            end,
            value: tidy(value),
            max: max.map(tidy),
            currency,
            named,
            words,
            qualifier: first.approx.then_some("approx"),
            big_multiplier: big,
            money_noun_after,
            count_noun_after,
        };
        if let Some((qualifier, q_start)) = self.qualifier_before(first_index) {
            parsed.qualifier = Some(qualifier);
            parsed.start = q_start;
        }
        Some(parsed)
    }

    /// The `US` of a `US$` at `i`, when glued before it.
    fn dollar_prefix_before(&self, i: usize) -> Option<&'static str> {
        let before = self.items.get(i.checked_sub(1)?)?;
        let is_dollar = self.items[i].text == "$" && self.glued(i) && before.kind == Kind::Word;
        if is_dollar {
            lexicon::dollar_prefix(before.text).or_else(|| lexicon::iso_code(&before.text.to_uppercase()))
        } else {
            None
        }
    }

    /// A currency before the number: `$`, `US$`, `€`, `USD`.
    fn prefix_currency(&self, at: usize) -> (Option<(Option<&'static str>, Named)>, usize) {
        let item = &self.items[at];
        match item.kind {
            Kind::Sym => {
                let code = self.dollar_prefix_before(at).or_else(|| lexicon::symbol_currency(item.text));
                (Some((code, Named::Symbol)), at + 1)
            }
            Kind::Word => match lexicon::iso_code(item.text) {
                Some(code) if self.kind(at + 1) == Some(Kind::Num) => (Some((Some(code), Named::Code)), at + 1),
                _ => (None, at),
            },
            _ => (None, at),
        }
    }

    /// A number (digits or words) and its multipliers, starting at `i`.
    fn quantity(&self, i: usize, anchor: bool) -> Option<Quantity> {
        let item = self.items.get(i)?;
        let mut q = Quantity {
            base: 0.0,
            factor: 1.0,
            next: i + 1,
            words: false,
            has_multiplier: false,
            abbreviated: false,
            big: false,
            glued_currency: None,
            approx: false,
        };
        match item.kind {
            Kind::Num => {
                if anchor && self.glued_to_a_name(i) {
                    return None; // `H100`, `GPT-4`
                }
                q.base = parse_digits(item.text, self.convention())?;
            }
            Kind::Word => {
                if let Some(half) = self.half_multiplier(i) {
                    // `un demi-milliard`, `demi-million`
                    let (factor, next) = half;
                    q.base = 0.5;
                    q.factor = factor;
                    q.next = next;
                    q.words = true;
                    q.has_multiplier = true;
                    q.big = factor >= 1e6;
                    return Some(q);
                }
                if matches!(item.lower, "un" | "une")
                    && self.lower(i + 1).and_then(lexicon::approximate_count).is_some()
                    && matches!(self.lower(i + 2), Some("de" | "d'"))
                {
                    // `une centaine de millions`: an approximate number.
                    q.base = self.lower(i + 1).and_then(lexicon::approximate_count)?;
                    q.next = i + 3;
                    q.words = true;
                    q.approx = true;
                } else if item.lower == "mille" {
                    q.base = 1.0;
                    q.next = i;
                    q.words = true;
                } else {
                    let (base, next) = self.number_words(i)?;
                    q.base = base;
                    q.next = next;
                    q.words = true;
                }
            }
            _ => return None,
        }
        self.multipliers(&mut q);
        if q.approx && !q.has_multiplier {
            return None; // `une dizaine de salariés`
        }
        if q.base == 0.0 && !q.has_multiplier {
            return None;
        }
        Some(q)
    }

    /// Whether the number at `i` is part of a name: glued to a letter
    /// (`H100`) or to `letter-` (`GPT-4`), or followed by letters that are
    /// no multiplier (`4o`, `5G`).
    fn glued_to_a_name(&self, i: usize) -> bool {
        if i > 0 && self.glued(i) {
            let before = &self.items[i - 1];
            let is_currency = lexicon::dollar_prefix(before.text).is_some() || lexicon::iso_code(before.text).is_some();
            if before.kind == Kind::Word && !is_currency {
                return true;
            }
            if before.text == "-" && i > 1 && self.glued(i - 1) && self.items[i - 2].kind != Kind::Punct {
                return true;
            }
        }
        if self.glued(i + 1) && self.kind(i + 1) == Some(Kind::Word) {
            let next = &self.items[i + 1];
            let is_unit = lexicon::multiplier(next.lower, next.text, self.language, true).is_some()
                || compact_currency(next.text).is_some()
                || lexicon::iso_code(next.text).is_some();
            return !is_unit;
        }
        false
    }

    /// `demi-milliard` (after an optional `un`): the factor and the next index.
    fn half_multiplier(&self, i: usize) -> Option<(f64, usize)> {
        let (word, next) = match self.lower(i) {
            Some("un") => (self.lower(i + 1)?, i + 2),
            Some(w) => (w, i + 1),
            None => return None,
        };
        let rest = word.strip_prefix("demi-")?;
        let (factor, _) = lexicon::multiplier(rest, rest, self.language, false)?;
        Some((factor, next))
    }

    /// The longest run of number words at `i` text2num reads: its value and
    /// the next index. `un`/`une` alone count only before a multiplier or a
    /// currency word.
    fn number_words(&self, i: usize) -> Option<(f64, usize)> {
        let is_part = |w: &str| w.split('-').all(|p| lexicon::is_number_word(p) || p == "et");
        let mut end = i;
        while let Some(w) = self.lower(end) {
            let joiner = matches!(w, "et" | "and");
            if joiner {
                // `vingt et un`, not `deux milliards et demi`.
                if !self.lower(end + 1).is_some_and(lexicon::is_number_word) || end == i {
                    break;
                }
            } else if !is_part(w) {
                break;
            }
            end += 1;
        }
        let language = match self.language {
            Language::French => text2num::Language::french(),
            Language::English => text2num::Language::english(),
        };
        for stop in (i + 1..=end).rev() {
            let phrase: Vec<&str> = (i..stop).filter_map(|k| self.lower(k)).collect();
            let phrase = phrase.join(" ");
            let value = match phrase.as_str() {
                "un" | "une" | "one" => Some(1.0),
                _ => text2num::text2digits(&phrase, &language).ok().and_then(|d| d.parse::<f64>().ok()),
            };
            if let Some(value) = value {
                let lone_one = value == 1.0 && stop == i + 1;
                if lone_one && !self.followed_by_unit(stop) {
                    return None;
                }
                return Some((value, stop));
            }
        }
        None
    }

    /// Whether a multiplier or a currency word comes at `i`.
    fn followed_by_unit(&self, i: usize) -> bool {
        self.lower(i).is_some_and(|w| {
            lexicon::multiplier(w, self.items[i].text, self.language, false).is_some_and(|(_, abbr)| !abbr)
                || lexicon::currency_word(w).is_some()
        })
    }

    /// Reads multipliers into `q`: `milliards`, `mille milliards`, `M`,
    /// `MUSD`, then additive groups (`six milliards six cents millions`)
    /// and `et demi`.
    fn multipliers(&self, q: &mut Quantity) {
        let mut last_factor = None;
        loop {
            let i = q.next;
            let Some(item) = self.items.get(i) else { break };
            if item.kind != Kind::Word {
                break;
            }
            let glued = self.glued(i);
            if let Some((factor, abbreviated)) = lexicon::multiplier(item.lower, item.text, self.language, glued) {
                // An abbreviation must be glued or right after the number.
                if abbreviated && q.has_multiplier {
                    break;
                }
                q.factor *= factor;
                q.has_multiplier = true;
                q.abbreviated |= abbreviated;
                q.big |= factor >= 1e6;
                q.next = i + 1;
                last_factor = Some(factor);
                continue;
            }
            if let Some((factor, code)) = compact_currency(item.text) {
                q.factor *= factor;
                q.has_multiplier = true;
                q.abbreviated = true;
                q.big |= factor >= 1e6;
                q.glued_currency = Some(code);
                q.next = i + 1;
                break;
            }
            break;
        }
        let Some(factor) = last_factor else { return };
        if q.abbreviated {
            return;
        }
        // `et demi`
        if matches!(self.lower(q.next), Some("et" | "and")) && matches!(self.lower(q.next + 1), Some("demi" | "a")) {
            let half_ok = self.lower(q.next + 1) == Some("demi") || self.is(q.next + 2, "half");
            if half_ok {
                q.base += 0.5;
                q.next += if self.lower(q.next + 1) == Some("demi") { 2 } else { 3 };
                return;
            }
        }
        // `six milliards six cents millions`: a smaller group added.
        if self.kind(q.next) == Some(Kind::Word) || self.kind(q.next) == Some(Kind::Num) {
            let mut next = Quantity { next: q.next, ..*q };
            if let Some(extra) = self.quantity(q.next, false) {
                if extra.has_multiplier && !extra.abbreviated && extra.factor < factor && extra.glued_currency.is_none()
                {
                    let total = q.value() + extra.value();
                    next.base = total / q.factor;
                    next.next = extra.next;
                    *q = next;
                }
            }
        }
    }

    /// Cents after a currency word or code ending before `i`: `et 15 cents`,
    /// `et quarante-cinq centimes`, `23 cents`, or a bare `50` closing the
    /// phrase (`15 dollars 50.`). Their value in units and the index after.
    fn subunits(&self, i: usize) -> Option<(f64, usize)> {
        let with_et = matches!(self.lower(i), Some("et" | "and"));
        let at = if with_et { i + 1 } else { i };
        let item = self.items.get(at)?;
        let (cents, next) = match item.kind {
            Kind::Num if item.text.len() <= 2 => (item.text.parse::<f64>().ok()?, at + 1),
            Kind::Word if with_et => self.number_words(at)?,
            _ => return None,
        };
        if cents >= 100.0 {
            return None;
        }
        if self.lower(next).is_some_and(lexicon::is_subunit) {
            return Some((cents / 100.0, next + 1));
        }
        // A bare number must end the phrase: `15 dollars 50.`, not `15 dollars 50 fois`.
        let ends = !matches!(self.kind(next), Some(Kind::Word | Kind::Num | Kind::Sym));
        (ends && item.kind == Kind::Num).then_some((cents / 100.0, next))
    }

    /// A symbol at `i`, with the letters that may follow a `$` (`$ c`, `$CAD`).
    fn symbol_at(&self, i: usize) -> Option<(Option<&'static str>, Named, usize)> {
        let item = self.items.get(i).filter(|l| l.kind == Kind::Sym)?;
        let code = lexicon::symbol_currency(item.text)?;
        if item.text == "$" {
            if let Some(code) = self.lower(i + 1).and_then(lexicon::dollar_suffix) {
                let next = &self.items[i + 1];
                if next.start - item.end <= 1 {
                    return Some((Some(code), Named::Symbol, i + 2));
                }
            }
        }
        Some((Some(code), Named::Symbol, i + 1))
    }

    /// The currency after a number at `i`, and the index after it.
    fn suffix_currency(&self, i: usize, has_multiplier: bool) -> Option<(Option<&'static str>, Named, usize)> {
        let item = self.items.get(i)?;
        match item.kind {
            Kind::Sym => return self.symbol_at(i),
            Kind::Word => {}
            _ => return None,
        }
        if matches!(item.lower, "de" | "d'") && self.kind(i + 1) == Some(Kind::Sym) {
            return self.symbol_at(i + 1); // `75 millions de $`
        }
        if let Some(code) = lexicon::iso_code(item.text) {
            return Some((Some(code), Named::Code, i + 1));
        }
        if self.kind(i + 1) == Some(Kind::Sym) {
            if let Some(code) = self.dollar_prefix_before(i + 1) {
                return Some((Some(code), Named::Symbol, i + 2)); // `85 millions US$`
            }
        }
        // `de dollars`, `d'euros`
        let at = if matches!(item.lower, "de" | "d'" | "of") { i + 1 } else { i };
        // English: `Canadian dollars`, `US dollars`
        if let Some(code) = self.lower(at).and_then(lexicon::english_dollar_adjective) {
            let dollars = if code == "HKD" || code == "NZD" { at + 2 } else { at + 1 };
            if matches!(self.lower(dollars), Some("dollar" | "dollars")) {
                return Some((Some(code), Named::Word, dollars + 1));
            }
        }
        let word = self.lower(at)?;
        let currency = lexicon::currency_word(word)?;
        let (code, next) = match currency {
            CurrencyWord::Known(code) => (Some(code), at + 1),
            CurrencyWord::Family(family) => self.family_currency(family, at + 1, has_multiplier)?,
        };
        // `livres sterling`
        let next = if code == Some("GBP") && self.is(next, "sterling") { next + 1 } else { next };
        Some((code, Named::Word, next))
    }

    /// Resolves `dollars canadiens`, `dollars de Hong Kong`, `francs suisses`.
    fn family_currency(&self, family: &str, i: usize, has_multiplier: bool) -> Option<(Option<&'static str>, usize)> {
        if let Some(code) = self.lower(i).and_then(|adj| lexicon::family_with(family, adj)) {
            return Some((Some(code), i + 1));
        }
        if family == "dollar" && matches!(self.lower(i), Some("de" | "d'")) {
            if let Some(code) = self.lower(i + 1).and_then(lexicon::dollar_of_place) {
                let next = if self.is(i + 2, "kong") { i + 3 } else { i + 2 };
                return Some((Some(code), next));
            }
        }
        if family == "livre" && !has_multiplier && self.kind(i) == Some(Kind::Word) {
            return None; // `10 000 livres vendus`, `neuf livres de cuisine` are books
        }
        Some((lexicon::family_default(family), i))
    }

    /// The second end of a range starting after index `i`: its quantity,
    /// currency and the index after it.
    #[allow(clippy::type_complexity)]
    fn range_end(
        &self,
        at: usize,
        i: usize,
        between: bool,
        first_named_after: bool,
        first: &Quantity,
    ) -> Option<(Quantity, Option<Option<&'static str>>, Option<Named>, usize)> {
        let connector = self.items.get(i)?;
        let ok = if between {
            matches!(connector.lower, "et" | "and")
        } else {
            matches!(connector.lower, "à" | "-" | "–" | "to")
        };
        if !ok {
            return None;
        }
        // `passé de 800 k€ à 1,2 M€`, `de 40 millions à 65 millions`: a change, two amounts.
        let from_de = at > 0 && matches!(self.lower(at - 1), Some("de" | "from"));
        let hyphen = matches!(connector.lower, "-" | "–");
        if !between && !hyphen && (first_named_after || (first.has_multiplier && from_de)) {
            return None;
        }
        let (prefix, j) = match self.items.get(i + 1) {
            Some(l) if l.kind == Kind::Sym => {
                (lexicon::symbol_currency(l.text).map(|c| (Some(c), Named::Symbol)), i + 2)
            }
            _ => (None, i + 1),
        };
        let second = self.quantity(j, false)?;
        if let Some(code) = second.glued_currency {
            return Some((second, Some(Some(code)), Some(Named::Code), second.next));
        }
        if let Some((c, n)) = prefix {
            return Some((second, Some(c), Some(n), second.next));
        }
        match self.suffix_currency(second.next, second.has_multiplier || first.has_multiplier) {
            Some((c, n, next)) => Some((second, Some(c), Some(n), next)),
            None => Some((second, None, None, second.next)),
        }
    }

    /// `de` + noun after a bare amount ending before `i`: (a money noun, another noun).
    fn noun_after(&self, i: usize) -> (bool, bool) {
        match (self.lower(i), self.lower(i + 1)) {
            (Some("de" | "d'" | "of"), Some(noun)) => {
                let money = lexicon::is_money_noun(noun);
                (money, !money)
            }
            _ => (false, false),
        }
    }

    /// The qualifier ending just before item `i` (fillers allowed between),
    /// and the byte where it starts.
    fn qualifier_before(&self, i: usize) -> Option<(&'static str, usize)> {
        let mut end = i;
        for _ in 0..=2 {
            let last = self.items.get(end.checked_sub(1)?).map_or("", |item| item.lower);
            for &(phrase, meaning) in lexicon::qualifiers_ending_with(last) {
                let n = phrase.len();
                if end < n {
                    continue;
                }
                let matches = (0..n).all(|k| {
                    let item = &self.items[end - n + k];
                    item.kind != Kind::Break && item.lower == phrase[k]
                });
                if matches {
                    return Some((meaning, self.items[end - n].start));
                }
            }
            // Skip a filler word (`dépasse probablement les`).
            match self.lower(end.checked_sub(1)?) {
                Some(w) if lexicon::is_qualifier_filler(w) => end -= 1,
                _ => return None,
            }
        }
        None
    }
}

/// `value` rounded to 12 significant digits: `16,4 × 10⁶` is 16 400 000,
/// not 16 399 999.999999998.
fn tidy(value: f64) -> f64 {
    if value == 0.0 || !value.is_finite() {
        return value;
    }
    let scale = 10f64.powi(11 - value.abs().log10().floor() as i32);
    (value * scale).round() / scale
}

/// `MUSD`, `MEUR`, `MdUSD`, `kEUR`: a multiplier glued to an ISO code.
fn compact_currency(word: &str) -> Option<(f64, &'static str)> {
    for (prefix, factor) in [("Mds", 1e9), ("Md", 1e9), ("Mrd", 1e9), ("M", 1e6), ("k", 1e3), ("K", 1e3)] {
        if let Some(code) = word.strip_prefix(prefix).and_then(lexicon::iso_code) {
            return Some((factor, code));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_lowered_as_folded_says_and_glued_apostrophes_join_their_word() {
        let doc = "D’euros, 5 Milliards $ l' ’ MUSD ÉTÉ d'abord";
        let buf = glaneur_schema::DocumentBuf::new(doc).expect("small");
        let mut folds = String::new();
        let items = lex_range(&buf.document(), 0..doc.len(), &mut folds);
        let got: Vec<(&str, &str, Kind)> = items.iter().map(|l| (l.text, l.lower, l.kind)).collect();
        assert_eq!(
            got,
            [
                ("D’", "d'", Kind::Word),
                ("euros", "euros", Kind::Word),
                (",", ",", Kind::Punct),
                ("5", "5", Kind::Num),
                ("Milliards", "milliards", Kind::Word),
                ("$", "$", Kind::Sym),
                ("l'", "l'", Kind::Word),
                ("’", "'", Kind::Apos),
                ("MUSD", "musd", Kind::Word),
                ("ÉTÉ", "été", Kind::Word),
                ("d'", "d'", Kind::Word),
                ("abord", "abord", Kind::Word),
            ]
        );
        for item in items.iter().filter(|l| l.kind == Kind::Word) {
            assert_eq!(item.lower, glaneur_text::folded(item.text), "{}", item.text);
            assert_eq!(&doc[item.start..item.end], item.text);
        }
    }
}
