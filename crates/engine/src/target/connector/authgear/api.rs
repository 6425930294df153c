//! The two calls of Authgear's User Import API (reference 002): `POST
//! /_api/admin/users/import` starts a task, `GET /_api/admin/users/import/{ID}` reports on
//! it. The Admin API JWT is put on by the connection's client (`connect::Auth::AuthgearJwt`).
//!
//! Choices where the document is silent:
//! - Answers are read as Authgear's server wraps them, `{"result": <task>}`; the document
//!   prints the task alone.
//! - The start is a create (`RetryClass::CreateOnce`): after a 5xx or a timeout it is not
//!   sent again by the client, the batch is left for the runner to settle on resume.
//! - A task the status endpoint no longer knows (404; Authgear keeps tasks for a limited
//!   time) is reported as such, for the person to check the users in the portal.

use serde::Serialize;
use serde_json::Value;

use super::identifier::Identifier;
use super::task::{Answer, Task};
use crate::connect::{Client, ConnectError, RetryClass};
use crate::target::connector::{Outgoing, PushError};

/// The import request's body.
#[derive(Serialize)]
struct Request<'a> {
    identifier: &'static str,
    upsert: bool,
    records: Vec<&'a Value>,
}

/// A project's import endpoints, called with the project's client.
pub(super) struct Api {
    client: Client,
    endpoint: String,
}

impl Api {
    /// The project at `endpoint` (e.g. `https://myapp.authgear.cloud`).
    pub(super) fn new(client: Client, endpoint: &str) -> Api {
        Api {
            client,
            endpoint: endpoint.trim().trim_end_matches('/').to_owned(),
        }
    }

    pub(super) fn endpoint(&self) -> &str {
        &self.endpoint
    }

    fn imports(&self) -> String {
        format!("{}/_api/admin/users/import", self.endpoint)
    }

    /// Starts a task importing `batch`; its id.
    pub(super) async fn start(
        &self,
        identifier: Identifier,
        upsert: bool,
        batch: &[Outgoing],
    ) -> Result<String, PushError> {
        let request = Request {
            identifier: identifier.field(),
            upsert,
            records: batch.iter().map(|record| &record.payload).collect(),
        };
        let body = serde_json::to_vec(&request).map_err(|error| PushError::NotSent {
            message: format!("the import request could not be written ({error})"),
        })?;
        let url = self.imports();
        let response = self
            .client
            .send(RetryClass::CreateOnce, |http| {
                http.post(&url)
                    .header("Content-Type", "application/json")
                    .body(body.clone())
            })
            .await?;
        let answer = response
            .json::<Answer>()
            .await
            .map_err(|error| PushError::Uncertain {
                message: format!(
                    "Authgear at {} took the import but answered with a body Muster cannot read ({error}); check the users in the Authgear portal before running the job again",
                    self.endpoint
                ),
            })?;
        Ok(answer.result.id)
    }

    /// The address of task `id`.
    fn task_url(&self, id: &str) -> Result<reqwest::Url, PushError> {
        let mut url = reqwest::Url::parse(&self.imports()).map_err(|error| PushError::Refused {
            message: format!(
                "the Authgear endpoint {} is not a web address ({error})",
                self.endpoint
            ),
        })?;
        url.path_segments_mut()
            .map_err(|()| PushError::Refused {
                message: format!("the Authgear endpoint {} cannot take a path", self.endpoint),
            })?
            .push(id);
        Ok(url)
    }

    /// "Test connection": asks after a task that does not exist. Authgear checks the Admin
    /// API JWT first, so a 404 proves the key, its id and the project id; nothing changes.
    pub(super) async fn check(&self) -> Result<String, PushError> {
        let url = self.task_url("muster-connection-test")?;
        match self
            .client
            .send(RetryClass::Idempotent, |http| http.get(url.clone()))
            .await
        {
            Ok(_) | Err(ConnectError::NotFound { .. }) => {
                Ok("the Admin API key was accepted by the user import API".to_owned())
            }
            Err(error) => Err(error.into()),
        }
    }

    /// The task `id` as it stands now.
    pub(super) async fn status(&self, id: &str) -> Result<Task, PushError> {
        let url = self.task_url(id)?;
        let answer = self
            .client
            .send(RetryClass::Idempotent, |http| http.get(url.clone()))
            .await;
        let response = match answer {
            Ok(response) => response,
            Err(ConnectError::NotFound { .. }) => {
                return Err(PushError::Uncertain {
                    message: format!(
                        "Authgear at {} no longer knows import task {id} (it keeps tasks for a limited time); check in the Authgear portal which of the batch's users arrived",
                        self.endpoint
                    ),
                });
            }
            Err(error) => return Err(error.into()),
        };
        response
            .json::<Answer>()
            .await
            .map(|answer| answer.result)
            .map_err(|error| PushError::Uncertain {
                message: format!(
                    "Authgear at {} answered about import task {id} with a body Muster cannot read ({error})",
                    self.endpoint
                ),
            })
    }
}
