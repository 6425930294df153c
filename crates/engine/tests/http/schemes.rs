//! The other schemes: the Authgear Admin API JWT verified by the server with the project's
//! public key, static bearer tokens, HTTP basic, and secrets kept out of Debug output.

use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::any;
use base64::Engine as _;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use muster_engine::connect::{
    Auth, AuthgearKey, ClientConfig, ErrorKind, PasswordGrant, RetryClass,
};
use muster_engine::secrets::Secret;

use super::oauth::{CLIENT_SECRET, PASSWORD, client_credentials};
use super::test_keys::{PRIVATE_KEY, PUBLIC_KEY};
use super::{client_with, config, reply, scripted, serve};

#[derive(Debug, serde::Deserialize)]
struct AdminClaims {
    aud: String,
    iat: u64,
    exp: u64,
}

/// An Authgear-like API: verifies the Admin API JWT with the project's public key.
struct Authgear {
    tokens: Mutex<Vec<String>>,
    claims: Mutex<Vec<AdminClaims>>,
}

async fn authgear_api(State(state): State<Arc<Authgear>>, headers: HeaderMap) -> Response {
    let Some(token) = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    else {
        return reply(401).into_response();
    };
    let header = match jsonwebtoken::decode_header(token) {
        Ok(header) => header,
        Err(_) => return reply(401).into_response(),
    };
    if header.kid.as_deref() != Some("key-1") || header.alg != Algorithm::RS256 {
        return reply(401).body("wrong kid or alg").into_response();
    }
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_audience(&["myapp"]);
    validation.set_required_spec_claims(&["exp", "aud"]);
    let key = DecodingKey::from_rsa_pem(PUBLIC_KEY.as_bytes()).unwrap();
    match jsonwebtoken::decode::<AdminClaims>(token, &key, &validation) {
        Ok(data) => {
            state.tokens.lock().unwrap().push(token.to_owned());
            state.claims.lock().unwrap().push(data.claims);
            reply(200)
                .body(r#"{"id":"task_1","status":"pending"}"#)
                .into_response()
        }
        Err(err) => reply(401).body(err.to_string()).into_response(),
    }
}

#[tokio::test]
async fn the_authgear_admin_jwt_is_verified_by_the_server_and_reused() {
    let state = Arc::new(Authgear {
        tokens: Mutex::new(Vec::new()),
        claims: Mutex::new(Vec::new()),
    });
    let router = Router::new()
        .route("/_api/admin/users/import", any(authgear_api))
        .with_state(state.clone());
    let base = serve(router).await;
    let key = AuthgearKey::new("myapp", "key-1", Secret::new(PRIVATE_KEY));
    let (client, _) = client_with(config(Auth::AuthgearJwt(key), 2));

    for _ in 0..2 {
        let response = client
            .send(RetryClass::CreateOnce, |http| {
                http.post(format!("{base}/_api/admin/users/import"))
                    .body(r#"{"identifier":"email","records":[]}"#)
            })
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
    }

    let tokens = state.tokens.lock().unwrap().clone();
    assert_eq!(tokens.len(), 2, "both requests verified");
    assert_eq!(tokens[0], tokens[1], "the JWT is reused while it is valid");
    let claims = state.claims.lock().unwrap();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    assert_eq!(claims[0].aud, "myapp");
    assert!(claims[0].iat <= now);
    assert!(
        claims[0].exp > now + 200,
        "exp {} is not minutes ahead of {now}",
        claims[0].exp
    );
    assert!(claims[0].exp <= now + 5 * 60 + 1);
}

#[tokio::test]
async fn an_authgear_key_that_is_not_a_pem_is_refused_without_showing_it() {
    let key = AuthgearKey::new(
        "myapp",
        "key-1",
        Secret::new("-----BEGIN NOT A KEY----- c2VjcmV0LWtleS1ieXRlcw=="),
    );
    let err = muster_engine::connect::Client::new(ClientConfig::new(
        "acme-authgear",
        Auth::AuthgearJwt(key),
    ))
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Setup);
    let shown = format!("{err}\n{err:?}");
    assert!(!shown.contains("c2VjcmV0"), "{shown}");
    assert!(
        shown.contains("not an RSA private key in PEM form"),
        "{shown}"
    );
    assert!(shown.contains("acme-authgear"), "{shown}");
}

#[tokio::test]
async fn a_static_bearer_token_refused_is_reported_at_once() {
    let (base, log) = scripted(vec![reply(401)]).await;
    let (client, _) = client_with(config(Auth::Bearer(Secret::new("lms-token-123")), 3));

    let err = client
        .send(RetryClass::CreateOnce, |http| {
            http.post(format!("{base}/api/users"))
        })
        .await
        .unwrap_err();

    assert_eq!(err.kind(), ErrorKind::CredentialsRefused);
    assert_eq!(err.status(), Some(401));
    assert_eq!(log.count(), 1, "a fixed token cannot be renewed");
    assert_eq!(
        log.all()[0].header("authorization"),
        Some("Bearer lms-token-123")
    );
    let shown = format!("{err}\n{err:?}");
    assert!(!shown.contains("lms-token-123"), "{shown}");
}

#[tokio::test]
async fn basic_auth_sends_the_user_name_and_password() {
    let (base, log) = scripted(vec![reply(200)]).await;
    let auth = Auth::Basic {
        username: "importer".to_owned(),
        password: Secret::new(PASSWORD),
    };
    let (client, _) = client_with(config(auth, 1));

    client
        .send(RetryClass::Idempotent, |http| {
            http.get(format!("{base}/scim/v2/Users"))
        })
        .await
        .unwrap();

    let expected = base64::engine::general_purpose::STANDARD.encode(format!("importer:{PASSWORD}"));
    assert_eq!(
        log.all()[0].header("authorization"),
        Some(format!("Basic {expected}").as_str())
    );
}

#[test]
fn settings_and_clients_never_show_secrets_in_debug() {
    let configs = [
        Auth::Bearer(Secret::new("lms-token-123")),
        Auth::Basic {
            username: "u".to_owned(),
            password: Secret::new(PASSWORD),
        },
        client_credentials("https://acme.auth0.com"),
        Auth::Password(PasswordGrant::new(
            "https://hr.example.com/oauth/token",
            "c",
            "u",
            Secret::new(PASSWORD),
        )),
        Auth::AuthgearJwt(AuthgearKey::new("myapp", "key-1", Secret::new(PRIVATE_KEY))),
    ];
    for auth in configs {
        let config = ClientConfig::new("acme", auth);
        let client = muster_engine::connect::Client::new(config.clone()).unwrap();
        let shown = format!("{config:?}\n{client:?}");
        for secret in ["lms-token-123", PASSWORD, CLIENT_SECRET, "MIIEv"] {
            assert!(!shown.contains(secret), "{secret} shown in {shown}");
        }
    }
}
