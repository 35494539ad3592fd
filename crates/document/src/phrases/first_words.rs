//! The phrases by their first word: a table of the first words' folded
//! forms, open-addressed by their [form keys](crate::form_key), read only
//! for the words the filter lets through.

use super::same_bytes::same_bytes;
use crate::form_key::form_key;

/// The first words, each with the phrases it starts.
#[derive(Debug, Clone)]
pub(super) struct FirstWords {
    /// Per slot, one plus the index of a word in `words`, or 0 for none;
    /// a word sits at the slot its key's top bits give or in the next free
    /// one (linear probing), and a quarter of the slots at most are taken.
    slots: Box<[u32]>,
    /// The base-two logarithm of `slots.len()`.
    log_slots: u32,
    words: Vec<FirstWord>,
}

/// A first word and the phrases it starts.
#[derive(Debug, Clone)]
struct FirstWord {
    key: u16,
    form: Box<[u8]>,
    phrases: Vec<u32>,
}

impl FirstWords {
    /// The table of `words`: (folded form, phrases), each form once.
    pub(super) fn new(words: impl IntoIterator<Item = (Box<[u8]>, Vec<u32>)>) -> Self {
        let words: Vec<FirstWord> =
            words.into_iter().map(|(form, phrases)| FirstWord { key: form_key(&form), form, phrases }).collect();
        let log_slots = (words.len() * 4).next_power_of_two().max(16).trailing_zeros();
        let mut slots = vec![0; 1 << log_slots].into_boxed_slice();
        let mask = slots.len() - 1;
        for (index, word) in words.iter().enumerate() {
            let mut slot = home(word.key, log_slots);
            while slots[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            slots[slot] = index as u32 + 1;
        }
        FirstWords { slots, log_slots, words }
    }

    /// The phrases whose first word is `form` (whose key is `key`), if any.
    #[inline]
    pub(super) fn get(&self, key: u16, form: &[u8]) -> Option<&[u32]> {
        let mask = self.slots.len() - 1;
        let mut slot = home(key, self.log_slots);
        loop {
            // A free slot ends the probe: there is always one.
            let index = (*self.slots.get(slot)? as usize).checked_sub(1)?;
            let word = &self.words[index];
            if word.key == key && same_bytes(&word.form, form) {
                return Some(&word.phrases);
            }
            slot = (slot + 1) & mask;
        }
    }
}

/// The slot of a table of `1 << log_slots` where a word of key `key` is
/// looked for first: the key's top bits, or the key spread over a table
/// of more than `1 << 16` slots.
#[inline]
fn home(key: u16, log_slots: u32) -> usize {
    (usize::from(key) << log_slots) >> u16::BITS
}
