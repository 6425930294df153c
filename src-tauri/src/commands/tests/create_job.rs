use muster_engine::job::Policy;
use muster_engine::store::{SavedConnection, Store};

use super::staff::{PROFILE, STAFF, opened};
use crate::commands::create_job::create_job_at;
use crate::commands::review::{edit, review};

#[test]
fn the_job_journals_the_edited_sheet() {
    let (sheets, id, file) = opened(STAFF);
    review(&sheets, id, PROFILE).expect("reviewed");
    edit(&sheets, id, 2, "E-Mail", " Cy@Firma.de").expect("edited");
    let dir = tempfile::tempdir().expect("temp dir");
    let store_path = dir.path().join("muster.db");
    let created = create_job_at(&store_path, &sheets, id, PROFILE, "sandbox", Policy::Update)
        .expect("journaled");
    assert_eq!((created.to_send, created.held_back), (4, 0));

    let store = Store::open(&store_path).expect("store");
    let job = store.job(created.job).expect("job");
    assert_eq!(job.source, file.path().display().to_string());
    assert_eq!(job.connection, "sandbox");
    assert_eq!(job.target_kind, "lms");
    let records = store.records(created.job, None).expect("records");
    assert_eq!(records.len(), 4);
    let fixed = records
        .iter()
        .find(|r| r.source_row == 4)
        .expect("row 4 journaled");
    assert_eq!(fixed.identifier, "E3");
    let payload: serde_json::Value = serde_json::from_str(&fixed.payload).expect("json");
    assert_eq!(
        payload["email"], "cy@firma.de",
        "the edit, trimmed and lower-cased"
    );
    assert_eq!(payload["login"], "cy@firma.de");
}

#[test]
fn invalid_records_are_held_back() {
    let (sheets, id, _file) = opened(STAFF);
    let dir = tempfile::tempdir().expect("temp dir");
    let store_path = dir.path().join("muster.db");
    let created = create_job_at(&store_path, &sheets, id, PROFILE, "sandbox", Policy::Skip)
        .expect("journaled without a review");
    assert_eq!((created.to_send, created.held_back), (3, 1));
    let store = Store::open(&store_path).expect("store");
    assert_eq!(store.counts(created.job).expect("counts").held_back, 1);
    let sent: Vec<u64> = store
        .records(created.job, None)
        .expect("records")
        .iter()
        .map(|r| r.source_row)
        .collect();
    assert_eq!(sent, [2, 3, 5]);
}

#[test]
fn a_connection_of_another_kind_is_refused() {
    let (sheets, id, _file) = opened(STAFF);
    let dir = tempfile::tempdir().expect("temp dir");
    let store_path = dir.path().join("muster.db");
    let store = Store::open(&store_path).expect("store");
    for (name, kind) in [("tenant", "auth0"), ("academy", "lms")] {
        store
            .save_connection(&SavedConnection {
                name: name.to_owned(),
                kind: kind.to_owned(),
                url: "https://example.invalid".to_owned(),
                settings: serde_json::Map::new(),
            })
            .expect("saved");
    }
    let wrong = create_job_at(&store_path, &sheets, id, PROFILE, "tenant", Policy::Update)
        .expect_err("auth0 for an lms mapping");
    assert_eq!(
        wrong.message,
        "The connection \"tenant\" is a auth0 connection, but the profile maps onto lms; pick a lms connection"
    );
    let unknown = create_job_at(&store_path, &sheets, id, PROFILE, "nowhere", Policy::Update)
        .expect_err("no such connection");
    assert!(
        unknown
            .message
            .starts_with("There is no saved connection named \"nowhere\""),
        "{}",
        unknown.message
    );
    let blank = create_job_at(&store_path, &sheets, id, PROFILE, " ", Policy::Update)
        .expect_err("no connection");
    assert!(blank.message.contains("Choose where"), "{}", blank.message);
    assert!(store.jobs().expect("jobs").is_empty(), "nothing journaled");

    let right = create_job_at(&store_path, &sheets, id, PROFILE, "academy", Policy::Update)
        .expect("an lms connection");
    assert_eq!(store.job(right.job).expect("job").connection, "academy");
}
