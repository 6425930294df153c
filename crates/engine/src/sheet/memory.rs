//! A sheet whose rows are already in memory: the desktop app's opened table with the
//! person's edits, or the few rows a person corrected on the Results screen. Validation,
//! job creation and retries take a [`Sheet`], so rows held in memory go through them
//! exactly as a file's rows do.

use super::{Layout, Problems, Row, RowReader, Sheet, SheetError};

impl Sheet {
    /// A sheet with `layout` and `columns` whose data rows are `rows`, in order. Problems
    /// the file had when it was read stay with whoever read it; this sheet reports none.
    pub fn in_memory<I>(layout: Layout, columns: Vec<String>, rows: I) -> Sheet
    where
        I: Iterator<Item = Row> + Send + 'static,
    {
        Sheet::new(
            layout,
            columns,
            Box::new(MemoryRows {
                rows,
                problems: Problems::default(),
            }),
        )
    }
}

struct MemoryRows<I> {
    rows: I,
    problems: Problems,
}

impl<I: Iterator<Item = Row> + Send> RowReader for MemoryRows<I> {
    fn next_row(&mut self, row: &mut Row) -> Result<bool, SheetError> {
        match self.rows.next() {
            Some(next) => {
                *row = next;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    fn problems(&self) -> &Problems {
        &self.problems
    }
}

#[cfg(test)]
#[path = "tests/memory.rs"]
mod tests;
