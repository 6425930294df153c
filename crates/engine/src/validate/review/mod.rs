//! A review of a whole sheet: every row mapped and validated, and for each row with
//! problems its issues, kept so a screen can list those rows, show each one's issues beside
//! its cells, and count the problems by kind.
//!
//! [`Review::run`] reads the sheet through [`check_sheet`] (all cores, file order), so the
//! checks across records (duplicate identifiers and emails, unknown managers) see every
//! row: after a cell is edited the whole sheet is reviewed again. Memory grows only with
//! the issues found: a row without any costs nothing, an issue about 80 bytes plus its
//! message and value (field and column names are kept once).
//!
//! Rows are known by their 0-based position among the sheet's data rows (the `index` a
//! screen edits by) and by their number as the person sees it (the Excel row).

mod export;

use std::collections::HashMap;

pub use export::write_issues_csv;

use super::{Checked, Counts, Issue, Severity, check_sheet};
use crate::mapping::Mapper;
use crate::sheet::{Sheet, SheetError};
use crate::target::catalog::Catalog;

/// The outcome of reviewing a sheet.
#[derive(Debug, Clone, Default)]
pub struct Review {
    /// Records valid and invalid, and rows left out by a skip rule.
    counts: Counts,
    /// Data rows read.
    rows: u64,
    errors: u64,
    warnings: u64,
    /// Column and field names, each kept once; issues point into it.
    names: Vec<String>,
    /// Every issue, ordered by row index (a row's issues in the order found).
    issues: Vec<Found>,
    /// The index of every row with at least one issue, ascending.
    problem_rows: Vec<usize>,
    /// The problems by kind, most frequent first.
    kinds: Vec<IssueCount>,
}

/// One kind of problem (a code at a severity), how often it occurs and where first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueCount {
    pub code: &'static str,
    pub severity: Severity,
    pub count: u64,
    /// The first issue of this kind: its row as the person sees it, and its message.
    pub first_row: u64,
    pub first_message: String,
}

/// One issue of a reviewed row, borrowed from the [`Review`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowIssue<'a> {
    /// The row's 0-based position among the data rows.
    pub index: usize,
    /// The row as the person sees it.
    pub row: u64,
    /// The source column (the columns of a template joined by ` + `); empty for a constant.
    pub column: &'a str,
    pub field: &'a str,
    pub severity: Severity,
    pub code: &'static str,
    pub message: &'a str,
    pub value: &'a str,
}

#[derive(Debug, Clone)]
struct Found {
    index: usize,
    row: u64,
    column: u32,
    field: u32,
    severity: Severity,
    code: &'static str,
    message: Box<str>,
    value: Box<str>,
}

impl Review {
    /// Maps and validates every row of `sheet`, whose rows are taken to be the data rows
    /// from index 0 in order. `locate` finds the index of a row by its number, for the
    /// issues only known once every row was seen (a manager nobody in the file has).
    pub fn run(
        sheet: &mut Sheet,
        mapper: &Mapper,
        catalog: &Catalog,
        locate: impl Fn(u64) -> Option<usize>,
    ) -> Result<Review, SheetError> {
        let mut building = Building::default();
        let mut index = 0usize;
        let counts = check_sheet(sheet, mapper, catalog, |checked| {
            match checked {
                Checked::Skipped { .. } => index += 1,
                Checked::Record { issues, .. } => {
                    for issue in issues {
                        building.add(index, issue);
                    }
                    index += 1;
                }
                Checked::Late(issue) => match locate(issue.row) {
                    Some(at) => building.add(at, &issue),
                    // Not a row of this sheet: counted, but no row to show it on.
                    None => building.count(&issue),
                },
            }
            Ok::<(), SheetError>(())
        })?;
        Ok(building.finish(counts, index as u64))
    }

    /// Records with no error (warnings allowed) and with errors, rows left out by a skip
    /// rule.
    pub fn counts(&self) -> Counts {
        self.counts
    }

