//! `muster listen` as a source would use it: signed user events POSTed to a listener that
//! pushes to the sandbox's LMS. A valid event is answered `accepted` and reaches the LMS
//! once; the same body again is a `duplicate`; a forged signature is refused with 401 and
//! kept nowhere; an older change delivered after a newer one was applied is `stale` and
//! never sent. Needs a Secret Service (see crates/engine/tests/keychain.rs).

mod common;

use common::sandbox::{block_on, start_sandbox};
use common::{muster, muster_with_input, stderr, stdout, text};

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use muster_engine::secrets::{Keychain, Secret, SecretStore};
use muster_engine::source::webhook::sign;
use muster_engine::store::{EventState, SavedConnection, Store};
use serde_json::{Value, json};
use tempfile::TempDir;

const SECRET: &str = "whsec-listen-test-9f8e7d";
/// The keychain outlives the test (its files are in the home folder): each run names its
/// own source, so a secret an earlier run saved is never found here.
fn source() -> String {
    format!("acme-hris-{}", std::process::id())
}

const PROFILE: &str = r#"version = 1
target = "lms"
identifier = "uid"

[[field]]
target = "uid"
column = "uid"

[[field]]
target = "email"
column = "email"

[[field]]
target = "login"
column = "email"

[[field]]
target = "firstname"
column = "first_name"

[[field]]
target = "secondname"
column = "last_name"

[[field]]
target = "is_active"
column = "active"
transforms = [{ op = "map", values = { "true" = "1", "false" = "0" } }]
"#;

fn event(name: &str, at: &str, uid: &str, first: &str, active: bool) -> Vec<u8> {
    let email = format!("{}@example.com", uid.to_lowercase());
    json!({"event": name, "timestamp": at, "data": {"uid": uid, "user": {
        "uid": uid, "email": email, "first_name": first, "last_name": "Tester",
        "full_name": format!("{first} Tester"), "active": active,
        "job_title": "Engineer", "manager": {"uid": "E0"}}}})
    .to_string()
    .into_bytes()
}

/// POSTs `body` with `signature` as the X-MangoApps-Signature; the status and JSON answer.
fn post(url: &str, body: &[u8], signature: &str) -> (u16, Value) {
    block_on(async {
        let answer = reqwest::Client::new()
            .post(url)
            .header("Content-Type", "application/json")
            .header("X-MangoApps-Signature", signature)
            .body(body.to_vec())
            .send()
            .await?;
        let status = answer.status().as_u16();
        Ok::<_, reqwest::Error>((status, answer.json::<Value>().await?))
    })
    .expect("the listener answers")
}

fn signed(url: &str, body: &[u8]) -> (u16, Value) {
    post(url, body, &sign(&Secret::new(SECRET), body))
}

