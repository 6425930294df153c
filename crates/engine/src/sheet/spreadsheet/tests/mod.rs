//! Workbooks written by the tests with rust_xlsxwriter (xlsx) or by hand (ods), plus the
//! small legacy fixtures in `fixtures/` that only Excel-era tools can write.

use std::io::Write;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat, Workbook};
use tempfile::TempDir;

use crate::sheet::{Format, ReadOptions, Row, Sheet, SheetError, open};

fn read_all(sheet: &mut Sheet) -> Vec<Row> {
    sheet.rows().collect::<Result<_, _>>().unwrap()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(name)
}

/// A workbook as HR teams send it: a cover sheet, then a table under a merged title.
fn staff_workbook(dir: &TempDir) -> PathBuf {
    let path = dir.path().join("staff.xlsx");
    let mut book = Workbook::new();
    let cover = book.add_worksheet().set_name("Cover").unwrap();
    cover.write_string(0, 0, "Staff list").unwrap();
    cover
        .write_string(2, 0, "Prepared by HR, November 2026")
        .unwrap();
    let staff = book.add_worksheet().set_name("Staff").unwrap();
    staff
        .merge_range(0, 0, 0, 5, "ACME GmbH staff", &CellFormat::new())
        .unwrap();
    for (col, name) in [
        "Personalnummer",
        "Vorname",
        "Nachname",
        "E-Mail",
        "Eintritt",
        "Stunden",
    ]
    .iter()
    .enumerate()
    {
        staff.write_string(2, col as u16, *name).unwrap();
    }
    let date = CellFormat::new().set_num_format("dd.mm.yyyy");
    let people = [
        ("00123", "Jürgen", "Groß", 2020, 1, 15, 40.0),
        ("00124", "Zoë", "Müller", 2019, 3, 1, 32.5),
    ];
    for (i, (id, first, last, y, m, d, hours)) in people.iter().enumerate() {
        let row = 3 + i as u32;
        staff.write_string(row, 0, *id).unwrap();
        staff.write_string(row, 1, *first).unwrap();
        staff.write_string(row, 2, *last).unwrap();
        staff
            .write_string(row, 3, format!("{}@acme.de", first.to_lowercase()))
            .unwrap();
        let when = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
        staff
            .write_datetime_with_format(row, 4, &when, &date)
            .unwrap();
        staff.write_number(row, 5, *hours).unwrap();
    }
    book.save(&path).unwrap();
    path
}

#[test]
fn the_first_sheet_with_a_table_is_chosen_under_its_merged_title() {
    let dir = TempDir::new().unwrap();
    let path = staff_workbook(&dir);
    let mut sheet = open(&path, &ReadOptions::default()).unwrap();
    let layout = sheet.layout().clone();
    assert_eq!(layout.format, Format::Xlsx);
    assert_eq!(layout.sheets, vec!["Cover", "Staff"]);
    assert_eq!(layout.sheet.as_deref(), Some("Staff"));
    assert_eq!(layout.header_row, Some(3));
    assert_eq!(layout.guessed, vec!["sheet", "header_row"]);
    assert_eq!(
        sheet.columns(),
        [
            "Personalnummer",
            "Vorname",
            "Nachname",
            "E-Mail",
            "Eintritt",
            "Stunden"
        ]
    );
    let rows = read_all(&mut sheet);
    assert_eq!(
        rows.iter().map(|r| r.number).collect::<Vec<_>>(),
        vec![4, 5]
    );
    assert_eq!(
        rows[0].to_vec(),
        vec![
            "00123",
            "Jürgen",
            "Groß",
            "jürgen@acme.de",
            "2020-01-15",
            "40"
        ]
    );
    assert_eq!(rows[1].cell(4), "2019-03-01");
    assert_eq!(rows[1].cell(5), "32.5");
    assert!(sheet.problems().is_empty());
}

#[test]
fn a_sheet_is_chosen_by_name_and_a_wrong_name_lists_the_sheets() {
    let dir = TempDir::new().unwrap();
    let path = staff_workbook(&dir);
    let options = ReadOptions {
        sheet: Some("cover".into()),
        ..ReadOptions::default()
    };
    let sheet = open(&path, &options).unwrap();
    assert_eq!(sheet.layout().sheet.as_deref(), Some("Cover"));
    assert_eq!(sheet.columns(), ["Staff list"]);
    let options = ReadOptions {
        sheet: Some("Payroll".into()),
        ..ReadOptions::default()
    };
    let err = open(&path, &options).err().unwrap();
    assert_eq!(
        err.to_string(),
        format!(
            "{} has no sheet named \"Payroll\". Its sheets are: Cover, Staff.",
            path.display()
        )
    );
}

