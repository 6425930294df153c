//! After a push: one record refused by the target and one held back by validation, written
//! out, shown to fix, fixed in the app or from a file, and sent.

use muster_sandbox::Fault;

use super::jobs_support::{BROKEN, Bench};
use crate::commands::fixes::{fix_from_file_at, fix_records_at, retry_failed_at};
use crate::commands::records::records_at;
use crate::commands::results::{export_failed_at, export_results_at, failed_sources_at};
use crate::sandbox_state::SandboxState;
use crate::wire::jobs::RecordFix;

/// A job of 4 valid records and the broken one, pushed to a sandbox whose LMS refuses the
/// first request it gets; answers the job and the row of the refused record.
async fn pushed_with_one_refused(bench: &Bench, sandbox: &SandboxState) -> (i64, u64) {
    let job = bench.sandbox_job();
    sandbox.start().await.expect("sandbox");
    let refuse: Fault = serde_json::from_value(serde_json::json!({
        "kind": "status",
        "status": 400,
        "body": "{\"error\":\"Login is already used\"}",
        "method": "POST",
    }))
    .expect("fault");
    sandbox
        .inspect(|s| s.lms().faults().push(refuse))
        .await
        .expect("runs");
    let pushed = bench.push(sandbox, job, |_| {}).await;
    assert_eq!(pushed.status, "finished");
    assert_eq!(
        (
            pushed.counts.created,
            pushed.counts.failed,
            pushed.counts.held_back
        ),
        (3, 1, 1)
    );
    let failed = records_at(&bench.store, job, Some("failed"), 0, 10).expect("failed");
    let refused = &failed.records[0];
    assert_eq!(refused.code.as_deref(), Some("400"));
    assert_eq!(refused.message.as_deref(), Some("Login is already used"));
    (job, refused.source_row)
}

