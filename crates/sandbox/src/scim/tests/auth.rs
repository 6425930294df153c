//! Bearer token auth: 401 with the SCIM error body.

use serde_json::json;

use super::{serve, user};
use crate::scim::Scim;

#[tokio::test]
async fn missing_or_wrong_bearer_is_401_with_the_scim_body() {
    let scim = Scim::new();
    let client = serve(&scim).await;
    let attempts = [
        None,
        Some("Bearer wrong-token".to_owned()),
        Some(format!("Basic {}", scim.token())),
        Some(scim.token().to_owned()),
    ];
    for authorization in attempts {
        let mut request = client
            .http
            .post(format!("{}/Users", client.base))
            .json(&user("anna"));
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
            Some("Bearer realm=\"scim\"")
        );
        let body: serde_json::Value = response.json().await.expect("JSON");
        assert_eq!(
            body["schemas"],
            json!(["urn:ietf:params:scim:api:messages:2.0:Error"])
        );
        assert_eq!(body["status"], "401");
        assert!(body["detail"].is_string());
    }
    let config = client
        .http
        .get(format!("{}/ServiceProviderConfig", client.base))
        .send()
        .await
        .expect("GET");
    assert_eq!(config.status().as_u16(), 401);
    assert!(scim.users().is_empty());
    assert_eq!(
        scim.creates_for("anna"),
        0,
        "refused requests are not counted"
    );

    let accepted = client
        .http
        .post(format!("{}/Users", client.base))
        .header("authorization", format!("bearer {}", scim.token()))
        .json(&user("anna"))
        .send()
        .await
        .expect("POST");
    assert_eq!(
        accepted.status().as_u16(),
        201,
        "the scheme name is case-insensitive"
    );
    let credentials = scim.credentials();
    assert!(credentials.contains(&("bearer_token".to_owned(), scim.token().to_owned())));
    assert!(credentials.contains(&("base_path".to_owned(), "/scim/v2".to_owned())));
}
