//! The store: one SQLite file (through rusqlite, bundled) that holds every job, the journal
//! of every record's way to the target, saved profiles and connection settings. Never
//! secrets: those live in the OS keychain (`crate::secrets`).
//!
//! The file lives in the platform's data directory (`default_path`), or wherever the
//! person points `--store`. It is opened in WAL mode, so the desktop app and the CLI can
//! read it at once, with a busy timeout so their writes queue instead of failing.
//!
//! What a record's payload is: the JSON the target receives, kept so that a job can be
//! resumed or retried without the source file. It is personal data, not a credential.

mod connections;
mod error;
mod events;
mod jobs;
mod journal;
mod lease;
mod plan;
mod pulls;
pub mod retry;
mod schema;
mod window;

#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;

pub use connections::SavedConnection;
pub use error::StoreError;
pub use events::{EventCounts, EventState, Recorded, StoredEvent};
pub use jobs::{Job, JobCounts, JobStatus, NewJob, NewRecord, RecordSink};
pub use journal::{BatchId, InFlight, StoredRecord};
pub use lease::{STALE_AFTER, this_process};
pub use plan::{PlanCounts, PlanSample};
pub use pulls::{PullState, SpooledPage, StoredPull};
pub use window::{Listed, RecordWindow, Shown};

/// An open store.
pub struct Store {
    db: Connection,
    path: Option<PathBuf>,
}

/// Where the store lives when the person does not say: `~/.local/share/muster/muster.db` on
/// Linux, `~/Library/Application Support/app.muster.Muster/` on macOS, `%APPDATA%` on Windows.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("app", "muster", "Muster")
        .map(|dirs| dirs.data_dir().join("muster.db"))
}

impl Store {
    /// Opens (creating when missing) the store at `path` and brings its tables up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Folder {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let db = Connection::open(path).map_err(|e| StoreError::open(path, e))?;
        let mut store = Store {
            db,
            path: Some(path.to_path_buf()),
        };
        store.prepare()?;
        Ok(store)
    }

    /// A store that lives in memory only (tests, previews).
    pub fn in_memory() -> Result<Store, StoreError> {
        let db = Connection::open_in_memory().map_err(StoreError::Sqlite)?;
        let mut store = Store { db, path: None };
        store.prepare()?;
        Ok(store)
    }

    /// The file behind the store, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Settings and migrations. Several openers of a new store at once (the app's first
    /// commands side by side, or the app beside the CLI) contend for the first write; SQLite
    /// answers "busy" at once rather than wait where waiting could deadlock, so the loser
    /// tries again shortly, by which time the store is ready.
    fn prepare(&mut self) -> Result<(), StoreError> {
        let mut tries = 0;
        loop {
            match self.prepare_once() {
                Err(error) if is_busy(&error) && tries < 200 => {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(50));
                }
                done => return done,
            }
        }
    }

    fn prepare_once(&mut self) -> Result<(), StoreError> {
        // Another process (the app beside the CLI) may hold the write lock for a moment.
        self.db
            .busy_timeout(Duration::from_secs(10))
            .map_err(StoreError::Sqlite)?;
        self.db
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(StoreError::Sqlite)?;
        // Every commit reaches the disk before the next batch leaves: the journal's promise.
        self.db
            .pragma_update(None, "synchronous", "FULL")
            .map_err(StoreError::Sqlite)?;
        self.db
            .pragma_update(None, "foreign_keys", "ON")
            .map_err(StoreError::Sqlite)?;
        schema::migrate(&mut self.db)
    }
}

/// Whether `error` is SQLite saying another connection holds the lock.
fn is_busy(error: &StoreError) -> bool {
    let sqlite = match error {
        StoreError::Sqlite(e) => Some(e),
        StoreError::Migration(rusqlite_migration::Error::RusqliteError { err, .. }) => Some(err),
        _ => None,
    };
    sqlite.and_then(rusqlite::Error::sqlite_error_code) == Some(rusqlite::ErrorCode::DatabaseBusy)
}

/// Seconds since 1970, the store's clock.
pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}
