//! The session the secrets test runs: every connection saved and proven, refusals, a file
//! job with a failure, a resume and a retry, every export, jobs to every other target, a
//! push killed with SIGKILL and resumed, and pulls from both sources.

use std::time::{Duration, Instant};

use serde_json::json;

use super::common::sandbox::{Emulator, SandboxProcess};
use super::common::staff::{generate, profile};
use super::common::{repo, text};
use super::session::{Session, connect_args, said};
use super::{TOKEN_IN_ADDRESS, WRONG_TOKEN};

const UPLOAD: &str = "/api/v2/jobs/users-imports";
const LMS_IMPORT: &str = "/api/v2/users-import/single";

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

/// Waits until `seen` holds, at most a minute.
fn wait_until(what: &str, mut seen: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !seen() {
        assert!(Instant::now() < deadline, "never saw {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The five targets and the sources saved as connections, each proven by `connect test`.
pub fn save_connections(session: &mut Session, sandbox: &SandboxProcess) {
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
pub fn refused_connections(session: &mut Session, lms: &Emulator) {
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
pub fn lms_job_with_a_failure_and_a_retry(session: &mut Session, lms: &Emulator) {
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
pub fn jobs_to_every_other_target(session: &mut Session) {
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
pub fn auth0_job_killed_and_resumed(
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
pub fn pulls(session: &mut Session) {
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
