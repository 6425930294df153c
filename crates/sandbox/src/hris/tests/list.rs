//! `GET /api/v1/users`: pages, filters and sort orders.

use std::collections::HashSet;

use serde_json::Value;

use super::{serve, small, uids};
use crate::hris::Hris;

#[tokio::test]
async fn pages_carry_meta_and_the_walk_sees_every_current_user_once() {
    let hris = small(250);
    let client = serve(&hris).await;
    let first = client.get("/api/v1/users").await;
    let total = first["meta"]["total_count"].as_u64().unwrap();
    let deleted = (0..250)
        .filter(|i| !hris.user(&format!("E{}", 1_000_001 + i)).unwrap()["deleted_at"].is_null())
        .count() as u64;
    assert_eq!(total, 250 - deleted, "soft-deleted users are left out");
    assert_eq!(first["meta"]["per_page"], 25);
    assert_eq!(first["meta"]["current_page"], 1);
    assert_eq!(
        first["meta"]["total_pages"].as_u64().unwrap(),
        total.div_ceil(25)
    );
    assert_eq!(first["users"].as_array().unwrap().len(), 25);

    let all = client.walk("per_page=100").await;
    assert_eq!(all.len() as u64, total);
    assert_eq!(
        uids(&all).into_iter().collect::<HashSet<_>>().len(),
        all.len()
    );
    assert_eq!(
        client.get("/api/v1/users?per_page=100").await["meta"]["total_pages"],
        3
    );

    let past = client.get("/api/v1/users?per_page=100&page=4").await;
    assert_eq!(past["users"], Value::Array(Vec::new()));
    assert_eq!(past["meta"]["current_page"], 4);
    let capped = client.get("/api/v1/users?per_page=500").await;
    assert_eq!(capped["meta"]["per_page"], 100);
    assert_eq!(capped["users"].as_array().unwrap().len(), 100);
    let none = client.get("/api/v1/users?search=nobody-has-this").await;
    assert_eq!(none["meta"]["total_count"], 0);
    assert_eq!(none["meta"]["total_pages"], 0);
}

