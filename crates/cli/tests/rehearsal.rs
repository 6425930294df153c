//! Rehearsals for every target kind: `muster run … --to sandbox` against the emulator it
//! starts, and the long-lived `muster sandbox` whose printed `muster connect add` lines
//! save connections that `muster connect test` proves (and refuses with a wrong secret)
//! and `muster run` then pushes to.

mod common;

use common::sandbox::SandboxProcess;
use common::staff::{generate, job, profile};
use common::{muster, stderr, stdout, text};
use serde_json::Value;
use tempfile::TempDir;

const KINDS: [&str; 5] = ["lms", "scim", "rest", "auth0", "authgear"];
const ROWS: u32 = 12;

/// The request that carries users to each emulator.
fn create_path(kind: &str) -> &'static str {
    match kind {
        "lms" => "/api/v2/users-import/single",
        // The emulator announces Bulk, so Users are created in /Bulk requests.
        "scim" => "/scim/v2/Bulk",
        "rest" => "/api/users",
        "auth0" => "/api/v2/jobs/users-imports",
        "authgear" => "/_api/admin/users/import",
        other => panic!("no emulator {other}"),
    }
}

fn assert_all_created(kind: &str, job: &Value) {
    let counts = &job["counts"];
    assert_eq!(job["status"], "finished", "{kind}: {job}");
    assert_eq!(counts["total"], u64::from(ROWS), "{kind}: {job}");
    assert_eq!(counts["created"], counts["total"], "{kind}: {job}");
}

#[test]
fn every_target_kind_rehearses_against_the_sandbox() {
    let dir = TempDir::new().unwrap();
    let file = generate(dir.path(), ROWS, 7);
    for kind in KINDS {
        let store = dir.path().join(format!("{kind}.db"));
        let out = muster(&[
            "run",
            text(&file),
            "--profile",
            text(&profile(dir.path(), kind)),
            "--to",
            "sandbox",
            "--store",
            text(&store),
        ]);
        let said = format!("{}{}", stdout(&out), stderr(&out));
        assert_eq!(out.status.code(), Some(0), "{kind}: {said}");
        assert!(said.contains("job 1 finished"), "{kind}: {said}");
        assert_all_created(kind, &job(&store, 1));
    }
}

#[test]
fn every_connection_the_sandbox_prints_is_saved_and_pushed_to() {
    let dir = TempDir::new().unwrap();
    let store = dir.path().join("muster.db");
    let file = generate(dir.path(), ROWS, 8);
    let sandbox = SandboxProcess::start(&["--auth0-job-ms", "300"]);
    for (id, kind) in (1..).zip(KINDS) {
        let emulator = sandbox.emulator(kind);
        let name = format!("rehearsal-{kind}-{}", std::process::id());
        let added = emulator.save_as(&name, &store);
        assert_eq!(added.status.code(), Some(0), "{kind}: {}", stderr(&added));
        assert!(
            !stdout(&added).contains(&emulator.secret)
                && !stderr(&added).contains(&emulator.secret),
            "{kind}: connect add shows the secret"
        );
        let tested = muster(&["connect", "test", &name, "--store", text(&store)]);
        assert_eq!(tested.status.code(), Some(0), "{kind}: {}", stderr(&tested));
        assert!(
            stdout(&tested).starts_with(&format!("\"{name}\" works: ")),
            "{kind}: {}",
            stdout(&tested)
        );

        // The same connection with a wrong secret: the test names what was refused.
        let mut wrong = emulator.clone();
        wrong.secret = format!("wrong-{kind}-secret");
        let wrong_name = format!("{name}-wrong");
        let added = wrong.save_as(&wrong_name, &store);
        assert_eq!(added.status.code(), Some(0), "{kind}: {}", stderr(&added));
        let refused = muster(&["connect", "test", &wrong_name, "--store", text(&store)]);
        let said = stderr(&refused);
        assert_eq!(refused.status.code(), Some(1), "{kind}: {said}");
        // A token the target refuses; for Authgear, text that is no private key at all.
        let named = if kind == "authgear" {
            said.contains(&format!("\"{wrong_name}\" cannot be used"))
                && said.contains("is not an RSA private key in PEM form")
        } else {
            said.contains(&format!("\"{wrong_name}\" does not work yet"))
                && said.contains("refused")
        };
        assert!(named, "{kind}: {said}");
        assert!(
            !said.contains(&wrong.secret),
            "{kind}: the secret is shown: {said}"
        );
        let removed = muster(&["connect", "remove", &wrong_name, "--store", text(&store)]);
        assert_eq!(
            removed.status.code(),
            Some(0),
            "{kind}: {}",
            stderr(&removed)
        );

        let run = muster(&[
            "run",
            text(&file),
            "--profile",
            text(&profile(dir.path(), kind)),
            "--to",
            &name,
            "--store",
            text(&store),
        ]);
        let said = format!("{}{}", stdout(&run), stderr(&run));
        assert_eq!(run.status.code(), Some(0), "{kind}: {said}");
        assert_all_created(kind, &job(&store, id));
        assert!(
            emulator.count("POST", create_path(kind), None) >= 1,
            "{kind}: the emulator saw no create"
        );

        let removed = muster(&["connect", "remove", &name, "--store", text(&store)]);
        assert_eq!(
            removed.status.code(),
            Some(0),
            "{kind}: {}",
            stderr(&removed)
        );
    }
}
