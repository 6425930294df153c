//! `POST /api/v2/jobs/users-imports`: reading the multipart upload and
//! creating the job.
//!
//! Checks, in order: bearer token (401); multipart body (400 "Invalid
//! multipart payload format"); users file size (413, whole file is read first
//! so the client sees the answer rather than a reset); `users` present and
//! not empty; `connection_id` present, of the pattern, and the tenant's own;
//! `upsert` / `send_completion_email` booleans; then the concurrent job
//! limit (429). Unknown parts are ignored, as Auth0's schema allows them.

use std::sync::Arc;

use axum::Json;
use axum::extract::multipart::MultipartError;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::jobs::{Job, NewJob, run_in_background};
use super::reply::ApiError;
use super::{Shared, token};
use crate::secret;
use crate::sync::lock;

/// The parts of the upload the emulator reads.
#[derive(Default)]
struct Upload {
    users: Option<Vec<u8>>,
    users_too_large: bool,
    connection_id: Option<String>,
    upsert: Option<String>,
    external_id: Option<String>,
    send_completion_email: Option<String>,
}

enum ReadFailure {
    Malformed,
    TooLarge,
}

impl From<MultipartError> for ReadFailure {
    fn from(error: MultipartError) -> ReadFailure {
        if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ReadFailure::TooLarge
        } else {
            ReadFailure::Malformed
        }
    }
}

async fn read_upload(multipart: &mut Multipart, max_file: usize) -> Result<Upload, ReadFailure> {
    let mut upload = Upload::default();
    while let Some(mut field) = multipart.next_field().await? {
        let name = field.name().unwrap_or_default().to_owned();
        match name.as_str() {
            "users" => {
                let mut file = Vec::new();
                let mut size = 0usize;
                while let Some(chunk) = field.chunk().await? {
                    size += chunk.len();
                    if size <= max_file {
                        file.extend_from_slice(&chunk);
                    }
                }
                upload.users_too_large = size > max_file;
                upload.users = Some(file);
            }
            "connection_id" => upload.connection_id = Some(field.text().await?),
            "upsert" => upload.upsert = Some(field.text().await?),
            "external_id" => upload.external_id = Some(field.text().await?),
            "send_completion_email" => upload.send_completion_email = Some(field.text().await?),
            // Read and forget anything else.
            _ => while field.chunk().await?.is_some() {},
        }
    }
    Ok(upload)
}

fn too_large(max_file: usize) -> ApiError {
    ApiError::management(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("Payload content length greater than maximum allowed: {max_file}"),
        None,
    )
}

/// `^con_[A-Za-z0-9]{16}$`.
fn valid_connection_id(id: &str) -> bool {
    id.strip_prefix("con_")
        .is_some_and(|rest| rest.len() == 16 && rest.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A multipart boolean: absent takes the default, else `true` or `false`.
fn boolean(value: Option<&str>, default: bool, property: &str) -> Result<bool, ApiError> {
    match value.map(str::trim) {
        None => Ok(default),
        Some("true") => Ok(true),
        Some("false") => Ok(false),
        Some(_) => Err(ApiError::bad_body(format!(
            "Payload validation error: 'Expected type boolean but found type string' on property {property}."
        ))),
    }
}

/// `POST /api/v2/jobs/users-imports`.
pub(crate) async fn create_job(
    State(shared): State<Arc<Shared>>,
    request: Request,
) -> Result<Response, ApiError> {
    token::authorize(&shared, request.headers())?;
    let config = shared.config();
    let malformed =
        || ApiError::bad_body("Payload validation error: 'Invalid multipart payload format'.");
    let mut multipart = Multipart::from_request(request, &())
        .await
        .map_err(|_| malformed())?;
    let upload = match read_upload(&mut multipart, config.max_file_bytes).await {
        Ok(upload) => upload,
        Err(ReadFailure::TooLarge) => return Err(too_large(config.max_file_bytes)),
        Err(ReadFailure::Malformed) => return Err(malformed()),
    };
    if upload.users_too_large {
        return Err(too_large(config.max_file_bytes));
    }
    let Some(file) = upload.users else {
        return Err(ApiError::bad_body(
            "Must provide 'users' file as multipart part.",
        ));
    };
    if file.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_body("Users file must not be empty."));
    }
    let Some(connection_id) = upload.connection_id.map(|id| id.trim().to_owned()) else {
        return Err(ApiError::bad_body(
            "Must provide 'connection_id' as multipart part.",
        ));
    };
    if !valid_connection_id(&connection_id) {
        return Err(ApiError::bad_body(
            "Payload validation error: 'String does not match pattern ^con_[A-Za-z0-9]{16}$' on property connection_id.",
        ));
    }
    if connection_id != shared.connection_id {
        return Err(ApiError::bad_body("The connection does not exist."));
    }
    let upsert = boolean(upload.upsert.as_deref(), false, "upsert")?;
    let send_completion_email = boolean(
        upload.send_completion_email.as_deref(),
        true,
        "send_completion_email",
    )?;

    let job = Job::new(NewJob {
        id: format!("job_{}", secret::alphanumeric(16)),
        connection_id,
        external_id: upload.external_id,
        upsert,
        send_completion_email,
        file,
        duration: config.job_duration,
    });
    let (id, body) = {
        let mut jobs = lock(&shared.jobs);
        let active = jobs.active();
        if active >= config.max_active_jobs {
            return Err(ApiError::management(
                StatusCode::TOO_MANY_REQUESTS,
                format!(
                    "There are {active} active import users jobs, please wait until some of them are finished and try again"
                ),
                None,
            ));
        }
        let answer = (job.id.clone(), job.created_json());
        jobs.add(job);
        answer
    };
    run_in_background(shared.clone(), id, config.job_duration);
    Ok((StatusCode::ACCEPTED, Json(body)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connection_id_pattern_and_booleans() {
        assert!(valid_connection_id("con_0000000000000001"));
        assert!(!valid_connection_id("con_123"));
        assert!(!valid_connection_id("Username-Password-Authentication"));
        assert!(matches!(boolean(None, true, "x"), Ok(true)));
        assert!(matches!(boolean(Some("false"), true, "x"), Ok(false)));
        assert!(boolean(Some("yes"), true, "x").is_err());
    }
}
