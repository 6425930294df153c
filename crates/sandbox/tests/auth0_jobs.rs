//! The Auth0 emulator's bulk import jobs, driven over HTTP.

mod common;

use std::time::Duration;

use common::{auth0_token, import_form, post_import, start, start_with, wait_for_job};
use muster_sandbox::SandboxOptions;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

fn users(list: Value) -> Vec<u8> {
    serde_json::to_vec(&list).unwrap()
}

#[tokio::test]
async fn three_users_one_duplicate_summary_and_errors() {
    let sandbox = start().await;
    let auth0 = sandbox.auth0().emulator();
    auth0.seed_user("kim@example.com");
    let client = Client::new();
    let token = auth0_token(&client, &sandbox).await;

    let file = users(json!([
        {"email": "Ann@Example.com", "given_name": "Ann", "family_name": "Lee"},
        {"email": "kim@example.com", "given_name": "Kim"},
        {"email": "raj@example.com", "user_id": "emp-7", "app_metadata": {"dept": "HR"}}
    ]));
    let (status, created) = post_import(
        &client,
        &sandbox,
        &token,
        import_form(&sandbox, &file, None),
    )
    .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    assert_eq!(created["status"], "pending");
    assert_eq!(created["type"], "users_import");
    assert_eq!(created["connection_id"], auth0.connection_id());
    assert_eq!(created["external_id"], "muster-test");
    assert_eq!(created["upsert"], false);
    assert_eq!(created["send_completion_email"], true);
    let id = created["id"].as_str().unwrap();
    assert!(id.starts_with("job_") && id.len() == 20, "{id}");
    let created_at = created["created_at"].as_str().unwrap();
    assert!(
        created_at.ends_with('Z') && created_at.len() == 24,
        "{created_at}"
    );

    let (seen, job) = wait_for_job(&client, &sandbox, &token, id).await;
    assert_eq!(
        seen.last().map(String::as_str),
        Some("completed"),
        "{seen:?}"
    );
    assert!(
        seen.contains(&"processing".to_owned()),
        "went through processing: {seen:?}"
    );
    assert_eq!(
        job["summary"],
        json!({"failed": 1, "updated": 0, "inserted": 2, "total": 3})
    );
    assert_eq!(job["external_id"], "muster-test");

    let errors = client
        .get(format!("{}/api/v2/jobs/{id}/errors", sandbox.auth0().url()))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(errors.status(), StatusCode::OK);
    let errors: Value = errors.json().await.unwrap();
    let entries = errors.as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["user"]["email"], "kim@example.com");
    assert_eq!(entries[0]["errors"][0]["code"], "DUPLICATED_USER");

    // What the tenant kept: two new users written once, the existing one untouched.
    assert_eq!(auth0.import_count("ann@example.com"), 1);
    assert_eq!(auth0.import_count("raj@example.com"), 1);
    assert_eq!(auth0.import_count("kim@example.com"), 0);
    assert_eq!(auth0.submission_count("kim@example.com"), 1);
    assert_eq!(auth0.users().len(), 3);
    assert_eq!(
        auth0.user("raj@example.com").unwrap().user_id,
        "auth0|emp-7"
    );

    let found: Value = client
        .get(format!("{}/api/v2/users-by-email", sandbox.auth0().url()))
        .query(&[("email", "ann@example.com")])
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert_eq!(found[0]["given_name"], "Ann");
    assert!(found[0]["user_id"].as_str().unwrap().starts_with("auth0|"));
    assert_eq!(
        found[0]["identities"][0]["connection"],
        "Username-Password-Authentication"
    );
    // Stored lowercased; the lookup is case-sensitive as Auth0 documents.
    let mixed: Value = client
        .get(format!(
            "{}/api/v2/users-by-email?email=Ann@Example.com",
            sandbox.auth0().url()
        ))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(mixed, json!([]));
}

