//! The LMS Collaborator emulator, driven over HTTP.

mod common;

use common::start;
use muster_sandbox::Sandbox;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

/// Document 003's request example.
fn example() -> Value {
    json!({
        "uid": "cl123456", "secondname": "Smith", "firstname": "John", "patronymic": "",
        "login": "john.smith", "email": "john.smith@example.com", "password": "123456",
        "birth_date": "26.07.1988", "gender": 0, "is_active": 1, "city": "Kyiv",
        "department": "Main Office", "position": "CEO", "tags": "tag1", "phone": "+380971111111",
        "user_field1": "Cluster1", "user_field2": "Top Management", "user_field3": "Ukraine",
        "user_field4": "string", "user_field5": "string"
    })
}

async fn post(client: &Client, sandbox: &Sandbox, body: &Value) -> (StatusCode, Value) {
    let response = client
        .post(format!(
            "{}/api/v2/users-import/single",
            sandbox.lms().url()
        ))
        .bearer_auth(sandbox.lms().emulator().token())
        .header("content-type", "application/json;charset=UTF-8")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    (response.status(), response.json().await.unwrap())
}

fn counts(created: u32, updated: u32, blocked: u32, unblocked: u32) -> Value {
    json!({"created_count": created, "updated_count": updated, "blocked_count": blocked, "unblocked_count": unblocked})
}

#[tokio::test]
async fn the_sandbox_counts_the_users_each_emulator_holds() {
    let sandbox = start().await;
    assert_eq!(sandbox.user_count("lms"), Some(0));
    let client = Client::new();
    assert_eq!(post(&client, &sandbox, &example()).await.0, StatusCode::OK);
    // The same uid again updates the user: still one.
    assert_eq!(post(&client, &sandbox, &example()).await.0, StatusCode::OK);
    assert_eq!(sandbox.user_count("LMS"), Some(1));
    assert_eq!(sandbox.user_count("auth0"), Some(0));
    assert_eq!(sandbox.user_count("ldap"), None);
    // Every emulator the sandbox describes as a connection can be counted.
    for spec in sandbox.connections() {
        assert!(sandbox.user_count(spec.kind).is_some(), "{}", spec.kind);
        assert!(!spec.label().is_empty());
    }
}

#[tokio::test]
async fn create_update_block_unblock() {
    let sandbox = start().await;
    let lms = sandbox.lms().emulator();
    let client = Client::new();

    assert_eq!(
        post(&client, &sandbox, &example()).await,
        (StatusCode::OK, counts(1, 0, 0, 0))
    );
    let user = lms.user("cl123456").unwrap();
    assert_eq!(
        (user.login.as_str(), user.active, user.posts),
        ("john.smith", true, 1)
    );
    assert!(user.password_set);
    assert!(
        !user.fields.contains_key("password"),
        "the password is not kept"
    );

    let mut moved = example();
    moved["city"] = json!("Lviv");
    moved["birth_date"] = json!("1988-07-26");
    moved.as_object_mut().unwrap().remove("gender");
    assert_eq!(
        post(&client, &sandbox, &moved).await,
        (StatusCode::OK, counts(0, 1, 0, 0))
    );
    let user = lms.user("cl123456").unwrap();
    assert_eq!(user.fields["city"], "Lviv");
    assert_eq!(user.fields["gender"], 0, "fields left out keep their value");

    let mut blocked = example();
    blocked["is_active"] = json!(0);
    assert_eq!(
        post(&client, &sandbox, &blocked).await,
        (StatusCode::OK, counts(0, 1, 1, 0))
    );
    assert!(!lms.user("cl123456").unwrap().active);
    assert_eq!(
        post(&client, &sandbox, &blocked).await,
        (StatusCode::OK, counts(0, 1, 0, 0))
    );
    assert_eq!(
        post(&client, &sandbox, &example()).await,
        (StatusCode::OK, counts(0, 1, 0, 1))
    );
    assert!(lms.user("cl123456").unwrap().active);
    assert_eq!(lms.post_count("cl123456"), 5);

    let mut new_blocked = example();
    new_blocked["uid"] = json!("cl2");
    new_blocked["login"] = json!("ann");
    new_blocked["is_active"] = json!(0);
    assert_eq!(
        post(&client, &sandbox, &new_blocked).await,
        (StatusCode::OK, counts(1, 0, 1, 0))
    );
    assert_eq!(lms.users().len(), 2);
}

