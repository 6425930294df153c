//! Every export the generator writes, read back by the engine: the same people come out of
//! every format, with the row numbers Excel would show and every guess right.

use muster_datagen::Spec;
use muster_engine::sheet::{Format, Numbering};
use muster_tests::{ReadBack, generate_and_read};
use tempfile::TempDir;

const PEOPLE: u64 = 400;

fn spec() -> Spec {
    Spec {
        rows: PEOPLE,
        defect_rate: 0.05,
        seed: 2026,
    }
}

fn cells(read: &ReadBack) -> Vec<Vec<String>> {
    read.rows.iter().map(|r| r.to_vec()).collect()
}

fn numbers(read: &ReadBack) -> Vec<u64> {
    read.rows.iter().map(|r| r.number).collect()
}

#[test]
fn every_tabular_export_yields_the_same_rows_with_the_same_excel_row_numbers() {
    let dir = TempDir::new().unwrap();
    let reference = generate_and_read(dir.path(), "xlsx", &spec());
    assert_eq!(reference.rows.len() as u64, PEOPLE);
    assert_eq!(reference.columns.len(), 12);
    assert_eq!(reference.columns[0], "Employee ID");
    assert_eq!(reference.layout.header_row, Some(1));
    assert_eq!(numbers(&reference)[..3], [2, 3, 4]);
    for name in ["csv", "tsv", "utf16", "ods"] {
        let read = generate_and_read(dir.path(), name, &spec());
        assert_eq!(read.columns, reference.columns, "{name}");
        assert_eq!(numbers(&read), numbers(&reference), "{name}: row numbers");
        assert_eq!(cells(&read), cells(&reference), "{name}: cells");
        assert!(
            read.problem_codes.is_empty(),
            "{name}: {:?}",
            read.problem_codes
        );
    }
}

#[test]
fn encodings_and_delimiters_are_detected() {
    let dir = TempDir::new().unwrap();
    let cases = [
        ("csv", "UTF-8", ','),
        ("csv-excel-de", "windows-1252", ';'),
        ("tsv", "UTF-8", '\t'),
        ("utf16", "UTF-16LE", '\t'),
    ];
    for (name, encoding, delimiter) in cases {
        let read = generate_and_read(dir.path(), name, &spec());
        assert_eq!(read.layout.format, Format::Csv, "{name}");
        assert_eq!(read.layout.encoding.as_deref(), Some(encoding), "{name}");
        assert_eq!(read.layout.delimiter, Some(delimiter), "{name}");
        assert_eq!(
            read.layout.header_row,
            Some(read.summary.header_row),
            "{name}"
        );
        assert_eq!(read.rows.len() as u64, PEOPLE, "{name}");
    }
}

#[test]
fn reports_with_cover_sheets_and_title_rows_find_their_table() {
    let dir = TempDir::new().unwrap();
    let plain = generate_and_read(dir.path(), "xlsx", &spec());
    for name in ["xlsx-report", "ods-report", "csv-excel-de"] {
        let read = generate_and_read(dir.path(), name, &spec());
        assert_eq!(read.summary.header_row, 4, "{name}");
        assert_eq!(read.layout.header_row, Some(4), "{name}");
        assert_eq!(read.rows[0].number, 5, "{name}");
        assert_eq!(read.columns, plain.columns, "{name}");
        if read.layout.format != Format::Csv {
            assert_eq!(read.layout.sheets, vec!["Cover", "Employees"], "{name}");
            assert_eq!(read.layout.sheet.as_deref(), Some("Employees"), "{name}");
        }
        // Windows-1252 swaps names it cannot encode, so compare shapes, not every cell.
        if name != "csv-excel-de" {
            assert_eq!(cells(&read), cells(&plain), "{name}");
        }
    }
}

#[test]
fn json_exports_yield_every_person_with_dotted_manager_columns() {
    let dir = TempDir::new().unwrap();
    let table = generate_and_read(dir.path(), "csv", &spec());
    for (name, format, pointer, numbering) in [
        ("json", Format::Json, Some(""), Numbering::Record),
        (
            "json-wrapped",
            Format::Json,
            Some("/users"),
            Numbering::Record,
        ),
        ("ndjson", Format::Ndjson, None, Numbering::Line),
    ] {
        let read = generate_and_read(dir.path(), name, &spec());
        assert_eq!(read.layout.format, format, "{name}");
        assert_eq!(read.layout.json_pointer.as_deref(), pointer, "{name}");
        assert_eq!(read.layout.numbering, numbering, "{name}");
        assert_eq!(read.rows.len() as u64, PEOPLE, "{name}");
        assert_eq!(numbers(&read), (1..=PEOPLE).collect::<Vec<_>>(), "{name}");
        let column = |wanted: &str| {
            read.columns
                .iter()
                .position(|c| c == wanted)
                .unwrap_or_else(|| panic!("{name}: no {wanted}"))
        };
        let (uid, email, manager) = (column("uid"), column("email"), column("manager.uid"));
        for (json_row, table_row) in read.rows.iter().zip(&table.rows) {
            assert_eq!(json_row.cell(uid), table_row.cell(0), "{name}");
            assert_eq!(json_row.cell(email), table_row.cell(3), "{name}");
            assert_eq!(json_row.cell(manager), table_row.cell(9), "{name}");
        }
    }
}
