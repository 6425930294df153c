//! `muster inspect` on files exported the way European Excel, Google Sheets, Excel's
//! "Unicode Text", workbooks with cover sheets and HR APIs export them, and on the files
//! people hand over by mistake.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat, Workbook};
use serde_json::{Value, json};
use tempfile::TempDir;

fn muster(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_muster"))
        .args(args)
        .output()
        .expect("the muster binary runs")
}

fn inspect_json(path: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["inspect", path.to_str().unwrap(), "--json"];
    args.extend_from_slice(extra);
    let out = muster(&args);
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("inspect --json prints one JSON object")
}

/// Runs inspect on a file that must be refused; returns its one-sentence error.
fn refused(path: &Path) -> String {
    let out = muster(&["inspect", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one sentence: {err}");
    err
}

fn write(dir: &TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(name)
}

#[test]
fn european_excel_csv() {
    let dir = TempDir::new().unwrap();
    let text = "Personalliste;;;\r\nStand: 01.11.2026;;;\r\n\r\nPersonalnummer;Vorname;Nachname;Eintritt\r\n00123;Jürgen;Groß;15.01.2020\r\n00124;Zoë;Müller;01.03.2019\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let path = write(&dir, "personal.csv", &bytes);
    let report = inspect_json(&path, &[]);
    assert_eq!(report["format"], "csv");
    assert_eq!(report["encoding"], "windows-1252");
    assert_eq!(report["delimiter"], ";");
    assert_eq!(report["header_row"], 4);
    assert_eq!(
        report["columns"],
        json!(["Personalnummer", "Vorname", "Nachname", "Eintritt"])
    );
    assert_eq!(report["row_count"], 2);
    assert_eq!(report["sample_rows"], json!([5, 6]));
    assert_eq!(
        report["sample"][0],
        json!({"Personalnummer": "00123", "Vorname": "Jürgen", "Nachname": "Groß", "Eintritt": "15.01.2020"})
    );
    assert_eq!(report["problems"], json!([]));
}

#[test]
fn google_sheets_csv_with_a_ragged_row() {
    let dir = TempDir::new().unwrap();
    let csv = "Email,Name,Title\r\nann@x.io,Ann,\"Head of\r\nPayroll\"\r\nbo@x.io,Bo,\"Sales, EMEA\",oops\r\ncy@x.io,Cy,Clerk\r\n";
    let path = write(&dir, "Staff - Sheet1.csv", csv.as_bytes());
    let report = inspect_json(&path, &["--sample", "1"]);
    assert_eq!(report["encoding"], "UTF-8");
    assert_eq!(report["delimiter"], ",");
    assert_eq!(report["row_count"], 3);
    assert_eq!(report["last_row"], 4);
    assert_eq!(report["sample"][0]["Title"], "Head of\r\nPayroll");
    assert_eq!(report["problems"][0]["row"], 3);
    assert_eq!(report["problems"][0]["code"], "too_many_cells");
}

#[test]
fn excel_unicode_text() {
    let dir = TempDir::new().unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "Vorname\tNachname\r\nŁukasz\tDvořák\r\n".encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let path = write(&dir, "export.txt", &bytes);
    let report = inspect_json(&path, &[]);
    assert_eq!(report["encoding"], "UTF-16LE");
    assert_eq!(report["delimiter"], "\t");
    assert_eq!(
        report["sample"][0],
        json!({"Vorname": "Łukasz", "Nachname": "Dvořák"})
    );
}

fn workbook_with_cover(dir: &TempDir) -> PathBuf {
    let path = dir.path().join("staff.xlsx");
    let mut book = Workbook::new();
    let cover = book.add_worksheet().set_name("Cover").unwrap();
    cover
        .write_string(0, 0, "Staff list, November 2026")
        .unwrap();
    let staff = book.add_worksheet().set_name("Staff").unwrap();
    staff
        .merge_range(0, 0, 0, 2, "ACME staff", &CellFormat::new())
        .unwrap();
    staff.write_string(2, 0, "Employee ID").unwrap();
    staff.write_string(2, 1, "Email").unwrap();
    staff.write_string(2, 2, "Start date").unwrap();
    staff.write_string(3, 0, "00123").unwrap();
    staff.write_string(3, 1, "ann@x.io").unwrap();
    let date = CellFormat::new().set_num_format("m/d/yyyy");
    staff
        .write_datetime_with_format(3, 2, ExcelDateTime::from_ymd(2020, 1, 15).unwrap(), &date)
        .unwrap();
    staff.write_number(4, 0, 124.0).unwrap();
    book.save(&path).unwrap();
    path
}

#[test]
fn workbook_with_a_cover_sheet() {
    let dir = TempDir::new().unwrap();
    let path = workbook_with_cover(&dir);
    let report = inspect_json(&path, &[]);
    assert_eq!(report["format"], "xlsx");
    assert_eq!(report["sheets"], json!(["Cover", "Staff"]));
    assert_eq!(report["sheet"], "Staff");
    assert_eq!(report["header_row"], 3);
    assert_eq!(report["encoding"], Value::Null);
    assert_eq!(
        report["sample"][0],
        json!({"Employee ID": "00123", "Email": "ann@x.io", "Start date": "2020-01-15"})
    );
    assert_eq!(report["sample"][1]["Employee ID"], "124");
    let cover = inspect_json(&path, &["--sheet", "Cover"]);
    assert_eq!(cover["columns"], json!(["Staff list, November 2026"]));
    let lower = inspect_json(&path, &["--header-row", "4"]);
    assert_eq!(lower["columns"], json!(["00123", "ann@x.io", "2020-01-15"]));
}

#[test]
fn hr_api_json_page() {
    let dir = TempDir::new().unwrap();
    let page = json!({
        "users": [
            {"uid": "E1000001", "email": "alice@example.com", "manager": {"uid": "E1000002"}, "locations": ["SF", "Remote"]},
            {"uid": "E1000002", "email": "mia@example.com", "manager": null, "locations": []}
        ],
        "meta": {"total_count": 2, "total_pages": 1, "current_page": 1, "per_page": 50}
    });
    let path = write(&dir, "users.json", page.to_string().as_bytes());
    let report = inspect_json(&path, &[]);
    assert_eq!(report["format"], "json");
    assert_eq!(report["json_pointer"], "/users");
    assert_eq!(report["header_row"], Value::Null);
    assert_eq!(
        report["columns"],
        json!(["uid", "email", "manager.uid", "locations", "manager"])
    );
    assert_eq!(report["sample"][0]["locations"], "SF; Remote");
    assert_eq!(report["row_count"], 2);
}

#[test]
fn ndjson_export() {
    let dir = TempDir::new().unwrap();
    let path = write(
        &dir,
        "users.ndjson",
        b"{\"uid\":\"E1\"}\nnot json\n{\"uid\":\"E2\"}\n",
    );
    let report = inspect_json(&path, &[]);
    assert_eq!(report["format"], "ndjson");
    assert_eq!(report["row_count"], 2);
    assert_eq!(report["problems"][0]["row"], 2);
}

#[test]
fn delimiter_and_encoding_can_be_forced() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "odd.txt", "a,b\tc\n1,2\t3\n".as_bytes());
    assert_eq!(inspect_json(&path, &[])["delimiter"], ",");
    let forced = inspect_json(&path, &["--delimiter", "tab", "--encoding", "latin1"]);
    assert_eq!(forced["delimiter"], "\t");
    assert_eq!(forced["encoding"], "windows-1252");
    assert_eq!(forced["columns"], json!(["a,b", "c"]));
    assert_eq!(forced["guessed"], json!(["header_row"]));
}

