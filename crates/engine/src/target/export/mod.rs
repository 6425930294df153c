//! `muster export`: target-ready files a consultant can hand over or upload by hand, with
//! the issues found and the rows that were held back.
//!
//! The sheet is read once. Each row is mapped and validated; a valid record becomes one
//! object in the target's payload files, an invalid one puts its source row in
//! `rejected.csv` (the file's own columns, ready to fix and import again), and every issue
//! goes to `issues.csv` and `issues.xlsx`. Memory stays flat apart from the current Auth0 or
//! Authgear file (under 500 KB) and the issues workbook, which `rust_xlsxwriter` builds in
//! memory until it is saved (one worksheet row per issue, at most Excel's 1 048 576).
//!
//! Target files:
//! - Auth0: `auth0-users-001.json`, … each a JSON array under [`auth0::MAX_FILE_BYTES`].
//! - Authgear: `authgear-import-001.json`, … each `{"identifier": …, "records": […]}` under
//!   [`authgear::MAX_REQUEST_BYTES`].
//! - SCIM: `scim-users.ndjson`; LMS: `lms-users.ndjson`; REST: `rest-records.ndjson`, one
//!   object per line.
//!
//! A record too large for an Auth0 or Authgear file on its own is an error issue
//! (`record_too_large`) and goes to `rejected.csv`. Numbered files left by an earlier,
//! larger export into the same folder are removed; the file being exported is never written
//! over (exporting a fixed `rejected.csv` into its own folder is refused).

mod batch;
mod formula;
mod issues;
#[cfg(test)]
mod tests;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

pub use formula::neutralise;
pub use issues::ISSUE_COLUMNS;

use self::batch::Batches;
use self::issues::{IssueFiles, Rejected};
use serde_json::Value;

use crate::mapping::{Mapper, Profile, Record};
use crate::sheet::{Sheet, SheetError};
use crate::target::catalog::{Catalog, TargetKind, auth0, authgear};
use crate::target::payload::record_json;
use crate::validate::{Checked, Issue, Severity, check_sheet};

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportSummary {
    /// Records mapped (skipped rows not included).
    pub records: u64,
    /// Records written to the target files.
    pub valid: u64,
    /// Records held back in `rejected.csv`.
    pub invalid: u64,
    /// Rows the profile's skip rules left out.
    pub skipped: u64,
    /// Every file written: the target files first, then the issues files and `rejected.csv`.
    pub files: Vec<PathBuf>,
    /// How many issues (errors and warnings) the issues files list.
    pub issues: u64,
    /// What each of [`ExportSummary::files`] holds, in the same order: records for target
    /// files and `rejected.csv`, issues for the issues files.
    pub file_records: Vec<u64>,
}

/// Why an export stopped.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Sheet(#[from] SheetError),
    #[error("could not write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("could not write {}: {source}", path.display())]
    Csv { path: PathBuf, source: csv::Error },
    #[error("could not write the workbook {}: {source}", path.display())]
    Xlsx {
        path: PathBuf,
        source: rust_xlsxwriter::XlsxError,
    },
    #[error(
        "{} is the file being exported; writing {} would overwrite it. Choose another --out folder, or rename the file first.",
        source_file.display(), name
    )]
    WouldOverwriteSource { source_file: PathBuf, name: String },
    #[error("could not turn the record of row {row} into JSON: {source}")]
    Json { row: u64, source: serde_json::Error },
}

