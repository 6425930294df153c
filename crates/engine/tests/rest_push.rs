//! REST jobs pushed to the sandbox's generic REST emulator through the real connector:
//! every user arrives once, existing users are skipped or updated as the policy says, a
//! refusal lands on its record with the API's code and words, a saved connection opens a
//! target that pushes, and after a crash users that arrived are not sent again.

mod common;

use std::time::Duration;

use muster_engine::job::{Ended, JobError, Outcome, Policy, RunOptions, run};
use muster_engine::secrets::{MemorySecrets, Secret, SecretStore};
use muster_engine::store::{JobStatus, SavedConnection, Store};
use muster_engine::target::connector::rest::Rest;
use muster_engine::target::connector::{PushError, Target, open_target};
use muster_sandbox::{Sandbox, SandboxOptions};
use serde_json::{Value, json};

fn email_of(n: usize) -> String {
    format!("user{n:02}@example.com")
}

/// A user as a REST mapping builds it.
fn user(n: usize, title: &str) -> Value {
    json!({
        "email": email_of(n),
        "first_name": format!("Given{n}"),
        "last_name": "Family",
        "title": title,
        "profile": {"department": "R&D"},
    })
}

fn staff(count: usize) -> Vec<Value> {
    (1..=count).map(|n| user(n, "Engineer")).collect()
}

/// Journals `users` as a REST job; the identifier is the `email` (or `nobody`).
fn job(store: &mut Store, policy: Policy, users: &[Value]) -> i64 {
    common::journal(store, "rest", "email", policy, users)
}

fn target(sandbox: &Sandbox) -> Rest {
    common::targets::rest(sandbox, sandbox.rest().emulator().token())
}

fn fast() -> RunOptions<'static> {
    common::polling_every(Duration::from_millis(20))
}

/// The emulator's `id` of the user with this email.
fn id_at_server(sandbox: &Sandbox, email: &str) -> String {
    let user = sandbox.rest().emulator().user_by_email(email).unwrap();
    user["id"].as_str().unwrap().to_owned()
}

