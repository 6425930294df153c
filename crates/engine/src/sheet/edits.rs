//! A person's changes to the cells of a [`Table`], kept beside it rather than in it.
//!
//! The desktop app lets a person fix a bad cell, or replace a value through a whole column,
//! before anything is imported. The table stays as the file was read; [`Edits`] holds each
//! changed cell by (row index, column index) and is applied whenever rows are read, so
//! validation, the grid, a job and a saved copy all see the corrected sheet, and the
//! person can see which cells they changed. Only changed cells cost memory.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::{Layout, Row, Sheet, Table, TableRow};

/// Changed cells of one table, by 0-based data-row index and 0-based column index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Edits {
    cells: BTreeMap<(usize, usize), String>,
}

/// Why an edit could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error(
        "there is no data row at position {index}: the sheet has {rows} data rows, counted from 0"
    )]
    NoSuchRow { index: usize, rows: usize },
}

impl Edits {
    /// How many cells differ from the file.
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// The edited value of a cell, when it was edited.
    pub fn get(&self, row: usize, column: usize) -> Option<&str> {
        self.cells.get(&(row, column)).map(String::as_str)
    }

    /// The columns edited in row `row`, in order.
    pub fn columns(&self, row: usize) -> impl Iterator<Item = usize> + '_ {
        self.in_row(row).map(|(column, _)| column)
    }

    /// The cell as it reads now: edited, else as the file has it (`""` past a short row).
    pub fn cell<'a>(&'a self, index: usize, row: &TableRow<'a>, column: usize) -> &'a str {
        self.get(index, column).unwrap_or_else(|| row.cell(column))
    }

    /// Sets one cell of `table` to `value`; setting it back to the file's value drops the
    /// edit. Answers whether the cell reads differently than before.
    pub fn set(
        &mut self,
        table: &Table,
        index: usize,
        column: usize,
        value: &str,
    ) -> Result<bool, EditError> {
        let row = table.row(index).ok_or(EditError::NoSuchRow {
            index,
            rows: table.len(),
        })?;
        Ok(self.put(index, &row, column, value))
    }

    /// Replaces `find` by `replace` in column `column` of every row: each occurrence, or
    /// with `whole_cell` only cells that are `find` (ignoring spaces around both). A blank
    /// `find` with `whole_cell` fills the empty cells; without it, it finds nothing.
    /// Answers how many cells changed.
    pub fn replace_in_column(
        &mut self,
        table: &Table,
        column: usize,
        find: &str,
        replace: &str,
        whole_cell: bool,
    ) -> usize {
        if find.is_empty() && !whole_cell {
            return 0;
        }
        let wanted = find.trim();
        let mut changed = 0;
        for (index, row) in table.window(0, table.len()).enumerate() {
            let current = self.cell(index, &row, column);
            let next = if whole_cell {
                if current.trim() != wanted {
                    continue;
                }
                replace.to_owned()
            } else {
                if !current.contains(find) {
                    continue;
                }
                current.replace(find, replace)
            };
            if self.put(index, &row, column, &next) {
                changed += 1;
            }
        }
        changed
    }

    /// Row `index` of `table` as it reads with the edits, or `None` past the last row. A
    /// cell edited beyond the end of a short row lengthens it.
    pub fn row(&self, table: &Table, index: usize) -> Option<Row> {
        let row = table.row(index)?;
        let mut edited = self.in_row(index).peekable();
        if edited.peek().is_none() {
            return Some(row.to_row());
        }
        let width = self
            .in_row(index)
            .map(|(column, _)| column + 1)
            .max()
            .map_or(row.len(), |edited| edited.max(row.len()));
        Some(Row::from_cells(
            row.number,
            (0..width).map(|column| self.cell(index, &row, column)),
        ))
    }

    /// The table with these edits as a [`Sheet`] of `layout` and `columns`, for
    /// validation, jobs and saving. The table and edits are shared, not copied: the sheet
    /// reads them as it goes, so it may outlive the caller's borrow.
    pub fn sheet<T>(table: Arc<T>, edits: Arc<Edits>, layout: Layout, columns: Vec<String>) -> Sheet
    where
        T: AsRef<Table> + Send + Sync + 'static,
    {
        let mut index = 0;
        let rows = std::iter::from_fn(move || {
            let row = edits.row((*table).as_ref(), index)?;
            index += 1;
            Some(row)
        });
        Sheet::in_memory(layout, columns, rows)
    }

    /// Sets a cell whose file value is `row`'s; see [`Edits::set`].
    fn put(&mut self, index: usize, row: &TableRow<'_>, column: usize, value: &str) -> bool {
        if self.cell(index, row, column) == value {
            return false;
        }
        // Back to the file's value (`""` past the end of a short row): no longer an edit.
        if row.cell(column) == value {
            self.cells.remove(&(index, column));
        } else {
            self.cells.insert((index, column), value.to_owned());
        }
        true
    }

    fn in_row(&self, row: usize) -> impl Iterator<Item = (usize, &str)> + '_ {
        self.cells
            .range((row, 0)..=(row, usize::MAX))
            .map(|(&(_, column), value)| (column, value.as_str()))
    }
}

#[cfg(test)]
#[path = "tests/edits.rs"]
mod tests;
