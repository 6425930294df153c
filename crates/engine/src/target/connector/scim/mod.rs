//! The SCIM 2.0 connector: pushes Users to any SCIM service provider, one User at a time,
//! with a bearer token, following RFC 7644 (protocol) and RFC 7643 (User schema and the
//! enterprise extension).
//!
//! Each record is looked up by `userName`, then created (POST), left alone (skip policy),
//! or replaced (PUT) unless the server holds its values already (update policy); see
//! [`record`] and [`compare`] for the details.
//!
//! Choices where the RFCs are silent:
//! - `/Bulk` (RFC 7644 §3.7) is optional for providers and reports per-operation results
//!   that many implement loosely; Users go one request each, a few in flight at once.
//! - The connection's address is the SCIM base URL (`https://host/scim/v2`), to which
//!   `/Users` is appended.
//! - PUT replaces the whole User: attributes the mapping does not carry may be cleared by
//!   the provider (RFC 7644 §3.5.1 lets it).
//! - A create that may or may not have arrived (a 5xx, a timeout) stops the run; the next
//!   run looks the User up first, so it is never created twice. After a crash, a User the
//!   server holds with the record's values is counted `created` (the crashed run made it);
//!   one that is missing or differs is sent again.

mod api;
mod compare;
mod record;

use std::sync::Arc;

use self::api::Api;
use super::one_by_one::{look_each, send_each};
use super::{BatchLimits, Outgoing, Polled, PushError, Submitted, Target};
use crate::connect::Client;
use crate::job::{Planned, Policy, RecordOutcome};

/// Users in one journaled batch.
const BATCH: usize = 20;

/// A SCIM service provider to push Users to.
pub struct Scim {
    api: Arc<Api>,
}

impl Scim {
    /// The provider whose SCIM base URL is `base_url` (e.g. `https://idp.example.com/scim/v2`).
    pub fn new(client: Client, base_url: &str) -> Scim {
        Scim {
            api: Arc::new(Api::new(client, base_url)),
        }
    }
}

impl Target for Scim {
    fn describe(&self) -> String {
        format!("the SCIM service at {}", self.api.base())
    }

    fn limits(&self) -> BatchLimits {
        BatchLimits {
            records: BATCH,
            bytes: usize::MAX,
        }
    }

    fn policies(&self) -> &'static [Policy] {
        &[Policy::Skip, Policy::Update]
    }

    async fn plan(&self, batch: &[Outgoing], policy: Policy) -> Result<Vec<Planned>, PushError> {
        look_each(batch.len(), |index| {
            let api = Arc::clone(&self.api);
            let outgoing = batch[index].clone();
            async move { record::plan(&api, &outgoing, policy).await }
        })
        .await
    }

    async fn check(&self) -> Result<String, PushError> {
        self.api.check().await
    }

    async fn submit(&self, batch: &[Outgoing], policy: Policy) -> Result<Submitted, PushError> {
        let target = self.describe();
        let sent = send_each(batch.len(), &target, |index| {
            let api = Arc::clone(&self.api);
            let outgoing = batch[index].clone();
            async move { record::push(&api, &outgoing, policy).await }
        });
        Ok(sent.await)
    }

    async fn poll(&self, _remote_id: &str, _batch: &[Outgoing]) -> Result<Polled, PushError> {
        // Every request is answered at once; nothing is ever accepted for later.
        Err(PushError::Refused {
            message: format!("{} has no jobs to ask after", self.describe()),
        })
    }

    async fn reconcile(
        &self,
        batch: &[Outgoing],
        _policy: Policy,
    ) -> Result<Vec<Option<RecordOutcome>>, PushError> {
        let mut found = Vec::with_capacity(batch.len());
        for outgoing in batch {
            found.push(record::arrived(&self.api, outgoing).await?);
        }
        Ok(found)
    }
}
