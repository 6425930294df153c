//! A file opened for a job's saved profile: the job's source again (`jobs export`) or a
//! fixed file (`jobs retry --file`), read with the profile's `[source]` settings under the
//! person's flags, and the profile bound to its columns.

use std::path::Path;

use anyhow::{Context, Result};
use muster_engine::job::retry::{job_profile, written_by_muster};
use muster_engine::mapping::{Mapper, Profile};
use muster_engine::sheet::{self, ReadOptions, Sheet};
use muster_engine::store::Job;
use muster_engine::target::catalog::Catalog;

use crate::read_args::ReadArgs;

pub struct Opened {
    pub sheet: Sheet,
    pub mapper: Mapper,
    pub catalog: Catalog,
}

/// `file`, read as the job read its source: the profile's settings under `read`.
pub fn source(job: &Job, file: &Path, read: &ReadArgs) -> Result<Opened> {
    let (profile, catalog) = job_profile(job)?;
    let sheet = sheet::open(file, &read.options(profile.source.read_options()?)?)?;
    bind(&profile, catalog, sheet, file, job.id)
}

/// A fixed file. One Muster wrote (`failed-rows.csv`/`.xlsx`, known by its `Muster row`
/// column) is read as written, since the profile's settings (a header on row 4, semicolons,
/// a sheet name) describe the original file; any other file is read as the source was.
pub fn fixed(job: &Job, file: &Path, read: &ReadArgs) -> Result<Opened> {
    let (profile, catalog) = job_profile(job)?;
    let as_written = sheet::open(file, &read.options(ReadOptions::default())?);
    let sheet = match as_written {
        Ok(sheet) if written_by_muster(sheet.columns()) => sheet,
        _ => sheet::open(file, &read.options(profile.source.read_options()?)?)?,
    };
    bind(&profile, catalog, sheet, file, job.id)
}

fn bind(profile: &Profile, catalog: Catalog, sheet: Sheet, file: &Path, id: i64) -> Result<Opened> {
    let mapper = Mapper::new(profile, &catalog, sheet.columns()).with_context(|| {
        format!(
            "{} does not have the columns the profile of job {id} reads",
            file.display()
        )
    })?;
    Ok(Opened {
        sheet,
        mapper,
        catalog,
    })
}
