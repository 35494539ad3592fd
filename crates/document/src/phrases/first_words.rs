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
pub(super) struct FirstWord {
    key: u16,
    form: Box<[u8]>,
    /// Its phrases, longest first: those of more than one token, then
    /// those of this word alone.
    phrases: Vec<u32>,
    /// How many of `phrases` have more than one token.
    longer: usize,
    /// A bit per second token's form key ([`second_bit`]), set for those
    /// of the longer phrases: a word starts many (`directeur` sixteen
    /// roles), and a next token whose bit is clear continues none of
    /// them, which one test says.
    seconds: u64,
}

impl FirstWord {
    /// The phrases that may start with this word followed by a token of
    /// form key `next` (`None` at the end of the text), longest first:
    /// those of this word alone only, when `next` is no longer phrase's
    /// second token.
    #[inline]
    pub(super) fn phrases_before(&self, next: Option<u16>) -> &[u32] {
        let continues = next.is_some_and(|key| self.seconds & second_bit(key) != 0);
        let from = if continues { 0 } else { self.longer };
        self.phrases.get(from..).unwrap_or_default()
    }

    /// Whether this word starts a phrase of more than one token (whose
    /// second token [`FirstWord::phrases_before`] needs).
    #[inline]
    pub(super) fn starts_longer(&self) -> bool {
        self.longer != 0
    }
}

/// The bit of a second token's form key in [`FirstWord::seconds`]: six
/// of its hashed bits (bit 0 is always set).
#[inline]
fn second_bit(key: u16) -> u64 {
    1 << ((key >> 1) & 63)
}

impl FirstWords {
    /// The table of `words`: (folded form, phrases longest first), each
    /// form once; `second` gives a phrase's second token's form key, or
    /// `None` for a phrase of one token.
    pub(super) fn new(
        words: impl IntoIterator<Item = (Box<[u8]>, Vec<u32>)>,
        second: impl Fn(u32) -> Option<u16>,
    ) -> Self {
        let words: Vec<FirstWord> = words
            .into_iter()
            .map(|(form, phrases)| {
                let seconds: Vec<u16> = phrases.iter().map_while(|&p| second(p)).collect();
                let mask = seconds.iter().fold(0, |mask, &key| mask | second_bit(key));
                FirstWord { key: form_key(&form), form, longer: seconds.len(), seconds: mask, phrases }
            })
            .collect();
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

    /// The first word `form` (whose key is `key`), if it is one.
    #[inline]
    pub(super) fn get(&self, key: u16, form: &[u8]) -> Option<&FirstWord> {
        let mask = self.slots.len() - 1;
        let mut slot = home(key, self.log_slots);
        loop {
            // A free slot ends the probe: there is always one.
            let index = (*self.slots.get(slot)? as usize).checked_sub(1)?;
            let word = &self.words[index];
            if word.key == key && same_bytes(&word.form, form) {
                return Some(word);
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
