//! The catalogue of model families and assistants (data/catalogue.tsv),
//! the variant words (data/variants.txt) and the hardware names that are
//! never models (data/hardware.txt), compiled in.

use std::ops::Range;

use glaneur_schema::Document;
use glaneur_text::LongestMatcher;

/// One family of the catalogue.
#[derive(Debug, Clone)]
pub struct Family {
    /// Its name as `attrs.family` gives it (`GPT`, `Claude`, `MAI`).
    pub name: String,
    /// The vendor's canonical organisation name.
    pub vendor: String,
    /// `model` or `assistant`.
    pub kind: String,
    /// The bare name is no model (`Mistral`, `DeepSeek`, `o`).
    pub needs_variant: bool,
    /// A common word or person's name too (`Claude`, `Gemini`).
    pub ambiguous: bool,
    /// Only the exact spellings listed match (`MAI`, `Phi`, `Copilot`).
    pub case_sensitive: bool,
    /// Its spellings, a range of [`Catalogue::spellings`].
    pub spellings: Range<usize>,
    /// Its name, vendor and kind as a mention's attributes write them
    /// (`,"family":…,"vendor":…,"type":…`), escaped once at load.
    pub attrs_json: String,
}

/// A family's name, vendor and kind as [`Family::attrs_json`] holds them.
pub(crate) fn attrs_json(name: &str, vendor: &str, kind: &str) -> String {
    let mut out = String::new();
    for (key, value) in [(",\"family\":", name), (",\"vendor\":", vendor), (",\"type\":", kind)] {
        out.push_str(key);
        glaneur_schema::json_text::push_str(&mut out, value);
    }
    out
}

/// A spelling of a family, as matched in text.
#[derive(Debug, Clone)]
pub struct Spelling {
    /// As listed.
    pub text: String,
    /// Index into [`Catalogue::families`]; `None` for hardware.
    pub family: Option<usize>,
}

/// The compiled catalogue.
pub struct Catalogue {
    /// The families.
    pub families: Vec<Family>,
    /// Every spelling, indexed like the automaton's patterns.
    pub spellings: Vec<Spelling>,
    /// The variant words grouped by ASCII case (a group's spellings as
    /// listed), each group with its [`variant_key`], sorted by it.
    variants: Vec<(u128, Vec<&'static str>)>,
    /// Every pattern, longest match first.
    matcher: LongestMatcher,
    /// The spelling of each pattern.
    pattern_spelling: Vec<usize>,
    /// The words the matcher need not be shown.
    starts: StartBytes,
    /// The same, by a word's first three bytes.
    three_bytes: ThreeBytes,
}

/// By a word's first two bytes, whether a pattern may start it, so that
/// most words never reach the matcher: most begin in lower case, and the
/// matcher tries those only where a pattern written in lower case begins
/// as they do (`gpt`); a capitalised word or a number, only where a
/// pattern begins with the same bytes, but for ASCII case.
struct StartBytes {
    /// By two ASCII bytes, lowercased.
    pairs: Box<[[Start; 128]; 128]>,
    /// By the first byte, when it or the second is beyond ASCII (whose case
    /// is left to the matcher: any capital may start a pattern there).
    lead: [Start; 256],
}

/// What a word beginning with some bytes may start.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
///
/// Ordered, and numbered as the bits of the plugin's table of starts
/// (`starts::StartTable`) take them.
#[repr(u8)]
pub(crate) enum Start {
    /// No pattern.
    None = 0,
    /// A pattern, if the word is capitalised or a number.
    Capitalised = 1,
    /// A pattern, whatever the case of the word (a pattern written in
    /// lower case).
    Any = 2,
}

impl StartBytes {
    fn of(patterns: &[String]) -> Self {
        let mut pairs = Box::new([[Start::None; 128]; 128]);
        let mut lead = std::array::from_fn(|b| if b >= 0x80 { Start::Capitalised } else { Start::None });
        for pattern in patterns {
            let variants = glaneur_text::case_variants(pattern);
            for form in std::iter::once(pattern).chain(&variants) {
                let Some(&a) = form.as_bytes().first() else { continue };
                // What the matcher takes for a lower-case beginning; a
                // number counts as capitalised.
                let start = if form.starts_with(|c: char| c.is_uppercase()) { Start::Capitalised } else { Start::Any };
                let raise = |s: &mut Start| *s = (*s).max(start);
                raise(&mut lead[usize::from(a.to_ascii_uppercase())]);
                // A word that begins with a lower-case ASCII letter is not
                // capitalised.
                if start == Start::Any || !a.is_ascii_alphabetic() {
                    raise(&mut lead[usize::from(a.to_ascii_lowercase())]);
                }
                match form.as_bytes().get(1) {
                    _ if !a.is_ascii() => {}
                    Some(&b) if b.is_ascii() => {
                        raise(&mut pairs[usize::from(a.to_ascii_lowercase())][usize::from(b.to_ascii_lowercase())]);
                    }
                    Some(_) => {} // `lead` has it
                    None => pairs[usize::from(a.to_ascii_lowercase())].iter_mut().for_each(raise),
                }
            }
        }
        StartBytes { pairs, lead }
    }

