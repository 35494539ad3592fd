//! [`LongestMatcher`]: a gazetteer's names, found where a name may start,
//! the longest first.

use crate::{case_variants, glued_before, is_capital_at};

thread_local! {
    /// The matches inside a refused longest match
    /// ([`LongestMatcher::all_within_into`]), kept for the thread's next.
    static WITHIN: std::cell::RefCell<Vec<(usize, usize, usize)>> = std::cell::RefCell::default();
}

/// A case-insensitive matcher of many names (a gazetteer) that returns, at
/// each place a name may start, the longest match a check accepts — or,
/// where the longest is refused (wrong case, no word boundary), the shorter
/// ones inside it, so that a refused long form does not hide a valid short
/// one.
///
/// A name starts a word, with a capital or a digit, or with the lower-case
/// beginning of a name written so (`xAI`, `gpt`) or of a lower-case way the
/// caller allows (`le Monde`). Names are tried only at those places, far
/// fewer than bytes (scanning every byte capped a gazetteer near 70 MB/s),
/// and only those sharing the place's first four bytes (three for the
/// names of three bytes; two, or one, for the shorter): tables indexed by
/// them, which build in a fraction of what an
/// Aho-Corasick automaton took (its failure links, useless to anchored
/// searches, were a third of the tool's start-up).
pub struct LongestMatcher {
    /// The caller's patterns, then their [`case_variants`].
    patterns: Vec<String>,
    /// For each of `patterns`, the index of the caller's pattern it spells.
    origin: Vec<usize>,
    /// The patterns of one or two bytes by [`key`]: those of key `k` are
    /// `by_start[offsets[k]..offsets[k + 1]]`, in the order of `patterns`.
    offsets: Vec<u32>,
    by_start: Vec<u32>,
    /// The [`Head`]s of the patterns of three bytes or more by
    /// [`long_key`]: those of key `k` are
    /// `by_head[head_offsets[k]..head_offsets[k + 1]]`, longest first,
    /// then in the order of `patterns` (a key may hold patterns of other
    /// beginnings, which their heads tell apart: most candidates by one
    /// comparison).
    head_offsets: Vec<u32>,
    by_head: Vec<Head>,
    /// The [`two_bytes`] keys of the lower-case beginnings.
    lower_starts: Keys16,
    /// Which places some pattern may begin, by the text's [`head`]: see
    /// [`Beginnings`].
    beginnings: Beginnings,
    /// The bytes a name may begin with: capitals, digits, lead bytes of
    /// other characters, and the first bytes of `lower_starts`.
    first_bytes: [bool; 256],
}

/// The first eight bytes of a pattern, ASCII-lowercased, with its length
/// and index.
#[derive(Clone, Copy)]
struct Head {
    /// The bytes, little-endian, zero past the pattern's end.
    bytes: u64,
    /// Ones over the bytes the pattern has.
    mask: u64,
    /// The pattern's length in bytes.
    len: usize,
    /// The pattern's index in [`LongestMatcher::patterns`].
    pattern: u32,
}

impl Head {
    fn of(pattern: &[u8], index: u32) -> Head {
        let n = pattern.len().min(8);
        let mask = if n == 8 { u64::MAX } else { (1u64 << (8 * n)) - 1 };
        Head { bytes: head(pattern), mask, len: pattern.len(), pattern: index }
    }

    /// Whether `rest`, whose [`head`] is `text_head`, begins with this
    /// head's pattern (one of `patterns`) but for ASCII case.
    #[inline(always)]
    fn starts(&self, rest: &[u8], text_head: u64, patterns: &[String]) -> bool {
        self.len <= rest.len()
            && text_head & self.mask == self.bytes
            && (self.len <= 8
                || rest[8..self.len].eq_ignore_ascii_case(&patterns[self.pattern as usize].as_bytes()[8..]))
    }
}

