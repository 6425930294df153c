//! `muster run --dry-run`: the plan, looked up at the target, and nothing sent.

mod common;

use common::{muster, repo, text};
use tempfile::TempDir;

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_dry_run_prints_the_plan_with_examples_and_sends_nothing() {
    let dir = TempDir::new().unwrap();
    let store = dir.path().join("muster.db");
    let sample = repo("samples/mitarbeiter-excel-de.csv");

    // SCIM looks each user up: against the empty sandbox every one is to be created.
    let suggested = muster(&["map", "suggest", text(&sample), "--target", "scim"]);
    assert_eq!(suggested.status.code(), Some(0));
    let profile = dir.path().join("scim.toml");
    std::fs::write(&profile, &suggested.stdout).unwrap();
    let args = |profile: &std::path::Path| {
        vec![
            "run".to_owned(),
            text(&sample).to_owned(),
            "--profile".to_owned(),
            text(profile).to_owned(),
            "--to".to_owned(),
            "sandbox".to_owned(),
            "--dry-run".to_owned(),
            "--store".to_owned(),
            text(&store).to_owned(),
        ]
    };
    let scim_args = args(&profile);
    let out = muster(&scim_args.iter().map(String::as_str).collect::<Vec<_>>());
    let said = stdout(&out);
    assert_eq!(out.status.code(), Some(3), "one row is held back: {said}");
    assert!(
        said.contains("plan, looked up at the SCIM service at http://127.0.0.1:"),
        "{said}"
    );
    assert!(
        said.contains("39 to create, e.g. row 5 felix.braun@example.com, row 6 "),
        "{said}"
    );
    assert!(said.contains("dry run: nothing sent"), "{said}");

    // The LMS has no lookup: the plan says it decides, and --json carries the counts.
    let lms_profile = repo("samples/lms-profile.toml");
    let mut lms_args = args(&lms_profile);
    lms_args.push("--json".to_owned());
    let out = muster(&lms_args.iter().map(String::as_str).collect::<Vec<_>>());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["plan"]["counts"]["decided"], 37);
    assert_eq!(json["plan"]["counts"]["create"], 0);
    assert_eq!(json["plan"]["samples"][0]["source_row"], 5);
    assert_eq!(json["plan"]["samples"][0]["expected"], "decided");
    assert_eq!(json["job"]["status"], "planned");
    assert_eq!(json["job"]["counts"]["pending"], 37);

    // `jobs show` of a planned job repeats the plan.
    let shown = muster(&["jobs", "show", "1", "--store", text(&store)]);
    let said = stdout(&shown);
    assert!(said.contains("plan, looked up at \"sandbox\":"), "{said}");
    assert!(
        said.contains("39 to create, e.g. row 5 felix.braun@example.com"),
        "{said}"
    );

    // Nothing was sent: both jobs are still planned with every record pending.
    let jobs = muster(&["jobs", "list", "--json", "--store", text(&store)]);
    let jobs: serde_json::Value = serde_json::from_slice(&jobs.stdout).unwrap();
    for job in jobs.as_array().unwrap() {
        assert_eq!(job["status"], "planned");
        assert_eq!(job["counts"]["pending"], job["counts"]["total"]);
    }
}
