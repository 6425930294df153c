//! `muster run` killed with SIGKILL while pushing to Auth0, then `muster jobs resume`:
//! against a `muster sandbox` process whose import jobs take seconds, with the connection
//! saved by `muster connect add` (its secret in the OS keychain). Two kill points:
//!
//! - while the accepted import job is being polled: the journal holds the job's id, and
//!   the resume polls that job instead of uploading the file again;
//! - after the upload arrived and before its answer did (the sandbox holds the answer):
//!   the journal holds no job id, and the resume, once Auth0 finished the job it never
//!   heard of, finds every user by email instead of uploading them again.
//!
//! Both assert from the emulator's own log and Management API that each user was imported
//! exactly once, and from `muster jobs show` that every record is `created`.
//!
//! Run locally with a keychain: `dbus-run-session -- bash -c 'echo -n pw |
//! gnome-keyring-daemon --daemonize --unlock --components=secrets; cargo test -p muster-cli
//! --test crash'`.

mod common;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::sandbox::{Emulator, SandboxProcess, block_on};
use common::staff::{emails, generate, job, profile};
use common::{muster, stderr, stdout, text};
use serde_json::{Value, json};
use tempfile::TempDir;

const UPLOAD: &str = "/api/v2/jobs/users-imports";
const POLL: &str = "/api/v2/jobs/job_";
const ROWS: u32 = 40;

/// A store, a saved Auth0 connection to the sandbox, a generated file and its profile.
struct Setup {
    dir: TempDir,
    connection: String,
}

impl Setup {
    fn new(auth0: &Emulator, label: &str) -> Setup {
        let dir = TempDir::new().unwrap();
        let connection = format!("crash-{label}-{}", std::process::id());
        let added = auth0.save_as(&connection, &dir.path().join("muster.db"));
        assert_eq!(added.status.code(), Some(0), "{}", stderr(&added));
        Setup { dir, connection }
    }

    fn store(&self) -> std::path::PathBuf {
        self.dir.path().join("muster.db")
    }

    /// Starts `muster run` on `file` with the skip policy (a user found is not written
    /// again, so a second import would show).
    fn start_run(&self, file: &Path) -> Child {
        Command::new(env!("CARGO_BIN_EXE_muster"))
            .arg("run")
            .arg(file)
            .args(["--profile", text(&profile(self.dir.path(), "auth0"))])
            .args(["--to", &self.connection, "--policy", "skip"])
            .args(["--store", text(&self.store())])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("muster run starts")
    }

    fn resume(&self) {
        let out = muster(&["jobs", "resume", "1", "--store", text(&self.store())]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}{}",
            stdout(&out),
            stderr(&out)
        );
    }
}

impl Drop for Setup {
    fn drop(&mut self) {
        let _ = muster(&[
            "connect",
            "remove",
            &self.connection,
            "--store",
            text(&self.store()),
        ]);
    }
}

