//! Tokens and scopes, lookups, and the error bodies.

use serde_json::json;

use super::{serve, small};

#[tokio::test]
async fn missing_unknown_and_scopeless_tokens_are_refused() {
    let hris = small(10);
    let client = serve(&hris).await;
    let unauthorized = json!({"error": {"code": "unauthorized",
        "message": "Invalid or expired authentication token"}});
    for token in [None, Some("not-a-token")] {
        for path in [
            "/api/v1/users",
            "/api/v1/users/E1000001",
            "/api/v1/users/by_email/a@b.c",
        ] {
            let (status, headers, body) = client.get_as(path, token).await;
            assert_eq!((status, &body), (401, &unauthorized), "{path} {token:?}");
            assert!(headers.get("x-ratelimit-limit").is_none());
        }
    }
    let basic = client
        .http
        .get(format!("{}/api/v1/users", client.base))
        .basic_auth(hris.read_token(), Some(""))
        .send()
        .await
        .unwrap();
    assert_eq!(basic.status().as_u16(), 401);

    let (status, _, body) = client
        .get_as("/api/v1/users", Some(hris.no_scope_token()))
        .await;
    assert_eq!(status, 403);
    assert_eq!(
        body,
        json!({"error": {"code": "insufficient_scope",
            "message": "Insufficient scope: this endpoint needs read:users or admin"}})
    );
    let (status, _, _) = client
        .get_as("/api/v1/users", Some(hris.admin_token()))
        .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn lookups_answer_the_detail_or_the_reference_404() {
    let hris = small(30);
    let client = serve(&hris).await;
    let listed = hris.user("E1000012").unwrap();
    let by_uid = client.get("/api/v1/users/E1000012").await;
    let user = &by_uid["user"];
    assert_eq!(user["email"], listed["email"]);
    for key in [
        "direct_reports_count",
        "organizational_department",
        "flsa_status",
        "worker_classification",
        "time_zone",
        "external_employee_id",
        "skills_count",
        "certifications_count",
    ] {
        assert!(user.get(key).is_some(), "{key}");
    }
    assert!(user["manager"]["job_title"].is_string());
    assert_eq!(user["locations"][0]["name"], listed["locations"][0]);
    assert!(user["locations"][0]["address"].is_string());
    assert_eq!(
        user["organizational_department"]["name"],
        listed["department"]
    );

    let email = listed["email"].as_str().unwrap().to_uppercase();
    let by_email = client.get(&format!("/api/v1/users/by_email/{email}")).await;
    assert_eq!(by_email, by_uid);
    let boss = client.get("/api/v1/users/E1000001").await;
    assert!(boss["user"]["direct_reports_count"].as_u64().unwrap() > 0);

    let (status, headers, body) = client
        .get_as("/api/v1/users/E9999999", Some(&client.token))
        .await;
    assert_eq!(status, 404);
    assert_eq!(
        body,
        json!({"error": {"code": "user_not_found",
            "message": "User with UID 'E9999999' not found in current business"}})
    );
    assert_eq!(headers["x-ratelimit-limit"], "300");
    let (status, _, body) = client
        .get_as(
            "/api/v1/users/by_email/nonexistent@example.com",
            Some(&client.token),
        )
        .await;
    assert_eq!(status, 404);
    assert_eq!(
        body["error"]["message"],
        "User with email 'nonexistent@example.com' not found in current business"
    );

    let report = hris.churn(&crate::hris::Churn {
        deleted: 1,
        ..Default::default()
    });
    let gone = &report.deleted[0];
    let (status, _, _) = client
        .get_as(&format!("/api/v1/users/{gone}"), Some(&client.token))
        .await;
    assert_eq!(status, 404, "a soft-deleted user is not found");
}

#[tokio::test]
async fn bad_parameters_are_400_naming_the_parameter() {
    let hris = small(10);
    let client = serve(&hris).await;
    for (query, parameter) in [
        ("per_page=0", "per_page"),
        ("page=0", "page"),
        ("page=two", "page"),
        ("active=maybe", "active"),
        ("include_deleted=perhaps", "include_deleted"),
        ("updated_after=yesterday", "updated_after"),
        ("sort_by=email", "sort_by"),
        ("sort_order=sideways", "sort_order"),
    ] {
        let (status, headers, body) = client
            .get_as(&format!("/api/v1/users?{query}"), Some(&client.token))
            .await;
        assert_eq!(status, 400, "{query}");
        assert_eq!(body["error"]["code"], "invalid_parameter");
        let message = body["error"]["message"].as_str().unwrap();
        assert!(message.contains(&format!("'{parameter}'")), "{message}");
        assert_eq!(headers["x-ratelimit-limit"], "100");
    }
    assert_eq!(hris.list_requests(), 0);
}
