//! The buffers a thread finds quotations with, kept from one document to
//! the next (and as large as the largest it read, up to a bound):
//! allocated and freed for every document, they cost the allocator more
//! than some of the rules.

use std::cell::RefCell;

pub(crate) use glaneur_text::kept::recycle;
use glaneur_text::kept::{bound, with_kept, Bound};

use crate::attribution::{Attribution, Room};
use crate::found::{OrgRef, PersonRef};
use crate::marks::Quote;

/// A thread's buffers, each empty between documents. Those that hold
/// borrows of a document are kept with a `'static` lifetime and given
/// another by [`recycle`] when they are lent.
#[derive(Default)]
pub(crate) struct Scratch {
    /// The quotations, and those between marks other than `« »`
    /// ([`crate::marks::quotes_into`]).
    pub(crate) quotes: Vec<Quote>,
    pub(crate) other_quotes: Vec<Quote>,
    /// The people and organisations found before.
    pub(crate) persons: Vec<PersonRef<'static>>,
    pub(crate) orgs: Vec<OrgRef<'static>>,
    /// The attribution of each quotation.
    pub(crate) attributions: Vec<Attribution<'static>>,
    /// The rules' own room (the people's names lowered, their fullest
    /// forms, the verbs of a clause, a speaker's description).
    pub(crate) room: Room,
    /// The paragraphs' starts ([`crate::paragraphs::of_in`]).
    pub(crate) paragraph_starts: Vec<usize>,
}

thread_local! {
    /// This thread's [`Scratch`], borrowed while a document is read.
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Scratch {
    /// `read` with this thread's buffers (new ones if they are lent
    /// already), which are then kept for its next document, but those
    /// with room for more than [`KEPT_ROOM`](glaneur_text::kept::KEPT_ROOM)
    /// items (a huge document's).
    pub(crate) fn with<R>(read: impl FnOnce(&mut Scratch) -> R) -> R {
        with_kept(&SCRATCH, read)
    }
}

impl Bound for Scratch {
    fn bound(&mut self) {
        bound(&mut self.quotes);
        bound(&mut self.other_quotes);
        bound(&mut self.persons);
        bound(&mut self.orgs);
        bound(&mut self.attributions);
        self.room.bound();
        bound(&mut self.paragraph_starts);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use glaneur_text::kept::KEPT_ROOM;

    #[test]
    fn a_thread_keeps_its_buffers_but_a_huge_one() {
        Scratch::with(|scratch| {
            scratch.quotes.reserve(100);
            scratch.persons.reserve(KEPT_ROOM + 1);
            // Lent already: new ones.
            Scratch::with(|again| assert_eq!(again.quotes.capacity(), 0));
        });
        Scratch::with(|scratch| assert!(scratch.quotes.capacity() >= 100 && scratch.persons.capacity() == 0));
    }
}
