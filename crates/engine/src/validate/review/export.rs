//! A review's issues as a CSV file a person opens in a spreadsheet program: the same
//! columns as `muster export`'s `issues.csv` (row, column, field, severity, code, message,
//! value), the row as Excel shows it, every cell guarded against formula injection.

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use super::Review;
use crate::sheet::WriteError;
use crate::target::export::{ISSUE_COLUMNS, neutralise};

/// Writes every issue of `review`, by row, to `path` (replacing what was there); answers
/// how many were written.
pub fn write_issues_csv(path: &Path, review: &Review) -> Result<u64, WriteError> {
    let io = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    let bad_csv = |source| WriteError::Csv {
        path: path.to_path_buf(),
        source,
    };
    let file = File::create(path).map_err(io)?;
    let mut out = csv::Writer::from_writer(BufWriter::new(file));
    out.write_record(ISSUE_COLUMNS).map_err(bad_csv)?;
    let mut written = 0;
    for issue in review.issues() {
        let row = issue.row.to_string();
        let severity = issue.severity.name();
        let cells = [
            row.as_str(),
            issue.column,
            issue.field,
            severity,
            issue.code,
            issue.message,
            issue.value,
        ]
        .map(neutralise);
        out.write_record(cells.iter().map(|c| c.as_bytes()))
            .map_err(bad_csv)?;
        written += 1;
    }
    out.flush().map_err(io)?;
    Ok(written)
}
