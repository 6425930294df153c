//! Auth0 bulk user imports (reference 004, "Bulk User Imports"): a batch is one users
//! file, a JSON array of the records' payloads, uploaded with
//! `POST /api/v2/jobs/users-imports` (multipart `users`, `connection_id`, `upsert`,
//! `external_id`, `send_completion_email`) under a Management API token from the client
//! credentials grant. Auth0 answers with a job that the runner polls through
//! `GET /api/v2/jobs/{id}` until it is `completed` (or `failed`), then the failed users
//! come from `GET /api/v2/jobs/{id}/errors`.
//!
//! Choices where the reference is silent:
//! - A file holds at most 500 000 bytes, brackets and commas included, under Auth0's
//!   512 000-byte limit with room for payloads that serialise a little longer than
//!   journaled; at most 10 000 users a file.
//! - Policy `update` uploads with `upsert=true`, `skip` with `upsert=false`; completion
//!   emails are never asked for.
//! - `external_id` is `muster-{policy}-{first record id}-{records}`. Auth0 hands it back
//!   with the job, so polling after a crash still knows whether the file was an upsert.
//! - The 429 of the concurrent-job limit (two jobs per tenant) created no job: the batch is
//!   not sent and the next run sends it. So is a 413 or a 400 refusing the upload.
//! - Which record became what is decided in [`settle`]: from the errors list, the summary
//!   and, only when the summary mixes inserts and updates, a lookup of each user by email
//!   after the job. Looking up after the job rather than before the upload keeps nothing
//!   outside Auth0 and the journal, so it survives a crash between upload and poll.
//! - The plan looks each user up by email (`GET /api/v2/users-by-email`). A user found is
//!   `update` under the update policy: an upsert rewrites it, and Auth0 does not say which
//!   of the file's fields differ from what it holds. A record without an email is
//!   `decided` by Auth0.
//! - "Test connection" fetches a Management API token and looks up an address nobody has:
//!   it proves the client credentials, the audience and the `read:users` scope.
//! - After a crash while a file may or may not have been uploaded (no job id journaled),
//!   each record is looked up by email. Under `skip` a user found is `created` (with a
//!   message saying it may have existed before; Auth0 cannot tell which), one missing is
//!   sent again. Under `update` every record is sent again: the upsert writes the same
//!   values to the same user, while a user found does not prove the new values arrived.

mod api;
mod settle;

use api::{Api, Upload};

use super::one_by_one::look_each;
use super::{BatchLimits, Outgoing, Polled, PushError, Submitted, Target};
use crate::connect::Client;
use crate::job::{Expected, Outcome, Planned, Policy, RecordOutcome};

/// The most bytes of one users file, brackets and commas included.
const FILE_BYTES: usize = 500_000;
/// The most users in one file.
const FILE_RECORDS: usize = 10_000;

/// One Auth0 tenant's database connection, as an import target.
pub struct Auth0 {
    api: Api,
    connection_id: String,
}

impl Auth0 {
    /// The importer into the database connection `connection_id` (`con_…`) of the tenant at
    /// `base_url` (e.g. `https://acme.eu.auth0.com`); `client` carries the Management API
    /// client credentials.
    pub fn new(client: Client, base_url: &str, connection_id: impl Into<String>) -> Auth0 {
        Auth0 {
            api: Api {
                client,
                base: base_url.trim_end_matches('/').to_owned(),
            },
            connection_id: connection_id.into(),
        }
    }
}

/// The batch's name at Auth0, carrying its policy.
fn external_id(batch: &[Outgoing], policy: Policy) -> String {
    let first = batch.first().map_or(0, |record| record.record_id);
    format!("muster-{}-{first}-{}", policy.as_str(), batch.len())
}

/// Whether a job was an upsert: from its `external_id`, else from its summary.
fn was_upsert(job: &api::Job) -> bool {
    match &job.external_id {
        Some(id) if id.starts_with("muster-update-") => true,
        Some(id) if id.starts_with("muster-skip-") => false,
        _ => job.summary.is_some_and(|summary| summary.updated > 0),
    }
}

