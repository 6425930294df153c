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
    Sqlite(#[from] rusqlite::Error),
    #[error("there is no job {0}; `muster jobs list` shows the jobs there are")]
    NoJob(i64),
    #[error(
        "job {job} is being worked on by {owner}; wait for it to finish, or stop it there first"
    )]
    Busy { job: i64, owner: String },
    #[error("there is no saved connection named \"{0}\"; `muster connect list` shows them")]
    NoConnection(String),
    #[error(
        "cannot write the pulled records out for reading: {0}. If the disk is full, free some space and pull again; it goes on from the last page kept"
    )]
    Spool(String),
    #[error("the job store holds a value it cannot read ({0}); it may come from a newer Muster")]
    Corrupt(String),
}

impl StoreError {
    pub(crate) fn open(path: &Path, source: rusqlite::Error) -> StoreError {
        StoreError::Open {
            path: path.to_path_buf(),
            source,
        }
    }
}
