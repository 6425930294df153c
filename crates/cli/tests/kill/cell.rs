//! One cell of the kill matrix: `muster run` killed at the cell's point, `muster jobs
//! resume` until the job finishes, and what the emulator and the journal say then.

use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use super::point::{self, Connector, HOLD, Point, ROWS};
use super::rehearsal::Rehearsal;

/// Runs the cell `point × kind` and prints its summary line.
pub fn run(label: &str, kind: &str) {
    let name = format!("[{label} × {kind}]");
    let point = Point::named(label);
    let connector = Connector::named(kind);
    let cell = Rehearsal::start(&name, label, connector.kind, ROWS);
    point::hold(point, connector, cell.faults());

    let run = cell
        .run_command(&[])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("muster run starts");
    cell.wait_until("the run held at its kill point", || {
        cell.faults().pending().is_empty() && point::reached(point, connector, cell.log())
    });
    let killed_at = Instant::now();
    kill(run);

    // Right after the kill, the journal knows the batch left or was about to.
    let counts = cell.counts();
    let (done, in_flight) = point::journal_at_kill(point, connector);
    assert_eq!(
        (counts.done(), counts.in_flight, counts.pending),
        (done, in_flight, ROWS - done - in_flight),
        "{name}: (done, in flight, pending) in the journal after the kill"
    );
    // A request held before handling dies with its connection; give it the time it was
    // held for, then check nothing more arrived than the point says.
    if let Some(left) = HOLD.checked_sub(killed_at.elapsed()) {
        std::thread::sleep(left + Duration::from_millis(300));
    }
    // A person resumes later than the target's accepted work takes.
    cell.wait_until("the emulator's accepted work done", || {
        !cell.sandbox.still_working(connector.kind)
    });
    let arrived: usize = cell.keys().iter().map(|key| cell.arrivals(key)).sum();
    assert_eq!(
        arrived as u64,
        point::arrived_at_kill(point, connector),
        "{name}: users that arrived at the emulator by the kill"
    );
    cell.faults().clear();

    let runs = cell.resume_until_finished();
    let twice = cell.assert_each_arrived_once(ROWS, connector.second_arrival());
    assert_eq!(
        twice,
        point::sent_twice(point, connector),
        "{name}: records sent twice by design"
    );
    let c = cell.counts();
    println!(
        "{name} resumes to finish: {runs} · journal: {} created, {} updated, {} skipped · sent twice: {twice} · creates handled: {}, requests: {}",
        c.created,
        c.updated,
        c.skipped,
        cell.creates_handled(connector.create_path()),
        cell.log().len()
    );
}

/// SIGKILL (what `Child::kill` sends on Unix), then reaped so the job's claim is free.
fn kill(mut run: Child) {
    run.kill().expect("muster run is killed");
    run.wait().expect("muster run is reaped");
}