#[test]
fn the_header_row_can_be_given() {
    let dir = TempDir::new().unwrap();
    let path = staff_workbook(&dir);
    let options = ReadOptions {
        header_row: Some(4),
        ..ReadOptions::default()
    };
    let mut sheet = open(&path, &options).unwrap();
    assert_eq!(sheet.columns()[1], "Jürgen");
    assert_eq!(read_all(&mut sheet).len(), 1);
}

#[test]
fn a_table_away_from_a1_keeps_excel_row_numbers_and_hidden_sheets_are_passed_over() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("offset.xlsx");
    let mut book = Workbook::new();
    let hidden = book.add_worksheet().set_name("Lookup").unwrap();
    hidden.write_string(0, 0, "code").unwrap();
    hidden.write_string(0, 1, "label").unwrap();
    hidden.write_string(1, 0, "FT").unwrap();
    hidden.write_string(1, 1, "Full-Time").unwrap();
    hidden.set_hidden(true);
    let users = book.add_worksheet().set_name("Users").unwrap();
    // Excel cannot hide the active sheet, so the table's sheet is the active one.
    users.set_active(true);
    users.write_string(4, 2, "email").unwrap();
    users.write_string(4, 3, "active").unwrap();
    users.write_string(5, 2, "a@b.co").unwrap();
    users.write_boolean(5, 3, true).unwrap();
    users.write_string(7, 2, "c@d.co").unwrap();
    users.write_boolean(7, 3, false).unwrap();
    book.save(&path).unwrap();
    let mut sheet = open(&path, &ReadOptions::default()).unwrap();
    assert_eq!(sheet.layout().sheet.as_deref(), Some("Users"));
    assert_eq!(sheet.layout().header_row, Some(5));
    let rows = read_all(&mut sheet);
    assert_eq!(
        rows.iter().map(|r| r.number).collect::<Vec<_>>(),
        vec![6, 8]
    );
    assert_eq!(rows[1].to_vec(), vec!["c@d.co", "FALSE"]);
}

#[test]
fn an_empty_workbook_says_so() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("empty.xlsx");
    let mut book = Workbook::new();
    book.add_worksheet();
    book.save(&path).unwrap();
    let err = open(&path, &ReadOptions::default()).err().unwrap();
    assert!(matches!(err, SheetError::EmptySheet { .. }), "{err}");
    assert!(
        err.to_string()
            .ends_with("has no data: every cell is empty."),
        "{err}"
    );
}

#[test]
fn text_saved_under_a_workbook_name_is_refused() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("export.xlsx");
    std::fs::write(&path, "id;name\n1;Ann\n").unwrap();
    let err = open(&path, &ReadOptions::default()).err().unwrap();
    assert!(
        err.to_string()
            .contains("is named like a xlsx file but holds text"),
        "{err}"
    );
}

#[test]
fn a_damaged_workbook_gets_a_sentence_not_a_panic() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("cut.xlsx");
    let whole = std::fs::read(staff_workbook(&dir)).unwrap();
    std::fs::write(&path, &whole[..whole.len() / 2]).unwrap();
    let err = open(&path, &ReadOptions::default()).err().unwrap();
    assert!(
        err.to_string()
            .contains("could not be opened as a workbook"),
        "{err}"
    );
}

/// A minimal OpenDocument spreadsheet, as LibreOffice structures it.
fn write_ods(path: &Path, sheets: &[(&str, &str)]) {
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    zip.start_file("content.xml", stored).unwrap();
    let mut content = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>"#,
    );
    for (name, rows) in sheets {
        content.push_str(&format!(
            r#"<table:table table:name="{name}">{rows}</table:table>"#
        ));
    }
    content.push_str("</office:spreadsheet></office:body></office:document-content>");
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap();
}

fn ods_text(text: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>"#
    )
}

