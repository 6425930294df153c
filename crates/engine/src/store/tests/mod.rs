//! The store on a real SQLite file: jobs, the journal's promises, claims and connections.

use super::*;
use crate::job::{Outcome, Policy, RecordOutcome};

fn records(n: u64) -> Vec<NewRecord> {
    (0..n)
        .map(|i| NewRecord {
            source_row: i + 2,
            identifier: format!("E{i}"),
            payload: format!("{{\"uid\":\"E{i}\"}}"),
            manager: None,
        })
        .collect()
}

fn job(store: &mut Store, n: u64) -> i64 {
    store
        .create_job(
            &NewJob {
                source: "staff.csv",
                profile: "version = 1",
                target_kind: "lms",
                connection: "lms-test",
                policy: Policy::Update,
            },
            records(n),
        )
        .unwrap()
}

fn outcome(outcome: Outcome) -> RecordOutcome {
    RecordOutcome {
        outcome,
        target_id: None,
        code: None,
        message: None,
    }
}

#[test]
fn a_job_and_its_records_survive_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/muster.db");
    let id = {
        let mut store = Store::open(&path).unwrap();
        job(&mut store, 3)
    };
    let store = Store::open(&path).unwrap();
    let job = store.job(id).unwrap();
    assert_eq!(job.status, JobStatus::Planned);
    assert_eq!(job.policy, Policy::Update);
    assert_eq!(job.counts.total, 3);
    assert_eq!(job.counts.pending, 3);
    let pending = store.pending(id, 10).unwrap();
    assert_eq!(
        pending.iter().map(|r| r.source_row).collect::<Vec<_>>(),
        [2, 3, 4]
    );
    assert_eq!(store.jobs().unwrap().len(), 1);
    assert!(matches!(store.job(99), Err(StoreError::NoJob(99))));
}

#[test]
fn a_batch_goes_from_intent_to_outcome() {
    let mut store = Store::in_memory().unwrap();
    let id = job(&mut store, 4);
    // As a runner does: a job running without a live claim reads as interrupted.
    store.claim(id, &lease::this_process()).unwrap();
    let first: Vec<i64> = store.pending(id, 2).unwrap().iter().map(|r| r.id).collect();
    let batch = store.begin_batch(id, &first).unwrap();
    let counts = store.counts(id).unwrap();
    assert_eq!((counts.pending, counts.in_flight), (2, 2));
    // Only records not in a batch are offered again.
    assert_eq!(store.pending(id, 10).unwrap().len(), 2);
    assert_eq!(store.job(id).unwrap().status, JobStatus::Running);

    let in_flight = store.in_flight(id).unwrap();
    assert_eq!(in_flight.len(), 1);
    assert_eq!(in_flight[0].remote_id, None);
    assert_eq!(in_flight[0].records.len(), 2);
    assert_eq!(in_flight[0].records[0].attempts, 1);

    store.batch_submitted(batch, "job_abc").unwrap();
    assert_eq!(
        store.in_flight(id).unwrap()[0].remote_id.as_deref(),
        Some("job_abc")
    );
    let failed = RecordOutcome {
        outcome: Outcome::Failed,
        target_id: None,
        code: Some("DUPLICATED_USER".into()),
        message: Some("The user already exists.".into()),
    };
    store
        .finish_batch(
            batch,
            &[
                (first[0], outcome(Outcome::Created)),
                (first[1], failed.clone()),
            ],
        )
        .unwrap();
    assert!(store.in_flight(id).unwrap().is_empty());
    let counts = store.counts(id).unwrap();
    assert_eq!((counts.created, counts.failed, counts.pending), (1, 1, 2));
    let failures = store.records(id, Some(Outcome::Failed)).unwrap();
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0].source_row, 3);
    assert_eq!(failures[0].outcome.as_ref(), Some(&failed));
}