/// The first eight bytes of `bytes`, ASCII-lowercased, little-endian,
/// zero-padded.
#[inline(always)]
fn head(bytes: &[u8]) -> u64 {
    let mut buf = [0u8; 8];
    match bytes.first_chunk::<8>() {
        Some(first) => buf = *first,
        None => buf[..bytes.len()].copy_from_slice(bytes),
    }
    ascii_lowercase(u64::from_le_bytes(buf))
}

/// The eight bytes of `x` ASCII-lowercased at once: what
/// `make_ascii_lowercase` does byte by byte, in a few operations (this runs
/// at every place a name may start).
#[inline(always)]
fn ascii_lowercase(x: u64) -> u64 {
    const LOW_SEVEN: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // For each byte below 0x80 (no carry past it): + 0x3F sets its high
    // bit from `A` (0x41) up, + 0x25 from past `Z` (0x5B) up.
    let low = x & LOW_SEVEN;
    let upper = (low + 0x3F3F_3F3F_3F3F_3F3F) & !(low + 0x2525_2525_2525_2525) & !x & HIGH;
    x | (upper >> 2)
}

/// The keys of two-byte patterns: their two bytes.
const TWO: usize = 0;
/// The keys of patterns of one byte, after those of [`TWO`].
const ONE: usize = 1 << 16;
/// How many keys there are.
const KEYS: usize = ONE + 256;

/// The key of two first bytes (`ONE + a` for a one-byte pattern `a`),
/// ASCII-lowercased.
fn key(first: &[u8]) -> Option<usize> {
    match *first {
        [a, b] => Some(TWO + (usize::from(a.to_ascii_lowercase()) << 8 | usize::from(b.to_ascii_lowercase()))),
        [a] => Some(ONE + usize::from(a.to_ascii_lowercase())),
        _ => None,
    }
}

impl LongestMatcher {
    /// Compiles `patterns`, matched ASCII-case-insensitively and, for
    /// other letters, in capitals or with a capital first letter (the
    /// [`case_variants`]); matches report the index in `patterns`.
    /// `lower_forms` are lower-case ways a pattern may also begin in text,
    /// beside the patterns that are written in lower case (only their first
    /// two bytes count). An empty pattern is an error.
    pub fn new<S: AsRef<str>>(mut patterns: Vec<String>, lower_forms: &[S]) -> Result<Self, String> {
        if let Some(i) = patterns.iter().position(String::is_empty) {
            return Err(format!("pattern {i} is empty"));
        }
        let mut origin: Vec<usize> = (0..patterns.len()).collect();
        for i in 0..patterns.len() {
            for variant in case_variants(&patterns[i]) {
                patterns.push(variant);
                origin.push(i);
            }
        }
        // Each pattern by its key, then (the longer ones) longest first,
        // then in order.
        let mut short: Vec<(usize, u32)> = Vec::new();
        let mut longer: Vec<(usize, std::cmp::Reverse<usize>, u32)> = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            let bytes = p.as_bytes();
            let i = u32::try_from(i).map_err(|_| "more than 2^32 patterns".to_owned())?;
            match long_key(head(bytes), bytes.len()) {
                Some(k) => longer.push((usize::from(k), std::cmp::Reverse(bytes.len()), i)),
                None => short.extend(key(bytes).map(|k| (k, i))),
            }
        }
        short.sort_unstable();
        longer.sort_unstable();
        let (offsets, by_start) = bucketed(KEYS, short.into_iter());
        let (head_offsets, by_head) =
            bucketed(1 << 16, longer.into_iter().map(|(k, _, i)| (k, Head::of(patterns[i as usize].as_bytes(), i))));

