//! The disk holding the job store fills up while a job is sent: a real full filesystem,
//! not a simulated error. The store lives on a 4 MB tmpfs mounted in a mount namespace of
//! its own (`unshare --user --map-root-user --mount`, no root needed where unprivileged
//! user namespaces are allowed, as on Debian and Ubuntu); every `muster` command runs in
//! that namespace through `nsenter`, and the test reaches the same files through
//! `/proc/PID/root`.
//!
//! The job (200 people to the REST emulator) is journaled first (`muster run --dry-run`);
//! `muster jobs resume 1` then sends it, the emulator holds the fourth batch's creates
//! before handling them, and meanwhile the test fills the tmpfs to its last byte. The held
//! creates are carried out and answered, but their outcome cannot be written down: the
//! resume must stop with a message that says what happened, where, and what to do, and
//! lose nothing. Once the filler is deleted, `muster jobs resume 1` finishes the job and
//! the emulator holds every user, created once.
//!
//! Run with a keychain: `dbus-run-session -- bash -c 'echo -n pw | gnome-keyring-daemon
//! --daemonize --unlock --components=secrets; cargo test -p muster-cli --test full_disk'`.

mod common;

#[path = "kill/rehearsal.rs"]
mod rehearsal;

use std::ffi::OsString;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::{stderr, stdout};
use muster_sandbox::Fault;
use rehearsal::Rehearsal;
use tempfile::TempDir;

const ROWS: u64 = 200;
const CREATE: &str = "/api/users";
/// REST batches hold 20 records, sent 4 at a time.
const BATCH: u64 = 20;
const AT_ONCE: u32 = 4;

/// A tmpfs mounted on `at` in a user and mount namespace of its own, alive as long as
/// this value.
struct SmallDisk {
    holder: Child,
}

impl SmallDisk {
    fn mount(at: &Path, size: &str) -> SmallDisk {
        std::fs::create_dir_all(at).expect("the mount point is made");
        let script =
            format!("mount -t tmpfs -o size={size} tmpfs \"$1\" && echo mounted && exec sleep 600");
        let mut holder = Command::new("unshare")
            .args([
                "--user",
                "--map-root-user",
                "--mount",
                "--propagation",
                "private",
            ])
            .args(["sh", "-c", &script, "sh"])
            .arg(at)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("unshare (util-linux) runs");
        let mut said = String::new();
        let out = holder.stdout.take().expect("its output is piped");
        BufReader::new(out)
            .read_line(&mut said)
            .expect("it answers");
        if said.trim() != "mounted" {
            let _ = holder.kill();
            let out = holder.wait_with_output().expect("it ends");
            panic!(
                "cannot mount a small tmpfs in a user namespace ({}): this test needs unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1, or a container allowed to unshare)",
                stderr(&out).trim()
            );
        }
        SmallDisk { holder }
    }

    /// `path` as this process reaches it: through the namespace's root.
    fn here(&self, path: &Path) -> PathBuf {
        let inside = path.strip_prefix("/").unwrap_or(path);
        PathBuf::from(format!("/proc/{}/root", self.holder.id())).join(inside)
    }

    /// `nsenter …`: runs a command inside the namespace, as the same user.
    fn wrapper(&self) -> Vec<OsString> {
        let pid = self.holder.id().to_string();
        [
            "nsenter",
            "--target",
            &pid,
            "--user",
            "--mount",
            "--preserve-credentials",
        ]
        .into_iter()
        .map(OsString::from)
        .collect()
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = self.holder.kill();
        let _ = self.holder.wait();
    }
}

/// Writes `path` until the filesystem has not one byte left.
fn fill(path: &Path) {
    let mut file = std::fs::File::create(path).expect("the filler is created");
    let mut chunk = 64 * 1024;
    let zeros = vec![0u8; chunk];
    while chunk > 0 {
        match file.write(&zeros[..chunk]) {
            Ok(0) | Err(_) => chunk /= 2,
            Ok(_) => {}
        }
    }
    let _ = file.sync_all();
}

#[test]
fn a_full_disk_stops_the_job_with_a_clear_message_and_the_job_resumes_once_space_is_freed() {
    let dir = TempDir::new().expect("a temporary folder");
    let disk_at = dir.path().join("disk");
    let disk = SmallDisk::mount(&disk_at, "4m");
    let store = disk_at.join("muster.db");
    let store_here = disk.here(&store);
    let rehearsal = Rehearsal::start_with(
        "[full disk]",
        "full-disk",
        "rest",
        ROWS,
        dir,
        (store.clone(), store_here),
        disk.wrapper(),
    );
    let journaled = rehearsal
        .run_command(&["--dry-run"])
        .output()
        .expect("muster run starts");
    assert_eq!(journaled.status.code(), Some(0), "{}", stderr(&journaled));

    // Three batches go through; the fourth's creates wait at the emulator while the disk
    // fills up.
    let held = u32::try_from(3 * BATCH).unwrap_or(u32::MAX);
    rehearsal.faults().push(
        Fault::delay(Duration::from_secs(3))
            .on("POST", CREATE)
            .after(held)
            .times(AT_ONCE),
    );
    let resume = rehearsal
        .command(&["jobs", "resume", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("muster jobs resume starts");
    rehearsal.wait_until("the fourth batch held", || {
        rehearsal.faults().pending().is_empty()
    });
    let filler = disk.here(&disk_at.join("filler"));
    fill(&filler);
    let stopped = resume.wait_with_output().expect("the resume ends");

    let said = stderr(&stopped);
    println!("[full disk] muster jobs resume 1 said: {}", said.trim());
    assert_eq!(stopped.status.code(), Some(1), "{}{said}", stdout(&stopped));
    for words in [
        format!(
            "job 1 stopped: the disk holding the job store ({}) is full",
            store.display()
        ),
        "Nothing is lost".to_owned(),
        "free some space on that disk, then run `muster jobs resume 1`".to_owned(),
    ] {
        assert!(said.contains(&words), "\"{words}\" not in: {said}");
    }
    // The fourth batch was carried out at the emulator, unknown to the journal.
    assert_eq!(rehearsal.creates_handled(CREATE), 4 * BATCH as usize);

    std::fs::remove_file(&filler).expect("the filler is deleted");
    // Nothing was lost: three batches journaled, the fourth still in flight.
    let counts = rehearsal.counts();
    assert_eq!(
        (counts.created, counts.in_flight, counts.pending),
        (3 * BATCH, BATCH, ROWS - 4 * BATCH),
        "(created, in flight, pending) in the journal after the disk filled"
    );
    let runs = rehearsal.resume_until_finished();
    assert_eq!(runs, 1, "resumes to finish once space is freed");
    assert_eq!(rehearsal.assert_each_arrived_once(ROWS, None), 0);
    assert_eq!(rehearsal.creates_handled(CREATE), ROWS as usize);
    println!(
        "[full disk] resumes to finish: {runs} · journal: {} created · creates handled: {}, requests: {}",
        rehearsal.counts().created,
        rehearsal.creates_handled(CREATE),
        rehearsal.log().len()
    );
}
