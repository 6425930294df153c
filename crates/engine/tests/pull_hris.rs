//! Pulls from the sandbox's MangoApps HRIS Users API emulator (reference 001): every page
//! once, every filter, incremental syncs across three runs into the LMS emulator, a 429
//! storm, the client-side hourly budget, a pull stopped mid-way and resumed, and each
//! error case with its message.

mod common;

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use muster_engine::job::{Policy, RunOptions, run};
use muster_engine::mapping::Profile;
use muster_engine::secrets::{MemorySecrets, Secret, SecretStore};
use muster_engine::source::{
    AnySource, Next, PullEvent, PullOptions, Pulled, SourceError, Who, journal_pull, open_source,
    pull,
};
use muster_engine::store::{SavedConnection, Store};
use muster_engine::target::catalog::{self, TargetKind};
use muster_sandbox::faults::Fault;
use muster_sandbox::hris::{Churn, ChurnReport, Hris, HrisConfig};
use muster_sandbox::{Sandbox, SandboxOptions};
use serde_json::{Map, Value};
use tempfile::TempDir;

use common::pulled::records;
use common::targets;

async fn sandbox(config: HrisConfig) -> Sandbox {
    let options = SandboxOptions {
        hris: config,
        ..SandboxOptions::default()
    };
    Sandbox::start(options).await.unwrap()
}

fn small(employees: usize) -> HrisConfig {
    HrisConfig {
        employees,
        ..HrisConfig::default()
    }
}

/// The emulator as a saved `hris` connection with `token` and extra settings.
fn source(sandbox: &Sandbox, token: &str, settings: &[(&str, &str)]) -> AnySource {
    let secrets = MemorySecrets::default();
    secrets.set("hr", "token", &Secret::new(token)).unwrap();
    let connection = SavedConnection {
        name: "hr".to_owned(),
        kind: "hris".to_owned(),
        url: sandbox.hris().url().to_owned(),
        settings: settings
            .iter()
            .map(|(k, v)| ((*k).to_owned(), Value::from(*v)))
            .collect(),
    };
    open_source(&connection, &secrets).unwrap()
}

/// The uids of the first `employees` users the emulator holds and has not soft-deleted.
fn present(hris: &Hris, employees: usize) -> Vec<String> {
    (1..=employees)
        .map(|n| format!("E{}", 1_000_000 + n))
        .filter(|uid| hris.user(uid).is_some_and(|u| u["deleted_at"].is_null()))
        .collect()
}

/// What a pull of `only` (or everything) fails with, as the person reads it.
async fn refusal(store: &mut Store, source: &AnySource, only: Vec<Who>) -> String {
    let (pulled, _) = pull_with(store, source, false, &[], only, None).await;
    pulled.unwrap_err().to_string()
}

fn read_token(sandbox: &Sandbox) -> String {
    sandbox.hris().emulator().read_token().to_owned()
}

/// What a pull reported, for assertions.
#[derive(Default)]
struct Heard {
    pages: Vec<(u64, u64)>,
    waits: Vec<(Duration, String)>,
    resumed_at: Option<Next>,
    again: usize,
}

async fn pull_with(
    store: &mut Store,
    source: &AnySource,
    full: bool,
    filters: &[(&str, &str)],
    only: Vec<Who>,
    cancel_after_page: Option<u64>,
) -> (Result<Pulled, SourceError>, Heard) {
    let heard = Mutex::new(Heard::default());
    let cancel = AtomicBool::new(false);
    let report = |event: &PullEvent<'_>| {
        let mut heard = heard.lock().unwrap();
        match event {
            PullEvent::Page {
                number, records, ..
            } => {
                heard.pages.push((*number, *records));
                if cancel_after_page == Some(*number) {
                    cancel.store(true, Ordering::Relaxed);
                }
            }
            PullEvent::Waiting { wait, why } => heard.waits.push((*wait, why.clone())),
            PullEvent::Started { resumed_at, .. } => heard.resumed_at = resumed_at.cloned(),
            PullEvent::Again { .. } => heard.again += 1,
        }
    };
    let options = PullOptions {
        full,
        filters: filters
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        only,
        cancel: Some(&cancel),
        report: &report,
    };
    let result = pull(store, source, &options).await;
    drop(options);
    (result, heard.into_inner().unwrap())
}

