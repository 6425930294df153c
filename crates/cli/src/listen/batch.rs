//! The records of a run of events as an NDJSON file, so they reach the job through the
//! same reader and profile as any file (nested objects become dotted columns such as
//! `manager.uid`).
//!
//! The files hold personal data: they live in a folder only this user may open, and each
//! is deleted as soon as its job is journaled (the job keeps the payloads).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use muster_engine::source::webhook::Selection;

/// A private temporary folder, removed when dropped.
pub struct Folder {
    path: PathBuf,
}

impl Folder {
    pub fn create() -> Result<Folder> {
        let path = std::env::temp_dir().join(format!("muster-listen-{}", std::process::id()));
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder
            .create(&path)
            .with_context(|| format!("cannot create the folder {}", path.display()))?;
        Ok(Folder { path })
    }

    /// Writes the selection's records, one JSON object a line. Columns the profile reads
    /// but no record carries are added empty when the file is opened (`open_pulled`).
    pub fn write(&self, selection: &Selection) -> Result<BatchFile> {
        let (first, last) = selection.id_range().unwrap_or_default();
        let path = self.path.join(format!("events-{first}-{last}.ndjson"));
        let file = BatchFile { path };
        let mut out = std::io::BufWriter::new(
            std::fs::File::create(&file.path)
                .with_context(|| format!("cannot write {}", file.path.display()))?,
        );
        for record in &selection.records {
            serde_json::to_writer(&mut out, &record.record)?;
            out.write_all(b"\n")?;
        }
        out.flush()
            .with_context(|| format!("cannot write {}", file.path.display()))?;
        Ok(file)
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// A written batch, deleted when dropped.
pub struct BatchFile {
    path: PathBuf,
}

impl BatchFile {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for BatchFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
