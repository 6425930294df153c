//! No secret is left behind, and none is sent in an address.
//!
//! One whole session through the real `muster` binary against a `muster sandbox` process,
//! with every connection saved by `muster connect add` into the OS keychain: the five
//! targets and the three ways a REST source signs in (a bearer token, the OAuth password
//! grant, client credentials), a connection refused for a wrong token, addresses refused
//! (plain http to another computer, a token in the query), a file job to the LMS with rows
//! held back, stopped by a 500 and resumed, a record the LMS refuses, and a retry from the
//! fixed failed rows, every export (`muster export`'s issues and rejected rows, the job's results
//! and failed rows as CSV and XLSX), a job to every other target kind, a planned job resumed,
//! a push to Auth0 killed with SIGKILL and resumed, and pulls from both sources.
//!
//! Then every file written under the test's folder (the store, and copies of the store,
//! its WAL and shared-memory files taken right after the kill; every export, workbooks
//! unpacked; the pulled pages; the killed run's output), the standard output and error of
//! every process, and every request address the emulators received are searched for each
//! secret: as given, base64 at any alignment, percent-, form- and JSON-encoded; and for any
//! token a target issued (JWTs, `oat_…`). The sandbox's own banner is not searched: it is the
//! issuer and prints the secrets to be saved. The keychain is not searched: it is where they
//! belong. Nothing in the CLI panics on demand, so no panic output is covered beyond
//! `RUST_BACKTRACE=1` being set for every process (a panic would be in its standard error).
//!
//! Needs a Secret Service: `dbus-run-session -- bash -c 'echo -n pw | gnome-keyring-daemon
//! --daemonize --unlock --components=secrets; cargo test -p muster-cli --test secrets'`.

#[path = "../common/mod.rs"]
mod common;
mod scan;
mod session;

use std::time::{Duration, Instant};

use common::sandbox::{Emulator, SandboxProcess};
use common::staff::{generate, profile};
use common::{repo, text};
use scan::{Marker, Place, files_under, findings, issued_token};
use serde_json::json;
use session::{Session, connect_args, said};
use tempfile::TempDir;

const UPLOAD: &str = "/api/v2/jobs/users-imports";
const LMS_IMPORT: &str = "/api/v2/users-import/single";

/// A wrong token, given to a connection the LMS refuses: it must not be echoed either.
const WRONG_TOKEN: &str = "MUSTER-CANARY-wrong-token-5f1c9e2ab7d04";
/// A token typed into an address: refused, and not shown in the refusal.
const TOKEN_IN_ADDRESS: &str = "MUSTERCANARYaddr0token93b1e7c2";

const HEADER: &str = "Employee ID,First Name,Last Name,Email,Department,Job Title,Hire Date,Birth Date,Phone,Manager ID,Employment Status,Active";

fn person(id: &str, first: &str, last: &str, email: &str) -> String {
    format!(
        "{id},{first},{last},{email},Sales,Account Manager,2019-03-01,1985-07-14,+49 30 1234567,,full_time,yes"
    )
}

fn write_staff(path: &std::path::Path, rows: &[String]) {
    let text = std::iter::once(HEADER.to_owned())
        .chain(rows.iter().cloned())
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(path, text + "\n").expect("the staff file is written");
}

/// Every secret the session gives Muster, each a marker of its own.
fn markers(sandbox: &SandboxProcess) -> Vec<Marker> {
    let mut markers = vec![
        Marker::new("wrong LMS token", WRONG_TOKEN),
        Marker::new("token typed into an address", TOKEN_IN_ADDRESS),
    ];
    for name in ["auth0", "scim", "rest", "lms", "hris", "people"] {
        let emulator = sandbox.emulator(name);
        markers.push(Marker::new(&format!("{name} secret"), &emulator.secret));
    }
    // The Authgear private key: every line of its PEM body.
    let pem = &sandbox.emulator("authgear").secret;
    for (n, line) in pem.split_whitespace().filter(|l| l.len() >= 40).enumerate() {
        markers.push(Marker::new(
            &format!("authgear private key, line {}", n + 1),
            line,
        ));
    }
    let people = sandbox.emulator("people");
    markers.push(Marker::new(
        "people password",
        people.credential("password"),
    ));
    markers.push(Marker::new(
        "people client secret",
        people.credential("client_secret"),
    ));
    markers
}