        let mut lower_starts = Keys16::default();
        let mut first_bytes: [bool; 256] = std::array::from_fn(|b| {
            let b = b as u8;
            b.is_ascii_uppercase() || b.is_ascii_digit() || b >= 0xC0
        });
        let written_lower =
            patterns.iter().filter(|p| !p.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()));
        for form in written_lower.map(String::as_str).chain(lower_forms.iter().map(AsRef::as_ref)) {
            if let Some(k) = two_bytes(form.as_bytes()) {
                lower_starts.insert(k);
            }
            if let Some(&b) = form.as_bytes().first() {
                first_bytes[usize::from(b)] = true;
            }
        }
        let beginnings = Beginnings::of(&patterns);
        Ok(LongestMatcher {
            patterns,
            origin,
            offsets,
            by_start,
            head_offsets,
            by_head,
            lower_starts,
            beginnings,
            first_bytes,
        })
    }

    /// The matches `keep(start, end, pattern)` accepts, as (start, end,
    /// pattern), in order.
    pub fn matches(&self, text: &str, keep: impl FnMut(usize, usize, usize) -> bool) -> Vec<(usize, usize, usize)> {
        self.matches_at(text, self.starts(text), keep)
    }

    /// Like [`LongestMatcher::matches`], but trying only `word_starts`
    /// (ascending): the places where a word begins — no letter or digit
    /// glued before — with whether the word begins with a capital or an
    /// ASCII digit, which a caller that has the text's tokens knows
    /// without reading every byte. Every place [`LongestMatcher::matches`]
    /// tries begins a word.
    pub fn matches_at_words(
        &self,
        text: &str,
        word_starts: impl IntoIterator<Item = (usize, bool)>,
        keep: impl FnMut(usize, usize, usize) -> bool,
    ) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        self.push_matches_at_words(text, word_starts, keep, &mut out);
        out
    }

    /// [`LongestMatcher::matches_at_words`], appended to `out`: a caller
    /// that searches every document keeps one buffer for them all rather
    /// than allocate one per document.
    pub fn push_matches_at_words(
        &self,
        text: &str,
        word_starts: impl IntoIterator<Item = (usize, bool)>,
        keep: impl FnMut(usize, usize, usize) -> bool,
        out: &mut Vec<(usize, usize, usize)>,
    ) {
        let bytes = text.as_bytes();
        let starts =
            word_starts.into_iter().filter(|&(i, capital)| self.may_start_word(&bytes[i..], capital)).map(|(i, _)| i);
        self.matches_at_starts_with(text, starts, keep, |s, e, p| out.push((s, e, p)));
    }

    /// Whether a name may start at a word that begins `rest`: one that
    /// begins with a capital or an ASCII digit (`capital`), or with a
    /// lower-case beginning the matcher knows. What
    /// [`LongestMatcher::matches_at_words`] tries; a caller may test it
    /// first, before the dearer test of a word start, since most words
    /// fail it.
    #[inline]
    pub fn may_start_word(&self, rest: &[u8], capital: bool) -> bool {
        // One test for a lower-case word: a known lower-case beginning's
        // first byte is in `first_bytes`, which need not be read first.
        capital || self.lower_start(rest)
    }

    /// Where a name may start: a word starting with a capital or a digit
    /// (every case a name may take starts so), or with a lower-case
    /// beginning the matcher knows.
    fn starts<'t>(&'t self, text: &'t str) -> impl Iterator<Item = usize> + 't {
        (0..text.len()).filter(move |&i| self.may_start(text, i))
    }

    /// Whether a name may start at byte `i` (see [`LongestMatcher::starts`]).
    #[inline]
    fn may_start(&self, text: &str, i: usize) -> bool {
        let bytes = text.as_bytes();
        let b = bytes[i];
        if !self.first_bytes[usize::from(b)] {
            return false; // most bytes: lower-case letters no name begins with, spaces
        }
        if i > 0 && bytes[i - 1].is_ascii_alphanumeric() {
            return false; // inside a word (what `glued_before` says, without decoding)
        }
        // A lead byte, if not ASCII (continuation bytes are not in the table).
        let capital = b.is_ascii_digit() || is_capital_at(text, i);
        (capital || self.lower_start(&bytes[i..])) && !glued_before(text, i)
    }

    /// Whether `rest` begins with a lower-case beginning the matcher knows.
    #[inline]
    fn lower_start(&self, rest: &[u8]) -> bool {
        two_bytes(rest).is_some_and(|k| self.lower_starts.contains(k))
    }

    /// Like [`LongestMatcher::matches`], but trying only the places in
    /// `starts` (ascending).
    fn matches_at(
        &self,
        text: &str,
        starts: impl IntoIterator<Item = usize>,
        keep: impl FnMut(usize, usize, usize) -> bool,
    ) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        self.matches_at_starts_with(text, starts, keep, |s, e, p| out.push((s, e, p)));
        out
    }

    /// Like [`LongestMatcher::matches_at_words`], for a caller that has
    /// already kept only the word starts [`LongestMatcher::may_start_word`]
    /// takes: tries exactly `starts` (ascending), without testing them
    /// again; each match is handed to `found` as (start, end, pattern), in
    /// order, rather than collected: for a caller that keeps its own vector
    /// from one text to the next.
    pub fn matches_at_starts_with(
        &self,
        text: &str,
        starts: impl IntoIterator<Item = usize>,
        mut keep: impl FnMut(usize, usize, usize) -> bool,
        mut found: impl FnMut(usize, usize, usize),
    ) {
        let mut resume = 0;
        for start in starts {
            if start < resume || start >= text.len() {
                continue;
            }
            let rest = &text.as_bytes()[start..];
            if let Some(p) = self.longest_at(rest) {
                let end = start + self.patterns[p].len();
                resume = end;
                self.accept(text, (start, end, self.origin[p]), &mut keep, &mut found);
            }
        }
    }

    /// The first of [`LongestMatcher::at_start`] (the longest pattern `rest`
    /// begins with), found without building its iterator: this runs at
    /// every place a name may start, and finds none at most.
    #[inline]
    fn longest_at(&self, rest: &[u8]) -> Option<usize> {
        let (text_head, len) = (head(rest), rest.len());
        let beginnings = &self.beginnings;
        // Each length's table is read only if the set of its keys holds the
        // text's: most places read none.
        if let Some(k) = (len >= 4).then(|| four_key(text_head)).filter(|&k| beginnings.four.contains(k)) {
            if let Some(p) = self.first_in_bucket(k, rest, text_head, |n| n >= 4) {
                return Some(p);
            }
        }
        // Most places begin no pattern of three bytes or fewer either: one
        // test of their first two bytes says so.
        if !beginnings.short.contains((text_head & 0xFFFF) as u16) {
            return None;
        }
        if let Some(k) = (len >= 3).then(|| three_key(text_head)).filter(|&k| beginnings.three.contains(k)) {
            if let Some(p) = self.first_in_bucket(k, rest, text_head, |n| n == 3) {
                return Some(p);
            }
        }
        // Patterns of two bytes, then of one, equal to the text's but for
        // ASCII case: the first of their table (which the sets say is not
        // empty).
        let two = len >= 2 && beginnings.two.contains((text_head & 0xFFFF) as u16);
        let short = if two { &rest[..2] } else { &rest[..1] };
        if two || beginnings.one[(text_head & 0xFF) as usize] {
            return key(short).map(|k| self.by_start[self.offsets[k] as usize] as usize);
        }
        None
    }

    /// The first pattern of the bucket of [`long_key`] `k` whose length
    /// `fits` and that `rest` (of [`head`] `text_head`) begins with.
    /// Always inlined, so that `fits` is a constant test rather than a call
    /// through a pointer.
    #[inline(always)]
    fn first_in_bucket(&self, k: u16, rest: &[u8], text_head: u64, fits: impl Fn(usize) -> bool) -> Option<usize> {
        self.bucket(k)
            .iter()
            .find(|h| fits(h.len) && h.starts(rest, text_head, &self.patterns))
            .map(|h| h.pattern as usize)
    }

    /// The patterns `rest` begins with, longest first, then in order.
    #[inline]
    fn at_start<'m>(&'m self, rest: &'m [u8]) -> impl Iterator<Item = usize> + 'm {
        let range = |first: &[u8]| match key(first) {
            Some(k) => self.offsets[k] as usize..self.offsets[k + 1] as usize,
            None => 0..0,
        };
        let text_head = head(rest);
        let longer = self
            .longer(text_head, rest.len())
            .filter_map(move |h| h.starts(rest, text_head, &self.patterns).then_some(h.pattern as usize));
        let two = &self.by_start[range(rest.get(..2).unwrap_or_default())];
        let one = &self.by_start[range(rest.get(..1).unwrap_or_default())];
        longer.chain(two.iter().chain(one).map(|&p| p as usize))
    }

    /// The heads of the patterns of three bytes or more that text of `len`
    /// bytes whose [`head`] is `text_head` may begin with, longest first,
    /// then in the order of `patterns`: those of four bytes or more that
    /// share its first four bytes (ASCII case aside), then those of three
    /// that share its first three, and maybe a few others of each length,
    /// which their heads reject.
    fn longer(&self, text_head: u64, len: usize) -> impl Iterator<Item = &Head> {
        let bucket = |key: Option<u16>| key.map_or(&[][..], |k| self.bucket(k));
        // A key of one length may hold patterns of the other.
        let four = bucket((len >= 4).then(|| four_key(text_head))).iter().filter(|h| h.len >= 4);
        let three = bucket((len >= 3).then(|| three_key(text_head))).iter().filter(|h| h.len == 3);
        four.chain(three)
    }

    /// The heads of [`long_key`] `k`.
    #[inline(always)]
    fn bucket(&self, k: u16) -> &[Head] {
        let k = usize::from(k);
        &self.by_head[self.head_offsets[k] as usize..self.head_offsets[k + 1] as usize]
    }

    /// Keeps the longest match `found` if `keep` accepts it, else the
    /// shorter matches inside it that `keep` accepts.
    fn accept(
        &self,
        text: &str,
        (start, end, pattern): (usize, usize, usize),
        keep: &mut impl FnMut(usize, usize, usize) -> bool,
        found: &mut impl FnMut(usize, usize, usize),
    ) {
        if keep(start, end, pattern) {
            found(start, end, pattern);
            return;
        }
        crate::kept::with_kept(&WITHIN, |within| {
            self.all_within_into(&text.as_bytes()[..end], start, within);
            for &(e, s, p) in within.iter() {
                let p = self.origin[p];
                if (s, e) != (start, end) && keep(s, e, p) {
                    found(s, e, p);
                }
            }
        });
    }

    /// [`LongestMatcher::all_within_into`] as (start, end, pattern), in a
    /// new vector: what the tests compare.
    #[cfg(test)]
    fn all_within(&self, text: &[u8], start: usize) -> Vec<(usize, usize, usize)> {
        let mut found = Vec::new();
        self.all_within_into(text, start, &mut found);
        found.into_iter().map(|(e, s, p)| (s, e, p)).collect()
    }

    /// Every match inside `text[start..]`, overlapping, into `found`
    /// (emptied first) as (end, start, pattern), sorted: the order an
    /// Aho-Corasick overlapping search reports them in. A vector kept from
    /// one refused name to the next rather than a new one each time.
    fn all_within_into(&self, text: &[u8], start: usize, found: &mut Vec<(usize, usize, usize)>) {
        found.clear();
        // Most places inside a name begin none: the sets of beginnings
        // refuse them before any table of patterns is read.
        found.extend(
            (start..text.len())
                .filter(|&s| self.beginnings.may_begin(&text[s..]))
                .flat_map(|s| self.at_start(&text[s..]).map(move |p| (s, p)))
                .map(|(s, p)| (s + self.patterns[p].len(), s, p)),
        );
        found.sort_unstable();
    }
}

