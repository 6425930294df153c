//! Pulls from the sandbox's generic people API (a paginated REST source configured as
//! reference 000's "Import via API" screen does): every pagination style walks every
//! record exactly once, by GET and by POST, under each authentication scheme; response
//! fields are renamed for the profile; an incremental sync asks `updated_since` and gets
//! only what changed; wrong credentials and wrong settings are said plainly.

mod common;

use common::pulled::records;
use muster_engine::secrets::{MemorySecrets, Secret, SecretStore};
use muster_engine::source::{AnySource, PullOptions, Pulled, open_source, pull};
use muster_engine::store::{SavedConnection, Store};
use muster_sandbox::people::{Churn, PeopleConfig};
use muster_sandbox::{Sandbox, SandboxOptions};
use serde_json::{Map, Value};

const PEOPLE: usize = 230;

async fn sandbox() -> Sandbox {
    Sandbox::start(SandboxOptions {
        people: PeopleConfig {
            people: PEOPLE,
            ..PeopleConfig::default()
        },
        ..SandboxOptions::default()
    })
    .await
    .unwrap()
}

/// The pagination settings of each route of the emulator.
fn style(name: &str) -> Vec<(&'static str, &'static str)> {
    match name {
        "page" => vec![
            ("path", "/v1/page/people"),
            ("records", "/data/people"),
            ("pagination", "page"),
            ("size_param", "size"),
        ],
        "post" => vec![
            ("method", "POST"),
            ("path", "/v1/page/people"),
            ("records", "/data/people"),
            ("pagination", "page"),
            ("size_param", "size"),
        ],
        "offset" => vec![
            ("path", "/v1/offset/people"),
            ("records", "/results"),
            ("pagination", "offset"),
        ],
        "cursor" => vec![
            ("path", "/v1/cursor/people"),
            ("records", "/items"),
            ("pagination", "cursor"),
            ("next_cursor", "/next_cursor"),
        ],
        "link" => vec![("path", "/v1/link/people"), ("pagination", "link")],
        other => panic!("no style {other}"),
    }
}

/// The emulator as a `rest-source` connection with `settings`, the common ones added.
fn source(sandbox: &Sandbox, settings: &[(&str, &str)], secrets: &MemorySecrets) -> AnySource {
    let mut map: Map<String, Value> = [
        ("identifier", "employeeId"),
        ("updated", "updatedAt"),
        ("since_param", "updated_since"),
        ("page_size", "50"),
        ("field.name.given", "first_name"),
        ("field.name.family", "last_name"),
        ("field./contact/email", "email"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), Value::from(*v)))
    .collect();
    for (k, v) in settings {
        map.insert((*k).to_owned(), Value::from(*v));
    }
    let connection = SavedConnection {
        name: "people".to_owned(),
        kind: "rest-source".to_owned(),
        url: sandbox.people().url().to_owned(),
        settings: map,
    };
    open_source(&connection, secrets).unwrap()
}

fn bearer(sandbox: &Sandbox) -> MemorySecrets {
    let secrets = MemorySecrets::default();
    let token = Secret::new(sandbox.people().emulator().token());
    secrets.set("people", "token", &token).unwrap();
    secrets
}

async fn pull_all(store: &mut Store, source: &AnySource, full: bool) -> Pulled {
    let options = PullOptions {
        full,
        filters: Vec::new(),
        only: Vec::new(),
        cancel: None,
        report: &|_| {},
    };
    pull(store, source, &options).await.unwrap()
}

fn ids(records: &[Map<String, Value>]) -> Vec<String> {
    common::pulled::sorted(records, "employeeId")
}

