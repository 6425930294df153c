//! `failed-rows.csv` and `failed-rows.xlsx`: the original rows of the records that failed at
//! the target or were held back by validation, read again from the job's source file, every
//! original column under its own header, led by `Muster row` (the row as the original file
//! numbers it) and `Muster problem`. A person fixes the cells and hands the file to
//! `muster jobs retry ID --file`, which matches each row back by its `Muster row`.
//!
//! A row goes into the file only when it still maps to exactly the JSON the job journaled
//! for it. A source file edited since the job ran (rows inserted, values changed), or a
//! record whose payload a fixed file has replaced since, would otherwise put another
//! person's or outdated cells under a `Muster row`; such rows are left out and listed.
//! [`find_rows_to_fix`] finds the rows without writing them (the desktop app shows them to
//! fix in place).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::table::{Cell, Table};
use super::{JobFilesError, MUSTER_PROBLEM, MUSTER_ROW, column_index};
use crate::mapping::{Mapped, Mapper, Record};
use crate::sheet::{Row, Sheet};
use crate::store::Store;
use crate::store::retry::Standing;
use crate::target::catalog::Catalog;
use crate::target::payload::record_json;

/// What became of the rows to fix.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FailedRows {
    /// Records that failed at the target or were held back.
    pub to_fix: u64,
    /// The files written: none when no row to fix could be found.
    pub files: Vec<PathBuf>,
    /// Rows written to the files.
    pub written: u64,
    /// Rows to fix that the source file no longer holds as the job read them.
    pub not_found: Vec<NotFound>,
}

/// A row to fix that could not be taken from the source file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotFound {
    pub source_row: u64,
    pub identifier: String,
    pub why: Why,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Why {
    /// The file has no such row any more.
    Missing,
    /// The row maps to other values than the job journaled (the file was changed, or a
    /// fixed file replaced the record since).
    Different,
    /// The profile's skip rules now leave the row out.
    LeftOut,
}

impl Why {
    pub fn describe(self) -> &'static str {
        match self {
            Why::Missing => "the file has no such row any more",
            Why::Different => {
                "the row holds other values than the job sent (the file was changed since, or a fixed file replaced the record)"
            }
            Why::LeftOut => "the profile's skip rules leave the row out",
        }
    }
}

/// A journaled record that needs a person.
struct ToFix {
    identifier: String,
    payload: String,
    problem: String,
}

/// The records of `job` that failed at the target or were held back, by source row.
fn rows_to_fix(store: &Store, job: i64) -> Result<BTreeMap<u64, ToFix>, JobFilesError> {
    let target = store.job(job)?.target_kind;
    let mut found = BTreeMap::new();
    store.for_each_entry(job, |entry| {
        if !entry.standing.needs_fixing() {
            return Ok::<(), JobFilesError>(());
        }
        let said = entry
            .message
            .as_deref()
            .or(entry.code.as_deref())
            .unwrap_or("no reason given");
        let problem = match entry.standing {
            Standing::Held => said.to_owned(),
            _ => format!("refused by {target}: {said}"),
        };
        found.insert(
            entry.source_row,
            ToFix {
                identifier: entry.identifier,
                payload: String::new(),
                problem,
            },
        );
        Ok(())
    })?;
    for (row, fix) in &mut found {
        if let Some(record) = store.record_at(job, *row)? {
            fix.payload = record.payload;
        }
    }
    Ok(found)
}

/// How many records of `job` need a person: failed at the target or held back.
pub fn count_to_fix(store: &Store, job: i64) -> Result<u64, JobFilesError> {
    let counts = store.job(job)?.counts;
    Ok(counts.failed + counts.held_back)
}

/// The original rows of a job's records that need a person, as its source file holds them
/// now: what `failed-rows.csv` is written from, and what the desktop app shows to fix.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowsToFix {
    /// Records that failed at the target or were held back.
    pub to_fix: u64,
    /// The source's own columns with their positions in the sheet (the Muster columns of a
    /// job run from a failed-rows file left out).
    pub columns: Vec<(usize, String)>,
    /// Each row found, with its problem, in source order.
    pub found: Vec<(Row, String)>,
    /// Rows to fix that the source file no longer holds as the job read them.
    pub not_found: Vec<NotFound>,
}

