//! The Auth0 emulator: client-credentials tokens and the Management API v2
//! bulk user import.
//!
//! Follows reference document 004 (Auth0 "Bulk User Imports"), completed from
//! Auth0's public Management API reference where 004 is silent or has TODOs:
//!
//! * `POST /oauth/token` — client credentials with `audience`, as JSON or a
//!   form, secret in the body or as HTTP Basic. Tokens are HS256 JWTs with a
//!   per-start key, valid for [`Auth0Config::token_lifetime`] (Auth0's default
//!   is 86 400 s). Wrong client or secret: 401 `access_denied`/`Unauthorized`.
//! * `POST /api/v2/jobs/users-imports` — multipart `users`, `connection_id`,
//!   `upsert` (default false), `external_id`, `send_completion_email`
//!   (default true). The 400 messages, the 413 message for a file over
//!   512 000 bytes and the 429 for a third concurrent job are Auth0's own.
//!   Success answers **202** with the job: 004 shows the body but not the
//!   status; Auth0's current Management API reference says 202 ("Job
//!   successfully created"), so that is what the emulator sends.
//! * `GET /api/v2/jobs/{id}` — `pending`, then `processing` (with
//!   `percentage_done`, `time_left_seconds`), then `completed` with
//!   `summary {failed, updated, inserted, total}`; `failed` (with
//!   `status_details`) when the file is not a JSON array; `expired` once a
//!   completed job is older than [`Auth0Config::job_expiry`] (2 h).
//! * `GET /api/v2/jobs/{id}/errors` — 200 with `[{user, errors:[{code,
//!   message, path}]}]`, 204 when nothing failed, and the job object itself
//!   (with `status_details`) for a job that failed as a whole or has not
//!   finished.
//! * `GET /api/v2/users-by-email?email=` — exact (case-sensitive) match on
//!   the stored, lowercased address.
//!
//! Choices where the documents are silent:
//! * the concurrent-job limit (2) counts pending and processing jobs of the
//!   whole tenant, as Auth0's page words it ("a limit of two concurrent
//!   import jobs"), not per connection;
//! * users are applied when the job completes, in file order; an email that
//!   appears twice in one file fails the second time with `DUPLICATED_USER`
//!   ("A user with this email was already provided."), even with upsert; an
//!   existing user (matched on email, then user_id, then username) fails with
//!   `DUPLICATED_USER` ("The user already exists.") unless `upsert` is true;
//! * per-user validation follows Auth0's published users-file JSON schema
//!   (`email` required, `additionalProperties: false`) with the tv4 error
//!   codes Auth0 reports (`OBJECT_REQUIRED`, `INVALID_TYPE`, `FORMAT`,
//!   `ENUM_MISMATCH`, `NOT_PASSED`, `OBJECT_ADDITIONAL_PROPERTIES`); the
//!   email format check is deliberately simple (one `@`, a dot in the domain);
//! * Management API answers carry `x-ratelimit-limit`, `x-ratelimit-remaining`
//!   and `x-ratelimit-reset` (Unix seconds); the limit is ON by default at 50
//!   requests per 1-second window for the whole tenant, past which the answer
//!   is 429 `too_many_requests`. `/oauth/token` is not counted. Set
//!   [`Auth0Config::rate_limit`] to `None` to turn it off (no headers then).

mod apply;
mod jobs;
mod limit;
mod reply;
mod schema;
mod store;
mod token;
mod upload;
mod users;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};

use crate::secret;
use crate::sync::lock;

pub use jobs::{JobSnapshot, Summary};
pub use store::Auth0User;

/// A fixed-window request limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests allowed per window.
    pub limit: u32,
    /// Length of a window.
    pub window: Duration,
}

/// The emulator's tunable behaviour. Changeable while running through
/// [`Auth0::update_config`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Auth0Config {
    /// How long issued access tokens stay valid (Auth0's default: 24 h).
    pub token_lifetime: Duration,
    /// How long a job takes from `pending` to `completed`; the first half is
    /// spent pending, the second processing.
    pub job_duration: Duration,
    /// Age after which a completed job reports `expired` (Auth0: 2 h).
    pub job_expiry: Duration,
    /// Import jobs allowed to be pending or processing at once (Auth0: 2).
    pub max_active_jobs: usize,
    /// Largest accepted users file in bytes (Auth0: 512 000).
    pub max_file_bytes: usize,
    /// The Management API request limit; `None` turns it off.
    pub rate_limit: Option<RateLimit>,
}

impl Default for Auth0Config {
    fn default() -> Auth0Config {
        Auth0Config {
            token_lifetime: Duration::from_secs(86_400),
            job_duration: Duration::from_secs(1),
            job_expiry: Duration::from_secs(2 * 3600),
            max_active_jobs: 2,
            max_file_bytes: 512_000,
            rate_limit: Some(RateLimit {
                limit: 50,
                window: Duration::from_secs(1),
            }),
        }
    }
}

/// Name of the one database connection the emulated tenant has.
pub const CONNECTION_NAME: &str = "Username-Password-Authentication";

