//! Windows of a job's records, and a job left running by a process that is gone.

use super::*;
use crate::job::{Outcome, Policy, RecordOutcome};
use crate::store::lease::this_process;
use crate::store::retry::Standing;
use crate::store::{JobStatus, NewJob, NewRecord};

fn record(row: u64) -> NewRecord {
    NewRecord {
        source_row: row,
        identifier: format!("E{row}"),
        payload: format!("{{\"uid\":\"E{row}\"}}"),
        manager: None,
    }
}

/// A job of rows 2..=9 sent in part: 2 created, 3 failed, 4 in flight, 9 held back, the
/// rest pending.
fn sent_in_part(store: &mut Store) -> i64 {
    let job = store
        .create_job_with(
            &NewJob {
                source: "staff.csv",
                profile: "version = 1",
                target_kind: "lms",
                connection: "sandbox",
                policy: Policy::Update,
            },
            |sink| {
                for row in 2..=8 {
                    sink.add(&record(row))?;
                }
                sink.hold(&record(9), "required", "column \"Email\": empty")
            },
        )
        .expect("job");
    store.claim(job, &this_process()).expect("claim");
    let first: Vec<i64> = store
        .pending(job, 2)
        .expect("pending")
        .iter()
        .map(|r| r.id)
        .collect();
    let batch = store.begin_batch(job, &first).expect("batch");
    let settled = |outcome, code: Option<&str>| RecordOutcome {
        outcome,
        target_id: None,
        code: code.map(str::to_owned),
        message: code.map(|_| "refused".to_owned()),
    };
    store
        .finish_batch(
            batch,
            &[
                (first[0], settled(Outcome::Created, None)),
                (first[1], settled(Outcome::Failed, Some("400"))),
            ],
        )
        .expect("settle");
    let next = store.pending(job, 1).expect("pending")[0].id;
    store.begin_batch(job, &[next]).expect("in flight");
    job
}

fn rows(window: &RecordWindow) -> Vec<u64> {
    window.records.iter().map(|r| r.entry.source_row).collect()
}

#[test]
fn windows_page_through_a_view_and_count_it_whole() {
    let mut store = Store::in_memory().expect("store");
    let job = sent_in_part(&mut store);

    let all = store.record_window(job, Shown::All, 0, 3).expect("window");
    assert_eq!((rows(&all), all.total), (vec![2, 3, 4], 8));
    let later = store.record_window(job, Shown::All, 6, 10).expect("window");
    assert_eq!((rows(&later), later.total), (vec![8, 9], 8));
    let past = store
        .record_window(job, Shown::All, 20, 10)
        .expect("window");
    assert_eq!((rows(&past), past.total), (vec![], 8));

    let unsent = store
        .record_window(job, Shown::Unsent, 0, 2)
        .expect("window");
    assert_eq!((rows(&unsent), unsent.total), (vec![4, 5], 5));
    assert_eq!(unsent.records[0].entry.standing, Standing::InFlight);
    assert_eq!(unsent.records[0].attempts, 1);
    assert_eq!(unsent.records[1].entry.standing, Standing::Pending);

    let held = store
        .record_window(job, Shown::Held, 0, 10)
        .expect("window");
    assert_eq!((rows(&held), held.total), (vec![9], 1));
    assert_eq!(held.records[0].entry.code.as_deref(), Some("required"));
    assert_eq!(held.records[0].payload, "{\"uid\":\"E9\"}");

    let failed = store
        .record_window(job, Shown::Settled(Outcome::Failed), 0, 10)
        .expect("window");
    assert_eq!((rows(&failed), failed.total), (vec![3], 1));
    assert_eq!(failed.records[0].entry.message.as_deref(), Some("refused"));
    let created = store
        .record_window(job, Shown::Settled(Outcome::Created), 0, 10)
        .expect("window");
    assert_eq!((rows(&created), created.total), (vec![2], 1));
    let updated = store
        .record_window(job, Shown::Settled(Outcome::Updated), 0, 10)
        .expect("window");
    assert_eq!(updated.total, 0);
}

#[test]
fn a_job_left_running_by_a_process_that_is_gone_reads_as_interrupted() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("muster.db");
    let mut store = Store::open(&path).expect("store");
    let job = sent_in_part(&mut store);
    // This process holds the claim: it is running.
    assert_eq!(store.job(job).expect("job").status, JobStatus::Running);
    // The process is killed: its claim is never released, and no such process exists.
    let me = this_process();
    let host = me.split_once('@').expect("pid@host").1;
    let dead = format!("{}@{host}", u32::MAX - 1);
    store.release(job, &me).expect("release");
    store.claim(job, &dead).expect("claim as the dead process");
    let reopened = Store::open(&path).expect("store");
    assert_eq!(
        reopened.job(job).expect("job").status,
        JobStatus::Interrupted
    );
    assert_eq!(
        reopened.jobs().expect("jobs")[0].status,
        JobStatus::Interrupted
    );
    // Nobody holds it at all: interrupted too.
    reopened.release(job, &dead).expect("release");
    assert_eq!(
        reopened.job(job).expect("job").status,
        JobStatus::Interrupted
    );
}
