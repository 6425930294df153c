//! An Authgear import task as the Check Status endpoint shows it, read into one outcome per
//! record of the batch that started it.
//!
//! Follows reference 002: a task is `pending`, then `completed` with `details[]`, one per
//! record, each with `index` (the record's place in the request), `outcome` (`inserted`,
//! `updated`, `skipped`, `failed`), `user_id` and `warnings[].message`. Where the document is
//! silent (a failed record's reasons) Muster reads `errors[]` as Authgear's server writes
//! them, Admin API error objects `{"name", "reason", "message", "info": {"causes"}}`.
//!
//! Choices:
//! - `inserted` is `created`; the user's id is the record's target id for every outcome
//!   that names one.
//! - A failed record's code is its first error's `reason` (else `name`); its message is
//!   every error's `message` with the validation causes spelled out, then the warnings.
//! - Warnings of a record that did not fail become its message.
//! - A completed task that leaves a record of the batch without a detail, or a status or
//!   outcome Muster does not know, is not guessed at: the batch stays in flight.

use serde::Deserialize;
use serde_json::Value;

use crate::job::{Outcome, RecordOutcome};

/// The Admin API's answer: the value is under `result`.
#[derive(Debug, Deserialize)]
pub(super) struct Answer {
    pub result: Task,
}

/// An import task.
#[derive(Debug, Deserialize)]
pub(super) struct Task {
    pub id: String,
    pub status: String,
    #[serde(default)]
    details: Vec<Detail>,
}

#[derive(Debug, Deserialize)]
struct Detail {
    index: usize,
    outcome: String,
    #[serde(default)]
    user_id: Option<String>,
    #[serde(default)]
    warnings: Vec<Warning>,
    #[serde(default)]
    errors: Vec<ApiError>,
}

#[derive(Debug, Deserialize)]
struct Warning {
    #[serde(default)]
    message: String,
}

#[derive(Debug, Deserialize)]
struct ApiError {
    #[serde(default)]
    name: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    info: Option<Value>,
}

/// Where a task stands.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Progress {
    Pending,
    /// One outcome per record, in the batch's order.
    Completed(Vec<RecordOutcome>),
}

/// A task Muster cannot read into outcomes.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub(super) enum TaskError {
    #[error("its status is \"{0}\", which Muster does not know")]
    UnknownStatus(String),
    #[error("it completed without saying what became of record {0} of the batch")]
    Missing(usize),
    #[error("it says record {index} of the batch was \"{outcome}\", which Muster does not know")]
    UnknownOutcome { index: usize, outcome: String },
}

impl Task {
    /// Reads the task against the batch of `records` records that started it.
    pub(super) fn progress(self, records: usize) -> Result<Progress, TaskError> {
        match self.status.as_str() {
            "pending" => return Ok(Progress::Pending),
            "completed" => {}
            _ => return Err(TaskError::UnknownStatus(self.status)),
        }
        let mut outcomes: Vec<Option<RecordOutcome>> = vec![None; records];
        for detail in self.details {
            let index = detail.index;
            // A detail for a record the batch does not have says nothing about the batch.
            if let Some(slot) = outcomes.get_mut(index) {
                *slot = Some(detail.outcome()?);
            }
        }
        outcomes
            .into_iter()
            .enumerate()
            .map(|(index, outcome)| outcome.ok_or(TaskError::Missing(index)))
            .collect::<Result<Vec<_>, _>>()
            .map(Progress::Completed)
    }
}