    /// What a word at `at` in `text` may start.
    #[cfg(test)]
    fn at(&self, text: &[u8], at: usize) -> Start {
        self.pair(text[at], text.get(at + 1).copied().unwrap_or(0))
    }

    /// What a word whose first two bytes are `a` and `b` may start (`b` is
    /// 0 for a word that ends the text after one byte).
    #[cfg(test)]
    fn pair(&self, a: u8, b: u8) -> Start {
        if a.is_ascii() && b.is_ascii() {
            self.pairs[usize::from(a.to_ascii_lowercase())][usize::from(b.to_ascii_lowercase())]
        } else {
            self.lead[usize::from(a)]
        }
    }

    /// What [`StartBytes::may_start_word`] makes of a word beginning with
    /// the bytes `a` and `b`: `None`, a name if the word is capitalised
    /// (or a number), or a name in any case.
    #[cfg(test)]
    fn of_pair(&self, a: u8, b: u8) -> Start {
        self.lead[usize::from(a)].min(self.pair(a, b))
    }

    /// [`StartBytes::of_pair`] of `a` and every second byte, in their
    /// order: a row of the table of the plugin's searches, made at once.
    fn row(&self, a: u8) -> [Start; 256] {
        let lead = self.lead[usize::from(a)];
        // Beyond ASCII, `pair` is `lead` itself.
        let mut row = [lead; 256];
        if a.is_ascii() {
            let pairs = &self.pairs[usize::from(a.to_ascii_lowercase())];
            for (b, start) in row.iter_mut().enumerate().take(0x80) {
                *start = lead.min(pairs[usize::from((b as u8).to_ascii_lowercase())]);
            }
        }
        row
    }

    /// Whether a pattern may start a word at `at` in `text`; `capital`
    /// tells whether it begins with a capital or an ASCII digit, asked
    /// only of the few words the first byte, then the first two, leave.
    /// The reference [`crate::starts::StartTable`] is tested against.
    #[cfg(test)]
    fn may_start_word(&self, text: &[u8], at: usize, capital: impl Fn() -> bool) -> bool {
        match self.lead[usize::from(text[at])] {
            Start::None => false,
            Start::Capitalised => capital() && self.at(text, at) != Start::None,
            Start::Any => match self.at(text, at) {
                Start::None => false,
                Start::Capitalised => capital(),
                Start::Any => true,
            },
        }
    }
}

/// By a word's first three bytes, in any ASCII case, whether a pattern may
/// begin it: a set of their hashes (with a few false yeses), so that the
/// capitalised words that only share their first two bytes with a pattern
/// (`Les`, `Nous` for `Le Chat`, `Nova`), a fifth of the words
/// [`StartBytes`] lets through, are never shown to the matcher.
struct ThreeBytes(Box<[u64; 1 << 10]>);

impl ThreeBytes {
    /// The set of `patterns` and of their case variants, as the matcher
    /// compiles them (ASCII case aside).
    fn of(patterns: &[String]) -> Self {
        let mut set = ThreeBytes(Box::new([0; 1 << 10]));
        for pattern in patterns {
            let variants = glaneur_text::case_variants(pattern);
            for form in std::iter::once(pattern).chain(&variants) {
                match *form.as_bytes() {
                    [a, b, c, ..] => set.insert(a, b, c),
                    // A shorter pattern says nothing of the bytes after it.
                    [a, b] => (0..=u8::MAX).for_each(|c| set.insert(a, b, c)),
                    [a] => (0..=u8::MAX).for_each(|b| (0..=u8::MAX).for_each(|c| set.insert(a, b, c))),
                    [] => {}
                }
            }
        }
        set
    }

