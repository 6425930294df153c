//! `connections_list`, `connection_save` and `connection_remove`: saved connections, their
//! settings in the store shared with the CLI and their secrets in the OS keychain only
//! (never in the store, never shown again: the list names the secrets held, not their
//! values). The list always ends with the connection "sandbox", the built-in emulators of
//! every target kind: while they run its settings give each one's address; when they do
//! not, it has none, and a plan or push to it starts them.

use std::collections::BTreeMap;
use std::path::Path;

use muster_engine::connect::{
    ConnectionKind, check_parameter_names, check_settings, check_url, kept_secret_names,
};
use muster_engine::secrets::{Keychain, Secret, SecretStore};
use muster_engine::store::SavedConnection;
use muster_sandbox::ConnectionSpec;
use tauri::State;

use super::blocking;
use crate::error::UiError;
use crate::sandbox_state::{SANDBOX, SandboxState};
use crate::store;
use crate::wire::jobs::{ConnectionInfo, NewConnection};

/// Every saved connection, by name, with the names of the secrets the keychain holds for
/// it; then the sandbox, with its emulators' addresses when `sandbox` says they run.
pub fn list(
    store_path: &Path,
    secrets: &dyn SecretStore,
    sandbox: Option<&[ConnectionSpec]>,
) -> Result<Vec<ConnectionInfo>, UiError> {
    let mut listed = store::open(store_path)?
        .connections()?
        .into_iter()
        .map(|connection| info(connection, secrets))
        .collect::<Result<Vec<_>, _>>()?;
    listed.push(sandbox_info(sandbox.unwrap_or_default()));
    Ok(listed)
}

/// Saves (or replaces) a connection: its address checked, its settings to the store, its
/// secrets to the keychain. A secret left empty keeps the one the keychain holds.
pub fn save(
    store_path: &Path,
    secrets: &dyn SecretStore,
    new: NewConnection,
) -> Result<ConnectionInfo, UiError> {
    let name = new.name.trim().to_owned();
    if name.is_empty() {
        return Err(UiError::new(
            "Give the connection a name, such as acme-lms; jobs name their target by it.",
        ));
    }
    if name.eq_ignore_ascii_case(SANDBOX) {
        return Err(UiError::new(format!(
            "\"{SANDBOX}\" is the name of the built-in emulators; pick another name."
        )));
    }
    let kind = ConnectionKind::parse(&new.kind).map_err(|e| UiError::new(e.to_string()))?;
    let url = new.url.trim().to_owned();
    check_url(&url).map_err(|e| UiError::new(e.to_string()))?;
    let settings: serde_json::Map<String, serde_json::Value> = new
        .settings
        .iter()
        .map(|(key, value)| (key.trim(), value.trim()))
        .filter(|(key, value)| !key.is_empty() && !value.is_empty())
        .map(|(key, value)| (key.to_owned(), value.into()))
        .collect();
    check_settings(kind, |key| settings.get(key).and_then(|v| v.as_str()))
        .map_err(|e| UiError::new(e.to_string()))?;
    check_parameter_names(settings.keys().map(String::as_str))
        .map_err(|e| UiError::new(e.to_string()))?;
    let given = given_secrets(kind, &new.secrets)?;
    let needed = kind.secret_name(settings.get("auth").and_then(|a| a.as_str()));
    let auth_none = settings.get("auth").and_then(|a| a.as_str()) == Some("none");
    if !auth_none
        && !given.iter().any(|(secret, _)| *secret == needed)
        && secrets.get(&name, needed).map_err(secret_error)?.is_none()
    {
        return Err(UiError::new(format!(
            "Enter the {needed} of \"{name}\": {kind} connections cannot work without it. It goes to your keychain, never to Muster's files."
        )));
    }
    for (secret, value) in &given {
        secrets.set(&name, secret, value).map_err(secret_error)?;
    }
    let connection = SavedConnection {
        name,
        kind: kind.name().to_owned(),
        url,
        settings,
    };
    store::open(store_path)?.save_connection(&connection)?;
    info(connection, secrets)
}

/// Forgets the connection `name` and deletes its secrets from the keychain.
pub fn remove(store_path: &Path, secrets: &dyn SecretStore, name: &str) -> Result<(), UiError> {
    if name == SANDBOX {
        return Err(UiError::new(
            "The sandbox is built in and cannot be removed; stop it on the Sandbox screen.",
        ));
    }
    let store = store::open(store_path)?;
    let connection = store.connection(name)?;
    for secret in kept_secret_names(&connection.kind) {
        secrets.delete(name, secret).map_err(secret_error)?;
    }
    store.remove_connection(name)?;
    Ok(())
}

/// The secrets given with values, each one the kind keeps.
fn given_secrets(
    kind: ConnectionKind,
    given: &BTreeMap<String, String>,
) -> Result<Vec<(&'static str, Secret)>, UiError> {
    let kept = kind.secret_names();
    let mut out = Vec::new();
    for (secret, value) in given {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        let Some(known) = kept.iter().find(|k| **k == secret.trim()) else {
            return Err(UiError::new(format!(
                "\"{secret}\" is not a secret {kind} connections keep; they keep {}.",
                kept.join(", ")
            )));
        };
        out.push((*known, Secret::new(value)));
    }
    Ok(out)
}

fn info(connection: SavedConnection, secrets: &dyn SecretStore) -> Result<ConnectionInfo, UiError> {
    let mut held = Vec::new();
    for secret in kept_secret_names(&connection.kind) {
        if secrets
            .get(&connection.name, secret)
            .map_err(secret_error)?
            .is_some()
        {
            held.push(secret.to_owned());
        }
    }
    let settings = connection
        .settings
        .iter()
        .map(|(key, value)| {
            let text = value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_owned);
            (key.clone(), text)
        })
        .collect();
    Ok(ConnectionInfo {
        name: connection.name,
        kind: connection.kind,
        url: connection.url,
        settings,
        secrets: held,
        sandbox: false,
    })
}

/// The sandbox as one connection: it serves every kind, each at its own address (its
/// settings: kind → address); its secrets live in memory, not the keychain.
fn sandbox_info(emulators: &[ConnectionSpec]) -> ConnectionInfo {
    ConnectionInfo {
        name: SANDBOX.to_owned(),
        kind: SANDBOX.to_owned(),
        url: "http://127.0.0.1".to_owned(),
        settings: emulators
            .iter()
            .map(|spec| (spec.kind.to_owned(), spec.url.clone()))
            .collect(),
        secrets: Vec::new(),
        sandbox: true,
    }
}

fn secret_error(error: muster_engine::secrets::SecretError) -> UiError {
    UiError::new(error.to_string())
}

#[tauri::command]
pub async fn connections_list(
    sandbox: State<'_, SandboxState>,
) -> Result<Vec<ConnectionInfo>, UiError> {
    let emulators = sandbox.connections().await;
    blocking(move || list(&store::path()?, &Keychain, emulators.as_deref())).await
}

#[tauri::command]
pub async fn connection_save(connection: NewConnection) -> Result<ConnectionInfo, UiError> {
    blocking(move || save(&store::path()?, &Keychain, connection)).await
}

#[tauri::command]
pub async fn connection_remove(name: String) -> Result<(), UiError> {
    blocking(move || remove(&store::path()?, &Keychain, &name)).await
}
