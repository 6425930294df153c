//! What the retry and export tests share: a small LMS profile, CSV files written on the
//! spot, jobs made from them, and records settled as a runner would.

use std::path::{Path, PathBuf};

use crate::job::{JobSpec, Outcome, Policy, RecordOutcome, create_job};
use crate::mapping::{Mapper, Profile};
use crate::sheet::{ReadOptions, Sheet};
use crate::store::Store;
use crate::target::catalog::Catalog;

pub(super) const PROFILE: &str = include_str!("../../../../../../fixtures/profiles/staff-lms.toml");

pub(super) const HEADER: &str = "Employee ID,First Name,Last Name,Email";

/// The staff file the jobs start from: rows 2 to 6, row 4 with a broken email and row 6
/// without an identifier.
pub(super) const STAFF: &[&str] = &[
    "E1,Anna,Schmidt,anna@example.com",
    "E2,Ben,Meyer,ben@example.com",
    "E3,Cleo,Wolf,cleo at example.com",
    "E4,Dora,Lang,dora@example.com",
    ",Emil,Roth,emil@example.com",
];

/// Writes `lines` under `header` as `dir/name`.
pub(super) fn csv(dir: &Path, name: &str, header: &str, lines: &[&str]) -> PathBuf {
    let path = dir.join(name);
    let text = std::iter::once(header)
        .chain(lines.iter().copied())
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&path, text + "\n").unwrap();
    path
}

/// `path` opened and bound to the test profile.
pub(super) fn open(path: &Path) -> (Sheet, Mapper, Catalog) {
    let profile = Profile::from_toml(PROFILE).unwrap();
    let catalog = profile.catalog(Path::new(".")).unwrap();
    let sheet = crate::sheet::open(path, &ReadOptions::default()).unwrap();
    let mapper = Mapper::new(&profile, &catalog, sheet.columns()).unwrap();
    (sheet, mapper, catalog)
}

/// A job journaled from `path`.
pub(super) fn job_from(store: &mut Store, path: &Path) -> i64 {
    let (mut sheet, mapper, catalog) = open(path);
    let source = path.display().to_string();
    create_job(
        store,
        &mut sheet,
        &mapper,
        &catalog,
        &JobSpec {
            source: &source,
            profile: PROFILE,
            connection: "lms-test",
            policy: Policy::Update,
        },
        |_| {},
    )
    .unwrap()
    .job
}

/// Sends every pending record in one batch, settled as `outcome_of` says by source row.
pub(super) fn settle(store: &mut Store, job: i64, outcome_of: impl Fn(u64) -> Outcome) {
    let pending = store.pending(job, 1000).unwrap();
    let ids: Vec<i64> = pending.iter().map(|r| r.id).collect();
    let batch = store.begin_batch(job, &ids).unwrap();
    let outcomes: Vec<(i64, RecordOutcome)> = pending
        .iter()
        .map(|record| {
            let outcome = outcome_of(record.source_row);
            let failed = outcome == Outcome::Failed;
            (
                record.id,
                RecordOutcome {
                    outcome,
                    target_id: (!failed).then(|| format!("lms-{}", record.identifier)),
                    code: failed.then(|| "400".to_owned()),
                    message: failed.then(|| "Login is already used".to_owned()),
                },
            )
        })
        .collect();
    store.finish_batch(batch, &outcomes).unwrap();
}

/// The job of the staff file, sent: row 3 (E2) failed at the target, the others created;
/// rows 4 and 6 held back.
pub(super) fn staff_job(store: &mut Store, dir: &Path) -> (i64, PathBuf) {
    let source = csv(dir, "staff.csv", HEADER, STAFF);
    let job = job_from(store, &source);
    settle(store, job, |row| {
        if row == 3 {
            Outcome::Failed
        } else {
            Outcome::Created
        }
    });
    (job, source)
}
