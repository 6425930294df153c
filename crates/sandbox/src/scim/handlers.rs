//! The HTTP side of the SCIM emulator: the endpoints, their status codes and headers.
//!
//! Follows RFC 7644: `POST /Users` answers 201 with `Location` and the User (section 3.3),
//! `GET /Users/{id}` 200 or 404 (3.4.1), `GET /Users` a ListResponse with `totalResults`,
//! `startIndex`, `itemsPerPage` and `Resources`, 1-based `startIndex` (below 1 read as 1)
//! and `count` (negative read as 0, capped at `maxResults`) (3.4.2), `PUT` 200 (3.5.1),
//! `PATCH` 200 with the User (3.5.2; the RFC also allows 204), `DELETE` 204 (3.6), `POST
//! /Bulk` 200 (3.7), bodies as `application/scim+json` (3.1, `application/json` accepted
//! too, other types 415), `ETag` on single-User answers and `If-Match` honoured (3.14).
//!
//! Choices where the RFC is silent: a `startIndex` or `count` that is not an integer is a
//! 400 `invalidValue`; `attributes`/`excludedAttributes` and sorting are not implemented
//! (the ServiceProviderConfig says `sort` is unsupported) and are ignored; `meta.location`
//! is built from the request's `Host` header; a single-User body is held to 1 MiB (413
//! above it), a bulk body to the `maxPayloadSize` offered. PATCH and `POST /Bulk` answer 501
//! when the service is told not to offer them (see [`config`]); a bulk request told to fail
//! is carried out first and then answered 500.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, FailedToBufferBody};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::config::{self, MAX_PAYLOAD_SIZE, MAX_RESULTS};
use super::error::{ScimError, ScimType};
use super::{BASE_PATH, LIST_SCHEMA, SCIM_CONTENT_TYPE, Shared, bulk, filter};

/// `http://<Host>/scim/v2`, or the bare base path when the request names no host.
fn base_url(headers: &HeaderMap) -> String {
    match headers.get(header::HOST).and_then(|h| h.to_str().ok()) {
        Some(host) => format!("http://{host}{BASE_PATH}"),
        None => BASE_PATH.to_owned(),
    }
}

/// A SCIM JSON answer with optional `ETag` and `Location` headers.
fn answer(
    status: StatusCode,
    body: &Value,
    etag: Option<String>,
    location: Option<String>,
) -> Response {
    let mut response = (
        status,
        [(header::CONTENT_TYPE, SCIM_CONTENT_TYPE)],
        body.to_string(),
    )
        .into_response();
    for (name, value) in [(header::ETAG, etag), (header::LOCATION, location)] {
        if let Some(value) = value.and_then(|v| HeaderValue::from_str(&v).ok()) {
            response.headers_mut().insert(name, value);
        }
    }
    response
}

