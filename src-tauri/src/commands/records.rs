//! `job_records`: a window of a job's records for the Results screen, read from the store a
//! page at a time (all of them, or those of one outcome), each with the JSON it carries
//! shown as field → text.

use std::path::Path;

use muster_engine::job::Outcome;
use muster_engine::store::retry::Standing;
use muster_engine::store::{Listed, Shown};
use serde_json::{Map, Value};

use super::blocking;
use crate::error::UiError;
use crate::store;
use crate::wire::jobs::{JobRecord, RecordWindow};

/// The most records one answer carries.
pub const MAX_RECORDS: u64 = 2_000;

/// Up to `count` records (at most [`MAX_RECORDS`]) of job `id` from position `start`, only
/// those of `outcome` when given ("created" … "failed", "held", "pending").
pub fn records_at(
    store_path: &Path,
    id: i64,
    outcome: Option<&str>,
    start: u64,
    count: u64,
) -> Result<RecordWindow, UiError> {
    let shown = match outcome {
        None => Shown::All,
        Some("pending") => Shown::Unsent,
        Some("held") => Shown::Held,
        Some(text) => Outcome::parse(text).map(Shown::Settled).ok_or_else(|| {
            UiError::new(format!(
                "\"{text}\" is not an outcome; show created, updated, skipped, unchanged, failed, held or pending records."
            ))
        })?,
    };
    let store = store::open(store_path)?;
    // A job that does not exist has no records; say so rather than show none.
    store.job(id)?;
    let window = store.record_window(id, shown, start, count.min(MAX_RECORDS))?;
    Ok(RecordWindow {
        start,
        records: window.records.into_iter().map(record).collect(),
        total: window.total,
    })
}

fn record(listed: Listed) -> JobRecord {
    let entry = listed.entry;
    let outcome = match entry.standing {
        Standing::Pending | Standing::InFlight => "pending",
        Standing::Held => "held",
        Standing::Settled(outcome) => outcome.as_str(),
    };
    JobRecord {
        source_row: entry.source_row,
        identifier: entry.identifier,
        outcome: outcome.to_owned(),
        target_id: entry.target_id,
        code: entry.code,
        message: entry.message,
        attempts: listed.attempts,
        fields: fields(&listed.payload),
    }
}

/// The payload as field → text, nested objects and lists flattened to dotted names
/// (`name.givenName`, `emails.0.value`), in the payload's order.
pub fn fields(payload: &str) -> Map<String, Value> {
    let mut out = Map::new();
    match serde_json::from_str::<Value>(payload) {
        Ok(value) => flatten("", &value, &mut out),
        // The store only keeps JSON it wrote; show anything else as it is.
        Err(_) => {
            out.insert("payload".to_owned(), Value::String(payload.to_owned()));
        }
    }
    out
}

fn flatten(prefix: &str, value: &Value, out: &mut Map<String, Value>) {
    let name = |key: &str| {
        if prefix.is_empty() {
            key.to_owned()
        } else {
            format!("{prefix}.{key}")
        }
    };
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                flatten(&name(key), value, out);
            }
        }
        Value::Array(items) => {
            for (index, value) in items.iter().enumerate() {
                flatten(&name(&index.to_string()), value, out);
            }
        }
        Value::String(text) => {
            out.insert(prefix.to_owned(), Value::String(text.clone()));
        }
        Value::Null => {
            out.insert(prefix.to_owned(), Value::String(String::new()));
        }
        other => {
            out.insert(prefix.to_owned(), Value::String(other.to_string()));
        }
    }
}

#[tauri::command]
pub async fn job_records(
    job_id: i64,
    outcome: Option<String>,
    start: u64,
    count: u64,
) -> Result<RecordWindow, UiError> {
    blocking(move || records_at(&store::path()?, job_id, outcome.as_deref(), start, count)).await
}
