//! The Management API's request limit and its `x-ratelimit-*` headers.
//!
//! Auth0 meters its Management API per tenant and reports the limit, what is
//! left and when the count resets (Unix seconds). The emulator uses a fixed
//! window of [`RateLimit::window`]; past [`RateLimit::limit`] requests it
//! answers 429 until the window ends.

use std::sync::{Arc, Mutex};
use std::time::{Instant, SystemTime};

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::reply::ApiError;
use super::{RateLimit, Shared};
use crate::sync::lock;
use crate::time::since_epoch;

#[derive(Default)]
pub(crate) struct Limiter {
    window: Mutex<Option<Window>>,
}

struct Window {
    started: Instant,
    used: u32,
}

struct Verdict {
    allowed: bool,
    remaining: u32,
    reset: u64,
}

impl Limiter {
    fn admit(&self, rate: RateLimit, now: Instant, wall: SystemTime) -> Verdict {
        let mut slot = lock(&self.window);
        let window = match slot.as_mut() {
            Some(window) if now.duration_since(window.started) < rate.window => window,
            _ => slot.insert(Window {
                started: now,
                used: 0,
            }),
        };
        let allowed = window.used < rate.limit;
        if allowed {
            window.used += 1;
        }
        let until_reset = (window.started + rate.window).saturating_duration_since(now);
        let reset_at = since_epoch(wall + until_reset);
        Verdict {
            allowed,
            remaining: rate.limit.saturating_sub(window.used),
            reset: reset_at.as_secs() + u64::from(reset_at.subsec_nanos() > 0),
        }
    }
}

/// Counts the request, refuses it past the limit, and adds the headers.
pub(crate) async fn enforce(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    let Some(rate) = shared.config().rate_limit else {
        return next.run(request).await;
    };
    let verdict = shared
        .limiter
        .admit(rate, Instant::now(), SystemTime::now());
    let mut response = if verdict.allowed {
        next.run(request).await
    } else {
        ApiError::management(
            StatusCode::TOO_MANY_REQUESTS,
            "Global limit has been reached",
            Some("too_many_requests"),
        )
        .into_response()
    };
    put_headers(response.headers_mut(), rate.limit, &verdict);
    response
}

fn put_headers(headers: &mut HeaderMap, limit: u32, verdict: &Verdict) {
    headers.insert("x-ratelimit-limit", HeaderValue::from(limit));
    headers.insert(
        "x-ratelimit-remaining",
        HeaderValue::from(verdict.remaining),
    );
    headers.insert("x-ratelimit-reset", HeaderValue::from(verdict.reset));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn window_fills_then_resets() {
        let limiter = Limiter::default();
        let rate = RateLimit {
            limit: 2,
            window: Duration::from_secs(10),
        };
        let start = Instant::now();
        let wall = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
        let first = limiter.admit(rate, start, wall);
        assert!(first.allowed);
        assert_eq!(first.remaining, 1);
        assert_eq!(first.reset, 1_010);
        assert!(limiter.admit(rate, start, wall).allowed);
        let third = limiter.admit(
            rate,
            start + Duration::from_secs(3),
            wall + Duration::from_secs(3),
        );
        assert!(!third.allowed);
        assert_eq!(third.remaining, 0);
        assert_eq!(third.reset, 1_010);
        let later = limiter.admit(
            rate,
            start + Duration::from_secs(10),
            wall + Duration::from_secs(10),
        );
        assert!(later.allowed);
        assert_eq!(later.remaining, 1);
    }
}
