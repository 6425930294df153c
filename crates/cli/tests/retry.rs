//! `muster jobs export` and `muster jobs retry --file` as a person uses them: a job with rows
//! held back by validation and one the target refuses, its results and failed rows written
//! and read back (CSV and XLSX), the failed rows fixed in the file and sent again, each
//! fixed record arriving once and nothing else sent twice.

mod common;

use common::sandbox::{LmsSandbox, start_sandbox};
use common::{muster, muster_with_input, repo, text};

use std::path::Path;
use std::process::Output;

use calamine::{Data, Reader, Xlsx, open_workbook};
use muster_engine::job::Outcome;
use muster_engine::store::Store;
use muster_engine::store::retry::Standing;
use tempfile::TempDir;

const HEADER: &str = "Employee ID,First Name,Last Name,Email,Department,Job Title,Hire Date,Birth Date,Phone,Manager ID,Employment Status,Active";

fn person(id: &str, first: &str, last: &str, email: &str) -> String {
    format!(
        "{id},{first},{last},{email},Sales,Account Manager,2019-03-01,1985-07-14,+49 30 1234567,,full_time,yes"
    )
}

/// The staff file of the job: rows 4 and 8 have broken emails and row 6 no last name (held
/// back), row 7 takes a login another user has at the LMS (refused there), row 9 is
/// inactive (left out by the profile's skip rule).
fn staff() -> Vec<String> {
    let mut rows = vec![
        person("E1", "Anna", "Schmidt", "anna.schmidt@example.com"),
        person("E2", "Ben", "Meyer", "ben.meyer@example.com"),
        person("E3", "Carl", "Weber", "carl at example.com"),
        person("E4", "Dora", "Lang", "dora.lang@example.com"),
        person("E5", "Emil", "", "emil.roth@example.com"),
        person("E6", "Frida", "Vogel", "taken@example.com"),
        person("E7", "Gero", "Hahn", "gero@"),
    ];
    rows.push(person("E8", "Hanna", "Roth", "hanna.roth@example.com").replace(",yes", ",no"));
    rows
}

