//! OAuth 2 against a token endpoint on loopback: tokens fetched once and reused, renewed
//! after a 401 and before expiry, refused credentials named without showing the secret.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, Method, Uri};
use axum::response::Response;
use axum::routing::{any, post};
use muster_engine::connect::{Auth, ClientCredentials, ErrorKind, PasswordGrant, RetryClass};
use muster_engine::secrets::Secret;

use super::{Log, Reply, Seen, client_with, config, reply, serve};

pub const CLIENT_SECRET: &str = "cs-very-secret-7Qx";
pub const PASSWORD: &str = "pw-very-secret-9Zk";

/// An OAuth 2 token endpoint and an API that accepts one token at a time.
struct Identity {
    log: Arc<Log>,
    issued: AtomicUsize,
    /// The token the API accepts.
    valid: Mutex<String>,
    /// Scripted token endpoint answers, used before issuing tokens.
    token_replies: Mutex<Vec<Reply>>,
    expires_in: u64,
}

async fn record(identity: &Identity, method: Method, uri: &Uri, headers: HeaderMap, body: String) {
    identity.log.record(Seen {
        at: Instant::now(),
        method,
        path: uri.path().to_owned(),
        headers,
        body,
    });
}

async fn token(
    State(identity): State<Arc<Identity>>,
    uri: Uri,
    headers: HeaderMap,
    body: String,
) -> Response {
    record(&identity, Method::POST, &uri, headers, body).await;
    let scripted = {
        let mut replies = identity.token_replies.lock().unwrap();
        (!replies.is_empty()).then(|| replies.remove(0))
    };
    if let Some(scripted) = scripted {
        return scripted.into_response();
    }
    let n = identity.issued.fetch_add(1, Ordering::SeqCst) + 1;
    reply(200)
        .header("content-type", "application/json")
        .body(format!(
            r#"{{"access_token":"tok-{n}","token_type":"Bearer","expires_in":{}}}"#,
            identity.expires_in
        ))
        .into_response()
}

async fn api(
    State(identity): State<Arc<Identity>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: String,
) -> Response {
    let presented = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    record(&identity, method, &uri, headers, body).await;
    let expected = format!("Bearer {}", identity.valid.lock().unwrap());
    if presented.as_deref() == Some(expected.as_str()) {
        reply(200).body("[]").into_response()
    } else {
        reply(401).into_response()
    }
}

async fn identity_server(expires_in: u64, token_replies: Vec<Reply>) -> (String, Arc<Identity>) {
    let identity = Arc::new(Identity {
        log: Arc::new(Log::default()),
        issued: AtomicUsize::new(0),
        valid: Mutex::new("tok-1".to_owned()),
        token_replies: Mutex::new(token_replies),
        expires_in,
    });
    let router = Router::new()
        .route("/oauth/token", post(token))
        .route("/api/users", any(api))
        .with_state(identity.clone());
    (serve(router).await, identity)
}

pub fn client_credentials(base: &str) -> Auth {
    Auth::ClientCredentials(ClientCredentials {
        audience: Some("https://acme.auth0.com/api/v2/".to_owned()),
        ..ClientCredentials::new(
            format!("{base}/oauth/token"),
            "muster-m2m",
            Secret::new(CLIENT_SECRET),
        )
    })
}

#[tokio::test]
async fn a_client_credentials_token_is_fetched_once_reused_and_renewed_after_a_401() {
    let (base, identity) = identity_server(86_400, Vec::new()).await;
    let (client, _) = client_with(config(client_credentials(&base), 3));
    let get = |http: &reqwest::Client| http.get(format!("{base}/api/users"));

    for _ in 0..3 {
        client.send(RetryClass::Idempotent, get).await.unwrap();
    }
    assert_eq!(
        identity.log.count_path("/oauth/token"),
        1,
        "one token for three requests"
    );
    assert_eq!(identity.log.count_path("/api/users"), 3);

    let token_request = identity
        .log
        .all()
        .into_iter()
        .find(|s| s.path == "/oauth/token")
        .unwrap();
    assert_eq!(
        token_request.field("grant_type").as_deref(),
        Some("client_credentials")
    );
    assert_eq!(
        token_request.field("client_id").as_deref(),
        Some("muster-m2m")
    );
    assert_eq!(
        token_request.field("client_secret").as_deref(),
        Some(CLIENT_SECRET)
    );
    assert_eq!(
        token_request.field("audience").as_deref(),
        Some("https://acme.auth0.com/api/v2/")
    );
    assert_eq!(
        token_request.header("authorization"),
        None,
        "Auth0 takes the secret in the body"
    );

    // The server stops accepting tok-1: the next request is refused once, then sent again
    // with a new token.
    *identity.valid.lock().unwrap() = "tok-2".to_owned();
    client
        .send(RetryClass::CreateOnce, |http| {
            http.post(format!("{base}/api/users"))
        })
        .await
        .unwrap();
    assert_eq!(identity.log.count_path("/oauth/token"), 2);
    let api: Vec<_> = identity
        .log
        .all()
        .into_iter()
        .filter(|s| s.path == "/api/users")
        .collect();
    let presented: Vec<_> = api
        .iter()
        .map(|s| s.header("authorization").unwrap().to_owned())
        .collect();
    assert_eq!(
        presented,
        [
            "Bearer tok-1",
            "Bearer tok-1",
            "Bearer tok-1",
            "Bearer tok-1",
            "Bearer tok-2"
        ]
    );
}