#[test]
fn opendocument_spreadsheets_with_dates_and_numbers() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("staff.ods");
    let title = format!(
        "<table:table-row>{}</table:table-row>",
        ods_text("Mitarbeiter")
    );
    let header = format!(
        "<table:table-row>{}{}{}</table:table-row>",
        ods_text("ID"),
        ods_text("Name"),
        ods_text("Seit")
    );
    let data = format!(
        r#"<table:table-row>{}{}<table:table-cell office:value-type="date" office:date-value="2021-07-31"><text:p>31.07.21</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="7"><text:p>7</text:p></table:table-cell></table:table-row>"#,
        ods_text("00125"),
        ods_text("Søren"),
    );
    write_ods(
        &path,
        &[
            ("Info", &title),
            ("Daten", &format!("{title}<table:table-row/>{header}{data}")),
        ],
    );
    let mut sheet = open(&path, &ReadOptions::default()).unwrap();
    assert_eq!(sheet.layout().format, Format::Ods);
    assert_eq!(sheet.layout().sheet.as_deref(), Some("Daten"));
    assert_eq!(sheet.layout().header_row, Some(3));
    assert_eq!(sheet.columns(), ["ID", "Name", "Seit"]);
    let rows = read_all(&mut sheet);
    assert_eq!(rows[0].number, 4);
    assert_eq!(rows[0].to_vec(), vec!["00125", "Søren", "2021-07-31", "7"]);
    let problem = &sheet.problems().list()[0];
    assert_eq!((problem.row, problem.code()), (4, "too_many_cells"));
}

#[test]
fn legacy_xls_with_cover_sheet_dates_and_text_ids() {
    let mut sheet = open(&fixture("staff.xls"), &ReadOptions::default()).unwrap();
    assert_eq!(sheet.layout().format, Format::Xls);
    assert_eq!(sheet.layout().sheets, vec!["Cover", "Staff"]);
    assert_eq!(sheet.layout().sheet.as_deref(), Some("Staff"));
    assert_eq!(sheet.layout().header_row, Some(3));
    assert_eq!(
        sheet.columns(),
        [
            "Personalnummer",
            "Vorname",
            "Nachname",
            "E-Mail",
            "Eintrittsdatum"
        ]
    );
    let rows = read_all(&mut sheet);
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[0].number, 4);
    assert_eq!(rows[0].cell(0), "00123");
    assert_eq!(rows[0].cell(1), "Jürgen");
    assert_eq!(rows[0].cell(4), "2020-01-15");
    assert_eq!(rows[3].cell(4), "2018-12-24");
    assert_eq!(rows[4].cell(4), "42");
}

#[test]
fn a_password_protected_workbook_says_how_to_remove_the_password() {
    let err = open(&fixture("protected.xlsx"), &ReadOptions::default())
        .err()
        .unwrap();
    assert!(matches!(err, SheetError::PasswordProtected { .. }), "{err}");
    assert!(
        err.to_string().contains("is protected with a password"),
        "{err}"
    );
}

#[test]
fn a_long_notes_sheet_is_passed_over_and_a_long_table_streams_whole() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("long.xlsx");
    let mut book = Workbook::new();
    let notes = book.add_worksheet().set_name("Notes").unwrap();
    for row in 0..10_000u32 {
        notes.write_string(row, 0, format!("note {row}")).unwrap();
    }
    let data = book.add_worksheet().set_name("Data").unwrap();
    data.write_string(0, 0, "id").unwrap();
    data.write_string(0, 1, "email").unwrap();
    for row in 1..=20_000u32 {
        data.write_number(row, 0, f64::from(row)).unwrap();
        data.write_string(row, 1, format!("p{row}@example.com"))
            .unwrap();
    }
    book.save(&path).unwrap();
    let mut sheet = open(&path, &ReadOptions::default()).unwrap();
    assert_eq!(sheet.layout().sheet.as_deref(), Some("Data"));
    let rows = read_all(&mut sheet);
    assert_eq!(rows.len(), 20_000);
    assert_eq!(rows[0].to_vec(), vec!["1", "p1@example.com"]);
    assert_eq!(rows[19_999].number, 20_001);
    assert_eq!(rows[19_999].to_vec(), vec!["20000", "p20000@example.com"]);
    let options = ReadOptions {
        sheet: Some("Notes".into()),
        ..ReadOptions::default()
    };
    let mut notes = open(&path, &options).unwrap();
    assert_eq!(read_all(&mut notes).len(), 9_999);
}

#[test]
fn a_macro_enabled_workbook_reads_like_xlsx() {
    let dir = TempDir::new().unwrap();
    let xlsx = staff_workbook(&dir);
    let xlsm = dir.path().join("staff.xlsm");
    std::fs::copy(&xlsx, &xlsm).unwrap();
    let mut sheet = open(&xlsm, &ReadOptions::default()).unwrap();
    assert_eq!(sheet.layout().format, Format::Xlsx);
    assert_eq!(sheet.layout().sheet.as_deref(), Some("Staff"));
    assert_eq!(read_all(&mut sheet).len(), 2);
}