#[test]
fn records_left_out_of_a_settled_batch_are_sent_again() {
    let mut store = Store::in_memory().unwrap();
    let id = job(&mut store, 3);
    let ids: Vec<i64> = store.pending(id, 3).unwrap().iter().map(|r| r.id).collect();
    let batch = store.begin_batch(id, &ids).unwrap();
    store
        .finish_batch(batch, &[(ids[0], outcome(Outcome::Updated))])
        .unwrap();
    let pending = store.pending(id, 10).unwrap();
    assert_eq!(pending.iter().map(|r| r.id).collect::<Vec<_>>(), ids[1..]);
    assert_eq!(pending[0].attempts, 1);

    let again = store.begin_batch(id, &ids[1..]).unwrap();
    store.release_batch(again).unwrap();
    assert_eq!(store.pending(id, 10).unwrap()[0].attempts, 2);
}

#[test]
fn failed_records_can_be_retried_with_a_corrected_payload() {
    let mut store = Store::in_memory().unwrap();
    let id = job(&mut store, 2);
    let ids: Vec<i64> = store.pending(id, 2).unwrap().iter().map(|r| r.id).collect();
    let batch = store.begin_batch(id, &ids).unwrap();
    store
        .finish_batch(
            batch,
            &[
                (ids[0], outcome(Outcome::Created)),
                (ids[1], outcome(Outcome::Failed)),
            ],
        )
        .unwrap();
    assert!(
        !store.replace_payload(id, 3, "{}").unwrap(),
        "not pending yet"
    );
    assert_eq!(store.retry_failed(id).unwrap(), 1);
    assert!(
        store
            .replace_payload(id, 3, "{\"uid\":\"E1-fixed\"}")
            .unwrap()
    );
    let pending = store.pending(id, 10).unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].payload, "{\"uid\":\"E1-fixed\"}");
    assert_eq!(pending[0].outcome, None);
    assert_eq!(store.counts(id).unwrap().created, 1);
}

#[test]
fn one_process_at_a_time_works_on_a_job() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("muster.db");
    let mut app = Store::open(&path).unwrap();
    let mut cli = Store::open(&path).unwrap();
    let id = job(&mut app, 1);
    let me = lease::this_process();
    app.claim(id, &me).unwrap();
    // Another owner on another host, freshly renewed: busy.
    let other = "1@another-host";
    let claimed_at = super::now();
    match cli.claim(id, other) {
        Err(error @ StoreError::Busy { .. }) => {
            let StoreError::Busy {
                owner, since, seen, ..
            } = &error
            else {
                unreachable!()
            };
            assert_eq!(owner, &me);
            assert!(
                since.is_some_and(|at| (at - claimed_at).abs() <= 1),
                "{since:?}"
            );
            assert_eq!(since, seen);
            let (pid, host) = me.split_once('@').unwrap();
            let said = error.to_string();
            assert!(
                said.contains(&format!("process {pid} on {host}")) && said.contains(" since "),
                "{said}"
            );
            assert!(
                said.contains(&format!("`muster jobs cancel {id}`")),
                "{said}"
            );
        }
        other => panic!("expected busy, got {other:?}"),
    }
    // The holder claiming again is let in.
    app.claim(id, &me).unwrap();
    app.release(id, &me).unwrap();
    cli.claim(id, other).unwrap();
    // A claim by a process of this host that no longer exists is free.
    let dead = format!("{}@{}", u32::MAX - 1, me.split_once('@').unwrap().1);
    let mut third = Store::open(&path).unwrap();
    third.release(id, other).unwrap();
    third.claim(id, &dead).unwrap();
    app.claim(id, &me).unwrap();
    // A request to stop, from any process, holds until the next claim.
    cli.request_cancel(id).unwrap();
    assert!(app.cancel_requested(id).unwrap());
    app.claim(id, &me).unwrap();
    assert!(!app.cancel_requested(id).unwrap());
}

