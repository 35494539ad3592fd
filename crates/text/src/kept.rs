//! Vectors a thread keeps from one document to the next. Allocated and
//! freed for every document, a plugin's working vectors cost more than
//! some of its rules (the allocator was about a tenth of a run's wall
//! time); kept, they cost nothing after the first documents. A huge
//! document's room is freed rather than held by the thread.

use std::cell::RefCell;
use std::thread::LocalKey;

/// The most items a kept vector keeps room for past a document.
pub const KEPT_ROOM: usize = 1 << 14;

/// What a thread keeps: buffers that free a huge document's room after it.
pub trait Bound {
    /// Empties the buffers, and frees the room of those that hold more
    /// than [`KEPT_ROOM`] items.
    fn bound(&mut self);
}

impl<T> Bound for Vec<T> {
    fn bound(&mut self) {
        bound(self);
    }
}

/// A string's room is bounded in bytes, as a vector's is in items.
impl Bound for String {
    fn bound(&mut self) {
        bound_string_to(self, KEPT_ROOM);
    }
}

/// Runs `read` with the buffers `kept` holds for this thread, then bounds
/// them and keeps them for the thread's next document. A caller up the
/// stack may hold them already (a plugin called again from within itself):
/// `read` then gets new ones.
pub fn with_kept<S: Default + Bound, R>(kept: &'static LocalKey<RefCell<S>>, read: impl FnOnce(&mut S) -> R) -> R {
    kept.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buffers) => {
            let result = read(&mut buffers);
            buffers.bound();
            result
        }
        Err(_) => read(&mut S::default()),
    })
}

/// Empties `items`, and frees its room if it holds more than
/// [`KEPT_ROOM`] items.
pub fn bound<T>(items: &mut Vec<T>) {
    bound_to(items, KEPT_ROOM);
}

/// Empties `items`, and frees its room if it holds more than `most` items:
/// [`bound`] for a caller with a bound of its own.
pub fn bound_to<T>(items: &mut Vec<T>, most: usize) {
    if items.capacity() > most {
        *items = Vec::new();
    } else {
        items.clear();
    }
}

/// Empties `text`, and frees its room if it holds more than `most` bytes:
/// [`bound_to`] for a string.
pub fn bound_string_to(text: &mut String, most: usize) {
    if text.capacity() > most {
        *text = String::new();
    } else {
        text.clear();
    }
}

/// `items` emptied, its room freed if it holds more than [`KEPT_ROOM`]
/// items.
pub fn bounded<T>(mut items: Vec<T>) -> Vec<T> {
    bound(&mut items);
    items
}

/// `items` emptied, as items of another type, its room kept when the two
/// have the same size and alignment: in practice the same type with
/// another lifetime, so that a vector of one document's borrows can be
/// kept for the next document's.
#[allow(clippy::unnecessary_filter_map, reason = "the map changes the items' type, which a filter keeps")]
pub fn recycle<T, U>(mut items: Vec<T>) -> Vec<U> {
    items.clear();
    // Collected from an empty iterator into its own allocation (the
    // standard library collects a vector's own iterator in place when the
    // items are of the same size and alignment).
    items.into_iter().filter_map(|_| None).collect()
}

/// The items of a kept vector, taken out of it (`std::mem::take`) and
/// [`recycle`]d to another lifetime: a buffer lent to one document, which
/// its caller puts back, recycled again, when it is done.
pub fn take_recycled<T, U>(kept: &mut Vec<T>) -> Vec<U> {
    recycle(std::mem::take(kept))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recycled_items_keep_their_room() {
        let text = String::from("Jean Garnier");
        let mut words: Vec<&str> = Vec::with_capacity(24);
        words.push(&text);
        let kept: Vec<&'static str> = recycle(words);
        assert_eq!((kept.len(), kept.capacity()), (0, 24));
    }

    #[test]
    fn a_buffer_taken_recycled_keeps_its_room_and_leaves_none() {
        let mut kept: Vec<&'static str> = Vec::with_capacity(24);
        kept.push("Jean");
        let lent: Vec<&str> = take_recycled(&mut kept);
        assert_eq!((lent.len(), lent.capacity()), (0, 24));
        assert_eq!(kept.capacity(), 0);
    }

    thread_local! {
        static KEPT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }

    #[test]
    fn a_thread_keeps_its_buffers_but_a_huge_ones_room() {
        with_kept(&KEPT, |kept| {
            kept.extend([1; 100]);
            // Lent already: new ones.
            with_kept(&KEPT, |again| assert_eq!(again.capacity(), 0));
        });
        with_kept(&KEPT, |kept| {
            assert!(kept.is_empty() && kept.capacity() >= 100);
            kept.reserve(KEPT_ROOM + 1);
        });
        with_kept(&KEPT, |kept| assert_eq!(kept.capacity(), 0));
    }

    #[test]
    fn only_a_huge_documents_room_is_freed() {
        assert_eq!(bounded(Vec::<u8>::with_capacity(KEPT_ROOM)).capacity(), KEPT_ROOM);
        assert_eq!(bounded(Vec::<u8>::with_capacity(KEPT_ROOM + 1)).capacity(), 0);
        let mut items = Vec::<usize>::with_capacity(KEPT_ROOM + 1);
        bound(&mut items);
        assert_eq!(items.capacity(), 0);
    }
}
