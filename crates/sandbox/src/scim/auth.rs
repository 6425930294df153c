//! The SCIM emulator's gate: every request must carry `Authorization: Bearer <token>` with
//! the token the emulator made at start.
//!
//! Follows RFC 7644 section 2 (SCIM leaves authentication to the service and names OAuth
//! bearer tokens, RFC 6750, as the common choice) and section 3.12 (401 when the
//! authorization header is invalid or missing, with the SCIM error body). The scheme name
//! is compared case-insensitively, as HTTP authentication schemes are. [`bearer_matches`]
//! also serves the generic REST emulator.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::Shared;
use super::error::ScimError;

/// Whether `headers` carry `Authorization: Bearer <token>`.
pub(crate) fn bearer_matches(headers: &HeaderMap, token: &str) -> bool {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .is_some_and(|(scheme, given)| {
            scheme.eq_ignore_ascii_case("bearer") && given.trim() == token
        })
}

/// The middleware: passes the request on only with the right bearer token.
pub(crate) async fn require_bearer(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    if bearer_matches(request.headers(), &shared.token) {
        next.run(request).await
    } else {
        ScimError::unauthorized().into_response()
    }
}
