//! The commands of `ui/src/ipc/contract.ts`. Each file pairs plain functions, which do the
//! translating and are tested without a window, with the `#[tauri::command]` wrappers that
//! take the app's state and run the plain function off the UI thread.

pub mod app;
pub mod connection_kinds;
pub mod connection_test;
pub mod connections;
pub mod create_job;
pub mod fixes;
pub mod job_sheets;
pub mod job_target;
pub mod jobs;
pub mod mapping;
pub mod plan;
pub mod push;
pub mod records;
pub mod results;
pub mod review;
pub mod sandbox;
pub mod sheet;
pub mod templates;

#[cfg(test)]
mod tests;

use crate::error::UiError;

/// Runs `work` on Tauri's blocking pool: reading a file or the store must not stall the
/// window's event loop.
async fn blocking<T, F>(work: F) -> Result<T, UiError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, UiError> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|_| UiError::stopped())?
}
