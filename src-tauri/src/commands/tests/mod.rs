//! The commands' plain functions, run without a window against the repository's samples
//! and files made on the spot.

mod app;
mod change;
mod connections;
mod create_job;
mod history;
mod job_flow;
mod jobs_support;
mod large;
mod loading;
mod mapping;
mod push_progress;
mod results;
mod review;
mod sandbox;
mod sheet;
mod staff;
mod templates;

use std::path::PathBuf;

use crate::samples::{self, repository_samples};

/// The repository's sample file, as the Start screen offers it.
fn sample_file() -> String {
    path_text(repository_samples().join(samples::DATA))
}

fn path_text(path: PathBuf) -> String {
    path.display().to_string()
}
