//! The pull benchmark: the HRIS emulator serves N generated employees (its hourly limits
//! lifted), and a child process pulls every page into a store on disk and journals the
//! users as an LMS job, printing the time of each step; the parent reads the child's peak
//! memory from `wait4`. Run for two sizes, the figures show whether memory stays flat.
//!
//! `cargo run --release -p muster-bench -- --only pull [--records N]`

use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use muster_engine::job::Policy;
use muster_engine::mapping::Profile;
use muster_engine::secrets::{MemorySecrets, Secret, SecretStore};
use muster_engine::source::{PullOptions, journal_pull, open_source, pull};
use muster_engine::store::{SavedConnection, Store};
use muster_engine::target::catalog::{self, TargetKind};
use muster_sandbox::hris::HrisConfig;
use muster_sandbox::{Sandbox, SandboxOptions};

const PROFILE: &str = include_str!("../../../samples/hris-lms-profile.toml");

/// Pulls 1/10 of `records` and then `records`, and prints a Markdown table.
pub fn run(records: u64) -> Result<()> {
    println!(
        "| users | pages | pull | users/s | peak memory after the pull | journal as a job | peak memory in all |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for n in [records / 10, records] {
        let runtime = tokio::runtime::Runtime::new()?;
        let sandbox = runtime.block_on(Sandbox::start(SandboxOptions {
            hris: HrisConfig {
                employees: usize::try_from(n)?,
                list_per_hour: usize::MAX / 2,
                ..HrisConfig::default()
            },
            ..SandboxOptions::default()
        }))?;
        let hris = sandbox.hris();
        let dir = tempfile::TempDir::new()?;
        let child = Command::new(std::env::current_exe()?)
            .args(["--child-pull", hris.url(), hris.emulator().read_token()])
            .arg(dir.path())
            .stdout(std::process::Stdio::piped())
            .spawn()?;
        let (text, peak_kib) = crate::wait_for(child, "pull")?;
        let mut fields = text.split_whitespace().map(str::parse::<u64>);
        let mut next = || -> Result<u64> { Ok(fields.next().context("a figure is missing")??) };
        let (users, pages, pull_ns, journal_ns) = (next()?, next()?, next()?, next()?);
        let pull_peak_kib = next()?;
        let pull = Duration::from_nanos(pull_ns);
        println!(
            "| {users} | {pages} | {:.2} s | {:.0} | {:.1} MB | {:.2} s | {:.1} MB |",
            pull.as_secs_f64(),
            users as f64 / pull.as_secs_f64(),
            pull_peak_kib as f64 / 1024.0,
            Duration::from_nanos(journal_ns).as_secs_f64(),
            peak_kib as f64 / 1024.0
        );
        runtime.block_on(sandbox.shutdown())?;
    }
    Ok(())
}

/// The child: `--child-pull URL TOKEN DIR`; prints `USERS PAGES PULL_NS JOURNAL_NS`.
pub fn child(args: &[String]) -> Result<()> {
    let [url, token, dir] = args else {
        bail!("usage: --child-pull URL TOKEN DIR");
    };
    let dir = std::path::Path::new(dir);
    let secrets = MemorySecrets::default();
    secrets.set("bench-hris", "token", &Secret::new(token.as_str()))?;
    let connection = SavedConnection {
        name: "bench-hris".to_owned(),
        kind: "hris".to_owned(),
        url: url.clone(),
        settings: [("list_per_hour", "1000000000")]
            .iter()
            .map(|(k, v)| ((*k).to_owned(), serde_json::Value::from(*v)))
            .collect(),
    };
    let source = open_source(&connection, &secrets)?;
    let mut store = Store::open(&dir.join("muster.db"))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let start = Instant::now();
    let options = PullOptions {
        full: true,
        filters: Vec::new(),
        only: Vec::new(),
        cancel: None,
        report: &|_| {},
    };
    let pulled = runtime.block_on(pull(&mut store, &source, &options))?;
    let pulled_in = start.elapsed();
    let peak_after_pull = peak_kib();
    let start = Instant::now();
    let profile = Profile::from_toml(PROFILE)?;
    let catalog = catalog::builtin(TargetKind::Lms).context("the LMS catalog")?;
    let job = journal_pull(
        &mut store,
        &pulled,
        dir,
        &profile,
        PROFILE,
        &catalog,
        "bench-lms",
        Policy::Update,
        |_| {},
    )?;
    let journaled_in = start.elapsed();
    println!(
        "{} {} {} {} {peak_after_pull}",
        job.created.counts.valid + job.created.counts.invalid,
        pulled.pages,
        pulled_in.as_nanos(),
        journaled_in.as_nanos()
    );
    Ok(())
}

/// The process's peak resident memory so far (KiB), from /proc on Linux; 0 elsewhere.
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
                .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}
