//! Listing Users with filters and pages, and the ServiceProviderConfig.

use serde_json::{Value, json};

use super::{Client, full_user, scim_error, serve, user};
use crate::scim::Scim;

/// GETs `/Users` with `query` (already encoded) and returns the answer.
async fn list(client: &Client, query: &str) -> super::Answer {
    client.get(&format!("/Users?{query}")).await
}

fn names(body: &Value) -> Vec<String> {
    body["Resources"]
        .as_array()
        .expect("Resources")
        .iter()
        .filter_map(|r| r["userName"].as_str().map(str::to_owned))
        .collect()
}

fn encoded(filter: &str) -> String {
    let mut out = String::from("filter=");
    for b in filter.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[tokio::test]
async fn filters_find_users_by_user_name_email_and_external_id() {
    let scim = Scim::new();
    let client = serve(&scim).await;
    client
        .create(&full_user("anna", "Anna.Berg@Example.com", "E-1"))
        .await;
    client
        .create(&full_user("bob", "bob@example.com", "E-2"))
        .await;
    client.create(&user("carl")).await;

    let by_name = list(&client, &encoded(r#"userName eq "ANNA""#)).await;
    assert_eq!(by_name.status, 200, "{}", by_name.body);
    assert_eq!(
        by_name.body["schemas"],
        json!(["urn:ietf:params:scim:api:messages:2.0:ListResponse"])
    );
    assert_eq!(by_name.body["totalResults"], 1);
    assert_eq!(by_name.body["startIndex"], 1);
    assert_eq!(by_name.body["itemsPerPage"], 1);
    assert_eq!(names(&by_name.body), ["anna"]);
    assert!(by_name.body["Resources"][0]["meta"]["location"].is_string());

    let by_email = list(
        &client,
        &encoded(r#"emails.value eq "anna.berg@example.com""#),
    )
    .await;
    assert_eq!(
        names(&by_email.body),
        ["anna"],
        "emails compare case-insensitively"
    );
    let by_external = list(&client, &encoded(r#"externalId eq "E-2""#)).await;
    assert_eq!(names(&by_external.body), ["bob"]);
    let exact = list(&client, &encoded(r#"externalId eq "e-2""#)).await;
    assert_eq!(exact.body["totalResults"], 0, "externalId is case-exact");
    assert_eq!(exact.body["Resources"], json!([]));
    let extension = list(
        &client,
        &encoded(r#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "701984" and not (userName sw "b")"#),
    )
    .await;
    assert_eq!(names(&extension.body), ["anna"]);
    let value_path = list(
        &client,
        &encoded(r#"emails[type eq "work" and value co "bob"]"#),
    )
    .await;
    assert_eq!(names(&value_path.body), ["bob"]);
    let nobody = list(&client, &encoded(r#"userName eq "dora""#)).await;
    assert_eq!(nobody.status, 200);
    assert_eq!(nobody.body["totalResults"], 0);
}

#[tokio::test]
async fn malformed_filters_are_400_invalid_filter() {
    let scim = Scim::new();
    let client = serve(&scim).await;
    for filter in [
        r#"userName eq"#,
        r#"userName xx "a""#,
        r#"userName eq "a" )"#,
        r#"(userName eq "a""#,
        r#"active gt true"#,
        r#"userName eq "unterminated"#,
        r#"userName eq bare"#,
    ] {
        let answer = list(&client, &encoded(filter)).await;
        let (status, scim_type, _) = scim_error(&answer);
        assert_eq!(
            (status, scim_type),
            (400, json!("invalidFilter")),
            "{filter}"
        );
    }
}

#[tokio::test]
async fn pages_follow_start_index_and_count() {
    let scim = Scim::new();
    let client = serve(&scim).await;
    for name in ["u1", "u2", "u3", "u4", "u5"] {
        client.create(&user(name)).await;
    }
    let page = list(&client, "startIndex=2&count=2").await;
    assert_eq!(page.body["totalResults"], 5);
    assert_eq!(page.body["startIndex"], 2);
    assert_eq!(page.body["itemsPerPage"], 2);
    assert_eq!(names(&page.body), ["u2", "u3"]);
    let tail = list(&client, "startIndex=5&count=10").await;
    assert_eq!(names(&tail.body), ["u5"]);
    let zero = list(&client, "count=0").await;
    assert_eq!(
        (
            zero.body["totalResults"].clone(),
            zero.body["itemsPerPage"].clone()
        ),
        (json!(5), json!(0))
    );
    let low = list(&client, "startIndex=0&count=-3").await;
    assert_eq!(low.body["startIndex"], 1, "startIndex below 1 reads as 1");
    assert_eq!(low.body["itemsPerPage"], 0, "negative count reads as 0");
    let bad = list(&client, "count=many").await;
    assert_eq!(scim_error(&bad).1, json!("invalidValue"));
}

#[tokio::test]
async fn service_provider_config_states_the_limits() {
    let scim = Scim::new();
    let client = serve(&scim).await;
    let answer = client.get("/ServiceProviderConfig").await;
    assert_eq!(answer.status, 200);
    let config = &answer.body;
    assert_eq!(
        config["schemas"],
        json!(["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"])
    );
    assert_eq!(config["patch"]["supported"], true);
    assert_eq!(
        config["bulk"],
        json!({"supported": true, "maxOperations": 1000, "maxPayloadSize": 1_048_576})
    );
    assert_eq!(
        config["filter"],
        json!({"supported": true, "maxResults": 200})
    );
    assert_eq!(config["etag"]["supported"], true);
    assert_eq!(config["sort"]["supported"], false);
    assert_eq!(
        config["authenticationSchemes"][0]["type"],
        "oauthbearertoken"
    );
}
