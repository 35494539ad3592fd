//! [`BitSet`]: the cheap first test of a word filter; [`KeySet`], one
//! over 16-bit keys.

/// A set of the numbers below `64 * WORDS`, one bit each: a word filter
/// keyed by a few of a word's bytes (its length and end bytes, the key of
/// its folded form) refuses most words by one bit before they are read to
/// their end or looked up.
#[derive(Debug, Clone)]
pub struct BitSet<const WORDS: usize>(Box<[u64; WORDS]>);

impl<const WORDS: usize> BitSet<WORDS> {
    /// The set of `numbers`, each below `64 * WORDS`.
    pub fn new(numbers: impl IntoIterator<Item = usize>) -> Self {
        let mut bits = Box::new([0; WORDS]);
        for n in numbers {
            bits[n / 64] |= 1 << (n % 64);
        }
        BitSet(bits)
    }

    /// Whether `n`, below `64 * WORDS`, is in the set.
    #[inline]
    pub fn contains(&self, n: usize) -> bool {
        self.0[n / 64] & (1 << (n % 64)) != 0
    }
}

/// A set of 16-bit keys, one bit each: the Document's form keys of a few
/// word lists, so that a word whose key's bit is clear is told to be in
/// none of them by one bit test on the key its token carries.
pub type KeySet = BitSet<{ (1 << u16::BITS) / 64 }>;

impl KeySet {
    /// The set of `keys`.
    pub fn of_keys(keys: impl IntoIterator<Item = u16>) -> KeySet {
        BitSet::new(keys.into_iter().map(usize::from))
    }

    /// Whether `key` is in the set.
    #[inline]
    pub fn admits(&self, key: u16) -> bool {
        self.contains(usize::from(key))
    }
}

#[cfg(test)]
mod tests {
    use super::BitSet;

    #[test]
    fn holds_exactly_the_numbers_it_was_given() {
        let given = [0, 1, 63, 64, 65, 127, 200, 255];
        let set: BitSet<4> = BitSet::new(given);
        for n in 0..256 {
            assert_eq!(set.contains(n), given.contains(&n), "{n}");
        }
    }

    #[test]
    fn a_key_set_admits_exactly_its_keys() {
        let given = [0, 1, 63, 64, 4_096, u16::MAX];
        let set = super::KeySet::of_keys(given);
        for key in 0..=u16::MAX {
            assert_eq!(set.admits(key), given.contains(&key), "{key}");
        }
    }
}
