//! The applier: turns the events received into jobs and pushes them, one job at a time.
//!
//! A job is finished before the next one is made: were a job left half sent while a newer
//! one went out, resuming it later would undo the newer changes. So a push that stops (the
//! target unreachable) is resumed first, after a pause, before any new events are taken.
//! The events a job covers are marked `applied` as soon as the job exists: from then on the
//! job's journal answers for them (`muster jobs show`), and a restart does not send them
//! twice.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use anyhow::Result;
use muster_engine::job::{Ended, JobSpec, Policy, RunOptions, create_job};
use muster_engine::mapping::Profile;
use muster_engine::source::open_pulled;
use muster_engine::source::webhook::{Selection, select};
use muster_engine::store::{JobStatus, Store};
use muster_engine::target::connector::AnyTarget;
use tokio::sync::Notify;

use super::batch::Folder;

/// How often pending events are looked for when no delivery wakes the applier.
const EVERY: Duration = Duration::from_millis(500);
/// How many events one job takes at most.
const PER_JOB: usize = 1000;
/// How long to wait before resuming a push that stopped on an error.
const PAUSE_AFTER_ERROR: Duration = Duration::from_secs(30);

pub struct Applier<'a> {
    pub store: Store,
    pub from: &'a str,
    pub to: &'a str,
    pub target: &'a AnyTarget,
    pub profile: &'a Profile,
    pub profile_path: &'a Path,
    pub profile_text: &'a str,
    pub policy: Policy,
    pub folder: &'a Folder,
    /// Jobs whose push stopped (an error here, or a listener that was killed), oldest
    /// first, to finish before anything else.
    pub unfinished: Vec<i64>,
    /// No push before this, after an error.
    pub wait_until: Option<Instant>,
}

/// The jobs of earlier listeners on `from` that did not finish, oldest first.
pub fn unfinished(store: &Store, from: &str) -> Result<Vec<i64>> {
    let mut jobs = Vec::new();
    for id in store.event_jobs(from)? {
        if store.job(id)?.status != JobStatus::Finished {
            jobs.push(id);
        }
    }
    Ok(jobs)
}

