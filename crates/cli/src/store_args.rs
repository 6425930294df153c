//! `--store FILE`: which job store a command uses. The default is the platform's data
//! folder, shared with the desktop app, so a job started in one is seen in the other.

use std::path::PathBuf;

use anyhow::{Context, Result};
use muster_engine::store::{Store, default_path};

#[derive(clap::Args, Clone)]
pub struct StoreArgs {
    /// The job store (SQLite) to use instead of the one in your data folder.
    #[arg(long, value_name = "FILE")]
    store: Option<PathBuf>,
}

impl StoreArgs {
    pub fn open(&self) -> Result<Store> {
        let path = match &self.store {
            Some(path) => path.clone(),
            None => default_path().context(
                "cannot find your data folder for Muster's job store; name a file with --store",
            )?,
        };
        Ok(Store::open(&path)?)
    }
}