/// Waits until `count` events are journaled and none waits to be applied.
fn settled(store: &Path, source: &str, count: usize) {
    let start = Instant::now();
    loop {
        let events = Store::open(store).unwrap().events(source).unwrap();
        if events.len() >= count && events.iter().all(|e| e.state != EventState::Received) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the events were not applied: {events:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn free_port() -> u16 {
    let socket = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    socket.local_addr().unwrap().port()
}

/// A `muster listen` process, killed when dropped (a failing test leaves none behind).
struct Listening(Child);

impl Drop for Listening {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `muster listen`; its output lines arrive on the channel.
fn listen(
    store: &Path,
    source: &str,
    profile: &Path,
    port: u16,
) -> (Listening, mpsc::Receiver<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_muster"))
        .args(["listen", "--from", source, "--to", "lms", "--profile"])
        .arg(profile)
        .args(["--port", &port.to_string(), "--store", text(store)])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (lines, received) = mpsc::channel();
    for output in [
        Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
        Box::new(child.stderr.take().unwrap()),
    ] {
        let lines = lines.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(output).lines().map_while(Result::ok) {
                let _ = lines.send(line);
            }
        });
    }
    let start = Instant::now();
    loop {
        let line = received
            .recv_timeout(Duration::from_secs(30))
            .expect("muster listen says it listens");
        if line.starts_with("listening on http://127.0.0.1:") {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "{line}");
    }
    (Listening(child), received)
}

#[test]
fn each_signed_change_reaches_the_lms_once_and_forged_or_stale_ones_never() {
    let dir = TempDir::new().unwrap();
    let store_path = dir.path().join("muster.db");
    let sandbox = start_sandbox();
    let source = source();
    let source = source.as_str();

    let added = muster_with_input(
        &[
            "connect",
            "add",
            "lms",
            "--kind",
            "lms",
            "--url",
            &sandbox.lms_url,
            "--store",
            text(&store_path),
        ],
        &sandbox.token,
    );
    assert_eq!(added.status.code(), Some(0), "{}", stderr(&added));

    Store::open(&store_path)
        .unwrap()
        .save_connection(&SavedConnection {
            name: source.into(),
            kind: "hris".into(),
            url: "http://127.0.0.1:9".into(),
            settings: serde_json::Map::new(),
        })
        .unwrap();
    let profile = dir.path().join("hris-to-lms.toml");
    std::fs::write(&profile, PROFILE).unwrap();

    // Without its secret the listener refuses to start, and says how to save it.
    let out = muster(&[
        "listen",
        "--from",
        source,
        "--to",
        "lms",
        "--profile",
        text(&profile),
        "--store",
        text(&store_path),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!("muster connect secret {source} webhook_secret")),
        "{}",
        stderr(&out)
    );

    let saved = muster_with_input(
        &[
            "connect",
            "secret",
            source,
            "webhook_secret",
            "--store",
            text(&store_path),
        ],
        SECRET,
    );
    assert_eq!(saved.status.code(), Some(0), "{}", stderr(&saved));
    assert!(!format!("{}{}", stdout(&saved), stderr(&saved)).contains(SECRET));

    let port = free_port();
    let (mut listening, lines) = listen(&store_path, source, &profile, port);
    let url = format!("http://127.0.0.1:{port}/webhook");

    let created = event("user.created", "2025-11-18T10:00:00Z", "E1", "Alice", true);
    assert_eq!(signed(&url, &created), (200, json!({"status": "accepted"})));
    assert_eq!(
        signed(&url, &created),
        (200, json!({"status": "duplicate"}))
    );
    let forged = event(
        "user.updated",
        "2025-11-18T13:00:00Z",
        "E1",
        "Mallory",
        true,
    );
    let wrong_key = sign(&Secret::new("not the secret"), &forged);
    let (status, answer) = post(&url, &forged, &wrong_key);
    assert_eq!(status, 401, "{answer}");
    assert!(
        answer["error"].as_str().unwrap().contains("does not match"),
        "{answer}"
    );
    let (status, _) = post(
        &url,
        b"{not json",
        &sign(&Secret::new(SECRET), b"{not json"),
    );
    assert_eq!(status, 400);
    settled(&store_path, source, 1);

    let deactivated = event(
        "user.deactivated",
        "2025-11-18T12:00:00Z",
        "E1",
        "Alice",
        true,
    );
    assert_eq!(signed(&url, &deactivated).0, 200);
    settled(&store_path, source, 2);
    // A retry of an update made before the deactivation, delivered after it.
    let late = event("user.updated", "2025-11-18T11:00:00Z", "E1", "Alicia", true);
    assert_eq!(signed(&url, &late), (200, json!({"status": "accepted"})));
    settled(&store_path, source, 3);

    // The second user's newer change arrives first: either way, only it is sent.
    let newer = event("user.updated", "2025-11-18T10:31:00Z", "E2", "Bob", true);
    let older = event("user.created", "2025-11-18T10:30:00Z", "E2", "Robert", true);
    assert_eq!(signed(&url, &newer).0, 200);
    assert_eq!(signed(&url, &older).0, 200);
    settled(&store_path, source, 5);

    let status = Command::new("kill")
        .args(["-INT", &listening.0.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = listening.0.wait().unwrap();
    let said: Vec<String> = lines.try_iter().collect();
    assert_eq!(exit.code(), Some(0), "{said:#?}");
    assert!(said.iter().any(|l| l.starts_with("stopped;")), "{said:#?}");
    assert!(said.iter().any(|l| l.contains("1 stale")), "{said:#?}");
    assert!(!said.iter().any(|l| l.contains(SECRET)), "{said:#?}");

    // The LMS got exactly three users: Alice created, Alice blocked, Bob.
    let imports: Vec<Value> = sandbox.imports().collect();
    assert_eq!(imports.len(), 3, "{imports:#?}");
    assert!(imports.iter().all(|i| i["status"] == 200), "{imports:#?}");

    let store = Store::open(&store_path).unwrap();
    let mut jobs = store.jobs().unwrap();
    jobs.sort_by_key(|j| j.id);
    let mut sent = Vec::new();
    for job in &jobs {
        assert!(
            job.source
                .starts_with(&format!("webhooks from {source}, events ")),
            "{}",
            job.source
        );
        for record in store.records(job.id, None).unwrap() {
            let payload: Value = serde_json::from_str(&record.payload).unwrap();
            let active = payload["is_active"]
                .to_string()
                .trim_matches('"')
                .to_owned();
            sent.push((
                payload["uid"].as_str().unwrap().to_owned(),
                payload["firstname"].as_str().unwrap().to_owned(),
                active,
                record.outcome.map(|o| o.outcome.as_str().to_owned()),
            ));
        }
    }
    let expected = [
        ("E1", "Alice", "1", "created"),
        ("E1", "Alice", "0", "updated"),
        ("E2", "Bob", "1", "created"),
    ];
    let expected: Vec<_> = expected
        .iter()
        .map(|(u, f, a, o)| {
            (
                u.to_string(),
                f.to_string(),
                a.to_string(),
                Some(o.to_string()),
            )
        })
        .collect();
    assert_eq!(sent, expected);

    let events = store.events(source).unwrap();
    let states: Vec<(&str, &str, EventState)> = events
        .iter()
        .map(|e| (e.event.as_str(), e.uid.as_str(), e.state))
        .collect();
    assert_eq!(
        states[..4],
        [
            ("user.created", "E1", EventState::Applied),
            ("user.deactivated", "E1", EventState::Applied),
            ("user.updated", "E1", EventState::Stale),
            ("user.updated", "E2", EventState::Applied),
        ]
    );
    // Received with the newer one (covered by its job) or after it (stale): never sent.
    assert_eq!(
        events.len(),
        5,
        "the duplicate and the refused bodies are not kept"
    );
    assert!(matches!(
        events[4].state,
        EventState::Applied | EventState::Stale
    ));
    assert!(events[0].job_id.is_some() && events[0].job_id != events[1].job_id);
    assert_eq!(events[2].job_id, None);
    assert!(!events.iter().any(|e| e.body.contains("Mallory")));
    Keychain.delete(source, "webhook_secret").unwrap();
}

/// The HRIS emulator's own signed deliveries, as a real MangoApps would send them, to a
/// listener subscribed through its control route: every change of a churn reaches the LMS
/// once, deactivations and deletions as blocks.
#[test]
fn the_hris_emulators_signed_deliveries_reach_the_lms_once_each() {
    use common::sandbox::SandboxProcess;

    let dir = TempDir::new().unwrap();
    let store_path = dir.path().join("muster.db");
    let sandbox = SandboxProcess::start(&["--hris-employees", "40"]);
    let hris = sandbox.emulator("hris");
    let lms = sandbox.emulator("lms");
    let source = format!("hooks-hris-{}", std::process::id());
    let target = format!("hooks-lms-{}", std::process::id());
    assert_eq!(hris.save_as(&source, &store_path).status.code(), Some(0));
    assert_eq!(lms.save_as(&target, &store_path).status.code(), Some(0));
    let saved = muster_with_input(
        &[
            "connect",
            "secret",
            &source,
            "webhook_secret",
            "--store",
            text(&store_path),
        ],
        hris.credential("webhook_secret"),
    );
    assert_eq!(saved.status.code(), Some(0), "{}", stderr(&saved));

    let port = free_port();
    let profile = common::repo("samples/hris-lms-profile.toml");
    let mut child = Command::new(env!("CARGO_BIN_EXE_muster"))
        .args(["listen", "--from", &source, "--to", &target, "--profile"])
        .arg(&profile)
        .args(["--port", &port.to_string(), "--store", text(&store_path)])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    assert!(line.starts_with("listening on"), "{line}");
    let listening = Listening(child);
    std::thread::spawn(move || out.lines().for_each(drop));

    let control = |path: &str, body: Value| {
        block_on(async {
            reqwest::Client::new()
                .post(format!("{}{path}", hris.url))
                .json(&body)
                .send()
                .await?
                .json::<Value>()
                .await
        })
    };
    let url = format!("http://127.0.0.1:{port}/webhook");
    let _ = control("/_sandbox/hris/webhooks", json!({ "url": url }));
    let report = control(
        "/_sandbox/hris/churn",
        json!({"created": 2, "updated": 2, "deactivated": 1, "deleted": 1}),
    )
    .unwrap();
    settled(&store_path, &source, 6);
    // Events are applied once their job exists; the push may still be under way. Ctrl-C
    // lets the listener finish it before it exits.
    let status = Command::new("kill")
        .args(["-INT", &listening.0.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let mut listening = listening;
    assert_eq!(listening.0.wait().unwrap().code(), Some(0));
    let finished = Store::open(&store_path)
        .unwrap()
        .jobs()
        .unwrap()
        .iter()
        .all(|job| job.status == muster_engine::store::JobStatus::Finished);
    assert!(finished, "every job of the events is finished");

    let imports = lms.count("POST", "/api/v2/users-import/single", Some(200));
    assert_eq!(imports, 6, "one import per change");
    let store = Store::open(&store_path).unwrap();
    let events = store.events(&source).unwrap();
    assert_eq!(events.len(), 6);
    assert!(
        events.iter().all(|e| e.state == EventState::Applied),
        "{events:?}"
    );
    let mut sent: Vec<(String, String)> = Vec::new();
    for job in store.jobs().unwrap() {
        for record in store.records(job.id, None).unwrap() {
            let payload: Value = serde_json::from_str(&record.payload).unwrap();
            sent.push((
                payload["uid"].as_str().unwrap().to_owned(),
                payload["is_active"]
                    .to_string()
                    .trim_matches('"')
                    .to_owned(),
            ));
        }
    }
    for (kind, active) in [
        ("created", "1"),
        ("updated", "1"),
        ("deactivated", "0"),
        ("deleted", "0"),
    ] {
        for uid in report[kind].as_array().unwrap() {
            let uid = uid.as_str().unwrap();
            let found: Vec<_> = sent.iter().filter(|(u, _)| u == uid).collect();
            assert_eq!(found.len(), 1, "{kind} {uid}: {sent:?}");
            assert_eq!(found[0].1, active, "{kind} {uid}");
        }
    }
    Keychain.delete(&source, "webhook_secret").unwrap();
}
