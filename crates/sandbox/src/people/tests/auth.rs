//! Bearer, Basic and both OAuth grants; wrong credentials.

use serde_json::Value;

use super::{serve, small};

#[tokio::test]
async fn bearer_basic_and_issued_tokens_are_accepted_and_others_refused() {
    let people = small(10);
    let client = serve(&people).await;
    let url = format!("{}/v1/cursor/people", client.base);
    let status = |r: reqwest::Response| r.status().as_u16();

    let bearer = client
        .http
        .get(&url)
        .bearer_auth(people.token())
        .send()
        .await
        .unwrap();
    assert_eq!(status(bearer), 200);
    let basic = client
        .http
        .get(&url)
        .basic_auth(people.username(), Some(people.password()))
        .send()
        .await
        .unwrap();
    assert_eq!(status(basic), 200);

    for request in [
        client.http.get(&url),
        client.http.get(&url).bearer_auth("wrong"),
        client
            .http
            .get(&url)
            .basic_auth(people.username(), Some("wrong")),
        client
            .http
            .get(&url)
            .basic_auth("nobody", Some(people.password())),
    ] {
        let response = request.send().await.unwrap();
        assert_eq!(response.status().as_u16(), 401);
        assert!(
            response.headers()["www-authenticate"]
                .to_str()
                .unwrap()
                .contains("Basic")
        );
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"], "unauthorized");
    }
    let token_url = format!("{}/oauth/token", client.base);

    // client_credentials, the client in the body and then in a Basic header.
    let in_body = format!(
        "grant_type=client_credentials&client_id={}&client_secret={}",
        people.client_id(),
        people.client_secret()
    );
    let in_header = client
        .http
        .post(&token_url)
        .basic_auth(people.client_id(), Some(people.client_secret()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("grant_type=client_credentials");
    let password = format!(
        "grant_type=password&client_id={}&username={}&password={}",
        people.client_id(),
        people.username(),
        people.password()
    );
    for request in [
        client
            .http
            .post(&token_url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(in_body),
        in_header,
        client
            .http
            .post(&token_url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(password),
    ] {
        let response = request.send().await.unwrap();
        assert_eq!(response.status().as_u16(), 200);
        assert_eq!(response.headers()["cache-control"], "no-store");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["token_type"], "Bearer");
        assert_eq!(body["expires_in"], 3600);
        let token = body["access_token"].as_str().unwrap();
        let listed = client
            .http
            .get(&url)
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(status(listed), 200);
    }
}

#[tokio::test]
async fn the_token_endpoint_answers_rfc_6749_errors() {
    let people = small(5);
    let client = serve(&people).await;
    let token_url = format!("{}/oauth/token", client.base);
    let id = people.client_id();
    let cases = [
        (
            format!("grant_type=client_credentials&client_id={id}&client_secret=nope"),
            401,
            "invalid_client",
        ),
        (
            "grant_type=client_credentials&client_id=stranger&client_secret=x".to_owned(),
            401,
            "invalid_client",
        ),
        (
            format!(
                "grant_type=password&client_id={id}&username={}&password=nope",
                people.username()
            ),
            400,
            "invalid_grant",
        ),
        (
            "grant_type=password&client_id=stranger&username=a&password=b".to_owned(),
            401,
            "invalid_client",
        ),
        (
            format!("grant_type=password&client_id={id}"),
            400,
            "invalid_request",
        ),
        ("client_id=x".to_owned(), 400, "invalid_request"),
        (
            "grant_type=authorization_code".to_owned(),
            400,
            "unsupported_grant_type",
        ),
    ];
    for (body, code, error) in cases {
        let response = client
            .http
            .post(&token_url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), code, "{body}");
        let answer: Value = response.json().await.unwrap();
        assert_eq!(answer["error"], error, "{body}");
        assert!(answer["error_description"].is_string());
    }
    assert_eq!(people.credentials().len(), 6);
}
