//! A whole sheet held in memory, compactly, so a screen can show any window of its rows.
//!
//! The desktop app keeps the data in Rust and its grid asks for windows of rows: a
//! 1,000,000-row file must scroll without reading the file again. A `Vec<Vec<String>>`
//! would cost a heap allocation (24 bytes of header plus the allocator's overhead) for
//! every cell, several times the file's size. A [`Table`] keeps every cell's text in one
//! buffer, each cell as the 4-byte end of its text within its row, and each row as its
//! number and where its text and cells begin: about the file's size plus a few bytes per
//! cell.

use std::ops::Range;

use super::{Row, Sheet, SheetError};

/// Every data row of a sheet, in order, as the person sees them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    text: String,
    /// Each cell's end, counted from the start of its row's text. Relative ends fit in 4
    /// bytes whatever the size of the file; only one row is limited to 4 GiB.
    ends: Vec<u32>,
    rows: Vec<Entry>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    /// The row number as the person sees it (see [`super::Numbering`]).
    number: u64,
    /// Where the row's text begins in [`Table::text`].
    text_start: usize,
    /// Where the row's cells begin in [`Table::ends`]; they end where the next row's begin.
    first_cell: usize,
}

/// Why a sheet could not be held as a table.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    #[error(transparent)]
    Sheet(#[from] SheetError),

    /// Almost always a quote opened and never closed, which swallows the rest of the file.
    #[error(
        "Row {row} holds more than 4 GiB of text, so Muster cannot show it. A quote that is opened and never closed makes one cell swallow the rest of the file: check the quotes around row {row}, or choose another delimiter."
    )]
    RowTooLong { row: u64 },
}

impl Table {
    /// Reads every remaining row of `sheet`. Problems found on the way stay with the sheet
    /// ([`Sheet::problems`]).
    pub fn read(sheet: &mut Sheet) -> Result<Table, TableError> {
        let mut table = Table::default();
        let mut row = Row::default();
        while sheet.next_row(&mut row)? {
            table.push(&row)?;
        }
        // Growth by doubling can leave up to half of each buffer unused; a million-row
        // table is kept for as long as the person works on it, so give that back.
        table.text.shrink_to_fit();
        table.ends.shrink_to_fit();
        table.rows.shrink_to_fit();
        Ok(table)
    }

    /// Appends one row after the others.
    pub fn push(&mut self, row: &Row) -> Result<(), TableError> {
        let text_start = self.text.len();
        let first_cell = self.ends.len();
        for cell in row.iter() {
            self.text.push_str(cell);
            let Ok(end) = u32::try_from(self.text.len() - text_start) else {
                // Leave the table as it was before this row.
                self.text.truncate(text_start);
                self.ends.truncate(first_cell);
                return Err(TableError::RowTooLong { row: row.number });
            };
            self.ends.push(end);
        }
        self.rows.push(Entry {
            number: row.number,
            text_start,
            first_cell,
        });
        Ok(())
    }

    /// Gives back what growth by doubling left unused, once no more rows are coming (the
    /// desktop app fills a table in the background, a chunk of rows at a time).
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
        self.rows.shrink_to_fit();
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The row at a 0-based position among the data rows.
    pub fn row(&self, index: usize) -> Option<TableRow<'_>> {
        (index < self.rows.len()).then(|| self.view(index))
    }

    /// Up to `count` rows from position `start`; fewer at the end, none past it.
    pub fn window(
        &self,
        start: usize,
        count: usize,
    ) -> impl ExactSizeIterator<Item = TableRow<'_>> {
        self.clamp(start, count).map(|index| self.view(index))
    }

    /// The first `count` rows as owned [`Row`]s, for code that samples a file
    /// (suggestions, previews).
    pub fn sample(&self, count: usize) -> Vec<Row> {
        self.window(0, count).map(|row| row.to_row()).collect()
    }

    /// The position of the row the person sees as `number`. Readers number rows in
    /// ascending order, so this is a binary search; a table built otherwise is searched
    /// row by row.
    pub fn position(&self, number: u64) -> Option<usize> {
        let found = self.rows.partition_point(|entry| entry.number < number);
        match self.rows.get(found) {
            Some(entry) if entry.number == number => Some(found),
            _ => self.rows.iter().position(|entry| entry.number == number),
        }
    }

    /// The bytes this table holds on the heap, to check it stays near the file's size.
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.ends.capacity() * size_of::<u32>()
            + self.rows.capacity() * size_of::<Entry>()
    }

    /// The row at `index`, which the callers have checked is below `len`.
    fn view(&self, index: usize) -> TableRow<'_> {
        let entry = self.rows[index];
        let (text_end, cells_end) = match self.rows.get(index + 1) {
            Some(next) => (next.text_start, next.first_cell),
            None => (self.text.len(), self.ends.len()),
        };
        TableRow {
            number: entry.number,
            text: &self.text[entry.text_start..text_end],
            ends: &self.ends[entry.first_cell..cells_end],
        }
    }

    fn clamp(&self, start: usize, count: usize) -> Range<usize> {
        let start = start.min(self.rows.len());
        start..start.saturating_add(count).min(self.rows.len())
    }
}

/// So code that shares a table (`Arc<Table>`, or a struct holding one) can read it alike.
impl AsRef<Table> for Table {
    fn as_ref(&self) -> &Table {
        self
    }
}

/// One row of a [`Table`], borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableRow<'a> {
    /// The row number as the person sees it.
    pub number: u64,
    text: &'a str,
    ends: &'a [u32],
}

impl<'a> TableRow<'a> {
    /// The number of cells (which may differ from the number of columns).
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The cell at a 0-based position, `None` past the last cell.
    pub fn get(&self, index: usize) -> Option<&'a str> {
        let end = *self.ends.get(index)? as usize;
        let start = match index {
            0 => 0,
            _ => self.ends[index - 1] as usize,
        };
        self.text.get(start..end)
    }

    /// The cell at a position, or `""` where the row is shorter.
    pub fn cell(&self, index: usize) -> &'a str {
        self.get(index).unwrap_or("")
    }

    /// The row as an owned [`Row`].
    pub fn to_row(&self) -> Row {
        Row::from_cells(self.number, (0..self.len()).map(|i| self.cell(i)))
    }
}

#[cfg(test)]
#[path = "tests/table.rs"]
mod tests;
