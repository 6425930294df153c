//! Bearer token auth.

use serde_json::json;

use super::serve;
use crate::rest::Rest;

#[tokio::test]
async fn missing_or_wrong_bearer_is_401() {
    let rest = Rest::new();
    let client = serve(&rest).await;
    for authorization in [
        None,
        Some("Bearer nope".to_owned()),
        Some(format!("Token {}", rest.token())),
    ] {
        let mut request = client
            .http
            .post(format!("{}/api/users", client.base))
            .json(&json!({"email": "anna@example.com"}));
        if let Some(value) = &authorization {
            request = request.header("authorization", value);
        }
        let response = request.send().await.expect("POST");
        assert_eq!(response.status().as_u16(), 401, "{authorization:?}");
        assert_eq!(
            response
                .headers()
                .get("www-authenticate")
                .and_then(|v| v.to_str().ok()),
            Some("Bearer")
        );
        let body: serde_json::Value = response.json().await.expect("JSON");
        assert_eq!(body["error"]["code"], "unauthorized");
    }
    let list = client
        .http
        .get(format!("{}/api/users", client.base))
        .send()
        .await
        .expect("GET");
    assert_eq!(list.status().as_u16(), 401);
    assert!(rest.users().is_empty());
    assert_eq!(
        rest.posts_for("anna@example.com"),
        0,
        "refused requests are not counted"
    );
    assert_eq!(
        rest.credentials(),
        vec![("bearer_token".to_owned(), rest.token().to_owned())]
    );
}
