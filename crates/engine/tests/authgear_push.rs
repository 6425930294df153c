//! Authgear jobs pushed to the sandbox's Authgear emulator through the real connector and
//! the Admin API JWT: every user arrives once, existing users are skipped or updated as the
//! policy says, records the import fails land on their rows with Authgear's words, big
//! records are split into requests under the 500 KB limit, a refused key sends nothing, and
//! a stopped run resumes without importing anyone twice.

mod common;

use std::time::Duration;

use muster_engine::connect::{Auth, AuthgearKey, Client, ClientConfig};
use muster_engine::job::{Ended, JobError, Outcome, Policy, RunOptions, run};
use muster_engine::secrets::Secret;
use muster_engine::store::{JobStatus, Store};
use muster_engine::target::connector::PushError;
use muster_engine::target::connector::authgear::{Authgear, Identifier};
use muster_sandbox::authgear::Identifier as Login;
use muster_sandbox::{Fault, Sandbox, SandboxOptions};
use serde_json::{Value, json};

/// An RSA key that is not the emulated project's (its public half serves other tests).
#[allow(dead_code)]
#[path = "http/test_keys.rs"]
mod test_keys;

const IMPORT: &str = "/_api/admin/users/import";

fn email_of(n: usize) -> String {
    format!("user{n:02}@example.com")
}

/// A user as an Authgear mapping builds it.
fn user(n: usize, name: &str) -> Value {
    json!({
        "email": email_of(n),
        "email_verified": true,
        "name": name,
        "given_name": format!("Given{n}"),
        "family_name": "Family",
    })
}

fn staff(count: usize) -> Vec<Value> {
    (1..=count).map(|n| user(n, "Staff")).collect()
}

/// Journals `users` as an Authgear job from source rows 2, 3, …; the identifier is the email.
fn job(store: &mut Store, policy: Policy, users: &[Value]) -> i64 {
    common::journal(store, "authgear", "email", policy, users)
}

/// The connector with a key made of `project_id`, `key_id` and `pem`.
fn authgear_with(sandbox: &Sandbox, project_id: &str, key_id: &str, pem: &str) -> Authgear {
    let key = AuthgearKey::new(project_id, key_id, Secret::new(pem));
    let mut config = ClientConfig::new("authgear-sandbox", Auth::AuthgearJwt(key));
    config.retry = common::quick_retries();
    Authgear::new(
        Client::new(config).unwrap(),
        sandbox.authgear().url(),
        Identifier::Email,
    )
}

/// The connector with the emulated project's own key.
fn target(sandbox: &Sandbox) -> Authgear {
    let emulator = sandbox.authgear().emulator();
    authgear_with(
        sandbox,
        emulator.project_id(),
        emulator.key_id(),
        emulator.private_key_pem(),
    )
}

fn fast() -> RunOptions<'static> {
    common::polling_every(Duration::from_millis(20))
}

/// The emulator's user with this email.
fn at_server(sandbox: &Sandbox, email: &str) -> Value {
    sandbox
        .authgear()
        .emulator()
        .user_by(Login::Email, email)
        .unwrap_or_else(|| panic!("{email} is not at the server"))
}

