//! The person's work on one open sheet: the cells they changed, and the last review of
//! the sheet (changes included) through a mapping.
//!
//! Edits belong to the sheet, not to a mapping: reviewing again with another mapping keeps
//! them. Every edit reviews the whole sheet again, since checks across records
//! (duplicates, managers) need every row; `review_bench` in the engine's tests measures
//! what that costs.

use std::sync::Arc;

use muster_engine::mapping::Mapper;
use muster_engine::sheet::{Edits, Sheet};
use muster_engine::target::catalog::Catalog;
use muster_engine::validate::Review;

use super::OpenSheet;
use crate::error::UiError;

/// Edits and the last review of one sheet.
#[derive(Debug, Default)]
pub struct SheetWork {
    /// Shared with any sheet being read from it (a job being created), so an edit made
    /// meanwhile copies it rather than changing what that reader sees.
    edits: Arc<Edits>,
    reviewed: Option<Reviewed>,
}

/// A review and the mapping it was made with, kept to review again after an edit.
#[derive(Debug)]
pub struct Reviewed {
    pub catalog: Catalog,
    pub mapper: Mapper,
    pub review: Review,
    /// The rows with an issue of one code, for the last code the screen filtered by.
    by_code: Option<(String, Vec<usize>)>,
}

impl Reviewed {
    /// The rows with problems, or with problems of `code`.
    pub fn problem_rows(&mut self, code: Option<&str>) -> &[usize] {
        let Some(code) = code else {
            return self.review.problem_rows();
        };
        if self.by_code.as_ref().is_none_or(|(kept, _)| kept != code) {
            self.by_code = Some((code.to_owned(), self.review.rows_with_code(code)));
        }
        self.by_code
            .as_ref()
            .map_or(&[], |(_, rows)| rows.as_slice())
    }
}

impl SheetWork {
    pub fn edits(&self) -> &Edits {
        &self.edits
    }

    /// The edits as they are now, shared: later edits do not change them.
    pub fn shared_edits(&self) -> Arc<Edits> {
        Arc::clone(&self.edits)
    }

    /// The last review, or an error saying to review first.
    pub fn reviewed(&mut self) -> Result<&mut Reviewed, UiError> {
        self.reviewed.as_mut().ok_or_else(|| {
            UiError::new(
                "This sheet has not been checked through a mapping yet. Go to Review, which checks it, then fix its cells there.",
            )
        })
    }

    /// `sheet` with the edits, read from memory.
    pub fn edited(&self, sheet: &Arc<OpenSheet>) -> Sheet {
        Edits::sheet(
            Arc::clone(sheet),
            Arc::clone(&self.edits),
            sheet.layout.clone(),
            sheet.columns.clone(),
        )
    }

    /// Reviews `sheet` with the edits through `mapper` and keeps the review.
    pub fn review(
        &mut self,
        sheet: &Arc<OpenSheet>,
        catalog: Catalog,
        mapper: Mapper,
    ) -> Result<&mut Reviewed, UiError> {
        self.reviewed = None;
        let mut edited = self.edited(sheet);
        let review = Review::run(&mut edited, &mapper, &catalog, |number| {
            sheet.table.position(number)
        })
        .map_err(|e| UiError::sheet(e, &sheet.layout.path))?;
        Ok(self.reviewed.insert(Reviewed {
            catalog,
            mapper,
            review,
            by_code: None,
        }))
    }

    /// Sets one cell and, when it changed, reviews again. Refused before anything changes
    /// when the sheet has not been reviewed.
    pub fn edit(
        &mut self,
        sheet: &Arc<OpenSheet>,
        index: usize,
        column: usize,
        value: &str,
    ) -> Result<&mut Reviewed, UiError> {
        self.reviewed()?;
        let changed = Arc::make_mut(&mut self.edits)
            .set(&sheet.table, index, column, value)
            .map_err(|e| UiError::new(e.to_string()))?;
        self.again(sheet, changed)
    }

    /// Replaces `find` in one column (see [`Edits::replace_in_column`]) and, when a cell
    /// changed, reviews again; answers how many cells changed.
    pub fn replace(
        &mut self,
        sheet: &Arc<OpenSheet>,
        column: usize,
        find: &str,
        replace: &str,
        whole_cell: bool,
    ) -> Result<(usize, &mut Reviewed), UiError> {
        self.reviewed()?;
        let replaced = Arc::make_mut(&mut self.edits).replace_in_column(
            &sheet.table,
            column,
            find,
            replace,
            whole_cell,
        );
        Ok((replaced, self.again(sheet, replaced > 0)?))
    }

    /// The review after an edit: made again when something changed.
    fn again(&mut self, sheet: &Arc<OpenSheet>, changed: bool) -> Result<&mut Reviewed, UiError> {
        if !changed {
            return self.reviewed();
        }
        let Reviewed {
            catalog, mapper, ..
        } = self.reviewed.take().ok_or_else(UiError::stopped)?;
        self.review(sheet, catalog, mapper)
    }
}
