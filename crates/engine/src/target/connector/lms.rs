//! LMS Collaborator's single-user import (reference document 003): one
//! `POST /api/v2/users-import/single` per user with a bearer token; 200 answers
//! `{"created_count", "updated_count", "blocked_count", "unblocked_count"}`, 400 answers
//! `{"error": "..."}`.
//!
//! Choices where the document is silent:
//! - The import creates or updates by `uid`; there is no way to look a user up, so the
//!   `skip` policy cannot be honoured and only `update` is offered.
//! - A batch is a handful of users sent a few at a time. A user whose request may or may
//!   not have arrived (a timeout, a 5xx) is sent again on resume: the import matches on
//!   `uid`, so a second arrival updates the same user rather than making another.
//! - "Test connection" posts an empty user: the import refuses it with its documented 400
//!   ("Required fields: …") once the token is accepted, and creates nothing.
//! - An answer with neither count set is `unchanged`; `blocked_count`/`unblocked_count`
//!   go into the outcome's message.

use std::sync::Arc;

use super::one_by_one::{Sent, send_each};
use super::{BatchLimits, Outgoing, Polled, PushError, Submitted, Target};
use crate::connect::{Client, ConnectError, RetryClass};
use crate::job::{Outcome, Planned, Policy, RecordOutcome};
use serde::Deserialize;

pub struct Lms {
    client: Arc<Client>,
    endpoint: String,
}

impl Lms {
    /// The importer of the LMS at `base_url` (e.g. `https://your-domain.com`).
    pub fn new(client: Client, base_url: &str) -> Lms {
        Lms {
            client: Arc::new(client),
            endpoint: format!(
                "{}/api/v2/users-import/single",
                base_url.trim_end_matches('/')
            ),
        }
    }
}

#[derive(Deserialize)]
struct Counts {
    #[serde(default)]
    created_count: u64,
    #[serde(default)]
    updated_count: u64,
    #[serde(default)]
    blocked_count: u64,
    #[serde(default)]
    unblocked_count: u64,
}

async fn send_one(client: Arc<Client>, endpoint: String, payload: serde_json::Value) -> Sent {
    let answer = client
        .send(RetryClass::CreateOnce, |http| {
            http.post(&endpoint)
                .header("Content-Type", "application/json;charset=UTF-8")
                .json(&payload)
        })
        .await;
    match answer {
        Ok(response) => match response.json::<Counts>().await {
            Ok(counts) => Sent::Settled(outcome(&counts)),
            Err(error) => Sent::Open(PushError::Uncertain {
                message: format!(
                    "LMS Collaborator answered the import with a body Muster cannot read ({error})"
                ),
            }),
        },
        Err(ConnectError::Rejected {
            status: 400, body, ..
        }) => Sent::Settled(RecordOutcome {
            outcome: Outcome::Failed,
            target_id: None,
            code: Some("400".into()),
            message: Some(error_message(&body)),
        }),
        Err(error) => Sent::Open(error.into()),
    }
}

fn outcome(counts: &Counts) -> RecordOutcome {
    let outcome = if counts.created_count > 0 {
        Outcome::Created
    } else if counts.updated_count > 0 {
        Outcome::Updated
    } else {
        Outcome::Unchanged
    };
    let state = match (counts.blocked_count > 0, counts.unblocked_count > 0) {
        (true, _) => Some("blocked".to_string()),
        (_, true) => Some("unblocked".to_string()),
        _ => None,
    };
    RecordOutcome {
        outcome,
        target_id: None,
        code: None,
        message: state,
    }
}

/// The `error` of a 400 body, or the body itself when it is not the documented shape.
fn error_message(body: &str) -> String {
    #[derive(Deserialize)]
    struct Error {
        error: String,
    }
    serde_json::from_str::<Error>(body).map_or_else(|_| body.trim().to_string(), |e| e.error)
}

impl Target for Lms {
    fn describe(&self) -> String {
        format!("LMS Collaborator at {}", self.endpoint)
    }

    fn limits(&self) -> BatchLimits {
        BatchLimits {
            records: 16,
            bytes: usize::MAX,
        }
    }

    fn policies(&self) -> &'static [Policy] {
        &[Policy::Update]
    }

    async fn plan(&self, batch: &[Outgoing], _policy: Policy) -> Result<Vec<Planned>, PushError> {
        // No lookup exists: the import creates or updates by uid (module docs).
        Ok(vec![Planned::decided(); batch.len()])
    }

    async fn check(&self) -> Result<String, PushError> {
        let answer = self
            .client
            .send(RetryClass::CreateOnce, |http| {
                http.post(&self.endpoint)
                    .header("Content-Type", "application/json;charset=UTF-8")
                    .json(&serde_json::json!({}))
            })
            .await;
        match answer {
            Err(ConnectError::Rejected {
                status: 400, body, ..
            }) => Ok(format!(
                "the token was accepted; the import refused an empty user as documented (\"{}\")",
                error_message(&body)
            )),
            Ok(_) => Ok("the token was accepted".into()),
            Err(error) => Err(error.into()),
        }
    }

    async fn submit(&self, batch: &[Outgoing], _policy: Policy) -> Result<Submitted, PushError> {
        let target = self.describe();
        let sent = send_each(batch.len(), &target, |index| {
            let client = Arc::clone(&self.client);
            let endpoint = self.endpoint.clone();
            let payload = batch[index].payload.clone();
            send_one(client, endpoint, payload)
        });
        Ok(sent.await)
    }

    async fn poll(&self, _remote_id: &str, _batch: &[Outgoing]) -> Result<Polled, PushError> {
        // The import answers in the request; nothing is ever accepted for later.
        Err(PushError::Refused {
            message: "LMS Collaborator has no import jobs to ask after".into(),
        })
    }

    async fn reconcile(
        &self,
        batch: &[Outgoing],
        _policy: Policy,
    ) -> Result<Vec<Option<RecordOutcome>>, PushError> {
        // No lookup exists; sending again updates the same uid (module docs).
        Ok(vec![None; batch.len()])
    }
}
