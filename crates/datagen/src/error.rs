//! Errors a person can act on: bad settings, a place we cannot write to, or a
//! library failure while building a workbook.

use std::path::PathBuf;

/// Why generating an export failed.
#[derive(Debug, thiserror::Error)]
pub enum GenError {
    /// The defect rate was outside 0.0..=1.0 (or not a number).
    #[error("the defect rate must be between 0.0 and 1.0 (0% to 100% of rows), but it was {0}")]
    InvalidDefectRate(f64),

    /// A spreadsheet cannot hold that many rows.
    #[error(
        "{format} sheets hold at most {max} rows, but {rows} data rows plus the header \
         and title rows need {needed}; generate fewer rows or use CSV/JSON"
    )]
    TooManyRows {
        format: &'static str,
        rows: u64,
        needed: u64,
        max: u64,
    },

    /// XLSX and ODS are zip archives that need a seekable file.
    #[error(
        "{0} output is a zip archive and has to be written to a file; \
         use write_file with a path instead of a stream"
    )]
    NeedsFile(&'static str),

    /// The output file could not be created.
    #[error("could not create {}: {source}", path.display())]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },

    /// Writing failed part way (disk full, closed pipe, unencodable text...).
    #[error("could not write the export: {0}")]
    Io(#[from] std::io::Error),

    /// rust_xlsxwriter reported a problem.
    #[error("could not write the XLSX workbook: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),

    /// The zip library reported a problem while writing an ODS file.
    #[error("could not write the ODS archive: {0}")]
    Zip(#[from] zip::result::ZipError),
}

impl From<csv::Error> for GenError {
    fn from(err: csv::Error) -> Self {
        // The csv writer only fails on I/O; keep the underlying message.
        GenError::Io(err.into())
    }
}