/// `entries` (bucket, item), sorted, as offsets (those of bucket `k` are
/// `items[offsets[k]..offsets[k + 1]]`, for `k` below `buckets`) and items.
fn bucketed<T>(buckets: usize, entries: impl ExactSizeIterator<Item = (usize, T)>) -> (Vec<u32>, Vec<T>) {
    let mut offsets = vec![0u32; buckets + 1];
    let mut items = Vec::with_capacity(entries.len());
    for (k, item) in entries {
        offsets[k + 1] += 1;
        items.push(item);
    }
    for k in 0..buckets {
        offsets[k + 1] += offsets[k];
    }
    (offsets, items)
}

/// The beginnings of the patterns, by length: for each length of four
/// bytes or more, three, two and one, the set of the keys of the first
/// bytes of the patterns of that length, ASCII-lowercased. A place whose
/// key is in none of the sets its length allows begins no pattern: the
/// quick answer at most places, which then read no table of patterns.
struct Beginnings {
    /// [`four_key`]s of the patterns of four bytes or more.
    four: Keys16,
    /// [`long_key`]s of the patterns of three bytes.
    three: Keys16,
    /// The two bytes of the patterns of two bytes.
    two: Keys16,
    /// The byte of the patterns of one byte.
    one: [bool; 256],
    /// The first two bytes (as in `two`) of the text any pattern of three
    /// bytes or fewer may begin: those of the patterns of three and two
    /// bytes, and for a pattern of one byte, that byte before any other.
    short: Keys16,
}

