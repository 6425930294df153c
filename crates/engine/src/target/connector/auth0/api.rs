//! The four Management API calls the Auth0 connector makes (reference 004): upload a
//! users file as an import job, read the job, read its failed users, find a user by email.
//! Each turns Auth0's answer into plain values or a [`PushError`]. A refused upload created
//! no job whatever its status (the 429 of the concurrent-job limit, the 413 of a file too
//! large, a 400 for bad settings), which is how [`PushError`]'s conversion sorts it.

use serde::Deserialize;
use serde_json::Value;

use super::super::PushError;
use crate::connect::{Client, ConnectError, ErrorKind, RetryClass};

/// One import job as `GET /api/v2/jobs/{id}` shows it.
#[derive(Debug, Deserialize)]
pub(super) struct Job {
    pub id: String,
    /// `pending`, `processing`, `completed`, `failed` or `expired`.
    pub status: String,
    #[serde(default)]
    pub created_at: Option<String>,
    /// Muster's name for the batch, which also tells the policy (see the module docs).
    #[serde(default)]
    pub external_id: Option<String>,
    #[serde(default)]
    pub summary: Option<Summary>,
    /// Why a job failed as a whole.
    #[serde(default)]
    pub status_details: Option<String>,
}

/// The totals of a finished job.
#[derive(Debug, Default, Clone, Copy, Deserialize)]
pub(super) struct Summary {
    #[serde(default)]
    pub inserted: u64,
    #[serde(default)]
    pub updated: u64,
}

/// One failed user of a job: the entry as Auth0 read it and why it failed.
#[derive(Debug, Deserialize)]
pub(super) struct Failure {
    #[serde(default)]
    pub user: Value,
    #[serde(default)]
    pub errors: Vec<Reason>,
}

/// One of a failed user's errors.
#[derive(Debug, Deserialize)]
pub(super) struct Reason {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub path: String,
}

/// A user found by email: its id and when Auth0 created it.
#[derive(Debug, Deserialize)]
pub(super) struct Found {
    #[serde(default)]
    pub user_id: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
}

/// What an upload carries besides the file.
pub(super) struct Upload<'a> {
    pub file: Vec<u8>,
    pub connection_id: &'a str,
    pub upsert: bool,
    pub external_id: String,
}

/// The Management API of one tenant.
pub(super) struct Api {
    pub client: Client,
    /// The tenant's base address without a trailing slash.
    pub base: String,
}

impl Api {
    /// `POST /api/v2/jobs/users-imports`: the job Auth0 created for the file.
    pub async fn upload(&self, upload: &Upload<'_>) -> Result<Job, PushError> {
        let url = format!("{}/api/v2/jobs/users-imports", self.base);
        let response = self
            .client
            .send(RetryClass::CreateOnce, |http| {
                let users = reqwest::multipart::Part::bytes(upload.file.clone())
                    .file_name("users.json")
                    .mime_str("application/json")
                    // A fixed, valid MIME type cannot fail to parse; keep the part untyped if it did.
                    .unwrap_or_else(|_| reqwest::multipart::Part::bytes(upload.file.clone()));
                let form = reqwest::multipart::Form::new()
                    .part("users", users)
                    .text("connection_id", upload.connection_id.to_owned())
                    .text("upsert", upload.upsert.to_string())
                    .text("external_id", upload.external_id.clone())
                    .text("send_completion_email", "false");
                http.post(&url).multipart(form)
            })
            .await
            .map_err(upload_refused)?;
        read(response, "the import job it created").await
    }

    /// `GET /api/v2/jobs/{id}`.
    pub async fn job(&self, id: &str) -> Result<Job, PushError> {
        let url = format!("{}/api/v2/jobs/{id}", self.base);
        let response = self
            .client
            .send(RetryClass::Idempotent, |http| http.get(&url))
            .await?;
        read(response, "the import job").await
    }

    /// `GET /api/v2/jobs/{id}/errors`: the failed users, none when Auth0 answers 204.
    pub async fn failures(&self, id: &str) -> Result<Vec<Failure>, PushError> {
        let url = format!("{}/api/v2/jobs/{id}/errors", self.base);
        let response = self
            .client
            .send(RetryClass::Idempotent, |http| http.get(&url))
            .await?;
        if response.status() == reqwest::StatusCode::NO_CONTENT {
            return Ok(Vec::new());
        }
        match read::<Value>(response, "the job's errors").await? {
            Value::Array(entries) => entries
                .into_iter()
                .map(|entry| {
                    serde_json::from_value(entry).map_err(|error| PushError::Uncertain {
                        message: format!(
                            "Auth0 listed a failed user of job {id} in a shape Muster cannot read ({error})"
                        ),
                    })
                })
                .collect(),
            // The job object itself: Auth0 has no list of failed users for it.
            _ => Ok(Vec::new()),
        }
    }

    /// `GET /api/v2/users-by-email?email=`: the users with exactly this address.
    pub async fn by_email(&self, email: &str) -> Result<Vec<Found>, PushError> {
        let url = format!("{}/api/v2/users-by-email", self.base);
        let response = self
            .client
            .send(RetryClass::Idempotent, |http| {
                http.get(&url).query(&[("email", email)])
            })
            .await?;
        read(response, "the user lookup").await
    }
}

/// A refused upload: the 429 gets words about Auth0's limits, the person's next step.
fn upload_refused(error: ConnectError) -> PushError {
    if error.kind() == ErrorKind::RateLimited {
        return PushError::NotSent {
            message: format!(
                "Auth0 did not take the users file now; it runs at most two import jobs per tenant at once and limits requests per second ({error}). Nothing of this file was imported"
            ),
        };
    }
    PushError::from(error)
}

async fn read<T: serde::de::DeserializeOwned>(
    response: reqwest::Response,
    what: &str,
) -> Result<T, PushError> {
    response
        .json::<T>()
        .await
        .map_err(|error| PushError::Uncertain {
            message: format!("Auth0 answered with {what} in a shape Muster cannot read ({error})"),
        })
}
