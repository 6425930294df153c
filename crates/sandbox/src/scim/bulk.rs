//! `POST /Bulk`: many User operations in one request, each answered on its own.
//!
//! Follows RFC 7644 section 3.7: a `urn:ietf:params:scim:api:messages:2.0:BulkRequest` with
//! `Operations` (`method`, `path`, `bulkId`, `version`, `data`) and optional
//! `failOnErrors`; the answer is a `…:BulkResponse` whose operations carry `method`,
//! `bulkId`, `location`, `version` and `status` (a string, as in the RFC's examples), and
//! `response` with the error message for a failed one; `bulkId` is required for POST and a
//! later operation may name the created resource as `bulkId:<id>` in its path or data;
//! processing stops once `failOnErrors` errors have happened, and the operations not run are
//! left out of the answer; over `maxOperations` or `maxPayloadSize` is a 413 (the limits
//! the service offers, see [`super::config`]).
//!
//! Choices where the RFC is silent: operations run in the order sent, so a `bulkId:`
//! reference must point backwards; an unknown reference, a repeated `bulkId`, a missing
//! `bulkId` on POST or a bad `method` fail that operation with 400 `invalidValue`; a path
//! other than `/Users` or `/Users/{id}` fails with 400 `invalidPath`; PATCH answers 200 and
//! DELETE 204; a PATCH operation when PATCH is not offered fails with 501.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use super::config::Offered;
use super::error::{ScimError, ScimType};
use super::store::Store;
use super::{BULK_REQUEST_SCHEMA, BULK_RESPONSE_SCHEMA};

/// What one operation asked for, as far as it could be read.
struct Asked {
    method: String,
    bulk_id: Option<String>,
}

/// Runs a bulk request against `store`; `base` is the service's base URL.
pub fn run(
    store: &mut Store,
    request: &Value,
    base: &str,
    offered: &Offered,
) -> Result<Value, ScimError> {
    let lists_schema = request
        .get("schemas")
        .and_then(Value::as_array)
        .is_some_and(|s| s.iter().any(|v| v.as_str() == Some(BULK_REQUEST_SCHEMA)));
    if !lists_schema {
        return Err(ScimError::bad(
            ScimType::InvalidSyntax,
            format!("schemas must list {BULK_REQUEST_SCHEMA}"),
        ));
    }
    let Some(operations) = request.get("Operations").and_then(Value::as_array) else {
        return Err(ScimError::bad(
            ScimType::InvalidSyntax,
            "Operations must be an array",
        ));
    };
    if operations.len() > offered.max_operations {
        return Err(ScimError::too_large(format!(
            "The number of operations ({}) exceeds maxOperations ({}).",
            operations.len(),
            offered.max_operations
        )));
    }
    let fail_on_errors = match request.get("failOnErrors") {
        None | Some(Value::Null) => None,
        Some(v) => match v.as_u64() {
            Some(n) if n >= 1 => Some(n),
            _ => {
                return Err(ScimError::bad(
                    ScimType::InvalidValue,
                    "failOnErrors must be a positive integer",
                ));
            }
        },
    };
    let mut created: HashMap<String, String> = HashMap::new();
    let mut answers = Vec::new();
    let mut errors = 0u64;
    for operation in operations {
        let asked = Asked {
            method: operation
                .get("method")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            bulk_id: operation
                .get("bulkId")
                .and_then(Value::as_str)
                .map(str::to_owned),
        };
        let mut answer = Map::new();
        answer.insert("method".to_owned(), Value::from(asked.method.as_str()));
        if let Some(bulk_id) = &asked.bulk_id {
            answer.insert("bulkId".to_owned(), Value::from(bulk_id.as_str()));
        }
        match run_one(store, operation, &asked, &mut created, offered) {
            Ok((status, id, version)) => {
                answer.insert(
                    "location".to_owned(),
                    Value::from(format!("{base}/Users/{id}")),
                );
                if let Some(version) = version {
                    answer.insert("version".to_owned(), Value::from(version));
                }
                answer.insert("status".to_owned(), Value::from(status.to_string()));
            }
            Err(error) => {
                errors += 1;
                answer.insert("status".to_owned(), Value::from(error.status.to_string()));
                answer.insert("response".to_owned(), error.body());
            }
        }
        answers.push(Value::Object(answer));
        if fail_on_errors.is_some_and(|limit| errors >= limit) {
            break;
        }
    }
    Ok(json!({ "schemas": [BULK_RESPONSE_SCHEMA], "Operations": answers }))
}

