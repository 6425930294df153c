//! Where a job goes: the app's sandbox (the connection named "sandbox"), or a saved
//! connection opened with its secret from the keychain. Read from the store first and
//! opened afterwards, so that no store is held across the sandbox's start.

use std::path::Path;

use muster_engine::job::Policy;
use muster_engine::secrets::SecretStore;
use muster_engine::store::{Job, SavedConnection, Store, StoreError};
use muster_engine::target::catalog::TargetKind;
use muster_engine::target::connector::{AnyTarget, Target, open_target};

use crate::error::UiError;
use crate::sandbox_state::{SANDBOX, SandboxState};
use crate::store;

/// A job's destination, as the store names it.
pub enum Destination {
    Sandbox(TargetKind),
    Saved(SavedConnection),
}

/// Where job `job` goes; an error when its connection is gone or of another kind.
pub fn destination(store: &Store, job: &Job) -> Result<Destination, UiError> {
    let id = job.id;
    let kind = TargetKind::from_name(&job.target_kind).ok_or_else(|| {
        UiError::new(format!(
            "Job {id} goes to \"{}\", a target this Muster does not know; it may come from a newer Muster.",
            job.target_kind
        ))
    })?;
    if job.connection == SANDBOX {
        return Ok(Destination::Sandbox(kind));
    }
    let connection = store.connection(&job.connection).map_err(|error| match error {
        StoreError::NoConnection(name) => UiError::new(format!(
            "Job {id} goes to the connection \"{name}\", which is no longer saved. Save it again under that name on the Target screen, then go on."
        )),
        other => other.into(),
    })?;
    if !connection.kind.eq_ignore_ascii_case(kind.name()) {
        return Err(UiError::new(format!(
            "Job {id} maps onto {kind}, but its connection \"{}\" is now a {} connection. Save \"{}\" as a {kind} connection again, then go on.",
            connection.name, connection.kind, connection.name
        )));
    }
    Ok(Destination::Saved(connection))
}

/// The target job `id` goes to, ready to plan or push under the job's policy: the store is
/// read and closed before the target opens (and the sandbox, maybe, starts).
pub async fn for_job(
    store_path: &Path,
    id: i64,
    sandbox: &SandboxState,
    secrets: &dyn SecretStore,
) -> Result<AnyTarget, UiError> {
    let (policy, to) = {
        let store = store::open(store_path)?;
        let job = store.job(id)?;
        (job.policy, destination(&store, &job)?)
    };
    open(to, policy, sandbox, secrets).await
}

/// The target of `destination`, ready to plan or push under `policy`. The sandbox starts
/// when it does not run.
pub async fn open(
    destination: Destination,
    policy: Policy,
    sandbox: &SandboxState,
    secrets: &dyn SecretStore,
) -> Result<AnyTarget, UiError> {
    let target = match destination {
        Destination::Sandbox(kind) => sandbox.target(kind).await?,
        Destination::Saved(connection) => {
            open_target(&connection, secrets).map_err(|e| UiError::new(e.to_string()))?
        }
    };
    if !target.policies().contains(&policy) {
        return Err(UiError::new(format!(
            "{} cannot skip records that exist already: it creates or updates by identifier. Make the job again with the policy \"update\".",
            target.describe()
        )));
    }
    Ok(target)
}
