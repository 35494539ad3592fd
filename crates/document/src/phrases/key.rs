//! What [`Phrases`](super::Phrases) hashes a word by: its length and its
//! first and last two bytes, cheap to read and, unlike one byte at each
//! end, enough to tell most common words from the lists' first words.

/// A word's length and first and last two bytes (all of a word of four
/// bytes or fewer), packed, and their multiplicative hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Key {
    /// The packed bytes and length: equal for equal words.
    pub(super) packed: u64,
    /// `packed` hashed, its top bits mixing every byte of it.
    pub(super) hash: u64,
}

impl Key {
    /// The key of a word's (folded) bytes.
    #[inline]
    pub(super) fn of(bytes: &[u8]) -> Key {
        let ends = match (bytes.first_chunk::<2>(), bytes.last_chunk::<2>()) {
            (Some(&head), Some(&tail)) => {
                u64::from(u16::from_le_bytes(head)) | u64::from(u16::from_le_bytes(tail)) << 16
            }
            _ => bytes.first().map_or(0, |&b| u64::from(b)),
        };
        let packed = ends | (bytes.len() as u64) << 32;
        Key { packed, hash: packed.wrapping_mul(0x9E37_79B9_7F4A_7C15) }
    }

    /// The top `bits` bits of the hash, an index into a table of
    /// `1 << bits` entries.
    #[inline]
    pub(super) fn top(self, bits: u32) -> usize {
        (self.hash >> (64 - bits)) as usize
    }
}
