//! The Admin API's gate: every request must carry `Authorization: Bearer <JWT>` signed with
//! the project's Admin API key.
//!
//! Follows Authgear's "Admin API Authentication and Security" page: RS256 only, `kid` naming
//! the project's key, `aud` the project ID (a string or an array containing it, as the Go,
//! Python and Node samples variously send), `iat` and `exp` in seconds. The page says the
//! token type MUST be `Bearer`; the server matches `^Bearer (.*)$` literally, so the emulator
//! does too. Authgear's server checks `exp` and `iat` with no leeway and does not require
//! `exp` (every sample sets it); the emulator does the same. A refusal is a 403 (see
//! [`super::error`]).

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::{Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use jsonwebtoken::{Algorithm, Validation};
use serde::Deserialize;

use super::Shared;
use super::error::AuthgearError;

/// The middleware: passes the request on only when its JWT verifies.
pub(crate) async fn require_admin_jwt(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    match verify(&shared, request.headers()) {
        Ok(()) => next.run(request).await,
        Err(refusal) => refusal.into_response(),
    }
}

#[derive(Deserialize)]
struct Claims {
    #[serde(default)]
    iat: Option<u64>,
}

/// Checks the request's bearer JWT against the project's key and ID.
pub(crate) fn verify(shared: &Shared, headers: &HeaderMap) -> Result<(), AuthgearError> {
    let forbidden = |why: &str| AuthgearError::Forbidden(why.to_owned());
    let value = headers
        .get(header::AUTHORIZATION)
        .ok_or_else(|| forbidden("no Authorization header"))?;
    let token = value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or_else(|| forbidden("Authorization is not a Bearer token"))?;
    let header = jsonwebtoken::decode_header(token).map_err(|e| forbidden(&e.to_string()))?;
    if header.kid.as_deref() != Some(shared.key.kid()) {
        return Err(forbidden("kid does not name the project's Admin API key"));
    }
    let mut validation = Validation::new(Algorithm::RS256);
    validation.leeway = 0;
    validation.set_audience(&[shared.project_id.as_str()]);
    validation.set_required_spec_claims(&["aud"]);
    let data = jsonwebtoken::decode::<Claims>(token, shared.key.decoding(), &validation)
        .map_err(|e| forbidden(&e.to_string()))?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    if data.claims.iat.is_some_and(|iat| iat > now) {
        return Err(forbidden("iat is in the future"));
    }
    Ok(())
}