impl ExportError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> ExportError {
        ExportError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(crate) fn csv(path: &Path, source: csv::Error) -> ExportError {
        ExportError::Csv {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(crate) fn xlsx(path: &Path, source: rust_xlsxwriter::XlsxError) -> ExportError {
        ExportError::Xlsx {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// One file written and how many records (or issues) it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Written {
    pub(crate) path: PathBuf,
    pub(crate) records: u64,
}

/// Where valid records go.
enum Payload {
    Batches(Batches),
    Lines {
        path: PathBuf,
        out: BufWriter<File>,
        records: u64,
    },
}

impl Payload {
    fn create(kind: TargetKind, profile: &Profile, out_dir: &Path) -> Result<Payload, ExportError> {
        let lines = |name: &str| -> Result<Payload, ExportError> {
            let path = out_dir.join(name);
            let file = File::create(&path).map_err(|e| ExportError::io(&path, e))?;
            Ok(Payload::Lines {
                path,
                out: BufWriter::new(file),
                records: 0,
            })
        };
        match kind {
            TargetKind::Auth0 => Ok(Payload::Batches(Batches::new(
                out_dir,
                "auth0-users",
                "[".to_owned(),
                "]",
                auth0::MAX_FILE_BYTES,
            ))),
            TargetKind::Authgear => {
                let identifier = Value::String(profile.identifier.clone()).to_string();
                Ok(Payload::Batches(Batches::new(
                    out_dir,
                    "authgear-import",
                    format!("{{\"identifier\":{identifier},\"records\":["),
                    "]}",
                    authgear::MAX_REQUEST_BYTES,
                )))
            }
            TargetKind::Scim => lines("scim-users.ndjson"),
            TargetKind::Lms => lines("lms-users.ndjson"),
            TargetKind::Rest => lines("rest-records.ndjson"),
        }
    }

    /// Writes one record; `Ok(false)` when it is too large for a file of its own.
    fn push(&mut self, json: &[u8]) -> Result<bool, ExportError> {
        match self {
            Payload::Batches(batches) => batches.push(json),
            Payload::Lines { path, out, records } => {
                out.write_all(json)
                    .and_then(|()| out.write_all(b"\n"))
                    .map_err(|e| ExportError::io(path, e))?;
                *records += 1;
                Ok(true)
            }
        }
    }

    fn finish(self) -> Result<Vec<Written>, ExportError> {
        match self {
            Payload::Batches(batches) => batches.finish(),
            Payload::Lines {
                path,
                mut out,
                records,
            } => {
                out.flush().map_err(|e| ExportError::io(&path, e))?;
                Ok(vec![Written { path, records }])
            }
        }
    }
}

/// Maps, validates and writes every row of `sheet` into `out_dir` (which must exist).
pub fn export(
    sheet: &mut Sheet,
    profile: &Profile,
    catalog: &Catalog,
    mapper: &Mapper,
    out_dir: &Path,
) -> Result<ExportSummary, ExportError> {
    guard_source(&sheet.layout().path, out_dir)?;
    let mut payload = Payload::create(catalog.target, profile, out_dir)?;
    let mut issue_files = IssueFiles::create(out_dir)?;
    let mut rejected = Rejected::create(out_dir, sheet.columns())?;
    let mut json = Vec::new();
    let (mut valid, mut invalid) = (0u64, 0u64);
    let counts = check_sheet(sheet, mapper, catalog, |checked| {
        let (row, record, issues, mut ok) = match checked {
            Checked::Record {
                row,
                record,
                issues,
                valid,
            } => (row, record, issues, valid),
            Checked::Late(issue) => return issue_files.write(&issue),
            Checked::Skipped { .. } => return Ok(()),
        };
        for issue in issues {
            issue_files.write(issue)?;
        }
        if ok {
            json.clear();
            let object = record_json(catalog, mapper.fields(), record);
            serde_json::to_writer(&mut json, &object).map_err(|source| ExportError::Json {
                row: record.row,
                source,
            })?;
            if !payload.push(&json)? {
                ok = false;
                issue_files.write(&too_large(record, json.len(), catalog.target))?;
            }
        }
        if ok {
            valid += 1;
        } else {
            invalid += 1;
            rejected.write(row)?;
        }
        Ok(())
    })?;
    let mut written = payload.finish()?;
    let issues = issue_files.finish()?;
    written.push(Written {
        path: out_dir.join("issues.csv"),
        records: issues,
    });
    written.push(Written {
        path: out_dir.join("issues.xlsx"),
        records: issues,
    });
    let rejected_rows = rejected.finish()?;
    written.push(Written {
        path: out_dir.join("rejected.csv"),
        records: rejected_rows,
    });
    Ok(ExportSummary {
        records: counts.records,
        valid,
        invalid,
        skipped: counts.skipped,
        files: written.iter().map(|w| w.path.clone()).collect(),
        issues,
        file_records: written.iter().map(|w| w.records).collect(),
    })
}

/// Refuses to write over the file being read (exporting a fixed `rejected.csv` into the
/// folder it came from would otherwise empty it before it is read).
fn guard_source(source: &Path, out_dir: &Path) -> Result<(), ExportError> {
    let (Ok(source), Some(name)) = (source.canonicalize(), source.file_name()) else {
        return Ok(());
    };
    let Some(name) = name.to_str() else {
        return Ok(());
    };
    let ours = ["issues.csv", "issues.xlsx", "rejected.csv"].contains(&name)
        || name.ends_with(".ndjson")
        || name.starts_with("auth0-users-")
        || name.starts_with("authgear-import-");
    let same = out_dir
        .join(name)
        .canonicalize()
        .is_ok_and(|target| target == source);
    if ours && same {
        return Err(ExportError::WouldOverwriteSource {
            source_file: source,
            name: name.to_owned(),
        });
    }
    Ok(())
}

fn too_large(record: &Record, bytes: usize, target: TargetKind) -> Issue {
    let limit = match target {
        TargetKind::Authgear => authgear::MAX_REQUEST_BYTES,
        _ => auth0::MAX_FILE_BYTES,
    };
    Issue {
        row: record.row,
        column: String::new(),
        field: String::new(),
        severity: Severity::Error,
        code: "record_too_large",
        message: format!(
            "the record takes {bytes} bytes as JSON, but {target} takes files of less than {limit} bytes. Shorten its longest values (metadata, hashes) and import it again."
        ),
        value: String::new(),
    }
}
