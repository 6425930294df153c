//! A parser thread of the parallel reader: turns a part of the file into rows, numbered
//! and mended as the one-thread reader numbers and mends them (see `parallel.rs`).

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, Sender, SyncSender};

use csv_core::ReadRecordResult;

use super::{Parsed, Part};
use crate::sheet::framed::check_width;
use crate::sheet::limits::MAX_ROW_BYTES;
use crate::sheet::row::RawCells;
use crate::sheet::text::core_output::CoreOutput;
use crate::sheet::text::{line_ends, nul, plain};
use crate::sheet::{Numbering, Problems, Row, SheetError};

/// Turns parts into rows.
pub(super) struct Parser {
    core: csv_core::Reader,
    plain: plain::PlainLines,
    width: usize,
    path: PathBuf,
}

/// What reading one record gave.
enum Read1 {
    /// A record ended by its line break.
    Record,
    /// The same, read without the parser ([`plain`]); its line starts at `line_start`.
    Plain {
        line_start: usize,
    },
    /// A record ended by the end of the part (the last one, or a quote left open there).
    Unended,
    End,
}

impl Parser {
    pub fn new(delimiter: u8, width: usize, path: PathBuf) -> Parser {
        Parser {
            core: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            plain: plain::PlainLines::new(delimiter),
            width,
            path,
        }
    }

    /// Parses parts from `queue` until it closes, sending each back on `done` and its
    /// bytes to be refilled on `spare_bytes`.
    pub fn run(
        mut self,
        queue: &Mutex<Receiver<Part>>,
        recycled: &Mutex<Receiver<Vec<Row>>>,
        done: &SyncSender<Parsed>,
        spare_bytes: &Sender<Vec<u8>>,
    ) {
        loop {
            // The lock is held only while waiting for the next part, never while parsing.
            let next = match queue.lock() {
                Ok(queue) => queue.recv(),
                Err(_) => return,
            };
            let Ok(part) = next else { return };
            let rows = match recycled.lock() {
                Ok(recycled) => recycled.try_recv().unwrap_or_default(),
                Err(_) => Vec::new(),
            };
            let parsed = self.parse(part, rows, spare_bytes);
            if done.send(parsed).is_err() {
                return;
            }
        }
    }

    fn parse(&mut self, part: Part, mut rows: Vec<Row>, spare_bytes: &Sender<Vec<u8>>) -> Parsed {
        let mut problems = Problems::default();
        let mut filled = 0;
        let mut error = None;
        let input = &part.bytes[..];
        self.core.reset();
        let mut at = 0;
        let mut last_row = part.last_row;
        // The line breaks counted so far (from the part's start to `counted`), and those
        // inside cells.
        let (mut breaks, mut counted, mut in_cells) = (part.rows_before, 0, 0);
        loop {
            if rows.len() == filled {
                rows.push(Row::default());
            }
            let row = &mut rows[filled];
            let (read, raw) = match self.read_record(input, &mut at, row, part.unfinished) {
                Ok(read) => read,
                Err(()) => {
                    error = Some(SheetError::RowTooLong {
                        path: self.path.clone(),
                        row: last_row + 1,
                        limit: MAX_ROW_BYTES,
                    });
                    break;
                }
            };
            if let Read1::End = read {
                break;
            }
            // Numbered as `DelimitedRows` numbers its records: one past the line breaks
            // before the record's own ending, less those inside cells.
            let ended = matches!(read, Read1::Record | Read1::Plain { .. }) && at > 0;
            let ending = at - usize::from(ended);
            // A plain record's line holds no line break: only the blank lines before it
            // need counting.
            let fresh = match read {
                Read1::Plain { line_start } => line_ends::breaks(input, counted, line_start),
                _ => line_ends::breaks(input, counted, ending),
            };
            if fresh > 1 || counted == 0 {
                in_cells += match &raw {
                    Some(raw) => line_ends::breaks_in_cells(raw.fields()),
                    _ => line_ends::breaks_in_cells(row.iter().map(str::as_bytes)),
                };
            }
            breaks += fresh;
            counted = ending;
            last_row = breaks.saturating_sub(in_cells) + 1;
            row.number = last_row;
            nul::mend(row, raw, &mut problems, "UTF-8");
            if row.is_blank() {
                continue;
            }
            check_width(row, self.width, true, Numbering::Row, &mut problems);
            filled += 1;
        }
        if let Some(e) = part.error {
            error.get_or_insert(e);
        }
        let _ = spare_bytes.send(part.bytes);
        Parsed {
            seq: part.seq,
            rows,
            filled,
            problems,
            error,
            last: part.last,
        }
    }

    /// Parses the record at `at` straight into `row`, its text checked for UTF-8: bytes
    /// that are not come back for [`nul::mend`], which runs once the row is numbered, as
    /// in the one-thread reader. `Err` when it is longer than the limit.
    fn read_record(
        &mut self,
        input: &[u8],
        at: &mut usize,
        row: &mut Row,
        unfinished: bool,
    ) -> Result<(Read1, Option<RawCells>), ()> {
        let (core, plain) = (&mut self.core, &self.plain);
        let (read, invalid) = row.refill_bytes(|raw| {
            // Past the part's first record csv-core is between records, and most lines
            // hold no quote: those are split without it.
            if *at > 0
                && let Some(record) = plain.record(&input[*at..], MAX_ROW_BYTES as usize, raw)
            {
                let line_start = *at + record.line_start;
                *at += record.taken;
                return Ok(Read1::Plain { line_start });
            }
            let mut output = CoreOutput::new(raw);
            let outcome = loop {
                let rest = &input[*at..];
                if rest.is_empty() && unfinished {
                    break Err(());
                }
                // The first byte goes alone: csv-core drops a byte order mark at the start
                // of what it reads first, and a part may start with U+FEFF.
                let given = if *at == 0 && rest.len() > 1 {
                    &rest[..1]
                } else {
                    rest
                };
                let (result, read) = output.read(core, given);
                *at += read;
                if output.too_long() {
                    break Err(());
                }
                match result {
                    ReadRecordResult::InputEmpty
                    | ReadRecordResult::OutputFull
                    | ReadRecordResult::OutputEndsFull => {}
                    ReadRecordResult::Record if given.is_empty() => break Ok(Read1::Unended),
                    ReadRecordResult::Record => break Ok(Read1::Record),
                    ReadRecordResult::End => break Ok(Read1::End),
                }
            };
            match outcome {
                Ok(Read1::End) => output.discard(),
                _ => output.finish(),
            }
            outcome
        });
        Ok((read?, invalid))
    }
}