/// The scopes every issued token carries.
const SCOPES: &str = "read:users update:users create:users";

/// The emulated tenant, shared by its handlers and by tests.
#[derive(Clone)]
pub struct Auth0 {
    shared: Arc<Shared>,
}

pub(crate) struct Shared {
    config: Mutex<Auth0Config>,
    client_id: String,
    client_secret: String,
    connection_id: String,
    base_url: Mutex<String>,
    tokens: token::Tokens,
    users: Mutex<store::UserStore>,
    jobs: Mutex<jobs::JobTable>,
    limiter: limit::Limiter,
}

impl Shared {
    fn config(&self) -> Auth0Config {
        lock(&self.config).clone()
    }

    fn audience(&self) -> String {
        format!("{}/api/v2/", lock(&self.base_url))
    }
}

impl Default for Auth0 {
    fn default() -> Auth0 {
        Auth0::new()
    }
}

impl Auth0 {
    /// A tenant with default settings and fresh credentials.
    pub fn new() -> Auth0 {
        Auth0::with_config(Auth0Config::default())
    }

    /// A tenant with these settings and fresh credentials.
    pub fn with_config(config: Auth0Config) -> Auth0 {
        Auth0 {
            shared: Arc::new(Shared {
                config: Mutex::new(config),
                client_id: secret::alphanumeric(32),
                client_secret: secret::alphanumeric(64),
                connection_id: format!("con_{}", secret::alphanumeric(16)),
                base_url: Mutex::new("http://127.0.0.1".to_owned()),
                tokens: token::Tokens::new(),
                users: Mutex::new(store::UserStore::default()),
                jobs: Mutex::new(jobs::JobTable::default()),
                limiter: limit::Limiter::default(),
            }),
        }
    }

    /// The emulator's routes.
    pub fn router(&self) -> Router {
        let api = Router::new()
            .route("/api/v2/jobs/users-imports", post(upload::create_job))
            .route("/api/v2/jobs/{id}", get(jobs::get_job))
            .route("/api/v2/jobs/{id}/errors", get(jobs::get_errors))
            .route("/api/v2/users-by-email", get(users::by_email))
            .route_layer(from_fn_with_state(self.shared.clone(), limit::enforce));
        Router::new()
            .route("/oauth/token", post(token::issue))
            .merge(api)
            .with_state(self.shared.clone())
    }

    /// Tells the tenant where it is served; the audience and token issuer
    /// derive from it. [`crate::Sandbox::start`] calls this.
    pub fn set_base_url(&self, url: &str) {
        *lock(&self.shared.base_url) = url.trim_end_matches('/').to_owned();
    }

    /// Name/value pairs a client needs, for printing.
    pub fn credentials(&self) -> Vec<(String, String)> {
        let domain = lock(&self.shared.base_url).clone();
        vec![
            ("domain".into(), domain),
            ("client_id".into(), self.client_id().to_owned()),
            ("client_secret".into(), self.client_secret().to_owned()),
            ("audience".into(), self.audience()),
            ("connection_id".into(), self.connection_id().to_owned()),
            ("connection".into(), CONNECTION_NAME.to_owned()),
        ]
    }

    pub fn client_id(&self) -> &str {
        &self.shared.client_id
    }

    pub fn client_secret(&self) -> &str {
        &self.shared.client_secret
    }

    pub fn connection_id(&self) -> &str {
        &self.shared.connection_id
    }

    /// The Management API audience, `{base}/api/v2/`.
    pub fn audience(&self) -> String {
        self.shared.audience()
    }

    /// The current settings.
    pub fn config(&self) -> Auth0Config {
        self.shared.config()
    }

    /// Changes settings while running; later tokens and jobs use them.
    pub fn update_config(&self, change: impl FnOnce(&mut Auth0Config)) {
        change(&mut lock(&self.shared.config));
    }

    /// Makes every token issued so far expire now.
    pub fn expire_tokens(&self) {
        self.shared.tokens.expire_all();
    }

    /// Every user the tenant holds, by email.
    pub fn users(&self) -> Vec<Auth0User> {
        lock(&self.shared.users).all()
    }

    /// The user with this (case-insensitive) email.
    pub fn user(&self, email: &str) -> Option<Auth0User> {
        lock(&self.shared.users).by_email(email)
    }

    /// How many times import jobs wrote (inserted or updated) this email.
    pub fn import_count(&self, email: &str) -> u32 {
        lock(&self.shared.users)
            .by_email(email)
            .map_or(0, |user| user.imports)
    }

    /// How many times this email appeared in a completed job's file,
    /// whether or not it was written.
    pub fn submission_count(&self, email: &str) -> u32 {
        lock(&self.shared.users).submissions(email)
    }

    /// Puts a user in the tenant directly, as if it had signed up; its
    /// import count stays 0.
    pub fn seed_user(&self, email: &str) -> Auth0User {
        lock(&self.shared.users).seed(email)
    }

    /// Every job, oldest first.
    pub fn jobs(&self) -> Vec<JobSnapshot> {
        let expiry = self.shared.config().job_expiry;
        lock(&self.shared.jobs).snapshots(expiry)
    }
}
