//! The source emulators inside a started sandbox: their connections, banner lines and
//! control routes (which, like the faults', are neither faulted nor logged).

use muster_sandbox::hris::HrisConfig;
use muster_sandbox::people::PeopleConfig;
use muster_sandbox::{Sandbox, SandboxOptions};
use serde_json::{Value, json};

async fn small_sandbox() -> Sandbox {
    Sandbox::start(SandboxOptions {
        hris: HrisConfig {
            employees: 40,
            ..HrisConfig::default()
        },
        people: PeopleConfig {
            people: 30,
            seed: 1,
        },
        ..SandboxOptions::default()
    })
    .await
    .expect("the sandbox starts")
}

#[tokio::test]
async fn the_sources_follow_the_targets_as_connections_and_in_the_banner() {
    let sandbox = small_sandbox().await;
    let kinds: Vec<&str> = sandbox.connections().iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [
            "auth0",
            "authgear",
            "scim",
            "rest",
            "lms",
            "hris",
            "rest-source"
        ]
    );
    let names: Vec<&str> = sandbox.urls().into_iter().map(|(name, _)| name).collect();
    assert_eq!(names[5..], ["hris", "people"]);

    let hris = sandbox.connection("hris").unwrap();
    assert_eq!(hris.url, sandbox.hris().url());
    assert!(hris.settings.is_empty());
    assert_eq!(
        (hris.secret_name, hris.secret.as_str()),
        ("token", sandbox.hris().emulator().read_token())
    );
    let source = sandbox.connection("rest-source").unwrap();
    assert_eq!(source.url, sandbox.people().url());
    assert_eq!(source.secret, sandbox.people().emulator().token());
    let settings: Vec<String> = source
        .settings
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    assert_eq!(
        settings,
        [
            "path=/v1/cursor/people",
            "records=/items",
            "pagination=cursor",
            "cursor_param=cursor",
            "next_cursor=/next_cursor",
            "size_param=limit",
            "page_size=100",
            "identifier=employeeId",
            "updated=updatedAt",
            "since_param=updated_since",
            "auth=bearer",
        ]
    );

    let banner = sandbox.banner();
    assert!(banner.contains(sandbox.hris().emulator().webhook_secret()));
    assert!(banner.contains("muster listen"));
    assert!(banner.contains("--kind rest-source"));

    // The connection reads every record through its settings.
    let http = reqwest::Client::new();
    let mut seen = 0;
    let mut cursor = String::new();
    loop {
        let page: Value = http
            .get(format!(
                "{}/v1/cursor/people?limit=100&cursor={cursor}",
                source.url
            ))
            .bearer_auth(&source.secret)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        seen += page["items"].as_array().unwrap().len();
        match page["next_cursor"].as_str() {
            Some(next) => cursor = next.to_owned(),
            None => break,
        }
    }
    assert_eq!(seen, 30);
    sandbox.shutdown().await.unwrap();
}

#[tokio::test]
async fn churn_routes_are_controls_and_the_api_is_logged() {
    let sandbox = small_sandbox().await;
    let http = reqwest::Client::new();
    let hris = sandbox.hris();
    let report: Value = http
        .post(format!("{}/_sandbox/hris/churn", hris.url()))
        .json(&json!({"created": 1}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(report["created"], json!(["E1000041"]));
    let people: Value = http
        .post(format!("{}/_sandbox/people/churn", sandbox.people().url()))
        .json(&json!({"deleted": 1}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(people["deleted"].as_array().unwrap().len(), 1);
    assert!(hris.log().is_empty() && sandbox.people().log().is_empty());

    let listed = http
        .get(format!("{}/api/v1/users/E1000041", hris.url()))
        .bearer_auth(hris.emulator().read_token())
        .send()
        .await
        .unwrap();
    assert_eq!(listed.status().as_u16(), 200);
    assert_eq!(hris.log().count("GET", "/api/v1/users/E1000041"), 1);
    sandbox.shutdown().await.unwrap();
}
