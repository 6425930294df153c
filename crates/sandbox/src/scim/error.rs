//! SCIM error responses: the `urn:ietf:params:scim:api:messages:2.0:Error` message.
//!
//! Follows RFC 7644 section 3.12: `schemas`, `status` (the HTTP status as a JSON string),
//! `scimType` for the 400/409/413 cases that have one (`invalidFilter`, `tooMany`,
//! `uniqueness`, `mutability`, `invalidSyntax`, `invalidPath`, `noTarget`, `invalidValue`,
//! `invalidVers`, `sensitive`) and a human-readable `detail`. The RFC lets `detail` be any
//! text; the emulator's texts name the attribute or id concerned. 401 answers also carry
//! `WWW-Authenticate: Bearer` (RFC 6750), which RFC 7644 section 2 points to for bearer
//! tokens.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::ERROR_SCHEMA;

/// The `scimType` keywords of RFC 7644 table 9 that the emulator uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScimType {
    InvalidFilter,
    TooMany,
    Uniqueness,
    Mutability,
    InvalidSyntax,
    InvalidPath,
    NoTarget,
    InvalidValue,
}

impl ScimType {
    pub fn as_str(self) -> &'static str {
        match self {
            ScimType::InvalidFilter => "invalidFilter",
            ScimType::TooMany => "tooMany",
            ScimType::Uniqueness => "uniqueness",
            ScimType::Mutability => "mutability",
            ScimType::InvalidSyntax => "invalidSyntax",
            ScimType::InvalidPath => "invalidPath",
            ScimType::NoTarget => "noTarget",
            ScimType::InvalidValue => "invalidValue",
        }
    }
}

/// A failed SCIM request or bulk operation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{status} {detail}")]
pub struct ScimError {
    pub status: u16,
    pub scim_type: Option<ScimType>,
    pub detail: String,
}

impl ScimError {
    /// A 400 with a `scimType`.
    pub fn bad(scim_type: ScimType, detail: impl Into<String>) -> ScimError {
        ScimError {
            status: 400,
            scim_type: Some(scim_type),
            detail: detail.into(),
        }
    }

    pub fn unauthorized() -> ScimError {
        ScimError {
            status: 401,
            scim_type: None,
            detail: "Authorization failure. The authorization header is invalid or missing."
                .to_owned(),
        }
    }

    pub fn not_found(id: &str) -> ScimError {
        ScimError {
            status: 404,
            scim_type: None,
            detail: format!("Resource {id} not found"),
        }
    }

    pub fn uniqueness(user_name: &str) -> ScimError {
        ScimError {
            status: 409,
            scim_type: Some(ScimType::Uniqueness),
            detail: format!("userName {user_name:?} is already in use"),
        }
    }

    pub fn precondition_failed() -> ScimError {
        ScimError {
            status: 412,
            scim_type: None,
            detail: "Failed to update. Resource changed on the server.".to_owned(),
        }
    }

    pub fn too_large(detail: impl Into<String>) -> ScimError {
        ScimError {
            status: 413,
            scim_type: None,
            detail: detail.into(),
        }
    }

    /// 501: the service does not offer `what` (see its ServiceProviderConfig).
    pub fn not_implemented(what: &str) -> ScimError {
        ScimError {
            status: 501,
            scim_type: None,
            detail: format!("{what} is not supported by this service; see /ServiceProviderConfig"),
        }
    }

    /// 500: the service failed (a test asked it to).
    pub fn internal(detail: impl Into<String>) -> ScimError {
        ScimError {
            status: 500,
            scim_type: None,
            detail: detail.into(),
        }
    }

    pub fn unsupported_media_type() -> ScimError {
        ScimError {
            status: 415,
            scim_type: None,
            detail: "Send application/scim+json or application/json.".to_owned(),
        }
    }

    /// The error message body.
    pub fn body(&self) -> Value {
        let mut out = Map::new();
        out.insert("schemas".to_owned(), json!([ERROR_SCHEMA]));
        out.insert("status".to_owned(), Value::from(self.status.to_string()));
        if let Some(kind) = self.scim_type {
            out.insert("scimType".to_owned(), Value::from(kind.as_str()));
        }
        out.insert("detail".to_owned(), Value::from(self.detail.as_str()));
        Value::Object(out)
    }
}

impl IntoResponse for ScimError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::BAD_REQUEST);
        let body = self.body().to_string();
        let mut response = (
            status,
            [(header::CONTENT_TYPE, super::SCIM_CONTENT_TYPE)],
            body,
        )
            .into_response();
        if self.status == 401 {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer realm=\"scim\""),
            );
        }
        response
    }
}
