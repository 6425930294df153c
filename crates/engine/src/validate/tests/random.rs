//! A small, fixed-seed source of numbers for the tests that compare a fast path with a
//! general one on generated strings: the same strings on every run, so a failure repeats.

/// Numbers below `n` from a xorshift generator started at `seed` (not zero).
pub(in crate::validate) fn below(seed: u64) -> impl FnMut(usize) -> usize {
    let mut state = seed;
    move |n| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    }
}
