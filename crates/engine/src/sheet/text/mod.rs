//! Delimited text (.csv, .tsv, .txt): encoding, delimiter and header row detected, rows read
//! lazily with the row number Excel shows when it opens the file.
//!
//! Excel shows one row per record and one per blank line; a quoted field holding a newline
//! stays inside its row. The CSV parser skips blank lines, so a record's row is counted
//! from the line breaks before it, less those inside cells ([`line_ends`]).

mod capped;
mod delimiter;
pub(crate) mod encoding;
mod line_ends;
mod nul;
mod parallel;
mod plain;
mod split;

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use csv::ByteRecord;
use encoding_rs::UTF_8;

use super::framed::{Framed, RawRows, Table, frame};
use super::limits::MAX_ROW_BYTES;
use super::prefetch::Prefetched;
use super::{Numbering, Problem, ProblemKind, Problems, ReadOptions, Row, RowReader, SheetError};

/// How many bytes are looked at to guess the encoding and the delimiter.
const SAMPLE_BYTES: usize = 64 * 1024;

/// What was found out about a delimited file before its rows are read.
pub(crate) struct Opened {
    pub table: Table<DelimitedRows>,
    pub encoding: &'static encoding_rs::Encoding,
    pub encoding_guessed: bool,
    pub delimiter: u8,
    pub delimiter_guessed: bool,
}