/// The users file: the payloads as a JSON array.
fn users_file(batch: &[Outgoing]) -> Result<Vec<u8>, PushError> {
    let payloads: Vec<&serde_json::Value> = batch.iter().map(|record| &record.payload).collect();
    serde_json::to_vec(&payloads).map_err(|error| PushError::NotSent {
        message: format!("the users file for Auth0 could not be written ({error})"),
    })
}

impl Target for Auth0 {
    fn describe(&self) -> String {
        format!("Auth0 tenant at {}", self.api.base)
    }

    fn limits(&self) -> BatchLimits {
        BatchLimits {
            records: FILE_RECORDS,
            bytes: FILE_BYTES,
        }
    }

    fn policies(&self) -> &'static [Policy] {
        &[Policy::Skip, Policy::Update]
    }

    async fn plan(&self, batch: &[Outgoing], policy: Policy) -> Result<Vec<Planned>, PushError> {
        look_each(batch.len(), |index| async move {
            let Some(email) = settle::email_of(&batch[index].payload) else {
                return Ok(Planned::decided());
            };
            let found = self.api.by_email(&email).await?.into_iter().next();
            Ok(match (found, policy) {
                (None, _) => Planned::new(Expected::Create, None),
                (Some(user), Policy::Skip) => Planned::new(Expected::Skip, user.user_id),
                (Some(user), Policy::Update) => Planned::new(Expected::Update, user.user_id),
            })
        })
        .await
    }

    async fn check(&self) -> Result<String, PushError> {
        self.api
            .by_email("muster-connection-test@example.invalid")
            .await?;
        Ok(
            "the client credentials were accepted and a user lookup answered (scope read:users)"
                .into(),
        )
    }

    async fn submit(&self, batch: &[Outgoing], policy: Policy) -> Result<Submitted, PushError> {
        let upload = Upload {
            file: users_file(batch)?,
            connection_id: &self.connection_id,
            upsert: policy == Policy::Update,
            external_id: external_id(batch, policy),
        };
        let job = self.api.upload(&upload).await?;
        Ok(Submitted::Accepted(job.id))
    }

    async fn poll(&self, remote_id: &str, batch: &[Outgoing]) -> Result<Polled, PushError> {
        let job = self.api.job(remote_id).await?;
        match job.status.as_str() {
            "pending" | "processing" => Ok(Polled::Working),
            "failed" => Ok(Polled::Settled(settle::job_failed(&job, batch))),
            "completed" | "expired" => {
                let failures = self.api.failures(remote_id).await?;
                let upsert = was_upsert(&job);
                let outcomes =
                    settle::job_completed(&self.api, &job, upsert, failures, batch).await?;
                Ok(Polled::Settled(outcomes))
            }
            other => Err(PushError::Uncertain {
                message: format!(
                    "Auth0 reports import job {remote_id} as \"{other}\", which Muster does not know; run the job again later"
                ),
            }),
        }
    }

    async fn reconcile(
        &self,
        batch: &[Outgoing],
        policy: Policy,
    ) -> Result<Vec<Option<RecordOutcome>>, PushError> {
        let mut found = Vec::with_capacity(batch.len());
        for record in batch {
            let email = settle::email_of(&record.payload);
            let outcome = match (policy, email) {
                (Policy::Skip, Some(email)) => {
                    let user = self.api.by_email(&email).await?.into_iter().next();
                    user.map(|user| RecordOutcome {
                        message: Some(
                            "found at Auth0 after an interrupted run; Auth0 cannot tell whether this run's import or an earlier sign-up made it".into(),
                        ),
                        ..settle::success(Outcome::Created, user.user_id)
                    })
                }
                _ => None,
            };
            found.push(outcome);
        }
        Ok(found)
    }
}
