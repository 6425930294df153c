//! An emulated Authgear project that takes users through the User Import API, for Muster's
//! Authgear connector to be tested against without an Authgear account.
//!
//! Follows reference document 002 (`002_8430e5261dcbbc42.txt`, Authgear "Import Users using
//! User Import API") and the pages it links: the "User Import API" reference (input format,
//! the 500 KB limit, bcrypt hashes, update behaviour) and "Admin API Authentication and
//! Security" (the RS256 JWT). Each submodule names the points where the documents are silent
//! and what the emulator chose; the main ones:
//! - `aud` must be the project ID, as every sample on the authentication page and document
//!   002's own sample set it and Authgear's server checks it. [`Authgear::credentials`]
//!   prints it as `jwt_aud`.
//! - Answers are wrapped `{"result": …}` as Authgear's server wraps them ([`handlers`]).
//! - A bad or missing JWT gets 403 `Forbidden` in plain text, as from Authgear's server
//!   ([`error`]).
//! - An import task completes after a configurable delay ([`Authgear::with_task_delay`],
//!   200 ms by default), working through its records in order in one go.

mod auth;
mod directory;
mod error;
mod handlers;
mod key;
mod record;
mod request;
mod task;
#[cfg(test)]
mod tests;

pub use error::{ApiError, AuthgearError};
pub use request::Identifier;
pub use task::Summary;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use serde_json::Value;

use directory::Directory;
use key::AdminKey;
use task::Task;

/// The project ID the emulated project answers to: the JWT's `aud`.
pub const PROJECT_ID: &str = "muster-sandbox";

/// How long a task stays `pending` unless told otherwise.
const DEFAULT_TASK_DELAY: Duration = Duration::from_millis(200);

/// The emulator's state, shared by its handlers and by tests that inspect it.
#[derive(Clone)]
pub struct Authgear {
    shared: Arc<Shared>,
}

/// What the handlers share.
pub(crate) struct Shared {
    project_id: String,
    key: AdminKey,
    data: Mutex<Data>,
}

#[derive(Default)]
struct Data {
    directory: Directory,
    tasks: HashMap<String, Task>,
    /// Task ids in the order they were accepted.
    order: Vec<String>,
    /// Records received per identifier value (lower-cased), over all accepted tasks.
    imports: HashMap<String, usize>,
    task_delay: Duration,
}

impl Shared {
    /// The data, also after a handler panicked while holding the lock.
    fn data(&self) -> MutexGuard<'_, Data> {
        self.data
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn task_delay(&self) -> Duration {
        self.data().task_delay
    }

    /// Keeps a newly accepted task and counts its records per identifier value.
    fn accept(&self, task: Task) {
        let mut data = self.data();
        let identifier = task.request().identifier;
        for raw in &task.request().records {
            if let Some(value) = raw.get(identifier.field()).and_then(Value::as_str) {
                *data.imports.entry(value.to_lowercase()).or_default() += 1;
            }
        }
        data.order.push(task.id().to_owned());
        data.tasks.insert(task.id().to_owned(), task);
    }

    /// Runs the task `id` if it is still pending.
    fn run_task(&self, id: &str) {
        let mut data = self.data();
        let Data {
            directory, tasks, ..
        } = &mut *data;
        if let Some(task) = tasks.get_mut(id) {
            task.run(directory);
        }
    }

    fn task_json(&self, id: &str) -> Option<Value> {
        self.data().tasks.get(id).map(Task::to_json)
    }
}

impl Default for Authgear {
    fn default() -> Self {
        Authgear::new()
    }
}

impl Authgear {
    /// A project with no users and a freshly generated 2048-bit Admin API key.
    ///
    /// # Panics
    /// When the operating system's random number generator fails, so that no key can be made.
    pub fn new() -> Authgear {
        let key = match AdminKey::generate() {
            Ok(key) => key,
            Err(e) => panic!("the Authgear emulator cannot make its Admin API key: {e}"),
        };
        Authgear {
            shared: Arc::new(Shared {
                project_id: PROJECT_ID.to_owned(),
                key,
                data: Mutex::new(Data {
                    task_delay: DEFAULT_TASK_DELAY,
                    ..Data::default()
                }),
            }),
        }
    }

    /// How long an accepted task stays `pending` before its records are imported.
    pub fn with_task_delay(self, delay: Duration) -> Authgear {
        self.shared.data().task_delay = delay;
        self
    }

    /// The emulator's routes.
    pub fn router(&self) -> Router {
        let shared = Arc::clone(&self.shared);
        Router::new()
            .route("/_api/admin/users/import", post(handlers::create))
            .route("/_api/admin/users/import/{id}", get(handlers::status))
            .layer(DefaultBodyLimit::max(handlers::BODY_MAX_BYTES))
            .layer(axum::middleware::from_fn_with_state(
                Arc::clone(&shared),
                auth::require_admin_jwt,
            ))
            .with_state(shared)
    }

    /// What a consultant needs to call the emulator: the project ID to put in `aud`, the
    /// key ID for `kid`, the private key (PKCS#8 PEM) to sign with, and a ready-made JWT
    /// valid for 24 hours.
    pub fn credentials(&self) -> Vec<(String, String)> {
        let mut out = vec![
            ("jwt_aud".to_owned(), self.shared.project_id.clone()),
            ("key_id".to_owned(), self.key_id().to_owned()),
            (
                "private_key_pem".to_owned(),
                self.private_key_pem().to_owned(),
            ),
        ];
        if let Ok(token) = self.admin_token(Duration::from_secs(24 * 3600)) {
            out.push(("admin_jwt".to_owned(), token));
        }
        out
    }

    pub fn project_id(&self) -> &str {
        &self.shared.project_id
    }

    pub fn key_id(&self) -> &str {
        self.shared.key.kid()
    }

    pub fn private_key_pem(&self) -> &str {
        self.shared.key.private_pem()
    }

    /// A valid Admin API JWT for this project, issued now and expiring after `ttl`.
    pub fn admin_token(&self, ttl: Duration) -> Result<String, AuthgearError> {
        self.shared.key.sign(&self.shared.project_id, ttl)
    }

    /// Every user, as a JSON object: `id`, the login IDs, `*_verified`, the attributes and
    /// `password`/`mfa` as imported (hashes unredacted).
    pub fn users(&self) -> Vec<Value> {
        self.shared.data().directory.users()
    }

    /// The user whose login ID `identifier` is `value`.
    pub fn user_by(&self, identifier: Identifier, value: &str) -> Option<Value> {
        self.shared
            .data()
            .directory
            .find(identifier, value)
            .map(|user| Value::Object(user.clone()))
    }

    /// How many records naming `value` as their identifier arrived in accepted tasks
    /// (compared lower-cased), whatever their outcome.
    pub fn imports_for(&self, value: &str) -> usize {
        let data = self.shared.data();
        data.imports
            .get(&value.to_lowercase())
            .copied()
            .unwrap_or(0)
    }

    /// The ids of the accepted tasks, oldest first.
    pub fn task_ids(&self) -> Vec<String> {
        self.shared.data().order.clone()
    }

    /// The task `id` as the status endpoint shows it (without the `result` wrapper).
    pub fn task(&self, id: &str) -> Option<Value> {
        self.shared.task_json(id)
    }

    /// A completed task's counts.
    pub fn summary(&self, id: &str) -> Option<Summary> {
        self.shared.data().tasks.get(id).and_then(Task::summary)
    }

    /// Runs every pending task now instead of after the delay.
    pub fn finish_tasks(&self) {
        let ids = self.task_ids();
        for id in ids {
            self.shared.run_task(&id);
        }
    }
}
