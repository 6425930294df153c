//! A whole sheet through a mapping and the validator: the loop both shells run.
//!
//! Mapping a row and checking its fields need nothing from other rows, so batches of rows
//! go to worker threads, one per core but one ([`workers`]); the calling thread reads the
//! sheet (whose reader parses ahead on a thread of its own) and takes the batches back in
//! file order for the checks across records, which must see the records in order. Everything is recycled:
//! a handful of batches circulate, so memory stays flat whatever the file's length.

use std::collections::BTreeMap;
use std::num::NonZeroUsize;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

use super::across::{Across, Digests};
use super::fields::FieldChecks;
use super::{Counts, Issue};
use crate::mapping::{Mapped, Mapper, Record};
use crate::sheet::{Format, Row, Sheet, SheetError};
use crate::target::catalog::Catalog;

/// Rows in a batch: large enough that handing batches between threads costs nothing
/// measurable, small enough that the batches in flight stay a few megabytes.
const BATCH_ROWS: usize = 1024;

/// How many records ahead the slots of the tables across records are asked for: enough
/// for the memory to answer before the record's turn, few enough not to crowd each other
/// out (8 to 32 did about as well; reading or asking for a whole batch's slots first did
/// worse, docs/performance.md).
const RECORDS_AHEAD: usize = 16;

/// What the caller learns about each row, in file order.
pub enum Checked<'b> {
    /// A row left out by the profile's skip rule at this position.
    Skipped { row: &'b Row, rule: usize },
    /// A mapped record and every issue found for it; `valid` when none is an error.
    Record {
        row: &'b Row,
        record: &'b Record,
        issues: &'b [Issue],
        valid: bool,
    },
    /// An issue that could only be known once every record was seen (a manager who is
    /// not in the file); these come after all the rows.
    Late(Issue),
}

/// How much memory the tables of the checks across records share when only the issues are
/// wanted ([`validate_sheet`]): 36 MB hold a million values in each of an identifier's and
/// an email's table (18 bytes a value), and keep a run under 100 MB whatever the file's
/// length. Past it, values go to disk and their duplicates are reported after the rows
/// (`late.rs`); the budget is shared out among the tables the mapping needs.
const TABLE_BYTES: usize = 36 << 20;

/// How much of the tables across records stays in memory.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Keep {
    /// Bytes shared out among the tables.
    Bytes(usize),
    /// Values in each table (tests use a few).
    #[cfg(test)]
    Values(usize),
}

/// Maps and validates every row of `sheet`, handing each issue to `sink` (cross-record
/// warnings come last, and past about a million records duplicates among the later ones
/// too). Memory stays bounded whatever the file's length.
pub fn validate_sheet(
    sheet: &mut Sheet,
    mapper: &Mapper,
    catalog: &Catalog,
    sink: impl FnMut(Issue),
) -> Result<Counts, SheetError> {
    validate_keeping(sheet, mapper, catalog, Keep::Bytes(TABLE_BYTES), sink)
}

/// [`validate_sheet`] keeping `keep` of the tables in memory.
pub(crate) fn validate_keeping(
    sheet: &mut Sheet,
    mapper: &Mapper,
    catalog: &Catalog,
    keep: Keep,
    mut sink: impl FnMut(Issue),
) -> Result<Counts, SheetError> {
    run(sheet, mapper, catalog, Some(keep), |checked| {
        match checked {
            Checked::Record { issues, .. } => issues.iter().cloned().for_each(&mut sink),
            Checked::Late(issue) => sink(issue),
            Checked::Skipped { .. } => {}
        }
        Ok::<(), SheetError>(())
    })
}

