//! The first-name lexicon, asked about every capitalised word of a text:
//! most are no first name, and a sketch says so before any hashing.

use glaneur_lexicon::WordTable;

/// A set of first names, with a sketch of them in front.
pub(crate) struct FirstNames {
    names: WordTable<()>,
    /// One bit per [`sketch_index`], set for each name's: a word whose
    /// bit is clear is no name (most capitalised words of news).
    sketch: Box<[u64; SKETCH_BITS / 64]>,
}

const SKETCH_BITS: usize = 1 << 16;

/// Where a word falls in the sketch: its first two bytes, last byte and
/// length, mixed by a multiplicative hash whose top 16 bits each byte
/// reaches (keeping low bits of each byte alone let names starting with
/// `A`, `E`, `I`, `M` share bits, and most capitalised words passed).
fn sketch_index(word: &[u8]) -> Option<usize> {
    let (&first, &last) = (word.first()?, word.last()?);
    let second = word.get(1).copied().unwrap_or(0);
    let key = u64::from(first) | u64::from(second) << 8 | u64::from(last) << 16 | (word.len() as u64) << 24;
    Some((key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SKETCH_BITS.trailing_zeros())) as usize)
}

impl FirstNames {
    /// The set of `names`.
    pub(crate) fn new(names: impl IntoIterator<Item = String>) -> Self {
        let names: Vec<String> = names.into_iter().collect();
        let mut sketch = Box::new([0u64; SKETCH_BITS / 64]);
        for i in names.iter().filter_map(|n| sketch_index(n.as_bytes())) {
            sketch[i / 64] |= 1 << (i % 64);
        }
        FirstNames { names: WordTable::new(names.iter().map(|n| (n, ()))), sketch }
    }

    /// Whether `word` (its bytes) is one of the names.
    #[inline]
    pub(crate) fn contains(&self, word: &[u8]) -> bool {
        sketch_index(word).is_some_and(|i| self.sketch[i / 64] & (1 << (i % 64)) != 0) && self.listed(word)
    }

    /// Whether `word`, which the sketch (or another filter of the names,
    /// [`crate::form_keys::FormKeys`]) let through, is one of the names: a
    /// call, so that the test inlined at every capitalised word stays the
    /// filter's.
    #[inline(never)]
    pub(crate) fn listed(&self, word: &[u8]) -> bool {
        self.names.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sketch_lets_every_name_through() {
        let names = FirstNames::new(["Léa", "Jean", "Zoé", "A", "Anne-Sophie"].map(String::from));
        for name in ["Léa", "Jean", "Zoé", "A", "Anne-Sophie"] {
            assert!(names.contains(name.as_bytes()), "{name}");
        }
        for word in ["", "Le", "Jeanne", "Jea", "B", "Microsoft"] {
            assert!(!names.contains(word.as_bytes()), "{word}");
        }
    }
}
