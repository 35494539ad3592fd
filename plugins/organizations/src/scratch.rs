//! The buffers a thread finds organisations with, kept from one document
//! to the next (and as large as the largest it read, up to a bound):
//! allocated and freed for every document, they were about three in five
//! of the plugin's allocations, and the allocator a tenth of a run's time.

use std::cell::RefCell;

pub(crate) use glaneur_text::kept::{bound, recycle, take_recycled};
use glaneur_text::kept::{with_kept, Bound};
use glaneur_text::SpanSet;

use crate::ambiguity::Decisions;
use crate::gazetteer::Hit;
use crate::unseen::Buffers;
use crate::Mention;

/// A thread's buffers, each empty between documents. Those that hold
/// borrows of a document's text are kept with a `'static` lifetime and
/// given another by [`recycle`] when they are lent.
#[derive(Default)]
pub(crate) struct Scratch {
    /// The gazetteer's hits.
    pub(crate) hits: Vec<Hit>,
    /// The tokens where `unseen`'s word lists may begin, noted by the
    /// gazetteer's pass over the tokens.
    pub(crate) list_starts: Vec<usize>,
    /// The spans of the names `unseen` found (a `Taken`'s).
    pub(crate) taken: SpanSet,
    /// `unseen`'s: the matches of its word lists, the names it found and
    /// their other mentions.
    pub(crate) unseen: Buffers<'static>,
    /// The gazetteer's organisation hits and where each stands.
    pub(crate) decisions: Decisions,
    /// The mentions found.
    pub(crate) mentions: Vec<Mention<'static>>,
}

thread_local! {
    /// This thread's [`Scratch`], borrowed while a document is read (in
    /// place: the struct is not moved in and out for each).
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Scratch {
    /// `read` with this thread's buffers (new ones if they are lent
    /// already), which are then kept for its next document, but those
    /// with room for more than [`KEPT_ROOM`](glaneur_text::kept::KEPT_ROOM) items (a huge document's).
    pub(crate) fn with<R>(read: impl FnOnce(&mut Scratch) -> R) -> R {
        with_kept(&SCRATCH, read)
    }
}

impl Bound for Scratch {
    fn bound(&mut self) {
        bound(&mut self.hits);
        bound(&mut self.list_starts);
        self.taken.bound();
        self.unseen.bound();
        self.decisions.bound();
        bound(&mut self.mentions);
    }
}

#[cfg(test)]
mod tests {

    use super::*;

    use glaneur_text::kept::KEPT_ROOM;

    #[test]
    fn a_thread_keeps_its_buffers_but_a_huge_one() {
        Scratch::with(|scratch| {
            scratch.list_starts.extend(0..100);
            scratch.unseen.names.reserve(KEPT_ROOM + 1);
            // Lent already: new ones.
            Scratch::with(|again| assert_eq!(again.list_starts.capacity(), 0));
        });
        Scratch::with(|scratch| {
            assert!(scratch.list_starts.is_empty() && scratch.list_starts.capacity() >= 100);
            assert_eq!(scratch.unseen.names.capacity(), 0);
        });
    }
}
