//! `GET /api/v2/users-by-email?email=`.
//!
//! Auth0 stores emails in lower case and documents this lookup as
//! case-sensitive, so `Ann@Example.com` finds nothing once stored as
//! `ann@example.com`. A missing `email` is a 400 query validation error.

use std::sync::Arc;

use axum::Json;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use super::reply::ApiError;
use super::{Shared, token};
use crate::form;
use crate::sync::lock;

/// `GET /api/v2/users-by-email`.
pub(crate) async fn by_email(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    token::authorize(&shared, &headers)?;
    let email = form::pairs(query.as_deref().unwrap_or_default())
        .into_iter()
        .find_map(|(name, value)| (name == "email").then_some(value));
    let Some(email) = email else {
        return Err(ApiError::management(
            StatusCode::BAD_REQUEST,
            "Query validation error: 'Missing required property: email' on property email.",
            Some("invalid_query_string"),
        ));
    };
    let found: Vec<Value> = lock(&shared.users)
        .exact_email(&email)
        .iter()
        .map(|user| user.to_json())
        .collect();
    Ok(Json(found).into_response())
}