/// Maps and validates every row of `sheet` on all cores and hands each row's result to
/// `each`, in file order. An error from the sheet or from `each` stops the run. Every
/// record's issues come with it (the checks across records keep all they need in memory,
/// about 36 bytes a record).
pub fn check_sheet<E: From<SheetError>>(
    sheet: &mut Sheet,
    mapper: &Mapper,
    catalog: &Catalog,
    each: impl FnMut(Checked<'_>) -> Result<(), E>,
) -> Result<Counts, E> {
    run(sheet, mapper, catalog, None, each)
}

/// [`check_sheet`], with the tables across records kept to `keep` in memory.
fn run<E: From<SheetError>>(
    sheet: &mut Sheet,
    mapper: &Mapper,
    catalog: &Catalog,
    keep: Option<Keep>,
    mut each: impl FnMut(Checked<'_>) -> Result<(), E>,
) -> Result<Counts, E> {
    let workers = workers();
    let checks = &FieldChecks::new(catalog, mapper);
    let mut across = Across::new(catalog, mapper);
    match keep {
        #[cfg(test)]
        Some(Keep::Values(values)) => across.spill_past(values),
        Some(Keep::Bytes(bytes)) => across.spill_past(bytes / across.bytes_per_record()),
        None => {}
    }
    let digests = across.digests().clone();
    let digests = &digests;
    let stride = digests.stride();
    let mut counts = Counts::default();
    // The first batch tells how long the rows are, so the tables across records can be
    // sized for the whole file before they fill.
    let mut first = Batch::default();
    let first_more = first.fill(sheet).map_err(E::from)?;
    if first_more {
        across.expect(expected_rows(sheet, &first));
    }
    let mut first = Some((first, first_more));
    std::thread::scope(|scope| {
        let (work, work_queue) = sync_channel::<Batch>(workers);
        let (done_queue, done) = sync_channel::<Batch>(2 * workers);
        let work_queue = Arc::new(Mutex::new(work_queue));
        for _ in 0..workers {
            let queue = Arc::clone(&work_queue);
            let done_queue = done_queue.clone();
            scope.spawn(move || work_on(&queue, &done_queue, mapper, checks, digests));
        }
        drop(done_queue);
        let mut pipeline = Pipeline {
            work,
            done,
            in_flight: 0,
            most_in_flight: 2 * workers,
            next_out: 0,
            arrived: BTreeMap::new(),
            spare: Vec::new(),
        };
        let mut deliver = |batch: &mut Batch| -> Result<(), E> {
            let digests_of = |i: usize| batch.digests.get(i * stride..(i + 1) * stride);
            for ahead in (0..RECORDS_AHEAD).filter_map(digests_of) {
                across.load_soon(ahead);
            }
            let mut issues = batch.issues.drain(..);
            let mut found = Vec::new();
            let mut start = 0;
            for i in 0..batch.len {
                if let Some(ahead) = digests_of(i + RECORDS_AHEAD) {
                    across.load_soon(ahead);
                }
                let row = &batch.rows[i];
                let (field_errors, end) = batch.results[i];
                found.clear();
                found.extend(issues.by_ref().take(end - start));
                start = end;
                match batch.mapped[i] {
                    Mapped::Skipped(rule) => {
                        counts.skipped += 1;
                        each(Checked::Skipped { row, rule })?;
                    }
                    Mapped::Record => {
                        let record = &batch.records[i];
                        let digests = &batch.digests[i * stride..(i + 1) * stride];
                        let errors = field_errors
                            + across.check_digested(record, digests, field_errors, &mut |i| {
                                found.push(i)
                            });
                        counts.add(errors);
                        each(Checked::Record {
                            row,
                            record,
                            issues: &found,
                            valid: errors == 0,
                        })?;
                    }
                }
            }
            Ok(())
        };
        let mut sent = 0u64;
        loop {
            let (mut batch, more) = match first.take() {
                Some(first) => first,
                None => {
                    let mut batch = pipeline.spare.pop().unwrap_or_default();
                    let more = batch.fill(sheet).map_err(E::from)?;
                    (batch, more)
                }
            };
            batch.seq = sent;
            if batch.len > 0 {
                pipeline.send(batch);
                sent += 1;
            }
            while pipeline.in_flight > 0 && (!more || pipeline.in_flight >= pipeline.most_in_flight)
            {
                pipeline.receive(&mut deliver)?;
            }
            if !more {
                return Ok::<(), E>(());
            }
        }
    })?;
    let late = across.finish(&mut |issue| each(Checked::Late(issue)))?;
    if let Some(error) = late.error {
        return Err(E::from(SheetError::io(&std::env::temp_dir(), error)));
    }
    counts.valid -= late.newly_invalid;
    counts.invalid += late.newly_invalid;
    Ok(counts)
}

/// How many workers map and check batches: one per core but one, which the reading thread
/// and the thread checking across records share (each does about a quarter of the work).
/// On two cores one worker was as fast as two and held 20 MB less (docs/performance.md).
fn workers() -> usize {
    #[cfg(test)]
    if let Some(workers) = WORKERS.with(std::cell::Cell::get) {
        return workers;
    }
    let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
    cores.saturating_sub(1).max(1)
}

#[cfg(test)]
thread_local! {
    /// Workers for the runs this thread starts, so tests can have batches come back out of
    /// order on any machine.
    pub(crate) static WORKERS: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
}

/// Rows on their way through the workers, with what the workers made of them.
#[derive(Default)]
struct Batch {
    /// Its place in the file, so batches that come back out of order are put back in it.
    seq: u64,
    /// The rows in use; the vectors keep spare rows from earlier, longer batches.
    len: usize,
    rows: Vec<Row>,
    mapped: Vec<Mapped>,
    records: Vec<Record>,
    /// The per-record issues of all rows, one after the other.
    issues: Vec<Issue>,
    /// Per row: the errors among its issues and where its issues end in `issues`.
    results: Vec<(u32, usize)>,
    /// Per row, the digests the checks across records compare (see [`Digests`]).
    digests: Vec<u64>,
    /// Scratch space for folding case.
    folded: String,
}

impl Batch {
    /// Reads up to [`BATCH_ROWS`] rows; false once the sheet has no more.
    fn fill(&mut self, sheet: &mut Sheet) -> Result<bool, SheetError> {
        self.len = 0;
        while self.len < BATCH_ROWS {
            if self.rows.len() == self.len {
                self.rows.push(Row::default());
            }
            if !sheet.next_row(&mut self.rows[self.len])? {
                return Ok(false);
            }
            self.len += 1;
        }
        Ok(true)
    }

    /// Maps every row and checks every record's fields.
    fn map_and_check(&mut self, mapper: &Mapper, checks: &FieldChecks<'_>, digests: &Digests) {
        self.records.resize_with(self.len, Record::default);
        self.mapped.clear();
        self.results.clear();
        self.issues.clear();
        self.digests.clear();
        let rows = &self.rows[..self.len];
        for (i, (row, record)) in rows.iter().zip(&mut self.records).enumerate() {
            // The rows were written on the reader's core: ask for them before their turn.
            if let Some(ahead) = rows.get(i + crate::cache_hint::ROWS_AHEAD) {
                ahead.load_soon();
            }
            let mapped = mapper.map(row, record);
            let errors = match mapped {
                Mapped::Record => {
                    digests.push(record, &mut self.digests, &mut self.folded);
                    checks.check(record, &mut |issue| self.issues.push(issue))
                }
                Mapped::Skipped(_) => {
                    self.digests
                        .resize(self.digests.len() + digests.stride(), 0);
                    0
                }
            };
            self.mapped.push(mapped);
            self.results.push((errors, self.issues.len()));
        }
    }
}

/// The most rows the tables across records are sized for up front (about 70 MB each);
/// past that they grow as they fill.
const MOST_EXPECTED_ROWS: u64 = 4_000_000;

/// About how many rows a delimited file holds, from its length and the first batch's rows
/// (a tenth more, so that the tables across records need not grow at the end); 0 for
/// other formats, whose length says little about their rows.
fn expected_rows(sheet: &Sheet, first: &Batch) -> usize {
    let layout = sheet.layout();
    let Ok(file) = std::fs::metadata(&layout.path) else {
        return 0;
    };
    if layout.format != Format::Csv || first.len == 0 {
        return 0;
    }
    // Each cell's text and its delimiter or line end.
    let bytes: usize = first.rows[..first.len]
        .iter()
        .map(|row| row.iter().map(|cell| cell.len() + 1).sum::<usize>())
        .sum();
    let per_row = (bytes / first.len).max(1) as u64;
    let rows = file.len() / per_row + file.len() / per_row / 10;
    usize::try_from(rows.min(MOST_EXPECTED_ROWS)).unwrap_or(0)
}

/// A worker: takes batches until the queue closes.
fn work_on(
    queue: &Mutex<Receiver<Batch>>,
    done: &SyncSender<Batch>,
    mapper: &Mapper,
    checks: &FieldChecks<'_>,
    digests: &Digests,
) {
    loop {
        // The lock is held only while waiting for the next batch, never while working.
        let next = match queue.lock() {
            Ok(queue) => queue.recv(),
            Err(_) => return,
        };
        let Ok(mut batch) = next else { return };
        batch.map_and_check(mapper, checks, digests);
        if done.send(batch).is_err() {
            return;
        }
    }
}

/// The calling thread's end of the queues.
struct Pipeline {
    work: SyncSender<Batch>,
    done: Receiver<Batch>,
    in_flight: usize,
    most_in_flight: usize,
    /// The next batch to hand on, and those that came back before it.
    next_out: u64,
    arrived: BTreeMap<u64, Batch>,
    spare: Vec<Batch>,
}

impl Pipeline {
    fn send(&mut self, batch: Batch) {
        // The workers only stop early by panicking; the scope passes the panic on.
        if self.work.send(batch).is_ok() {
            self.in_flight += 1;
        }
    }

    /// Waits for one batch and hands on every batch that is now next in file order.
    fn receive<E>(
        &mut self,
        deliver: &mut impl FnMut(&mut Batch) -> Result<(), E>,
    ) -> Result<(), E> {
        let Ok(batch) = self.done.recv() else {
            self.in_flight = 0;
            return Ok(());
        };
        self.in_flight -= 1;
        self.arrived.insert(batch.seq, batch);
        while let Some(mut batch) = self.arrived.remove(&self.next_out) {
            self.next_out += 1;
            let delivered = deliver(&mut batch);
            self.spare.push(batch);
            delivered?;
        }
        Ok(())
    }
}
