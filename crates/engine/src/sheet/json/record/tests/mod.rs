//! The fast path on its own: the byte scanner, records turned into cells, and where it stops.

use super::bytes::find_special;
use super::{Dialect, Flattener, Stop};
use crate::sheet::Row;
use crate::sheet::json::flatten::Columns;

fn find_slow(b: &[u8], from: usize) -> usize {
    b.iter()
        .skip(from)
        .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
        .map_or(b.len(), |p| p + from)
}

#[test]
fn special_bytes_are_found_wherever_they_are() {
    let mut text = b"abcdefghijklmnopqrstuvwxyz\xc3\xa9\xc3\xa9 0123456789".to_vec();
    for special in [b'"', b'\\', b'\n', 0, 0x1f] {
        for at in 0..text.len() {
            let mut t = text.clone();
            t[at] = special;
            for from in 0..t.len() {
                assert_eq!(find_special(&t, from), find_slow(&t, from), "{at} {from}");
            }
        }
    }
    text.truncate(3);
    assert_eq!(find_special(&text, 0), 3);
}

fn cells(dialect: Dialect, records: &[&str]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut columns = Columns::default();
    let mut flat = Flattener::new(dialect);
    for r in records {
        flat.learn(&mut columns, r, 0, 1, true).unwrap();
    }
    let mut flat = Flattener::new(dialect);
    let mut row = Row::default();
    let rows = records
        .iter()
        .map(|r| {
            flat.fill(&mut columns, r, 0, 1, true, &mut row).unwrap();
            row.to_vec()
        })
        .collect();
    (columns.names().to_vec(), rows)
}

#[test]
fn records_become_cells() {
    for dialect in [Dialect::SerdeJson, Dialect::Struson] {
        let (names, rows) = cells(
            dialect,
            &[
                r#"{"a":"x\"y","b":{"c":1,"d":{"e":true}},"f":[1,"",null,"z"],"g":{}}"#,
                r#"{ "f" : [ ] , "h":[{"k": 1}, 2] , "a":null}"#,
            ],
        );
        assert_eq!(names, ["a", "b.c", "b.d.e", "f", "g", "h"]);
        assert_eq!(rows[0], ["x\"y", "1", "true", "1; z", "", ""]);
        assert_eq!(rows[1], ["", "", "", "", "", r#"[{"k":1},2]"#]);
    }
}

#[test]
fn the_fast_path_stops_where_it_is_not_sure() {
    let mut columns = Columns::default();
    let mut flat = Flattener::new(Dialect::SerdeJson);
    let mut stop = |text: &str| flat.learn(&mut columns, text, 0, 1, true).err();
    assert_eq!(stop(r#"{"a":1,"a":2}"#), Some(Stop::Slow));
    assert_eq!(stop(r#"{"a":{"b":1},"a":2}"#), Some(Stop::Slow));
    assert_eq!(stop(r#"{"a":"\ud800"}"#), Some(Stop::Slow));
    assert_eq!(stop(r#"{"a":1} x"#), Some(Stop::Slow));
    assert_eq!(stop(r#"{"a":1,}"#), Some(Stop::Broken));
    assert_eq!(stop(r#"{"a":01}"#), Some(Stop::Broken));
    assert_eq!(stop(r#"{"a":1e400}"#), Some(Stop::Broken));
    assert_eq!(stop("{\"a\":\"\t\"}"), Some(Stop::Broken));
    assert_eq!(stop(r#"{"a":tru}"#), Some(Stop::Broken));
    assert_eq!(stop(r#"{"a":[1,]}"#), Some(Stop::Broken));
    assert_eq!(stop(r#"{"a":"x"#), Some(Stop::Short));
    assert_eq!(stop(r#"{"a":tr"#), Some(Stop::Short));
    assert_eq!(stop(r#"{"a":"\ud83d\ude00","b":-0,"c":1.5e3}"#), None);
    assert_eq!(columns.names(), ["a", "b", "c"]);
}
