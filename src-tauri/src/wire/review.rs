//! The shapes of the Map-change, template, Review and job-creation commands of
//! `ui/src/ipc/contract.ts` (serde camelCase).

use muster_engine::mapping::transform::Transform;
use muster_engine::validate::Severity;
use serde::{Deserialize, Deserializer, Serialize};

/// What the person changed on the Map screen, for one field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    pub field: String,
    /// `None`: leave the column as it is; `Some(None)`: no column (`null`); `Some(name)`.
    #[serde(default, deserialize_with = "present")]
    pub column: Option<Option<String>>,
    /// The new list of transforms; `None` leaves them as they are.
    #[serde(default)]
    pub transforms: Option<Vec<Transform>>,
    /// `Some(true)`: this field becomes the identifier.
    #[serde(default)]
    pub identifier: Option<bool>,
}

/// Tells a key given as `null` (`Some(None)`) from a key left out (`None`, by `default`).
fn present<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// A mapping saved in the store under a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MappingTemplate {
    pub name: String,
    /// "lms" | "auth0" | "authgear" | "scim" | "rest"
    pub target: String,
}

/// One kind of problem and how often it occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProblemCount {
    pub code: String,
    pub severity: Severity,
    pub count: u64,
    /// The first message of this kind, with its row: `Row 17: "x" in column "E-Mail" …`.
    pub example: String,
}

/// The sheet validated through the mapping, edits included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewSummary {
    pub sheet_id: u64,
    pub total: u64,
    pub valid: u64,
    pub invalid: u64,
    pub skipped: u64,
    pub errors: u64,
    pub warnings: u64,
    pub rows_with_problems: u64,
    pub problems: Vec<ProblemCount>,
    pub edits: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CellIssue {
    /// The source column; empty for a constant.
    pub column: String,
    pub field: String,
    pub severity: Severity,
    pub code: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewRow {
    /// 0-based position among the data rows: the handle for `edit_cell`.
    pub index: u64,
    /// The row as the person sees it.
    pub number: u64,
    pub cells: Vec<String>,
    pub issues: Vec<CellIssue>,
    /// Columns of this row edited in the app.
    pub edited: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewWindow {
    pub start: u64,
    pub rows: Vec<ReviewRow>,
    /// Rows in the view: all rows, or only those with problems (of `code`).
    pub total: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReplaceResult {
    pub replaced: u64,
    pub summary: ReviewSummary,
}

/// Files written by an export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Exported {
    pub files: Vec<String>,
    /// Rows written.
    pub written: u64,
}

/// A job journaled from the open sheet; nothing sent yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedJob {
    pub job: i64,
    /// Valid records journaled to send.
    pub to_send: u64,
    /// Records held back by validation (never sent).
    pub held_back: u64,
}