    fn insert(&mut self, a: u8, b: u8, c: u8) {
        let k = three_key(a, b, c);
        self.0[k / 64] |= 1 << (k % 64);
    }

    /// Whether a pattern may begin at `at` in `text`; yes when fewer than
    /// three bytes are left.
    #[inline]
    fn may_begin(&self, text: &[u8], at: usize) -> bool {
        match text.get(at..at + 3) {
            Some(&[a, b, c]) => {
                let k = three_key(a, b, c);
                self.0[k / 64] & (1 << (k % 64)) != 0
            }
            _ => true,
        }
    }
}

/// The hash of three bytes, on 16 bits, the same for any ASCII case of
/// them: each byte's 0x20 bit, the one ASCII case changes, is set (which
/// makes a few other bytes alike too: the set says only "maybe").
#[inline]
fn three_key(a: u8, b: u8, c: u8) -> usize {
    let bytes = u32::from_le_bytes([a, b, c, 0]) | 0x0020_2020;
    (bytes.wrapping_mul(0x9E37_79B1) >> 16) as usize
}

/// A family or hardware name found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Byte span.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Index into [`Catalogue::spellings`].
    pub spelling: usize,
}

const CATALOGUE: &str = include_str!("../data/catalogue.tsv");
const VARIANTS: &str = include_str!("../data/variants.txt");
const HARDWARE: &str = include_str!("../data/hardware.txt");