#[tokio::test]
async fn upsert_updates_instead_of_failing() {
    let sandbox = start().await;
    let auth0 = sandbox.auth0().emulator();
    let client = Client::new();
    let token = auth0_token(&client, &sandbox).await;

    let first = users(json!([{"email": "ann@example.com", "given_name": "Ann"}]));
    let (_, job) = post_import(
        &client,
        &sandbox,
        &token,
        import_form(&sandbox, &first, None),
    )
    .await;
    wait_for_job(&client, &sandbox, &token, job["id"].as_str().unwrap()).await;

    let second = users(json!([{"email": "ann@example.com", "given_name": "Anna"}]));
    let (status, job) = post_import(
        &client,
        &sandbox,
        &token,
        import_form(&sandbox, &second, Some(true)),
    )
    .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    assert_eq!(job["upsert"], true);
    let id = job["id"].as_str().unwrap();
    let (_, done) = wait_for_job(&client, &sandbox, &token, id).await;
    assert_eq!(
        done["summary"],
        json!({"failed": 0, "updated": 1, "inserted": 0, "total": 1})
    );

    let errors = client
        .get(format!("{}/api/v2/jobs/{id}/errors", sandbox.auth0().url()))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(errors.status(), StatusCode::NO_CONTENT);
    let ann = auth0.user("ann@example.com").unwrap();
    assert_eq!(ann.profile["given_name"], "Anna");
    assert_eq!(ann.imports, 2);
}

#[tokio::test]
async fn file_over_500_kb_is_413() {
    let sandbox = start().await;
    let client = Client::new();
    let token = auth0_token(&client, &sandbox).await;
    let big = format!(
        "[{{\"email\":\"a@b.co\",\"name\":\"{}\"}}]",
        "x".repeat(600 * 1024)
    );
    let (status, body) = post_import(
        &client,
        &sandbox,
        &token,
        import_form(&sandbox, big.as_bytes(), None),
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        body["message"],
        "Payload content length greater than maximum allowed: 512000"
    );
    assert!(sandbox.auth0().emulator().jobs().is_empty());
}

#[tokio::test]
async fn third_concurrent_job_is_429_until_one_finishes() {
    let mut options = SandboxOptions::default();
    options.auth0.job_duration = Duration::from_millis(800);
    let sandbox = start_with(options).await;
    let client = Client::new();
    let token = auth0_token(&client, &sandbox).await;
    let file = |n: usize| users(json!([{ "email": format!("user{n}@example.com") }]));

    let (first, job) = post_import(
        &client,
        &sandbox,
        &token,
        import_form(&sandbox, &file(1), None),
    )
    .await;
    let (second, _) = post_import(
        &client,
        &sandbox,
        &token,
        import_form(&sandbox, &file(2), None),
    )
    .await;
    let (third, refusal) = post_import(
        &client,
        &sandbox,
        &token,
        import_form(&sandbox, &file(3), None),
    )
    .await;
    assert_eq!(
        (first, second),
        (StatusCode::ACCEPTED, StatusCode::ACCEPTED)
    );
    assert_eq!(third, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        refusal["message"],
        "There are 2 active import users jobs, please wait until some of them are finished and try again"
    );
    assert_eq!(sandbox.auth0().emulator().jobs().len(), 2);

    wait_for_job(&client, &sandbox, &token, job["id"].as_str().unwrap()).await;
    let (fourth, _) = post_import(
        &client,
        &sandbox,
        &token,
        import_form(&sandbox, &file(3), None),
    )
    .await;
    assert_eq!(fourth, StatusCode::ACCEPTED);
}

