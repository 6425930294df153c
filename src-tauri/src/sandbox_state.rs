//! The app's sandbox: every built-in emulator (`muster_sandbox::Sandbox`) served inside the
//! app on loopback ports, from the Sandbox screen's Start until its Stop or the app's end.
//!
//! The connection named [`SANDBOX`] means "the running sandbox's emulator of the job's target
//! kind", its secret held in memory only (as `muster run --to sandbox` does). A plan or push
//! to it starts the sandbox when it is not running.
//!
//! The emulators take free ports, unless [`PORTS_VARIABLE`] names the first of seven ports
//! in a row (auth0, authgear, scim, rest, lms, hris, people), so that a test or a script
//! knows the addresses beforehand.

use std::sync::Arc;

use muster_engine::secrets::{MemorySecrets, Secret, SecretStore};
use muster_engine::store::SavedConnection;
use muster_engine::target::catalog::TargetKind;
use muster_engine::target::connector::{AnyTarget, open_target};
use muster_sandbox::{ConnectionSpec, Ports, Sandbox, SandboxOptions};
use tokio::sync::Mutex;

use crate::error::UiError;
use crate::wire::jobs::{Emulator, SandboxStatus};

/// The connection name that means the app's built-in emulators.
pub const SANDBOX: &str = "sandbox";

/// Fixes the sandbox's ports: the first of seven in a row, e.g. `47100`.
pub const PORTS_VARIABLE: &str = "MUSTER_SANDBOX_PORTS_BASE";

/// The sandbox, when it runs; cheap to clone (one shared slot).
#[derive(Clone, Default)]
pub struct SandboxState {
    running: Arc<Mutex<Option<Sandbox>>>,
}

impl SandboxState {
    /// Starts the sandbox unless it runs already; must be called within a tokio runtime,
    /// which then serves the emulators.
    pub async fn start(&self) -> Result<SandboxStatus, UiError> {
        let mut slot = self.running.lock().await;
        if slot.is_none() {
            let asked = std::env::var_os(PORTS_VARIABLE);
            let options = SandboxOptions {
                ports: ports(asked.as_deref().map(|v| v.to_string_lossy()).as_deref())?,
                ..SandboxOptions::default()
            };
            let sandbox = Sandbox::start(options).await.map_err(|error| {
                UiError::new(format!(
                    "The sandbox could not start: {error}. Another program may use its ports; close it, or stop the sandbox of another Muster, and start again."
                ))
            })?;
            *slot = Some(sandbox);
        }
        Ok(status_of(slot.as_ref()))
    }

    /// Stops the sandbox (what its emulators hold is gone with it); nothing to do when it
    /// does not run.
    pub async fn stop(&self) -> Result<SandboxStatus, UiError> {
        let taken = self.running.lock().await.take();
        if let Some(sandbox) = taken {
            sandbox.shutdown().await.map_err(|error| {
                UiError::new(format!(
                    "The sandbox stopped, but not cleanly: {error}. Its emulators no longer answer."
                ))
            })?;
        }
        Ok(status_of(None))
    }

    pub async fn status(&self) -> SandboxStatus {
        status_of(self.running.lock().await.as_ref())
    }

    /// Each emulator as a connection, while the sandbox runs.
    pub async fn connections(&self) -> Option<Vec<ConnectionSpec>> {
        self.running.lock().await.as_ref().map(Sandbox::connections)
    }

    /// `look` at the running sandbox (its emulators' state, faults and request logs);
    /// `None` when it does not run.
    pub async fn inspect<R>(&self, look: impl FnOnce(&Sandbox) -> R) -> Option<R> {
        self.running.lock().await.as_ref().map(look)
    }

    /// The running sandbox's emulator of `kind`, opened as a target as a saved connection
    /// would be; the sandbox is started first when it does not run.
    pub async fn target(&self, kind: TargetKind) -> Result<AnyTarget, UiError> {
        self.start().await?;
        let spec = self
            .running
            .lock()
            .await
            .as_ref()
            .and_then(|sandbox| sandbox.connection(kind.name()))
            .ok_or_else(|| {
                UiError::new(format!(
                    "The sandbox has no emulator of {kind}; send this job to a saved connection instead."
                ))
            })?;
        let secrets = MemorySecrets::default();
        let opened = secrets
            .set(
                SANDBOX,
                spec.secret_name,
                &Secret::new(spec.secret.as_str()),
            )
            .map_err(|e| e.to_string())
            .and_then(|()| open_target(&saved(&spec), &secrets).map_err(|e| e.to_string()));
        opened.map_err(|why| {
            UiError::new(format!(
                "The sandbox's {kind} emulator could not be opened: {why}"
            ))
        })
    }
}

/// The ports [`PORTS_VARIABLE`] asks for (its value `asked`), or free ones.
pub fn ports(asked: Option<&str>) -> Result<Ports, UiError> {
    let Some(text) = asked.filter(|v| !v.trim().is_empty()) else {
        return Ok(Ports::default());
    };
    text.trim()
        .parse::<u16>()
        .ok()
        .filter(|base| *base > 0)
        .and_then(Ports::from_base)
        .ok_or_else(|| {
            UiError::new(format!(
                "{PORTS_VARIABLE} is \"{text}\"; give the first of seven free ports in a row, e.g. 47100, or unset it to use any free ports."
            ))
        })
}

fn status_of(sandbox: Option<&Sandbox>) -> SandboxStatus {
    let Some(sandbox) = sandbox else {
        return SandboxStatus {
            running: false,
            emulators: Vec::new(),
        };
    };
    let emulators = sandbox
        .connections()
        .into_iter()
        .map(|spec| Emulator {
            kind: spec.kind.to_owned(),
            label: spec.label().to_owned(),
            users: sandbox.user_count(spec.kind).unwrap_or(0) as u64,
            url: spec.url,
        })
        .collect();
    SandboxStatus {
        running: true,
        emulators,
    }
}

/// The emulator as the saved connection named [`SANDBOX`].
fn saved(spec: &ConnectionSpec) -> SavedConnection {
    let settings = spec
        .settings
        .iter()
        .map(|(key, value)| ((*key).to_owned(), value.as_str().into()))
        .collect();
    SavedConnection {
        name: SANDBOX.to_owned(),
        kind: spec.kind.to_owned(),
        url: spec.url.clone(),
        settings,
    }
}
