//! Sets of spans: overlap queries, leftmost-longest selection, and the
//! names one document turned up, found again.

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// Spans kept sorted by start: asking whether a new span overlaps any, and
/// adding one, are logarithmic, not a scan (a 50 MB document has hundreds
/// of thousands of spans).
///
/// A set of a few spans, as most documents' are, is a sorted vector, which
/// costs less to build, ask and drop than a tree; past `FEW_SPANS` spans
/// it moves to a tree, where adding a span stays logarithmic.
#[derive(Debug, Clone, Default)]
pub struct SpanSet {
    /// (start, end), by start, one per start, while the set has at most
    /// [`FEW_SPANS`] (empty once `tree` holds them).
    few: Vec<(usize, usize)>,
    /// End by start, once the set has more than [`FEW_SPANS`].
    tree: BTreeMap<usize, usize>,
}

/// Kept by a thread from one document to the next, a set is emptied: its
/// vector holds at most `FEW_SPANS` spans, and a tree's nodes are freed.
impl crate::kept::Bound for SpanSet {
    fn bound(&mut self) {
        self.clear();
    }
}

/// How many spans a [`SpanSet`] keeps in its sorted vector.
const FEW_SPANS: usize = 64;

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

    /// Empties the set, keeping the room its vector holds: a set filled
    /// anew for every document need not be allocated anew.
    pub fn clear(&mut self) {
        self.few.clear();
        self.tree.clear();
    }

    /// Whether `start..end` overlaps a span of the set that starts at most
    /// `MAX_SPAN` bytes before `start`.
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        let from = start.saturating_sub(MAX_SPAN);
        if !self.tree.is_empty() {
            return self.tree.range(from..end).any(|(_, &e)| start < e);
        }
        let first = self.few.partition_point(|&(s, _)| s < from);
        self.few[first..].iter().take_while(|&&(s, _)| s < end).any(|&(_, e)| start < e)
    }

    /// The last span of the set that starts before `end`: in a set whose
    /// spans overlap none other, the only one that may overlap a span
    /// ending at `end` (one look-up, with no look-back bound).
    pub fn last_before(&self, end: usize) -> Option<(usize, usize)> {
        if !self.tree.is_empty() {
            return self.tree.range(..end).next_back().map(|(&s, &e)| (s, e));
        }
        let i = self.few.partition_point(|&(s, _)| s < end);
        i.checked_sub(1).map(|i| self.few[i])
    }

    /// Adds a span.
    pub fn insert(&mut self, start: usize, end: usize) {
        if self.tree.is_empty() {
            match self.few.binary_search_by_key(&start, |&(s, _)| s) {
                Ok(i) => self.few[i].1 = self.few[i].1.max(end),
                Err(i) if self.few.len() < FEW_SPANS => self.few.insert(i, (start, end)),
                Err(_) => {
                    self.tree = self.few.drain(..).collect();
                    self.tree.insert(start, end);
                }
            }
            return;
        }
        let e = self.tree.entry(start).or_insert(end);
        *e = (*e).max(end);
    }
}

/// How many names [`find_names`] searches for by their first bytes; more
/// go to one automaton.
const FEW_NAMES: usize = 16;

/// Every occurrence of the names one document turned up (`Kestrel
/// Capital`, then every later `Kestrel Capital`), leftmost-longest and not
/// overlapping, as (start, end, index into `names`), in order.
///
/// Built per document: for a few names one memchr pass per three first
/// bytes (an automaton cost ~100 000 instructions to build, more than the
/// search it served); for many, one noncontiguous NFA, so a long document
/// with hundreds of names stays linear.
pub fn find_names<P: AsRef<str>>(text: &str, names: &[P]) -> Vec<(usize, usize, usize)> {
    let names: Vec<&str> = names.iter().map(AsRef::as_ref).collect();
    let mut found = Vec::new();
    find_names_into(text, &names, &mut found);
    found
}

