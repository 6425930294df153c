//! `push_job`: sends a job, or goes on with one that was interrupted, cancelled or left
//! running by a process that is gone (the engine's `job::run` first settles what was in
//! flight, then sends the rest). Progress as `muster jobs resume` shows it (records settled
//! of the total, records per second over this push, the time left at that rate), after
//! batches but no more often than the screen can follow ([`crate::progress`]).

use std::path::Path;
use std::time::Duration;

use muster_engine::job::{Progress, RunOptions, run};
use muster_engine::secrets::{Keychain, SecretStore};
use tauri::State;
use tauri::ipc::Channel;

use super::app::{counts, summary};
use super::job_target;
use super::plan::stopped;
use crate::error::UiError;
use crate::progress::{self, Coalesced};
use crate::running::Running;
use crate::sandbox_state::SandboxState;
use crate::store;
use crate::wire::JobSummary;
use crate::wire::jobs::JobProgress;

/// How long to wait between asking a target after a batch it works on (Auth0, Authgear).
const POLL_EVERY: Duration = Duration::from_secs(2);

/// Pushes job `id` until every record has its outcome or Cancel stops it; `progress` hears
/// after batches, at most every [`progress::EVERY`], and at the end with the final counts.
/// Answers the job as it stands at the end.
pub async fn push_job_at(
    store_path: &Path,
    sandbox: &SandboxState,
    running: &Running,
    secrets: &dyn SecretStore,
    id: i64,
    progress: impl FnMut(JobProgress) + Send + 'static,
) -> Result<JobSummary, UiError> {
    let at_work = running.begin(id)?;
    let target = job_target::for_job(store_path, id, sandbox, secrets).await?;
    let mut store = store::open(store_path)?;
    let mut coalesced = Coalesced::new(progress, progress::EVERY);
    let options = RunOptions {
        cancel: at_work.cancel_flag(),
        poll_every: POLL_EVERY,
        progress: Box::new(|now: &Progress| coalesced.offer(job_progress(id, now))),
    };
    let ran = run(&mut store, id, &target, options).await;
    // The engine's last report has the final counts: it goes out however the run ended.
    coalesced.finish();
    ran.map_err(|error| stopped("push", error))?;
    Ok(summary(store.job(id)?))
}

/// Where a push stands, as the Push screen shows it.
pub fn job_progress(id: i64, now: &Progress) -> JobProgress {
    JobProgress {
        job: id,
        done: now.counts.done(),
        total: now.counts.total,
        rate: now.rate(),
        seconds_left: now.eta().map(|left| left.as_secs_f64().ceil() as u64),
        counts: counts(&now.counts),
    }
}

#[tauri::command]
pub async fn push_job(
    sandbox: State<'_, SandboxState>,
    running: State<'_, Running>,
    job_id: i64,
    on_progress: Channel<JobProgress>,
) -> Result<JobSummary, UiError> {
    let store_path = store::path()?;
    push_job_at(
        &store_path,
        sandbox.inner(),
        running.inner(),
        &Keychain,
        job_id,
        super::jobs::to_channel(on_progress),
    )
    .await
}
