//! `plan_job`: every pending record of a job looked up at its target (the engine's
//! `job::plan`), nothing sent; progress streamed as records are looked up, then the counts of
//! each expected end and a few samples of each.

use std::collections::BTreeMap;
use std::path::Path;

use muster_engine::job::{Expected, JobError, Plan, PlanOptions, plan};
use muster_engine::secrets::{Keychain, SecretStore};
use tauri::State;
use tauri::ipc::Channel;

use super::app::counts;
use super::job_target;
use crate::error::UiError;
use crate::progress::{self, Coalesced};
use crate::running::Running;
use crate::sandbox_state::SandboxState;
use crate::store;
use crate::wire::jobs::{JobProgress, PlanResult, PlanSample};

/// Plans job `id`; `progress` hears after pages of records looked up, at most every
/// [`progress::EVERY`], and after the last page. Cancel stops it
/// between pages, and the answer then says the plan is not complete.
pub async fn plan_job_at(
    store_path: &Path,
    sandbox: &SandboxState,
    running: &Running,
    secrets: &dyn SecretStore,
    id: i64,
    progress: impl FnMut(JobProgress) + Send + 'static,
) -> Result<PlanResult, UiError> {
    let at_work = running.begin(id)?;
    let target = job_target::for_job(store_path, id, sandbox, secrets).await?;
    let mut store = store::open(store_path)?;
    let before = store.counts(id)?;
    let shown = counts(&before);
    let mut coalesced = Coalesced::new(progress, progress::EVERY);
    let options = PlanOptions {
        cancel: at_work.cancel_flag(),
        progress: Box::new(|planned| {
            coalesced.offer(JobProgress {
                job: id,
                done: planned,
                total: before.pending,
                rate: 0.0,
                seconds_left: None,
                counts: shown,
            });
        }),
    };
    let planned = plan(&mut store, id, &target, options).await;
    coalesced.finish();
    Ok(result(&planned.map_err(|error| stopped("plan", error))?))
}

/// Why a plan or a push stopped, in the app's words: the job stays as it was left.
pub(crate) fn stopped(what: &str, error: JobError) -> UiError {
    match error {
        JobError::Push(error) => UiError::new(format!(
            "The {what} stopped: {}. Nothing is lost: what was done is kept, and Resume goes on from there.",
            error.to_string().trim_end_matches('.')
        )),
        other => UiError::new(other.to_string()),
    }
}

fn result(plan: &Plan) -> PlanResult {
    let counts: BTreeMap<String, u64> = Expected::ALL
        .into_iter()
        .map(|expected| (expected.as_str().to_owned(), plan.counts.of(expected)))
        .collect();
    let samples = plan
        .samples
        .iter()
        .map(|sample| PlanSample {
            expected: sample.expected.as_str().to_owned(),
            source_row: sample.source_row,
            identifier: sample.identifier.clone(),
            target_id: sample.target_id.clone(),
        })
        .collect();
    PlanResult {
        counts,
        samples,
        complete: plan.complete,
    }
}

#[tauri::command]
pub async fn plan_job(
    sandbox: State<'_, SandboxState>,
    running: State<'_, Running>,
    job_id: i64,
    on_progress: Channel<JobProgress>,
) -> Result<PlanResult, UiError> {
    let store_path = store::path()?;
    plan_job_at(
        &store_path,
        sandbox.inner(),
        running.inner(),
        &Keychain,
        job_id,
        super::jobs::to_channel(on_progress),
    )
    .await
}