impl Catalogue {
    /// Parses the compiled-in data; fails with the line that is wrong.
    pub fn load() -> Result<Self, String> {
        let mut families = Vec::new();
        let mut spellings = Vec::new();
        for (n, line) in CATALOGUE.lines().enumerate().skip(1) {
            if line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let [name, vendor, kind, aliases, flags] = cols[..] else {
                return Err(format!("catalogue.tsv line {}: expected 5 tab-separated columns", n + 1));
            };
            let flag = |f: &str| flags.split(',').any(|x| x.trim() == f);
            let index = families.len();
            let first_spelling = spellings.len();
            for s in std::iter::once(name).chain(aliases.split('|')).filter(|s| !s.is_empty()) {
                spellings.push(Spelling { text: s.to_owned(), family: Some(index) });
            }
            families.push(Family {
                attrs_json: attrs_json(name, vendor, kind),
                name: name.to_owned(),
                vendor: vendor.to_owned(),
                kind: kind.to_owned(),
                needs_variant: flag("needs_variant"),
                ambiguous: flag("ambiguous"),
                case_sensitive: flag("case_sensitive"),
                spellings: first_spelling..spellings.len(),
            });
        }
        for line in HARDWARE.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            spellings.push(Spelling { text: line.to_owned(), family: None });
        }
        let mut variants: Vec<(u128, Vec<&'static str>)> = Vec::new();
        for variant in VARIANTS.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let Some(key) = variant_key(variant) else {
                return Err(format!("variants.txt: {variant:?} is longer than {MAX_VARIANT} bytes"));
            };
            match variants.iter_mut().find(|(k, _)| *k == key) {
                Some((_, group)) => group.push(variant),
                None => variants.push((key, vec![variant])),
            }
        }
        variants.sort_unstable_by_key(|&(key, _)| key);
        // One-letter spellings (`o`) are left to their own scan: as patterns they would match everywhere.
        let (pattern_spelling, patterns): (Vec<usize>, Vec<String>) =
            spellings.iter().enumerate().filter(|(_, s)| s.text.len() > 1).map(|(i, s)| (i, s.text.clone())).unzip();
        let starts = StartBytes::of(&patterns);
        let three_bytes = ThreeBytes::of(&patterns);
        let matcher = LongestMatcher::new(patterns, &[] as &[&str])?;
        Ok(Catalogue { families, spellings, variants, matcher, pattern_spelling, starts, three_bytes })
    }

    /// Whether a name may begin at token `t` of a document whose text is
    /// `bytes`, by its first bytes and case: most words may not, and need
    /// not be shown to the matcher. The reference [`crate::starts::StartTable`] is tested
    /// against.
    #[cfg(test)]
    pub(crate) fn may_start_word(&self, bytes: &[u8], t: &glaneur_schema::Token) -> bool {
        self.starts.may_start_word(bytes, t.start(), || t.begins_with_capital(bytes))
            && self.may_begin_at(bytes, t.start())
    }

    /// Whether a name may begin at `at` in `bytes` by its first three
    /// bytes: asked of the words whose first two bytes and case let one
    /// begin there ([`Catalogue::starts_after`]).
    #[inline]
    pub(crate) fn may_begin_at(&self, bytes: &[u8], at: usize) -> bool {
        self.three_bytes.may_begin(bytes, at)
    }

    /// What may start at a word whose first byte is `a`, by its second
    /// (0 at the end of the text): `Start::None` where
    /// [`Catalogue::may_start_word`] is always false, `Start::Capitalised`
    /// where it is true of a capitalised word or a number,
    /// `Start::Any` where it is always true.
    pub(crate) fn starts_after(&self, a: u8) -> [Start; 256] {
        self.starts.row(a)
    }

    /// Every spelling found in `doc` at a word start, with its case
    /// allowed (the end is checked by the version grammar, which may glue a
    /// version: `Qwen2.5`, `o1`). `word_starts` are the word starts of
    /// `doc` whose first bytes and case may begin a spelling (what the
    /// plugin's start table keeps), with whether each begins with a
    /// capital or an ASCII digit.
    pub fn hits(&self, doc: &Document<'_>, word_starts: &[(usize, bool)]) -> Vec<Hit> {
        let mut hits = Vec::new();
        self.hits_into(doc, word_starts, &mut Vec::new(), &mut hits);
        hits
    }

    /// [`Catalogue::hits`] into `hits` (emptied first), the matches read
    /// into `matches` (left empty): buffers a thread keeps from one
    /// document to the next, rather than allocate two per document.
    pub fn hits_into(
        &self,
        doc: &Document<'_>,
        word_starts: &[(usize, bool)],
        matches: &mut Vec<(usize, usize, usize)>,
        hits: &mut Vec<Hit>,
    ) {
        let text = doc.text();
        // Matches of UTF-8 patterns, equal but for case: always on char
        // boundaries.
        let keep = |start: usize, end: usize, pattern: usize| {
            // `Jean-Claude`, `ChatGPT` for `GPT`: glued to a word before.
            if text[..start].chars().next_back().is_some_and(|c| glaneur_text::is_letter_or_digit(c) || c == '-') {
                return false;
            }
            let spelling = &self.spellings[self.pattern_spelling[pattern]];
            let found = &text[start..end];
            match spelling.family {
                Some(f) if self.families[f].case_sensitive => {
                    self.spellings[self.families[f].spellings.clone()].iter().any(|s| s.text == found)
                }
                // Hardware and other families: any case, but a lower-case
                // common word is no name (`whisper`, `claude`).
                _ => found.chars().next().is_some_and(|c| !c.is_lowercase()) || found == spelling.text,
            }
        };
        matches.clear();
        self.matcher.push_matches_at_words(text, word_starts.iter().copied(), keep, matches);
        hits.clear();
        hits.extend(matches.drain(..).map(|(start, end, pattern)| Hit {
            start,
            end,
            spelling: self.pattern_spelling[pattern],
        }));
    }

    /// The variant word `word` is, in its listed spellings (`mini`, `Mini`).
    pub fn variant(&self, word: &str) -> &[&'static str] {
        let Some(key) = variant_key(word) else { return &[] };
        match self.variants.binary_search_by_key(&key, |&(k, _)| k) {
            Ok(found) => &self.variants[found].1,
            Err(_) => &[],
        }
    }
}

/// The longest variant word, in bytes.
const MAX_VARIANT: usize = 15;

