//! Opening any file a person hands us: decide the format, hand over to its reader, and keep
//! what was found out (the [`Layout`]) beside the rows.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::format::decide;
use super::{Format, Layout, Numbering, Problems, ReadOptions, Row, RowReader, SheetError};
use super::{json, spreadsheet, text};

/// An opened file: its layout, its column names, and its data rows, read on demand.
pub struct Sheet {
    layout: Layout,
    columns: Vec<String>,
    rows: Box<dyn RowReader>,
}

impl Sheet {
    pub(crate) fn new(layout: Layout, columns: Vec<String>, rows: Box<dyn RowReader>) -> Sheet {
        Sheet {
            layout,
            columns,
            rows,
        }
    }

    /// What was found out about the file, guesses included.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The column names in order (never empty, never repeated).
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// Adds columns that no row fills (each reads as empty), for names not there yet.
    ///
    /// Records pulled from a source leave out fields they have no value for: an
    /// incremental pull where nobody has a manager has no `manager.uid` column at all, yet
    /// the profile maps it.
    pub fn add_empty_columns<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        for name in names {
            if !self
                .columns
                .iter()
                .any(|c| c.eq_ignore_ascii_case(name.trim()))
            {
                self.columns.push(name.trim().to_owned());
            }
        }
    }

    /// Reads the next data row into `row`, reusing its buffers; `Ok(false)` at the end.
    pub fn next_row(&mut self, row: &mut Row) -> Result<bool, SheetError> {
        self.rows.next_row(row)
    }

    /// Problems found in the header and in the rows read so far.
    pub fn problems(&self) -> &Problems {
        self.rows.problems()
    }

    /// The remaining rows as an iterator of owned rows (simple, allocates per row).
    pub fn rows(&mut self) -> impl Iterator<Item = Result<Row, SheetError>> + '_ {
        std::iter::from_fn(move || {
            let mut row = Row::default();
            match self.next_row(&mut row) {
                Ok(true) => Some(Ok(row)),
                Ok(false) => None,
                Err(e) => Some(Err(e)),
            }
        })
    }
}

/// Opens a file, guessing whatever `options` leaves open.
pub fn open(path: &Path, options: &ReadOptions) -> Result<Sheet, SheetError> {
    let mut head = [0u8; 16];
    let read = {
        let mut file = File::open(path).map_err(|e| SheetError::io(path, e))?;
        read_up_to(&mut file, &mut head).map_err(|e| SheetError::io(path, e))?
    };
    if read == 0 {
        return Err(SheetError::EmptyFile {
            path: path.to_path_buf(),
        });
    }
    let format = decide(path, &head[..read], options.format)?;
    match format {
        Format::Csv => open_text(path, options),
        Format::Json | Format::Ndjson => json::open(path, format, options),
        Format::Xlsx | Format::Xlsb | Format::Xls | Format::Ods => {
            spreadsheet::open(path, format, options)
        }
    }
}

fn open_text(path: &Path, options: &ReadOptions) -> Result<Sheet, SheetError> {
    let opened = text::open(path, options)?;
    let mut layout = Layout::new(path.to_path_buf(), Format::Csv, Numbering::Row);
    layout.encoding = Some(opened.encoding.name().to_string());
    layout.delimiter = Some(char::from(opened.delimiter));
    layout.header_row = Some(opened.table.header_row);
    for (guessed, name) in [
        (opened.encoding_guessed, "encoding"),
        (opened.delimiter_guessed, "delimiter"),
        (opened.table.guessed, "header_row"),
    ] {
        if guessed {
            layout.guessed.push(name);
        }
    }
    let rows = text::rows(opened.table.rows)?;
    Ok(Sheet::new(layout, opened.table.columns, rows))
}

/// Reads until `buf` is full or the file ends (a single `read` may return less).
fn read_up_to(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}