/// Found by the two-process tests: a retry put failed records back to pending while
/// another process ran the job, which then sent them behind the person's back.
#[test]
fn failed_records_are_not_put_back_while_another_process_runs_the_job() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("muster.db");
    let mut cli = Store::open(&path).unwrap();
    let app = Store::open(&path).unwrap();
    let id = job(&mut cli, 2);
    let ids: Vec<i64> = cli.pending(id, 2).unwrap().iter().map(|r| r.id).collect();
    let batch = cli.begin_batch(id, &ids).unwrap();
    let settled = [
        (ids[0], outcome(Outcome::Failed)),
        (ids[1], outcome(Outcome::Created)),
    ];
    cli.finish_batch(batch, &settled).unwrap();
    cli.claim(id, "1@another-host").unwrap();
    assert!(matches!(app.retry_failed(id), Err(StoreError::Busy { .. })));
    assert_eq!(
        app.counts(id).unwrap().failed,
        1,
        "the failed record stays failed"
    );
    cli.release(id, "1@another-host").unwrap();
    assert_eq!(app.retry_failed(id).unwrap(), 1);
}

#[test]
fn connections_profiles_and_watermarks_hold_no_secrets_and_come_back() {
    let store = Store::in_memory().unwrap();
    let mut settings = serde_json::Map::new();
    settings.insert("client_id".into(), "abc".into());
    settings.insert("audience".into(), "https://t.eu.auth0.com/api/v2/".into());
    let saved = SavedConnection {
        name: "acme".into(),
        kind: "auth0".into(),
        url: "https://t.eu.auth0.com".into(),
        settings,
    };
    store.save_connection(&saved).unwrap();
    assert_eq!(store.connection("acme").unwrap(), saved);
    assert_eq!(store.connections().unwrap(), std::slice::from_ref(&saved));
    assert!(store.remove_connection("acme").unwrap());
    assert!(matches!(
        store.connection("acme"),
        Err(StoreError::NoConnection(name)) if name == "acme"
    ));
    store.save_profile("lms", "version = 1").unwrap();
    store.save_profile("lms", "version = 1\n# v2").unwrap();
    assert_eq!(
        store.profile("lms").unwrap().as_deref(),
        Some("version = 1\n# v2")
    );
    assert_eq!(store.profile_names().unwrap(), ["lms"]);
    assert_eq!(store.watermark("hris").unwrap(), None);
    store.set_watermark("hris", "2026-11-01T00:00:00Z").unwrap();
    assert_eq!(
        store.watermark("hris").unwrap().as_deref(),
        Some("2026-11-01T00:00:00Z")
    );
}

#[test]
fn a_store_from_a_newer_muster_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("muster.db");
    drop(Store::open(&path).unwrap());
    let db = rusqlite::Connection::open(&path).unwrap();
    db.pragma_update(None, "user_version", 99).unwrap();
    drop(db);
    let error = Store::open(&path).err().unwrap();
    assert!(error.to_string().contains("newer Muster"), "{error}");
}

/// A job whose records are (identifier, manager), from source row 2 on.
fn org(store: &mut Store, people: &[(&str, Option<&str>)]) -> i64 {
    let records = people
        .iter()
        .enumerate()
        .map(|(i, (who, manager))| NewRecord {
            source_row: i as u64 + 2,
            identifier: (*who).to_owned(),
            payload: format!("{{\"uid\":\"{who}\"}}"),
            manager: manager.map(str::to_owned),
        });
    store
        .create_job(
            &NewJob {
                source: "staff.csv",
                profile: "",
                target_kind: "scim",
                connection: "scim-test",
                policy: Policy::Update,
            },
            records,
        )
        .unwrap()
}

fn identifiers(records: &[StoredRecord]) -> Vec<&str> {
    records.iter().map(|r| r.identifier.as_str()).collect()
}

/// Sends `records` as one batch where each gets `settled`.
fn settle_as(store: &mut Store, job: i64, records: &[StoredRecord], settled: Outcome) {
    let ids: Vec<i64> = records.iter().map(|r| r.id).collect();
    let batch = store.begin_batch(job, &ids).unwrap();
    let outcomes: Vec<(i64, RecordOutcome)> =
        ids.iter().map(|id| (*id, outcome(settled))).collect();
    store.finish_batch(batch, &outcomes).unwrap();
}