impl Applier<'_> {
    /// Applies what arrives until `stop` resolves.
    pub async fn run(&mut self, wake: &Notify, stop: impl Future<Output = ()>) {
        let mut stop = std::pin::pin!(stop);
        loop {
            tokio::select! {
                () = &mut stop => return,
                () = wake.notified() => {}
                () = tokio::time::sleep(EVERY) => {}
            }
            if self.wait_until.is_some_and(|until| Instant::now() < until) {
                continue;
            }
            self.round().await;
        }
    }

    /// The round before exit: whatever was received, even during a pause after an error.
    pub async fn last_round(&mut self) {
        self.round().await;
        for job in &self.unfinished {
            eprintln!(
                "job {job} did not finish; `muster listen` resumes it when started again, or `muster jobs resume {job}` sends the rest now"
            );
        }
        match self.store.event_counts(self.from) {
            Ok(c) => println!(
                "stopped; events from \"{}\": {} applied, {} stale, {} failed, {} waiting",
                self.from, c.applied, c.stale, c.failed, c.received
            ),
            Err(error) => eprintln!("{error}"),
        }
    }

    async fn round(&mut self) {
        match self.apply_pending().await {
            Ok(()) => self.wait_until = None,
            Err(error) => {
                eprintln!(
                    "{error:#}; trying again in {} s",
                    PAUSE_AFTER_ERROR.as_secs()
                );
                self.wait_until = Some(Instant::now() + PAUSE_AFTER_ERROR);
            }
        }
    }

    /// Resumes the unfinished jobs, then makes and pushes a job per run of pending events
    /// until none is left.
    async fn apply_pending(&mut self) -> Result<()> {
        while let Some(&job) = self.unfinished.first() {
            self.push(job, "resumed").await?;
        }
        loop {
            let selection = select(&self.store, self.from, PER_JOB)?;
            let Some((first, last)) = selection.id_range() else {
                return Ok(());
            };
            for (id, error) in &selection.failed {
                eprintln!("event {id} cannot be read from the journal ({error}); marked failed");
            }
            let events = format!("events {first}-{last}");
            let stale = selection.stale.len();
            if selection.records.is_empty() {
                selection.mark(&mut self.store, None)?;
                println!(
                    "{events}: {stale} stale (older than changes already applied), nothing to send"
                );
                continue;
            }
            let job = match self.journal(&selection, &events) {
                Ok(job) => job,
                Err(error) => {
                    // The same events would fail the same way every half second: they
                    // stay in the journal as failed, with the reason here.
                    self.mark_failed(&selection)?;
                    eprintln!("{events} could not become a job, marked failed: {error:#}");
                    continue;
                }
            };
            selection.mark(&mut self.store, Some(job))?;
            let users = selection.records.len();
            let label = if stale > 0 {
                format!("{events}, {users} users, {stale} stale")
            } else {
                format!("{events}, {users} users")
            };
            self.unfinished.push(job);
            self.push(job, &label).await?;
        }
    }

    /// Writes the records to a file, reads it through the profile and journals the job.
    fn journal(&mut self, selection: &Selection, events: &str) -> Result<i64> {
        let file = self.folder.write(selection)?;
        let catalog = self
            .profile
            .catalog(self.profile_path.parent().unwrap_or(Path::new(".")))?;
        let (mut sheet, mapper) = open_pulled(file.path(), self.profile, &catalog)?;
        let source = format!("webhooks from {}, {events}", self.from);
        let mut first_issue = None;
        let created = create_job(
            &mut self.store,
            &mut sheet,
            &mapper,
            &catalog,
            &JobSpec {
                source: &source,
                profile: self.profile_text,
                connection: self.to,
                policy: self.policy,
            },
            |issue| {
                first_issue.get_or_insert_with(|| issue.message.clone());
            },
        )?;
        if created.counts.invalid > 0 {
            eprintln!(
                "job {}: {} users held back by validation, e.g. {} (`muster jobs show {}` lists why)",
                created.job,
                created.counts.invalid,
                first_issue.unwrap_or_default(),
                created.job
            );
        }
        Ok(created.job)
    }

    fn mark_failed(&mut self, selection: &Selection) -> Result<()> {
        let mut ids = selection.covered();
        ids.extend(selection.failed.iter().map(|(id, _)| *id));
        self.store
            .mark_events(&ids, muster_engine::store::EventState::Failed, None)?;
        self.store.mark_events(
            &selection.stale,
            muster_engine::store::EventState::Stale,
            None,
        )?;
        Ok(())
    }

    /// Pushes job `job` and prints one line for it.
    async fn push(&mut self, job: i64, label: &str) -> Result<()> {
        let options = RunOptions {
            // Ctrl-C stops the listener between jobs, never in the middle of one.
            cancel: Arc::new(AtomicBool::new(false)),
            poll_every: Duration::from_secs(2),
            progress: Box::new(|_| {}),
        };
        let result = muster_engine::job::run(&mut self.store, job, self.target, options).await;
        let (ended, c) = match result {
            Ok(done) => done,
            Err(error) => {
                return Err(anyhow::Error::new(error).context(format!(
                    "job {job} ({label}) stopped before every user was sent"
                )));
            }
        };
        // Finished, or cancelled by `muster jobs cancel`: either way no longer this
        // listener's to resume.
        self.unfinished.retain(|&j| j != job);
        if ended == Ended::Cancelled {
            eprintln!("job {job} was cancelled; `muster jobs resume {job}` sends the rest");
        }
        println!(
            "job {job} ({label}): {} created, {} updated, {} unchanged, {} skipped, {} failed{}",
            c.created,
            c.updated,
            c.unchanged,
            c.skipped,
            c.failed,
            if c.failed > 0 {
                format!(" (`muster jobs show {job}` lists why)")
            } else {
                String::new()
            }
        );
        Ok(())
    }
}
