//! The import task: document 002's example, skip versus update of existing users, failed
//! records, request-level refusals, and what the emulator kept.

use std::time::Duration;

use serde_json::{Value, json};

use super::{completed, import, serve, start_import, task_status, token};
use crate::authgear::{Authgear, Identifier, Summary};

const HASH: &str = "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";

#[tokio::test]
async fn documented_example_goes_pending_then_completed() {
    let authgear = Authgear::new().with_task_delay(Duration::from_millis(300));
    let base = serve(&authgear).await;
    let token = token(&authgear);
    // The two records of document 002's usage example.
    let body = json!({
        "identifier": "email",
        "records": [
            {"email": "user1@example.com", "email_verified": true,
             "password": {"type": "bcrypt", "password_hash": HASH}},
            {"email": "user2@example.com", "email_verified": false, "name": "John Doe",
             "given_name": "John", "family_name": "Doe",
             "password": {"type": "bcrypt", "password_hash": HASH}}
        ]
    });
    let (status, accepted) = start_import(&base, &token, &body).await;
    assert_eq!(status, 200, "{accepted}");
    let task = &accepted["result"];
    let id = task["id"].as_str().expect("id");
    assert!(id.starts_with("task_") && id.len() == 37, "{id}");
    assert_eq!(task["status"], "pending");
    assert!(
        task["created_at"]
            .as_str()
            .is_some_and(|t| t.ends_with('Z'))
    );
    assert!(task.get("summary").is_none());

    let (status, early) = task_status(&base, &token, id).await;
    assert_eq!(status, 200);
    assert_eq!(early["result"]["status"], "pending");
    assert!(
        authgear.users().is_empty(),
        "nothing imported before the delay"
    );

    let done = completed(&base, &token, id).await;
    assert_eq!(done["id"], id);
    assert_eq!(
        done["summary"],
        json!({"total": 2, "inserted": 2, "updated": 0, "skipped": 0, "failed": 0})
    );
    let details = done["details"].as_array().expect("details");
    assert_eq!(details[0]["index"], 0);
    assert_eq!(details[0]["outcome"], "inserted");
    assert_eq!(
        details[0]["record"]["password"],
        json!({"type": "bcrypt", "password_hash": "REDACTED"})
    );
    assert!(details[0].get("warnings").is_none());
    assert_eq!(
        details[1]["warnings"],
        json!([{"message": "email_verified = false has no effect in insert."}])
    );
    assert_eq!(details[1]["record"]["name"], "John Doe");

    // What the emulator kept: the users with their unredacted hashes, under the ids reported.
    let users = authgear.users();
    assert_eq!(users.len(), 2);
    let first = authgear
        .user_by(Identifier::Email, "USER1@example.com")
        .expect("user1 found case-insensitively");
    assert_eq!(first["id"], details[0]["user_id"]);
    assert_eq!(first["email_verified"], true);
    assert_eq!(first["password"]["password_hash"], HASH);
    let second = authgear
        .user_by(Identifier::Email, "user2@example.com")
        .expect("user2");
    assert_eq!(second["email_verified"], false);
    assert_eq!(second["family_name"], "Doe");
    assert_eq!(authgear.imports_for("user1@example.com"), 1);
    assert_eq!(authgear.task_ids(), vec![id.to_owned()]);
    assert_eq!(
        authgear.summary(id),
        Some(Summary {
            total: 2,
            inserted: 2,
            updated: 0,
            skipped: 0,
            failed: 0
        })
    );
}

#[tokio::test]
async fn existing_user_is_skipped_without_upsert() {
    let authgear = Authgear::new().with_task_delay(Duration::ZERO);
    let base = serve(&authgear).await;
    let token = token(&authgear);
    let first = import(
        &base,
        &token,
        "email",
        false,
        json!([{"email": "anna@example.com", "name": "Anna"}]),
    )
    .await;
    let user_id = first["details"][0]["user_id"].clone();

    let again = import(
        &base,
        &token,
        "email",
        false,
        json!([{"email": "Anna@Example.com", "name": "Anna Berg"}]),
    )
    .await;
    assert_eq!(again["summary"]["skipped"], 1);
    assert_eq!(again["summary"]["inserted"], 0);
    let detail = &again["details"][0];
    assert_eq!(detail["outcome"], "skipped");
    assert_eq!(detail["user_id"], user_id);
    assert_eq!(
        detail["warnings"],
        json!([{"message": "skipping because upsert = false and user exists"}])
    );
    let kept = authgear.users();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0]["name"], "Anna", "a skipped record changes nothing");
    assert_eq!(
        authgear.imports_for("anna@example.com"),
        2,
        "both sends are counted"
    );
}

