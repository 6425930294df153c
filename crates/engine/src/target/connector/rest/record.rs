//! One user's way to the API: look it up, then create it, leave it, or replace it, and say
//! what became of it.
//!
//! Choices:
//! - The value looked up is the payload's `lookup_key` field; a payload without one is
//!   looked up by the record's identifier, and the API's refusal to create it becomes the
//!   outcome.
//! - A 409 to a create means someone created the user since the lookup: it is looked up
//!   again and handled as existing (a 409 for a user still not found fails the record).
//! - A found user holds the payload when every field of the payload has the same value at
//!   the API (objects compared field by field, everything else exactly); fields only the
//!   API holds are not looked at. The update PUTs the payload with the found id.
//! - Any other 4xx fails the record with the code at `code_pointer` (the HTTP status when
//!   there is none) and the message at `error_pointer`; everything else leaves it
//!   unsettled.

use super::super::one_by_one::Sent;
use serde_json::Value;

use super::api::{Api, Failure, Found, Refusal};
use crate::job::{Outcome, Planned, Policy, RecordOutcome};
use crate::target::connector::{Outgoing, PushError};

/// Takes one record to the API under `policy`.
pub async fn push(api: &Api, record: &Outgoing, policy: Policy) -> Sent {
    let key = lookup_value(api, record);
    let attempt = async {
        let found = match api.find(&key).await? {
            Some(found) => found,
            None => match api.create(&record.payload).await {
                Ok(id) => return Ok(outcome(Outcome::Created, id, None)),
                Err(Failure::Refused(refusal)) if refusal.status == 409 => {
                    api.find(&key).await?.ok_or(Failure::Refused(refusal))?
                }
                Err(failure) => return Err(failure),
            },
        };
        existing(api, found, &record.payload, policy).await
    };
    match attempt.await {
        Ok(settled) => Sent::Settled(settled),
        Err(Failure::Refused(refusal)) => Sent::Settled(failed(refusal)),
        Err(Failure::Connect(error)) => Sent::Open(error.into()),
    }
}

/// What became of a record the API may hold already, after a crash: `created` when the
/// API holds the user with the record's values, `None` (send again) otherwise.
pub async fn arrived(api: &Api, record: &Outgoing) -> Result<Option<RecordOutcome>, PushError> {
    match api.find(&lookup_value(api, record)).await {
        Ok(Some(found)) if holds(&found.user, &record.payload) => {
            Ok(Some(outcome(Outcome::Created, Some(found.id), None)))
        }
        Ok(_) | Err(Failure::Refused(_)) => Ok(None),
        Err(Failure::Connect(error)) => Err(error.into()),
    }
}

/// What pushing the record under `policy` would do, from a lookup; sends nothing.
pub async fn plan(api: &Api, record: &Outgoing, policy: Policy) -> Result<Planned, PushError> {
    match api.find(&lookup_value(api, record)).await {
        Ok(found) => Ok(Planned::from_lookup(
            found.map(|found| {
                let same = holds(&found.user, &record.payload);
                (found.id, same)
            }),
            policy,
        )),
        Err(failure) => Err(lookup_failed(failure, api.base())),
    }
}

/// `check`: one lookup of a user nobody has; proves the address and the credentials.
pub async fn check(api: &Api) -> Result<String, PushError> {
    match api.find("muster-connection-test@example.invalid").await {
        Ok(_) => Ok(format!(
            "the credentials were accepted and a lookup by \"{}\" answered",
            api.settings().lookup_key
        )),
        Err(failure) => Err(lookup_failed(failure, api.base())),
    }
}

fn lookup_failed(failure: Failure, base: &str) -> PushError {
    match failure {
        Failure::Refused(refusal) => PushError::Refused {
            message: format!(
                "the REST API at {base} refused the lookup ({}): {}; check the connection's lookup_path and lookup_key settings",
                refusal.status, refusal.message
            ),
        },
        Failure::Connect(error) => error.into(),
    }
}

/// The payload's lookup field as text, else the record's identifier.
fn lookup_value(api: &Api, record: &Outgoing) -> String {
    match record.payload.get(&api.settings().lookup_key) {
        Some(Value::String(text)) if !text.trim().is_empty() => text.trim().to_owned(),
        Some(Value::Number(number)) => number.to_string(),
        _ => record.identifier.clone(),
    }
}

/// Under skip, leave it; under update, replace it unless it holds the payload already.
async fn existing(
    api: &Api,
    found: Found,
    payload: &Value,
    policy: Policy,
) -> Result<RecordOutcome, Failure> {
    match policy {
        Policy::Skip => Ok(outcome(
            Outcome::Skipped,
            Some(found.id),
            Some("exists; left as it is".to_owned()),
        )),
        Policy::Update if holds(&found.user, payload) => {
            Ok(outcome(Outcome::Unchanged, Some(found.id), None))
        }
        Policy::Update => {
            let mut replacement = payload.clone();
            if let Value::Object(object) = &mut replacement
                && let Some(id) = found.user.get(&api.settings().id_field)
            {
                object.insert(api.settings().id_field.clone(), id.clone());
            }
            api.replace(&found.id, &replacement).await?;
            Ok(outcome(Outcome::Updated, Some(found.id), None))
        }
    }
}

/// Whether `server` holds every field of `payload` with the same value.
fn holds(server: &Value, payload: &Value) -> bool {
    match (server, payload) {
        (Value::Object(server), Value::Object(payload)) => payload
            .iter()
            .all(|(name, wanted)| server.get(name).is_some_and(|have| holds(have, wanted))),
        _ => server == payload,
    }
}

fn outcome(outcome: Outcome, target_id: Option<String>, message: Option<String>) -> RecordOutcome {
    RecordOutcome {
        outcome,
        target_id,
        code: None,
        message,
    }
}

fn failed(refusal: Refusal) -> RecordOutcome {
    RecordOutcome {
        outcome: Outcome::Failed,
        target_id: None,
        code: Some(refusal.code.unwrap_or_else(|| refusal.status.to_string())),
        message: Some(refusal.message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_user_holds_the_payload_only_with_every_value_the_same() {
        let server = json!({
            "id": "usr_1", "email": "a@example.com",
            "name": {"given": "Ann", "family": "Lee"}, "tags": ["x", "y"]
        });
        assert!(holds(
            &server,
            &json!({"email": "a@example.com", "name": {"given": "Ann"}})
        ));
        for payload in [
            json!({"email": "A@example.com"}),
            json!({"title": "Boss"}),
            json!({"name": {"given": "Anne"}}),
            json!({"tags": ["y", "x"]}),
        ] {
            assert!(!holds(&server, &payload), "{payload}");
        }
    }
}
