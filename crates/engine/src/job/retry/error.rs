//! Why a retry from a fixed file, or the files of a job's results, could not be made.

use std::path::{Path, PathBuf};

use crate::mapping::ProfileError;
use crate::sheet::SheetError;
use crate::store::StoreError;

/// Why `jobs retry --file` changed nothing.
#[derive(Debug, thiserror::Error)]
pub enum RetryError {
    #[error(transparent)]
    Sheet(#[from] SheetError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(
        "job {job} has {count} records in flight: sent, but their outcome is not known yet. Nothing was changed. Run `muster jobs resume {job}` first, so they are settled, then retry with the fixed file."
    )]
    InFlight { job: i64, count: u64 },
}

/// Why the profile saved with a job cannot be used again.
#[derive(Debug, thiserror::Error)]
#[error("the profile saved with job {job} cannot be used: {source}")]
pub struct JobProfileError {
    pub job: i64,
    pub source: ProfileError,
}

/// Why `results.csv`, `results.xlsx` or the failed-rows files could not be written.
#[derive(Debug, thiserror::Error)]
pub enum JobFilesError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Sheet(#[from] SheetError),
    #[error("could not write {}: {source}. Check that the folder exists and that you may write to it.", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("could not write {}: {source}", path.display())]
    Csv { path: PathBuf, source: csv::Error },
    #[error(
        "{} is the job's source file; writing {name} would overwrite it. Choose another --out folder.",
        source_file.display()
    )]
    WouldOverwriteSource { source_file: PathBuf, name: String },
    #[error("could not write the workbook {}: {source}. If it is open in Excel, close it and export again.", path.display())]
    Xlsx {
        path: PathBuf,
        source: rust_xlsxwriter::XlsxError,
    },
}

impl JobFilesError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> JobFilesError {
        JobFilesError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(crate) fn csv(path: &Path, source: csv::Error) -> JobFilesError {
        JobFilesError::Csv {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(crate) fn xlsx(path: &Path, source: rust_xlsxwriter::XlsxError) -> JobFilesError {
        JobFilesError::Xlsx {
            path: path.to_path_buf(),
            source,
        }
    }
}