#[tokio::test]
async fn a_list_item_has_the_reference_fields() {
    let hris = small(20);
    let client = serve(&hris).await;
    let body = client.get("/api/v1/users?sort_order=asc&per_page=10").await;
    let user = &body["users"][9];
    let keys: Vec<&str> = user
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "uid",
            "id",
            "email",
            "first_name",
            "last_name",
            "full_name",
            "active",
            "job_title",
            "department",
            "organizational_role",
            "hire_date",
            "original_hire_date",
            "employment_status",
            "employee_type",
            "phone",
            "manager",
            "locations",
            "termination_date",
            "termination_type",
            "created_at",
            "updated_at",
            "last_activity_at",
            "deleted_at"
        ]
    );
    assert_eq!(body["users"][0]["uid"], "E1000001");
    assert_eq!(
        body["users"][0]["manager"],
        Value::Null,
        "the first have no manager"
    );
    let manager = user["manager"]["uid"].as_str().unwrap();
    assert!(
        manager < user["uid"].as_str().unwrap(),
        "managers come earlier"
    );
    assert!(user["phone"].as_str().unwrap().starts_with("+1-415-555-"));
    assert!(user["created_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(user["created_at"].as_str().unwrap().len(), 20);
    assert_eq!(user["hire_date"].as_str().unwrap().len(), 10);
    assert_eq!(user, &hris.user(user["uid"].as_str().unwrap()).unwrap());
    // The same seed makes the same directory.
    assert_eq!(small(20).user("E1000010"), hris.user("E1000010"));
}

/// Every user with the deleted ones, from the emulator itself.
fn everyone(hris: &Hris) -> Vec<Value> {
    (0..hris.count())
        .map(|i| hris.user(&format!("E{}", 1_000_001 + i)).unwrap())
        .collect()
}

#[tokio::test]
async fn every_filter_selects_what_it_says() {
    let hris = small(300);
    let client = serve(&hris).await;
    let all = everyone(&hris);
    let expect = |keep: &dyn Fn(&Value) -> bool| -> HashSet<String> {
        all.iter()
            .filter(|u| u["deleted_at"].is_null() && keep(u))
            .map(|u| u["uid"].as_str().unwrap().to_owned())
            .collect()
    };
    let got = |users: Vec<Value>| uids(&users).into_iter().collect::<HashSet<_>>();

    let inactive = got(client.walk("per_page=100&active=false").await);
    assert_eq!(inactive, expect(&|u| u["active"] == false));
    assert!(!inactive.is_empty());
    let active = got(client.walk("per_page=100&active=true").await);
    assert_eq!(active, expect(&|u| u["active"] == true));

    let sales = got(client.walk("per_page=100&department=sALes").await);
    assert_eq!(sales, expect(&|u| u["department"] == "Sales"));
    assert!(!sales.is_empty());

    let contractors = got(client
        .walk("per_page=100&employment_status=contractor")
        .await);
    assert_eq!(
        contractors,
        expect(&|u| u["employment_status"] == "contractor")
    );
    assert!(!contractors.is_empty());

    let name = all[40]["last_name"].as_str().unwrap().to_uppercase();
    let found = got(client.walk(&format!("per_page=100&search={name}")).await);
    let lower = name.to_lowercase();
    assert_eq!(
        found,
        expect(&|u| u["full_name"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains(&lower)
            || u["email"].as_str().unwrap().contains(&lower))
    );
    assert!(found.contains(all[40]["uid"].as_str().unwrap()));

    let with_deleted = client.walk("per_page=100&include_deleted=true").await;
    assert_eq!(with_deleted.len(), 300);
    let deleted: Vec<&Value> = with_deleted
        .iter()
        .filter(|u| !u["deleted_at"].is_null())
        .collect();
    assert!(!deleted.is_empty());
    assert!(deleted.iter().all(|u| u["active"] == false));

    let cut = all[150]["updated_at"].as_str().unwrap();
    let later = got(client
        .walk(&format!("per_page=100&updated_after={cut}"))
        .await);
    assert_eq!(
        later,
        expect(&|u| u["updated_at"].as_str().unwrap() > cut),
        "strictly after"
    );
}

#[tokio::test]
async fn sort_orders_with_ties_broken_by_id() {
    let hris = small(120);
    let client = serve(&hris).await;
    let ids = |users: &[Value]| {
        users
            .iter()
            .map(|u| u["id"].as_u64().unwrap())
            .collect::<Vec<_>>()
    };

    let default = client.walk("per_page=50").await;
    let mut newest_first = default.clone();
    newest_first.sort_by(|a, b| {
        (b["created_at"].as_str(), b["id"].as_u64())
            .cmp(&(a["created_at"].as_str(), a["id"].as_u64()))
    });
    assert_eq!(
        ids(&default),
        ids(&newest_first),
        "created_at desc by default"
    );

    let by_name = client.walk("per_page=50&sort_by=name&sort_order=asc").await;
    let mut expected = by_name.clone();
    expected.sort_by_key(|u| {
        (
            u["full_name"].as_str().unwrap().to_lowercase(),
            u["id"].as_u64(),
        )
    });
    assert_eq!(ids(&by_name), ids(&expected));

    let by_update = client
        .walk("per_page=50&sort_by=updated_at&sort_order=desc")
        .await;
    let mut expected = by_update.clone();
    expected.sort_by(|a, b| {
        (b["updated_at"].as_str(), b["id"].as_u64())
            .cmp(&(a["updated_at"].as_str(), a["id"].as_u64()))
    });
    assert_eq!(ids(&by_update), ids(&expected));

    let oldest = client.get("/api/v1/users?sort_order=asc&per_page=3").await;
    assert_eq!(
        uids(oldest["users"].as_array().unwrap()),
        ["E1000001", "E1000002", "E1000003"]
    );
}
