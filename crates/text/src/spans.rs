//! Sets of spans: overlap queries, leftmost-longest selection, and the
//! names one document turned up, found again.

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasickBuilder, AhoCorasickKind, MatchKind};

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
