//! The processes of one secrets test: every `muster` run with its home, data, config, cache
//! and temporary folders inside the test's folder (so every file it writes is scanned), a
//! backtrace asked for should it panic, and what it printed kept for the scan.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use super::scan::Place;

pub struct Session {
    /// Everything the processes write is under here.
    pub dir: PathBuf,
    pub store: PathBuf,
    /// What every process printed, labelled.
    pub outputs: Vec<Place>,
    /// Connections saved, removed (with their keychain entries) when the test ends.
    saved: Vec<String>,
}

impl Session {
    pub fn new(dir: &Path) -> Session {
        for folder in ["home", "tmp", "work", "exports", "snapshots"] {
            std::fs::create_dir_all(dir.join(folder)).expect("a test folder is made");
        }
        Session {
            dir: dir.to_path_buf(),
            store: dir.join("work").join("muster.db"),
            outputs: Vec::new(),
            saved: Vec::new(),
        }
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.join(relative)
    }

    /// `muster` with the session's environment, started in the work folder.
    pub fn command(&self) -> Command {
        let home = self.dir.join("home");
        let mut command = Command::new(env!("CARGO_BIN_EXE_muster"));
        command
            .current_dir(self.dir.join("work"))
            .env("HOME", &home)
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_CACHE_HOME", home.join(".cache"))
            .env("XDG_STATE_HOME", home.join(".local/state"))
            .env("TMPDIR", self.dir.join("tmp"))
            .env("RUST_BACKTRACE", "1");
        command
    }

    /// Runs `muster ARGS --store STORE` (when `store`), `input` on standard input, and keeps
    /// what it printed.
    pub fn muster(&mut self, args: &[&str], input: Option<&str>, store: bool) -> Output {
        let mut command = self.command();
        command.args(args);
        if store {
            command.arg("--store").arg(&self.store);
        }
        let out = super::common::output_with_input(&mut command, input);
        self.keep(&args.join(" "), &out.stdout, &out.stderr);
        out
    }

    /// `muster ARGS --store STORE` that must end with one of `codes`.
    pub fn expect(&mut self, args: &[&str], codes: &[i32]) -> Output {
        self.expect_with(args, codes, true)
    }

    /// `muster ARGS` (a command without a store) that must end with one of `codes`.
    pub fn expect_storeless(&mut self, args: &[&str], codes: &[i32]) -> Output {
        self.expect_with(args, codes, false)
    }

    fn expect_with(&mut self, args: &[&str], codes: &[i32], store: bool) -> Output {
        let out = self.muster(args, None, store);
        assert!(
            out.status.code().is_some_and(|c| codes.contains(&c)),
            "muster {}: {:?}\n{}{}",
            args.join(" "),
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Saves a connection with `muster connect add NAME ARGS…`, the secret on standard
    /// input, and proves it with `muster connect test`.
    pub fn connect(&mut self, name: &str, args: &[String], secret: &str) {
        let mut all = vec!["connect", "add", name];
        all.extend(args.iter().map(String::as_str));
        let out = self.muster(&all, Some(secret), true);
        assert_eq!(out.status.code(), Some(0), "{}", said(&out));
        self.saved.push(name.to_owned());
        self.expect(&["connect", "test", name], &[0]);
    }

    /// Starts `muster ARGS --store STORE` with its output going to files in the session
    /// folder (scanned like every other file), to be killed.
    pub fn start(&self, label: &str, args: &[&str]) -> Child {
        let file = |suffix: &str| {
            std::fs::File::create(self.dir.join("work").join(format!("{label}.{suffix}")))
                .expect("an output file is made")
        };
        self.command()
            .args(args)
            .arg("--store")
            .arg(&self.store)
            .stdin(Stdio::null())
            .stdout(file("stdout"))
            .stderr(file("stderr"))
            .spawn()
            .expect("muster starts")
    }

    /// Copies the store with its WAL and shared-memory files as they are now.
    pub fn snapshot_store(&self, label: &str) -> Vec<PathBuf> {
        let folder = self.dir.join("snapshots").join(label);
        std::fs::create_dir_all(&folder).expect("a snapshot folder is made");
        let mut copied = Vec::new();
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let from = PathBuf::from(format!("{}{suffix}", self.store.display()));
            let to = folder.join(format!("muster.db{suffix}"));
            if std::fs::copy(&from, &to).is_ok() {
                copied.push(to);
            }
        }
        copied
    }

    fn keep(&mut self, label: &str, stdout: &[u8], stderr: &[u8]) {
        for (stream, bytes) in [("standard output", stdout), ("standard error", stderr)] {
            self.outputs.push(Place {
                what: format!("the {stream} of `muster {label}`"),
                bytes: bytes.to_vec(),
            });
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        for name in std::mem::take(&mut self.saved) {
            let _ = self.muster(&["connect", "remove", &name], None, true);
        }
    }
}

pub fn said(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The arguments after `muster connect add NAME` of an emulator's printed line, with
/// `replace` applied to its settings.
pub fn connect_args(printed: &[String], replace: &[(&str, &str)]) -> Vec<String> {
    let mut args: Vec<String> = printed[3..].to_vec();
    for (key, value) in replace {
        let setting = format!("{key}={value}");
        match args.iter_mut().find(|a| a.starts_with(&format!("{key}="))) {
            Some(existing) => *existing = setting,
            None => args.extend(["--setting".to_owned(), setting]),
        }
    }
    args
}
