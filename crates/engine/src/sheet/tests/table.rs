use std::io::Write;

use super::*;
use crate::sheet::{ReadOptions, open};

fn table_of(rows: &[(u64, &[&str])]) -> Table {
    let mut table = Table::default();
    for (number, cells) in rows {
        table
            .push(&Row::from_cells(*number, cells.iter()))
            .expect("short rows fit");
    }
    table
}

#[test]
fn rows_come_back_with_their_numbers_and_cells() {
    let table = table_of(&[(5, &["E1", "", "Zoë"]), (6, &[]), (9, &["x", "ÿ"])]);
    assert_eq!(table.len(), 3);
    let first = table.row(0).expect("row 0");
    assert_eq!(first.number, 5);
    assert_eq!(first.to_row(), Row::from_cells(5, ["E1", "", "Zoë"]));
    assert_eq!(first.cell(7), "");
    let empty = table.row(1).expect("row 1");
    assert!(empty.is_empty());
    assert_eq!(empty.number, 6);
    let last = table.row(2).expect("row 2");
    assert_eq!((last.number, last.get(1)), (9, Some("ÿ")));
    assert!(table.row(3).is_none());
}

#[test]
fn windows_at_the_start_middle_and_end() {
    let rows: Vec<Row> = (0..100u64)
        .map(|i| Row::from_cells(i + 2, [format!("id{i}"), format!("name {i}")]))
        .collect();
    let mut table = Table::default();
    for row in &rows {
        table.push(row).expect("push");
    }
    let numbers =
        |start, count| -> Vec<u64> { table.window(start, count).map(|r| r.number).collect() };
    assert_eq!(numbers(0, 3), vec![2, 3, 4]);
    assert_eq!(numbers(50, 2), vec![52, 53]);
    assert_eq!(numbers(98, 10), vec![100, 101]);
    assert!(numbers(100, 10).is_empty());
    assert!(numbers(usize::MAX, usize::MAX).is_empty());
    assert_eq!(table.window(40, 5).len(), 5);
    let middle: Vec<Row> = table.window(40, 5).map(|r| r.to_row()).collect();
    assert_eq!(middle, rows[40..45]);
    assert_eq!(table.sample(3), rows[..3]);
}

#[test]
fn a_table_costs_about_its_text_not_a_string_per_cell() {
    let mut table = Table::default();
    let mut text_bytes = 0;
    for i in 0..20_000u64 {
        let cells: Vec<String> = (0..10).map(|c| format!("cell {c} of row {i}")).collect();
        text_bytes += cells.iter().map(String::len).sum::<usize>();
        table.push(&Row::from_cells(i + 2, &cells)).expect("push");
    }
    let per_cell_strings = 200_000 * (size_of::<String>() + 16) + text_bytes;
    let budget = text_bytes * 2 + 200_000 * 8 + 20_000 * 48;
    assert!(
        table.heap_bytes() < budget,
        "{} > {budget}",
        table.heap_bytes()
    );
    assert!(table.heap_bytes() < per_cell_strings / 2);
}

#[test]
fn reads_every_row_of_a_file_with_row_numbers_as_in_excel() {
    let mut file = tempfile::Builder::new()
        .suffix(".csv")
        .tempfile()
        .expect("temp file");
    writeln!(file, "Title line\n\nid;name\n1;Ann\n2;Bo\n3;Cy").expect("write");
    let options = ReadOptions {
        header_row: Some(3),
        ..ReadOptions::default()
    };
    let mut sheet = open(file.path(), &options).expect("open");
    let table = Table::read(&mut sheet).expect("read");
    assert_eq!(sheet.columns(), ["id", "name"]);
    assert_eq!(table.len(), 3);
    let first = table.row(0).expect("first");
    assert_eq!((first.number, first.cell(1)), (4, "Ann"));
    let last = table.row(2).expect("last");
    assert_eq!((last.number, last.cell(0)), (6, "3"));
}
