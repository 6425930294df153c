//! Tests of the Authgear emulator over HTTP: each starts the router on a loopback port and
//! talks to it as Muster's connector would.

mod auth;
mod import;
mod schema;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};

use super::Authgear;

/// Serves `authgear` on 127.0.0.1 and returns its base URL.
async fn serve(authgear: &Authgear) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a loopback port");
    let address = listener.local_addr().expect("bound address");
    let router = authgear.router();
    tokio::spawn(async move { axum::serve(listener, router).await });
    format!("http://{address}")
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs()
}

/// A JWT signed with the emulator's private key, with `kid` and `claims` as given.
fn signed(authgear: &Authgear, kid: &str, claims: &Value) -> String {
    let key = EncodingKey::from_rsa_pem(authgear.private_key_pem().as_bytes())
        .expect("the printed private key is a PEM RSA key");
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some(kid.to_owned());
    jsonwebtoken::encode(&header, claims, &key).expect("sign")
}

/// A valid token made the way Authgear's Node sample makes it (`aud` a plain string).
fn token(authgear: &Authgear) -> String {
    let claims = json!({"aud": authgear.project_id(), "iat": now() - 30, "exp": now() + 3600});
    signed(authgear, authgear.key_id(), &claims)
}

/// Starts an import and returns the HTTP status and body.
async fn start_import(base: &str, token: &str, body: &Value) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(format!("{base}/_api/admin/users/import"))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .expect("POST import");
    let status = response.status().as_u16();
    (status, response.json().await.expect("JSON answer"))
}

/// Reads a task's status and returns the HTTP status and body.
async fn task_status(base: &str, token: &str, id: &str) -> (u16, Value) {
    let response = reqwest::Client::new()
        .get(format!("{base}/_api/admin/users/import/{id}"))
        .bearer_auth(token)
        .send()
        .await
        .expect("GET task");
    let status = response.status().as_u16();
    (status, response.json().await.expect("JSON answer"))
}

/// Polls task `id` until it is completed and returns its `result`.
async fn completed(base: &str, token: &str, id: &str) -> Value {
    for _ in 0..200 {
        let (status, body) = task_status(base, token, id).await;
        assert_eq!(status, 200, "{body}");
        if body["result"]["status"] == "completed" {
            return body["result"].clone();
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("task {id} did not complete within 5 s");
}

/// Imports `records` and waits for the task's result.
async fn import(base: &str, token: &str, identifier: &str, upsert: bool, records: Value) -> Value {
    let body = json!({"identifier": identifier, "upsert": upsert, "records": records});
    let (status, accepted) = start_import(base, token, &body).await;
    assert_eq!(status, 200, "{accepted}");
    let id = accepted["result"]["id"]
        .as_str()
        .expect("task id")
        .to_owned();
    completed(base, token, &id).await
}
