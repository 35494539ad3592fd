//! glaneur-text: the sentence and the paragraph around a span.
#![deny(missing_docs)]

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};

/// Bytes ending a sentence for [`sentence`].
fn ends_sentence(b: u8) -> bool {
    matches!(b, b'.' | b'!' | b'?' | b'\n')
}

/// The sentence around `start..end`: from after the previous `.`, `!`, `?`
/// or line break to the next one, at most `reach` bytes each way (so a text
/// with no punctuation costs nothing).
pub fn sentence(text: &str, start: usize, end: usize, reach: usize) -> &str {
    let bytes = text.as_bytes();
    let mut s = start.min(text.len());
    while s > 0 && !ends_sentence(bytes[s - 1]) && start - s < reach {
        s -= 1;
    }
    let mut e = end.min(text.len());
    while e < bytes.len() && !ends_sentence(bytes[e]) && e - end < reach {
        e += 1;
    }
    while !text.is_char_boundary(s) {
        s += 1;
    }
    while !text.is_char_boundary(e) {
        e -= 1;
    }
    &text[s..e.max(s)]
}

/// The offset at most `n` bytes before `at`, on a character boundary
/// (rounded towards `at`, never before the start).
pub fn reach_back(text: &str, at: usize, n: usize) -> usize {
    let mut from = at.saturating_sub(n);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    from
}

/// The offset at most `n` bytes after `at`, on a character boundary
/// (rounded towards `at`, never past the end).
pub fn reach_ahead(text: &str, at: usize, n: usize) -> usize {
    let mut to = at.saturating_add(n).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    to
}

/// Whether `c` is a letter ([`char::is_alphabetic`]), answered without a
/// Unicode table lookup for ASCII, the Latin letters of French and the
/// common punctuation: the rules ask this of nearly every character.
#[inline]
pub fn is_letter(c: char) -> bool {
    match c {
        '\0'..='\u{7f}' => c.is_ascii_alphabetic(),
        '\u{a0}'..='\u{bf}' => matches!(c, 'ª' | 'µ' | 'º'),
        '\u{c0}'..='\u{24f}' => c != '×' && c != '÷',
        '\u{2000}'..='\u{206f}' => false,
        _ => c.is_alphabetic(),
    }
}

