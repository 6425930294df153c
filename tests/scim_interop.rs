//! Muster's SCIM connector against a real SCIM 2.0 server: `scim2-server` from PyPI (an
//! RFC 7643/7644 server that keeps its resources in memory), not our own emulator. Users
//! pushed by real jobs arrive with the server's ids and read back with their names, emails
//! and enterprise attributes; the update policy changes only what changed and the skip
//! policy leaves everything alone; a refused token stops the job before any User is sent.
//!
//! scim2-server 0.8.3 announces PATCH, /Bulk (1000 operations, 1 MiB) and ETags in its
//! ServiceProviderConfig, so the connector creates Users in `POST /Bulk` requests and
//! updates them with `PATCH`. What the server really answers, checked by hand and relied on
//! here: a BulkResponse (HTTP 200) whose operations carry `bulkId`, `status` as a string,
//! `location` and `version` for a create, and `response` with `scimType` and `detail` for a
//! refused one (409 `uniqueness`, 400 `invalidValue`); `bulkId:` references are resolved; a
//! PATCH `replace` without a path is answered 204 without a body and merges complex
//! attributes (`name`, the enterprise extension); `If-Match` with an old version is a 412.
//! Which requests the connector made is read from the server's own request log.
//!
//! `scripts/setup` installs the server in `~/.cache/muster/scim2-venv`. The test looks for
//! `scim2-server` in `$MUSTER_SCIM2_SERVER`, then on `PATH`, then in that venv; without it
//! the test fails and says how to install it.

#[path = "scim_interop/server.rs"]
mod server;

use std::time::Duration;

use muster_engine::job::{Ended, JobError, Outcome, Policy, RunOptions, run};
use muster_engine::store::{JobStatus, NewJob, NewRecord, Store};
use muster_engine::target::connector::scim::Scim;
use muster_engine::target::connector::{Outgoing, PushError};

use server::{ScimServer, TOKEN, client};

const USER: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const STAFF: usize = 10;

fn name_of(n: usize) -> String {
    format!("user{n:02}@example.com")
}

