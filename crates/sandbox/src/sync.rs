//! Mutex locking that survives a panic in another holder.
//!
//! The emulators keep plain data behind their mutexes; a panicking test thread
//! must not take every later request down with it, so a poisoned lock hands
//! back the data as it was left.

use std::sync::{Mutex, MutexGuard, PoisonError};

/// Locks `mutex`, recovering the inner value if a previous holder panicked.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
