//! One cell of the fault matrix, start to end: a sandbox, a job of thirty users, the
//! scenario's faults, a first run (killed, or with tokens expiring, where the scenario
//! says), then runs again until the job finishes, as `muster jobs resume` would.

use std::fmt;
use std::time::{Duration, Instant};

use muster_engine::job::{Ended, JobError, run};
use muster_engine::store::Store;
use muster_engine::target::connector::AnyTarget;
use muster_sandbox::Sandbox;

use super::check;
use super::connector::Connector;
use super::scenario::{FirstRun, KillPoint, Scenario};

/// Runs after which a job that still has not finished is a failure. A target that takes a
/// batch in one request stops once per fault on it: six in the worst cells.
const MAX_RUNS: usize = 12;
/// How often accepted batches are polled.
const POLL: Duration = Duration::from_millis(50);
/// How long a watcher waits for the point it watches for.
const PATIENCE: Duration = Duration::from_secs(30);

/// A scenario against a connector: what every failure message names.
#[derive(Clone, Copy, Debug)]
pub struct Cell {
    pub scenario: Scenario,
    pub connector: Connector,
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{} × {}]", self.scenario.name(), self.connector.name())
    }
}

/// How one run ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Ran {
    Finished,
    /// Stopped with this error; the job stays resumable.
    Stopped(String),
    /// Killed at the scenario's point.
    Crashed,
}

/// Runs the cell named by the matrix's test module (`scenario`) and test (`connector`).
pub async fn cell(scenario: &str, connector: &str) {
    let cell = Cell {
        scenario: Scenario::named(scenario),
        connector: Connector::named(connector),
    };
    let sandbox = Sandbox::start(cell.connector.sandbox_options())
        .await
        .unwrap_or_else(|error| panic!("{cell}: the sandbox did not start: {error}"));
    let target = cell.connector.target(&sandbox, cell.scenario.http());
    let mut store = Store::in_memory().expect("an in-memory store opens");
    let (kind, key) = cell.connector.kind_and_key();
    let users = cell.connector.users();
    let job = super::common::journal(&mut store, kind, key, cell.connector.policy(), &users);
    cell.scenario.arm(cell.connector, &sandbox);

    let mut runs = vec![first_run(cell, &sandbox, &mut store, job, &target).await];
    while runs.last() != Some(&Ran::Finished) {
        assert!(
            runs.len() < MAX_RUNS,
            "{cell}: the job is still not finished after {} runs: {runs:#?}",
            runs.len()
        );
        cell.connector.quiet(&sandbox).await;
        runs.push(run_once(cell, &mut store, job, &target).await);
    }

    check::faults_served(cell, &sandbox);
    let tally = check::each_arrived_once(cell, &sandbox, &store, job);
    // Shown with `--nocapture`; docs/reliability.md quotes these lines.
    eprintln!("{cell} {} runs: {tally}", runs.len());
}

/// One run to its end, sorted: a stop is fine (faults cause them), anything else is not.
async fn run_once(cell: Cell, store: &mut Store, job: i64, target: &AnyTarget) -> Ran {
    match run(store, job, target, super::common::polling_every(POLL)).await {
        Ok((Ended::Finished, _)) => Ran::Finished,
        Ok((Ended::Cancelled, _)) => panic!("{cell}: the run was cancelled; nobody asked it to"),
        Err(JobError::Push(error)) => Ran::Stopped(error.to_string()),
        Err(other) => panic!("{cell}: the run failed in a way no fault explains: {other}"),
    }
}

/// The first run, with what the scenario does to it besides the faults.
async fn first_run(
    cell: Cell,
    sandbox: &Sandbox,
    store: &mut Store,
    job: i64,
    target: &AnyTarget,
) -> Ran {
    match cell.scenario.first_run(cell.connector) {
        FirstRun::Plain => run_once(cell, store, job, target).await,
        FirstRun::KillWhen(point) => {
            tokio::select! {
                ran = run_once(cell, store, job, target) => {
                    panic!("{cell}: the run ended ({ran:?}) before it could be killed at {point:?}")
                }
                // Dropping the run leaves the journal as a SIGKILL at this await would.
                () = killed_at(cell, sandbox, point) => Ran::Crashed,
            }
        }
        FirstRun::ExpireAuth0Tokens => {
            let (ran, ()) = tokio::join!(
                run_once(cell, store, job, target),
                expire_auth0_tokens(cell, sandbox)
            );
            ran
        }
    }
}

/// Returns once the kill point is reached.
async fn killed_at(cell: Cell, sandbox: &Sandbox, point: KillPoint) {
    let faults = cell.connector.faults(sandbox);
    let log = cell.connector.log(sandbox);
    let reached = || match point {
        KillPoint::HoldTaken => faults.pending().is_empty(),
        KillPoint::LateAnswerLogged => log
            .entries()
            .iter()
            .any(|e| e.fault.as_deref() == Some("late_answer")),
    };
    watch(cell, &format!("{point:?}"), reached).await;
}

/// Expires every token the tenant issued: once while the upload carrying the first one is
/// held before handling (so it is answered 401 and sent again with a new token), and once
/// after the upload was accepted (so a poll is answered 401).
async fn expire_auth0_tokens(cell: Cell, sandbox: &Sandbox) {
    let tenant = sandbox.auth0().emulator();
    let log = sandbox.auth0().log();
    let upload = cell.connector.create_path();
    watch(cell, "the first token request", || {
        log.count("POST", "/oauth/token") >= 1
    })
    .await;
    tenant.expire_tokens();
    let accepted = || {
        log.entries()
            .iter()
            .any(|e| e.method == "POST" && e.path == upload && e.status == Some(202))
    };
    watch(cell, "an accepted upload", accepted).await;
    tenant.expire_tokens();
}

async fn watch(cell: Cell, what: &str, mut seen: impl FnMut() -> bool) {
    let deadline = Instant::now() + PATIENCE;
    while !seen() {
        assert!(
            Instant::now() < deadline,
            "{cell}: the emulator's log never showed {what}"
        );
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
}
