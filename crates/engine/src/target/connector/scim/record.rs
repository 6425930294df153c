//! One User's way to the server: look it up by `userName`, then create it, leave it, or
//! replace it, and say what became of it.
//!
//! RFC 7644 offers no "create or update"; this follows its §3.4.2 (filter), §3.3 (POST),
//! §3.5.1 (PUT) and §3.12 (errors). Choices where it is silent:
//! - The `userName` looked up is the payload's; a payload without one is looked up by the
//!   record's identifier, and the server's refusal to create it becomes the outcome.
//! - A 409 `uniqueness` to a create means someone created the User since the lookup: it is
//!   looked up again and handled as existing.
//! - The enterprise `manager.value` names the manager as the file does: by `userName`, or,
//!   as HR exports usually do, by personnel number. It is looked up as `userName`, then
//!   `externalId`, then the enterprise `employeeNumber`, and replaced by that User's `id`,
//!   as RFC 7643 §4.3 asks. A manager not at the server fails the record, so that nobody
//!   gets a dangling manager.
//! - Any other 4xx fails the record with the `scimType` as code (the HTTP status when there
//!   is none) and the `detail` as message; everything else leaves it unsettled.

use super::super::one_by_one::Sent;
use serde_json::Value;

use super::api::{Api, Failure, Found, ScimRefusal};
use super::compare::holds;
use crate::job::{Outcome, Planned, Policy, RecordOutcome};
use crate::target::catalog::scim::{ENTERPRISE_SCHEMA, USER_SCHEMA};
use crate::target::connector::{Outgoing, PushError};

/// Takes one record to the server under `policy`.
pub async fn push(api: &Api, record: &Outgoing, policy: Policy) -> Sent {
    let user_name = user_name(record);
    let attempt = async {
        let user = resolve_manager(api, with_schemas(&record.payload)).await?;
        let found = match api.find(&user_name).await? {
            Some(found) => found,
            None => match api.create(&user).await {
                Ok(id) => return Ok(outcome(Outcome::Created, id, None)),
                Err(Failure::Refused(refusal)) if is_uniqueness(&refusal) => api
                    .find(&user_name)
                    .await?
                    .ok_or(Failure::Refused(refusal))?,
                Err(failure) => return Err(failure),
            },
        };
        existing(api, found, user, policy).await
    };
    match attempt.await {
        Ok(settled) => Sent::Settled(settled),
        Err(Failure::Refused(refusal)) => Sent::Settled(failed(refusal)),
        Err(Failure::Connect(error)) => Sent::Open(error.into()),
    }
}

/// What became of a record the server may hold already, after a crash: `created` when the
/// server holds the User with the record's values, `None` (send again) otherwise.
pub async fn arrived(api: &Api, record: &Outgoing) -> Result<Option<RecordOutcome>, PushError> {
    let user = match resolve_manager(api, with_schemas(&record.payload)).await {
        Ok(user) => user,
        Err(Failure::Refused(_)) => return Ok(None),
        Err(Failure::Connect(error)) => return Err(error.into()),
    };
    match api.find(&user_name(record)).await {
        Ok(Some(found)) if holds(&found.resource, &user) => {
            Ok(Some(outcome(Outcome::Created, Some(found.id), None)))
        }
        Ok(_) | Err(Failure::Refused(_)) => Ok(None),
        Err(Failure::Connect(error)) => Err(error.into()),
    }
}

/// What pushing the record under `policy` would do, from a lookup; sends nothing.
pub async fn plan(api: &Api, record: &Outgoing, policy: Policy) -> Result<Planned, PushError> {
    let payload = with_schemas(&record.payload);
    // A manager not at the server yet (perhaps in this same job) leaves the reference as
    // the file wrote it; the comparison then says update, which is what will happen.
    let user = match resolve_manager(api, payload.clone()).await {
        Ok(user) => user,
        Err(Failure::Refused(_)) => payload,
        Err(Failure::Connect(error)) => return Err(error.into()),
    };
    match api.find(&user_name(record)).await {
        Ok(found) => Ok(Planned::from_lookup(
            found.map(|found| {
                let same = holds(&found.resource, &user);
                (found.id, same)
            }),
            policy,
        )),
        Err(Failure::Refused(refusal)) => Err(PushError::Refused {
            message: format!(
                "the SCIM server refused to look up the User of row {} ({}): {}",
                record.source_row, refusal.status, refusal.detail
            ),
        }),
        Err(Failure::Connect(error)) => Err(error.into()),
    }
}