#[tokio::test]
async fn bad_uploads_get_auth0s_400s() {
    let sandbox = start().await;
    let client = Client::new();
    let token = auth0_token(&client, &sandbox).await;
    let file = users(json!([{"email": "a@b.co"}]));
    let url = format!("{}/api/v2/jobs/users-imports", sandbox.auth0().url());
    let send = |form: reqwest::multipart::Form| {
        client.post(&url).bearer_auth(&token).multipart(form).send()
    };

    let cases = [
        (
            reqwest::multipart::Form::new().text(
                "connection_id",
                sandbox.auth0().emulator().connection_id().to_owned(),
            ),
            "Must provide 'users' file as multipart part.",
        ),
        (
            reqwest::multipart::Form::new()
                .part("users", reqwest::multipart::Part::bytes(file.clone())),
            "Must provide 'connection_id' as multipart part.",
        ),
        (
            reqwest::multipart::Form::new()
                .part("users", reqwest::multipart::Part::bytes(file.clone()))
                .text("connection_id", "Username-Password-Authentication"),
            "Payload validation error: 'String does not match pattern ^con_[A-Za-z0-9]{16}$' on property connection_id.",
        ),
        (
            reqwest::multipart::Form::new()
                .part("users", reqwest::multipart::Part::bytes(file.clone()))
                .text("connection_id", "con_0000000000000001"),
            "The connection does not exist.",
        ),
        (
            import_form(&sandbox, b"", None),
            "Users file must not be empty.",
        ),
        (
            import_form(&sandbox, &file, None).text("upsert", "maybe"),
            "Payload validation error: 'Expected type boolean but found type string' on property upsert.",
        ),
    ];
    for (form, message) in cases {
        let response = send(form).await.unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{message}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["message"], message);
        assert_eq!(body["statusCode"], 400);
        assert_eq!(body["errorCode"], "invalid_body");
    }
    let not_multipart = client
        .post(&url)
        .bearer_auth(&token)
        .json(&json!([]))
        .send()
        .await
        .unwrap();
    assert_eq!(not_multipart.status(), StatusCode::BAD_REQUEST);
    assert!(sandbox.auth0().emulator().jobs().is_empty());
}

#[tokio::test]
async fn schema_errors_and_unparsable_files() {
    let sandbox = start().await;
    let client = Client::new();
    let token = auth0_token(&client, &sandbox).await;
    let file = users(json!([
        {"given_name": "No Email"},
        {"email": "ok@example.com", "department": "HR"},
        {"email": "not-an-email"}
    ]));
    let (_, job) = post_import(
        &client,
        &sandbox,
        &token,
        import_form(&sandbox, &file, None),
    )
    .await;
    let id = job["id"].as_str().unwrap();
    let (_, done) = wait_for_job(&client, &sandbox, &token, id).await;
    assert_eq!(
        done["summary"],
        json!({"failed": 3, "updated": 0, "inserted": 0, "total": 3})
    );
    let errors: Value = client
        .get(format!("{}/api/v2/jobs/{id}/errors", sandbox.auth0().url()))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let codes: Vec<(&str, &str)> = errors
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            (
                entry["errors"][0]["code"].as_str().unwrap(),
                entry["errors"][0]["path"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        vec![
            ("OBJECT_REQUIRED", "email"),
            ("OBJECT_ADDITIONAL_PROPERTIES", "department"),
            ("FORMAT", "email")
        ]
    );
    assert!(sandbox.auth0().emulator().users().is_empty());

    let (_, job) = post_import(
        &client,
        &sandbox,
        &token,
        import_form(&sandbox, b"{not json", None),
    )
    .await;
    let id = job["id"].as_str().unwrap();
    let (_, failed) = wait_for_job(&client, &sandbox, &token, id).await;
    assert_eq!(failed["status"], "failed");
    assert_eq!(
        failed["status_details"],
        "Failed to parse users file JSON when importing users."
    );
    let errors: Value = client
        .get(format!("{}/api/v2/jobs/{id}/errors", sandbox.auth0().url()))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(errors["status"], "failed");
}

#[tokio::test]
async fn unknown_and_malformed_job_ids() {
    let sandbox = start().await;
    let client = Client::new();
    let token = auth0_token(&client, &sandbox).await;
    let get = |id: &str| {
        client
            .get(format!("{}/api/v2/jobs/{id}", sandbox.auth0().url()))
            .bearer_auth(&token)
            .send()
    };
    let missing = get("job_AAAAAAAAAAAAAAAA").await.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let body: Value = missing.json().await.unwrap();
    assert_eq!(body["message"], "The job does not exist.");
    let malformed = get("job_123").await.unwrap();
    assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);
}
