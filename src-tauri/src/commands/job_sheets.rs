//! Files opened for a job's saved profile: the job's source again (to export or show the
//! rows to fix) or a fixed file (to match back), each read as the CLI's `jobs export` and
//! `jobs retry --file` read them, with the profile bound to the file's columns.

use std::path::Path;

use muster_engine::job::retry::{job_profile, written_by_muster};
use muster_engine::mapping::{Mapper, Profile};
use muster_engine::sheet::{self, ReadOptions, Sheet};
use muster_engine::store::Job;
use muster_engine::target::catalog::Catalog;

use crate::error::UiError;

/// A file and the job's profile bound to its columns.
pub struct Opened {
    pub sheet: Sheet,
    pub mapper: Mapper,
    pub catalog: Catalog,
}

/// The job's profile and its target's catalog.
pub fn profile_of(job: &Job) -> Result<(Profile, Catalog), UiError> {
    job_profile(job).map_err(|e| UiError::new(e.to_string()))
}

/// `file` read as the job read its source: with the profile's `[source]` settings.
pub fn source(job: &Job, file: &Path) -> Result<Opened, UiError> {
    let (profile, catalog) = profile_of(job)?;
    let options = read_options(&profile, file)?;
    let sheet = sheet::open(file, &options).map_err(|e| UiError::sheet(e, file))?;
    bind(
        &profile,
        catalog,
        sheet,
        &file.display().to_string(),
        job.id,
    )
    .map_err(|e| e.in_file(file))
}

/// A fixed file: one Muster wrote (`failed-rows.csv`/`.xlsx`, known by its `Muster row`
/// column) read as written; any other read as the source was.
pub fn fixed(job: &Job, file: &Path) -> Result<Opened, UiError> {
    let (profile, catalog) = profile_of(job)?;
    let sheet = match sheet::open(file, &ReadOptions::default()) {
        Ok(sheet) if written_by_muster(sheet.columns()) => sheet,
        _ => sheet::open(file, &read_options(&profile, file)?)
            .map_err(|e| UiError::sheet(e, file))?,
    };
    bind(
        &profile,
        catalog,
        sheet,
        &file.display().to_string(),
        job.id,
    )
    .map_err(|e| e.in_file(file))
}

fn read_options(profile: &Profile, file: &Path) -> Result<ReadOptions, UiError> {
    profile
        .source
        .read_options()
        .map_err(|e| UiError::new(e.to_string()).in_file(file))
}

/// The profile bound to `sheet`'s columns; `what` names the sheet in a message ("staff.csv",
/// "the corrected rows").
pub fn bind(
    profile: &Profile,
    catalog: Catalog,
    sheet: Sheet,
    what: &str,
    id: i64,
) -> Result<Opened, UiError> {
    let mapper = Mapper::new(profile, &catalog, sheet.columns()).map_err(|error| {
        UiError::new(format!(
            "The columns of {what} do not fit the mapping of job {id}: {error}"
        ))
    })?;
    Ok(Opened {
        sheet,
        mapper,
        catalog,
    })
}
