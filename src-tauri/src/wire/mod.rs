//! The shapes of `ui/src/ipc/contract.ts`, field for field (serde camelCase). Keep the two
//! in step: the UI's tests mock exactly these answers.

use muster_engine::mapping::transform::Transform;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    pub store_path: String,
    pub first_run: bool,
    pub sample_path: String,
    pub sample_profile_path: String,
    /// The file the app was started with (`muster-desktop FILE`), to open on Source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open_path: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JobCounts {
    pub total: u64,
    pub pending: u64,
    pub created: u64,
    pub updated: u64,
    pub skipped: u64,
    pub unchanged: u64,
    pub failed: u64,
    pub held_back: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JobSummary {
    pub id: i64,
    pub source: String,
    pub connection: String,
    pub target_kind: String,
    /// "planned" | "running" | "cancelled" | "interrupted" | "finished"
    pub status: String,
    pub counts: JobCounts,
    /// Seconds since 1970.
    pub created_at: i64,
}

/// The person's overrides of the reader's guesses; absent fields stay guessed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReadOptions {
    pub encoding: Option<String>,
    /// "," ";" "tab" "|"
    pub delimiter: Option<String>,
    pub sheet: Option<String>,
    pub header_row: Option<u64>,
    pub json_pointer: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SheetProblem {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SheetInfo {
    pub sheet_id: u64,
    pub path: String,
    pub format: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<String>,
    pub sheets: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header_row: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json_pointer: Option<String>,
    pub guessed: Vec<String>,
    pub columns: Vec<String>,
    /// The rows read so far: all of them once `complete`.
    pub row_count: u64,
    /// Whether the file has been read to its end (a big one is still being read when it
    /// opens: the grid shows its first rows meanwhile).
    pub complete: bool,
    pub problems: Vec<SheetProblem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SheetRow {
    pub number: u64,
    pub cells: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RowWindow {
    pub start: u64,
    pub rows: Vec<SheetRow>,
    /// The rows read so far: all of them once `complete`.
    pub total: u64,
    pub complete: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldSuggestion {
    pub field: String,
    pub required: bool,
    pub identifier: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    pub confidence: f32,
    pub reason: String,
    pub samples_before: Vec<String>,
    pub samples_after: Vec<String>,
    /// The profile's transforms for this field, in the engine's serde shape
    /// (`{op: "trim"}`, `{op: "case", to: "lower"}`, …), as the TOML writes them.
    pub transforms: Vec<Transform>,
    /// What the catalog says of the field, in words: kind, format, limits, notes.
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MappingSuggestion {
    /// "lms" | "auth0" | "authgear" | "scim" | "rest"
    pub target: String,
    pub fields: Vec<FieldSuggestion>,
    pub profile_toml: String,
    /// Required fields (and the identifier) that no column, constant or template fills.
    pub missing: Vec<String>,
}

pub mod jobs;
pub mod review;
