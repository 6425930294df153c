//! The emulator's refusals, typed, and their bodies in Auth0's two shapes:
//! the Management API's `{"statusCode", "error", "message", "errorCode"}` and
//! the Authentication API's `{"error", "error_description"}`.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// Why the emulator refused a request.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ApiError {
    /// A Management API error; `error_code` is left out of the body when `None`.
    #[error("{status}: {message}")]
    Management {
        status: StatusCode,
        message: String,
        error_code: Option<&'static str>,
    },
    /// A Management API 401 (token missing, malformed, unknown or expired).
    #[error("401 Unauthorized: {0}")]
    Unauthorized(&'static str),
    /// An Authentication API (`/oauth/token`) error.
    #[error("{status}: {error}: {description}")]
    OAuth {
        status: StatusCode,
        error: &'static str,
        description: String,
    },
}

impl ApiError {
    pub fn management(
        status: StatusCode,
        message: impl Into<String>,
        error_code: Option<&'static str>,
    ) -> ApiError {
        ApiError::Management {
            status,
            message: message.into(),
            error_code,
        }
    }

    /// 400 for a request body Auth0 rejects.
    pub fn bad_body(message: impl Into<String>) -> ApiError {
        ApiError::management(StatusCode::BAD_REQUEST, message, Some("invalid_body"))
    }

    pub fn oauth(
        status: StatusCode,
        error: &'static str,
        description: impl Into<String>,
    ) -> ApiError {
        ApiError::OAuth {
            status,
            error,
            description: description.into(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Management {
                status,
                message,
                error_code,
            } => {
                let label = match status {
                    StatusCode::PAYLOAD_TOO_LARGE => "Request Entity Too Large",
                    other => other.canonical_reason().unwrap_or("Error"),
                };
                let mut body = json!({
                    "statusCode": status.as_u16(),
                    "error": label,
                    "message": message,
                });
                if let Some(code) = error_code {
                    body["errorCode"] = code.into();
                }
                (status, Json(body)).into_response()
            }
            ApiError::Unauthorized(message) => {
                let body = json!({
                    "statusCode": 401,
                    "error": "Unauthorized",
                    "message": message,
                    "attributes": { "error": message },
                });
                (StatusCode::UNAUTHORIZED, Json(body)).into_response()
            }
            ApiError::OAuth {
                status,
                error,
                description,
            } => (
                status,
                Json(json!({ "error": error, "error_description": description })),
            )
                .into_response(),
        }
    }
}
