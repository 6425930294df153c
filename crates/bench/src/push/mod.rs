//! The push benchmark: jobs of generated people pushed by the real runner and connectors
//! to the sandbox's emulators, served in this process on loopback.
//!
//! `cargo run --release -p muster-bench -- --only push [--records N] [--paced-records N] [--targets lms,scim,…]`
//!
//! 1. Throughput: for each target kind, a job of N records (10,000 unless told) in a store
//!    file of its own with the real SQLite settings (WAL, `synchronous = FULL`), pushed
//!    with the emulators' request limit off and no client-side limiter. Prints records per
//!    second, requests the emulator saw and the store's size on disk.
//! 2. Paced ([`paced`]): a job held by the client to a published request limit against an
//!    emulator enforcing that same limit; the emulator's own request log says how fast the
//!    requests came and how many it refused with 429.

pub mod journal;
mod paced;
mod targets;

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use muster_engine::job::{RunOptions, run};
use muster_engine::store::Store;
use muster_sandbox::auth0::Auth0Config;
use muster_sandbox::{Sandbox, SandboxOptions};

pub use targets::Kind;

/// What the push benchmark is told.
pub struct PushOptions {
    /// Records in each throughput job.
    pub records: u64,
    /// Records in the paced job.
    pub paced_records: u64,
    /// The target kinds of the throughput part, in order.
    pub kinds: Vec<Kind>,
}

impl Default for PushOptions {
    fn default() -> Self {
        PushOptions {
            records: 10_000,
            paced_records: 1_000,
            kinds: Kind::ALL.to_vec(),
        }
    }
}

/// How long a bulk import "works" at the Auth0 emulator before it completes (its
/// default is a second; Authgear's emulator takes 200 ms a task and is not configurable).
const AUTH0_JOB: Duration = Duration::from_millis(200);

/// How often the runner polls an accepted bulk import.
const POLL_EVERY: Duration = Duration::from_millis(50);

pub fn run_all(options: &PushOptions) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let sandbox = Sandbox::start(SandboxOptions {
            auth0: Auth0Config {
                job_duration: AUTH0_JOB,
                rate_limit: None,
                ..Auth0Config::default()
            },
            ..SandboxOptions::default()
        })
        .await?;
        throughput(&sandbox, options).await?;
        if options.paced_records > 0 {
            paced::run(&sandbox, options.records, options.paced_records).await?;
        }
        Ok(())
    })
}

async fn throughput(sandbox: &Sandbox, options: &PushOptions) -> Result<()> {
    println!(
        "| target | records | failed | journal | push | records/s | requests | store size | per record |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for kind in &options.kinds {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("muster.db");
        let mut store = Store::open(&path)?;
        let started = Instant::now();
        let job = targets::journal(&mut store, *kind, kind.policy(), 0, options.records)?;
        let journaled = started.elapsed();
        let target = targets::target(*kind, sandbox, None)?;
        let requests_before = requests(sandbox, *kind);
        let options = RunOptions {
            poll_every: POLL_EVERY,
            ..RunOptions::default()
        };
        let started = Instant::now();
        let (_, counts) = run(&mut store, job, &target, options)
            .await
            .with_context(|| format!("pushing to {}", kind.name()))?;
        let pushed = started.elapsed();
        let sent = requests(sandbox, *kind) - requests_before;
        if counts.done() != counts.total {
            bail!("{}: not every record was settled: {counts:?}", kind.name());
        }
        drop(store);
        let size = store_size(&path)?;
        println!(
            "| {} | {} | {} | {:.2} s | {:.2} s | {:.0} | {} | {:.1} MB | {} B |",
            kind.name(),
            counts.total,
            counts.failed,
            journaled.as_secs_f64(),
            pushed.as_secs_f64(),
            counts.total as f64 / pushed.as_secs_f64(),
            sent,
            size as f64 / 1e6,
            size / counts.total.max(1),
        );
    }
    Ok(())
}

/// Requests the kind's emulator has seen so far (its request log).
fn requests(sandbox: &Sandbox, kind: Kind) -> usize {
    match kind {
        Kind::Lms => sandbox.lms().log().len(),
        Kind::Scim => sandbox.scim().log().len(),
        Kind::Auth0 => sandbox.auth0().log().len(),
        Kind::Authgear => sandbox.authgear().log().len(),
        Kind::Rest => sandbox.rest().log().len(),
    }
}

/// The store file with its write-ahead log, as the person's disk holds it.
fn store_size(path: &Path) -> Result<u64> {
    let mut size = std::fs::metadata(path)?.len();
    let wal = path.with_extension("db-wal");
    if let Ok(meta) = std::fs::metadata(wal) {
        size += meta.len();
    }
    Ok(size)
}
