//! The generic REST emulator's gate: `Authorization: Bearer <token>` with the token the
//! emulator made at start, else 401 `unauthorized` (with `WWW-Authenticate: Bearer`, as
//! RFC 6750 asks of bearer-token APIs). No reference document; the brief asks for bearer
//! auth.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::Shared;
use super::error::RestError;
use crate::scim::auth::bearer_matches;

/// The middleware: passes the request on only with the right bearer token.
pub(crate) async fn require_bearer(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    if bearer_matches(request.headers(), &shared.token) {
        next.run(request).await
    } else {
        RestError::Unauthorized.into_response()
    }
}