/// Reads `sheet`, the job's source file opened with its profile (`mapper`, the profile
/// bound to its columns), for the rows of the records of `job` that failed at the target or
/// were held back. A row counts only when it still maps to the JSON the job journaled for
/// it. Reads nothing when no record needs fixing.
pub fn find_rows_to_fix(
    store: &Store,
    job: i64,
    sheet: &mut Sheet,
    mapper: &Mapper,
    catalog: &Catalog,
) -> Result<RowsToFix, JobFilesError> {
    let mut to_fix = rows_to_fix(store, job)?;
    let mut report = RowsToFix {
        to_fix: u64::try_from(to_fix.len()).unwrap_or(u64::MAX),
        ..RowsToFix::default()
    };
    if to_fix.is_empty() {
        return Ok(report);
    }
    // The original's own Muster columns (a job run from a failed-rows file) would repeat ours.
    report.columns = sheet
        .columns()
        .iter()
        .enumerate()
        .filter(|(_, name)| column_index(std::slice::from_ref(*name), MUSTER_ROW).is_none())
        .filter(|(_, name)| column_index(std::slice::from_ref(*name), MUSTER_PROBLEM).is_none())
        .map(|(i, name)| (i, name.clone()))
        .collect();
    // Rows are kept until the whole file is read; they are the few rows that need fixing,
    // not the file.
    let mut row = Row::default();
    let mut record = Record::default();
    while sheet.next_row(&mut row)? {
        let Some(fix) = to_fix.get(&row.number) else {
            continue;
        };
        let why = match mapper.map(&row, &mut record) {
            Mapped::Skipped(_) => Some(Why::LeftOut),
            Mapped::Record => {
                // Compared as JSON values, so the order of keys cannot matter.
                let now = serde_json::Value::Object(record_json(catalog, mapper.fields(), &record));
                let sent = serde_json::from_str::<serde_json::Value>(&fix.payload).ok();
                (sent.as_ref() != Some(&now)).then_some(Why::Different)
            }
        };
        let Some(fix) = to_fix.remove(&row.number) else {
            continue;
        };
        match why {
            Some(why) => report.not_found.push(NotFound {
                source_row: row.number,
                identifier: fix.identifier,
                why,
            }),
            None => report.found.push((row.clone(), fix.problem)),
        }
    }
    report
        .not_found
        .extend(to_fix.into_iter().map(|(source_row, fix)| NotFound {
            source_row,
            identifier: fix.identifier,
            why: Why::Missing,
        }));
    report.not_found.sort_by_key(|n| n.source_row);
    Ok(report)
}

/// Writes `failed-rows.csv` and `failed-rows.xlsx` into `dir` from `sheet`, the job's
/// source file opened with its profile, and `mapper`, the profile bound to its columns.
/// Writes nothing when no record needs fixing or none of their rows can be found.
pub fn write_failed_rows(
    store: &Store,
    job: i64,
    sheet: &mut Sheet,
    mapper: &Mapper,
    catalog: &Catalog,
    dir: &Path,
) -> Result<FailedRows, JobFilesError> {
    let source = sheet.layout().path.clone();
    for name in ["failed-rows.csv", "failed-rows.xlsx"] {
        if same_file(&dir.join(name), &source) {
            return Err(JobFilesError::WouldOverwriteSource {
                source_file: source,
                name: name.to_owned(),
            });
        }
    }
    let rows = find_rows_to_fix(store, job, sheet, mapper, catalog)?;
    let mut report = FailedRows {
        to_fix: rows.to_fix,
        not_found: rows.not_found,
        ..FailedRows::default()
    };
    if rows.found.is_empty() {
        remove_failed_rows(dir, &source)?;
        return Ok(report);
    }
    let header: Vec<&str> = [MUSTER_ROW, MUSTER_PROBLEM]
        .into_iter()
        .chain(rows.columns.iter().map(|(_, name)| name.as_str()))
        .collect();
    let mut table = Table::create(dir, "failed-rows", "Failed rows", &header)?;
    let mut cells = Vec::with_capacity(header.len());
    for (row, problem) in &rows.found {
        cells.clear();
        cells.push(Cell::Number(row.number));
        cells.push(Cell::Text(problem));
        cells.extend(rows.columns.iter().map(|(i, _)| Cell::Text(row.cell(*i))));
        table.write(&cells)?;
    }
    let (files, written) = table.finish()?;
    report.files = files;
    report.written = written;
    Ok(report)
}

/// Removes failed-rows files an earlier export left in `dir`: fed back, their rows would
/// stand for records that have moved on. `source`, the job's source file, is never removed
/// (a job may have been run from a failed-rows file).
pub fn remove_failed_rows(dir: &Path, source: &Path) -> Result<(), JobFilesError> {
    for name in ["failed-rows.csv", "failed-rows.xlsx"] {
        let path = dir.join(name);
        if same_file(&path, source) {
            continue;
        }
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(JobFilesError::io(&path, e));
            }
            _ => {}
        }
    }
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
