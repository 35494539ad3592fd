//! A word's form key: sixteen bits hashed from its folded form's first
//! eight bytes and length. The tokeniser stores it in each word's token,
//! so that a word list's first question about a word (might it start a
//! phrase?) is a load and a bit test in every plugin's every scan, not a
//! reading of the word.
//!
//! The host computes the keys and the plugins compare them with their own:
//! the definition is part of the plugin interface, and changes only with
//! its version (abi_stable checks the layout, not what the bits mean).

/// The key of `form`, a folded form: that of a word token's folded form
/// ([`crate::Token::form_key`]) when they are the same. A plugin keeps the
/// keys of the words it looks for in its own filter, and refuses most word
/// tokens by their stored key before it reads them.
pub fn key_of_form(form: &str) -> u16 {
    form_key(form.as_bytes())
}

/// The key of a folded form: its first eight bytes (all of a shorter
/// one) and its length, hashed. Equal forms have equal keys, and no form
/// has key 0 (a token that is not a word has it in its stead).
#[inline]
pub(crate) fn form_key(form: &[u8]) -> u16 {
    let head = match form.first_chunk::<8>() {
        Some(&first8) => u64::from_le_bytes(first8),
        None => form.iter().rev().fold(0, |head, &b| head << 8 | u64::from(b)),
    };
    form_key_of_head(head, form.len())
}

/// The key of the form `bytes[start..end]`, its first eight bytes loaded
/// at once where `bytes` has eight from `start`.
#[inline]
pub(crate) fn form_key_at(bytes: &[u8], start: usize, end: usize) -> u16 {
    match bytes.get(start..).and_then(<[u8]>::first_chunk::<8>) {
        Some(&first8) => form_key_of_first8(u64::from_le_bytes(first8), end - start),
        None => form_key(&bytes[start..end]),
    }
}

/// The key of a form of `len` bytes from eight bytes loaded at its start,
/// little-endian, with whatever follows it.
#[inline]
pub(crate) fn form_key_of_first8(first8: u64, len: usize) -> u16 {
    form_key_of_head(head(first8, len), len)
}

/// A form's first eight bytes (all of a shorter one, then zeros), from
/// eight loaded at its start, little-endian, with whatever follows it: the
/// bytes past the form masked off. What the key hashes, and what the
/// language guess looks its function words up by.
#[inline]
pub(crate) fn head(first8: u64, len: usize) -> u64 {
    first8 & OWN_BYTES[len.min(8)]
}

/// For a form of `n` bytes (up to eight), the bits of its own bytes in
/// eight loaded from its start.
static OWN_BYTES: [u64; 9] = {
    let mut masks = [0; 9];
    let mut n = 1;
    while n <= 8 {
        masks[n] = u64::MAX >> (64 - 8 * n);
        n += 1;
    }
    masks
};

/// The key of a form of `len` bytes whose [`head`] is `head`: the top
/// bits of a multiplicative hash, odd (never 0).
#[inline]
pub(crate) const fn form_key_of_head(head: u64, len: usize) -> u16 {
    ((head ^ len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as u16 | 1
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{form_key, form_key_at, form_key_of_first8};

    proptest! {
        /// The key from eight bytes loaded at a form's start, whatever
        /// follows it, is the form's; and no form has key 0.
        #[test]
        fn keys_read_eight_bytes_at_once_as_the_form(
            form in prop::collection::vec(any::<u8>(), 0..20),
            after in prop::collection::vec(any::<u8>(), 0..10),
        ) {
            let key = form_key(&form);
            prop_assert_ne!(key, 0);
            let bytes = [&form[..], &after[..]].concat();
            prop_assert_eq!(form_key_at(&bytes, 0, form.len()), key);
            let mut first8 = [0; 8];
            for (b, &byte) in first8.iter_mut().zip(&bytes) {
                *b = byte;
            }
            prop_assert_eq!(form_key_of_first8(u64::from_le_bytes(first8), form.len()), key);
        }
    }

    /// Forms that differ in a byte of their first eight, or in length, have
    /// different keys, here at least.
    #[test]
    fn keys_tell_near_forms_apart() {
        let forms: [&[u8]; 6] = [b"de", b"des", b"dg", b"directeur", b"directeurs", b"directrice"];
        for (i, a) in forms.iter().enumerate() {
            for b in &forms[i + 1..] {
                assert_ne!(form_key(a), form_key(b), "{a:?} {b:?}");
            }
        }
    }
}
