//! `muster pull` from the command line against a `muster sandbox` process: the HRIS source
//! and the LMS target saved with the `connect add` lines the banner prints (secrets in the
//! OS keychain), a preview that sends nothing, the one-time import, two incremental syncs
//! with changes made in between, and a pull killed with SIGKILL while it waits for the
//! source's hourly limit, then run again: it goes on from its last page and every user
//! reaches the LMS once.
//!
//! Run locally with a keychain: `dbus-run-session -- bash -c 'echo -n pw |
//! gnome-keyring-daemon --daemonize --unlock --components=secrets; cargo test -p muster-cli
//! --test pull'`.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::sandbox::{Emulator, SandboxProcess, block_on};
use common::{muster, muster_with_input, repo, stderr, stdout, text};
use serde_json::{Value, json};
use tempfile::TempDir;

const IMPORT: &str = "/api/v2/users-import/single";
const LIST: &str = "/api/v1/users";

/// Saves the HRIS emulator as `name`, with extra settings, its read token on stdin.
fn save_hris(hris: &Emulator, name: &str, store: &Path, settings: &[&str]) -> Output {
    let mut args = vec!["connect", "add", name, "--kind", "hris", "--url", &hris.url];
    args.extend(settings.iter().flat_map(|s| ["--setting", s]));
    args.extend(["--store", text(store)]);
    muster_with_input(&args, &hris.secret)
}

fn pull(source: &str, target: &str, store: &Path, extra: &[&str]) -> Output {
    let profile = repo("samples/hris-lms-profile.toml");
    let mut args = vec![
        "pull",
        source,
        "--profile",
        text(&profile),
        "--to",
        target,
        "--store",
        text(store),
    ];
    args.extend_from_slice(extra);
    muster(&args)
}

fn churn(hris: &Emulator, changes: &Value) -> Value {
    block_on(async {
        reqwest::Client::new()
            .post(format!("{}/_sandbox/hris/churn", hris.url))
            .json(changes)
            .send()
            .await?
            .json::<Value>()
            .await
    })
    .unwrap()
}

fn all(report: &Value) -> usize {
    [
        "created",
        "updated",
        "deactivated",
        "reactivated",
        "deleted",
    ]
    .iter()
    .map(|k| report[k].as_array().map_or(0, Vec::len))
    .sum()
}

#[test]
fn a_preview_then_a_one_time_import_then_two_incremental_syncs() {
    let dir = TempDir::new().unwrap();
    let store = dir.path().join("muster.db");
    let sandbox = SandboxProcess::start(&["--hris-employees", "120"]);
    let hris = sandbox.emulator("hris");
    let lms = sandbox.emulator("lms");
    let source = format!("pull-hris-{}", std::process::id());
    let target = format!("pull-lms-{}", std::process::id());
    let added = save_hris(hris, &source, &store, &[]);
    assert_eq!(added.status.code(), Some(0), "{}", stderr(&added));
    assert!(
        !stdout(&added).contains(&hris.secret),
        "the token is not shown"
    );
    assert_eq!(lms.save_as(&target, &store).status.code(), Some(0));

    let tested = muster(&["connect", "test", &source, "--store", text(&store)]);
    assert_eq!(tested.status.code(), Some(0), "{}", stderr(&tested));
    assert!(stdout(&tested).contains("users can be read with this token"));

    // Preview: the users and the plan, nothing sent.
    let preview = pull(&source, &target, &store, &["--preview"]);
    let said = stdout(&preview);
    assert_eq!(preview.status.code(), Some(0), "{said}{}", stderr(&preview));
    assert!(said.contains("the first 10 of "), "{said}");
    assert!(said.contains("| E100"), "{said}");
    assert!(said.contains("preview: nothing sent"), "{said}");
    assert!(stderr(&preview).contains("reading every user (one-time import)"));
    assert_eq!(lms.count("POST", IMPORT, None), 0);

    // The LMS cannot invite people as it imports them: said before anything is read.
    let invite = pull(&source, &target, &store, &["--invite"]);
    assert_eq!(invite.status.code(), Some(1));
    assert!(
        stderr(&invite).contains("cannot send invitations"),
        "{}",
        stderr(&invite)
    );

    // The one-time import: everyone not deleted, once.
    let first = pull(&source, &target, &store, &[]);
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}{}",
        stdout(&first),
        stderr(&first)
    );
    let imported = lms.count("POST", IMPORT, Some(200));
    assert!(imported > 110, "{imported}");
    assert!(
        stdout(&first).contains(&format!("{imported} created")),
        "{}",
        stdout(&first)
    );

    // Changes at the source; the next pull asks only for them.
    let report = churn(
        hris,
        &json!({"created": 2, "updated": 3, "deactivated": 1, "deleted": 1}),
    );
    let second = pull(&source, &target, &store, &[]);
    let said = format!("{}{}", stdout(&second), stderr(&second));
    assert_eq!(second.status.code(), Some(0), "{said}");
    assert!(said.contains("reading the users changed since"), "{said}");
    assert_eq!(
        lms.count("POST", IMPORT, Some(200)),
        imported + all(&report),
        "{said}"
    );
    assert!(said.contains("2 created, 5 updated"), "{said}");

    let report = churn(hris, &json!({"reactivated": 1, "updated": 1}));
    let third = pull(&source, &target, &store, &["--json"]);
    assert_eq!(third.status.code(), Some(0), "{}", stderr(&third));
    assert_eq!(
        lms.count("POST", IMPORT, Some(200)),
        imported + 7 + all(&report)
    );

    let fourth = pull(&source, &target, &store, &[]);
    assert_eq!(fourth.status.code(), Some(0));
    assert!(
        stdout(&fourth).contains("nothing to import"),
        "{}",
        stdout(&fourth)
    );
    assert_eq!(
        lms.count("POST", IMPORT, Some(200)),
        imported + 7 + all(&report)
    );
}

