//! Auth0 jobs pushed to the sandbox's Auth0 emulator through the real connector: every
//! user arrives in one import, existing users are skipped or updated as the policy says,
//! Auth0's refusals land on the right rows with its codes, big files are split under the
//! 500 KB limit, expired tokens are renewed, the concurrent-job limit stops the run without
//! losing a record, and a crash after an upload does not import anyone twice.

mod common;

use std::time::{Duration, Instant};

use muster_engine::connect::{Auth, Client, ClientConfig, ClientCredentials, RetryPolicy};
use muster_engine::job::{Ended, JobError, Outcome, Policy, RunOptions, run};
use muster_engine::secrets::{MemorySecrets, Secret, SecretStore};
use muster_engine::store::{JobStatus, SavedConnection, Store, StoredRecord};
use muster_engine::target::connector::auth0::Auth0;
use muster_engine::target::connector::{OpenError, PushError, Target, open_target};
use muster_sandbox::auth0::Auth0Config;
use muster_sandbox::{Sandbox, SandboxOptions};
use serde_json::{Value, json};

fn email_of(n: usize) -> String {
    format!("person{n:02}@example.com")
}

/// A user as the Auth0 mapping builds it.
fn person(n: usize, given: &str) -> Value {
    json!({
        "email": email_of(n),
        "email_verified": true,
        "given_name": given,
        "family_name": format!("Family{n}"),
    })
}

fn staff(count: usize) -> Vec<Value> {
    (1..=count)
        .map(|n| person(n, &format!("Given{n}")))
        .collect()
}

/// Journals `users` as an Auth0 job, row 2 onwards; the identifier is the email.
fn job(store: &mut Store, policy: Policy, users: &[Value]) -> i64 {
    common::journal(store, "auth0", "email", policy, users)
}

async fn sandbox(job_duration: Duration) -> Sandbox {
    Sandbox::start(SandboxOptions {
        auth0: Auth0Config {
            job_duration,
            ..Auth0Config::default()
        },
        ..SandboxOptions::default()
    })
    .await
    .unwrap()
}

fn target_with(sandbox: &Sandbox, attempts: u32) -> Auth0 {
    let emulator = sandbox.auth0().emulator();
    let url = sandbox.auth0().url();
    let mut credentials = ClientCredentials::new(
        format!("{url}/oauth/token"),
        emulator.client_id(),
        Secret::new(emulator.client_secret()),
    );
    credentials.audience = Some(emulator.audience());
    let mut config = ClientConfig::new("auth0-sandbox", Auth::ClientCredentials(credentials));
    config.retry = RetryPolicy {
        attempts,
        min_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(50),
        ..RetryPolicy::default()
    };
    Auth0::new(Client::new(config).unwrap(), url, emulator.connection_id())
}

fn target(sandbox: &Sandbox) -> Auth0 {
    target_with(sandbox, 5)
}

fn fast() -> RunOptions<'static> {
    common::polling_every(Duration::from_millis(100))
}

fn outcome_of(record: &StoredRecord) -> Outcome {
    record.outcome.as_ref().unwrap().outcome
}

fn assert_each_imported_once(sandbox: &Sandbox, users: &[Value]) {
    let emulator = sandbox.auth0().emulator();
    for user in users {
        let email = user["email"].as_str().unwrap();
        assert_eq!(emulator.import_count(email), 1, "{email}");
        assert_eq!(emulator.submission_count(email), 1, "{email}");
    }
}

