//! The readers against the old way of reading (a `Value` per record from `serde_json` or
//! `struson`, then `flatten`), on many generated files, valid and broken: same columns, same
//! cells, same row numbers, same problems, same errors.
//!
//! [`generate`] makes the files, [`before`] reads them the old way; this module reads them the
//! way a person does and compares.

mod before;
mod generate;

use std::path::Path;

use tempfile::TempDir;

use self::before::{seen_before_json, seen_before_ndjson};
use self::generate::{Rng, break_one, object, space, value};
use crate::sheet::{Format, ReadOptions, open};

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
    assert_same(&now, &before, text);
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
    assert_same(&now, &before, text);
}

/// The same as before, except that records without a single field, which used to open a
/// sheet without columns, are now refused as having no data.
fn assert_same(now: &Seen, before: &Seen, text: &str) {
    if matches!(before, Seen::Opened { columns, .. } if columns.is_empty()) {
        assert!(
            matches!(now, Seen::Refused(m) if m.contains("has no data")),
            "{text}: {now:?}"
        );
        return;
    }
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
