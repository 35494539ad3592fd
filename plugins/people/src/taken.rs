//! Spans a person may not overlap: the organisations and models found
//! before, or the names found already; asked about each name found.

/// How far before a queried span a taken span may start and still be
/// found overlapping it: what `glaneur_text::SpanSet::overlaps` looks back
/// (a longer span is only found when it starts that near), so that both
/// answer alike.
const LOOK_BACK: usize = 4096;

/// Spans sorted by start, with the running maximum of their ends: most
/// names overlap none, which one binary search and one comparison tell,
/// where a `SpanSet` (a tree built span by span) walked every span
/// starting in the [`LOOK_BACK`] window.
#[derive(Debug, Clone, Default)]
pub(crate) struct Taken {
    /// (start, end), sorted.
    spans: Vec<(usize, usize)>,
    /// `max_end[i]`: the largest end of `spans[..=i]`.
    max_end: Vec<usize>,
}

impl Taken {
    /// The set of `spans` (they may overlap each other).
    pub(crate) fn new(spans: Vec<(usize, usize)>) -> Self {
        Taken::in_buffers(spans, Vec::new())
    }

    /// [`Taken::new`], its maximum ends written into `max_end` (emptied
    /// first): a buffer kept from one document to the next.
    pub(crate) fn in_buffers(mut spans: Vec<(usize, usize)>, mut max_end: Vec<usize>) -> Self {
        spans.sort_unstable();
        let mut max = 0;
        max_end.clear();
        max_end.extend(spans.iter().map(|&(_, e)| {
            max = e.max(max);
            max
        }));
        Taken { spans, max_end }
    }

    /// Its two buffers, emptied: the spans and their maximum ends.
    pub(crate) fn into_buffers(self) -> (Vec<(usize, usize)>, Vec<usize>) {
        let Taken { mut spans, mut max_end } = self;
        spans.clear();
        max_end.clear();
        (spans, max_end)
    }

    /// Whether `start..end` overlaps a span starting at most
    /// [`LOOK_BACK`] bytes before `start`.
    pub(crate) fn overlaps(&self, start: usize, end: usize) -> bool {
        let before_end = self.spans.partition_point(|&(s, _)| s < end);
        if before_end == 0 || self.max_end[before_end - 1] <= start {
            return false;
        }
        // Some span starting before `end` reaches past `start`: one near
        // enough counts (the nearest start first, most often the one).
        let from = start.saturating_sub(LOOK_BACK);
        self.spans[..before_end].iter().rev().take_while(|&&(s, _)| s >= from).any(|&(_, e)| start < e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use glaneur_text::SpanSet;

    #[test]
    fn overlaps_as_a_span_set_does() {
        let mut next = crate::test_rng::numbers(0x9E37_79B9_7F4A_7C15);
        for round in 0..400 {
            // Short spans mostly, some longer than the look-back, some empty.
            let reach = if round % 4 == 0 { 12_000 } else { 600 };
            let spans: Vec<(usize, usize)> = (0..next(30))
                .map(|_| {
                    let s = next(reach);
                    let len = if next(10) == 0 { next(2 * LOOK_BACK) } else { next(40) };
                    (s, s + len)
                })
                .collect();
            let taken = Taken::new(spans.clone());
            let set = SpanSet::from_spans(spans.iter().copied());
            for _ in 0..200 {
                let s = next(reach + 100);
                let e = s + next(60);
                assert_eq!(taken.overlaps(s, e), set.overlaps(s, e), "{s}..{e} in {spans:?}");
            }
        }
        assert!(!Taken::new(Vec::new()).overlaps(0, 10));
    }
}
