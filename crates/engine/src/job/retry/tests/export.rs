//! `results.csv`/`.xlsx` and `failed-rows.csv`/`.xlsx` of a job, read back.

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};

use super::common::{HEADER, STAFF, csv, open, staff_job};
use crate::job::retry::{FailedRows, Why, find_rows_to_fix, write_failed_rows, write_results};
use crate::store::Store;

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

fn failed_rows(store: &Store, job: i64, source: &Path, out: &Path) -> FailedRows {
    let (mut sheet, mapper, catalog) = open(source);
    write_failed_rows(store, job, &mut sheet, &mapper, &catalog, out).unwrap()
}

#[test]
fn results_list_every_record_with_its_outcome_held_rows_included() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::in_memory().unwrap();
    let (job, _) = staff_job(&mut store, dir.path());
    let written = write_results(&store, job, dir.path()).unwrap();
    assert_eq!(written.rows, 5);
    assert_eq!(
        written.files,
        [
            dir.path().join("results.csv"),
            dir.path().join("results.xlsx")
        ]
    );
    let rows = csv_rows(&dir.path().join("results.csv"));
    assert_eq!(
        rows[0],
        [
            "row",
            "identifier",
            "outcome",
            "target_id",
            "code",
            "message"
        ]
    );
    let brief: Vec<[&str; 4]> = rows[1..]
        .iter()
        .map(|r| [r[0].as_str(), r[1].as_str(), r[2].as_str(), r[4].as_str()])
        .collect();
    assert_eq!(
        brief,
        [
            ["2", "E1", "created", ""],
            ["3", "E2", "failed", "400"],
            ["4", "E3", "held back", "email_invalid"],
            ["5", "E4", "created", ""],
            ["6", "", "held back", "required_missing"],
        ]
    );
    assert_eq!(rows[2][5], "Login is already used");
    assert_eq!(rows[1][3], "lms-E1");
    // The workbook holds the same, row numbers as numbers.
    assert_eq!(xlsx_rows(&dir.path().join("results.xlsx")), rows);
}

#[test]
fn the_rows_to_fix_are_found_without_writing_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::in_memory().unwrap();
    let (job, source) = staff_job(&mut store, dir.path());
    let (mut sheet, mapper, catalog) = open(&source);
    let rows = find_rows_to_fix(&store, job, &mut sheet, &mapper, &catalog).unwrap();
    assert_eq!(rows.to_fix, 3);
    let found: Vec<(u64, Vec<String>)> = rows
        .found
        .iter()
        .map(|(row, _)| (row.number, row.to_vec()))
        .collect();
    assert_eq!(
        found[0],
        (
            3,
            vec![
                "E2".into(),
                "Ben".into(),
                "Meyer".into(),
                "ben@example.com".into()
            ]
        )
    );
    assert_eq!(found.iter().map(|f| f.0).collect::<Vec<_>>(), [3, 4, 6]);
    assert_eq!(rows.columns.len(), 4);
    assert_eq!(rows.columns[3], (3, "Email".to_owned()));
    assert!(rows.not_found.is_empty());
    assert!(!dir.path().join("failed-rows.csv").exists());
}

#[test]
fn failed_rows_are_the_original_rows_led_by_their_row_and_problem() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::in_memory().unwrap();
    let (job, source) = staff_job(&mut store, dir.path());
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let report = failed_rows(&store, job, &source, &out);
    assert_eq!((report.to_fix, report.written), (3, 3));
    assert!(report.not_found.is_empty(), "{report:?}");
    assert_eq!(
        report.files,
        [out.join("failed-rows.csv"), out.join("failed-rows.xlsx")]
    );
    let rows = csv_rows(&out.join("failed-rows.csv"));
    assert_eq!(
        rows[0],
        [
            "Muster row",
            "Muster problem",
            "Employee ID",
            "First Name",
            "Last Name",
            "Email"
        ]
    );
    assert_eq!(rows[1][..2], ["3", "refused by lms: Login is already used"]);
    assert_eq!(rows[1][2..], ["E2", "Ben", "Meyer", "ben@example.com"]);
    assert_eq!(rows[2][0], "4");
    assert!(rows[2][1].contains("\"Email\""), "{}", rows[2][1]);
    assert_eq!(rows[2][5], "cleo at example.com");
    assert_eq!(rows[3][0], "6");
    assert!(rows[3][1].contains("Employee ID"), "{}", rows[3][1]);
    assert_eq!(rows.len(), 4);
    assert_eq!(xlsx_rows(&out.join("failed-rows.xlsx")), rows);
}

#[test]
fn rows_the_source_no_longer_holds_as_journaled_are_left_out_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::in_memory().unwrap();
    let (job, source) = staff_job(&mut store, dir.path());
    // Since the job ran: row 3 changed, and the last row (6) is gone.
    let mut changed: Vec<&str> = STAFF.to_vec();
    changed[1] = "E2,Benjamin,Meyer,ben@example.com";
    changed.pop();
    csv(dir.path(), "staff.csv", HEADER, &changed);
    let report = failed_rows(&store, job, &source, dir.path());
    assert_eq!((report.to_fix, report.written), (3, 1));
    let missing: Vec<(u64, Why)> = report
        .not_found
        .iter()
        .map(|n| (n.source_row, n.why))
        .collect();
    assert_eq!(missing, [(3, Why::Different), (6, Why::Missing)]);
    let rows = csv_rows(&dir.path().join("failed-rows.csv"));
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1][0], "4");

    // Nothing left to find: no file, and none left from before to be fed back by mistake.
    csv(
        dir.path(),
        "staff.csv",
        "Employee ID,First Name,Last Name,Email",
        &[],
    );
    let report = failed_rows(&store, job, &source, dir.path());
    assert_eq!(
        (report.to_fix, report.written, report.not_found.len()),
        (3, 0, 3)
    );
    assert!(report.files.is_empty());
    assert!(!dir.path().join("failed-rows.csv").exists());
    assert!(!dir.path().join("failed-rows.xlsx").exists());
}

#[test]
fn cells_a_spreadsheet_would_run_are_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::in_memory().unwrap();
    let source = csv(
        dir.path(),
        "staff.csv",
        HEADER,
        &["E1,=HYPERLINK(\"x\"),Schmidt,not-an-email"],
    );
    let job = super::common::job_from(&mut store, &source);
    let report = failed_rows(&store, job, &source, dir.path());
    assert_eq!(report.written, 1);
    let rows = csv_rows(&dir.path().join("failed-rows.csv"));
    assert_eq!(rows[1][3], "'=HYPERLINK(\"x\")");
    assert_eq!(
        xlsx_rows(&dir.path().join("failed-rows.xlsx"))[1][3],
        "'=HYPERLINK(\"x\")"
    );
}
