//! A rehearsal against one emulator of a sandbox that runs in this test process (so the
//! test can set its faults and ask how often each user arrived), through the real `muster`
//! binary: a store, a connection saved with `muster connect add` (its secret in the
//! keychain), a generated file of people and a profile for the target. Shared by the kill
//! matrix, the two-processes test and the full-disk test.
#![allow(dead_code)] // each test binary uses its own share of these

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use muster_engine::store::{JobStatus, Store};
use muster_sandbox::auth0::Auth0Config;
use muster_sandbox::{Faults, RequestLog, Sandbox, SandboxOptions, Served};
use tempfile::TempDir;

use super::common::staff::{generate, profile};
use super::common::{repo, stderr, stdout, text};

pub struct Rehearsal {
    /// `[cell]` in every assertion.
    pub name: String,
    /// The connection kind: `lms`, `scim`, `rest`, `auth0`, `authgear`.
    pub kind: &'static str,
    pub sandbox: Sandbox,
    pub dir: TempDir,
    /// The store as `muster` sees it, and as this process reads it (the same file, seen
    /// through another mount namespace in the full-disk test).
    store: PathBuf,
    store_here: PathBuf,
    /// Put before every `muster` command line (`nsenter …` in the full-disk test).
    wrapper: Vec<OsString>,
    pub connection: String,
    pub file: PathBuf,
    /// Serves the sandbox; dropped after it.
    _runtime: tokio::runtime::Runtime,
}

impl Rehearsal {
    /// A sandbox, a store in a temporary folder with a connection to the `kind` emulator
    /// saved as `kill-LABEL-KIND-PID`, and a generated file of `rows` people.
    pub fn start(name: &str, label: &str, kind: &'static str, rows: u64) -> Rehearsal {
        let dir = TempDir::new().expect("a temporary folder");
        let store = dir.path().join("muster.db");
        Rehearsal::start_with(
            name,
            label,
            kind,
            rows,
            dir,
            (store.clone(), store),
            Vec::new(),
        )
    }

    /// As [`Rehearsal::start`], with the store at `store` (as `muster` sees it, as this
    /// process reads it) and every `muster` run through `wrapper`.
    pub fn start_with(
        name: &str,
        label: &str,
        kind: &'static str,
        rows: u64,
        dir: TempDir,
        (store, store_here): (PathBuf, PathBuf),
        wrapper: Vec<OsString>,
    ) -> Rehearsal {
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
        let file = generate(dir.path(), u32::try_from(rows).unwrap_or(u32::MAX), 31);
        let rehearsal = Rehearsal {
            name: name.to_owned(),
            kind,
            connection: format!("kill-{label}-{kind}-{}", std::process::id()),
            sandbox,
            dir,
            store,
            store_here,
            wrapper,
            file,
            _runtime: runtime,
        };
        let spec = rehearsal
            .sandbox
            .connections()
            .into_iter()
            .find(|spec| spec.kind == kind)
            .expect("the sandbox has the emulator");
        let line = spec.connect_add(&rehearsal.connection);
        let args: Vec<&str> = line.split_whitespace().skip(1).collect();
        let added = rehearsal.output_with_input(&args, &spec.secret);
        assert_eq!(added.status.code(), Some(0), "{}", stderr(&added));
        rehearsal
    }

    /// The store as `muster` sees it.
    pub fn store_path(&self) -> &Path {
        &self.store
    }

    /// The store, opened by this process. A store seen through another mount namespace
    /// is copied out first: SQLite resolves `/proc/PID/root` to this process's own root,
    /// so it would open (and create) another file.
    pub fn store(&self) -> Store {
        if self.store_here == self.store {
            return Store::open(&self.store_here).expect("the store opens");
        }
        let copy = self.dir.path().join("snapshot").join("muster.db");
        std::fs::create_dir_all(copy.parent().expect("a folder")).expect("the folder is made");
        for suffix in ["", "-wal", "-shm"] {
            let with = |path: &Path| {
                let mut name = path.as_os_str().to_owned();
                name.push(suffix);
                PathBuf::from(name)
            };
            let _ = std::fs::remove_file(with(&copy));
            if with(&self.store_here).exists() {
                std::fs::copy(with(&self.store_here), with(&copy)).expect("the store is copied");
            }
        }
        Store::open(&copy).expect("the store's copy opens")
    }

    pub fn counts(&self) -> muster_engine::store::JobCounts {
        self.store().counts(1).expect("the job's counts read")
    }

    /// The journal's identifiers of the job's records.
    pub fn keys(&self) -> Vec<String> {
        let records = self.store().records(1, None).expect("the records read");
        records.into_iter().map(|r| r.identifier).collect()
    }

    fn served(&self) -> &dyn Observed {
        match self.kind {
            "lms" => self.sandbox.lms(),
            "scim" => self.sandbox.scim(),
            "rest" => self.sandbox.rest(),
            "auth0" => self.sandbox.auth0(),
            _ => self.sandbox.authgear(),
        }
    }

