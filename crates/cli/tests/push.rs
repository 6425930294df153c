//! `muster run`, `muster jobs` and `muster connect` as a person uses them: a rehearsal
//! against the built-in sandbox, and a job killed with SIGKILL mid-push that `jobs resume`
//! finishes with every record at the target.

mod common;

use common::sandbox::start_sandbox;
use common::{muster, muster_with_input, repo, text};

use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use muster_engine::store::Store;
use serde_json::Value;
use tempfile::TempDir;

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_rehearsal_against_the_sandbox_sends_every_valid_record_and_keeps_the_outcomes() {
    let dir = TempDir::new().unwrap();
    let store = dir.path().join("muster.db");
    let out = muster(&[
        "run",
        text(&repo("samples/mitarbeiter-excel-de.csv")),
        "--profile",
        text(&repo("samples/lms-profile.toml")),
        "--to",
        "sandbox",
        "--store",
        text(&store),
    ]);
    // Two records of the sample are invalid: held back, hence 3.
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let said = stdout(&out);
    assert!(said.contains("job 1: "), "{said}");
    assert!(said.contains("2 held back by validation"), "{said}");
    assert!(said.contains("job 1 finished: "), "{said}");

    let show = muster(&["jobs", "show", "1", "--json", "--store", text(&store)]);
    assert_eq!(show.status.code(), Some(0), "{}", stderr(&show));
    let job: Value = serde_json::from_slice(&show.stdout).unwrap();
    let counts = &job["counts"];
    assert_eq!(job["status"], "finished");
    assert_eq!(job["connection"], "sandbox");
    assert!(counts["total"].as_u64().unwrap() > 0);
    assert_eq!(counts["created"], counts["total"]);
    assert_eq!(counts["failed"], 0);

    let list = muster(&["jobs", "list", "--store", text(&store)]);
    assert!(stdout(&list).contains("finished"), "{}", stdout(&list));

    let out_dir = dir.path().join("results");
    let export = muster(&[
        "jobs",
        "export",
        "1",
        "--out",
        text(&out_dir),
        "--store",
        text(&store),
    ]);
    assert_eq!(export.status.code(), Some(0), "{}", stderr(&export));
    let results = std::fs::read_to_string(out_dir.join("results.csv")).unwrap();
    let lines: Vec<&str> = results.lines().collect();
    assert_eq!(lines[0], "row,identifier,outcome,target_id,code,message");
    // Every journaled record: the ones sent, then also the two held back.
    assert_eq!(counts["held_back"], 2);
    assert_eq!(
        lines.len() as u64 - 1,
        counts["total"].as_u64().unwrap() + 2
    );
    let created = lines.iter().filter(|l| l.contains(",created,")).count();
    let held = lines.iter().filter(|l| l.contains(",held back,")).count();
    assert_eq!(
        created as u64,
        counts["total"].as_u64().unwrap(),
        "{results}"
    );
    assert_eq!(held, 2, "{results}");

    // The sandbox of that run is gone: resuming says so instead of sending anywhere.
    let resume = muster(&["jobs", "resume", "1", "--store", text(&store)]);
    assert_eq!(resume.status.code(), Some(1));
    assert!(stderr(&resume).contains("sandbox"), "{}", stderr(&resume));
}

