//! One import task: accepted as `pending`, worked through record by record, then
//! `completed` with a summary and one detail per record.
//!
//! Follows document 002's two sample bodies: `{"id", "created_at", "status": "pending"}`
//! when accepted, and after completion `summary` (`total`, `inserted`, `updated`, `skipped`,
//! `failed`) and `details[]` (`index`, `record` with secrets `REDACTED`, `outcome`,
//! `user_id`, `warnings[].message`, `errors[]`). The document does not show `completed_at`
//! or `errors`; the emulator writes them as Authgear's server does (`completed_at` once the
//! task completes; `errors` as a list of Admin API error objects on a failed record) and,
//! like it, leaves out empty `warnings`/`errors` and a missing `user_id`.

use serde_json::{Map, Value, json};

use super::directory::{Applied, Directory, Outcome};
use super::error::ApiError;
use super::record;
use super::request::ImportRequest;
use crate::scim::stamp;

/// The counts of a completed task.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub total: usize,
    pub inserted: usize,
    pub updated: usize,
    pub skipped: usize,
    pub failed: usize,
}

impl Summary {
    fn count(&mut self, outcome: Outcome) {
        self.total += 1;
        match outcome {
            Outcome::Inserted => self.inserted += 1,
            Outcome::Updated => self.updated += 1,
            Outcome::Skipped => self.skipped += 1,
            Outcome::Failed => self.failed += 1,
        }
    }

    fn to_json(self) -> Value {
        json!({
            "total": self.total,
            "inserted": self.inserted,
            "updated": self.updated,
            "skipped": self.skipped,
            "failed": self.failed,
        })
    }
}

/// What became of one record.
#[derive(Debug, Clone)]
struct Detail {
    index: usize,
    record: Value,
    applied: Applied,
}

impl Detail {
    fn to_json(&self) -> Value {
        let mut out = Map::new();
        out.insert("index".to_owned(), Value::from(self.index));
        out.insert("record".to_owned(), self.record.clone());
        out.insert(
            "outcome".to_owned(),
            Value::from(self.applied.outcome.as_str()),
        );
        if let Some(id) = &self.applied.user_id {
            out.insert("user_id".to_owned(), Value::from(id.as_str()));
        }
        if !self.applied.warnings.is_empty() {
            let warnings = self
                .applied
                .warnings
                .iter()
                .map(|m| json!({ "message": m }))
                .collect();
            out.insert("warnings".to_owned(), Value::Array(warnings));
        }
        if !self.applied.errors.is_empty() {
            out.insert("errors".to_owned(), json!(self.applied.errors));
        }
        Value::Object(out)
    }
}

/// An import task and, once it has run, its result.
#[derive(Debug, Clone)]
pub struct Task {
    id: String,
    created_at: String,
    request: ImportRequest,
    done: Option<Done>,
}

#[derive(Debug, Clone)]
struct Done {
    completed_at: String,
    summary: Summary,
    details: Vec<Detail>,
}

impl Task {
    /// A pending task for `request` with a fresh id (`task_` and 32 base-32 characters, the
    /// shape of the document's sample id).
    pub fn new(request: ImportRequest) -> Task {
        Task {
            id: format!("task_{}", stamp::base32_token(32)),
            created_at: stamp::now_rfc3339(),
            request,
            done: None,
        }
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn request(&self) -> &ImportRequest {
        &self.request
    }

    pub fn summary(&self) -> Option<Summary> {
        self.done.as_ref().map(|d| d.summary)
    }

    /// Imports every record into `directory` in order and completes the task. Running a
    /// completed task again does nothing.
    pub fn run(&mut self, directory: &mut Directory) {
        if self.done.is_some() {
            return;
        }
        let mut summary = Summary::default();
        let mut details = Vec::with_capacity(self.request.records.len());
        for (index, raw) in self.request.records.iter().enumerate() {
            let applied = match record::check_record(raw, self.request.identifier) {
                Ok(fields) => directory.apply(fields, self.request.identifier, self.request.upsert),
                Err(causes) => Applied {
                    outcome: Outcome::Failed,
                    user_id: None,
                    warnings: Vec::new(),
                    errors: vec![ApiError::validation("invalid value", causes)],
                },
            };
            summary.count(applied.outcome);
            details.push(Detail {
                index,
                record: record::redacted(raw),
                applied,
            });
        }
        self.done = Some(Done {
            completed_at: stamp::now_rfc3339(),
            summary,
            details,
        });
    }

    /// The task as the status endpoint returns it.
    pub fn to_json(&self) -> Value {
        let mut out = Map::new();
        out.insert("id".to_owned(), Value::from(self.id.as_str()));
        out.insert(
            "created_at".to_owned(),
            Value::from(self.created_at.as_str()),
        );
        match &self.done {
            None => {
                out.insert("status".to_owned(), Value::from("pending"));
            }
            Some(done) => {
                out.insert(
                    "completed_at".to_owned(),
                    Value::from(done.completed_at.as_str()),
                );
                out.insert("status".to_owned(), Value::from("completed"));
                out.insert("summary".to_owned(), done.summary.to_json());
                let details = done.details.iter().map(Detail::to_json).collect();
                out.insert("details".to_owned(), Value::Array(details));
            }
        }
        Value::Object(out)
    }
}
