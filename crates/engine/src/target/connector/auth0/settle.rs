//! Turning a finished Auth0 import job into one outcome per record of its batch.
//!
//! Auth0 lists only the users that failed, each as the entry it read (secrets masked),
//! and counts the rest in a summary that does not say which user was inserted and which
//! updated. So:
//! - a failed entry belongs to the first record not yet matched whose payload equals it,
//!   else whose `email`, else whose `user_id` equals its own;
//! - `DUPLICATED_USER` without upsert (policy skip) is `skipped`: the user exists and the
//!   person asked to leave existing users alone. A record whose email an earlier record of
//!   the same file already carries stays `failed`: that is a duplicate in the source;
//! - every other record: `created` without upsert; with upsert `created` when the summary
//!   counts no update, `updated` when it counts no insert, and otherwise decided by looking
//!   the user up and comparing its `created_at` with the job's (made by the job: created);
//! - when a failed entry cannot be matched to a record, or the job has `expired` and its
//!   errors are no longer to be trusted, every record that is not matched to a failure is
//!   looked up instead: found is decided as above, missing is `failed`.

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset};
use serde_json::Value;

use super::super::{Outgoing, PushError};
use super::api::{Api, Failure, Job};
use crate::job::{Outcome, RecordOutcome};

/// The code of a failure that Auth0 reports for the whole job, not for one user.
const JOB_FAILED: &str = "JOB_FAILED";
/// The code of a record that a job finished without, with no failure matched to it.
const NOT_IMPORTED: &str = "NOT_IMPORTED";

/// Outcomes of a job that failed as a whole: every record, with Auth0's reason.
pub(super) fn job_failed(job: &Job, batch: &[Outgoing]) -> Vec<RecordOutcome> {
    let message = job
        .status_details
        .clone()
        .unwrap_or_else(|| format!("Auth0's import job {} failed without saying why", job.id));
    batch
        .iter()
        .map(|_| failed(JOB_FAILED, message.clone()))
        .collect()
}

/// Outcomes of a job that completed (or expired), in the batch's order.
pub(super) async fn job_completed(
    api: &Api,
    job: &Job,
    upsert: bool,
    failures: Vec<Failure>,
    batch: &[Outgoing],
) -> Result<Vec<RecordOutcome>, PushError> {
    let (owners, unmatched) = match_failures(&failures, batch);
    let look_up_all = unmatched > 0 || job.status == "expired";
    let summary = job.summary.unwrap_or_default();
    let mut outcomes = Vec::with_capacity(batch.len());
    let mut seen = HashSet::new();
    for (record, owner) in batch.iter().zip(owners) {
        let email = email_of(&record.payload);
        let repeated = email
            .as_ref()
            .is_some_and(|email| !seen.insert(email.clone()));
        let outcome = match owner {
            Some(index) => from_failure(&failures[index], upsert, repeated),
            None if look_up_all => {
                let outcome = look_up(api, job, upsert, email.as_deref()).await?;
                outcome.unwrap_or_else(|| {
                    failed(
                        NOT_IMPORTED,
                        format!(
                            "Auth0's import job {} finished but the user is not in the tenant and Auth0 gave no reason Muster could match to this row",
                            job.id
                        ),
                    )
                })
            }
            None if !upsert || summary.updated == 0 => success(Outcome::Created, None),
            None if summary.inserted == 0 => success(Outcome::Updated, None),
            None => look_up(api, job, upsert, email.as_deref())
                .await?
                .unwrap_or_else(|| success(Outcome::Updated, None)),
        };
        outcomes.push(outcome);
    }
    Ok(outcomes)
}

/// For each record the index of the failure that belongs to it, and how many failures
/// belong to no record.
fn match_failures(failures: &[Failure], batch: &[Outgoing]) -> (Vec<Option<usize>>, usize) {
    let mut owners: Vec<Option<usize>> = vec![None; batch.len()];
    let mut unmatched = 0;
    for (index, failure) in failures.iter().enumerate() {
        let free = |record: usize| owners[record].is_none();
        let same = |field: &str, record: &Outgoing| {
            let theirs = text_of(&failure.user, field);
            theirs.is_some() && theirs == text_of(&record.payload, field)
        };
        let pick = (0..batch.len())
            .find(|&r| free(r) && batch[r].payload == failure.user)
            .or_else(|| (0..batch.len()).find(|&r| free(r) && same("email", &batch[r])))
            .or_else(|| (0..batch.len()).find(|&r| free(r) && same("user_id", &batch[r])));
        match pick {
            Some(record) => owners[record] = Some(index),
            None => unmatched += 1,
        }
    }
    (owners, unmatched)
}

fn from_failure(failure: &Failure, upsert: bool, repeated: bool) -> RecordOutcome {
    let code = failure
        .errors
        .first()
        .map_or_else(|| "UNKNOWN".to_owned(), |reason| reason.code.clone());
    let message = failure
        .errors
        .iter()
        .map(|reason| {
            if reason.path.is_empty() {
                reason.message.clone()
            } else {
                format!("{} (at {})", reason.message, reason.path)
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    let outcome = if code == "DUPLICATED_USER" && !upsert && !repeated {
        Outcome::Skipped
    } else {
        Outcome::Failed
    };
    RecordOutcome {
        outcome,
        target_id: None,
        code: Some(code),
        message: Some(message),
    }
}

/// The record's user as the tenant holds it after the job, `None` when it is not there.
async fn look_up(
    api: &Api,
    job: &Job,
    upsert: bool,
    email: Option<&str>,
) -> Result<Option<RecordOutcome>, PushError> {
    let Some(email) = email else {
        return Ok(None);
    };
    let Some(found) = api.by_email(email).await?.into_iter().next() else {
        return Ok(None);
    };
    let made_by_job = match (
        time(found.created_at.as_deref()),
        time(job.created_at.as_deref()),
    ) {
        (Some(user), Some(job)) => user >= job,
        // Without both times the summary said some were inserted; say so.
        _ => true,
    };
    let outcome = match (made_by_job, upsert) {
        (true, _) => Outcome::Created,
        (false, true) => Outcome::Updated,
        (false, false) => Outcome::Skipped,
    };
    Ok(Some(success(outcome, found.user_id)))
}

fn time(text: Option<&str>) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(text?).ok()
}

/// The lowercased email of a payload; Auth0 stores and looks up emails in lower case.
pub(super) fn email_of(payload: &Value) -> Option<String> {
    text_of(payload, "email").map(str::to_lowercase)
}

fn text_of<'a>(value: &'a Value, field: &str) -> Option<&'a str> {
    value.get(field).and_then(Value::as_str)
}

pub(super) fn success(outcome: Outcome, target_id: Option<String>) -> RecordOutcome {
    RecordOutcome {
        outcome,
        target_id,
        code: None,
        message: None,
    }
}

fn failed(code: &str, message: String) -> RecordOutcome {
    RecordOutcome {
        outcome: Outcome::Failed,
        target_id: None,
        code: Some(code.to_owned()),
        message: Some(message),
    }
}
