//! Target connectors: each turns a batch of journaled records into one outcome per record
//! at its target, within the target's limits. The job runner (`crate::job`) decides what
//! to send when; a connector only knows how its target takes records and answers.
//!
//! Synchronous targets (LMS Collaborator, SCIM, REST) settle a batch in the request;
//! asynchronous ones (Auth0 jobs, Authgear tasks) accept it under a remote id that the
//! runner journals and polls, so a crash while the target works loses nothing.

pub mod auth0;
pub mod authgear;
mod error;
pub mod lms;
mod one_by_one;
mod open;
pub mod rest;
pub mod scim;

pub use error::PushError;
pub use open::{AnyTarget, OpenError, open_target, secret_names};

use crate::job::{Planned, Policy, RecordOutcome};

/// One record on its way: its journal id, source row, identifier and the JSON to send.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub record_id: i64,
    pub source_row: u64,
    pub identifier: String,
    pub payload: serde_json::Value,
    /// The payload's size as sent, for batch byte limits.
    pub bytes: usize,
}

/// How big a batch may be and how hard the target may be pushed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchLimits {
    /// Records in one batch.
    pub records: usize,
    /// Bytes of payload in one batch (Auth0: 500 KB per file).
    pub bytes: usize,
}

/// What a target said to a batch.
#[derive(Debug)]
pub enum Submitted {
    /// Outcomes in the batch's order; `None` for a record that did not settle and is sent
    /// again on the next run. `stop` says why the run cannot go on (credentials refused,
    /// server unreachable) after the settled records are journaled.
    Settled {
        outcomes: Vec<Option<RecordOutcome>>,
        stop: Option<PushError>,
    },
    /// Accepted for later work under this id; poll it.
    Accepted(String),
}

impl Submitted {
    /// Every record settled, nothing to stop for.
    pub fn all(outcomes: Vec<RecordOutcome>) -> Submitted {
        Submitted::Settled {
            outcomes: outcomes.into_iter().map(Some).collect(),
            stop: None,
        }
    }
}

/// What polling an accepted batch found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Polled {
    Working,
    Settled(Vec<RecordOutcome>),
}

/// A target the runner can push to. `async fn` in a trait keeps the connectors plain;
/// the runner is generic over it.
pub trait Target {
    /// A name for messages: "LMS Collaborator at https://lms.example.com".
    fn describe(&self) -> String;

    fn limits(&self) -> BatchLimits;

    /// The existing-record policies the target can honour.
    fn policies(&self) -> &'static [Policy];

    /// Looks each record of `batch` up without changing anything at the target, and says
    /// what sending it under `policy` would do (targets without a lookup say `decided`).
    fn plan(
        &self,
        batch: &[Outgoing],
        policy: Policy,
    ) -> impl Future<Output = Result<Vec<Planned>, PushError>> + Send;

    /// Makes one cheap request that proves the address and the credentials work, and says
    /// what it proved; changes nothing at the target.
    fn check(&self) -> impl Future<Output = Result<String, PushError>> + Send;

    /// Sends a batch.
    fn submit(
        &self,
        batch: &[Outgoing],
        policy: Policy,
    ) -> impl Future<Output = Result<Submitted, PushError>> + Send;

    /// Asks after a batch the target accepted under `remote_id`.
    fn poll(
        &self,
        remote_id: &str,
        batch: &[Outgoing],
    ) -> impl Future<Output = Result<Polled, PushError>> + Send;

    /// After a crash: for each record of a batch that may or may not have arrived, its
    /// outcome if the target shows it arrived, `None` if it surely did not (send again).
    fn reconcile(
        &self,
        batch: &[Outgoing],
        policy: Policy,
    ) -> impl Future<Output = Result<Vec<Option<RecordOutcome>>, PushError>> + Send;
}