#[tokio::test]
async fn existing_user_is_updated_with_upsert_by_the_update_rules() {
    let authgear = Authgear::new().with_task_delay(Duration::ZERO);
    let base = serve(&authgear).await;
    let token = token(&authgear);
    let first = import(
        &base,
        &token,
        "phone_number",
        false,
        json!([{
            "phone_number": "+85123456789", "email": "jd@example.com", "given_name": "John",
            "nickname": "JD", "custom_attributes": {"member_id": "1", "tier": "gold"},
            "roles": ["role_a", "role_b"], "password": {"type": "bcrypt", "password_hash": HASH}
        }]),
    )
    .await;
    let user_id = first["details"][0]["user_id"].clone();

    let second = import(
        &base,
        &token,
        "phone_number",
        true,
        json!([{
            "phone_number": "+85123456789", "email": null, "given_name": "Johnny",
            "nickname": null, "custom_attributes": {"tier": null, "region": "HK"},
            "roles": ["role_a", "role_c"], "password": {"type": "bcrypt", "password_hash": "$2a$other"}
        }]),
    )
    .await;
    assert_eq!(
        second["summary"],
        json!({"total": 1, "inserted": 0, "updated": 1, "skipped": 0, "failed": 0})
    );
    assert_eq!(second["details"][0]["outcome"], "updated");
    assert_eq!(second["details"][0]["user_id"], user_id);

    let user = authgear
        .user_by(Identifier::PhoneNumber, "+85123456789")
        .expect("user");
    assert_eq!(user["given_name"], "Johnny");
    assert!(user.get("nickname").is_none(), "null removes an attribute");
    assert!(user.get("email").is_none(), "null removes a login ID");
    assert_eq!(
        user["custom_attributes"],
        json!({"member_id": "1", "region": "HK"})
    );
    assert_eq!(user["roles"], json!(["role_a", "role_c"]));
    assert_eq!(
        user["password"]["password_hash"], HASH,
        "password is ignored on update"
    );
    assert!(
        authgear
            .user_by(Identifier::Email, "jd@example.com")
            .is_none()
    );
}

#[tokio::test]
async fn invalid_and_clashing_records_fail_alone() {
    let authgear = Authgear::new().with_task_delay(Duration::ZERO);
    let base = serve(&authgear).await;
    let token = token(&authgear);
    import(
        &base,
        &token,
        "email",
        false,
        json!([{"email": "bob@example.com", "phone_number": "+4915112345678"}]),
    )
    .await;

    let result = import(
        &base,
        &token,
        "email",
        true,
        json!([
            {"name": "No Email"},
            {"email": "carl@example.com", "phone_number": "+4915112345678"},
            {"email": "dora@example.com", "password": {"type": "md5", "password_hash": "x"}},
            {"email": "erik@example.com"}
        ]),
    )
    .await;
    assert_eq!(
        result["summary"],
        json!({"total": 4, "inserted": 1, "updated": 0, "skipped": 0, "failed": 3})
    );
    let details = result["details"].as_array().expect("details");
    let missing = &details[0]["errors"][0];
    assert_eq!(missing["reason"], "ValidationFailed");
    assert_eq!(missing["code"], 400);
    assert_eq!(missing["info"]["causes"][0]["kind"], "required");
    assert_eq!(details[1]["errors"][0]["reason"], "DuplicatedIdentity");
    assert_eq!(details[1]["errors"][0]["code"], 409);
    assert!(details[1].get("user_id").is_none());
    assert_eq!(
        details[2]["errors"][0]["info"]["causes"][0]["location"],
        "/password/type"
    );
    assert_eq!(
        details[2]["record"]["password"]["password_hash"],
        "REDACTED"
    );
    assert_eq!(details[3]["outcome"], "inserted");
    let emails: Vec<Value> = authgear
        .users()
        .iter()
        .map(|u| u["email"].clone())
        .collect();
    assert_eq!(
        emails,
        vec![json!("bob@example.com"), json!("erik@example.com")]
    );
}

