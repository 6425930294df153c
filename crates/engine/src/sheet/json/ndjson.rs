//! NDJSON (one JSON object per line): a broken line is reported with its line number and
//! skipped, and every other line still goes through.
//!
//! Lines are cut from a large buffer without copying and read by the fast path of
//! [`super::record`]; a line it stops at is read again the old way (`serde_json` into a
//! `Value`), which also words the problem.

use std::io::{ErrorKind, Read};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::flatten::Columns;
use super::record::{Dialect, Flattener};
use super::{Input, describe, fill};
use crate::sheet::limits::MAX_ROW_BYTES;
use crate::sheet::{Numbering, Problem, ProblemKind, Problems, Row, RowReader, SheetError};

/// How much is read at a time (a longer line makes the buffer grow).
const CHUNK: usize = 1 << 16;

/// The columns of every object line, for the header.
pub(super) fn scan(input: Input, path: &Path) -> Result<Columns, SheetError> {
    let mut columns = Columns::default();
    let mut flat = Flattener::new(Dialect::SerdeJson);
    let mut lines = Lines::new(input);
    let mut any = false;
    let mut line_number = 0u64;
    while let Some(line) = lines.next_line().map_err(|e| SheetError::io(path, e))? {
        line_number += 1;
        let Line::Text(line) = line else {
            continue;
        };
        columns.at(line_number);
        let text = line.trim_ascii();
        if let Some(text) = object_text(text)
            && flat.learn(&mut columns, text, 0, 1, true).is_ok()
        {
            any = true;
        } else if let Ok(record) = serde_json::from_slice::<Map<String, Value>>(text) {
            columns.learn(&record);
            any = true;
        }
    }
    if any {
        Ok(columns)
    } else {
        Err(SheetError::NoRecords {
            path: path.to_path_buf(),
        })
    }
}

/// A trimmed line the fast path may try: it starts like an object and is UTF-8.
fn object_text(text: &[u8]) -> Option<&str> {
    if text.first() == Some(&b'{') {
        std::str::from_utf8(text).ok()
    } else {
        None
    }
}

/// The lines of the input, each with its `\n` (the last one may lack it).
struct Lines {
    input: Input,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    /// Where the search for the next `\n` goes on (everything before is searched).
    searched: usize,
    at_end: bool,
}

impl Lines {
    fn new(input: Input) -> Lines {
        Lines {
            input,
            buf: vec![0; CHUNK],
            start: 0,
            end: 0,
            searched: 0,
            at_end: false,
        }
    }

