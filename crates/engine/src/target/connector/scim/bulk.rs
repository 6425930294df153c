//! New Users in `POST /Bulk` requests (RFC 7644 §3.7), when the provider offers them: one
//! `BulkRequest` carries the batch's creates as `POST /Users` operations, each answered on
//! its own in the `BulkResponse`.
//!
//! Follows §3.7 (request and response messages, `bulkId` required for POST, `status`,
//! `location`, `response` with the SCIM error of a failed operation), §3.7.3 (the answer's
//! operations say what became of each) and §3.7.4 (`maxOperations` and `maxPayloadSize`,
//! see `discovery`). Choices where the RFC is silent:
//! - Requests are filled in the batch's order up to both limits; a User too big for any
//!   request alone is created with its own POST. `failOnErrors` is not sent, so one refused
//!   User does not hold the others back.
//! - Each operation's `bulkId` is `muster-<journal record id>`, unique in the job. An answer
//!   whose operations carry no `bulkId` at all is read in the request's order when it has as
//!   many operations; otherwise an operation is found by its `bulkId`.
//! - `status` is read as a string (as in the RFC's examples), a number, or the older form
//!   `{"code": "201"}`. A 2xx is created: the id is the last path segment of `location` (or
//!   the `id` of a `response` holding the User); 409 `uniqueness` means someone created the
//!   User since the lookup, which is looked up again and handled as existing; any other 4xx
//!   fails the record with the operation's `scimType` and `detail`.
//! - A 5xx operation, one missing from the answer, or a whole request that may have been
//!   carried out (5xx, timeout, broken connection, unreadable answer) is not taken as
//!   either outcome: Muster looks those Users up at once and counts those the server holds
//!   with the record's values as created. Any still unknown stop the run unsettled; the
//!   next run looks them up before sending anything, so nobody is created twice.
//! - A request refused as a whole (a 4xx, 404 or 501 to a provider that announced /Bulk)
//!   carried nothing out: its Users are created one POST each instead.

use std::collections::HashMap;

use serde_json::Value;

use super::api::{Failure, ScimRefusal, scim_error};
use super::discovery::BulkLimits;
use super::record::{failed, is_uniqueness, outcome};
use super::submit::{self, Push};
use crate::connect::ConnectError;
use crate::job::{Outcome, RecordOutcome};
use crate::target::connector::{Outgoing, PushError};

/// The schema of a bulk request (RFC 7644 §3.7).
const BULK_REQUEST_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";

/// A User to create: its place in the batch and what to send.
pub type New = (usize, Value);

/// One `POST /Bulk` ready to go.
#[derive(Debug)]
struct Request {
    users: Vec<New>,
    bulk_ids: Vec<String>,
    body: String,
}

/// What the answer says of one operation.
#[derive(Debug, PartialEq, Eq)]
enum Answered {
    Created(Option<String>),
    Refused(ScimRefusal),
    /// Not known to have been carried out or not; says why.
    Unknown(String),
}

/// Creates the `new` Users of the batch in bulk requests within `limits`, putting each
/// one's outcome in `outcomes`; says why the run must stop, if it must.
pub async fn create(
    push: &Push<'_>,
    limits: BulkLimits,
    new: Vec<New>,
    outcomes: &mut [Option<RecordOutcome>],
) -> Option<PushError> {
    let (requests, alone) = pack(push.batch, new, limits);
    for request in requests {
        if let Some(stop) = send(push, request, outcomes).await {
            return Some(stop);
        }
    }
    submit::create_each(push, alone, outcomes).await
}

/// Sends one request and reads its answer onto the records (module docs).
async fn send(
    push: &Push<'_>,
    request: Request,
    outcomes: &mut [Option<RecordOutcome>],
) -> Option<PushError> {
    let Request {
        users,
        bulk_ids,
        body,
    } = request;
    let indices: Vec<usize> = users.iter().map(|(index, _)| *index).collect();
    let answer = match push.api.bulk(body).await {
        Ok(answer) => answer,
        // Refused as a whole, or not there: nothing was carried out.
        Err(
            Failure::Refused(_)
            | Failure::Connect(
                ConnectError::NotFound { .. } | ConnectError::Server { status: 501, .. },
            ),
        ) => {
            return submit::create_each(push, users, outcomes).await;
        }
        Err(Failure::Connect(error)) => {
            let stop = PushError::from(error);
            if stop.not_sent() {
                return Some(stop);
            }
            submit::arrived_each(push, &indices, outcomes).await;
            return indices
                .iter()
                .any(|&index| outcomes[index].is_none())
                .then_some(stop);
        }
    };
    let mut conflicts = Vec::new();
    let mut unknown = Vec::new();
    for ((index, user), answered) in users.into_iter().zip(read(&answer, &bulk_ids)) {
        match answered {
            Answered::Created(id) => outcomes[index] = Some(outcome(Outcome::Created, id, None)),
            Answered::Refused(refusal) if is_uniqueness(&refusal) => {
                conflicts.push((index, user, refusal));
            }
            Answered::Refused(refusal) => outcomes[index] = Some(failed(refusal)),
            Answered::Unknown(why) => unknown.push((index, why)),
        }
    }
    let stop = submit::conflict_each(push, conflicts, outcomes).await;
    if unknown.is_empty() {
        return stop;
    }
    let looked: Vec<usize> = unknown.iter().map(|(index, _)| *index).collect();
    submit::arrived_each(push, &looked, outcomes).await;
    unknown.retain(|(index, _)| outcomes[*index].is_none());
    stop.or_else(|| (!unknown.is_empty()).then(|| unsettled(push, &unknown)))
}

