//! What every CLI test needs: the built `muster`, the repository's files, paths as text;
//! [`sandbox`] for tests against a `muster sandbox` process, [`staff`] for generated files,
//! profiles and what the store says about a job.
#![allow(dead_code)] // each test binary uses its own share of these

pub mod sandbox;
pub mod staff;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Runs `muster` with `args` and collects what it said.
pub fn muster(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_muster"))
        .args(args)
        .output()
        .expect("the muster binary runs")
}

/// Runs `muster` with `args`, `input` given as one line on standard input (the secret
/// `connect add` and `connect secret` read), and collects what it said.
pub fn muster_with_input(args: &[&str], input: &str) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_muster"));
    command.args(args);
    output_with_input(&mut command, Some(input))
}

/// Runs `command` with `input` (when given) as one line on its standard input, which is
/// then closed, and collects what it said.
pub fn output_with_input(command: &mut Command, input: Option<&str>) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the muster binary runs");
    let mut stdin = child.stdin.take().expect("its standard input is piped");
    if let Some(input) = input {
        writeln!(stdin, "{input}").expect("the input is written to it");
    }
    drop(stdin);
    child.wait_with_output().expect("muster ends")
}

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
