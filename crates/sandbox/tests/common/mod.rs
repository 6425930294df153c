//! Helpers shared by the sandbox's integration tests.
#![allow(dead_code)]

use std::time::{Duration, Instant};

use muster_sandbox::{Sandbox, SandboxOptions};
use reqwest::multipart::{Form, Part};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

/// A sandbox whose Auth0 jobs finish quickly.
pub async fn start() -> Sandbox {
    let mut options = SandboxOptions::default();
    options.auth0.job_duration = Duration::from_millis(300);
    start_with(options).await
}

pub async fn start_with(options: SandboxOptions) -> Sandbox {
    Sandbox::start(options).await.expect("sandbox starts")
}

/// A Management API token from the Auth0 emulator.
pub async fn auth0_token(client: &Client, sandbox: &Sandbox) -> String {
    let auth0 = sandbox.auth0().emulator();
    let response = client
        .post(format!("{}/oauth/token", sandbox.auth0().url()))
        .json(&json!({
            "grant_type": "client_credentials",
            "client_id": auth0.client_id(),
            "client_secret": auth0.client_secret(),
            "audience": auth0.audience(),
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    body["access_token"].as_str().unwrap().to_owned()
}

/// A users-imports upload of `users` to the tenant's connection.
pub fn import_form(sandbox: &Sandbox, users: &[u8], upsert: Option<bool>) -> Form {
    let part = Part::bytes(users.to_vec())
        .file_name("users.json")
        .mime_str("application/json")
        .unwrap();
    let mut form = Form::new()
        .part("users", part)
        .text(
            "connection_id",
            sandbox.auth0().emulator().connection_id().to_owned(),
        )
        .text("external_id", "muster-test");
    if let Some(upsert) = upsert {
        form = form.text("upsert", upsert.to_string());
    }
    form
}

/// Posts an import job and returns the answer's status and body.
pub async fn post_import(
    client: &Client,
    sandbox: &Sandbox,
    token: &str,
    form: Form,
) -> (StatusCode, Value) {
    let response = client
        .post(format!(
            "{}/api/v2/jobs/users-imports",
            sandbox.auth0().url()
        ))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let body = response.json().await.unwrap_or(Value::Null);
    (status, body)
}

/// Polls the job every 50 ms until it is no longer pending or processing;
/// returns every status seen and the final job object.
pub async fn wait_for_job(
    client: &Client,
    sandbox: &Sandbox,
    token: &str,
    id: &str,
) -> (Vec<String>, Value) {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut seen = Vec::new();
    loop {
        let job: Value = client
            .get(format!("{}/api/v2/jobs/{id}", sandbox.auth0().url()))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let status = job["status"].as_str().unwrap().to_owned();
        if seen.last() != Some(&status) {
            seen.push(status.clone());
        }
        if status != "pending" && status != "processing" {
            return (seen, job);
        }
        assert!(Instant::now() < deadline, "job {id} did not finish: {job}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