fn write_csv(path: &Path, rows: &[String]) {
    let text = std::iter::once(HEADER.to_owned())
        .chain(rows.iter().cloned())
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(path, text + "\n").unwrap();
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn said(out: &Output) -> String {
    format!("{}{}", stdout(out), stderr(out))
}

fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap()
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn xlsx_rows(path: &Path) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    sheet
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Data::Float(f) => format!("{f}"),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

fn add_connection(sandbox: &LmsSandbox, name: &str, store: &Path) {
    let added = muster_with_input(
        &[
            "connect",
            "add",
            name,
            "--kind",
            "lms",
            "--url",
            &sandbox.lms_url,
            "--store",
            text(store),
        ],
        &sandbox.token,
    );
    assert_eq!(added.status.code(), Some(0), "{}", said(&added));
}

fn run_job(file: &Path, to: &str, store: &Path) -> Output {
    muster(&[
        "run",
        text(file),
        "--profile",
        text(&repo("samples/lms-profile.toml")),
        "--to",
        to,
        "--store",
        text(store),
    ])
}

fn export(job: &str, out_dir: &Path, store: &Path, source: Option<&Path>) -> Output {
    let mut args = vec!["jobs", "export", job, "--out", text(out_dir)];
    if let Some(source) = source {
        args.extend(["--source", text(source)]);
    }
    args.extend(["--store", text(store)]);
    muster(&args)
}

fn retry(job: &str, file: &Path, store: &Path) -> Output {
    muster(&[
        "jobs",
        "retry",
        job,
        "--file",
        text(file),
        "--store",
        text(store),
    ])
}

#[test]
fn fixed_failed_rows_are_sent_once_and_nothing_else_again() {
    let dir = TempDir::new().unwrap();
    let store = dir.path().join("muster.db");
    let sandbox = start_sandbox();
    add_connection(&sandbox, "retry-test-lms", &store);

    // Job 1 gives the LMS a user whose login row 7 of job 2 asks for too.
    let first = dir.path().join("first.csv");
    write_csv(
        &first,
        &[person("E900", "Zora", "Alt", "taken@example.com")],
    );
    let out = run_job(&first, "retry-test-lms", &store);
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));

    let file = dir.path().join("staff.csv");
    write_csv(&file, &staff());
    let out = run_job(&file, "retry-test-lms", &store);
    assert_eq!(out.status.code(), Some(3), "{}", said(&out));
    let told = stdout(&out);
    assert!(told.contains("job 2: 4 records to send"), "{told}");
    assert!(told.contains("3 held back by validation"), "{told}");
    assert!(
        told.contains("job 2 finished: 3 created, 0 updated, 0 skipped, 0 unchanged, 1 failed, 3 held back by validation"),
        "{told}"
    );

    let show = muster(&["jobs", "show", "2", "--store", text(&store)]);
    let shown = stdout(&show);
    assert!(shown.contains("1 failed at the target:"), "{shown}");
    assert!(
        shown.contains("row 7 (E6): Login taken@example.com is already used"),
        "{shown}"
    );
    assert!(shown.contains("3 held back by validation:"), "{shown}");
    assert!(
        shown.contains("row 4 (E3): \"carl at example.com\" in column \"Email\""),
        "{shown}"
    );
    assert!(shown.contains("row 6 (E5): "), "{shown}");
    assert!(shown.contains("\"Last Name\""), "{shown}");

    // Export: every journaled record's outcome, and the rows to fix.
    let out_dir = dir.path().join("out");
    let exported = export("2", &out_dir, &store, None);
    assert_eq!(exported.status.code(), Some(0), "{}", said(&exported));
    for name in [
        "results.csv",
        "results.xlsx",
        "failed-rows.csv",
        "failed-rows.xlsx",
    ] {
        assert!(
            stdout(&exported).contains(text(&out_dir.join(name))),
            "{}",
            stdout(&exported)
        );
    }
    let results = csv_rows(&out_dir.join("results.csv"));
    assert_eq!(
        results[0],
        [
            "row",
            "identifier",
            "outcome",
            "target_id",
            "code",
            "message"
        ]
    );
    let outcomes: Vec<(&str, &str, &str)> = results[1..]
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str(), r[2].as_str()))
        .collect();
    assert_eq!(
        outcomes,
        [
            ("2", "E1", "created"),
            ("3", "E2", "created"),
            ("4", "E3", "held back"),
            ("5", "E4", "created"),
            ("6", "E5", "held back"),
            ("7", "E6", "failed"),
            ("8", "E7", "held back"),
        ]
    );
    assert_eq!(results[3][4], "email_invalid");
    assert!(
        results[6][5].contains("Login taken@example.com"),
        "{results:?}"
    );
    assert_eq!(xlsx_rows(&out_dir.join("results.xlsx")), results);

    let failed = csv_rows(&out_dir.join("failed-rows.csv"));
    let mut header = vec!["Muster row".to_owned(), "Muster problem".to_owned()];
    header.extend(HEADER.split(',').map(str::to_owned));
    assert_eq!(failed[0], header);
    let numbers: Vec<&str> = failed[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(numbers, ["4", "6", "7", "8"]);
    assert!(failed[1][1].contains("column \"Email\""), "{failed:?}");
    assert!(failed[2][1].contains("Last Name"), "{failed:?}");
    assert!(
        failed[3][1].starts_with("refused by lms: Login taken@example.com"),
        "{failed:?}"
    );
    // The original cells as they were, every column.
    assert_eq!(failed[1][2..].join(","), staff()[2]);
    assert_eq!(failed[3][2..].join(","), staff()[5]);
    assert_eq!(xlsx_rows(&out_dir.join("failed-rows.xlsx")), failed);

    // The person fixes three rows, leaves row 8 broken, and adds a row of a record that
    // arrived already and one of a person who is not in the job.
    let mut fixed = failed.clone();
    fixed[1][5] = "carl.weber@example.com".to_owned();
    fixed[2][4] = "Roth".to_owned();
    fixed[3][5] = "frida.vogel@example.com".to_owned();
    fixed[4][5] = "gero(at)example.com".to_owned();
    let mut done = vec!["2".to_owned(), String::new()];
    done.extend(staff()[0].split(',').map(str::to_owned));
    fixed.push(done);
    let mut stranger = vec![String::new(), String::new()];
    stranger.extend(
        person("E77", "Ida", "Neu", "ida.neu@example.com")
            .split(',')
            .map(str::to_owned),
    );
    fixed.push(stranger);
    let fixed_path = dir.path().join("fixed.csv");
    let mut writer = csv::Writer::from_path(&fixed_path).unwrap();
    for row in &fixed {
        writer.write_record(row).unwrap();
    }
    writer.flush().unwrap();

    sandbox.forget_requests();
    let retried = retry("2", &fixed_path, &store);
    let told = stdout(&retried);
    assert_eq!(retried.status.code(), Some(3), "{}", said(&retried));
    let name = text(&fixed_path);
    assert!(
        told.contains(&format!(
            "{name}: 3 fixed and queued, 1 still invalid, 1 already done, 1 not in job 2"
        )),
        "{told}"
    );
    assert!(
        told.contains(&format!(
            "{name} row 5 (row 8 of job 2): \"gero(at)example.com\" in column \"Email\""
        )),
        "{told}"
    );
    assert!(
        told.contains(&format!(
            "{name} row 7: no record of job 2 has the identifier \"E77\""
        )),
        "{told}"
    );
    assert!(
        told.contains(&format!(
            "Already done, left alone: {name} rows 6 (created)"
        )),
        "{told}"
    );
    assert!(
        told.contains("job 2 finished: 6 created, 0 updated, 0 skipped, 0 unchanged, 0 failed, 1 held back by validation"),
        "{told}"
    );

    // Exactly the three fixed records arrived, once each, and all were taken.
    let imports: Vec<_> = sandbox.imports().collect();
    assert_eq!(imports.len(), 3, "{imports:?}");
    assert!(imports.iter().all(|e| e["status"] == 200), "{imports:?}");
    let journal = Store::open(&store).unwrap();
    let attempts: Vec<(u64, String, u32, Option<Outcome>)> = journal
        .records(2, None)
        .unwrap()
        .into_iter()
        .map(|r| {
            (
                r.source_row,
                r.identifier,
                r.attempts,
                r.outcome.map(|o| o.outcome),
            )
        })
        .collect();
    let created = Some(Outcome::Created);
    assert_eq!(
        attempts,
        [
            (2, "E1".to_owned(), 1, created),
            (3, "E2".to_owned(), 1, created),
            (4, "E3".to_owned(), 1, created),
            (5, "E4".to_owned(), 1, created),
            (6, "E5".to_owned(), 1, created),
            (7, "E6".to_owned(), 2, created),
        ]
    );
    let still = journal.entry_at(2, 8).unwrap().unwrap();
    assert_eq!(still.standing, Standing::Held);
    assert!(still.message.unwrap().contains("gero@"));
    drop(journal);

    // The same file again sends nothing: what it fixed is done now.
    sandbox.forget_requests();
    let again = retry("2", &fixed_path, &store);
    assert!(
        stdout(&again).contains(&format!(
            "{name}: 0 fixed and queued, 1 still invalid, 4 already done, 1 not in job 2"
        )),
        "{}",
        said(&again)
    );
    assert_eq!(sandbox.imports().count(), 0);

    let remove = muster(&[
        "connect",
        "remove",
        "retry-test-lms",
        "--store",
        text(&store),
    ]);
    assert_eq!(remove.status.code(), Some(0), "{}", said(&remove));
}