/// Waits until `seen` holds, at most a minute.
fn wait_until(what: &str, mut seen: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !seen() {
        assert!(Instant::now() < deadline, "never saw {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The five targets and the sources saved as connections, each proven by `connect test`.
fn save_connections(session: &mut Session, sandbox: &SandboxProcess) {
    for kind in ["lms", "scim", "rest", "auth0", "authgear", "hris"] {
        let emulator = sandbox.emulator(kind);
        let args = connect_args(&emulator.connect_add, &[]);
        session.connect(kind, &args, &emulator.secret);
    }
    let people = sandbox.emulator("people");
    let token_url = format!("{}/oauth/token", people.url);
    session.connect(
        "people-bearer",
        &connect_args(&people.connect_add, &[]),
        &people.secret,
    );
    let password = connect_args(
        &people.connect_add,
        &[
            ("auth", "password"),
            ("token_url", &token_url),
            ("client_id", people.credential("client_id")),
            ("username", people.credential("username")),
        ],
    );
    session.connect("people-password", &password, people.credential("password"));
    let client = connect_args(
        &people.connect_add,
        &[
            ("auth", "client_credentials"),
            ("token_url", &token_url),
            ("client_id", people.credential("client_id")),
        ],
    );
    session.connect("people-client", &client, people.credential("client_secret"));
}

/// Connections that must not be saved or must not work, each saying why.
fn refused_connections(session: &mut Session, lms: &Emulator) {
    let out = session.muster(
        &[
            "connect",
            "add",
            "wrong-lms",
            "--kind",
            "lms",
            "--url",
            &lms.url,
            "--test",
        ],
        Some(WRONG_TOKEN),
        true,
    );
    assert_eq!(out.status.code(), Some(1), "{}", said(&out));
    assert!(said(&out).contains("does not work yet"), "{}", said(&out));
    session.expect(&["connect", "remove", "wrong-lms"], &[0]);

    let far = [
        "connect",
        "add",
        "far",
        "--kind",
        "lms",
        "--url",
        "http://lms.example.com",
    ];
    let out = session.muster(&far, Some(WRONG_TOKEN), true);
    assert_eq!(out.status.code(), Some(1), "{}", said(&out));
    assert!(said(&out).contains("only over https://"), "{}", said(&out));

    let in_address = format!("https://lms.example.com/api?api_token={TOKEN_IN_ADDRESS}");
    let args = [
        "connect",
        "add",
        "leaky",
        "--kind",
        "lms",
        "--url",
        &in_address,
    ];
    let out = session.muster(&args, Some(WRONG_TOKEN), true);
    assert_eq!(out.status.code(), Some(1), "{}", said(&out));
    assert!(
        said(&out).contains("carries a credential"),
        "{}",
        said(&out)
    );
}

/// A file job to the LMS: rows held back, one refused by the LMS after two 500s that are
/// retried, the job's files exported, the refused row fixed and retried, `muster export`.
fn lms_job_with_a_failure_and_a_retry(session: &mut Session, lms: &Emulator) {
    let profile = repo("samples/lms-profile.toml");
    let first = session.path("work/first.csv");
    write_staff(
        &first,
        &[person("E900", "Zora", "Alt", "taken@example.com")],
    );
    session.expect(
        &[
            "run",
            text(&first),
            "--profile",
            text(&profile),
            "--to",
            "lms",
        ],
        &[0],
    );

    let staff = session.path("work/staff.csv");
    write_staff(
        &staff,
        &[
            person("E1", "Anna", "Schmidt", "anna.schmidt@example.com"),
            person("E2", "Ben", "Meyer", "ben at example.com"),
            person("E3", "Carl", "", "carl.weber@example.com"),
            person("E4", "Frida", "Vogel", "taken@example.com"),
            person("E5", "=HYPERLINK(\"x\")", "Roth", "emil.roth@example.com"),
        ],
    );
    // A 500 to an import (which may have been carried out) stops the job; the resume
    // settles it and sends the rest, and the LMS refuses the login taken by job 1.
    lms.add_fault(&json!({
        "kind": "status", "status": 500, "times": 1, "method": "POST", "path": LMS_IMPORT
    }));
    let run = [
        "run",
        text(&staff),
        "--profile",
        text(&profile),
        "--to",
        "lms",
    ];
    session.expect(&run, &[1]);
    session.expect(&["jobs", "resume", "2"], &[3]);
    for args in [
        &["jobs", "show", "2"][..],
        &["jobs", "show", "2", "--json"],
        &["jobs", "list"],
        &["connect", "list"],
    ] {
        session.expect(args, &[0]);
    }
    let exported = session.path("exports/job-2");
    session.expect(&["jobs", "export", "2", "--out", text(&exported)], &[3, 0]);
    let failed = std::fs::read_to_string(exported.join("failed-rows.csv"))
        .expect("the failed rows are written");
    let fixed = session.path("work/fixed.csv");
    std::fs::write(
        &fixed,
        failed.replace("taken@example.com", "frida.vogel@example.com"),
    )
    .expect("the fixed rows are written");
    session.expect(&["jobs", "retry", "2", "--file", text(&fixed)], &[0, 3]);
    let after = session.path("exports/job-2-after-retry");
    session.expect(&["jobs", "export", "2", "--out", text(&after)], &[0, 3]);

    let files = session.path("exports/files");
    session.expect_storeless(
        &[
            "export",
            text(&staff),
            "--profile",
            text(&profile),
            "--out",
            text(&files),
        ],
        &[0],
    );
    session.expect_storeless(
        &[
            "validate",
            text(&staff),
            "--profile",
            text(&profile),
            "--json",
        ],
        &[3],
    );
}

/// A job to SCIM (planned, then resumed), REST and Authgear.
fn jobs_to_every_other_target(session: &mut Session) {
    let work = session.path("work");
    let file = generate(&work, 6, 31);
    let scim = profile(&work, "scim");
    session.expect(
        &[
            "run",
            text(&file),
            "--profile",
            text(&scim),
            "--to",
            "scim",
            "--dry-run",
            "--json",
        ],
        &[0],
    );
    let planned = newest_job(session);
    session.expect(&["jobs", "resume", &planned.to_string()], &[0]);
    for kind in ["rest", "authgear"] {
        let profile = profile(&work, kind);
        session.expect(
            &[
                "run",
                text(&file),
                "--profile",
                text(&profile),
                "--to",
                kind,
            ],
            &[0],
        );
    }
}

/// A push to Auth0 killed with SIGKILL while its upload's answer is held back, the store
/// copied as the kill left it (WAL included), then resumed. Answers the copies.
fn auth0_job_killed_and_resumed(
    session: &mut Session,
    auth0: &Emulator,
) -> Vec<std::path::PathBuf> {
    let work = session.path("work");
    let file = generate(&work, 8, 32);
    let profile = profile(&work, "auth0");
    auth0.add_fault(&json!({
        "kind": "late_answer", "ms": 60_000, "method": "POST", "path": UPLOAD
    }));
    let mut run = session.start(
        "killed-run",
        &[
            "run",
            text(&file),
            "--profile",
            text(&profile),
            "--to",
            "auth0",
        ],
    );
    wait_until("the upload carried out", || {
        auth0.count("POST", UPLOAD, Some(202)) == 1
    });
    run.kill().expect("the run is killed");
    run.wait().expect("the run is reaped");
    let copies = session.snapshot_store("after-kill");
    let id = newest_job(session);
    // Auth0 finishes the import nobody heard of (its jobs take 300 ms here).
    std::thread::sleep(Duration::from_secs(2));
    session.expect(&["jobs", "resume", &id.to_string()], &[0]);
    copies
}

/// The id of the newest job in the store (`muster jobs list --json` lists newest first).
fn newest_job(session: &mut Session) -> i64 {
    let listed = session.expect(&["jobs", "list", "--json"], &[0]);
    let jobs: serde_json::Value = serde_json::from_slice(&listed.stdout).expect("JSON");
    jobs[0]["id"].as_i64().expect("a job is listed")
}

/// Pulls: the HRIS into the LMS (previewed, then sent), the people API previewed through
/// each of its three sign-ins.
fn pulls(session: &mut Session) {
    let hris_profile = repo("samples/hris-lms-profile.toml");
    let hris = [
        "pull",
        "hris",
        "--profile",
        text(&hris_profile),
        "--to",
        "lms",
    ];
    session.expect(&[&hris[..], &["--preview"]].concat(), &[0]);
    session.expect(&hris, &[0, 3]);
    let people_profile = session.path("work/people-lms-profile.toml");
    std::fs::write(&people_profile, PEOPLE_PROFILE).expect("the profile is written");
    for source in ["people-bearer", "people-password", "people-client"] {
        session.expect(
            &[
                "pull",
                source,
                "--profile",
                text(&people_profile),
                "--to",
                "lms",
                "--preview",
            ],
            &[0, 3],
        );
    }
}

const PEOPLE_PROFILE: &str = r#"version = 1
target = "lms"
identifier = "uid"

[[field]]
target = "uid"
column = "employeeId"

[[field]]
target = "firstname"
column = "name.given"

[[field]]
target = "secondname"
column = "name.family"

[[field]]
target = "email"
column = "contact.email"
transforms = [{ op = "trim" }, { op = "case", to = "lower" }]

[[field]]
target = "login"
column = "contact.email"
transforms = [{ op = "trim" }, { op = "case", to = "lower" }]
"#;

#[test]
fn no_secret_is_left_in_any_file_output_or_address() {
    let dir = TempDir::new().expect("a test folder");
    let sandbox = SandboxProcess::start(&["--auth0-job-ms", "300", "--hris-employees", "40"]);
    let markers = markers(&sandbox);
    let mut session = Session::new(dir.path());

    save_connections(&mut session, &sandbox);
    refused_connections(&mut session, sandbox.emulator("lms"));
    lms_job_with_a_failure_and_a_retry(&mut session, sandbox.emulator("lms"));
    jobs_to_every_other_target(&mut session);
    let copies = auth0_job_killed_and_resumed(&mut session, sandbox.emulator("auth0"));
    pulls(&mut session);

    // The kill left a write-ahead log behind, so the scan reads one.
    assert!(
        copies
            .iter()
            .any(|c| c.display().to_string().ends_with("-wal")
                && std::fs::metadata(c).is_ok_and(|m| m.len() > 0)),
        "no WAL was copied after the kill: {copies:?}"
    );

    let files = files_under(dir.path());
    let mut places: Vec<Place> = files;
    let file_count = places.len();
    let bytes: usize = places.iter().map(|p| p.bytes.len()).sum();
    let output_count = session.outputs.len();
    places.append(&mut session.outputs);
    let mut found = findings(&markers, &places);

    // Every request address each emulator received, with its query.
    let mut requests = 0;
    for name in ["auth0", "authgear", "scim", "rest", "lms", "hris", "people"] {
        let log = sandbox.emulator(name).requests();
        assert!(!log.is_empty(), "the {name} emulator received no request");
        requests += log.len();
        for entry in log {
            let address = format!(
                "{}{}",
                entry["path"].as_str().unwrap_or_default(),
                entry["query"]
                    .as_str()
                    .map(|q| format!("?{q}"))
                    .unwrap_or_default()
            );
            let place = [Place {
                what: format!("the address {} {address} sent to {name}", entry["method"]),
                bytes: address.clone().into_bytes(),
            }];
            found.extend(findings(&markers, &place));
            if let Some(token) = issued_token(address.as_bytes()) {
                found.push(format!("{token} in {address}"));
            }
            let query = entry["query"].as_str().unwrap_or_default();
            for pair in query.split('&') {
                let name = pair
                    .split('=')
                    .next()
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                if [
                    "access_token",
                    "token",
                    "api_key",
                    "apikey",
                    "client_secret",
                    "password",
                ]
                .contains(&name.as_str())
                {
                    found.push(format!("a credential parameter in {address}"));
                }
            }
        }
    }
    let forms: usize = markers.iter().map(Marker::form_count).sum();
    eprintln!(
        "secrets scan: {file_count} files and workbook entries ({bytes} bytes), \
         {output_count} process outputs, {} markers in {forms} forms, {requests} request addresses",
        markers.len()
    );
    assert!(found.is_empty(), "secrets found:\n{}", found.join("\n"));
}