/// Every uid a churn touched, sorted.
fn everyone_changed(report: &ChurnReport) -> Vec<String> {
    let mut uids: Vec<String> = [
        &report.created,
        &report.updated,
        &report.deactivated,
        &report.reactivated,
        &report.deleted,
    ]
    .into_iter()
    .flatten()
    .cloned()
    .collect();
    uids.sort();
    uids
}

fn uids(records: &[Map<String, Value>]) -> Vec<String> {
    common::pulled::sorted(records, "uid")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_pull_reads_every_page_once_and_stops_at_total_pages() {
    let sandbox = sandbox(small(250)).await;
    let emulator = sandbox.hris().emulator();
    let source = source(&sandbox, &read_token(&sandbox), &[]);
    let mut store = Store::in_memory().unwrap();
    let (pulled, heard) = pull_with(&mut store, &source, false, &[], Vec::new(), None).await;
    let pulled = pulled.unwrap();
    let listed = emulator.list_requests();
    assert_eq!(listed, 3, "pages of 100 for the users not deleted");
    assert_eq!(heard.pages.len(), 3);
    assert_eq!(pulled.pages, 3);
    let got = records(&store, &pulled);
    assert_eq!(got.len(), present(emulator, 250).len());
    assert!(
        got.len() > 200,
        "the seed has few soft deletes: {}",
        got.len()
    );
    let mut unique = uids(&got);
    unique.dedup();
    assert_eq!(unique.len(), got.len(), "nobody twice");
    let mark = pulled.watermark.expect("a watermark from updated_at");
    let newest = got
        .iter()
        .map(|r| r["updated_at"].as_str().unwrap().to_owned())
        .max()
        .unwrap();
    assert_eq!(mark.after, newest);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_filter_of_the_reference_narrows_the_pull() {
    let sandbox = sandbox(small(400)).await;
    let source = source(&sandbox, &read_token(&sandbox), &[]);
    let mut store = Store::in_memory().unwrap();
    let field_is = |records: &[Map<String, Value>], field: &str, value: &Value| {
        records.iter().all(|r| &r[field] == value)
    };

    // (filters, the field they narrow, the value every record must have)
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a str, Value);
    let cases: &[Case<'_>] = &[
        (
            &[("department", "Engineering")],
            "department",
            "Engineering".into(),
        ),
        (
            &[("employment_status", "contractor")],
            "employment_status",
            "contractor".into(),
        ),
        (&[("active", "false")], "active", false.into()),
        (&[("active", "true")], "active", true.into()),
    ];
    for (filters, field, value) in cases {
        let (pulled, _) = pull_with(&mut store, &source, true, filters, Vec::new(), None).await;
        let got = records(&store, &pulled.unwrap());
        assert!(!got.is_empty(), "{filters:?} finds someone");
        assert!(field_is(&got, field, value), "{filters:?}");
    }

    // search: by name or email, case-insensitive.
    let (pulled, _) = pull_with(&mut store, &source, true, &[], Vec::new(), None).await;
    let everyone = records(&store, &pulled.unwrap());
    let last_name = everyone[7]["last_name"].as_str().unwrap().to_lowercase();
    let (pulled, _) = pull_with(
        &mut store,
        &source,
        true,
        &[("search", &last_name)],
        Vec::new(),
        None,
    )
    .await;
    let found = records(&store, &pulled.unwrap());
    assert!(found.iter().any(|r| r["uid"] == everyone[7]["uid"]));
    assert!(found.iter().all(|r| {
        let text = format!("{} {}", r["full_name"], r["email"]).to_lowercase();
        text.contains(&last_name)
    }));

    // include_deleted brings the soft-deleted users, passed on inactive.
    let (pulled, _) = pull_with(
        &mut store,
        &source,
        true,
        &[("include_deleted", "true")],
        Vec::new(),
        None,
    )
    .await;
    let with_deleted = records(&store, &pulled.unwrap());
    let deleted: Vec<_> = with_deleted
        .iter()
        .filter(|r| !r["deleted_at"].is_null())
        .collect();
    assert!(!deleted.is_empty());
    assert!(deleted.iter().all(|r| r["active"] == false));
    assert_eq!(with_deleted.len(), everyone.len() + deleted.len());

    // sort_by name descending: the order of the pull follows.
    let (pulled, _) = pull_with(
        &mut store,
        &source,
        true,
        &[("sort_by", "name"), ("sort_order", "desc")],
        Vec::new(),
        None,
    )
    .await;
    let sorted = records(&store, &pulled.unwrap());
    let names: Vec<String> = sorted
        .iter()
        .map(|r| r["full_name"].as_str().unwrap().to_owned())
        .collect();
    let mut expected = names.clone();
    expected.sort_by(|a, b| b.cmp(a));
    assert_eq!(names, expected);

    // updated_after given by hand: only later changes.
    let cut = "2100-01-01T00:00:00Z";
    let (pulled, _) = pull_with(
        &mut store,
        &source,
        true,
        &[("updated_after", cut)],
        Vec::new(),
        None,
    )
    .await;
    assert_eq!(pulled.unwrap().records, 0);

    // A filter the API does not have is refused before any request.
    let before = sandbox.hris().emulator().list_requests();
    let (pulled, _) = pull_with(
        &mut store,
        &source,
        true,
        &[("team", "x")],
        Vec::new(),
        None,
    )
    .await;
    let message = pulled.unwrap_err().to_string();
    assert!(message.contains("filter team"), "{message}");
    assert_eq!(sandbox.hris().emulator().list_requests(), before);
}

const LMS_PROFILE: &str = include_str!("../../../samples/hris-lms-profile.toml");

/// Pulls, journals and pushes to the LMS emulator: one sync. Returns the uids pulled.
async fn sync(
    sandbox: &Sandbox,
    store: &mut Store,
    source: &AnySource,
    folder: &std::path::Path,
) -> Vec<String> {
    let (pulled, _) = pull_with(store, source, false, &[], Vec::new(), None).await;
    let pulled = pulled.unwrap();
    let got = uids(&records(store, &pulled));
    if pulled.records == 0 {
        return got;
    }
    let profile = Profile::from_toml(LMS_PROFILE).unwrap();
    let catalog = catalog::builtin(TargetKind::Lms).unwrap();
    let mut issues = Vec::new();
    let job = journal_pull(
        store,
        &pulled,
        folder,
        &profile,
        LMS_PROFILE,
        &catalog,
        "lms-sandbox",
        Policy::Update,
        |issue| issues.push(format!("row {}: {}", issue.row, issue.message)),
    )
    .unwrap();
    let errors: Vec<_> = issues.iter().filter(|i| !i.contains("warning")).collect();
    assert_eq!(job.created.counts.invalid, 0, "{errors:?}");
    if let Some(mark) = &pulled.watermark {
        store.set_watermark("hr", &mark.to_json()).unwrap();
    }
    let lms = targets::lms(sandbox, sandbox.lms().emulator().token());
    let (_, counts) = run(store, job.created.job, &lms, RunOptions::default())
        .await
        .unwrap();
    assert_eq!(counts.failed, 0);
    got
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_incremental_syncs_pass_on_exactly_the_changes_deactivations_and_deletions() {
    let sandbox = sandbox(small(300)).await;
    let hris = sandbox.hris().emulator();
    let lms = sandbox.lms().emulator();
    let source = source(&sandbox, &read_token(&sandbox), &[]);
    let mut store = Store::in_memory().unwrap();
    let folder = TempDir::new().unwrap();

    // Run 1: the one-time import of everyone not deleted.
    let first = sync(&sandbox, &mut store, &source, folder.path()).await;
    assert!(first.len() > 280);
    assert_eq!(lms.users().len(), first.len());
    assert!(lms.users().iter().all(|u| u.posts == 1));

    // Run 2: three hires, four changes, two deactivations, one deletion.
    let changed = hris.churn(&Churn {
        created: 3,
        updated: 4,
        deactivated: 2,
        deleted: 1,
        ..Churn::default()
    });
    let second = sync(&sandbox, &mut store, &source, folder.path()).await;
    let expected = everyone_changed(&changed);
    assert_eq!(second, expected, "exactly the changed users");
    for uid in &changed.created {
        assert_eq!(lms.post_count(uid), 1, "{uid} created once");
        assert!(lms.user(uid).unwrap().active);
    }
    for uid in &changed.updated {
        assert_eq!(lms.post_count(uid), 2, "{uid} imported, then updated");
        let sent = lms.user(uid).unwrap();
        let now = hris.user(uid).unwrap();
        assert_eq!(sent.fields["position"], now["job_title"], "{uid}");
    }
    for uid in changed.deactivated.iter().chain(&changed.deleted) {
        let user = lms.user(uid).unwrap();
        assert_eq!(user.posts, 2, "{uid}");
        assert!(!user.active, "{uid} is blocked, not dropped");
    }

    // Run 3: one reactivation, two changes, one hire, one deletion.
    let changed = hris.churn(&Churn {
        created: 1,
        updated: 2,
        reactivated: 1,
        deleted: 1,
        ..Churn::default()
    });
    let third = sync(&sandbox, &mut store, &source, folder.path()).await;
    let expected = everyone_changed(&changed);
    assert_eq!(third, expected);
    for uid in &changed.reactivated {
        assert!(lms.user(uid).unwrap().active, "{uid} unblocked");
    }
    for uid in &changed.deleted {
        assert!(!lms.user(uid).unwrap().active, "{uid} blocked");
    }

    // A fourth run with nothing changed pulls nobody and sends nothing.
    let posts: u32 = lms.users().iter().map(|u| u.posts).sum();
    let fourth = sync(&sandbox, &mut store, &source, folder.path()).await;
    assert!(fourth.is_empty(), "{fourth:?}");
    assert_eq!(lms.users().iter().map(|u| u.posts).sum::<u32>(), posts);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_storm_is_waited_out_and_every_user_still_arrives_once() {
    let sandbox = sandbox(small(250)).await;
    // Every list request is refused five times in a row before pages flow: more than the
    // client's own retries, so the pull waits them out itself.
    sandbox.hris().faults().push(
        Fault::too_many_requests(Duration::from_secs(1))
            .times(7)
            .on("GET", "/api/v1/users"),
    );
    let source = source(&sandbox, &read_token(&sandbox), &[]);
    let mut store = Store::in_memory().unwrap();
    let (pulled, heard) = pull_with(&mut store, &source, false, &[], Vec::new(), None).await;
    let pulled = pulled.unwrap();
    let got = records(&store, &pulled);
    let mut unique = uids(&got);
    unique.dedup();
    assert_eq!(unique.len(), got.len());
    assert!(got.len() > 200);
    let refused = sandbox
        .hris()
        .log()
        .entries()
        .iter()
        .filter(|e| e.status == Some(429))
        .count();
    assert_eq!(refused, 7);
    assert!(
        heard.waits.iter().any(|(_, why)| why.contains("429")),
        "the pull said why it waited: {:?}",
        heard.waits
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_hourly_budget_is_kept_on_this_side_so_the_api_never_refuses() {
    let sandbox = sandbox(HrisConfig {
        employees: 450,
        list_per_hour: 2,
        limit_window: Duration::from_secs(2),
        ..HrisConfig::default()
    })
    .await;
    let source = source(
        &sandbox,
        &read_token(&sandbox),
        &[("list_per_hour", "2"), ("limit_window_secs", "2")],
    );
    let mut store = Store::in_memory().unwrap();
    let (pulled, heard) = pull_with(&mut store, &source, false, &[], Vec::new(), None).await;
    assert_eq!(pulled.unwrap().pages, 5);
    assert!(heard.waits.len() >= 2, "{:?}", heard.waits);
    assert!(heard.waits.iter().all(|(wait, why)| {
        *wait <= Duration::from_millis(2200) && why.contains("2 list requests per 2 s")
    }));
    let refused = sandbox
        .hris()
        .log()
        .entries()
        .iter()
        .filter(|e| e.status == Some(429))
        .count();
    assert_eq!(refused, 0, "the client waited instead");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pull_stopped_after_two_pages_goes_on_from_the_third() {
    let sandbox = sandbox(small(450)).await;
    let hris = sandbox.hris().emulator();
    let source = source(&sandbox, &read_token(&sandbox), &[]);
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("muster.db");
    {
        let mut store = Store::open(&path).unwrap();
        let (pulled, heard) = pull_with(&mut store, &source, false, &[], Vec::new(), Some(2)).await;
        let error = pulled.unwrap_err();
        assert!(matches!(error, SourceError::Cancelled { .. }), "{error}");
        assert!(error.to_string().contains("page 3"), "{error}");
        assert_eq!(heard.pages.len(), 2);
    }
    assert_eq!(hris.list_requests(), 2);
    // A new process: the store is opened again.
    let mut store = Store::open(&path).unwrap();
    let (pulled, heard) = pull_with(&mut store, &source, false, &[], Vec::new(), None).await;
    let pulled = pulled.unwrap();
    assert_eq!(heard.resumed_at, Some(Next::Page(3)));
    assert_eq!(
        hris.list_requests(),
        5,
        "pages 1 and 2 were not asked again"
    );
    let got = records(&store, &pulled);
    let mut unique = uids(&got);
    unique.dedup();
    assert_eq!(unique.len(), got.len());
    assert_eq!(pulled.records as usize, got.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lookups_by_uid_and_email_pull_just_those_people() {
    let sandbox = sandbox(small(50)).await;
    let hris = sandbox.hris().emulator();
    let source = source(&sandbox, &read_token(&sandbox), &[]);
    let mut store = Store::in_memory().unwrap();
    let email = hris.user("E1000007").unwrap()["email"]
        .as_str()
        .unwrap()
        .to_owned();
    let (pulled, _) = pull_with(
        &mut store,
        &source,
        false,
        &[],
        vec![Who::Uid("E1000003".into()), Who::Email(email)],
        None,
    )
    .await;
    let pulled = pulled.unwrap();
    assert_eq!(uids(&records(&store, &pulled)), ["E1000003", "E1000007"]);
    assert_eq!(
        pulled.watermark, None,
        "a lookup leaves the watermark alone"
    );
    assert_eq!(hris.list_requests(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_refusal_says_what_to_fix() {
    let sandbox = sandbox(small(20)).await;
    let hris = sandbox.hris().emulator();
    let mut store = Store::in_memory().unwrap();

    let wrong = source(&sandbox, "not-a-token", &[]);
    let message = wrong.check().await.unwrap_err().to_string();
    assert!(message.contains("HTTP 401"), "{message}");
    assert!(message.contains("read:users"), "{message}");
    assert!(
        !message.contains("not-a-token"),
        "the token is never shown: {message}"
    );

    let unscoped = source(&sandbox, hris.no_scope_token(), &[]);
    let message = refusal(&mut store, &unscoped, Vec::new()).await;
    assert!(message.contains("HTTP 403"), "{message}");
    assert!(message.contains("lacks the scope"), "{message}");

    let right = source(&sandbox, &read_token(&sandbox), &[]);
    let message = refusal(&mut store, &right, vec![Who::Uid("E9999999".into())]).await;
    assert!(message.contains("UID 'E9999999'"), "{message}");
    assert!(message.contains("HTTP 404"), "{message}");
    assert!(message.contains("E1234567"), "{message}");

    let message = refusal(
        &mut store,
        &right,
        vec![Who::Email("nobody@example.com".into())],
    )
    .await;
    assert!(message.contains("email 'nobody@example.com'"), "{message}");

    let readable = present(hris, 20).len();
    let said = right.check().await.unwrap();
    assert!(
        said.contains(&format!("{readable} users can be read")),
        "{said}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn users_deleted_during_a_pull_do_not_make_it_miss_anyone() {
    let sandbox = sandbox(small(350)).await;
    let hris = sandbox.hris().emulator();
    let source = source(&sandbox, &read_token(&sandbox), &[]);
    let mut store = Store::in_memory().unwrap();
    let again = Mutex::new(0);
    let churned = Mutex::new(false);
    // After the first page, five of the users already read are deleted: every later page
    // shifts up by five places.
    let report = |event: &PullEvent<'_>| match event {
        PullEvent::Page { number: 1, .. } if !*churned.lock().unwrap() => {
            *churned.lock().unwrap() = true;
            hris.churn(&Churn {
                deleted: 5,
                ..Churn::default()
            });
        }
        PullEvent::Again { .. } => *again.lock().unwrap() += 1,
        _ => {}
    };
    let options = PullOptions {
        full: true,
        filters: Vec::new(),
        only: Vec::new(),
        cancel: None,
        report: &report,
    };
    let pulled = pull(&mut store, &source, &options).await.unwrap();
    assert_eq!(*again.lock().unwrap(), 1, "read once more");
    let got = uids(&records(&store, &pulled));
    for uid in &present(hris, 350) {
        assert!(got.contains(uid), "{uid} was missed");
    }
}
