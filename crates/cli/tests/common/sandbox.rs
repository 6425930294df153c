//! A `muster sandbox` running beside a test, for jobs that outlive one `muster` process
//! (resume, retry), and its LMS request log.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use serde_json::Value;

/// A running `muster sandbox`, its LMS address and token read from what it prints.
pub struct SandboxProcess {
    child: Child,
    pub lms_url: String,
    pub token: String,
}

impl Drop for SandboxProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn start_sandbox() -> SandboxProcess {
    let mut child = Command::new(env!("CARGO_BIN_EXE_muster"))
        .arg("sandbox")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut lms_url = None;
    let mut token = None;
    for line in lines.by_ref() {
        let line = line.unwrap();
        if let Some(url) = line.strip_prefix("lms ") {
            lms_url = Some(url.trim().to_string());
        } else if let (Some(_), Some(value)) = (&lms_url, line.trim().strip_prefix("api_token: ")) {
            token = Some(value.to_string());
            break;
        }
    }
    SandboxProcess {
        child,
        lms_url: lms_url.expect("the sandbox prints the LMS address"),
        token: token.expect("the sandbox prints the LMS token"),
    }
}

impl SandboxProcess {
    /// The LMS request log (`GET /_sandbox/requests`).
    pub fn requests(&self) -> Vec<Value> {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let log: Value = runtime.block_on(async {
            reqwest::get(format!("{}/_sandbox/requests", self.lms_url))
                .await
                .unwrap()
                .json()
                .await
                .unwrap()
        });
        log.as_array()
            .cloned()
            .or_else(|| log["requests"].as_array().cloned())
            .unwrap()
    }

    /// Empties the LMS request log.
    pub fn forget_requests(&self) {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let status = runtime.block_on(async {
            reqwest::Client::new()
                .delete(format!("{}/_sandbox/requests", self.lms_url))
                .send()
                .await
                .unwrap()
                .status()
        });
        assert!(status.is_success(), "{status}");
    }

    /// The LMS imports the sandbox answered with 200.
    pub fn imports_answered(&self) -> usize {
        self.imports().filter(|e| e["status"] == 200).count()
    }

    /// Every LMS import request in the log, whatever the answer.
    pub fn imports(&self) -> impl Iterator<Item = Value> {
        self.requests()
            .into_iter()
            .filter(|e| e["method"] == "POST" && e["path"] == "/api/v2/users-import/single")
    }
}
