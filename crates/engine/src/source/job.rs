//! A finished pull made into a job: the spool written out as NDJSON in a folder the person
//! keeps (the job's exports and retries read its rows from there later), opened through the
//! profile like any file, journaled, and the spool dropped. The CLI and the desktop app
//! both end a pull here.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::Pulled;
use crate::job::{CreateError, Created, JobSpec, Policy, create_job};
use crate::mapping::{Mapper, Profile, ProfileError};
use crate::sheet::{self, Format, ReadOptions, Sheet, SheetError};
use crate::store::{Store, StoreError};
use crate::target::catalog::Catalog;
use crate::validate::Issue;

#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error(
        "cannot write the pulled users to {path}: {source}. Free some space or check the folder, then pull again"
    )]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Sheet(#[from] SheetError),
    #[error(transparent)]
    Profile(#[from] ProfileError),
    #[error(transparent)]
    Create(#[from] CreateError),
}

/// The job a pull became and the file holding its records.
#[derive(Debug, Clone)]
pub struct PulledJob {
    pub created: Created,
    pub file: PathBuf,
}

/// Opens a file of pulled records (NDJSON) through `profile`. Columns the profile maps but
/// no record carries read as empty, since a source leaves out what it has no value for.
pub fn open_pulled(
    file: &Path,
    profile: &Profile,
    catalog: &Catalog,
) -> Result<(Sheet, Mapper), JournalError> {
    let options = ReadOptions {
        format: Some(Format::Ndjson),
        ..ReadOptions::default()
    };
    let mut sheet = sheet::open(file, &options)?;
    sheet.add_empty_columns(profile.columns().iter().map(String::as_str));
    let mapper = Mapper::new(profile, catalog, sheet.columns())?;
    Ok((sheet, mapper))
}

/// Writes `pulled` to `folder/pull-N.ndjson`, journals it as a job to `connection` and
/// drops the spool; every issue goes to `issue`.
#[allow(clippy::too_many_arguments)]
pub fn journal_pull(
    store: &mut Store,
    pulled: &Pulled,
    folder: &Path,
    profile: &Profile,
    profile_text: &str,
    catalog: &Catalog,
    connection: &str,
    policy: Policy,
    issue: impl FnMut(&Issue),
) -> Result<PulledJob, JournalError> {
    let file = folder.join(format!("pull-{}.ndjson", pulled.pull));
    let write_error = |source| JournalError::Write {
        path: file.clone(),
        source,
    };
    std::fs::create_dir_all(folder).map_err(write_error)?;
    let mut out = std::io::BufWriter::new(std::fs::File::create(&file).map_err(write_error)?);
    store.write_pulled(pulled.pull, &mut out)?;
    out.flush().map_err(write_error)?;
    drop(out);
    let (mut sheet, mapper) = open_pulled(&file, profile, catalog)?;
    let source = file.display().to_string();
    let created = create_job(
        store,
        &mut sheet,
        &mapper,
        catalog,
        &JobSpec {
            source: &source,
            profile: profile_text,
            connection,
            policy,
        },
        issue,
    )?;
    store.pull_journaled(pulled.pull, created.job)?;
    Ok(PulledJob { created, file })
}

#[cfg(test)]
#[path = "tests/job.rs"]
mod tests;
