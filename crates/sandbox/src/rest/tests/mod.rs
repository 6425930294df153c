//! Tests of the generic REST emulator over HTTP.

mod auth;
mod users;

use reqwest::Method;
use serde_json::Value;

use super::Rest;

/// A running emulator and a client that sends its bearer token.
struct Client {
    base: String,
    token: String,
    http: reqwest::Client,
}

async fn serve(rest: &Rest) -> Client {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a loopback port");
    let address = listener.local_addr().expect("bound address");
    let router = rest.router();
    tokio::spawn(async move { axum::serve(listener, router).await });
    Client {
        base: format!("http://{address}"),
        token: rest.token().to_owned(),
        http: reqwest::Client::new(),
    }
}

impl Client {
    /// Sends `method path` with an optional JSON body; returns status, `Location` and body.
    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> (u16, Option<String>, Value) {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.expect("request");
        let status = response.status().as_u16();
        let location = response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        (status, location, response.json().await.expect("JSON body"))
    }
}