/// Whether `c` is a letter or a digit ([`char::is_alphanumeric`]), as
/// fast as [`is_letter`].
#[inline]
pub fn is_letter_or_digit(c: char) -> bool {
    match c {
        '\0'..='\u{7f}' => c.is_ascii_alphanumeric(),
        '\u{a0}'..='\u{bf}' => matches!(c, 'ª' | 'µ' | 'º' | '²' | '³' | '¹' | '¼' | '½' | '¾'),
        '\u{c0}'..='\u{24f}' => c != '×' && c != '÷',
        '\u{2000}'..='\u{206f}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// Whether a letter or digit is glued right before `at` (`H100`, the `un`
/// of `aucun`): then what starts at `at` is not a word of its own.
pub fn glued_before(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_some_and(is_letter_or_digit)
}

/// Whether a letter or digit is glued right after `at` (`Claudette` after
/// `Claude`).
pub fn glued_after(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(is_letter_or_digit)
}

/// Whether `text[start..end]` stands as whole words: no letter or digit
/// glued before or after it.
pub fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    !glued_before(text, start) && !glued_after(text, end)
}

/// The byte offset of `part` (a slice of `text`) in `text`.
pub fn offset_in(text: &str, part: &str) -> usize {
    part.as_ptr() as usize - text.as_ptr() as usize
}

/// Whether `word` (any case) is a French or English function word: a word
/// that may start a sentence, capitalised, but never a name (`Le`, `Selon`,
/// `The`).
pub fn is_function_word(word: &str) -> bool {
    const WORDS: &[&str] = &[
        "le", "la", "les", "l'", "un", "une", "des", "du", "de", "d'", "en", "et", "ou", "il", "elle", "ils", "elles",
        "on", "ce", "cet", "cette", "ces", "son", "sa", "ses", "leur", "leurs", "selon", "pour", "chez", "avec",
        "dans", "par", "sur", "sous", "mais", "donc", "car", "si", "quand", "après", "avant", "depuis", "the", "a",
        "an", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from", "this", "that",
    ];
    WORDS.contains(&&*folded(word))
}

/// `word` lowercased with `’` and `ʼ` folded to `'`, the form the word lists
/// are written in; borrowed when already so (most words), since the rules
/// ask this of every word they look at.
pub fn folded(word: &str) -> Cow<'_, str> {
    const APOSTROPHES: [char; 2] = ['’', 'ʼ'];
    // One pass for most words: lower-case ASCII up to the end.
    let Some(first) = word.bytes().position(|b| b.is_ascii_uppercase() || !b.is_ascii()) else {
        return Cow::Borrowed(word);
    };
    if word.as_bytes()[first..].is_ascii() {
        Cow::Owned(word.to_ascii_lowercase())
    } else if !word[first..].chars().any(|c| match c {
        'à'..='ÿ' => false, // French lower-case letters (and `÷`), without a table lookup
        _ => c.is_uppercase() || APOSTROPHES.contains(&c),
    }) {
        Cow::Borrowed(word)
    } else if word.contains('Σ') {
        // `str::to_lowercase` knows the final sigma (`ς`); one char at a time does not.
        Cow::Owned(word.to_lowercase().replace(APOSTROPHES, "'"))
    } else {
        // One pass, one allocation (`d’`, `L’État`: apostrophes are common).
        let mut lower = String::with_capacity(word.len());
        for c in word.chars() {
            match c {
                '’' | 'ʼ' => lower.push('\''),
                c if c.is_ascii() => lower.push(c.to_ascii_lowercase()),
                c => lower.extend(c.to_lowercase()),
            }
        }
        Cow::Owned(lower)
    }
}

/// The spellings an ASCII-case-insensitive search needs beside `form` to
/// find it in capitals (`DASSAULT SYSTÈMES`) and with a capital first
/// letter (`Économiste` for `économiste`), where those differ from `form`
/// beyond ASCII case; none for an ASCII form.
pub fn case_variants(form: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if form.is_ascii() {
        return out;
    }
    let mut chars = form.chars();
    if let Some(first) = chars.next().filter(|c| !c.is_ascii() && c.is_lowercase()) {
        out.push(first.to_uppercase().chain(chars).collect());
    }
    let upper = form.to_uppercase();
    if !upper.eq_ignore_ascii_case(form) && !out.iter().any(|v| v.eq_ignore_ascii_case(&upper)) {
        out.push(upper);
    }
    out
}

/// The paragraphs of a text, found once: where each starts (after a blank
/// line). Asking a text for the paragraph around a point by scanning back
/// each time is quadratic on a long paragraph; this is a binary search.
#[derive(Debug, Clone)]
pub struct Paragraphs {
    starts: Vec<usize>,
}

impl Paragraphs {
    /// Finds the paragraph starts of `text`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while let Some(nl) = memchr::memchr(b'\n', &bytes[i..]) {
            let first = i + nl;
            let mut j = first + 1;
            while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r') {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'\n' {
                // A blank line: the paragraph starts after the last newline of the run.
                let mut k = j + 1;
                let mut last_newline_end = k;
                while k < bytes.len() && bytes[k].is_ascii_whitespace() {
                    if bytes[k] == b'\n' {
                        last_newline_end = k + 1;
                    }
                    k += 1;
                }
                starts.push(last_newline_end);
                i = k;
            } else {
                i = first + 1;
            }
        }
        Paragraphs { starts }
    }

    /// Start of the paragraph holding `at`.
    pub fn start_of(&self, at: usize) -> usize {
        let i = self.starts.partition_point(|&s| s <= at);
        self.starts[i.saturating_sub(1)]
    }

    /// Whether a blank line separates `from` and `to`.
    pub fn crosses(&self, from: usize, to: usize) -> bool {
        from < to && self.start_of(to) > from
    }
}

