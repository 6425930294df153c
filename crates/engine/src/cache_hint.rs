//! Asking the processor for memory before it is needed. Rows are written on one core and
//! read on another, and the tables across records are tens of megabytes: where the next
//! item's place is known, asking for it a few items ahead lets the memory answer while
//! the current one is worked on, instead of each access waiting in turn.
//!
//! Only a hint, on x86-64 (where SSE has it on every processor); elsewhere it does
//! nothing and accesses wait for memory as before.

/// How many rows ahead a thread going through a batch of rows asks for a row's memory:
/// the row after next, so memory answers while the one before it is worked on.
pub(crate) const ROWS_AHEAD: usize = 2;

/// The bytes of a cache line.
const LINE: usize = 64;

/// The cache lines holding the first `most_lines` lines' worth of `items`.
#[inline]
pub(crate) fn load_soon_slice<T>(items: &[T], most_lines: usize) {
    let per_line = (LINE / size_of::<T>().max(1)).max(1);
    for line in items.chunks(per_line).take(most_lines) {
        load_soon(line);
    }
}

/// The cache line holding the start of `value`.
#[inline]
pub(crate) fn load_soon<T: ?Sized>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint that reads nothing the program sees and cannot fault,
    // and SSE, which has it, is part of every x86-64 processor.
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>(std::ptr::from_ref(value).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}
