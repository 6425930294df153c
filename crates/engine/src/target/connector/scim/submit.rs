//! One batch on its way: every record is looked up first (its manager resolved), then the
//! Users the server holds are left, found unchanged or updated one request each, and the
//! new ones are created, in `/Bulk` requests when the provider offers them ([`bulk`]), else
//! one POST each. Requests go a few at a time ([`send_each`]); the first error that says the
//! run cannot go on stops new requests, and the records not settled go back to pending.
//!
//! Managers in the same batch. A report's manager must be at the server before the report
//! is sent, since the report carries the manager's SCIM `id`. RFC 7644 §3.7.2 would let a
//! bulk request name a manager created in the same request as `bulkId:<id>`; Muster does
//! not rely on that (a provider that does not resolve such references would store the text
//! as the manager). Instead a batch goes in rounds: a record whose manager is not at the
//! server but is another record of this round waits for the next round, and is looked up
//! again once the round has created or updated the others. A manager that never arrives
//! (refused, not in the batch, or two records naming each other) fails the record as
//! before: "push the manager first". Managers are journaled before their reports, so most
//! chains end within one batch in as many rounds as they are deep.
//!
//! [`bulk`]: super::bulk

use std::future::Future;
use std::sync::Arc;

use serde_json::Value;

use super::super::one_by_one::{Sent, look_each, send_each};
use super::api::{Api, Failure, Found, ScimRefusal};
use super::bulk::{self, New};
use super::discovery::Features;
use super::manager;
use super::record::{self, Looked, failed};
use crate::job::{Policy, RecordOutcome};
use crate::target::connector::{Outgoing, PushError, Submitted};

/// What every step of a batch needs.
pub struct Push<'a> {
    pub api: &'a Arc<Api>,
    pub features: Features,
    pub policy: Policy,
    pub batch: &'a [Outgoing],
    /// The target's name, for messages.
    pub target: &'a str,
}

/// Takes the batch to the server (module docs).
pub async fn submit(push: &Push<'_>) -> Submitted {
    let mut outcomes = vec![None; push.batch.len()];
    let stop = rounds(push, &mut outcomes).await;
    Submitted::Settled { outcomes, stop }
}

async fn rounds(push: &Push<'_>, outcomes: &mut [Option<RecordOutcome>]) -> Option<PushError> {
    let mut waiting: Vec<usize> = (0..push.batch.len()).collect();
    while !waiting.is_empty() {
        let looked = match look_all(push, &waiting).await {
            Ok(looked) => looked,
            Err(stop) => return Some(stop),
        };
        let mut existing = Vec::new();
        let mut new = Vec::new();
        let mut later: Vec<(usize, ScimRefusal)> = Vec::new();
        for (&index, looked) in waiting.iter().zip(looked) {
            match looked {
                Ok(Looked::Found { user, found }) => existing.push((index, user, found)),
                Ok(Looked::Missing { user }) => new.push((index, user)),
                Ok(Looked::NoManager { manager, refusal }) => {
                    let in_this_round = waiting.iter().any(|&other| {
                        other != index && manager::names(&push.batch[other], &manager)
                    });
                    if in_this_round {
                        later.push((index, refusal));
                    } else {
                        outcomes[index] = Some(failed(refusal));
                    }
                }
                Err(refusal) => outcomes[index] = Some(failed(refusal)),
            }
        }
        if existing.is_empty() && new.is_empty() {
            // Only records waiting for each other are left: none of them can go.
            for (index, refusal) in later {
                outcomes[index] = Some(failed(refusal));
            }
            return None;
        }
        if let Some(stop) = update_each(push, existing, outcomes).await {
            return Some(stop);
        }
        let stop = match push.features.bulk {
            Some(limits) => bulk::create(push, limits, new, outcomes).await,
            None => create_each(push, new, outcomes).await,
        };
        if stop.is_some() {
            return stop;
        }
        waiting = later.into_iter().map(|(index, _)| index).collect();
    }
    None
}

