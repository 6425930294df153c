use std::time::Duration;

use serde_json::{Value, json};

use super::{Hris, user_record};
use crate::connect::{Auth, Client, ClientConfig};
use crate::secrets::Secret;
use crate::source::{Budget, Query, SourceError};

fn hris() -> Hris {
    let client = Client::new(ClientConfig::new(
        "hr",
        Auth::Bearer(Secret::new("t".to_owned())),
    ))
    .unwrap();
    let budget = |bucket| Budget {
        bucket,
        limit: 100,
        window: Duration::from_secs(3600),
    };
    Hris::new(
        client,
        "https://hr.example/",
        500,
        budget("list"),
        budget("lookup"),
    )
}

fn get<'a>(params: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    params
        .iter()
        .filter(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .collect()
}

#[test]
fn a_full_import_asks_the_oldest_first_in_pages_of_at_most_one_hundred() {
    let params = hris().params(&Query::default(), 3).unwrap();
    assert_eq!(get(&params, "page"), ["3"]);
    assert_eq!(get(&params, "per_page"), ["100"]);
    assert_eq!(get(&params, "sort_by"), ["created_at"]);
    assert_eq!(get(&params, "sort_order"), ["asc"]);
    assert!(get(&params, "updated_after").is_empty());
    assert!(get(&params, "include_deleted").is_empty());
}

#[test]
fn an_incremental_sync_asks_for_changes_with_soft_deletes_and_filters_override_defaults() {
    let query = Query {
        filters: vec![
            ("department".into(), "Sales".into()),
            ("sort_order".into(), "desc".into()),
        ],
        since: Some("2026-11-20T10:00:00Z".into()),
    };
    let params = hris().params(&query, 1).unwrap();
    assert_eq!(get(&params, "updated_after"), ["2026-11-20T10:00:00Z"]);
    assert_eq!(get(&params, "include_deleted"), ["true"]);
    assert_eq!(get(&params, "sort_by"), ["updated_at"]);
    assert_eq!(get(&params, "sort_order"), ["desc"]);
    assert_eq!(get(&params, "department"), ["Sales"]);
}

#[test]
fn an_unknown_filter_is_refused_with_the_ones_there_are() {
    let query = Query {
        filters: vec![("team".into(), "x".into())],
        since: None,
    };
    let error = hris().params(&query, 1).unwrap_err();
    assert!(matches!(error, SourceError::BadSetting { .. }));
    let message = error.to_string();
    assert!(message.contains("filter team"), "{message}");
    assert!(message.contains("employment_status"), "{message}");
}

#[test]
fn a_soft_deleted_user_is_passed_on_inactive() {
    let Value::Object(user) =
        json!({"uid": "E1", "active": true, "deleted_at": "2026-11-20T10:00:00Z"})
    else {
        unreachable!()
    };
    assert_eq!(user_record(user)["active"], false);
    let Value::Object(user) = json!({"uid": "E2", "active": true, "deleted_at": null}) else {
        unreachable!()
    };
    assert_eq!(user_record(user)["active"], true);
}
