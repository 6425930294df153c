//! Sending a journaled job: `jobs resume`, and the push that `run` and `jobs retry` end
//! with, with a progress bar and Ctrl-C as cancel.

use std::io::Write;
use std::time::Duration;

use anyhow::{Context, Result};
use muster_engine::job::{Ended, RunOptions};
use muster_engine::store::{Job, Store};
use muster_engine::target::catalog::TargetKind;
use muster_engine::target::connector::{AnyTarget, Target};

use super::{CANCELLED, SOME_FAILED};
use crate::progress::{cancel_on_ctrl_c, records_bar};
use crate::run::connection_target;
use crate::store_args::StoreArgs;

/// How a push ended, for the exit status.
pub enum Finish {
    Clean,
    /// Some records failed at the target.
    SomeFailed,
    Cancelled,
}

impl Finish {
    pub fn status(&self) -> u8 {
        match self {
            Finish::Clean => 0,
            Finish::SomeFailed => SOME_FAILED,
            Finish::Cancelled => CANCELLED,
        }
    }
}

/// `jobs resume ID`.
pub fn resume(id: i64, store: &StoreArgs, json: bool) -> Result<u8> {
    let mut store = store.open()?;
    let target = job_target(&store, id)?;
    let runtime = tokio::runtime::Runtime::new()?;
    Ok(runtime
        .block_on(push(&mut store, id, &target, json))?
        .status())
}

/// The target job `id` sends to, through its saved connection.
pub fn job_target(store: &Store, id: i64) -> Result<AnyTarget> {
    let job = store.job(id)?;
    let kind = TargetKind::from_name(&job.target_kind)
        .with_context(|| format!("job {id} names an unknown target \"{}\"", job.target_kind))?;
    connection_target(store, &job.connection, kind)
}

/// Pushes job `id` with a progress bar (terminal only) and Ctrl-C as cancel; prints the
/// outcome counts (or the job as JSON).
pub async fn push(store: &mut Store, id: i64, target: &impl Target, json: bool) -> Result<Finish> {
    let (finish, job) = drive(store, id, target, json).await?;
    if json {
        print_json(&job)?;
    } else {
        print_counts(&job);
    }
    Ok(finish)
}

/// Pushes job `id` as [`push`] does, printing nothing at the end: returns how it ended and
/// the job as it stands then.
pub async fn drive(
    store: &mut Store,
    id: i64,
    target: &impl Target,
    quiet: bool,
) -> Result<(Finish, Job)> {
    let cancel = cancel_on_ctrl_c();
    let bar = records_bar(
        store.counts(id)?.total,
        quiet,
        "{bar:30} {pos}/{len} records, {msg}",
    );
    let shown = bar.clone();
    let options = RunOptions {
        cancel,
        poll_every: Duration::from_secs(2),
        progress: Box::new(move |p| {
            shown.set_position(p.counts.done());
            let eta = p
                .eta()
                .map(|d| format!(", {} left", muster_engine::connect::human_duration(d)))
                .unwrap_or_default();
            shown.set_message(format!("{:.0} records/s{eta}", p.rate()));
        }),
    };
    let result = muster_engine::job::run(store, id, target, options).await;
    bar.finish_and_clear();
    let (ended, counts) = result?;
    let job = store.job(id)?;
    let finish = match ended {
        Ended::Cancelled => Finish::Cancelled,
        // Rows held back were never part of what this push could send: `run` and `retry
        // --file` count them into their own exit status.
        Ended::Finished if counts.failed > 0 => Finish::SomeFailed,
        Ended::Finished => Finish::Clean,
    };
    Ok((finish, job))
}

fn print_counts(job: &Job) {
    let c = &job.counts;
    let id = job.id;
    println!(
        "job {id} {}: {} created, {} updated, {} skipped, {} unchanged, {} failed{}{}",
        job.status.as_str(),
        c.created,
        c.updated,
        c.skipped,
        c.unchanged,
        c.failed,
        if c.held_back > 0 {
            format!(", {} held back by validation", c.held_back)
        } else {
            String::new()
        },
        if c.failed + c.held_back > 0 {
            format!(" (`muster jobs show {id}` lists them)")
        } else {
            String::new()
        }
    );
}

pub fn print_json(job: &Job) -> Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, job)?;
    writeln!(out)?;
    Ok(())
}
