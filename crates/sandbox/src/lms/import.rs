//! `POST /api/v2/users-import/single`: authenticate, check, write, count.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{Value, json};

use super::validate::{self, Valid};
use super::{LmsUser, Shared};
use crate::sync::lock;

/// The counts 003's success answer carries.
#[derive(Debug, Default, Serialize)]
struct Counts {
    created_count: u32,
    updated_count: u32,
    blocked_count: u32,
    unblocked_count: u32,
}

fn refuse(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "error": message }))).into_response()
}

fn authorized(shared: &Shared, headers: &HeaderMap) -> bool {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|text| text.strip_prefix("Bearer "))
        .is_some_and(|token| token.trim() == shared.token)
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|kind| {
            kind.trim_start()
                .to_ascii_lowercase()
                .starts_with("application/json")
        })
}

/// `POST /api/v2/users-import/single`.
pub(crate) async fn single(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !authorized(&shared, &headers) {
        return refuse(StatusCode::UNAUTHORIZED, "Unauthorized");
    }
    if !is_json(&headers) {
        return refuse(
            StatusCode::BAD_REQUEST,
            "Content-Type must be application/json;charset=UTF-8",
        );
    }
    let Ok(Value::Object(fields)) = serde_json::from_slice::<Value>(&body) else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "The body must be a JSON object with information about the user",
        );
    };
    let require_position = lock(&shared.config).require_position;
    let valid = match validate::check(&fields, require_position) {
        Ok(valid) => valid,
        Err(message) => return refuse(StatusCode::BAD_REQUEST, &message),
    };
    let Valid {
        uid,
        login,
        email,
        active,
    } = valid;

    let mut users = lock(&shared.users);
    if let Some(other) = users.other_with_login(&login, &uid) {
        let message = format!(
            "Login {login} is already used by the user with uid {}",
            other.uid
        );
        return refuse(StatusCode::BAD_REQUEST, &message);
    }
    let mut counts = Counts::default();
    let password_sent = fields
        .get("password")
        .and_then(Value::as_str)
        .is_some_and(|p| !p.is_empty());
    let mut kept = fields;
    kept.remove("password");

    if users.get(&uid).is_some() {
        users.update(&uid, |user| {
            counts.updated_count = 1;
            if let Some(now_active) = active {
                counts.blocked_count = u32::from(user.active && !now_active);
                counts.unblocked_count = u32::from(!user.active && now_active);
                user.active = now_active;
            }
            for (field, value) in kept {
                user.fields.insert(field, value);
            }
            user.login = login;
            user.email = email;
            user.password_set |= password_sent;
            user.posts += 1;
        });
    } else {
        let now_active = active.unwrap_or(true);
        counts.created_count = 1;
        counts.blocked_count = u32::from(!now_active);
        users.insert(LmsUser {
            uid,
            login,
            email,
            active: now_active,
            fields: kept,
            password_set: password_sent,
            posts: 1,
        });
    }
    (StatusCode::OK, Json(counts)).into_response()
}
