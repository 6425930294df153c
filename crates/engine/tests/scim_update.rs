//! What the SCIM connector learns from `GET /ServiceProviderConfig` and how it updates:
//! PATCH when the provider offers it (attributes the file does not carry, and the password,
//! stay as they are), a second look when the User changed since the lookup (412 to
//! `If-Match`), and plain POST and PUT for a provider without PATCH and /Bulk, or without a
//! readable ServiceProviderConfig. Checked from the emulator's own records.

mod common;

use std::time::Duration;

use axum::http::StatusCode;
use muster_engine::job::{Ended, Outcome, Policy, RunOptions, run};
use muster_engine::store::Store;
use muster_engine::target::connector::Target;
use muster_engine::target::connector::scim::Scim;
use muster_sandbox::scim::Offered;
use muster_sandbox::{Fault, Sandbox, SandboxOptions};
use serde_json::{Value, json};

const USER: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
const CONFIG: &str = "/scim/v2/ServiceProviderConfig";
const BULK: &str = "/scim/v2/Bulk";
const USERS: &str = "/scim/v2/Users";

fn name_of(n: usize) -> String {
    format!("user{n:02}@example.com")
}

/// A User as the SCIM mapping builds it, with an initial password.
fn user(n: usize, title: &str) -> Value {
    json!({
        "schemas": [USER],
        "userName": name_of(n),
        "name": {"givenName": format!("Given{n}"), "familyName": "Family"},
        "title": title,
        "emails": [{"type": "work", "primary": true, "value": name_of(n)}],
        "password": format!("Initial-{n}!"),
    })
}

fn staff(count: usize, title: &str) -> Vec<Value> {
    (1..=count).map(|n| user(n, title)).collect()
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

/// Sets `nickName` at the server, as another system (or an administrator) would, with a
/// PATCH the emulator takes whatever it offers the connector.
async fn set_nickname(sandbox: &Sandbox, n: usize, nickname: &str) {
    let emulator = sandbox.scim().emulator();
    let offered = emulator.offered();
    emulator.offer(Offered::default());
    let id = emulator.user_by_name(&name_of(n)).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let message = json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{"op": "add", "path": "nickName", "value": nickname}]
    });
    let status = reqwest::Client::new()
        .patch(format!("{}/scim/v2/Users/{id}", sandbox.scim().url()))
        .bearer_auth(emulator.token())
        .header("Content-Type", "application/scim+json")
        .body(message.to_string())
        .send()
        .await
        .unwrap()
        .status();
    emulator.offer(offered);
    assert_eq!(status, 200);
}

