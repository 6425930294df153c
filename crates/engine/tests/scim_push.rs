//! SCIM jobs pushed to the sandbox's SCIM emulator through the real connector: every User
//! arrives once, existing Users are skipped or updated as the policy says, refusals land
//! on their records with the server's words, and a stopped or crashed run resumes without
//! creating anyone twice. The emulator offers PATCH and /Bulk unless a test says otherwise;
//! scim_bulk.rs and scim_update.rs look closer at those.

mod common;

use common::targets::scim;

use std::time::Duration;

use muster_engine::job::{Ended, JobError, Outcome, Policy, RunOptions, run};
use muster_engine::store::{JobStatus, Store, StoredRecord};
use muster_engine::target::connector::PushError;
use muster_engine::target::connector::scim::Scim;
use muster_sandbox::scim::Offered;
use muster_sandbox::{Fault, Sandbox, SandboxOptions};
use serde_json::{Value, json};

const USER: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

fn name_of(n: usize) -> String {
    format!("user{n:02}@example.com")
}

/// A User as the SCIM mapping builds it.
fn user(n: usize, title: &str) -> Value {
    json!({
        "schemas": [USER],
        "userName": name_of(n),
        "name": {"givenName": format!("Given{n}"), "familyName": "Family"},
        "title": title,
        "emails": [{"type": "work", "primary": true, "value": name_of(n)}],
    })
}

fn staff(count: usize) -> Vec<Value> {
    (1..=count).map(|n| user(n, "Engineer")).collect()
}

/// Journals `users` as a SCIM job; the identifier is the `userName` (or `nobody`).
fn job(store: &mut Store, policy: Policy, users: &[Value]) -> i64 {
    common::journal(store, "scim", "userName", policy, users)
}

fn base_url(sandbox: &Sandbox) -> String {
    format!("{}/scim/v2", sandbox.scim().url())
}

fn target(sandbox: &Sandbox) -> Scim {
    scim(sandbox, sandbox.scim().emulator().token())
}

fn fast() -> RunOptions<'static> {
    common::polling_every(Duration::from_millis(20))
}

fn outcome_of(record: &StoredRecord) -> Outcome {
    record.outcome.as_ref().unwrap().outcome
}

/// The emulator's `id` of the User with this `userName`.
fn id_at_server(sandbox: &Sandbox, user_name: &str) -> String {
    let user = sandbox.scim().emulator().user_by_name(user_name).unwrap();
    user["id"].as_str().unwrap().to_owned()
}

