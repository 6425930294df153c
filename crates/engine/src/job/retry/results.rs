//! `results.csv` and `results.xlsx`: one row per journaled record, held rows included, with
//! what became of it, in source order. Streams the journal (the workbook is the only thing
//! that grows, see `table`).

use std::path::{Path, PathBuf};

use super::JobFilesError;
use super::table::{Cell, Table};
use crate::store::Store;

/// The columns of the results files.
pub const RESULT_COLUMNS: [&str; 6] = [
    "row",
    "identifier",
    "outcome",
    "target_id",
    "code",
    "message",
];

/// Files written and how many rows (records) each holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub files: Vec<PathBuf>,
    pub rows: u64,
}

/// Writes `results.csv` and `results.xlsx` for job `job` into `dir` (which must exist).
pub fn write_results(store: &Store, job: i64, dir: &Path) -> Result<Written, JobFilesError> {
    // Fails with "no job" before any file is created.
    store.job(job)?;
    let mut table = Table::create(dir, "results", "Results", &RESULT_COLUMNS)?;
    store.for_each_entry(job, |entry| {
        table.write(&[
            Cell::Number(entry.source_row),
            Cell::Text(&entry.identifier),
            Cell::Text(entry.standing.label()),
            Cell::Text(entry.target_id.as_deref().unwrap_or_default()),
            Cell::Text(entry.code.as_deref().unwrap_or_default()),
            Cell::Text(entry.message.as_deref().unwrap_or_default()),
        ])
    })?;
    let (files, rows) = table.finish()?;
    Ok(Written { files, rows })
}