/// Pushes `count` Users, then the same file with user 2 retitled under the update policy;
/// user 2 carries a `nickName` set at the server in between. Returns the two jobs.
async fn create_then_retitle(sandbox: &Sandbox, store: &mut Store, count: usize) -> (i64, i64) {
    let scim = target(sandbox);
    let first = job(store, Policy::Skip, &staff(count, "Engineer"));
    let (ended, counts) = run(store, first, &scim, fast()).await.unwrap();
    assert_eq!((ended, counts.created), (Ended::Finished, count as u64));
    set_nickname(sandbox, 2, "Babs").await;
    let mut changed = staff(count, "Engineer");
    changed[1] = user(2, "Head of Engineering");
    changed[1]["password"] = json!("Changed-in-the-file!");
    let update = job(store, Policy::Update, &changed);
    let (ended, counts) = run(store, update, &scim, fast()).await.unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!(
        (counts.updated, counts.unchanged),
        (1, count as u64 - 1),
        "{:?}",
        store.records(update, None).unwrap()
    );
    (first, update)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn updates_go_as_patch_and_leave_what_the_file_does_not_carry() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let mut store = Store::in_memory().unwrap();
    let (_, update) = create_then_retitle(&sandbox, &mut store, 5).await;

    let emulator = sandbox.scim().emulator();
    let second = emulator.user_by_name(&name_of(2)).unwrap();
    assert_eq!(second["title"], "Head of Engineering");
    assert_eq!(second["nickName"], "Babs", "PATCH leaves it");
    assert_eq!(second["name"]["givenName"], "Given2");
    assert_eq!(
        emulator.password_of(&name_of(2)),
        Some(json!("Initial-2!")),
        "the initial password is not sent again"
    );
    let updated = store.records(update, Some(Outcome::Updated)).unwrap();
    assert_eq!(
        updated[0].outcome.as_ref().unwrap().target_id.as_deref(),
        second["id"].as_str()
    );
    let log = sandbox.scim().log();
    // The test's own PATCH set the nickname; the connector sent one.
    assert_eq!(log.count_prefix("PATCH", "/scim/v2/Users/"), 2);
    assert_eq!(log.count_prefix("PUT", "/scim/v2/Users/"), 0);
    assert_eq!(
        log.count("GET", CONFIG),
        1,
        "one connector ran both jobs: asked once"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_changed_since_the_lookup_is_looked_up_again_before_the_update() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let scim = target(&sandbox);
    let mut store = Store::in_memory().unwrap();
    let first = job(&mut store, Policy::Skip, &staff(1, "Engineer"));
    run(&mut store, first, &scim, fast()).await.unwrap();
    // The first PATCH finds another version at the server (RFC 7644 §3.14).
    let changed = r#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"412","detail":"Failed to update. Resource changed on the server."}"#;
    sandbox.scim().faults().push(
        Fault::status(StatusCode::PRECONDITION_FAILED, changed).on("PATCH", "/scim/v2/Users/"),
    );

    let update = job(&mut store, Policy::Update, &staff(1, "Head of Engineering"));
    let (_, counts) = run(&mut store, update, &scim, fast()).await.unwrap();
    assert_eq!(counts.updated, 1);
    assert_eq!(
        sandbox.scim().emulator().user_by_name(&name_of(1)).unwrap()["title"],
        "Head of Engineering"
    );
    let log = sandbox.scim().log();
    assert_eq!(log.count_prefix("PATCH", "/scim/v2/Users/"), 2);
    // Looked up for the first job, for the update, and again after the 412.
    assert_eq!(log.count("GET", USERS), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_provider_without_patch_or_bulk_gets_posts_and_puts() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    sandbox.scim().emulator().offer(Offered::minimal());
    let mut store = Store::in_memory().unwrap();
    let (first, _) = create_then_retitle(&sandbox, &mut store, 25).await;

    let log = sandbox.scim().log();
    assert_eq!(log.count("POST", USERS), 25);
    assert_eq!(log.count("POST", BULK), 0);
    assert_eq!(log.count_prefix("PUT", "/scim/v2/Users/"), 1);
    // Only the test's own PATCH, which set the nickname.
    assert_eq!(log.count_prefix("PATCH", "/scim/v2/Users/"), 1);
    let emulator = sandbox.scim().emulator();
    let second = emulator.user_by_name(&name_of(2)).unwrap();
    assert_eq!(second["title"], "Head of Engineering");
    // PUT replaces the whole User: the nickname the file does not carry is gone, and the
    // password goes along so that it is not cleared.
    assert!(second["nickName"].is_null(), "{second}");
    assert_eq!(
        emulator.password_of(&name_of(2)),
        Some(json!("Changed-in-the-file!"))
    );
    for record in store.records(first, None).unwrap() {
        assert_eq!(record.outcome.unwrap().outcome, Outcome::Created);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_or_unreadable_service_provider_config_means_posts_and_puts() {
    for (status, body) in [
        (StatusCode::NOT_FOUND, ""),
        (StatusCode::OK, "<html>Welcome</html>"),
        (StatusCode::INTERNAL_SERVER_ERROR, ""),
    ] {
        let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
        sandbox
            .scim()
            .faults()
            .push(Fault::status(status, body).always().on("GET", CONFIG));
        let mut store = Store::in_memory().unwrap();
        create_then_retitle(&sandbox, &mut store, 3).await;

        let log = sandbox.scim().log();
        assert_eq!(log.count("POST", USERS), 3, "{status}");
        assert_eq!(log.count("POST", BULK), 0, "{status}");
        assert_eq!(log.count_prefix("PUT", "/scim/v2/Users/"), 1, "{status}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_credentials_on_the_service_provider_config_stop_the_check() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    sandbox.scim().faults().push(
        Fault::status(StatusCode::UNAUTHORIZED, "")
            .always()
            .on("GET", CONFIG),
    );
    let error = target(&sandbox).check().await.unwrap_err();
    let message = error.to_string();
    assert!(message.contains("refused"), "{message}");
    assert!(message.contains("ServiceProviderConfig"), "{message}");
    assert!(sandbox.scim().emulator().users().is_empty());
}
