//! Review: the open sheet validated through a mapping, with the person's edits in place.
//! `review_sheet` checks it; `review_rows` shows a window of rows (all, or only those with
//! problems, of one kind) with their issues; `edit_cell` and `replace_in_column` change
//! cells and check again; `export_issues` and `save_corrected` write the issues and the
//! corrected sheet to CSV files.
//!
//! The engine does the work (`muster_engine::validate::Review`, `muster_engine::sheet::Edits`);
//! the review and the edits are kept beside the sheet (`crate::sheets::SheetWork`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use muster_engine::mapping::Mapper;
use muster_engine::sheet::{Edits, write_csv};
use muster_engine::validate::write_issues_csv;

use super::blocking;
use super::mapping::{catalog_for, column_index, parse_profile};
use super::sheet::MAX_WINDOW;
use crate::error::{UiError, sentence};
use crate::sheets::{OpenSheet, Reviewed, Sheets};
use crate::wire::review::{
    CellIssue, Exported, ProblemCount, ReplaceResult, ReviewRow, ReviewSummary, ReviewWindow,
};

/// Checks sheet `id`, edits included, through the mapping `profile_toml`.
pub fn review(sheets: &Sheets, id: u64, profile_toml: &str) -> Result<ReviewSummary, UiError> {
    let opened = sheets.opened(id)?;
    let profile = parse_profile(profile_toml)?;
    let catalog = catalog_for(&profile)?;
    let mapper = Mapper::new(&profile, &catalog, &opened.sheet.columns).map_err(|e| {
        UiError::new(format!(
            "The mapping cannot be used on this sheet: {} Fix it on the Map screen.",
            sentence(&e.to_string())
        ))
    })?;
    let mut work = opened.work();
    let edits = work.edits().len();
    let reviewed = work.review(&opened.sheet, catalog, mapper)?;
    Ok(summary(id, &opened.sheet, reviewed, edits))
}

/// Up to `count` rows (at most [`MAX_WINDOW`]) from position `start` of the view: every
/// row, or with `only_problems` the rows with problems (of `code`, when given).
pub fn rows(
    sheets: &Sheets,
    id: u64,
    start: u64,
    count: u64,
    only_problems: bool,
    code: Option<&str>,
) -> Result<ReviewWindow, UiError> {
    let opened = sheets.opened(id)?;
    let sheet = &opened.sheet;
    let mut work = opened.work();
    let edits = work.shared_edits();
    let reviewed = work.reviewed()?;
    let from = usize::try_from(start).unwrap_or(usize::MAX);
    let count = usize::try_from(count).unwrap_or(usize::MAX).min(MAX_WINDOW);
    let (indexes, total): (Vec<usize>, usize) = if only_problems {
        let listed = reviewed.problem_rows(code.filter(|c| !c.is_empty()));
        let from = from.min(listed.len());
        let to = from.saturating_add(count).min(listed.len());
        (listed[from..to].to_vec(), listed.len())
    } else {
        let len = sheet.table.len();
        let from = from.min(len);
        ((from..from.saturating_add(count).min(len)).collect(), len)
    };
    let rows = indexes
        .into_iter()
        .filter_map(|index| row(sheet, &edits, reviewed, index))
        .collect();
    Ok(ReviewWindow {
        start,
        rows,
        total: total as u64,
    })
}

/// Sets the cell of row `index` in `column` to `value` and checks the sheet again.
pub fn edit(
    sheets: &Sheets,
    id: u64,
    index: u64,
    column: &str,
    value: &str,
) -> Result<ReviewSummary, UiError> {
    let opened = sheets.opened(id)?;
    let at = column_of(&opened.sheet, column)?;
    let index = usize::try_from(index).unwrap_or(usize::MAX);
    let mut work = opened.work();
    let reviewed = work.edit(&opened.sheet, index, at, value)?;
    let summary = summary(id, &opened.sheet, reviewed, 0);
    Ok(with_edits(summary, work.edits()))
}

/// Replaces `find` by `replace` in `column` (each occurrence, or whole cells) and checks
/// the sheet again.
pub fn replace(
    sheets: &Sheets,
    id: u64,
    column: &str,
    find: &str,
    replace: &str,
    whole_cell: bool,
) -> Result<ReplaceResult, UiError> {
    if find.is_empty() && !whole_cell {
        return Err(UiError::new(
            "Type the text to find. To fill the empty cells of a column, choose \"whole cell\" and leave the text to find empty.",
        ));
    }
    let opened = sheets.opened(id)?;
    let at = column_of(&opened.sheet, column)?;
    let mut work = opened.work();
    let (replaced, reviewed) = work.replace(&opened.sheet, at, find, replace, whole_cell)?;
    let summary = summary(id, &opened.sheet, reviewed, 0);
    Ok(ReplaceResult {
        replaced: replaced as u64,
        summary: with_edits(summary, work.edits()),
    })
}

/// Every issue of the last review as CSV at `path`.
pub fn export_issues_to(sheets: &Sheets, id: u64, path: &str) -> Result<Exported, UiError> {
    let opened = sheets.opened(id)?;
    let path = target_file(&opened.sheet, path)?;
    let mut work = opened.work();
    let reviewed = work.reviewed()?;
    let written = write_issues_csv(&path, &reviewed.review)
        .map_err(|e| UiError::new(e.to_string()).in_file(&path))?;
    Ok(exported(&path, written))
}

/// The sheet with the edits as a UTF-8 CSV file with its header at `path`.
pub fn save_corrected_to(sheets: &Sheets, id: u64, path: &str) -> Result<Exported, UiError> {
    let opened = sheets.opened(id)?;
    let path = target_file(&opened.sheet, path)?;
    let sheet = Arc::clone(&opened.sheet);
    let edits = opened.work().shared_edits();
    let rows = (0..sheet.table.len()).filter_map(|index| edits.row(&sheet.table, index));
    let written = write_csv(&path, &sheet.columns, rows)
        .map_err(|e| UiError::new(e.to_string()).in_file(&path))?;
    Ok(exported(&path, written))
}