/// Opens a delimited file: guesses what the options leave open, finds the header.
pub(crate) fn open(path: &Path, options: &ReadOptions) -> Result<Opened, SheetError> {
    let mut file = File::open(path).map_err(|e| SheetError::io(path, e))?;
    let mut head = Vec::with_capacity(SAMPLE_BYTES);
    (&mut file)
        .take(SAMPLE_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(|e| SheetError::io(path, e))?;
    if head.is_empty() {
        return Err(SheetError::EmptyFile {
            path: path.to_path_buf(),
        });
    }
    let complete = head.len() < SAMPLE_BYTES;
    let encoding::Chosen {
        encoding,
        bom_len,
        guessed: encoding_guessed,
    } = encoding::choose(path, &head, complete, options.encoding.as_deref())?;
    let sample = encoding.decode_without_bom_handling(&head[bom_len..]).0;
    let (delimiter, delimiter_guessed) = match options.delimiter {
        Some(d) => (d, false),
        None => (delimiter::detect(&sample, complete), true),
    };
    file.seek(SeekFrom::Start(bom_len as u64))
        .map_err(|e| SheetError::io(path, e))?;
    let input: Box<dyn Read + Send> = if encoding == UTF_8 {
        Box::new(file)
    } else {
        Box::new(
            encoding_rs_io::DecodeReaderBytesBuilder::new()
                .encoding(Some(encoding))
                .bom_sniffing(false)
                .build(file),
        )
    };
    let mut rows = DelimitedRows::new(path, input, delimiter, encoding.name());
    rows.start = bom_len as u64;
    let table = frame(rows, options.header_row, path, None)?;
    Ok(Opened {
        table,
        encoding,
        encoding_guessed,
        delimiter,
        delimiter_guessed,
    })
}

/// Records of a delimited file, in UTF-8 after decoding, numbered as Excel numbers them.
pub(crate) struct DelimitedRows {
    path: PathBuf,
    reader: csv::Reader<capped::Capped<Box<dyn Read + Send>>>,
    record: ByteRecord,
    /// The Excel row of the last record read.
    last_row: u64,
    /// The line breaks before the last record's own ending.
    breaks_before: u64,
    /// The line breaks inside the cells of the records read.
    breaks_in_cells: u64,
    encoding: &'static str,
    delimiter: u8,
    /// Where the text begins in the file (after a byte order mark).
    start: u64,
    /// Stops a record that grows past [`crate::sheet::limits::MAX_ROW_BYTES`].
    cap: capped::Cap,
}

/// The parser's buffer: how far it reads ahead of the record it returns.
const PARSE_BUFFER: usize = 1 << 16;

impl DelimitedRows {
    fn new(
        path: &Path,
        input: Box<dyn Read + Send>,
        delimiter: u8,
        encoding: &'static str,
    ) -> Self {
        let (input, cap) = capped::capped(input, PARSE_BUFFER);
        let reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(PARSE_BUFFER)
            .from_reader(input);
        DelimitedRows {
            path: path.to_path_buf(),
            reader,
            record: ByteRecord::new(),
            last_row: 0,
            breaks_before: 0,
            breaks_in_cells: 0,
            encoding,
            delimiter,
            start: 0,
            cap,
        }
    }
}

/// The rows after the header of an opened delimited file, read ahead on threads of their
/// own: a large UTF-8 file is parsed on every core ([`parallel`]) where there are more
/// than two, anything else on one thread ahead of the caller.
pub(crate) fn rows(framed: Framed<DelimitedRows>) -> Result<Box<dyn RowReader>, SheetError> {
    // With two cores or fewer the mapping and checks already keep every core busy: parsing
    // on both did not shorten the work there and held 8 MB more (docs/performance.md).
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    if cores <= 2 {
        return Ok(Box::new(Prefetched::spawn(framed)?));
    }
    rows_in_parts(framed, parallel::PART_BYTES)
}

/// [`rows`] with parts of `part_bytes` (tests cut small files into many parts).
fn rows_in_parts(
    framed: Framed<DelimitedRows>,
    part_bytes: usize,
) -> Result<Box<dyn RowReader>, SheetError> {
    let raw = framed.raw();
    let offset = raw.start + raw.reader.position().byte();
    let length = std::fs::metadata(&raw.path).map_or(0, |m| m.len());
    let worth_it = length.saturating_sub(offset) >= 4 * part_bytes as u64;
    if raw.encoding != UTF_8.name() || !worth_it || raw.last_row == 0 {
        return Ok(Box::new(Prefetched::spawn(framed)?));
    }
    // A CRLF cut between its CR (read with the last row) and its LF: that row's line
    // break is in the first part.
    let mut around = [0u8; 2];
    let read_around = File::open(&raw.path).and_then(|mut file| {
        file.seek(SeekFrom::Start(offset - 1))?;
        file.read_exact(&mut around)
    });
    if read_around.is_err() {
        return Ok(Box::new(Prefetched::spawn(framed)?));
    }
    let (raw, pending, problems, width) = framed.into_parts();
    let resume = parallel::Resume {
        offset,
        rows_before: raw.last_row - u64::from(around == *b"\r\n"),
        last_row: raw.last_row,
        delimiter: raw.delimiter,
        width,
        pending,
        problems,
        path: raw.path,
    };
    Ok(Box::new(parallel::start(resume, part_bytes)?))
}

impl DelimitedRows {
    /// The row after the last one read is past [`MAX_ROW_BYTES`].
    fn too_long(&self) -> SheetError {
        SheetError::RowTooLong {
            path: self.path.clone(),
            row: self.last_row + 1,
            limit: MAX_ROW_BYTES,
        }
    }

    /// The Excel row of the record just read: one past the line breaks before its own
    /// ending, less those inside the cells so far.
    fn number_last_record(&mut self) -> u64 {
        let position = self.reader.position();
        let (end, lfs) = (position.byte(), position.line() - 1);
        let (ending, lone_crs) = self.reader.get_mut().line_ends().settle(end);
        let breaks = lfs - u64::from(ending == line_ends::Ending::Lf) + lone_crs;
        // Most records follow one line break: the cells only need looking at when more
        // came before the record's end.
        if breaks.saturating_sub(self.breaks_before) > 1 || self.last_row == 0 {
            self.breaks_in_cells += line_ends::breaks_in_cells(self.record.iter());
        }
        self.breaks_before = breaks;
        breaks.saturating_sub(self.breaks_in_cells) + 1
    }
}

impl RawRows for DelimitedRows {
    fn next_raw(&mut self, row: &mut Row, problems: &mut Problems) -> Result<bool, SheetError> {
        let more = self
            .reader
            .read_byte_record(&mut self.record)
            .map_err(|e| {
                let source = match e.into_kind() {
                    csv::ErrorKind::Io(io) if capped::is_row_too_long(&io) => {
                        return self.too_long();
                    }
                    csv::ErrorKind::Io(io) => io,
                    other => std::io::Error::other(format!("{other:?}")),
                };
                SheetError::io(&self.path, source)
            })?;
        if !more {
            return Ok(false);
        }
        // The cap stops reading within one buffer past the limit; this makes it exact.
        if self.record.as_slice().len() as u64 > MAX_ROW_BYTES {
            return Err(self.too_long());
        }
        self.cap.allow(self.reader.position().byte());
        self.last_row = self.number_last_record();
        row.number = self.last_row;
        let bounds = self.record.iter().scan(0, |end, field| {
            *end += field.len();
            Some(*end)
        });
        if memchr::memchr(0, self.record.as_slice()).is_some() {
            nul::remove(&self.record, row, problems, self.encoding);
            return Ok(true);
        }
        match std::str::from_utf8(self.record.as_slice()) {
            Ok(text) => row.set_from_parts(text, bounds),
            Err(_) => {
                row.clear();
                for field in &self.record {
                    row.push(&String::from_utf8_lossy(field));
                }
                problems.push(Problem {
                    row: row.number,
                    numbering: Numbering::Row,
                    kind: ProblemKind::InvalidText {
                        encoding: self.encoding.to_string(),
                    },
                });
            }
        }
        Ok(true)
    }

    fn short_rows_are_ragged(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests;
