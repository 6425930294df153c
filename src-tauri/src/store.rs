//! The job store the app shares with the CLI: the same SQLite file, found the same way, so a
//! job started in one is seen in the other.

use std::path::PathBuf;

use muster_engine::store::{Store, default_path};

use crate::error::UiError;

/// Names another store file, as the CLI's `--store` does: for tests and for trying things
/// out without touching the person's jobs.
pub const STORE_VARIABLE: &str = "MUSTER_STORE";

/// Where the store is: `MUSTER_STORE` when set, else the platform's data folder.
pub fn path() -> Result<PathBuf, UiError> {
    match std::env::var_os(STORE_VARIABLE).filter(|v| !v.is_empty()) {
        Some(path) => Ok(PathBuf::from(path)),
        None => default_path().ok_or_else(|| {
            UiError::new(format!(
                "Muster cannot find your data folder, where it keeps its job store. Set {STORE_VARIABLE} to the file to use."
            ))
        }),
    }
}

/// Opens (creating when missing) the store at `path`.
pub fn open(path: &std::path::Path) -> Result<Store, UiError> {
    Ok(Store::open(path)?)
}