/// The review's answer: counts, problems by kind with a first example, edits so far.
fn summary(id: u64, sheet: &OpenSheet, reviewed: &Reviewed, edits: usize) -> ReviewSummary {
    let review = &reviewed.review;
    let counts = review.counts();
    let numbering = sheet.layout.numbering;
    ReviewSummary {
        sheet_id: id,
        total: review.rows(),
        valid: counts.valid,
        invalid: counts.invalid,
        skipped: counts.skipped,
        errors: review.errors(),
        warnings: review.warnings(),
        rows_with_problems: review.problem_rows().len() as u64,
        problems: review
            .kinds()
            .iter()
            .map(|kind| ProblemCount {
                code: kind.code.to_owned(),
                severity: kind.severity,
                count: kind.count,
                example: sentence(&format!(
                    "{numbering} {}: {}",
                    kind.first_row, kind.first_message
                )),
            })
            .collect(),
        edits: edits as u64,
    }
}

fn with_edits(summary: ReviewSummary, edits: &Edits) -> ReviewSummary {
    ReviewSummary {
        edits: edits.len() as u64,
        ..summary
    }
}

/// Row `index` as the grid shows it: one cell per column, edits in place, its issues and
/// the columns edited.
fn row(sheet: &OpenSheet, edits: &Edits, reviewed: &Reviewed, index: usize) -> Option<ReviewRow> {
    let row = sheet.table.row(index)?;
    let width = sheet.columns.len();
    Some(ReviewRow {
        index: index as u64,
        number: row.number,
        cells: (0..width)
            .map(|column| edits.cell(index, &row, column).to_owned())
            .collect(),
        issues: reviewed
            .review
            .issues_of(index)
            .map(|issue| CellIssue {
                column: issue.column.to_owned(),
                field: issue.field.to_owned(),
                severity: issue.severity,
                code: issue.code.to_owned(),
                message: sentence(issue.message),
            })
            .collect(),
        edited: edits
            .columns(index)
            .filter_map(|column| sheet.columns.get(column).cloned())
            .collect(),
    })
}

/// The position of `name` among the sheet's columns, or an error naming them.
fn column_of(sheet: &OpenSheet, name: &str) -> Result<usize, UiError> {
    column_index(&sheet.columns, name).ok_or_else(|| UiError {
        column: Some(name.to_owned()),
        ..UiError::new(format!(
            "This sheet has no column \"{name}\". Its columns are: {}.",
            sheet.columns.join(", ")
        ))
    })
}

/// The file to write, refused when it is the file the sheet was read from: the person's
/// original stays as it was.
fn target_file(sheet: &OpenSheet, path: &str) -> Result<PathBuf, UiError> {
    let path = PathBuf::from(path.trim());
    if path.as_os_str().is_empty() {
        return Err(UiError::new("Choose where to save the file."));
    }
    if same_file(&path, &sheet.layout.path) {
        return Err(UiError::new(
            "That is the file this sheet was read from; saving there would replace the original. Choose another name.",
        )
        .in_file(&path));
    }
    Ok(path)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

fn exported(path: &Path, written: u64) -> Exported {
    Exported {
        files: vec![path.display().to_string()],
        written,
    }
}

fn state(state: &tauri::State<'_, Sheets>) -> Sheets {
    Sheets::clone(state)
}

#[tauri::command]
pub async fn review_sheet(
    sheets: tauri::State<'_, Sheets>,
    sheet_id: u64,
    profile_toml: String,
) -> Result<ReviewSummary, UiError> {
    let sheets = state(&sheets);
    blocking(move || review(&sheets, sheet_id, &profile_toml)).await
}

#[tauri::command]
pub async fn review_rows(
    sheets: tauri::State<'_, Sheets>,
    sheet_id: u64,
    start: u64,
    count: u64,
    only_problems: bool,
    code: Option<String>,
) -> Result<ReviewWindow, UiError> {
    let sheets = state(&sheets);
    blocking(move || {
        rows(
            &sheets,
            sheet_id,
            start,
            count,
            only_problems,
            code.as_deref(),
        )
    })
    .await
}

#[tauri::command]
pub async fn edit_cell(
    sheets: tauri::State<'_, Sheets>,
    sheet_id: u64,
    index: u64,
    column: String,
    value: String,
) -> Result<ReviewSummary, UiError> {
    let sheets = state(&sheets);
    blocking(move || edit(&sheets, sheet_id, index, &column, &value)).await
}

#[tauri::command]
pub async fn replace_in_column(
    sheets: tauri::State<'_, Sheets>,
    sheet_id: u64,
    column: String,
    find: String,
    replace: String,
    whole_cell: bool,
) -> Result<ReplaceResult, UiError> {
    let sheets = state(&sheets);
    blocking(move || self::replace(&sheets, sheet_id, &column, &find, &replace, whole_cell)).await
}

#[tauri::command]
pub async fn export_issues(
    sheets: tauri::State<'_, Sheets>,
    sheet_id: u64,
    path: String,
) -> Result<Exported, UiError> {
    let sheets = state(&sheets);
    blocking(move || export_issues_to(&sheets, sheet_id, &path)).await
}

#[tauri::command]
pub async fn save_corrected(
    sheets: tauri::State<'_, Sheets>,
    sheet_id: u64,
    path: String,
) -> Result<Exported, UiError> {
    let sheets = state(&sheets);
    blocking(move || save_corrected_to(&sheets, sheet_id, &path)).await
}
