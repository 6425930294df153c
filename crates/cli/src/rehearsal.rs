//! `muster run … --to sandbox`: a rehearsal against the built-in emulator of the profile's
//! target, started for the run and gone with it. The emulator is opened as the saved
//! connection `muster sandbox` prints for it (its secret held in memory, not the
//! keychain), so a rehearsal goes through the same `open_target` as a real connection.

use anyhow::{Context, Result};
use muster_engine::secrets::{MemorySecrets, Secret, SecretStore};
use muster_engine::store::SavedConnection;
use muster_engine::target::catalog::TargetKind;
use muster_engine::target::connector::{AnyTarget, open_target};
use muster_sandbox::{ConnectionSpec, Sandbox, SandboxOptions};

use crate::run::SANDBOX;

/// Starts the sandbox and opens the target of `kind` in it; the sandbox serves as long as
/// the returned value lives.
pub async fn sandbox_target(kind: TargetKind) -> Result<(AnyTarget, Sandbox)> {
    let sandbox = Sandbox::start(SandboxOptions::default())
        .await
        .context("starting the sandbox")?;
    let spec = sandbox
        .connection(kind.name())
        .with_context(|| format!("the sandbox has no emulator of {kind}"))?;
    let secrets = MemorySecrets::default();
    secrets.set(
        SANDBOX,
        spec.secret_name,
        &Secret::new(spec.secret.as_str()),
    )?;
    let target = open_target(&saved(SANDBOX, &spec), &secrets)
        .with_context(|| format!("opening the sandbox's {kind} emulator"))?;
    Ok((target, sandbox))
}

/// The emulator as a saved connection named `name`.
fn saved(name: &str, spec: &ConnectionSpec) -> SavedConnection {
    let settings = spec
        .settings
        .iter()
        .map(|(key, value)| ((*key).to_owned(), value.as_str().into()))
        .collect();
    SavedConnection {
        name: name.to_owned(),
        kind: spec.kind.to_owned(),
        url: spec.url.clone(),
        settings,
    }
}