impl Beginnings {
    /// The beginnings of `patterns`.
    fn of(patterns: &[String]) -> Beginnings {
        let mut beginnings = Beginnings {
            four: Keys16::default(),
            three: Keys16::default(),
            two: Keys16::default(),
            one: [false; 256],
            short: Keys16::default(),
        };
        for p in patterns.iter().map(String::as_bytes) {
            let h = head(p);
            match p.len() {
                0 => {}
                1 => {
                    beginnings.one[(h & 0xFF) as usize] = true;
                    // Whatever follows, or nothing (a zero in the head).
                    (0..=255u16).for_each(|b| beginnings.short.insert((h & 0xFF) as u16 | b << 8));
                }
                2 => {
                    beginnings.two.insert((h & 0xFFFF) as u16);
                    beginnings.short.insert((h & 0xFFFF) as u16);
                }
                3 => {
                    beginnings.three.insert(three_key(h));
                    beginnings.short.insert((h & 0xFFFF) as u16);
                }
                _ => beginnings.four.insert(four_key(h)),
            }
        }
        beginnings
    }

    /// Whether some pattern may begin `rest`: false where
    /// [`LongestMatcher::at_start`] finds none but for a few places whose
    /// keys collide with a pattern's.
    #[inline]
    fn may_begin(&self, rest: &[u8]) -> bool {
        let (h, len) = (head(rest), rest.len());
        (len >= 4 && self.four.contains(four_key(h)))
            || (len >= 3 && self.three.contains(three_key(h)))
            || (len >= 2 && self.two.contains((h & 0xFFFF) as u16))
            || (len >= 1 && self.one[(h & 0xFF) as usize])
    }
}

