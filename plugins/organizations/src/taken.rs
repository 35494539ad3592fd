//! [`Taken`]: the spans a name found by the rules may not overlap.

use glaneur_text::SpanSet;

/// The spans taken in a document: the gazetteer's hits, sorted and
/// disjoint, read by bisection (no tree built for them: most spans a
/// document takes are those, and a [`SpanSet`] cost a node insertion per
/// hit and a tree walk per question), and the names found since, in a
/// [`SpanSet`].
#[derive(Debug, Default)]
pub struct Taken {
    /// The gazetteer's spans, (start, end), by start, none overlapping.
    hits: Vec<(usize, usize)>,
    /// The spans added since.
    added: SpanSet,
}

impl Taken {
    /// The spans `hits` ((start, end), sorted by start, none overlapping
    /// the next: what [`glaneur_text::sorted_and_disjoint`] checks).
    pub fn of_disjoint(hits: Vec<(usize, usize)>) -> Taken {
        debug_assert!(glaneur_text::sorted_and_disjoint(&hits, |&span| span));
        Taken { hits, added: SpanSet::new() }
    }

    /// Whether `start..end` overlaps a span taken.
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        // The first hit ending after `start` (ends are sorted too).
        let i = self.hits.partition_point(|&(_, e)| e <= start);
        self.hits.get(i).is_some_and(|&(s, _)| s < end) || self.added.overlaps(start, end)
    }

    /// Takes `start..end`.
    pub fn insert(&mut self, start: usize, end: usize) {
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
        for hits in layouts {
            for added in [None, Some((0, 2)), Some((4, 7)), Some((8, 9))] {
                let mut taken = Taken::of_disjoint(hits.to_vec());
                let mut reference = SpanSet::from_spans(hits.iter().copied());
                if let Some((s, e)) = added {
                    taken.insert(s, e);
                    reference.insert(s, e);
                }
                for (s, e) in spans(11) {
                    assert_eq!(taken.overlaps(s, e), reference.overlaps(s, e), "{s}..{e} in {hits:?} + {added:?}");
                }
            }
        }
    }
}
