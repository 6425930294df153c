//! Why a file could not be opened or read, in one sentence a person can act on.

use std::io;
use std::path::PathBuf;

use super::Format;

/// An error that stops a file from being read at all. Problems that affect single rows are
/// [`super::Problem`]s instead: the rest of the file still goes through.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("Muster cannot find the file {}. Check the path and the spelling.", path.display())]
    NotFound { path: PathBuf },

    #[error("Muster cannot read {}: {source}. Check that the file is not open in another program and that you may read it.", path.display())]
    Io { path: PathBuf, source: io::Error },

    #[error("{} is empty: there is nothing to import.", path.display())]
    EmptyFile { path: PathBuf },

    #[error("{} is {what}, not a table Muster can read. Export the data as CSV, Excel, OpenDocument or JSON.", path.display())]
    Binary { path: PathBuf, what: String },

    #[error("{} has an extension Muster does not read. Muster reads .csv, .tsv, .txt, .xlsx, .xlsm, .xlsb, .xls, .ods, .json and .ndjson files; pass --format to read it as one of them.", path.display())]
    UnsupportedExtension { path: PathBuf },

    #[error("{} is named like a {expected} file but holds {actual}. Rename it to the right extension, or pass --format to say what it is.", path.display())]
    WrongContent {
        path: PathBuf,
        expected: Format,
        actual: String,
    },

    #[error("{} is protected with a password. Open it in Excel, remove the password (File › Info › Protect Workbook), save, and try again.", path.display())]
    PasswordProtected { path: PathBuf },

    #[error("{} could not be opened as a workbook: {message}. The file may be damaged; open it in Excel or LibreOffice and save it again.", path.display())]
    Workbook { path: PathBuf, message: String },

    #[error("{} has no sheet named \"{sheet}\". Its sheets are: {}.", path.display(), available.join(", "))]
    SheetNotFound {
        path: PathBuf,
        sheet: String,
        available: Vec<String>,
    },

    #[error("{} has no data{}: every cell is empty.", path.display(), sheet.as_ref().map(|s| format!(" on sheet \"{s}\"")).unwrap_or_default())]
    EmptySheet {
        path: PathBuf,
        sheet: Option<String>,
    },

    #[error("{} has no row {row}: the data ends at row {last}. Choose a header row between 1 and {last}.", path.display())]
    HeaderRowOutOfRange { path: PathBuf, row: u64, last: u64 },

    #[error("Row {row} of {} is empty, so it cannot be the header row. Choose the row that holds the column names.", path.display())]
    BlankHeaderRow { path: PathBuf, row: u64 },

    #[error("Row {row} of {} is longer than {}: a line that never ends, or a quote (\") that is never closed. Muster stops reading there. Open the file in a text editor, mend row {row} and save it again; if the file is not delimited text, pass --format.", path.display(), super::limits::size_in_words(*limit))]
    RowTooLong { path: PathBuf, row: u64, limit: u64 },

    #[error("Record {record} of {} is longer than {}: a value that never ends, or text far longer than any cell holds. Muster stops reading there. Mend or remove record {record} in the program that wrote the file, or export the file again.", path.display(), super::limits::size_in_words(*limit))]
    RecordTooLong {
        path: PathBuf,
        record: u64,
        limit: u64,
    },

    #[error("{} holds a value longer than {} outside its records: a text that never ends, or data that is not an export of people. Muster stops reading there. Export the file again, or remove that value with a text editor.", path.display(), super::limits::size_in_words(*limit))]
    ValueTooLong { path: PathBuf, limit: u64 },

    #[error("The header of {} (row {row}) names {found} columns; Muster reads at most 16,384, as many as Excel. Check that this is the header row (--header-row) and that the delimiter is right (--delimiter).", path.display())]
    TooManyColumns {
        path: PathBuf,
        row: u64,
        found: usize,
    },

    #[error("The records of {} have more than 16,384 different keys; Muster reads at most 16,384 columns, as many as Excel. Check that the file is a list of people, or pass --json-pointer to choose the list of records.", path.display())]
    TooManyKeys { path: PathBuf, limit: usize },

    #[error("{} unpacks to more than Muster reads from a workbook ({part}: {}, the limit is {}). The file may be damaged or made to fill the memory; open it in Excel or LibreOffice and save it again, or export the data as CSV.", path.display(), super::limits::size_in_words(*size), super::limits::size_in_words(*limit))]
    WorkbookTooLarge {
        path: PathBuf,
        part: String,
        size: u64,
        limit: u64,
    },

    #[error("Sheet \"{sheet}\" of {} claims {rows} rows by {columns} columns, more than {holds}. The file may be damaged or made to fill the memory; open it in Excel or LibreOffice and save it again, or export the data as CSV.", path.display())]
    XlsSheetTooLarge {
        path: PathBuf,
        sheet: String,
        rows: u64,
        columns: u64,
        holds: String,
    },

    #[error(
        "\"{label}\" is not an encoding Muster knows. Use a name such as utf-8, utf-16le, windows-1252 or iso-8859-15."
    )]
    UnknownEncoding { label: String },

    #[error("{} is not valid JSON ({detail}). Check the file where it says, or export it again.", path.display())]
    InvalidJson { path: PathBuf, detail: String },

    #[error("{} holds no list of records: Muster looks for an array of objects, at the top or under a key such as \"users\". Pass --json-pointer to say where the records are.", path.display())]
    NoRecords { path: PathBuf },

    #[error("{} has nothing at the JSON pointer \"{pointer}\"{}.", path.display(), found.as_ref().map(|f| format!(" that is a list of records ({f})")).unwrap_or_default())]
    PointerNotFound {
        path: PathBuf,
        pointer: String,
        found: Option<String>,
    },
}

impl SheetError {
    /// Wraps an I/O error, telling a missing file apart from other failures.
    pub fn io(path: &std::path::Path, source: io::Error) -> SheetError {
        if source.kind() == io::ErrorKind::NotFound {
            SheetError::NotFound {
                path: path.to_path_buf(),
            }
        } else {
            SheetError::Io {
                path: path.to_path_buf(),
                source,
            }
        }
    }
}
