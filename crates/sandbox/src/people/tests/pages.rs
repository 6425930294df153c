//! Each pagination style walks every record exactly once, in order; `updated_since`.

use serde_json::{Value, json};

use super::{Client, ids, serve, small};
use crate::people::Churn;

async fn by_page(client: &Client, filter: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut page = 1;
    loop {
        let body = client
            .ok(&format!("/v1/page/people?page={page}&size=30{filter}"))
            .await;
        assert_eq!(body["page"], page);
        out.extend(body["data"]["people"].as_array().unwrap().iter().cloned());
        if page >= body["total_pages"].as_u64().unwrap() {
            return out;
        }
        page += 1;
    }
}

async fn by_offset(client: &Client, filter: &str) -> Vec<Value> {
    let mut out = Vec::new();
    loop {
        let body = client
            .ok(&format!(
                "/v1/offset/people?offset={}&limit=40{filter}",
                out.len()
            ))
            .await;
        let results = body["results"].as_array().unwrap();
        out.extend(results.iter().cloned());
        if results.is_empty() || out.len() as u64 >= body["total"].as_u64().unwrap() {
            return out;
        }
    }
}

async fn by_cursor(client: &Client, filter: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut cursor = String::new();
    loop {
        let body = client
            .ok(&format!(
                "/v1/cursor/people?limit=70&cursor={cursor}{filter}"
            ))
            .await;
        out.extend(body["items"].as_array().unwrap().iter().cloned());
        match body["next_cursor"].as_str() {
            Some(next) => cursor = next.to_owned(),
            None => return out,
        }
    }
}

async fn by_link(client: &Client, filter: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut url = format!("/v1/link/people?per_page=45{filter}");
    loop {
        let (status, link, body) = client.get(&url).await;
        assert_eq!(status, 200);
        out.extend(body.as_array().unwrap().iter().cloned());
        let link = link.unwrap_or_default();
        assert!(out.is_empty() || link.contains("rel=\"last\""), "{link}");
        let next = link
            .split(", ")
            .find(|l| l.ends_with("rel=\"next\""))
            .and_then(|l| l.split_once('<'))
            .and_then(|(_, rest)| rest.split_once('>'))
            .map(|(url, _)| url.to_owned());
        match next {
            Some(next) => {
                assert!(next.starts_with(&client.base), "absolute: {next}");
                url = next;
            }
            None => return out,
        }
    }
}

#[tokio::test]
async fn every_style_walks_every_record_once_in_order() {
    let people = small(333);
    let client = serve(&people).await;
    let expected = ids(&people.records());
    assert_eq!(expected.len(), 333);
    let mut sorted = people.records();
    sorted.sort_by(|a, b| {
        (a["updatedAt"].as_str(), a["employeeId"].as_str())
            .cmp(&(b["updatedAt"].as_str(), b["employeeId"].as_str()))
    });
    assert_eq!(ids(&sorted), expected);
    assert_eq!(ids(&by_page(&client, "").await), expected);
    assert_eq!(ids(&by_offset(&client, "").await), expected);
    assert_eq!(ids(&by_cursor(&client, "").await), expected);
    assert_eq!(ids(&by_link(&client, "").await), expected);

    let record = &people.records()[0];
    assert!(record["name"]["given"].is_string() && record["contact"]["email"].is_string());
    assert!(
        record["contact"]["phone"]
            .as_str()
            .unwrap()
            .starts_with("+44 20 7946 ")
    );
    let records = people.records();
    let statuses: Vec<&str> = records
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert!(statuses.contains(&"inactive") && statuses.contains(&"active"));
}

#[tokio::test]
async fn updated_since_after_a_churn_returns_exactly_the_changes() {
    let people = small(200);
    let client = serve(&people).await;
    let newest = people.records().last().unwrap()["updatedAt"]
        .as_str()
        .unwrap()
        .to_owned();
    let report: Value = client
        .http
        .post(format!("{}/_sandbox/people/churn", client.base))
        .json(
            &json!({"created": 2, "updated": 3, "deactivated": 2, "reactivated": 1, "deleted": 2}),
        )
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut changed: Vec<String> = [
        "created",
        "updated",
        "deactivated",
        "reactivated",
        "deleted",
    ]
    .iter()
    .flat_map(|k| {
        report[k]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
    })
    .collect();
    assert_eq!(changed.len(), 10);
    changed.sort();
    let filter = format!("&updated_since={newest}");
    for (style, got) in [
        ("page", by_page(&client, &filter).await),
        ("offset", by_offset(&client, &filter).await),
        ("cursor", by_cursor(&client, &filter).await),
        ("link", by_link(&client, &filter).await),
    ] {
        let mut got = ids(&got);
        got.sort();
        assert_eq!(got, changed, "{style}");
    }
    let deleted = report["deleted"][0].as_str().unwrap();
    assert_eq!(people.record(deleted).unwrap()["status"], "deleted");
    assert_eq!(
        people
            .record(report["created"][0].as_str().unwrap())
            .unwrap()["status"],
        "active"
    );
    let stamp = people.record(deleted).unwrap()["updatedAt"].clone();
    assert!(stamp.as_str().unwrap() > newest.as_str());
    let later = people.churn(&Churn {
        updated: 1,
        ..Churn::default()
    });
    assert!(people.record(&later.updated[0]).unwrap()["updatedAt"].as_str() > stamp.as_str());
}

#[tokio::test]
async fn the_page_route_also_takes_a_json_post_and_parameters_are_checked() {
    let people = small(120);
    let client = serve(&people).await;
    let posted: Value = client
        .http
        .post(format!("{}/v1/page/people", client.base))
        .bearer_auth(&client.token)
        .json(&json!({"page": 2, "size": "50"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(posted, client.ok("/v1/page/people?page=2&size=50").await);
    assert_eq!(posted["total_pages"], 3);
    assert_eq!(posted["data"]["people"].as_array().unwrap().len(), 50);

    let capped = client.ok("/v1/offset/people?limit=1000").await;
    assert_eq!(capped["results"].as_array().unwrap().len(), 120);
    let big = client.ok("/v1/page/people?size=1000").await;
    assert_eq!(big["total_pages"], 1);
    for path in [
        "/v1/page/people?page=0",
        "/v1/page/people?size=0",
        "/v1/offset/people?offset=-1",
        "/v1/cursor/people?limit=x",
        "/v1/link/people?updated_since=soon",
        "/v1/cursor/people?cursor=%21%21bad",
    ] {
        let (status, _, body) = client.get(path).await;
        assert_eq!(status, 400, "{path}");
        assert!(body["error"].is_string(), "{body}");
    }
    let (_, _, body) = client.get("/v1/cursor/people?cursor=nope!").await;
    assert_eq!(body["error"], "invalid_cursor");
    let (_, link, body) = client.get("/v1/link/people?page=9").await;
    assert_eq!(body, json!([]));
    assert!(link.unwrap().contains("page=3&per_page=50>; rel=\"last\""));
}
