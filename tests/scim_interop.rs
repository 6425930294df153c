//! Muster's SCIM connector against a real SCIM 2.0 server: `scim2-server` from PyPI (an
//! RFC 7643/7644 server that keeps its resources in memory), not our own emulator. Users
//! pushed by real jobs arrive with the server's ids and read back with their names, emails
//! and enterprise attributes; the update policy replaces only what changed and the skip
//! policy leaves everything alone; a refused token stops the job before any User is sent.
//!
//! `scripts/setup` installs the server in `~/.cache/muster/scim2-venv`. The test looks for
//! `scim2-server` in `$MUSTER_SCIM2_SERVER`, then on `PATH`, then in that venv; without it
//! the test fails and says how to install it.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use muster_engine::connect::{Auth, Client, ClientConfig, RetryClass, RetryPolicy};
use muster_engine::job::{Ended, JobError, Outcome, Policy, RunOptions, run};
use muster_engine::secrets::Secret;
use muster_engine::store::{JobStatus, NewJob, NewRecord, Store};
use muster_engine::target::connector::scim::Scim;
use muster_engine::target::connector::{Outgoing, PushError};
use tempfile::TempDir;

const USER: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const TOKEN: &str = "muster-interop-token";
const STAFF: usize = 10;

const INSTALL: &str = "scim2-server (the SCIM 2.0 server from PyPI this test runs against) \
was not found in $MUSTER_SCIM2_SERVER, on PATH, nor in ~/.cache/muster/scim2-venv. Install it \
with scripts/setup, or by hand: python3 -m venv ~/.cache/muster/scim2-venv && \
~/.cache/muster/scim2-venv/bin/pip install scim2-server (on Debian/Ubuntu, apt-get install \
python3-venv first); or set MUSTER_SCIM2_SERVER to its executable";

/// The `scim2-server` executable: `$MUSTER_SCIM2_SERVER`, else on `PATH`, else the venv
/// `scripts/setup` makes.
fn executable() -> PathBuf {
    if let Some(path) = std::env::var_os("MUSTER_SCIM2_SERVER") {
        let path = PathBuf::from(path);
        assert!(
            path.is_file(),
            "MUSTER_SCIM2_SERVER is {}, which is not a file",
            path.display()
        );
        return path;
    }
    let on_path: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|dirs| std::env::split_paths(&dirs).collect())
        .unwrap_or_default();
    let venv = std::env::var_os("HOME")
        .map(|home| PathBuf::from(home).join(".cache/muster/scim2-venv/bin"));
    on_path
        .into_iter()
        .chain(venv)
        .map(|dir| dir.join("scim2-server"))
        .find(|path| path.is_file())
        .unwrap_or_else(|| panic!("{INSTALL}"))
}

/// A running `scim2-server` on a free loopback port, stopped when dropped.
struct ScimServer {
    child: Child,
    /// The SCIM base URL, `http://127.0.0.1:PORT/v2`.
    base: String,
    log: PathBuf,
    _dir: TempDir,
}

impl ScimServer {
    /// Starts the server with `TOKEN` as its only bearer token and waits until it answers.
    async fn start() -> ScimServer {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free loopback port")
            .port();
        let dir = TempDir::new().unwrap();
        let log = dir.path().join("scim2-server.log");
        let out = std::fs::File::create(&log).unwrap();
        let program = executable();
        let child = Command::new(&program)
            .args(["--hostname", "127.0.0.1", "--port", &port.to_string()])
            .args(["--bearer-token", TOKEN])
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out)
            .spawn()
            .unwrap_or_else(|e| panic!("{} could not be started: {e}", program.display()));
        let mut server = ScimServer {
            child,
            base: format!("http://127.0.0.1:{port}/v2"),
            log,
            _dir: dir,
        };
        server.wait_until_ready().await;
        server
    }

    /// Polls `/ServiceProviderConfig` until it answers 200, for up to 20 seconds.
    async fn wait_until_ready(&mut self) {
        let http = client(TOKEN);
        let url = format!("{}/ServiceProviderConfig", self.base);
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!(
                    "scim2-server exited ({status}) before answering:\n{}",
                    self.log()
                );
            }
            let answer = http.http().get(&url).bearer_auth(TOKEN).send().await;
            if answer.is_ok_and(|response| response.status().as_u16() == 200) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "scim2-server did not answer GET {url} within 20 s:\n{}",
                self.log()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// What the server wrote so far (its request log), for failure messages.
    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// The Users the server lists for `filter` (all of them without one). The answer's JSON
    /// is held in an `Outgoing`'s payload: that field is the engine's JSON value, and this
    /// crate has no JSON library of its own.
    async fn list(&self, filter: Option<&str>) -> Outgoing {
        let url = format!("{}/Users", self.base);
        let query: Vec<(&str, &str)> = filter.map(|f| ("filter", f)).into_iter().collect();
        let response = client(TOKEN)
            .send(RetryClass::Idempotent, |http| {
                http.get(&url)
                    .query(&query)
                    .header("Accept", "application/scim+json")
            })
            .await
            .unwrap_or_else(|e| panic!("GET {url} {query:?}: {e}\n{}", self.log()));
        let mut answer = Outgoing {
            record_id: 0,
            source_row: 0,
            identifier: filter.unwrap_or_default().to_owned(),
            payload: Default::default(),
            bytes: 0,
        };
        answer.payload = response.json().await.expect("a SCIM ListResponse");
        answer
    }

    /// The one User whose `userName` is `user_name`, as the server returns it.
    async fn user(&self, user_name: &str) -> Outgoing {
        let mut list = self
            .list(Some(&format!("userName eq \"{user_name}\"")))
            .await;
        assert_eq!(list.payload["totalResults"], 1, "{}", list.payload);
        list.payload = list.payload["Resources"][0].take();
        list
    }
}

