//! `ConnectError`: why a request to a connection's server did not give a usable answer,
//! in words for the person running the job, plus an [`ErrorKind`] the job runner matches on.
//!
//! No variant carries a token, password, client secret or key. Requests are described
//! as method and address without the query string; token responses are never quoted.

use std::time::Duration;

/// The kinds of failure a caller decides on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The server refused the credentials (401, 403, or an OAuth error from the token endpoint).
    CredentialsRefused,
    /// The server says the addressed record or resource does not exist (404).
    NotFound,
    /// The server refused the request itself (another 4xx), with its message.
    Rejected,
    /// The server kept answering 429 beyond the retry budget or asked to wait too long.
    RateLimited,
    /// The server kept failing (5xx) beyond the retry budget.
    Server,
    /// A request that creates was sent and no clear answer came back: it may have been processed.
    Uncertain,
    /// The server could not be reached beyond the retry budget. For a `CreateOnce` request
    /// this means nothing was sent (a create whose connection broke after sending is
    /// `Uncertain`).
    Network,
    /// An idempotent request got no answer in time beyond the retry budget (a create that
    /// timed out is `Uncertain`).
    Timeout,
    /// The address is not one Muster sends data to.
    BadUrl,
    /// The secure connection failed (certificate, or not a TLS server).
    Tls,
    /// The server answered something Muster cannot use.
    BadResponse,
    /// The connection's settings cannot be used (bad key, bad request, client setup).
    Setup,
}

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error(
        "the credentials of the connection \"{connection}\" were refused: {detail}. Fix the connection \"{connection}\": check its {what} and enter them again if they changed"
    )]
    CredentialsRefused {
        connection: String,
        detail: String,
        what: &'static str,
        status: Option<u16>,
    },
    #[error("{request} on the connection \"{connection}\" found nothing (HTTP 404 Not Found)")]
    NotFound { connection: String, request: String },
    #[error("{request} on the connection \"{connection}\" was rejected with HTTP {status}: {body}")]
    Rejected {
        connection: String,
        request: String,
        status: u16,
        body: String,
    },
    #[error(
        "{request}: the server of the connection \"{connection}\" is still limiting the request rate after {attempts} attempt(s){}. Run the job again later, or set a lower request rate for the connection",
        wait_note(*.wait)
    )]
    RateLimited {
        connection: String,
        request: String,
        attempts: u32,
        wait: Option<Duration>,
    },
    #[error(
        "{request}: the server of the connection \"{connection}\" answered HTTP {status} after {attempts} attempt(s). The service may be down or overloaded; try again later"
    )]
    Server {
        connection: String,
        request: String,
        status: u16,
        attempts: u32,
    },
    #[error(
        "{request} on the connection \"{connection}\" may or may not have been carried out: {cause}. Look the record up before sending it again"
    )]
    Uncertain {
        connection: String,
        request: String,
        cause: String,
    },
    #[error(
        "{request}: could not reach the server of the connection \"{connection}\" after {attempts} attempt(s): {cause}. Check the address and the network connection"
    )]
    Network {
        connection: String,
        request: String,
        attempts: u32,
        cause: String,
    },
    #[error(
        "{request}: the server of the connection \"{connection}\" did not answer within {} s, {attempts} attempt(s). Try again later, or raise the connection's request timeout",
        .limit.as_secs_f64()
    )]
    Timeout {
        connection: String,
        request: String,
        attempts: u32,
        limit: Duration,
    },
    #[error("the address \"{url}\" cannot be used: {reason}")]
    BadUrl { url: String, reason: String },
    #[error(
        "{request}: the secure connection (TLS) to the server of the connection \"{connection}\" failed: {cause}. Check that the address is an https server with a valid certificate"
    )]
    Tls {
        connection: String,
        request: String,
        cause: String,
    },
    #[error("{request} on the connection \"{connection}\": {detail}")]
    BadResponse {
        connection: String,
        request: String,
        detail: String,
    },
    #[error("the connection \"{connection}\" cannot be used: {detail}")]
    Setup { connection: String, detail: String },
}

fn wait_note(wait: Option<Duration>) -> String {
    match wait {
        Some(wait) => format!(
            "; it asks to wait {}, longer than Muster waits by itself",
            human_duration(wait)
        ),
        None => String::new(),
    }
}

