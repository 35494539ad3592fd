//! [`Taken`]: the spans a name found by the rules may not overlap.

use std::collections::BTreeMap;

use crate::gazetteer::Hit;

/// The most spans added kept in the sorted vector: past them (a huge
/// document's), a tree, since inserting in the middle of a vector of them
/// would make the rules quadratic.
const FEW_ADDED: usize = 64;

/// The spans taken in a document, none overlapping another: the
/// gazetteer's hits, sorted and disjoint, read by bisection (no tree built
/// for them: most spans a document takes are those), and the names found
/// since, each taken only where it overlaps nothing taken.
///
/// Disjoint, a span overlaps `start..end` only if it is the last to start
/// before `end`: one look-up in each part. (A `SpanSet`, which allows
/// overlapping spans, scanned every span starting up to 4 KB before.) The
/// spans added, a few a document, are a sorted vector, whose room a caller
/// may keep for the next document ([`Taken::with_room`]); past
/// `FEW_ADDED` of them, a tree.
#[derive(Debug, Default)]
pub struct Taken<'h> {
    /// The gazetteer's hits, by start, none overlapping: borrowed, not
    /// copied.
    hits: &'h [Hit],
    /// The spans added since, by start, none overlapping, while there are
    /// at most `FEW_ADDED`; then empty.
    added: Vec<(usize, usize)>,
    /// The spans added since, start to end, when there are more.
    many: BTreeMap<usize, usize>,
}

impl<'h> Taken<'h> {
    /// The spans of `hits` (sorted by start, none overlapping the next:
    /// what [`glaneur_text::sorted_and_disjoint`] checks).
    pub fn of_disjoint(hits: &'h [Hit]) -> Taken<'h> {
        Taken::with_room(hits, Vec::new())
    }

    /// [`Taken::of_disjoint`], the spans added kept in `room` (emptied
    /// first), which [`Taken::into_room`] gives back.
    pub fn with_room(hits: &'h [Hit], mut room: Vec<(usize, usize)>) -> Taken<'h> {
        debug_assert!(glaneur_text::sorted_and_disjoint(hits, |h| (h.start, h.end)));
        room.clear();
        Taken { hits, added: room, many: BTreeMap::new() }
    }

    /// The room the spans added were kept in, for another document.
    pub fn into_room(mut self) -> Vec<(usize, usize)> {
        self.added.clear();
        self.added
    }

    /// Whether `start..end` overlaps a span taken.
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        // The first hit ending after `start` (ends are sorted too).
        let i = self.hits.partition_point(|h| h.end <= start);
        self.hits.get(i).is_some_and(|h| h.start < end) || self.last_added_before(end).is_some_and(|(_, e)| start < e)
    }

    /// Takes `start..end`, which must overlap no span taken (what
    /// [`Taken::overlaps`] tells): the rules ask first.
    pub fn insert(&mut self, start: usize, end: usize) {
        debug_assert!(!self.overlaps(start, end), "{start}..{end} is taken");
        if self.many.is_empty() && self.added.len() < FEW_ADDED {
            let i = self.added.partition_point(|&(s, _)| s < start);
            self.added.insert(i, (start, end));
        } else {
            self.many.extend(self.added.drain(..));
            self.many.insert(start, end);
        }
    }

    /// The last span added that starts before `end`.
    fn last_added_before(&self, end: usize) -> Option<(usize, usize)> {
        if !self.many.is_empty() {
            return self.many.range(..end).next_back().map(|(&s, &e)| (s, e));
        }
        let i = self.added.partition_point(|&(s, _)| s < end);
        i.checked_sub(1).map(|i| self.added[i])
    }
}

#[cfg(test)]
mod tests {
    use glaneur_text::SpanSet;

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
                let mut taken = Taken::of_disjoint(&hit_list);
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
        // Past FEW_ADDED the spans move to the tree: added in an order the
        // rules' passes give (every other span, then those between).
        let mut taken = Taken::default();
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
        assert!(taken.added.is_empty() && taken.many.len() == 200);
        assert!(taken.into_room().is_empty());
    }

    #[test]
    fn a_long_span_added_is_seen_from_its_end() {
        let mut taken = Taken::default();
        taken.insert(10, 10_000);
        assert!(taken.overlaps(9_000, 9_001));
        assert!(!taken.overlaps(10_000, 10_005));
        assert!(!taken.overlaps(0, 10));
    }
}
