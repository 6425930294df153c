//! What can go wrong with the store, said so a person can act on it.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the folder {path} for Muster's job store: {source}")]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "cannot open Muster's job store {path}: {source}. Check that the file is not damaged and that you may write to its folder, or point --store at another file."
    )]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "the job store {path} was written by a newer Muster (schema {found}, this one knows {known}); update Muster"
    )]
    Newer {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("the job store could not be updated: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error(
        "the job store refused a change: {0}. If the disk is full, free some space; the job can be resumed afterwards."
    )]
    Sqlite(rusqlite::Error),
    /// SQLite could not grow the store's file or its write-ahead log (SQLITE_FULL).
    #[error(
        "the disk holding Muster's job store is full, so the last change could not be written down ({0}). Nothing is lost: free some space on that disk, then go on where it stopped"
    )]
    DiskFull(rusqlite::Error),
    #[error("there is no job {0}; `muster jobs list` shows the jobs there are")]
    NoJob(i64),
    #[error("{}", busy_message(*job, owner, *since, *seen))]
    Busy {
        job: i64,
        /// "pid@host"
        owner: String,
        /// When the owner claimed the job (seconds since 1970), if known.
        since: Option<i64>,
        /// When the owner last renewed its claim.
        seen: Option<i64>,
    },
    #[error("there is no saved connection named \"{0}\"; `muster connect list` shows them")]
    NoConnection(String),
    #[error(
        "cannot write the pulled records out for reading: {0}. If the disk is full, free some space and pull again; it goes on from the last page kept"
    )]
    Spool(String),
    #[error("the job store holds a value it cannot read ({0}); it may come from a newer Muster")]
    Corrupt(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> StoreError {
        if error.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull) {
            StoreError::DiskFull(error)
        } else {
            StoreError::Sqlite(error)
        }
    }
}

impl StoreError {
    /// Whether SQLite said the disk is full.
    pub fn is_disk_full(&self) -> bool {
        match self {
            StoreError::DiskFull(_) => true,
            StoreError::Migration(rusqlite_migration::Error::RusqliteError { err, .. }) => {
                err.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull)
            }
            _ => false,
        }
    }

    pub(crate) fn open(path: &Path, source: rusqlite::Error) -> StoreError {
        StoreError::Open {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Who holds a job, since when, when it was last heard from, and what to do: "job 3 is
/// being sent by another Muster (process 4242 on laptop-7) since 2026-11-24 08:15:02 UTC,
/// last heard from 3 s ago; …".
fn busy_message(job: i64, owner: &str, since: Option<i64>, seen: Option<i64>) -> String {
    let who = match owner.split_once('@') {
        Some((pid, host)) => format!("process {pid} on {host}"),
        None => owner.to_owned(),
    };
    let since = since
        .and_then(|at| chrono::DateTime::from_timestamp(at, 0))
        .map(|at| format!(" since {}", at.format("%Y-%m-%d %H:%M:%S UTC")))
        .unwrap_or_default();
    let seen = seen
        .map(|at| {
            let ago = u64::try_from(super::now() - at).unwrap_or(0);
            format!(
                ", last heard from {} ago",
                crate::connect::human_duration(std::time::Duration::from_secs(ago))
            )
        })
        .unwrap_or_default();
    format!(
        "job {job} is being sent by another Muster ({who}: the desktop app or a `muster` command){since}{seen}. \
         Let it finish (`muster jobs show {job}` shows how far it is), or stop it there \
         (Cancel in the app, or `muster jobs cancel {job}`) and run `muster jobs resume {job}` \
         once it stopped. If that process is gone, its claim lapses by itself"
    )
}
