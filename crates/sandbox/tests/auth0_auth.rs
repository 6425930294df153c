//! The Auth0 emulator's token endpoint, bearer checks and rate limit.

mod common;

use std::collections::HashMap;
use std::time::Duration;

use common::{auth0_token, import_form, post_import, start, start_with, wait_for_job};
use muster_sandbox::SandboxOptions;
use muster_sandbox::auth0::RateLimit;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

#[tokio::test]
async fn client_credentials_token_flow() {
    let sandbox = start().await;
    let auth0 = sandbox.auth0().emulator();
    let client = Client::new();
    let url = format!("{}/oauth/token", sandbox.auth0().url());
    assert_eq!(
        auth0.audience(),
        format!("{}/api/v2/", sandbox.auth0().url())
    );
    let printed: HashMap<String, String> = auth0.credentials().into_iter().collect();
    assert_eq!(printed["domain"], sandbox.auth0().url());
    assert_eq!(printed["audience"], auth0.audience());
    assert_eq!(printed["client_id"], auth0.client_id());
    assert_eq!(printed["client_secret"], auth0.client_secret());
    assert_eq!(printed["connection_id"], auth0.connection_id());
    assert!(auth0.connection_id().starts_with("con_") && auth0.connection_id().len() == 20);

    let response = client
        .post(&url)
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
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 86_400);
    let token = body["access_token"].as_str().unwrap();
    assert_eq!(token.split('.').count(), 3, "a JWT");

    // The same request as a form, with the secret as HTTP Basic.
    let form = format!(
        "grant_type=client_credentials&audience={}",
        auth0.audience().replace(':', "%3A").replace('/', "%2F")
    );
    let basic = client
        .post(&url)
        .basic_auth(auth0.client_id(), Some(auth0.client_secret()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form)
        .send()
        .await
        .unwrap();
    assert_eq!(basic.status(), StatusCode::OK);

    let wrong_secret = client
        .post(&url)
        .json(&json!({
            "grant_type": "client_credentials",
            "client_id": auth0.client_id(),
            "client_secret": "not-the-secret",
            "audience": auth0.audience(),
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_secret.status(), StatusCode::UNAUTHORIZED);
    let body: Value = wrong_secret.json().await.unwrap();
    assert_eq!(
        body,
        json!({"error": "access_denied", "error_description": "Unauthorized"})
    );

    let wrong_audience = client
        .post(&url)
        .json(&json!({
            "grant_type": "client_credentials",
            "client_id": auth0.client_id(),
            "client_secret": auth0.client_secret(),
            "audience": "https://elsewhere/api/v2/",
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_audience.status(), StatusCode::FORBIDDEN);

    // The token opens the Management API; nothing else does.
    let lookup = format!(
        "{}/api/v2/users-by-email?email=nobody@example.com",
        sandbox.auth0().url()
    );
    let ok = client.get(&lookup).bearer_auth(token).send().await.unwrap();
    assert_eq!(ok.status(), StatusCode::OK);
    let missing = client.get(&lookup).send().await.unwrap();
    assert_eq!(missing.status(), StatusCode::UNAUTHORIZED);
    let body: Value = missing.json().await.unwrap();
    assert_eq!(body["message"], "Missing authentication");
    let forged = client
        .get(&lookup)
        .bearer_auth("abc.def.ghi")
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::UNAUTHORIZED);
    let body: Value = forged.json().await.unwrap();
    assert_eq!(body["message"], "Invalid token");
}

#[tokio::test]
async fn expired_token_gets_401() {
    let mut options = SandboxOptions::default();
    options.auth0.token_lifetime = Duration::from_millis(600);
    let sandbox = start_with(options).await;
    let client = Client::new();
    let token = auth0_token(&client, &sandbox).await;
    let lookup = format!(
        "{}/api/v2/users-by-email?email=a@b.co",
        sandbox.auth0().url()
    );

    assert_eq!(
        client
            .get(&lookup)
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    tokio::time::sleep(Duration::from_millis(700)).await;
    let expired = client
        .get(&lookup)
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(expired.status(), StatusCode::UNAUTHORIZED);
    let body: Value = expired.json().await.unwrap();
    assert_eq!(
        body["message"],
        "Expired token received for JSON Web Token validation"
    );
}

#[tokio::test]
async fn tokens_expired_mid_job_need_a_new_token() {
    let mut options = SandboxOptions::default();
    options.auth0.job_duration = Duration::from_millis(400);
    let sandbox = start_with(options).await;
    let client = Client::new();
    let token = auth0_token(&client, &sandbox).await;
    let file = serde_json::to_vec(&json!([{"email": "ann@example.com"}])).unwrap();
    let (_, job) = post_import(
        &client,
        &sandbox,
        &token,
        import_form(&sandbox, &file, None),
    )
    .await;
    let id = job["id"].as_str().unwrap();

    sandbox.auth0().emulator().expire_tokens();
    let refused = client
        .get(format!("{}/api/v2/jobs/{id}", sandbox.auth0().url()))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);

    let fresh = auth0_token(&client, &sandbox).await;
    let (_, done) = wait_for_job(&client, &sandbox, &fresh, id).await;
    assert_eq!(done["summary"]["inserted"], 1);
}

#[tokio::test]
async fn rate_limit_headers_and_429() {
    let mut options = SandboxOptions::default();
    options.auth0.rate_limit = Some(RateLimit {
        limit: 3,
        window: Duration::from_secs(30),
    });
    let sandbox = start_with(options).await;
    let client = Client::new();
    let token = auth0_token(&client, &sandbox).await;
    let lookup = format!(
        "{}/api/v2/users-by-email?email=a@b.co",
        sandbox.auth0().url()
    );

    let mut remaining = Vec::new();
    for _ in 0..3 {
        let response = client
            .get(&lookup)
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()["x-ratelimit-limit"], "3");
        let reset: u64 = response.headers()["x-ratelimit-reset"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!(reset > 1_700_000_000, "Unix seconds: {reset}");
        remaining.push(
            response.headers()["x-ratelimit-remaining"]
                .to_str()
                .unwrap()
                .to_owned(),
        );
    }
    assert_eq!(remaining, ["2", "1", "0"]);
    let limited = client
        .get(&lookup)
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.headers()["x-ratelimit-remaining"], "0");
    let body: Value = limited.json().await.unwrap();
    assert_eq!(body["errorCode"], "too_many_requests");

    // The token endpoint is not metered with the Management API.
    auth0_token(&client, &sandbox).await;
    sandbox
        .auth0()
        .emulator()
        .update_config(|config| config.rate_limit = None);
    let unlimited = client
        .get(&lookup)
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(unlimited.status(), StatusCode::OK);
    assert!(unlimited.headers().get("x-ratelimit-limit").is_none());
}
