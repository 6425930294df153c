//! A large UTF-8 file parsed on every core: one thread reads the file in blocks and cuts
//! each after its last whole record ([`split::last_cut`]), parser threads
//! (`parallel/parser.rs`) turn the parts into rows, and the caller takes the rows back in
//! file order.
//!
//! The rows are exactly the ones the one-thread reader ([`super::DelimitedRows`] behind
//! [`crate::sheet::framed::Framed`]) gives, with the same Excel row numbers and problems:
//! each part knows how many rows Excel shows before it (the line breaks outside quotes
//! before the cut) and is numbered from there as the one-thread reader numbers its rows.
//! The parsers write each record's bytes straight into the [`Row`] that carries it and
//! check its UTF-8 there, so no thread copies a record twice.

use std::collections::{BTreeMap, VecDeque};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};
use std::sync::{Arc, Mutex};

use self::parser::Parser;
use super::split;
use crate::sheet::limits::MAX_ROW_BYTES;
use crate::sheet::{Problems, Row, RowReader, SheetError};

/// How much of the file one part holds: about 1,700 rows of a typical HR export, so the
/// parts in flight stay a few megabytes.
pub(super) const PART_BYTES: usize = 256 * 1024;

/// Where the one-thread reader stopped and the parts take over.
pub(super) struct Resume {
    pub path: PathBuf,
    /// The byte of the file where the first part starts (after the last row read).
    pub offset: u64,
    /// Rows Excel shows before `offset`: the last row read, less one when that row's CRLF
    /// is cut between its CR (read) and its LF (not yet).
    pub rows_before: u64,
    /// The Excel row of the last row read, which the first part's rows count on from.
    pub last_row: u64,
    pub delimiter: u8,
    /// The header's width, to report ragged rows.
    pub width: usize,
    /// The rows the header search read ahead, and the problems found so far.
    pub pending: VecDeque<Row>,
    pub problems: Problems,
}

/// One part of the file on its way to a parser.
struct Part {
    seq: u64,
    bytes: Vec<u8>,
    /// The line breaks outside quotes before the part: the rows Excel shows before it.
    rows_before: u64,
    /// The Excel row of the last row before the part (a row past the limit is the next).
    last_row: u64,
    /// The part ends inside a record longer than [`MAX_ROW_BYTES`] (no cut was found).
    unfinished: bool,
    /// Reading the file failed after the part.
    error: Option<SheetError>,
    last: bool,
}

/// A parsed part.
struct Parsed {
    seq: u64,
    rows: Vec<Row>,
    filled: usize,
    problems: Problems,
    error: Option<SheetError>,
    last: bool,
}

/// The caller's side: rows in file order.
pub(crate) struct ParallelRows {
    pending: VecDeque<Row>,
    problems: Problems,
    done: Receiver<Parsed>,
    recycle: Sender<Vec<Row>>,
    arrived: BTreeMap<u64, Parsed>,
    next_seq: u64,
    batch: Vec<Row>,
    filled: usize,
    next: usize,
    error: Option<SheetError>,
    finished: bool,
}

/// Starts the threads; the rows begin with `resume.pending`.
pub(super) fn start(resume: Resume, part_bytes: usize) -> Result<ParallelRows, SheetError> {
    let workers = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
    let mut file = File::open(&resume.path).map_err(|e| SheetError::io(&resume.path, e))?;
    file.seek(SeekFrom::Start(resume.offset))
        .map_err(|e| SheetError::io(&resume.path, e))?;
    let (parts, queue) = sync_channel::<Part>(workers);
    let (done_sender, done) = sync_channel::<Parsed>(2 * workers);
    let (recycle, recycled) = channel::<Vec<Row>>();
    let (spare_bytes, spare_bytes_queue) = channel::<Vec<u8>>();
    let queue = Arc::new(Mutex::new(queue));
    let recycled = Arc::new(Mutex::new(recycled));
    let spawn_error = |e| SheetError::io(Path::new("the CSV parser threads"), e);
    for _ in 0..workers {
        let parser = Parser::new(resume.delimiter, resume.width, resume.path.clone());
        let (queue, recycled) = (Arc::clone(&queue), Arc::clone(&recycled));
        let (done_sender, spare_bytes) = (done_sender.clone(), spare_bytes.clone());
        std::thread::Builder::new()
            .name("csv-parser".into())
            .spawn(move || parser.run(&queue, &recycled, &done_sender, &spare_bytes))
            .map_err(spawn_error)?;
    }
    let cutter = Cutter {
        file,
        path: resume.path.clone(),
        delimiter: resume.delimiter,
        rows_before: resume.rows_before,
        first_last_row: Some(resume.last_row),
        part_bytes,
    };
    std::thread::Builder::new()
        .name("csv-cutter".into())
        .spawn(move || cutter.run(&parts, &spare_bytes_queue))
        .map_err(spawn_error)?;
    Ok(ParallelRows {
        pending: resume.pending,
        problems: resume.problems,
        done,
        recycle,
        arrived: BTreeMap::new(),
        next_seq: 0,
        batch: Vec::new(),
        filled: 0,
        next: 0,
        error: None,
        finished: false,
    })
}

