//! Sheets: a person's file opened as columns and lazily read rows.
//!
//! Every reader (delimited text, spreadsheets, JSON) yields [`Row`]s that carry the row
//! number the person sees (the Excel row for text and workbooks, the line for NDJSON, the
//! record position for JSON arrays), so every later message can point at the right place.
//! Guesses (encoding, delimiter, sheet, header row, JSON pointer) are recorded in
//! [`Layout`] and can each be overridden through [`ReadOptions`].

mod edits;
mod error;
mod format;
mod framed;
mod header;
pub mod json;
mod layout;
pub mod limits;
mod memory;
mod open;
mod options;
mod out;
mod prefetch;
mod problem;
mod row;
pub mod spreadsheet;
mod table;
pub mod text;

pub use edits::{EditError, Edits};
pub use error::SheetError;
pub use format::Format;
pub use layout::{Layout, Numbering};
pub use open::{Sheet, open};
pub use options::{ReadOptions, delimiter_from_name};
pub use out::{WriteError, write_csv};
pub use problem::{Problem, ProblemKind, Problems};
pub use row::Row;
pub use table::{Table, TableError, TableRow};

/// What every reader provides once its header is known: the rows after it, one at a time.
pub trait RowReader: Send {
    /// Fills `row` with the next data row; `Ok(false)` at the end of the data.
    fn next_row(&mut self, row: &mut Row) -> Result<bool, SheetError>;

    /// Problems found so far while reading (ragged rows, undecodable text, …).
    fn problems(&self) -> &Problems;
}

/// The Excel column letters for a 0-based column index: 0 → `A`, 27 → `AB`.
pub fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8_lossy(&letters).into_owned()
}

#[cfg(test)]
mod tests {
    use super::column_letters;

    #[test]
    fn column_letters_follow_excel() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(16_383), "XFD");
    }
}