/// A User as the SCIM mapping builds it, with the enterprise extension; `manager` is the
/// manager's `userName`, which the connector sends as the manager's `id`.
fn user(n: usize, title: &str, manager: Option<&str>) -> String {
    let manager = manager
        .map(|m| format!(r#","manager":{{"value":"{m}"}}"#))
        .unwrap_or_default();
    let name = name_of(n);
    format!(
        r#"{{"schemas":["{USER}","{ENTERPRISE}"],"userName":"{name}","name":{{"givenName":"Given{n}","familyName":"Family"}},"title":"{title}","emails":[{{"type":"work","primary":true,"value":"{name}"}}],"{ENTERPRISE}":{{"employeeNumber":"E{n:03}","department":"Engineering"{manager}}}}}"#
    )
}

fn staff() -> Vec<String> {
    (1..=STAFF).map(|n| user(n, "Engineer", None)).collect()
}

/// Journals `users` (in `user`'s shape) as a SCIM job; the identifier is the `userName`.
fn job(store: &mut Store, policy: Policy, users: &[String]) -> i64 {
    let records = users.iter().enumerate().map(|(row, payload)| NewRecord {
        source_row: row as u64 + 2,
        identifier: name_of(row + 1),
        payload: payload.clone(),
        manager: None,
    });
    store
        .create_job(
            &NewJob {
                source: "staff.csv",
                profile: "",
                target_kind: "scim",
                connection: "scim2-server",
                policy,
            },
            records,
        )
        .unwrap()
}

fn fast() -> RunOptions<'static> {
    RunOptions {
        poll_every: Duration::from_millis(20),
        ..RunOptions::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn users_pushed_to_a_real_scim_server_are_created_updated_and_skipped() {
    let server = ScimServer::start().await;
    let scim = Scim::new(client(TOKEN), &server.base);
    let mut store = Store::in_memory().unwrap();

    // Create: every User arrives, and the journal holds the server's id for it.
    let first = job(&mut store, Policy::Update, &staff());
    let (ended, counts) = run(&mut store, first, &scim, fast())
        .await
        .unwrap_or_else(|e| panic!("first push: {e:?}\n{}", server.log()));
    assert_eq!(ended, Ended::Finished);
    assert_eq!(store.job(first).unwrap().status, JobStatus::Finished);
    assert_eq!(
        (counts.total, counts.created, counts.failed),
        (STAFF as u64, STAFF as u64, 0),
        "{:?}\n{}",
        store.records(first, None).unwrap(),
        server.log()
    );
    assert_eq!(server.list(None).await.payload["totalResults"], STAFF);
    // One batch, created in one bulk request.
    server.assert_requests("POST /v2/Bulk ", 1).await;
    server.assert_requests("POST /v2/Users ", 0).await;
    server
        .assert_requests("GET /v2/ServiceProviderConfig ", 2)
        .await; // the test's own readiness poll, then the connector's
    let mut ids = Vec::new();
    for record in store.records(first, None).unwrap() {
        let outcome = record.outcome.unwrap();
        assert_eq!(outcome.outcome, Outcome::Created);
        let at_server = server.user(&record.identifier).await.payload;
        let id = at_server["id"]
            .as_str()
            .expect("the server's id")
            .to_owned();
        assert_eq!(outcome.target_id.as_deref(), Some(id.as_str()));
        let n = record.source_row as usize - 1;
        assert_eq!(at_server["userName"], name_of(n));
        assert_eq!(at_server["name"]["givenName"], format!("Given{n}"));
        assert_eq!(at_server["name"]["familyName"], "Family");
        assert_eq!(at_server["emails"].as_array().map(Vec::len), Some(1));
        assert_eq!(at_server["emails"][0]["value"], name_of(n));
        assert_eq!(at_server["emails"][0]["primary"], true);
        assert_eq!(at_server["title"], "Engineer");
        assert_eq!(at_server[ENTERPRISE]["employeeNumber"], format!("E{n:03}"));
        assert_eq!(at_server[ENTERPRISE]["department"], "Engineering");
        ids.push(id);
    }

    // Update: user07 gets a manager, named by userName in the file; only it is patched,
    // the server holds the manager's id, and the nickname set there (which the file does
    // not carry) stays.
    server.set_nickname(&name_of(7), "Sev").await;
    let mut changed = staff();
    changed[6] = user(7, "Engineer", Some(&name_of(1)));
    let update = job(&mut store, Policy::Update, &changed);
    let (_, counts) = run(&mut store, update, &scim, fast()).await.unwrap();
    assert_eq!(
        (counts.updated, counts.unchanged, counts.failed),
        (1, STAFF as u64 - 1, 0),
        "{:?}\n{}",
        store.records(update, None).unwrap(),
        server.log()
    );
    let updated = store.records(update, Some(Outcome::Updated)).unwrap();
    assert_eq!(updated[0].identifier, name_of(7));
    assert_eq!(
        updated[0].outcome.as_ref().unwrap().target_id.as_deref(),
        Some(ids[6].as_str())
    );
    let seventh = server.user(&name_of(7)).await.payload;
    assert_eq!(seventh["id"], ids[6].as_str());
    assert_eq!(seventh[ENTERPRISE]["manager"]["value"], ids[0].as_str());
    assert_eq!(seventh["name"]["givenName"], "Given7");
    assert_eq!(seventh["emails"][0]["value"], name_of(7));
    assert_eq!(seventh["nickName"], "Sev");
    // The test's own PATCH, then the connector's.
    server.assert_requests("PATCH /v2/Users/", 2).await;
    server.assert_requests("PUT /v2/Users/", 0).await;

    // Skip: every User exists and is left alone, even one whose title changed in the file.
    let mut retitled = changed.clone();
    retitled[2] = user(3, "Head of Engineering", None);
    let skip = job(&mut store, Policy::Skip, &retitled);
    let (_, counts) = run(&mut store, skip, &scim, fast()).await.unwrap();
    assert_eq!((counts.skipped, counts.created), (STAFF as u64, 0));
    for record in store.records(skip, None).unwrap() {
        let outcome = record.outcome.unwrap();
        let n = record.source_row as usize - 1;
        assert_eq!(outcome.target_id.as_deref(), Some(ids[n - 1].as_str()));
    }
    assert_eq!(server.user(&name_of(3)).await.payload["title"], "Engineer");

    // The updated file again: the server's copy, manager id included, compares equal.
    let again = job(&mut store, Policy::Update, &changed);
    let (_, counts) = run(&mut store, again, &scim, fast()).await.unwrap();
    assert_eq!(
        (counts.unchanged, counts.updated),
        (STAFF as u64, 0),
        "{:?}",
        store.records(again, None).unwrap()
    );
    assert_eq!(server.list(None).await.payload["totalResults"], STAFF);
    server.assert_requests("PATCH /v2/Users/", 2).await;
    server.assert_requests("POST /v2/Bulk ", 1).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn managers_in_the_same_job_are_created_first_on_the_real_server() {
    let server = ScimServer::start().await;
    let scim = Scim::new(client(TOKEN), &server.base);
    let mut store = Store::in_memory().unwrap();
    // Reports before their managers in the file: user03 reports to user02, who reports to
    // user01.
    let users = [
        user(1, "Engineer", None),
        user(2, "Engineer", Some(&name_of(1))),
        user(3, "Engineer", Some(&name_of(2))),
    ];
    let reversed = [users[2].clone(), users[1].clone(), users[0].clone()];
    let records = reversed.iter().enumerate().map(|(row, payload)| NewRecord {
        source_row: row as u64 + 2,
        identifier: name_of(3 - row),
        payload: payload.clone(),
        manager: None,
    });
    let job = store
        .create_job(
            &NewJob {
                source: "staff.csv",
                profile: "",
                target_kind: "scim",
                connection: "scim2-server",
                policy: Policy::Update,
            },
            records,
        )
        .unwrap();

    let (ended, counts) = run(&mut store, job, &scim, fast()).await.unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!(
        (counts.created, counts.failed),
        (3, 0),
        "{:?}\n{}",
        store.records(job, None).unwrap(),
        server.log()
    );
    let id = |user: &Outgoing| user.payload["id"].as_str().unwrap_or_default().to_owned();
    let first = server.user(&name_of(1)).await;
    let second = server.user(&name_of(2)).await;
    let third = server.user(&name_of(3)).await;
    assert_eq!(
        second.payload[ENTERPRISE]["manager"]["value"],
        id(&first).as_str()
    );
    assert_eq!(
        third.payload[ENTERPRISE]["manager"]["value"],
        id(&second).as_str()
    );
    // One round per level.
    server.assert_requests("POST /v2/Bulk ", 3).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_the_real_server_refuses_stops_the_job_before_any_user_is_sent() {
    let server = ScimServer::start().await;
    let scim = Scim::new(client("not-the-token"), &server.base);
    let mut store = Store::in_memory().unwrap();
    let job = job(&mut store, Policy::Skip, &staff()[..3]);

    match run(&mut store, job, &scim, fast()).await {
        Err(JobError::Push(PushError::Refused { message })) => {
            assert!(message.contains("scim2-server"), "{message}");
            assert!(!message.contains("not-the-token"), "{message}");
        }
        other => panic!(
            "expected refused credentials, got {other:?}\n{}",
            server.log()
        ),
    }
    assert_eq!(store.counts(job).unwrap().pending, 3);
    assert_eq!(server.list(None).await.payload["totalResults"], 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_the_real_server_refuses_fails_with_its_type_and_detail() {
    let server = ScimServer::start().await;
    let scim = Scim::new(client(TOKEN), &server.base);
    let mut store = Store::in_memory().unwrap();
    let mut users = staff()[..2].to_vec();
    users.push(format!(r#"{{"schemas":["{USER}"],"title":"Ghost"}}"#));
    // scim2-server reads "yes" as true, but not "maybe".
    users.push(user(4, "Engineer", None).replace(r#""title""#, r#""active":"maybe","title""#));
    // user01 twice in the file: the second operation of the bulk request is refused 409
    // `uniqueness`, and the User is then found and compared as existing.
    users.push(staff()[0].clone());
    let job = job(&mut store, Policy::Update, &users);

    let (ended, counts) = run(&mut store, job, &scim, fast()).await.unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!(
        (counts.created, counts.failed, counts.unchanged),
        (2, 2, 1),
        "{:?}\n{}",
        store.records(job, None).unwrap(),
        server.log()
    );
    let failed = store.records(job, Some(Outcome::Failed)).unwrap();
    let outcome = failed[0].outcome.as_ref().unwrap();
    assert_eq!(failed[0].identifier, name_of(3));
    assert_eq!(outcome.code.as_deref(), Some("invalidValue"));
    assert!(
        outcome.message.as_deref().unwrap().contains("userName"),
        "{outcome:?}"
    );
    let outcome = failed[1].outcome.as_ref().unwrap();
    assert_eq!(failed[1].identifier, name_of(4));
    assert_eq!(outcome.code.as_deref(), Some("invalidValue"));
    assert!(
        outcome.message.as_deref().unwrap().contains("active"),
        "{outcome:?}"
    );
    let unchanged = store.records(job, Some(Outcome::Unchanged)).unwrap();
    assert_eq!(unchanged[0].source_row, 6);
    assert_eq!(
        unchanged[0].outcome.as_ref().unwrap().target_id.as_deref(),
        server.user(&name_of(1)).await.payload["id"].as_str()
    );
    assert_eq!(server.list(None).await.payload["totalResults"], 2);
    server.assert_requests("POST /v2/Bulk ", 1).await;
    server.assert_requests("POST /v2/Users ", 0).await;
}