#[test]
fn the_summary_says_what_was_detected_and_how_to_change_it() {
    let dir = TempDir::new().unwrap();
    let path = workbook_with_cover(&dir);
    let out = muster(&["inspect", path.to_str().unwrap()]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Sheet      Staff  (detected; change with --sheet)"),
        "{text}"
    );
    assert!(
        text.contains("Header     row 3  (detected; change with --header-row)"),
        "{text}"
    );
    assert!(
        text.contains("Rows       2 data rows (rows 4 to 5)"),
        "{text}"
    );
    assert!(text.contains("No problems found."), "{text}");
}

#[test]
fn files_that_cannot_be_read_get_one_clear_sentence() {
    let dir = TempDir::new().unwrap();
    let missing = dir.path().join("missing.csv");
    assert!(refused(&missing).contains("cannot find the file"));
    assert!(refused(&fixture("protected.xlsx")).contains("is protected with a password"));
    let text_as_xlsx = write(&dir, "staff.xlsx", b"id;name\n1;Ann\n");
    assert!(refused(&text_as_xlsx).contains("is named like a xlsx file but holds text"));
    let png = write(&dir, "photo.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    assert!(refused(&png).contains("is a PNG image, not a table"));
    let binary = write(
        &dir,
        "dump.csv",
        b"\x00\x01\x02\x03\xfe\x00\x00\x10garbage\x00",
    );
    assert!(refused(&binary).contains("is a binary file"));
    let empty_book = dir.path().join("empty.xlsx");
    let mut book = Workbook::new();
    book.add_worksheet();
    book.save(&empty_book).unwrap();
    assert!(refused(&empty_book).contains("has no data"));
    let empty = write(&dir, "empty.csv", b"");
    assert!(refused(&empty).contains("is empty"));
    let unknown = write(&dir, "notes.docx", b"PK\x03\x04");
    assert!(refused(&unknown).contains("has an extension Muster does not read"));
}
