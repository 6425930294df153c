//! One cell of the kill matrix: a sandbox in this process, a store and a saved connection
//! to one emulator, `muster run` killed at the cell's point, `muster jobs resume` until the
//! job finishes, and what the emulator and the journal say then.

use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use muster_engine::store::{JobStatus, Store};
use muster_sandbox::auth0::Auth0Config;
use muster_sandbox::{Sandbox, SandboxOptions, Served};
use tempfile::TempDir;

use super::common::staff::{generate, profile};
use super::common::{muster, muster_with_input, stderr, stdout, text};
use super::point::{self, Connector, HOLD, Point, ROWS};

/// Runs the cell `point × kind` and prints its summary line.
pub fn run(point: &str, kind: &str) {
    let name = format!("[{point} × {kind}]");
    let label = point;
    let point = Point::named(point);
    let connector = Connector {
        kind: match kind {
            "lms" => "lms",
            "scim" => "scim",
            "rest" => "rest",
            "auth0" => "auth0",
            "authgear" => "authgear",
            other => panic!("no connector {other}"),
        },
    };
    let cell = Cell::start(&name, label, connector);
    point::hold(point, connector, cell.faults());

    let run = cell.start_run();
    cell.wait_until("the run held at its kill point", || {
        cell.faults().pending().is_empty()
    });
    let killed_at = Instant::now();
    kill(run);

    // Right after the kill, the journal knows the batch left or was about to.
    let counts = cell.counts();
    let (done, in_flight) = point::journal_at_kill(point, connector);
    assert_eq!(
        (counts.done(), counts.in_flight, counts.pending),
        (done, in_flight, ROWS - done - in_flight),
        "{name}: (done, in flight, pending) in the journal after the kill"
    );
    // A request held before handling dies with its connection; give it the time it was
    // held for, then check nothing more arrived than the point says.
    if let Some(left) = HOLD.checked_sub(killed_at.elapsed()) {
        std::thread::sleep(left + Duration::from_millis(300));
    }
    cell.wait_until("the emulator's accepted work done", || {
        !cell.sandbox.still_working(connector.kind)
    });
    let arrived: usize = cell.keys().iter().map(|key| cell.arrivals(key)).sum();
    assert_eq!(
        arrived as u64,
        point::arrived_at_kill(point, connector),
        "{name}: users that arrived at the emulator by the kill"
    );
    cell.faults().clear();

    let runs = cell.resume_until_finished();
    let twice = cell.assert_each_arrived_once(point);
    let log = cell.served().log();
    let creates = log
        .entries()
        .iter()
        .filter(|e| e.method == "POST" && e.path.starts_with(connector.create_path()))
        .count();
    let stored = cell.store().job(1).expect("the job reads");
    let c = stored.counts;
    println!(
        "{name} resumes to finish: {runs} · journal: {} created, {} updated, {} skipped · sent twice: {twice} · creates handled: {creates}, requests: {}",
        c.created,
        c.updated,
        c.skipped,
        log.len()
    );
}

struct Cell {
    name: String,
    connector: Connector,
    sandbox: Sandbox,
    dir: TempDir,
    connection: String,
    file: PathBuf,
    /// Serves the sandbox; dropped after it.
    _runtime: tokio::runtime::Runtime,
}

impl Cell {
    fn start(name: &str, point: &str, connector: Connector) -> Cell {
        let runtime = tokio::runtime::Runtime::new().expect("a runtime starts");
        let options = SandboxOptions {
            auth0: Auth0Config {
                job_duration: Duration::from_millis(300),
                ..Auth0Config::default()
            },
            ..SandboxOptions::default()
        };
        let sandbox = runtime
            .block_on(Sandbox::start(options))
            .expect("the sandbox starts");
        let dir = TempDir::new().expect("a temporary folder");
        let connection = format!("kill-{point}-{}-{}", connector.kind, std::process::id());
        let spec = sandbox
            .connections()
            .into_iter()
            .find(|spec| spec.kind == connector.kind)
            .expect("the sandbox has the emulator");
        let line = spec.connect_add(&connection);
        let mut args: Vec<&str> = line.split_whitespace().skip(1).collect();
        let store = dir.path().join("muster.db");
        args.extend(["--store", text(&store)]);
        let added = muster_with_input(&args, &spec.secret);
        assert_eq!(added.status.code(), Some(0), "{}", stderr(&added));
        let file = generate(dir.path(), ROWS as u32, 31);
        Cell {
            name: name.to_owned(),
            connector,
            _runtime: runtime,
            sandbox,
            dir,
            connection,
            file,
        }
    }

    fn store_path(&self) -> PathBuf {
        self.dir.path().join("muster.db")
    }

    fn store(&self) -> Store {
        Store::open(&self.store_path()).expect("the store opens")
    }

    fn counts(&self) -> muster_engine::store::JobCounts {
        self.store().counts(1).expect("the job's counts read")
    }

    /// The journal's identifiers of the job's records.
    fn keys(&self) -> Vec<String> {
        let records = self.store().records(1, None).expect("the records read");
        records.into_iter().map(|r| r.identifier).collect()
    }

