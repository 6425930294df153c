//! Where a cell kills `muster run`, how the sandbox is steered to hold it there, and what
//! the journal must say right after the kill.

use std::time::Duration;

use muster_sandbox::{Fault, Faults, RequestLog};

/// Records in every cell's file: four LMS batches (16 each), three SCIM or REST batches
/// (20 each), one Auth0 file, one Authgear task.
pub const ROWS: u64 = 60;

/// Requests LMS and REST connectors send at once within a batch (the engine's
/// `one_by_one::AT_ONCE`): holding this many holds the whole batch.
pub const AT_ONCE: u32 = 4;

/// How long a request is held before the emulator handles it: long enough to kill the
/// run, short enough to see afterwards that the request died with its connection.
pub const HOLD: Duration = Duration::from_secs(4);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Point {
    /// The first batch is journaled in flight and its requests wait at the emulator,
    /// unhandled: nothing arrived.
    BeforeSend,
    /// The first batch's requests were carried out; their answers are held.
    AfterSend,
    /// The target accepted the batch and is being asked how it went.
    Polling,
    /// Two batches settled; the third's requests wait unhandled.
    MidJob,
}

impl Point {
    pub fn named(name: &str) -> Point {
        match name {
            "before_send" => Point::BeforeSend,
            "after_send" => Point::AfterSend,
            "polling" => Point::Polling,
            "mid_job" => Point::MidJob,
            other => panic!("no kill point named {other}"),
        }
    }
}

/// One connector as the matrix drives it through the CLI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Connector {
    /// The connection kind: `lms`, `scim`, `rest`, `auth0`, `authgear`.
    pub kind: &'static str,
}

impl Connector {
    pub fn named(kind: &str) -> Connector {
        let kind = match kind {
            "lms" => "lms",
            "scim" => "scim",
            "rest" => "rest",
            "auth0" => "auth0",
            "authgear" => "authgear",
            other => panic!("no connector {other}"),
        };
        Connector { kind }
    }

    /// Records per batch.
    pub fn batch(self) -> u64 {
        match self.kind {
            "lms" => 16,
            "scim" | "rest" => 20,
            _ => ROWS,
        }
    }

    /// Whether one request carries a whole batch (SCIM `/Bulk`, an Auth0 file, an
    /// Authgear task) rather than one user.
    fn one_request_per_batch(self) -> bool {
        matches!(self.kind, "scim" | "auth0" | "authgear")
    }

    /// Requests of a batch that are under way at once.
    fn at_once(self) -> u32 {
        if self.one_request_per_batch() {
            1
        } else {
            AT_ONCE
        }
    }

    /// The request that makes users.
    pub fn create_path(self) -> &'static str {
        match self.kind {
            "lms" => "/api/v2/users-import/single",
            "scim" => "/scim/v2/Bulk",
            "rest" => "/api/users",
            "auth0" => "/api/v2/jobs/users-imports",
            _ => "/_api/admin/users/import",
        }
    }

    fn poll_path(self) -> &'static str {
        match self.kind {
            "auth0" => "/api/v2/jobs/job_",
            "authgear" => "/_api/admin/users/import/",
            other => panic!("{other} answers at once; there is nothing to poll"),
        }
    }

    /// What the target answers to a record sent again after an answer that never came,
    /// where it has no lookup and matches the record to the user it made: LMS updates
    /// it, Authgear (under skip) leaves it alone. `None`: the connector looks the record
    /// up first, so it never arrives twice.
    pub fn second_arrival(self) -> Option<&'static str> {
        match self.kind {
            "lms" => Some("updated"),
            "authgear" => Some("skipped"),
            _ => None,
        }
    }
}

/// Sets the faults that hold the run at `point`.
pub fn hold(point: Point, connector: Connector, faults: &Faults) {
    let create = connector.create_path();
    let held = connector.at_once();
    let fault = match point {
        Point::BeforeSend => Fault::delay(HOLD).on("POST", create),
        Point::AfterSend => Fault::late_answer(Duration::from_secs(60)).on("POST", create),
        Point::Polling => Fault::delay(Duration::from_secs(60)).on("GET", connector.poll_path()),
        Point::MidJob => {
            let per_batch = u32::try_from(connector.batch()).unwrap_or(u32::MAX);
            let two_batches = if connector.one_request_per_batch() {
                2
            } else {
                2 * per_batch
            };
            Fault::delay(HOLD).on("POST", create).after(two_batches)
        }
    };
    let times = if point == Point::Polling { 1 } else { held };
    faults.push(fault.times(times));
}

/// Whether the run has reached `point` once its faults were all taken. A fault is taken
/// when a request's head arrives; after send, the held requests must also have been
/// carried out (logged), or a kill while a body is still on its way would leave nothing
/// done.
pub fn reached(point: Point, connector: Connector, log: &RequestLog) -> bool {
    match point {
        Point::AfterSend => {
            let carried_out = log
                .entries()
                .iter()
                .filter(|entry| entry.fault.as_deref() == Some("late_answer"))
                .count();
            carried_out >= connector.at_once() as usize
        }
        Point::BeforeSend | Point::Polling | Point::MidJob => true,
    }
}

/// What the journal says right after the kill: (done, in flight).
pub fn journal_at_kill(point: Point, connector: Connector) -> (u64, u64) {
    match point {
        Point::BeforeSend | Point::AfterSend | Point::Polling => (0, connector.batch()),
        Point::MidJob => (2 * connector.batch(), connector.batch()),
    }
}

/// Users that arrived at the emulator by the kill.
pub fn arrived_at_kill(point: Point, connector: Connector) -> u64 {
    match point {
        Point::BeforeSend => 0,
        // The held requests' work was done: one user each, or their whole batch.
        Point::AfterSend if connector.one_request_per_batch() => connector.batch(),
        Point::AfterSend => u64::from(AT_ONCE),
        Point::Polling => ROWS,
        Point::MidJob => 2 * connector.batch(),
    }
}

/// Records sent twice by design: those that arrived at the kill without the journal
/// knowing, at a target that cannot be asked about them.
pub fn sent_twice(point: Point, connector: Connector) -> u64 {
    match (point, connector.second_arrival()) {
        (Point::AfterSend, Some(_)) => arrived_at_kill(point, connector),
        _ => 0,
    }
}
