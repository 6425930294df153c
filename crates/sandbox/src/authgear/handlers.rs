//! The two endpoints of document 002: `POST /_api/admin/users/import` starts a task,
//! `GET /_api/admin/users/import/{ID}` reports on it.
//!
//! Follows document 002 for paths, request and body fields. Two choices where the vendor's
//! server and the document differ or the document is silent:
//! - Authgear's server wraps every Admin API answer as `{"result": …}` or `{"error": …}`
//!   (`pkg/api.Response`); the document prints the task object alone. The emulator answers
//!   `{"result": <task>}` as the server does, so a client that works here works there.
//! - The body limit is the reference's 500 KB, read as Authgear reads it (500 000 bytes);
//!   more is a 413 `JSONTooLarge`. A content type other than `application/json` (with at
//!   most `charset=utf-8`) is a 400, as in Authgear's JSON body parser. The documents give
//!   no maximum number of records per request, so there is none beyond the byte limit.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, FailedToBufferBody};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use serde_json::{Value, json};

use super::Shared;
use super::error::AuthgearError;
use super::request;
use super::task::Task;

/// Request bodies above this many bytes are refused.
pub(crate) const BODY_MAX_BYTES: usize = 500 * 1000;

/// `POST /_api/admin/users/import`.
pub(crate) async fn create(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, AuthgearError> {
    if !is_json(&headers) {
        return Err(AuthgearError::ContentType);
    }
    let body = body.map_err(|rejection| match rejection {
        BytesRejection::FailedToBufferBody(FailedToBufferBody::LengthLimitError(_)) => {
            AuthgearError::TooLarge {
                limit: BODY_MAX_BYTES,
            }
        }
        other => AuthgearError::Unreadable(other.body_text()),
    })?;
    let value: Value = serde_json::from_slice(&body).map_err(|e| {
        AuthgearError::InvalidBody(vec![json!({
            "location": "", "kind": "general", "details": { "msg": e.to_string() }
        })])
    })?;
    let request = request::parse_request(&value).map_err(AuthgearError::InvalidBody)?;
    let task = Task::new(request);
    let answer = task.to_json();
    let id = task.id().to_owned();
    shared.accept(task);
    let delay = shared.task_delay();
    let worker = Arc::clone(&shared);
    tokio::spawn(async move {
        tokio::time::sleep(delay).await;
        worker.run_task(&id);
    });
    Ok(Json(json!({ "result": answer })))
}

/// `GET /_api/admin/users/import/{id}`.
pub(crate) async fn status(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, AuthgearError> {
    let task = shared.task_json(&id).ok_or(AuthgearError::TaskNotFound)?;
    Ok(Json(json!({ "result": task })))
}

/// `application/json`, optionally with `charset=utf-8` and nothing else.
fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let mut parts = value.split(';').map(str::trim);
    let media = parts.next().unwrap_or_default();
    if !media.eq_ignore_ascii_case("application/json") {
        return false;
    }
    parts.all(|param| {
        param.split_once('=').is_some_and(|(k, v)| {
            k.trim().eq_ignore_ascii_case("charset")
                && v.trim().trim_matches('"').eq_ignore_ascii_case("utf-8")
        })
    })
}
