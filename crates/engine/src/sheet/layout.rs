//! What Muster found out about a file before reading its rows: every guess and what it chose.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

use super::Format;

/// How the row numbers of a file are counted, so messages say "row 12" or "line 12".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Numbering {
    /// The row as Excel shows it (delimited text and workbooks).
    Row,
    /// The line of the file (NDJSON).
    Line,
    /// The position of the record in the JSON array, from 1.
    Record,
}

impl fmt::Display for Numbering {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Numbering::Row => "row",
            Numbering::Line => "line",
            Numbering::Record => "record",
        })
    }
}

/// The shape of an opened file. `guessed` names the settings Muster detected rather than
/// was told, so a person can see and change every guess.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Layout {
    pub path: PathBuf,
    pub format: Format,
    /// The text encoding (delimited text, JSON).
    pub encoding: Option<String>,
    /// The field delimiter (delimited text).
    pub delimiter: Option<char>,
    /// Every sheet of a workbook, in order.
    pub sheets: Vec<String>,
    /// The sheet being read.
    pub sheet: Option<String>,
    /// The header row as the person sees it (1-based), where the format has one.
    pub header_row: Option<u64>,
    /// Where the records are in a JSON document (RFC 6901; `""` is the whole document).
    pub json_pointer: Option<String>,
    pub numbering: Numbering,
    /// The names of the settings above that were guessed rather than given.
    pub guessed: Vec<&'static str>,
}

impl Layout {
    pub fn new(path: PathBuf, format: Format, numbering: Numbering) -> Layout {
        Layout {
            path,
            format,
            encoding: None,
            delimiter: None,
            sheets: Vec::new(),
            sheet: None,
            header_row: None,
            json_pointer: None,
            numbering,
            guessed: Vec::new(),
        }
    }
}
