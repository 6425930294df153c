//! `open_sheet`, `sheet_info`, `sheet_rows`, `close_sheet`: a file read into the engine's
//! [`Table`](muster_engine::sheet::Table) once, in the background, and shown a window of
//! rows at a time. `open_sheet` answers once the first rows are read; the grid can show
//! them while the rest of the file is read, and `sheet_info` tells when it has all been.

use std::path::PathBuf;

use muster_engine::sheet::{self, Problem, ProblemKind, Problems, Row, RowReader, Sheet};

use super::blocking;
use crate::error::{UiError, sentence};
use crate::sheets::{Loading, Sheets, Status};
use crate::wire::{ReadOptions, RowWindow, SheetInfo, SheetProblem, SheetRow};

/// The most rows one `sheet_rows` answer carries: a screen shows a few dozen, and a grid
/// that asks for a million at once would copy the whole file across the bridge.
pub const MAX_WINDOW: usize = 2_000;

/// Rows read before `open_sheet` answers: the first screens of the grid. A smaller file
/// is read whole first, so its answer has the row count and every problem.
pub const FIRST_ROWS: usize = 1_000;

/// Opens the file at `path` with the person's overrides, keeps it in `sheets`, and tells
/// what was found out about it once its first rows are read (the rest follows).
pub fn open(
    sheets: &Sheets,
    path: &str,
    options: Option<ReadOptions>,
) -> Result<SheetInfo, UiError> {
    let path = PathBuf::from(path);
    let options = engine_options(options.unwrap_or_default()).map_err(|e| e.in_file(&path))?;
    let opened = sheet::open(&path, &options).map_err(|e| UiError::sheet(e, &path))?;
    start_reading(
        sheets,
        opened.layout().clone(),
        opened.columns().to_vec(),
        Box::new(SheetRows(opened)),
    )
}

/// Keeps a sheet whose data rows come from `rows`, read on a thread of their own, and
/// answers once the first [`FIRST_ROWS`] are read.
pub fn start_reading(
    sheets: &Sheets,
    layout: sheet::Layout,
    columns: Vec<String>,
    rows: Box<dyn RowReader>,
) -> Result<SheetInfo, UiError> {
    let problems = rows.problems().clone();
    let loading = Loading::start(layout, columns, problems, rows)?;
    let status = loading.first(FIRST_ROWS)?;
    let id = sheets.insert(std::sync::Arc::clone(&loading));
    Ok(info(id, &loading, status))
}

/// Sheet `id` as read so far: its row count (final once `complete`) and problems; the
/// file's error when it could not be read to its end.
pub fn status(sheets: &Sheets, id: u64) -> Result<SheetInfo, UiError> {
    let loading = sheets.loading(id)?;
    let status = loading.status()?;
    Ok(info(id, &loading, status))
}

/// Up to `count` rows (at most [`MAX_WINDOW`]) from position `start` among the rows read
/// so far, each with one cell per column.
pub fn rows(sheets: &Sheets, id: u64, start: u64, count: u64) -> Result<RowWindow, UiError> {
    let sheet = sheets.loading(id)?;
    let start_index = usize::try_from(start).unwrap_or(usize::MAX);
    let count = usize::try_from(count).unwrap_or(usize::MAX).min(MAX_WINDOW);
    let width = sheet.columns.len();
    let mut rows = Vec::with_capacity(count.min(FIRST_ROWS));
    let (total, complete) = sheet.window(start_index, count, |row| {
        rows.push(SheetRow {
            number: row.number,
            // Cells beyond the last column have no name and are not imported (the
            // problems say so); the grid shows the named columns only.
            cells: (0..width).map(|i| row.cell(i).to_owned()).collect(),
        });
    })?;
    Ok(RowWindow {
        start,
        rows,
        total,
        complete,
    })
}

/// An opened [`Sheet`] as the background reader takes it.
struct SheetRows(Sheet);

impl RowReader for SheetRows {
    fn next_row(&mut self, row: &mut Row) -> Result<bool, sheet::SheetError> {
        self.0.next_row(row)
    }

    fn problems(&self) -> &Problems {
        self.0.problems()
    }
}

