//! Damaged and hostile workbooks through the public reader: files cut short, ZIP bombs that
//! declare or hide their size, sheets that repeat cells a billion times, cells past the
//! last column. Each ends in a sentence naming the file, or in a problem on its row.

mod inputs;

use std::path::Path;

use inputs::{Files, assert_says, codes_at, replace, staff_xlsx, xlsx_with_sheet, zip_of};
use muster_engine::sheet::limits::MAX_ZIP_ENTRY_BYTES;
use muster_engine::sheet::{ReadOptions, Sheet, SheetError, open};

/// An OpenDocument spreadsheet holding `rows` (table-row elements) on one sheet.
fn ods(rows: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Staff">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    zip_of(&[
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet".as_slice()),
        (
            "META-INF/manifest.xml",
            br#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>"#,
        ),
        ("content.xml", content.as_bytes()),
    ])
}

fn ods_row(cells: &[&str]) -> String {
    let cells: String = cells
        .iter()
        .map(|c| format!(r#"<table:table-cell office:value-type="string"><text:p>{c}</text:p></table:table-cell>"#))
        .collect();
    format!("<table:table-row>{cells}</table:table-row>")
}

/// Rewrites the inflated size that the container declares for `name`, in its central
/// directory and in its local header, as a ZIP bomb's maker would.
fn declare_size(container: &mut [u8], name: &str, size: u32) {
    let mut patched = 0;
    for at in 0..container.len().saturating_sub(46) {
        // Where the size, the name's length and the name are in each kind of header.
        let (size_at, name_len_at, name_at) = match container[at..at + 4] {
            [b'P', b'K', 1, 2] => (24, 28, 46),
            [b'P', b'K', 3, 4] => (22, 26, 30),
            _ => continue,
        };
        let name_len =
            u16::from_le_bytes([container[at + name_len_at], container[at + name_len_at + 1]]);
        let entry_name = &container[at + name_at..at + name_at + name_len as usize];
        if entry_name == name.as_bytes() {
            container[at + size_at..at + size_at + 4].copy_from_slice(&size.to_le_bytes());
            patched += 1;
        }
    }
    assert_eq!(
        patched, 2,
        "{name} has a local header and a directory entry"
    );
}

/// Opens and reads a sheet to its end or its first error.
fn outcome(path: &Path) -> Result<(Sheet, usize), SheetError> {
    let mut sheet = open(path, &ReadOptions::default())?;
    let mut rows = 0;
    for row in sheet.rows() {
        row?;
        rows += 1;
    }
    Ok((sheet, rows))
}

#[test]
fn workbooks_cut_short_at_any_length_are_refused_with_the_file_named() {
    let files = Files::new();
    let xls = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/staff.xls"))
        .unwrap();
    let ods = ods(&[ods_row(&["id", "name"]), ods_row(&["1", "Ann"])].concat());
    for (extension, whole) in [("xlsx", staff_xlsx()), ("ods", ods), ("xls", xls)] {
        let mut cuts: Vec<usize> = (1..32).map(|i| whole.len() * i / 32).collect();
        cuts.extend([1, 2, 3, 4, 5, 30, 100, whole.len() - 1]);
        for cut in cuts {
            let name = format!("cut-{cut}.{extension}");
            let path = files.write(&name, &whole[..cut]);
            match outcome(&path) {
                Err(error) => assert_says(&error, &[&name]),
                Ok((_, rows)) => panic!("{name}: {rows} rows read from a cut file"),
            }
        }
        let path = files.write(&format!("whole.{extension}"), &whole);
        assert!(outcome(&path).is_ok(), "the whole {extension} reads");
    }
}

#[test]
fn an_xlsx_that_declares_more_than_the_limit_is_refused_before_inflating() {
    let files = Files::new();
    let mut bomb = staff_xlsx();
    let declared = u32::MAX - 1;
    assert!(u64::from(declared) > MAX_ZIP_ENTRY_BYTES);
    declare_size(&mut bomb, "xl/worksheets/sheet1.xml", declared);
    let path = files.write("bomb.xlsx", &bomb);
    let error = outcome(&path).err().unwrap();
    assert!(
        matches!(error, SheetError::WorkbookTooLarge { .. }),
        "{error:?}"
    );
    assert_says(
        &error,
        &[
            "bomb.xlsx",
            "xl/worksheets/sheet1.xml",
            "4096 MB",
            "limit is 1 GB",
            "CSV",
        ],
    );
}

#[test]
fn an_xlsx_whose_sheet_inflates_past_its_declared_size_stops_there() {
    let files = Files::new();
    let source = staff_xlsx();
    // 40 MB of rows that deflate to a few hundred KB, declared as 64 KB.
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    let mut row = 1;
    while sheet.len() < 40 << 20 {
        sheet.push_str(&format!(
            r#"<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></is></c></row>"#
        ));
        row += 1;
    }
    sheet.push_str("</sheetData></worksheet>");
    let mut bomb = replace(&source, "xl/worksheets/sheet1.xml", sheet.as_bytes());
    assert!(
        bomb.len() < 4 << 20,
        "the bomb is small: {} bytes",
        bomb.len()
    );
    declare_size(&mut bomb, "xl/worksheets/sheet1.xml", 64 * 1024);
    let path = files.write("hidden-bomb.xlsx", &bomb);
    let error = outcome(&path).err().unwrap();
    assert!(matches!(error, SheetError::Workbook { .. }), "{error:?}");
    assert_says(
        &error,
        &["hidden-bomb.xlsx", "larger than its declared", "damaged"],
    );
}

#[test]
fn an_ods_that_repeats_a_cell_a_billion_times_is_read_within_excels_bounds() {
    let files = Files::new();
    let repeated = r#"<table:table-row table:number-rows-repeated="1000000000"><table:table-cell table:number-columns-repeated="1000000000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#;
    let rows = [
        ods_row(&["id", "name"]),
        ods_row(&["1", "Ann"]),
        repeated.to_string(),
    ];
    let path = files.write("repeats.ods", &ods(&rows.concat()));
    match outcome(&path) {
        Ok((sheet, rows)) => {
            assert_eq!(sheet.columns(), ["id", "name"]);
            assert!(rows <= 1_048_576, "{rows} rows");
        }
        Err(error) => assert_says(&error, &["repeats.ods"]),
    }
}

#[test]
fn an_xlsx_cell_past_column_xfd_is_skipped_and_reported() {
    let files = Files::new();
    let sheet = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>name</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>1</t></is></c><c r="B2" t="inlineStr"><is><t>Ann</t></is></c><c r="ZZZZZZ2" t="inlineStr"><is><t>far</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>2</t></is></c><c r="B3" t="inlineStr"><is><t>Bo</t></is></c></row></sheetData></worksheet>"#;
    let path = files.write("far-cell.xlsx", &xlsx_with_sheet(sheet));
    let (sheet, rows) = outcome(&path).unwrap();
    assert_eq!(rows, 2);
    assert_eq!(codes_at(&sheet), vec![(2, "cell_past_last_column")]);
    let message = sheet.problems().list()[0].message();
    assert!(message.contains("past column XFD"), "{message}");
}

#[test]
fn duplicate_and_empty_header_cells_of_a_workbook_are_renamed_and_reported() {
    let files = Files::new();
    let rows = [
        ods_row(&["id", "Email", "", "email"]),
        ods_row(&["1", "a@x.io", "", "b@x.io"]),
    ];
    let path = files.write("names.ods", &ods(&rows.concat()));
    let (sheet, rows) = outcome(&path).unwrap();
    assert_eq!(rows, 1);
    assert_eq!(sheet.columns(), ["id", "Email", "Column C", "email (2)"]);
    assert_eq!(
        codes_at(&sheet),
        vec![(1, "unnamed_column"), (1, "duplicate_column")]
    );
}
