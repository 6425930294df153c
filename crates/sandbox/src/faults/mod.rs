//! Fault injection and request logging around every emulator.
//!
//! No reference document covers this: it is the sandbox's own test apparatus.
//! A [`Faults`] list holds rules; each request takes the first rule that
//! matches it (by method and path prefix) and uses it up once. `times: 0`
//! keeps a rule until it is cleared. A delay rule is looked up separately,
//! so one request can be both delayed and answered by another rule.
//!
//! Two ways to be slow, because clients that give up see them alike but the
//! emulator does not: a [`Fault::delay`] waits *before* the emulator handles
//! the request, so a client that times out first leaves nothing done (the
//! server drops the request with its connection, unlogged); a
//! [`Fault::late_answer`] lets the emulator do the work at once and holds
//! only the answer, the case where a timed-out create did arrive.
//!
//! The same rules can be set over HTTP on every emulator's port (the
//! `/_sandbox/faults` and `/_sandbox/requests` routes of `control.rs`);
//! control requests are neither faulted nor logged.

mod arrivals;
mod control;
mod layer;
mod log;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::StatusCode;
use serde::{Deserialize, Serialize};

use crate::sync::lock;

pub(crate) use control::router as control_router;
pub(crate) use layer::{FaultState, inject};
pub use log::{LoggedRequest, RequestLog};

/// What a fault does to a request it matches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FaultKind {
    /// Answer with this status and body instead of the emulator.
    Status {
        status: u16,
        #[serde(default)]
        body: String,
        #[serde(default = "json_type")]
        content_type: String,
    },
    /// Close the connection without answering.
    Drop,
    /// Wait this long before handling the request.
    Delay { ms: u64 },
    /// Handle the request at once, then hold the answer this long.
    LateAnswer { ms: u64 },
    /// Answer 429 Too Many Requests with `Retry-After: retry_after` (seconds).
    TooManyRequests {
        retry_after: u64,
        #[serde(default)]
        body: String,
    },
}

fn json_type() -> String {
    "application/json".to_owned()
}

fn once() -> u32 {
    1
}

/// One fault rule: what to do, to how many requests, and to which.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fault {
    #[serde(flatten)]
    pub kind: FaultKind,
    /// How many matching requests it applies to; 0 means until cleared.
    #[serde(default = "once")]
    pub times: u32,
    /// Only requests with this method (any when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Only requests whose path starts with this (any when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Matching requests to let through untouched before the rule applies: a fault on
    /// the third batch of a job, not the first.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub after: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Fault {
    fn new(kind: FaultKind) -> Fault {
        Fault {
            kind,
            times: 1,
            method: None,
            path: None,
            after: 0,
        }
    }

    /// Answer `status` with a JSON `body` (may be empty).
    pub fn status(status: StatusCode, body: impl Into<String>) -> Fault {
        Fault::new(FaultKind::Status {
            status: status.as_u16(),
            body: body.into(),
            content_type: json_type(),
        })
    }

    /// Close the connection without an answer.
    pub fn drop_connection() -> Fault {
        Fault::new(FaultKind::Drop)
    }

    /// Hold the request for `delay` before handling it.
    pub fn delay(delay: Duration) -> Fault {
        let ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX);
        Fault::new(FaultKind::Delay { ms })
    }

    /// Handle the request at once and hold its answer for `hold`: the work is
    /// done (and logged) even when the client stops waiting.
    pub fn late_answer(hold: Duration) -> Fault {
        let ms = u64::try_from(hold.as_millis()).unwrap_or(u64::MAX);
        Fault::new(FaultKind::LateAnswer { ms })
    }

    /// Answer 429 with `Retry-After` set to `retry_after`, rounded up to seconds.
    pub fn too_many_requests(retry_after: Duration) -> Fault {
        let mut secs = retry_after.as_secs();
        if retry_after.subsec_nanos() > 0 {
            secs += 1;
        }
        Fault::new(FaultKind::TooManyRequests {
            retry_after: secs,
            body: String::new(),
        })
    }

    /// Apply to the next `n` matching requests (0 counts as 1; see [`Fault::always`]).
    pub fn times(mut self, n: u32) -> Fault {
        self.times = n.max(1);
        self
    }

    /// Apply to every matching request until cleared.
    pub fn always(mut self) -> Fault {
        self.times = 0;
        self
    }

    /// Apply only to `method` requests whose path starts with `path_prefix`.
    pub fn on(mut self, method: &str, path_prefix: &str) -> Fault {
        self.method = Some(method.to_ascii_uppercase());
        self.path = Some(path_prefix.to_owned());
        self
    }

    /// Let the first `n` matching requests through untouched, then apply.
    pub fn after(mut self, n: u32) -> Fault {
        self.after = n;
        self
    }

    /// Apply only to requests whose path starts with `path_prefix`.
    pub fn on_path(mut self, path_prefix: &str) -> Fault {
        self.path = Some(path_prefix.to_owned());
        self
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        self.method
            .as_deref()
            .is_none_or(|wanted| wanted.eq_ignore_ascii_case(method))
            && self
                .path
                .as_deref()
                .is_none_or(|prefix| path.starts_with(prefix))
    }

    fn is_delay(&self) -> bool {
        matches!(self.kind, FaultKind::Delay { .. })
    }
}

