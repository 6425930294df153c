//! The rows of the fault matrix: what the emulator does to the connector's requests, with
//! which client timeouts, and what happens during the first run (tokens expiring, a crash).
//!
//! Faults aimed at "the create" hit the request that makes users (see
//! [`Connector::create_path`]), the one that must never be repeated blindly; faults aimed
//! at "any" hit whatever comes next: lookups, polls, token requests.

use std::time::Duration;

use axum::http::StatusCode;
use muster_engine::connect::HttpSettings;
use muster_sandbox::{Fault, FaultKind, Sandbox};

use super::connector::Connector;

/// A client timeout short enough that the slow scenarios stay quick.
pub const SHORT_TIMEOUT: Duration = Duration::from_millis(500);
/// How long a slow or late answer takes: well past [`SHORT_TIMEOUT`].
const SLOW: Duration = Duration::from_millis(1500);
/// How long the crash scenario holds the answer it cuts off: the run is killed first.
const HELD: Duration = Duration::from_secs(10);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scenario {
    /// More 429s (Retry-After: 1) on the create than one request's retries absorb.
    RateLimitStorm,
    /// 500s: three on the create, three on any request.
    ServerErrors,
    /// Connections closed without an answer: three on the create, three on any request.
    DroppedConnections,
    /// Requests held before handling past the client's timeout: the server drops them.
    SlowResponses,
    /// Creates carried out at once but answered past the client's timeout.
    LateAnswers,
    /// The token stops being accepted mid-job.
    TokenExpiry,
    /// The run is killed with a batch settled and the next on its way (one-at-a-time
    /// targets), or with the accepted batch being polled (Auth0, Authgear).
    CrashMidBatch,
    /// The run is killed after the create arrived and before its answer did.
    CrashBeforeOutcome,
}

/// What happens during the first run besides the faults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FirstRun {
    Plain,
    /// Killed (its future dropped, as a SIGKILL leaves the journal) at this point.
    KillWhen(KillPoint),
    /// Auth0's tokens are expired before the upload is handled and again while polling.
    ExpireAuth0Tokens,
}

/// Where a crash scenario kills the run. Both points hold a request the run cannot end
/// without, so the kill always comes before the job could finish.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KillPoint {
    /// The request held before handling has arrived (its fault rule was taken): the
    /// create of the second batch's second record, or the first poll of an accepted batch.
    HoldTaken,
    /// A create was carried out (the log shows it) and its answer is being held.
    LateAnswerLogged,
}

impl Scenario {
    /// The scenario a test module of the matrix is named after.
    pub fn named(name: &str) -> Scenario {
        match name {
            "rate_limit_storm" => Scenario::RateLimitStorm,
            "server_errors" => Scenario::ServerErrors,
            "dropped_connections" => Scenario::DroppedConnections,
            "slow_responses" => Scenario::SlowResponses,
            "late_answers" => Scenario::LateAnswers,
            "token_expiry" => Scenario::TokenExpiry,
            "crash_mid_batch" => Scenario::CrashMidBatch,
            "crash_before_outcome" => Scenario::CrashBeforeOutcome,
            other => panic!("the fault matrix has no scenario named {other}"),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Scenario::RateLimitStorm => "429 storm",
            Scenario::ServerErrors => "500s",
            Scenario::DroppedConnections => "dropped connections",
            Scenario::SlowResponses => "slow responses",
            Scenario::LateAnswers => "late answers",
            Scenario::TokenExpiry => "token expiry",
            Scenario::CrashMidBatch => "crash mid-batch",
            Scenario::CrashBeforeOutcome => "crash before the outcome",
        }
    }

    /// The client's timeouts: short where answers are slow, else short enough that a
    /// hang fails the test instead of stalling it.
    pub fn http(self) -> HttpSettings {
        let request_timeout = match self {
            Scenario::SlowResponses | Scenario::LateAnswers => SHORT_TIMEOUT,
            _ => Duration::from_secs(10),
        };
        HttpSettings {
            connect_timeout: Duration::from_secs(5),
            request_timeout,
        }
    }

    /// How many faults of a kind hit the create. A target that takes a whole batch in one
    /// request meets one per run, so it gets one late answer rather than three.
    fn on_create(self, connector: Connector) -> u32 {
        let attempts = super::common::quick_retries().attempts;
        match self {
            Scenario::RateLimitStorm => attempts + 1,
            Scenario::LateAnswers if connector.sends_batches() => 1,
            _ => 3,
        }
    }