    /// Data rows reviewed.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    pub fn errors(&self) -> u64 {
        self.errors
    }

    pub fn warnings(&self) -> u64 {
        self.warnings
    }

    /// The problems by kind, most frequent first (ties by code).
    pub fn kinds(&self) -> &[IssueCount] {
        &self.kinds
    }

    /// The index of every row with at least one issue, ascending.
    pub fn problem_rows(&self) -> &[usize] {
        &self.problem_rows
    }

    /// The index of every row with an issue of `code`, ascending.
    pub fn rows_with_code(&self, code: &str) -> Vec<usize> {
        let mut rows: Vec<usize> = self
            .issues
            .iter()
            .filter(|found| found.code == code)
            .map(|found| found.index)
            .collect();
        rows.dedup();
        rows
    }

    /// The issues of the row at `index`, in the order found (none for a row without).
    pub fn issues_of(&self, index: usize) -> impl Iterator<Item = RowIssue<'_>> {
        let start = self.issues.partition_point(|found| found.index < index);
        let end = self.issues.partition_point(|found| found.index <= index);
        self.issues[start..end].iter().map(|found| self.view(found))
    }

    /// Every issue, by row.
    pub fn issues(&self) -> impl Iterator<Item = RowIssue<'_>> {
        self.issues.iter().map(|found| self.view(found))
    }

    /// How many issues there are.
    pub fn len(&self) -> usize {
        self.issues.len()
    }

    pub fn is_empty(&self) -> bool {
        self.issues.is_empty()
    }

    /// The bytes the review holds on the heap, to check it stays small beside the sheet.
    pub fn kept_bytes(&self) -> usize {
        let text: usize = self
            .issues
            .iter()
            .map(|found| found.message.len() + found.value.len())
            .sum();
        self.issues.capacity() * size_of::<Found>()
            + text
            + self.problem_rows.capacity() * size_of::<usize>()
            + self.names.iter().map(String::capacity).sum::<usize>()
            + self
                .kinds
                .iter()
                .map(|kind| kind.first_message.capacity())
                .sum::<usize>()
    }

    fn view<'a>(&'a self, found: &'a Found) -> RowIssue<'a> {
        let name = |at: u32| self.names.get(at as usize).map_or("", String::as_str);
        RowIssue {
            index: found.index,
            row: found.row,
            column: name(found.column),
            field: name(found.field),
            severity: found.severity,
            code: found.code,
            message: &found.message,
            value: &found.value,
        }
    }
}

/// A review while its rows come in.
#[derive(Default)]
struct Building {
    names: Vec<String>,
    known: HashMap<String, u32>,
    issues: Vec<Found>,
    kinds: HashMap<(&'static str, Severity), IssueCount>,
    errors: u64,
    warnings: u64,
}

impl Building {
    fn add(&mut self, index: usize, issue: &Issue) {
        self.count(issue);
        let column = self.name(&issue.column);
        let field = self.name(&issue.field);
        self.issues.push(Found {
            index,
            row: issue.row,
            column,
            field,
            severity: issue.severity,
            code: issue.code,
            message: issue.message.as_str().into(),
            value: issue.value.as_str().into(),
        });
    }

    fn count(&mut self, issue: &Issue) {
        match issue.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
        self.kinds
            .entry((issue.code, issue.severity))
            .and_modify(|kind| kind.count += 1)
            .or_insert_with(|| IssueCount {
                code: issue.code,
                severity: issue.severity,
                count: 1,
                first_row: issue.row,
                first_message: issue.message.clone(),
            });
    }

    fn name(&mut self, name: &str) -> u32 {
        if let Some(at) = self.known.get(name) {
            return *at;
        }
        // Names come from the profile and the catalog: a handful, never near u32::MAX.
        let at = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(name.to_owned());
        self.known.insert(name.to_owned(), at);
        at
    }

    fn finish(mut self, counts: Counts, rows: u64) -> Review {
        // Issues come in row order, except those found once every row was seen; a stable
        // sort keeps each row's issues in the order found.
        self.issues.sort_by_key(|found| found.index);
        let mut problem_rows: Vec<usize> = self.issues.iter().map(|found| found.index).collect();
        problem_rows.dedup();
        let mut kinds: Vec<IssueCount> = self.kinds.into_values().collect();
        kinds.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then(a.code.cmp(b.code))
                .then(a.severity.cmp(&b.severity))
        });
        Review {
            counts,
            rows,
            errors: self.errors,
            warnings: self.warnings,
            names: self.names,
            issues: self.issues,
            problem_rows,
            kinds,
        }
    }
}

#[cfg(test)]
#[path = "tests/model.rs"]
mod tests;

#[cfg(test)]
#[path = "tests/bench.rs"]
mod bench;
