//! A `muster sandbox` running as a process of its own, as a person would keep one open
//! for rehearsals: what its banner says about each emulator, the `muster connect add` it
//! prints for each (run with the secret on standard input), and each emulator's
//! `/_sandbox/...` control endpoints (fault rules and the request log).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

use serde_json::Value;

use super::{muster_with_input, text};

/// One emulator as the banner described it.
#[derive(Debug, Clone)]
pub struct Emulator {
    /// `auth0`, `authgear`, `scim`, `rest`, `lms`, `hris` or `people`.
    pub name: String,
    pub url: String,
    /// The `muster connect add …` line, split into its arguments (without `muster`).
    pub connect_add: Vec<String>,
    /// What that command reads on standard input.
    pub secret: String,
    /// The credentials listed (`client_id`, `api_token`, …), one-line values only.
    pub credentials: Vec<(String, String)>,
}

impl Emulator {
    /// A credential the banner listed.
    pub fn credential(&self, key: &str) -> &str {
        self.credentials
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, value)| value.as_str())
            .unwrap_or_else(|| panic!("the banner lists no {key} for {}", self.name))
    }

    /// Runs the printed `muster connect add`, saving the connection as `name` in the
    /// store at `store`, with the printed secret on standard input.
    pub fn save_as(&self, name: &str, store: &Path) -> Output {
        let mut args = self.connect_add.clone();
        // `connect add NAME …`: the printed name is a suggestion.
        args[2] = name.to_owned();
        args.extend(["--store".to_owned(), text(store).to_owned()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        muster_with_input(&args, &self.secret)
    }

    /// Every request the emulator logged, oldest first.
    pub fn requests(&self) -> Vec<Value> {
        let log = block_on(async {
            let answer = reqwest::get(format!("{}/_sandbox/requests", self.url)).await?;
            answer.json::<Value>().await
        })
        .expect("the request log is read");
        match log {
            Value::Array(entries) => entries,
            other => panic!("the request log is not a list: {other}"),
        }
    }

    /// How many logged requests had this method, a path starting with `prefix`, and
    /// (when given) this status.
    pub fn count(&self, method: &str, prefix: &str, status: Option<u16>) -> usize {
        self.requests()
            .iter()
            .filter(|e| e["method"] == method)
            .filter(|e| e["path"].as_str().is_some_and(|p| p.starts_with(prefix)))
            .filter(|e| status.is_none_or(|s| e["status"] == s))
            .count()
    }

    /// Adds a fault rule through the control endpoint, e.g.
    /// `{"kind":"late_answer","ms":30000,"method":"POST","path":"/api/v2/jobs/users-imports"}`.
    pub fn add_fault(&self, fault: &Value) {
        let status = block_on(async {
            let answer = reqwest::Client::new()
                .post(format!("{}/_sandbox/faults", self.url))
                .json(fault)
                .send()
                .await?;
            Ok::<_, reqwest::Error>(answer.status())
        })
        .expect("the control endpoint answers");
        assert_eq!(status, 201, "the fault {fault} was refused");
    }
}

/// A running `muster sandbox`; stopped when dropped.
pub struct SandboxProcess {
    child: Child,
    pub emulators: Vec<Emulator>,
}

impl SandboxProcess {
    /// Starts `muster sandbox` with `args` and reads its banner.
    pub fn start(args: &[&str]) -> SandboxProcess {
        let mut child = Command::new(env!("CARGO_BIN_EXE_muster"))
            .arg("sandbox")
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("muster sandbox starts");
        let out = child.stdout.take().expect("its output is piped");
        let mut reader = BufReader::new(out);
        let emulators = read_banner(&mut reader);
        // Whatever it prints later is read and dropped, so it never writes to a closed pipe.
        std::thread::spawn(move || reader.lines().for_each(drop));
        SandboxProcess { child, emulators }
    }

    /// The emulator called `name` (`auth0`, …).
    pub fn emulator(&self, name: &str) -> &Emulator {
        self.emulators
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("the banner names no {name} emulator"))
    }
}

impl Drop for SandboxProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The emulators the banner names: five targets, then two sources.
const EMULATORS: usize = 7;

/// Reads the banner up to the last emulator's secret (the process goes on serving).
fn read_banner(out: &mut impl BufRead) -> Vec<Emulator> {
    let mut emulators: Vec<Emulator> = Vec::new();
    for line in out.lines() {
        let line = line.expect("the banner is text");
        if let Some((name, url)) = line.split_once(' ')
            && !line.starts_with(' ')
            && url.starts_with("http://127.0.0.1:")
        {
            emulators.push(Emulator {
                name: name.to_owned(),
                url: url.trim().to_owned(),
                connect_add: Vec::new(),
                secret: String::new(),
                credentials: Vec::new(),
            });
            continue;
        }
        let Some(current) = emulators.last_mut() else {
            continue;
        };
        let Some(entry) = line.strip_prefix("  ").filter(|e| !e.starts_with(' ')) else {
            continue; // a PEM key's continuation lines
        };
        if let Some(command) = entry.strip_prefix(muster_sandbox::SAVE_WITH) {
            let words: Vec<String> = command.split_whitespace().map(str::to_owned).collect();
            assert_eq!(words.first().map(String::as_str), Some("muster"), "{line}");
            current.connect_add = words[1..].to_vec();
        } else if let Some((_, secret)) = entry.split_once(muster_sandbox::STDIN_SUFFIX) {
            current.secret = secret.to_owned();
            if emulators.len() == EMULATORS {
                break;
            }
        } else if let Some((key, value)) = entry.split_once(": ") {
            current.credentials.push((key.to_owned(), value.to_owned()));
        }
    }
    assert_eq!(
        emulators.len(),
        EMULATORS,
        "the banner names every emulator"
    );
    for emulator in &emulators {
        assert!(
            !emulator.connect_add.is_empty() && !emulator.secret.is_empty(),
            "the banner gives no `connect add` line and secret for {}",
            emulator.name
        );
    }
    emulators
}

/// Runs one future to its end on a runtime of its own (the tests are synchronous).
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime starts")
        .block_on(future)
}

/// A `muster sandbox` seen through its LMS emulator, as the push and retry tests use it.
pub struct LmsSandbox {
    process: SandboxProcess,
    pub lms_url: String,
    pub token: String,
}

/// Starts `muster sandbox` with its defaults, for its LMS emulator.
pub fn start_sandbox() -> LmsSandbox {
    let process = SandboxProcess::start(&[]);
    let lms = process.emulator("lms");
    let (lms_url, token) = (lms.url.clone(), lms.secret.clone());
    LmsSandbox {
        process,
        lms_url,
        token,
    }
}

impl LmsSandbox {
    fn lms(&self) -> &Emulator {
        self.process.emulator("lms")
    }

    /// The LMS request log.
    pub fn requests(&self) -> Vec<Value> {
        self.lms().requests()
    }

    /// Empties the LMS request log.
    pub fn forget_requests(&self) {
        let status = block_on(async {
            let answer = reqwest::Client::new()
                .delete(format!("{}/_sandbox/requests", self.lms_url))
                .send()
                .await?;
            Ok::<_, reqwest::Error>(answer.status())
        })
        .expect("the control endpoint answers");
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
