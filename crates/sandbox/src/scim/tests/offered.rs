//! A service told to offer less: its ServiceProviderConfig says so and the endpoints it
//! does not offer answer 501; smaller bulk limits are enforced; a bulk request told to fail
//! is carried out and answered 500.

use reqwest::Method;
use serde_json::{Value, json};

use super::{scim_error, serve, user};
use crate::scim::{BULK_REQUEST_SCHEMA, Offered, PATCH_SCHEMA, Scim};

fn creates(names: &[&str]) -> Value {
    let operations: Vec<Value> = names
        .iter()
        .map(|name| json!({"method": "POST", "path": "/Users", "bulkId": name, "data": user(name)}))
        .collect();
    json!({"schemas": [BULK_REQUEST_SCHEMA], "Operations": operations})
}

#[tokio::test]
async fn a_minimal_service_says_so_and_refuses_patch_and_bulk_with_501() {
    let scim = Scim::new();
    scim.offer(Offered::minimal());
    let client = serve(&scim).await;
    let config = client.get("/ServiceProviderConfig").await.body;
    assert_eq!(config["patch"]["supported"], false);
    assert_eq!(
        config["bulk"],
        json!({"supported": false, "maxOperations": 0, "maxPayloadSize": 0})
    );

    let id = client.create(&user("anna")).await;
    let message = json!({"schemas": [PATCH_SCHEMA],
        "Operations": [{"op": "replace", "value": {"title": "Guide"}}]});
    let patched = client
        .send(Method::PATCH, &format!("/Users/{id}"), Some(&message), &[])
        .await;
    let (status, _, detail) = scim_error(&patched);
    assert_eq!(status, 501);
    assert!(
        detail.as_str().unwrap_or_default().contains("PATCH"),
        "{detail}"
    );
    assert!(scim.user_by_name("anna").unwrap()["title"].is_null());

    let bulk = client.post("/Bulk", &creates(&["bo"])).await;
    assert_eq!(scim_error(&bulk).0, 501);
    assert!(scim.user_by_name("bo").is_none());
}

#[tokio::test]
async fn smaller_bulk_limits_are_announced_and_enforced() {
    let scim = Scim::new();
    scim.offer(Offered {
        max_operations: 2,
        max_payload_size: 600,
        ..Offered::default()
    });
    let client = serve(&scim).await;
    let config = client.get("/ServiceProviderConfig").await.body;
    assert_eq!(config["bulk"]["maxOperations"], 2);
    assert_eq!(config["bulk"]["maxPayloadSize"], 600);

    let three = client.post("/Bulk", &creates(&["a", "b", "c"])).await;
    assert_eq!(scim_error(&three).0, 413);
    let long = "x".repeat(700);
    let big = client.post("/Bulk", &creates(&[long.as_str()])).await;
    assert_eq!(scim_error(&big).0, 413);
    let two = client.post("/Bulk", &creates(&["a", "b"])).await;
    assert_eq!(two.status, 200, "{}", two.body);
    assert_eq!(scim.users().len(), 2);
}

#[tokio::test]
async fn a_bulk_told_to_fail_is_carried_out_and_answered_500() {
    let scim = Scim::new();
    scim.fail_after_bulk(1);
    let client = serve(&scim).await;
    let failed = client.post("/Bulk", &creates(&["a", "b"])).await;
    assert_eq!(scim_error(&failed).0, 500);
    assert_eq!(scim.users().len(), 2, "the operations were carried out");
    let next = client.post("/Bulk", &creates(&["c"])).await;
    assert_eq!(next.status, 200, "only one bulk fails");
    assert_eq!(scim.users().len(), 3);
}
