//! `POST /oauth/token` (client credentials) and the bearer check of the
//! Management API endpoints.
//!
//! Tokens are HS256 JWTs signed with a per-start key and carrying Auth0's
//! claims (`iss`, `sub` = `{client_id}@clients`, `aud`, `iat`, `exp`,
//! `scope`, `gty`, `azp`). The emulator also remembers each token's expiry so
//! tests can expire them on demand; a token it never issued is "Invalid token".

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde::Serialize;
use serde_json::{Value, json};

use super::reply::ApiError;
use super::{SCOPES, Shared};
use crate::sync::lock;
use crate::time::since_epoch;
use crate::{form, secret};

/// Issued tokens and the key that signs them.
pub(crate) struct Tokens {
    key: Vec<u8>,
    expiries: Mutex<HashMap<String, Instant>>,
}

enum Standing {
    Valid,
    Expired,
    Unknown,
}

#[derive(Serialize)]
struct Claims<'a> {
    iss: String,
    sub: String,
    aud: &'a str,
    iat: u64,
    exp: u64,
    scope: &'a str,
    gty: &'a str,
    azp: &'a str,
    jti: String,
}

impl Tokens {
    pub fn new() -> Tokens {
        Tokens {
            key: secret::bytes(32),
            expiries: Mutex::new(HashMap::new()),
        }
    }

    fn issue(
        &self,
        shared: &Shared,
        audience: &str,
        lifetime: Duration,
    ) -> Result<String, jsonwebtoken::errors::Error> {
        let now = since_epoch(SystemTime::now()).as_secs();
        let claims = Claims {
            iss: format!("{}/", lock(&shared.base_url)),
            sub: format!("{}@clients", shared.client_id),
            aud: audience,
            iat: now,
            exp: now.saturating_add(lifetime.as_secs().max(1)),
            scope: SCOPES,
            gty: "client-credentials",
            azp: &shared.client_id,
            jti: secret::alphanumeric(16),
        };
        let token = jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &EncodingKey::from_secret(&self.key),
        )?;
        lock(&self.expiries).insert(token.clone(), Instant::now() + lifetime);
        Ok(token)
    }

    fn standing(&self, token: &str) -> Standing {
        match lock(&self.expiries).get(token) {
            Some(expiry) if Instant::now() < *expiry => Standing::Valid,
            Some(_) => Standing::Expired,
            None => Standing::Unknown,
        }
    }

    pub fn expire_all(&self) {
        let now = Instant::now();
        for expiry in lock(&self.expiries).values_mut() {
            *expiry = now;
        }
    }
}

/// Lets a Management API request through, or answers 401 in Auth0's words.
pub(crate) fn authorize(shared: &Shared, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Err(ApiError::Unauthorized("Missing authentication"));
    };
    let token = value
        .to_str()
        .ok()
        .and_then(|text| text.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|token| !token.is_empty());
    let Some(token) = token else {
        return Err(ApiError::Unauthorized(
            "Bad HTTP authentication header format",
        ));
    };
    match shared.tokens.standing(token) {
        Standing::Valid => Ok(()),
        Standing::Expired => Err(ApiError::Unauthorized(
            "Expired token received for JSON Web Token validation",
        )),
        Standing::Unknown => Err(ApiError::Unauthorized("Invalid token")),
    }
}

/// The fields of a token request, from JSON, a form, or HTTP Basic.
#[derive(Default)]
struct TokenRequest {
    grant_type: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
    audience: Option<String>,
}

impl TokenRequest {
    fn set(&mut self, name: &str, value: String) {
        let slot = match name {
            "grant_type" => &mut self.grant_type,
            "client_id" => &mut self.client_id,
            "client_secret" => &mut self.client_secret,
            "audience" => &mut self.audience,
            _ => return,
        };
        *slot = Some(value);
    }
}

fn parse(headers: &HeaderMap, body: &[u8]) -> Result<TokenRequest, ApiError> {
    let mut request = TokenRequest::default();
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|kind| {
            kind.trim_start()
                .to_ascii_lowercase()
                .starts_with("application/json")
        });
    if is_json {
        let Ok(Value::Object(fields)) = serde_json::from_slice::<Value>(body) else {
            return Err(ApiError::oauth(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "Invalid JSON body",
            ));
        };
        for (name, value) in fields {
            if let Value::String(text) = value {
                request.set(&name, text);
            }
        }
    } else {
        for (name, value) in form::pairs(&String::from_utf8_lossy(body)) {
            request.set(&name, value);
        }
    }
    // client_secret_basic: credentials in the Authorization header.
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|text| text.strip_prefix("Basic "))
        .and_then(|encoded| STANDARD.decode(encoded.trim()).ok())
        .and_then(|decoded| String::from_utf8(decoded).ok());
    if let Some((id, secret)) = basic.as_deref().and_then(|pair| pair.split_once(':')) {
        request.client_id.get_or_insert_with(|| id.to_owned());
        request
            .client_secret
            .get_or_insert_with(|| secret.to_owned());
    }
    Ok(request)
}

/// `POST /oauth/token`.
pub(crate) async fn issue(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let request = parse(&headers, &body)?;
    let Some(grant_type) = request.grant_type else {
        return Err(ApiError::oauth(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Missing required parameter: grant_type",
        ));
    };
    if grant_type != "client_credentials" {
        return Err(ApiError::oauth(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            format!("Unsupported grant type: {grant_type}"),
        ));
    }
    let client_ok = request.client_id.as_deref() == Some(shared.client_id.as_str())
        && request.client_secret.as_deref() == Some(shared.client_secret.as_str());
    if !client_ok {
        return Err(ApiError::oauth(
            StatusCode::UNAUTHORIZED,
            "access_denied",
            "Unauthorized",
        ));
    }
    let Some(audience) = request.audience else {
        return Err(ApiError::oauth(
            StatusCode::FORBIDDEN,
            "access_denied",
            "No audience parameter was provided, and no default audience has been configured",
        ));
    };
    if audience != shared.audience() {
        return Err(ApiError::oauth(
            StatusCode::FORBIDDEN,
            "access_denied",
            format!("Service not enabled within domain: {audience}"),
        ));
    }
    let lifetime = shared.config().token_lifetime;
    let token = shared
        .tokens
        .issue(&shared, &audience, lifetime)
        .map_err(|error| {
            ApiError::oauth(
                StatusCode::INTERNAL_SERVER_ERROR,
                "server_error",
                error.to_string(),
            )
        })?;
    let expires_in = lifetime.as_secs() + u64::from(lifetime.subsec_nanos() > 0);
    let mut response = Json(json!({
        "access_token": token,
        "scope": SCOPES,
        "expires_in": expires_in,
        "token_type": "Bearer",
    }))
    .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}
