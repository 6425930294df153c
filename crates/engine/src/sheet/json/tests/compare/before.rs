//! The readers as they were before the fast path: a `Value` per record from `serde_json`
//! (NDJSON) or `struson` (documents), then `flatten`. What they show is what the readers must
//! still show.

use std::path::Path;

use serde_json::{Map, Value};
use struson::reader::{JsonReader, JsonStreamReader, ValueType};

use super::Seen;
use crate::sheet::json::flatten::Columns;
use crate::sheet::json::{describe, explain, fill, locate};
use crate::sheet::{Numbering, SheetError};

/// The old NDJSON reader, as it was.
pub(super) fn seen_before_ndjson(path: &Path, text: &[u8]) -> Seen {
    let mut columns = Columns::default();
    let mut any = false;
    for (n, line) in text.split_inclusive(|&b| b == b'\n').enumerate() {
        if let Ok(record) = serde_json::from_slice::<Map<String, Value>>(line.trim_ascii()) {
            columns.at(n as u64 + 1);
            columns.learn(&record);
            any = true;
        }
    }
    if !any {
        return Seen::Refused(
            SheetError::NoRecords {
                path: path.to_path_buf(),
            }
            .to_string(),
        );
    }
    let mut rows = Vec::new();
    // Keys renamed so their columns can be told apart come first, as the header's do.
    let mut problems = renamed(&columns, Numbering::Line);
    let mut cells = Vec::new();
    let mut row = crate::sheet::Row::default();
    for (n, line) in text.split_inclusive(|&b| b == b'\n').enumerate() {
        let number = n as u64 + 1;
        let text = line.trim_ascii();
        if text.is_empty() {
            continue;
        }
        let detail = match serde_json::from_slice::<Value>(text) {
            Ok(Value::Object(record)) => {
                fill(&mut row, &record, &columns, &mut cells);
                rows.push((number, row.to_vec()));
                continue;
            }
            Ok(other) => format!("it is {}, not an object", describe(&other)),
            Err(e) => format!("not valid JSON: {e}"),
        };
        problems.push(format!(
            "line {number} cannot be read ({detail}) and is skipped."
        ));
    }
    Seen::Opened {
        pointer: None,
        columns: columns.names().to_vec(),
        rows,
        error: None,
        problem_count: problems.len() as u64,
        problems,
    }
}

/// The old JSON reader, as it was.
pub(super) fn seen_before_json(path: &Path, text: &[u8], pointer: Option<&str>) -> Seen {
    let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
    let found = match locate::scan(
        &mut JsonStreamReader::new(text),
        pointer,
        &Default::default(),
    ) {
        Ok(found) => found,
        Err(e) => return Seen::Refused(explain(path, pointer, e).to_string()),
    };
    let mut reader = JsonStreamReader::new(text);
    if let Err(e) = locate::seek(&mut reader, &found.pointer, &Default::default()) {
        return Seen::Refused(explain(path, Some(&found.pointer), e).to_string());
    }
    if let Err(e) = reader.begin_array() {
        return Seen::Refused(explain(path, None, e.into()).to_string());
    }
    let mut rows = Vec::new();
    let mut problems = renamed(&found.columns, Numbering::Record);
    let mut cells = Vec::new();
    let mut row = crate::sheet::Row::default();
    let mut position = 0;
    let broken = |e: locate::LocateError| Some(explain(path, None, e).to_string());
    let error = loop {
        match reader.has_next() {
            Ok(true) => {}
            Ok(false) => break None,
            Err(e) => break broken(e.into()),
        }
        position += 1;
        match reader.peek() {
            Ok(ValueType::Object) => {}
            Ok(_) => match reader.deserialize_next::<Value>() {
                Ok(value) => {
                    problems.push(format!(
                        "record {position} cannot be read (it is {}, not an object) and is skipped.",
                        describe(&value)
                    ));
                    continue;
                }
                Err(e) => break broken(e.into()),
            },
            Err(e) => break broken(e.into()),
        }
        match reader.deserialize_next::<Map<String, Value>>() {
            Ok(record) => {
                fill(&mut row, &record, &found.columns, &mut cells);
                rows.push((position, row.to_vec()));
            }
            Err(e) => break broken(e.into()),
        }
    };
    Seen::Opened {
        pointer: Some(found.pointer),
        columns: found.columns.names().to_vec(),
        rows,
        error,
        problem_count: problems.len() as u64,
        problems,
    }
}

/// The problems of keys renamed (added since: the old readers let such columns through).
fn renamed(columns: &Columns, numbering: Numbering) -> Vec<String> {
    let problems = columns.problems(numbering);
    problems.list().iter().map(|p| p.message()).collect()
}
