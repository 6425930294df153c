//! When a failed request is sent again, and how long Muster waits first.
//!
//! Two classes of request (see [`RetryClass`]): `Idempotent` ones are retried on 408, 429,
//! 500, 502, 503, 504, timeouts and network failures; `CreateOnce` ones only when the server
//! surely did not act on them (408, 429, or a connection that failed before the request went
//! out). A create that was sent and then met a 5xx, a timeout or a dropped connection comes
//! back as [`ErrorKind::Uncertain`](super::ErrorKind::Uncertain), so the job runner can look
//! the record up before sending it again.
//!
//! Waits grow exponentially with jitter (backon's `ExponentialBuilder`). A wait the server
//! asks for wins: `Retry-After` in seconds or as an HTTP-date (RFC 9110 §10.2.3), else
//! `x-ratelimit-reset` (Auth0 sends the epoch second at which the limit resets; values below
//! 10^9 are read as seconds from now, as some APIs send). A server asking for more than
//! [`RetryPolicy::max_wait`] is not waited for: the request fails as rate limited and the
//! message says how long the server asked for (the MangoApps HRIS API, reference 001, limits
//! some endpoints per hour).

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use backon::{BackoffBuilder, ExponentialBackoff, ExponentialBuilder};
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, RETRY_AFTER};

use super::error::human_duration;

/// Whether a request may be sent twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryClass {
    /// Sending it twice does no harm: GET, PUT, status polling, token requests.
    Idempotent,
    /// A POST that creates: sent again only when the server surely did not process it.
    CreateOnce,
}

/// How often and how patiently a request is retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first one included (at least 1).
    pub attempts: u32,
    /// The first wait before jitter.
    pub min_delay: Duration,
    /// The longest wait Muster picks by itself.
    pub max_delay: Duration,
    /// The longest wait a server may ask for (`Retry-After`, `x-ratelimit-reset`).
    pub max_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            attempts: 5,
            min_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            max_wait: Duration::from_secs(5 * 60),
        }
    }
}

/// Why Muster is waiting before sending a request again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitReason {
    /// The server answered 429 Too Many Requests.
    RateLimited,
    /// The server answered this status (408, 500, 502, 503, 504).
    ServerBusy(u16),
    /// No answer came in time.
    Timeout,
    /// The connection failed.
    Network,
}

/// A wait before the next attempt, reported so the CLI can say "waiting 30 s (rate limit)".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wait {
    /// The attempt that just failed, from 1.
    pub attempt: u32,
    /// How long Muster waits before the next one.
    pub delay: Duration,
    pub reason: WaitReason,
    /// True when the server asked for this wait.
    pub from_server: bool,
}

impl fmt::Display for Wait {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match self.reason {
            WaitReason::RateLimited => "rate limit".to_owned(),
            WaitReason::ServerBusy(status) => format!("server busy, HTTP {status}"),
            WaitReason::Timeout => "no answer in time".to_owned(),
            WaitReason::Network => "network error".to_owned(),
        };
        write!(f, "waiting {} ({why})", human_duration(self.delay))
    }
}

/// Receives every wait before it starts.
pub type WaitReporter = Arc<dyn Fn(&Wait) + Send + Sync>;

/// What happened to one attempt, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The server answered with this status.
    Status(StatusCode),
    /// The connection could not be opened: the request never left.
    NotSent,
    /// The request was sent and no answer came in time.
    TimedOut,
    /// The request was sent and the connection broke before a full answer.
    Broken,
}

/// What to do about an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Wait and send again, if the budget allows.
    Retry(WaitReason),
    /// Stop: the server may have acted on the request.
    Uncertain,
    /// Stop and hand the answer to the caller.
    Done,
}

/// The retry rule for one class and one outcome.
pub(crate) fn decide(class: RetryClass, outcome: Outcome) -> Decision {
    let idempotent = class == RetryClass::Idempotent;
    match outcome {
        Outcome::Status(StatusCode::TOO_MANY_REQUESTS) => Decision::Retry(WaitReason::RateLimited),
        Outcome::Status(StatusCode::REQUEST_TIMEOUT) => {
            Decision::Retry(WaitReason::ServerBusy(408))
        }
        Outcome::Status(
            status @ (StatusCode::INTERNAL_SERVER_ERROR
            | StatusCode::BAD_GATEWAY
            | StatusCode::SERVICE_UNAVAILABLE
            | StatusCode::GATEWAY_TIMEOUT),
        ) => {
            if idempotent {
                Decision::Retry(WaitReason::ServerBusy(status.as_u16()))
            } else {
                Decision::Uncertain
            }
        }
        Outcome::Status(_) => Decision::Done,
        Outcome::NotSent => Decision::Retry(WaitReason::Network),
        Outcome::TimedOut if idempotent => Decision::Retry(WaitReason::Timeout),
        Outcome::Broken if idempotent => Decision::Retry(WaitReason::Network),
        Outcome::TimedOut | Outcome::Broken => Decision::Uncertain,
    }
}

/// The wait a server asks for in its answer's headers, if any.
pub fn server_delay(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let now_secs = now.duration_since(UNIX_EPOCH).ok()?.as_secs_f64();
    let until = |epoch: f64| Duration::from_secs_f64((epoch - now_secs).max(0.0));
    if let Some(value) = headers.get(RETRY_AFTER).and_then(|v| v.to_str().ok()) {
        let value = value.trim();
        if let Ok(secs) = value.parse::<u64>() {
            return Some(Duration::from_secs(secs));
        }
        if let Ok(date) = chrono::DateTime::parse_from_rfc2822(value) {
            return Some(until(date.timestamp() as f64));
        }
    }
    let reset = headers
        .get("x-ratelimit-reset")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())?;
    if reset >= 1_000_000_000 {
        Some(until(reset as f64))
    } else {
        Some(Duration::from_secs(reset))
    }
}

/// The waits of one request's retries.
pub(crate) struct Backoff {
    delays: ExponentialBackoff,
    max_wait: Duration,
}

/// Why no further attempt is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stop {
    /// All attempts are used.
    Exhausted,
    /// The server asks for a wait longer than the policy allows.
    TooLong(Duration),
}

impl Backoff {
    pub(crate) fn new(policy: &RetryPolicy) -> Self {
        let retries = policy.attempts.max(1) - 1;
        let delays = ExponentialBuilder::default()
            .with_min_delay(policy.min_delay)
            .with_max_delay(policy.max_delay.max(policy.min_delay))
            .with_factor(2.0)
            .with_jitter()
            .with_max_times(retries as usize)
            .build();
        Self {
            delays,
            max_wait: policy.max_wait,
        }
    }

    /// The wait before the next attempt: the server's if it asked, else the next backoff step.
    pub(crate) fn next(&mut self, asked: Option<Duration>) -> Result<Duration, Stop> {
        let own = self.delays.next().ok_or(Stop::Exhausted)?;
        match asked {
            Some(asked) if asked > self.max_wait => Err(Stop::TooLong(asked)),
            Some(asked) => Ok(asked),
            None => Ok(own),
        }
    }
}

#[cfg(test)]
#[path = "tests/retry.rs"]
mod tests;
