//! The shapes of the connection, sandbox and job commands of `ui/src/ipc/contract.ts` (serde camelCase).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{JobCounts, SheetRow};

// ---- Connections and the sandbox ------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingSpec {
    pub key: String,
    pub label: String,
    pub required: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placeholder: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub choices: Option<Vec<String>>,
}

/// `ConnectionKind` of the contract: what a connection of this kind asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionKind {
    pub kind: String,
    pub label: String,
    /// "target" | "source"
    pub role: String,
    pub settings: Vec<SettingSpec>,
    pub secrets: Vec<SettingSpec>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionInfo {
    pub name: String,
    pub kind: String,
    pub url: String,
    pub settings: BTreeMap<String, String>,
    /// Names of the secrets the keychain holds, never their values.
    pub secrets: Vec<String>,
    pub sandbox: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewConnection {
    pub name: String,
    pub kind: String,
    pub url: String,
    #[serde(default)]
    pub settings: BTreeMap<String, String>,
    /// Secret name → value; straight to the keychain.
    #[serde(default)]
    pub secrets: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionTest {
    pub ok: bool,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Emulator {
    pub kind: String,
    pub label: String,
    pub url: String,
    pub users: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SandboxStatus {
    pub running: bool,
    pub emulators: Vec<Emulator>,
}

// ---- Jobs -----------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanSample {
    /// "create" | "update" | "skip" | "unchanged" | "decided"
    pub expected: String,
    pub source_row: u64,
    pub identifier: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanResult {
    /// Every kind of `Expected`, each with its count (0 included).
    pub counts: BTreeMap<String, u64>,
    pub samples: Vec<PlanSample>,
    pub complete: bool,
}

/// Streamed through a plan's or a push's Channel.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JobProgress {
    pub job: i64,
    pub done: u64,
    pub total: u64,
    pub rate: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seconds_left: Option<u64>,
    pub counts: JobCounts,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JobRecord {
    pub source_row: u64,
    pub identifier: String,
    /// "created" | "updated" | "skipped" | "unchanged" | "failed" | "held" | "pending"
    pub outcome: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    pub attempts: u32,
    /// Field → text (every value a JSON string), in the payload's order.
    pub fields: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordWindow {
    pub start: u64,
    pub records: Vec<JobRecord>,
    pub total: u64,
}

/// A failed or held record corrected in the app: its source cells, by column.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordFix {
    pub source_row: u64,
    pub cells: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StillInvalid {
    pub source_row: u64,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FixResult {
    pub queued: u64,
    pub still_invalid: Vec<StillInvalid>,
}

/// `retry_failed`'s answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Queued {
    pub queued: u64,
}

/// `failed_sources`' answer: the source cells of the failed and held records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FailedSources {
    pub columns: Vec<String>,
    pub rows: Vec<SheetRow>,
}

/// `Exported` of the contract: one shape for every export (issues, results, failed rows).
pub use super::review::Exported;
