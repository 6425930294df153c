//! How the HRIS emulator says no: `{"error": {"code", "message"}}`, the shape of the
//! reference document's 404 (001, MangoApps HRIS Users API).
//!
//! The reference gives the 404 bodies word for word, the 401 wording ("Invalid or expired
//! authentication token") and names 403 "Insufficient scope" and 429; the codes
//! `unauthorized`, `insufficient_scope`, `invalid_parameter` and `rate_limit_exceeded`
//! and the 400 for a bad query parameter are the emulator's choices.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// A refused request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HrisError {
    #[error("Invalid or expired authentication token")]
    Unauthorized,
    #[error("Insufficient scope: this endpoint needs read:users or admin")]
    InsufficientScope,
    #[error("Invalid value for parameter '{parameter}': {reason}")]
    InvalidParameter {
        parameter: &'static str,
        reason: String,
    },
    #[error("User with UID '{0}' not found in current business")]
    UidNotFound(String),
    #[error("User with email '{0}' not found in current business")]
    EmailNotFound(String),
    #[error("Rate limit exceeded; retry after {retry_after} seconds")]
    RateLimited { retry_after: u64 },
    #[error("{0}")]
    BadControl(String),
}

impl HrisError {
    pub(crate) fn invalid(parameter: &'static str, reason: impl Into<String>) -> HrisError {
        HrisError::InvalidParameter {
            parameter,
            reason: reason.into(),
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            HrisError::Unauthorized => StatusCode::UNAUTHORIZED,
            HrisError::InsufficientScope => StatusCode::FORBIDDEN,
            HrisError::InvalidParameter { .. } | HrisError::BadControl(_) => {
                StatusCode::BAD_REQUEST
            }
            HrisError::UidNotFound(_) | HrisError::EmailNotFound(_) => StatusCode::NOT_FOUND,
            HrisError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            HrisError::Unauthorized => "unauthorized",
            HrisError::InsufficientScope => "insufficient_scope",
            HrisError::InvalidParameter { .. } => "invalid_parameter",
            HrisError::UidNotFound(_) | HrisError::EmailNotFound(_) => "user_not_found",
            HrisError::RateLimited { .. } => "rate_limit_exceeded",
            HrisError::BadControl(_) => "bad_request",
        }
    }
}

impl IntoResponse for HrisError {
    fn into_response(self) -> Response {
        let body = json!({"error": {"code": self.code(), "message": self.to_string()}});
        let mut response = (self.status(), Json(body)).into_response();
        match self {
            HrisError::Unauthorized => {
                response
                    .headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            HrisError::RateLimited { retry_after } => {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
            }
            _ => {}
        }
        response
    }
}
