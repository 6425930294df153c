//! Writing rows back out as a UTF-8 CSV file with a header: the desktop app saves a sheet
//! with the person's corrections this way, so the fixes outlive the app.
//!
//! Cells are guarded against formula injection as `rejected.csv` is
//! ([`crate::target::export::neutralise`]): a cell starting with `=`, `@`, a tab or a
//! carriage return, or a sign not followed by a number, gets a leading `'`. Exactly one
//! cell per column is written; cells past the last column have no name and are left out.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use super::Row;
use crate::target::export::neutralise;

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(
        "could not write {}: {source}. Check that the folder exists and that you may write there.",
        path.display()
    )]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "could not write {}: {source}. Check that the disk has room and try again.",
        path.display()
    )]
    Csv { path: PathBuf, source: csv::Error },
}

impl WriteError {
    fn csv(path: &Path, source: csv::Error) -> WriteError {
        WriteError::Csv {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Writes `columns` as the header and then every row of `rows` to `path` (replacing what
/// was there); answers how many rows were written.
pub fn write_csv(
    path: &Path,
    columns: &[String],
    rows: impl IntoIterator<Item = Row>,
) -> Result<u64, WriteError> {
    let file = File::create(path).map_err(|source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut out = csv::Writer::from_writer(BufWriter::new(file));
    out.write_record(columns.iter().map(|c| neutralise(c).into_owned()))
        .map_err(|e| WriteError::csv(path, e))?;
    let mut written = 0;
    for row in rows {
        let cells: Vec<_> = (0..columns.len())
            .map(|i| neutralise(row.cell(i)))
            .collect();
        out.write_record(cells.iter().map(|c| c.as_bytes()))
            .map_err(|e| WriteError::csv(path, e))?;
        written += 1;
    }
    out.flush().map_err(|source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(written)
}

#[cfg(test)]
#[path = "tests/out.rs"]
mod tests;
