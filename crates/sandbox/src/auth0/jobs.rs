//! Import jobs: their table, their progress over time, and the two read
//! endpoints `GET /api/v2/jobs/{id}` and `GET /api/v2/jobs/{id}/errors`.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{Map, Value};

use super::apply::{self, Applied};
use super::reply::ApiError;
use super::{CONNECTION_NAME, Shared, token};
use crate::sync::lock;
use crate::time::iso8601;

/// Totals of a completed job, as Auth0 reports them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub failed: u32,
    pub updated: u32,
    pub inserted: u32,
    pub total: u32,
}

/// A job as tests see it.
#[derive(Clone, Debug, PartialEq)]
pub struct JobSnapshot {
    pub id: String,
    /// `pending`, `processing`, `completed`, `failed` or `expired`.
    pub status: String,
    pub connection_id: String,
    pub external_id: Option<String>,
    pub upsert: bool,
    pub send_completion_email: bool,
    pub summary: Option<Summary>,
    /// The failed entries, as the errors endpoint lists them.
    pub failures: Vec<Value>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Pending,
    Processing,
    Finished,
}

/// One import job.
pub(crate) struct Job {
    pub id: String,
    pub connection_id: String,
    pub external_id: Option<String>,
    pub upsert: bool,
    pub send_completion_email: bool,
    pub created: SystemTime,
    pub started: Instant,
    pub duration: Duration,
    phase: Phase,
    file: Option<Vec<u8>>,
    outcome: Option<Result<Applied, String>>,
}

/// What a new job is made of.
pub(crate) struct NewJob {
    pub id: String,
    pub connection_id: String,
    pub external_id: Option<String>,
    pub upsert: bool,
    pub send_completion_email: bool,
    pub file: Vec<u8>,
    pub duration: Duration,
}

impl Job {
    pub fn new(spec: NewJob) -> Job {
        Job {
            id: spec.id,
            connection_id: spec.connection_id,
            external_id: spec.external_id,
            upsert: spec.upsert,
            send_completion_email: spec.send_completion_email,
            created: SystemTime::now(),
            started: Instant::now(),
            duration: spec.duration,
            phase: Phase::Pending,
            file: Some(spec.file),
            outcome: None,
        }
    }

    fn active(&self) -> bool {
        self.phase != Phase::Finished
    }

    fn status(&self, expiry: Duration) -> &'static str {
        match (&self.phase, &self.outcome) {
            (Phase::Pending, _) => "pending",
            (Phase::Processing, _) => "processing",
            (Phase::Finished, Some(Err(_))) => "failed",
            (Phase::Finished, _) if self.started.elapsed() >= expiry => "expired",
            (Phase::Finished, _) => "completed",
        }
    }

    fn summary(&self) -> Option<Summary> {
        match &self.outcome {
            Some(Ok(applied)) => Some(applied.summary),
            Some(Err(_)) => Some(Summary::default()),
            None => None,
        }
    }

    /// The fields every view of the job shares.
    fn base(&self, status: &str) -> Map<String, Value> {
        let mut out = Map::new();
        out.insert("status".into(), status.into());
        out.insert("type".into(), "users_import".into());
        out.insert("created_at".into(), iso8601(self.created).into());
        out.insert("id".into(), self.id.clone().into());
        out.insert("connection_id".into(), self.connection_id.clone().into());
        out.insert("connection".into(), CONNECTION_NAME.into());
        if let Some(external_id) = &self.external_id {
            out.insert("external_id".into(), external_id.clone().into());
        }
        out
    }

    /// The answer to the create request.
    pub fn created_json(&self) -> Value {
        let mut out = self.base("pending");
        out.insert("upsert".into(), self.upsert.into());
        out.insert(
            "send_completion_email".into(),
            self.send_completion_email.into(),
        );
        Value::Object(out)
    }

    /// The answer to `GET /api/v2/jobs/{id}`.
    fn status_json(&self, expiry: Duration) -> Value {
        let status = self.status(expiry);
        let mut out = self.base(status);
        match status {
            "processing" => {
                let elapsed = self.started.elapsed().as_secs_f64();
                let total = self.duration.as_secs_f64().max(f64::EPSILON);
                // Bounded to 0..=99 before the cast.
                let done = ((elapsed / total) * 100.0).clamp(0.0, 99.0) as u64;
                let left = self.duration.saturating_sub(self.started.elapsed());
                let left_secs = left.as_secs() + u64::from(left.subsec_nanos() > 0);
                out.insert("percentage_done".into(), done.into());
                out.insert("time_left_seconds".into(), left_secs.into());
            }
            "completed" | "failed" => {
                if let Some(summary) = self.summary() {
                    out.insert(
                        "summary".into(),
                        serde_json::to_value(summary).unwrap_or_default(),
                    );
                }
                if let Some(Err(details)) = &self.outcome {
                    out.insert("status_details".into(), details.clone().into());
                }
            }
            _ => {}
        }
        Value::Object(out)
    }

    fn snapshot(&self, expiry: Duration) -> JobSnapshot {
        JobSnapshot {
            id: self.id.clone(),
            status: self.status(expiry).to_owned(),
            connection_id: self.connection_id.clone(),
            external_id: self.external_id.clone(),
            upsert: self.upsert,
            send_completion_email: self.send_completion_email,
            summary: self.summary(),
            failures: match &self.outcome {
                Some(Ok(applied)) => applied.failures.clone(),
                _ => Vec::new(),
            },
        }
    }
}

