//! The plan before sending: each record looked up at the target's emulator and journaled
//! as create, update, skip or unchanged (or decided, where the target has no lookup),
//! with nothing sent; and "Test connection" for every connector, right and wrong
//! credentials.

mod common;

use common::targets;
use muster_engine::job::{Expected, Outcome, PlanOptions, Policy, plan, run};
use muster_engine::store::Store;
use muster_engine::target::connector::Target;
use muster_sandbox::{Sandbox, SandboxOptions};
use serde_json::{Value, json};

const USER: &str = "urn:ietf:params:scim:schemas:core:2.0:User";

fn scim_user(n: usize, title: &str) -> Value {
    json!({
        "schemas": [USER],
        "userName": format!("user{n:02}@example.com"),
        "name": {"givenName": format!("Given{n}"), "familyName": "Family"},
        "title": title,
    })
}

async fn sandbox() -> Sandbox {
    Sandbox::start(SandboxOptions::default()).await.unwrap()
}

/// The requests that change something at the SCIM emulator.
fn scim_writes(sandbox: &Sandbox) -> usize {
    let log = sandbox.scim().log();
    log.count_prefix("POST", "/scim/v2/Users")
        + log.count_prefix("PUT", "/scim/v2/Users")
        + log.count_prefix("PATCH", "/scim/v2/Users")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scim_plan_says_what_each_user_will_become_and_sends_nothing() {
    let sandbox = sandbox().await;
    let scim = targets::scim(&sandbox, sandbox.scim().emulator().token());
    let mut store = Store::in_memory().unwrap();
    // Users 1 to 3 exist; user 2 has another title now.
    let first = common::journal(
        &mut store,
        "scim",
        "userName",
        Policy::Update,
        &(1..=3)
            .map(|n| scim_user(n, "Engineer"))
            .collect::<Vec<_>>(),
    );
    run(&mut store, first, &scim, Default::default())
        .await
        .unwrap();
    let writes_before = scim_writes(&sandbox);
    let file = vec![
        scim_user(1, "Engineer"),
        scim_user(2, "Head of Engineering"),
        scim_user(3, "Engineer"),
        scim_user(4, "Engineer"),
        scim_user(5, "Engineer"),
    ];

    let update = common::journal(&mut store, "scim", "userName", Policy::Update, &file);
    let planned = plan(&mut store, update, &scim, PlanOptions::default())
        .await
        .unwrap();
    assert!(planned.complete);
    let counts = planned.counts;
    assert_eq!(
        (counts.create, counts.update, counts.unchanged, counts.skip),
        (2, 1, 2, 0)
    );
    let rows_of = |expected: Expected| -> Vec<u64> {
        planned
            .samples
            .iter()
            .filter(|s| s.expected == expected)
            .map(|s| s.source_row)
            .collect()
    };
    assert_eq!(rows_of(Expected::Create), vec![5, 6]);
    assert_eq!(rows_of(Expected::Update), vec![3]);
    assert_eq!(rows_of(Expected::Unchanged), vec![2, 4]);
    let update_sample = planned
        .samples
        .iter()
        .find(|s| s.expected == Expected::Update)
        .unwrap();
    let id_at_server = sandbox
        .scim()
        .emulator()
        .user_by_name("user02@example.com")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        update_sample.target_id.as_deref(),
        Some(id_at_server.as_str())
    );
    assert_eq!(
        scim_writes(&sandbox),
        writes_before,
        "the plan sent nothing"
    );

    // Under skip the same file plans every existing user as skipped.
    let skip = common::journal(&mut store, "scim", "userName", Policy::Skip, &file);
    let counts = plan(&mut store, skip, &scim, PlanOptions::default())
        .await
        .unwrap()
        .counts;
    assert_eq!((counts.create, counts.skip, counts.update), (2, 3, 0));

    // Pushing the planned job ends as the plan said.
    let (_, pushed) = run(&mut store, update, &scim, Default::default())
        .await
        .unwrap();
    assert_eq!(
        (pushed.created, pushed.updated, pushed.unchanged),
        (2, 1, 2)
    );
    assert_eq!(sandbox.scim().emulator().users().len(), 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_auth0_plan_finds_users_by_email_and_an_lms_plan_leaves_it_to_the_lms() {
    let sandbox = sandbox().await;
    sandbox.auth0().emulator().seed_user("ana@example.com");
    let auth0 = targets::auth0(&sandbox, sandbox.auth0().emulator().client_secret());
    let mut store = Store::in_memory().unwrap();
    let users = [
        json!({"email": "ana@example.com", "given_name": "Ana"}),
        json!({"email": "ben@example.com", "given_name": "Ben"}),
    ];
    for (policy, existing) in [
        (Policy::Update, Expected::Update),
        (Policy::Skip, Expected::Skip),
    ] {
        let job = common::journal(&mut store, "auth0", "email", policy, &users);
        let planned = plan(&mut store, job, &auth0, PlanOptions::default())
            .await
            .unwrap();
        let kinds: Vec<(u64, Expected)> = planned
            .samples
            .iter()
            .map(|s| (s.source_row, s.expected))
            .collect();
        assert_eq!(kinds, vec![(3, Expected::Create), (2, existing)]);
        assert!(planned.samples.iter().any(|s| s.target_id.is_some()));
    }
    assert!(
        sandbox.auth0().emulator().jobs().is_empty(),
        "nothing imported"
    );

    let lms = targets::lms(&sandbox, sandbox.lms().emulator().token());
    let job = common::journal(
        &mut store,
        "lms",
        "uid",
        Policy::Update,
        &[json!({"uid": "E1"}), json!({"uid": "E2"})],
    );
    let counts = plan(&mut store, job, &lms, PlanOptions::default())
        .await
        .unwrap()
        .counts;
    assert_eq!((counts.decided, counts.total()), (2, 2));
    assert!(sandbox.lms().emulator().users().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn planning_again_replaces_the_plan_and_settled_records_are_not_planned() {
    let sandbox = sandbox().await;
    let scim = targets::scim(&sandbox, sandbox.scim().emulator().token());
    let mut store = Store::in_memory().unwrap();
    let job = common::journal(
        &mut store,
        "scim",
        "userName",
        Policy::Update,
        &[scim_user(1, "Engineer")],
    );
    let first = plan(&mut store, job, &scim, PlanOptions::default())
        .await
        .unwrap();
    assert_eq!(first.counts.create, 1);
    let again = plan(&mut store, job, &scim, PlanOptions::default())
        .await
        .unwrap();
    assert_eq!(again.counts.total(), 1, "planned once, not twice");
    let (_, counts) = run(&mut store, job, &scim, Default::default())
        .await
        .unwrap();
    assert_eq!(counts.created, 1);
    let records = store.records(job, Some(Outcome::Created)).unwrap();
    assert_eq!(records.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn test_connection_proves_right_credentials_and_names_wrong_ones() {
    let sandbox = sandbox().await;
    let scim_token = sandbox.scim().emulator().token().to_owned();
    let lms_token = sandbox.lms().emulator().token().to_owned();
    let rest_token = sandbox.rest().emulator().token().to_owned();
    let auth0_secret = sandbox.auth0().emulator().client_secret().to_owned();
    let key_id = sandbox.authgear().emulator().key_id().to_owned();

    let said = targets::scim(&sandbox, &scim_token).check().await.unwrap();
    assert_eq!(said, "the token was accepted; the server holds 0 Users");
    let said = targets::lms(&sandbox, &lms_token).check().await.unwrap();
    assert!(said.starts_with("the token was accepted"), "{said}");
    assert!(said.contains("Required fields"), "{said}");
    targets::rest(&sandbox, &rest_token).check().await.unwrap();
    targets::auth0(&sandbox, &auth0_secret)
        .check()
        .await
        .unwrap();
    targets::authgear(&sandbox, &key_id).check().await.unwrap();

    let wrong: Vec<(&str, String)> = vec![
        (
            "scim",
            error_of(targets::scim(&sandbox, "wrong").check().await),
        ),
        (
            "lms",
            error_of(targets::lms(&sandbox, "wrong").check().await),
        ),
        (
            "rest",
            error_of(targets::rest(&sandbox, "wrong").check().await),
        ),
        (
            "auth0",
            error_of(targets::auth0(&sandbox, "wrong").check().await),
        ),
        (
            "authgear",
            error_of(targets::authgear(&sandbox, "another-key").check().await),
        ),
    ];
    for (kind, message) in wrong {
        assert!(
            message.contains("refused") || message.contains("rejected"),
            "{kind}: {message}"
        );
        assert!(
            !message.contains("wrong"),
            "{kind} repeats the secret: {message}"
        );
    }
    // Nothing was created by any of the checks.
    assert!(sandbox.lms().emulator().users().is_empty());
    assert!(sandbox.scim().emulator().users().is_empty());
    assert!(sandbox.auth0().emulator().users().is_empty());
}

fn error_of(result: Result<String, muster_engine::target::connector::PushError>) -> String {
    match result {
        Ok(said) => panic!("wrong credentials passed the check: {said}"),
        Err(error) => error.to_string(),
    }
}
