use std::path::PathBuf;
use std::sync::Arc;

use super::*;
use crate::sheet::{Format, Layout, Numbering, Row, Table};

fn table() -> Table {
    let mut table = Table::default();
    for row in [
        Row::from_cells(5, ["E1", "ann@firma.de", "Sales"]),
        Row::from_cells(6, ["E2", "bo@@firma", "n/a"]),
        Row::from_cells(8, ["E3"]),
    ] {
        table.push(&row).expect("short rows fit");
    }
    table
}

#[test]
fn an_edit_reads_in_place_of_the_file_and_going_back_drops_it() {
    let table = table();
    let mut edits = Edits::default();
    assert_eq!(edits.set(&table, 1, 1, "bo@firma.de"), Ok(true));
    assert_eq!(edits.get(1, 1), Some("bo@firma.de"));
    assert_eq!(edits.len(), 1);
    assert_eq!(
        edits.row(&table, 1),
        Some(Row::from_cells(6, ["E2", "bo@firma.de", "n/a"]))
    );
    assert_eq!(
        edits.set(&table, 1, 1, "bo@firma.de"),
        Ok(false),
        "no change"
    );
    assert_eq!(edits.set(&table, 1, 1, "bo@@firma"), Ok(true));
    assert!(edits.is_empty(), "the file's value again: no edit left");
    assert_eq!(
        edits.row(&table, 0),
        Some(Row::from_cells(5, ["E1", "ann@firma.de", "Sales"]))
    );
}

#[test]
fn an_edit_past_a_short_row_lengthens_it() {
    let table = table();
    let mut edits = Edits::default();
    assert_eq!(edits.set(&table, 2, 2, "IT"), Ok(true));
    assert_eq!(
        edits.row(&table, 2),
        Some(Row::from_cells(8, ["E3", "", "IT"]))
    );
    assert_eq!(edits.columns(2).collect::<Vec<_>>(), [2]);
    assert_eq!(edits.set(&table, 2, 2, ""), Ok(true));
    assert!(edits.is_empty());
    assert_eq!(edits.row(&table, 2), Some(Row::from_cells(8, ["E3"])));
}

#[test]
fn rows_past_the_end_are_refused() {
    let table = table();
    let mut edits = Edits::default();
    assert_eq!(
        edits.set(&table, 3, 0, "x"),
        Err(EditError::NoSuchRow { index: 3, rows: 3 })
    );
    assert_eq!(edits.row(&table, 3), None);
}

#[test]
fn replacing_in_a_column_counts_the_cells_changed() {
    let table = table();
    let mut edits = Edits::default();
    assert_eq!(
        edits.replace_in_column(&table, 1, "@@", "@", false),
        1,
        "only the second row holds it"
    );
    assert_eq!(edits.get(1, 1), Some("bo@firma"));
    assert_eq!(
        edits.replace_in_column(&table, 1, "firma", "firm", false),
        2
    );
    assert_eq!(edits.get(0, 1), Some("ann@firm.de"));
    assert_eq!(edits.get(1, 1), Some("bo@firm"));
    assert_eq!(edits.replace_in_column(&table, 1, "", "x", false), 0);
}

#[test]
fn whole_cell_replacement_matches_whole_values_and_fills_blanks() {
    let table = table();
    let mut edits = Edits::default();
    assert_eq!(edits.replace_in_column(&table, 2, "n", "", true), 0);
    assert_eq!(edits.replace_in_column(&table, 2, " n/a ", "", true), 1);
    assert_eq!(edits.get(1, 2), Some(""));
    assert_eq!(
        edits.replace_in_column(&table, 2, "", "Unknown", true),
        2,
        "the cleared cell and the missing one"
    );
    assert_eq!(
        edits.row(&table, 2),
        Some(Row::from_cells(8, ["E3", "", "Unknown"]))
    );
    assert_eq!(edits.get(1, 2), Some("Unknown"));
    assert_eq!(edits.len(), 2);
}

#[test]
fn the_edited_table_reads_as_a_sheet() {
    let table = Arc::new(table());
    let mut edits = Edits::default();
    edits.set(&table, 0, 2, "Vertrieb").expect("row 0");
    let layout = Layout::new(PathBuf::from("staff.csv"), Format::Csv, Numbering::Row);
    let columns = vec!["ID".to_owned(), "E-Mail".to_owned(), "Dept".to_owned()];
    let mut sheet = Edits::sheet(table, Arc::new(edits), layout, columns.clone());
    assert_eq!(sheet.columns(), columns);
    let rows: Vec<Row> = sheet
        .rows()
        .collect::<Result<_, _>>()
        .expect("memory rows never fail");
    assert_eq!(
        rows,
        [
            Row::from_cells(5, ["E1", "ann@firma.de", "Vertrieb"]),
            Row::from_cells(6, ["E2", "bo@@firma", "n/a"]),
            Row::from_cells(8, ["E3"]),
        ]
    );
}

#[test]
fn rows_are_found_by_the_number_the_person_sees() {
    let table = table();
    assert_eq!(table.position(5), Some(0));
    assert_eq!(table.position(8), Some(2));
    assert_eq!(table.position(7), None);
    assert_eq!(table.position(99), None);
    let mut unordered = Table::default();
    for number in [9, 3, 4] {
        unordered
            .push(&Row::from_cells(number, ["x"]))
            .expect("fits");
    }
    assert_eq!(unordered.position(3), Some(1));
    assert_eq!(unordered.position(9), Some(0));
}
