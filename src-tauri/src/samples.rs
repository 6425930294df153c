//! The sample file and its profile that the Start screen offers on first run.
//!
//! Bundled apps carry them as resources (`bundle.resources` in tauri.conf.json puts them in
//! `samples/` of the resource folder); a development build finds them in the repository.

use std::path::{Path, PathBuf};

/// The sample's names inside `samples/`.
pub const DATA: &str = "mitarbeiter-excel-de.csv";
pub const PROFILE: &str = "lms-profile.toml";

/// Where the sample and its profile are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Samples {
    pub data: PathBuf,
    pub profile: PathBuf,
}

impl Samples {
    /// The resource folder's copy when it has one, else the repository's.
    pub fn locate(resource_dir: Option<&Path>) -> Samples {
        let folder = resource_dir
            .map(|dir| dir.join("samples"))
            .filter(|dir| dir.join(DATA).is_file())
            .unwrap_or_else(repository_samples);
        Samples {
            data: folder.join(DATA),
            profile: folder.join(PROFILE),
        }
    }
}

/// `samples/` of the repository this crate was built from.
pub fn repository_samples() -> PathBuf {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("samples");
    // Shown to the person: `/repo/samples`, not `/repo/src-tauri/../samples`.
    std::fs::canonicalize(&folder).unwrap_or(folder)
}
