//! Tests of the people API over HTTP: each serves it on a loopback port and reads it the
//! way Muster's REST source would.

mod auth;
mod pages;

use serde_json::Value;

use super::{People, PeopleConfig};

/// A running people API.
struct Client {
    base: String,
    token: String,
    http: reqwest::Client,
}

async fn serve(people: &People) -> Client {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a loopback port");
    let address = listener.local_addr().expect("bound address");
    let router = people.router().merge(people.control_router());
    tokio::spawn(async move { axum::serve(listener, router).await });
    Client {
        base: format!("http://{address}"),
        token: people.token().to_owned(),
        http: reqwest::Client::new(),
    }
}

fn small(count: usize) -> People {
    People::with_config(PeopleConfig {
        people: count,
        seed: 5,
    })
}

impl Client {
    /// `GET` of a path or absolute URL with the bearer token: status, `Link`, body.
    async fn get(&self, path: &str) -> (u16, Option<String>, Value) {
        let url = if path.starts_with("http") {
            path.to_owned()
        } else {
            format!("{}{path}", self.base)
        };
        let response = self
            .http
            .get(url)
            .bearer_auth(&self.token)
            .send()
            .await
            .expect("GET");
        let status = response.status().as_u16();
        let link = response
            .headers()
            .get("link")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        (status, link, response.json().await.expect("JSON body"))
    }

    async fn ok(&self, path: &str) -> Value {
        let (status, _, body) = self.get(path).await;
        assert_eq!(status, 200, "{path}: {body}");
        body
    }
}

fn ids(records: &[Value]) -> Vec<String> {
    records
        .iter()
        .map(|r| r["employeeId"].as_str().expect("employeeId").to_owned())
        .collect()
}
