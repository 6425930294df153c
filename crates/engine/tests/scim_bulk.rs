//! New Users sent in `POST /Bulk` requests (RFC 7644 §3.7) to the sandbox's SCIM emulator:
//! few requests within the announced limits, every User created once, each refused
//! operation on its own row, a bulk request that failed or may have been carried out never
//! creating anyone twice, and managers created before the reports in the same batch.
//! Everything is checked from the emulator's own records (its request log and its count of
//! creates per `userName`).

mod common;

use std::time::Duration;

use axum::http::StatusCode;
use muster_engine::job::{Ended, JobError, Outcome, Policy, RunOptions, run};
use muster_engine::store::{JobStatus, Store};
use muster_engine::target::connector::PushError;
use muster_engine::target::connector::scim::Scim;
use muster_sandbox::scim::Offered;
use muster_sandbox::{Fault, Sandbox, SandboxOptions};
use serde_json::{Value, json};

const USER: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const BULK: &str = "/scim/v2/Bulk";
const USERS: &str = "/scim/v2/Users";

fn name_of(n: usize) -> String {
    format!("user{n:02}@example.com")
}

/// A User as the SCIM mapping builds it.
fn user(n: usize) -> Value {
    json!({
        "schemas": [USER],
        "userName": name_of(n),
        "name": {"givenName": format!("Given{n}"), "familyName": "Family"},
        "title": "Engineer",
        "emails": [{"type": "work", "primary": true, "value": name_of(n)}],
    })
}

fn staff(count: usize) -> Vec<Value> {
    (1..=count).map(user).collect()
}

/// A User with the enterprise extension naming its manager by `userName`.
fn report(n: usize, manager: &str) -> Value {
    let mut report = user(n);
    report["schemas"] = json!([USER, ENTERPRISE]);
    report[ENTERPRISE] = json!({"manager": {"value": manager}});
    report
}

fn job(store: &mut Store, policy: Policy, users: &[Value]) -> i64 {
    common::journal(store, "scim", "userName", policy, users)
}

fn target(sandbox: &Sandbox) -> Scim {
    common::targets::scim(sandbox, sandbox.scim().emulator().token())
}

fn fast() -> RunOptions<'static> {
    common::polling_every(Duration::from_millis(20))
}

fn id_at_server(sandbox: &Sandbox, user_name: &str) -> String {
    let user = sandbox.scim().emulator().user_by_name(user_name).unwrap();
    user["id"].as_str().unwrap().to_owned()
}

/// Users 1 to `count` are at the emulator, each created by exactly one operation.
fn assert_each_created_once(sandbox: &Sandbox, count: usize) {
    let emulator = sandbox.scim().emulator();
    assert_eq!(emulator.users().len(), count);
    for n in 1..=count {
        assert_eq!(emulator.creates_for(&name_of(n)), 1, "{}", name_of(n));
    }
}

