//! The LMS Collaborator emulator: one POST per user to
//! `/api/v2/users-import/single`.
//!
//! Follows reference document 003 (LMS Collaborator "API – User import"):
//! `Authorization: Bearer …`, a JSON user object with the mandatory `uid`,
//! `secondname`, `firstname`, `login`, `email`; dates as `DD.MM.YYYY` or
//! `YYYY-MM-DD`; `gender` 0 (male) / 1 (female); `is_active` 1 (enabled) /
//! 0 (blocked). Success is 200 with `created_count`, `updated_count`,
//! `blocked_count`, `unblocked_count`; invalid input is 400 `{"error": "…"}`.
//!
//! Choices where 003 is silent or contradicts itself:
//! * 003's sample error lists `position` among the required fields while its
//!   table does not mark it mandatory; the table wins unless
//!   [`LmsConfig::require_position`] is set. A missing or empty required field
//!   answers the sample's message with the required list, e.g.
//!   `Required fields: uid, login, email, firstname, secondname`;
//! * a wrong or missing token answers 401 `{"error": "Unauthorized"}`;
//! * the body must be sent as `application/json` (003 requires the header);
//!   anything else, a body that is not a JSON object, a field of the wrong
//!   type, a field the table does not list, an impossible date, a `language`
//!   outside EN/UK/DE/ES/ET/TR/RU or a `customInfo` that is not BASE64 JSON
//!   are 400s in the emulator's own words;
//! * a `login` already used by another `uid` is refused (400);
//! * a new user without `is_active` is enabled; fields left out of an update
//!   keep their stored values; `blocked_count` is 1 when the request leaves
//!   the user blocked and it was not blocked before (a user created blocked
//!   counts), `unblocked_count` is 1 when a blocked user is enabled;
//! * `password` is never kept, only whether one was sent; phone numbers are
//!   not checked.

mod import;
mod inspect;
mod users;
mod validate;

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::routing::{get, post};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::secret;
use crate::sync::lock;

/// Settings of the emulated LMS.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LmsConfig {
    /// Also require `position`, as 003's sample error message does.
    pub require_position: bool,
}

/// One user the LMS holds.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LmsUser {
    pub uid: String,
    pub login: String,
    pub email: String,
    /// `false` once blocked with `is_active: 0`.
    pub active: bool,
    /// Every field last sent for the user, except `password`.
    pub fields: Map<String, Value>,
    /// Whether any accepted request carried a password.
    pub password_set: bool,
    /// How many requests for this uid were accepted.
    pub posts: u32,
}

/// The emulated LMS, shared by its handler and by tests.
#[derive(Clone)]
pub struct Lms {
    shared: Arc<Shared>,
}

pub(crate) struct Shared {
    token: String,
    config: Mutex<LmsConfig>,
    users: Mutex<users::Users>,
}

impl Default for Lms {
    fn default() -> Lms {
        Lms::new()
    }
}

impl Lms {
    /// An empty LMS with a fresh API token.
    pub fn new() -> Lms {
        Lms::with_config(LmsConfig::default())
    }

    /// An empty LMS with these settings and a fresh API token.
    pub fn with_config(config: LmsConfig) -> Lms {
        Lms {
            shared: Arc::new(Shared {
                token: secret::alphanumeric(40),
                config: Mutex::new(config),
                users: Mutex::new(users::Users::default()),
            }),
        }
    }

    /// The emulator's routes.
    pub fn router(&self) -> Router {
        Router::new()
            .route("/api/v2/users-import/single", post(import::single))
            .route("/_sandbox/lms/users", get(inspect::users))
            .with_state(self.shared.clone())
    }

    /// Name/value pairs a client needs, for printing.
    pub fn credentials(&self) -> Vec<(String, String)> {
        vec![("api_token".into(), self.token().to_owned())]
    }

    /// The bearer token the API accepts.
    pub fn token(&self) -> &str {
        &self.shared.token
    }

    /// Changes settings while running.
    pub fn update_config(&self, change: impl FnOnce(&mut LmsConfig)) {
        change(&mut lock(&self.shared.config));
    }

    /// Every user, by uid.
    pub fn users(&self) -> Vec<LmsUser> {
        lock(&self.shared.users).values().cloned().collect()
    }

    /// The user with this uid.
    pub fn user(&self, uid: &str) -> Option<LmsUser> {
        lock(&self.shared.users).get(uid).cloned()
    }

    /// How many requests for this uid were accepted.
    pub fn post_count(&self, uid: &str) -> u32 {
        lock(&self.shared.users)
            .get(uid)
            .map_or(0, |user| user.posts)
    }
}