fn settle(store: &mut Store, job: i64, records: &[StoredRecord]) {
    settle_as(store, job, records, Outcome::Created);
}

#[test]
fn managers_are_offered_before_the_people_who_report_to_them() {
    let mut store = Store::in_memory().unwrap();
    // The file lists reports first; "ceo" manages "boss", who manages "a" and "b". "c"
    // reports to someone outside the job, "self" to itself: neither waits.
    let id = org(
        &mut store,
        &[
            ("a", Some("boss")),
            ("c", Some("outsider")),
            ("b", Some("boss")),
            ("self", Some("self")),
            ("boss", Some("ceo")),
            ("ceo", None),
        ],
    );
    let first = store.pending(id, 10).unwrap();
    assert_eq!(identifiers(&first), ["c", "self", "ceo"]);
    // While the CEO is in flight, the boss still waits.
    let ceo = store.pending(id, 10).unwrap().split_off(2);
    let batch = store.begin_batch(id, &[ceo[0].id]).unwrap();
    assert_eq!(identifiers(&store.pending(id, 10).unwrap()), ["c", "self"]);
    store
        .finish_batch(batch, &[(ceo[0].id, outcome(Outcome::Created))])
        .unwrap();
    assert_eq!(
        identifiers(&store.pending(id, 10).unwrap()),
        ["c", "self", "boss"]
    );
    // A limit takes the first ready records in source order.
    let two = store.pending(id, 2).unwrap();
    assert_eq!(identifiers(&two), ["c", "self"]);
    settle(&mut store, id, &two);
    let boss = store.pending(id, 10).unwrap();
    assert_eq!(identifiers(&boss), ["boss"]);
    // A manager who failed is settled all the same: the reports go next (and fail or not
    // as the target decides) rather than wait for ever.
    settle_as(&mut store, id, &boss, Outcome::Failed);
    assert_eq!(identifiers(&store.pending(id, 10).unwrap()), ["a", "b"]);
}

#[test]
fn a_cycle_of_managers_falls_back_to_source_order() {
    let mut store = Store::in_memory().unwrap();
    let id = org(
        &mut store,
        &[
            ("x", Some("y")),
            ("a", Some("b")),
            ("b", Some("a")),
            ("y", Some("z")),
        ],
    );
    // "y" reports to someone outside the job, so it goes first, then "x"; "a" and "b"
    // wait on each other and only source order gets them out.
    let first = store.pending(id, 10).unwrap();
    assert_eq!(identifiers(&first), ["y"]);
    settle(&mut store, id, &first);
    let second = store.pending(id, 10).unwrap();
    assert_eq!(identifiers(&second), ["x"]);
    settle(&mut store, id, &second);
    let cycle = store.pending(id, 10).unwrap();
    assert_eq!(identifiers(&cycle), ["a", "b"]);
    assert_eq!(identifiers(&store.pending(id, 1).unwrap()), ["a"]);
    settle(&mut store, id, &cycle);
    assert!(store.pending(id, 10).unwrap().is_empty());
}

#[test]
fn the_next_records_come_from_indexes_without_a_sort() {
    let store = Store::in_memory().unwrap();
    let plan_of = |query: String| -> String {
        let steps: Vec<String> = store
            .db
            .prepare(&format!("EXPLAIN QUERY PLAN {query}"))
            .unwrap()
            .query_map(rusqlite::params![1, 20], |row| row.get::<_, String>(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        steps.join("\n")
    };
    let ready = plan_of(journal::ready_query());
    assert!(ready.contains("USING INDEX records_pending"), "{ready}");
    assert!(
        ready.contains("USING INDEX records_by_identifier"),
        "{ready}"
    );
    assert!(!ready.contains("TEMP B-TREE"), "{ready}");
    let in_order = plan_of(journal::in_order_query());
    assert!(
        in_order.contains("USING INDEX records_pending"),
        "{in_order}"
    );
    assert!(!in_order.contains("TEMP B-TREE"), "{in_order}");
}
