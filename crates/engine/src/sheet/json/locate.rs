//! Where the records are in a JSON document: at the top, or under a key as HR APIs return
//! them (`{"users": [...], "meta": {...}}`). Without a pointer from the person, the longest
//! array of objects at the top or up to two keys down wins, and its pointer is reported.

use std::io::Read;

use serde_json::{Map, Value};
use struson::reader::{JsonReader, JsonStreamReader, ReaderError, ValueType};
use struson::serde::DeserializerError;

use super::flatten::Columns;
use super::metered::{Meter, is_too_long};

/// How deep under the top object a records array is looked for.
const SEARCH_DEPTH: usize = 2;

/// A records array found by a full pass over the document.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub pointer: String,
    pub columns: Columns,
    pub records: u64,
}

/// What went wrong while looking.
#[derive(Debug)]
pub(crate) enum LocateError {
    /// Not valid JSON, with where and why.
    Syntax(String),
    /// No array of objects anywhere it was looked for.
    NoRecords,
    /// The person's pointer leads nowhere, or to something that is not an array.
    NotThere,
    /// A value longer than a record may be: the record at this position of the records
    /// array, or (`None`) a value outside them.
    TooLong { record: Option<u64> },
}

impl LocateError {
    /// A value too long where reading was in the record at `position`.
    pub(crate) fn in_record(self, position: u64) -> Self {
        match self {
            LocateError::TooLong { .. } => LocateError::TooLong {
                record: Some(position),
            },
            other => other,
        }
    }
}

impl From<ReaderError> for LocateError {
    fn from(e: ReaderError) -> Self {
        match &e {
            ReaderError::IoError { error, .. } if is_too_long(error) => {
                LocateError::TooLong { record: None }
            }
            _ => LocateError::Syntax(describe_error(&e)),
        }
    }
}

impl From<DeserializerError> for LocateError {
    fn from(e: DeserializerError) -> Self {
        match e {
            DeserializerError::ReaderError(inner) => inner.into(),
            other => LocateError::Syntax(other.to_string()),
        }
    }
}

/// A syntax error as people count: lines and columns from 1, the fault in words
/// (`ExpectingMemberNameOrObjectEnd` → "expecting member name or object end").
pub(crate) fn describe_error(error: &ReaderError) -> String {
    let ReaderError::SyntaxError(syntax) = error else {
        return error.to_string();
    };
    let mut fault = String::new();
    for c in format!("{:?}", syntax.kind).chars() {
        if c.is_uppercase() && !fault.is_empty() {
            fault.push(' ');
        }
        fault.push(c.to_ascii_lowercase());
    }
    match syntax.location.line_pos {
        Some(at) => format!("{fault} at line {}, column {}", at.line + 1, at.column + 1),
        None => format!("{fault} at byte {}", syntax.location.data_pos.unwrap_or(0)),
    }
}

/// Reads the document once: finds the records (at `pointer` if given) and learns their
/// columns. `meter` is marked at the start of each value read (see [`super::metered`]).
pub(crate) fn scan<R: Read>(
    json: &mut JsonStreamReader<R>,
    pointer: Option<&str>,
    meter: &Meter,
) -> Result<Found, LocateError> {
    if let Some(pointer) = pointer {
        seek(json, pointer, meter)?;
        let (columns, records) = read_array(json, meter)?.ok_or(LocateError::NotThere)?;
        return Ok(Found {
            pointer: pointer.to_string(),
            columns,
            records,
        });
    }
    let mut best: Option<Found> = None;
    search(json, String::new(), SEARCH_DEPTH, &mut best, meter)?;
    best.ok_or(LocateError::NoRecords)
}

fn search<R: Read>(
    json: &mut JsonStreamReader<R>,
    pointer: String,
    depth: usize,
    best: &mut Option<Found>,
    meter: &Meter,
) -> Result<(), LocateError> {
    meter.mark();
    match json.peek()? {
        ValueType::Array => {
            if let Some((columns, records)) = read_array(json, meter)?
                && best.as_ref().is_none_or(|b| records > b.records)
            {
                *best = Some(Found {
                    pointer,
                    columns,
                    records,
                });
            }
        }
        ValueType::Object if depth > 0 => {
            json.begin_object()?;
            while json.has_next()? {
                meter.mark();
                let key = escape(json.next_name()?);
                search(json, format!("{pointer}/{key}"), depth - 1, best, meter)?;
            }
            json.end_object()?;
        }
        _ => json.skip_value()?,
    }
    Ok(())
}