fn all_ids(sandbox: &Sandbox) -> Vec<String> {
    let mut ids: Vec<String> = sandbox
        .people()
        .emulator()
        .records()
        .iter()
        .map(|r| r["employeeId"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_pagination_style_reads_every_record_exactly_once() {
    let sandbox = sandbox().await;
    let everyone = all_ids(&sandbox);
    assert_eq!(everyone.len(), PEOPLE);
    for name in ["page", "post", "offset", "cursor", "link"] {
        let source = source(&sandbox, &style(name), &bearer(&sandbox));
        let mut store = Store::in_memory().unwrap();
        sandbox.people().log().clear();
        let pulled = pull_all(&mut store, &source, true).await;
        let got = records(&store, &pulled);
        assert_eq!(got.len(), PEOPLE, "{name}");
        assert_eq!(ids(&got), everyone, "{name}: each once");
        // 230 records in pages of 50: five pages, a sixth empty one for the styles
        // that stop at a short page only when the last is exactly full.
        assert_eq!(pulled.pages, 5, "{name}");
        let method = if name == "post" { "POST" } else { "GET" };
        assert_eq!(
            sandbox.people().log().count_prefix(method, "/v1/"),
            5,
            "{name}"
        );
        // Response fields renamed for the profile; nested ones leave their place.
        let first = &got[0];
        assert!(first["first_name"].is_string(), "{name}: {first:?}");
        assert!(first["email"].as_str().unwrap().contains('@'));
        assert!(first["name"].get("given").is_none());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_authentication_scheme_reads_the_source() {
    let sandbox = sandbox().await;
    let people = sandbox.people().emulator();
    let token_url = format!("{}/oauth/token", sandbox.people().url());
    // (the auth settings, the secret's name, the secret)
    type Case<'a> = (Vec<(&'a str, &'a str)>, &'a str, String);
    let cases: Vec<Case<'_>> = vec![
        (vec![("auth", "bearer")], "token", people.token().to_owned()),
        (
            vec![("auth", "basic"), ("username", people.username())],
            "password",
            people.password().to_owned(),
        ),
        (
            vec![
                ("auth", "client_credentials"),
                ("token_url", &token_url),
                ("client_id", people.client_id()),
            ],
            "client_secret",
            people.client_secret().to_owned(),
        ),
        (
            vec![
                ("auth", "password"),
                ("token_url", &token_url),
                ("client_id", people.client_id()),
                ("username", people.username()),
            ],
            "password",
            people.password().to_owned(),
        ),
    ];
    for (auth, secret_name, secret) in cases {
        let mut settings = style("cursor");
        settings.extend(auth.iter().copied());
        let secrets = MemorySecrets::default();
        secrets
            .set("people", secret_name, &Secret::new(secret.as_str()))
            .unwrap();
        let source = source(&sandbox, &settings, &secrets);
        let said = source
            .check()
            .await
            .unwrap_or_else(|e| panic!("{auth:?}: {e}"));
        assert!(said.contains("50 records"), "{said}");
        let mut store = Store::in_memory().unwrap();
        let pulled = pull_all(&mut store, &source, true).await;
        assert_eq!(pulled.records, PEOPLE as u64, "{auth:?}");

        // The same scheme with a wrong secret is refused, and the secret is not shown.
        let wrong = MemorySecrets::default();
        wrong
            .set("people", secret_name, &Secret::new("wrong-secret-value"))
            .unwrap();
        let source = self::source(&sandbox, &settings, &wrong);
        let message = source.check().await.unwrap_err().to_string();
        assert!(message.contains("refused"), "{auth:?}: {message}");
        assert!(!message.contains("wrong-secret-value"), "{message}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_incremental_sync_asks_for_changes_since_the_watermark() {
    let sandbox = sandbox().await;
    let people = sandbox.people().emulator();
    for name in ["offset", "cursor", "link"] {
        let source = source(&sandbox, &style(name), &bearer(&sandbox));
        let mut store = Store::in_memory().unwrap();
        let first = pull_all(&mut store, &source, false).await;
        assert_eq!(first.records, PEOPLE as u64);
        let mark = first
            .watermark
            .clone()
            .expect("updatedAt gives a watermark");
        store.set_watermark("people", &mark.to_json()).unwrap();

        let changed = people.churn(&Churn {
            updated: 3,
            deactivated: 2,
            deleted: 1,
            ..Churn::default()
        });
        let second = pull_all(&mut store, &source, false).await;
        let mut expected: Vec<String> = [&changed.updated, &changed.deactivated, &changed.deleted]
            .into_iter()
            .flatten()
            .cloned()
            .collect();
        expected.sort();
        let got = records(&store, &second);
        assert_eq!(ids(&got), expected, "{name}");
        let status = |id: &str| {
            got.iter()
                .find(|r| r["employeeId"] == id)
                .map(|r| r["status"].clone())
                .unwrap()
        };
        for id in &changed.deactivated {
            assert_eq!(status(id), "inactive", "{name}");
        }
        for id in &changed.deleted {
            assert_eq!(status(id), "deleted", "{name}");
        }
        let mark = second.watermark.unwrap();
        store.set_watermark("people", &mark.to_json()).unwrap();
        assert_eq!(
            pull_all(&mut store, &source, false).await.records,
            0,
            "{name}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_that_cannot_work_are_refused_with_what_to_change() {
    let sandbox = sandbox().await;
    let connection = |settings: &[(&str, &str)]| SavedConnection {
        name: "people".to_owned(),
        kind: "rest-source".to_owned(),
        url: sandbox.people().url().to_owned(),
        settings: settings
            .iter()
            .map(|(k, v)| ((*k).to_owned(), Value::from(*v)))
            .collect(),
    };
    let secrets = bearer(&sandbox);
    let message = |settings: &[(&str, &str)]| match open_source(&connection(settings), &secrets) {
        Ok(_) => panic!("{settings:?} should be refused"),
        Err(e) => e.to_string(),
    };
    assert!(message(&[("pagination", "page")]).contains("\"identifier\""));
    assert!(
        message(&[("identifier", "id"), ("pagination", "pages")])
            .contains("use page, offset, cursor or link")
    );
    assert!(message(&[("identifier", "id"), ("pagination", "cursor")]).contains("\"next_cursor\""));
    assert!(message(&[("identifier", "id"), ("method", "PATCH")]).contains("GET or POST"));

    // Records looked for where there are none.
    let mut settings = style("offset");
    settings.retain(|(k, _)| *k != "records");
    settings.push(("records", "/people"));
    let source = source(&sandbox, &settings, &secrets);
    let message = source.check().await.unwrap_err().to_string();
    assert!(
        message.contains("no list of records at \"/people\""),
        "{message}"
    );
}
