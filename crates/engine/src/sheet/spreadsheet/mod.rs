//! Workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods) through calamine: list the sheets, pick the
//! person's sheet or the first that holds a table (not a cover or notes sheet), find the
//! header under titles and merged title cells, and show cells as Excel shows them.
//!
//! An xlsx worksheet is streamed on a thread of its own (see [`streamed`]); the other
//! formats are loaded one sheet at a time by calamine and turned into text lazily.

mod biff;
mod cell;
mod compound;
mod quiet;
mod streamed;
mod unpacked;
mod workbook;

use std::path::Path;

use calamine::{Data, Range, Sheets};

use self::streamed::{StreamedRows, Streamer};

use super::framed::{RawRows, Table, frame};
use super::{
    Format, Layout, Numbering, Problem, ProblemKind, Problems, ReadOptions, Row, Sheet, SheetError,
    column_letters,
};

/// Opens a workbook and the sheet to read.
pub(crate) fn open(
    path: &Path,
    format: Format,
    options: &ReadOptions,
) -> Result<Sheet, SheetError> {
    let book = workbook::open(path, format)?;
    let (names, candidates) = workbook::sheet_names(&book);
    let mut source = match book {
        Sheets::Xlsx(xlsx) => Source::Streamed(Streamer::start(xlsx, path)?),
        other => Source::Loaded(Box::new(other)),
    };
    let (name, table) = match &options.sheet {
        Some(wanted) => {
            let name = names
                .iter()
                .find(|n| *n == wanted)
                .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(wanted.trim())))
                .ok_or_else(|| SheetError::SheetNotFound {
                    path: path.to_path_buf(),
                    sheet: wanted.clone(),
                    available: names.clone(),
                })?
                .clone();
            let rows = source.rows(path, format, &name)?;
            let table = frame(rows, options.header_row, path, Some(&name))?;
            (name, table)
        }
        None => first_table(&mut source, path, format, &candidates, options.header_row)?,
    };
    let mut layout = Layout::new(path.to_path_buf(), format, Numbering::Row);
    layout.sheets = names;
    layout.sheet = Some(name);
    layout.header_row = Some(table.header_row);
    if options.sheet.is_none() {
        layout.guessed.push("sheet");
    }
    if table.guessed {
        layout.guessed.push("header_row");
    }
    Ok(Sheet::new(layout, table.columns, Box::new(table.rows)))
}

/// The first sheet whose table has at least two columns and a data row; failing that, the
/// first sheet with any data at all.
fn first_table(
    source: &mut Source,
    path: &Path,
    format: Format,
    candidates: &[String],
    header_row: Option<u64>,
) -> Result<(String, Table<AnyRows>), SheetError> {
    let mut fallback = None;
    for name in candidates {
        let rows = source.rows(path, format, name)?;
        let table = match frame(rows, header_row, path, Some(name)) {
            Ok(table) => table,
            Err(
                SheetError::EmptySheet { .. }
                | SheetError::HeaderRowOutOfRange { .. }
                | SheetError::BlankHeaderRow { .. },
            ) => continue,
            Err(other) => return Err(other),
        };
        if table.columns.len() >= 2 && table.rows.has_pending() {
            return Ok((name.clone(), table));
        }
        fallback.get_or_insert(name.clone());
    }
    match fallback {
        Some(name) => {
            let rows = source.rows(path, format, &name)?;
            let table = frame(rows, header_row, path, Some(&name))?;
            Ok((name, table))
        }
        None => Err(SheetError::EmptySheet {
            path: path.to_path_buf(),
            sheet: None,
        }),
    }
}

/// Where a sheet's rows come from: the streaming thread (xlsx) or a loaded workbook.
enum Source {
    Streamed(Streamer),
    Loaded(Box<workbook::Workbook>),
}

impl Source {
    fn rows(&mut self, path: &Path, format: Format, sheet: &str) -> Result<AnyRows, SheetError> {
        Ok(match self {
            Source::Streamed(streamer) => AnyRows::Streamed(streamer.rows(sheet)),
            Source::Loaded(book) => {
                AnyRows::Loaded(SheetRows::new(workbook::load(book, path, format, sheet)?))
            }
        })
    }
}

/// The rows of a sheet from either source.
pub(crate) enum AnyRows {
    Streamed(StreamedRows),
    Loaded(SheetRows),
}

impl RawRows for AnyRows {
    fn next_raw(&mut self, row: &mut Row, problems: &mut Problems) -> Result<bool, SheetError> {
        match self {
            AnyRows::Streamed(rows) => rows.next_raw(row, problems),
            AnyRows::Loaded(rows) => rows.next_raw(row, problems),
        }
    }

    fn short_rows_are_ragged(&self) -> bool {
        false
    }
}

/// The rows of one loaded sheet, numbered as Excel numbers them (the used range may start
/// below row 1 and right of column A).
pub(crate) struct SheetRows {
    range: Range<Data>,
    next: usize,
    first_row: u64,
    first_column: usize,
}

impl SheetRows {
    fn new(range: Range<Data>) -> SheetRows {
        let (first_row, first_column) = range.start().unwrap_or((0, 0));
        SheetRows {
            range,
            next: 0,
            first_row: u64::from(first_row) + 1,
            first_column: first_column as usize,
        }
    }
}

impl RawRows for SheetRows {
    fn next_raw(&mut self, row: &mut Row, problems: &mut Problems) -> Result<bool, SheetError> {
        let (height, width) = self.range.get_size();
        if self.next >= height {
            return Ok(false);
        }
        row.clear();
        row.number = self.first_row + self.next as u64;
        for column in 0..width {
            let code = match self.range.get((self.next, column)) {
                Some(data) => row.push_with(|out| cell::write_cell(data, out)),
                None => row.push_with(|_| None),
            };
            if let Some(code) = code {
                problems.push(Problem {
                    row: row.number,
                    numbering: Numbering::Row,
                    kind: ProblemKind::CellError {
                        column: column_letters(self.first_column + column),
                        code,
                    },
                });
            }
        }
        // Trailing empty cells carry nothing and would make every short row look ragged.
        row.trim_trailing_empty();
        self.next += 1;
        Ok(true)
    }

    fn short_rows_are_ragged(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests;
