//! Jobs pushed to the sandbox's emulators through the real connectors: every valid record
//! arrives exactly once, failures land on their rows, and a job stopped by a server
//! failure resumes where it stopped.

use std::path::Path;
use std::time::Duration;

use muster_datagen::{Format, Spec};
use muster_engine::connect::{Auth, Client, ClientConfig, RetryPolicy};
use muster_engine::job::{Ended, JobError, JobSpec, Outcome, Policy, RunOptions, create_job, run};
use muster_engine::mapping::{Mapper, Profile};
use muster_engine::secrets::Secret;
use muster_engine::sheet::{self, ReadOptions};
use muster_engine::store::{JobStatus, Store};
use muster_engine::target::catalog::{self, TargetKind};
use muster_engine::target::connector::PushError;
use muster_engine::target::connector::lms::Lms;
use muster_sandbox::{Fault, Sandbox, SandboxOptions};
use tempfile::TempDir;

const PROFILE: &str = include_str!("../samples/lms-profile.toml");

/// A generated staff file journaled as an LMS job; returns the job and its valid count.
fn lms_job(store: &mut Store, dir: &Path, rows: u64) -> (i64, u64) {
    let path = dir.join("staff.csv");
    let spec = Spec {
        rows,
        defect_rate: 0.05,
        seed: 11,
    };
    muster_datagen::write_file(&path, &Format::parse("csv").unwrap(), &spec).unwrap();
    let catalog = catalog::builtin(TargetKind::Lms).unwrap();
    let profile = Profile::from_toml(PROFILE).unwrap();
    let mut sheet = sheet::open(&path, &ReadOptions::default()).unwrap();
    let mapper = Mapper::new(&profile, &catalog, sheet.columns()).unwrap();
    let mut issues = 0;
    let created = create_job(
        store,
        &mut sheet,
        &mapper,
        &catalog,
        &JobSpec {
            source: "staff.csv",
            profile: PROFILE,
            connection: "lms-sandbox",
            policy: Policy::Update,
        },
        |_| issues += 1,
    )
    .unwrap();
    assert!(created.counts.invalid > 0 && issues > 0, "{created:?}");
    (created.job, created.counts.valid)
}

fn lms(sandbox: &Sandbox, token: &str) -> Lms {
    let mut config = ClientConfig::new("lms-sandbox", Auth::Bearer(Secret::new(token)));
    config.retry = RetryPolicy {
        min_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(50),
        ..RetryPolicy::default()
    };
    Lms::new(Client::new(config).unwrap(), sandbox.lms().url())
}

fn fast() -> RunOptions<'static> {
    RunOptions {
        poll_every: Duration::from_millis(20),
        ..RunOptions::default()
    }
}

/// Every journaled record is at the emulator, sent once.
fn assert_each_arrived_once(store: &Store, job: i64, sandbox: &Sandbox) {
    let records = store.records(job, None).unwrap();
    let emulator = sandbox.lms().emulator();
    assert_eq!(emulator.users().len(), records.len());
    for record in &records {
        assert_eq!(
            emulator.post_count(&record.identifier),
            1,
            "row {} ({})",
            record.source_row,
            record.identifier
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_lms_job_creates_every_valid_record_once() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("muster.db")).unwrap();
    let (job, valid) = lms_job(&mut store, dir.path(), 120);
    let target = lms(&sandbox, sandbox.lms().emulator().token());

    let mut seen = Vec::new();
    let options = RunOptions {
        progress: Box::new(|p| seen.push(p.counts.done())),
        ..fast()
    };
    let (ended, counts) = run(&mut store, job, &target, options).await.unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!(counts.total, valid);
    assert_eq!(counts.created, valid);
    assert_eq!(counts.pending + counts.in_flight + counts.failed, 0);
    assert_eq!(store.job(job).unwrap().status, JobStatus::Finished);
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    assert_eq!(seen.last().copied(), Some(valid));
    assert_each_arrived_once(&store, job, &sandbox);

    // Running the finished job again sends nothing.
    let before = sandbox.lms().log().len();
    let (ended, _) = run(&mut store, job, &target, fast()).await.unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!(sandbox.lms().log().len(), before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_errors_stop_the_job_and_resume_sends_only_what_did_not_arrive() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("muster.db")).unwrap();
    let (job, valid) = lms_job(&mut store, dir.path(), 80);
    let target = lms(&sandbox, sandbox.lms().emulator().token());
    // A create that meets a 500 may have been carried out: not retried, the run stops.
    sandbox.lms().faults().push(
        Fault::status(axum_status(500), "{\"error\":\"Internal Server Error\"}")
            .times(2)
            .on("POST", "/api/v2/users-import/single"),
    );
    let stopped = run(&mut store, job, &target, fast()).await;
    assert!(
        matches!(stopped, Err(JobError::Push(PushError::Uncertain { .. }))),
        "{stopped:?}"
    );
    let halfway = store.job(job).unwrap();
    assert_eq!(halfway.status, JobStatus::Interrupted);
    assert!(halfway.counts.created < valid, "{:?}", halfway.counts);

    let (ended, counts) = run(&mut store, job, &target, fast()).await.unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!(counts.created, valid);
    assert_each_arrived_once(&store, job, &sandbox);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_token_sends_nothing_and_keeps_the_job_pending() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("muster.db")).unwrap();
    let (job, valid) = lms_job(&mut store, dir.path(), 30);
    let target = lms(&sandbox, "not-the-token");
    let refused = run(&mut store, job, &target, fast()).await;
    match refused {
        Err(JobError::Push(PushError::Refused { message })) => {
            assert!(message.contains("lms-sandbox"), "{message}");
            assert!(!message.contains("not-the-token"), "{message}");
        }
        other => panic!("expected refused credentials, got {other:?}"),
    }
    let counts = store.counts(job).unwrap();
    assert_eq!(counts.pending, valid);
    assert!(sandbox.lms().emulator().users().is_empty());
    assert!(
        store
            .records(job, Some(Outcome::Created))
            .unwrap()
            .is_empty()
    );
}

fn axum_status(code: u16) -> axum::http::StatusCode {
    axum::http::StatusCode::from_u16(code).unwrap()
}
