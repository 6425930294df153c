//! Inputs the fuzz targets (fuzz/) found crashing the readers, kept as tests so they stay
//! fixed: each now ends in a sentence naming the file.

mod inputs;

use std::path::{Path, PathBuf};

use muster_engine::sheet::{ReadOptions, SheetError, open};

use inputs::{Files, read_all, xls};

/// Opens and reads every row, answering the first error.
fn read(path: &Path) -> Result<usize, SheetError> {
    let mut sheet = open(path, &ReadOptions::default())?;
    let mut rows = 0;
    for row in sheet.rows() {
        row?;
        rows += 1;
    }
    Ok(rows)
}

/// A fuzzer's input checked in under `tests/inputs/`.
fn checked_in(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/inputs")
        .join(name)
}

/// The sentence a checked-in workbook is refused with, once it is known to name the file
/// and call it damaged.
fn refused_as_damaged(name: &str) -> String {
    let error = read(&checked_in(name)).err().unwrap();
    assert!(matches!(error, SheetError::Workbook { .. }), "{error:?}");
    let message = error.to_string();
    assert!(message.contains(name), "{message}");
    assert!(message.contains("may be damaged"), "{message}");
    message
}

#[test]
fn an_xls_whose_sector_chain_loops_is_refused_instead_of_filling_memory() {
    // read_xls found it: calamine followed the chain round and round (out of memory).
    refused_as_damaged("looping-chain.xls");
}

#[test]
fn an_xls_whose_checked_directory_lists_no_workbook_is_refused_before_calamine() {
    // read_xls found it: calamine found a Workbook stream by name in a damaged directory
    // that the checked reader does not list, skipped the sheet-size check, and reserved
    // 20 GB for one sheet's cells.
    let message = refused_as_damaged("unlisted-workbook.xls");
    assert!(message.contains("holds no Workbook stream"), "{message}");
}

#[test]
fn an_xls_date_cell_far_past_9999_reads_as_its_number() {
    // read_xls found it: calamine's date conversion panicked (chrono's "TimeDelta::
    // milliseconds out of bounds") on a date cell whose serial had more than 25 digits.
    let rows = read_all(&checked_in("date-past-9999.xls"));
    // Column E, Eintrittsdatum: the dates around it still read as dates.
    assert_eq!(rows[0][4], "2020-01-15");
    assert_eq!(rows[3][4], "2018-12-24");
    assert!(rows[2][4].starts_with("-1152482001799988"), "{:?}", rows[2]);
}

#[test]
fn ndjson_of_empty_objects_has_no_columns_and_says_so() {
    // read_ndjson found it: a sheet without a single column was opened.
    let files = Files::new();
    let input = b"{\"a\":1-\"b\":{\"c\":\"x\"}}\n{}\n}\"{\"a\":t json\n";
    for (name, bytes) in [
        ("found.ndjson", input.as_slice()),
        ("empty.ndjson", b"{}\n{}\n"),
        ("empty.json", b"[{}, {}]"),
    ] {
        let path = files.write(name, bytes);
        let error = read(&path).err().unwrap();
        assert!(
            matches!(error, SheetError::EmptySheet { .. }),
            "{name}: {error:?}"
        );
        assert!(error.to_string().contains(name), "{error}");
    }
}

#[test]
fn an_xlsx_cell_reference_too_long_to_count_is_a_damaged_file_or_a_skipped_cell() {
    // read_xlsx found it: the column letters of "ZZZZZZZZZZ2" overflow calamine's counter
    // (a panic where overflow is checked, which ended the rows quietly).
    let files = Files::new();
    let sheet = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>name</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>1</t></is></c><c r="ZZZZZZZZZZ2" t="inlineStr"><is><t>far</t></is></c></row></sheetData></worksheet>"#;
    let path = files.write("overflow.xlsx", &inputs::xlsx_with_sheet(sheet));
    match read(&path) {
        Ok(rows) => assert_eq!(rows, 1),
        Err(error) => {
            let message = error.to_string();
            assert!(message.contains("overflow.xlsx"), "{message}");
            assert!(message.contains("structure is broken"), "{message}");
        }
    }
}

