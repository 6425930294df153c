//! Writing rows back out as a UTF-8 CSV file with a header: the desktop app saves a sheet
//! with the person's corrections this way, so the fixes outlive the app.
//!
//! Cells are guarded against formula injection as `rejected.csv` is
//! ([`crate::target::export::neutralise`]): a cell starting with `=`, `@`, a tab or a
//! carriage return, or a sign not followed by a number, gets a leading `'`. Exactly one
//! cell per column is written; cells past the last column have no name and are left out.
//! A record with a `;`, `|` or tab in a cell is quoted whole, so the file reads back the
//! same whatever its cells hold.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;

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
    let mut out = Records::new(BufWriter::new(file));
    let header: Vec<_> = columns.iter().map(|c| neutralise(c)).collect();
    out.write(&header).map_err(|e| WriteError::csv(path, e))?;
    let mut written = 0;
    for row in rows {
        let cells: Vec<_> = (0..columns.len())
            .map(|i| neutralise(row.cell(i)))
            .collect();
        out.write(&cells).map_err(|e| WriteError::csv(path, e))?;
        written += 1;
    }
    out.file
        .borrow_mut()
        .flush()
        .map_err(|source| WriteError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    Ok(written)
}

/// Records written as the csv crate quotes them, except that a record with a `;`, `|` or
/// tab in a cell has every cell quoted: a reader guessing the delimiter (Muster's own
/// included) is then not misled by them, as in a one-column list of "a; b" rows.
struct Records<W: Write> {
    plain: csv::Writer<Shared<W>>,
    quoted: csv::Writer<Shared<W>>,
    file: Rc<RefCell<W>>,
}

/// The file both writers write to, each flushing its record before the other writes.
struct Shared<W>(Rc<RefCell<W>>);

impl<W: Write> Write for Shared<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().write(bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        // The file is flushed once, at the end.
        Ok(())
    }
}

impl<W: Write> Records<W> {
    fn new(file: W) -> Records<W> {
        let file = Rc::new(RefCell::new(file));
        let quoted = csv::WriterBuilder::new()
            .quote_style(csv::QuoteStyle::Always)
            .from_writer(Shared(Rc::clone(&file)));
        Records {
            plain: csv::Writer::from_writer(Shared(Rc::clone(&file))),
            quoted,
            file,
        }
    }

    fn write(&mut self, cells: &[Cow<'_, str>]) -> Result<(), csv::Error> {
        let other_delimiter = cells.iter().any(|c| c.contains([';', '|', '\t']));
        let out = if other_delimiter {
            &mut self.quoted
        } else {
            &mut self.plain
        };
        out.write_record(cells.iter().map(|c| c.as_bytes()))?;
        out.flush()?;
        Ok(())
    }
}

#[cfg(test)]
#[path = "tests/out.rs"]
mod tests;