/// The first four bytes of a [`head`], hashed to a key.
#[inline(always)]
fn four_key(head: u64) -> u16 {
    hash_key(head & 0xFFFF_FFFF)
}

/// The first three bytes of a [`head`], hashed to a key.
#[inline(always)]
fn three_key(head: u64) -> u16 {
    hash_key(head & 0xFF_FFFF)
}

/// `x` (at most 32 bits) Fibonacci-hashed to 16 bits (the top 16 bits of
/// the product).
#[inline(always)]
fn hash_key(x: u64) -> u16 {
    ((x as u32).wrapping_mul(0x9E37_79B1) >> 16) as u16
}

/// A set of 16-bit keys, one bit each (an array, so that a key's word
/// needs no bounds check).
struct Keys16(Box<[u64; 65536 / 64]>);

impl Default for Keys16 {
    fn default() -> Self {
        Keys16(Box::new([0; 65536 / 64]))
    }
}

impl Keys16 {
    /// Adds `k`.
    fn insert(&mut self, k: u16) {
        let k = usize::from(k);
        self.0[k / 64] |= 1 << (k % 64);
    }

    /// Whether `k` is in the set.
    #[inline]
    fn contains(&self, k: u16) -> bool {
        let k = usize::from(k);
        self.0[k / 64] & (1 << (k % 64)) != 0
    }
}

