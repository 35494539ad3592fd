//! A set of bits indexed by a word's [form key](crate::form_key): a word
//! whose bit is clear is no phrase's first word, and is refused with one
//! test.

/// One bit per form key, set for the first words; 8 KiB, so that it stays
/// in the cache across a text. The bit of key 0, that of the tokens that
/// are not words, is never set: no form has that key.
#[derive(Debug, Clone)]
pub(super) struct Filter(Box<[u64; Filter::WORDS]>);

impl Filter {
    const WORDS: usize = (1 << u16::BITS) / 64;

    /// An empty filter.
    pub(super) fn new() -> Self {
        Filter(Box::new([0; Filter::WORDS]))
    }

    /// Sets the bit of `key`.
    pub(super) fn insert(&mut self, key: u16) {
        let key = usize::from(key);
        self.0[key / 64] |= 1 << (key % 64);
    }

    /// Whether the bit of `key` is set: false for most words that start no
    /// phrase.
    #[inline]
    pub(super) fn may_contain(&self, key: u16) -> bool {
        let key = usize::from(key);
        self.0[key / 64] & (1 << (key % 64)) != 0
    }
}
