//! An emulated MangoApps HRIS Users API, the source Muster pulls people from: a seeded
//! directory of employees behind bearer tokens with scopes, paged and filtered lists,
//! lookups by UID and email, per-token rate limits, churn between pulls, and signed
//! webhooks with retries.
//!
//! Follows the reference document 001 (MangoApps HRIS Users API) field for field; each
//! submodule says where it chose what the reference leaves open: [`directory`] (the seed
//! population), [`query`] (list parameters), [`handlers`] (check order), [`limit`]
//! (sliding window), [`error`] (codes), [`churn`] and [`webhook`].
//!
//! Control routes (outside the fault layer and request log when served by the sandbox):
//! `POST /_sandbox/hris/churn` with a [`Churn`] answers the [`ChurnReport`];
//! `POST /_sandbox/hris/webhooks` with `{"url": "…"}` subscribes that URL to every event.

mod churn;
mod directory;
mod employee;
mod error;
mod handlers;
mod limit;
mod query;
#[cfg(test)]
mod tests;
mod webhook;

pub use churn::{Churn, ChurnReport};
pub use error::HrisError;
pub use query::{DEFAULT_PER_PAGE, MAX_PER_PAGE};
pub use webhook::{
    Delivery, FAILURES_TO_DEACTIVATE, RETRY_AFTER_SECS, SubscribeError, Subscription, signature,
};

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::Router;
use axum::routing::{get, post};
use serde_json::Value;

use crate::secret::{alphanumeric, hex};
use crate::sync::lock;
use directory::Directory;
use limit::{Bucket, Limiter};
use webhook::Hooks;

/// How the emulator is seeded and limited.
#[derive(Clone, Debug, PartialEq)]
pub struct HrisConfig {
    /// Users in the seeded directory.
    pub employees: usize,
    /// The directory is the same for the same seed.
    pub seed: u64,
    /// `GET /api/v1/users` requests per token per `limit_window` (the reference: 100/hour).
    pub list_per_hour: usize,
    /// Lookups per token per `limit_window` (the reference: 300/hour).
    pub lookup_per_hour: usize,
    /// The rate limits' sliding window (an hour; tests shorten it).
    pub limit_window: Duration,
    /// When set, every list request for page 1 but the very first applies this churn
    /// before answering, so each new pull finds changes.
    pub churn_on_first_page: Option<Churn>,
    /// Multiplies the webhook retry waits (1.0: real minutes).
    pub webhook_time_scale: f64,
}

impl Default for HrisConfig {
    fn default() -> Self {
        HrisConfig {
            employees: 3_000,
            seed: 42,
            list_per_hour: 100,
            lookup_per_hour: 300,
            limit_window: Duration::from_secs(3_600),
            churn_on_first_page: None,
            webhook_time_scale: 1.0,
        }
    }
}

/// A token's scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    ReadUsers,
    Admin,
    /// A valid token with neither scope.
    None,
}

/// The emulator's state, shared by its handlers and by tests that inspect it.
#[derive(Clone)]
pub struct Hris {
    shared: Arc<Shared>,
}

pub(crate) struct Shared {
    config: HrisConfig,
    tokens: [(String, Scope); 3],
    directory: Mutex<Directory>,
    limiter: Limiter,
    hooks: Arc<Hooks>,
    /// Page-1 list requests answered so far (for `churn_on_first_page`).
    first_pages: AtomicUsize,
    list_requests: AtomicUsize,
}

impl Shared {
    fn directory(&self) -> MutexGuard<'_, Directory> {
        lock(&self.directory)
    }

    fn scope_of(&self, given: &str) -> Option<(&str, Scope)> {
        self.tokens
            .iter()
            .find(|(token, _)| token == given)
            .map(|(token, scope)| (token.as_str(), *scope))
    }

    fn limit(&self, bucket: Bucket) -> (usize, Duration) {
        let per_window = match bucket {
            Bucket::List => self.config.list_per_hour,
            Bucket::Lookup => self.config.lookup_per_hour,
        };
        (per_window, self.config.limit_window)
    }

    /// Changes the directory and queues the webhook events.
    fn apply_churn(&self, churn: &Churn) -> ChurnReport {
        let (report, events) = {
            let mut directory = self.directory();
            let (report, changes, now) = directory.churn(churn);
            (report, webhook::events(&directory, &changes, now))
        };
        self.hooks.emit(events);
        report
    }
}

impl Default for Hris {
    fn default() -> Self {
        Hris::new()
    }
}

