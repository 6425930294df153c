//! The readers against the old way of reading (a `Value` per record from `serde_json` or
//! `struson`, then `flatten`), on many generated files, valid and broken: same columns, same
//! cells, same row numbers, same problems, same errors.

use std::path::Path;

use serde_json::{Map, Value};
use struson::reader::{JsonReader, JsonStreamReader, ValueType};
use tempfile::TempDir;

use super::super::flatten::Columns;
use super::super::{describe, explain, fill, locate};
use crate::sheet::{Format, ReadOptions, SheetError, open};

/// A small xorshift generator, so every run sees the same cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
}

const KEYS: &[&str] = &[
    r#""uid""#,
    r#""name""#,
    r#""a.b""#,
    r#""a""#,
    r#""b""#,
    r#""""#,
    r#""é""#,
    r#""k\"q""#,
    r#""\u0075id""#,
    r#""x\/y""#,
    r#""manager""#,
    r#""emails""#,
    r#""😀""#,
    r#""\ud83d\ude00""#,
    r#""tab\tkey""#,
];

const STRINGS: &[&str] = &[
    r#""""#,
    r#""Zoë""#,
    r#""Jos\u00e9""#,
    r#""line\nbreak""#,
    r#""quote\"s""#,
    r#""back\\slash""#,
    r#""\ud83d\ude00 \uD83D\uDE00""#,
    r#""\u0000\b\f\r\t""#,
    r#""a/b\/c""#,
    r#""  spaced  ""#,
    r#""E1000001""#,
    r#""alice.anderson@example.com""#,
    r#""a string long enough to cross the eight byte chunks of the scanner""#,
];

/// Strings one parser or both refuse.
const BAD_STRINGS: &[&str] = &[
    r#""\ud800""#,
    r#""\udc00x""#,
    r#""\ud800\u0041""#,
    "\"raw\tcontrol\"",
    r#""bad \x escape""#,
    r#""bad \u12G4 hex""#,
];

const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "7",
    "-7",
    "1.5",
    "-0.0",
    "1e5",
    "1E+2",
    "2e-3",
    "1.0",
    "0.1",
    "1e99",
    "1e099",
    "2.5E-0",
    "1234567890123456789",
    "12345678901234567890",
    "-922337203685477580",
    "-9223372036854775808",
];

/// Numbers one parser or both refuse (struson: beyond 64 bits, exponents past 99).
const BAD_NUMBERS: &[&str] = &[
    "1e100",
    "1e400",
    "18446744073709551616",
    "-9223372036854775809",
    "123456789012345678901234567890",
    "-123456789012345678901234567890",
    "1234567890123456789012345678901234567890123",
    "01",
    "1.",
    "-",
    "1e",
];

const SPACE: &[&str] = &["", "", "", "", " ", "\t", "\r", "  ", "\n"];

fn space(rng: &mut Rng, out: &mut String, newlines: bool) {
    let s = rng.pick(SPACE);
    if newlines || s != "\n" {
        out.push_str(s);
    }
}

fn value(rng: &mut Rng, out: &mut String, depth: usize, newlines: bool, valid: bool) {
    let choice = if depth > 3 {
        rng.below(4)
    } else {
        rng.below(7)
    };
    match choice {
        0 => {
            let bad = !valid && rng.percent(3);
            out.push_str(rng.pick(if bad { BAD_STRINGS } else { STRINGS }));
        }
        1 => {
            let bad = !valid && rng.percent(3);
            out.push_str(rng.pick(if bad { BAD_NUMBERS } else { NUMBERS }));
        }
        2 => out.push_str(rng.pick(&["true", "false", "null"])),
        3 => out.push_str(rng.pick(&["\"x\"", "1", "null", "\"\""])),
        4 => {
            out.push('[');
            let n = rng.below(4);
            for i in 0..n {
                if i > 0 {
                    out.push(',');
                }
                space(rng, out, newlines);
                value(rng, out, depth + 1, newlines, valid);
                space(rng, out, newlines);
            }
            out.push(']');
        }
        _ => object(rng, out, depth + 1, newlines, valid),
    }
}

fn object(rng: &mut Rng, out: &mut String, depth: usize, newlines: bool, valid: bool) {
    out.push('{');
    let n = rng.below(if depth == 0 { 7 } else { 4 });
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        space(rng, out, newlines);
        out.push_str(rng.pick(KEYS));
        space(rng, out, newlines);
        out.push(':');
        space(rng, out, newlines);
        value(rng, out, depth, newlines, valid);
        space(rng, out, newlines);
    }
    out.push('}');
}

