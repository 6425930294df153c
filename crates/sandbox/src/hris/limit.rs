//! The reference's rate limits, per API token: 100 requests an hour to the bulk endpoint
//! and 300 an hour to the lookups (001, MangoApps HRIS Users API, "Rate Limits").
//!
//! The reference does not say how the hour is counted; the emulator uses a sliding window
//! (a request is allowed when fewer than the limit were allowed in the last window), so a
//! client cannot burst twice the limit across a window boundary. A refused request (429)
//! does not count. Every answer of a metered request carries `X-RateLimit-Limit`,
//! `X-RateLimit-Remaining` and `X-RateLimit-Reset` (unix seconds when the oldest counted
//! request leaves the window); a 429 also carries `Retry-After`, the whole seconds until
//! then, rounded up.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use axum::http::{HeaderMap, HeaderValue};

use crate::sync::lock;
use crate::time::since_epoch;

/// Which limit a request counts against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Bucket {
    List,
    Lookup,
}

/// What the limiter decided, and the headers that say so.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Verdict {
    pub allowed: bool,
    pub limit: usize,
    pub remaining: usize,
    /// Unix seconds when a slot frees.
    pub reset: u64,
    /// Whole seconds until then (at least 1).
    pub retry_after: u64,
}

impl Verdict {
    pub(crate) fn put_headers(&self, headers: &mut HeaderMap) {
        headers.insert("x-ratelimit-limit", HeaderValue::from(self.limit));
        headers.insert("x-ratelimit-remaining", HeaderValue::from(self.remaining));
        headers.insert("x-ratelimit-reset", HeaderValue::from(self.reset));
    }
}

#[derive(Default)]
pub(crate) struct Limiter {
    /// When each counted request arrived, per token and bucket, oldest first.
    seen: Mutex<HashMap<(String, Bucket), VecDeque<Instant>>>,
}

impl Limiter {
    pub(crate) fn admit(
        &self,
        token: &str,
        bucket: Bucket,
        limit: usize,
        window: Duration,
        now: Instant,
        wall: SystemTime,
    ) -> Verdict {
        let mut seen = lock(&self.seen);
        let times = seen.entry((token.to_owned(), bucket)).or_default();
        while times
            .front()
            .is_some_and(|t| now.saturating_duration_since(*t) >= window)
        {
            times.pop_front();
        }
        let allowed = times.len() < limit;
        if allowed {
            times.push_back(now);
        }
        let frees_in = times.front().map_or(window, |oldest| {
            (*oldest + window).saturating_duration_since(now)
        });
        let at = since_epoch(wall + frees_in);
        let round_up = |d: Duration| d.as_secs() + u64::from(d.subsec_nanos() > 0);
        Verdict {
            allowed,
            limit,
            remaining: limit.saturating_sub(times.len()),
            reset: round_up(at),
            retry_after: round_up(frees_in).max(1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_slides() {
        let limiter = Limiter::default();
        let window = Duration::from_secs(10);
        let start = Instant::now();
        let wall = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
        let at = |s: u64| {
            (
                start + Duration::from_secs(s),
                wall + Duration::from_secs(s),
            )
        };
        let admit = |s: u64, bucket| {
            let (now, wall) = at(s);
            limiter.admit("t", bucket, 2, window, now, wall)
        };
        let first = admit(0, Bucket::List);
        assert!(first.allowed);
        assert_eq!((first.remaining, first.reset), (1, 1_010));
        assert!(admit(4, Bucket::List).allowed);
        let refused = admit(6, Bucket::List);
        assert!(!refused.allowed);
        assert_eq!(
            (refused.remaining, refused.retry_after, refused.reset),
            (0, 4, 1_010)
        );
        assert!(admit(6, Bucket::Lookup).allowed, "buckets are apart");
        let later = admit(10, Bucket::List);
        assert!(later.allowed, "the first request left the window");
        assert_eq!((later.remaining, later.reset), (0, 1_014));
        assert!(!admit(11, Bucket::List).allowed);
    }
}
