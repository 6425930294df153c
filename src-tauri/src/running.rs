//! The plans and pushes this app runs now, by job: each one's cancel flag, so that Cancel
//! reaches it between batches, and a guard so that one job is never planned or pushed twice
//! at once from this app (the store's claim keeps other processes out, but every command of
//! the app is the same process, so it cannot tell two of them apart).

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crate::error::UiError;

/// Every job at work in the app; cheap to clone (one shared map).
#[derive(Debug, Clone, Default)]
pub struct Running {
    jobs: Arc<Mutex<HashMap<i64, Arc<AtomicBool>>>>,
}

/// A job at work; lets go of it when dropped (the work ended, however it ended).
#[derive(Debug)]
pub struct AtWork {
    running: Running,
    job: i64,
    cancel: Arc<AtomicBool>,
}

impl AtWork {
    /// The flag Cancel sets.
    pub fn cancel_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.cancel)
    }
}

impl Drop for AtWork {
    fn drop(&mut self) {
        self.running.lock().remove(&self.job);
    }
}

impl Running {
    /// Marks `job` at work, or says it is already.
    pub fn begin(&self, job: i64) -> Result<AtWork, UiError> {
        let mut jobs = self.lock();
        if jobs.contains_key(&job) {
            return Err(UiError::new(format!(
                "Job {job} is already being planned or sent in this window; wait for it to end, or cancel it first."
            )));
        }
        let cancel = Arc::new(AtomicBool::new(false));
        jobs.insert(job, Arc::clone(&cancel));
        Ok(AtWork {
            running: self.clone(),
            job,
            cancel,
        })
    }

    /// Asks the work on `job` to stop after the batch in flight; false when the app does
    /// not work on it.
    pub fn cancel(&self, job: i64) -> bool {
        match self.lock().get(&job) {
            Some(flag) => {
                flag.store(true, Ordering::SeqCst);
                true
            }
            None => false,
        }
    }

    /// Whether the app works on `job` now.
    pub fn is_running(&self, job: i64) -> bool {
        self.lock().contains_key(&job)
    }

    // Inserts and removes are single calls: a panic elsewhere leaves the map whole.
    fn lock(&self) -> MutexGuard<'_, HashMap<i64, Arc<AtomicBool>>> {
        self.jobs.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
