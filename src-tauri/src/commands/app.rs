//! `app_info` and `jobs_list`: what the Start screen needs, from the store shared with the
//! CLI.

use std::path::{Path, PathBuf};

use muster_engine::store::{Job, JobCounts as StoreCounts};
use tauri::Manager;

use super::blocking;
use crate::error::UiError;
use crate::samples::Samples;
use crate::store;
use crate::wire::{AppInfo, JobCounts, JobSummary};

/// The app's version, its store, whether this is the first run, and the sample to offer.
pub fn app_info_at(
    store_path: &Path,
    samples: &Samples,
    open_path: Option<&Path>,
) -> Result<AppInfo, UiError> {
    let first_run = store::open(store_path)?.jobs()?.is_empty();
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        store_path: store_path.display().to_string(),
        first_run,
        sample_path: samples.data.display().to_string(),
        sample_profile_path: samples.profile.display().to_string(),
        open_path: open_path.map(|p| p.display().to_string()),
    })
}

/// The file named on the command line, made absolute so the UI shows where it is.
pub struct OpenAtStart(Option<PathBuf>);

impl OpenAtStart {
    pub fn new(file: Option<PathBuf>) -> OpenAtStart {
        OpenAtStart(file.map(|f| std::path::absolute(&f).unwrap_or(f)))
    }

    pub fn path(&self) -> Option<&Path> {
        self.0.as_deref()
    }
}

/// Every job in the store, newest first. A job left running by a process that is gone (the
/// app or the CLI killed mid-push) is listed as interrupted, so the UI offers to resume it.
pub fn jobs_at(store_path: &Path) -> Result<Vec<JobSummary>, UiError> {
    Ok(store::open(store_path)?
        .jobs()?
        .into_iter()
        .map(summary)
        .collect())
}

/// A job as the UI lists it.
pub(crate) fn summary(job: Job) -> JobSummary {
    JobSummary {
        id: job.id,
        source: job.source,
        connection: job.connection,
        target_kind: job.target_kind,
        status: job.status.as_str().to_owned(),
        counts: counts(&job.counts),
        created_at: job.created_at,
    }
}

/// The contract has no "in flight": records sent in a batch that has not answered are not
/// settled yet, so the UI counts them as pending and the counts still add up to the total.
pub(crate) fn counts(c: &StoreCounts) -> JobCounts {
    JobCounts {
        total: c.total,
        pending: c.pending + c.in_flight,
        created: c.created,
        updated: c.updated,
        skipped: c.skipped,
        unchanged: c.unchanged,
        failed: c.failed,
        held_back: c.held_back,
    }
}

#[tauri::command]
pub async fn app_info(
    app: tauri::AppHandle,
    open: tauri::State<'_, OpenAtStart>,
) -> Result<AppInfo, UiError> {
    let resources = app.path().resource_dir().ok();
    let open_path = open.path().map(Path::to_path_buf);
    blocking(move || {
        app_info_at(
            &store::path()?,
            &Samples::locate(resources.as_deref()),
            open_path.as_deref(),
        )
    })
    .await
}

#[tauri::command]
pub async fn jobs_list() -> Result<Vec<JobSummary>, UiError> {
    blocking(|| jobs_at(&store::path()?)).await
}
