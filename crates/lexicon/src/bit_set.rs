//! [`BitSet`]: the cheap first test of a word filter.

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
}