/// The first two bytes of `bytes`, as written, as a key (`None` if
/// shorter).
#[inline]
fn two_bytes(bytes: &[u8]) -> Option<u16> {
    match bytes {
        // Little-endian: one load, no swap.
        [a, b, ..] => Some(u16::from_le_bytes([*a, *b])),
        _ => None,
    }
}

/// The key of a pattern (or text) of `len` bytes whose [`head`] is `head`
/// in the table of the patterns of three bytes or more: its first four
/// bytes hashed ([`four_key`]), or its three if it has three (`None` if
/// shorter). A key may be shared by a few beginnings, never lacks one.
#[inline(always)]
fn long_key(head: u64, len: usize) -> Option<u16> {
    match len {
        0..=2 => None,
        3 => Some(three_key(head)),
        _ => Some(four_key(head)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};
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

    /// The two automata the table replaced: the leftmost-longest anchored
    /// one, and the overlapping one for the shorter matches.
    fn reference(patterns: &[String]) -> (AhoCorasick, AhoCorasick) {
        let longest = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(patterns)
            .expect("valid");
        let overlapping = AhoCorasickBuilder::new().ascii_case_insensitive(true).build(patterns).expect("valid");
        (longest, overlapping)
    }

    #[test]
    fn the_table_answers_as_the_automata_did() {
        // Case twins, one-byte names, a name inside another, non-ASCII
        // first bytes, names sharing first bytes with other lengths.
        let names = [
            "Mistral AI",
            "Mistral",
            "AI",
            "mistral",
            "X",
            "x",
            "3M",
            "Orange",
            "Orange Business",
            "Or",
            "Électricité",
            "ÉLECTRICITÉ",
            "É",
            "AIA",
            "ai",
            "Mis",
            "l'Oréal",
            "L'Oréal",
            "Le Monde",
            // Names of three and four bytes beside longer ones that share
            // their beginnings.
            "Ora",
            "Oran",
            "Le M",
            "Les",
            "Les Echos",
            "MIS",
        ];
        let patterns: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        let matcher = LongestMatcher::new(patterns.clone(), &[] as &[&str]).expect("valid");
        let (longest, overlapping) = reference(&matcher.patterns);
        let texts = [
            "MISTRAL AI et Mistral ai ; x, X, 3m, ORANGE BUSINESS, orange, Or, AIAI, mis, Électricité, ÉLECTRICITÉ, É",
            "l’Oréal, L'ORÉAL, le monde, Le Monde, aiaiai mistralAI",
            "Ora Oran Orang ORANGE Le Mans, Le Monde, LES ECHOS, les, Les Echo, le m",
        ];
        for text in texts {
            for start in 0..text.len() {
                let expected = longest
                    .find(Input::new(text).range(start..).anchored(Anchored::Yes))
                    .map(|m| (m.end(), m.pattern().as_usize()));
                let rest = &text.as_bytes()[start..];
                let found = matcher.at_start(rest).next().map(|p| (start + matcher.patterns[p].len(), p));
                assert_eq!(found, expected, "at {start} of {text:?}");
                // The sets of beginnings never refuse a place a pattern begins.
                assert!(found.is_none() || matcher.beginnings.may_begin(rest), "may begin at {start} of {text:?}");
                // The quick path, which refuses most places first.
                let longest = matcher.longest_at(rest).map(|p| (start + matcher.patterns[p].len(), p));
                assert_eq!(longest, expected, "longest at {start} of {text:?}");
                let within = &text.as_bytes()[..text.len().min(start + 24)];
                let expected: Vec<(usize, usize, usize)> = overlapping
                    .find_overlapping_iter(&within[start..])
                    .map(|m| (start + m.start(), start + m.end(), m.pattern().as_usize()))
                    .collect();
                assert_eq!(matcher.all_within(within, start), expected, "within {start}.. of {text:?}");
            }
        }
        assert!(LongestMatcher::new(vec!["A".into(), String::new()], &[] as &[&str]).is_err());
    }

    #[test]
    fn a_word_may_start_a_name_as_the_table_of_first_bytes_said() {
        let patterns = vec!["Le Monde".into(), "xAI".into(), "iliad".into(), "3M".into(), "É".into(), "e".into()];
        let matcher = LongestMatcher::new(patterns, &["le monde", "l’équipe"]).expect("valid");
        let old = |rest: &[u8], capital: bool| {
            capital || (rest.first().is_some_and(|&b| matcher.first_bytes[usize::from(b)]) && matcher.lower_start(rest))
        };
        for a in 0..=255u8 {
            for rest in std::iter::once(vec![a]).chain((0..=255u8).map(|b| vec![a, b, b'x'])) {
                for capital in [false, true] {
                    assert_eq!(matcher.may_start_word(&rest, capital), old(&rest, capital), "{rest:?} {capital}");
                }
            }
        }
    }

    #[test]
    fn the_quick_path_answers_as_the_automaton_on_generated_texts() {
        // Names of every length from one byte, sharing beginnings, with
        // apostrophes of both kinds and letters beyond ASCII.
        let names = [
            "X",
            "É",
            "Or",
            "AI",
            "ai",
            "IBM",
            "Ora",
            "Oran",
            "Orange",
            "Orange Business",
            "L'Oréal",
            "L’Oréal",
            "Le Monde",
            "Les Echos",
            "xAI",
            "3M",
            "Électricité",
            "Mistral AI",
            "Mistral",
        ];
        let patterns: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        let matcher = LongestMatcher::new(patterns, &["le monde"]).expect("valid");
        let (longest, _) = reference(&matcher.patterns);
        // Pieces glued at random: decomposed accents, both apostrophes,
        // case variants, words glued to letters.
        let pieces = [
            "Or",
            "ange",
            "ORANGE",
            "orange",
            "e\u{301}",
            "E\u{301}",
            "le",
            "Le",
            " ",
            "Monde",
            "MONDE",
            "L'",
            "l’",
            "Oréal",
            "ORÉAL",
            "x",
            "X",
            "AI",
            "ai",
            "I",
            "BM",
            "3",
            "M",
            "É",
            "lectricité",
            "Mistral",
            "zz",
            "\u{a0}",
            ",",
            "Les ",
            "Echos",
            "Busi",
            "ness",
        ];
        let mut draws = glaneur_testdata::Draws::new(0x2545_F491_4F6C_DD1D);
        let mut next = |n: usize| draws.below(n);
        let mut found = 0;
        for _ in 0..2000 {
            let text: String = (0..next(12)).map(|_| pieces[next(pieces.len())]).collect();
            for start in 0..text.len() {
                let expected = longest
                    .find(Input::new(&text).range(start..).anchored(Anchored::Yes))
                    .map(|m| (m.end(), m.pattern().as_usize()));
                let longest_at = matcher.longest_at(&text.as_bytes()[start..]);
                assert_eq!(longest_at.map(|p| (start + matcher.patterns[p].len(), p)), expected, "{start} of {text:?}");
                found += usize::from(expected.is_some());
            }
        }
        assert!(found > 3000, "{found}");
    }
}
