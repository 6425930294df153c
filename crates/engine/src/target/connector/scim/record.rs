//! One User's way to the server, in steps a batch can interleave: look it up by `userName`
//! (its manager resolved first), then leave it, find it unchanged, update it, or create it
//! with its own POST; and say what became of it.
//!
//! RFC 7644 offers no "create or update"; this follows its §3.4.2 (filter), §3.3 (POST),
//! §3.5.1 (PUT), §3.5.2 (PATCH), §3.14 (versions) and §3.12 (errors). Choices where it is
//! silent:
//! - The `userName` looked up is the payload's; a payload without one is looked up by the
//!   record's identifier, and the server's refusal to create it becomes the outcome.
//! - A 409 `uniqueness` to a create means someone created the User since the lookup: it is
//!   looked up again and handled as existing.
//! - The manager the payload names is replaced by its SCIM `id` first (see `manager`). A
//!   manager not at the server is reported as such ([`Looked`]); the batch decides whether
//!   to wait for it (see `submit`) or fail the record, so that nobody gets a dangling
//!   manager.
//! - An update is a PATCH when the provider offers it, else a PUT (see [`update_body`]).
//!   When the provider offers ETags it carries `If-Match` with the version looked up; a 412
//!   (the User changed since) makes Muster look the User up again and decide once more.
//! - Any other 4xx fails the record with the `scimType` as code (the HTTP status when there
//!   is none) and the `detail` as message; everything else leaves it unsettled.

use serde_json::{Value, json};

use super::super::one_by_one::Sent;
use super::api::{Api, Failure, Found, ScimRefusal};
use super::compare::holds;
use super::discovery::Features;
use super::manager::{Resolved, no_manager, resolve_manager};
use crate::job::{Outcome, Planned, Policy, RecordOutcome};
use crate::target::catalog::scim::{ENTERPRISE_SCHEMA, USER_SCHEMA};
use crate::target::connector::{Outgoing, PushError};

/// The schema of a PATCH message (RFC 7644 §3.5.2).
const PATCH_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/// What a lookup found for one record.
#[derive(Debug)]
pub enum Looked {
    /// The server holds a User with the record's `userName`; `user` is what Muster sends.
    Found { user: Value, found: Found },
    /// The server holds no such User; `user` is what Muster would create.
    Missing { user: Value },
    /// The payload names a manager the server does not hold (yet); `refusal` fails the
    /// record when the manager does not arrive.
    NoManager {
        manager: String,
        refusal: ScimRefusal,
    },
}

/// Resolves the record's manager and looks the User up.
pub async fn look(api: &Api, record: &Outgoing) -> Result<Looked, Failure> {
    let user = match resolve_manager(api, with_schemas(&record.payload)).await? {
        Resolved::User(user) => user,
        Resolved::NoManager(manager) => {
            let refusal = no_manager(&manager);
            return Ok(Looked::NoManager { manager, refusal });
        }
    };
    Ok(match api.find(&user_name(record)).await? {
        Some(found) => Looked::Found { user, found },
        None => Looked::Missing { user },
    })
}

/// Creates the User with one POST; a 409 `uniqueness` makes it an existing User.
pub async fn create(
    api: &Api,
    features: Features,
    policy: Policy,
    user_name: &str,
    user: Value,
) -> Sent {
    settle(match api.create(&user).await {
        Ok(id) => Ok(outcome(Outcome::Created, id, None)),
        Err(Failure::Refused(refusal)) if is_uniqueness(&refusal) => {
            after_conflict(api, features, policy, user_name, user, refusal).await
        }
        Err(failure) => Err(failure),
    })
}

/// A create refused as taken: someone created the User since the lookup. Looks it up again
/// and handles it as existing.
pub async fn after_conflict(
    api: &Api,
    features: Features,
    policy: Policy,
    user_name: &str,
    user: Value,
    refusal: ScimRefusal,
) -> Result<RecordOutcome, Failure> {
    let found = api
        .find(user_name)
        .await?
        .ok_or(Failure::Refused(refusal))?;
    existing(api, features, policy, user_name, found, user).await
}

/// Under skip, leave it; under update, update it unless it holds the payload already.
pub async fn existing(
    api: &Api,
    features: Features,
    policy: Policy,
    user_name: &str,
    found: Found,
    user: Value,
) -> Result<RecordOutcome, Failure> {
    if policy == Policy::Skip {
        return Ok(outcome(
            Outcome::Skipped,
            Some(found.id),
            Some("exists; left as it is".to_owned()),
        ));
    }
    let mut found = found;
    let mut looked_again = false;
    loop {
        if holds(&found.resource, &user) {
            return Ok(outcome(Outcome::Unchanged, Some(found.id), None));
        }
        let version = found.version().filter(|_| features.etag);
        let body = update_body(&user, &found.id, features.patch);
        let sent = if features.patch {
            api.patch(&found.id, &body, version).await
        } else {
            api.replace(&found.id, &body, version).await
        };
        match sent {
            Ok(()) => return Ok(outcome(Outcome::Updated, Some(found.id), None)),
            // Changed at the server since the lookup: look again and decide again, once.
            Err(Failure::Refused(refusal)) if refusal.status == 412 && !looked_again => {
                looked_again = true;
                found = api.find(user_name).await?.ok_or_else(|| {
                    Failure::Refused(ScimRefusal {
                        status: 404,
                        scim_type: None,
                        detail: format!(
                            "the User {} was deleted at the server while Muster updated it; retry the record to create it again",
                            found.id
                        ),
                    })
                })?;
            }
            Err(Failure::Refused(refusal)) if refusal.status == 412 => {
                return Err(Failure::Refused(ScimRefusal {
                    detail: format!(
                        "the User {} kept changing at the server while Muster updated it ({}); retry the record",
                        found.id, refusal.detail
                    ),
                    ..refusal
                }));
            }
            Err(failure) => return Err(failure),
        }
    }
}

