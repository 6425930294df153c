//! What the job tests share: a store in a temp folder, a staff CSV written on the spot, a
//! job journaled from it with the engine (as `muster run` does), a sandbox of the app's own,
//! and progress collected from a plan or push.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use muster_engine::job::{JobSpec, Policy, create_job};
use muster_engine::mapping::{Mapper, Profile};
use muster_engine::sheet::{self, ReadOptions};
use muster_engine::store::Store;

use muster_engine::secrets::Keychain;

use crate::commands::push::push_job_at;
use crate::running::Running;
use crate::sandbox_state::{SANDBOX, SandboxState};
use crate::wire::JobSummary;
use crate::wire::jobs::JobProgress;

/// An LMS profile for the staff files.
pub const PROFILE: &str = include_str!("../../../../fixtures/profiles/staff-lms.toml");

pub const HEADER: &str = "Employee ID,First Name,Last Name,Email";

/// The row of the staff file whose email is broken (it is held back).
pub const BROKEN: &str = "E900,Cleo,Wolf,cleo at example.com";

/// `valid` people (E1, E2, …) and, last, the broken row.
pub fn staff_lines(valid: usize) -> Vec<String> {
    (1..=valid)
        .map(|i| format!("E{i},First{i},Last{i},person{i}@example.com"))
        .chain(std::iter::once(BROKEN.to_owned()))
        .collect()
}

/// A temp folder with the store and the staff file.
pub struct Bench {
    pub dir: tempfile::TempDir,
    pub store: PathBuf,
    pub file: PathBuf,
}

impl Bench {
    pub fn new(valid: usize) -> Bench {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = dir.path().join("data/muster.db");
        let file = write_csv(dir.path(), "staff.csv", &staff_lines(valid));
        Bench { dir, store, file }
    }

    /// A job to the sandbox from the staff file: `valid` records to send, one held back.
    pub fn sandbox_job(&self) -> i64 {
        job_from(&self.store, &self.file, SANDBOX)
    }

    /// Pushes `job` of this bench's store to `sandbox` as the app does (no other push
    /// running, secrets in the OS keychain), reporting progress to `progress`.
    pub async fn push(
        &self,
        sandbox: &SandboxState,
        job: i64,
        progress: impl FnMut(JobProgress) + Send + 'static,
    ) -> JobSummary {
        push_job_at(
            &self.store,
            sandbox,
            &Running::default(),
            &Keychain,
            job,
            progress,
        )
        .await
        .expect("push")
    }
}

pub fn write_csv(dir: &Path, name: &str, lines: &[String]) -> PathBuf {
    let path = dir.join(name);
    let text = std::iter::once(HEADER.to_owned())
        .chain(lines.iter().cloned())
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&path, text + "\n").expect("write csv");
    path
}

/// A job journaled from `file` with [`PROFILE`], to `connection`.
pub fn job_from(store_path: &Path, file: &Path, connection: &str) -> i64 {
    let profile = Profile::from_toml(PROFILE).expect("profile");
    let catalog = profile.catalog(Path::new(".")).expect("catalog");
    let mut sheet = sheet::open(file, &ReadOptions::default()).expect("sheet");
    let mapper = Mapper::new(&profile, &catalog, sheet.columns()).expect("mapper");
    let mut store = Store::open(store_path).expect("store");
    let source = file.display().to_string();
    create_job(
        &mut store,
        &mut sheet,
        &mapper,
        &catalog,
        &JobSpec {
            source: &source,
            profile: PROFILE,
            connection,
            policy: Policy::Update,
        },
        |_| {},
    )
    .expect("job")
    .job
}

/// Progress messages, as a Channel would carry them to the window.
#[derive(Clone, Default)]
pub struct Heard {
    messages: Arc<Mutex<Vec<JobProgress>>>,
}

impl Heard {
    /// A sink for a plan or push; `also` runs on each message.
    pub fn sink(
        &self,
        mut also: impl FnMut(&JobProgress) + Send + 'static,
    ) -> impl FnMut(JobProgress) + Send + 'static {
        let messages = Arc::clone(&self.messages);
        move |progress| {
            also(&progress);
            messages
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(progress);
        }
    }

    pub fn all(&self) -> Vec<JobProgress> {
        self.messages
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}
