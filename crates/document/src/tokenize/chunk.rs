//! Which bytes of a chunk of text are ASCII letters, and which have bit 5
//! set (lower case, for a letter): a bit a byte, read by the tokeniser's
//! runs of letters. SSE2 (in every x86_64) classes sixteen bytes in a few
//! instructions; elsewhere eight bytes are classed as one 64-bit integer.

/// How many bytes are classed at once.
#[cfg(target_arch = "x86_64")]
pub(super) const LEN: usize = 16;
/// How many bytes are classed at once.
#[cfg(not(target_arch = "x86_64"))]
pub(super) const LEN: usize = 8;

/// A chunk's bytes as bits, bit `k` for byte `k`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Masks {
    /// The ASCII letters.
    pub(super) letters: u32,
    /// The bytes with bit 5 set: among letters, the lower-case ones.
    pub(super) lower: u32,
}

/// The masks of a chunk, by SSE2.
#[cfg(target_arch = "x86_64")]
#[inline]
pub(super) fn masks(chunk: &[u8; LEN]) -> Masks {
    use std::arch::x86_64::{
        _mm_add_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8, _mm_slli_epi16,
    };
    // SAFETY: SSE2 is part of x86_64 (the build fails below otherwise), and
    // the unaligned load reads the sixteen bytes `chunk` borrows.
    #[cfg(target_feature = "sse2")]
    let (letters, lower) = unsafe {
        let v = _mm_loadu_si128(chunk.as_ptr().cast());
        // A letter in lower case is from `a` to `z`; moved to -128..=-103
        // it is below -102 in one signed comparison. No other byte lands
        // there: a byte from 0x80 on ORed with 0x20 is at least 0xA0, then
        // 0xBF or more, or past 0xFF to at most 0x1E.
        let lowered = _mm_or_si128(v, _mm_set1_epi8(0x20));
        let moved = _mm_add_epi8(lowered, _mm_set1_epi8((0x80 - b'a') as i8));
        let letters = _mm_cmplt_epi8(moved, _mm_set1_epi8((0x80 + 26 - 256) as i8));
        // Shifted left by two, each byte's bit 5 is its top bit (the bits
        // shifted in from the byte below go no higher than bit 1).
        (_mm_movemask_epi8(letters), _mm_movemask_epi8(_mm_slli_epi16::<2>(v)))
    };
    Masks { letters: letters as u32, lower: lower as u32 }
}

/// The masks of a chunk, as one 64-bit integer.
#[cfg(not(target_arch = "x86_64"))]
#[inline]
pub(super) fn masks(chunk: &[u8; LEN]) -> Masks {
    portable(chunk)
}

/// The masks of eight bytes as one 64-bit integer: each byte's high bit
/// says whether it is a letter, with no carry between bytes (each is at
/// most 0x7F before an addition of at most 0x1F); then the high bits are
/// gathered into the low byte.
#[cfg(any(test, not(target_arch = "x86_64")))]
#[inline]
pub(super) fn portable(chunk: &[u8; 8]) -> Masks {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    let word = u64::from_le_bytes(*chunk);
    let lowered = (word | (ONES * 0x20)) & !HIGH;
    let from_a = lowered + ONES * u64::from(0x80 - b'a');
    let past_z = lowered + ONES * u64::from(0x80 - b'z' - 1);
    let letters = from_a & !past_z & !word & HIGH;
    let lower = (word << 2) & HIGH;
    Masks { letters: gather(letters), lower: gather(lower) }
}

/// The high bit of each byte of `high` (its only bits set) as bit `k` for
/// byte `k`: one multiplication adds each bit shifted to its place in the
/// top byte, with no two landing on the same bit.
#[cfg(any(test, not(target_arch = "x86_64")))]
#[inline]
fn gather(high: u64) -> u32 {
    ((high >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32
}