async fn lms_users(sandbox: &SandboxState) -> Option<usize> {
    sandbox.inspect(|s| s.lms().emulator().users().len()).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn records_fixed_in_the_app_and_failed_ones_retried_are_sent() {
    let bench = Bench::new(4);
    let sandbox = SandboxState::default();
    let (job, refused_row) = pushed_with_one_refused(&bench, &sandbox).await;

    // The source rows of the refused and the held record, to fix in place.
    let sources = failed_sources_at(&bench.store, job).expect("sources");
    assert_eq!(
        sources.columns,
        ["Employee ID", "First Name", "Last Name", "Email"]
    );
    let rows: Vec<u64> = sources.rows.iter().map(|r| r.number).collect();
    let mut expected = vec![refused_row, 6];
    expected.sort_unstable();
    assert_eq!(rows, expected);
    let held = sources
        .rows
        .iter()
        .find(|r| r.number == 6)
        .expect("held row");
    assert_eq!(held.cells.join(","), BROKEN);

    let cells = |email: &str| {
        let mut cells: std::collections::BTreeMap<String, String> = sources
            .columns
            .iter()
            .cloned()
            .zip(held.cells.iter().cloned())
            .collect();
        cells.insert("Email".to_owned(), email.to_owned());
        cells
    };
    // Still broken: nothing changes, and the answer says why.
    let still = fix_records_at(
        &bench.store,
        job,
        vec![RecordFix {
            source_row: 6,
            cells: cells("cleo at example"),
        }],
    )
    .expect("fix");
    assert_eq!(still.queued, 0);
    assert_eq!(still.still_invalid.len(), 1);
    assert_eq!(still.still_invalid[0].source_row, 6);
    assert!(
        still.still_invalid[0].message.contains("Email"),
        "{}",
        still.still_invalid[0].message
    );
    // Fixed: back to send.
    let fixed = fix_records_at(
        &bench.store,
        job,
        vec![RecordFix {
            source_row: 6,
            cells: cells("cleo@example.com"),
        }],
    )
    .expect("fix");
    assert_eq!((fixed.queued, fixed.still_invalid.len()), (1, 0));
    let pending = records_at(&bench.store, job, Some("pending"), 0, 10).expect("pending");
    assert_eq!(pending.records[0].fields["email"], "cleo@example.com");

    let retried = retry_failed_at(&bench.store, job).expect("retry");
    assert_eq!(retried.queued, 1);
    let pushed = bench.push(&sandbox, job, |_| {}).await;
    assert_eq!(
        (
            pushed.counts.created,
            pushed.counts.failed,
            pushed.counts.held_back
        ),
        (5, 0, 0)
    );
    assert_eq!(lms_users(&sandbox).await, Some(5));
    // Nothing is left to fix, nor to retry.
    assert!(
        failed_sources_at(&bench.store, job)
            .expect("sources")
            .rows
            .is_empty()
    );
    assert_eq!(retry_failed_at(&bench.store, job).expect("retry").queued, 0);
    sandbox.stop().await.expect("stop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn results_and_failed_rows_are_written_and_a_fixed_file_is_matched_back() {
    let bench = Bench::new(4);
    let sandbox = SandboxState::default();
    let (job, refused_row) = pushed_with_one_refused(&bench, &sandbox).await;
    let out = bench.dir.path().join("out/new");
    let out_text = out.display().to_string();

    let results = export_results_at(&bench.store, job, &out_text).expect("results");
    assert_eq!(results.written, 5);
    assert_eq!(
        results.files,
        [
            out.join("results.csv").display().to_string(),
            out.join("results.xlsx").display().to_string()
        ]
    );
    let text = std::fs::read_to_string(out.join("results.csv")).expect("results.csv");
    assert!(text.contains("Login is already used"), "{text}");
    assert!(text.contains("held back"), "{text}");

    let failed = export_failed_at(&bench.store, job, &out_text).expect("failed rows");
    assert_eq!(failed.written, 2);
    assert_eq!(failed.files.len(), 2);
    let rows = std::fs::read_to_string(out.join("failed-rows.csv")).expect("failed-rows.csv");
    assert!(
        rows.starts_with("Muster row,Muster problem,Employee ID"),
        "{rows}"
    );
    assert!(rows.contains(BROKEN), "{rows}");

    // The person fixes the broken email in the file and hands it back.
    let fixed_path = out.join("failed-rows.csv");
    std::fs::write(
        &fixed_path,
        rows.replace("cleo at example.com", "cleo@example.com"),
    )
    .expect("fix the file");
    let matched = fix_from_file_at(&bench.store, job, &fixed_path.display().to_string())
        .expect("fix from file");
    assert_eq!((matched.queued, matched.still_invalid.len()), (2, 0));
    let pending = records_at(&bench.store, job, Some("pending"), 0, 10).expect("pending");
    let mut rows: Vec<u64> = pending.records.iter().map(|r| r.source_row).collect();
    rows.sort_unstable();
    let mut expected = vec![refused_row, 6];
    expected.sort_unstable();
    assert_eq!(rows, expected);

    let pushed = bench.push(&sandbox, job, |_| {}).await;
    assert_eq!((pushed.counts.created, pushed.counts.failed), (5, 0));
    assert_eq!(lms_users(&sandbox).await, Some(5));
    // Nothing to fix any more: no failed-rows files, and the old ones are gone.
    let none = export_failed_at(&bench.store, job, &out_text).expect("nothing to fix");
    assert_eq!((none.written, none.files.len()), (0, 0));
    assert!(!out.join("failed-rows.csv").exists());
    sandbox.stop().await.expect("stop");
}

#[test]
fn the_rows_of_a_source_that_is_gone_cannot_be_shown_and_say_why() {
    let bench = Bench::new(1);
    let job = bench.sandbox_job();
    std::fs::remove_file(&bench.file).expect("remove the source");
    let error = failed_sources_at(&bench.store, job).expect_err("source gone");
    assert!(
        error.message.contains("cannot be read again"),
        "{}",
        error.message
    );
    assert_eq!(
        error.file.as_deref(),
        Some(bench.file.display().to_string().as_str())
    );
    let out = bench.dir.path().join("out").display().to_string();
    assert!(export_failed_at(&bench.store, job, &out).is_err());
    // The results need only the store.
    assert_eq!(
        export_results_at(&bench.store, job, &out)
            .expect("results")
            .written,
        2
    );
}

#[test]
fn fixes_for_rows_the_job_does_not_have_or_without_its_columns_change_nothing() {
    let bench = Bench::new(1);
    let job = bench.sandbox_job();
    let full = |row: u64| RecordFix {
        source_row: row,
        cells: [
            ("Employee ID", "E900"),
            ("First Name", "Cleo"),
            ("Last Name", "Wolf"),
            ("Email", "cleo@example.com"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect(),
    };
    let answer = fix_records_at(&bench.store, job, vec![full(99)]).expect("fix");
    assert_eq!(answer.queued, 0);
    let why: Vec<(u64, &str)> = answer
        .still_invalid
        .iter()
        .map(|s| (s.source_row, s.message.as_str()))
        .collect();
    let expected = format!("job {job} has no record from row 99");
    assert_eq!(why, [(99, expected.as_str())]);

    let mut partial = full(3);
    partial.cells.remove("Email");
    let error = fix_records_at(&bench.store, job, vec![partial]).expect_err("no Email column");
    assert!(
        error.message.contains("the corrected rows"),
        "{}",
        error.message
    );
    assert!(error.message.contains("Email"), "{}", error.message);
    assert!(fix_records_at(&bench.store, job + 1, vec![]).is_err());
    // The held row (row 3), corrected, goes back to send.
    let fixed = fix_records_at(&bench.store, job, vec![full(3)]).expect("fix");
    assert_eq!((fixed.queued, fixed.still_invalid.len()), (1, 0));
}
