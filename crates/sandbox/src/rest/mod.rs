//! An emulated generic REST users API: the kind of plain JSON endpoint a consultant points
//! Muster at when a customer's own system is the target.
//!
//! No reference document describes it; Muster's brief defines the contract and the
//! submodules note each choice made beyond it. Endpoints: `POST /api/users`,
//! `PUT /api/users/{id}`, `GET /api/users/{id}`, `GET /api/users?email=&page=&per_page=`,
//! all behind the bearer token from [`Rest::credentials`].

mod auth;
mod error;
mod handlers;
mod store;
#[cfg(test)]
mod tests;

pub use error::RestError;
pub use handlers::{DEFAULT_PER_PAGE, MAX_PER_PAGE};

use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;
use axum::routing::{get, put};
use serde_json::Value;

use crate::scim::stamp;
use store::Store;

/// The emulator's state, shared by its handlers and by tests that inspect it.
#[derive(Clone)]
pub struct Rest {
    shared: Arc<Shared>,
}

pub(crate) struct Shared {
    token: String,
    store: Mutex<Store>,
}

impl Shared {
    /// The users, also after a handler panicked while holding the lock.
    fn store(&self) -> MutexGuard<'_, Store> {
        self.store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Default for Rest {
    fn default() -> Self {
        Rest::new()
    }
}

impl Rest {
    /// An API with no users and a fresh random bearer token.
    pub fn new() -> Rest {
        Rest {
            shared: Arc::new(Shared {
                token: format!("rest_{}", stamp::hex_token(40)),
                store: Mutex::new(Store::default()),
            }),
        }
    }

    /// The emulator's routes.
    pub fn router(&self) -> Router {
        let shared = Arc::clone(&self.shared);
        Router::new()
            .route("/api/users", get(handlers::list).post(handlers::create))
            .route(
                "/api/users/{id}",
                put(handlers::replace).get(handlers::read),
            )
            .layer(axum::middleware::from_fn_with_state(
                Arc::clone(&shared),
                auth::require_bearer,
            ))
            .with_state(shared)
    }

    /// The bearer token a client is configured with.
    pub fn credentials(&self) -> Vec<(String, String)> {
        vec![("bearer_token".to_owned(), self.shared.token.clone())]
    }

    pub fn token(&self) -> &str {
        &self.shared.token
    }

    /// Every user as stored (the body last sent for it, with `id`), oldest first.
    pub fn users(&self) -> Vec<Value> {
        let store = self.shared.store();
        store
            .all()
            .map(|user| Value::Object(user.clone()))
            .collect()
    }

    /// The user with this email (compared case-insensitively).
    pub fn user_by_email(&self, email: &str) -> Option<Value> {
        let store = self.shared.store();
        store
            .by_email(email)
            .map(|user| Value::Object(user.clone()))
    }

    /// How many `POST /api/users` named `key` as their email (any case) or as their id,
    /// counted on arrival whatever became of them.
    pub fn posts_for(&self, key: &str) -> usize {
        self.shared.store().posts_for(key)
    }
}
