//! `export_results`, `export_failed` and `failed_sources`: what became of a job's records,
//! written as `muster jobs export` writes it, and the source rows of the records that need
//! a person, to fix in the app.

use std::path::{Path, PathBuf};

use muster_engine::job::retry::{
    JobFilesError, count_to_fix, find_rows_to_fix, remove_failed_rows, write_failed_rows,
    write_results,
};
use muster_engine::store::Job;

use super::blocking;
use super::job_sheets::{self, Opened};
use crate::error::UiError;
use crate::store;
use crate::wire::SheetRow;
use crate::wire::jobs::{Exported, FailedSources};

/// `results.csv` and `results.xlsx` of job `id` into `dir` (made when missing).
pub fn export_results_at(store_path: &Path, id: i64, dir: &str) -> Result<Exported, UiError> {
    let store = store::open(store_path)?;
    let dir = folder(dir)?;
    let written = write_results(&store, id, &dir).map_err(files_error)?;
    Ok(Exported {
        files: texts(&written.files),
        written: written.rows,
    })
}

/// `failed-rows.csv` and `failed-rows.xlsx` of job `id` into `dir`: the source's own rows of
/// the records that failed or were held back, led by `Muster row` and `Muster problem`. No
/// files when no record needs fixing.
pub fn export_failed_at(store_path: &Path, id: i64, dir: &str) -> Result<Exported, UiError> {
    let store = store::open(store_path)?;
    let job = store.job(id)?;
    let dir = folder(dir)?;
    let source = PathBuf::from(&job.source);
    if count_to_fix(&store, id).map_err(files_error)? == 0 {
        remove_failed_rows(&dir, &source).map_err(files_error)?;
        return Ok(Exported {
            files: Vec::new(),
            written: 0,
        });
    }
    let mut opened = open_source(&job)?;
    let report = write_failed_rows(
        &store,
        id,
        &mut opened.sheet,
        &opened.mapper,
        &opened.catalog,
        &dir,
    )
    .map_err(files_error)?;
    if report.files.is_empty() {
        return Err(not_in_source(&job, report.to_fix));
    }
    Ok(Exported {
        files: texts(&report.files),
        written: report.written,
    })
}

/// The source cells of the records of job `id` that failed or were held back, as its
/// source file holds them (rows changed since the job read them are left out).
pub fn failed_sources_at(store_path: &Path, id: i64) -> Result<FailedSources, UiError> {
    let store = store::open(store_path)?;
    let job = store.job(id)?;
    if count_to_fix(&store, id).map_err(files_error)? == 0 {
        return Ok(FailedSources {
            columns: Vec::new(),
            rows: Vec::new(),
        });
    }
    let mut opened = open_source(&job)?;
    let found = find_rows_to_fix(
        &store,
        id,
        &mut opened.sheet,
        &opened.mapper,
        &opened.catalog,
    )
    .map_err(files_error)?;
    if found.found.is_empty() {
        return Err(not_in_source(&job, found.to_fix));
    }
    Ok(FailedSources {
        columns: found.columns.iter().map(|(_, name)| name.clone()).collect(),
        rows: found
            .found
            .iter()
            .map(|(row, _)| SheetRow {
                number: row.number,
                cells: found
                    .columns
                    .iter()
                    .map(|(i, _)| row.cell(*i).to_owned())
                    .collect(),
            })
            .collect(),
    })
}

fn open_source(job: &Job) -> Result<Opened, UiError> {
    job_sheets::source(job, Path::new(&job.source)).map_err(|error| {
        UiError::new(format!(
            "The source file of job {}, {}, cannot be read again ({}). If it moved, put it back; or fix the rows in your own copy and use Fix from file: rows without a \"Muster row\" column are matched by identifier.",
            job.id,
            job.source,
            error.message.trim_end_matches('.')
        ))
        .in_file(Path::new(&job.source))
    })
}

/// None of the rows to fix are in the source file as the job read them.
fn not_in_source(job: &Job, to_fix: u64) -> UiError {
    UiError::new(format!(
        "{to_fix} records of job {} need fixing, but {} no longer holds their rows as the job read them (the file was changed since). The results list them with their problem; fix them in your copy of the file and use Fix from file.",
        job.id, job.source
    ))
    .in_file(Path::new(&job.source))
}

/// `dir`, made when missing.
fn folder(dir: &str) -> Result<PathBuf, UiError> {
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).map_err(|error| {
        UiError::new(format!(
            "Cannot create the folder {}: {error}. Choose a folder you may write to.",
            dir.display()
        ))
        .in_file(&dir)
    })?;
    Ok(dir)
}

fn files_error(error: JobFilesError) -> UiError {
    match &error {
        JobFilesError::Io { path, .. }
        | JobFilesError::Csv { path, .. }
        | JobFilesError::Xlsx { path, .. } => UiError::new(error.to_string()).in_file(path),
        JobFilesError::WouldOverwriteSource { source_file, name } => UiError::new(format!(
            "{} is the job's source file; writing {name} would overwrite it. Choose another folder.",
            source_file.display()
        )),
        _ => UiError::new(error.to_string()),
    }
}

fn texts(paths: &[PathBuf]) -> Vec<String> {
    paths.iter().map(|p| p.display().to_string()).collect()
}

#[tauri::command]
pub async fn export_results(job_id: i64, dir: String) -> Result<Exported, UiError> {
    blocking(move || export_results_at(&store::path()?, job_id, &dir)).await
}

#[tauri::command]
pub async fn export_failed(job_id: i64, dir: String) -> Result<Exported, UiError> {
    blocking(move || export_failed_at(&store::path()?, job_id, &dir)).await
}

#[tauri::command]
pub async fn failed_sources(job_id: i64) -> Result<FailedSources, UiError> {
    blocking(move || failed_sources_at(&store::path()?, job_id)).await
}
