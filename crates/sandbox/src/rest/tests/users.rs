//! Creating, replacing, looking up and paging users.

use reqwest::Method;
use serde_json::{Value, json};

use super::serve;
use crate::rest::Rest;

#[tokio::test]
async fn create_answers_201_with_the_id_and_keeps_the_body() {
    let rest = Rest::new();
    let client = serve(&rest).await;
    let body = json!({"email": "anna@example.com", "first_name": "Anna", "department": "Sales"});
    let (status, location, created) = client.send(Method::POST, "/api/users", Some(&body)).await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_str().expect("id").to_owned();
    assert!(id.starts_with("usr_"), "{id}");
    assert_eq!(location, Some(format!("/api/users/{id}")));
    assert_eq!(created["first_name"], "Anna");
    let (status, _, read) = client
        .send(Method::GET, &format!("/api/users/{id}"), None)
        .await;
    assert_eq!((status, read), (200, created.clone()));

    let chosen = json!({"id": 7, "email": "bob@example.com"});
    let (status, _, bob) = client.send(Method::POST, "/api/users", Some(&chosen)).await;
    assert_eq!(status, 201);
    assert_eq!(bob["id"], "7", "a client-chosen id is kept, as a string");
    assert_eq!(rest.users(), vec![created, bob]);
    assert_eq!(
        rest.user_by_email("ANNA@example.com")
            .map(|u| u["department"].clone()),
        Some(json!("Sales"))
    );
    assert_eq!(rest.posts_for("anna@example.com"), 1);
    assert_eq!(rest.posts_for("7"), 1);
}

#[tokio::test]
async fn taken_email_or_id_is_409_duplicate() {
    let rest = Rest::new();
    let client = serve(&rest).await;
    client
        .send(
            Method::POST,
            "/api/users",
            Some(&json!({"id": "e-1", "email": "anna@example.com"})),
        )
        .await;
    let cases = [
        (json!({"email": "ANNA@example.com"}), "email"),
        (json!({"id": "e-1", "email": "other@example.com"}), "id"),
    ];
    for (body, field) in cases {
        let (status, _, answer) = client.send(Method::POST, "/api/users", Some(&body)).await;
        assert_eq!(status, 409, "{body}");
        assert_eq!(answer["error"]["code"], "duplicate");
        assert_eq!(answer["error"]["field"], field);
        assert!(answer["error"]["message"].is_string());
    }
    assert_eq!(rest.users().len(), 1);
    assert_eq!(
        rest.posts_for("Anna@Example.com"),
        2,
        "the refused POST is counted too"
    );
    assert_eq!(rest.posts_for("e-1"), 2);
}

#[tokio::test]
async fn missing_or_bad_email_is_422_invalid() {
    let rest = Rest::new();
    let client = serve(&rest).await;
    for body in [
        json!({"first_name": "No"}),
        json!({"email": ""}),
        json!({"email": "no-at-sign"}),
        json!({"email": 5}),
    ] {
        let (status, _, answer) = client.send(Method::POST, "/api/users", Some(&body)).await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(answer["error"]["code"], "invalid");
        assert_eq!(answer["error"]["field"], "email");
    }
    let (status, _, answer) = client
        .send(
            Method::POST,
            "/api/users",
            Some(&json!(["not", "an", "object"])),
        )
        .await;
    assert_eq!(
        (status, answer["error"]["code"].clone()),
        (400, json!("bad_request"))
    );
    assert!(rest.users().is_empty());
}

