//! The runner's store work per batch, without a network: what a long job pays the journal
//! for every batch, and whether that grows with the job.
//!
//! `cargo run --release -p muster-bench -- --only journal [--records N] [--targets KIND]`
//!
//! A job of N records of the first kind given (LMS unless told; SCIM records have
//! managers, see `targets::person`) in a store file with the real SQLite settings is taken
//! to the end 16 records a batch, as the runner does it: the next pending records
//! (managers first), the intent (`begin_batch`), the outcomes (`finish_batch`). `counts`
//! (every record of the job grouped by state), which the runner used to call after every
//! batch, is timed beside them on a hundred batches spread over the job. Each is reported
//! per batch over the first and the last tenth of the batches (a cost that grows from one
//! to the other makes the job quadratic), with the slowest look for the next records.

use std::time::{Duration, Instant};

use anyhow::Result;
use muster_engine::job::{Outcome, Policy, RecordOutcome};
use muster_engine::store::Store;

use super::targets::{self, Kind};

/// Records in one batch (the LMS connector's).
const BATCH: usize = 16;

/// `counts` is timed on about this many batches spread over the job (at a million
/// records one call takes the better part of a second).
const COUNTS_TIMED: usize = 100;

/// Per-batch timings of one batch.
#[derive(Clone, Copy, Default)]
struct Timed {
    pending: Duration,
    journal: Duration,
    /// Zero on the batches where it is not timed.
    counts: Duration,
}

pub fn run(records: u64, kind: Kind) -> Result<()> {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("muster.db"))?;
    let job = targets::journal(&mut store, kind, Policy::Update, 0, records)?;
    let counts_every =
        (usize::try_from(records).unwrap_or(usize::MAX) / BATCH / COUNTS_TIMED).max(1);
    let mut timed = Vec::new();
    loop {
        let started = Instant::now();
        let next = store.pending(job, BATCH)?;
        let pending = started.elapsed();
        if next.is_empty() {
            break;
        }
        let ids: Vec<i64> = next.iter().map(|record| record.id).collect();
        let started = Instant::now();
        let batch = store.begin_batch(job, &ids)?;
        let outcomes: Vec<(i64, RecordOutcome)> = ids
            .iter()
            .map(|id| {
                let outcome = RecordOutcome {
                    outcome: Outcome::Created,
                    target_id: None,
                    code: None,
                    message: None,
                };
                (*id, outcome)
            })
            .collect();
        store.finish_batch(batch, &outcomes)?;
        let journal = started.elapsed();
        let mut counts = Duration::ZERO;
        if timed.len() % counts_every == 0 {
            let started = Instant::now();
            store.counts(job)?;
            counts = started.elapsed();
        }
        timed.push(Timed {
            pending,
            journal,
            counts,
        });
    }
    let tenth = (timed.len() / 10).max(1);
    let first = average(&timed[..tenth.min(timed.len())]);
    let last = average(&timed[timed.len().saturating_sub(tenth)..]);
    let slowest = timed.iter().map(|t| t.pending).max().unwrap_or_default();
    let total: Duration = timed.iter().map(|t| t.pending).sum();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("| target | records | batches | per batch | next records | begin + finish | counts |");
    println!("|---|---:|---:|---|---:|---:|---:|");
    for (label, at) in [("first tenth", first), ("last tenth", last)] {
        println!(
            "| {} | {records} | {} | {label} | {:.3} ms | {:.3} ms | {:.3} ms |",
            kind.name(),
            timed.len(),
            ms(at.pending),
            ms(at.journal),
            ms(at.counts),
        );
    }
    println!(
        "\nNext records: {:.2} s in all, the slowest look {:.1} ms.",
        total.as_secs_f64(),
        ms(slowest)
    );
    Ok(())
}

/// The average per batch; `counts` over the batches where it was timed.
fn average(timed: &[Timed]) -> Timed {
    let n = u32::try_from(timed.len()).unwrap_or(u32::MAX).max(1);
    let counted = timed.iter().filter(|t| !t.counts.is_zero()).count();
    let counted = u32::try_from(counted).unwrap_or(u32::MAX).max(1);
    let sum = timed.iter().fold(Timed::default(), |sum, t| Timed {
        pending: sum.pending + t.pending,
        journal: sum.journal + t.journal,
        counts: sum.counts + t.counts,
    });
    Timed {
        pending: sum.pending / n,
        journal: sum.journal / n,
        counts: sum.counts / counted,
    }
}