/// Every job of the tenant, oldest first.
#[derive(Default)]
pub(crate) struct JobTable {
    jobs: Vec<Job>,
}

impl JobTable {
    /// Jobs still pending or processing.
    pub fn active(&self) -> usize {
        self.jobs.iter().filter(|job| job.active()).count()
    }

    pub fn add(&mut self, job: Job) {
        self.jobs.push(job);
    }

    fn get(&self, id: &str) -> Option<&Job> {
        self.jobs.iter().find(|job| job.id == id)
    }

    fn get_mut(&mut self, id: &str) -> Option<&mut Job> {
        self.jobs.iter_mut().find(|job| job.id == id)
    }

    pub fn snapshots(&self, expiry: Duration) -> Vec<JobSnapshot> {
        self.jobs.iter().map(|job| job.snapshot(expiry)).collect()
    }
}

/// Moves the job through processing to its end over its duration.
pub(crate) fn run_in_background(shared: Arc<Shared>, id: String, duration: Duration) {
    tokio::spawn(async move {
        let pending = duration / 2;
        tokio::time::sleep(pending).await;
        if let Some(job) = lock(&shared.jobs).get_mut(&id) {
            job.phase = Phase::Processing;
        }
        tokio::time::sleep(duration.saturating_sub(pending)).await;
        finish(&shared, &id);
    });
}

fn finish(shared: &Shared, id: &str) {
    let taken = lock(&shared.jobs)
        .get_mut(id)
        .and_then(|job| job.file.take().map(|file| (file, job.upsert)));
    let Some((file, upsert)) = taken else {
        return;
    };
    let outcome = apply::run(&file, upsert, &mut lock(&shared.users), SystemTime::now());
    if let Some(job) = lock(&shared.jobs).get_mut(id) {
        job.outcome = Some(outcome);
        job.phase = Phase::Finished;
    }
}

/// `^job_[A-Za-z0-9]{16}$`, the job id pattern of the Management API.
fn valid_job_id(id: &str) -> bool {
    id.strip_prefix("job_")
        .is_some_and(|rest| rest.len() == 16 && rest.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Checks the token and the id, and hands back the job's answer.
fn with_job(
    shared: &Shared,
    headers: &HeaderMap,
    id: &str,
    answer: impl FnOnce(&Job, Duration) -> Response,
) -> Result<Response, ApiError> {
    token::authorize(shared, headers)?;
    if !valid_job_id(id) {
        return Err(ApiError::management(
            StatusCode::BAD_REQUEST,
            "Path validation error: 'String does not match pattern ^job_[A-Za-z0-9]{16}$' on property id (ID of the job).",
            Some("invalid_uri"),
        ));
    }
    let expiry = shared.config().job_expiry;
    match lock(&shared.jobs).get(id) {
        Some(job) => Ok(answer(job, expiry)),
        None => Err(ApiError::management(
            StatusCode::NOT_FOUND,
            "The job does not exist.",
            Some("inexistent_job"),
        )),
    }
}

/// `GET /api/v2/jobs/{id}`.
pub(crate) async fn get_job(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    with_job(&shared, &headers, &id, |job, expiry| {
        Json(job.status_json(expiry)).into_response()
    })
}

/// `GET /api/v2/jobs/{id}/errors`.
pub(crate) async fn get_errors(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    with_job(&shared, &headers, &id, |job, expiry| match &job.outcome {
        Some(Ok(applied)) if applied.failures.is_empty() => StatusCode::NO_CONTENT.into_response(),
        Some(Ok(applied)) => Json(Value::Array(applied.failures.clone())).into_response(),
        // Failed as a whole, or not finished: the job object itself.
        _ => Json(job.status_json(expiry)).into_response(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn job_id_pattern() {
        assert!(valid_job_id("job_abcdEFGH12345678"));
        assert!(!valid_job_id("job_abc123"));
        assert!(!valid_job_id("job_abcdEFGH1234567!"));
        assert!(!valid_job_id("jab_abcdEFGH12345678"));
    }
}