/// A word of at most [`MAX_VARIANT`] bytes as one number, the same for
/// every ASCII case of it and for no other word: its bytes ASCII-lowercased,
/// little-endian, and its length in the last byte. `None` for a longer
/// word, which is no variant.
#[inline]
fn variant_key(word: &str) -> Option<u128> {
    if word.len() > MAX_VARIANT {
        return None;
    }
    let mut bytes = [0; 16];
    for (to, b) in bytes.iter_mut().zip(word.bytes()) {
        *to = b.to_ascii_lowercase();
    }
    bytes[15] = word.len() as u8;
    Some(u128::from_le_bytes(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_loads() {
        let c = Catalogue::load().expect("valid data");
        assert!(c.families.len() >= 80);
        assert!(c.families.iter().any(|f| f.name == "MAI" && f.case_sensitive));
        assert_eq!(c.variant("MINI"), ["mini", "Mini"]);
    }

    /// The variant lookup before the groups: every same-length word
    /// scanned, the spellings kept in list order.
    fn variant_by_scan(word: &str) -> Vec<&'static str> {
        VARIANTS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter(|v| v.len() == word.len() && v.eq_ignore_ascii_case(word))
            .collect()
    }

    #[test]
    fn the_variant_lookup_finds_what_the_scan_found() {
        let c = Catalogue::load().expect("valid data");
        let listed = VARIANTS.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'));
        let mut words: Vec<String> = Vec::new();
        for v in listed {
            words.extend([
                v.to_owned(),
                v.to_ascii_uppercase(),
                v.to_ascii_lowercase(),
                format!("{v}s"),
                v[1..].to_owned(),
            ]);
        }
        for text in crate::tests::corpus_texts() {
            words.extend(text.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '+')).map(str::to_owned));
        }
        words.extend(
            ["", "é", "MİNİ", "Pro+", "x", "mini\0", "Mini\0\0", "\0", "instructinstructs", "INSTRUCTIONS15B"]
                .map(str::to_owned),
        );
        for word in &words {
            assert_eq!(c.variant(word), variant_by_scan(word), "{word}");
        }
    }

    #[test]
    fn the_start_bytes_leave_out_no_match() {
        let c = Catalogue::load().expect("valid data");
        let corpus = crate::tests::corpus_texts();
        let tricky = "gpt-4, Gpt-4o, gPT, GPT, « Claude », l’o1, ÉCRAN, 5090, T5 et t5, A100, L40S, Épyc, \
                      hopper, Hopper, H, H1, ChatGPT, Chat-GPT, x, Q, Amazon Q, ?, Le Chat, LE CHAT, Les, Nous, \
                      Nova, NOVA, Pi, PI, Pi3, Yi-34B, M3 et M4, Ph, Phi-3, GÉ, Gé, L’IA, Mistral, MISTRAL, Le";
        let ends = ["Pi", "T5", "Ph", "G", "Le", "Yi", "M3", "GP", "GPT"].map(str::to_owned);
        for text in corpus.chain([tricky.to_owned()]).chain(ends) {
            let buf = glaneur_schema::DocumentBuf::new(&text).expect("small");
            let doc = buf.document();
            // Every match, and those left when some are refused.
            for keep in [|_, _, _| true, |s: usize, _, _| s % 2 == 0] {
                let all = c.matcher.matches_at_words(&text, doc.word_starts(), keep);
                let filtered = doc.word_starts_where(|t| c.may_start_word(text.as_bytes(), t));
                assert_eq!(c.matcher.matches_at_words(&text, filtered, keep), all, "{text}");
            }
        }
    }

    #[test]
    fn a_row_of_starts_is_what_each_pair_makes() {
        let c = Catalogue::load().expect("valid data");
        for a in 0..=u8::MAX {
            let row = c.starts_after(a);
            for b in 0..=u8::MAX {
                assert!(row[usize::from(b)] == c.starts.of_pair(a, b), "{a} {b}");
                // And the pair's class is what `may_start_word` makes of it.
                let text = [a, b];
                for capital in [false, true] {
                    let expected = match c.starts.of_pair(a, b) {
                        Start::None => false,
                        Start::Capitalised => capital,
                        Start::Any => true,
                    };
                    assert_eq!(c.starts.may_start_word(&text, 0, || capital), expected, "{a} {b} {capital}");
                }
            }
        }
    }

    #[test]
    fn hits_respect_case_and_word_starts() {
        let c = Catalogue::load().expect("valid data");
        let hits = |t: &str| {
            let buf = glaneur_schema::DocumentBuf::new(t).expect("small");
            let doc = buf.document();
            c.hits(&doc, &doc.word_starts().collect::<Vec<_>>())
        };
        let names = |t: &str| hits(t).iter().map(|h| t[h.start..h.end].to_owned()).collect::<Vec<_>>();
        assert!(names("le 1er mai").is_empty());
        assert!(names("Jean-Claude Juncker").is_empty());
        assert!(names("ChatGPT").contains(&"ChatGPT".to_owned()));
        assert!(!names("ChatGPT").contains(&"GPT".to_owned()));
    }
}
