//! Held rows in the journal, and a fixed file matched back to a job's records.

use super::common::{HEADER, csv, job_from, open, settle, staff_job};
use crate::job::Outcome;
use crate::job::retry::{FixReport, RetryError, fix_from_sheet};
use crate::store::Store;
use crate::store::retry::{Entry, Standing};

fn entries(store: &Store, job: i64) -> Vec<Entry> {
    let mut all = Vec::new();
    store
        .for_each_entry(job, |entry| {
            all.push(entry);
            Ok::<(), crate::store::StoreError>(())
        })
        .unwrap();
    all
}

fn entry(store: &Store, job: i64, row: u64) -> Entry {
    store.entry_at(job, row).unwrap().unwrap()
}

fn retry(store: &mut Store, job: i64, path: &std::path::Path) -> Result<FixReport, RetryError> {
    let (mut sheet, mapper, catalog) = open(path);
    fix_from_sheet(store, job, &mut sheet, &mapper, &catalog)
}

fn rows(matched: &[crate::job::retry::Matched]) -> Vec<(u64, u64)> {
    matched.iter().map(|m| (m.file_row, m.source_row)).collect()
}

#[test]
fn held_rows_are_journaled_with_their_first_error_and_never_sent() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::in_memory().unwrap();
    let source = csv(dir.path(), "staff.csv", HEADER, super::common::STAFF);
    let job = job_from(&mut store, &source);

    let counts = store.counts(job).unwrap();
    assert_eq!((counts.total, counts.pending), (3, 3), "{counts:?}");
    assert_eq!(counts.held_back, 2, "{counts:?}");
    assert_eq!(counts.done(), 0);
    let pending: Vec<u64> = store
        .pending(job, 10)
        .unwrap()
        .iter()
        .map(|r| r.source_row)
        .collect();
    assert_eq!(pending, [2, 3, 5]);
    assert_eq!(store.records(job, None).unwrap().len(), 3);

    let held = entry(&store, job, 4);
    assert_eq!(held.standing, Standing::Held);
    assert_eq!(held.identifier, "E3");
    assert_eq!(held.code.as_deref(), Some("email_invalid"));
    let message = held.message.unwrap();
    assert!(message.contains("\"Email\""), "{message}");
    assert!(message.contains("cleo at example.com"), "{message}");
    // The payload goes as far as mapping got.
    let payload = store.record_at(job, 4).unwrap().unwrap().payload;
    assert!(payload.contains("\"firstname\":\"Cleo\""), "{payload}");

    let no_id = entry(&store, job, 6);
    assert_eq!(
        (no_id.standing, no_id.identifier.as_str()),
        (Standing::Held, "")
    );
    let message = no_id.message.unwrap();
    assert!(message.contains("Employee ID"), "{message}");

    // Sending everything pending leaves the held rows as they were.
    settle(&mut store, job, |_| Outcome::Created);
    let counts = store.counts(job).unwrap();
    assert_eq!(
        (counts.created, counts.held_back, counts.pending),
        (3, 2, 0)
    );
    assert_eq!(entry(&store, job, 4).standing, Standing::Held);
}

#[test]
fn rows_are_matched_by_their_muster_row_and_fixed_rows_go_back_to_pending() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::in_memory().unwrap();
    let (job, _) = staff_job(&mut store, dir.path());
    // The failed-rows file, fixed: the failed row 3 gets a new email, the held rows 4 and 6
    // their email and identifier. Its own rows are 2, 3, 4.
    let fixed = csv(
        dir.path(),
        "fixed.csv",
        &format!("Muster row,Muster problem,{HEADER}"),
        &[
            "3,lms refused it,E2,Ben,Meyer,ben.meyer@example.com",
            "4,bad email,E3,Cleo,Wolf,cleo@example.com",
            "6,no id,E5,Emil,Roth,emil@example.com",
        ],
    );
    let report = retry(&mut store, job, &fixed).unwrap();
    assert_eq!(rows(&report.queued), [(2, 3), (3, 4), (4, 6)]);
    assert_eq!(
        report.queued.iter().map(|m| m.was).collect::<Vec<_>>(),
        [
            Standing::Settled(Outcome::Failed),
            Standing::Held,
            Standing::Held
        ]
    );
    assert!(report.still_invalid.is_empty() && report.not_in_job.is_empty());
    assert!(report.already_done.is_empty());

    let pending = store.pending(job, 10).unwrap();
    assert_eq!(
        pending.iter().map(|r| r.source_row).collect::<Vec<_>>(),
        [3, 4, 6]
    );
    assert!(pending[0].payload.contains("ben.meyer@example.com"));
    assert_eq!(pending[0].outcome, None);
    // The held row without an identifier has one now.
    assert_eq!(pending[2].identifier, "E5");
    let counts = store.counts(job).unwrap();
    assert_eq!(
        (
            counts.total,
            counts.pending,
            counts.failed,
            counts.held_back
        ),
        (5, 3, 0, 0)
    );
    // The job is free again for the run that sends them.
    store.claim(job, "someone-else@elsewhere").unwrap();
}

