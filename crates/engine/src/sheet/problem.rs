//! Problems that affect one row or one column but not the rest of the file: the file is still
//! read, and each problem names the row the person must look at.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Serialize, Serializer};

use super::Numbering;

/// What is wrong, with the facts a message needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// A row has non-empty cells to the right of the last named column.
    TooManyCells { expected: usize, found: usize },
    /// A row of delimited text has fewer fields than the header.
    TooFewCells { expected: usize, found: usize },
    /// Bytes that are not valid in the file's encoding, replaced by `�`.
    InvalidText { encoding: String },
    /// A header cell is empty; the column gets a name from its letter.
    UnnamedColumn { letter: String, name: String },
    /// A header name appears again; the later column is renamed.
    DuplicateColumn { name: String, renamed: String },
    /// A workbook cell holds an Excel error such as `#N/A`.
    CellError { column: String, code: String },
    /// A record that cannot be read at all (a line of NDJSON that is not a JSON object).
    UnreadableRecord { detail: String },
    /// NUL bytes in a row of text, removed.
    NulCharacters,
    /// A line of NDJSON longer than [`crate::sheet::limits::MAX_ROW_BYTES`], skipped.
    LineTooLong { limit: u64 },
    /// A workbook cell past column XFD, the last a sheet has: skipped.
    CellPastLastColumn,
    /// A JSON key with no name (`""`); its column gets a name from its letter.
    UnnamedKey { name: String },
    /// A JSON key that differs from an earlier column only in capitals or spaces; its
    /// column is numbered.
    SimilarKey {
        key: String,
        like: String,
        renamed: String,
    },
}

impl ProblemKind {
    /// A stable code for scripts and for counting.
    pub fn code(&self) -> &'static str {
        match self {
            ProblemKind::TooManyCells { .. } => "too_many_cells",
            ProblemKind::TooFewCells { .. } => "too_few_cells",
            ProblemKind::InvalidText { .. } => "invalid_text",
            ProblemKind::UnnamedColumn { .. } => "unnamed_column",
            ProblemKind::DuplicateColumn { .. } => "duplicate_column",
            ProblemKind::CellError { .. } => "cell_error",
            ProblemKind::UnreadableRecord { .. } => "unreadable_record",
            ProblemKind::NulCharacters => "nul_characters",
            ProblemKind::LineTooLong { .. } => "line_too_long",
            ProblemKind::CellPastLastColumn => "cell_past_last_column",
            ProblemKind::UnnamedKey { .. } => "unnamed_key",
            ProblemKind::SimilarKey { .. } => "similar_key",
        }
    }
}

/// A problem at a row (or in the header row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The row number as the person sees it.
    pub row: u64,
    pub numbering: Numbering,
    pub kind: ProblemKind,
}

