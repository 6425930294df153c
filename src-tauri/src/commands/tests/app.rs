use muster_engine::job::Policy;
use muster_engine::store::{NewJob, NewRecord, Store};

use crate::commands::app::{OpenAtStart, app_info_at, jobs_at};
use crate::samples::Samples;

#[test]
fn first_run_until_the_store_holds_a_job() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store_path = dir.path().join("data/muster.db");
    let samples = Samples::locate(None);
    assert!(
        samples.data.is_file() && samples.profile.is_file(),
        "{samples:?}"
    );

    let info = app_info_at(&store_path, &samples, None).expect("info");
    assert_eq!(info.open_path, None);
    assert!(info.first_run);
    assert_eq!(info.version, env!("CARGO_PKG_VERSION"));
    assert_eq!(info.store_path, store_path.display().to_string());
    assert!(
        info.sample_path
            .ends_with("samples/mitarbeiter-excel-de.csv"),
        "{}",
        info.sample_path
    );
    assert!(
        info.sample_profile_path
            .ends_with("samples/lms-profile.toml")
    );
    assert!(jobs_at(&store_path).expect("jobs").is_empty());

    let records = (0..3u64).map(|i| NewRecord {
        source_row: i + 5,
        identifier: format!("E{i}"),
        payload: format!("{{\"uid\":\"E{i}\"}}"),
        manager: None,
    });
    let id = Store::open(&store_path)
        .expect("store")
        .create_job(
            &NewJob {
                source: "staff.csv",
                profile: "version = 1",
                target_kind: "lms",
                connection: "sandbox",
                policy: Policy::Update,
            },
            records,
        )
        .expect("job");

    assert!(
        !app_info_at(&store_path, &samples, None)
            .expect("info")
            .first_run
    );
    let jobs = jobs_at(&store_path).expect("jobs");
    assert_eq!(jobs.len(), 1);
    assert_eq!((jobs[0].id, jobs[0].status.as_str()), (id, "planned"));
    assert_eq!((jobs[0].counts.total, jobs[0].counts.pending), (3, 3));
    let json = serde_json::to_value(&jobs[0]).expect("json");
    assert_eq!(json["targetKind"], "lms");
    assert_eq!(json["counts"]["heldBack"], 0);
    assert!(json["createdAt"].is_i64());
}

#[test]
fn a_store_that_cannot_be_made_says_where() {
    let dir = tempfile::tempdir().expect("temp dir");
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "not a folder").expect("write");
    let error = jobs_at(&blocker.join("muster.db")).expect_err("a file is in the way");
    assert!(
        error.message.starts_with("Cannot create the folder"),
        "{}",
        error.message
    );
    assert!(
        error.message.contains(&blocker.display().to_string()),
        "{}",
        error.message
    );
}

#[test]
fn a_file_named_at_start_is_offered_as_an_absolute_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store_path = dir.path().join("muster.db");
    let open = OpenAtStart::new(Some("staff.csv".into()));
    let info = app_info_at(&store_path, &Samples::locate(None), open.path()).expect("info");
    let expected = std::env::current_dir().expect("cwd").join("staff.csv");
    assert_eq!(info.open_path, Some(expected.display().to_string()));
    let json = serde_json::to_value(&info).expect("json");
    assert_eq!(json["openPath"], expected.display().to_string());
    assert!(
        OpenAtStart::new(None).path().is_none(),
        "without a file the answer leaves openPath out"
    );
}