/// Looks up the `waiting` records; a refused lookup is that record's failure.
async fn look_all(
    push: &Push<'_>,
    waiting: &[usize],
) -> Result<Vec<Result<Looked, ScimRefusal>>, PushError> {
    look_each(waiting.len(), |at| {
        let api = Arc::clone(push.api);
        let record = push.batch[waiting[at]].clone();
        async move {
            match record::look(&api, &record).await {
                Ok(looked) => Ok(Ok(looked)),
                Err(Failure::Refused(refusal)) => Ok(Err(refusal)),
                Err(Failure::Connect(error)) => Err(error.into()),
            }
        }
    })
    .await
}

/// Leaves, finds unchanged or updates the Users the server holds.
async fn update_each(
    push: &Push<'_>,
    existing: Vec<(usize, Value, Found)>,
    outcomes: &mut [Option<RecordOutcome>],
) -> Option<PushError> {
    let (indices, users): (Vec<usize>, Vec<(Value, Found)>) = existing
        .into_iter()
        .map(|(index, user, found)| (index, (user, found)))
        .unzip();
    each(push, &indices, outcomes, |at, api, user_name| {
        let (user, found) = users[at].clone();
        let (features, policy) = (push.features, push.policy);
        async move {
            record::settle(record::existing(&api, features, policy, &user_name, found, user).await)
        }
    })
    .await
}

/// Creates the `new` Users with one POST each.
pub async fn create_each(
    push: &Push<'_>,
    new: Vec<New>,
    outcomes: &mut [Option<RecordOutcome>],
) -> Option<PushError> {
    let (indices, users): (Vec<usize>, Vec<Value>) = new.into_iter().unzip();
    each(push, &indices, outcomes, |at, api, user_name| {
        let user = users[at].clone();
        let (features, policy) = (push.features, push.policy);
        async move { record::create(&api, features, policy, &user_name, user).await }
    })
    .await
}

/// Handles as existing the Users whose create was refused as taken.
pub async fn conflict_each(
    push: &Push<'_>,
    conflicts: Vec<(usize, Value, ScimRefusal)>,
    outcomes: &mut [Option<RecordOutcome>],
) -> Option<PushError> {
    let (indices, refused): (Vec<usize>, Vec<(Value, ScimRefusal)>) = conflicts
        .into_iter()
        .map(|(index, user, refusal)| (index, (user, refusal)))
        .unzip();
    each(push, &indices, outcomes, |at, api, user_name| {
        let (user, refusal) = refused[at].clone();
        let (features, policy) = (push.features, push.policy);
        async move {
            let result =
                record::after_conflict(&api, features, policy, &user_name, user, refusal).await;
            record::settle(result)
        }
    })
    .await
}

/// After a create that may or may not have been carried out: settles as created those of
/// the records at `indices` the server holds with their values. The others stay unsettled,
/// also when the server cannot be asked now.
pub async fn arrived_each(
    push: &Push<'_>,
    indices: &[usize],
    outcomes: &mut [Option<RecordOutcome>],
) {
    let found = look_each(indices.len(), |at| {
        let api = Arc::clone(push.api);
        let record = push.batch[indices[at]].clone();
        async move { record::arrived(&api, &record).await }
    })
    .await;
    if let Ok(found) = found {
        for (&index, arrived) in indices.iter().zip(found) {
            if arrived.is_some() {
                outcomes[index] = arrived;
            }
        }
    }
}

/// Sends one request per record at `indices` through `send(at, api, userName)` with
/// [`send_each`], and puts the outcomes in place.
async fn each<F, Fut>(
    push: &Push<'_>,
    indices: &[usize],
    outcomes: &mut [Option<RecordOutcome>],
    send: F,
) -> Option<PushError>
where
    F: Fn(usize, Arc<Api>, String) -> Fut,
    Fut: Future<Output = Sent> + Send + 'static,
{
    if indices.is_empty() {
        return None;
    }
    let sent = send_each(indices.len(), push.target, |at| {
        let user_name = record::user_name(&push.batch[indices[at]]);
        send(at, Arc::clone(push.api), user_name)
    })
    .await;
    let Submitted::Settled {
        outcomes: settled,
        stop,
    } = sent
    else {
        // `send_each` only settles; a batch "accepted for later" would be lost here.
        return Some(PushError::Uncertain {
            message: format!(
                "{} answered in a way SCIM does not; run the job again to look the Users up",
                push.target
            ),
        });
    };
    for (&index, outcome) in indices.iter().zip(settled) {
        if outcome.is_some() {
            outcomes[index] = outcome;
        }
    }
    stop
}
