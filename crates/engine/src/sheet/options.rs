//! The person's overrides for every guess a reader makes.

use super::Format;

/// Settings that replace Muster's guesses. `None` everywhere means "work it out".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Read the file as this format whatever its extension says.
    pub format: Option<Format>,
    /// A WHATWG encoding label (`utf-8`, `windows-1252`, `utf-16le`, `latin1`, …).
    pub encoding: Option<String>,
    /// The field delimiter of delimited text.
    pub delimiter: Option<u8>,
    /// The workbook sheet to read, by name.
    pub sheet: Option<String>,
    /// The header row as the person sees it, 1-based.
    pub header_row: Option<u64>,
    /// Where the records are in a JSON document (RFC 6901, e.g. `/users`).
    pub json_pointer: Option<String>,
}
