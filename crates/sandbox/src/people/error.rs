//! How the people API says no. No reference document: the body is `{"error", "message"}`
//! (the flat shape many HR APIs use); 401 `unauthorized` for missing or wrong credentials
//! (with `WWW-Authenticate` offering Bearer and Basic), 400 `invalid_parameter` naming
//! the parameter, 400 `invalid_cursor` for a cursor the API did not make. The token
//! endpoint answers RFC 6749 section 5.2 errors instead: `{"error", "error_description"}`,
//! 401 `invalid_client` (with `WWW-Authenticate: Basic`), 400 `invalid_grant`,
//! `invalid_request` or `unsupported_grant_type`.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// A refused request to the people routes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeopleError {
    #[error("missing or wrong credentials")]
    Unauthorized,
    #[error("invalid value for parameter '{parameter}': {reason}")]
    InvalidParameter {
        parameter: &'static str,
        reason: String,
    },
    #[error("the cursor is not one this API gave out")]
    InvalidCursor,
    #[error("{0}")]
    BadBody(String),
}

impl PeopleError {
    pub(crate) fn invalid(parameter: &'static str, reason: impl Into<String>) -> PeopleError {
        PeopleError::InvalidParameter {
            parameter,
            reason: reason.into(),
        }
    }

    fn code(&self) -> &'static str {
        match self {
            PeopleError::Unauthorized => "unauthorized",
            PeopleError::InvalidParameter { .. } => "invalid_parameter",
            PeopleError::InvalidCursor => "invalid_cursor",
            PeopleError::BadBody(_) => "bad_request",
        }
    }
}

impl IntoResponse for PeopleError {
    fn into_response(self) -> Response {
        let status = match self {
            PeopleError::Unauthorized => StatusCode::UNAUTHORIZED,
            _ => StatusCode::BAD_REQUEST,
        };
        let body = json!({"error": self.code(), "message": self.to_string()});
        let mut response = (status, Json(body)).into_response();
        if self == PeopleError::Unauthorized {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"people\", Basic realm=\"people\""),
            );
        }
        response
    }
}

/// A refused token request (RFC 6749 section 5.2).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OAuthError {
    #[error("unknown client or wrong client secret")]
    InvalidClient,
    #[error("wrong username or password")]
    InvalidGrant,
    #[error("{0}")]
    InvalidRequest(String),
    #[error("grant_type must be client_credentials or password")]
    UnsupportedGrantType,
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        let (status, code) = match self {
            OAuthError::InvalidClient => (StatusCode::UNAUTHORIZED, "invalid_client"),
            OAuthError::InvalidGrant => (StatusCode::BAD_REQUEST, "invalid_grant"),
            OAuthError::InvalidRequest(_) => (StatusCode::BAD_REQUEST, "invalid_request"),
            OAuthError::UnsupportedGrantType => (StatusCode::BAD_REQUEST, "unsupported_grant_type"),
        };
        let body = json!({"error": code, "error_description": self.to_string()});
        let mut response = (status, Json(body)).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if self == OAuthError::InvalidClient {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"people\""),
            );
        }
        response
    }
}