#[test]
fn export_says_which_source_file_is_missing_and_retry_leaves_a_sandbox_job_alone() {
    let dir = TempDir::new().unwrap();
    let store = dir.path().join("muster.db");
    let file = dir.path().join("staff.csv");
    write_csv(&file, &staff());
    let out = run_job(&file, "sandbox", &store);
    assert_eq!(out.status.code(), Some(3), "{}", said(&out));

    // The source moved: the results are written, the failed rows are not, and why is said.
    let moved = dir.path().join("moved.csv");
    std::fs::rename(&file, &moved).unwrap();
    let out_dir = dir.path().join("out");
    let exported = export("1", &out_dir, &store, None);
    assert_eq!(exported.status.code(), Some(3), "{}", said(&exported));
    assert!(out_dir.join("results.csv").exists());
    assert!(out_dir.join("results.xlsx").exists());
    assert!(!out_dir.join("failed-rows.csv").exists());
    let why = stderr(&exported);
    assert!(
        why.contains(&format!(
            "the source file of job 1, {}, cannot be read",
            file.display()
        )),
        "{why}"
    );
    assert!(why.contains("3 records need fixing"), "{why}");
    assert!(why.contains("--source FILE"), "{why}");

    // Named where it is now, the rows are found again.
    let exported = export("1", &out_dir, &store, Some(&moved));
    assert_eq!(exported.status.code(), Some(0), "{}", said(&exported));
    let failed = csv_rows(&out_dir.join("failed-rows.csv"));
    assert_eq!(failed.len(), 4, "{failed:?}");

    // Changed since: the changed row is left out and named.
    let mut changed = staff();
    changed[2] = person("E3", "Carla", "Weber", "carl at example.com");
    write_csv(&moved, &changed);
    let exported = export("1", &out_dir, &store, Some(&moved));
    assert_eq!(exported.status.code(), Some(3), "{}", said(&exported));
    let why = stderr(&exported);
    assert!(
        why.contains("1 of the 3 rows to fix are no longer in"),
        "{why}"
    );
    assert!(
        why.contains("row 4 (E3): the row holds other values"),
        "{why}"
    );
    assert_eq!(csv_rows(&out_dir.join("failed-rows.csv")).len(), 3);

    // The sandbox of that run is gone: retry refuses before changing anything.
    let retried = retry("1", &out_dir.join("failed-rows.csv"), &store);
    assert_eq!(retried.status.code(), Some(1), "{}", said(&retried));
    assert!(stderr(&retried).contains("sandbox"), "{}", said(&retried));
    let journal = Store::open(&store).unwrap();
    assert_eq!(journal.job(1).unwrap().counts.held_back, 3);
}
