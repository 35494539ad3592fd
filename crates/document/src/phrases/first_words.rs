//! The phrases by their first word: a table of the first words' folded
//! forms, open-addressed by their [`Key`]s, read only for the words the
//! filter lets through.

use super::key::Key;

/// The first words, each with the phrases it starts.
#[derive(Debug, Clone)]
pub(super) struct FirstWords {
    /// Per slot, one plus the index of a word in `words`, or 0 for none;
    /// a word sits at the top bits of its key's hash or in the next free
    /// slot (linear probing), and a quarter of the slots at most are taken.
    slots: Box<[u32]>,
    /// The base-two logarithm of `slots.len()`.
    log_slots: u32,
    words: Vec<FirstWord>,
}

/// A first word and the phrases it starts.
#[derive(Debug, Clone)]
struct FirstWord {
    key: u64,
    form: Box<[u8]>,
    phrases: Vec<u32>,
}

impl FirstWords {
    /// The table of `words`: (folded form, phrases), each form once.
    pub(super) fn new(words: impl IntoIterator<Item = (Box<[u8]>, Vec<u32>)>) -> Self {
        let words: Vec<FirstWord> =
            words.into_iter().map(|(form, phrases)| FirstWord { key: Key::of(&form).packed, form, phrases }).collect();
        let log_slots = (words.len() * 4).next_power_of_two().max(16).trailing_zeros();
        let mut slots = vec![0; 1 << log_slots].into_boxed_slice();
        let mask = slots.len() - 1;
        for (index, word) in words.iter().enumerate() {
            let mut slot = Key::of(&word.form).top(log_slots);
            while slots[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            slots[slot] = index as u32 + 1;
        }
        FirstWords { slots, log_slots, words }
    }

    /// The phrases whose first word is `form` (whose key is `key`), if any.
    #[inline]
    pub(super) fn get(&self, key: Key, form: &[u8]) -> Option<&[u32]> {
        let mask = self.slots.len() - 1;
        let mut slot = key.top(self.log_slots);
        loop {
            // A free slot ends the probe: there is always one.
            let index = (*self.slots.get(slot)? as usize).checked_sub(1)?;
            let word = &self.words[index];
            if word.key == key.packed && *word.form == *form {
                return Some(&word.phrases);
            }
            slot = (slot + 1) & mask;
        }
    }
}