    fn next_line(&mut self) -> std::io::Result<Option<Line<'_>>> {
        // Set once the line has outgrown the limit: its start is dropped and only its end
        // is looked for.
        let mut too_long = false;
        loop {
            let unsearched = self.buf.get(self.searched..self.end).unwrap_or_default();
            if let Some(at) = memchr::memchr(b'\n', unsearched) {
                let line = self.start..self.searched + at + 1;
                self.start = line.end;
                self.searched = line.end;
                return Ok(Some(self.line(line, too_long)));
            }
            self.searched = self.end;
            if self.at_end {
                if self.start == self.end && !too_long {
                    return Ok(None);
                }
                let line = self.start..self.end;
                self.start = self.end;
                return Ok(Some(self.line(line, too_long)));
            }
            if (self.end - self.start) as u64 > MAX_ROW_BYTES {
                too_long = true;
                self.start = self.end;
            }
            if self.start > 0 {
                self.buf.copy_within(self.start..self.end, 0);
                self.end -= self.start;
                self.searched -= self.start;
                self.start = 0;
            }
            if self.end == self.buf.len() {
                self.buf.resize(self.buf.len() * 2, 0);
            }
            let Some(free) = self.buf.get_mut(self.end..) else {
                return Ok(None);
            };
            match self.input.read(free) {
                Ok(0) => self.at_end = true,
                Ok(n) => self.end += n,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    fn line(&self, range: std::ops::Range<usize>, too_long: bool) -> Line<'_> {
        match self.buf.get(range) {
            Some(text) if !too_long => Line::Text(text),
            _ => Line::TooLong,
        }
    }
}

/// One line of the input.
enum Line<'a> {
    /// The line with its `\n`.
    Text(&'a [u8]),
    /// A line longer than [`MAX_ROW_BYTES`], dropped as it was read.
    TooLong,
}

pub(super) struct NdjsonRows {
    lines: Lines,
    path: PathBuf,
    columns: Columns,
    flat: Flattener,
    line_number: u64,
    cells: Vec<String>,
    problems: Problems,
}

impl NdjsonRows {
    pub fn new(input: Input, path: &Path, columns: Columns) -> NdjsonRows {
        NdjsonRows {
            problems: columns.problems(Numbering::Line),
            lines: Lines::new(input),
            path: path.to_path_buf(),
            columns,
            flat: Flattener::new(Dialect::SerdeJson),
            line_number: 0,
            cells: Vec::new(),
        }
    }
}

impl RowReader for NdjsonRows {
    fn next_row(&mut self, row: &mut Row) -> Result<bool, SheetError> {
        while let Some(line) = self
            .lines
            .next_line()
            .map_err(|e| SheetError::io(&self.path, e))?
        {
            self.line_number += 1;
            let Line::Text(line) = line else {
                self.problems.push(Problem {
                    row: self.line_number,
                    numbering: Numbering::Line,
                    kind: ProblemKind::LineTooLong {
                        limit: MAX_ROW_BYTES,
                    },
                });
                continue;
            };
            let text = line.trim_ascii();
            if text.is_empty() {
                continue;
            }
            if let Some(text) = object_text(text)
                && self
                    .flat
                    .fill(&mut self.columns, text, 0, 1, true, row)
                    .is_ok()
            {
                row.number = self.line_number;
                return Ok(true);
            }
            let detail = match serde_json::from_slice::<Value>(text) {
                Ok(Value::Object(record)) => {
                    fill(row, &record, &self.columns, &mut self.cells);
                    row.number = self.line_number;
                    return Ok(true);
                }
                Ok(other) => format!("it is {}, not an object", describe(&other)),
                Err(e) => format!("not valid JSON: {e}"),
            };
            self.problems.push(Problem {
                row: self.line_number,
                numbering: Numbering::Line,
                kind: ProblemKind::UnreadableRecord { detail },
            });
        }
        Ok(false)
    }

    fn problems(&self) -> &Problems {
        &self.problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(text: &'static [u8], chunk: usize) -> Vec<Vec<u8>> {
        let input: Input = std::io::BufReader::with_capacity(1, Box::new(text));
        let mut lines = Lines::new(input);
        lines.buf.truncate(chunk);
        let mut all = Vec::new();
        while let Some(line) = lines.next_line().unwrap() {
            match line {
                Line::Text(line) => all.push(line.to_vec()),
                Line::TooLong => panic!("a short line was too long"),
            }
        }
        all
    }

    #[test]
    fn a_line_past_the_limit_is_dropped_as_it_is_read_and_the_next_line_follows() {
        use std::io::Read;
        let long = std::io::repeat(b'x').take(3 * MAX_ROW_BYTES);
        let source = b"{\"a\":1}\n".chain(long).chain(&b"\n{\"a\":2}\n"[..]);
        let input: Input = std::io::BufReader::new(Box::new(source));
        let mut lines = Lines::new(input);
        let mut seen = Vec::new();
        while let Some(line) = lines.next_line().unwrap() {
            seen.push(match line {
                Line::Text(text) => String::from_utf8_lossy(text).into_owned(),
                Line::TooLong => "too long".to_string(),
            });
        }
        assert_eq!(seen, ["{\"a\":1}\n", "too long", "{\"a\":2}\n"]);
        assert!(lines.buf.len() as u64 <= 2 * MAX_ROW_BYTES + 2 * CHUNK as u64);
    }

    #[test]
    fn lines_are_cut_as_read_until_cuts_them_whatever_the_buffer() {
        let text: &[u8] = b"{\"a\":1}\n\n  {\"b\":\"long line here\"}\r\nlast";
        for chunk in 1..12 {
            assert_eq!(
                lines_of(text, chunk),
                [
                    b"{\"a\":1}\n".to_vec(),
                    b"\n".to_vec(),
                    b"  {\"b\":\"long line here\"}\r\n".to_vec(),
                    b"last".to_vec()
                ]
            );
        }
        assert!(lines_of(b"", 4).is_empty());
    }
}
