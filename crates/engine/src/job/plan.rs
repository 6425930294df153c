//! The plan: before anything is sent, each pending record of a job is looked up at the
//! target (`Target::plan`) and journaled as `create`, `update`, `skip`, `unchanged`, or
//! `decided` where the target has no lookup. `muster run --dry-run` stops here; the app's
//! Plan screen shows the counts and samples of each.
//!
//! Planning changes nothing at the target and nothing of the job but its plan, so it can
//! be repeated; each run replaces the previous plan. It holds the job's claim while it
//! works, so it never overlaps a push of the same job.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::JobError;
use super::outgoing::outgoing;
use crate::store::{PlanCounts, PlanSample, Store};
use crate::target::connector::Target;

/// Records looked up per call of `Target::plan` (and per journal transaction).
const PAGE: usize = 50;
/// Samples of each kind kept for the report.
const SAMPLES: usize = 5;

/// How a planning run is steered and observed.
pub struct PlanOptions<'a> {
    /// Set to stop between pages; what was planned so far is kept.
    pub cancel: Arc<AtomicBool>,
    /// Called after each page with the records planned so far.
    pub progress: Box<dyn FnMut(u64) + Send + 'a>,
}

impl Default for PlanOptions<'_> {
    fn default() -> Self {
        PlanOptions {
            cancel: Arc::new(AtomicBool::new(false)),
            progress: Box::new(|_| {}),
        }
    }
}

/// What the plan found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Plan {
    pub counts: PlanCounts,
    /// A few records of each kind, in source-row order.
    pub samples: Vec<PlanSample>,
    /// Whether every pending record was looked up (false when cancelled).
    pub complete: bool,
}

/// Looks every pending record of `job` up at `target` and journals what sending it would
/// do under the job's policy.
pub async fn plan<T: Target>(
    store: &mut Store,
    job: i64,
    target: &T,
    mut options: PlanOptions<'_>,
) -> Result<Plan, JobError> {
    let owner = crate::store::this_process();
    store.claim(job, &owner)?;
    let result = plan_claimed(store, job, target, &mut options).await;
    let released = store.release(job, &owner);
    let complete = result?;
    released?;
    Ok(Plan {
        counts: store.plan_counts(job)?,
        samples: store.plan_samples(job, SAMPLES)?,
        complete,
    })
}

/// Returns whether it went through every pending record.
async fn plan_claimed<T: Target>(
    store: &mut Store,
    job: i64,
    target: &T,
    options: &mut PlanOptions<'_>,
) -> Result<bool, JobError> {
    let policy = store.job(job)?.policy;
    store.clear_plan(job)?;
    let mut after = 0;
    let mut planned_so_far = 0;
    loop {
        if options.cancel.load(Ordering::SeqCst) {
            return Ok(false);
        }
        let page = store.pending_after(job, after, PAGE)?;
        let Some(last) = page.last() else {
            return Ok(true);
        };
        after = last.id;
        let batch = outgoing(&page)?;
        let planned = target.plan(&batch, policy).await.map_err(JobError::Push)?;
        if planned.len() != batch.len() {
            return Err(JobError::Push(
                crate::target::connector::PushError::Uncertain {
                    message: format!(
                        "{} answered the lookup of {} records with {} answers",
                        target.describe(),
                        batch.len(),
                        planned.len()
                    ),
                },
            ));
        }
        let pairs: Vec<(i64, crate::job::Planned)> = batch
            .iter()
            .map(|record| record.record_id)
            .zip(planned)
            .collect();
        store.set_planned(&pairs)?;
        planned_so_far += pairs.len() as u64;
        (options.progress)(planned_so_far);
    }
}