#[tokio::test]
async fn put_replaces_known_users_only() {
    let rest = Rest::new();
    let client = serve(&rest).await;
    let (_, _, anna) = client
        .send(
            Method::POST,
            "/api/users",
            Some(&json!({"email": "anna@example.com", "title": "Guide"})),
        )
        .await;
    client
        .send(
            Method::POST,
            "/api/users",
            Some(&json!({"email": "bob@example.com"})),
        )
        .await;
    let id = anna["id"].as_str().expect("id");

    let update = json!({"email": "anna.berg@example.com", "first_name": "Anna"});
    let (status, _, updated) = client
        .send(Method::PUT, &format!("/api/users/{id}"), Some(&update))
        .await;
    assert_eq!(status, 200, "{updated}");
    assert_eq!(
        updated,
        json!({"email": "anna.berg@example.com", "first_name": "Anna", "id": id})
    );
    assert!(rest.user_by_email("anna@example.com").is_none());
    assert_eq!(rest.user_by_email("anna.berg@example.com"), Some(updated));

    let (status, _, answer) = client
        .send(Method::PUT, "/api/users/usr_nobody", Some(&update))
        .await;
    assert_eq!(
        (status, answer["error"]["code"].clone()),
        (404, json!("not_found"))
    );
    let (status, _, answer) = client
        .send(
            Method::PUT,
            &format!("/api/users/{id}"),
            Some(&json!({"email": "BOB@example.com"})),
        )
        .await;
    assert_eq!(
        (status, answer["error"]["code"].clone()),
        (409, json!("duplicate"))
    );
    let (status, _, answer) = client
        .send(
            Method::PUT,
            &format!("/api/users/{id}"),
            Some(&json!({"id": "other", "email": "x@y.z"})),
        )
        .await;
    assert_eq!(
        (status, answer["error"]["field"].clone()),
        (422, json!("id"))
    );
    let (status, _, answer) = client
        .send(Method::PUT, &format!("/api/users/{id}"), Some(&json!({})))
        .await;
    assert_eq!(
        (status, answer["error"]["field"].clone()),
        (422, json!("email"))
    );
    assert_eq!(
        rest.posts_for("anna.berg@example.com"),
        0,
        "PUTs are not POSTs"
    );
}

#[tokio::test]
async fn lookup_by_email_and_pages() {
    let rest = Rest::new();
    let client = serve(&rest).await;
    for n in 1..=5 {
        client
            .send(
                Method::POST,
                "/api/users",
                Some(&json!({"email": format!("u{n}@example.com")})),
            )
            .await;
    }
    let emails = |body: &Value| -> Vec<String> {
        body["data"]
            .as_array()
            .expect("data")
            .iter()
            .filter_map(|u| u["email"].as_str().map(str::to_owned))
            .collect()
    };
    let (status, _, found) = client
        .send(Method::GET, "/api/users?email=U3%40EXAMPLE.com", None)
        .await;
    assert_eq!(status, 200);
    assert_eq!(emails(&found), ["u3@example.com"]);
    assert_eq!(found["total"], 1);
    let (_, _, none) = client
        .send(Method::GET, "/api/users?email=nobody%40example.com", None)
        .await;
    assert_eq!(
        (none["total"].clone(), none["data"].clone()),
        (json!(0), json!([]))
    );

    let (_, _, page) = client
        .send(Method::GET, "/api/users?page=2&per_page=2", None)
        .await;
    assert_eq!(emails(&page), ["u3@example.com", "u4@example.com"]);
    assert_eq!(
        (
            page["page"].clone(),
            page["per_page"].clone(),
            page["total"].clone(),
            page["total_pages"].clone()
        ),
        (json!(2), json!(2), json!(5), json!(3))
    );
    let (_, _, all) = client.send(Method::GET, "/api/users", None).await;
    assert_eq!(
        (all["per_page"].clone(), emails(&all).len()),
        (json!(50), 5)
    );
    for (query, field) in [
        ("page=0", "page"),
        ("per_page=101", "per_page"),
        ("page=two", "page"),
    ] {
        let (status, _, answer) = client
            .send(Method::GET, &format!("/api/users?{query}"), None)
            .await;
        assert_eq!(
            (status, answer["error"]["field"].clone()),
            (422, json!(field)),
            "{query}"
        );
    }
}
