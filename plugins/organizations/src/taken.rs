//! [`Taken`]: the spans a name found by the rules may not overlap.

use glaneur_text::SpanSet;

use crate::gazetteer::Hit;

/// The spans taken in a document, none overlapping another: the
/// gazetteer's hits, sorted and disjoint, read by bisection (no set built
/// for them: most spans a document takes are those), and the names found
/// since, each taken only where it overlaps nothing taken.
///
/// Disjoint, a span overlaps `start..end` only if it is the last to start
/// before `end`: one look-up in each part ([`SpanSet::last_before`]; its
/// `overlaps`, for spans that may overlap, scans every span starting up to
/// 4 KB before). The spans added, a few a document, are kept in a
/// [`SpanSet`] the caller keeps for the next document.
#[derive(Debug)]
pub struct Taken<'h> {
    /// The gazetteer's hits, by start, none overlapping: borrowed, not
    /// copied.
    hits: &'h [Hit],
    /// The spans added since, none overlapping.
    added: &'h mut SpanSet,
}

impl<'h> Taken<'h> {
    /// The spans of `hits` (sorted by start, none overlapping the next:
    /// what [`glaneur_text::sorted_and_disjoint`] checks), the spans added
    /// kept in `added` (emptied first).
    pub fn new(hits: &'h [Hit], added: &'h mut SpanSet) -> Taken<'h> {
        debug_assert!(glaneur_text::sorted_and_disjoint(hits, |h| (h.start, h.end)));
        added.clear();
        Taken { hits, added }
    }

    /// Whether `start..end` overlaps a span taken.
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        // The first hit ending after `start` (ends are sorted too).
        let i = self.hits.partition_point(|h| h.end <= start);
        self.hits.get(i).is_some_and(|h| h.start < end) || self.added.last_before(end).is_some_and(|(_, e)| start < e)
    }

    /// Takes `start..end`, which must overlap no span taken (what
    /// [`Taken::overlaps`] tells): the rules ask first.
    pub fn insert(&mut self, start: usize, end: usize) {
        debug_assert!(!self.overlaps(start, end), "{start}..{end} is taken");
        self.added.insert(start, end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every pair of spans within `0..n`.
    fn spans(n: usize) -> impl Iterator<Item = (usize, usize)> {
        (0..n).flat_map(move |s| (s..n).map(move |e| (s, e)))
    }

    #[test]
    fn a_span_overlaps_what_a_span_set_of_the_same_spans_overlaps() {
        let layouts: [&[(usize, usize)]; 5] =
            [&[], &[(2, 4)], &[(0, 1), (1, 3), (5, 8)], &[(3, 3), (4, 6)], &[(1, 2), (6, 7), (7, 9)]];
        // A pseudo-random walk over the spans to add, as the rules add
        // them: each taken only where it overlaps nothing taken.
        let mut draws = glaneur_testdata::Draws::new(7);
        let mut next = |n: usize| draws.below(n);
        for hits in layouts {
            for _ in 0..200 {
                let hit_list: Vec<Hit> = hits.iter().map(|&(start, end)| Hit { start, end, form: 0 }).collect();
                let mut added = SpanSet::new();
                let mut taken = Taken::new(&hit_list, &mut added);
                let mut reference = SpanSet::from_spans(hits.iter().copied());
                for _ in 0..8 {
                    let start = next(12);
                    let end = start + 1 + next(3);
                    assert_eq!(taken.overlaps(start, end), reference.overlaps(start, end), "{start}..{end}");
                    if !taken.overlaps(start, end) {
                        taken.insert(start, end);
                        reference.insert(start, end);
                    }
                    for (s, e) in spans(16) {
                        assert_eq!(taken.overlaps(s, e), reference.overlaps(s, e), "{s}..{e} in {hits:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn many_spans_added_out_of_order_overlap_as_a_span_set_says() {
        // Past a few the added spans move to a tree: added in an order the
        // rules' passes give (every other span, then those between).
        let mut added = SpanSet::new();
        let mut taken = Taken::new(&[], &mut added);
        let mut reference = SpanSet::default();
        let order = (0..200).step_by(2).chain((1..200).step_by(2));
        for k in order {
            let (start, end) = (k * 10, k * 10 + 5);
            assert!(!taken.overlaps(start, end));
            taken.insert(start, end);
            reference.insert(start, end);
        }
        for (s, e) in (0..2100).step_by(3).map(|s| (s, s + 4)) {
            assert_eq!(taken.overlaps(s, e), reference.overlaps(s, e), "{s}..{e}");
        }
    }

    #[test]
    fn a_long_span_added_is_seen_from_its_end() {
        let mut added = SpanSet::new();
        let mut taken = Taken::new(&[], &mut added);
        taken.insert(10, 10_000);
        assert!(taken.overlaps(9_000, 9_001));
        assert!(!taken.overlaps(10_000, 10_005));
        assert!(!taken.overlaps(0, 10));
    }
}