/// Every record of the job was created with the emulator's id of its User.
fn assert_created_with_ids(store: &Store, job: i64, sandbox: &Sandbox) {
    for record in store.records(job, None).unwrap() {
        let outcome = record.outcome.unwrap();
        assert_eq!(outcome.outcome, Outcome::Created, "{}", record.identifier);
        assert_eq!(
            outcome.target_id.unwrap(),
            id_at_server(sandbox, &record.identifier)
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bulk_requests_stay_within_the_announced_operations_and_bytes() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    // 7 operations a request, and about three of these Users' operations in 1000 bytes.
    sandbox.scim().emulator().offer(Offered {
        max_operations: 7,
        max_payload_size: 1000,
        ..Offered::default()
    });
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Skip, &staff(30));

    let (ended, counts) = run(&mut store, job, &target(&sandbox), fast())
        .await
        .unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!(counts.created, 30);
    assert_each_created_once(&sandbox, 30);
    assert_created_with_ids(&store, job, &sandbox);
    let log = sandbox.scim().log();
    // No request was refused as too large (413), none went one by one.
    let bulks: Vec<_> = log
        .entries()
        .into_iter()
        .filter(|entry| entry.path == BULK)
        .collect();
    assert!(
        bulks.iter().all(|entry| entry.status == Some(200)),
        "{bulks:?}"
    );
    assert!(
        bulks.len() >= 10,
        "30 Users need 10 requests of 3: {}",
        bulks.len()
    );
    assert_eq!(log.count("POST", USERS), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_operations_fail_their_own_rows_with_the_scim_type_and_detail() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let mut users = staff(3);
    let mut inactive = user(4);
    inactive["active"] = json!("yes");
    users.push(inactive);
    users.push(json!({"schemas": [USER], "title": "Ghost"}));
    // The same person twice in the file: the second operation is refused 409 `uniqueness`
    // and the User it names is handled as existing.
    let mut again = user(2);
    again["title"] = json!("Head of Engineering");
    users.push(again);
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Skip, &users);

    let (ended, counts) = run(&mut store, job, &target(&sandbox), fast())
        .await
        .unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!((counts.created, counts.failed, counts.skipped), (3, 2, 1));
    let found: Vec<(u64, Outcome, Option<String>, Option<String>)> = store
        .records(job, None)
        .unwrap()
        .into_iter()
        .map(|record| {
            let outcome = record.outcome.unwrap();
            (
                record.source_row,
                outcome.outcome,
                outcome.code,
                outcome.message,
            )
        })
        .filter(|(_, outcome, _, _)| *outcome != Outcome::Created)
        .collect();
    assert_eq!(
        found,
        [
            (
                5,
                Outcome::Failed,
                Some("invalidValue".to_owned()),
                Some("active must be true or false".to_owned())
            ),
            (
                6,
                Outcome::Failed,
                Some("invalidValue".to_owned()),
                Some("userName is required".to_owned())
            ),
            (
                7,
                Outcome::Skipped,
                None,
                Some("exists; left as it is".to_owned())
            ),
        ]
    );
    let skipped = store.records(job, Some(Outcome::Skipped)).unwrap();
    assert_eq!(
        skipped[0].outcome.as_ref().unwrap().target_id,
        Some(id_at_server(&sandbox, &name_of(2)))
    );
    let emulator = sandbox.scim().emulator();
    assert_eq!(emulator.users().len(), 3);
    assert_eq!(
        emulator.user_by_name(&name_of(2)).unwrap()["title"],
        "Engineer"
    );
    assert_eq!(emulator.creates_for(&name_of(2)), 2, "both rows were sent");
    let log = sandbox.scim().log();
    assert_eq!(log.count("POST", BULK), 1);
    assert_eq!(log.count("POST", USERS), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bulk_answered_500_stops_the_job_and_the_next_run_creates_each_user_once() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let scim = target(&sandbox);
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Skip, &staff(30));
    // The first bulk request is answered 500 before the emulator sees it.
    sandbox
        .scim()
        .faults()
        .push(Fault::status(StatusCode::INTERNAL_SERVER_ERROR, "").on("POST", BULK));

    let stopped = run(&mut store, job, &scim, fast()).await;
    assert!(
        matches!(stopped, Err(JobError::Push(PushError::Uncertain { .. }))),
        "{stopped:?}"
    );
    let halfway = store.job(job).unwrap();
    assert_eq!(halfway.status, JobStatus::Interrupted);
    // The first batch may have arrived: it stays in flight to be looked up first.
    assert_eq!(
        (
            halfway.counts.created,
            halfway.counts.in_flight,
            halfway.counts.pending
        ),
        (0, 20, 10)
    );

    let (ended, counts) = run(&mut store, job, &scim, fast()).await.unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!(counts.created, 30);
    assert_each_created_once(&sandbox, 30);
    assert_created_with_ids(&store, job, &sandbox);
    assert_eq!(sandbox.scim().log().count("POST", USERS), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_bulk_connection_leaves_the_job_resumable_without_doubles() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let scim = target(&sandbox);
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Update, &staff(30));
    sandbox
        .scim()
        .faults()
        .push(Fault::drop_connection().on("POST", BULK));

    let stopped = run(&mut store, job, &scim, fast()).await;
    assert!(
        matches!(stopped, Err(JobError::Push(PushError::Uncertain { .. }))),
        "{stopped:?}"
    );
    assert_eq!(store.job(job).unwrap().status, JobStatus::Interrupted);

    let (ended, counts) = run(&mut store, job, &scim, fast()).await.unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!(counts.created, 30);
    assert_each_created_once(&sandbox, 30);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bulk_carried_out_but_answered_500_is_looked_up_and_not_sent_again() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Skip, &staff(30));
    // The first bulk request creates its 20 Users, then the emulator answers 500.
    sandbox.scim().emulator().fail_after_bulk(1);

    let (ended, counts) = run(&mut store, job, &target(&sandbox), fast())
        .await
        .unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!(counts.created, 30, "the 20 found at once count as created");
    assert_each_created_once(&sandbox, 30);
    assert_created_with_ids(&store, job, &sandbox);
    let statuses: Vec<Option<u16>> = sandbox
        .scim()
        .log()
        .entries()
        .into_iter()
        .filter(|entry| entry.path == BULK)
        .map(|entry| entry.status)
        .collect();
    assert_eq!(statuses, [Some(500), Some(200)]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn managers_in_the_same_batch_are_created_first_and_named_by_their_ids() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let mut store = Store::in_memory().unwrap();
    // Reports before their managers in the file, a chain three deep, and two Users naming
    // each other as manager (neither can go first).
    let users = [
        report(3, &name_of(2)),
        report(2, &name_of(1)),
        user(1),
        report(4, &name_of(1)),
        report(5, &name_of(6)),
        report(6, &name_of(5)),
    ];
    let job = job(&mut store, Policy::Update, &users);

    let (ended, counts) = run(&mut store, job, &target(&sandbox), fast())
        .await
        .unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!((counts.created, counts.failed), (4, 2));
    let emulator = sandbox.scim().emulator();
    let manager_of = |n: usize| {
        emulator.user_by_name(&name_of(n)).unwrap()[ENTERPRISE]["manager"]["value"].clone()
    };
    assert_eq!(manager_of(2), id_at_server(&sandbox, &name_of(1)));
    assert_eq!(manager_of(3), id_at_server(&sandbox, &name_of(2)));
    assert_eq!(manager_of(4), id_at_server(&sandbox, &name_of(1)));
    for failed in store.records(job, Some(Outcome::Failed)).unwrap() {
        let outcome = failed.outcome.unwrap();
        assert_eq!(
            outcome.code.as_deref(),
            Some("noTarget"),
            "{}",
            failed.identifier
        );
        assert!(emulator.user_by_name(&failed.identifier).is_none());
    }
    // One round per level: 1, then 2 and 4, then 3.
    assert_eq!(sandbox.scim().log().count("POST", BULK), 3);
    for n in 1..=4 {
        assert_eq!(emulator.creates_for(&name_of(n)), 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bulk_request_refused_as_a_whole_is_sent_one_post_each() {
    for status in [
        StatusCode::NOT_IMPLEMENTED,
        StatusCode::PAYLOAD_TOO_LARGE,
        StatusCode::NOT_FOUND,
    ] {
        let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
        // The provider announces /Bulk but refuses it before doing anything.
        sandbox
            .scim()
            .faults()
            .push(Fault::status(status, "").always().on("POST", BULK));
        let mut store = Store::in_memory().unwrap();
        let job = job(&mut store, Policy::Skip, &staff(5));

        let (ended, counts) = run(&mut store, job, &target(&sandbox), fast())
            .await
            .unwrap();
        assert_eq!((ended, counts.created), (Ended::Finished, 5), "{status}");
        assert_each_created_once(&sandbox, 5);
        assert_created_with_ids(&store, job, &sandbox);
        let log = sandbox.scim().log();
        assert_eq!(log.count("POST", BULK), 1, "{status}");
        assert_eq!(log.count("POST", USERS), 5, "{status}");
    }
}
