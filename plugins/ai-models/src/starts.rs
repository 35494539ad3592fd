//! The one pass over a document's tokens that finds where each of the
//! plugin's searches may begin: the catalogue's names, the cue nouns (and,
//! from them, the appositions: [`unseen`]) and the o-series. Each search
//! keeps its own test of a token; this pass only runs them together, so
//! that the tokens are read once rather than once per search.

use glaneur_schema::Document;
use glaneur_text::kept::{bound, Bound};

use crate::catalogue::{Catalogue, Start};
use crate::unseen;

/// Where the searches of one document may begin, each in order.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Starts {
    /// The word starts a catalogue name may begin at, with whether the word
    /// begins with a capital or an ASCII digit
    /// ([`Catalogue::may_start_word`]).
    pub(crate) catalogue: Vec<(usize, bool)>,
    /// The tokens that are a cue noun ([`unseen::is_noun`]).
    pub(crate) nouns: Vec<usize>,
    /// The tokens that are a lone `o`, which may begin an o-series name
    /// (`o3-mini`).
    pub(crate) lone_o: Vec<usize>,
}

/// A catalogue name may begin here if the word is capitalised or a number.
const CAPITALISED_NAME: u8 = Start::Capitalised as u8;
/// A catalogue name may begin here, whatever the case of the word.
const NAME: u8 = Start::Any as u8;
/// A cue noun may begin here.
const NOUN: u8 = 4;
/// The token may be a lone `o`.
const LONE_O: u8 = 8;

/// By a token's first two bytes, which searches may begin there: the
/// tests of every search made once, when the plugin loads, so that one
/// lookup refuses most tokens. Indexed by the two bytes read as a
/// little-endian `u16` (`a | b << 8`), so that the lookup is one load.
pub(crate) struct StartTable(Box<[u8; 1 << 16]>);

impl StartTable {
    /// The table of the searches of `catalogue` and of the cue nouns.
    pub(crate) fn new(catalogue: &Catalogue) -> StartTable {
        let mut table = Box::new([0; 1 << 16]);
        for a in 0..=u8::MAX {
            let (names, nouns) = (catalogue.starts_after(a), unseen::nouns_may_begin_after(a));
            for (b, (name, noun)) in (0..=u8::MAX).zip(names.into_iter().zip(nouns)) {
                // `Start`'s values are the bits of a name.
                table[pair(a, b)] = name as u8 | (u8::from(noun) * NOUN);
            }
            // A name that wants a capital never begins a word that cannot
            // have one (the few rows where some cannot, apart).
            if matches!(a, b'a'..=b'z' | 0xC2..=0xDF) {
                for b in (0..=u8::MAX).filter(|&b| never_capital(a, b)) {
                    table[pair(a, b)] &= !CAPITALISED_NAME;
                }
            }
            if a == b'o' {
                // No ASCII letter glued after it.
                for b in (0..=u8::MAX).filter(|b| !b.is_ascii_alphabetic()) {
                    table[pair(a, b)] |= LONE_O;
                }
            }
        }
        StartTable(table)
    }

    /// What may begin at a token starting at `at` in `bytes`.
    #[inline]
    fn at(&self, bytes: &[u8], at: usize) -> u8 {
        // One bounds check for both bytes but at the very end of the text.
        let pair = match bytes.get(at..at + 2) {
            Some(&[a, b]) => u16::from_le_bytes([a, b]),
            _ => u16::from(bytes[at]),
        };
        self.0[usize::from(pair)]
    }
}

/// The index of the bytes `a`, `b` in [`StartTable`]: what they read as a
/// little-endian `u16`.
fn pair(a: u8, b: u8) -> usize {
    usize::from(u16::from_le_bytes([a, b]))
}

/// Whether no token beginning with the bytes `a` and `b` (`b` 0 at the end
/// of the text) begins with a capital or an ASCII digit
/// ([`glaneur_schema::Token::begins_with_capital`]): a word is capitalised when its first
/// letter with a case is a capital, so never one that begins in lower case;
/// and what begins with U+0080 to U+00BF (but `ª`, `µ`, `º`) is no word.
fn never_capital(a: u8, b: u8) -> bool {
    match a {
        b'a'..=b'z' => true,
        0xC2 => !matches!(b, 0xAA | 0xB5 | 0xBA),
        // A character of two bytes, decoded.
        0xC3..=0xDF if b & 0xC0 == 0x80 => {
            char::from_u32(u32::from(a & 0x1F) << 6 | u32::from(b & 0x3F)).is_some_and(char::is_lowercase)
        }
        _ => false,
    }
}

impl Starts {
    /// [`Starts::fill`] into new lists.
    #[cfg(test)]
    pub(crate) fn of(doc: &Document<'_>, table: &StartTable, catalogue: &Catalogue) -> Starts {
        let mut starts = Starts::default();
        starts.fill(doc, table, catalogue);
        starts
    }

