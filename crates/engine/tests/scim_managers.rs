//! Managers named the way HR exports name them: by personnel number. The SCIM connector
//! finds the manager by `userName`, `externalId` or the enterprise `employeeNumber` and
//! sends the manager's SCIM `id`, as RFC 7643 §4.3 asks.

use std::time::Duration;

use muster_engine::connect::{Auth, Client, ClientConfig};
use muster_engine::job::{Outcome, Policy, RunOptions, run};
use muster_engine::secrets::Secret;
use muster_engine::store::{NewJob, NewRecord, Store};
use muster_engine::target::connector::scim::Scim;
use muster_sandbox::{Sandbox, SandboxOptions};
use serde_json::{Value, json};

const USER: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

fn person(user_name: &str, external_id: &str, number: &str, manager: Option<&str>) -> Value {
    let mut enterprise = json!({ "employeeNumber": number });
    if let Some(manager) = manager {
        enterprise["manager"] = json!({ "value": manager });
    }
    json!({
        "schemas": [USER, ENTERPRISE],
        "userName": user_name,
        "externalId": external_id,
        "name": {"givenName": "Given", "familyName": "Family"},
        ENTERPRISE: enterprise,
    })
}

async fn push(store: &mut Store, sandbox: &Sandbox, users: &[Value]) -> Vec<Outcome> {
    let records = users.iter().enumerate().map(|(row, user)| NewRecord {
        source_row: row as u64 + 2,
        identifier: user["userName"].as_str().unwrap_or_default().to_owned(),
        payload: user.to_string(),
        manager: None,
    });
    let job = store
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
        .unwrap();
    let token = Secret::new(sandbox.scim().emulator().token());
    let client = Client::new(ClientConfig::new("scim-sandbox", Auth::Bearer(token))).unwrap();
    let scim = Scim::new(client, &format!("{}/scim/v2", sandbox.scim().url()));
    let options = RunOptions {
        poll_every: Duration::from_millis(20),
        ..RunOptions::default()
    };
    run(store, job, &scim, options).await.unwrap();
    store
        .records(job, None)
        .unwrap()
        .iter()
        .map(|r| r.outcome.as_ref().unwrap().outcome)
        .collect()
}

fn manager_value(sandbox: &Sandbox, user_name: &str) -> String {
    let user = sandbox.scim().emulator().user_by_name(user_name).unwrap();
    user[ENTERPRISE]["manager"]["value"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_manager_named_by_external_id_or_employee_number_becomes_the_managers_id() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let mut store = Store::in_memory().unwrap();
    let boss = person("boss@example.com", "E0001", "P-0001", None);
    assert_eq!(
        push(&mut store, &sandbox, &[boss]).await,
        [Outcome::Created]
    );
    let boss_id = sandbox
        .scim()
        .emulator()
        .user_by_name("boss@example.com")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let reports = [
        person("a@example.com", "E0002", "P-0002", Some("E0001")),
        person("b@example.com", "E0003", "P-0003", Some("P-0001")),
        person("c@example.com", "E0004", "P-0004", Some("boss@example.com")),
        person("d@example.com", "E0005", "P-0005", Some("E9999")),
    ];
    let outcomes = push(&mut store, &sandbox, &reports).await;
    assert_eq!(
        outcomes,
        [
            Outcome::Created,
            Outcome::Created,
            Outcome::Created,
            Outcome::Failed
        ]
    );
    for name in ["a@example.com", "b@example.com", "c@example.com"] {
        assert_eq!(manager_value(&sandbox, name), boss_id, "{name}");
    }
    assert!(
        sandbox
            .scim()
            .emulator()
            .user_by_name("d@example.com")
            .is_none()
    );
}
