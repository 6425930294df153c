//! The paced run: does a job held to a target's published request limit stay under it?
//!
//! The Auth0 emulator enforces the Management API limit it ships with (its default
//! `rate_limit`, a fixed window) and answers 429 past it. The job is an `update` of people
//! of whom half exist already: Auth0's summary then mixes inserts and updates, and the
//! connector looks every user up by email after the import, one request each, which is
//! the burst a limit is for. The same job runs twice on fresh people: with the client's
//! limiter at the published figure, and without it. The figures come from the emulator's
//! request log, not from the client.

use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use muster_engine::connect::RateLimit;
use muster_engine::job::{Policy, RunOptions, run as run_job};
use muster_engine::store::Store;
use muster_sandbox::auth0::Auth0Config;
use muster_sandbox::{LoggedRequest, Sandbox};

use super::targets::{self, Kind};

/// The requests the emulator's limit counts (`/oauth/token` is not).
const METERED: &str = "/api/v2/";

pub async fn run(sandbox: &Sandbox, after: u64, count: u64) -> Result<()> {
    let published = Auth0Config::default()
        .rate_limit
        .context("the Auth0 emulator has no default request limit")?;
    let limit = RateLimit::new(published.limit, published.window)?;
    let emulator = sandbox.auth0().emulator();
    emulator.update_config(|config| config.rate_limit = Some(published));
    println!();
    println!(
        "Paced: {count} Auth0 records (update, half of them existing) against the emulator's limit of {} requests per {:?}",
        published.limit, published.window
    );
    println!();
    println!("| client limiter | requests | span | requests/s | busiest 1 s | 429s | outcome |");
    println!("|---|---:|---:|---:|---:|---:|---|");
    // People after those of the throughput jobs, a fresh range for each run.
    for (round, limiter) in [Some(limit), None].into_iter().enumerate() {
        let first = after + 1_000_000 * (round as u64 + 1);
        for n in first..first + count / 2 {
            emulator.seed_user(&targets::email(n));
        }
        // A fresh window: the previous run's requests do not count against this one.
        tokio::time::sleep(published.window + Duration::from_millis(100)).await;
        sandbox.auth0().log().clear();
        let outcome = push(sandbox, first, count, limiter).await;
        let seen = Metered::from_log(&sandbox.auth0().log().entries(), published.window);
        println!(
            "| {} | {} | {:.2} s | {:.1} | {} | {} | {} |",
            limiter.map_or("off".to_owned(), |l| l.to_string()),
            seen.requests,
            seen.span.as_secs_f64(),
            seen.rate(),
            seen.busiest,
            seen.refused,
            outcome,
        );
    }
    emulator.update_config(|config| config.rate_limit = None);
    Ok(())
}

/// Journals and pushes the job; says how it ended, in words for the table.
async fn push(sandbox: &Sandbox, first: u64, count: u64, limit: Option<RateLimit>) -> String {
    let attempt = async {
        let dir = tempfile::tempdir()?;
        let mut store = Store::open(&dir.path().join("muster.db"))?;
        let job = targets::journal(&mut store, Kind::Auth0, Policy::Update, first, count)?;
        let target = targets::target(Kind::Auth0, sandbox, limit)?;
        let options = RunOptions {
            poll_every: super::POLL_EVERY,
            ..RunOptions::default()
        };
        let started = Instant::now();
        let (_, counts) = run_job(&mut store, job, &target, options).await?;
        anyhow::Ok(format!(
            "{} created, {} updated, {} failed in {:.1} s",
            counts.created,
            counts.updated,
            counts.failed,
            started.elapsed().as_secs_f64()
        ))
    };
    attempt
        .await
        .unwrap_or_else(|error| format!("stopped: {error:#}"))
}

/// What the emulator's log shows of the metered requests.
struct Metered {
    requests: usize,
    refused: usize,
    /// From the first request's arrival to the last one's.
    span: Duration,
    /// The most requests that arrived within any one window's length.
    busiest: usize,
}

impl Metered {
    fn from_log(log: &[LoggedRequest], window: Duration) -> Metered {
        let mut arrivals: Vec<u64> = log
            .iter()
            .filter(|entry| entry.path.starts_with(METERED))
            .map(|entry| entry.at_ms)
            .collect();
        arrivals.sort_unstable();
        let window_ms = u64::try_from(window.as_millis()).unwrap_or(u64::MAX);
        let mut busiest = 0;
        let mut start = 0;
        for (end, at) in arrivals.iter().enumerate() {
            while at - arrivals[start] >= window_ms {
                start += 1;
            }
            busiest = busiest.max(end - start + 1);
        }
        let span = match (arrivals.first(), arrivals.last()) {
            (Some(first), Some(last)) => Duration::from_millis(last - first),
            _ => Duration::ZERO,
        };
        Metered {
            requests: arrivals.len(),
            refused: log
                .iter()
                .filter(|entry| entry.path.starts_with(METERED) && entry.status == Some(429))
                .count(),
            span,
            busiest,
        }
    }

    /// Requests per second between the first arrival and the last.
    fn rate(&self) -> f64 {
        let seconds = self.span.as_secs_f64();
        if seconds > 0.0 {
            (self.requests.saturating_sub(1)) as f64 / seconds
        } else {
            0.0
        }
    }
}
