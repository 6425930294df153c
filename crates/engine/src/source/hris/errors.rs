//! The HRIS API's refusals in words that say what to fix (reference 001,
//! "Troubleshooting"): 401 the token, 403 its scope, 404 the UID or email, 429 the rate.

use super::super::SourceError;
use crate::connect::{ConnectError, ErrorKind, human_duration};

/// `error` with the advice for the person; `whom` names the user a lookup was for.
pub fn explain(error: SourceError, connection: &str, whom: Option<&str>) -> SourceError {
    let SourceError::Connect(cause) = error else {
        return error;
    };
    let message = match (&cause, cause.kind()) {
        (
            ConnectError::CredentialsRefused {
                status: Some(403),
                detail,
                ..
            },
            _,
        ) => format!(
            "the HRIS API token of \"{connection}\" lacks the scope to read users (HTTP 403: {detail}). Create a token with the read:users (or admin) scope in MangoApps, Admin → API → Tokens, and save it with `muster connect add {connection} --kind hris --url URL`"
        ),
        (ConnectError::CredentialsRefused { detail, .. }, _) => format!(
            "the HRIS API refused the token of \"{connection}\" (HTTP 401: {detail}). The token is wrong or has expired: create one with the read:users scope in MangoApps, Admin → API → Tokens, and save it with `muster connect add {connection} --kind hris --url URL`"
        ),
        (_, ErrorKind::NotFound) => match whom {
            Some(whom) if whom.starts_with("UID") => format!(
                "the HRIS API of \"{connection}\" has no user with {whom} in this business (HTTP 404). Check the UID: it looks like E1234567"
            ),
            Some(whom) => format!(
                "the HRIS API of \"{connection}\" has no user with {whom} in this business (HTTP 404). Check the address for typos"
            ),
            None => format!(
                "the HRIS API of \"{connection}\" was not found at its address (HTTP 404). Check the connection's URL: it is the MangoApps domain, without /api/v1"
            ),
        },
        (ConnectError::RateLimited { wait, .. }, _) => format!(
            "the HRIS API of \"{connection}\" is limiting requests (HTTP 429: it allows 100 list requests and 300 lookups an hour per token){}. Run the same command later; a pull goes on from the page it reached",
            wait.map(|w| format!("; it asks to wait {}", human_duration(w)))
                .unwrap_or_default()
        ),
        _ => return SourceError::Connect(cause),
    };
    SourceError::Refused { message, cause }
}
