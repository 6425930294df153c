//! PATCH with add, replace and remove.

use reqwest::Method;
use serde_json::{Value, json};

use super::{Client, ENTERPRISE_SCHEMA, full_user, scim_error, serve, user};
use crate::scim::{PATCH_SCHEMA, Scim};

fn patch_op(operations: Value) -> Value {
    json!({"schemas": [PATCH_SCHEMA], "Operations": operations})
}

async fn patch(client: &Client, id: &str, operations: Value) -> super::Answer {
    client
        .send(
            Method::PATCH,
            &format!("/Users/{id}"),
            Some(&patch_op(operations)),
            &[],
        )
        .await
}

#[tokio::test]
async fn simple_attributes_and_active() {
    let scim = Scim::new();
    let client = serve(&scim).await;
    let id = client
        .create(&full_user("anna", "anna@example.com", "E-1"))
        .await;
    let answer = patch(
        &client,
        &id,
        json!([
            {"op": "replace", "path": "active", "value": false},
            {"op": "add", "path": "title", "value": "Tour Guide"},
            {"op": "Replace", "path": "name.givenName", "value": "Annie"},
            {"op": "remove", "path": "externalId"}
        ]),
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body["active"], false);
    assert_eq!(answer.body["title"], "Tour Guide");
    assert_eq!(
        answer.body["name"],
        json!({"givenName": "Annie", "familyName": "Berg"})
    );
    assert!(answer.body.get("externalId").is_none());
    assert_eq!(answer.body["meta"]["version"], "W/\"2\"");
    let kept = scim.user_by_name("anna").expect("kept");
    assert_eq!(kept["active"], false);
    assert_eq!(kept["title"], "Tour Guide");
}

#[tokio::test]
async fn pathless_values_multi_valued_filters_and_the_extension() {
    let scim = Scim::new();
    let client = serve(&scim).await;
    let id = client.create(&user("bob")).await;
    let answer = patch(
        &client,
        &id,
        json!([
            {"op": "add", "value": {"displayName": "Bob B", "emails": [{"value": "bob@home.example", "type": "home"}]}},
            {"op": "add", "path": "emails[type eq \"work\"].value", "value": "bob@work.example"},
            {"op": "replace", "path": "emails[type eq \"home\"].primary", "value": true},
            {"op": "add", "path": format!("{ENTERPRISE_SCHEMA}:department"), "value": "Sales"},
            {"op": "replace", "value": {ENTERPRISE_SCHEMA: {"costCenter": "4130"}}}
        ]),
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body["displayName"], "Bob B");
    assert_eq!(
        answer.body["emails"],
        json!([
            {"value": "bob@home.example", "type": "home", "primary": true},
            {"type": "work", "value": "bob@work.example"}
        ])
    );
    assert_eq!(
        answer.body[ENTERPRISE_SCHEMA],
        json!({"department": "Sales", "costCenter": "4130"})
    );
    let schemas = answer.body["schemas"].as_array().expect("schemas");
    assert!(
        schemas.contains(&json!(ENTERPRISE_SCHEMA)),
        "the extension is listed once used"
    );

    let removed = patch(
        &client,
        &id,
        json!([{"op": "remove", "path": "emails[type eq \"home\"]"}]),
    )
    .await;
    assert_eq!(
        removed.body["emails"],
        json!([{"type": "work", "value": "bob@work.example"}])
    );
}

#[tokio::test]
async fn refused_patches_change_nothing() {
    let scim = Scim::new();
    let client = serve(&scim).await;
    let id = client.create(&user("carl")).await;
    client.create(&user("dora")).await;
    let cases = [
        (
            json!([{"op": "replace", "path": "active", "value": "False"}]),
            400,
            "invalidValue",
        ),
        (json!([{"op": "remove"}]), 400, "noTarget"),
        (
            json!([{"op": "replace", "path": "emails[type eq \"work\"].value", "value": "x"}]),
            400,
            "noTarget",
        ),
        (
            json!([{"op": "replace", "path": "id", "value": "mine"}]),
            400,
            "mutability",
        ),
        (
            json!([{"op": "add", "path": "name..x", "value": 1}]),
            400,
            "invalidPath",
        ),
        (
            json!([{"op": "move", "path": "title", "value": 1}]),
            400,
            "invalidSyntax",
        ),
        (
            json!([{"op": "replace", "path": "userName", "value": "DORA"}]),
            409,
            "uniqueness",
        ),
        (
            json!([{"op": "add", "path": "title", "value": "x"}, {"op": "remove", "path": "userName"}]),
            400,
            "invalidValue",
        ),
    ];
    for (operations, status, scim_type) in cases {
        let answer = patch(&client, &id, operations.clone()).await;
        assert_eq!(
            scim_error(&answer),
            (status, json!(scim_type), answer.body["detail"].clone()),
            "{operations}"
        );
    }
    let without_schema = client
        .send(
            Method::PATCH,
            &format!("/Users/{id}"),
            Some(&json!({"Operations": []})),
            &[],
        )
        .await;
    assert_eq!(scim_error(&without_schema).1, json!("invalidSyntax"));
    let stale = client
        .send(
            Method::PATCH,
            &format!("/Users/{id}"),
            Some(&patch_op(
                json!([{"op": "add", "path": "title", "value": "x"}]),
            )),
            &[("if-match", "W/\"9\"")],
        )
        .await;
    assert_eq!(stale.status, 412);
    let kept = scim.user_by_name("carl").expect("kept");
    assert_eq!(kept["meta"]["version"], "W/\"1\"");
    assert!(kept.get("title").is_none());
    assert_eq!(kept["active"], true);
}
