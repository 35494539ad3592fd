//! The buffers a document is built in, kept by a caller from one document
//! to the next: allocated and freed for every document, they were the
//! build's five allocations per text.

use glaneur_text::kept::{bound_string_to, bound_to, Bound};

use crate::token::{Bounds, Token};

/// The empty buffers of a [`DocumentBuf`](crate::DocumentBuf), with their
/// room: given to [`DocumentBuf::new_in`](crate::DocumentBuf::new_in) and
/// taken back by [`DocumentBuf::into_room`](crate::DocumentBuf::into_room),
/// so that a thread reading many documents allocates for the first (and
/// the few larger ones) only. `Default` is a room with nothing allocated.
#[derive(Debug, Clone, Default)]
pub struct DocumentRoom {
    pub(crate) folded: String,
    pub(crate) tokens: Vec<Token>,
    pub(crate) breaks: Vec<u32>,
    pub(crate) sentences: Vec<Bounds>,
    pub(crate) paragraphs: Vec<Bounds>,
}

/// The most bytes a buffer keeps when it is given back: a larger one, a
/// huge document's, is freed rather than held until the thread ends.
const KEPT_BYTES: usize = 1 << 20;

impl DocumentRoom {
    /// These buffers emptied, those with room for more than
    /// [`KEPT_BYTES`] freed.
    pub(crate) fn emptied(mut self) -> DocumentRoom {
        self.bound();
        self
    }
}

/// A room a thread keeps ([`glaneur_text::kept::with_kept`]): emptied,
/// those buffers with room for more than `KEPT_BYTES` freed.
impl Bound for DocumentRoom {
    fn bound(&mut self) {
        bound_string_to(&mut self.folded, KEPT_BYTES);
        bound_to(&mut self.tokens, KEPT_BYTES / size_of::<Token>());
        bound_to(&mut self.breaks, KEPT_BYTES / size_of::<u32>());
        bound_to(&mut self.sentences, KEPT_BYTES / size_of::<Bounds>());
        bound_to(&mut self.paragraphs, KEPT_BYTES / size_of::<Bounds>());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DocumentBuf;

    /// A room comes back empty, with its room unless a huge text grew it.
    #[test]
    fn room_kept_but_a_huge_texts() {
        let text = "Le PIB de l’État croît. Nvidia gagne 3 % ! ".repeat(4);
        let room = DocumentBuf::new(&text).expect("small").into_room();
        assert!(room.tokens.is_empty() && room.folded.is_empty() && room.breaks.is_empty());
        assert!(room.sentences.is_empty() && room.paragraphs.is_empty());
        assert!(room.tokens.capacity() > 0 && room.folded.capacity() > 0 && room.breaks.capacity() > 0);
        let huge = text.repeat(KEPT_BYTES / text.len() + 1);
        let room = DocumentBuf::new_in(&huge, room).expect("fits").into_room();
        // Its tokens (20 bytes each) took more than the bound, its folded
        // forms (a fourth of its bytes) not.
        assert_eq!(room.tokens.capacity(), 0);
        assert!(room.folded.capacity() > text.len(), "a bound for each buffer");
    }
}
