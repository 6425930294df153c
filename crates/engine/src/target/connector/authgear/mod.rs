//! The Authgear connector: pushes users to an Authgear project through its User Import API,
//! following reference document 002 (`002_8430e5261dcbbc42.txt`, Authgear "Import Users
//! using User Import API") and the "User Import API" reference it links.
//!
//! A batch is one import request, `{"identifier", "upsert", "records"}`; Authgear answers
//! with a task id at once and works the records later, so `submit` returns the task id and
//! the runner polls it until the task is `completed` ([`task`] reads its details into one
//! outcome per record). The connection's client signs the Admin API JWT.
//!
//! Choices where the documents are silent:
//! - The reference caps a request at 500 KB, read as 500,000 bytes as Authgear reads it. A
//!   batch's records may take 490,000 bytes: the rest covers the request's own fields and
//!   any difference between a journaled payload and how it is written again. The documents
//!   give no maximum number of records; Muster sends at most 1,000 so one task's progress
//!   and failure stay small.
//! - `upsert` is true under the `update` policy and false under `skip`: Authgear then
//!   leaves an existing user alone and reports it `skipped`.
//! - After a crash, a batch whose request may or may not have left is sent again: document
//!   002 offers no way to find a task or a user from the import API. Authgear matches every
//!   record on the connection's login ID, so a record that did arrive is never made a second
//!   user; it comes back `skipped` (skip policy) or `updated` with the same values (update
//!   policy) instead of `created`.

mod api;
mod identifier;
mod task;

pub use identifier::{Identifier, UnknownIdentifier};

use self::api::Api;
use self::task::Progress;
use super::{BatchLimits, Outgoing, Polled, PushError, Submitted, Target};
use crate::connect::Client;
use crate::job::{Planned, Policy, RecordOutcome};

/// Records in one import request.
const RECORDS: usize = 1_000;

/// Bytes of records in one import request (module docs).
const BYTES: usize = 490_000;

/// An Authgear project to import users into.
pub struct Authgear {
    api: Api,
    identifier: Identifier,
}

impl Authgear {
    /// The importer of the project at `endpoint` (e.g. `https://myapp.authgear.cloud`),
    /// matching existing users by `identifier`. `client` must sign the project's Admin API
    /// JWT (`connect::Auth::AuthgearJwt`).
    pub fn new(client: Client, endpoint: &str, identifier: Identifier) -> Authgear {
        Authgear {
            api: Api::new(client, endpoint),
            identifier,
        }
    }

    /// The login ID existing users are matched by.
    pub fn identifier(&self) -> Identifier {
        self.identifier
    }
}

impl Target for Authgear {
    fn describe(&self) -> String {
        format!("the Authgear project at {}", self.api.endpoint())
    }

    fn limits(&self) -> BatchLimits {
        BatchLimits {
            records: RECORDS,
            bytes: BYTES,
        }
    }

    fn policies(&self) -> &'static [Policy] {
        &[Policy::Skip, Policy::Update]
    }

    async fn plan(&self, batch: &[Outgoing], _policy: Policy) -> Result<Vec<Planned>, PushError> {
        // The user import API has no lookup (module docs): Authgear decides on arrival.
        Ok(vec![Planned::decided(); batch.len()])
    }

    async fn check(&self) -> Result<String, PushError> {
        self.api.check().await
    }

    async fn submit(&self, batch: &[Outgoing], policy: Policy) -> Result<Submitted, PushError> {
        let upsert = policy == Policy::Update;
        let task = self.api.start(self.identifier, upsert, batch).await?;
        Ok(Submitted::Accepted(task))
    }

    async fn poll(&self, remote_id: &str, batch: &[Outgoing]) -> Result<Polled, PushError> {
        let task = self.api.status(remote_id).await?;
        match task.progress(batch.len()) {
            Ok(Progress::Pending) => Ok(Polled::Working),
            Ok(Progress::Completed(outcomes)) => Ok(Polled::Settled(outcomes)),
            Err(error) => Err(PushError::Uncertain {
                message: format!(
                    "import task {remote_id} of {} cannot be read: {error}; check the batch's users in the Authgear portal",
                    self.describe()
                ),
            }),
        }
    }

    async fn reconcile(
        &self,
        batch: &[Outgoing],
        _policy: Policy,
    ) -> Result<Vec<Option<RecordOutcome>>, PushError> {
        // No lookup exists; sending again never makes a second user (module docs).
        Ok(vec![None; batch.len()])
    }
}