#[test]
fn an_xls_sheet_that_claims_billions_of_cells_is_refused_by_name_before_it_is_loaded() {
    // read_xls found it: calamine reserved room for every cell the sheet's DIMENSIONS record
    // claims, and fills a grid from A1 to the furthest cell, when the workbook opens (132 GB).
    let files = Files::new();
    let table = xls::table(&[&["id", "name"], &["1", "Ann"]]);
    let claims = [
        // DIMENSIONS: rows 1 to 4,294,967,295.
        (
            "rows.xls",
            [xls::dimensions((0, u32::MAX), (0, 2)), table.clone()].concat(),
            "4294967295 rows by 2 columns",
            "an Excel 97-2003 sheet can have",
        ),
        // A cell far to the right and down: a 65,536 by 65,536 grid.
        (
            "far.xls",
            [table.clone(), xls::number(65_535, 65_535, 1.0)].concat(),
            "65536 rows by 65536 columns",
            "a file of 1 KB can hold",
        ),
        // DIMENSIONS whose end is before its start: calamine's count wraps round.
        (
            "wrapped.xls",
            [xls::dimensions((10, 5), (0, 2)), table.clone()].concat(),
            "4294967291 rows",
            "an Excel 97-2003 sheet can have",
        ),
    ];
    for (name, records, claimed, limit) in claims {
        let path = files.write(
            name,
            &xls::workbook(&[("Notes", table.clone()), ("Staff", records)], |at| {
                at as u32
            }),
        );
        let error = read(&path).err().unwrap();
        assert!(
            matches!(error, SheetError::XlsSheetTooLarge { .. }),
            "{name}: {error:?}"
        );
        let message = error.to_string();
        assert!(message.starts_with("Sheet \"Staff\" of "), "{message}");
        for words in [
            name,
            claimed,
            limit,
            "damaged or made to fill the memory",
            "export the data as CSV",
        ] {
            assert!(message.contains(words), "{words:?} missing in: {message}");
        }
    }
}

#[test]
fn an_xls_sheet_with_a_note_far_from_its_table_still_reads() {
    let files = Files::new();
    let mut rows: Vec<Vec<String>> = vec![vec!["id".into(), "name".into()]];
    rows.extend((1..=50).map(|n| vec![format!("E{n}"), format!("Person {n}")]));
    let rows: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
    // A note in IV4000: 4,000 rows by 256 columns, a grid of a million cells.
    let records = [
        xls::dimensions((0, 4000), (0, 256)),
        xls::table(&rows),
        xls::label(3999, 255, "checked by HR"),
    ]
    .concat();
    let path = files.write("sparse.xls", &xls::with_sheet("Staff", records));
    let mut sheet = open(&path, &ReadOptions::default()).unwrap();
    assert_eq!(&sheet.columns()[..2], ["id", "name"]);
    let rows: Vec<_> = sheet.rows().collect::<Result<_, _>>().unwrap();
    assert_eq!(rows[0].to_vec()[..2], ["E1", "Person 1"]);
    assert_eq!(rows[49].to_vec()[..2], ["E50", "Person 50"]);
}

#[test]
fn a_calamine_panic_is_a_damaged_workbook_and_prints_nothing_above_the_sentence() {
    // The globals say the sheet starts past the end of the stream: calamine slices past it.
    let files = Files::new();
    let path = files.write(
        "past-end.xls",
        &xls::workbook(&[("Staff", xls::table(&[&["id"], &["1"]]))], |_| 1 << 20),
    );
    if std::env::var_os("MUSTER_READ_ONLY").is_some() {
        // The child: reads, prints the answer, and lets the parent look at stderr.
        let error = read(&path).err().unwrap();
        eprintln!("answer: {error}");
        return;
    }
    let child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "a_calamine_panic_is_a_damaged_workbook_and_prints_nothing_above_the_sentence",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("MUSTER_READ_ONLY", "1")
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&child.stderr);
    assert!(child.status.success(), "{stderr}");
    assert!(stderr.contains("answer: "), "{stderr}");
    assert!(
        stderr.contains("past-end.xls could not be opened as a workbook: its structure is broken"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}