#[tokio::test]
async fn malformed_requests_are_refused_before_any_task() {
    let authgear = Authgear::new();
    let base = serve(&authgear).await;
    let token = token(&authgear);
    let client = reqwest::Client::new();

    let (status, body) =
        start_import(&base, &token, &json!({"identifier": "uid", "records": []})).await;
    assert_eq!(status, 400);
    assert_eq!(body["error"]["reason"], "ValidationFailed");
    let kinds: Vec<&str> = body["error"]["info"]["causes"]
        .as_array()
        .expect("causes")
        .iter()
        .filter_map(|c| c["kind"].as_str())
        .collect();
    assert_eq!(kinds, ["enum", "minItems"]);

    let plain = client
        .post(format!("{base}/_api/admin/users/import"))
        .bearer_auth(&token)
        .header("content-type", "text/plain")
        .body(r#"{"identifier":"email","records":[{"email":"a@b.c"}]}"#)
        .send()
        .await
        .expect("POST");
    assert_eq!(plain.status().as_u16(), 400);

    let filler = "x".repeat(600_000);
    let (status, body) = start_import(
        &base,
        &token,
        &json!({
            "identifier": "email", "records": [{"email": "a@b.c", "name": filler}]
        }),
    )
    .await;
    assert_eq!(status, 413);
    assert_eq!(body["error"]["reason"], "JSONTooLarge");

    let (status, body) = task_status(&base, &token, "task_NOSUCHTASK").await;
    assert_eq!(status, 404);
    assert_eq!(body["error"]["reason"], "TaskNotFound");
    assert!(authgear.task_ids().is_empty());
    assert_eq!(authgear.imports_for("a@b.c"), 0);
}

#[tokio::test]
async fn finish_tasks_runs_pending_work_at_once() {
    let authgear = Authgear::new().with_task_delay(Duration::from_secs(3600));
    let base = serve(&authgear).await;
    let token = token(&authgear);
    let body =
        json!({"identifier": "preferred_username", "records": [{"preferred_username": "Kim"}]});
    let (status, accepted) = start_import(&base, &token, &body).await;
    assert_eq!(status, 200);
    let id = accepted["result"]["id"].as_str().expect("id").to_owned();
    assert_eq!(authgear.summary(&id), None);
    authgear.finish_tasks();
    let task = authgear.task(&id).expect("task");
    assert_eq!(task["status"], "completed");
    assert!(task["completed_at"].is_string());
    assert_eq!(
        authgear
            .user_by(Identifier::PreferredUsername, "kim")
            .map(|u| u["preferred_username"].clone()),
        Some(json!("Kim"))
    );
    assert_eq!(authgear.imports_for("KIM"), 1);
}

#[tokio::test]
async fn upsert_sets_verification_and_a_changed_login_id_starts_unverified() {
    let authgear = Authgear::new().with_task_delay(Duration::ZERO);
    let base = serve(&authgear).await;
    let token = token(&authgear);
    import(&base, &token, "email", false, json!([{
        "email": "fay@example.com", "phone_number": "+447700900123", "phone_number_verified": true
    }]))
    .await;
    let user = authgear
        .user_by(Identifier::Email, "fay@example.com")
        .expect("fay");
    assert_eq!(
        (
            user["email_verified"].clone(),
            user["phone_number_verified"].clone()
        ),
        (json!(false), json!(true))
    );

    let result = import(
        &base,
        &token,
        "email",
        true,
        json!([{
            "email": "fay@example.com", "email_verified": true, "phone_number": "+447700900999",
            "disabled": true
        }]),
    )
    .await;
    assert_eq!(result["details"][0]["outcome"], "updated");
    let user = authgear
        .user_by(Identifier::Email, "fay@example.com")
        .expect("fay");
    assert_eq!(user["email_verified"], true);
    assert_eq!(user["phone_number"], "+447700900999");
    assert_eq!(
        user["phone_number_verified"], false,
        "a new phone number is not verified"
    );
    assert_eq!(user["disabled"], true);
    assert!(
        authgear
            .user_by(Identifier::PhoneNumber, "+447700900123")
            .is_none()
    );

    let result = import(
        &base,
        &token,
        "email",
        true,
        json!([{
            "email": "fay@example.com", "phone_number_verified": true
        }]),
    )
    .await;
    assert_eq!(
        result["details"][0]["warnings"],
        json!([{"message": "phone_number_verified has no effect when phone_number is absent."}])
    );
}
