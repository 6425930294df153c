//! The one-thread reader of delimited text: csv-core fed from a buffer of the input (in
//! UTF-8 by then), each record written straight into the row that carries it, and lines
//! with no quote split without csv-core ([`super::plain`]). Every record is numbered with
//! the row Excel shows for it ([`super::line_ends`]).

use std::io::Read;
use std::path::{Path, PathBuf};

use csv_core::ReadRecordResult;
use memchr::memchr_iter;

use super::capped::{self, Cap, Capped};
use super::core_output::CoreOutput;
use super::line_ends::{self, Ending};
use super::nul;
use super::plain::PlainLines;
use crate::sheet::framed::RawRows;
use crate::sheet::limits::MAX_ROW_BYTES;
use crate::sheet::row::RawCells;
use crate::sheet::{Problems, Row, SheetError};

/// How much of the input is read at a time: how far the parser reads ahead of the
/// record it returns.
pub(crate) const PARSE_BUFFER: usize = 1 << 16;

/// Records of a delimited file, in UTF-8 after decoding, numbered as Excel numbers them.
pub(crate) struct DelimitedRows {
    pub(super) path: PathBuf,
    input: Capped<Box<dyn Read + Send>>,
    core: csv_core::Reader,
    plain: PlainLines,
    /// Read from the input and not parsed yet: `buffer[at..filled]`.
    buffer: Vec<u8>,
    at: usize,
    filled: usize,
    /// The input has ended: a read gave nothing.
    drained: bool,
    /// csv-core has been given input: before that it drops a byte order mark at the start,
    /// which the plain split would keep.
    core_started: bool,
    /// The bytes of the input parsed so far, and the LFs among them.
    pub(super) parsed: u64,
    lfs: u64,
    /// The Excel row of the last record read.
    pub(super) last_row: u64,
    /// The line breaks before the last record's own ending.
    breaks_before: u64,
    /// The line breaks inside the cells of the records read.
    breaks_in_cells: u64,
    pub(super) encoding: &'static str,
    pub(super) delimiter: u8,
    /// Where the text begins in the file (after a byte order mark).
    pub(super) start: u64,
    /// Stops a record that grows past [`MAX_ROW_BYTES`].
    cap: Cap,
}

impl DelimitedRows {
    pub(crate) fn new(
        path: &Path,
        input: Box<dyn Read + Send>,
        delimiter: u8,
        encoding: &'static str,
    ) -> Self {
        let (input, cap) = capped::capped(input, PARSE_BUFFER);
        DelimitedRows {
            path: path.to_path_buf(),
            input,
            core: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            plain: PlainLines::new(delimiter),
            buffer: vec![0; PARSE_BUFFER],
            at: 0,
            filled: 0,
            drained: false,
            core_started: false,
            parsed: 0,
            lfs: 0,
            last_row: 0,
            breaks_before: 0,
            breaks_in_cells: 0,
            encoding,
            delimiter,
            start: 0,
            cap,
        }
    }

    /// The row after the last one read is past [`MAX_ROW_BYTES`].
    fn too_long(&self) -> SheetError {
        SheetError::RowTooLong {
            path: self.path.clone(),
            row: self.last_row + 1,
            limit: MAX_ROW_BYTES,
        }
    }

    /// Parses the next record into `raw` (as [`Row::refill_bytes`] hands it); false at
    /// the end of the input.
    fn parse(&mut self, raw: &mut RawCells) -> Result<bool, SheetError> {
        let rest = &self.buffer[self.at..self.filled];
        if self.core_started
            && let Some(plain) = self.plain.record(rest, MAX_ROW_BYTES as usize, raw)
        {
            let taken = &rest[..plain.taken];
            self.lfs += memchr_iter(b'\n', &taken[..plain.line_start]).count() as u64
                + u64::from(taken.last() == Some(&b'\n'));
            self.at += plain.taken;
            self.parsed += plain.taken as u64;
            return Ok(true);
        }
        let mut output = CoreOutput::new(raw);
        loop {
            if self.at == self.filled && !self.drained {
                self.refill()?;
            }
            // csv-core takes an empty input for the end of the file.
            let input = &self.buffer[self.at..self.filled];
            let lines = self.core.line();
            let (result, read) = output.read(&mut self.core, input);
            self.core_started = true;
            self.lfs += self.core.line() - lines;
            self.at += read;
            self.parsed += read as u64;
            if output.too_long() {
                return Err(self.too_long());
            }
            match result {
                ReadRecordResult::InputEmpty if self.drained => return Ok(false),
                ReadRecordResult::InputEmpty
                | ReadRecordResult::OutputFull
                | ReadRecordResult::OutputEndsFull => {}
                ReadRecordResult::Record => {
                    output.finish();
                    return Ok(true);
                }
                ReadRecordResult::End => return Ok(false),
            }
        }
    }

    /// Reads the next piece of the input into the buffer, which the parser has used up.
    fn refill(&mut self) -> Result<(), SheetError> {
        (self.at, self.filled) = (0, 0);
        loop {
            match self.input.read(&mut self.buffer) {
                Ok(read) => {
                    self.filled = read;
                    self.drained = read == 0;
                    return Ok(());
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) if capped::is_row_too_long(&e) => return Err(self.too_long()),
                Err(e) => return Err(SheetError::io(&self.path, e)),
            }
        }
    }

    /// The Excel row of the record just read: one past the line breaks before its own
    /// ending, less those inside the cells so far.
    fn number_last_record(&mut self, row: &Row, raw: Option<&RawCells>) -> u64 {
        let (ending, lone_crs) = self.input.line_ends().settle(self.parsed);
        let breaks = self.lfs - u64::from(ending == Ending::Lf) + lone_crs;
        // Most records follow one line break: the cells only need looking at when more
        // came before the record's end.
        if breaks.saturating_sub(self.breaks_before) > 1 || self.last_row == 0 {
            self.breaks_in_cells += match raw {
                Some(raw) => line_ends::breaks_in_cells(raw.fields()),
                None => line_ends::breaks_in_cells(row.iter().map(str::as_bytes)),
            };
        }
        self.breaks_before = breaks;
        breaks.saturating_sub(self.breaks_in_cells) + 1
    }
}

impl RawRows for DelimitedRows {
    fn next_raw(&mut self, row: &mut Row, problems: &mut Problems) -> Result<bool, SheetError> {
        let mut failed = None;
        let (more, raw) = row.refill_bytes(|raw| {
            self.parse(raw).unwrap_or_else(|e| {
                failed = Some(e);
                false
            })
        });
        if let Some(error) = failed {
            return Err(error);
        }
        if !more {
            row.clear();
            return Ok(false);
        }
        self.cap.allow(self.parsed);
        self.last_row = self.number_last_record(row, raw.as_ref());
        row.number = self.last_row;
        nul::mend(row, raw, problems, self.encoding);
        Ok(true)
    }

    fn short_rows_are_ragged(&self) -> bool {
        true
    }
}