/// Why the run stops when the server did not say what became of some Users.
fn unsettled(push: &Push<'_>, unknown: &[(usize, String)]) -> PushError {
    let rows: Vec<String> = unknown
        .iter()
        .take(5)
        .map(|(index, why)| format!("row {}: {why}", push.batch[*index].source_row))
        .collect();
    let more = if unknown.len() > rows.len() {
        "; …"
    } else {
        ""
    };
    PushError::Uncertain {
        message: format!(
            "POST {}/Bulk: {} did not say whether {} User(s) were created, and they cannot be found there yet ({}{more}). Run the job again: Muster looks them up before sending them again, so none is created twice",
            push.api.base(),
            push.target,
            unknown.len(),
            rows.join("; ")
        ),
    }
}

/// Groups the Users into requests within `limits`; also returns those too big to go in any.
fn pack(batch: &[Outgoing], new: Vec<New>, limits: BulkLimits) -> (Vec<Request>, Vec<New>) {
    let envelope = envelope(&[]).len();
    let mut requests = Vec::new();
    let mut alone = Vec::new();
    let mut current: Vec<(New, String, String)> = Vec::new();
    let mut size = envelope;
    for (index, user) in new {
        let bulk_id = format!("muster-{}", batch[index].record_id);
        let operation = serde_json::json!({
            "method": "POST",
            "path": "/Users",
            "bulkId": bulk_id,
            "data": user,
        })
        .to_string();
        if envelope + operation.len() > limits.max_payload_size {
            alone.push((index, user));
            continue;
        }
        // A comma goes before every operation but the first.
        if !current.is_empty()
            && (current.len() >= limits.max_operations
                || size + 1 + operation.len() > limits.max_payload_size)
        {
            requests.push(request(std::mem::take(&mut current)));
            size = envelope;
        }
        size += operation.len() + usize::from(!current.is_empty());
        current.push(((index, user), bulk_id, operation));
    }
    if !current.is_empty() {
        requests.push(request(current));
    }
    (requests, alone)
}

fn request(operations: Vec<(New, String, String)>) -> Request {
    let mut users = Vec::with_capacity(operations.len());
    let mut bulk_ids = Vec::with_capacity(operations.len());
    let mut json = Vec::with_capacity(operations.len());
    for (user, bulk_id, operation) in operations {
        users.push(user);
        bulk_ids.push(bulk_id);
        json.push(operation);
    }
    Request {
        users,
        bulk_ids,
        body: envelope(&json),
    }
}

/// The BulkRequest around operations already written as JSON, in compact form so that its
/// length is what the limits count.
fn envelope(operations: &[String]) -> String {
    format!(
        r#"{{"schemas":["{BULK_REQUEST_SCHEMA}"],"Operations":[{}]}}"#,
        operations.join(",")
    )
}

/// What the BulkResponse says of each operation sent with these `bulk_ids`, in their order.
fn read(answer: &Value, bulk_ids: &[String]) -> Vec<Answered> {
    let operations: &[Value] = answer
        .as_object()
        .and_then(|object| {
            object
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case("Operations"))
        })
        .and_then(|(_, operations)| operations.as_array())
        .map_or(&[], Vec::as_slice);
    let by_id: HashMap<&str, &Value> = operations
        .iter()
        .filter_map(|operation| Some((operation.get("bulkId")?.as_str()?, operation)))
        .collect();
    let in_order = by_id.is_empty() && operations.len() == bulk_ids.len();
    bulk_ids
        .iter()
        .enumerate()
        .map(|(at, bulk_id)| {
            let operation = if in_order {
                operations.get(at)
            } else {
                by_id.get(bulk_id.as_str()).copied()
            };
            match operation {
                Some(operation) => answered(operation),
                None => Answered::Unknown("the server's answer does not mention it".to_owned()),
            }
        })
        .collect()
}

fn answered(operation: &Value) -> Answered {
    let Some(status) = operation.get("status").and_then(status_of) else {
        return Answered::Unknown("its status in the answer cannot be read".to_owned());
    };
    let response = operation.get("response").unwrap_or(&Value::Null);
    match status {
        200..=299 => Answered::Created(
            operation
                .get("location")
                .and_then(Value::as_str)
                .and_then(id_from_location)
                .or_else(|| {
                    response
                        .get("id")
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                }),
        ),
        400..=499 => Answered::Refused(scim_error(status, response)),
        _ => Answered::Unknown(format!(
            "the server answered HTTP {status} ({})",
            scim_error(status, response).detail
        )),
    }
}

/// `"201"`, `201` or `{"code": "201"}`.
fn status_of(status: &Value) -> Option<u16> {
    match status {
        Value::String(text) => text.trim().parse().ok(),
        Value::Number(number) => number.as_u64().and_then(|n| u16::try_from(n).ok()),
        Value::Object(object) => object.get("code").and_then(status_of),
        _ => None,
    }
}

/// The last path segment of a `location` (absolute or not), percent-decoded.
fn id_from_location(location: &str) -> Option<String> {
    let path = location.split(['?', '#']).next().unwrap_or_default();
    let last = path.trim_end_matches('/').rsplit('/').next()?;
    (!last.is_empty()).then(|| percent_decoded(last))
}

/// `text` with `%XX` escapes decoded; kept as it is when the result is not UTF-8.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let escaped = (bytes[at] == b'%')
            .then(|| text.get(at + 1..at + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                at += 3;
            }
            None => {
                out.push(bytes[at]);
                at += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

#[cfg(test)]
#[path = "tests/bulk.rs"]
mod tests;
