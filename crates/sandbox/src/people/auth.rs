//! The people API's gate and token endpoint: every `/v1/…` route accepts any of
//! `Authorization: Bearer <static token>`, HTTP Basic (RFC 7617) with the emulator's
//! username and password, or `Bearer <access token>` from `POST /oauth/token`.
//!
//! Reference 000 (MangoApps "Import Via API") lists the settings such a source needs
//! (OAuth token URL, username, password); the token endpoint follows RFC 6749: a form
//! body, `grant_type=client_credentials` with the client authenticated by HTTP Basic or by
//! `client_id` and `client_secret` in the body (section 2.3.1), and
//! `grant_type=password` with `client_id`, `username` and `password` (section 4.3; a
//! public client, so the secret is optional but checked when sent). Answers
//! `{"access_token", "token_type": "Bearer", "expires_in": 3600}` with
//! `Cache-Control: no-store`. Issued tokens expire after an hour.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::json;

use super::Shared;
use super::error::{OAuthError, PeopleError};
use crate::form::pairs;
use crate::secret::hex;
use crate::sync::lock;

/// How long an issued access token is good for.
pub const TOKEN_LIFETIME: Duration = Duration::from_secs(3_600);

/// The emulator's credentials, made fresh at start.
pub(crate) struct Credentials {
    pub token: String,
    pub username: String,
    pub password: String,
    pub client_id: String,
    pub client_secret: String,
}

impl Credentials {
    pub(crate) fn fresh() -> Credentials {
        Credentials {
            token: format!("ppl_{}", hex(40)),
            username: "muster-reader".to_owned(),
            password: hex(24),
            client_id: format!("client_{}", hex(12)),
            client_secret: hex(40),
        }
    }
}

/// Access tokens handed out by the token endpoint, with when they expire.
#[derive(Default)]
pub(crate) struct Issued {
    tokens: std::sync::Mutex<HashMap<String, Instant>>,
}

impl Issued {
    fn issue(&self) -> String {
        let token = format!("oat_{}", hex(40));
        lock(&self.tokens).insert(token.clone(), Instant::now() + TOKEN_LIFETIME);
        token
    }

    fn valid(&self, token: &str) -> bool {
        lock(&self.tokens)
            .get(token)
            .is_some_and(|expires| Instant::now() < *expires)
    }
}

/// The user and password of an `Authorization: Basic` header.
fn basic(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (user, password) = decoded.split_once(':')?;
    Some((user.to_owned(), password.to_owned()))
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

fn authorized(shared: &Shared, headers: &HeaderMap) -> bool {
    let credentials = &shared.credentials;
    if let Some(token) = bearer(headers) {
        return token == credentials.token || shared.issued.valid(token);
    }
    basic(headers).is_some_and(|(user, password)| {
        user == credentials.username && password == credentials.password
    })
}

/// The middleware of the `/v1/…` routes.
pub(crate) async fn require_credentials(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    if authorized(&shared, request.headers()) {
        next.run(request).await
    } else {
        PeopleError::Unauthorized.into_response()
    }
}

/// `POST /oauth/token`.
pub(crate) async fn token(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match grant(&shared, &headers, &String::from_utf8_lossy(&body)) {
        Ok(token) => {
            let body = json!({
                "access_token": token,
                "token_type": "Bearer",
                "expires_in": TOKEN_LIFETIME.as_secs(),
            });
            let mut response = Json(body).into_response();
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(refused) => refused.into_response(),
    }
}

fn grant(shared: &Shared, headers: &HeaderMap, body: &str) -> Result<String, OAuthError> {
    let form: HashMap<String, String> = pairs(body).into_iter().collect();
    let field = |name: &str| form.get(name).map(String::as_str).filter(|v| !v.is_empty());
    let credentials = &shared.credentials;
    // The client: HTTP Basic, else the body's client_id (and client_secret).
    let (client_id, client_secret) = match basic(headers) {
        Some((id, secret)) => (Some(id), Some(secret)),
        None => (
            field("client_id").map(str::to_owned),
            field("client_secret").map(str::to_owned),
        ),
    };
    let client_known = client_id.as_deref() == Some(credentials.client_id.as_str());
    let secret_right = client_secret.as_deref() == Some(credentials.client_secret.as_str());
    match field("grant_type") {
        None => Err(OAuthError::InvalidRequest(
            "grant_type is required".to_owned(),
        )),
        Some("client_credentials") => {
            if client_known && secret_right {
                Ok(shared.issued.issue())
            } else {
                Err(OAuthError::InvalidClient)
            }
        }
        Some("password") => {
            if !client_known || (client_secret.is_some() && !secret_right) {
                return Err(OAuthError::InvalidClient);
            }
            let (Some(user), Some(password)) = (field("username"), field("password")) else {
                return Err(OAuthError::InvalidRequest(
                    "username and password are required".to_owned(),
                ));
            };
            if user == credentials.username && password == credentials.password {
                Ok(shared.issued.issue())
            } else {
                Err(OAuthError::InvalidGrant)
            }
        }
        Some(_) => Err(OAuthError::UnsupportedGrantType),
    }
}