#[test]
fn without_a_muster_row_rows_are_matched_by_identifier_and_settled_ones_are_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::in_memory().unwrap();
    let (job, _) = staff_job(&mut store, dir.path());
    // The original file fixed in place, every row still there.
    let fixed = csv(
        dir.path(),
        "staff-fixed.csv",
        HEADER,
        &[
            "E1,Anna,Schmidt,anna.new@example.com",
            "E2,Ben,Meyer,ben.meyer@example.com",
            "E3,Cleo,Wolf,cleo@example.com",
            "E4,Dora,Lang,dora@example.com",
            ",Emil,Roth,emil@example.com",
            "E9,Fritz,Neu,fritz@example.com",
        ],
    );
    let report = retry(&mut store, job, &fixed).unwrap();
    assert_eq!(rows(&report.queued), [(3, 3), (4, 4)]);
    // E1 was created: its new email is not sent, whatever the file says.
    assert_eq!(rows(&report.already_done), [(2, 2), (5, 5)]);
    assert_eq!(
        report.already_done[0].was,
        Standing::Settled(Outcome::Created)
    );
    let unmatched: Vec<(u64, &str)> = report
        .not_in_job
        .iter()
        .map(|n| (n.file_row, n.reason.as_str()))
        .collect();
    assert_eq!(unmatched.len(), 2, "{unmatched:?}");
    assert_eq!(unmatched[0].0, 6);
    assert!(unmatched[0].1.contains("no identifier"), "{unmatched:?}");
    assert_eq!(unmatched[1].0, 7);
    assert!(
        unmatched[1]
            .1
            .contains(&format!("no record of job {job} has the identifier \"E9\"")),
        "{unmatched:?}"
    );
    let created = store.record_at(job, 2).unwrap().unwrap();
    assert!(created.payload.contains("anna@example.com"));
    assert_eq!(entry(&store, job, 6).standing, Standing::Held);
    assert_eq!(store.counts(job).unwrap().pending, 2);
}

#[test]
fn a_row_still_invalid_is_reported_with_its_file_row_and_column_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::in_memory().unwrap();
    let (job, _) = staff_job(&mut store, dir.path());
    let fixed = csv(
        dir.path(),
        "fixed.csv",
        &format!("Muster row,Muster problem,{HEADER}"),
        &[
            "3,,E2,Ben,Meyer,ben.meyer@example.com",
            "4,,E3,Cleo,Wolf,cleo(at)example.com",
        ],
    );
    let report = retry(&mut store, job, &fixed).unwrap();
    assert_eq!(rows(&report.queued), [(2, 3)]);
    assert_eq!(report.still_invalid.len(), 1);
    let invalid = &report.still_invalid[0];
    assert_eq!((invalid.file_row, invalid.source_row), (3, 4));
    let issue = &invalid.issues[0];
    assert_eq!((issue.row, issue.column.as_str()), (3, "Email"));
    assert_eq!(issue.code, "email_invalid");
    let held = entry(&store, job, 4);
    assert_eq!(held.standing, Standing::Held);
    assert!(held.message.unwrap().contains("cleo at example.com"));
}

#[test]
fn a_record_takes_one_row_and_keeps_its_identifier_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::in_memory().unwrap();
    let (job, _) = staff_job(&mut store, dir.path());
    let fixed = csv(
        dir.path(),
        "fixed.csv",
        &format!("Muster row,Muster problem,{HEADER}"),
        &[
            "4,,E3,Cleo,Wolf,cleo@example.com",
            "4,,E3,Cleo,Wolf,cleo.wolf@example.com",
            "6,,E4,Emil,Roth,emil@example.com",
            "77,,E7,Gus,Alt,gus@example.com",
            "x,,E8,Hal,Alt,hal@example.com",
        ],
    );
    let report = retry(&mut store, job, &fixed).unwrap();
    assert_eq!(rows(&report.queued), [(2, 4)]);
    let codes: Vec<(u64, &str)> = report
        .still_invalid
        .iter()
        .map(|s| (s.file_row, s.issues[0].code))
        .collect();
    // Row 3 is row 4 again; row 4 takes E4, which row 5 of the job has.
    assert_eq!(codes, [(3, "duplicate_row"), (4, "duplicate_identifier")]);
    let message = &report.still_invalid[1].issues[0].message;
    assert!(
        message.contains(&format!("\"E4\" is already the uid of row 5 of job {job}")),
        "{message}"
    );
    let reasons: Vec<&str> = report
        .not_in_job
        .iter()
        .map(|n| n.reason.as_str())
        .collect();
    assert_eq!(
        reasons,
        [
            format!("job {job} has no record from row 77").as_str(),
            "its Muster row \"x\" is not a row number"
        ]
    );
    assert_eq!(entry(&store, job, 6).standing, Standing::Held);
}

#[test]
fn a_job_with_records_in_flight_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::in_memory().unwrap();
    let source = csv(dir.path(), "staff.csv", HEADER, super::common::STAFF);
    let job = job_from(&mut store, &source);
    let ids: Vec<i64> = store
        .pending(job, 10)
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    store.begin_batch(job, &ids).unwrap();
    let fixed = csv(
        dir.path(),
        "fixed.csv",
        HEADER,
        &[
            "E1,Anna,Schmidt,anna@example.com",
            "E3,Cleo,Wolf,cleo@example.com",
        ],
    );
    let before = entries(&store, job);
    let error = retry(&mut store, job, &fixed).unwrap_err();
    assert!(
        matches!(error, RetryError::InFlight { count: 3, .. }),
        "{error}"
    );
    let said = error.to_string();
    assert!(
        said.contains(&format!("muster jobs resume {job}")),
        "{said}"
    );
    assert_eq!(entries(&store, job), before);
}

#[test]
fn a_retry_of_a_job_that_does_not_exist_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::in_memory().unwrap();
    let fixed = csv(
        dir.path(),
        "fixed.csv",
        HEADER,
        &["E1,Anna,Schmidt,anna@example.com"],
    );
    let error = retry(&mut store, 42, &fixed).unwrap_err();
    assert!(error.to_string().contains("there is no job 42"), "{error}");
}