/// Every user is at the emulator, created by exactly one POST.
fn assert_each_created_once(sandbox: &Sandbox, count: usize) {
    let emulator = sandbox.rest().emulator();
    assert_eq!(emulator.users().len(), count);
    for n in 1..=count {
        assert_eq!(emulator.posts_for(&email_of(n)), 1, "{}", email_of(n));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_creates_every_user_once_then_skips_or_updates_as_the_policy_says() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let rest = target(&sandbox);
    let mut store = Store::in_memory().unwrap();
    let first = job(&mut store, Policy::Skip, &staff(20));

    let (ended, counts) = run(&mut store, first, &rest, fast()).await.unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!((counts.total, counts.created), (20, 20));
    assert_eq!(store.job(first).unwrap().status, JobStatus::Finished);
    assert_each_created_once(&sandbox, 20);
    for record in store.records(first, None).unwrap() {
        let outcome = record.outcome.unwrap();
        assert_eq!(outcome.outcome, Outcome::Created);
        assert_eq!(
            outcome.target_id.unwrap(),
            id_at_server(&sandbox, &record.identifier)
        );
    }
    let emulator = sandbox.rest().emulator();
    let stored = emulator.user_by_email(&email_of(7)).unwrap();
    assert_eq!(stored["first_name"], "Given7");
    assert_eq!(stored["profile"]["department"], "R&D");

    // Skip: every user is left as it is, even one whose title changed in the file.
    let mut changed = staff(20);
    changed[6] = user(7, "Head of Engineering");
    let skip = job(&mut store, Policy::Skip, &changed);
    let (_, counts) = run(&mut store, skip, &rest, fast()).await.unwrap();
    assert_eq!((counts.skipped, counts.created), (20, 0));
    for record in store.records(skip, None).unwrap() {
        let outcome = record.outcome.unwrap();
        assert_eq!(outcome.outcome, Outcome::Skipped);
        assert_eq!(
            outcome.target_id.unwrap(),
            id_at_server(&sandbox, &record.identifier)
        );
    }
    assert_eq!(
        emulator.user_by_email(&email_of(7)).unwrap()["title"],
        "Engineer"
    );

    // Update: only the changed user is replaced, the others are found unchanged.
    let update = job(&mut store, Policy::Update, &changed);
    let (_, counts) = run(&mut store, update, &rest, fast()).await.unwrap();
    assert_eq!((counts.updated, counts.unchanged), (1, 19));
    let updated = store.records(update, Some(Outcome::Updated)).unwrap();
    assert_eq!(updated[0].identifier, email_of(7));
    let id = id_at_server(&sandbox, &email_of(7));
    assert_eq!(
        updated[0].outcome.as_ref().unwrap().target_id.as_deref(),
        Some(id.as_str())
    );
    let stored = emulator.user_by_email(&email_of(7)).unwrap();
    assert_eq!(stored["title"], "Head of Engineering");
    assert_eq!(stored["id"], id.as_str());
    assert_each_created_once(&sandbox, 20);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_without_email_fails_with_the_apis_code_and_message() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let mut users = staff(3);
    users.push(json!({"first_name": "Ghost", "title": "Nobody"}));
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Update, &users);

    let (ended, counts) = run(&mut store, job, &target(&sandbox), fast())
        .await
        .unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!((counts.created, counts.failed), (3, 1));
    let failed = store.records(job, Some(Outcome::Failed)).unwrap();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].identifier, "nobody");
    assert_eq!(failed[0].source_row, 5);
    let outcome = failed[0].outcome.as_ref().unwrap();
    assert_eq!(outcome.code.as_deref(), Some("invalid"));
    assert_eq!(outcome.message.as_deref(), Some("email is required"));
    assert_eq!(outcome.target_id, None);
    assert_each_created_once(&sandbox, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_saved_connection_opens_a_target_that_pushes() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let secrets = MemorySecrets::default();
    secrets
        .set(
            "acme-rest",
            "token",
            &Secret::new(sandbox.rest().emulator().token()),
        )
        .unwrap();
    let mut settings = serde_json::Map::new();
    // Spelled out as the defaults are, with surrounding blanks the settings lose.
    settings.insert("lookup_key".into(), " email ".into());
    settings.insert("id_field".into(), "id".into());
    let saved = SavedConnection {
        name: "acme-rest".into(),
        kind: "rest".into(),
        url: format!("{}/", sandbox.rest().url()),
        settings,
    };
    let target = open_target(&saved, &secrets).unwrap();
    assert!(target.describe().contains(sandbox.rest().url()));
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Update, &staff(3));

    let (ended, counts) = run(&mut store, job, &target, fast()).await.unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!(counts.created, 3);
    assert_each_created_once(&sandbox, 3);

    // A lookup path the API does not have stops the run before anything is sent.
    let mut wrong = saved.clone();
    wrong
        .settings
        .insert("lookup_path".into(), "/api/people?{key}={value}".into());
    let target = open_target(&wrong, &secrets).unwrap();
    let job = common::journal(&mut store, "rest", "email", Policy::Update, &staff(1));
    let stopped = run(&mut store, job, &target, fast()).await;
    assert!(
        matches!(stopped, Err(JobError::Push(PushError::NotSent { .. }))),
        "{stopped:?}"
    );
    assert_eq!(store.counts(job).unwrap().pending, 1);
    assert_each_created_once(&sandbox, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_crash_users_that_arrived_are_created_without_a_second_post() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let users = staff(10);
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Skip, &users);
    // The crashed run journaled a batch of four and three of them reached the API.
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
            .post(format!("{}/api/users", sandbox.rest().url()))
            .bearer_auth(sandbox.rest().emulator().token())
            .json(sent)
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
        let outcome = record.outcome.unwrap();
        assert_eq!(outcome.outcome, Outcome::Created);
        assert_eq!(
            outcome.target_id.unwrap(),
            id_at_server(&sandbox, &record.identifier)
        );
    }
}
