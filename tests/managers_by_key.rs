//! A SCIM file as HR exports it: keyed by email, managers named by personnel number, and
//! reports listed before their managers. Validation finds every manager, and the job sends
//! each manager before the people who report to them, so every User is created with its
//! manager's SCIM id and none fails for want of a manager.

use muster_engine::connect::{Auth, Client, ClientConfig};
use muster_engine::job::{JobSpec, Outcome, Policy, RunOptions, create_job, run};
use muster_engine::mapping::{Mapper, Profile};
use muster_engine::secrets::Secret;
use muster_engine::sheet::{self, ReadOptions};
use muster_engine::store::Store;
use muster_engine::target::catalog::{self, TargetKind};
use muster_engine::target::connector::scim::Scim;
use muster_sandbox::{Sandbox, SandboxOptions};
use tempfile::TempDir;

const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

const PROFILE: &str = r#"
version = 1
target = "scim"
identifier = "userName"

[[field]]
target = "userName"
column = "Email"

[[field]]
target = "externalId"
column = "Personnel number"

[[field]]
target = "name.familyName"
column = "Last name"

[[field]]
target = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value"
column = "Manager"
"#;

/// Three levels, every report above its manager in the file.
const STAFF: &str = "\
Email,Personnel number,Last name,Manager
dev1@example.com,P4,Dev,P3
dev2@example.com,P5,Dev,P3
lead@example.com,P3,Lead,P2
cto@example.com,P2,Chief,P1
ceo@example.com,P1,Boss,
";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn managers_named_by_personnel_number_are_sent_before_their_reports() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("staff.csv");
    std::fs::write(&path, STAFF).unwrap();
    let catalog = catalog::builtin(TargetKind::Scim).unwrap();
    let profile = Profile::from_toml(PROFILE).unwrap();
    let mut sheet = sheet::open(&path, &ReadOptions::default()).unwrap();
    let mapper = Mapper::new(&profile, &catalog, sheet.columns()).unwrap();
    let mut store = Store::in_memory().unwrap();
    let mut issues = Vec::new();
    let created = create_job(
        &mut store,
        &mut sheet,
        &mapper,
        &catalog,
        &JobSpec {
            source: "staff.csv",
            profile: PROFILE,
            connection: "scim-sandbox",
            policy: Policy::Update,
        },
        |issue| issues.push(issue.message.clone()),
    )
    .unwrap();
    assert!(
        issues.is_empty(),
        "every manager is in the file: {issues:?}"
    );
    assert_eq!(created.counts.valid, 5);

    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let token = Secret::new(sandbox.scim().emulator().token());
    let client = Client::new(ClientConfig::new("scim-sandbox", Auth::Bearer(token))).unwrap();
    let scim = Scim::new(client, &format!("{}/scim/v2", sandbox.scim().url()));
    let (_, counts) = run(&mut store, created.job, &scim, RunOptions::default())
        .await
        .unwrap();
    let failed: Vec<String> = store
        .records(created.job, Some(Outcome::Failed))
        .unwrap()
        .into_iter()
        .map(|r| format!("row {}: {:?}", r.source_row, r.outcome))
        .collect();
    assert!(failed.is_empty(), "{failed:?}");
    assert_eq!(counts.created, 5);

    let emulator = sandbox.scim().emulator();
    let id_of = |name: &str| emulator.user_by_name(name).unwrap()["id"].clone();
    let manager_of =
        |name: &str| emulator.user_by_name(name).unwrap()[ENTERPRISE]["manager"]["value"].clone();
    assert_eq!(manager_of("dev1@example.com"), id_of("lead@example.com"));
    assert_eq!(manager_of("dev2@example.com"), id_of("lead@example.com"));
    assert_eq!(manager_of("lead@example.com"), id_of("cto@example.com"));
    assert_eq!(manager_of("cto@example.com"), id_of("ceo@example.com"));
}
