//! `sandbox_status`, `sandbox_start`, `sandbox_stop`: the built-in emulators, served by the
//! app on this computer (see [`crate::sandbox_state`]), each with its address and the
//! users it holds now.

use tauri::State;

use crate::error::UiError;
use crate::sandbox_state::SandboxState;
use crate::wire::jobs::SandboxStatus;

#[tauri::command]
pub async fn sandbox_status(sandbox: State<'_, SandboxState>) -> Result<SandboxStatus, UiError> {
    Ok(sandbox.status().await)
}

#[tauri::command]
pub async fn sandbox_start(sandbox: State<'_, SandboxState>) -> Result<SandboxStatus, UiError> {
    sandbox.start().await
}

#[tauri::command]
pub async fn sandbox_stop(sandbox: State<'_, SandboxState>) -> Result<SandboxStatus, UiError> {
    sandbox.stop().await
}