/// The faults chosen for one request.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Chosen {
    pub delay: Option<Duration>,
    pub action: Option<FaultKind>,
}

/// The steerable fault rules of one emulator. Clones share the same list.
#[derive(Clone, Debug, Default)]
pub struct Faults {
    rules: Arc<Mutex<Vec<Fault>>>,
}

impl Faults {
    /// Adds a rule after the ones already waiting.
    pub fn push(&self, fault: Fault) {
        lock(&self.rules).push(fault);
    }

    /// Removes every waiting rule.
    pub fn clear(&self) {
        lock(&self.rules).clear();
    }

    /// The rules still waiting, in order.
    pub fn pending(&self) -> Vec<Fault> {
        lock(&self.rules).clone()
    }

    /// Picks (and uses up) the delay and the action for one request.
    pub(crate) fn choose(&self, method: &str, path: &str) -> Chosen {
        let mut rules = lock(&self.rules);
        let delay = take(&mut rules, method, path, true).and_then(|kind| match kind {
            FaultKind::Delay { ms } => Some(Duration::from_millis(ms)),
            _ => None,
        });
        let action = take(&mut rules, method, path, false);
        Chosen { delay, action }
    }
}

fn take(rules: &mut Vec<Fault>, method: &str, path: &str, delay: bool) -> Option<FaultKind> {
    let mut found = None;
    for (index, rule) in rules.iter_mut().enumerate() {
        if rule.is_delay() != delay || !rule.matches(method, path) {
            continue;
        }
        if rule.after > 0 {
            // Counted as let through; a later rule may still take the request.
            rule.after -= 1;
            continue;
        }
        found = Some(index);
        break;
    }
    let index = found?;
    let rule = &mut rules[index];
    let kind = rule.kind.clone();
    match rule.times {
        0 => {}
        1 => {
            rules.remove(index);
        }
        _ => rule.times -= 1,
    }
    Some(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_apply_in_order_and_run_out() {
        let faults = Faults::default();
        faults.push(Fault::status(StatusCode::SERVICE_UNAVAILABLE, "").times(2));
        faults.push(Fault::drop_connection());
        let kinds: Vec<_> = (0..4).map(|_| faults.choose("GET", "/x").action).collect();
        assert!(matches!(
            kinds[0],
            Some(FaultKind::Status { status: 503, .. })
        ));
        assert!(matches!(
            kinds[1],
            Some(FaultKind::Status { status: 503, .. })
        ));
        assert_eq!(kinds[2], Some(FaultKind::Drop));
        assert_eq!(kinds[3], None);
        assert!(faults.pending().is_empty());
    }

    #[test]
    fn filters_and_delays_combine() {
        let faults = Faults::default();
        faults.push(Fault::delay(Duration::from_millis(20)).always());
        faults.push(Fault::drop_connection().on("post", "/api/v2/jobs"));
        let get = faults.choose("GET", "/api/v2/jobs/x");
        assert_eq!(get.delay, Some(Duration::from_millis(20)));
        assert_eq!(get.action, None);
        let post = faults.choose("POST", "/api/v2/jobs/users-imports");
        assert_eq!(post.action, Some(FaultKind::Drop));
        assert_eq!(faults.pending().len(), 1, "the standing delay stays");
    }

    #[test]
    fn a_rule_after_n_lets_n_matching_requests_through_first() {
        let faults = Faults::default();
        faults.push(Fault::drop_connection().on("POST", "/users").after(2));
        faults.push(Fault::status(StatusCode::BAD_GATEWAY, "").on("POST", "/users"));
        let kinds: Vec<_> = (0..4)
            .map(|_| faults.choose("POST", "/users").action)
            .collect();
        // The first request passes the waiting rule and meets the next one.
        assert!(matches!(
            kinds[0],
            Some(FaultKind::Status { status: 502, .. })
        ));
        assert_eq!(kinds[1], None);
        assert_eq!(kinds[2], Some(FaultKind::Drop));
        assert_eq!(kinds[3], None);
        assert_eq!(faults.choose("GET", "/users").action, None);
        let parsed: Fault = serde_json::from_str(r#"{"kind":"delay","ms":5,"after":3}"#).unwrap();
        assert_eq!(parsed.after, 3);
    }

    #[test]
    fn json_form_defaults_to_once() {
        let fault: Fault = serde_json::from_str(r#"{"kind":"status","status":500}"#).unwrap();
        assert_eq!(fault.times, 1);
        assert_eq!(
            fault.kind,
            FaultKind::Status {
                status: 500,
                body: String::new(),
                content_type: "application/json".into()
            }
        );
    }
}