/// Every User is at the emulator, created by exactly one POST.
fn assert_each_created_once(sandbox: &Sandbox, count: usize) {
    let emulator = sandbox.scim().emulator();
    assert_eq!(emulator.users().len(), count);
    for n in 1..=count {
        assert_eq!(emulator.creates_for(&name_of(n)), 1, "{}", name_of(n));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_creates_every_user_once_with_the_servers_id() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Skip, &staff(30));

    let (ended, counts) = run(&mut store, job, &target(&sandbox), fast())
        .await
        .unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!((counts.total, counts.created), (30, 30));
    assert_eq!(store.job(job).unwrap().status, JobStatus::Finished);
    assert_each_created_once(&sandbox, 30);
    // Two batches of at most 20, each created in one bulk request.
    let log = sandbox.scim().log();
    assert_eq!(log.count("POST", "/scim/v2/Bulk"), 2);
    assert_eq!(log.count("POST", "/scim/v2/Users"), 0);
    assert_eq!(log.count("GET", "/scim/v2/ServiceProviderConfig"), 1);
    for record in store.records(job, None).unwrap() {
        let outcome = record.outcome.unwrap();
        assert_eq!(outcome.outcome, Outcome::Created);
        assert_eq!(
            outcome.target_id.unwrap(),
            id_at_server(&sandbox, &record.identifier)
        );
    }
    let stored = sandbox.scim().emulator().user_by_name(&name_of(7)).unwrap();
    assert_eq!(stored["name"]["givenName"], "Given7");
    assert_eq!(stored["emails"][0]["value"], name_of(7));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn existing_users_are_skipped_or_updated_as_the_policy_says() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let scim = target(&sandbox);
    let mut store = Store::in_memory().unwrap();
    let first = job(&mut store, Policy::Skip, &staff(30));
    run(&mut store, first, &scim, fast()).await.unwrap();

    // Skip: every User is left as it is, even one whose title changed in the file.
    let mut changed = staff(30);
    changed[6] = user(7, "Head of Engineering");
    let skip = job(&mut store, Policy::Skip, &changed);
    let (_, counts) = run(&mut store, skip, &scim, fast()).await.unwrap();
    assert_eq!((counts.skipped, counts.created), (30, 0));
    for record in store.records(skip, None).unwrap() {
        let outcome = record.outcome.unwrap();
        assert_eq!(outcome.message.as_deref(), Some("exists; left as it is"));
        assert_eq!(
            outcome.target_id.unwrap(),
            id_at_server(&sandbox, &record.identifier)
        );
    }
    let emulator = sandbox.scim().emulator();
    assert_eq!(
        emulator.user_by_name(&name_of(7)).unwrap()["title"],
        "Engineer"
    );

    // Update: only the changed User is updated, the others are found unchanged.
    let update = job(&mut store, Policy::Update, &changed);
    let (_, counts) = run(&mut store, update, &scim, fast()).await.unwrap();
    assert_eq!((counts.updated, counts.unchanged), (1, 29));
    let updated = store.records(update, Some(Outcome::Updated)).unwrap();
    assert_eq!(updated[0].identifier, name_of(7));
    assert_eq!(
        updated[0].outcome.as_ref().unwrap().target_id.as_deref(),
        Some(id_at_server(&sandbox, &name_of(7)).as_str())
    );
    assert_eq!(
        emulator.user_by_name(&name_of(7)).unwrap()["title"],
        "Head of Engineering"
    );
    let log = sandbox.scim().log();
    assert_eq!(log.count_prefix("PATCH", "/scim/v2/Users/"), 1);
    assert_eq!(log.count_prefix("PUT", "/scim/v2/Users/"), 0);
    assert_each_created_once(&sandbox, 30);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn users_the_server_refuses_fail_with_its_type_and_detail() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let mut users = staff(3);
    let mut inactive = user(4, "Engineer");
    inactive["active"] = json!("yes");
    users.push(inactive);
    users.push(json!({"schemas": [USER], "title": "Ghost"}));
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Update, &users);

    let (ended, counts) = run(&mut store, job, &target(&sandbox), fast())
        .await
        .unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!((counts.created, counts.failed), (3, 2));
    let failed = store.records(job, Some(Outcome::Failed)).unwrap();
    let found: Vec<(String, Option<String>, Option<String>)> = failed
        .into_iter()
        .map(|r| {
            let outcome = r.outcome.unwrap();
            (r.identifier, outcome.code, outcome.message)
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                name_of(4),
                Some("invalidValue".to_owned()),
                Some("active must be true or false".to_owned())
            ),
            (
                "nobody".to_owned(),
                Some("invalidValue".to_owned()),
                Some("userName is required".to_owned())
            ),
        ]
    );
    assert!(
        sandbox
            .scim()
            .emulator()
            .user_by_name(&name_of(4))
            .is_none()
    );
    assert_eq!(sandbox.scim().emulator().users().len(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_bulk_a_failed_post_stops_the_job_and_the_next_run_creates_each_user_once() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    sandbox.scim().emulator().offer(Offered::minimal());
    let scim = target(&sandbox);
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Skip, &staff(30));
    sandbox.scim().faults().push(
        Fault::status(axum::http::StatusCode::INTERNAL_SERVER_ERROR, "")
            .times(2)
            .on("POST", "/scim/v2/Users"),
    );

    let stopped = run(&mut store, job, &scim, fast()).await;
    assert!(
        matches!(stopped, Err(JobError::Push(PushError::Uncertain { .. }))),
        "{stopped:?}"
    );
    let halfway = store.job(job).unwrap();
    assert_eq!(halfway.status, JobStatus::Interrupted);
    assert!(halfway.counts.created < 30, "{:?}", halfway.counts);
    // What did not settle in the stopped batch stays in flight, to be looked up first.
    assert_eq!(
        halfway.counts.pending + halfway.counts.in_flight,
        30 - halfway.counts.created
    );
    assert!(halfway.counts.in_flight > 0, "{:?}", halfway.counts);

    let (ended, counts) = run(&mut store, job, &scim, fast()).await.unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!(counts.created, 30);
    assert_each_created_once(&sandbox, 30);
    assert_eq!(sandbox.scim().log().count("POST", "/scim/v2/Bulk"), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_crash_users_that_arrived_are_created_without_a_second_post() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let users = staff(10);
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Skip, &users);
    // The crashed run journaled a batch of four and three of them reached the server.
    let batch: Vec<i64> = store
        .pending(job, 4)
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    store.begin_batch(job, &batch).unwrap();
    let http = reqwest::Client::new();
    for sent in &users[..3] {
        let answer = http
            .post(format!("{}/Users", base_url(&sandbox)))
            .bearer_auth(sandbox.scim().emulator().token())
            .header("Content-Type", "application/scim+json")
            .body(sent.to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 201);
    }

    let (ended, counts) = run(&mut store, job, &target(&sandbox), fast())
        .await
        .unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!(counts.created, 10);
    assert_each_created_once(&sandbox, 10);
    for record in store.records(job, None).unwrap() {
        assert_eq!(outcome_of(&record), Outcome::Created);
        assert_eq!(
            record.outcome.unwrap().target_id.unwrap(),
            id_at_server(&sandbox, &record.identifier)
        );
    }
    // The three that arrived were not sent again; the other seven went in one bulk request.
    assert_eq!(sandbox.scim().log().count("POST", "/scim/v2/Users"), 3);
    assert_eq!(sandbox.scim().log().count("POST", "/scim/v2/Bulk"), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_managers_user_name_is_sent_as_the_managers_id() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let scim = target(&sandbox);
    let mut store = Store::in_memory().unwrap();
    let boss = job(&mut store, Policy::Skip, &staff(1));
    run(&mut store, boss, &scim, fast()).await.unwrap();

    let report = |n: usize, manager: &str| {
        let mut report = user(n, "Engineer");
        report["schemas"] = json!([USER, ENTERPRISE]);
        report[ENTERPRISE] = json!({"manager": {"value": manager}});
        report
    };
    let reports = job(
        &mut store,
        Policy::Update,
        &[report(2, &name_of(1)), report(3, "nobody@example.com")],
    );
    let (_, counts) = run(&mut store, reports, &scim, fast()).await.unwrap();
    assert_eq!((counts.created, counts.failed), (1, 1));
    let emulator = sandbox.scim().emulator();
    let stored = emulator.user_by_name(&name_of(2)).unwrap();
    assert_eq!(
        stored[ENTERPRISE]["manager"]["value"],
        id_at_server(&sandbox, &name_of(1))
    );
    let failed = store.records(reports, Some(Outcome::Failed)).unwrap();
    let outcome = failed[0].outcome.as_ref().unwrap();
    assert_eq!(failed[0].identifier, name_of(3));
    assert_eq!(outcome.code.as_deref(), Some("noTarget"));
    assert!(
        outcome
            .message
            .as_deref()
            .unwrap()
            .contains("\"nobody@example.com\" is not a User"),
        "{outcome:?}"
    );
    assert!(emulator.user_by_name(&name_of(3)).is_none());

    // The same reports again under update: the resolved manager compares equal.
    let again = job(&mut store, Policy::Update, &[report(2, &name_of(1))]);
    let (_, counts) = run(&mut store, again, &scim, fast()).await.unwrap();
    assert_eq!(counts.unchanged, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_token_stops_the_job_and_sends_no_user() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Skip, &staff(5));

    let refused = run(&mut store, job, &scim(&sandbox, "not-the-token"), fast()).await;
    match refused {
        Err(JobError::Push(PushError::Refused { message })) => {
            assert!(message.contains("scim-sandbox"), "{message}");
            assert!(!message.contains("not-the-token"), "{message}");
        }
        other => panic!("expected refused credentials, got {other:?}"),
    }
    assert_eq!(store.counts(job).unwrap().pending, 5);
    assert_eq!(sandbox.scim().log().count("POST", "/scim/v2/Users"), 0);
    assert_eq!(sandbox.scim().log().count("POST", "/scim/v2/Bulk"), 0);
    assert!(sandbox.scim().emulator().users().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_created_by_someone_else_meanwhile_is_handled_as_existing() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Skip, &staff(1));
    // The connector's bulk create is held at the server while another client creates the
    // User; the bulk operation is then refused 409 `uniqueness`.
    sandbox.scim().faults().push(
        Fault::delay(Duration::from_millis(1500))
            .times(1)
            .on("POST", "/scim/v2/Bulk"),
    );
    let someone_else = async {
        // Wait until the connector has looked the User up (and found nothing), then give
        // its create time to reach the server and be held there.
        while sandbox.scim().log().count("GET", "/scim/v2/Users") == 0 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        reqwest::Client::new()
            .post(format!("{}/Users", base_url(&sandbox)))
            .bearer_auth(sandbox.scim().emulator().token())
            .header("Content-Type", "application/scim+json")
            .body(user(1, "Engineer").to_string())
            .send()
            .await
            .unwrap()
            .status()
    };
    let scim = target(&sandbox);
    let (ran, other) = tokio::join!(run(&mut store, job, &scim, fast()), someone_else);
    assert_eq!(other, 201);
    let (_, counts) = ran.unwrap();
    assert_eq!(counts.skipped, 1);
    let record = &store.records(job, None).unwrap()[0];
    let outcome = record.outcome.as_ref().unwrap();
    assert_eq!(
        outcome.target_id.as_deref(),
        Some(id_at_server(&sandbox, &name_of(1)).as_str())
    );
    // Both creates arrived; the server kept one User.
    assert_eq!(sandbox.scim().emulator().creates_for(&name_of(1)), 2);
    assert_eq!(sandbox.scim().emulator().users().len(), 1);
}
