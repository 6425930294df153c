//! JSON documents and NDJSON: records found wherever they are (see [`locate`]), read in two
//! streaming passes (the first learns the columns, since later records may add keys; the
//! second yields rows), so a large export never sits in memory whole.
//!
//! Rows are numbered by their position in the array (JSON) or by their line (NDJSON). A line
//! of NDJSON that is not a JSON object is reported with its line number and skipped.
//!
//! Both passes take a fast path ([`record`], [`document`]) that reads records straight from
//! the text into cells. Where it is not sure, it hands over to the old path (`struson` or
//! `serde_json` into a `Value`, then [`flatten`]), which decides exactly as it always did.

mod document;
mod flatten;
mod locate;
mod metered;
mod names;
mod ndjson;
mod record;

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};
use struson::reader::{JsonReader, JsonStreamReader, ValueType};

use self::document::Doc;
use self::flatten::Columns;
use self::locate::LocateError;
use self::metered::{Meter, Metered};
use self::record::Stop;
use super::limits::{MAX_COLUMNS, MAX_ROW_BYTES};
use super::text::encoding;
use super::{
    Format, Layout, Numbering, Problem, ProblemKind, Problems, ReadOptions, Row, RowReader, Sheet,
    SheetError,
};

/// Opens a JSON or NDJSON file (a `.json` file holding one object per line is NDJSON).
pub(crate) fn open(
    path: &Path,
    format: Format,
    options: &ReadOptions,
) -> Result<Sheet, SheetError> {
    let (encoding, encoding_guessed) = choose_encoding(path, options)?;
    let format = if format == Format::Json && looks_like_ndjson(input(path, encoding)?, path)? {
        Format::Ndjson
    } else {
        format
    };
    let numbering = if format == Format::Ndjson {
        Numbering::Line
    } else {
        Numbering::Record
    };
    let mut layout = Layout::new(path.to_path_buf(), format, numbering);
    layout.encoding = Some(encoding.name().to_string());
    if encoding_guessed {
        layout.guessed.push("encoding");
    }
    if format == Format::Ndjson {
        let columns = ndjson::scan(input(path, encoding)?, path)?;
        if columns.names().is_empty() {
            // Only `{}` lines: records without a single field.
            return Err(SheetError::EmptySheet {
                path: path.to_path_buf(),
                sheet: None,
            });
        }
        if columns.too_many() {
            return Err(too_many_keys(path));
        }
        let rows = ndjson::NdjsonRows::new(input(path, encoding)?, path, columns.clone());
        return Ok(Sheet::new(layout, columns.names().to_vec(), Box::new(rows)));
    }
    let pointer = options.json_pointer.as_deref();
    let found = match Doc::new(input(path, encoding)?).scan(pointer) {
        Ok(found) => found,
        Err(Stop::TooLong { record }) => return Err(record_too_long(path, record)),
        Err(_) => {
            let (text, meter) = Metered::new(input(path, encoding)?);
            let mut scanner = JsonStreamReader::new(text);
            locate::scan(&mut scanner, pointer, &meter).map_err(|e| explain(path, pointer, e))?
        }
    };
    let mode = match open_fast(input(path, encoding)?, &found.pointer) {
        Some(mode) => mode,
        None => Mode::Old(Box::new(open_old(path, encoding, &found.pointer, 0)?)),
    };
    layout.json_pointer = Some(found.pointer.clone());
    if options.json_pointer.is_none() {
        layout.guessed.push("json_pointer");
    }
    let columns = found.columns.names().to_vec();
    if columns.is_empty() {
        return Err(SheetError::EmptySheet {
            path: path.to_path_buf(),
            sheet: None,
        });
    }
    if found.columns.too_many() {
        return Err(too_many_keys(path));
    }
    let problems = found.columns.problems(Numbering::Record);
    let rows = JsonRows {
        path: path.to_path_buf(),
        encoding,
        pointer: found.pointer,
        mode,
        columns: found.columns,
        position: 0,
        cells: Vec::new(),
        problems,
        done: false,
    };
    Ok(Sheet::new(layout, columns, Box::new(rows)))
}

/// The records array at `pointer`, entered by the fast path.
fn open_fast(input: Input, pointer: &str) -> Option<Mode> {
    let mut doc = Doc::new(input);
    let depth = doc.seek(pointer).ok()?;
    doc.begin_array().ok()?;
    Some(Mode::Fast {
        doc: Box::new(doc),
        first: true,
        depth: depth + 1,
    })
}