#[test]
fn a_job_killed_mid_push_is_resumed_and_every_record_arrives() {
    let dir = TempDir::new().unwrap();
    let store_path = dir.path().join("muster.db");
    let sandbox = start_sandbox();

    let added = muster_with_input(
        &[
            "connect",
            "add",
            "kill-test-lms",
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
    assert!(!stdout(&added).contains(&sandbox.token));

    let file = dir.path().join("staff.csv");
    let generate = muster(&[
        "generate",
        "--rows",
        "1500",
        "--format",
        "csv",
        "--defects",
        "0.02",
        "--seed",
        "5",
        "--out",
        text(&file),
    ]);
    assert_eq!(generate.status.code(), Some(0), "{}", stderr(&generate));

    let mut run = Command::new(env!("CARGO_BIN_EXE_muster"))
        .args([
            "run",
            text(&file),
            "--profile",
            text(&repo("samples/lms-profile.toml")),
        ])
        .args(["--to", "kill-test-lms", "--store", text(&store_path)])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once a few batches have settled, while others are on their way.
    let started = Instant::now();
    let mut settled_before_kill = 0;
    while started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(20));
        if let Ok(store) = Store::open(&store_path)
            && let Ok(job) = store.job(1)
            && job.counts.done() >= 100
        {
            settled_before_kill = job.counts.done();
            break;
        }
    }
    run.kill().unwrap(); // SIGKILL on Unix
    run.wait().unwrap();
    assert!(settled_before_kill >= 100, "the job never got going");

    let store = Store::open(&store_path).unwrap();
    let killed = store.job(1).unwrap();
    assert!(
        killed.counts.pending + killed.counts.in_flight > 0,
        "{:?}",
        killed.counts
    );
    drop(store);

    let resume = muster(&["jobs", "resume", "1", "--store", text(&store_path)]);
    assert_eq!(
        resume.status.code(),
        Some(0),
        "{}{}",
        stdout(&resume),
        stderr(&resume)
    );
    let store = Store::open(&store_path).unwrap();
    let done = store.job(1).unwrap();
    let c = done.counts;
    assert_eq!(c.pending + c.in_flight + c.failed, 0, "{c:?}");
    assert_eq!(c.created + c.updated, c.total, "{c:?}");
    // Every record arrived; the only second arrivals are records whose answer the kill
    // cut off, which LMS took as updates of the same uid (never a second user).
    assert_eq!(
        sandbox.imports_answered() as u64,
        c.total + c.updated,
        "{c:?}"
    );
    assert!(c.updated <= 16, "{c:?}");

    // The token is in the keychain only: not in the store, its WAL, an export, or what
    // any command printed.
    let out_dir = dir.path().join("results");
    let export = muster(&[
        "jobs",
        "export",
        "1",
        "--out",
        text(&out_dir),
        "--store",
        text(&store_path),
    ]);
    assert_eq!(export.status.code(), Some(0), "{}", stderr(&export));
    drop(store);
    let mut searched = Vec::new();
    let exported = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|entry| entry.unwrap().path());
    for path in [store_path.clone(), dir.path().join("muster.db-wal")]
        .into_iter()
        .chain(exported)
    {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        // A workbook is zipped: its cells are read, not its bytes.
        let text = if path.extension().is_some_and(|e| e == "xlsx") {
            workbook_text(&path)
        } else {
            String::from_utf8_lossy(&bytes).into_owned()
        };
        assert!(
            !text.contains(&sandbox.token),
            "the token is in {}",
            path.display()
        );
        searched.push(path.file_name().unwrap().to_string_lossy().into_owned());
    }
    for expected in [
        "muster.db",
        "results.csv",
        "results.xlsx",
        "failed-rows.csv",
        "failed-rows.xlsx",
    ] {
        assert!(
            searched.iter().any(|s| s == expected),
            "{expected} not searched: {searched:?}"
        );
    }
    for said in [&resume, &export, &added] {
        assert!(!stdout(said).contains(&sandbox.token) && !stderr(said).contains(&sandbox.token));
    }

    let remove = muster(&[
        "connect",
        "remove",
        "kill-test-lms",
        "--store",
        text(&store_path),
    ]);
    assert_eq!(remove.status.code(), Some(0), "{}", stderr(&remove));
}

/// Every cell of every sheet of a workbook, as text.
fn workbook_text(path: &std::path::Path) -> String {
    use calamine::{Reader, open_workbook_auto};
    let mut workbook = open_workbook_auto(path).unwrap();
    let mut text = String::new();
    for name in workbook.sheet_names() {
        let range = workbook.worksheet_range(&name).unwrap();
        for row in range.rows() {
            for cell in row {
                text.push_str(&cell.to_string());
                text.push('\t');
            }
        }
    }
    text
}
