//! Property: whatever cells Muster's CSV writer (`sheet::write_csv`, how the desktop app
//! saves a corrected sheet) writes, Muster's reader reads back the same cells, in the same
//! rows, at the row numbers Excel shows.
//!
//! Cells that begin with `=`, `+`, `-`, `@`, a tab or a carriage return are left out: the
//! writer neutralises them against formula injection (a leading `'`), so they are not meant
//! to read back unchanged. NUL is left out too (the reader removes it and reports the row,
//! see `inputs_text.rs`). Rows whose cells are all blank are written but not read back: a
//! blank row is no record, yet still counts in the row numbers.

use muster_engine::sheet::{ReadOptions, Row, open, write_csv};
use proptest::prelude::*;

/// One piece of a cell: what makes CSV hard (delimiters, quotes, line breaks, spaces) and
/// text from every script.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(",".to_string()),
        Just(";".to_string()),
        Just("|".to_string()),
        Just("\t".to_string()),
        Just("\"".to_string()),
        Just("\"\"".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just(" ".to_string()),
        Just("'".to_string()),
        "[A-Za-z0-9]{1,6}",
        "[äöüßéñøåçÆŒ]{1,3}",
        "\\PC{1,4}",
    ]
}

fn cell() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..5)
        .prop_map(|pieces| pieces.concat())
        .prop_filter("formula-like cells are neutralised on export", |cell| {
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
        })
}

/// Column names as people write them: a word, maybe with spaces or punctuation, unique.
fn columns() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[A-Za-zÄÖÜäöüé][A-Za-zäöüé ,\"]{0,8}", 1..7).prop_map(|names| {
        names
            .iter()
            .enumerate()
            // "col" keeps a name like "T 1" from reading as a time to the header search.
            .map(|(i, name)| format!("{} col{i}", name.trim()))
            .collect()
    })
}

fn table() -> impl Strategy<Value = (Vec<String>, Vec<Vec<String>>)> {
    columns().prop_flat_map(|columns| {
        let width = columns.len();
        let rows = prop::collection::vec(prop::collection::vec(cell(), width), 0..12);
        (Just(columns), rows)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn what_the_csv_writer_writes_reads_back_the_same((columns, rows) in table()) {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("saved.csv");
        let written = rows.iter().enumerate().map(|(i, cells)| Row::from_cells(i as u64 + 2, cells));
        write_csv(&path, &columns, written).unwrap();

        let mut sheet = open(&path, &ReadOptions::default()).unwrap();
        prop_assert_eq!(sheet.columns(), columns.as_slice());
        let read: Vec<(u64, Vec<String>)> = sheet
            .rows()
            .map(|r| r.map(|row| (row.number, row.to_vec())))
            .collect::<Result<_, _>>()
            .unwrap();
        let expected: Vec<(u64, Vec<String>)> = rows
            .iter()
            .enumerate()
            .filter(|(_, cells)| !cells.concat().trim().is_empty())
            .map(|(i, cells)| (i as u64 + 2, cells.clone()))
            .collect();
        prop_assert_eq!(read, expected);
        prop_assert!(sheet.problems().is_empty(), "{:?}", sheet.problems().list());
    }
}

/// Found by the property above on CI: a first column whose name starts with "MZ" (as a
/// Windows program does) was refused as one.
#[test]
fn a_saved_sheet_whose_first_column_starts_with_mz_reads_back() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("saved.csv");
    let columns = vec!["MZUö mFLD col0".to_string(), "Name col1".to_string()];
    let rows = [Row::from_cells(2, ["MZ", "Ann"])];
    write_csv(&path, &columns, rows.iter().cloned()).unwrap();
    let mut sheet = open(&path, &ReadOptions::default()).unwrap();
    assert_eq!(sheet.columns(), columns.as_slice());
    let read: Vec<Vec<String>> = sheet.rows().map(|r| r.unwrap().to_vec()).collect();
    assert_eq!(read, [["MZ", "Ann"]]);
}
