//! The fast scan against the old one, and reading through reads that cut characters in two or
//! records longer than the buffer.

use std::io::{BufReader, Read};

use struson::reader::JsonStreamReader;

use super::{CHUNK, Doc};
use crate::sheet::Row;
use crate::sheet::json::locate;

fn doc(text: &'static str) -> Doc {
    Doc::new(BufReader::new(Box::new(text.as_bytes())))
}

/// The fast scan finds what the old one finds, or stops.
fn same(text: &'static str, pointer: Option<&str>) -> Option<(String, u64, Vec<String>)> {
    let fast = doc(text).scan(pointer).ok();
    let old = locate::scan(
        &mut JsonStreamReader::new(text.as_bytes()),
        pointer,
        &Default::default(),
    )
    .ok();
    let fast = fast.map(|f| (f.pointer, f.records, f.columns.names().to_vec()));
    if let Some(fast) = &fast {
        let old = old.map(|f| (f.pointer, f.records, f.columns.names().to_vec()));
        assert_eq!(Some(fast), old.as_ref(), "{text}");
    }
    fast
}

#[test]
fn the_fast_scan_agrees_with_the_old_one() {
    let docs = [
        r#"[{"a":1},{"a":2,"b":3}]"#,
        r#"{"errors":[{"x":1}],"users":[{"uid":"E1"},{"uid":"E2"}],"tags":["a","b","c"],"meta":{"total_pages":1}}"#,
        r#"{"data":{"items":[{"id":1}]}}"#,
        r#" { "a" : { "b/c" : [ {"id":1} , {"id":2} , 3 ] } , "users" : [ {"id":9} ] } "#,
        r#"{"users":[{"a":{"b":{"c":[1,{"d":2}]}}},{"a":{}},{"e":"\u00e9\ud83d\ude00"}]}"#,
        r#"{"users":[{"a":1,"a":{"b":2}},{"a":{"b":1},"a":3}]}"#,
        r#"{"users":[]}"#,
    ];
    for text in docs {
        assert!(same(text, None).is_some(), "{text}");
    }
    assert!(same(docs[3], Some("/a/b~1c")).is_some());
    assert_eq!(same(docs[3], Some("/users/0")), None);
    assert_eq!(same(docs[3], Some("/nope")), None);
    for broken in [
        r#"{"users":[{"a":1},"#,
        r#"{"users":[{"a":1},]}"#,
        r#"{"users":[{"a":1e400}]}"#,
        r#"{"count":3,"names":["a"]}"#,
        "[{\"a\":\"\u{1}\"}]",
        r#"{"users":[{"c":"\ud800"}]}"#,
    ] {
        assert_eq!(same(broken, None), None, "{broken}");
    }
}

/// Hands over one byte per read, cutting every character in two.
struct Trickle(&'static [u8]);

impl Read for Trickle {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match (self.0.split_first(), buf.first_mut()) {
            (Some((&b, rest)), Some(slot)) => {
                *slot = b;
                self.0 = rest;
                Ok(1)
            }
            _ => Ok(0),
        }
    }
}

#[test]
fn characters_cut_by_a_read_are_put_together() {
    let text = r#"{"users":[{"name":"Zoë 😀","città":"Genève"},{"name":"Jos\u00e9"}]}"#;
    let mut doc = Doc::new(BufReader::with_capacity(
        1,
        Box::new(Trickle(text.as_bytes())),
    ));
    let found = doc.scan(None).unwrap();
    assert_eq!(found.columns.names(), ["name", "città"]);
    let mut doc = Doc::new(BufReader::with_capacity(
        1,
        Box::new(Trickle(text.as_bytes())),
    ));
    let depth = doc.seek("/users").unwrap();
    doc.begin_array().unwrap();
    let (mut columns, mut cells, mut row, mut first) =
        (found.columns, Vec::new(), Row::default(), true);
    let mut rows = Vec::new();
    while let Some(kind) = doc
        .next_element(&mut first, depth + 1, &mut columns, &mut cells, &mut row)
        .unwrap()
    {
        assert_eq!(kind, None);
        rows.push(row.to_vec());
    }
    assert_eq!(rows, [vec!["Zoë 😀", "Genève"], vec!["José", ""]]);
}

#[test]
fn records_longer_than_the_buffer_are_read_whole() {
    let long = "x".repeat(3 * CHUNK);
    let text = format!(r#"{{"users":[{{"a":"{long}","b":"é"}},{{"a":"y"}}]}}"#);
    let text: &'static str = Box::leak(text.into_boxed_str());
    let found = doc(text).scan(None).unwrap();
    assert_eq!(found.records, 2);
    assert_eq!(found.columns.names(), ["a", "b"]);
}