impl Drop for ScimServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn client(token: &str) -> Client {
    let mut config = ClientConfig::new("scim2-server", Auth::Bearer(Secret::new(token)));
    config.retry = RetryPolicy {
        min_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(50),
        ..RetryPolicy::default()
    };
    Client::new(config).unwrap()
}

fn name_of(n: usize) -> String {
    format!("user{n:02}@example.com")
}

/// A User as the SCIM mapping builds it, with the enterprise extension; `manager` is the
/// manager's `userName`, which the connector sends as the manager's `id`.
fn user(n: usize, title: &str, manager: Option<&str>) -> String {
    let manager = manager
        .map(|m| format!(r#","manager":{{"value":"{m}"}}"#))
        .unwrap_or_default();
    let name = name_of(n);
    format!(
        r#"{{"schemas":["{USER}","{ENTERPRISE}"],"userName":"{name}","name":{{"givenName":"Given{n}","familyName":"Family"}},"title":"{title}","emails":[{{"type":"work","primary":true,"value":"{name}"}}],"{ENTERPRISE}":{{"employeeNumber":"E{n:03}","department":"Engineering"{manager}}}}}"#
    )
}

fn staff() -> Vec<String> {
    (1..=STAFF).map(|n| user(n, "Engineer", None)).collect()
}

/// Journals `users` (in `user`'s shape) as a SCIM job; the identifier is the `userName`.
fn job(store: &mut Store, policy: Policy, users: &[String]) -> i64 {
    let records = users.iter().enumerate().map(|(row, payload)| NewRecord {
        source_row: row as u64 + 2,
        identifier: name_of(row + 1),
        payload: payload.clone(),
        manager: None,
    });
    store
        .create_job(
            &NewJob {
                source: "staff.csv",
                profile: "",
                target_kind: "scim",
                connection: "scim2-server",
                policy,
            },
            records,
        )
        .unwrap()
}

fn fast() -> RunOptions<'static> {
    RunOptions {
        poll_every: Duration::from_millis(20),
        ..RunOptions::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn users_pushed_to_a_real_scim_server_are_created_updated_and_skipped() {
    let server = ScimServer::start().await;
    let scim = Scim::new(client(TOKEN), &server.base);
    let mut store = Store::in_memory().unwrap();

    // Create: every User arrives, and the journal holds the server's id for it.
    let first = job(&mut store, Policy::Update, &staff());
    let (ended, counts) = run(&mut store, first, &scim, fast())
        .await
        .unwrap_or_else(|e| panic!("first push: {e:?}\n{}", server.log()));
    assert_eq!(ended, Ended::Finished);
    assert_eq!(store.job(first).unwrap().status, JobStatus::Finished);
    assert_eq!(
        (counts.total, counts.created, counts.failed),
        (STAFF as u64, STAFF as u64, 0),
        "{:?}\n{}",
        store.records(first, None).unwrap(),
        server.log()
    );
    assert_eq!(server.list(None).await.payload["totalResults"], STAFF);
    let mut ids = Vec::new();
    for record in store.records(first, None).unwrap() {
        let outcome = record.outcome.unwrap();
        assert_eq!(outcome.outcome, Outcome::Created);
        let at_server = server.user(&record.identifier).await.payload;
        let id = at_server["id"]
            .as_str()
            .expect("the server's id")
            .to_owned();
        assert_eq!(outcome.target_id.as_deref(), Some(id.as_str()));
        let n = record.source_row as usize - 1;
        assert_eq!(at_server["userName"], name_of(n));
        assert_eq!(at_server["name"]["givenName"], format!("Given{n}"));
        assert_eq!(at_server["name"]["familyName"], "Family");
        assert_eq!(at_server["emails"].as_array().map(Vec::len), Some(1));
        assert_eq!(at_server["emails"][0]["value"], name_of(n));
        assert_eq!(at_server["emails"][0]["primary"], true);
        assert_eq!(at_server["title"], "Engineer");
        assert_eq!(at_server[ENTERPRISE]["employeeNumber"], format!("E{n:03}"));
        assert_eq!(at_server[ENTERPRISE]["department"], "Engineering");
        ids.push(id);
    }

    // Update: user07 gets a manager, named by userName in the file; only it is replaced,
    // and the server holds the manager's id.
    let mut changed = staff();
    changed[6] = user(7, "Engineer", Some(&name_of(1)));
    let update = job(&mut store, Policy::Update, &changed);
    let (_, counts) = run(&mut store, update, &scim, fast()).await.unwrap();
    assert_eq!(
        (counts.updated, counts.unchanged, counts.failed),
        (1, STAFF as u64 - 1, 0),
        "{:?}\n{}",
        store.records(update, None).unwrap(),
        server.log()
    );
    let updated = store.records(update, Some(Outcome::Updated)).unwrap();
    assert_eq!(updated[0].identifier, name_of(7));
    assert_eq!(
        updated[0].outcome.as_ref().unwrap().target_id.as_deref(),
        Some(ids[6].as_str())
    );
    let seventh = server.user(&name_of(7)).await.payload;
    assert_eq!(seventh["id"], ids[6].as_str());
    assert_eq!(seventh[ENTERPRISE]["manager"]["value"], ids[0].as_str());
    assert_eq!(seventh["name"]["givenName"], "Given7");
    assert_eq!(seventh["emails"][0]["value"], name_of(7));

    // Skip: every User exists and is left alone, even one whose title changed in the file.
    let mut retitled = changed.clone();
    retitled[2] = user(3, "Head of Engineering", None);
    let skip = job(&mut store, Policy::Skip, &retitled);
    let (_, counts) = run(&mut store, skip, &scim, fast()).await.unwrap();
    assert_eq!((counts.skipped, counts.created), (STAFF as u64, 0));
    for record in store.records(skip, None).unwrap() {
        let outcome = record.outcome.unwrap();
        let n = record.source_row as usize - 1;
        assert_eq!(outcome.target_id.as_deref(), Some(ids[n - 1].as_str()));
    }
    assert_eq!(server.user(&name_of(3)).await.payload["title"], "Engineer");

    // The updated file again: the server's copy, manager id included, compares equal.
    let again = job(&mut store, Policy::Update, &changed);
    let (_, counts) = run(&mut store, again, &scim, fast()).await.unwrap();
    assert_eq!(
        (counts.unchanged, counts.updated),
        (STAFF as u64, 0),
        "{:?}",
        store.records(again, None).unwrap()
    );
    assert_eq!(server.list(None).await.payload["totalResults"], STAFF);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_the_real_server_refuses_stops_the_job_before_any_user_is_sent() {
    let server = ScimServer::start().await;
    let scim = Scim::new(client("not-the-token"), &server.base);
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Skip, &staff()[..3]);

    match run(&mut store, job, &scim, fast()).await {
        Err(JobError::Push(PushError::Refused { message })) => {
            assert!(message.contains("scim2-server"), "{message}");
            assert!(!message.contains("not-the-token"), "{message}");
        }
        other => panic!(
            "expected refused credentials, got {other:?}\n{}",
            server.log()
        ),
    }
    assert_eq!(store.counts(job).unwrap().pending, 3);
    assert_eq!(server.list(None).await.payload["totalResults"], 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_the_real_server_refuses_fails_with_its_type_and_detail() {
    let server = ScimServer::start().await;
    let scim = Scim::new(client(TOKEN), &server.base);
    let mut store = Store::in_memory().unwrap();
    let mut users = staff()[..2].to_vec();
    users.push(format!(r#"{{"schemas":["{USER}"],"title":"Ghost"}}"#));
    let job = job(&mut store, Policy::Update, &users);

    let (ended, counts) = run(&mut store, job, &scim, fast()).await.unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!((counts.created, counts.failed), (2, 1), "{}", server.log());
    let failed = store.records(job, Some(Outcome::Failed)).unwrap();
    let outcome = failed[0].outcome.as_ref().unwrap();
    assert_eq!(failed[0].identifier, name_of(3));
    assert_eq!(outcome.code.as_deref(), Some("invalidValue"));
    assert!(
        outcome.message.as_deref().unwrap().contains("userName"),
        "{outcome:?}"
    );
    assert_eq!(server.list(None).await.payload["totalResults"], 2);
}
