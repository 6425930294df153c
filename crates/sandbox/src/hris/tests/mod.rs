//! Tests of the HRIS emulator over HTTP: each serves the API and its control routes on a
//! loopback port and talks to it as Muster's source connector would.

mod churn;
mod errors;
mod limit;
mod list;
mod webhooks;

use std::time::Duration;

use reqwest::header::HeaderMap;
use serde_json::Value;

use super::{Hris, HrisConfig};

/// A small directory (`employees` users, seed 7) with the default limits.
fn small(employees: usize) -> Hris {
    Hris::with_config(HrisConfig {
        employees,
        seed: 7,
        ..HrisConfig::default()
    })
}

/// A running emulator and the read token.
struct Client {
    base: String,
    token: String,
    http: reqwest::Client,
}

async fn serve(hris: &Hris) -> Client {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a loopback port");
    let address = listener.local_addr().expect("bound address");
    let router = hris.router().merge(hris.control_router());
    tokio::spawn(async move { axum::serve(listener, router).await });
    Client {
        base: format!("http://{address}"),
        token: hris.read_token().to_owned(),
        http: reqwest::Client::new(),
    }
}

impl Client {
    /// `GET path` with `token` (none: no Authorization header); status, headers, body.
    async fn get_as(&self, path: &str, token: Option<&str>) -> (u16, HeaderMap, Value) {
        let mut request = self.http.get(format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("GET");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        (status, headers, response.json().await.expect("JSON body"))
    }

    /// `GET path` with the read token; asserts a 200 and returns the body.
    async fn get(&self, path: &str) -> Value {
        let (status, _, body) = self.get_as(path, Some(&self.token)).await;
        assert_eq!(status, 200, "{path}: {body}");
        body
    }

    /// Every user of the list at `query` (without `page`), page by page, stopping at
    /// `meta.total_pages` as the reference's loop does.
    async fn walk(&self, query: &str) -> Vec<Value> {
        let mut users = Vec::new();
        let mut page = 1;
        loop {
            let body = self
                .get(&format!("/api/v1/users?{query}&page={page}"))
                .await;
            users.extend(body["users"].as_array().expect("users").iter().cloned());
            if page >= body["meta"]["total_pages"].as_u64().expect("total_pages") {
                return users;
            }
            page += 1;
        }
    }
}

fn uids(users: &[Value]) -> Vec<String> {
    users
        .iter()
        .map(|u| u["uid"].as_str().expect("uid").to_owned())
        .collect()
}

/// Waits up to `secs` for `done`.
async fn eventually(secs: u64, mut done: impl FnMut() -> bool) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(secs);
    while !done() {
        assert!(tokio::time::Instant::now() < deadline, "timed out waiting");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}
