//! The record of requests one emulator received.

use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use serde::Serialize;

use crate::sync::lock;
use crate::time::{iso8601, since_epoch};

/// One request as the emulator saw it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LoggedRequest {
    pub method: String,
    pub path: String,
    /// The query string after `?`, as sent (`None` when there was none), so tests can check
    /// what a client put in its addresses.
    pub query: Option<String>,
    /// The status answered; `None` when the connection was dropped.
    pub status: Option<u16>,
    /// The injected fault(s) that shaped the answer, e.g. `"delay+status"`.
    pub fault: Option<String>,
    /// When the request arrived, ISO 8601 UTC.
    pub at: String,
    /// When the request arrived, milliseconds since the Unix epoch.
    pub at_ms: u64,
    /// How long the answer took, in milliseconds (a late answer's hold not included).
    pub duration_ms: u64,
}

impl LoggedRequest {
    pub(crate) fn new(method: &str, uri: &axum::http::Uri, arrived: SystemTime) -> LoggedRequest {
        LoggedRequest {
            method: method.to_owned(),
            path: uri.path().to_owned(),
            query: uri.query().map(str::to_owned),
            status: None,
            fault: None,
            at: iso8601(arrived),
            at_ms: u64::try_from(since_epoch(arrived).as_millis()).unwrap_or(u64::MAX),
            duration_ms: 0,
        }
    }
}

/// The requests an emulator received, oldest first. Clones share the log.
#[derive(Clone, Debug, Default)]
pub struct RequestLog {
    entries: Arc<Mutex<Vec<LoggedRequest>>>,
}

impl RequestLog {
    pub(crate) fn record(&self, entry: LoggedRequest) {
        lock(&self.entries).push(entry);
    }

    /// Every request so far.
    pub fn entries(&self) -> Vec<LoggedRequest> {
        lock(&self.entries).clone()
    }

    /// How many requests had this method and exactly this path.
    pub fn count(&self, method: &str, path: &str) -> usize {
        lock(&self.entries)
            .iter()
            .filter(|entry| entry.method.eq_ignore_ascii_case(method) && entry.path == path)
            .count()
    }

    /// How many requests had this method and a path starting with `prefix`.
    pub fn count_prefix(&self, method: &str, prefix: &str) -> usize {
        lock(&self.entries)
            .iter()
            .filter(|entry| {
                entry.method.eq_ignore_ascii_case(method) && entry.path.starts_with(prefix)
            })
            .count()
    }

    /// How many requests there were in all.
    pub fn len(&self) -> usize {
        lock(&self.entries).len()
    }

    /// Whether no request arrived yet.
    pub fn is_empty(&self) -> bool {
        lock(&self.entries).is_empty()
    }

    /// Forgets every request.
    pub fn clear(&self) {
        lock(&self.entries).clear();
    }
}
