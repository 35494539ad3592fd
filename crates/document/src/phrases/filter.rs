//! A set of bits indexed by the hash of a word's [`Key`]: a word whose bit
//! is clear is no phrase's first word, and is refused with one test.

use super::key::Key;

/// One bit per hash value (its top [`Filter::LOG_BITS`] bits), set for the
/// first words; 4 KiB, so that it stays in the cache across a text.
#[derive(Debug, Clone)]
pub(super) struct Filter(Box<[u64; Filter::WORDS]>);

impl Filter {
    const LOG_BITS: u32 = 15;
    const WORDS: usize = (1 << Filter::LOG_BITS) / 64;

    /// An empty filter.
    pub(super) fn new() -> Self {
        Filter(Box::new([0; Filter::WORDS]))
    }

    /// Sets the bit of `key`.
    pub(super) fn insert(&mut self, key: Key) {
        let bit = key.top(Filter::LOG_BITS);
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    /// Whether the bit of `key` is set: false for most words that start no
    /// phrase.
    #[inline]
    pub(super) fn may_contain(&self, key: Key) -> bool {
        let bit = key.top(Filter::LOG_BITS);
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }
}