impl Hris {
    /// The default directory (3,000 users, seed 42) and limits.
    pub fn new() -> Hris {
        Hris::with_config(HrisConfig::default())
    }

    /// A directory, limits and webhook clock as `config` says; fresh random tokens and
    /// webhook secret.
    pub fn with_config(config: HrisConfig) -> Hris {
        let directory = Directory::seeded(config.employees, config.seed);
        let hooks = Arc::new(Hooks::new(
            format!("whsec_{}", hex(40)),
            config.webhook_time_scale,
        ));
        Hris {
            shared: Arc::new(Shared {
                tokens: [
                    (format!("mango_read_{}", alphanumeric(32)), Scope::ReadUsers),
                    (format!("mango_admin_{}", alphanumeric(32)), Scope::Admin),
                    (format!("mango_none_{}", alphanumeric(32)), Scope::None),
                ],
                config,
                directory: Mutex::new(directory),
                limiter: Limiter::default(),
                hooks,
                first_pages: AtomicUsize::new(0),
                list_requests: AtomicUsize::new(0),
            }),
        }
    }

    /// The API's routes.
    pub fn router(&self) -> Router {
        Router::new()
            .route("/api/v1/users", get(handlers::list))
            .route("/api/v1/users/by_email/{email}", get(handlers::by_email))
            .route("/api/v1/users/{uid}", get(handlers::by_uid))
            .with_state(Arc::clone(&self.shared))
    }

    /// The sandbox's control routes: churn and webhook subscriptions.
    pub fn control_router(&self) -> Router {
        Router::new()
            .route("/_sandbox/hris/churn", post(handlers::churn))
            .route("/_sandbox/hris/webhooks", post(handlers::subscribe))
            .with_state(Arc::clone(&self.shared))
    }

    pub fn config(&self) -> &HrisConfig {
        &self.shared.config
    }

    /// A token with the `read:users` scope.
    pub fn read_token(&self) -> &str {
        &self.shared.tokens[0].0
    }

    /// A token with the `admin` scope.
    pub fn admin_token(&self) -> &str {
        &self.shared.tokens[1].0
    }

    /// A valid token with neither scope (its requests get 403).
    pub fn no_scope_token(&self) -> &str {
        &self.shared.tokens[2].0
    }

    /// The secret webhook signatures are made with.
    pub fn webhook_secret(&self) -> &str {
        self.shared.hooks.secret()
    }

    /// What the banner prints.
    pub fn credentials(&self) -> Vec<(String, String)> {
        vec![
            ("read_token".to_owned(), self.read_token().to_owned()),
            ("admin_token".to_owned(), self.admin_token().to_owned()),
            (
                "no_scope_token".to_owned(),
                self.no_scope_token().to_owned(),
            ),
            (
                "webhook_secret".to_owned(),
                self.webhook_secret().to_owned(),
            ),
        ]
    }

    /// Changes users now (and sends the webhook events); which ones, by UID.
    pub fn churn(&self, churn: &Churn) -> ChurnReport {
        self.shared.apply_churn(churn)
    }

    /// The user's list item (also when inactive or soft-deleted).
    pub fn user(&self, uid: &str) -> Option<Value> {
        let directory = self.shared.directory();
        directory.by_uid(uid).and_then(|i| directory.list_item(i))
    }

    /// Users in the directory, soft-deleted ones included.
    pub fn count(&self) -> usize {
        self.shared.directory().len()
    }

    /// `GET /api/v1/users` requests answered (not refused for the token, the limit or
    /// the parameters).
    pub fn list_requests(&self) -> usize {
        self.shared.list_requests.load(Ordering::SeqCst)
    }

    /// Subscribes `url` to every event. Needs a Tokio runtime, which delivers.
    pub fn subscribe(&self, url: impl Into<String>) -> Result<(), SubscribeError> {
        self.shared.hooks.subscribe(&url.into())
    }

    pub fn subscriptions(&self) -> Vec<Subscription> {
        self.shared.hooks.subscriptions()
    }

    /// Every delivery attempt so far, in the order made.
    pub fn deliveries(&self) -> Vec<Delivery> {
        self.shared.hooks.deliveries()
    }

    /// Sends the last successfully delivered event again, byte for byte (a duplicate, as
    /// a retry after a lost 200 would be); `None` when nothing was delivered yet.
    pub async fn redeliver_last(&self) -> Option<Delivery> {
        self.shared.hooks.redeliver_last().await
    }
}
