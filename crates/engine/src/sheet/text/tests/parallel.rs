//! The rows read on every core are the rows read on one: the same cells, Excel row numbers,
//! problems and errors, whatever the quotes, line endings and blank lines, wherever the
//! file is cut (parts of a few bytes here, so every record boundary gets cut somewhere).

use std::path::Path;

use proptest::prelude::*;
use tempfile::TempDir;

use crate::sheet::prefetch::Prefetched;
use crate::sheet::text::{open, rows_in_parts};
use crate::sheet::{Problems, ReadOptions, Row, RowReader, SheetError};

/// Everything a reader gave: the rows, the error that stopped it, the problems.
type Outcome = (Vec<Row>, Option<String>, Problems);

fn read(reader: &mut dyn RowReader) -> Outcome {
    let mut rows = Vec::new();
    let mut row = Row::default();
    let error = loop {
        match reader.next_row(&mut row) {
            Ok(true) => rows.push(row.clone()),
            Ok(false) => break None,
            Err(e) => break Some(format!("{e:?}")),
        }
    };
    (rows, error, reader.problems().clone())
}

fn one_thread(path: &Path) -> Result<Outcome, SheetError> {
    let opened = open(path, &ReadOptions::default())?;
    Ok(read(&mut Prefetched::spawn(opened.table.rows)?))
}

fn in_parts(path: &Path, part_bytes: usize) -> Result<Outcome, SheetError> {
    let opened = open(path, &ReadOptions::default())?;
    Ok(read(rows_in_parts(opened.table.rows, part_bytes)?.as_mut()))
}

fn assert_same(text: &[u8], part_bytes: usize) {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("people.csv");
    std::fs::write(&path, text).unwrap();
    let expected = one_thread(&path).map_err(|e| format!("{e:?}"));
    let found = in_parts(&path, part_bytes).map_err(|e| format!("{e:?}"));
    match (expected, found) {
        (Ok((rows, error, problems)), Ok((found_rows, found_error, found_problems))) => {
            assert_eq!(
                found_rows.len(),
                rows.len(),
                "{:?}",
                String::from_utf8_lossy(text)
            );
            for (found, expected) in found_rows.iter().zip(&rows) {
                assert_eq!(found, expected, "{:?}", String::from_utf8_lossy(text));
            }
            assert_eq!(found_error, error);
            assert_eq!(found_problems.list(), problems.list());
            assert_eq!(found_problems.total(), problems.total());
        }
        (expected, found) => assert_eq!(found.err(), expected.err()),
    }
}

/// One line of a file: plain, quoted with line breaks and quotes, blank, ragged, NUL bytes,
/// bytes that are not UTF-8, a byte order mark where a part may start.
fn line() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        6 => "[a-z0-9]{0,6},[A-Za-z ]{0,8},[a-z]{1,5}@x\\.io".prop_map(String::into_bytes),
        2 => "[a-z]{0,3},\"[a-z,\n\r\"]{0,8}\",[a-z]{0,4}".prop_map(|s| {
            // Quotes inside a quoted field are doubled, as writers write them.
            let inner = s.split('"').nth(1).unwrap_or("").replace('"', "\"\"");
            let mut parts = s.splitn(3, '"');
            let head = parts.next().unwrap_or("");
            let tail = parts.nth(1).unwrap_or("");
            format!("{head}\"{inner}\"{tail}").into_bytes()
        }),
        1 => Just(Vec::new()),
        1 => "[a-z]{1,4}(,[a-z]{0,3}){0,4}".prop_map(String::into_bytes),
        1 => Just(b"n\0ul,B\0o,x".to_vec()),
        1 => Just(b"bad,\xff\xfe text,x".to_vec()),
        1 => Just("\u{feff}bom,first,x".as_bytes().to_vec()),
        1 => Just(b"x\"y,\"\"z,w".to_vec()),
    ]
}

fn file(lines: Vec<Vec<u8>>, ending: &[u8], last_break: bool) -> Vec<u8> {
    let mut text = b"id,name,email".to_vec();
    for (i, line) in lines.into_iter().enumerate() {
        // Every seventh line ends the other way, as in files pasted together.
        let ending: &[u8] = match (i % 7, ending) {
            (6, b"\r\n") => b"\n",
            (6, _) => b"\r\n",
            _ => ending,
        };
        text.extend_from_slice(ending);
        text.extend(line);
    }
    if last_break {
        text.extend_from_slice(ending);
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn rows_read_in_parts_are_the_rows_read_on_one_thread(
        lines in proptest::collection::vec(line(), 30..120),
        crlf in any::<bool>(),
        part_bytes in 1usize..200,
    ) {
        let ending: &[u8] = if crlf { b"\r\n" } else { b"\n" };
        assert_same(&file(lines, ending, true), part_bytes);
    }
}

#[test]
fn a_quoted_field_across_many_parts_is_one_cell() {
    let mut text = b"id,note\n".to_vec();
    for i in 0..40 {
        text.extend(format!("{i},plain\n").as_bytes());
    }
    text.extend(b"40,\"first line\nsecond, with a comma\n\nthird \"\"quoted\"\"\"\n41,after\n");
    for ending in ["\n", "\r\n"] {
        let text = String::from_utf8(text.clone())
            .unwrap()
            .replace('\n', ending);
        for part_bytes in [1, 3, 7, 16, 64] {
            assert_same(text.as_bytes(), part_bytes);
        }
    }
}

#[test]
fn a_large_file_is_read_in_parts_with_its_row_numbers() {
    let mut text = b"id,name\n".to_vec();
    for i in 0..5000 {
        text.extend(format!("{i},\"Person\n{i}\"\n").as_bytes());
        if i % 97 == 0 {
            text.extend(b"\n");
        }
    }
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("large.csv");
    std::fs::write(&path, &text).unwrap();
    let (rows, error, problems) = in_parts(&path, 1024).unwrap();
    assert!(error.is_none() && problems.is_empty());
    assert_eq!(rows.len(), 5000);
    // Excel shows each record as one row (its line break stays in the cell), and a blank
    // line after every 97th as a row of its own.
    let mut expected = 2;
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row.number, expected);
        assert_eq!(row.cell(1), format!("Person\n{i}"));
        expected += 1 + u64::from(i % 97 == 0);
    }
    assert_same(&text, 1024);
}

#[test]
fn a_row_past_the_limit_stops_the_parts_at_its_row() {
    use crate::sheet::limits::MAX_ROW_BYTES;

    let mut text = b"id,name\n".to_vec();
    for i in 1..=40 {
        text.extend(format!("{i},Person {i}\n").as_bytes());
    }
    text.extend(std::iter::repeat_n(b'x', MAX_ROW_BYTES as usize + 1024));
    text.extend(b"\n42,Cy\n");
    assert_same(&text, 4096);
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("long.csv");
    std::fs::write(&path, &text).unwrap();
    let (rows, error, _) = in_parts(&path, 4096).unwrap();
    assert_eq!(rows.len(), 40);
    assert!(error.unwrap().contains("RowTooLong"));
}
