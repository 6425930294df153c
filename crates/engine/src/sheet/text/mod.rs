//! Delimited text (.csv, .tsv, .txt): encoding, delimiter and header row detected, rows read
//! lazily with the row number Excel shows when it opens the file.
//!
//! Excel shows one row per record and one per blank line; a quoted field holding a newline
//! stays inside its row. The CSV parser skips blank lines, so a record's row is counted
//! from the line breaks before it, less those inside cells ([`line_ends`]).

mod capped;
mod core_output;
mod delimited;
mod delimiter;
pub(crate) mod encoding;
mod line_ends;
mod marks;
mod nul;
mod parallel;
mod plain;
mod split;

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use encoding_rs::UTF_8;

pub(crate) use delimited::DelimitedRows;
#[cfg(test)]
use delimited::PARSE_BUFFER;

use super::framed::{Framed, Table, frame};
use super::prefetch::Prefetched;
use super::{ReadOptions, RowReader, SheetError};

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
    let offset = raw.start + raw.parsed;
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

#[cfg(test)]
mod tests;
