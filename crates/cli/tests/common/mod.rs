//! What every CLI test needs: the built `muster`, the repository's files, paths as text;
//! [`sandbox`] for tests against a `muster sandbox` process, [`staff`] for generated files,
//! profiles and what the store says about a job.
#![allow(dead_code)] // each test binary uses its own share of these

pub mod sandbox;
pub mod staff;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `muster` with `args` and collects what it said.
pub fn muster(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_muster"))
        .args(args)
        .output()
        .expect("the muster binary runs")
}

/// A file of the repository, like `samples/lms-profile.toml`.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

pub fn text(path: &Path) -> &str {
    path.to_str().expect("test paths are UTF-8")
}

/// What a finished command printed on standard output.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What a finished command printed on standard error.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
