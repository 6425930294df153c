//! The generic REST emulator's endpoints.
//!
//! No reference document (see [`super`]); the brief fixes `POST /api/users` (201 with the
//! user and its `id`), `PUT /api/users/{id}` (200), `GET /api/users?email=` and `GET
//! /api/users` paged by `page` and `per_page`. Choices: a list answers `{"data": [...],
//! "page", "per_page", "total", "total_pages"}`; `page` starts at 1, `per_page` defaults to
//! 50 and may be 1 to 100, anything else is a 422 naming the parameter; `email=` matches
//! case-insensitively and pages like any list; `GET /api/users/{id}` reads one user; a 201
//! carries `Location: /api/users/{id}`.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::Shared;
use super::error::RestError;

/// Users per page when the client does not say.
pub const DEFAULT_PER_PAGE: usize = 50;
/// The largest page a client may ask for.
pub const MAX_PER_PAGE: usize = 100;

/// The body as JSON, after the content type check.
fn json_body(headers: &HeaderMap, body: &Bytes) -> Result<Value, RestError> {
    if let Some(kind) = headers.get(header::CONTENT_TYPE) {
        let media = kind
            .to_str()
            .unwrap_or_default()
            .split(';')
            .next()
            .unwrap_or_default()
            .trim();
        if !media.eq_ignore_ascii_case("application/json") {
            return Err(RestError::UnsupportedMediaType);
        }
    }
    serde_json::from_slice(body)
        .map_err(|e| RestError::BadRequest(format!("the body is not JSON: {e}")))
}

/// `POST /api/users`.
pub(crate) async fn create(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, RestError> {
    let body = json_body(&headers, &body)?;
    let mut store = shared.store();
    let user = store.create(&body)?;
    let id = user
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let mut response = (StatusCode::CREATED, Json(Value::Object(user.clone()))).into_response();
    if let Ok(location) = HeaderValue::from_str(&format!("/api/users/{id}")) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

/// `PUT /api/users/{id}`.
pub(crate) async fn replace(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, RestError> {
    let body = json_body(&headers, &body)?;
    let mut store = shared.store();
    let user = store.replace(&id, &body)?;
    Ok(Json(Value::Object(user.clone())))
}

/// `GET /api/users/{id}`.
pub(crate) async fn read(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, RestError> {
    let store = shared.store();
    Ok(Json(Value::Object(store.get(&id)?.clone())))
}

/// A paging parameter: absent gives `default`, otherwise an integer in `range`.
fn paging(
    query: &HashMap<String, String>,
    field: &'static str,
    default: usize,
    range: std::ops::RangeInclusive<usize>,
) -> Result<usize, RestError> {
    let Some(raw) = query.get(field) else {
        return Ok(default);
    };
    match raw.trim().parse::<usize>() {
        Ok(n) if range.contains(&n) => Ok(n),
        _ => Err(RestError::Invalid {
            field,
            message: format!(
                "{field} must be an integer from {} to {}",
                range.start(),
                range.end()
            ),
        }),
    }
}

/// `GET /api/users?email=&page=&per_page=`.
pub(crate) async fn list(
    State(shared): State<Arc<Shared>>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Json<Value>, RestError> {
    let page = paging(&query, "page", 1, 1..=usize::MAX)?;
    let per_page = paging(&query, "per_page", DEFAULT_PER_PAGE, 1..=MAX_PER_PAGE)?;
    let store = shared.store();
    let matching: Vec<Value> = match query.get("email") {
        Some(email) => store
            .by_email(email)
            .map(|user| Value::Object(user.clone()))
            .into_iter()
            .collect(),
        None => store
            .all()
            .map(|user| Value::Object(user.clone()))
            .collect(),
    };
    let total = matching.len();
    let data: Vec<Value> = matching
        .into_iter()
        .skip((page - 1).saturating_mul(per_page))
        .take(per_page)
        .collect();
    Ok(Json(json!({
        "data": data,
        "page": page,
        "per_page": per_page,
        "total": total,
        "total_pages": total.div_ceil(per_page),
    })))
}
