//! Where the sentence and the paragraph around a span begin and end, and
//! offsets within a bounded reach.

/// The sentence around `start..end`: from after the previous `.`, `!`, `?`
/// or line break to the next one, at most `reach` bytes each way (so a text
/// with no punctuation costs nothing). The marks are searched for by
/// memchr, a few bytes at a time.
pub fn sentence(text: &str, start: usize, end: usize, reach: usize) -> &str {
    let bytes = text.as_bytes();
    // Back from `start`, within `reach` bytes: after the last mark.
    let (from, before) = (start.saturating_sub(reach), start.min(text.len()));
    let mut s = before;
    if from < before {
        let head = &bytes[from..before];
        let mark = match memchr::memrchr3(b'.', b'!', b'?', head) {
            Some(at) => Some(memchr::memrchr(b'\n', &head[at + 1..]).map_or(at, |n| at + 1 + n)),
            None => memchr::memrchr(b'\n', head),
        };
        s = mark.map_or(from, |at| from + at + 1);
    }
    // Ahead from `end`, within `reach` bytes: up to the first mark.
    let (after, to) = (end.min(text.len()), end.saturating_add(reach).min(text.len()));
    let mut e = after;
    if after < to {
        let tail = &bytes[after..to];
        let mark = match memchr::memchr3(b'.', b'!', b'?', tail) {
            Some(at) => Some(memchr::memchr(b'\n', &tail[..at]).unwrap_or(at)),
            None => memchr::memchr(b'\n', tail),
        };
        e = mark.map_or(to, |at| after + at);
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

/// The byte offset of `part` (a slice of `text`) in `text`.
pub fn offset_in(text: &str, part: &str) -> usize {
    part.as_ptr() as usize - text.as_ptr() as usize
}

/// Pushes onto `starts` where paragraphs start in `bytes[gap]`: after
/// each blank line (a line break, spaces, tabs or carriage returns, a line
/// break) and the white space after it, at its last line break;
/// `next_newline` finds the first line break of a slice.
fn push_starts(
    bytes: &[u8],
    gap: std::ops::Range<usize>,
    next_newline: impl Fn(&[u8]) -> Option<usize>,
    starts: &mut Vec<usize>,
) {
    let bytes = &bytes[..gap.end];
    let mut i = gap.start;
    while let Some(nl) = next_newline(&bytes[i..]) {
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
        // Room for an article's few paragraphs without growing.
        let mut starts = Vec::with_capacity(8);
        starts.push(0);
        let next_newline = |bytes: &[u8]| memchr::memchr(b'\n', bytes);
        push_starts(text.as_bytes(), 0..text.len(), next_newline, &mut starts);
        Paragraphs { starts }
    }

    /// The paragraph starts of `text` that [`Paragraphs::new`] finds in
    /// `gaps` (byte ranges of `text`, in order, not overlapping), searched
    /// there only: all of them when every blank line of the text, and the
    /// white space after it, lies in one gap, as between the tokens of a
    /// document's paragraphs (`glaneur_document::Document::paragraphs`),
    /// which are far fewer bytes than the text. A gap is a few bytes: read
    /// a byte at a time, not with memchr (whose call costs more).
    ///
    /// The starts are written into `room` (emptied first): the vector of an
    /// earlier text's paragraphs ([`Paragraphs::into_room`]), kept by a
    /// caller that reads many texts, so that each text's is not allocated
    /// again.
    pub fn in_gaps_in(room: Vec<usize>, text: &str, gaps: impl IntoIterator<Item = std::ops::Range<usize>>) -> Self {
        // A start for each gap, most often (a gap of one holds none).
        let gaps = gaps.into_iter();
        let mut starts = room;
        starts.clear();
        starts.reserve(gaps.size_hint().0 + 1);
        starts.push(0);
        let next_newline = |bytes: &[u8]| bytes.iter().position(|&b| b == b'\n');
        for gap in gaps {
            push_starts(text.as_bytes(), gap, next_newline, &mut starts);
        }
        Paragraphs { starts }
    }

    /// The vector its starts are kept in, emptied, for another text's
    /// ([`Paragraphs::in_gaps_in`]); freed instead when a huge text grew it
    /// ([`crate::kept::bounded`]).
    pub fn into_room(self) -> Vec<usize> {
        crate::kept::bounded(self.starts)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes ending a sentence for [`sentence`].
    fn ends_sentence(b: u8) -> bool {
        matches!(b, b'.' | b'!' | b'?' | b'\n')
    }

    /// [`sentence`] as it was: byte by byte each way.
    fn sentence_by_bytes(text: &str, start: usize, end: usize, reach: usize) -> &str {
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

    #[test]
    fn a_sentence_is_what_the_byte_walk_found() {
        // Texts of marks, letters and characters of several bytes, long
        // enough to pass memchr's vectors; every span and reach.
        let pieces = ["a", "é", "€", ".", "!", "?", "\n", " ", "mot ", "🙂", "xyzxyzxyzxyzxyzxyz"];
        let mut draws = glaneur_testdata::Draws::new(0x9E37_79B9_7F4A_7C15);
        let mut next = |n: usize| draws.below(n);
        let mut texts: Vec<String> = vec![String::new(), ".".into(), "\n\n".into(), "a".repeat(200)];
        for _ in 0..150 {
            let n = next(60);
            texts.push((0..n).map(|_| pieces[next(pieces.len())]).collect());
        }
        for text in &texts {
            let len = text.len();
            for start in (0..=len + 2).step_by(1 + len / 40) {
                for end in [start, start + 1, start + 7, len, len + 3] {
                    for reach in [0, 1, 2, 5, 33, 300, usize::MAX] {
                        assert_eq!(
                            sentence(text, start, end, reach),
                            sentence_by_bytes(text, start, end, reach),
                            "{text:?} {start} {end} {reach}"
                        );
                    }
                }
            }
        }
    }
}