impl Problem {
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// The sentence shown to people.
    pub fn message(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = format!("{} {}", self.numbering, self.row);
        match &self.kind {
            ProblemKind::TooManyCells { expected, found } => write!(
                f,
                "{at} has {found} cells but the header names {expected} columns: the values to the right of the last column have no column name and are not imported. Check for a stray delimiter in that row."
            ),
            ProblemKind::TooFewCells { expected, found } => write!(
                f,
                "{at} has {found} cells but the header names {expected} columns: the missing cells are read as empty. The row may have been cut short or split across lines."
            ),
            ProblemKind::InvalidText { encoding } => write!(
                f,
                "{at} holds bytes that are not valid {encoding}; they are shown as \u{FFFD}. If names look wrong, pass the file's real encoding with --encoding."
            ),
            ProblemKind::UnnamedColumn { letter, name } => write!(
                f,
                "column {letter} has no name in the header ({at}); it is called \"{name}\"."
            ),
            ProblemKind::DuplicateColumn { name, renamed } => write!(
                f,
                "the header ({at}) names \"{name}\" twice; the later column is called \"{renamed}\"."
            ),
            ProblemKind::CellError { column, code } => write!(
                f,
                "{at}, column \"{column}\" holds the spreadsheet error {code}; it is read as empty. Fix the formula in the workbook."
            ),
            ProblemKind::UnreadableRecord { detail } => {
                write!(f, "{at} cannot be read ({detail}) and is skipped.")
            }
            ProblemKind::NulCharacters => write!(
                f,
                "{at} holds NUL characters (invisible, left by the program that wrote the file); they are removed. If the row looks wrong, export the file again."
            ),
            ProblemKind::LineTooLong { limit } => write!(
                f,
                "{at} is longer than {} and is skipped: a record this long is not a person. Check that line in a text editor.",
                super::limits::size_in_words(*limit)
            ),
            ProblemKind::CellPastLastColumn => write!(
                f,
                "{at} has a cell past column XFD, the last column a sheet can have; it is skipped. The workbook may be damaged: open it in Excel or LibreOffice and save it again."
            ),
            ProblemKind::UnnamedKey { name } => write!(
                f,
                "{at} has a key with no name; its values are in the column \"{name}\". Give the key a name in the program that wrote the file, or map the column \"{name}\" as it is."
            ),
            ProblemKind::SimilarKey { key, like, renamed } => write!(
                f,
                "{at} has the key \"{key}\", which differs from the column \"{like}\" only in capitals or spaces; its values are in the column \"{renamed}\". If both mean the same, correct the key in the program that wrote the file; otherwise map \"{renamed}\" as a column of its own."
            ),
        }
    }
}

impl Serialize for Problem {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Problem", 3)?;
        s.serialize_field("row", &self.row)?;
        s.serialize_field("code", self.code())?;
        s.serialize_field("message", &self.message())?;
        s.end()
    }
}

/// The problems of one file: every one counted, the first [`Problems::KEPT`] kept in full,
/// so a file with a million broken rows does not fill memory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems {
    kept: Vec<Problem>,
    counts: BTreeMap<&'static str, u64>,
    total: u64,
}

impl Problems {
    /// How many problems are kept with their details.
    pub const KEPT: usize = 1000;

    pub fn push(&mut self, problem: Problem) {
        *self.counts.entry(problem.code()).or_default() += 1;
        self.total += 1;
        if self.kept.len() < Self::KEPT {
            self.kept.push(problem);
        }
    }

    pub fn extend(&mut self, other: &Problems) {
        for (code, n) in &other.counts {
            *self.counts.entry(code).or_default() += n;
        }
        self.total += other.total;
        let room = Self::KEPT.saturating_sub(self.kept.len());
        self.kept.extend(other.kept.iter().take(room).cloned());
    }

    /// The kept problems, in the order found.
    pub fn list(&self) -> &[Problem] {
        &self.kept
    }

    /// Every problem counted per code.
    pub fn counts(&self) -> &BTreeMap<&'static str, u64> {
        &self.counts
    }

    pub fn total(&self) -> u64 {
        self.total
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ragged(row: u64) -> Problem {
        Problem {
            row,
            numbering: Numbering::Row,
            kind: ProblemKind::TooManyCells {
                expected: 3,
                found: 4,
            },
        }
    }

    #[test]
    fn messages_name_the_row_and_what_to_do() {
        let text = ragged(12).message();
        assert!(
            text.starts_with("row 12 has 4 cells but the header names 3 columns"),
            "{text}"
        );
        assert!(text.contains("stray delimiter"), "{text}");
    }

    #[test]
    fn every_problem_is_counted_but_only_the_first_are_kept() {
        let mut problems = Problems::default();
        for row in 0..(Problems::KEPT as u64 + 5) {
            problems.push(ragged(row));
        }
        assert_eq!(problems.total(), Problems::KEPT as u64 + 5);
        assert_eq!(problems.list().len(), Problems::KEPT);
        assert_eq!(
            problems.counts()["too_many_cells"],
            Problems::KEPT as u64 + 5
        );
    }
}