    pub fn faults(&self) -> &Faults {
        self.served().faults_of()
    }

    pub fn log(&self) -> &RequestLog {
        self.served().log_of()
    }

    /// How often the user keyed `key` arrived at the emulator.
    pub fn arrivals(&self, key: &str) -> usize {
        self.sandbox
            .arrivals(self.kind, key)
            .expect("a target emulator")
    }

    /// `muster ARGS…` (through the wrapper), with the store's `--store` added.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = match self.wrapper.split_first() {
            Some((program, rest)) => {
                let mut command = Command::new(program);
                command.args(rest).arg(env!("CARGO_BIN_EXE_muster"));
                command
            }
            None => Command::new(env!("CARGO_BIN_EXE_muster")),
        };
        command.args(args).args(["--store", text(&self.store)]);
        command
    }

    pub fn output(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("muster runs")
    }

    fn output_with_input(&self, args: &[&str], input: &str) -> Output {
        super::common::output_with_input(&mut self.command(args), Some(input))
    }

    /// `muster run` on the generated file, with the target's profile and policy, and
    /// `extra` arguments.
    pub fn run_command(&self, extra: &[&str]) -> Command {
        let profile = self.profile();
        let mut args = vec!["run", text(&self.file), "--profile", text(&profile)];
        args.extend(["--to", &self.connection, "--policy", self.policy()]);
        args.extend(extra);
        self.command(&args)
    }

    /// The policy: skip where the target offers it (a user that arrived twice would show
    /// as skipped), update for LMS, which offers nothing else.
    pub fn policy(&self) -> &'static str {
        if self.kind == "lms" { "update" } else { "skip" }
    }

    /// The connector's profile; for LMS the job tests' fixture, without the sample's
    /// managers and its skip of inactive people, so every row is one record and batches
    /// are full.
    fn profile(&self) -> PathBuf {
        if self.kind == "lms" {
            return repo("fixtures/profiles/staff-lms.toml");
        }
        profile(self.dir.path(), self.kind)
    }

    pub fn resume(&self) -> Output {
        self.output(&["jobs", "resume", "1"])
    }

    /// Resumes until the job finishes (at most three runs); how many it took.
    pub fn resume_until_finished(&self) -> usize {
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

    /// The emulator's count and the journal, record by record: the job finished with
    /// `rows` records, the emulator holds `rows` users, each arrived once and is journaled
    /// `created`, or (where `second` names what the target answers to a second arrival)
    /// twice and journaled so. Returns how many arrived twice.
    pub fn assert_each_arrived_once(&self, rows: u64, second: Option<&str>) -> u64 {
        let name = &self.name;
        let store = self.store();
        let job = store.job(1).expect("the job reads");
        let c = job.counts;
        assert_eq!(job.status, JobStatus::Finished, "{name}: job status");
        assert_eq!(
            (c.total, c.pending, c.in_flight, c.failed, c.held_back),
            (rows, 0, 0, 0, 0),
            "{name}: (records, pending, in flight, failed, held back) in the journal"
        );
        assert_eq!(
            self.sandbox.users_held(self.kind),
            Some(rows as usize),
            "{name}: users at the emulator"
        );
        let mut twice = 0;
        for record in store.records(1, None).expect("the records read") {
            let what = format!("{name}: row {} ({})", record.source_row, record.identifier);
            let outcome = record
                .outcome
                .unwrap_or_else(|| panic!("{what} has no outcome"));
            let journaled = outcome.outcome.as_str();
            match (self.arrivals(&record.identifier), second) {
                (1, _) => assert_eq!(journaled, "created", "{what} arrived once"),
                (2, Some(second)) => {
                    twice += 1;
                    assert_eq!(journaled, second, "{what} arrived twice");
                }
                (n, _) => panic!("{what} arrived {n} times; journaled {journaled}"),
            }
        }
        twice
    }

    /// Creates the emulator handled (requests held and dropped are not among them).
    pub fn creates_handled(&self, create_path: &str) -> usize {
        self.log()
            .entries()
            .iter()
            .filter(|e| e.method == "POST" && e.path.starts_with(create_path))
            .count()
    }

    /// Waits until `seen` holds; a minute at most.
    pub fn wait_until(&self, what: &str, mut seen: impl FnMut() -> bool) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !seen() {
            assert!(Instant::now() < deadline, "{}: never saw {what}", self.name);
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Rehearsal {
    fn drop(&mut self) {
        let _ = self.output(&["connect", "remove", &self.connection.clone()]);
    }
}

/// An emulator's faults and log, whatever its kind.
trait Observed {
    fn faults_of(&self) -> &Faults;
    fn log_of(&self) -> &RequestLog;
}

impl<E> Observed for Served<E> {
    fn faults_of(&self) -> &Faults {
        self.faults()
    }
    fn log_of(&self) -> &RequestLog {
        self.log()
    }
}