/// Every user is at the emulator, and each arrived in exactly one accepted import.
fn assert_each_imported_once(sandbox: &Sandbox, count: usize) {
    let emulator = sandbox.authgear().emulator();
    assert_eq!(emulator.users().len(), count);
    for n in 1..=count {
        assert_eq!(emulator.imports_for(&email_of(n)), 1, "{}", email_of(n));
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
    assert_each_imported_once(&sandbox, 30);
    let emulator = sandbox.authgear().emulator();
    let tasks = emulator.task_ids();
    assert_eq!(tasks.len(), 1);
    assert_eq!(emulator.summary(&tasks[0]).unwrap().inserted, 30);
    for record in store.records(job, None).unwrap() {
        let outcome = record.outcome.unwrap();
        assert_eq!(outcome.outcome, Outcome::Created);
        assert_eq!(
            outcome.target_id.as_deref(),
            at_server(&sandbox, &record.identifier)["id"].as_str()
        );
    }
    let stored = at_server(&sandbox, &email_of(7));
    assert_eq!(stored["given_name"], "Given7");
    assert_eq!(stored["email_verified"], true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn existing_users_are_skipped_or_updated_as_the_policy_says() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let authgear = target(&sandbox);
    let mut store = Store::in_memory().unwrap();
    let first = job(&mut store, Policy::Skip, &staff(5));
    run(&mut store, first, &authgear, fast()).await.unwrap();

    // Skip: the import leaves every user as it is, even one whose name changed in the file.
    let mut changed = staff(5);
    changed[2] = user(3, "Head of Engineering");
    let skip = job(&mut store, Policy::Skip, &changed);
    let (_, counts) = run(&mut store, skip, &authgear, fast()).await.unwrap();
    assert_eq!((counts.skipped, counts.created), (5, 0));
    for record in store.records(skip, None).unwrap() {
        let outcome = record.outcome.unwrap();
        assert_eq!(
            outcome.message.as_deref(),
            Some("skipping because upsert = false and user exists")
        );
        assert_eq!(
            outcome.target_id.as_deref(),
            at_server(&sandbox, &record.identifier)["id"].as_str()
        );
    }
    assert_eq!(at_server(&sandbox, &email_of(3))["name"], "Staff");

    // Update: the import updates every user; the changed name reaches the server.
    let update = job(&mut store, Policy::Update, &changed);
    let (_, counts) = run(&mut store, update, &authgear, fast()).await.unwrap();
    assert_eq!((counts.updated, counts.created), (5, 0));
    let updated = store.records(update, Some(Outcome::Updated)).unwrap();
    assert_eq!(updated[2].identifier, email_of(3));
    assert_eq!(
        updated[2].outcome.as_ref().unwrap().target_id.as_deref(),
        at_server(&sandbox, &email_of(3))["id"].as_str()
    );
    assert_eq!(
        at_server(&sandbox, &email_of(3))["name"],
        "Head of Engineering"
    );
    let emulator = sandbox.authgear().emulator();
    assert_eq!(emulator.users().len(), 5);
    assert_eq!(emulator.imports_for(&email_of(3)), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn records_the_import_fails_land_on_their_rows_with_authgears_words() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let mut users = staff(4);
    users[1]["password"] =
        json!({"type": "md5", "password_hash": "5f4dcc3b5aa765d61d8327deb882cf99"});
    // Row 6 carries user01's email a second time.
    users.push(user(1, "Twin"));
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Skip, &users);

    let (ended, counts) = run(&mut store, job, &target(&sandbox), fast())
        .await
        .unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!((counts.created, counts.failed, counts.skipped), (3, 1, 1));

    let failed = store.records(job, Some(Outcome::Failed)).unwrap();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].source_row, 3);
    assert_eq!(failed[0].identifier, email_of(2));
    let outcome = failed[0].outcome.as_ref().unwrap();
    assert_eq!(outcome.code.as_deref(), Some("ValidationFailed"));
    assert_eq!(
        outcome.message.as_deref(),
        Some(r#"invalid value (/password/type: enum {"expected":["bcrypt"]})"#)
    );
    assert_eq!(outcome.target_id, None);
    let emulator = sandbox.authgear().emulator();
    assert!(emulator.user_by(Login::Email, &email_of(2)).is_none());

    // The second record for user01 met the user the first one made in the same task.
    let skipped = store.records(job, Some(Outcome::Skipped)).unwrap();
    assert_eq!(skipped[0].source_row, 6);
    assert_eq!(
        skipped[0].outcome.as_ref().unwrap().target_id.as_deref(),
        at_server(&sandbox, &email_of(1))["id"].as_str()
    );
    assert_eq!(at_server(&sandbox, &email_of(1))["name"], "Staff");
    assert_eq!(emulator.users().len(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn big_records_are_split_into_requests_under_the_size_limit() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    // Twelve records of about 100 KB: 1.2 MB in all, more than two requests can carry.
    let long = "x".repeat(100_000);
    let users: Vec<Value> = (1..=12).map(|n| user(n, &long)).collect();
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Skip, &users);

    let (ended, counts) = run(&mut store, job, &target(&sandbox), fast())
        .await
        .unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!(counts.created, 12);
    assert_each_imported_once(&sandbox, 12);
    let emulator = sandbox.authgear().emulator();
    let tasks = emulator.task_ids();
    assert!(tasks.len() >= 3, "{} tasks", tasks.len());
    let mut imported = 0;
    for id in &tasks {
        let records = emulator.summary(id).unwrap().total;
        assert!(records * 100_000 < 500_000, "{records} records in one task");
        imported += records;
    }
    assert_eq!(imported, 12);
    assert!(
        sandbox
            .authgear()
            .log()
            .entries()
            .iter()
            .all(|request| request.status == Some(200)),
        "a request was refused"
    );
    assert_eq!(at_server(&sandbox, &email_of(12))["name"], long.as_str());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_key_stops_the_job_and_imports_nobody() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let emulator = sandbox.authgear().emulator();
    let (project, kid, pem) = (
        emulator.project_id(),
        emulator.key_id(),
        emulator.private_key_pem(),
    );
    let wrong = [
        (
            "private key",
            authgear_with(&sandbox, project, kid, test_keys::PRIVATE_KEY),
        ),
        (
            "project id",
            authgear_with(&sandbox, "another-project", kid, pem),
        ),
        (
            "key id",
            authgear_with(&sandbox, project, "another-key", pem),
        ),
    ];
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Skip, &staff(5));

    for (what, authgear) in wrong {
        let refused = run(&mut store, job, &authgear, fast()).await;
        match refused {
            Err(JobError::Push(PushError::Refused { message })) => {
                assert!(message.contains("authgear-sandbox"), "{message}");
                assert!(message.contains("private key"), "{message}");
                assert!(!message.contains("PRIVATE KEY"), "{message}");
            }
            other => panic!("expected refused credentials for a wrong {what}, got {other:?}"),
        }
        assert_eq!(store.counts(job).unwrap().pending, 5);
    }
    assert!(emulator.task_ids().is_empty());
    assert!(emulator.users().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_error_on_the_import_stops_the_job_and_the_next_run_imports_each_user_once() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let authgear = target(&sandbox);
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Skip, &staff(30));
    sandbox.authgear().faults().push(
        Fault::status(axum::http::StatusCode::INTERNAL_SERVER_ERROR, "")
            .times(1)
            .on("POST", IMPORT),
    );

    let stopped = run(&mut store, job, &authgear, fast()).await;
    assert!(
        matches!(stopped, Err(JobError::Push(PushError::Uncertain { .. }))),
        "{stopped:?}"
    );
    let halfway = store.job(job).unwrap();
    assert_eq!(halfway.status, JobStatus::Interrupted);
    assert_eq!(halfway.counts.in_flight, 30);
    let emulator = sandbox.authgear().emulator();
    assert!(emulator.users().is_empty());

    let (ended, counts) = run(&mut store, job, &authgear, fast()).await.unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!(counts.created, 30);
    assert_each_imported_once(&sandbox, 30);
    assert_eq!(sandbox.authgear().log().count("POST", IMPORT), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_stopped_while_the_task_works_settles_it_on_resume_without_importing_again() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let authgear = target(&sandbox);
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Skip, &staff(10));
    // Every status request fails: the run stops with the task accepted and unread.
    sandbox.authgear().faults().push(
        Fault::status(axum::http::StatusCode::BAD_GATEWAY, "")
            .always()
            .on("GET", IMPORT),
    );

    let stopped = run(&mut store, job, &authgear, fast()).await;
    assert!(
        matches!(stopped, Err(JobError::Push(PushError::Uncertain { .. }))),
        "{stopped:?}"
    );
    assert_eq!(store.counts(job).unwrap().in_flight, 10);
    let emulator = sandbox.authgear().emulator();
    emulator.finish_tasks();
    assert_eq!(emulator.users().len(), 10);

    sandbox.authgear().faults().clear();
    let (ended, counts) = run(&mut store, job, &authgear, fast()).await.unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!(counts.created, 10);
    assert_each_imported_once(&sandbox, 10);
    assert_eq!(sandbox.authgear().log().count("POST", IMPORT), 1);
    for record in store.records(job, None).unwrap() {
        assert_eq!(
            record.outcome.unwrap().target_id.as_deref(),
            at_server(&sandbox, &record.identifier)["id"].as_str()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_saved_connection_opens_a_target_that_imports() {
    use muster_engine::secrets::{MemorySecrets, SecretStore};
    use muster_engine::store::SavedConnection;
    use muster_engine::target::connector::{OpenError, Target, open_target};

    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let emulator = sandbox.authgear().emulator();
    let secrets = MemorySecrets::default();
    secrets
        .set(
            "acme-authgear",
            "private_key",
            &Secret::new(emulator.private_key_pem()),
        )
        .unwrap();
    let mut settings = serde_json::Map::new();
    settings.insert("project_id".into(), emulator.project_id().into());
    settings.insert("key_id".into(), emulator.key_id().into());
    settings.insert("identifier".into(), "email".into());
    let saved = SavedConnection {
        name: "acme-authgear".into(),
        kind: "authgear".into(),
        url: sandbox.authgear().url().to_owned(),
        settings,
    };
    let target = open_target(&saved, &secrets).unwrap();
    assert!(target.describe().contains(sandbox.authgear().url()));
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Update, &staff(3));
    let (ended, counts) = run(&mut store, job, &target, fast()).await.unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!(counts.created, 3);
    assert_each_imported_once(&sandbox, 3);

    let mut wrong = saved.clone();
    wrong.settings.insert("identifier".into(), "fax".into());
    match open_target(&wrong, &secrets) {
        Err(error @ OpenError::Identifier { .. }) => {
            assert!(error.to_string().contains("acme-authgear"), "{error}");
        }
        Err(other) => panic!("expected an unknown identifier, got {other}"),
        Ok(_) => panic!("expected an unknown identifier, got a target"),
    }
    wrong.settings.remove("identifier");
    assert!(matches!(
        open_target(&wrong, &secrets),
        Err(OpenError::MissingSetting {
            setting: "identifier",
            ..
        })
    ));
}