/// Reads the file in blocks and cuts them into parts.
struct Cutter {
    file: File,
    path: PathBuf,
    delimiter: u8,
    /// Rows Excel shows before the block being cut.
    rows_before: u64,
    /// The first part counts on from the last row the one-thread reader numbered.
    first_last_row: Option<u64>,
    part_bytes: usize,
}

impl Cutter {
    fn run(mut self, parts: &SyncSender<Part>, spare: &Receiver<Vec<u8>>) {
        let mut block: Vec<u8> = Vec::with_capacity(2 * self.part_bytes);
        let mut seq = 0;
        // Past this without a cut, a record is longer than the limit (or a quote never
        // closes): the part goes as it is and its parser says so.
        let most = MAX_ROW_BYTES as usize + 2 * self.part_bytes;
        loop {
            let (ended, error) = match self.fill(&mut block) {
                Ok(ended) => (ended, None),
                Err(e) => (true, Some(e)),
            };
            let cut = if ended {
                None
            } else {
                split::last_cut(&block, self.delimiter)
            };
            if cut.is_none() && !ended && block.len() < most {
                continue;
            }
            let (at, breaks, unfinished) = match cut {
                Some(cut) => (cut.at, cut.breaks, false),
                None => (block.len(), 0, !ended),
            };
            let mut next = spare.try_recv().unwrap_or_default();
            next.clear();
            next.extend_from_slice(&block[at..]);
            block.truncate(at);
            let last = ended || unfinished;
            let part = Part {
                seq,
                bytes: std::mem::replace(&mut block, next),
                rows_before: self.rows_before,
                last_row: self.first_last_row.take().unwrap_or(self.rows_before),
                unfinished,
                error,
                last,
            };
            self.rows_before += breaks;
            seq += 1;
            if parts.send(part).is_err() || last {
                return;
            }
        }
    }

    /// Reads until the block holds a part's worth past what it has, or the file ends
    /// (`Ok(true)`).
    fn fill(&mut self, block: &mut Vec<u8>) -> Result<bool, SheetError> {
        let want = block.len() + self.part_bytes;
        while block.len() < want {
            let from = block.len();
            block.resize(want, 0);
            match self.file.read(&mut block[from..]) {
                Ok(0) => {
                    block.truncate(from);
                    return Ok(true);
                }
                Ok(n) => block.truncate(from + n),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => block.truncate(from),
                Err(e) => {
                    block.truncate(from);
                    return Err(SheetError::io(&self.path, e));
                }
            }
        }
        Ok(false)
    }
}

impl ParallelRows {
    /// Waits for the next part in file order; false once there are no more.
    fn next_part(&mut self) -> bool {
        if self.finished {
            return false;
        }
        let parsed = loop {
            if let Some(parsed) = self.arrived.remove(&self.next_seq) {
                break parsed;
            }
            match self.done.recv() {
                Ok(parsed) => {
                    self.arrived.insert(parsed.seq, parsed);
                }
                Err(_) => {
                    self.finished = true;
                    return false;
                }
            }
        };
        self.next_seq += 1;
        let spent = std::mem::replace(&mut self.batch, parsed.rows);
        if !spent.is_empty() {
            let _ = self.recycle.send(spent);
        }
        self.problems.extend(&parsed.problems);
        self.filled = parsed.filled;
        self.next = 0;
        self.error = parsed.error;
        self.finished = parsed.last || self.error.is_some();
        true
    }
}

impl RowReader for ParallelRows {
    fn next_row(&mut self, row: &mut Row) -> Result<bool, SheetError> {
        if let Some(next) = self.pending.pop_front() {
            *row = next;
            return Ok(true);
        }
        while self.next == self.filled {
            if let Some(error) = self.error.take() {
                return Err(error);
            }
            if !self.next_part() {
                return Ok(false);
            }
        }
        std::mem::swap(row, &mut self.batch[self.next]);
        self.next += 1;
        Ok(true)
    }

    fn problems(&self) -> &Problems {
        &self.problems
    }
}

mod parser;

#[cfg(test)]
#[path = "tests/parallel.rs"]
mod tests;
