//! The buffers a thread finds people with, kept from one document to the
//! next (and as large as the largest it read, up to a bound): allocated
//! and freed for every document, they cost more than some of the rules.

use std::cell::RefCell;
use std::ops::Range;

use crate::recent_genders::RecentGenders;
use crate::roles::Role;
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
    /// with room for more than [`KEPT_ROOM`] items (a huge document's).
    pub(crate) fn with<R>(read: impl FnOnce(&mut Scratch) -> R) -> R {
        SCRATCH.with(|kept| match kept.try_borrow_mut() {
            Ok(mut scratch) => {
                let result = read(&mut scratch);
                scratch.bound();
                result
            }
            Err(_) => read(&mut Scratch::default()),
        })
    }

    /// Frees the buffers with room for more than [`KEPT_ROOM`] items.
    fn bound(&mut self) {
        bound(&mut self.capitalised);
        bound(&mut self.windows);
        bound(&mut self.roles);
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

/// Frees `items` if it holds room for more than [`KEPT_ROOM`] items.
fn bound<T>(items: &mut Vec<T>) {
    if items.capacity() > KEPT_ROOM {
        *items = Vec::new();
    }
}

/// The most items a buffer keeps room for past a document: a huge
/// document's are freed rather than held by the thread.
const KEPT_ROOM: usize = 1 << 14;

/// `items` emptied, with its room for items of another lifetime, of the
/// same size.
#[allow(clippy::unnecessary_filter_map, reason = "the map changes the items' type, which a filter keeps")]
pub(crate) fn recycle<T, U>(mut items: Vec<T>) -> Vec<U> {
    items.clear();
    // Collected from an empty iterator into its own allocation (the
    // standard library collects a vector's own iterator in place when the
    // items are of the same size and alignment).
    items.into_iter().filter_map(|_| None).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recycled_buffers_keep_their_room() {
        let text = String::from("Jean Garnier");
        let mut words: Vec<Word<'_>> = Vec::with_capacity(24);
        words.push(Word { text: &text, start: 0, end: text.len() });
        let kept: Vec<Word<'static>> = recycle(words);
        assert_eq!((kept.len(), kept.capacity()), (0, 24));
    }

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