/// [`find_names`] into `found` (emptied first): for a caller that keeps
/// the vector from one document to the next, and has the names as
/// `&str` already (no copy of the list is made).
pub fn find_names_into(text: &str, names: &[&str], found: &mut Vec<(usize, usize, usize)>) {
    found.clear();
    if names.len() > FEW_NAMES {
        let Ok(automaton) = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::NoncontiguousNFA))
            .build(names)
        else {
            return;
        };
        found.extend(automaton.find_iter(text).map(|m| (m.start(), m.end(), m.pattern().as_usize())));
        return;
    }
    few_names(text, names, found);
}

/// [`find_names`] for at most [`FEW_NAMES`] names: one memchr pass over
/// the text per three first bytes of names, each place compared with the
/// names that start with its byte (a SIMD substring searcher per name cost
/// more to build than the short search it served). Each name's
/// occurrences are those a substring search finds, each after the end of
/// the one before; then the leftmost-longest are kept, in `all` (empty).
fn few_names(text: &str, names: &[&str], all: &mut Vec<(usize, usize, usize)>) {
    let bytes = text.as_bytes();
    let names = &names[..names.len().min(FEW_NAMES)];
    // Per byte, the names that start with it, as bits of their indices: a
    // place reads only those, not every name.
    let mut by_first = [0u16; 256];
    // The first bytes, each once (on the stack: at most one per name).
    let (mut firsts, mut distinct) = ([0u8; FEW_NAMES], 0);
    for (i, name) in names.iter().enumerate() {
        if let Some(&first) = name.as_bytes().first() {
            if by_first[usize::from(first)] == 0 {
                firsts[distinct] = first;
                distinct += 1;
            }
            by_first[usize::from(first)] |= 1 << i;
        }
    }
    // Per name, where its next occurrence may start.
    let mut next = [0; FEW_NAMES];
    let mut at_place = |at: usize| {
        // By index, as a loop over the names would find them.
        let mut candidates = by_first[usize::from(bytes[at])];
        while candidates != 0 {
            let i = candidates.trailing_zeros() as usize;
            candidates &= candidates - 1;
            let name = names[i].as_bytes();
            if at >= next[i] && starts_at(bytes, at, name) {
                all.push((at, at + name.len(), i));
                next[i] = at + name.len();
            }
        }
    };
    for group in firsts[..distinct].chunks(3) {
        match *group {
            [a] => memchr::memchr_iter(a, bytes).for_each(&mut at_place),
            [a, b] => memchr::memchr2_iter(a, b, bytes).for_each(&mut at_place),
            [a, b, c] => memchr::memchr3_iter(a, b, c, bytes).for_each(&mut at_place),
            _ => {}
        }
    }
    keep_leftmost_longest(all, |&(s, e, _)| (s, e));
}

