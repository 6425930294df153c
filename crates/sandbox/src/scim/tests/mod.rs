//! Tests of the SCIM emulator over HTTP, plus the filter language on its own.

mod auth;
mod bulk;
mod filter;
mod list;
mod offered;
mod patch;
mod users;

use reqwest::Method;
use serde_json::{Value, json};

use super::{ENTERPRISE_SCHEMA, Scim, USER_SCHEMA};

/// A running emulator and a client that sends its bearer token.
struct Client {
    base: String,
    token: String,
    http: reqwest::Client,
}

/// An answer: status, headers, and the body as JSON (`Null` when empty).
struct Answer {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: Value,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// Serves `scim` on 127.0.0.1.
async fn serve(scim: &Scim) -> Client {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a loopback port");
    let address = listener.local_addr().expect("bound address");
    let router = scim.router();
    tokio::spawn(async move { axum::serve(listener, router).await });
    Client {
        base: format!("http://{address}/scim/v2"),
        token: scim.token().to_owned(),
        http: reqwest::Client::new(),
    }
}

impl Client {
    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        headers: &[(&str, &str)],
    ) -> Answer {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request
                .header("content-type", "application/scim+json")
                .body(body.to_string());
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.expect("request");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body");
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).expect("JSON body")
        };
        Answer {
            status,
            headers,
            body,
        }
    }

    async fn get(&self, path: &str) -> Answer {
        self.send(Method::GET, path, None, &[]).await
    }

    async fn post(&self, path: &str, body: &Value) -> Answer {
        self.send(Method::POST, path, Some(body), &[]).await
    }

    /// Creates a User and returns its id, asserting the 201.
    async fn create(&self, body: &Value) -> String {
        let answer = self.post("/Users", body).await;
        assert_eq!(answer.status, 201, "{}", answer.body);
        answer.body["id"].as_str().expect("id").to_owned()
    }
}

/// A User body with the core schema.
fn user(user_name: &str) -> Value {
    json!({"schemas": [USER_SCHEMA], "userName": user_name, "active": true})
}

/// A User with emails, an externalId and the enterprise extension.
fn full_user(user_name: &str, email: &str, external_id: &str) -> Value {
    json!({
        "schemas": [USER_SCHEMA, ENTERPRISE_SCHEMA],
        "userName": user_name,
        "externalId": external_id,
        "name": {"givenName": "Anna", "familyName": "Berg"},
        "emails": [{"value": email, "type": "work", "primary": true}],
        "active": true,
        ENTERPRISE_SCHEMA: {"employeeNumber": "701984", "department": "Tour Operations",
                            "manager": {"value": "26118915-6090-4610-87e4-49d8ca9f808d"}}
    })
}

/// The error body's SCIM fields, for comparing in one assertion.
fn scim_error(answer: &Answer) -> (u16, Value, Value) {
    assert_eq!(
        answer.body["schemas"],
        json!(["urn:ietf:params:scim:api:messages:2.0:Error"]),
        "{}",
        answer.body
    );
    assert_eq!(answer.body["status"], answer.status.to_string());
    (
        answer.status,
        answer.body["scimType"].clone(),
        answer.body["detail"].clone(),
    )
}