/// A User answer: the rendered User with its `ETag` and, when asked, its `Location`.
fn user_answer(status: StatusCode, rendered: Value, etag: String, with_location: bool) -> Response {
    let location = with_location
        .then(|| {
            rendered
                .pointer("/meta/location")
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .flatten();
    answer(status, &rendered, Some(etag), location)
}

/// The request body as JSON, after the content type check.
fn json_body(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
    limit: usize,
) -> Result<Value, ScimError> {
    if let Some(kind) = headers.get(header::CONTENT_TYPE) {
        let media = kind
            .to_str()
            .unwrap_or_default()
            .split(';')
            .next()
            .unwrap_or_default()
            .trim();
        if !media.eq_ignore_ascii_case(SCIM_CONTENT_TYPE)
            && !media.eq_ignore_ascii_case("application/json")
        {
            return Err(ScimError::unsupported_media_type());
        }
    }
    let bytes = body.map_err(|rejection| match rejection {
        BytesRejection::FailedToBufferBody(FailedToBufferBody::LengthLimitError(_)) => {
            too_big(limit)
        }
        other => ScimError::bad(ScimType::InvalidSyntax, other.body_text()),
    })?;
    if bytes.len() > limit {
        return Err(too_big(limit));
    }
    serde_json::from_slice(&bytes)
        .map_err(|e| ScimError::bad(ScimType::InvalidSyntax, format!("body is not JSON: {e}")))
}

fn too_big(limit: usize) -> ScimError {
    ScimError::too_large(format!(
        "The size of the request exceeds the maxPayloadSize ({limit})."
    ))
}

fn if_match(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::IF_MATCH).and_then(|v| v.to_str().ok())
}

/// `GET /ServiceProviderConfig`.
pub(crate) async fn service_provider_config(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
) -> Response {
    answer(
        StatusCode::OK,
        &config::service_provider_config(&base_url(&headers), &shared.offered()),
        None,
        None,
    )
}

/// Reads an integer query parameter.
fn integer(query: &HashMap<String, String>, name: &str) -> Result<Option<i64>, ScimError> {
    query
        .get(name)
        .map(|raw| {
            raw.trim().parse::<i64>().map_err(|_| {
                ScimError::bad(ScimType::InvalidValue, format!("{name} must be an integer"))
            })
        })
        .transpose()
}

/// `GET /Users?filter=…&startIndex=…&count=…`.
pub(crate) async fn list_users(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ScimError> {
    let filter = query.get("filter").map(|f| filter::parse(f)).transpose()?;
    let start = integer(&query, "startIndex")?.unwrap_or(1).max(1);
    let count = integer(&query, "count")?
        .unwrap_or(MAX_RESULTS as i64)
        .clamp(0, MAX_RESULTS as i64);
    let matching = shared
        .store()
        .matching(filter.as_ref(), &base_url(&headers));
    let total = matching.len();
    let page: Vec<Value> = matching
        .into_iter()
        .skip(usize::try_from(start - 1).unwrap_or(usize::MAX))
        .take(usize::try_from(count).unwrap_or(0))
        .collect();
    let body = json!({
        "schemas": [LIST_SCHEMA],
        "totalResults": total,
        "startIndex": start,
        "itemsPerPage": page.len(),
        "Resources": page,
    });
    Ok(answer(StatusCode::OK, &body, None, None))
}

/// `POST /Users`.
pub(crate) async fn create_user(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ScimError> {
    let body = json_body(&headers, body, MAX_PAYLOAD_SIZE)?;
    let mut store = shared.store();
    let user = store.create(&body)?;
    Ok(user_answer(
        StatusCode::CREATED,
        user.render(&base_url(&headers)),
        user.etag(),
        true,
    ))
}

/// `GET /Users/{id}`.
pub(crate) async fn get_user(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ScimError> {
    let store = shared.store();
    let user = store.get(&id)?;
    Ok(user_answer(
        StatusCode::OK,
        user.render(&base_url(&headers)),
        user.etag(),
        false,
    ))
}

/// `PUT /Users/{id}`.
pub(crate) async fn replace_user(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ScimError> {
    let body = json_body(&headers, body, MAX_PAYLOAD_SIZE)?;
    let mut store = shared.store();
    let user = store.replace(&id, &body, if_match(&headers))?;
    Ok(user_answer(
        StatusCode::OK,
        user.render(&base_url(&headers)),
        user.etag(),
        false,
    ))
}

/// `PATCH /Users/{id}`.
pub(crate) async fn patch_user(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ScimError> {
    if !shared.offered().patch {
        return Err(ScimError::not_implemented("PATCH"));
    }
    let body = json_body(&headers, body, MAX_PAYLOAD_SIZE)?;
    let mut store = shared.store();
    let user = store.patch(&id, &body, if_match(&headers))?;
    Ok(user_answer(
        StatusCode::OK,
        user.render(&base_url(&headers)),
        user.etag(),
        false,
    ))
}

/// `DELETE /Users/{id}`.
pub(crate) async fn delete_user(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<StatusCode, ScimError> {
    shared.store().delete(&id, if_match(&headers))?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /Bulk`.
pub(crate) async fn bulk(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ScimError> {
    let offered = shared.offered();
    if !offered.bulk {
        return Err(ScimError::not_implemented("POST /Bulk"));
    }
    let body = json_body(&headers, body, offered.max_payload_size)?;
    let result = {
        let mut store = shared.store();
        bulk::run(&mut store, &body, &base_url(&headers), &offered)?
    };
    if shared.fails_after_bulk() {
        return Err(ScimError::internal(
            "The bulk request was carried out, but the service failed before answering.",
        ));
    }
    Ok(answer(StatusCode::OK, &result, None, None))
}