/// Runs one operation: its status, the User's id and (unless deleted) its version.
fn run_one(
    store: &mut Store,
    operation: &Value,
    asked: &Asked,
    created: &mut HashMap<String, String>,
    offered: &Offered,
) -> Result<(u16, String, Option<String>), ScimError> {
    let path = operation
        .get("path")
        .and_then(Value::as_str)
        .ok_or_else(|| ScimError::bad(ScimType::InvalidValue, "an operation needs a path"))?;
    let version = operation.get("version").and_then(Value::as_str);
    let data = || {
        operation
            .get("data")
            .map(|data| resolve(data, created))
            .transpose()?
            .ok_or_else(|| ScimError::bad(ScimType::InvalidValue, "an operation needs data"))
    };
    let method = asked.method.to_ascii_uppercase();
    if method == "POST" {
        if path != "/Users" {
            return Err(ScimError::bad(
                ScimType::InvalidPath,
                format!("cannot POST to {path}"),
            ));
        }
        let Some(bulk_id) = &asked.bulk_id else {
            return Err(ScimError::bad(
                ScimType::InvalidValue,
                "POST operations need a bulkId",
            ));
        };
        if created.contains_key(bulk_id) {
            return Err(ScimError::bad(
                ScimType::InvalidValue,
                format!("bulkId {bulk_id} is used twice"),
            ));
        }
        let user = store.create(&data()?)?;
        created.insert(bulk_id.clone(), user.id().to_owned());
        return Ok((201, user.id().to_owned(), Some(user.etag())));
    }
    let id = match path.strip_prefix("/Users/") {
        Some(id) if !id.is_empty() && !id.contains('/') => resolve_id(id, created)?,
        _ => {
            return Err(ScimError::bad(
                ScimType::InvalidPath,
                format!("no User at {path}"),
            ));
        }
    };
    match method.as_str() {
        "PUT" => {
            let user = store.replace(&id, &data()?, version)?;
            Ok((200, id, Some(user.etag())))
        }
        "PATCH" if !offered.patch => Err(ScimError::not_implemented("PATCH")),
        "PATCH" => {
            let user = store.patch(&id, &data()?, version)?;
            Ok((200, id, Some(user.etag())))
        }
        "DELETE" => {
            store.delete(&id, version)?;
            Ok((204, id, None))
        }
        other => Err(ScimError::bad(
            ScimType::InvalidValue,
            format!("unknown method {other:?}"),
        )),
    }
}

/// `id`, or the id created for `bulkId:<x>`.
fn resolve_id(id: &str, created: &HashMap<String, String>) -> Result<String, ScimError> {
    match id.strip_prefix("bulkId:") {
        None => Ok(id.to_owned()),
        Some(reference) => created.get(reference).cloned().ok_or_else(|| {
            ScimError::bad(
                ScimType::InvalidValue,
                format!("bulkId {reference} names no created resource"),
            )
        }),
    }
}

/// `data` with every `bulkId:<x>` string replaced by the id created for `<x>`.
fn resolve(data: &Value, created: &HashMap<String, String>) -> Result<Value, ScimError> {
    Ok(match data {
        Value::String(s) if s.starts_with("bulkId:") => Value::from(resolve_id(s, created)?),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| resolve(item, created))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(k, v)| Ok((k.clone(), resolve(v, created)?)))
                .collect::<Result<_, ScimError>>()?,
        ),
        other => other.clone(),
    })
}
