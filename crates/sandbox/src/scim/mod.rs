//! An emulated SCIM 2.0 service provider (Users and Bulk), for Muster's SCIM connector to be
//! tested against without a live identity system.
//!
//! Follows RFC 7643 (SCIM core schema: the User resource, the enterprise User extension
//! `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`, ServiceProviderConfig) and
//! RFC 7644 (SCIM protocol: endpoints, filters, PATCH, Bulk, errors, ETags). Served under
//! [`BASE_PATH`]: `/ServiceProviderConfig`, `/Users`, `/Users/{id}`, `/Bulk`. Every request
//! needs the bearer token from [`Scim::credentials`].
//!
//! Tests can make the service offer less than all of that ([`Scim::offer`]: no PATCH, no
//! Bulk, smaller bulk limits) and make bulk requests fail after they were carried out
//! ([`Scim::fail_after_bulk`]).
//!
//! Each submodule notes where the RFCs leave the choice to the service and what the
//! emulator does. Not offered: Groups, `/Schemas` and `/ResourceTypes`, sorting,
//! `attributes`/`excludedAttributes`, `/Me`, searching with `POST /.search`.

pub(crate) mod auth;
mod bulk;
mod config;
mod error;
mod filter;
mod handlers;
mod patch;
pub(crate) mod stamp;
mod store;
#[cfg(test)]
mod tests;

pub use config::{MAX_OPERATIONS, MAX_PAYLOAD_SIZE, MAX_RESULTS, Offered};
pub use error::{ScimError, ScimType};

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use serde_json::Value;

use store::Store;

/// Where the SCIM endpoints live.
pub const BASE_PATH: &str = "/scim/v2";
pub const USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
pub const ENTERPRISE_SCHEMA: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
pub const LIST_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
pub const ERROR_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:Error";
pub const PATCH_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
pub const BULK_REQUEST_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
pub const BULK_RESPONSE_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";
/// The media type of SCIM messages (RFC 7644 section 8.1).
pub const SCIM_CONTENT_TYPE: &str = "application/scim+json";

/// The emulator's state, shared by its handlers and by tests that inspect it.
#[derive(Clone)]
pub struct Scim {
    shared: Arc<Shared>,
}

pub(crate) struct Shared {
    token: String,
    store: Mutex<Store>,
    offered: Mutex<Offered>,
    /// Bulk requests still to be answered 500 after they were carried out.
    failing_bulks: AtomicUsize,
}

impl Shared {
    /// What the service offers now.
    fn offered(&self) -> Offered {
        *self
            .offered
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Whether this bulk request's answer is to be replaced by a 500 (using one up).
    fn fails_after_bulk(&self) -> bool {
        self.failing_bulks
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |left| {
                left.checked_sub(1)
            })
            .is_ok()
    }

    /// The Users, also after a handler panicked while holding the lock.
    fn store(&self) -> MutexGuard<'_, Store> {
        self.store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Default for Scim {
    fn default() -> Self {
        Scim::new()
    }
}

impl Scim {
    /// A service with no Users and a fresh random bearer token.
    pub fn new() -> Scim {
        Scim {
            shared: Arc::new(Shared {
                token: format!("scim_{}", stamp::hex_token(40)),
                store: Mutex::new(Store::default()),
                offered: Mutex::new(Offered::default()),
                failing_bulks: AtomicUsize::new(0),
            }),
        }
    }

    /// The emulator's routes, under [`BASE_PATH`].
    pub fn router(&self) -> Router {
        let shared = Arc::clone(&self.shared);
        let api = Router::new()
            .route(
                "/ServiceProviderConfig",
                get(handlers::service_provider_config),
            )
            .route(
                "/Users",
                get(handlers::list_users).post(handlers::create_user),
            )
            .route(
                "/Users/{id}",
                get(handlers::get_user)
                    .put(handlers::replace_user)
                    .patch(handlers::patch_user)
                    .delete(handlers::delete_user),
            )
            .route("/Bulk", post(handlers::bulk))
            .layer(DefaultBodyLimit::max(2 * MAX_PAYLOAD_SIZE))
            .layer(axum::middleware::from_fn_with_state(
                Arc::clone(&shared),
                auth::require_bearer,
            ))
            .with_state(shared);
        Router::new().nest(BASE_PATH, api)
    }

    /// Makes the service offer `offered` from now on: its ServiceProviderConfig says so, and
    /// PATCH or `POST /Bulk` are answered 501 when not offered.
    pub fn offer(&self, offered: Offered) {
        *self
            .shared
            .offered
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = offered;
    }

    /// What the service offers now.
    pub fn offered(&self) -> Offered {
        self.shared.offered()
    }

    /// The next `times` `POST /Bulk` requests are carried out, then answered 500: a service
    /// that failed after acting, or whose answer was lost on the way.
    pub fn fail_after_bulk(&self, times: usize) {
        self.shared.failing_bulks.store(times, Ordering::SeqCst);
    }

    /// The bearer token and the base path a client is configured with.
    pub fn credentials(&self) -> Vec<(String, String)> {
        vec![
            ("bearer_token".to_owned(), self.shared.token.clone()),
            ("base_path".to_owned(), BASE_PATH.to_owned()),
        ]
    }

    pub fn token(&self) -> &str {
        &self.shared.token
    }

    /// Every User as a client would read it (with `meta.location` under [`BASE_PATH`]),
    /// oldest first.
    pub fn users(&self) -> Vec<Value> {
        let store = self.shared.store();
        store.all().map(|user| user.render(BASE_PATH)).collect()
    }

    /// The User with this `userName` (compared case-insensitively).
    pub fn user_by_name(&self, user_name: &str) -> Option<Value> {
        let store = self.shared.store();
        store
            .by_user_name(user_name)
            .map(|user| user.render(BASE_PATH))
    }

    /// The stored `password` of the User with this `userName` (never returned over HTTP).
    pub fn password_of(&self, user_name: &str) -> Option<Value> {
        let store = self.shared.store();
        store
            .by_user_name(user_name)
            .and_then(|user| user.password().cloned())
    }

    /// How many creates (`POST /Users` or bulk POST) named this `userName`, counted on
    /// arrival whatever became of them.
    pub fn creates_for(&self, user_name: &str) -> usize {
        self.shared.store().creates_for(user_name)
    }
}