/// The records array at `pointer`, entered by the old path, past its first `skip` elements.
fn open_old(
    path: &Path,
    encoding: &'static encoding_rs::Encoding,
    pointer: &str,
    skip: u64,
) -> Result<Old, SheetError> {
    let (text, meter) = Metered::new(input(path, encoding)?);
    let mut reader = JsonStreamReader::new(text);
    locate::seek(&mut reader, pointer, &meter).map_err(|e| explain(path, Some(pointer), e))?;
    reader
        .begin_array()
        .map_err(|e| explain(path, None, e.into()))?;
    for position in 1..=skip {
        meter.mark();
        let skipped = match reader.has_next() {
            Ok(true) => reader.skip_value(),
            Ok(false) => break,
            Err(e) => Err(e),
        };
        skipped.map_err(|e| explain(path, None, LocateError::from(e).in_record(position)))?;
    }
    Ok(Old { reader, meter })
}

/// The old path's reader of the records array, its text metered.
struct Old {
    reader: JsonStreamReader<Metered<Input>>,
    meter: Meter,
}

type Input = BufReader<Box<dyn Read + Send>>;

/// The file as UTF-8, byte-order mark removed, decoded if it is UTF-16 or a legacy encoding.
fn input(path: &Path, encoding: &'static encoding_rs::Encoding) -> Result<Input, SheetError> {
    let mut file = File::open(path).map_err(|e| SheetError::io(path, e))?;
    let mut bom = [0u8; 3];
    let n = file.read(&mut bom).map_err(|e| SheetError::io(path, e))?;
    let skip = encoding_rs::Encoding::for_bom(&bom[..n]).map_or(0, |(_, len)| len);
    file.seek(SeekFrom::Start(skip as u64))
        .map_err(|e| SheetError::io(path, e))?;
    let inner: Box<dyn Read + Send> = if encoding == encoding_rs::UTF_8 {
        Box::new(file)
    } else {
        Box::new(
            encoding_rs_io::DecodeReaderBytesBuilder::new()
                .encoding(Some(encoding))
                .bom_sniffing(false)
                .build(file),
        )
    };
    Ok(BufReader::with_capacity(1 << 16, inner))
}

fn choose_encoding(
    path: &Path,
    options: &ReadOptions,
) -> Result<(&'static encoding_rs::Encoding, bool), SheetError> {
    const SAMPLE: usize = 64 * 1024;
    let mut head = Vec::new();
    File::open(path)
        .and_then(|f| f.take(SAMPLE as u64).read_to_end(&mut head))
        .map_err(|e| SheetError::io(path, e))?;
    // `input` skips a byte-order mark itself, so only the encoding matters here.
    let chosen = encoding::choose(
        path,
        &head,
        head.len() < SAMPLE,
        options.encoding.as_deref(),
    )?;
    Ok((chosen.encoding, chosen.guessed))
}

/// A `.json` file is NDJSON when its first line is a whole object and more text follows.
/// A first line past [`MAX_ROW_BYTES`] is not looked at whole (an NDJSON line that long is
/// skipped anyway): the file is read as one document, whose records have the same limit.
fn looks_like_ndjson(mut input: Input, path: &Path) -> Result<bool, SheetError> {
    let mut first = Vec::new();
    loop {
        first.clear();
        if (&mut input)
            .take(MAX_ROW_BYTES + 1)
            .read_until(b'\n', &mut first)
            .map_err(|e| SheetError::io(path, e))?
            == 0
        {
            return Ok(false);
        }
        if first.len() as u64 > MAX_ROW_BYTES {
            return Ok(false);
        }
        if !first.trim_ascii().is_empty() {
            break;
        }
    }
    let first = first.trim_ascii();
    if !first.starts_with(b"{") || serde_json::from_slice::<Map<String, Value>>(first).is_err() {
        return Ok(false);
    }
    let mut rest = [0u8; 1];
    loop {
        match input.read(&mut rest) {
            Ok(0) => return Ok(false),
            Ok(_) if rest[0].is_ascii_whitespace() => continue,
            Ok(_) => return Ok(rest[0] == b'{'),
            Err(_) => return Ok(false),
        }
    }
}

fn too_many_keys(path: &Path) -> SheetError {
    SheetError::TooManyKeys {
        path: path.to_path_buf(),
        limit: MAX_COLUMNS,
    }
}

fn explain(path: &Path, pointer: Option<&str>, error: LocateError) -> SheetError {
    match error {
        LocateError::Syntax(detail) => SheetError::InvalidJson {
            path: path.to_path_buf(),
            detail,
        },
        LocateError::NoRecords => SheetError::NoRecords {
            path: path.to_path_buf(),
        },
        LocateError::NotThere => SheetError::PointerNotFound {
            path: path.to_path_buf(),
            pointer: pointer.unwrap_or_default().to_string(),
            found: None,
        },
        LocateError::TooLong { record } => record_too_long(path, record),
    }
}

