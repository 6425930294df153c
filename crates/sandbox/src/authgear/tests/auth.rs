//! The Admin API JWT: what gets in and what is refused with 403 `Forbidden`.

use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::json;

use super::{now, serve, signed, token};
use crate::authgear::Authgear;

/// GETs a task id with `authorization` (if any) and returns status and body text.
async fn attempt(base: &str, authorization: Option<String>) -> (u16, String) {
    let mut request = reqwest::Client::new().get(format!("{base}/_api/admin/users/import/task_X"));
    if let Some(value) = authorization {
        request = request.header("authorization", value);
    }
    let response = request.send().await.expect("GET");
    let status = response.status().as_u16();
    (status, response.text().await.expect("body"))
}

fn assert_forbidden((status, body): (u16, String), why: &str) {
    assert_eq!(status, 403, "{why}: {body}");
    assert_eq!(body, "Forbidden\n", "{why}");
}

#[tokio::test]
async fn valid_tokens_pass_the_gate() {
    let authgear = Authgear::new();
    let base = serve(&authgear).await;
    // Past the gate an unknown task is a 404, so a 404 proves the token was accepted.
    let (status, _) = attempt(&base, Some(format!("Bearer {}", token(&authgear)))).await;
    assert_eq!(status, 404, "aud as a string, as in the Node sample");
    let issued = authgear
        .admin_token(Duration::from_secs(300))
        .expect("token");
    let (status, _) = attempt(&base, Some(format!("Bearer {issued}"))).await;
    assert_eq!(status, 404, "aud as an array, as in the Python sample");
    let no_exp = signed(
        &authgear,
        authgear.key_id(),
        &json!({"aud": [authgear.project_id()]}),
    );
    let (status, _) = attempt(&base, Some(format!("Bearer {no_exp}"))).await;
    assert_eq!(status, 404, "Authgear does not require exp");
    let credentials = authgear.credentials();
    let printed = credentials
        .iter()
        .find(|(name, _)| name == "admin_jwt")
        .map(|(_, value)| value.clone())
        .expect("credentials include a ready JWT");
    let (status, _) = attempt(&base, Some(format!("Bearer {printed}"))).await;
    assert_eq!(status, 404);
    assert!(credentials.contains(&("jwt_aud".to_owned(), authgear.project_id().to_owned())));
    assert!(credentials.contains(&("key_id".to_owned(), authgear.key_id().to_owned())));
}

#[tokio::test]
async fn missing_or_malformed_authorization_is_forbidden() {
    let authgear = Authgear::new();
    let base = serve(&authgear).await;
    assert_forbidden(attempt(&base, None).await, "no header");
    assert_forbidden(
        attempt(&base, Some(token(&authgear))).await,
        "no Bearer scheme",
    );
    assert_forbidden(
        attempt(&base, Some("Bearer not.a.jwt".to_owned())).await,
        "garbage",
    );
    let import = reqwest::Client::new()
        .post(format!("{base}/_api/admin/users/import"))
        .json(&json!({"identifier": "email", "records": [{"email": "a@b.c"}]}))
        .send()
        .await
        .expect("POST");
    assert_eq!(import.status().as_u16(), 403);
    assert!(
        authgear.task_ids().is_empty(),
        "a refused import starts no task"
    );
    assert_eq!(authgear.imports_for("a@b.c"), 0);
}

#[tokio::test]
async fn tampered_signature_is_forbidden() {
    let authgear = Authgear::new();
    let base = serve(&authgear).await;
    let genuine = token(&authgear);
    let parts: Vec<&str> = genuine.split('.').collect();
    // Same header and signature, a payload that lives longer: the signature no longer fits.
    let payload = json!({"aud": authgear.project_id(), "iat": now(), "exp": now() + 86_400});
    let forged = format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(payload.to_string()),
        parts[2]
    );
    assert_forbidden(
        attempt(&base, Some(format!("Bearer {forged}"))).await,
        "bad signature",
    );

    // Signed with a shared secret instead of the RSA key.
    let mut header = Header::new(Algorithm::HS256);
    header.kid = Some(authgear.key_id().to_owned());
    let hmac =
        jsonwebtoken::encode(&header, &payload, &EncodingKey::from_secret(b"guess")).expect("sign");
    assert_forbidden(
        attempt(&base, Some(format!("Bearer {hmac}"))).await,
        "HS256",
    );
}

#[tokio::test]
async fn wrong_claims_are_forbidden() {
    let authgear = Authgear::new();
    let base = serve(&authgear).await;
    let kid = authgear.key_id().to_owned();
    let project = authgear.project_id().to_owned();
    let cases = [
        (
            kid.as_str(),
            json!({"aud": "other-project", "exp": now() + 300}),
            "wrong aud",
        ),
        (
            kid.as_str(),
            json!({"aud": format!("https://{project}.authgear.cloud"), "exp": now() + 300}),
            "the endpoint URL is not the project ID",
        ),
        (kid.as_str(), json!({"exp": now() + 300}), "no aud"),
        (
            kid.as_str(),
            json!({"aud": project, "iat": now() - 600, "exp": now() - 300}),
            "expired",
        ),
        (
            kid.as_str(),
            json!({"aud": project, "iat": now() + 600, "exp": now() + 900}),
            "iat ahead",
        ),
        (
            "another-kid",
            json!({"aud": project, "exp": now() + 300}),
            "wrong kid",
        ),
    ];
    for (kid, claims, why) in cases {
        let token = signed(&authgear, kid, &claims);
        assert_forbidden(attempt(&base, Some(format!("Bearer {token}"))).await, why);
    }
}

#[tokio::test]
async fn a_token_for_one_emulator_fails_at_another() {
    let first = Authgear::new();
    let second = Authgear::new();
    assert_ne!(first.key_id(), second.key_id());
    let base = serve(&second).await;
    let token = token(&first);
    assert_forbidden(
        attempt(&base, Some(format!("Bearer {token}"))).await,
        "other kid",
    );
}
