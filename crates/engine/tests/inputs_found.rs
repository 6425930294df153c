//! Inputs the fuzz targets (fuzz/) found crashing the readers, kept as tests so they stay
//! fixed: each now ends in a sentence naming the file.

mod inputs;

use std::path::Path;

use muster_engine::sheet::{ReadOptions, SheetError, open};

use inputs::Files;

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

#[test]
fn an_xls_whose_sector_chain_loops_is_refused_instead_of_filling_memory() {
    // read_xls found it: calamine followed the chain round and round (out of memory).
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/inputs/looping-chain.xls");
    let error = read(&path).err().unwrap();
    assert!(matches!(error, SheetError::Workbook { .. }), "{error:?}");
    let message = error.to_string();
    assert!(message.contains("looping-chain.xls"), "{message}");
    assert!(message.contains("may be damaged"), "{message}");
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
