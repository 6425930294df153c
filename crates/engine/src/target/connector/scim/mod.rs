//! The SCIM 2.0 connector: pushes Users to any SCIM service provider with a bearer token,
//! following RFC 7644 (protocol) and RFC 7643 (User schema and the enterprise extension).
//!
//! On first use the connector asks the provider what it offers (`GET
//! /ServiceProviderConfig`, [`discovery`]). Each batch then goes as [`submit`] describes:
//! every record is looked up by `userName`; a User the server holds is left alone (skip
//! policy), found unchanged, or updated (update policy), see [`record`] and [`compare`];
//! new Users are created in `/Bulk` requests when the provider offers them ([`bulk`]), else
//! with one POST each.
//!
//! Choices where the RFCs are silent:
//! - An update is a PATCH `replace` of the attributes the mapping carries when the provider
//!   offers PATCH: attributes the mapping does not carry stay as they are at the server, and
//!   so does the password (the mapping's is an initial password, sent on create only).
//!   Without PATCH it is a PUT of the whole User, which RFC 7644 §3.5.1 lets the provider
//!   read as clearing the attributes left out; the password then goes along, so it is not
//!   one of them. With ETags the update carries the version looked up (`If-Match`).
//! - A manager is resolved to its SCIM `id` before its report is sent; a manager in the
//!   same batch is created first, in an earlier round ([`submit`]), rather than named by a
//!   `bulkId:` reference (RFC 7644 §3.7.2), which not every provider resolves.
//! - The connection's address is the SCIM base URL (`https://host/scim/v2`), to which
//!   `/ServiceProviderConfig`, `/Users` and `/Bulk` are appended.
//! - A create that may or may not have arrived stops the run: a single POST (a 5xx, a
//!   timeout) at once; a bulk request (the same, or an answer silent about a User) once its
//!   Users were looked up, those found counted `created`, and only if some were not found.
//!   The next run looks every User up first, so none is created twice. After a crash, a User the server holds with the
//!   record's values is counted `created` (the crashed run made it); one that is missing or
//!   differs is sent again.

mod api;
mod bulk;
mod compare;
mod discovery;
mod manager;
mod record;
mod submit;

use std::sync::Arc;

use tokio::sync::OnceCell;

use self::api::Api;
use self::discovery::Features;
use self::submit::Push;
use super::one_by_one::look_each;
use super::{BatchLimits, Outgoing, Polled, PushError, Submitted, Target};
use crate::connect::Client;
use crate::job::{Planned, Policy, RecordOutcome};

/// Users in one journaled batch.
const BATCH: usize = 20;

/// A SCIM service provider to push Users to.
pub struct Scim {
    api: Arc<Api>,
    /// What the provider offers, asked once on first use.
    features: OnceCell<Features>,
}

impl Scim {
    /// The provider whose SCIM base URL is `base_url` (e.g. `https://idp.example.com/scim/v2`).
    pub fn new(client: Client, base_url: &str) -> Scim {
        Scim {
            api: Arc::new(Api::new(client, base_url)),
            features: OnceCell::new(),
        }
    }

    /// What the provider offers; asks it the first time.
    async fn features(&self) -> Result<Features, PushError> {
        self.features
            .get_or_try_init(|| discovery::discover(&self.api))
            .await
            .copied()
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
        // Asked now so that refused credentials say so before any lookup.
        self.features().await?;
        look_each(batch.len(), |index| {
            let api = Arc::clone(&self.api);
            let outgoing = batch[index].clone();
            async move { record::plan(&api, &outgoing, policy).await }
        })
        .await
    }

    async fn check(&self) -> Result<String, PushError> {
        let said = self.api.check().await?;
        self.features().await?;
        Ok(said)
    }

    async fn submit(&self, batch: &[Outgoing], policy: Policy) -> Result<Submitted, PushError> {
        let target = self.describe();
        let push = Push {
            api: &self.api,
            features: self.features().await?,
            policy,
            batch,
            target: &target,
        };
        Ok(submit::submit(&push).await)
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
        self.features().await?;
        let mut found = Vec::with_capacity(batch.len());
        for outgoing in batch {
            found.push(record::arrived(&self.api, outgoing).await?);
        }
        Ok(found)
    }
}