/// Spans kept sorted by start: asking whether a new span overlaps any, and
/// adding one, are logarithmic, not a scan (a 50 MB document has hundreds
/// of thousands of spans).
#[derive(Debug, Clone, Default)]
pub struct SpanSet {
    spans: BTreeMap<usize, usize>,
}

impl SpanSet {
    /// An empty set.
    pub fn new() -> Self {
        SpanSet::default()
    }

    /// A set of the given spans (they may overlap each other; of two with the
    /// same start, the longer is kept).
    pub fn from_spans(spans: impl IntoIterator<Item = (usize, usize)>) -> Self {
        let mut set = SpanSet::new();
        for (s, e) in spans {
            set.insert(s, e);
        }
        set
    }

    /// Whether `start..end` overlaps a span of the set.
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        self.spans.range(start.saturating_sub(MAX_SPAN)..end).any(|(&s, &e)| s < end && start < e)
    }

    /// Adds a span.
    pub fn insert(&mut self, start: usize, end: usize) {
        let e = self.spans.entry(start).or_insert(end);
        *e = (*e).max(end);
    }
}

/// Every occurrence of the names one document turned up (`Kestrel
/// Capital`, then every later `Kestrel Capital`), leftmost-longest and not
/// overlapping, as (start, end, index into `names`), in order.
///
/// Built per document: for a few names one SIMD substring search each
/// (an automaton cost ~100 000 instructions to build, more than the search
/// it served); for many, one noncontiguous NFA, so a long document with
/// hundreds of names stays linear.
pub fn find_names<P: AsRef<str>>(text: &str, names: &[P]) -> Vec<(usize, usize, usize)> {
    const FEW: usize = 16;
    let names: Vec<&str> = names.iter().map(AsRef::as_ref).collect();
    if names.len() > FEW {
        let Ok(automaton) = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::NoncontiguousNFA))
            .build(&names)
        else {
            return Vec::new();
        };
        return automaton.find_iter(text).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect();
    }
    let mut all: Vec<(usize, usize, usize)> = Vec::new();
    for (i, name) in names.iter().enumerate().filter(|(_, n)| !n.is_empty()) {
        all.extend(memchr::memmem::find_iter(text.as_bytes(), name.as_bytes()).map(|s| (s, s + name.len(), i)));
    }
    keep_leftmost_longest(&mut all, |&(s, e, _)| (s, e));
    all
}

/// Keeps of `found` (every match, overlapping) what a leftmost-longest
/// search reports: the longest at the leftmost start, then the same past
/// its end. `span` gives a match's (start, end); of equal spans, the first
/// in `found` is kept.
pub fn keep_leftmost_longest<T>(found: &mut Vec<T>, span: impl Fn(&T) -> (usize, usize)) {
    found.sort_by_key(|m| {
        let (s, e) = span(m);
        (s, std::cmp::Reverse(e))
    });
    let mut end = 0;
    found.retain(|m| {
        let (s, e) = span(m);
        let keep = s >= end;
        if keep {
            end = e;
        }
        keep
    });
}

/// The longest span [`SpanSet::overlaps`] looks back for: longer spans are
/// still found when they start within this distance.
const MAX_SPAN: usize = 4096;

/// A case-insensitive matcher of many names (a gazetteer) that returns, at
/// each place a name may start, the longest match a check accepts — or,
/// where the longest is refused (wrong case, no word boundary), the shorter
/// ones inside it, so that a refused long form does not hide a valid short
/// one.
///
/// A name starts a word, with a capital or a digit, or with the lower-case
/// beginning of a name written so (`xAI`, `gpt`) or of a lower-case way the
/// caller allows (`le Monde`). The automaton runs anchored at just those
/// places, far fewer than bytes: scanning every byte capped a gazetteer
/// near 70 MB/s. The overlapping search that finds the shorter matches runs
/// only over refused spans, and its automaton is built on first need (most
/// documents never need it).
pub struct LongestMatcher {
    automaton: AhoCorasick,
    overlapping: OnceLock<AhoCorasick>,
    /// The caller's patterns, then their [`case_variants`].
    patterns: Vec<String>,
    /// For each of `patterns`, the index of the caller's pattern it spells.
    origin: Vec<usize>,
    lower_starts: TwoBytes,
    /// The bytes a name may begin with: capitals, digits, lead bytes of
    /// other characters, and the first bytes of `lower_starts`.
    first_bytes: [bool; 256],
}