    /// Sets the emulator's fault rules before the first run.
    pub fn arm(self, connector: Connector, sandbox: &Sandbox) {
        let faults = connector.faults(sandbox);
        let create = connector.create_path();
        let n = self.on_create(connector);
        let both = |fault: Fault| {
            faults.push(fault.clone().times(n).on("POST", create));
            faults.push(fault.times(3));
        };
        match self {
            Scenario::RateLimitStorm => faults.push(
                Fault::too_many_requests(Duration::from_secs(1))
                    .times(n)
                    .on("POST", create),
            ),
            Scenario::ServerErrors => both(Fault::status(StatusCode::INTERNAL_SERVER_ERROR, "")),
            Scenario::DroppedConnections => both(Fault::drop_connection()),
            Scenario::SlowResponses => both(Fault::delay(SLOW)),
            Scenario::LateAnswers => {
                faults.push(Fault::late_answer(SLOW).times(n).on("POST", create))
            }
            Scenario::TokenExpiry => match connector {
                // Held long enough for the token it carries to be expired meanwhile.
                Connector::Auth0 => {
                    faults.push(Fault::delay(Duration::from_millis(300)).on("POST", create));
                    sandbox
                        .auth0()
                        .emulator()
                        .update_config(|config| config.job_duration = Duration::from_secs(1));
                }
                // Authgear refuses a JWT past its `exp` with 403 and the plain text
                // "Forbidden"; Muster signs its own and renews them before they expire, so
                // this is what a clock running ahead of the server's would meet mid-job.
                Connector::Authgear => {
                    let poll = connector.poll_path().unwrap_or(create);
                    let mut refused = Fault::status(StatusCode::FORBIDDEN, "Forbidden");
                    if let FaultKind::Status { content_type, .. } = &mut refused.kind {
                        "text/plain; charset=utf-8".clone_into(content_type);
                    }
                    faults.push(refused.on("GET", poll));
                }
                other => panic!("{} has a static token that does not expire", other.name()),
            },
            Scenario::CrashMidBatch => match connector.poll_path() {
                Some(poll) => faults.push(Fault::delay(HELD).on("GET", poll)),
                None => {
                    // Creates pass (a rule each, used up in arrival order) until the one
                    // past the first batch (16 or 20 users one by one, or one SCIM /Bulk).
                    let passing = if connector.sends_batches() {
                        1
                    } else {
                        u32::try_from(super::connector::USERS * 3 / 4 - 1).unwrap_or(1)
                    };
                    faults.push(
                        Fault::delay(Duration::ZERO)
                            .times(passing)
                            .on("POST", create),
                    );
                    faults.push(Fault::delay(HELD).on("POST", create));
                }
            },
            Scenario::CrashBeforeOutcome => {
                faults.push(Fault::late_answer(HELD).on("POST", create));
            }
        }
    }

    /// The fault label the emulator logs for each injected fault, and how many it must
    /// log; `None` for faults it cannot log (a delayed request whose client left is
    /// dropped unhandled) or that are not counted this way.
    pub fn logged_faults(self, connector: Connector) -> Option<(&'static str, usize)> {
        let on_create = self.on_create(connector) as usize;
        match self {
            Scenario::RateLimitStorm => Some(("too_many_requests", on_create)),
            Scenario::ServerErrors => Some(("status", on_create + 3)),
            Scenario::DroppedConnections => Some(("drop", on_create + 3)),
            Scenario::LateAnswers => Some(("late_answer", on_create)),
            Scenario::TokenExpiry if connector == Connector::Authgear => Some(("status", 1)),
            Scenario::CrashBeforeOutcome => Some(("late_answer", 1)),
            _ => None,
        }
    }

    pub fn first_run(self, connector: Connector) -> FirstRun {
        match self {
            Scenario::TokenExpiry if connector == Connector::Auth0 => FirstRun::ExpireAuth0Tokens,
            Scenario::CrashMidBatch => FirstRun::KillWhen(KillPoint::HoldTaken),
            Scenario::CrashBeforeOutcome => FirstRun::KillWhen(KillPoint::LateAnswerLogged),
            _ => FirstRun::Plain,
        }
    }
}
