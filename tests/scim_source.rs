//! The SCIM interoperability server as a *source*: `scim2-server` from PyPI (see
//! `scim_interop.rs` for how it is found and started) is filled with 130 Users, Muster
//! pulls them through `GET /Users` with `startIndex` and `count` (two pages), the pull
//! becomes a job through an Authgear profile, and the Authgear emulator must see every
//! user imported exactly once; an incremental sync then brings only the Users changed at
//! the server since (`meta.lastModified gt`). A filtered pull reads only the matching Users.

// The interop test uses more of the server's helpers than this one.
#[allow(dead_code)]
#[path = "scim_interop/server.rs"]
mod server;

use std::sync::Mutex;
use std::time::Duration;

use muster_engine::connect::{Auth, AuthgearKey, Client, ClientConfig, RetryClass};
use muster_engine::job::{Policy, RunOptions, run};
use muster_engine::mapping::Profile;
use muster_engine::secrets::{MemorySecrets, Secret, SecretStore};
use muster_engine::source::{PullEvent, PullOptions, journal_pull, open_source, pull};
use muster_engine::store::{SavedConnection, Store};
use muster_engine::target::catalog::authgear;
use muster_engine::target::connector::authgear::{Authgear, Identifier};
use muster_sandbox::{Sandbox, SandboxOptions};
use tempfile::TempDir;

use server::{ScimServer, TOKEN, client};

const USERS: usize = 130;

const PROFILE: &str = r#"
version = 1
target = "authgear"
identifier = "email"

[[field]]
target = "email"
column = "email"

[[field]]
target = "given_name"
column = "name.givenName"

[[field]]
target = "family_name"
column = "name.familyName"
"#;

fn email(n: usize) -> String {
    format!("person{n:03}@example.com")
}

async fn fill(server: &ScimServer) {
    let http = client(TOKEN);
    let url = format!("{}/Users", server.base);
    for n in 1..=USERS {
        let body = format!(
            r#"{{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"user{n:03}","name":{{"givenName":"Given{n}","familyName":"{}"}},"emails":[{{"value":"{}","primary":true}}],"active":true}}"#,
            if n % 2 == 0 { "Even" } else { "Odd" },
            email(n)
        );
        http.send(RetryClass::CreateOnce, |h| {
            h.post(&url)
                .header("Content-Type", "application/scim+json")
                .body(body.clone())
        })
        .await
        .unwrap_or_else(|e| panic!("POST {url}: {e}\n{}", server.log()));
    }
}

fn connection(server: &ScimServer) -> (SavedConnection, MemorySecrets) {
    let secrets = MemorySecrets::default();
    secrets
        .set("hr-scim", "token", &Secret::new(TOKEN))
        .unwrap();
    let connection = SavedConnection {
        name: "hr-scim".to_owned(),
        kind: "scim".to_owned(),
        url: server.base.clone(),
        settings: serde_json::Map::new(),
    };
    (connection, secrets)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn users_pulled_from_a_real_scim_server_reach_authgear_once_each() {
    let server = ScimServer::start().await;
    fill(&server).await;
    let (connection, secrets) = connection(&server);
    let source = open_source(&connection, &secrets).unwrap();
    let mut store = Store::in_memory().unwrap();
    let pages = Mutex::new(Vec::new());
    let report = |event: &PullEvent<'_>| {
        if let PullEvent::Page { records, total, .. } = event {
            pages.lock().unwrap().push((*records, *total));
        }
    };
    let pull_options = PullOptions {
        full: false,
        filters: Vec::new(),
        only: Vec::new(),
        cancel: None,
        report: &report,
    };
    let pulled = pull(&mut store, &source, &pull_options).await.unwrap();
    assert_eq!(pulled.records, USERS as u64);
    assert_eq!(
        *pages.lock().unwrap(),
        [
            (100, Some(USERS as u64)),
            (USERS as u64, Some(USERS as u64))
        ],
        "two pages of startIndex/count"
    );
    server
        .assert_requests("GET /v2/Users?startIndex=1&count=100", 1)
        .await;
    server
        .assert_requests("GET /v2/Users?startIndex=101&count=100", 1)
        .await;

    let profile = Profile::from_toml(PROFILE).unwrap();
    let catalog = authgear::catalog_for(authgear::Identifier::Email);
    let folder = TempDir::new().unwrap();
    let mut issues = Vec::new();
    let job = journal_pull(
        &mut store,
        &pulled,
        folder.path(),
        &profile,
        PROFILE,
        &catalog,
        "authgear-sandbox",
        Policy::Update,
        |issue| issues.push(issue.message.clone()),
    )
    .unwrap();
    assert!(issues.is_empty(), "{issues:?}");
    assert_eq!(job.created.counts.valid, USERS as u64);

    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let emulator = sandbox.authgear().emulator();
    let key = AuthgearKey::new(
        emulator.project_id(),
        emulator.key_id(),
        Secret::new(emulator.private_key_pem()),
    );
    let client = Client::new(ClientConfig::new(
        "authgear-sandbox",
        Auth::AuthgearJwt(key),
    ))
    .unwrap();
    let target = Authgear::new(client, sandbox.authgear().url(), Identifier::Email);
    let options = RunOptions {
        poll_every: Duration::from_millis(50),
        ..RunOptions::default()
    };
    let (_, counts) = run(&mut store, job.created.job, &target, options)
        .await
        .unwrap();
    assert_eq!((counts.created, counts.failed), (USERS as u64, 0));
    for n in 1..=USERS {
        assert_eq!(emulator.imports_for(&email(n)), 1, "{}", email(n));
        let user = emulator
            .user_by(muster_sandbox::authgear::Identifier::Email, &email(n))
            .unwrap();
        assert_eq!(user["given_name"], format!("Given{n}"), "{user}");
    }
    assert_eq!(emulator.users().len(), USERS);

    // An incremental sync: three Users changed at the server since; only they come back,
    // asked for with `meta.lastModified gt`.
    let mark = pulled
        .watermark
        .clone()
        .expect("meta.lastModified gives a watermark");
    store.set_watermark("hr-scim", &mark.to_json()).unwrap();
    for n in [3, 50, 120] {
        server.set_nickname(&format!("user{n:03}"), "Changed").await;
    }
    let again = pull(&mut store, &source, &pull_options).await.unwrap();
    let mut out = Vec::new();
    store.write_pulled(again.pull, &mut out).unwrap();
    let mut names: Vec<String> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|line| {
            let user: serde_json::Value = serde_json::from_str(line).unwrap();
            user["userName"].as_str().unwrap().to_owned()
        })
        .collect();
    names.sort();
    assert_eq!(names, ["user003", "user050", "user120"]);
    server
        .assert_requests("GET /v2/Users?startIndex=1&count=100&filter=", 1)
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scim_filter_pulls_only_the_matching_users() {
    let server = ScimServer::start().await;
    fill(&server).await;
    let (connection, secrets) = connection(&server);
    let source = open_source(&connection, &secrets).unwrap();
    let mut store = Store::in_memory().unwrap();
    let options = PullOptions {
        full: true,
        filters: vec![(
            "filter".to_owned(),
            "name.familyName eq \"Even\"".to_owned(),
        )],
        only: Vec::new(),
        cancel: None,
        report: &|_| {},
    };
    let pulled = pull(&mut store, &source, &options).await.unwrap();
    assert_eq!(pulled.records, (USERS / 2) as u64);
    let keys = store.pulled_keys(pulled.pull).unwrap();
    assert_eq!(keys.len(), USERS / 2);
}