impl Detail {
    fn outcome(self) -> Result<RecordOutcome, TaskError> {
        let outcome = match self.outcome.as_str() {
            "inserted" => Outcome::Created,
            "updated" => Outcome::Updated,
            "skipped" => Outcome::Skipped,
            "failed" => Outcome::Failed,
            _ => {
                return Err(TaskError::UnknownOutcome {
                    index: self.index,
                    outcome: self.outcome,
                });
            }
        };
        let warnings = self
            .warnings
            .iter()
            .map(|w| w.message.trim())
            .filter(|m| !m.is_empty());
        let (code, message) = if outcome == Outcome::Failed {
            let code = self.errors.first().map(ApiError::code);
            let said: Vec<String> = self
                .errors
                .iter()
                .map(ApiError::said)
                .chain(warnings.map(str::to_owned))
                .collect();
            let message = if said.is_empty() {
                "Authgear did not say why".to_owned()
            } else {
                said.join("; ")
            };
            (code, Some(message))
        } else {
            let said: Vec<&str> = warnings.collect();
            (None, (!said.is_empty()).then(|| said.join("; ")))
        };
        Ok(RecordOutcome {
            outcome,
            target_id: self.user_id.filter(|id| !id.is_empty()),
            code,
            message,
        })
    }
}

impl ApiError {
    fn code(&self) -> String {
        if self.reason.is_empty() {
            self.name.clone()
        } else {
            self.reason.clone()
        }
    }

    /// The error's message and, for a validation error, where the record is wrong:
    /// `invalid value (/password/type: enum {"expected":["bcrypt"]})`.
    fn said(&self) -> String {
        let message = if self.message.is_empty() {
            self.code()
        } else {
            self.message.clone()
        };
        let causes: Vec<String> = self
            .info
            .as_ref()
            .and_then(|info| info.get("causes"))
            .and_then(Value::as_array)
            .map(|causes| causes.iter().map(cause).collect())
            .unwrap_or_default();
        if causes.is_empty() {
            message
        } else {
            format!("{message} ({})", causes.join(", "))
        }
    }
}

/// One validation cause as a person reads it: where, what kind, the details.
fn cause(cause: &Value) -> String {
    let location = match cause.get("location").and_then(Value::as_str) {
        Some("") | None => "record",
        Some(location) => location,
    };
    let kind = cause
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or("invalid");
    match cause.get("details") {
        Some(details) if !details.is_null() => format!("{location}: {kind} {details}"),
        _ => format!("{location}: {kind}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn task(value: Value) -> Task {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn details_land_on_their_index_whatever_their_order() {
        let completed = task(json!({
            "id": "task_1",
            "status": "completed",
            "details": [
                {"index": 1, "outcome": "failed", "errors": [{
                    "name": "AlreadyExists", "reason": "DuplicatedIdentity",
                    "message": "identity already exists", "code": 409
                }]},
                {"index": 0, "outcome": "inserted", "user_id": "u0",
                 "warnings": [{"message": "disabled = false has no effect in insert."}]},
            ]
        }));
        let Ok(Progress::Completed(outcomes)) = completed.progress(2) else {
            panic!("expected outcomes");
        };
        assert_eq!(outcomes[0].outcome, Outcome::Created);
        assert_eq!(outcomes[0].target_id.as_deref(), Some("u0"));
        assert_eq!(
            outcomes[0].message.as_deref(),
            Some("disabled = false has no effect in insert.")
        );
        assert_eq!(outcomes[1].outcome, Outcome::Failed);
        assert_eq!(outcomes[1].code.as_deref(), Some("DuplicatedIdentity"));
        assert_eq!(
            outcomes[1].message.as_deref(),
            Some("identity already exists")
        );
    }

    #[test]
    fn a_pending_task_is_pending_and_a_short_one_is_not_guessed_at() {
        let pending = task(json!({"id": "t", "status": "pending"}));
        assert_eq!(pending.progress(3), Ok(Progress::Pending));
        let short = task(json!({"id": "t", "status": "completed",
            "details": [{"index": 0, "outcome": "skipped"}]}));
        assert_eq!(short.progress(2), Err(TaskError::Missing(1)));
        let odd = task(json!({"id": "t", "status": "running"}));
        assert_eq!(
            odd.progress(1),
            Err(TaskError::UnknownStatus("running".into()))
        );
    }
}
