//! The grammar of one amount: `[qualifier] [entre] [currency] number
//! [multiplier…] [currency] [(à|-|et) [currency] number [multiplier…]
//! [currency]]`, read over the tokens around an anchor.
//!
//! It decides what the span says on its own; whether a bare amount (no
//! currency) is money, and which currency it takes from context, is
//! decided afterwards over the whole document (`context`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::LazyLock;

use glaneur_numbers::Convention;

use crate::digits;
use crate::lexicon::{self, CurrencyWord};
use crate::scanner::Kind;
pub use crate::scanner::Lex;
use crate::Language;

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
    /// A sub-unit alone (`45 cents`, `99p`): the currency it is a hundredth
    /// of when the context names no other, and whether the context may
    /// name another (cents are any currency's; pence are the pound's).
    pub subunit_of: Option<(&'static str, bool)>,
}

impl Parsed {
    /// Whether the document pass drops this amount whatever its context:
    /// it names no currency, is no sub-unit, and has no multiplier of a
    /// million or more, or a count noun follows it (`15 000 GPU`,
    /// `3 millions d'utilisateurs`). Its parsing may skip what only a
    /// kept amount needs.
    pub fn is_never_money(&self) -> bool {
        self.currency.is_none() && self.subunit_of.is_none() && (!self.big_multiplier || self.count_noun_after)
    }
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

/// What stands before an amount's number ([`Grammar::prefix_currency`]).
#[derive(Debug, Clone, Copy)]
struct Prefix {
    /// A currency named before the number (`$`, `US$`, `€`, `USD`): its
    /// code, if known, and how it is named.
    currency: Option<(Option<&'static str>, Named)>,
    /// The index of the number.
    number: usize,
    /// Whether letters glued before the symbol name its dollar (`US$`,
    /// `CN¥`: the amount starts with them).
    letters_before: bool,
}

impl Prefix {
    /// No currency: the number is item `at`.
    fn none(at: usize) -> Prefix {
        Prefix { currency: None, number: at, letters_before: false }
    }
}

/// How far a window reaches back from its anchor, in bytes: enough for a
/// qualifier and its fillers (`dépasse probablement les`).
const BACK: usize = 60;

/// How far a window reaches ahead of its anchor, in bytes: enough for the
/// longest amount (`entre 500 millions et 1 milliard de dollars
/// australiens`).
const AHEAD: usize = 180;

/// The windows around anchors taken in order, over `all` (every item of a
/// chunk, margins included): both ends only move forward (an anchor's
/// reach back and ahead move with it), so each is found by a binary search
/// from where the last window's was, over the few items between anchors,
/// rather than a step per item.
pub struct Windows<'x, 'a> {
    doc: &'x str,
    all: &'x [Lex<'a>],
    /// The first item starting at or after the last window's start.
    lo: usize,
    /// The first item ending after the last window's end.
    hi: usize,
}

/// How many items past the last window's end the next one's end is
/// looked for at once (as many more each time, when anchors are further
/// apart).
const STRIDE: usize = 64;

impl<'x, 'a> Windows<'x, 'a> {
    /// Windows over `all`, the items of `doc` lexed for a chunk.
    pub fn new(doc: &'x str, all: &'x [Lex<'a>]) -> Self {
        Windows { doc, all, lo: 0, hi: 0 }
    }

    /// The items within reach of `anchor` (a byte at or after the last
    /// anchor asked about), where `all[index]` starts, and the index of
    /// that item in them; `None` when the item reaches past the window.
    pub fn around(&mut self, anchor: usize, index: usize) -> Option<(&'x [Lex<'a>], usize)> {
        let (from, to) =
            (glaneur_text::reach_back(self.doc, anchor, BACK), glaneur_text::reach_ahead(self.doc, anchor, AHEAD));
        let all = self.all;
        let index = index.min(all.len());
        // Items start in order, the anchor's at `anchor`, at or after
        // `from`; those before the last window's start before it.
        let base = self.lo.min(index);
        let lo = base + all[base..index].partition_point(|l| l.start < from);
        self.lo = lo;
        // The items before the anchor's end before it: within reach.
        self.hi = self.hi.max(index);
        loop {
            let ahead = &all[self.hi..all.len().min(self.hi + STRIDE)];
            let within = ahead.partition_point(|l| l.end <= to);
            self.hi += within;
            if within < STRIDE {
                break;
            }
        }
        let items = &all[lo..self.hi.max(lo)];
        let at = index - lo;
        (at < items.len()).then_some((items, at))
    }
}

/// The items of `all` (every item of a chunk, margins included) around
/// `anchor`, and the index of the one starting there: what [`Windows`]
/// finds, with two searches.
#[cfg(test)]
pub fn window<'x, 'a>(doc: &str, all: &'x [Lex<'a>], anchor: usize) -> (&'x [Lex<'a>], usize) {
    let (from, to) = (glaneur_text::reach_back(doc, anchor, BACK), glaneur_text::reach_ahead(doc, anchor, AHEAD));
    let (lo, hi) = (all.partition_point(|l| l.start < from), all.partition_point(|l| l.end <= to));
    let items = &all[lo..hi.max(lo)];
    (items, items.partition_point(|l| l.start < anchor))
}

/// Reads amounts over a window of items.
pub struct Grammar<'a, 'b> {
    /// The document the items are of.
    pub doc: &'a str,
    /// The window.
    pub items: &'b [Lex<'a>],
    /// The document's language (for `billion`, `1,500`).
    pub language: Language,
    /// Where the previous amount found ends (0 before the first): an
    /// amount whose qualifier reaches back over it is no amount.
    pub previous_end: usize,
}

