//! Webhooks of the HRIS emulator: subscriptions, the events a churn sends, signing and
//! delivery with the reference's retries (001, MangoApps HRIS Users API, "Webhooks for
//! Real-Time Updates").
//!
//! From the reference: the events `user.created`, `user.updated` (with `changes`),
//! `user.activated`, `user.deactivated` and `user.deleted` (with `deleted_at` and
//! `deleted_by`), payloads `{"event", "timestamp", "data": {"uid", "user", …}}`, the
//! header `X-MangoApps-Signature: sha256=<hex>`, retries after 1 min, 5 min, 15 min, 1 h
//! and 4 h, and deactivation after 5 consecutive failures.
//!
//! Where the reference is silent: the signature is the lowercase hex HMAC-SHA256 of the
//! raw body keyed with the secret's UTF-8 bytes (what its Python sample verifies); a
//! delivery is one event to one subscription and *fails* when all six attempts (the first
//! and five retries) got no 2xx or no answer; five failed deliveries in a row deactivate
//! the subscription and a successful one resets the count; each subscription delivers its
//! events in order from one background task, so a retrying event holds back the ones
//! after it (as an ordered queue must); `deleted_by` is `admin@example.com`; the retry
//! waits are multiplied by `webhook_time_scale` so tests need not wait hours; every
//! attempt has a 10 s timeout.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use hmac::{Hmac, Mac};
use serde_json::json;
use sha2::Sha256;
use tokio::sync::mpsc;

use super::churn::Change;
use super::directory::Directory;
use crate::sync::lock;
use crate::time::iso_seconds;

/// The waits before each retry, in seconds (unscaled).
pub const RETRY_AFTER_SECS: [u64; 5] = [60, 300, 900, 3_600, 14_400];
/// Failed deliveries in a row that deactivate a subscription.
pub const FAILURES_TO_DEACTIVATE: u32 = 5;
/// Who the emulator says deleted a user.
const DELETED_BY: &str = "admin@example.com";

/// One attempt to deliver an event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivery {
    pub url: String,
    pub event: String,
    pub uid: String,
    /// 1 for the first attempt, up to 6.
    pub attempt: u32,
    /// The answer's status; `None` when no answer came (connection refused, timeout).
    pub status: Option<u16>,
    /// Sent again by [`super::Hris::redeliver_last`].
    pub duplicate: bool,
}

/// A subscription as tests see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subscription {
    pub url: String,
    pub active: bool,
    /// Failed deliveries since the last successful one.
    pub consecutive_failures: u32,
}

/// Why a subscription was not made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SubscribeError {
    #[error("the webhook URL must start with http:// or https://, not {0:?}")]
    BadUrl(String),
    #[error(
        "the sandbox delivers webhooks to this computer only (localhost, 127.0.0.1, ::1), not to {0:?}: point it at `muster listen` here"
    )]
    NotLoopback(String),
    #[error("subscribing needs a running Tokio runtime to deliver from")]
    NoRuntime,
}

/// Whether `url` names this computer: `localhost`, 127.0.0.0/8 or `::1`.
fn is_loopback_url(url: &str) -> bool {
    let Ok(parsed) = reqwest::Url::parse(url) else {
        return false;
    };
    let Some(host) = parsed.host_str() else {
        return false;
    };
    match host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<std::net::IpAddr>()
    {
        Ok(ip) => ip.is_loopback(),
        Err(_) => host.eq_ignore_ascii_case("localhost"),
    }
}

/// One event, its body serialized once so every attempt sends the same bytes.
#[derive(Debug)]
pub(crate) struct Event {
    name: &'static str,
    uid: String,
    body: Vec<u8>,
}

struct Entry {
    info: Subscription,
    queue: mpsc::UnboundedSender<Arc<Event>>,
}

#[derive(Default)]
struct State {
    subscriptions: Vec<Entry>,
    deliveries: Vec<Delivery>,
    /// The last event delivered with a 2xx, and where.
    last_delivered: Option<(String, Arc<Event>)>,
}

pub(crate) struct Hooks {
    secret: String,
    scale: f64,
    http: reqwest::Client,
    state: Mutex<State>,
}

/// `sha256=` and the lowercase hex HMAC-SHA256 of `body` keyed with `secret`.
pub fn signature(secret: &str, body: &[u8]) -> String {
    // HMAC takes keys of any length, so this cannot fail.
    let mut mac = match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(mac) => mac,
        Err(_) => return String::new(),
    };
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

/// The events of a churn's changes, in order, stamped `now`.
pub(crate) fn events(directory: &Directory, changes: &[Change], now: i64) -> Vec<Event> {
    let timestamp = iso_seconds(now);
    let mut out = Vec::new();
    for change in changes {
        let (name, index) = match change {
            Change::Created(i) => ("user.created", *i),
            Change::Updated(i, _) => ("user.updated", *i),
            Change::Deactivated(i) => ("user.deactivated", *i),
            Change::Activated(i) => ("user.activated", *i),
            Change::Deleted(i) => ("user.deleted", *i),
        };
        let Some(user) = directory.employees.get(index) else {
            continue;
        };
        let data = match change {
            Change::Updated(_, fields) => {
                json!({"uid": user.uid, "changes": fields, "user": user.webhook_user()})
            }
            Change::Deleted(_) => json!({
                "uid": user.uid,
                "user": user.deleted_user(),
                "deleted_at": user.deleted_at.map(iso_seconds),
                "deleted_by": DELETED_BY,
            }),
            _ => json!({"uid": user.uid, "user": user.webhook_user()}),
        };
        let payload = json!({"event": name, "timestamp": timestamp, "data": data});
        out.push(Event {
            name,
            uid: user.uid.clone(),
            body: payload.to_string().into_bytes(),
        });
    }
    out
}

