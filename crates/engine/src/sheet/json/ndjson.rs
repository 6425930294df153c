//! NDJSON (one JSON object per line): a broken line is reported with its line number and
//! skipped, and every other line still goes through.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::flatten::Columns;
use super::{Input, describe, fill};
use crate::sheet::{Numbering, Problem, ProblemKind, Problems, Row, RowReader, SheetError};

/// The columns of every object line, for the header.
pub(super) fn scan(mut input: Input, path: &Path) -> Result<Columns, SheetError> {
    let mut columns = Columns::default();
    let mut line = Vec::new();
    let mut any = false;
    while read_line(&mut input, &mut line, path)? {
        if let Ok(record) = serde_json::from_slice::<Map<String, Value>>(line.trim_ascii()) {
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

fn read_line(input: &mut Input, line: &mut Vec<u8>, path: &Path) -> Result<bool, SheetError> {
    line.clear();
    let n = input
        .read_until(b'\n', line)
        .map_err(|e| SheetError::io(path, e))?;
    Ok(n > 0)
}

pub(super) struct NdjsonRows {
    input: Input,
    path: PathBuf,
    columns: Columns,
    line: Vec<u8>,
    line_number: u64,
    cells: Vec<String>,
    problems: Problems,
}

impl NdjsonRows {
    pub fn new(input: Input, path: &Path, columns: Columns) -> NdjsonRows {
        NdjsonRows {
            input,
            path: path.to_path_buf(),
            columns,
            line: Vec::new(),
            line_number: 0,
            cells: Vec::new(),
            problems: Problems::default(),
        }
    }
}

impl RowReader for NdjsonRows {
    fn next_row(&mut self, row: &mut Row) -> Result<bool, SheetError> {
        while read_line(&mut self.input, &mut self.line, &self.path)? {
            self.line_number += 1;
            let text = self.line.trim_ascii();
            if text.is_empty() {
                continue;
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