impl LongestMatcher {
    /// Compiles `patterns`, matched ASCII-case-insensitively and, for
    /// other letters, in capitals or with a capital first letter (the
    /// [`case_variants`]); matches report the index in `patterns`.
    /// `lower_forms` are lower-case ways a pattern may also begin in text,
    /// beside the patterns that are written in lower case (only their first
    /// two bytes count).
    pub fn new<S: AsRef<str>>(mut patterns: Vec<String>, lower_forms: &[S]) -> Result<Self, String> {
        let mut origin: Vec<usize> = (0..patterns.len()).collect();
        for i in 0..patterns.len() {
            for variant in case_variants(&patterns[i]) {
                patterns.push(variant);
                origin.push(i);
            }
        }
        // A contiguous NFA: a DFA over ~1 500 case-insensitive forms took
        // 50 ms to build, a start-up cost every run paid.
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .start_kind(StartKind::Anchored)
            // Anchored searches use no prefilter; dense transitions two
            // bytes deep (not three) build faster and search as fast.
            .prefilter(false)
            .dense_depth(2)
            .build(&patterns)
            .map_err(|e| format!("cannot build the automaton: {e}"))?;
        let mut lower_starts = TwoBytes::default();
        let mut first_bytes: [bool; 256] = std::array::from_fn(|b| {
            let b = b as u8;
            b.is_ascii_uppercase() || b.is_ascii_digit() || b >= 0xC0
        });
        let written_lower =
            patterns.iter().filter(|p| !p.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()));
        for form in written_lower.map(String::as_str).chain(lower_forms.iter().map(AsRef::as_ref)) {
            lower_starts.insert(form.as_bytes());
            if let Some(&b) = form.as_bytes().first() {
                first_bytes[usize::from(b)] = true;
            }
        }
        Ok(LongestMatcher { automaton, overlapping: OnceLock::new(), patterns, origin, lower_starts, first_bytes })
    }

    /// The matches `keep(start, end, pattern)` accepts, as (start, end,
    /// pattern), in order.
    pub fn matches(&self, text: &str, keep: impl FnMut(usize, usize, usize) -> bool) -> Vec<(usize, usize, usize)> {
        self.matches_at(text, self.starts(text), keep)
    }

    /// Where a name may start: a word starting with a capital or a digit
    /// (every case a name may take starts so), or with a lower-case
    /// beginning the matcher knows.
    fn starts<'t>(&'t self, text: &'t str) -> impl Iterator<Item = usize> + 't {
        let bytes = text.as_bytes();
        (0..bytes.len()).filter(move |&i| {
            let b = bytes[i];
            if !self.first_bytes[usize::from(b)] {
                return false; // most bytes: lower-case letters no name begins with, spaces
            }
            if i > 0 && bytes[i - 1].is_ascii_alphanumeric() {
                return false; // inside a word (what `glued_before` says, without decoding)
            }
            let capital = if b.is_ascii() {
                b.is_ascii_uppercase() || b.is_ascii_digit()
            } else {
                // A lead byte (continuation bytes are not in the table).
                text[i..].chars().next().is_some_and(char::is_uppercase)
            };
            (capital || self.lower_starts.contains(&bytes[i..])) && !glued_before(text, i)
        })
    }

    /// Like [`LongestMatcher::matches`], but trying only the places in
    /// `starts` (ascending).
    fn matches_at(
        &self,
        text: &str,
        starts: impl IntoIterator<Item = usize>,
        mut keep: impl FnMut(usize, usize, usize) -> bool,
    ) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let mut resume = 0;
        for start in starts {
            if start < resume || start >= text.len() {
                continue;
            }
            let input = Input::new(text).range(start..).anchored(Anchored::Yes);
            if let Some(m) = self.automaton.find(input) {
                resume = m.end();
                self.accept(text, (m.start(), m.end(), self.origin[m.pattern().as_usize()]), &mut keep, &mut out);
            }
        }
        out
    }

    /// Keeps the longest match `found` if `keep` accepts it, else the
    /// shorter matches inside it that `keep` accepts.
    fn accept(
        &self,
        text: &str,
        (start, end, pattern): (usize, usize, usize),
        keep: &mut impl FnMut(usize, usize, usize) -> bool,
        out: &mut Vec<(usize, usize, usize)>,
    ) {
        if keep(start, end, pattern) {
            out.push((start, end, pattern));
            return;
        }
        for o in self.overlapping().find_overlapping_iter(&text[start..end]) {
            let (s, e, p) = (start + o.start(), start + o.end(), self.origin[o.pattern().as_usize()]);
            if (s, e) != (start, end) && keep(s, e, p) {
                out.push((s, e, p));
            }
        }
    }

    fn overlapping(&self) -> &AhoCorasick {
        self.overlapping.get_or_init(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .build(&self.patterns)
                .expect("these patterns already built the leftmost-longest automaton")
        })
    }
}

