//! `POST /Bulk`: per-operation results, bulkId references, failOnErrors, limits.

use serde_json::{Value, json};

use super::{scim_error, serve, user};
use crate::scim::{BULK_REQUEST_SCHEMA, BULK_RESPONSE_SCHEMA, MAX_OPERATIONS, PATCH_SCHEMA, Scim};

fn bulk(operations: Value, fail_on_errors: Option<u64>) -> Value {
    let mut body = json!({"schemas": [BULK_REQUEST_SCHEMA], "Operations": operations});
    if let Some(limit) = fail_on_errors {
        body["failOnErrors"] = json!(limit);
    }
    body
}

fn create(bulk_id: &str, user_name: &str) -> Value {
    json!({"method": "POST", "path": "/Users", "bulkId": bulk_id, "data": user(user_name)})
}

#[tokio::test]
async fn one_failing_operation_leaves_the_others_done() {
    let scim = Scim::new();
    let client = serve(&scim).await;
    client.create(&user("taken")).await;
    let answer = client
        .post(
            "/Bulk",
            &bulk(
                json!([
                    create("a", "anna"),
                    create("b", "TAKEN"),
                    {"method": "PATCH", "path": "/Users/bulkId:a", "data":
                        {"schemas": [PATCH_SCHEMA], "Operations": [{"op": "add", "path": "title", "value": "Guide"}]}},
                    create("c", "carl")
                ]),
                None,
            ),
        )
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body["schemas"], json!([BULK_RESPONSE_SCHEMA]));
    let operations = answer.body["Operations"].as_array().expect("Operations");
    let statuses: Vec<&str> = operations
        .iter()
        .filter_map(|o| o["status"].as_str())
        .collect();
    assert_eq!(statuses, ["201", "409", "200", "201"]);
    assert_eq!(operations[0]["bulkId"], "a");
    assert_eq!(operations[0]["method"], "POST");
    assert_eq!(operations[0]["version"], "W/\"1\"");
    let anna = scim.user_by_name("anna").expect("anna created");
    assert_eq!(
        operations[0]["location"],
        format!(
            "{}/Users/{}",
            client.base,
            anna["id"].as_str().unwrap_or_default()
        )
    );
    assert_eq!(operations[1]["response"]["scimType"], "uniqueness");
    assert_eq!(operations[1]["response"]["status"], "409");
    assert!(operations[1].get("location").is_none());
    assert_eq!(
        operations[2]["location"], operations[0]["location"],
        "bulkId:a names anna"
    );
    assert_eq!(anna["title"], "Guide");
    let names: Vec<Value> = scim.users().iter().map(|u| u["userName"].clone()).collect();
    assert_eq!(names, [json!("taken"), json!("anna"), json!("carl")]);
    assert_eq!(scim.creates_for("taken"), 2);
}

#[tokio::test]
async fn fail_on_errors_stops_processing() {
    let scim = Scim::new();
    let client = serve(&scim).await;
    let answer = client
        .post(
            "/Bulk",
            &bulk(
                json!([
                    create("a", "anna"),
                    {"method": "POST", "path": "/Users", "data": user("no-bulk-id")},
                    {"method": "DELETE", "path": "/Users/bulkId:nobody"},
                    create("d", "dora")
                ]),
                Some(2),
            ),
        )
        .await;
    assert_eq!(answer.status, 200);
    let operations = answer.body["Operations"].as_array().expect("Operations");
    assert_eq!(operations.len(), 3, "the fourth operation is not run");
    assert_eq!(operations[1]["status"], "400");
    assert_eq!(operations[1]["response"]["scimType"], "invalidValue");
    assert_eq!(operations[2]["status"], "400");
    assert!(scim.user_by_name("dora").is_none());
    assert!(scim.user_by_name("anna").is_some());
}

#[tokio::test]
async fn put_and_delete_in_bulk_with_versions() {
    let scim = Scim::new();
    let client = serve(&scim).await;
    let id = client.create(&user("erik")).await;
    let other = client.create(&user("fay")).await;
    let answer = client
        .post(
            "/Bulk",
            &bulk(
                json!([
                    {"method": "PUT", "path": format!("/Users/{id}"), "version": "W/\"1\"", "data": user("erik.n")},
                    {"method": "DELETE", "path": format!("/Users/{other}"), "version": "W/\"7\""},
                    {"method": "DELETE", "path": format!("/Users/{other}")},
                    {"method": "POST", "path": "/Groups", "bulkId": "g", "data": {}}
                ]),
                None,
            ),
        )
        .await;
    let operations = answer.body["Operations"].as_array().expect("Operations");
    let statuses: Vec<&str> = operations
        .iter()
        .filter_map(|o| o["status"].as_str())
        .collect();
    assert_eq!(statuses, ["200", "412", "204", "400"]);
    assert_eq!(operations[0]["version"], "W/\"2\"");
    assert_eq!(operations[3]["response"]["scimType"], "invalidPath");
    let names: Vec<Value> = scim.users().iter().map(|u| u["userName"].clone()).collect();
    assert_eq!(names, [json!("erik.n")]);
}

#[tokio::test]
async fn requests_over_the_limits_or_malformed_are_refused_whole() {
    let scim = Scim::new();
    let client = serve(&scim).await;
    let many: Vec<Value> = (0..=MAX_OPERATIONS)
        .map(|i| create(&format!("b{i}"), &format!("u{i}")))
        .collect();
    let answer = client.post("/Bulk", &bulk(Value::Array(many), None)).await;
    assert_eq!(scim_error(&answer).0, 413);
    let big = "x".repeat(1_100_000);
    let answer = client
        .post(
            "/Bulk",
            &bulk(
                json!([{"method": "POST", "path": "/Users", "bulkId": "x",
        "data": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "x", "title": big}}]),
                None,
            ),
        )
        .await;
    assert_eq!(scim_error(&answer).0, 413);
    let unlisted = client.post("/Bulk", &json!({"Operations": []})).await;
    assert_eq!(scim_error(&unlisted).1, json!("invalidSyntax"));
    let bad_limit = client.post("/Bulk", &bulk(json!([]), Some(0))).await;
    assert_eq!(scim_error(&bad_limit).1, json!("invalidValue"));
    assert!(scim.users().is_empty());
    assert_eq!(scim.creates_for("u0"), 0);
}