impl Hooks {
    pub(crate) fn new(secret: String, scale: f64) -> Hooks {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap_or_else(|_| reqwest::Client::new());
        Hooks {
            secret,
            scale: if scale.is_finite() && scale >= 0.0 {
                scale
            } else {
                1.0
            },
            http,
            state: Mutex::new(State::default()),
        }
    }

    pub(crate) fn secret(&self) -> &str {
        &self.secret
    }

    /// Adds a subscription and starts its delivery task.
    pub(crate) fn subscribe(self: &Arc<Self>, url: &str) -> Result<(), SubscribeError> {
        let url = url.trim();
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(SubscribeError::BadUrl(url.to_owned()));
        }
        // Its events carry people's records (generated, but shaped like real ones): like the
        // emulators' own sockets, they stay on this computer.
        if !is_loopback_url(url) {
            return Err(SubscribeError::NotLoopback(url.to_owned()));
        }
        let runtime =
            tokio::runtime::Handle::try_current().map_err(|_| SubscribeError::NoRuntime)?;
        let (queue, events) = mpsc::unbounded_channel();
        let index = {
            let mut state = lock(&self.state);
            state.subscriptions.push(Entry {
                info: Subscription {
                    url: url.to_owned(),
                    active: true,
                    consecutive_failures: 0,
                },
                queue,
            });
            state.subscriptions.len() - 1
        };
        runtime.spawn(Arc::clone(self).deliver_all(index, url.to_owned(), events));
        Ok(())
    }

    /// Queues `events` for every active subscription.
    pub(crate) fn emit(&self, events: Vec<Event>) {
        let events: Vec<Arc<Event>> = events.into_iter().map(Arc::new).collect();
        let state = lock(&self.state);
        for entry in state.subscriptions.iter().filter(|e| e.info.active) {
            for event in &events {
                // A closed queue means the task ended; the subscription is then inactive.
                let _ = entry.queue.send(Arc::clone(event));
            }
        }
    }

    pub(crate) fn deliveries(&self) -> Vec<Delivery> {
        lock(&self.state).deliveries.clone()
    }

    pub(crate) fn subscriptions(&self) -> Vec<Subscription> {
        lock(&self.state)
            .subscriptions
            .iter()
            .map(|e| e.info.clone())
            .collect()
    }

    /// The subscription's task: each event in turn, with its retries.
    async fn deliver_all(
        self: Arc<Self>,
        index: usize,
        url: String,
        mut events: mpsc::UnboundedReceiver<Arc<Event>>,
    ) {
        while let Some(event) = events.recv().await {
            let mut delivered = false;
            for attempt in 1..=RETRY_AFTER_SECS.len() + 1 {
                let status = self.post(&url, &event).await;
                lock(&self.state).deliveries.push(Delivery {
                    url: url.clone(),
                    event: event.name.to_owned(),
                    uid: event.uid.clone(),
                    attempt: u32::try_from(attempt).unwrap_or(u32::MAX),
                    status,
                    duplicate: false,
                });
                if status.is_some_and(|s| (200..300).contains(&s)) {
                    delivered = true;
                    break;
                }
                if let Some(wait) = RETRY_AFTER_SECS.get(attempt - 1) {
                    let wait = Duration::from_secs_f64(*wait as f64 * self.scale);
                    tokio::time::sleep(wait).await;
                }
            }
            let mut state = lock(&self.state);
            if delivered {
                state.last_delivered = Some((url.clone(), Arc::clone(&event)));
            }
            let Some(entry) = state.subscriptions.get_mut(index) else {
                return;
            };
            if delivered {
                entry.info.consecutive_failures = 0;
            } else {
                entry.info.consecutive_failures += 1;
                if entry.info.consecutive_failures >= FAILURES_TO_DEACTIVATE {
                    entry.info.active = false;
                    return;
                }
            }
        }
    }

    /// One POST of the event; its status, or `None` when no answer came.
    async fn post(&self, url: &str, event: &Event) -> Option<u16> {
        let sent = self
            .http
            .post(url)
            .header("content-type", "application/json")
            .header(
                "x-mangoapps-signature",
                signature(&self.secret, &event.body),
            )
            .body(event.body.clone())
            .send()
            .await;
        sent.ok().map(|response| response.status().as_u16())
    }

    /// Sends the last delivered event again, unchanged, as a retry after a lost 200
    /// would; `None` when nothing was delivered yet.
    pub(crate) async fn redeliver_last(&self) -> Option<Delivery> {
        let (url, event) = lock(&self.state).last_delivered.clone()?;
        let status = self.post(&url, &event).await;
        let delivery = Delivery {
            url,
            event: event.name.to_owned(),
            uid: event.uid.clone(),
            attempt: 1,
            status,
            duplicate: true,
        };
        lock(&self.state).deliveries.push(delivery.clone());
        Some(delivery)
    }
}
