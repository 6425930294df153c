//! A job's saved profile, used again: the job keeps the profile's TOML, so export and retry
//! map rows exactly as the job began, whatever became of the profile file since.

use std::path::Path;

use super::JobProfileError;
use crate::mapping::Profile;
use crate::store::Job;
use crate::target::catalog::Catalog;

/// The column of `failed-rows.csv` that holds each row's number in the original file.
pub const MUSTER_ROW: &str = "Muster row";
/// The column of `failed-rows.csv` that says what went wrong with the row.
pub const MUSTER_PROBLEM: &str = "Muster problem";

/// Where `column` is among `columns` (names compared without case or surrounding spaces).
pub fn column_index(columns: &[String], column: &str) -> Option<usize> {
    columns
        .iter()
        .position(|c| c.trim().eq_ignore_ascii_case(column))
}

/// Whether a file with these columns is one Muster wrote (`failed-rows.csv`/`.xlsx`): such a
/// file is read as written (UTF-8, header on row 1), not with the original's read settings.
pub fn written_by_muster(columns: &[String]) -> bool {
    column_index(columns, MUSTER_ROW).is_some()
}

/// The profile saved with `job` and its target's catalog. A custom REST profile names its
/// field definitions relative to the profile's folder, which the job does not keep: they are
/// looked for beside the job's source file, then in the current folder.
pub fn job_profile(job: &Job) -> Result<(Profile, Catalog), JobProfileError> {
    let error = |source| JobProfileError {
        job: job.id,
        source,
    };
    let profile = Profile::from_toml(&job.profile).map_err(error)?;
    let beside_source = Path::new(&job.source)
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty());
    let catalog = match beside_source.map(|dir| profile.catalog(dir)) {
        Some(Ok(catalog)) => catalog,
        Some(Err(first)) => profile.catalog(Path::new(".")).map_err(|_| error(first))?,
        None => profile.catalog(Path::new(".")).map_err(error)?,
    };
    Ok((profile, catalog))
}
