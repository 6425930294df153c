//! An emulated HR system's people API, the plain paginated REST *source* Muster reads
//! from when no dedicated connector exists: the kind of endpoint reference document 000
//! (MangoApps "Import Via API") has an administrator configure by method and URL, where
//! the records are, pagination and authentication.
//!
//! Its seeded records are nested (`name.given`, `contact.email`, …) so field mapping
//! matters ([`record`]); one route per pagination style ([`pages`]); every `/v1/` route
//! accepts a static bearer token, HTTP Basic, or an OAuth 2 access token from
//! `POST /oauth/token` ([`auth`]). Control route (outside the fault layer and request log
//! when served by the sandbox): `POST /_sandbox/people/churn` with a [`Churn`] answers the
//! [`ChurnReport`] of `employeeId`s.

mod auth;
mod error;
mod pages;
mod record;
#[cfg(test)]
mod tests;

pub use crate::hris::{Churn, ChurnReport};
pub use auth::TOKEN_LIFETIME;
pub use error::{OAuthError, PeopleError};
pub use pages::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};

use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::Value;

use crate::sync::lock;
use auth::{Credentials, Issued};
use record::Store;

/// How the people API is seeded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeopleConfig {
    /// Records in the seeded directory.
    pub people: usize,
    /// The records are the same for the same seed.
    pub seed: u64,
}

impl Default for PeopleConfig {
    fn default() -> Self {
        PeopleConfig {
            people: 1_000,
            seed: 42,
        }
    }
}

/// The emulator's state, shared by its handlers and by tests that inspect it.
#[derive(Clone)]
pub struct People {
    shared: Arc<Shared>,
}

pub(crate) struct Shared {
    credentials: Credentials,
    issued: Issued,
    store: Mutex<Store>,
}

impl Shared {
    fn store(&self) -> MutexGuard<'_, Store> {
        lock(&self.store)
    }
}

impl Default for People {
    fn default() -> Self {
        People::new()
    }
}

impl People {
    /// 1,000 records from seed 42, fresh credentials.
    pub fn new() -> People {
        People::with_config(PeopleConfig::default())
    }

    pub fn with_config(config: PeopleConfig) -> People {
        People {
            shared: Arc::new(Shared {
                credentials: Credentials::fresh(),
                issued: Issued::default(),
                store: Mutex::new(Store::seeded(config.people, config.seed)),
            }),
        }
    }

    /// The API's routes.
    pub fn router(&self) -> Router {
        let shared = Arc::clone(&self.shared);
        let listed = Router::new()
            .route(
                "/v1/page/people",
                get(pages::page_get).post(pages::page_post),
            )
            .route("/v1/offset/people", get(pages::offset))
            .route("/v1/cursor/people", get(pages::cursor))
            .route("/v1/link/people", get(pages::link))
            .layer(axum::middleware::from_fn_with_state(
                Arc::clone(&shared),
                auth::require_credentials,
            ));
        listed
            .route("/oauth/token", post(auth::token))
            .with_state(shared)
    }

    /// The sandbox's control route: churn.
    pub fn control_router(&self) -> Router {
        Router::new()
            .route("/_sandbox/people/churn", post(churn_route))
            .with_state(Arc::clone(&self.shared))
    }

    /// The static bearer token.
    pub fn token(&self) -> &str {
        &self.shared.credentials.token
    }

    /// The HTTP Basic (and OAuth password grant) username.
    pub fn username(&self) -> &str {
        &self.shared.credentials.username
    }

    pub fn password(&self) -> &str {
        &self.shared.credentials.password
    }

    /// The OAuth client id.
    pub fn client_id(&self) -> &str {
        &self.shared.credentials.client_id
    }

    pub fn client_secret(&self) -> &str {
        &self.shared.credentials.client_secret
    }

    /// What the banner prints.
    pub fn credentials(&self) -> Vec<(String, String)> {
        let c = &self.shared.credentials;
        vec![
            ("bearer_token".to_owned(), c.token.clone()),
            ("username".to_owned(), c.username.clone()),
            ("password".to_owned(), c.password.clone()),
            ("client_id".to_owned(), c.client_id.clone()),
            ("client_secret".to_owned(), c.client_secret.clone()),
            ("token_url".to_owned(), "/oauth/token".to_owned()),
        ]
    }

    /// Changes records now; which ones, by `employeeId`.
    pub fn churn(&self, churn: &Churn) -> ChurnReport {
        self.shared.store().churn(churn)
    }

    /// Records, deleted ones included.
    pub fn count(&self) -> usize {
        self.shared.store().records.len()
    }

    /// The record with this `employeeId`.
    pub fn record(&self, id: &str) -> Option<Value> {
        self.shared.store().by_id(id).map(record::Record::json)
    }

    /// Every record in list order (`updatedAt`, then `employeeId`).
    pub fn records(&self) -> Vec<Value> {
        let store = self.shared.store();
        store
            .selected(None)
            .into_iter()
            .map(|i| store.records[i].json())
            .collect()
    }
}

/// `POST /_sandbox/people/churn` with a [`Churn`] (an empty body changes nothing).
async fn churn_route(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let churn: Churn = if body.iter().all(u8::is_ascii_whitespace) {
        Churn::default()
    } else {
        match serde_json::from_slice(&body) {
            Ok(churn) => churn,
            Err(e) => return PeopleError::BadBody(format!("not a churn: {e}")).into_response(),
        }
    };
    axum::Json(shared.store().churn(&churn)).into_response()
}
