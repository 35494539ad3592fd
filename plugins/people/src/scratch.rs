//! The buffers a thread finds people with, kept from one document to the
//! next (and as large as the largest it read, up to a bound): allocated
//! and freed for every document, they cost more than some of the rules.

use std::cell::RefCell;
use std::ops::Range;

pub(crate) use glaneur_text::kept::recycle;
use glaneur_text::kept::{bound, with_kept, Bound};

use crate::recent_genders::RecentGenders;
use crate::roles::{Role, RoleBuffers};
use crate::words::Word;
use crate::Mention;

/// A thread's buffers, each empty between documents. Those that hold
/// borrows of a document's text are kept with a `'static` lifetime and
/// given another by [`recycle`] when they are lent.
#[derive(Default)]
pub(crate) struct Scratch {
    /// The capitalised tokens.
    pub(crate) capitalised: Vec<usize>,
    /// The token windows where the roles are looked up, and the roles.
    pub(crate) windows: Vec<Range<usize>>,
    pub(crate) roles: Vec<Role>,
    /// The buffers the roles are found in.
    pub(crate) role_buffers: RoleBuffers,
    /// The words read at a candidate.
    pub(crate) words: Vec<Word<'static>>,
    /// The mentions found, and the canonical of each.
    pub(crate) found: Vec<Mention<'static>>,
    pub(crate) canonical: Vec<usize>,
    /// The spans of the organisations and models found before, and their
    /// running maximum ends (a `Taken`).
    pub(crate) taken: (Vec<(usize, usize)>, Vec<usize>),
    /// The same of the names found (a `Taken` for the surnames alone).
    pub(crate) covered: (Vec<(usize, usize)>, Vec<usize>),
    /// The surnames of the full names, each with where it was first seen.
    pub(crate) seen: Vec<(&'static str, usize)>,
    /// The fullest forms' buffers: each mention's surname and first name,
    /// the mentions in their order, the longest of a group.
    pub(crate) keys: Vec<(&'static str, Option<&'static str>)>,
    pub(crate) order: Vec<usize>,
    pub(crate) longest: Vec<usize>,
    /// The length of each mention's first name (`names::first_name`),
    /// found with its fullest form.
    pub(crate) first_names: Vec<Option<usize>>,
    /// The genders of the first names guessed lately, kept across
    /// documents (a bounded cache, not a buffer).
    pub(crate) genders: RecentGenders,
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
        bound(&mut self.capitalised);
        bound(&mut self.windows);
        bound(&mut self.roles);
        self.role_buffers.bound();
        bound(&mut self.words);
        bound(&mut self.found);
        bound(&mut self.canonical);
        bound(&mut self.taken.0);
        bound(&mut self.taken.1);
        bound(&mut self.covered.0);
        bound(&mut self.covered.1);
        bound(&mut self.seen);
        bound(&mut self.keys);
        bound(&mut self.order);
        bound(&mut self.longest);
        bound(&mut self.first_names);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use glaneur_text::kept::KEPT_ROOM;

    #[test]
    fn a_thread_keeps_its_buffers_but_a_huge_one() {
        Scratch::with(|scratch| {
            scratch.order.reserve(100);
            scratch.longest.reserve(KEPT_ROOM + 1);
            // Lent already: new ones.
            Scratch::with(|again| assert_eq!(again.order.capacity(), 0));
        });
        Scratch::with(|scratch| assert!(scratch.order.capacity() >= 100 && scratch.longest.capacity() == 0));
    }
}
