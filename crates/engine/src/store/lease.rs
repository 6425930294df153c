//! Who works on a job: one process at a time. The desktop app and the CLI may both try to
//! resume the same job; the first to claim it wins, the other is told who has it.
//!
//! A claim names its owner as "pid@host" and is renewed after every batch. A claim whose
//! process is gone (same host, no such process) or that has not been renewed for
//! [`STALE_AFTER`] seconds is free again, so a killed job can be resumed at once.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError, now};

/// Seconds after which an unrenewed claim from another host is taken to be abandoned.
pub const STALE_AFTER: i64 = 120;

/// This process as an owner: "pid@host".
pub fn this_process() -> String {
    format!("{}@{}", std::process::id(), host())
}

fn host() -> String {
    std::env::var("HOSTNAME")
        .ok()
        .filter(|h| !h.is_empty())
        .or_else(|| {
            std::fs::read_to_string("/etc/hostname")
                .ok()
                .map(|h| h.trim().to_string())
        })
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "this-computer".to_string())
}

/// Whether a job's claim, by `owner` last renewed at `seen`, still holds: false when no
/// one claims it.
pub(super) fn claim_holds(owner: Option<&str>, seen: Option<i64>) -> bool {
    owner.is_some_and(|owner| holds(owner, seen.unwrap_or(0)))
}

/// Whether the claim of `owner`, last renewed at `seen`, still holds.
fn holds(owner: &str, seen: i64) -> bool {
    if let Some((pid, owner_host)) = owner.split_once('@')
        && owner_host == host()
        && let Ok(pid) = pid.parse::<u32>()
    {
        return process_alive(pid);
    }
    now() - seen < STALE_AFTER
}

#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // Signal 0 asks only whether the process exists; EPERM means it does, under another user.
    // SAFETY: kill with signal 0 sends nothing and touches no memory.
    let result = unsafe { libc::kill(pid, 0) };
    result == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn process_alive(_pid: u32) -> bool {
    // Without a cheap check, trust the renewal time alone.
    true
}

impl Store {
    /// Claims `job` for `owner`, or says who holds it.
    pub fn claim(&mut self, job: i64, owner: &str) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        type Claimed = (Option<String>, Option<i64>, Option<i64>);
        let current: Option<Claimed> = tx
            .query_row(
                "SELECT owner, owner_seen_at, owner_since FROM jobs WHERE id = ?1",
                [job],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .optional()?;
        let Some((holder, seen, since)) = current else {
            return Err(StoreError::NoJob(job));
        };
        if let Some(holder) = &holder
            && holder != owner
            && holds(holder, seen.unwrap_or(0))
        {
            return Err(StoreError::Busy {
                job,
                owner: holder.clone(),
                since,
                seen,
            });
        }
        let at = now();
        // The same owner claiming again keeps the time it first claimed the job.
        let since = since
            .filter(|_| holder.as_deref() == Some(owner))
            .unwrap_or(at);
        // A new claim starts without an old request to stop.
        tx.execute(
            "UPDATE jobs SET owner = ?2, owner_seen_at = ?3, owner_since = ?4, cancel_requested = 0 WHERE id = ?1",
            params![job, owner, at, since],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Refuses with [`StoreError::Busy`] when another process works on `job` now: for
    /// changes to a job's journal made without running it (`retry_failed`), which must not
    /// happen under a run elsewhere.
    pub(super) fn refuse_if_at_work_elsewhere(&self, job: i64) -> Result<(), StoreError> {
        let (owner, seen, since): (Option<String>, Option<i64>, Option<i64>) = self
            .db
            .prepare_cached("SELECT owner, owner_seen_at, owner_since FROM jobs WHERE id = ?1")?
            .query_row([job], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .optional()?
            .ok_or(StoreError::NoJob(job))?;
        match owner {
            Some(owner) if owner != this_process() && holds(&owner, seen.unwrap_or(0)) => {
                Err(StoreError::Busy {
                    job,
                    owner,
                    since,
                    seen,
                })
            }
            _ => Ok(()),
        }
    }

    /// Renews the claim (the runner does after each batch, at most once a second: the
    /// store's clock counts seconds).
    pub fn renew(&self, job: i64, owner: &str) -> Result<(), StoreError> {
        self.db
            .prepare_cached("UPDATE jobs SET owner_seen_at = ?3 WHERE id = ?1 AND owner = ?2")?
            .execute(params![job, owner, now()])?;
        Ok(())
    }

    /// Asks whoever works on the job to stop after the current batch.
    pub fn request_cancel(&self, job: i64) -> Result<(), StoreError> {
        let changed = self
            .db
            .execute("UPDATE jobs SET cancel_requested = 1 WHERE id = ?1", [job])?;
        if changed == 0 {
            return Err(StoreError::NoJob(job));
        }
        Ok(())
    }

    /// Whether someone asked the job to stop.
    pub fn cancel_requested(&self, job: i64) -> Result<bool, StoreError> {
        Ok(self
            .db
            .prepare_cached("SELECT cancel_requested FROM jobs WHERE id = ?1")?
            .query_row([job], |row| row.get::<_, i64>(0))?
            != 0)
    }

    /// Lets go of the claim.
    pub fn release(&self, job: i64, owner: &str) -> Result<(), StoreError> {
        self.db.execute(
            "UPDATE jobs SET owner = NULL, owner_seen_at = NULL, owner_since = NULL WHERE id = ?1 AND owner = ?2",
            params![job, owner],
        )?;
        Ok(())
    }
}