/// Waits until no import job of the tenant is pending or processing.
async fn wait_for_jobs(sandbox: &Sandbox) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while sandbox
        .auth0()
        .emulator()
        .jobs()
        .iter()
        .any(|job| job.status == "pending" || job.status == "processing")
    {
        assert!(
            Instant::now() < deadline,
            "the emulator's jobs did not finish"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Uploads `users` as an import job straight to the emulator, as a crashed run would have.
async fn upload_directly(sandbox: &Sandbox, users: &[Value]) {
    let emulator = sandbox.auth0().emulator();
    let url = sandbox.auth0().url();
    let http = reqwest::Client::new();
    let token: Value = http
        .post(format!("{url}/oauth/token"))
        .json(&json!({
            "grant_type": "client_credentials",
            "client_id": emulator.client_id(),
            "client_secret": emulator.client_secret(),
            "audience": emulator.audience(),
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let file = serde_json::to_vec(users).unwrap();
    let form = reqwest::multipart::Form::new()
        .part(
            "users",
            reqwest::multipart::Part::bytes(file).file_name("users.json"),
        )
        .text("connection_id", emulator.connection_id().to_owned())
        .text("send_completion_email", "false");
    let answer = http
        .post(format!("{url}/api/v2/jobs/users-imports"))
        .bearer_auth(token["access_token"].as_str().unwrap())
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 202);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_of_forty_users_creates_each_in_one_import() {
    let sandbox = sandbox(Duration::from_millis(300)).await;
    let users = staff(40);
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Skip, &users);

    let (ended, counts) = run(&mut store, job, &target(&sandbox), fast())
        .await
        .unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!((counts.total, counts.created), (40, 40));
    assert_eq!(store.job(job).unwrap().status, JobStatus::Finished);
    assert_each_imported_once(&sandbox, &users);
    let stored = sandbox.auth0().emulator().user(&email_of(7)).unwrap();
    assert_eq!(stored.to_json()["given_name"], "Given7");
    let jobs = sandbox.auth0().emulator().jobs();
    assert_eq!(jobs.len(), 1);
    assert!(!jobs[0].upsert);
    assert!(!jobs[0].send_completion_email);
    assert!(
        jobs[0]
            .external_id
            .as_deref()
            .unwrap()
            .starts_with("muster-skip-")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_existing_user_is_skipped_under_skip() {
    let sandbox = sandbox(Duration::from_millis(200)).await;
    sandbox.auth0().emulator().seed_user(&email_of(3));
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Skip, &staff(5));

    let (_, counts) = run(&mut store, job, &target(&sandbox), fast())
        .await
        .unwrap();
    assert_eq!((counts.created, counts.skipped, counts.failed), (4, 1, 0));
    let record = store.record_at(job, 4).unwrap().unwrap();
    assert_eq!(record.identifier, email_of(3));
    let outcome = record.outcome.unwrap();
    assert_eq!(outcome.outcome, Outcome::Skipped);
    assert_eq!(outcome.code.as_deref(), Some("DUPLICATED_USER"));
    assert!(outcome.message.unwrap().contains("already exists"));
    let emulator = sandbox.auth0().emulator();
    assert_eq!(emulator.import_count(&email_of(3)), 0);
    assert!(emulator.user(&email_of(3)).unwrap().to_json()["given_name"].is_null());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_existing_user_is_updated_under_update() {
    let sandbox = sandbox(Duration::from_millis(200)).await;
    let emulator = sandbox.auth0().emulator();
    let seeded = emulator.seed_user(&email_of(3));
    // The seed and the job's start must not share a millisecond.
    tokio::time::sleep(Duration::from_millis(20)).await;
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Update, &staff(5));

    let (_, counts) = run(&mut store, job, &target(&sandbox), fast())
        .await
        .unwrap();
    assert_eq!((counts.created, counts.updated, counts.failed), (4, 1, 0));
    for record in store.records(job, None).unwrap() {
        let expected = if record.identifier == email_of(3) {
            Outcome::Updated
        } else {
            Outcome::Created
        };
        assert_eq!(outcome_of(&record), expected, "{}", record.identifier);
    }
    let updated = store.record_at(job, 4).unwrap().unwrap().outcome.unwrap();
    assert_eq!(updated.target_id, Some(seeded.user_id.clone()));
    let stored = emulator.user(&email_of(3)).unwrap();
    assert_eq!(stored.user_id, seeded.user_id);
    assert_eq!(stored.to_json()["given_name"], "Given3");
    assert_eq!(emulator.import_count(&email_of(3)), 1);
    assert!(emulator.jobs()[0].upsert);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_auth0_refuses_fails_on_its_row_with_auth0s_words() {
    let sandbox = sandbox(Duration::from_millis(200)).await;
    let mut users = staff(6);
    users[3]["blocked"] = json!("no");
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Skip, &users);

    let (ended, counts) = run(&mut store, job, &target(&sandbox), fast())
        .await
        .unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!((counts.created, counts.failed), (5, 1));
    // users[3] is source row 5.
    let record = store.record_at(job, 5).unwrap().unwrap();
    assert_eq!(record.identifier, email_of(4));
    let outcome = record.outcome.unwrap();
    assert_eq!(outcome.outcome, Outcome::Failed);
    assert_eq!(outcome.code.as_deref(), Some("INVALID_TYPE"));
    let message = outcome.message.unwrap();
    assert!(
        message.contains("Invalid type: string (expected boolean)"),
        "{message}"
    );
    assert!(message.contains("blocked"), "{message}");
    let emulator = sandbox.auth0().emulator();
    assert!(emulator.user(&email_of(4)).is_none());
    assert!(emulator.user(&email_of(5)).is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn big_payloads_are_split_into_files_under_the_limit() {
    let sandbox = sandbox(Duration::from_millis(100)).await;
    let filler = "x".repeat(40_000);
    let users: Vec<Value> = (1..=30)
        .map(|n| {
            let mut user = person(n, "Big");
            user["user_metadata"] = json!({ "notes": filler });
            user
        })
        .collect();
    let total: usize = users.iter().map(|user| user.to_string().len()).sum();
    assert!(total > 1_000_000);
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Skip, &users);

    let (ended, counts) = run(&mut store, job, &target(&sandbox), fast())
        .await
        .unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!(counts.created, 30);
    assert_each_imported_once(&sandbox, &users);
    // The emulator answers 413 to a file over 512 000 bytes, so each job is a file under it.
    let jobs = sandbox.auth0().emulator().jobs();
    assert!(jobs.len() >= 3, "{} uploads", jobs.len());
    let imported: u32 = jobs.iter().map(|job| job.summary.unwrap().inserted).sum();
    assert_eq!(imported, 30);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_expired_mid_job_are_fetched_again() {
    let sandbox = sandbox(Duration::from_millis(800)).await;
    let users = staff(10);
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Skip, &users);
    let auth0 = target(&sandbox);

    let expire = async {
        // The upload has its token; the polls that follow find it expired.
        tokio::time::sleep(Duration::from_millis(300)).await;
        sandbox.auth0().emulator().expire_tokens();
    };
    let (result, ()) = tokio::join!(run(&mut store, job, &auth0, fast()), expire);
    let (ended, counts) = result.unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!(counts.created, 10);
    assert_each_imported_once(&sandbox, &users);
    assert_eq!(sandbox.auth0().log().count("POST", "/oauth/token"), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_third_concurrent_job_stops_the_run_and_the_next_run_finishes_it() {
    let sandbox = sandbox(Duration::from_millis(2500)).await;
    let emulator = sandbox.auth0().emulator();
    // Two imports of other users keep the tenant's two job slots busy.
    upload_directly(&sandbox, &[json!({"email": "other1@example.com"})]).await;
    upload_directly(&sandbox, &[json!({"email": "other2@example.com"})]).await;
    emulator.update_config(|config| config.job_duration = Duration::from_millis(200));
    let users = staff(8);
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Skip, &users);
    let auth0 = target_with(&sandbox, 1);

    let stopped = run(&mut store, job, &auth0, fast()).await;
    match stopped {
        Err(JobError::Push(PushError::NotSent { message })) => {
            assert!(message.contains("two import jobs"), "{message}");
        }
        other => panic!("expected the run to stop with nothing sent, got {other:?}"),
    }
    let counts = store.counts(job).unwrap();
    assert_eq!((counts.pending, counts.in_flight, counts.done()), (8, 0, 0));
    assert_eq!(store.job(job).unwrap().status, JobStatus::Interrupted);
    assert!(emulator.user(&email_of(1)).is_none());

    wait_for_jobs(&sandbox).await;
    let (ended, counts) = run(&mut store, job, &auth0, fast()).await.unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!(counts.created, 8);
    assert_each_imported_once(&sandbox, &users);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_crash_an_uploaded_file_is_not_imported_again() {
    let sandbox = sandbox(Duration::from_millis(200)).await;
    let users = staff(10);
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Skip, &users);
    // The crashed run journaled a batch of four, uploaded it, and died before noting the job.
    let batch: Vec<i64> = store
        .pending(job, 4)
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    store.begin_batch(job, &batch).unwrap();
    upload_directly(&sandbox, &users[..4]).await;
    wait_for_jobs(&sandbox).await;

    let (ended, counts) = run(&mut store, job, &target(&sandbox), fast())
        .await
        .unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!((counts.created, counts.failed, counts.skipped), (10, 0, 0));
    assert_each_imported_once(&sandbox, &users);
    let emulator = sandbox.auth0().emulator();
    for record in store.records(job, None).unwrap() {
        let outcome = record.outcome.unwrap();
        assert_eq!(outcome.outcome, Outcome::Created);
        if record.source_row <= 5 {
            let user = emulator.user(&record.identifier).unwrap();
            assert_eq!(outcome.target_id, Some(user.user_id));
        }
    }
    assert_eq!(emulator.jobs().len(), 2);
}

/// A saved Auth0 connection for the sandbox's tenant, its secret in `secrets`.
fn saved_connection(sandbox: &Sandbox, secrets: &MemorySecrets) -> SavedConnection {
    let emulator = sandbox.auth0().emulator();
    secrets
        .set(
            "acme-auth0",
            "client_secret",
            &Secret::new(emulator.client_secret()),
        )
        .unwrap();
    let mut settings = serde_json::Map::new();
    settings.insert("client_id".into(), emulator.client_id().into());
    settings.insert("connection_id".into(), emulator.connection_id().into());
    SavedConnection {
        name: "acme-auth0".into(),
        kind: "auth0".into(),
        url: format!("{}/", sandbox.auth0().url()),
        settings,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_saved_connection_opens_a_target_that_imports() {
    let sandbox = sandbox(Duration::from_millis(200)).await;
    let secrets = MemorySecrets::default();
    let saved = saved_connection(&sandbox, &secrets);
    // No audience setting: the default `{url}/api/v2/` is the tenant's.
    let target = open_target(&saved, &secrets).unwrap();
    assert!(target.describe().contains(sandbox.auth0().url()));
    let users = staff(3);
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Update, &users);

    let (ended, counts) = run(&mut store, job, &target, fast()).await.unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!(counts.created, 3);
    assert_each_imported_once(&sandbox, &users);

    let mut incomplete = saved.clone();
    incomplete.settings.remove("connection_id");
    match open_target(&incomplete, &secrets) {
        Err(error @ OpenError::MissingSetting { .. }) => {
            assert!(error.to_string().contains("\"connection_id\""), "{error}");
        }
        Err(other) => panic!("expected a missing setting, got {other}"),
        Ok(_) => panic!("expected a missing setting, got a target"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_email_twice_in_the_file_fails_the_second_row_rather_than_skipping_it() {
    let sandbox = sandbox(Duration::from_millis(200)).await;
    let mut users = staff(4);
    users.push(person(2, "Again"));
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Skip, &users);

    let (_, counts) = run(&mut store, job, &target(&sandbox), fast())
        .await
        .unwrap();
    assert_eq!((counts.created, counts.skipped, counts.failed), (4, 0, 1));
    let first = store.record_at(job, 3).unwrap().unwrap();
    assert_eq!(outcome_of(&first), Outcome::Created);
    let second = store.record_at(job, 6).unwrap().unwrap().outcome.unwrap();
    assert_eq!(second.outcome, Outcome::Failed);
    assert_eq!(second.code.as_deref(), Some("DUPLICATED_USER"));
    assert!(second.message.unwrap().contains("already provided"));
    let stored = sandbox.auth0().emulator().user(&email_of(2)).unwrap();
    assert_eq!(stored.to_json()["given_name"], "Given2");
}