#[test]
fn a_pull_killed_while_waiting_for_the_hourly_limit_goes_on_from_its_last_page() {
    let dir = TempDir::new().unwrap();
    let store = dir.path().join("muster.db");
    let sandbox = SandboxProcess::start(&["--hris-employees", "450"]);
    let hris = sandbox.emulator("hris");
    let lms = sandbox.emulator("lms");
    let source = format!("kill-hris-{}", std::process::id());
    let target = format!("kill-lms-{}", std::process::id());
    // Two list requests per 3 s on this side: the third page waits.
    let added = save_hris(
        hris,
        &source,
        &store,
        &["list_per_hour=2", "limit_window_secs=3"],
    );
    assert_eq!(added.status.code(), Some(0), "{}", stderr(&added));
    assert_eq!(lms.save_as(&target, &store).status.code(), Some(0));

    let profile = repo("samples/hris-lms-profile.toml");
    let mut child = Command::new(env!("CARGO_BIN_EXE_muster"))
        .args([
            "pull",
            &source,
            "--profile",
            text(&profile),
            "--to",
            &target,
        ])
        .args(["--store", text(&store)])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut said = BufReader::new(child.stderr.take().unwrap());
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut heard = String::new();
    loop {
        let mut line = String::new();
        assert!(
            said.read_line(&mut line).unwrap() > 0,
            "ended early: {heard}"
        );
        heard.push_str(&line);
        if line.starts_with("waiting ") {
            break;
        }
        assert!(Instant::now() < deadline, "{heard}");
    }
    assert!(heard.contains("page 2: 200 users"), "{heard}");
    assert!(heard.contains("allows 2 list requests per 3 s"), "{heard}");
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(hris.count("GET", LIST, None), 2);
    assert_eq!(
        lms.count("POST", IMPORT, None),
        0,
        "nothing sent before the pull ends"
    );

    let again = pull(&source, &target, &store, &[]);
    let told = stderr(&again);
    assert_eq!(again.status.code(), Some(0), "{}{told}", stdout(&again));
    assert!(
        told.contains("going on with the pull that stopped: 200 users already in, from page 3"),
        "{told}"
    );
    assert_eq!(
        hris.count("GET", LIST, None),
        5,
        "pages 1 and 2 not asked again"
    );
    let users = lms.count("POST", IMPORT, Some(200));
    assert!(users > 440, "{users}");
    assert!(
        stdout(&again).contains(&format!("{users} created, 0 updated")),
        "{}",
        stdout(&again)
    );
}