/// The contract's options as the engine's, refusing what the engine cannot take.
fn engine_options(options: ReadOptions) -> Result<sheet::ReadOptions, UiError> {
    let delimiter = match options.delimiter.as_deref() {
        None | Some("") => None,
        Some(name) => Some(sheet::delimiter_from_name(name).ok_or_else(|| {
            UiError::new(format!(
                "\"{name}\" cannot be a delimiter. Choose comma (,), semicolon (;), tab or pipe (|)."
            ))
        })?),
    };
    if options.header_row == Some(0) {
        return Err(UiError::new(
            "Rows are counted from 1, as in Excel: choose the row that holds the column names.",
        ));
    }
    let blank_as_none = |text: Option<String>| text.filter(|t| !t.trim().is_empty());
    Ok(sheet::ReadOptions {
        format: None,
        encoding: blank_as_none(options.encoding),
        delimiter,
        sheet: blank_as_none(options.sheet),
        header_row: options.header_row,
        // "" is a real pointer (the whole document), so it is passed as it is.
        json_pointer: options.json_pointer,
    })
}

fn info(id: u64, sheet: &Loading, status: Status) -> SheetInfo {
    let layout = &sheet.layout;
    SheetInfo {
        sheet_id: id,
        path: layout.path.display().to_string(),
        format: layout.format.name().to_owned(),
        encoding: layout.encoding.clone(),
        delimiter: layout.delimiter.map(delimiter_name),
        sheets: layout.sheets.clone(),
        sheet: layout.sheet.clone(),
        header_row: layout.header_row,
        json_pointer: layout.json_pointer.clone(),
        guessed: layout.guessed.iter().map(|g| (*g).to_owned()).collect(),
        columns: sheet.columns.clone(),
        row_count: status.rows,
        complete: status.complete,
        problems: problems(&status.problems),
    }
}

/// As the contract writes delimiters: a tab is the word `tab`.
fn delimiter_name(delimiter: char) -> String {
    match delimiter {
        '\t' => "tab".to_owned(),
        other => other.to_string(),
    }
}

/// Every kept problem with its row and, where it is about one, its column; when more were
/// counted than kept, one last line for the whole file says how many are not listed.
fn problems(problems: &Problems) -> Vec<SheetProblem> {
    let mut listed: Vec<SheetProblem> = problems.list().iter().map(problem).collect();
    let unlisted = problems.total().saturating_sub(listed.len() as u64);
    if unlisted > 0 {
        listed.push(SheetProblem {
            row: None,
            column: None,
            message: format!(
                "{unlisted} more problems like these are not listed. Fixing the file where the first ones are usually fixes the rest."
            ),
        });
    }
    listed
}

fn problem(problem: &Problem) -> SheetProblem {
    let column = match &problem.kind {
        ProblemKind::CellError { column, .. } => Some(column.clone()),
        ProblemKind::UnnamedColumn { name, .. } => Some(name.clone()),
        ProblemKind::DuplicateColumn { renamed, .. } => Some(renamed.clone()),
        ProblemKind::UnnamedKey { name } => Some(name.clone()),
        ProblemKind::SimilarKey { renamed, .. } => Some(renamed.clone()),
        _ => None,
    };
    SheetProblem {
        row: Some(problem.row),
        column,
        message: sentence(&problem.message()),
    }
}

#[tauri::command]
pub async fn open_sheet(
    state: tauri::State<'_, Sheets>,
    path: String,
    options: Option<ReadOptions>,
) -> Result<SheetInfo, UiError> {
    let sheets = Sheets::clone(&state);
    blocking(move || open(&sheets, &path, options)).await
}

#[tauri::command]
pub async fn sheet_info(
    state: tauri::State<'_, Sheets>,
    sheet_id: u64,
) -> Result<SheetInfo, UiError> {
    let sheets = Sheets::clone(&state);
    blocking(move || status(&sheets, sheet_id)).await
}

#[tauri::command]
pub async fn sheet_rows(
    state: tauri::State<'_, Sheets>,
    sheet_id: u64,
    start: u64,
    count: u64,
) -> Result<RowWindow, UiError> {
    let sheets = Sheets::clone(&state);
    blocking(move || rows(&sheets, sheet_id, start, count)).await
}

#[tauri::command]
pub fn close_sheet(state: tauri::State<'_, Sheets>, sheet_id: u64) {
    state.remove(sheet_id);
}
