//! A table of words (as bytes), each with a value, for the lists a plugin
//! asks about nearly every word (people's first names and gender
//! exceptions, organizations' cue nouns and function words). Open
//! addressing by a multiplicative hash of a word's length and its first
//! and last bytes (eight at most at each end, read in a few loads), then
//! one comparison: what a `HashMap` or a hash set did with a general
//! hasher and its probing, at a third of the cost.

/// Words and their values; a quarter of the slots at most are taken.
#[derive(Debug, Clone)]
pub struct WordTable<V> {
    /// Per slot, one plus the index of an entry in `entries`, or 0 for
    /// none; a word sits at its hash's slot or in the next free one.
    slots: Box<[u32]>,
    /// The shift that leaves a hash's top bits, a slot's index.
    shift: u32,
    entries: Vec<(Box<[u8]>, V)>,
}

/// A word's hash: its length and up to its first and last eight bytes,
/// mixed by a multiplication whose top bits each byte reaches.
#[inline]
fn hash(word: &[u8]) -> u64 {
    let n = word.len();
    let ends = match (word.first_chunk::<8>(), word.last_chunk::<8>()) {
        (Some(&head), Some(&tail)) => u64::from_le_bytes(head) ^ u64::from_le_bytes(tail).rotate_left(29),
        _ => match (word.first_chunk::<4>(), word.last_chunk::<4>()) {
            (Some(&head), Some(&tail)) => {
                u64::from(u32::from_le_bytes(head)) | u64::from(u32::from_le_bytes(tail)) << 32
            }
            _ => word.iter().fold(0, |h, &b| h << 8 | u64::from(b)),
        },
    };
    (ends ^ (n as u64).rotate_right(8)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl<V> WordTable<V> {
    /// The table of `words`; of a word given twice, the first value counts.
    pub fn new<W: AsRef<[u8]>>(words: impl IntoIterator<Item = (W, V)>) -> Self {
        let words: Vec<(W, V)> = words.into_iter().collect();
        let log_slots = (words.len() * 4).next_power_of_two().max(16).trailing_zeros();
        let mut table = WordTable {
            slots: vec![0; 1 << log_slots].into_boxed_slice(),
            shift: 64 - log_slots,
            entries: Vec::with_capacity(words.len()),
        };
        let mask = table.slots.len() - 1;
        for (word, value) in words {
            let word = word.as_ref();
            let mut slot = table.slot_of(word);
            loop {
                match (table.slots[slot] as usize).checked_sub(1) {
                    // Given before: the first value stays.
                    Some(index) if *table.entries[index].0 == *word => break,
                    Some(_) => slot = (slot + 1) & mask,
                    None => {
                        table.entries.push((word.into(), value));
                        table.slots[slot] = table.entries.len() as u32;
                        break;
                    }
                }
            }
        }
        table
    }

    /// The slot where the search for `word` starts.
    #[inline]
    fn slot_of(&self, word: &[u8]) -> usize {
        (hash(word) >> self.shift) as usize
    }

    /// The value of `word`, if it is in the table.
    #[inline]
    pub fn get(&self, word: &[u8]) -> Option<&V> {
        let mask = self.slots.len() - 1;
        let mut slot = self.slot_of(word);
        loop {
            // A free slot ends the search: there is always one.
            let index = (*self.slots.get(slot)? as usize).checked_sub(1)?;
            let (entry, value) = &self.entries[index];
            if **entry == *word {
                return Some(value);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Whether `word` is in the table.
    #[inline]
    pub fn contains(&self, word: &[u8]) -> bool {
        self.get(word).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::collections::HashMap;

    #[test]
    fn words_are_found_as_a_hash_map_finds_them() {
        // Words of every length, sharing ends, accented, repeated: every
        // word of up to three pieces, some in the table, every one asked.
        let pieces = ["a", "é", "Jean", "-", "ne", "Marie", "x", "ss", "Zoé"];
        let mut words = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> =
                words.iter().flat_map(|w| pieces.iter().map(move |p| format!("{w}{p}"))).collect();
            words.extend(longer);
        }
        for every in [usize::MAX, 97, 7, 2, 1] {
            let given: Vec<(&str, usize)> = words
                .iter()
                .enumerate()
                .filter(|(i, _)| i % every == 3 % every)
                .map(|(i, w)| (w.as_str(), i))
                .collect();
            let mut expected: HashMap<&str, usize> = HashMap::new();
            for &(w, i) in &given {
                expected.entry(w).or_insert(i);
            }
            let table = WordTable::new(given.iter().copied());
            for w in &words {
                assert_eq!(table.get(w.as_bytes()), expected.get(w.as_str()), "{w:?}");
            }
        }
    }
}