#[tokio::test]
async fn invalid_input_is_400_with_the_message() {
    let sandbox = start().await;
    let client = Client::new();

    let mut no_email = example();
    no_email.as_object_mut().unwrap().remove("email");
    assert_eq!(
        post(&client, &sandbox, &no_email).await,
        (
            StatusCode::BAD_REQUEST,
            json!({"error": "Required fields: uid, login, email, firstname, secondname"})
        )
    );

    let mut bad_date = example();
    bad_date["birth_date"] = json!("1988/07/26");
    let (status, body) = post(&client, &sandbox, &bad_date).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["error"].as_str().unwrap().contains("birth_date"),
        "{body}"
    );

    let mut bad_gender = example();
    bad_gender["gender"] = json!(2);
    assert_eq!(
        post(&client, &sandbox, &bad_gender).await.0,
        StatusCode::BAD_REQUEST
    );

    post(&client, &sandbox, &example()).await;
    let mut same_login = example();
    same_login["uid"] = json!("other");
    let (status, body) = post(&client, &sandbox, &same_login).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["error"].as_str().unwrap().contains("john.smith"),
        "{body}"
    );

    // A user whose login changes frees the old login and holds the new one.
    let mut renamed = example();
    renamed["login"] = json!("j.smith");
    assert_eq!(post(&client, &sandbox, &renamed).await.0, StatusCode::OK);
    assert_eq!(post(&client, &sandbox, &same_login).await.0, StatusCode::OK);
    let mut takes_new_login = example();
    takes_new_login["uid"] = json!("third");
    takes_new_login["login"] = json!("j.smith");
    let (status, body) = post(&client, &sandbox, &takes_new_login).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["error"].as_str().unwrap().contains("j.smith"),
        "{body}"
    );
    // Put back as it was for the checks below: "other" leaves the login to the first user.
    same_login["login"] = json!("other.login");
    assert_eq!(post(&client, &sandbox, &same_login).await.0, StatusCode::OK);

    sandbox
        .lms()
        .emulator()
        .update_config(|config| config.require_position = true);
    let mut no_position = example();
    no_position.as_object_mut().unwrap().remove("position");
    let (status, body) = post(&client, &sandbox, &no_position).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["error"],
        "Required fields: uid, login, email, firstname, secondname, position"
    );

    assert_eq!(
        sandbox.lms().emulator().users().len(),
        2,
        "only the valid requests were kept"
    );
}

#[tokio::test]
async fn token_is_required() {
    let sandbox = start().await;
    let client = Client::new();
    let url = format!("{}/api/v2/users-import/single", sandbox.lms().url());
    let anonymous = client.post(&url).json(&example()).send().await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let wrong = client
        .post(&url)
        .bearer_auth("xxxxxx")
        .json(&example())
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let body: Value = wrong.json().await.unwrap();
    assert_eq!(body, json!({"error": "Unauthorized"}));
    let printed = sandbox.lms().emulator().credentials();
    assert_eq!(
        printed,
        vec![(
            "api_token".to_owned(),
            sandbox.lms().emulator().token().to_owned()
        )]
    );
    assert!(sandbox.lms().emulator().users().is_empty());
}

#[tokio::test]
async fn the_sandbox_listing_shows_what_arrived_without_the_password() {
    let sandbox = start().await;
    let client = Client::new();
    let listing = format!("{}/_sandbox/lms/users", sandbox.lms().url());
    let empty: Value = client
        .get(&listing)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(empty, json!([]));

    assert_eq!(post(&client, &sandbox, &example()).await.0, StatusCode::OK);
    let users: Value = client
        .get(&listing)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(users.as_array().map(Vec::len), Some(1));
    assert_eq!(users[0]["uid"], "cl123456");
    assert_eq!(users[0]["email"], "john.smith@example.com");
    assert_eq!(users[0]["fields"]["department"], "Main Office");
    assert_eq!(users[0]["password_set"], true);
    assert!(
        !users.to_string().contains("\"123456\""),
        "no password in the listing"
    );
}