/// A set of two-byte beginnings, one bit each.
struct TwoBytes(Vec<u64>);

impl Default for TwoBytes {
    fn default() -> Self {
        TwoBytes(vec![0; 65536 / 64])
    }
}

impl TwoBytes {
    /// Adds the first two bytes of `form` (nothing if it is shorter).
    fn insert(&mut self, form: &[u8]) {
        if let [a, b, ..] = form {
            let k = usize::from(*a) << 8 | usize::from(*b);
            self.0[k / 64] |= 1 << (k % 64);
        }
    }

    /// Whether `text` begins with two bytes of the set.
    fn contains(&self, text: &[u8]) -> bool {
        match text {
            [a, b, ..] => {
                let k = usize::from(*a) << 8 | usize::from(*b);
                self.0[k / 64] & (1 << (k % 64)) != 0
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference [`Paragraphs`] is checked against: a scan back to the
    /// last blank line (quadratic if called per mention, hence test-only).
    fn paragraph_start(text: &str, at: usize) -> usize {
        let bytes = text.as_bytes();
        let mut i = at.min(text.len());
        let mut newlines = 0;
        let mut after_last = 0;
        while i > 0 {
            let b = bytes[i - 1];
            if b == b'\n' {
                if newlines == 0 {
                    after_last = i;
                }
                newlines += 1;
                if newlines == 2 {
                    return after_last;
                }
            } else if !b.is_ascii_whitespace() {
                newlines = 0;
            }
            i -= 1;
        }
        0
    }

    #[test]
    fn names_are_found_leftmost_longest() {
        let t = "Kestrel Capital puis Kestrel, enfin Kestrel Capital.";
        let names = ["Kestrel", "Kestrel Capital"];
        let spans = |found: Vec<(usize, usize, usize)>| -> Vec<(&str, usize)> {
            found.into_iter().map(|(s, e, i)| (&t[s..e], i)).collect()
        };
        let expected = [("Kestrel Capital", 1), ("Kestrel", 0), ("Kestrel Capital", 1)];
        assert_eq!(spans(find_names(t, &names)), expected);
        // Past the threshold the automaton answers, the same way.
        let mut many: Vec<String> = (0..20).map(|k| format!("Nom{k}")).collect();
        many.extend(names.map(String::from));
        let found: Vec<(&str, usize)> = find_names(t, &many).into_iter().map(|(s, e, i)| (&t[s..e], i - 20)).collect();
        assert_eq!(found, expected);
        assert!(find_names(t, &[] as &[&str]).is_empty());
    }

    #[test]
    fn sentences() {
        let t = "Un. Deux trois ! Quatre";
        let at = t.find("trois").expect("trois");
        assert_eq!(sentence(t, at, at + 5, 100), " Deux trois ");
        assert_eq!(sentence(t, t.len(), t.len(), 100), " Quatre");
        assert_eq!(offset_in(t, sentence(t, at, at, 100)), 3);
        assert_eq!(sentence(t, at, at + 5, 2), "x trois ", "reach bounds the search");
    }

    #[test]
    fn a_refused_longest_match_leaves_the_shorter_ones() {
        let matcher = LongestMatcher::new(vec!["Mistral AI".into(), "Mistral".into(), "AI".into()], &[] as &[&str])
            .expect("valid");
        let text = "Mistral AI, Mistral AI";
        // Refuse what starts the text: the first long match is refused, its other part kept.
        let found = matcher.matches(text, |s, _, _| s > 0);
        assert_eq!(found.iter().map(|&(s, e, _)| &text[s..e]).collect::<Vec<_>>(), ["AI", "Mistral AI"]);
        let found = matcher.matches("Mistral ai", |s, e, _| !"Mistral ai"[s..e].contains(" ai"));
        assert_eq!(found.iter().map(|&(s, e, _)| &"Mistral ai"[s..e]).collect::<Vec<_>>(), ["Mistral", "ai"]);
    }

    #[test]
    fn names_start_words_with_a_capital_or_a_known_lower_case_beginning() {
        let patterns = vec!["Mistral AI".into(), "Mistral".into(), "AI".into(), "OpenAI".into(), "xAI".into()];
        let matcher = LongestMatcher::new(patterns, &["le monde"]).expect("valid");
        let texts = |text: &'static str| {
            let found = matcher.matches(text, |_, _, _| true);
            found.iter().map(|&(s, e, _)| &text[s..e]).collect::<Vec<_>>()
        };
        // `AI` inside `Mistral AI` is part of it; `xAI` is written so.
        assert_eq!(texts("chez Mistral AI, OpenAI et xAI"), ["Mistral AI", "OpenAI", "xAI"]);
        // Never inside a word, nor at a lower-case word no name begins with.
        assert_eq!(texts("ZopenAI, mistral, openai, ÉOpenAI"), Vec::<&str>::new());
        // A lower-case beginning the caller allows; digits start words too.
        let matcher = LongestMatcher::new(vec!["Le Monde".into(), "3M".into()], &["le monde"]).expect("valid");
        let text = "dans le Monde, selon 3M";
        let found = matcher.matches(text, |_, _, _| true);
        assert_eq!(found.iter().map(|&(s, e, _)| &text[s..e]).collect::<Vec<_>>(), ["le Monde", "3M"]);
    }

    #[test]
    fn anchored_matches_start_only_where_told() {
        let matcher = LongestMatcher::new(
            vec!["Mistral AI".into(), "Mistral".into(), "AI".into(), "OpenAI".into()],
            &[] as &[&str],
        )
        .expect("valid");
        let text = "chez Mistral AI et OpenAI";
        let texts = |found: Vec<(usize, usize, usize)>| found.iter().map(|&(s, e, _)| &text[s..e]).collect::<Vec<_>>();
        // `AI` at 13 lies inside the match found at 5; `ez` at 2 matches nothing.
        assert_eq!(texts(matcher.matches_at(text, [2, 5, 13, 19], |_, _, _| true)), ["Mistral AI", "OpenAI"]);
        // Not told to start at 19: OpenAI is not found.
        assert_eq!(texts(matcher.matches_at(text, [5], |_, _, _| true)), ["Mistral AI"]);
        // A refused longest match leaves its parts.
        let found = matcher.matches_at(text, [5], |s, e, _| e - s != 10);
        assert_eq!(texts(found), ["Mistral", "AI"]);
    }

    #[test]
    fn paragraphs_found_once() {
        let doc = "Un (deux) trois.\n\nQuatre\n \ncinq\nsix";
        let p = Paragraphs::new(doc);
        for at in 0..doc.len() {
            assert_eq!(p.start_of(at), paragraph_start(doc, at), "at {at}");
        }
        assert!(p.crosses(2, 20));
        assert!(!p.crosses(2, 10));
    }

    #[test]
    fn span_sets() {
        let mut set = SpanSet::from_spans(vec![(10, 20), (30, 40)]);
        assert!(set.overlaps(15, 16) && set.overlaps(5, 11) && set.overlaps(39, 50));
        assert!(!set.overlaps(20, 30) && !set.overlaps(0, 10) && !set.overlaps(40, 45));
        set.insert(22, 25);
        assert!(set.overlaps(24, 26) && !set.overlaps(25, 30));
    }

    #[test]
    fn reach_stays_on_char_boundaries() {
        let t = "aé€b";
        assert_eq!(reach_back(t, 6, 4), 3, "into `é`, rounded forward to `€`");
        assert_eq!(reach_back(t, 6, 2), 6, "into `€`, rounded forward to `at`");
        assert_eq!(reach_ahead(t, 0, 2), 1, "into `é`, rounded back");
        assert_eq!((reach_back(t, 2, 10), reach_ahead(t, 2, 10)), (0, t.len()));
    }

    #[test]
    fn non_ascii_letters_match_in_capitals_and_with_a_capital_first() {
        let patterns = vec!["Dassault Systèmes".into(), "économiste".into(), "Mistral".into()];
        let matcher = LongestMatcher::new(patterns, &[] as &[&str]).expect("valid");
        let text = "DASSAULT SYSTÈMES et Dassault Systèmes ; Économiste, ÉCONOMISTE, MISTRAL.";
        let found: Vec<(&str, usize)> =
            matcher.matches(text, |_, _, _| true).iter().map(|&(s, e, p)| (&text[s..e], p)).collect();
        let expected =
            [("DASSAULT SYSTÈMES", 0), ("Dassault Systèmes", 0), ("Économiste", 1), ("ÉCONOMISTE", 1), ("MISTRAL", 2)];
        assert_eq!(found, expected);
    }

    #[test]
    fn case_variants_only_where_ascii_folding_falls_short() {
        assert!(case_variants("Mistral AI").is_empty());
        assert_eq!(case_variants("Électricité de France"), ["ÉLECTRICITÉ DE FRANCE"]);
        // `ÉCONOMISTE` differs from `Économiste` in ASCII case only.
        assert_eq!(case_variants("économiste"), ["Économiste"]);
        assert_eq!(case_variants("économie numérique"), ["Économie numérique", "ÉCONOMIE NUMÉRIQUE"]);
        assert_eq!(case_variants("ÉTAT"), Vec::<String>::new());
    }

    #[test]
    fn folding_lowers_and_straightens_apostrophes() {
        assert_eq!(folded("L’État"), "l'état");
        assert_eq!(folded("NVIDIA"), "nvidia");
        assert_eq!(folded("Aujourdʼhui"), "aujourd'hui");
        assert!(matches!(folded("été"), Cow::Borrowed("été")));
        assert!(matches!(folded("d'abord"), Cow::Borrowed(_)));
        // As `str::to_lowercase` does, final sigma included.
        for word in ["D’ÉTÉ", "ÉTÉ", "İstanbul", "ΟΔΟΣ", "Σίσυφος", "ẞ"] {
            assert_eq!(folded(word), word.to_lowercase().replace(['’', 'ʼ'], "'"), "{word}");
        }
    }

    #[test]
    fn letters_as_the_standard_library_says() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn function_words() {
        assert!(is_function_word("Selon"));
        assert!(is_function_word("The"));
        assert!(!is_function_word("Goldman"));
    }

    #[test]
    fn paragraphs() {
        // The shipped finder, not the reference it is checked against above.
        let doc = "Un (deux) trois.\n\nQuatre\n \ncinq";
        let p = Paragraphs::new(doc);
        assert_eq!(p.start_of(20), 18);
        assert_eq!(p.start_of(doc.len()), doc.len() - 4);
    }
}