/// Writes one record's cells into `row` in column order.
fn fill(row: &mut Row, record: &Map<String, Value>, columns: &Columns, cells: &mut Vec<String>) {
    cells.clear();
    cells.resize(columns.len(), String::new());
    flatten::cells(record, &mut |key, value| {
        if let Some(i) = columns.position(key) {
            cells[i] = value;
        }
    });
    row.clear();
    for cell in cells.iter() {
        row.push(cell);
    }
}

/// How the records array is being read.
enum Mode {
    Fast {
        doc: Box<Doc>,
        /// No element read yet.
        first: bool,
        /// The nesting depth of the records.
        depth: u32,
    },
    Old(Box<Old>),
}

/// The records of a JSON array, streamed one at a time.
struct JsonRows {
    path: PathBuf,
    encoding: &'static encoding_rs::Encoding,
    pointer: String,
    mode: Mode,
    columns: Columns,
    /// Elements of the array read so far.
    position: u64,
    cells: Vec<String>,
    problems: Problems,
    done: bool,
}

impl JsonRows {
    /// The fast path; `None` where it stops, the old path then going on from `position`.
    fn next_fast(&mut self, row: &mut Row) -> Option<Result<bool, SheetError>> {
        let Mode::Fast { doc, first, depth } = &mut self.mode else {
            return None;
        };
        loop {
            match doc.next_element(first, *depth, &mut self.columns, &mut self.cells, row) {
                Ok(None) => {
                    self.done = true;
                    return Some(Ok(false));
                }
                Ok(Some(None)) => {
                    self.position += 1;
                    row.number = self.position;
                    return Some(Ok(true));
                }
                Ok(Some(Some(kind))) => {
                    self.position += 1;
                    self.problems.push(Problem {
                        row: self.position,
                        numbering: Numbering::Record,
                        kind: ProblemKind::UnreadableRecord {
                            detail: format!("it is {kind}, not an object"),
                        },
                    });
                }
                Err(Stop::TooLong { .. }) => {
                    self.done = true;
                    return Some(Err(record_too_long(&self.path, Some(self.position + 1))));
                }
                Err(_) => return None,
            }
        }
    }
}

/// A record past [`MAX_ROW_BYTES`] (`None`: a value outside the records): the file is
/// refused there, as a row of delimited text.
fn record_too_long(path: &Path, record: Option<u64>) -> SheetError {
    let path = path.to_path_buf();
    match record {
        None => SheetError::ValueTooLong {
            path,
            limit: MAX_ROW_BYTES,
        },
        Some(record) => SheetError::RecordTooLong {
            path,
            record,
            limit: MAX_ROW_BYTES,
        },
    }
}

impl RowReader for JsonRows {
    fn next_row(&mut self, row: &mut Row) -> Result<bool, SheetError> {
        if self.done {
            return Ok(false);
        }
        if let Some(found) = self.next_fast(row) {
            return found;
        }
        if matches!(self.mode, Mode::Fast { .. }) {
            let reader = open_old(&self.path, self.encoding, &self.pointer, self.position)
                .inspect_err(|_| self.done = true)?;
            self.mode = Mode::Old(Box::new(reader));
        }
        let Mode::Old(old) = &mut self.mode else {
            return Ok(false);
        };
        let Old { reader, meter } = &mut **old;
        loop {
            meter.mark();
            let position = self.position + 1;
            let broken = |e: LocateError| explain(&self.path, None, e.in_record(position));
            if self.done || !reader.has_next().map_err(|e| broken(e.into()))? {
                self.done = true;
                return Ok(false);
            }
            self.position = position;
            if reader.peek().map_err(|e| broken(e.into()))? != ValueType::Object {
                let value: Value = reader.deserialize_next().map_err(|e| broken(e.into()))?;
                self.problems.push(Problem {
                    row: self.position,
                    numbering: Numbering::Record,
                    kind: ProblemKind::UnreadableRecord {
                        detail: format!("it is {}, not an object", describe(&value)),
                    },
                });
                continue;
            }
            let record: Map<String, Value> =
                reader.deserialize_next().map_err(|e| broken(e.into()))?;
            fill(row, &record, &self.columns, &mut self.cells);
            row.number = self.position;
            return Ok(true);
        }
    }

    fn problems(&self) -> &Problems {
        &self.problems
    }
}

/// A JSON value named for people: "a number", "a list".
fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests;
