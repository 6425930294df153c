//! Managers go before the people who report to them: a SCIM file that lists reports ahead
//! of their managers is pushed to the sandbox's SCIM emulator and every User is created
//! with its manager's server id, with no `jobs retry`. Without the order, the first batch
//! (20 Users, four at a time) would be reports whose managers do not exist yet.

use std::time::Duration;

use muster_engine::connect::{Auth, Client, ClientConfig};
use muster_engine::job::{Ended, Outcome, Policy, RunOptions, run};
use muster_engine::secrets::Secret;
use muster_engine::store::{JobCounts, NewJob, NewRecord, Store};
use muster_engine::target::connector::scim::Scim;
use muster_sandbox::{Sandbox, SandboxOptions};
use serde_json::{Value, json};

const USER: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

/// A User as the SCIM mapping builds it, with the manager named by `userName`.
fn user(name: &str, manager: Option<&str>) -> Value {
    let mut user = json!({
        "schemas": [USER, ENTERPRISE],
        "userName": name,
        "name": {"givenName": "Given", "familyName": "Family"},
    });
    if let Some(manager) = manager {
        user[ENTERPRISE] = json!({"manager": {"value": manager}});
    }
    user
}

fn report(n: usize) -> String {
    format!("report{n:02}@example.com")
}

/// The file: 40 reports first (half to each of two managers), then the managers, then the
/// head they report to, and one report whose manager is in no file and at no server.
fn org() -> Vec<(String, Option<String>)> {
    let mut people: Vec<(String, Option<String>)> = (1..=40)
        .map(|n| {
            let manager = if n % 2 == 0 { "m1" } else { "m2" };
            (report(n), Some(format!("{manager}@example.com")))
        })
        .collect();
    for manager in ["m1@example.com", "m2@example.com"] {
        people.push((manager.to_owned(), Some("head@example.com".to_owned())));
    }
    people.push(("head@example.com".to_owned(), None));
    people.push((
        "stray@example.com".to_owned(),
        Some("nobody@example.com".to_owned()),
    ));
    people
}

fn journal(store: &mut Store, people: &[(String, Option<String>)]) -> i64 {
    let records = people
        .iter()
        .enumerate()
        .map(|(row, (name, manager))| NewRecord {
            source_row: row as u64 + 2,
            identifier: name.clone(),
            payload: user(name, manager.as_deref()).to_string(),
            manager: manager.clone(),
        });
    store
        .create_job(
            &NewJob {
                source: "staff.csv",
                profile: "",
                target_kind: "scim",
                connection: "scim-sandbox",
                policy: Policy::Update,
            },
            records,
        )
        .unwrap()
}

fn scim(sandbox: &Sandbox) -> Scim {
    let token = Secret::new(sandbox.scim().emulator().token());
    let client = Client::new(ClientConfig::new("scim-sandbox", Auth::Bearer(token))).unwrap();
    Scim::new(client, &format!("{}/scim/v2", sandbox.scim().url()))
}

fn at_server(sandbox: &Sandbox, name: &str) -> Value {
    sandbox
        .scim()
        .emulator()
        .user_by_name(name)
        .unwrap_or_else(|| panic!("{name} is not at the server"))
}

fn id_of(sandbox: &Sandbox, name: &str) -> String {
    at_server(sandbox, name)["id"].as_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reports_listed_before_their_manager_are_created_with_the_managers_id() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let mut store = Store::in_memory().unwrap();
    let people = org();
    let job = journal(&mut store, &people);

    let mut seen: Vec<JobCounts> = Vec::new();
    let options = RunOptions {
        poll_every: Duration::from_millis(20),
        progress: Box::new(|progress| seen.push(progress.counts)),
        ..RunOptions::default()
    };
    let (ended, counts) = run(&mut store, job, &scim(&sandbox), options)
        .await
        .unwrap();
    assert_eq!(ended, Ended::Finished);
    assert_eq!((counts.created, counts.failed), (43, 1), "{counts:?}");

    for (name, manager) in &people[..people.len() - 1] {
        let stored = at_server(&sandbox, name);
        match manager {
            Some(manager) => assert_eq!(
                stored[ENTERPRISE]["manager"]["value"],
                id_of(&sandbox, manager),
                "{name}"
            ),
            None => assert!(stored.get(ENTERPRISE).is_none(), "{name}"),
        }
    }
    let stray = store.records(job, Some(Outcome::Failed)).unwrap();
    assert_eq!(stray[0].identifier, "stray@example.com");
    assert_eq!(
        stray[0].outcome.as_ref().unwrap().code.as_deref(),
        Some("noTarget")
    );
    // Each User created once (in /Bulk requests): nobody was refused and sent again.
    let emulator = sandbox.scim().emulator();
    assert_eq!(emulator.users().len(), 43);
    for (name, _) in &people[..people.len() - 1] {
        assert_eq!(emulator.creates_for(name), 1, "{name}");
    }

    // The counts shown while running are kept batch by batch; they add up after every
    // batch, and the last batch's agree with the store's own count at the end.
    let (last, batches) = seen.split_last().unwrap();
    assert_eq!(*last, counts);
    assert_eq!(batches.last(), Some(&counts));
    for shown in batches {
        assert_eq!(shown.total, 44, "{shown:?}");
        assert_eq!(shown.in_flight, 0, "{shown:?}");
        assert_eq!(shown.pending + shown.done(), 44, "{shown:?}");
    }
    // The head (with the stray report, who waits on no one here), then both managers,
    // then the reports, 20 a batch.
    let done: Vec<u64> = batches.iter().map(JobCounts::done).collect();
    assert_eq!(done, [2, 4, 24, 44], "{done:?}");
}
