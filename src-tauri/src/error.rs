//! The one error every command answers with: words for a person and where it happened.
//!
//! The UI shows `message` as it is, so each one says what happened, where (the file, the
//! row as the person sees it, the column) and what to do next; never a stack trace.

use std::path::Path;

use muster_engine::sheet::{SheetError, TableError};
use muster_engine::store::StoreError;
use serde::Serialize;

/// `UiError` of the contract: `{message, file?, row?, column?}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(rename_all = "camelCase")]
#[error("{message}")]
pub struct UiError {
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
}

impl UiError {
    pub fn new(message: impl AsRef<str>) -> UiError {
        UiError {
            message: sentence(message.as_ref()),
            file: None,
            row: None,
            column: None,
        }
    }

    /// The same error, about `path`.
    pub fn in_file(mut self, path: &Path) -> UiError {
        self.file = Some(path.display().to_string());
        self
    }

    /// A file that could not be opened or read: every [`SheetError`] is about the file the
    /// command was given, so that is the file named.
    pub fn sheet(error: SheetError, path: &Path) -> UiError {
        UiError::new(error.to_string()).in_file(path)
    }

    /// A file read only part of the way.
    pub fn table(error: TableError, path: &Path) -> UiError {
        match error {
            TableError::Sheet(error) => UiError::sheet(error, path),
            TableError::RowTooLong { row } => UiError {
                row: Some(row),
                ..UiError::new(error.to_string()).in_file(path)
            },
        }
    }

    /// Work handed to a background thread that ended without an answer (it panicked or
    /// the app is closing): nothing the person did, so say to try again.
    pub fn stopped() -> UiError {
        UiError::new(
            "Muster stopped before this work was done. Try again; if it happens again, restart Muster.",
        )
    }
}

impl From<StoreError> for UiError {
    fn from(error: StoreError) -> UiError {
        UiError::new(error.to_string())
    }
}

/// Engine messages are written to follow a file name or to stand in a CLI's output, some
/// starting in lower case; on a screen they stand alone, so each starts with a capital.
pub fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_the_contract_shape_without_absent_places() {
        let bare = serde_json::to_value(UiError::new("no")).expect("json");
        assert_eq!(bare, serde_json::json!({ "message": "No" }));
        let placed = UiError {
            row: Some(12),
            column: Some("Email".into()),
            ..UiError::new("bad").in_file(Path::new("staff.csv"))
        };
        assert_eq!(
            serde_json::to_value(placed).expect("json"),
            serde_json::json!({ "message": "Bad", "file": "staff.csv", "row": 12, "column": "Email" })
        );
    }

    #[test]
    fn sentences_start_with_a_capital() {
        assert_eq!(sentence("row 3 has 4 cells"), "Row 3 has 4 cells");
        assert_eq!(sentence("ärger"), "Ärger");
        assert_eq!(sentence("/tmp/x.csv is empty"), "/tmp/x.csv is empty");
        assert_eq!(sentence(""), "");
    }
}
