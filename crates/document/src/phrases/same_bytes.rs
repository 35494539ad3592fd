//! Equality of two short byte strings (a word's form and a phrase's),
//! inline: most forms compared are under seventeen bytes, and a call to
//! `bcmp` for each cost more than the comparison, its spills around the
//! call included.

/// Whether `a` and `b` hold the same bytes. Up to sixteen bytes, two
/// loads from each, overlapping (the first and last two, four or eight
/// bytes); longer, `bcmp`.
#[inline(always)]
pub(super) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if n >= 8 {
        if n > 16 {
            return a == b;
        }
        return ends::<8>(a) == ends::<8>(b);
    }
    if n >= 4 {
        return ends::<4>(a) == ends::<4>(b);
    }
    if n >= 2 {
        return ends::<2>(a) == ends::<2>(b);
    }
    a.first() == b.first()
}

/// The first and the last `N` bytes of `bytes` (at least `N` long; both
/// empty otherwise, which the callers rule out).
#[inline(always)]
fn ends<const N: usize>(bytes: &[u8]) -> ([u8; N], [u8; N]) {
    let first = bytes.first_chunk::<N>().copied().unwrap_or([0; N]);
    let last = bytes.last_chunk::<N>().copied().unwrap_or([0; N]);
    (first, last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_are_the_same_as_slices_compare_them() {
        // Every pair of lengths up to twenty, equal or differing at each
        // place in turn.
        for n in 0..=20usize {
            let a: Vec<u8> = (0..n as u8).map(|b| b.wrapping_mul(37).wrapping_add(5)).collect();
            for m in 0..=20usize {
                let b: Vec<u8> = (0..m as u8).map(|b| b.wrapping_mul(37).wrapping_add(5)).collect();
                assert_eq!(same_bytes(&a, &b), a == b, "{n} {m}");
            }
            for at in 0..n {
                let mut b = a.clone();
                b[at] ^= 0x20;
                assert!(!same_bytes(&a, &b), "{n} at {at}");
                assert!(same_bytes(&b, &b.clone()));
            }
        }
    }
}