impl<'a> Grammar<'a, '_> {
    /// An item's text, as written.
    fn text(&self, item: &Lex<'_>) -> &'a str {
        item.text(self.doc)
    }

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
        let Prefix { currency: prefix, number: mut i, letters_before: us_dollar } = self.prefix_currency(at);
        // `€2,5 billion`, `Two billion dollars`: a symbol before the number
        // and a scale word, or English number words, are English writing,
        // whatever the document's language.
        let english_words = || !self.is(at, "a") && self.lower(at).is_some_and(is_english_number);
        if self.language == Language::French && (english_words() || prefix.is_some() && self.english_after_symbol(i)) {
            return Grammar { language: Language::English, ..*self }.parse(at);
        }
        let mut first = self.quantity(i, true)?;
        if let Some(base) = self.thousands(i, &first, prefix.is_some()) {
            first.base = base;
        }
        if prefix.is_none() {
            if let Some(parsed) = self.lone_subunit(at, &first) {
                return Some(parsed);
            }
        }
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
        // `a yen for chip stocks`: a desire, not money.
        if matches!(self.lower(at), Some("a" | "an")) && self.is(i, "yen") && self.is(i + 1, "for") {
            return None;
        }
        let mut end_index = if currency.is_some() && prefix.is_none() { after } else { i };
        let mut value = first.value();
        // `30 euro cents`: hundredths of the currency named.
        if named == Some(Named::Word)
            && !first.has_multiplier
            && matches!(self.lower(end_index), Some("cent" | "cents"))
        {
            value /= 100.0;
            end_index += 1;
        }
        if matches!(named, Some(Named::Word | Named::Code)) && prefix.is_none() && !first.has_multiplier {
            if let Some((cents, next)) = self.subunits(end_index) {
                value += cents;
                end_index = next;
            }
        } else if prefix.is_some() && !first.has_multiplier && self.is(end_index, "and") {
            // `$7 and 25c`, `£2 and 80p`, `$3 and 99 cents`
            if let Some((cents, next)) = self.subunits(end_index).filter(|&(_, n)| n > end_index + 2) {
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
        let first_index = if (between && max.is_some()) || us_dollar { at - 1 } else { at };
        let start = self.items[first_index].start;
        let end = self.items[end_index.checked_sub(1)?].end;
        let (money_noun_after, mut count_noun_after) =
            if currency.is_none() { self.noun_after(end_index) } else { (false, false) };
        // `10 crore users`, `3 million subscribers`: a plural noun right after a bare amount.
        let english_count = self.language == Language::English
            || matches!(self.lower(end_index.wrapping_sub(1)), Some("crore" | "crores" | "lakh" | "lakhs"));
        if currency.is_none() && english_count {
            let plural =
                self.lower(end_index).is_some_and(|w| w.len() > 3 && w.ends_with('s') && !lexicon::is_money_noun(w));
            count_noun_after |= plural;
        }
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
            subunit_of: None,
        };
        // An amount dropped whatever its context (most bare numbers: years,
        // counts) needs its qualifier only to tell whether its span reaches
        // back over the previous amount's end, which it cannot when that
        // end is before any qualifier could start.
        let qualifier_matters = !parsed.is_never_money() || self.previous_end > self.qualifier_reach(first_index);
        if let Some((qualifier, q_start)) = qualifier_matters.then(|| self.qualifier_before(first_index)).flatten() {
            parsed.qualifier = Some(qualifier);
            parsed.start = q_start;
        }
        Some(parsed)
    }

    /// The first byte a qualifier [`Self::qualifier_before`] item `i` may
    /// start at: two fillers and the longest qualifier back.
    fn qualifier_reach(&self, i: usize) -> usize {
        let first = i.saturating_sub(2 + lexicon::QUALIFIER_MAX_WORDS);
        self.items.get(first).map_or(0, |item| item.start)
    }

    /// Whether an English scale word follows the number at `i`
    /// (`billion`, `trillion`, `bn`, `tn`): after a symbol, English writing.
    fn english_after_symbol(&self, i: usize) -> bool {
        matches!(self.lower(i + 1), Some("billion" | "billions" | "trillion" | "trillions" | "bn" | "tn"))
    }

    /// The number at `i` read with a comma grouping thousands, when it
    /// must be: a comma then exactly three digits and no multiplier
    /// (money has no three decimals: `$10,000`, `10,000 dollars`), or a
    /// symbol or code before it (`$1,500 million`, English writing).
    fn thousands(&self, i: usize, q: &Quantity, prefixed: bool) -> Option<f64> {
        let item = self.items.get(i).filter(|l| l.kind == Kind::Num)?;
        // A number's text. English reads no such comma as decimal, and a
        // comma between one to three digits and three makes five to seven
        // bytes: most numbers (`2024`, `15`) are told without looking for a
        // comma.
        let text = item.lower;
        if self.language == Language::English || !(5..=7).contains(&text.len()) {
            return None;
        }
        let has = |part: &str, b: u8| part.as_bytes().contains(&b);
        let comma = text.bytes().position(|b| b == b',')?;
        let (head, tail) = (&text[..comma], &text[comma + 1..]);
        let one_comma = !has(tail, b',') && !has(text, b'.') && !has(head, b' ');
        let grouped = one_comma && tail.len() == 3 && (1..=3).contains(&head.len());
        if !grouped || (q.has_multiplier && !prefixed) {
            return None;
        }
        // The evidence: three digits after the comma, a symbol before the
        // number, English words around; French words around outweigh them
        // (`Les prix commencent à 12,345 $` stays 12.345).
        let (french, english) = self.function_words();
        let score = 1 + i32::from(prefixed) + i32::from(english > french) - 2 * i32::from(french > english);
        if score <= 0 {
            return None;
        }
        digits::value_of(text, Convention::English)
    }

    /// The French and English function words in the window: most words
    /// are neither, refused by their form key before their text is
    /// compared.
    fn function_words(&self) -> (usize, usize) {
        let keys = lexicon::function_word_keys();
        let words = self.items.iter().filter(|l| l.kind == Kind::Word && keys.admits(l.key));
        words.fold((0, 0), |(fr, en), l| match l.lower {
            w if lexicon::FRENCH_FUNCTION_WORDS.contains(&w) => (fr + 1, en),
            w if lexicon::ENGLISH_FUNCTION_WORDS.contains(&w) => (fr, en + 1),
            _ => (fr, en),
        })
    }

    /// `45 cents`, `99p`, `20 pence`, `99¢`, `fifty pence`, `one cent`: a
    /// sub-unit alone after the number, worth a hundredth of its currency.
    fn lone_subunit(&self, at: usize, q: &Quantity) -> Option<Parsed> {
        if q.has_multiplier {
            return None;
        }
        let item = self.items.get(q.next)?;
        let (default, glued_only) = match item.kind {
            Kind::Word | Kind::Sym => lexicon::lone_subunit(item.lower)?,
            _ => return None,
        };
        if glued_only != self.glued(q.next) && (glued_only || item.lower != "¢") {
            return None;
        }
        // `35C` is a temperature: the cent is a lower-case `c`.
        if item.lower == "c" && self.text(item) != "c" {
            return None;
        }
        // `1080p` is a video resolution, not pence.
        if item.lower == "p" && matches!(q.base as u32, 144 | 240 | 360 | 480 | 576 | 720 | 1080 | 1440 | 2160 | 4320) {
            return None;
        }
        // `cents` after French number words is a hundred (`trois cents`).
        if q.words && self.language == Language::French {
            return None;
        }
        let (money_noun_after, count_noun_after) = self.noun_after(q.next + 1);
        let mut parsed = Parsed {
            start: self.items[at].start,
            end: item.end,
            value: tidy(q.value() / 100.0),
            max: None,
            currency: None,
            named: Some(Named::Word),
            words: q.words,
            qualifier: None,
            big_multiplier: false,
            money_noun_after,
            count_noun_after,
            subunit_of: Some((default, default == "USD")),
        };
        if let Some((qualifier, q_start)) = self.qualifier_before(at) {
            parsed.qualifier = Some(qualifier);
            parsed.start = q_start;
        }
        Some(parsed)
    }

    /// The `US` of a `US$` at `i`, when glued before it.
    fn dollar_prefix_before(&self, i: usize) -> Option<&'static str> {
        let before = self.items.get(i.checked_sub(1)?)?;
        // Only a dollar or a yen takes letters (`€`, `£` are told at once).
        if before.kind != Kind::Word || !matches!(self.items[i].lower, "$" | "¥") {
            return None;
        }
        // `CN¥40 billion`
        if self.items[i].lower == "¥" && self.glued(i) && self.text(before) == "CN" {
            return Some("CNY");
        }
        // `US $ 3,499`, `c $ 7.1 million`: one space allowed for these.
        let before_text = self.text(before);
        let spaced = self.items[i].start - before.end == 1 && matches!(before_text, "US" | "C" | "c");
        if self.items[i].lower == "$" && (self.glued(i) || spaced) {
            let letters = if before_text == "c" { "C" } else { before_text };
            lexicon::dollar_prefix(letters).or_else(|| lexicon::iso_code(&before_text.to_uppercase()))
        } else {
            None
        }
    }

    /// A currency before the number: `$`, `US$`, `€`, `USD`.
    fn prefix_currency(&self, at: usize) -> Prefix {
        let item = &self.items[at];
        match item.kind {
            Kind::Sym => {
                let dollar_prefix = self.dollar_prefix_before(at);
                // `$US45 million`: the letters after the dollar.
                if item.lower == "$"
                    && self.is(at + 1, "us")
                    && self.glued(at + 1)
                    && self.kind(at + 2) == Some(Kind::Num)
                {
                    return Prefix {
                        currency: Some((Some("USD"), Named::Symbol)),
                        number: at + 2,
                        letters_before: dollar_prefix.is_some(),
                    };
                }
                let mut code = dollar_prefix.or_else(|| lexicon::symbol_currency(item.lower));
                if item.lower == "¥" && code == Some("JPY") {
                    code = self.country_currency("yen").or(code); // `In Shanghai, ¥5,000`
                }
                Prefix {
                    currency: Some((code, Named::Symbol)),
                    number: at + 1,
                    letters_before: dollar_prefix.is_some(),
                }
            }
            Kind::Word => {
                // `Rs. 350`: the abbreviation's period.
                let number = if self.items.get(at + 1).is_some_and(|l| l.lower == ".") { at + 2 } else { at + 1 };
                // Most words (number words) are no code, nor before digits:
                // told before finding their text.
                let code = || {
                    let first = self.doc.as_bytes().get(item.start).copied()?;
                    let text = lexicon::may_be_a_code(first).then(|| self.text(item))?;
                    lexicon::iso_code(text).or_else(|| lexicon::letters_currency(text))
                };
                match (self.kind(number) == Some(Kind::Num)).then(code).flatten() {
                    Some(code) => Prefix { currency: Some((Some(code), Named::Code)), number, letters_before: false },
                    None => Prefix::none(at),
                }
            }
            _ => Prefix::none(at),
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
                q.base = digits::value_of(item.lower, self.convention())?;
            }
            // Every word a number may start with (`vingt`, `un`, `a`, `half`,
            // `mille`) is one [`lexicon::starts_an_amount`] accepts, or is
            // hyphenated (`demi-milliard`, `five-dollar`): a cheap test for
            // the words after each multiplier (`de`, `dollars`).
            Kind::Word if !item.hyphenated && !lexicon::starts_an_amount(item.lower) => return None,
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
                if let Some((base, next)) = self.english_fraction(i) {
                    // `half a million`, `a quarter of a billion`, `a dozen`
                    q.base = base;
                    q.next = next;
                    q.words = true;
                } else if matches!(item.lower, "un" | "une")
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
                } else if let Some((base, code)) =
                    // Only a hyphenated item holds a hyphen.
                    item.hyphenated.then(|| hyphenated_amount(item.lower, self.language)).flatten()
                {
                    // `five-dollar vouchers`, `ten-euro`
                    q.base = base;
                    q.next = i + 1;
                    q.words = true;
                    q.glued_currency = Some(code);
                    return Some(q);
                } else {
                    let (base, next) = self.number_words(i)?;
                    q.base = base;
                    q.next = next;
                    q.words = true;
                }
            }
            _ => return None,
        }
        // `two and a half billion`: the half before the multiplier.
        if q.words
            && self.is(q.next, "and")
            && matches!(self.lower(q.next + 1), Some("a" | "one"))
            && self.is(q.next + 2, "half")
        {
            q.base += 0.5;
            q.next += 3;
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
            // Asked of words alone (most numbers glued after something
            // follow a symbol or a mark: `$5`, `(5`).
            let is_currency = || {
                let text = self.text(before);
                lexicon::dollar_prefix(text).is_some()
                    || lexicon::iso_code(text).is_some()
                    || lexicon::letters_currency(text).is_some() // `Rs350`, `RM1.2`
            };
            if before.kind == Kind::Word && !is_currency() {
                return true;
            }
            if before.lower == "-" && i > 1 && self.glued(i - 1) && self.items[i - 2].kind != Kind::Punct {
                return true;
            }
        }
        if self.glued(i + 1) && self.kind(i + 1) == Some(Kind::Word) {
            let next = &self.items[i + 1];
            let text = self.text(next);
            let is_unit = lexicon::multiplier(next.lower, text, self.language, true).is_some()
                || compact_currency(text).is_some()
                || lexicon::iso_code(text).is_some()
                || lexicon::letters_currency(text).is_some() // `45Rs`
                || lexicon::lone_subunit(next.lower).is_some() // `99p`
                || (self.items.get(i + 2).is_some_and(|s| s.lower == "$") && self.glued(i + 2)); // `2.50US$`
            return !is_unit;
        }
        false
    }

    /// English fractions and dozens before a multiplier or a currency:
    /// `half a million`, `a half`, `a quarter of a billion`, `a dozen`; the
    /// number and the index after it.
    fn english_fraction(&self, i: usize) -> Option<(f64, usize)> {
        let article = |k: usize| matches!(self.lower(k), Some("a" | "an"));
        let (word, mut next) = if article(i) { (self.lower(i + 1)?, i + 2) } else { (self.lower(i)?, i + 1) };
        let value = match word {
            "half" => 0.5,
            "quarter" => 0.25,
            "dozen" if article(i) => return Some((12.0, next)),
            _ => return None,
        };
        // `half a million`, `a quarter of a billion`
        if self.is(next, "of") {
            next += 1;
        }
        if article(next) {
            next += 1;
        }
        self.followed_by_unit(next).then_some((value, next))
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
        let is_one = |w: &str| lexicon::is_number_word(w) || w == "et";
        // Whether the word at `k` is one, or its parts between hyphens are:
        // most words have no hyphen (the item says so), and most are
        // refused by their key before the lists are searched.
        let keys = lexicon::amount_start_keys();
        let is_part = |k: usize| {
            self.items.get(k).filter(|l| l.kind == Kind::Word).is_some_and(|l| match l.hyphenated {
                true => l.lower.split('-').all(is_one),
                false => l.lower == "et" || (keys.admits(l.key) && lexicon::is_number_word(l.lower)),
            })
        };
        // `a hundred`, `a thousand`: the article is the first word only.
        let article = matches!(self.lower(i), Some("a" | "an"));
        let mut end = if article { i + 1 } else { i };
        while let Some(w) = self.lower(end) {
            let joiner = matches!(w, "et" | "and");
            if joiner {
                // `vingt et un`, `hundred and twenty-five`, not `deux milliards et demi`.
                if !is_part(end + 1) || end == i {
                    break;
                }
            } else if !is_part(end) {
                break;
            }
            end += 1;
        }
        // The words' own language: `twelve` is English in a text too short
        // for the document's guess.
        let english = self.language == Language::English || self.lower(i).is_some_and(is_english_number);
        for stop in (i + 1..=end).rev() {
            // A phrase never ends on its joiner (`five and` of `five and ten million`).
            if matches!(self.lower(stop - 1), Some("and" | "et")) {
                continue;
            }
            // text2num reads `one hundred twenty-five`, not the English `and`.
            let words = (i..stop).filter_map(|k| self.lower(k)).filter(|w| !(english && *w == "and"));
            // One word (most often an article) is the phrase as it is.
            let single = self.lower(i).filter(|w| stop == i + 1 && !(english && *w == "and"));
            let value = match single {
                Some(word) => word_reading(word, english),
                // Put together in this thread's buffer.
                None => PHRASE.with_borrow_mut(|phrase| {
                    phrase.clear();
                    for (n, word) in words.enumerate() {
                        if n > 0 {
                            phrase.push(' ');
                        }
                        phrase.push_str(word);
                    }
                    phrase_reading(phrase, english)
                }),
            };
            if let Some(value) = value {
                let lone_one = value == 1.0 && stop == i + 1;
                let and_a_half = self.is(stop, "and") && self.is(stop + 2, "half");
                if lone_one && !self.followed_by_unit(stop) && !and_a_half {
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
            let multiplier = || lexicon::multiplier(w, self.text(&self.items[i]), self.language, false);
            (lexicon::may_be_multiplier(w) && multiplier().is_some_and(|(_, abbr)| !abbr))
                || lexicon::currency_word(w).is_some()
                || lexicon::lone_subunit(w).is_some_and(|(_, glued)| !glued)
                || lexicon::english_dollar_adjective(w).is_some()
                || self.lower(i + 1).is_some_and(|n| lexicon::english_adjective_currency(w, n).is_some())
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
            // `500-million-euro`: a hyphen, then the multiplier and the currency.
            if item.lower == "-" && self.glued(i) && self.glued(i + 1) && q.factor == 1.0 {
                let compound = self.lower(i + 1).and_then(|w| w.split_once('-'));
                let parts = compound.and_then(|(m, c)| {
                    let (factor, _) = lexicon::multiplier(m, m, self.language, false)?;
                    Some((factor, single_currency(c)?))
                });
                if let Some((factor, code)) = parts {
                    q.factor = factor;
                    q.has_multiplier = true;
                    q.big |= factor >= 1e6;
                    q.glued_currency = Some(code);
                    q.next = i + 2;
                }
                break;
            }
            // Most words after a number are neither a multiplier nor a
            // multiplier glued to a code (`MUSD`, `kEUR`, written with a
            // capital `M` or `K` or a `k`): told before finding their text.
            let compact_start = || self.doc.as_bytes().get(item.start).is_some_and(|&b| may_be_compact_currency(b));
            if item.kind != Kind::Word || !(lexicon::may_be_multiplier(item.lower) || compact_start()) {
                break;
            }
            let (glued, text) = (self.glued(i), self.text(item));
            if let Some((factor, abbreviated)) = lexicon::multiplier(item.lower, text, self.language, glued) {
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
            if let Some((factor, code)) = compact_currency(text) {
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
        let english = self.language == Language::English;
        let (cents, next) = match item.kind {
            Kind::Num if item.end - item.start <= 2 => (item.lower.parse::<f64>().ok()?, at + 1),
            // `eleven dollars twenty cents`, `two pounds fifty`
            Kind::Word if with_et || english => self.number_words(at)?,
            _ => return None,
        };
        if cents >= 100.0 {
            return None;
        }
        // `50p` glued, `25c` glued, `cents`, `pence`
        let unit = self.lower(next).is_some_and(lexicon::is_subunit)
            && (!matches!(self.lower(next), Some("c" | "p")) || self.glued(next));
        if unit {
            return Some((cents / 100.0, next + 1));
        }
        if item.kind == Kind::Word && !with_et {
            // A bare `fifty` closes the amount unless a number or a unit follows.
            let goes_on = self.kind(next) == Some(Kind::Num) || self.followed_by_unit(next);
            return (!goes_on).then_some((cents / 100.0, next));
        }
        // A bare number must end the phrase: `15 dollars 50.`, not `15 dollars 50 fois`.
        let ends = !matches!(self.kind(next), Some(Kind::Word | Kind::Num | Kind::Sym));
        (ends && item.kind == Kind::Num).then_some((cents / 100.0, next))
    }

    /// A symbol at `i`, with the letters that may follow a `$` (`$ c`, `$CAD`).
    fn symbol_at(&self, i: usize) -> Option<(Option<&'static str>, Named, usize)> {
        let item = self.items.get(i).filter(|l| l.kind == Kind::Sym)?;
        let code = lexicon::symbol_currency(item.lower)?;
        if item.lower == "$" {
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
        // ISO codes and the letters of a currency (`Rs`, `RMB`) start with a
        // capital: the other words are told before finding their text.
        let text =
            self.doc.as_bytes().get(item.start).is_some_and(|&b| lexicon::may_be_a_code(b)).then(|| self.text(item));
        if let Some(code) = text.and_then(lexicon::iso_code) {
            return Some((Some(code), Named::Code, i + 1));
        }
        if self.kind(i + 1) == Some(Kind::Sym) {
            if let Some(code) = self.dollar_prefix_before(i + 1) {
                return Some((Some(code), Named::Symbol, i + 2)); // `85 millions US$`
            }
        }
        // `45Rs` glued after the number (`the three Rs` is no money); a code
        // in capitals may be spaced (`10 billion RMB`).
        if let Some(text) = text {
            let capitals = text.len() >= 3 && text.chars().all(|c| c.is_ascii_uppercase());
            if let Some(code) = lexicon::letters_currency(text).filter(|_| self.glued(i) || capitals) {
                return Some((Some(code), Named::Code, i + 1));
            }
        }
        // `de dollars`, `d'euros`
        let at = if matches!(item.lower, "de" | "d'" | "of") { i + 1 } else { i };
        // Every currency named by words from here on starts with a word at
        // `at` of the lists [`lexicon::may_start_a_currency_name`] keys:
        // most words after a number are refused by their key.
        let starts_a_name = |l: &Lex<'_>| l.kind == Kind::Word && lexicon::may_start_a_currency_name(l.key);
        if !self.items.get(at).is_some_and(starts_a_name) {
            return None;
        }
        // English: `Swiss francs`, `South African rand`, `New Taiwan dollars`
        for (adjective, noun) in [(at, at + 1), (at + 1, at + 2)] {
            if adjective > at && !self.lower(at).is_some_and(|w| lexicon::TWO_WORD_ADJECTIVE_STARTS.contains(&w)) {
                break;
            }
            if let (Some(a), Some(n)) = (self.lower(adjective), self.lower(noun)) {
                if let Some(code) = lexicon::english_adjective_currency(a, n) {
                    return Some((Some(code), Named::Word, noun + 1));
                }
            }
        }
        // English: `Canadian dollars`, `US dollars`
        if let Some(code) = self.lower(at).and_then(lexicon::english_dollar_adjective) {
            let dollars = if code == "HKD" || code == "NZD" { at + 2 } else { at + 1 };
            if matches!(self.lower(dollars), Some("dollar" | "dollars")) {
                return Some((Some(code), Named::Word, dollars + 1));
            }
        }
        let word = self.lower(at)?;
        let currency = lexicon::currency_word(word)?;
        // `a 2024 RAND study`: a word in capitals is no currency's name.
        let written = self.text(&self.items[at]);
        if written.len() > 1 && written.chars().all(|c| c.is_uppercase()) {
            return None;
        }
        // `20 pounds of cargo`: a weight.
        let weight = matches!(word, "pound" | "pounds") && self.is(at + 1, "of");
        if weight && !self.lower(at + 2).is_some_and(lexicon::is_money_noun) {
            return None;
        }
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
        // `mark finlandais`: the singular takes an adjective as the plural does.
        let base = if family == "mark-singular" { "mark" } else { family };
        if let Some(code) = self.lower(i).and_then(|adj| lexicon::family_with(base, adj)) {
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
        // `the 10 million mark`, `3 real options`, `shillings` alone: no currency.
        if matches!(family, "mark-singular" | "real" | "shilling") {
            return None;
        }
        Some((self.country_currency(family).or_else(|| lexicon::family_default(family)), i))
    }

    /// The currency a country named around the amount decides for a name
    /// several countries share (`In Argentina, … pesos`): see
    /// [`lexicon::country_currency`].
    fn country_currency(&self, family: &str) -> Option<&'static str> {
        // Most families (`dollar`, `livre`) are no country's to decide: no
        // need to look at every word around.
        if !lexicon::shared_by_countries(family) {
            return None;
        }
        self.items.iter().filter(|l| l.kind == Kind::Word).find_map(|l| lexicon::country_currency(family, l.lower))
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
        // `Rent rose from $2,400 to $3,100`: a verb of change before `from`.
        if from_de && !between && !hyphen && at > 1 && self.lower(at - 2).is_some_and(lexicon::is_change_verb) {
            return None;
        }
        let (prefix, j) = match self.items.get(i + 1) {
            Some(l) if l.kind == Kind::Sym => {
                (lexicon::symbol_currency(l.lower).map(|c| (Some(c), Named::Symbol)), i + 2)
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
            // A word is looked up by its key; another item (`.` of `env .`) by its text.
            let found = match self.items.get(end.checked_sub(1)?) {
                Some(last) if last.kind == Kind::Word => lexicon::qualifiers_ending_with_key(last.key),
                last => lexicon::qualifiers_ending_with(last.map_or("", |item| item.lower)),
            };
            for q in found {
                let (phrase, meaning) = q.qualifier;
                let n = phrase.len();
                if end < n {
                    continue;
                }
                // A word is told by its key before its text.
                let matches = (0..n).all(|k| {
                    let item = &self.items[end - n + k];
                    item.kind != Kind::Break
                        && (item.kind != Kind::Word || item.key == q.keys[k])
                        && item.lower == phrase[k]
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
    // Whole amounts below 10^12 (most) are their own rounding: scaled to
    // twelve digits they stay exact integers, and scale back exactly.
    // (Whole told by a round trip through an integer, exact below 10^12.)
    // (Zero is one of them; so are NaN and the infinities, left as they are.)
    if (value.abs() < 1e12 && (value as i64) as f64 == value) || !value.is_finite() {
        return value;
    }
    let scale = 10f64.powi(11 - value.abs().log10().floor() as i32);
    (value * scale).round() / scale
}

/// Whether `word` (or its part before a hyphen) is an English number word
/// (not `six`, which French shares).
fn is_english_number(word: &str) -> bool {
    let first = &word[..word.bytes().position(|b| b == b'-').unwrap_or(word.len())];
    lexicon::is_english_number_word(first) || matches!(first, "a" | "an")
}

/// The one currency a singular currency word names (`dollar`, `euro`,
/// `pound`): for the hyphenated adjectives `five-dollar`, `million-euro`.
fn single_currency(word: &str) -> Option<&'static str> {
    match lexicon::currency_word(word)? {
        CurrencyWord::Known(code) => Some(code),
        CurrencyWord::Family(family) => lexicon::family_default(family),
    }
}

thread_local! {
    /// The phrase of several number words [`Grammar::number_words`] reads,
    /// put together in one buffer a thread keeps, rather than in a string
    /// allocated for each.
    static PHRASE: RefCell<String> = const { RefCell::new(String::new()) };
}

/// What one number word reads as: an article is one.
fn word_reading(word: &str, english: bool) -> Option<f64> {
    match word {
        "un" | "une" | "one" | "a" | "an" => Some(1.0),
        _ => number_words_value(word, english),
    }
}

/// What a phrase of number words (spaced) reads as: one word as
/// [`word_reading`] says; `a hundred`, `a thousand` as `one hundred`, `one
/// thousand` (the article replaced in `phrase`).
fn phrase_reading(phrase: &mut String, english: bool) -> Option<f64> {
    let article = match phrase.split_once(' ') {
        Some((first @ ("a" | "an"), _)) => first.len(),
        Some(_) => return number_words_value(phrase, english),
        None => return word_reading(phrase, english),
    };
    phrase.replace_range(..article, "one");
    remembered_reading(phrase, english)
}

/// What text2num reads `phrase` (number words, spaced) as, in English or
/// French. Most phrases are one word of the lists (`deux`, `fifty`): those
/// are looked up in a table of their readings, made once per language,
/// rather than read by text2num each time.
fn number_words_value(phrase: &str, english: bool) -> Option<f64> {
    type Readings = HashMap<&'static str, Option<f64>, foldhash::fast::FixedState>;
    fn readings(english: bool) -> Readings {
        lexicon::number_words().map(|word| (word, text2num_reading(word, english))).collect()
    }
    static ENGLISH: LazyLock<Readings> = LazyLock::new(|| readings(true));
    static FRENCH: LazyLock<Readings> = LazyLock::new(|| readings(false));
    let readings = if english { &ENGLISH } else { &FRENCH };
    match readings.get(phrase) {
        Some(&value) => value,
        None => remembered_reading(phrase, english),
    }
}

/// The most phrases a thread remembers the reading of (see
/// [`remembered_reading`]); past them, it forgets them all.
const REMEMBERED_PHRASES: usize = 4096;

/// [`text2num_reading`], remembered by each thread for the phrases it read
/// before: phrases of several words recur from one document to the next
/// (`vingt-cinq`, `two hundred`), and text2num builds its language and
/// allocates two strings for every reading (a third of this plugin's
/// allocations besides its entities'). At most [`REMEMBERED_PHRASES`].
fn remembered_reading(phrase: &str, english: bool) -> Option<f64> {
    type Read = HashMap<Box<str>, Option<f64>, foldhash::fast::FixedState>;
    thread_local! {
        /// The readings of this thread's phrases, French and English.
        static READ: RefCell<[Read; 2]> = RefCell::default();
    }
    READ.with(|read| {
        let mut read = read.borrow_mut();
        let read = &mut read[usize::from(english)];
        if let Some(&value) = read.get(phrase) {
            return value;
        }
        if read.len() >= REMEMBERED_PHRASES {
            read.clear();
        }
        let value = text2num_reading(phrase, english);
        read.insert(phrase.into(), value);
        value
    })
}

/// text2num's reading of `phrase` in English or French.
fn text2num_reading(phrase: &str, english: bool) -> Option<f64> {
    let language = if english { text2num::Language::english() } else { text2num::Language::french() };
    text2num::text2digits(phrase, &language).ok().and_then(|d| d.parse::<f64>().ok())
}

/// `five-dollar`, `ten-euro`: a number word and a currency joined by a
/// hyphen, as an adjective; the number and the currency.
fn hyphenated_amount(word: &str, language: Language) -> Option<(f64, &'static str)> {
    let (number, currency) = word.rsplit_once('-')?;
    let code = single_currency(currency)?;
    let text2num_language = match language {
        _ if is_english_number(number) => text2num::Language::english(),
        Language::French => text2num::Language::french(),
        Language::English => text2num::Language::english(),
    };
    let value = text2num::text2digits(&number.replace('-', " "), &text2num_language).ok()?.parse().ok()?;
    Some((value, code))
}

/// Whether a word whose text starts with `first` may be one
/// [`compact_currency`] reads: the first byte of its prefixes.
#[inline]
fn may_be_compact_currency(first: u8) -> bool {
    matches!(first, b'M' | b'k' | b'K')
}

/// `MUSD`, `MEUR`, `MdUSD`, `kEUR`: a multiplier glued to an ISO code.
fn compact_currency(word: &str) -> Option<(f64, &'static str)> {
    // Asked of the word after every number: most start with none of the prefixes.
    if !word.as_bytes().first().is_some_and(|&b| may_be_compact_currency(b)) {
        return None;
    }
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
    fn phrases_read_as_they_were_before_the_buffer() {
        // The reading written first: the phrase matched whole, `a …` read
        // by text2num as `one …`.
        let before = |phrase: &str, english: bool| match phrase {
            "un" | "une" | "one" | "a" | "an" => Some(1.0),
            p if p.starts_with("a ") || p.starts_with("an ") => {
                let rest = p.split_once(' ').map_or("", |(_, r)| r);
                text2num_reading(&format!("one {rest}"), english)
            }
            _ => number_words_value(phrase, english),
        };
        let phrases = [
            "",
            "a",
            "an",
            "un",
            "une",
            "one",
            "a hundred",
            "an hundred",
            "a thousand five",
            "a dozen",
            "and",
            "vingt et un",
            "deux cents",
            "one hundred twenty-five",
            "a-b",
            "au cent",
        ];
        for phrase in phrases {
            for english in [false, true] {
                let read = phrase_reading(&mut phrase.to_owned(), english);
                assert_eq!(read.map(f64::to_bits), before(phrase, english).map(f64::to_bits), "{phrase}");
            }
        }
    }

    #[test]
    fn number_words_read_from_the_table_as_text2num_reads_them() {
        let phrases =
            lexicon::number_words().chain(["vingt-cinq", "deux cents", "fifty cents", "one hundred", "x", ""]);
        for phrase in phrases {
            for english in [false, true] {
                let value = number_words_value(phrase, english);
                assert_eq!(value.map(f64::to_bits), text2num_reading(phrase, english).map(f64::to_bits), "{phrase}");
            }
        }
        // Read again, from what the thread remembers.
        for phrase in ["vingt-cinq", "deux cents", "one hundred", "x"] {
            for english in [false, true] {
                let value = number_words_value(phrase, english);
                assert_eq!(value.map(f64::to_bits), text2num_reading(phrase, english).map(f64::to_bits), "{phrase}");
            }
        }
        assert_eq!(number_words_value("deux", false), Some(2.0));
        assert_eq!(number_words_value("fifty", true), Some(50.0));
    }

    #[test]
    fn whole_amounts_are_their_own_rounding() {
        let rounded = |value: f64| {
            let scale = 10f64.powi(11 - value.abs().log10().floor() as i32);
            (value * scale).round() / scale
        };
        let mut values: Vec<f64> = (1..=100_000).map(f64::from).collect();
        for digits in 1..=12 {
            let p = 10f64.powi(digits);
            values.extend([p - 1.0, p, p + 1.0, 3.0 * p, 7.0 * p / 10.0, -p, 999_999_999_999.0, 123_456_789_012.0]);
        }
        for value in values.into_iter().filter(|v| v.abs() < 1e12) {
            assert_eq!(tidy(value).to_bits(), rounded(value).to_bits(), "{value}");
        }
        assert_eq!(tidy(16.4e6 / 1e6 * 1e6), 16_400_000.0);
        // Left as they are.
        for value in [0.0, -0.0, f64::INFINITY, f64::NEG_INFINITY, 1e12, 2.5e15] {
            assert_eq!(tidy(value).to_bits(), value.to_bits(), "{value}");
        }
        assert!(tidy(f64::NAN).is_nan());
    }

    #[test]
    fn function_words_filtered_by_key_are_those_the_match_counted() {
        // The count written first: every word's text matched.
        let before = |items: &[Lex<'_>]| {
            let words = items.iter().filter(|l| l.kind == Kind::Word);
            words.fold((0, 0), |(fr, en), l| match l.lower {
                "le" | "la" | "les" | "des" | "est" | "et" | "une" | "dans" | "pour" | "qui" | "du" | "sur" | "aux"
                | "à" | "de" | "d'" | "un" | "en" | "au" | "l'" => (fr + 1, en),
                "the" | "and" | "of" | "is" | "to" | "in" | "that" | "for" | "with" | "was" | "has" | "on" | "will"
                | "said" | "at" | "each" | "per" | "an" | "its" | "are" => (fr, en + 1),
                _ => (fr, en),
            })
        };
        let mut texts = glaneur_testdata::test_texts(&["money"]);
        texts.push("L’an, À la Une : D’accord, THE Said AND Each d' l' À".into());
        let mut counted = (0, 0);
        for text in &texts {
            let buf = glaneur_schema::DocumentBuf::new(text).expect("a test text fits");
            let mut folds = String::new();
            let items = crate::scanner::lex_range(&buf.document(), 0..text.len(), &mut folds, |_| false).all;
            let grammar = Grammar { doc: text, items: &items, language: Language::French, previous_end: 0 };
            let (fr, en) = grammar.function_words();
            assert_eq!((fr, en), before(&items), "{text}");
            counted = (counted.0 + fr, counted.1 + en);
        }
        assert!(counted.0 > 1000 && counted.1 > 500, "{counted:?}");
    }

    #[test]
    fn thousands_told_by_length_first_are_those_the_comma_search_found() {
        // The reading written first: the comma looked for in every number.
        fn before(grammar: &Grammar<'_, '_>, i: usize, q: &Quantity, prefixed: bool) -> Option<f64> {
            let item = grammar.items.get(i).filter(|l| l.kind == Kind::Num)?;
            let has = |part: &str, b: u8| part.as_bytes().contains(&b);
            let text = item.lower;
            let comma = text.bytes().position(|b| b == b',')?;
            let (head, tail) = (&text[..comma], &text[comma + 1..]);
            let one_comma = !has(tail, b',') && !has(text, b'.') && !has(head, b' ');
            let grouped = one_comma && tail.len() == 3 && (1..=3).contains(&head.len());
            if !grouped || (q.has_multiplier && !prefixed) || grammar.language == Language::English {
                return None;
            }
            let (french, english) = grammar.function_words();
            let score = 1 + i32::from(prefixed) + i32::from(english > french) - 2 * i32::from(french > english);
            if score <= 0 {
                return None;
            }
            digits::value_of(text, Convention::English)
        }
        let mut texts = glaneur_testdata::test_texts(&["money"]);
        texts.push(
            "1,500 $ ; 12,345 euros ; the 1,500 ; 1,50 ; 1,5000 ; 10,000,000 ; 123,456 ; 1 500,250 ; 2.5,100".into(),
        );
        let mut read = 0;
        for text in &texts {
            let buf = glaneur_schema::DocumentBuf::new(text).expect("a test text fits");
            let mut folds = String::new();
            let items = crate::scanner::lex_range(&buf.document(), 0..text.len(), &mut folds, |_| false).all;
            for language in [Language::French, Language::English] {
                let grammar = Grammar { doc: text, items: &items, language, previous_end: 0 };
                for i in 0..=items.len() {
                    for (has_multiplier, prefixed) in [(false, false), (true, false), (true, true), (false, true)] {
                        let q = Quantity {
                            base: 1.0,
                            factor: 1.0,
                            next: i + 1,
                            words: false,
                            has_multiplier,
                            abbreviated: false,
                            big: false,
                            glued_currency: None,
                            approx: false,
                        };
                        let got = grammar.thousands(i, &q, prefixed);
                        assert_eq!(
                            got.map(f64::to_bits),
                            before(&grammar, i, &q, prefixed).map(f64::to_bits),
                            "{text}"
                        );
                        read += usize::from(got.is_some());
                    }
                }
            }
        }
        assert!(read > 10, "{read}");
    }

    #[test]
    fn windows_taken_in_order_are_those_two_searches_find() {
        let mut texts = glaneur_testdata::test_texts(&["money"]);
        texts.push(format!("{} 5 €", "x".repeat(300)));
        for text in &texts {
            let buf = glaneur_schema::DocumentBuf::new(text).expect("a test text fits");
            let mut folds = String::new();
            let all = crate::scanner::lex_range(&buf.document(), 0..text.len(), &mut folds, |_| false).all;
            let mut windows = Windows::new(text, &all);
            for (index, item) in all.iter().enumerate() {
                let (items, at) = window(text, &all, item.start);
                let expected = (at < items.len()).then_some((items, at));
                assert_eq!(windows.around(item.start, index), expected, "{text} {}", item.start);
            }
            // Anchors far apart, as they most often are.
            for step in [3, 17, 40, 200] {
                let mut windows = Windows::new(text, &all);
                for (index, item) in all.iter().enumerate().step_by(step) {
                    let (items, at) = window(text, &all, item.start);
                    let expected = (at < items.len()).then_some((items, at));
                    assert_eq!(windows.around(item.start, index), expected, "{text} {}", item.start);
                }
            }
        }
    }

    #[test]
    fn qualifiers_start_within_their_reach() {
        let mut texts = glaneur_testdata::test_texts(&["money"]);
        texts.push(
            "de l'ordre de déjà probablement 5 ; aux alentours de bien 3 ; in excess of the 4 ; près de 2".into(),
        );
        let mut found = 0;
        for text in &texts {
            let buf = glaneur_schema::DocumentBuf::new(text).expect("a test text fits");
            let mut folds = String::new();
            let items = crate::scanner::lex_range(&buf.document(), 0..text.len(), &mut folds, |_| false).all;
            let grammar = Grammar { doc: text, items: &items, language: Language::French, previous_end: 0 };
            for i in 0..items.len() {
                if let Some((_, start)) = grammar.qualifier_before(i) {
                    assert!(start >= grammar.qualifier_reach(i), "{text} {i}");
                    found += 1;
                }
            }
        }
        assert!(found > 100, "{found}");
    }

    #[test]
    fn items_are_lowered_as_folded_says_and_glued_apostrophes_join_their_word() {
        let doc = "D’euros, 5 Milliards $ l' ’ MUSD ÉTÉ d'abord";
        let buf = glaneur_schema::DocumentBuf::new(doc).expect("small");
        let mut folds = String::new();
        let items = crate::scanner::lex_range(&buf.document(), 0..doc.len(), &mut folds, |_| false).all;
        let got: Vec<(&str, &str, Kind)> = items.iter().map(|l| (l.text(doc), l.lower, l.kind)).collect();
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
            assert_eq!(item.lower, glaneur_text::folded(item.text(doc)), "{}", item.text(doc));
        }
    }
}
