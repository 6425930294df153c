//! How the generic REST emulator says no: `{"error": {"code", "message", "field"}}`.
//!
//! There is no reference document for this target: it stands for the plain JSON users API a
//! customer's own system might offer, and Muster's brief fixes its shapes: 409 `duplicate`
//! when the email or id is taken, 422 `invalid` with the offending `field`, 404 for an
//! unknown id, 401 without the bearer token. The emulator adds 400 `bad_request` for a body
//! that is not a JSON object and 415 `unsupported_media_type` for a non-JSON content type,
//! the codes such APIs commonly use.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

/// A refused request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RestError {
    #[error("missing or wrong bearer token")]
    Unauthorized,
    #[error("{0}")]
    BadRequest(String),
    #[error("send application/json")]
    UnsupportedMediaType,
    #[error("no user with id {0}")]
    NotFound(String),
    #[error("a user with {field} {value:?} already exists")]
    Duplicate { field: &'static str, value: String },
    #[error("{message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
}

impl RestError {
    pub fn status(&self) -> StatusCode {
        match self {
            RestError::Unauthorized => StatusCode::UNAUTHORIZED,
            RestError::BadRequest(_) => StatusCode::BAD_REQUEST,
            RestError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            RestError::NotFound(_) => StatusCode::NOT_FOUND,
            RestError::Duplicate { .. } => StatusCode::CONFLICT,
            RestError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            RestError::Unauthorized => "unauthorized",
            RestError::BadRequest(_) => "bad_request",
            RestError::UnsupportedMediaType => "unsupported_media_type",
            RestError::NotFound(_) => "not_found",
            RestError::Duplicate { .. } => "duplicate",
            RestError::Invalid { .. } => "invalid",
        }
    }

    /// The `error` object.
    pub fn body(&self) -> Value {
        let mut error = Map::new();
        error.insert("code".to_owned(), Value::from(self.code()));
        error.insert("message".to_owned(), Value::from(self.to_string()));
        if let RestError::Invalid { field, .. } | RestError::Duplicate { field, .. } = self {
            error.insert("field".to_owned(), Value::from(*field));
        }
        let mut out = Map::new();
        out.insert("error".to_owned(), Value::Object(error));
        Value::Object(out)
    }
}

impl IntoResponse for RestError {
    fn into_response(self) -> Response {
        let mut response = (self.status(), Json(self.body())).into_response();
        if self == RestError::Unauthorized {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}
