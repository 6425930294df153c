//! The runner: takes a journaled job to the end, one batch at a time, and can be killed
//! at any moment without losing or doubling a record.
//!
//! 1. Claim the job (one process at a time).
//! 2. Settle what a previous run left in flight: poll batches the target accepted under a
//!    remote id; for batches that were about to leave, ask the target which records
//!    arrived (`Target::reconcile`) and send only the others again.
//! 3. Then, until no record is pending or the person cancels: take the next records that
//!    fit the target's batch limits, journal the intent, send, journal the outcome.
//!
//! A batch that surely did not arrive (refused, 429 beyond retries, no connection) goes
//! back to pending; one that may have arrived stays in flight for step 2 of the next run.
//!
//! The counts shown after every batch are read from the store once, when the run starts,
//! and kept up to date from each batch's outcomes: counting the job's records after every
//! batch made a long job quadratic. The end of the run reads them from the store again.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::JobError;
use super::outgoing::outgoing;
use crate::job::{Outcome, Policy, RecordOutcome};
use crate::store::{BatchId, JobCounts, JobStatus, Store, StoredRecord};
use crate::target::connector::{Outgoing, Polled, PushError, Submitted, Target};

/// How a run is steered and observed.
pub struct RunOptions<'a> {
    /// Set to stop between batches; the job stays resumable.
    pub cancel: Arc<AtomicBool>,
    /// How long to wait between polls of an accepted batch.
    pub poll_every: Duration,
    /// Called after every settled batch and at the end.
    pub progress: Box<dyn FnMut(&Progress) + Send + 'a>,
}

impl Default for RunOptions<'_> {
    fn default() -> Self {
        RunOptions {
            cancel: Arc::new(AtomicBool::new(false)),
            poll_every: Duration::from_secs(2),
            progress: Box::new(|_| {}),
        }
    }
}

/// Where a running job stands, for progress bars.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    pub counts: JobCounts,
    /// Records settled by this run.
    pub settled_now: u64,
    pub elapsed: Duration,
}

impl Progress {
    /// Records per second settled by this run.
    pub fn rate(&self) -> f64 {
        let seconds = self.elapsed.as_secs_f64();
        if seconds > 0.0 {
            self.settled_now as f64 / seconds
        } else {
            0.0
        }
    }

    /// Time left at the current rate, when there is a rate.
    pub fn eta(&self) -> Option<Duration> {
        let rate = self.rate();
        let left = self.counts.pending + self.counts.in_flight;
        (rate > 0.0).then(|| Duration::from_secs_f64(left as f64 / rate))
    }
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    Finished,
    Cancelled,
}

/// Runs (or resumes) job `job` against `target` until every record has its outcome or
/// the person cancels. Errors leave the job resumable.
pub async fn run<T: Target>(
    store: &mut Store,
    job: i64,
    target: &T,
    options: RunOptions<'_>,
) -> Result<(Ended, JobCounts), JobError> {
    let result = run_claimed(store, job, target, options).await;
    result.map_err(|error| match error {
        JobError::Store(e) if e.is_disk_full() => JobError::DiskFull {
            job,
            store: store
                .path()
                .map_or_else(|| "in memory".to_owned(), |p| p.display().to_string()),
        },
        other => other,
    })
}

async fn run_claimed<T: Target>(
    store: &mut Store,
    job: i64,
    target: &T,
    mut options: RunOptions<'_>,
) -> Result<(Ended, JobCounts), JobError> {
    let owner = crate::store::this_process();
    store.claim(job, &owner)?;
    let policy = store.job(job)?.policy;
    let counts = store.counts(job)?;
    let mut run = Run {
        store,
        job,
        target,
        policy,
        owner,
        renewed_at: crate::store::now(),
        counts,
        started: Instant::now(),
        settled_now: 0,
        options: &mut options,
    };
    let result = run.drive().await;
    let status = match &result {
        Ok(Ended::Finished) => JobStatus::Finished,
        Ok(Ended::Cancelled) => JobStatus::Cancelled,
        Err(_) => JobStatus::Interrupted,
    };
    // The run's own error matters more than a failure to write the status.
    let marked = run.store.set_status(job, status);
    let released = run.store.release(job, &run.owner);
    let ended = result?;
    marked?;
    released?;
    let counts = run.store.counts(job)?;
    run.report(counts);
    Ok((ended, counts))
}