/// Whether `name` (not empty, its first byte that of `bytes[at]`) stands
/// in `bytes` at `at`: its last byte is compared first, most places
/// differing there, which spares them a call to `memcmp`.
#[inline]
fn starts_at(bytes: &[u8], at: usize, name: &[u8]) -> bool {
    let Some(found) = bytes.get(at..at + name.len()) else { return false };
    found.last() == name.last() && found == name
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

    /// [`SpanSet`] as it was: a tree, whatever its size.
    #[derive(Default)]
    struct TreeSpans(BTreeMap<usize, usize>);

    impl TreeSpans {
        fn overlaps(&self, start: usize, end: usize) -> bool {
            self.0.range(start.saturating_sub(MAX_SPAN)..end).any(|(&s, &e)| s < end && start < e)
        }

        fn insert(&mut self, start: usize, end: usize) {
            let e = self.0.entry(start).or_insert(end);
            *e = (*e).max(end);
        }

        fn last_before(&self, end: usize) -> Option<(usize, usize)> {
            self.0.range(..end).next_back().map(|(&s, &e)| (s, e))
        }
    }

    #[test]
    fn a_span_set_answers_as_the_tree_it_was() {
        // Sets of every size about the move to a tree, spans of every
        // length about the look-back (longer ones included), shared starts,
        // empty spans, starts near zero.
        let mut draws = glaneur_testdata::Draws::new(0x5851_F42D_4C95_7F2D);
        let mut next = |n: usize| draws.below(n);
        // One set for every round, cleared: as a new one, whether it had
        // moved to a tree or not.
        let mut set = SpanSet::new();
        for round in 0..300 {
            let width = [50, 500, 12_000][round % 3];
            set.clear();
            let mut reference = TreeSpans::default();
            for _ in 0..next(3 * FEW_SPANS) {
                let start = next(width);
                let end = start + [next(4), next(40), MAX_SPAN - 2 + next(5), 2 * MAX_SPAN][next(4)];
                if next(2) == 0 {
                    set.insert(start, end);
                    reference.insert(start, end);
                }
                let s = next(width);
                let e = s + next(MAX_SPAN + 10);
                assert_eq!(set.overlaps(s, e), reference.overlaps(s, e), "{s}..{e}");
                assert_eq!(set.overlaps(start, end), reference.overlaps(start, end), "{start}..{end}");
                assert_eq!(set.last_before(e), reference.last_before(e), "before {e}");
            }
            for s in (0..width + 2 * MAX_SPAN).step_by(7) {
                for len in [0, 1, 3, 100] {
                    assert_eq!(set.overlaps(s, s + len), reference.overlaps(s, s + len), "{s}+{len}");
                }
                assert_eq!(set.last_before(s), reference.last_before(s), "before {s}");
            }
        }
    }

    /// [`few_names`] as it was: one substring search per name.
    fn one_search_per_name(text: &str, names: &[&str]) -> Vec<(usize, usize, usize)> {
        let mut all: Vec<(usize, usize, usize)> = Vec::new();
        for (i, name) in names.iter().enumerate().filter(|(_, n)| !n.is_empty()) {
            all.extend(memchr::memmem::find_iter(text.as_bytes(), name.as_bytes()).map(|s| (s, s + name.len(), i)));
        }
        keep_leftmost_longest(&mut all, |&(s, e, _)| (s, e));
        all
    }

    #[test]
    fn a_few_names_are_found_as_one_search_per_name_found_them() {
        // Names sharing first bytes, inside each other, repeated, accented,
        // empty; more first bytes than a memchr pass takes.
        let pool = [
            "Li",
            "Lin",
            "Linn",
            "Aignan",
            "Dupont-Aignan",
            "Ann",
            "AnnAnn",
            "Élise",
            "É",
            "Zoé",
            "Z",
            "Mme",
            "M",
            "",
            "Ko",
            "Bé",
            "x",
        ];
        let pieces =
            ["Li", "n", "Ann", " ", "-", "Dupont", "Aignan", "É", "lise", "Zo", "é", "\u{a0}", "M", "me", "x", "Ko"];
        let mut draws = glaneur_testdata::Draws::new(0x9E37_79B9_7F4A_7C15);
        let mut next = |n: usize| draws.below(n);
        let mut found = 0;
        // Kept from one text to the next, as a plugin keeps it.
        let mut kept = Vec::new();
        for _ in 0..3000 {
            let text: String = (0..next(30)).map(|_| pieces[next(pieces.len())]).collect();
            let names: Vec<&str> = (0..1 + next(FEW_NAMES)).map(|_| pool[next(pool.len())]).collect();
            let expected = one_search_per_name(&text, &names);
            find_names_into(&text, &names, &mut kept);
            assert_eq!(kept, expected, "{names:?} in {text:?}");
            assert_eq!(find_names(&text, &names), expected, "{names:?} in {text:?}");
            found += expected.len();
        }
        assert!(found > 1000, "{found}");
    }
}