    /// Reads the tokens of `doc` once into these lists (what they held is
    /// forgotten, their room kept), `table` telling which searches may
    /// begin at each by their first two bytes, and `catalogue` whether a
    /// name may by three. Not inlined: in a function of its own, the loop
    /// over every token keeps its values in registers.
    #[inline(never)]
    pub(crate) fn fill(&mut self, doc: &Document<'_>, table: &StartTable, catalogue: &Catalogue) {
        let tokens = doc.tokens();
        let bytes = doc.text().as_bytes();
        self.catalogue.clear();
        self.nouns.clear();
        self.lone_o.clear();
        // About one word in ten begins a catalogue name (found and refused
        // after): room for those once rather than growing the list from
        // nothing.
        self.catalogue.reserve(tokens.len() / 8);
        // Every token but the last begins two bytes or more before the end
        // of the text (tokens are in order and never empty): its start,
        // clamped to where the last two bytes begin, is itself, and the
        // clamp proves the two bytes there in bounds with no branch.
        let (Some((_, head)), Some(last_pair)) = (tokens.split_last(), bytes.len().checked_sub(2)) else {
            return self.fill_from(doc, table, catalogue, 0);
        };
        for (i, t) in head.iter().enumerate() {
            let at = t.start().min(last_pair);
            debug_assert_eq!(at, t.start(), "tokens in order");
            let class = match bytes.get(at..).and_then(<[u8]>::first_chunk) {
                Some(&pair) => table.0[usize::from(u16::from_le_bytes(pair))],
                None => 0,
            };
            if class != 0 {
                self.push(doc, catalogue, i, class);
            }
        }
        self.fill_from(doc, table, catalogue, head.len());
    }

    /// Adds the tokens of `doc` from `first` on to the lists, the bytes
    /// of each read with their bounds checked: for the last token of a
    /// document, which may be its last byte, and for texts under two bytes.
    fn fill_from(&mut self, doc: &Document<'_>, table: &StartTable, catalogue: &Catalogue, first: usize) {
        let bytes = doc.text().as_bytes();
        for (i, t) in doc.tokens().iter().enumerate().skip(first) {
            let class = table.at(bytes, t.start());
            if class != 0 {
                self.push(doc, catalogue, i, class);
            }
        }
    }

    /// Adds token `i` of `doc` to the lists of the searches that may begin
    /// there, `class` telling which may by its first bytes. Always inlined:
    /// out of line, the call costs more than its work at most tokens.
    #[inline(always)]
    fn push(&mut self, doc: &Document<'_>, catalogue: &Catalogue, i: usize, class: u8) {
        let tokens = doc.tokens();
        let bytes = doc.text().as_bytes();
        let t = &tokens[i];
        let at = t.start();
        if class & (NAME | CAPITALISED_NAME) != 0 {
            let capital = t.begins_with_capital(bytes);
            if (capital || class & NAME != 0) && doc.starts_word(i) && catalogue.may_begin_at(bytes, at) {
                self.catalogue.push((at, capital));
            }
        }
        if t.is_word() {
            if class & NOUN != 0 && unseen::is_noun(doc, t) {
                self.nouns.push(i);
            }
            if class & LONE_O != 0 && t.end() - at == 1 && bytes[at] == b'o' {
                self.lone_o.push(i);
            }
        }
    }
}

/// Kept by a thread, the lists would hold a huge document's room: they are
/// emptied, and those that hold room for more than a document's worth
/// freed.
impl Bound for Starts {
    fn bound(&mut self) {
        bound(&mut self.catalogue);
        bound(&mut self.nouns);
        bound(&mut self.lone_o);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What each search found with a pass of its own before the passes
    /// were one.
    fn separately(doc: &Document<'_>, catalogue: &Catalogue) -> Starts {
        let tokens = doc.tokens();
        let bytes = doc.text().as_bytes();
        let words = || tokens.iter().enumerate().filter(|(_, t)| t.is_word());
        Starts {
            catalogue: doc.word_starts_where(|t| catalogue.may_start_word(bytes, t)).collect(),
            nouns: unseen::NOUNS.find_all(doc).into_iter().map(|m| m.tokens.start).collect(),
            lone_o: words().filter(|(_, t)| doc.text_of(t) == "o").map(|(i, _)| i).collect(),
        }
    }

    #[test]
    fn one_pass_finds_what_a_pass_per_search_found() {
        let catalogue = Catalogue::load().expect("valid data");
        let table = StartTable::new(&catalogue);
        let corpus = crate::tests::corpus_texts();
        let tricky = "o3, o1-mini et GPT-4o, « o », Vega-2, un modèle ,sans espace, puis,\nà la ligne; \
                      5090, H100, l’assistant Nabu, Modèle, ,, 2,5 et ,x, o, oh, o’, « à », Émile, ét, o";
        for text in corpus.chain([tricky.to_owned(), String::new(), ",".to_owned(), "o".to_owned()]) {
            let buf = glaneur_schema::DocumentBuf::new(&text).expect("small");
            let doc = buf.document();
            assert_eq!(Starts::of(&doc, &table, &catalogue), separately(&doc, &catalogue), "{text}");
        }
    }

    #[test]
    fn no_token_a_capital_may_not_begin_begins_with_one() {
        let mut buf = [0; 4];
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            if !never_capital(bytes[0], bytes.get(1).copied().unwrap_or(0)) {
                continue;
            }
            for after in ["", "A", "Ab", "1", "\u{301}A", "’A", "-B", " C"] {
                let text = format!("{c}{after}");
                let doc_buf = glaneur_schema::DocumentBuf::new(&text).expect("small");
                let doc = doc_buf.document();
                let first = doc.tokens().iter().find(|t| t.start() == 0);
                assert!(!first.is_some_and(|t| t.begins_with_capital(text.as_bytes())), "{text:?}");
            }
        }
    }
}
