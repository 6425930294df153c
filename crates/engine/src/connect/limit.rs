//! A client-side request rate, so a job stays under the limit a target publishes
//! (e.g. the MangoApps HRIS API's 100 requests per hour for bulk retrieval, reference 001)
//! instead of running into 429s.
//!
//! Built on governor's GCRA limiter with a burst of one: requests are spaced evenly,
//! one every `per / requests`, so no window of length `per` ever holds more than
//! `requests` of them. Waiting is async and holds no thread.

use std::fmt;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::{DefaultDirectRateLimiter, Quota};

/// "N requests per period".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    requests: NonZeroU32,
    per: Duration,
}

/// A rate limit that allows nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "a request rate needs at least one request per period longer than zero (got {requests} per {per:?})"
)]
pub struct InvalidRateLimit {
    pub requests: u32,
    pub per: Duration,
}

impl RateLimit {
    /// At most `requests` requests in any span of `per`.
    pub fn new(requests: u32, per: Duration) -> Result<Self, InvalidRateLimit> {
        let invalid = InvalidRateLimit { requests, per };
        let count = NonZeroU32::new(requests).ok_or_else(|| invalid.clone())?;
        if (per / requests).is_zero() {
            return Err(invalid);
        }
        Ok(Self {
            requests: count,
            per,
        })
    }

    /// How many requests the period allows.
    pub fn requests(&self) -> u32 {
        self.requests.get()
    }

    /// The period.
    pub fn per(&self) -> Duration {
        self.per
    }

    /// The spacing between two requests.
    pub fn interval(&self) -> Duration {
        self.per / self.requests.get()
    }
}

impl fmt::Display for RateLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} requests per {:?}", self.requests, self.per)
    }
}

/// Holds requests back to a [`RateLimit`]. Shared by every request of one connection.
pub struct Limiter {
    limit: RateLimit,
    inner: DefaultDirectRateLimiter,
}

impl Limiter {
    pub fn new(limit: RateLimit) -> Self {
        // `RateLimit::new` guarantees a non-zero interval, for which governor always has a quota.
        let quota = Quota::with_period(limit.interval())
            .unwrap_or_else(|| Quota::per_hour(NonZeroU32::MIN))
            .allow_burst(NonZeroU32::MIN);
        Self {
            limit,
            inner: DefaultDirectRateLimiter::direct(quota),
        }
    }

    /// The limit this limiter keeps.
    pub fn limit(&self) -> RateLimit {
        self.limit
    }

    /// Waits until one more request may go out.
    pub async fn wait(&self) {
        self.inner.until_ready().await;
    }
}

impl fmt::Debug for Limiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Limiter")
            .field("limit", &self.limit)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn a_limit_needs_requests_and_a_period() {
        assert!(RateLimit::new(0, Duration::from_secs(1)).is_err());
        assert!(RateLimit::new(5, Duration::ZERO).is_err());
        let err = RateLimit::new(0, Duration::from_secs(3600)).unwrap_err();
        assert!(err.to_string().contains("at least one request"), "{err}");
        let limit = RateLimit::new(100, Duration::from_secs(3600)).unwrap();
        assert_eq!(limit.interval(), Duration::from_secs(36));
        assert_eq!(limit.requests(), 100);
    }

    #[tokio::test]
    async fn requests_are_spaced_by_the_interval() {
        let limiter = Limiter::new(RateLimit::new(4, Duration::from_millis(400)).unwrap());
        let start = Instant::now();
        for _ in 0..4 {
            limiter.wait().await;
        }
        // The first goes at once, the next three one interval (100 ms) apart.
        assert!(
            start.elapsed() >= Duration::from_millis(295),
            "{:?}",
            start.elapsed()
        );
    }
}
