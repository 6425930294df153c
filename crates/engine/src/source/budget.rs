//! A source's published request limits, kept on this side so a pull never runs into them:
//! the MangoApps HRIS API allows 100 list requests and 300 lookups an hour per token
//! (reference 001). The times of the requests sent are kept in the store, so the budget
//! holds across restarts: a pull stopped and started again within the hour still waits.
//!
//! A sliding window: the next request may go once fewer than `limit` were sent in the last
//! `window`. Unlike evenly spaced requests, a short pull goes at full speed.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::store::{Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Budget {
    /// Which of the source's limits ("list", "lookup").
    pub bucket: &'static str,
    pub limit: u32,
    pub window: Duration,
}

impl Budget {
    /// How long to wait before the next request may go; `None` when it may go now.
    pub fn wait(&self, store: &Store, connection: &str) -> Result<Option<Duration>, StoreError> {
        let now = now_ms();
        let window = i64::try_from(self.window.as_millis()).unwrap_or(i64::MAX);
        let sent = store.source_requests(connection, self.bucket, now.saturating_sub(window))?;
        let limit = usize::try_from(self.limit.max(1)).unwrap_or(usize::MAX);
        if sent.len() < limit {
            return Ok(None);
        }
        // The request that frees a slot is the one `limit` places from the end. A margin
        // covers the time a request takes to arrive: the source counts arrivals.
        let margin = (window / 100).max(100);
        let frees = sent[sent.len() - limit] + window + margin;
        Ok(Some(Duration::from_millis(
            u64::try_from(frees - now).unwrap_or(0).max(1),
        )))
    }

    /// Notes a request about to go.
    pub fn note(&self, store: &Store, connection: &str) -> Result<(), StoreError> {
        store.note_source_request(connection, self.bucket, now_ms())
    }

    /// "100 requests per hour", for messages.
    pub fn describe(&self) -> String {
        let secs = self.window.as_secs();
        let per = match secs {
            3600 => "an hour".to_owned(),
            60 => "a minute".to_owned(),
            s => format!("per {s} s"),
        };
        format!("{} {} requests {per}", self.limit, self.bucket)
    }
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

#[cfg(test)]
#[path = "tests/budget.rs"]
mod tests;
