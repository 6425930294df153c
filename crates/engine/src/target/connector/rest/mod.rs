//! The generic REST connector: pushes users to a customer's own plain JSON users API, one
//! user at a time, with a bearer token (the keychain secret `token`).
//!
//! Such APIs follow no standard, so the connection's settings say where the requests go
//! and where the answers keep what Muster needs. Every setting is optional:
//!
//! | setting         | default                        | what it is                                  |
//! |-----------------|--------------------------------|---------------------------------------------|
//! | `create_path`   | `/api/users`                   | POSTed to create a user                     |
//! | `update_path`   | `/api/users/{id}`              | PUT to replace the user `{id}`              |
//! | `lookup_path`   | `/api/users?{key}={value}`     | GET to find a user by `lookup_key`          |
//! | `lookup_key`    | `email`                        | the payload field users are looked up by    |
//! | `id_field`      | `id`                           | the field of a user that holds its id       |
//! | `error_pointer` | `/error/message`               | JSON pointer to an error body's message     |
//! | `code_pointer`  | `/error/code`                  | JSON pointer to an error body's code        |
//!
//! Paths are appended to the connection's address; `{id}`, `{key}` and `{value}` are
//! replaced, percent-encoded. The record's payload is the JSON body, as the mapping made it.
//!
//! Each record is looked up, then created (POST), left alone (skip policy), or replaced
//! (PUT) unless the user found already holds the payload's values (update policy); see
//! [`record`]. Choices:
//! - A lookup answer is a JSON array of users or an object with a `data` array (the common
//!   paged shape); an empty one means not found, and the first user is taken otherwise.
//! - Users go one request each, a few in flight at once, in journaled batches of 20.
//! - A create that may or may not have arrived (a 5xx, a timeout) stops the run; the next
//!   run looks the user up first, so it is never created twice. After a crash, a user the
//!   API holds with the record's values is counted `created`; any other is sent again.

mod api;
mod record;

use std::sync::Arc;

use self::api::Api;
use super::one_by_one::{look_each, send_each};
use super::{BatchLimits, Outgoing, Polled, PushError, Submitted, Target};
use crate::connect::Client;
use crate::job::{Planned, Policy, RecordOutcome};

/// Users in one journaled batch.
const BATCH: usize = 20;

/// Where the requests go and where the answers keep what Muster reads (module docs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestSettings {
    pub create_path: String,
    pub update_path: String,
    pub lookup_path: String,
    pub lookup_key: String,
    pub id_field: String,
    pub error_pointer: String,
    pub code_pointer: String,
}

impl Default for RestSettings {
    fn default() -> Self {
        RestSettings {
            create_path: "/api/users".to_owned(),
            update_path: "/api/users/{id}".to_owned(),
            lookup_path: "/api/users?{key}={value}".to_owned(),
            lookup_key: "email".to_owned(),
            id_field: "id".to_owned(),
            error_pointer: "/error/message".to_owned(),
            code_pointer: "/error/code".to_owned(),
        }
    }
}

/// A REST users API to push to.
pub struct Rest {
    api: Arc<Api>,
}

impl Rest {
    /// The API at `base_url` (e.g. `https://hr.example.com`), reached as `settings` say.
    pub fn new(client: Client, base_url: &str, settings: RestSettings) -> Rest {
        Rest {
            api: Arc::new(Api::new(client, base_url, settings)),
        }
    }
}

impl Target for Rest {
    fn describe(&self) -> String {
        format!("the REST API at {}", self.api.base())
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
        record::check(&self.api).await
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
