//! `connection_test`: one request that changes nothing, as `muster connect test` makes it
//! (the engine's `check_connection`), to prove that a connection's address, settings and
//! secret work. A connection that does not work is an answer (`ok: false` with what to
//! fix), not an error; only a connection that does not exist is.

use std::path::Path;

use muster_engine::connect::check_connection;
use muster_engine::secrets::{Keychain, SecretStore};
use muster_engine::target::catalog::TargetKind;
use muster_engine::target::connector::Target;
use tauri::State;

use crate::error::{UiError, sentence};
use crate::sandbox_state::{SANDBOX, SandboxState};
use crate::store;
use crate::wire::jobs::ConnectionTest;

/// Tests the connection `name`: a saved one, or the sandbox (each of its target emulators).
pub async fn test_at(
    store_path: &Path,
    sandbox: &SandboxState,
    secrets: &dyn SecretStore,
    name: &str,
) -> Result<ConnectionTest, UiError> {
    if name == SANDBOX {
        return Ok(test_sandbox(sandbox).await);
    }
    let connection = store::open(store_path)?.connection(name)?;
    Ok(match check_connection(&connection, secrets).await {
        Ok(said) => ConnectionTest {
            ok: true,
            message: format!(
                "\"{name}\" works. {}.",
                sentence(said.trim_end_matches('.'))
            ),
        },
        Err(error) => ConnectionTest {
            ok: false,
            message: format!(
                "\"{name}\" does not work yet: {}.",
                error.to_string().trim_end().trim_end_matches('.')
            ),
        },
    })
}

/// The sandbox works when it runs and each of its target emulators answers.
async fn test_sandbox(sandbox: &SandboxState) -> ConnectionTest {
    if !sandbox.status().await.running {
        return ConnectionTest {
            ok: false,
            message: "The sandbox is not running. Start it on the Sandbox screen (a plan or a push to it starts it too).".to_owned(),
        };
    }
    for kind in TargetKind::ALL {
        let checked = match sandbox.target(kind).await {
            Ok(target) => target.check().await.map_err(|e| e.to_string()),
            Err(error) => Err(error.message),
        };
        if let Err(why) = checked {
            return ConnectionTest {
                ok: false,
                message: format!(
                    "The sandbox's {kind} emulator does not answer as it should: {why}"
                ),
            };
        }
    }
    ConnectionTest {
        ok: true,
        message: "The sandbox works: every target's emulator answers on this computer.".to_owned(),
    }
}

#[tauri::command]
pub async fn connection_test(
    sandbox: State<'_, SandboxState>,
    name: String,
) -> Result<ConnectionTest, UiError> {
    test_at(&store::path()?, sandbox.inner(), &Keychain, &name).await
}