#[tokio::test]
async fn a_token_is_fetched_again_shortly_before_it_expires() {
    let (base, identity) = identity_server(1, Vec::new()).await;
    let (client, _) = client_with(config(client_credentials(&base), 3));
    let get = |http: &reqwest::Client| http.get(format!("{base}/api/users"));

    client.send(RetryClass::Idempotent, get).await.unwrap();
    tokio::time::sleep(Duration::from_millis(1000)).await;
    *identity.valid.lock().unwrap() = "tok-2".to_owned();
    client.send(RetryClass::Idempotent, get).await.unwrap();

    assert_eq!(identity.log.count_path("/oauth/token"), 2);
    // No 401 was needed: the expired token was never sent.
    assert_eq!(identity.log.count_path("/api/users"), 2);
}

#[tokio::test]
async fn a_token_refused_twice_names_the_connection_to_fix() {
    let (base, identity) = identity_server(86_400, Vec::new()).await;
    *identity.valid.lock().unwrap() = "nothing-matches".to_owned();
    let (client, _) = client_with(config(client_credentials(&base), 3));

    let err = client
        .send(RetryClass::Idempotent, |http| {
            http.get(format!("{base}/api/users"))
        })
        .await
        .unwrap_err();

    assert_eq!(err.kind(), ErrorKind::CredentialsRefused);
    assert_eq!(
        identity.log.count_path("/oauth/token"),
        2,
        "one renewal, no more"
    );
    assert_eq!(identity.log.count_path("/api/users"), 2);
    let text = err.to_string();
    assert!(
        text.contains("also with a freshly obtained token"),
        "{text}"
    );
    assert!(
        text.contains("Fix the connection \"test-connection\""),
        "{text}"
    );
    assert!(
        text.contains("client id, client secret and audience"),
        "{text}"
    );
}

#[tokio::test]
async fn a_refused_token_request_never_shows_the_secret() {
    let refusal = reply(401)
        .header("content-type", "application/json")
        .body(r#"{"error":"invalid_client","error_description":"Wrong client credentials"}"#);
    let (base, identity) = identity_server(86_400, vec![refusal]).await;
    let (client, _) = client_with(config(client_credentials(&base), 3));

    let err = client
        .send(RetryClass::Idempotent, |http| {
            http.get(format!("{base}/api/users"))
        })
        .await
        .unwrap_err();

    assert_eq!(err.kind(), ErrorKind::CredentialsRefused);
    assert_eq!(identity.log.count_path("/api/users"), 0);
    let shown = format!("{err}\n{err:?}");
    assert!(!shown.contains(CLIENT_SECRET), "{shown}");
    assert!(shown.contains("invalid_client"), "{shown}");
    assert!(shown.contains("Wrong client credentials"), "{shown}");
    assert!(shown.contains("test-connection"), "{shown}");
}

#[tokio::test]
async fn a_busy_token_endpoint_is_waited_for_like_any_server() {
    let busy = reply(503).header("retry-after", "0");
    let (base, identity) = identity_server(86_400, vec![busy]).await;
    let (client, waits) = client_with(config(client_credentials(&base), 3));

    client
        .send(RetryClass::Idempotent, |http| {
            http.get(format!("{base}/api/users"))
        })
        .await
        .unwrap();

    assert_eq!(identity.log.count_path("/oauth/token"), 2);
    assert_eq!(waits.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn the_password_grant_sends_the_users_credentials_to_the_token_endpoint() {
    let (base, identity) = identity_server(3600, Vec::new()).await;
    let grant = PasswordGrant {
        scopes: vec!["read:users".to_owned()],
        ..PasswordGrant::new(
            format!("{base}/oauth/token"),
            "hr-sync",
            "sync@acme.example",
            Secret::new(PASSWORD),
        )
    };
    let (client, _) = client_with(config(Auth::Password(grant), 3));

    client
        .send(RetryClass::Idempotent, |http| {
            http.get(format!("{base}/api/users"))
        })
        .await
        .unwrap();

    let token_request = identity
        .log
        .all()
        .into_iter()
        .find(|s| s.path == "/oauth/token")
        .unwrap();
    assert_eq!(
        token_request.field("grant_type").as_deref(),
        Some("password")
    );
    assert_eq!(
        token_request.field("username").as_deref(),
        Some("sync@acme.example")
    );
    assert_eq!(token_request.field("password").as_deref(), Some(PASSWORD));
    assert_eq!(token_request.field("client_id").as_deref(), Some("hr-sync"));
    assert_eq!(token_request.field("scope").as_deref(), Some("read:users"));
    let api = identity
        .log
        .all()
        .into_iter()
        .find(|s| s.path == "/api/users")
        .unwrap();
    assert_eq!(api.header("authorization"), Some("Bearer tok-1"));
}
