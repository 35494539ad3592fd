//! glaneur-text: the sentence and the paragraph around a span.
#![deny(missing_docs)]

use std::borrow::Cow;
use std::collections::BTreeMap;

use aho_corasick::{AhoCorasickBuilder, AhoCorasickKind, MatchKind};

mod longest;
pub use longest::LongestMatcher;

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

/// Whether the character starting at byte `at` is upper case
/// ([`char::is_uppercase`]); the Latin-1 letters (`é`, `É`), most of the
/// other characters of French text, are read from their two bytes rather
/// than looked up. `at` must be a character boundary.
pub fn is_capital_at(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    match bytes.get(at) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        // U+00C0 to U+00FF: capitals up to U+00DE, but for `×`.
        Some(0xC3) => bytes.get(at + 1).is_some_and(|&n| (0x80..=0x9E).contains(&n) && n != 0x97),
        Some(_) => text[at..].chars().next().is_some_and(char::is_uppercase),
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
/// `The`). The list is glaneur-lexicon's `function-words.txt`; this folds
/// `word` for it.
pub fn is_function_word(word: &str) -> bool {
    glaneur_lexicon::is_function_word(&folded(word))
}

/// `word` lowercased with `’` and `ʼ` folded to `'`, the form the word lists
/// are written in; borrowed when already so (most words), since the rules
/// ask this of every word they look at.
pub fn folded(word: &str) -> Cow<'_, str> {
    let mut lower = String::new();
    if fold_into(word, &mut lower) {
        Cow::Owned(lower)
    } else {
        Cow::Borrowed(word)
    }
}

/// Appends [`folded`]`(word)` to `out` unless `word` is already folded (a
/// capital with no lower case, `ℂ`, is copied as it is), and says whether
/// it did: for a caller that folds every word of a text into one buffer
/// rather than one allocation per word.
pub fn fold_into(word: &str, out: &mut String) -> bool {
    const APOSTROPHES: [char; 2] = ['’', 'ʼ'];
    // One pass for most words: lower-case ASCII up to the end.
    let Some(first) = word.bytes().position(|b| b.is_ascii_uppercase() || !b.is_ascii()) else {
        return false;
    };
    if word.as_bytes()[first..].is_ascii() {
        let from = out.len();
        out.push_str(word);
        out[from..].make_ascii_lowercase();
    } else if !word[first..].chars().any(|c| match c {
        'à'..='ÿ' => false, // French lower-case letters (and `÷`), without a table lookup
        _ => c.is_uppercase() || APOSTROPHES.contains(&c),
    }) {
        return false;
    } else if word.contains('Σ') {
        // `str::to_lowercase` knows the final sigma (`ς`); one char at a time does not.
        out.push_str(&word.to_lowercase().replace(APOSTROPHES, "'"));
    } else {
        // One pass (`d’`, `L’État`: apostrophes are common).
        out.reserve(word.len());
        for c in word.chars() {
            match c {
                '’' | 'ʼ' => out.push('\''),
                c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
                c => out.extend(c.to_lowercase()),
            }
        }
    }
    true
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
        // Room for an article's few paragraphs without growing.
        let mut starts = Vec::with_capacity(8);
        starts.push(0);
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

/// Whether `items` are in order of start and none overlaps the next: what
/// [`keep_leftmost_longest`] leaves, and what a rule reading spans by
/// bisection needs.
pub fn sorted_and_disjoint<T>(items: &[T], span: impl Fn(&T) -> (usize, usize)) -> bool {
    items.windows(2).all(|pair| span(&pair[0]).1 <= span(&pair[1]).0)
}

/// The longest span [`SpanSet::overlaps`] looks back for: longer spans are
/// still found when they start within this distance.
const MAX_SPAN: usize = 4096;

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
    fn leftmost_longest_spans_are_sorted_and_disjoint() {
        let mut spans = vec![(5, 9), (0, 4), (5, 7), (2, 6), (8, 12), (12, 13)];
        assert!(!sorted_and_disjoint(&spans, |&s| s));
        keep_leftmost_longest(&mut spans, |&s| s);
        assert_eq!(spans, [(0, 4), (5, 9), (12, 13)]);
        assert!(sorted_and_disjoint(&spans, |&s| s));
        assert!(!sorted_and_disjoint(&[(5, 9), (0, 4)], |&s| s), "out of order");
    }

    #[test]
    fn folding_into_a_buffer_appends_only_what_differs() {
        let mut out = String::from("x");
        assert!(!fold_into("été", &mut out));
        assert!(fold_into("L’État", &mut out));
        assert!(fold_into("NVIDIA", &mut out));
        assert!(!fold_into("d'abord", &mut out));
        assert_eq!(out, "xl'étatnvidia");
    }

    #[test]
    fn letters_as_the_standard_library_says() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn capitals_as_the_standard_library_says() {
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_capital_at(c.encode_utf8(&mut buf), 0), c.is_uppercase(), "{c:?}");
        }
        assert!(!is_capital_at("a", 1));
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