/// What an update sends.
///
/// PUT (RFC 7644 §3.5.1) replaces the whole User, so it carries everything the payload
/// has, with the `id` added, `password` included: a replace without it lets the provider
/// clear the password.
///
/// PATCH (§3.5.2) is one `replace` operation without a path whose value is the payload's
/// attributes but `schemas` (a PATCH names its own), `id` (read-only) and `password`. The
/// mapping's password is an initial one (the catalog says so, and the `unchanged` test
/// never compares it, since the server never returns it): it is sent when the User is
/// created, and a PATCH, which leaves what it does not name untouched, keeps the password
/// the person has since chosen. A multi-valued attribute in the value (`emails`) replaces
/// the server's values, as the comparison expects; a complex one (`name`) replaces only the
/// sub-attributes it names.
pub fn update_body(user: &Value, id: &str, patch: bool) -> Value {
    let mut body = user.clone();
    let Value::Object(object) = &mut body else {
        return body;
    };
    if !patch {
        object.insert("id".to_owned(), Value::String(id.to_owned()));
        return body;
    }
    object.retain(|name, _| {
        !["schemas", "id", "password"]
            .iter()
            .any(|left_out| name.eq_ignore_ascii_case(left_out))
    });
    json!({
        "schemas": [PATCH_SCHEMA],
        "Operations": [{"op": "replace", "value": body}],
    })
}

/// What became of a record the server may hold already, after a crash: `created` when the
/// server holds the User with the record's values, `None` (send again) otherwise.
pub async fn arrived(api: &Api, record: &Outgoing) -> Result<Option<RecordOutcome>, PushError> {
    let user = match resolve_manager(api, with_schemas(&record.payload)).await {
        Ok(Resolved::User(user)) => user,
        Ok(Resolved::NoManager(_)) | Err(Failure::Refused(_)) => return Ok(None),
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
        Ok(Resolved::User(user)) => user,
        Ok(Resolved::NoManager(_)) | Err(Failure::Refused(_)) => payload,
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
pub fn user_name(record: &Outgoing) -> String {
    record
        .payload
        .get("userName")
        .and_then(Value::as_str)
        .unwrap_or(&record.identifier)
        .to_owned()
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

pub fn is_uniqueness(refusal: &ScimRefusal) -> bool {
    refusal.status == 409 && refusal.scim_type.as_deref() == Some("uniqueness")
}

/// A record's result as `send_each` takes it.
pub fn settle(result: Result<RecordOutcome, Failure>) -> Sent {
    match result {
        Ok(settled) => Sent::Settled(settled),
        Err(Failure::Refused(refusal)) => Sent::Settled(failed(refusal)),
        Err(Failure::Connect(error)) => Sent::Open(error.into()),
    }
}

pub fn outcome(
    outcome: Outcome,
    target_id: Option<String>,
    message: Option<String>,
) -> RecordOutcome {
    RecordOutcome {
        outcome,
        target_id,
        code: None,
        message,
    }
}

pub fn failed(refusal: ScimRefusal) -> RecordOutcome {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn bjensen() -> Value {
        json!({
            "schemas": [USER_SCHEMA],
            "userName": "bjensen",
            "password": "t1meMa$heen",
            "name": {"givenName": "Barbara"},
            "emails": [{"type": "work", "value": "bjensen@example.com"}]
        })
    }

    #[test]
    fn a_patch_replaces_the_payloads_attributes_but_not_the_password() {
        let body = update_body(&bjensen(), "2819c223", true);
        assert_eq!(
            body,
            json!({
                "schemas": [PATCH_SCHEMA],
                "Operations": [{"op": "replace", "value": {
                    "userName": "bjensen",
                    "name": {"givenName": "Barbara"},
                    "emails": [{"type": "work", "value": "bjensen@example.com"}]
                }}]
            })
        );
    }

    #[test]
    fn a_put_carries_everything_with_the_id() {
        let body = update_body(&bjensen(), "2819c223", false);
        assert_eq!(body["id"], "2819c223");
        assert_eq!(body["password"], "t1meMa$heen");
        assert_eq!(body["schemas"], json!([USER_SCHEMA]));
    }
}
