//! The HRIS emulator's endpoints (001, MangoApps HRIS Users API, "API Reference
//! Summary"): `GET /api/v1/users`, `GET /api/v1/users/{uid}`,
//! `GET /api/v1/users/by_email/{email}`, and the sandbox's control routes.
//!
//! Every request passes, in this order: the token (401 when missing or unknown), its
//! scope (403 without `read:users` or `admin`), the token's rate limit (429; 401 and 403
//! answers are not metered, having no token to meter), then the parameters (400). Only
//! answers of metered requests carry the `X-RateLimit-*` headers. A page past the last
//! answers 200 with no users. A soft-deleted user is not found by either lookup.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Instant, SystemTime};

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::churn::Churn;
use super::error::HrisError;
use super::limit::Bucket;
use super::query::ListQuery;
use super::{Scope, Shared};
use crate::form::pairs;

/// The token of the request, if it has a scope that may read users.
fn authorize<'a>(shared: &'a Shared, headers: &HeaderMap) -> Result<&'a str, HrisError> {
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
        .ok_or(HrisError::Unauthorized)?;
    match shared.scope_of(given) {
        Some((token, Scope::ReadUsers | Scope::Admin)) => Ok(token),
        Some((_, Scope::None)) => Err(HrisError::InsufficientScope),
        None => Err(HrisError::Unauthorized),
    }
}

/// Checks the token and its limit, then answers with `answer`, adding the limit headers.
fn metered(
    shared: &Shared,
    headers: &HeaderMap,
    bucket: Bucket,
    answer: impl FnOnce() -> Result<Value, HrisError>,
) -> Response {
    let token = match authorize(shared, headers) {
        Ok(token) => token,
        Err(refused) => return refused.into_response(),
    };
    let (limit, window) = shared.limit(bucket);
    let verdict = shared.limiter.admit(
        token,
        bucket,
        limit,
        window,
        Instant::now(),
        SystemTime::now(),
    );
    let mut response = if verdict.allowed {
        match answer() {
            Ok(body) => Json(body).into_response(),
            Err(refused) => refused.into_response(),
        }
    } else {
        HrisError::RateLimited {
            retry_after: verdict.retry_after,
        }
        .into_response()
    };
    verdict.put_headers(response.headers_mut());
    response
}

/// `GET /api/v1/users`.
pub(crate) async fn list(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    metered(&shared, &headers, Bucket::List, || {
        let query = ListQuery::parse(&pairs(raw.as_deref().unwrap_or_default()))?;
        shared.list_requests.fetch_add(1, Ordering::SeqCst);
        if query.page == 1 {
            let earlier = shared.first_pages.fetch_add(1, Ordering::SeqCst);
            if earlier > 0
                && let Some(churn) = &shared.config.churn_on_first_page
            {
                shared.apply_churn(churn);
            }
        }
        let directory = shared.directory();
        let selected = query.select(&directory);
        let total = selected.len();
        let users: Vec<Value> = selected
            .into_iter()
            .skip((query.page - 1).saturating_mul(query.per_page))
            .take(query.per_page)
            .filter_map(|index| directory.list_item(index))
            .collect();
        Ok(json!({
            "users": users,
            "meta": {
                "total_count": total,
                "total_pages": total.div_ceil(query.per_page),
                "current_page": query.page,
                "per_page": query.per_page,
            }
        }))
    })
}

/// `GET /api/v1/users/{uid}`.
pub(crate) async fn by_uid(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(uid): Path<String>,
) -> Response {
    metered(&shared, &headers, Bucket::Lookup, || {
        let directory = shared.directory();
        directory
            .by_uid(&uid)
            .filter(|i| directory.employees[*i].deleted_at.is_none())
            .and_then(|i| directory.detail(i))
            .map(|user| json!({"user": user}))
            .ok_or(HrisError::UidNotFound(uid))
    })
}

/// `GET /api/v1/users/by_email/{email}`.
pub(crate) async fn by_email(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(email): Path<String>,
) -> Response {
    metered(&shared, &headers, Bucket::Lookup, || {
        let directory = shared.directory();
        directory
            .by_email(&email)
            .filter(|i| directory.employees[*i].deleted_at.is_none())
            .and_then(|i| directory.detail(i))
            .map(|user| json!({"user": user}))
            .ok_or(HrisError::EmailNotFound(email))
    })
}

/// `POST /_sandbox/hris/churn` with a [`Churn`] (an empty body changes nothing).
pub(crate) async fn churn(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let churn: Churn = if body.iter().all(u8::is_ascii_whitespace) {
        Churn::default()
    } else {
        match serde_json::from_slice(&body) {
            Ok(churn) => churn,
            Err(e) => return HrisError::BadControl(format!("not a churn: {e}")).into_response(),
        }
    };
    Json(shared.apply_churn(&churn)).into_response()
}

/// `POST /_sandbox/hris/webhooks` with `{"url": "..."}`: 201 and the subscription.
pub(crate) async fn subscribe(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let url = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|v| v.get("url").and_then(Value::as_str).map(str::to_owned));
    let Some(url) = url else {
        return HrisError::BadControl("send {\"url\": \"http://…\"}".to_owned()).into_response();
    };
    match shared.hooks.subscribe(&url) {
        Ok(()) => (
            StatusCode::CREATED,
            Json(json!({"url": url.trim(), "active": true})),
        )
            .into_response(),
        Err(e) => HrisError::BadControl(e.to_string()).into_response(),
    }
}
