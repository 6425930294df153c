//! `job_get` and `cancel_job`: one job as it stands, and the way to stop its plan or push
//! after the batch in flight.

use std::path::Path;

use tauri::State;
use tauri::ipc::Channel;

use super::app::summary;
use super::blocking;
use crate::error::UiError;
use crate::running::Running;
use crate::store;
use crate::wire::JobSummary;
use crate::wire::jobs::JobProgress;

/// Job `id` with its counts.
/// Progress handed to the UI's channel. A window closed meanwhile only stops hearing it;
/// the plan or push goes on.
pub(crate) fn to_channel(channel: Channel<JobProgress>) -> impl FnMut(JobProgress) + Send {
    move |progress| {
        let _ = channel.send(progress);
    }
}

pub fn job_at(store_path: &Path, id: i64) -> Result<JobSummary, UiError> {
    Ok(summary(store::open(store_path)?.job(id)?))
}

/// Asks the plan or push of job `id` to stop after the batch in flight: this app's own at
/// once, or, when another process (the CLI) sends it, through the store, which that
/// process reads after each batch.
pub fn cancel(store_path: &Path, running: &Running, id: i64) -> Result<(), UiError> {
    if running.cancel(id) {
        return Ok(());
    }
    store::open(store_path)?.request_cancel(id)?;
    Ok(())
}

#[tauri::command]
pub async fn job_get(job_id: i64) -> Result<JobSummary, UiError> {
    blocking(move || job_at(&store::path()?, job_id)).await
}

#[tauri::command]
pub async fn cancel_job(running: State<'_, Running>, job_id: i64) -> Result<(), UiError> {
    let running = running.inner().clone();
    blocking(move || cancel(&store::path()?, &running, job_id)).await
}
