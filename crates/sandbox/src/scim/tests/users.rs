//! Creating, reading, replacing and deleting Users.

use reqwest::Method;
use serde_json::{Value, json};

use super::{ENTERPRISE_SCHEMA, full_user, scim_error, serve, user};
use crate::scim::Scim;

#[tokio::test]
async fn create_answers_201_with_id_meta_and_keeps_the_extension() {
    let scim = Scim::new();
    let client = serve(&scim).await;
    let mut body = full_user("anna.berg", "anna@example.com", "E-1");
    body["password"] = json!("t1meMa$heen");
    body["id"] = json!("client-chosen");
    let answer = client.post("/Users", &body).await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    assert_eq!(answer.header("content-type"), Some("application/scim+json"));
    let created = &answer.body;
    let id = created["id"].as_str().expect("id");
    assert_ne!(id, "client-chosen", "id is assigned by the service");
    assert_eq!(created["meta"]["resourceType"], "User");
    assert_eq!(created["meta"]["version"], "W/\"1\"");
    assert!(
        created["meta"]["created"]
            .as_str()
            .is_some_and(|t| t.ends_with('Z'))
    );
    let location = format!("{}/Users/{id}", client.base);
    assert_eq!(created["meta"]["location"], location.as_str());
    assert_eq!(answer.header("location"), Some(location.as_str()));
    assert_eq!(answer.header("etag"), Some("W/\"1\""));
    assert_eq!(
        created[ENTERPRISE_SCHEMA], body[ENTERPRISE_SCHEMA],
        "extension kept as sent"
    );
    assert!(
        created.get("password").is_none(),
        "password is never returned"
    );

    let read = client.get(&format!("/Users/{id}")).await;
    assert_eq!(read.status, 200);
    assert_eq!(read.body, answer.body);
    // What the emulator kept.
    let kept = scim.user_by_name("ANNA.BERG").expect("kept");
    assert_eq!(kept["emails"], body["emails"]);
    assert_eq!(scim.password_of("anna.berg"), Some(json!("t1meMa$heen")));
    assert_eq!(scim.creates_for("anna.berg"), 1);
}

#[tokio::test]
async fn taken_user_name_is_409_uniqueness_in_any_case() {
    let scim = Scim::new();
    let client = serve(&scim).await;
    client.create(&user("bjensen")).await;
    let again = client.post("/Users", &user("BJensen")).await;
    let (status, scim_type, _) = scim_error(&again);
    assert_eq!((status, scim_type), (409, json!("uniqueness")));
    assert_eq!(scim.users().len(), 1);
    assert_eq!(
        scim.creates_for("bjensen"),
        2,
        "the refused create is counted too"
    );
}

#[tokio::test]
async fn bodies_without_what_the_schema_requires_are_400() {
    let scim = Scim::new();
    let client = serve(&scim).await;
    let cases = [
        (
            json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"]}),
            "invalidValue",
        ),
        (json!({"userName": "x"}), "invalidSyntax"),
        (
            json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "x",
                ENTERPRISE_SCHEMA: {"department": "D"}}),
            "invalidSyntax",
        ),
        (
            json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "x",
                "active": "yes"}),
            "invalidValue",
        ),
        (
            json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "x",
                "emails": {"value": "x@y.z"}}),
            "invalidValue",
        ),
    ];
    for (body, expected) in cases {
        let answer = client.post("/Users", &body).await;
        let (status, scim_type, _) = scim_error(&answer);
        assert_eq!((status, scim_type), (400, json!(expected)), "{body}");
    }
    let not_json = client
        .http
        .post(format!("{}/Users", client.base))
        .bearer_auth(&client.token)
        .header("content-type", "application/scim+json")
        .body("{\"userName\":")
        .send()
        .await
        .expect("POST");
    assert_eq!(not_json.status().as_u16(), 400);
    let form = client
        .http
        .post(format!("{}/Users", client.base))
        .bearer_auth(&client.token)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("userName=x")
        .send()
        .await
        .expect("POST");
    assert_eq!(form.status().as_u16(), 415);
    assert!(scim.users().is_empty());
}

#[tokio::test]
async fn unknown_ids_are_404_with_detail() {
    let scim = Scim::new();
    let client = serve(&scim).await;
    for method in [Method::GET, Method::DELETE] {
        let answer = client.send(method, "/Users/no-such-id", None, &[]).await;
        let (status, _, detail) = scim_error(&answer);
        assert_eq!(status, 404);
        assert!(
            detail.as_str().is_some_and(|d| d.contains("no-such-id")),
            "{detail}"
        );
    }
    let put = client
        .send(Method::PUT, "/Users/no-such-id", Some(&user("x")), &[])
        .await;
    assert_eq!(put.status, 404);
}

#[tokio::test]
async fn put_replaces_everything_and_checks_uniqueness_and_version() {
    let scim = Scim::new();
    let client = serve(&scim).await;
    let id = client
        .create(&full_user("anna", "anna@example.com", "E-1"))
        .await;
    client.create(&user("bob")).await;

    let mut replacement = user("anna.b");
    replacement["title"] = json!("Guide");
    let answer = client
        .send(
            Method::PUT,
            &format!("/Users/{id}"),
            Some(&replacement),
            &[],
        )
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body["userName"], "anna.b");
    assert_eq!(answer.body["title"], "Guide");
    assert!(
        answer.body.get("emails").is_none(),
        "PUT drops what it does not send"
    );
    assert_eq!(answer.body["meta"]["version"], "W/\"2\"");
    assert_eq!(answer.header("etag"), Some("W/\"2\""));
    assert!(scim.user_by_name("anna").is_none());
    assert!(scim.user_by_name("anna.b").is_some());

    let clash = client
        .send(
            Method::PUT,
            &format!("/Users/{id}"),
            Some(&user("BOB")),
            &[],
        )
        .await;
    assert_eq!(scim_error(&clash).1, json!("uniqueness"));

    let stale = client
        .send(
            Method::PUT,
            &format!("/Users/{id}"),
            Some(&user("anna.c")),
            &[("if-match", "W/\"1\"")],
        )
        .await;
    assert_eq!(scim_error(&stale).0, 412);
    let fresh = client
        .send(
            Method::PUT,
            &format!("/Users/{id}"),
            Some(&user("anna.c")),
            &[("if-match", "W/\"2\"")],
        )
        .await;
    assert_eq!(fresh.status, 200);
    assert_eq!(fresh.body["meta"]["version"], "W/\"3\"");
}

#[tokio::test]
async fn delete_answers_204_and_frees_the_user_name() {
    let scim = Scim::new();
    let client = serve(&scim).await;
    let id = client.create(&user("carl")).await;
    let deleted = client
        .send(Method::DELETE, &format!("/Users/{id}"), None, &[])
        .await;
    assert_eq!(deleted.status, 204);
    assert_eq!(deleted.body, Value::Null);
    assert_eq!(client.get(&format!("/Users/{id}")).await.status, 404);
    assert!(scim.users().is_empty());
    client.create(&user("carl")).await;
    assert_eq!(scim.creates_for("carl"), 2);
}
