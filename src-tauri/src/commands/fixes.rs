//! `fix_records`, `retry_failed` and `fix_from_file`: the ways back for records that failed
//! at the target or were held back by validation. Corrected rows (typed in the app, or a
//! fixed file) are matched back to the job's records as `muster jobs retry --file` matches
//! them (the engine's `job::retry::fix_from_sheet`); the valid ones go back to pending, and
//! push_job sends them. Nothing is sent here.

use std::path::{Path, PathBuf};

use muster_engine::job::retry::{FixReport, MUSTER_ROW, RetryError, fix_from_sheet, issue_message};
use muster_engine::sheet::{Format, Layout, Numbering, Row, Sheet};
use muster_engine::store::Store;

use super::blocking;
use super::job_sheets::{self, Opened};
use crate::error::UiError;
use crate::store;
use crate::wire::jobs::{FixResult, Queued, RecordFix, StillInvalid};

/// Puts the corrected rows `fixes` (each the source cells of one record, by column) in
/// place of job `id`'s records; the valid ones go back to pending.
pub fn fix_records_at(
    store_path: &Path,
    id: i64,
    fixes: Vec<RecordFix>,
) -> Result<FixResult, UiError> {
    let mut store = store::open(store_path)?;
    let job = store.job(id)?;
    if fixes.is_empty() {
        return Ok(FixResult {
            queued: 0,
            still_invalid: Vec::new(),
        });
    }
    // The columns of every fix, in the order first met, after the row each stands for: the
    // in-memory sheet is matched by its `Muster row`, as a failed-rows file is.
    let mut columns = vec![MUSTER_ROW.to_owned()];
    for fix in &fixes {
        for column in fix.cells.keys() {
            if !columns.contains(column) {
                columns.push(column.clone());
            }
        }
    }
    let rows: Vec<Row> = fixes
        .iter()
        .map(|fix| {
            let mut row = Row::from_cells(fix.source_row, [fix.source_row.to_string()]);
            for column in &columns[1..] {
                row.push(fix.cells.get(column).map_or("", String::as_str));
            }
            row
        })
        .collect();
    let file = PathBuf::from(&job.source);
    let layout = Layout::new(file.clone(), Format::Csv, Numbering::Row);
    let sheet = Sheet::in_memory(layout, columns, rows.into_iter());
    let (profile, catalog) = job_sheets::profile_of(&job)?;
    let mut opened = job_sheets::bind(&profile, catalog, sheet, "the corrected rows", id)?;
    fix_with(&mut store, id, &mut opened)
}

/// Failed records of job `id` back to pending as they are (the target was down, or the
/// cause was fixed there).
pub fn retry_failed_at(store_path: &Path, id: i64) -> Result<Queued, UiError> {
    let store = store::open(store_path)?;
    store.job(id)?;
    let queued = store.retry_failed(id)?;
    Ok(Queued {
        queued: queued as u64,
    })
}

/// The fixed file at `path` (a failed-rows file, or the source corrected) matched back to
/// job `id`'s records.
pub fn fix_from_file_at(store_path: &Path, id: i64, path: &str) -> Result<FixResult, UiError> {
    let mut store = store::open(store_path)?;
    let job = store.job(id)?;
    let mut opened = job_sheets::fixed(&job, Path::new(path))?;
    fix_with(&mut store, id, &mut opened)
}

fn fix_with(store: &mut Store, id: i64, opened: &mut Opened) -> Result<FixResult, UiError> {
    let report = fix_from_sheet(
        store,
        id,
        &mut opened.sheet,
        &opened.mapper,
        &opened.catalog,
    )
    .map_err(retry_error)?;
    Ok(result(report))
}

/// What the person reads: how many went back to send, and for every other row why not.
fn result(report: FixReport) -> FixResult {
    let mut still_invalid: Vec<StillInvalid> = report
        .still_invalid
        .iter()
        .map(|row| StillInvalid {
            source_row: row.source_row,
            message: row
                .issues
                .iter()
                .map(issue_message)
                .collect::<Vec<_>>()
                .join("; "),
        })
        .collect();
    still_invalid.extend(report.already_done.iter().map(|row| StillInvalid {
        source_row: row.source_row,
        message: format!(
            "row {} is {} already; it was left as it is",
            row.source_row,
            row.was.label()
        ),
    }));
    still_invalid.extend(report.not_in_job.iter().map(|row| StillInvalid {
        source_row: row.file_row,
        message: row.reason.clone(),
    }));
    still_invalid.sort_by_key(|row| row.source_row);
    FixResult {
        queued: report.queued.len() as u64,
        still_invalid,
    }
}

fn retry_error(error: RetryError) -> UiError {
    match error {
        RetryError::InFlight { job, count } => UiError::new(format!(
            "Job {job} has {count} records in flight: sent, but their outcome is not known yet. Nothing was changed. Resume the job first, so they are settled, then fix the rows again."
        )),
        other => UiError::new(other.to_string()),
    }
}

#[tauri::command]
pub async fn fix_records(job_id: i64, fixes: Vec<RecordFix>) -> Result<FixResult, UiError> {
    blocking(move || fix_records_at(&store::path()?, job_id, fixes)).await
}

#[tauri::command]
pub async fn retry_failed(job_id: i64) -> Result<Queued, UiError> {
    blocking(move || retry_failed_at(&store::path()?, job_id)).await
}

#[tauri::command]
pub async fn fix_from_file(job_id: i64, path: String) -> Result<FixResult, UiError> {
    blocking(move || fix_from_file_at(&store::path()?, job_id, &path)).await
}