/// The `userName` the record carries, else its identifier.
fn user_name(record: &Outgoing) -> String {
    record
        .payload
        .get("userName")
        .and_then(Value::as_str)
        .unwrap_or(&record.identifier)
        .to_owned()
}

/// Under skip, leave it; under update, replace it unless it holds the payload already.
async fn existing(
    api: &Api,
    found: Found,
    user: Value,
    policy: Policy,
) -> Result<RecordOutcome, Failure> {
    match policy {
        Policy::Skip => Ok(outcome(
            Outcome::Skipped,
            Some(found.id),
            Some("exists; left as it is".to_owned()),
        )),
        Policy::Update if holds(&found.resource, &user) => {
            Ok(outcome(Outcome::Unchanged, Some(found.id), None))
        }
        Policy::Update => {
            let mut replacement = user;
            if let Value::Object(object) = &mut replacement {
                object.insert("id".to_owned(), Value::String(found.id.clone()));
            }
            api.replace(&found.id, &replacement).await?;
            Ok(outcome(Outcome::Updated, Some(found.id), None))
        }
    }
}

/// The payload with the `schemas` RFC 7643 §3 requires, when the mapping left them out.
fn with_schemas(payload: &Value) -> Value {
    let mut user = payload.clone();
    if let Value::Object(object) = &mut user
        && !object.contains_key("schemas")
    {
        let mut schemas = vec![Value::from(USER_SCHEMA)];
        if object.contains_key(ENTERPRISE_SCHEMA) {
            schemas.push(Value::from(ENTERPRISE_SCHEMA));
        }
        object.insert("schemas".to_owned(), Value::Array(schemas));
    }
    user
}

/// The attributes a manager reference may name, tried in this order.
const MANAGER_KEYS: [&str; 3] = [
    "userName",
    "externalId",
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
];

/// Puts the manager's `id` where the payload names the manager (module docs).
async fn resolve_manager(api: &Api, mut user: Value) -> Result<Value, Failure> {
    let Some(slot) = user
        .get_mut(ENTERPRISE_SCHEMA)
        .and_then(|extension| extension.get_mut("manager"))
        .and_then(Value::as_object_mut)
    else {
        return Ok(user);
    };
    let Some(manager) = slot.get("value").and_then(Value::as_str).map(str::to_owned) else {
        return Ok(user);
    };
    let mut found = None;
    for attribute in MANAGER_KEYS {
        found = api.find_by(attribute, &manager).await?;
        if found.is_some() {
            break;
        }
    }
    match found {
        Some(found) => {
            slot.insert("value".to_owned(), Value::String(found.id));
            Ok(user)
        }
        // Muster's own refusal: no HTTP status, the code says what is missing.
        None => Err(Failure::Refused(ScimRefusal {
            status: 0,
            scim_type: Some("noTarget".to_owned()),
            detail: format!(
                "the manager \"{manager}\" is not a User at the SCIM server; push the manager first, then retry this record"
            ),
        })),
    }
}

fn is_uniqueness(refusal: &ScimRefusal) -> bool {
    refusal.status == 409 && refusal.scim_type.as_deref() == Some("uniqueness")
}

fn outcome(outcome: Outcome, target_id: Option<String>, message: Option<String>) -> RecordOutcome {
    RecordOutcome {
        outcome,
        target_id,
        code: None,
        message,
    }
}

fn failed(refusal: ScimRefusal) -> RecordOutcome {
    RecordOutcome {
        outcome: Outcome::Failed,
        target_id: None,
        code: Some(
            refusal
                .scim_type
                .unwrap_or_else(|| refusal.status.to_string()),
        ),
        message: Some(refusal.detail),
    }
}