    fn served(&self) -> &dyn Observed {
        match self.connector.kind {
            "lms" => self.sandbox.lms(),
            "scim" => self.sandbox.scim(),
            "rest" => self.sandbox.rest(),
            "auth0" => self.sandbox.auth0(),
            _ => self.sandbox.authgear(),
        }
    }

    fn faults(&self) -> &muster_sandbox::Faults {
        self.served().faults_of()
    }

    fn arrivals(&self, key: &str) -> usize {
        self.sandbox
            .arrivals(self.connector.kind, key)
            .expect("a target emulator")
    }

    fn start_run(&self) -> Child {
        Command::new(env!("CARGO_BIN_EXE_muster"))
            .arg("run")
            .arg(&self.file)
            .args(["--profile", text(&self.profile())])
            .args([
                "--to",
                &self.connection,
                "--policy",
                self.connector.policy(),
            ])
            .args(["--store", text(&self.store_path())])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("muster run starts")
    }

    /// The connector's profile; for LMS one without managers and without the sample's
    /// skip of inactive people, so every row is one record and batches are full.
    fn profile(&self) -> PathBuf {
        if self.connector.kind != "lms" {
            return profile(self.dir.path(), self.connector.kind);
        }
        let path = self.dir.path().join("lms-profile.toml");
        std::fs::write(&path, LMS_PROFILE).expect("the profile is written");
        path
    }

    fn resume(&self) -> Output {
        muster(&["jobs", "resume", "1", "--store", text(&self.store_path())])
    }

    /// Resumes until the job finishes (at most three runs); how many it took.
    fn resume_until_finished(&self) -> usize {
        for runs in 1..=3 {
            let out = self.resume();
            let status = self.store().job(1).expect("the job reads").status;
            if out.status.code() == Some(0) && status == JobStatus::Finished {
                return runs;
            }
            eprintln!(
                "{} resume {runs} ended {:?}: {}{}",
                self.name,
                out.status.code(),
                stdout(&out),
                stderr(&out)
            );
        }
        panic!("{}: the job did not finish in three resumes", self.name);
    }

    /// The emulator's count and the journal, record by record; how many records arrived
    /// twice by design.
    fn assert_each_arrived_once(&self, point: Point) -> u64 {
        let name = &self.name;
        let store = self.store();
        let job = store.job(1).expect("the job reads");
        let c = job.counts;
        assert_eq!(job.status, JobStatus::Finished, "{name}: job status");
        assert_eq!(
            (c.total, c.pending, c.in_flight, c.failed, c.held_back),
            (ROWS, 0, 0, 0, 0),
            "{name}: (records, pending, in flight, failed, held back) in the journal"
        );
        assert_eq!(
            self.sandbox.users_held(self.connector.kind),
            Some(ROWS as usize),
            "{name}: users at the emulator"
        );
        let mut twice = 0;
        for record in store.records(1, None).expect("the records read") {
            let what = format!("{name}: row {} ({})", record.source_row, record.identifier);
            let outcome = record
                .outcome
                .unwrap_or_else(|| panic!("{what} has no outcome"));
            let journaled = outcome.outcome.as_str();
            match (
                self.arrivals(&record.identifier),
                self.connector.second_arrival(),
            ) {
                (1, _) => assert_eq!(journaled, "created", "{what} arrived once"),
                (2, Some(second)) => {
                    twice += 1;
                    assert_eq!(journaled, second, "{what} arrived twice");
                }
                (n, _) => panic!("{what} arrived {n} times; journaled {journaled}"),
            }
        }
        assert_eq!(
            twice,
            point::sent_twice(point, self.connector),
            "{name}: records sent twice by design"
        );
        twice
    }

    /// Waits until `seen` holds; a minute at most.
    fn wait_until(&self, what: &str, mut seen: impl FnMut() -> bool) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !seen() {
            assert!(Instant::now() < deadline, "{}: never saw {what}", self.name);
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Cell {
    fn drop(&mut self) {
        let _ = muster(&[
            "connect",
            "remove",
            &self.connection,
            "--store",
            text(&self.store_path()),
        ]);
    }
}

/// An emulator's faults and log, whatever its kind.
trait Observed {
    fn faults_of(&self) -> &muster_sandbox::Faults;
    fn log(&self) -> &muster_sandbox::RequestLog;
}

impl<E> Observed for Served<E> {
    fn faults_of(&self) -> &muster_sandbox::Faults {
        self.faults()
    }
    fn log(&self) -> &muster_sandbox::RequestLog {
        Served::log(self)
    }
}

const LMS_PROFILE: &str = r#"version = 1
target = "lms"
identifier = "uid"

[[field]]
target = "uid"
column = "Employee ID"

[[field]]
target = "firstname"
column = "First Name"

[[field]]
target = "secondname"
column = "Last Name"

[[field]]
target = "email"
column = "Email"
transforms = [{ op = "trim" }, { op = "case", to = "lower" }]

[[field]]
target = "login"
column = "Email"
transforms = [{ op = "trim" }, { op = "case", to = "lower" }]
"#;

/// SIGKILL (what `Child::kill` sends on Unix), then reaped so the job's claim is free.
fn kill(mut run: Child) {
    run.kill().expect("muster run is killed");
    run.wait().expect("muster run is reaped");
}
