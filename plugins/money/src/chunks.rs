//! Cuts a long document into chunks lexed one at a time, so that the items
//! held at once stay bounded (a 50 MB document lexed whole held ~900 MB of
//! tokens) while every amount is read exactly as over the whole document.
//!
//! A chunk owns the anchors in `anchors` and lexes `lexed`, which reaches
//! far enough on both sides for every window around those anchors
//! ([`crate::grammar::Windows`]: 60 bytes back, 180 ahead). Both ends of
//! `anchors`, and the start of `lexed`, are sync points: a space or line
//! break right after a letter or punctuation, where the whole document's
//! tokens and digit runs break too, so tokenising from there gives the
//! same tokens. A text with no sync point is one chunk.

use std::ops::Range;

/// Anchors per chunk, in bytes: small enough that its items are a few
/// megabytes, large enough that the margins lexed twice (~280 bytes at each
/// chunk boundary) are a small share of the work.
const CHUNK: usize = 64 << 10;

/// How far before a chunk's first anchor its windows may start (the
/// window's 60 bytes, with room to spare).
const BACK: usize = 80;

/// How far after the last anchor a window may end (the window's 180 bytes,
/// with room so that a token cut at the end of `lexed` is never in it).
const AHEAD: usize = 200;

/// One chunk of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// The anchors it reads: those starting in this range.
    pub anchors: Range<usize>,
    /// The range it lexes.
    pub lexed: Range<usize>,
}

/// The chunks of `doc`, in order; their `anchors` ranges tile it.
pub fn chunks(doc: &str) -> impl Iterator<Item = Chunk> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= doc.len() {
            return None;
        }
        let end = sync_at_or_after(doc, start.saturating_add(CHUNK)).unwrap_or(doc.len());
        let lexed_start = sync_at_or_before(doc, start.saturating_sub(BACK));
        let lexed_end = glaneur_text::reach_ahead(doc, end, AHEAD);
        let chunk = Chunk { anchors: start..end, lexed: lexed_start..lexed_end };
        start = end;
        Some(chunk)
    })
}

/// Whether `at` is a sync point: ASCII whitespace after an ASCII letter or
/// punctuation (not a digit, which a group space may continue).
fn is_sync(bytes: &[u8], at: usize) -> bool {
    at > 0
        && at < bytes.len()
        && bytes[at].is_ascii_whitespace()
        && bytes[at - 1].is_ascii()
        && !bytes[at - 1].is_ascii_whitespace()
        && !bytes[at - 1].is_ascii_digit()
}

/// The first sync point at or after `at`.
fn sync_at_or_after(doc: &str, at: usize) -> Option<usize> {
    let bytes = doc.as_bytes();
    (at.max(1)..bytes.len()).find(|&i| is_sync(bytes, i))
}

/// The last sync point at or before `at`, else the document's start.
fn sync_at_or_before(doc: &str, at: usize) -> usize {
    let bytes = doc.as_bytes();
    (1..=at.min(bytes.len())).rev().find(|&i| is_sync(bytes, i)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_document_is_one_chunk() {
        let doc = "Microsoft a investi 10 milliards de dollars.";
        assert_eq!(chunks(doc).collect::<Vec<_>>(), [Chunk { anchors: 0..doc.len(), lexed: 0..doc.len() }]);
        assert_eq!(chunks("").count(), 0);
    }

    #[test]
    fn chunks_tile_the_document_and_cut_at_sync_points() {
        let doc = "Le prix : 15 000 euros, puis 2,5 milliards. ".repeat(5000);
        let all: Vec<Chunk> = chunks(&doc).collect();
        assert!(all.len() > 2);
        assert_eq!(all[0].anchors.start, 0);
        assert_eq!(all.last().map(|c| c.anchors.end), Some(doc.len()));
        for pair in all.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            assert_eq!(a.anchors.end, b.anchors.start);
            assert!(is_sync(doc.as_bytes(), b.anchors.start) && is_sync(doc.as_bytes(), b.lexed.start));
            assert!(b.lexed.start + BACK <= b.anchors.start);
            assert!(a.lexed.end >= a.anchors.end + AHEAD - 3);
        }
    }

    #[test]
    fn a_group_space_after_a_digit_is_no_sync_point() {
        let bytes = "a 15 000 b".as_bytes();
        assert!(is_sync(bytes, 1));
        assert!(!is_sync(bytes, 4), "15 000 is one number");
        assert!(!is_sync(bytes, 0) && !is_sync(bytes, bytes.len()));
    }

    #[test]
    fn a_text_without_sync_points_is_one_chunk() {
        let doc = "1234567890".repeat(20_000);
        assert_eq!(chunks(&doc).count(), 1);
    }
}