/// Waits until `seen` holds; `muster run` has at most a minute to get there.
fn wait_until(what: &str, mut seen: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !seen() {
        assert!(Instant::now() < deadline, "never saw {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// SIGKILL (what `Child::kill` sends on Unix), then reaped so the job's claim is free.
fn kill(mut run: Child) {
    run.kill().expect("muster run is killed");
    run.wait().expect("muster run is reaped");
}

/// A Management API token for the tenant, from the credentials the banner printed.
fn management_token(auth0: &Emulator) -> String {
    let answer: Value = block_on(async {
        reqwest::Client::new()
            .post(format!("{}/oauth/token", auth0.url))
            .json(&json!({
                "grant_type": "client_credentials",
                "client_id": auth0.credential("client_id"),
                "client_secret": auth0.credential("client_secret"),
                "audience": auth0.credential("audience"),
            }))
            .send()
            .await?
            .json()
            .await
    })
    .expect("the tenant issues a token");
    answer["access_token"].as_str().expect("a token").to_owned()
}

/// A Management API `GET`, waited for while the tenant's rate limit (50 requests a
/// second) answers 429.
async fn get(http: &reqwest::Client, request: reqwest::RequestBuilder) -> Value {
    let request = request.build().expect("the request builds");
    loop {
        let copy = request.try_clone().expect("a GET clones");
        let answer = http.execute(copy).await.expect("the tenant answers");
        if answer.status() == reqwest::StatusCode::TOO_MANY_REQUESTS {
            tokio::time::sleep(Duration::from_millis(200)).await;
            continue;
        }
        assert!(answer.status().is_success(), "{}", answer.status());
        return answer.json().await.expect("the answer is JSON");
    }
}

/// `GET /api/v2/users-by-email` for each email: how many users each has.
fn users_by_email(auth0: &Emulator, token: &str, emails: &[String]) -> Vec<usize> {
    block_on(async {
        let http = reqwest::Client::new();
        let mut found = Vec::with_capacity(emails.len());
        for email in emails {
            let request = http
                .get(format!("{}/api/v2/users-by-email", auth0.url))
                .query(&[("email", email)])
                .bearer_auth(token);
            found.push(get(&http, request).await.as_array().map_or(0, Vec::len));
        }
        found
    })
}

/// `GET /api/v2/jobs/{id}` for every import job the log shows polled.
fn import_jobs(auth0: &Emulator, token: &str) -> Vec<Value> {
    let ids: Vec<String> = auth0
        .requests()
        .iter()
        .filter(|e| e["method"] == "GET" && e["status"] == 200)
        .filter_map(|e| {
            e["path"]
                .as_str()?
                .strip_prefix("/api/v2/jobs/")
                .map(str::to_owned)
        })
        .filter(|id| !id.contains('/'))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    block_on(async {
        let http = reqwest::Client::new();
        let mut jobs = Vec::new();
        for id in ids {
            let request = http
                .get(format!("{}/api/v2/jobs/{id}", auth0.url))
                .bearer_auth(token);
            jobs.push(get(&http, request).await);
        }
        jobs
    })
}

/// From the emulator: one upload accepted, its job inserted every user, each email is one
/// user; from the store: every record created.
fn assert_imported_once(setup: &Setup, auth0: &Emulator, file: &Path) {
    assert_eq!(
        auth0.count("POST", UPLOAD, Some(202)),
        1,
        "uploads Auth0 accepted"
    );
    let token = management_token(auth0);
    let jobs = import_jobs(auth0, &token);
    assert!(jobs.len() <= 1, "{jobs:?}");
    if let Some(imported) = jobs.first() {
        assert_eq!(imported["status"], "completed", "{imported}");
        assert_eq!(imported["summary"]["inserted"], ROWS, "{imported}");
        assert_eq!(imported["summary"]["failed"], 0, "{imported}");
    }
    let emails = emails(file);
    let found = users_by_email(auth0, &token, &emails);
    for (email, users) in emails.iter().zip(found) {
        assert_eq!(users, 1, "users with the email {email}");
    }

    let shown = job(&setup.store(), 1);
    let counts = &shown["counts"];
    assert_eq!(shown["status"], "finished", "{shown}");
    assert_eq!(counts["total"], ROWS, "{shown}");
    assert_eq!(counts["created"], ROWS, "{shown}");
}

#[test]
fn a_run_killed_while_auth0_works_on_the_import_is_resumed_by_polling_that_job() {
    // Jobs take three seconds; `muster run` polls every two.
    let sandbox = SandboxProcess::start(&["--auth0-job-ms", "3000"]);
    let auth0 = sandbox.emulator("auth0");
    let setup = Setup::new(auth0, "poll");
    let file = generate(setup.dir.path(), ROWS, 21);

    let run = setup.start_run(&file);
    wait_until("the import job polled", || {
        auth0.count("GET", POLL, Some(200)) >= 1
    });
    kill(run);
    let killed = job(&setup.store(), 1);
    assert_eq!(killed["counts"]["in_flight"], ROWS, "{killed}");

    let polled_before = auth0.count("GET", POLL, None);
    setup.resume();
    assert!(
        auth0.count("GET", POLL, None) > polled_before,
        "the resume did not poll the job"
    );
    assert_imported_once(&setup, auth0, &file);
    let token = management_token(auth0);
    assert_eq!(import_jobs(auth0, &token).len(), 1);
}

#[test]
fn a_run_killed_between_the_upload_and_its_answer_finds_the_users_on_resume() {
    let sandbox = SandboxProcess::start(&["--auth0-job-ms", "1000"]);
    let auth0 = sandbox.emulator("auth0");
    // The upload is carried out at once; its answer (the job id) is held back.
    auth0.add_fault(&json!({
        "kind": "late_answer", "ms": 60_000, "method": "POST", "path": UPLOAD
    }));
    let setup = Setup::new(auth0, "answer");
    let file = generate(setup.dir.path(), ROWS, 22);

    let run = setup.start_run(&file);
    wait_until("the upload carried out", || {
        auth0.count("POST", UPLOAD, Some(202)) == 1
    });
    kill(run);
    let killed = job(&setup.store(), 1);
    assert_eq!(killed["counts"]["in_flight"], ROWS, "{killed}");

    // A person resumes after Auth0 finished the job nobody heard of (a resume while it
    // still runs would find no user yet and upload the file again).
    let token = management_token(auth0);
    let last = emails(&file).split_off(ROWS as usize - 1);
    wait_until("the orphaned import done", || {
        users_by_email(auth0, &token, &last) == [1]
    });
    setup.resume();
    assert_imported_once(&setup, auth0, &file);
    // Nothing polled: the resume never learnt the job's id, and needed not.
    assert_eq!(auth0.count("GET", POLL, None), 0);
}
