//! Churn between pulls: the report, the clock, incremental pulls, the control route and
//! churn on each new first page.

use std::collections::HashSet;

use serde_json::{Value, json};

use super::{serve, small, uids};
use crate::hris::{Churn, ChurnReport, Hris, HrisConfig};

fn every(report: &ChurnReport) -> Vec<&String> {
    report
        .created
        .iter()
        .chain(&report.updated)
        .chain(&report.deactivated)
        .chain(&report.reactivated)
        .chain(&report.deleted)
        .collect()
}

#[tokio::test]
async fn a_churn_reports_each_change_and_stamps_it_strictly_later() {
    let hris = small(300);
    let before = hris.count();
    let churn = Churn {
        created: 3,
        updated: 4,
        deactivated: 2,
        reactivated: 1,
        deleted: 2,
    };
    let first = hris.churn(&churn);
    assert_eq!(
        [
            first.created.len(),
            first.updated.len(),
            first.deactivated.len(),
            first.reactivated.len(),
            first.deleted.len()
        ],
        [3, 4, 2, 1, 2]
    );
    assert_eq!(hris.count(), before + 3);
    assert_eq!(first.created, ["E1000301", "E1000302", "E1000303"]);
    let touched: HashSet<&String> = every(&first).into_iter().collect();
    assert_eq!(touched.len(), 12, "a user changes once per churn");

    let stamp = |uid: &str| {
        hris.user(uid).unwrap()["updated_at"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let first_at = stamp(&first.updated[0]);
    for uid in every(&first) {
        assert_eq!(stamp(uid), first_at);
    }
    let user = |uid: &str| hris.user(uid).unwrap();
    assert!(first.deactivated.iter().all(|u| user(u)["active"] == false));
    assert!(first.reactivated.iter().all(|u| user(u)["active"] == true));
    for uid in &first.deleted {
        assert_eq!(user(uid)["deleted_at"].as_str().unwrap(), first_at);
        assert_eq!(user(uid)["active"], false);
    }

    let second = hris.churn(&Churn {
        updated: 1,
        ..Churn::default()
    });
    let second_at = stamp(&second.updated[0]);
    assert!(second_at > first_at, "{second_at} after {first_at}");
    let third = hris.churn(&Churn {
        created: 1,
        ..Churn::default()
    });
    assert!(stamp(&third.created[0]) > second_at);
}

#[tokio::test]
async fn updated_after_the_newest_stamp_returns_exactly_the_changed_users() {
    let hris = small(300);
    let client = serve(&hris).await;
    let newest = client
        .get("/api/v1/users?include_deleted=true&sort_by=updated_at&per_page=1")
        .await["users"][0]["updated_at"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        client
            .walk(&format!("updated_after={newest}&include_deleted=true"))
            .await
            .is_empty()
    );

    let report = hris.churn(&Churn {
        created: 2,
        updated: 3,
        deactivated: 2,
        reactivated: 1,
        deleted: 2,
    });
    let changed: HashSet<String> = every(&report).into_iter().cloned().collect();
    let pulled = client
        .walk(&format!(
            "per_page=100&include_deleted=true&updated_after={newest}"
        ))
        .await;
    assert_eq!(uids(&pulled).into_iter().collect::<HashSet<_>>(), changed);
    let without_deleted = client
        .walk(&format!("per_page=100&updated_after={newest}"))
        .await;
    let deleted: HashSet<String> = report.deleted.iter().cloned().collect();
    assert_eq!(
        uids(&without_deleted).into_iter().collect::<HashSet<_>>(),
        changed.difference(&deleted).cloned().collect()
    );
}

#[tokio::test]
async fn the_control_route_churns_and_first_pages_can_churn_on_their_own() {
    let hris = Hris::with_config(HrisConfig {
        employees: 50,
        seed: 3,
        churn_on_first_page: Some(Churn {
            created: 1,
            updated: 1,
            ..Churn::default()
        }),
        ..HrisConfig::default()
    });
    let client = serve(&hris).await;
    let answer: Value = client
        .http
        .post(format!("{}/_sandbox/hris/churn", client.base))
        .json(&json!({"updated": 2}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(answer["updated"].as_array().unwrap().len(), 2);
    assert_eq!(answer["created"], json!([]));
    assert_eq!(hris.count(), 50);

    client.get("/api/v1/users").await;
    assert_eq!(hris.count(), 50, "the first page ever does not churn");
    client.get("/api/v1/users?page=2&per_page=10").await;
    assert_eq!(hris.count(), 50, "later pages do not churn");
    client.get("/api/v1/users?page=1").await;
    assert_eq!(hris.count(), 51);
    assert!(hris.user("E1000051").is_some());
    assert_eq!(hris.list_requests(), 3);
}
