//! A small deterministic generator (xorshift) for the tests' random
//! inputs, without a dependency.

/// Numbers from `state`, each below the bound it is asked with.
pub(crate) fn numbers(mut state: u64) -> impl FnMut(usize) -> usize {
    move |below| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % below as u64) as usize
    }
}