/// Reads an array; if its first element is an object, learns the columns of all object
/// elements and counts them. Arrays of anything else are skipped.
fn read_array<R: Read>(
    json: &mut JsonStreamReader<R>,
    meter: &Meter,
) -> Result<Option<(Columns, u64)>, LocateError> {
    if json.peek()? != ValueType::Array {
        json.skip_value()?;
        return Ok(None);
    }
    json.begin_array()?;
    let mut columns = Columns::default();
    let mut records = 0u64;
    let mut position = 0u64;
    let mut of_objects = true;
    let mut first = true;
    while json.has_next()? {
        position += 1;
        meter.mark();
        let is_object = json.peek()? == ValueType::Object;
        if first {
            of_objects = is_object;
            first = false;
        }
        if of_objects && is_object {
            let record: Map<String, Value> = json
                .deserialize_next()
                .map_err(|e| LocateError::from(e).in_record(position))?;
            columns.at(position);
            columns.learn(&record);
            records += 1;
        } else {
            json.skip_value()?;
        }
    }
    json.end_array()?;
    Ok(of_objects.then_some((columns, records)))
}

/// Moves the reader to the value at an RFC 6901 pointer.
pub(crate) fn seek<R: Read>(
    json: &mut JsonStreamReader<R>,
    pointer: &str,
    meter: &Meter,
) -> Result<(), LocateError> {
    if pointer.is_empty() {
        return Ok(());
    }
    let Some(tokens) = pointer.strip_prefix('/') else {
        return Err(LocateError::NotThere);
    };
    for token in tokens.split('/').map(unescape) {
        match json.peek()? {
            ValueType::Object => {
                json.begin_object()?;
                loop {
                    if !json.has_next()? {
                        return Err(LocateError::NotThere);
                    }
                    meter.mark();
                    if json.next_name()? == token {
                        break;
                    }
                    json.skip_value()?;
                }
            }
            ValueType::Array => {
                let index: usize = token.parse().map_err(|_| LocateError::NotThere)?;
                json.begin_array()?;
                for _ in 0..index {
                    if !json.has_next()? {
                        return Err(LocateError::NotThere);
                    }
                    meter.mark();
                    json.skip_value()?;
                }
                if !json.has_next()? {
                    return Err(LocateError::NotThere);
                }
            }
            _ => return Err(LocateError::NotThere),
        }
    }
    Ok(())
}

pub(super) fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

pub(super) fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(json: &str, pointer: Option<&str>) -> Result<Found, LocateError> {
        let mut reader = JsonStreamReader::new(json.as_bytes());
        scan(&mut reader, pointer, &Meter::default())
    }

    #[test]
    fn a_top_level_array_is_the_records() {
        let f = found(r#"[{"a":1},{"a":2,"b":3}]"#, None).unwrap();
        assert_eq!((f.pointer.as_str(), f.records), ("", 2));
        assert_eq!(f.columns.names(), ["a", "b"]);
    }

    #[test]
    fn the_longest_array_of_objects_under_a_key_wins() {
        let doc = r#"{"errors":[{"x":1}],"users":[{"uid":"E1"},{"uid":"E2"}],"tags":["a","b","c"],"meta":{"total_pages":1}}"#;
        let f = found(doc, None).unwrap();
        assert_eq!((f.pointer.as_str(), f.records), ("/users", 2));
    }

    #[test]
    fn records_two_keys_down_are_found() {
        let f = found(r#"{"data":{"items":[{"id":1}]}}"#, None).unwrap();
        assert_eq!(f.pointer, "/data/items");
    }

    #[test]
    fn a_given_pointer_is_followed_and_a_wrong_one_refused() {
        let doc = r#"{"a":{"b/c":[{"id":1},{"id":2},{"id":3}]},"users":[{"id":9}]}"#;
        assert_eq!(found(doc, Some("/a/b~1c")).unwrap().records, 3);
        assert!(matches!(
            found(doc, Some("/nope")),
            Err(LocateError::NotThere)
        ));
        assert!(matches!(
            found(doc, Some("/users/0")),
            Err(LocateError::NotThere)
        ));
    }

    #[test]
    fn documents_without_records_and_broken_ones_are_told_apart() {
        assert!(matches!(
            found(r#"{"count":3,"names":["a"]}"#, None),
            Err(LocateError::NoRecords)
        ));
        assert!(matches!(
            found(r#"{"users":[{"a":1},"#, None),
            Err(LocateError::Syntax(_))
        ));
    }
}
