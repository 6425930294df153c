//! How the emulated Authgear says no: the Admin API's error body and the plain-text refusal
//! of an unauthenticated request.
//!
//! Document 002 (Authgear "Import Users using User Import API") only shows `{"error":
//! "Invalid request"}` for a 400. Authgear's server (`authgear/authgear-server`,
//! `pkg/api/apierrors`) writes every Admin API error as `{"error": {"name", "reason",
//! "message", "code", "info"}}` with the HTTP status in `code`; the emulator writes that
//! fuller shape, whose `error` key a client reading the document's shape also finds.
//!
//! A request whose JWT does not verify is refused by Authgear's admin authz middleware with
//! `403` and the plain text `Forbidden` (Go's `http.Error`), not a JSON body and not 401; the
//! documents say nothing about it, so the emulator does what the vendor's server does.

use axum::Json;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// The Admin API's error object (`apierrors.APIError`), also used in a record's `errors`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiError {
    pub name: String,
    pub reason: String,
    pub message: String,
    pub code: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub info: Option<Value>,
}

impl ApiError {
    /// A record or request that fails schema validation; `causes` as Authgear lists them
    /// (`{"location": "/email", "kind": "format", "details": {…}}`).
    pub(crate) fn validation(message: &str, causes: Vec<Value>) -> ApiError {
        ApiError {
            name: "Invalid".to_owned(),
            reason: "ValidationFailed".to_owned(),
            message: message.to_owned(),
            code: 400,
            info: Some(json!({ "causes": causes })),
        }
    }

    /// A login ID (email, phone number, username) another user already has.
    pub(crate) fn duplicated_identity() -> ApiError {
        ApiError {
            name: "AlreadyExists".to_owned(),
            reason: "DuplicatedIdentity".to_owned(),
            message: "identity already exists".to_owned(),
            code: 409,
            info: None,
        }
    }
}

/// Why a request to the emulated Admin API failed.
#[derive(Debug, thiserror::Error)]
pub enum AuthgearError {
    /// No `Authorization: Bearer` JWT, or one that does not verify (signature, `kid`, `aud`,
    /// `exp`, `iat`).
    #[error("admin API JWT rejected: {0}")]
    Forbidden(String),
    #[error("request content type is invalid")]
    ContentType,
    #[error("request body too large (limit {limit} bytes)")]
    TooLarge { limit: usize },
    #[error("request body could not be read: {0}")]
    Unreadable(String),
    #[error("invalid request body")]
    InvalidBody(Vec<Value>),
    #[error("task not found")]
    TaskNotFound,
    /// Making or using the emulator's own key failed (not caused by the client).
    #[error("admin key: {0}")]
    Key(String),
}

impl AuthgearError {
    fn api_error(&self) -> ApiError {
        let plain = |name: &str, reason: &str, code: u16| ApiError {
            name: name.to_owned(),
            reason: reason.to_owned(),
            message: self.to_string(),
            code,
            info: None,
        };
        match self {
            AuthgearError::Forbidden(_) => plain("Forbidden", "Forbidden", 403),
            AuthgearError::ContentType | AuthgearError::Unreadable(_) => {
                plain("BadRequest", "BadRequest", 400)
            }
            AuthgearError::TooLarge { limit } => ApiError {
                info: Some(json!({ "limit": limit })),
                message: "request body too large".to_owned(),
                ..plain("RequestEntityTooLarge", "JSONTooLarge", 413)
            },
            AuthgearError::InvalidBody(causes) => {
                ApiError::validation("invalid request body", causes.clone())
            }
            AuthgearError::TaskNotFound => plain("NotFound", "TaskNotFound", 404),
            AuthgearError::Key(_) => ApiError {
                message: "unexpected error".to_owned(),
                ..plain("InternalError", "UnexpectedError", 500)
            },
        }
    }
}

impl IntoResponse for AuthgearError {
    fn into_response(self) -> Response {
        if let AuthgearError::Forbidden(_) = self {
            return (
                StatusCode::FORBIDDEN,
                [
                    (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
                    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
                ],
                "Forbidden\n",
            )
                .into_response();
        }
        let body = self.api_error();
        let status = StatusCode::from_u16(body.code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, Json(json!({ "error": body }))).into_response()
    }
}