/// Changes one byte somewhere: what a broken export looks like.
fn break_one(rng: &mut Rng, text: &mut String) {
    let mut at = rng.below(text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let with = rng.pick(&[
        "", "{", "}", "[", "]", ",", ":", "\"", "\\", "x", "0", " ", "\n",
    ]);
    if rng.percent(50) && at < text.len() {
        let mut end = at + 1;
        while !text.is_char_boundary(end) {
            end += 1;
        }
        text.replace_range(at..end, with);
    } else {
        text.insert_str(at, with);
    }
}

/// Everything a person would see of a file.
#[derive(Debug, PartialEq)]
enum Seen {
    Opened {
        pointer: Option<String>,
        columns: Vec<String>,
        rows: Vec<(u64, Vec<String>)>,
        error: Option<String>,
        problems: Vec<String>,
        problem_count: u64,
    },
    Refused(String),
}

fn seen_now(path: &Path, options: &ReadOptions) -> Option<Seen> {
    let mut sheet = match open(path, options) {
        Ok(sheet) => sheet,
        Err(e) => return Some(Seen::Refused(e.to_string())),
    };
    let expected = match path.extension().and_then(|e| e.to_str()) {
        Some("ndjson") => Format::Ndjson,
        _ => Format::Json,
    };
    if sheet.layout().format != expected {
        // A broken document that looks like NDJSON: not what this compares.
        return None;
    }
    let pointer = sheet.layout().json_pointer.clone();
    let columns = sheet.columns().to_vec();
    let mut rows = Vec::new();
    let mut error = None;
    for row in sheet.rows() {
        match row {
            Ok(row) => rows.push((row.number, row.to_vec())),
            Err(e) => {
                error = Some(e.to_string());
                break;
            }
        }
    }
    let problems = sheet.problems();
    Some(Seen::Opened {
        pointer,
        columns,
        rows,
        error,
        problems: problems.list().iter().map(|p| p.message()).collect(),
        problem_count: problems.total(),
    })
}

/// The old NDJSON reader, as it was.
fn seen_before_ndjson(path: &Path, text: &[u8]) -> Seen {
    let mut columns = Columns::default();
    let mut any = false;
    for line in text.split_inclusive(|&b| b == b'\n') {
        if let Ok(record) = serde_json::from_slice::<Map<String, Value>>(line.trim_ascii()) {
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
    let mut problems = Vec::new();
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
fn seen_before_json(path: &Path, text: &[u8], pointer: Option<&str>) -> Seen {
    let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
    let found = match locate::scan(&mut JsonStreamReader::new(text), pointer) {
        Ok(found) => found,
        Err(e) => return Seen::Refused(explain(path, pointer, e).to_string()),
    };
    let mut reader = JsonStreamReader::new(text);
    if let Err(e) = locate::seek(&mut reader, &found.pointer) {
        return Seen::Refused(explain(path, Some(&found.pointer), e).to_string());
    }
    if let Err(e) = reader.begin_array() {
        return Seen::Refused(explain(path, None, e.into()).to_string());
    }
    let mut rows = Vec::new();
    let mut problems = Vec::new();
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

/// The file for `text`: UTF-8, or UTF-16 with a byte-order mark (read through a decoder).
fn write(dir: &TempDir, name: &str, text: &str, utf16: bool) -> std::path::PathBuf {
    let path = dir.path().join(name);
    let bytes: Vec<u8> = if utf16 {
        "\u{FEFF}"
            .encode_utf16()
            .chain(text.encode_utf16())
            .flat_map(u16::to_le_bytes)
            .collect()
    } else {
        text.as_bytes().to_vec()
    };
    std::fs::write(&path, bytes).unwrap();
    path
}

fn check_ndjson(dir: &TempDir, text: &str, utf16: bool) {
    let path = write(dir, "case.ndjson", text, utf16);
    let before = seen_before_ndjson(&path, text.as_bytes());
    let now = seen_now(&path, &ReadOptions::default()).unwrap();
    assert_eq!(now, before, "{text}");
}

fn check_json(dir: &TempDir, text: &str, pointer: Option<&str>, utf16: bool) {
    let path = write(dir, "case.json", text, utf16);
    let options = ReadOptions {
        json_pointer: pointer.map(str::to_string),
        ..ReadOptions::default()
    };
    let Some(now) = seen_now(&path, &options) else {
        return;
    };
    let before = seen_before_json(&path, text.as_bytes(), pointer);
    assert_eq!(now, before, "{text}");
}

#[test]
fn ndjson_reads_as_before() {
    let dir = TempDir::new().unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for case in 0..600 {
        let mut text = String::new();
        for _ in 0..rng.below(6) + 1 {
            if rng.percent(10) {
                value(&mut rng, &mut text, 1, false, true);
            } else {
                object(&mut rng, &mut text, 0, false, case % 3 != 0);
            }
            if rng.percent(10) {
                text.push_str(rng.pick(&["\n", "\r\n", "  \n", "\u{c}\n"]));
            }
            text.push('\n');
        }
        if case % 4 == 0 {
            break_one(&mut rng, &mut text);
        }
        if rng.percent(20) {
            text.pop();
        }
        check_ndjson(&dir, &text, case % 5 == 1);
    }
}

#[test]
fn json_reads_as_before() {
    let dir = TempDir::new().unwrap();
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    for case in 0..900 {
        let mut records = String::from("[");
        space(&mut rng, &mut records, true);
        for i in 0..rng.below(6) {
            if i > 0 {
                records.push(',');
                space(&mut rng, &mut records, true);
            }
            if i > 0 && rng.percent(10) {
                value(&mut rng, &mut records, 2, true, true);
            } else {
                object(&mut rng, &mut records, 0, true, case % 3 != 0);
            }
            space(&mut rng, &mut records, true);
        }
        records.push(']');
        let (mut text, pointer) = match rng.below(5) {
            0 => (records, None),
            1 => (
                format!(r#"{{"users": {records}, "meta": {{"total": 3, "tags": ["a", 1e5]}}}}"#),
                None,
            ),
            2 => (
                format!(r#"{{"count": -0.5, "data": {{"items": {records}}}, "x": [{{"a":1}}]}}"#),
                None,
            ),
            3 => (
                format!(r#"{{"a/b": {{"c~d": {records}}}, "e": [{{"f": 1}}, {{"f": 2}}]}}"#),
                Some("/a~1b/c~0d"),
            ),
            _ => (format!(r#"[[0], {records}]"#), Some("/1")),
        };
        if case % 4 == 0 {
            break_one(&mut rng, &mut text);
        }
        check_json(&dir, &text, pointer, case % 5 == 1);
    }
}

#[test]
fn deep_nesting_reads_as_before() {
    let dir = TempDir::new().unwrap();
    for depth in [90, 99, 100, 101, 126, 127, 128, 200] {
        let nested = format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth));
        check_ndjson(&dir, &format!("{nested}\n{{\"b\":2}}\n"), false);
        check_json(&dir, &format!("[{nested},{{\"b\":2}}]"), None, false);
        check_json(
            &dir,
            &format!(r#"{{"users":[{{"b":2}},{nested}]}}"#),
            None,
            false,
        );
        let list = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        check_ndjson(&dir, &format!("{{\"l\":{list}}}\n{{\"b\":2}}\n"), false);
        check_json(&dir, &format!(r#"[{{"l":{list}}},{{"b":2}}]"#), None, false);
        let pointer = format!("/{}", vec!["a"; depth.min(120)].join("/"));
        let wrapped = format!(
            "{}[{{\"b\":{{\"c\":1}}}}]{}",
            r#"{"a":"#.repeat(depth.min(120)),
            "}".repeat(depth.min(120))
        );
        check_json(&dir, &wrapped, Some(&pointer), false);
    }
}

#[test]
fn bytes_that_are_not_utf8_read_as_before() {
    let dir = TempDir::new().unwrap();
    let options = ReadOptions {
        encoding: Some("utf-8".into()),
        ..ReadOptions::default()
    };
    let ndjson: &[u8] = b"{\"a\":\"ok\"}\n{\"a\":\"bad \xff byte\"}\n{\"a\":\"cut \xc3\"}\n{\"b\":\"Zo\xc3\xab\"}\n";
    let path = dir.path().join("bytes.ndjson");
    std::fs::write(&path, ndjson).unwrap();
    assert_eq!(
        seen_now(&path, &options).unwrap(),
        seen_before_ndjson(&path, ndjson)
    );
    for json in [
        &b"[{\"a\":\"ok\"},{\"a\":\"bad \xff byte\"},{\"b\":1}]"[..],
        b"{\"users\":[{\"a\":\"Zo\xc3\xab\"},{\"b\":1}],\"meta\":\"\xff\"}",
        b"{\"meta\":\"\xff\",\"users\":[{\"a\":1}]}",
        b"[{\"a\":1},{\"b\":2}] \xff",
        b"[{\"a\":1},{\"b\":\"\xc3",
    ] {
        let path = dir.path().join("bytes.json");
        std::fs::write(&path, json).unwrap();
        assert_eq!(
            seen_now(&path, &options).unwrap(),
            seen_before_json(&path, json, None),
            "{}",
            String::from_utf8_lossy(json)
        );
    }
}