struct Run<'s, 'o, 'p, T> {
    store: &'s mut Store,
    job: i64,
    target: &'s T,
    policy: Policy,
    /// This process as the job's owner ("pid@host"), worked out once.
    owner: String,
    /// When the claim was last renewed, by the store's clock (seconds).
    renewed_at: i64,
    /// Where the job's records stand, kept up to date batch by batch.
    counts: JobCounts,
    started: Instant,
    settled_now: u64,
    options: &'o mut RunOptions<'p>,
}

impl<T: Target> Run<'_, '_, '_, T> {
    async fn drive(&mut self) -> Result<Ended, JobError> {
        self.settle_in_flight().await?;
        let limits = self.target.limits();
        loop {
            if self.options.cancel.load(Ordering::SeqCst)
                || self.store.cancel_requested(self.job)?
            {
                return Ok(Ended::Cancelled);
            }
            let candidates = self.store.pending(self.job, limits.records.max(1))?;
            if candidates.is_empty() {
                return Ok(Ended::Finished);
            }
            let batch = fit(candidates, limits.bytes)?;
            let ids: Vec<i64> = batch.iter().map(|r| r.record_id).collect();
            let batch_id = self.store.begin_batch(self.job, &ids)?;
            let size = ids.len() as u64;
            self.counts.pending = self.counts.pending.saturating_sub(size);
            self.counts.in_flight += size;
            self.send(batch_id, &batch).await?;
            self.renew()?;
        }
    }

    /// Renews the claim. The store keeps its time in seconds, so a renewal within the same
    /// second as the last one would write the same value: it is left out.
    fn renew(&mut self) -> Result<(), JobError> {
        let now = crate::store::now();
        if now != self.renewed_at {
            self.store.renew(self.job, &self.owner)?;
            self.renewed_at = now;
        }
        Ok(())
    }

    /// Sends one journaled batch and settles it.
    async fn send(&mut self, batch_id: BatchId, batch: &[Outgoing]) -> Result<(), JobError> {
        match self.target.submit(batch, self.policy).await {
            Ok(Submitted::Settled { outcomes, stop }) => {
                if let Some(PushError::Uncertain { .. }) = &stop {
                    // A request may have arrived: what did not settle stays in flight,
                    // and the next run asks the target about it as after a crash.
                    self.settle_keeping_open(batch_id, batch, outcomes)?;
                } else {
                    self.settle_some(batch_id, batch, outcomes)?;
                }
                match stop {
                    Some(error) => Err(JobError::Push(error)),
                    None => Ok(()),
                }
            }
            Ok(Submitted::Accepted(remote)) => {
                self.store.batch_submitted(batch_id, &remote)?;
                self.wait_for(batch_id, &remote, batch).await
            }
            Err(error) => {
                if error.not_sent() {
                    self.store.release_batch(batch_id)?;
                    self.tally(batch.len(), &[]);
                }
                Err(JobError::Push(error))
            }
        }
    }

    async fn wait_for(
        &mut self,
        batch_id: BatchId,
        remote: &str,
        batch: &[Outgoing],
    ) -> Result<(), JobError> {
        loop {
            match self.target.poll(remote, batch).await {
                Ok(Polled::Settled(outcomes)) => return self.settle(batch_id, batch, outcomes),
                Ok(Polled::Working) => tokio::time::sleep(self.options.poll_every).await,
                // Polling never creates anything; the batch stays accepted for resume.
                Err(error) => return Err(JobError::Push(error)),
            }
        }
    }

    fn settle(
        &mut self,
        batch_id: BatchId,
        batch: &[Outgoing],
        outcomes: Vec<RecordOutcome>,
    ) -> Result<(), JobError> {
        if outcomes.len() != batch.len() {
            return Err(JobError::Push(PushError::Uncertain {
                message: format!(
                    "{} answered for {} records of a batch of {}; the batch is kept to be checked on resume",
                    self.target.describe(),
                    outcomes.len(),
                    batch.len()
                ),
            }));
        }
        self.settle_some(batch_id, batch, outcomes.into_iter().map(Some).collect())
    }

    /// Journals the settled records of a batch; the others go back to pending.
    fn settle_some(
        &mut self,
        batch_id: BatchId,
        batch: &[Outgoing],
        outcomes: Vec<Option<RecordOutcome>>,
    ) -> Result<(), JobError> {
        self.settle_with(batch_id, batch, outcomes, false)
    }

    /// Journals the settled records of a batch; the others stay in flight with it.
    fn settle_keeping_open(
        &mut self,
        batch_id: BatchId,
        batch: &[Outgoing],
        outcomes: Vec<Option<RecordOutcome>>,
    ) -> Result<(), JobError> {
        self.settle_with(batch_id, batch, outcomes, true)
    }

    fn settle_with(
        &mut self,
        batch_id: BatchId,
        batch: &[Outgoing],
        outcomes: Vec<Option<RecordOutcome>>,
        keep_open: bool,
    ) -> Result<(), JobError> {
        let pairs = settled_pairs(batch, outcomes);
        if keep_open {
            self.store.settle_part(batch_id, &pairs)?;
            // Only the settled records leave the in-flight count.
            self.tally(pairs.len(), &pairs);
        } else {
            self.store.finish_batch(batch_id, &pairs)?;
            self.tally(batch.len(), &pairs);
        }
        self.report(self.counts);
        Ok(())
    }

    /// Counts a settled batch of `size` records in flight: those with an outcome under it,
    /// the others back to pending (as `Store::finish_batch` does with them).
    fn tally(&mut self, size: usize, settled: &[(i64, RecordOutcome)]) {
        let counts = &mut self.counts;
        counts.in_flight = counts.in_flight.saturating_sub(size as u64);
        counts.pending += size.saturating_sub(settled.len()) as u64;
        for (_, outcome) in settled {
            let slot = match outcome.outcome {
                Outcome::Created => &mut counts.created,
                Outcome::Updated => &mut counts.updated,
                Outcome::Skipped => &mut counts.skipped,
                Outcome::Unchanged => &mut counts.unchanged,
                Outcome::Failed => &mut counts.failed,
            };
            *slot += 1;
        }
        self.settled_now += settled.len() as u64;
    }

    /// Step 2 of the module docs.
    async fn settle_in_flight(&mut self) -> Result<(), JobError> {
        for in_flight in self.store.in_flight(self.job)? {
            let batch = outgoing(&in_flight.records)?;
            match in_flight.remote_id {
                Some(remote) => self.wait_for(in_flight.batch, &remote, &batch).await?,
                None => {
                    let found = self
                        .target
                        .reconcile(&batch, self.policy)
                        .await
                        .map_err(JobError::Push)?;
                    let arrived = settled_pairs(&batch, found);
                    // Records not among `arrived` go back to pending.
                    self.store.finish_batch(in_flight.batch, &arrived)?;
                    self.tally(batch.len(), &arrived);
                }
            }
        }
        Ok(())
    }

    fn report(&mut self, counts: JobCounts) {
        let progress = Progress {
            counts,
            settled_now: self.settled_now,
            elapsed: self.started.elapsed(),
        };
        (self.options.progress)(&progress);
    }
}

/// The longest run of `candidates` whose payloads fit in `bytes` (at least one record;
/// a record bigger than the limit alone was refused by validation already).
fn fit(candidates: Vec<StoredRecord>, bytes: usize) -> Result<Vec<Outgoing>, JobError> {
    let mut total = 0;
    let mut taken = Vec::new();
    for record in candidates {
        // JSON array brackets and commas: one byte per record more.
        let size = record.payload.len() + 1;
        if !taken.is_empty() && total + size > bytes.saturating_sub(2) {
            break;
        }
        total += size;
        taken.push(record);
    }
    outgoing(&taken)
}

/// The records of `batch` that have an outcome, with it.
fn settled_pairs(
    batch: &[Outgoing],
    outcomes: Vec<Option<RecordOutcome>>,
) -> Vec<(i64, RecordOutcome)> {
    batch
        .iter()
        .map(|r| r.record_id)
        .zip(outcomes)
        .filter_map(|(id, outcome)| Some((id, outcome?)))
        .collect()
}