/// "45 s", "12 min", "2 h 5 min": for messages about waiting.
pub fn human_duration(duration: Duration) -> String {
    let secs = duration.as_secs_f64();
    if secs < 10.0 {
        let rounded = (secs * 10.0).round() / 10.0;
        format!("{rounded} s")
    } else if secs < 120.0 {
        format!("{} s", secs.round())
    } else if secs < 7200.0 {
        format!("{} min", (secs / 60.0).round())
    } else {
        let minutes = (secs / 60.0).round() as u64;
        format!("{} h {} min", minutes / 60, minutes % 60)
    }
}

impl ConnectError {
    /// The kind of failure, for the job runner to decide what to do next.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Self::CredentialsRefused { .. } => ErrorKind::CredentialsRefused,
            Self::NotFound { .. } => ErrorKind::NotFound,
            Self::Rejected { .. } => ErrorKind::Rejected,
            Self::RateLimited { .. } => ErrorKind::RateLimited,
            Self::Server { .. } => ErrorKind::Server,
            Self::Uncertain { .. } => ErrorKind::Uncertain,
            Self::Network { .. } => ErrorKind::Network,
            Self::Timeout { .. } => ErrorKind::Timeout,
            Self::BadUrl { .. } => ErrorKind::BadUrl,
            Self::Tls { .. } => ErrorKind::Tls,
            Self::BadResponse { .. } => ErrorKind::BadResponse,
            Self::Setup { .. } => ErrorKind::Setup,
        }
    }

    /// The HTTP status the server answered, when the failure came with one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::CredentialsRefused { status, .. } => *status,
            Self::NotFound { .. } => Some(404),
            Self::Rejected { status, .. } | Self::Server { status, .. } => Some(*status),
            Self::RateLimited { .. } => Some(429),
            _ => None,
        }
    }
}

/// "POST https://host/path": a request for messages, without query string or user info.
pub(crate) fn describe(method: &reqwest::Method, url: &reqwest::Url) -> String {
    let mut shown = url.clone();
    shown.set_query(None);
    shown.set_fragment(None);
    // Both calls fail only for addresses that cannot carry user info, which then has none.
    let _ = shown.set_username("");
    let _ = shown.set_password(None);
    format!("{method} {shown}")
}

/// The causes under a reqwest error, e.g. "tcp connect error: Connection refused (os error 111)".
///
/// reqwest's own top line repeats the address, so only the sources are used.
pub(crate) fn cause_of(err: &reqwest::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        let text = inner.to_string();
        // hyper's "client error (Connect)" only repeats what the next cause says.
        let noise = text.starts_with("client error (");
        if !noise && !parts.iter().any(|part| part.contains(&text)) {
            parts.push(text);
        }
        source = inner.source();
    }
    if parts.is_empty() {
        if err.is_timeout() {
            parts.push("no answer in time".to_owned());
        } else if err.is_connect() {
            parts.push("could not connect".to_owned());
        } else {
            parts.push("the connection failed".to_owned());
        }
    }
    parts.join(": ")
}

/// True when a reqwest error comes from the TLS layer (rustls): an untrusted certificate,
/// a name mismatch, or a peer that does not speak TLS.
///
/// reqwest does not expose rustls' error type without a direct dependency on rustls,
/// so this reads the causes' texts, which rustls words as below.
pub(crate) fn is_tls(err: &reqwest::Error) -> bool {
    let causes = cause_of(err).to_ascii_lowercase();
    ["certificate", "tls", "corrupt message", "handshake"]
        .iter()
        .any(|needle| causes.contains(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_drops_query_and_user_info() {
        let url = reqwest::Url::parse("https://user:pw@api.example.com/v1/users?page=2#x").unwrap();
        assert_eq!(
            describe(&reqwest::Method::GET, &url),
            "GET https://api.example.com/v1/users"
        );
    }

    #[test]
    fn human_durations_read_naturally() {
        assert_eq!(human_duration(Duration::from_millis(1500)), "1.5 s");
        assert_eq!(human_duration(Duration::from_secs(30)), "30 s");
        assert_eq!(human_duration(Duration::from_secs(600)), "10 min");
        assert_eq!(
            human_duration(Duration::from_secs(3 * 3600 + 300)),
            "3 h 5 min"
        );
    }

    #[test]
    fn rate_limited_message_says_how_long_the_server_asked_to_wait() {
        let err = ConnectError::RateLimited {
            connection: "mango".into(),
            request: "GET https://hr.example.com/api/v1/users".into(),
            attempts: 1,
            wait: Some(Duration::from_secs(3300)),
        };
        let text = err.to_string();
        assert!(text.contains("asks to wait 55 min"), "{text}");
        assert!(text.contains("\"mango\""), "{text}");
        assert_eq!(err.kind(), ErrorKind::RateLimited);
        assert_eq!(err.status(), Some(429));
    }
}
