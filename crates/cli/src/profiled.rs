//! A file opened through a mapping profile: the profile, its target's catalog, the sheet read
//! with the profile's `[source]` settings under the person's flags, and the bound mapper.
//! `validate` and `export` both start here.

use std::path::Path;

use anyhow::Result;
use muster_engine::mapping::{Mapper, Profile};
use muster_engine::sheet::{self, Sheet};
use muster_engine::target::catalog::Catalog;

use crate::read_args::ReadArgs;

pub struct Profiled {
    pub profile: Profile,
    pub catalog: Catalog,
    pub sheet: Sheet,
    pub mapper: Mapper,
}

pub fn open(file: &Path, profile_path: &Path, read: &ReadArgs) -> Result<Profiled> {
    let profile = Profile::load(profile_path)?;
    let profile_dir = profile_path.parent().unwrap_or(Path::new("."));
    let catalog = profile.catalog(profile_dir)?;
    let options = read.options(profile.source.read_options()?)?;
    let sheet = sheet::open(file, &options)?;
    let mapper = Mapper::new(&profile, &catalog, sheet.columns())?;
    Ok(Profiled {
        profile,
        catalog,
        sheet,
        mapper,
    })
}
