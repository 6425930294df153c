//! Delimited text as Excel, Google Sheets and HR systems export it, written by the tests
//! themselves so every byte is visible here.

use std::path::PathBuf;

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};
use tempfile::TempDir;

use crate::sheet::{ReadOptions, Row, Sheet, SheetError, open};

fn write(dir: &TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn read_all(sheet: &mut Sheet) -> Vec<Row> {
    sheet.rows().collect::<Result<_, _>>().unwrap()
}

fn numbers(rows: &[Row]) -> Vec<u64> {
    rows.iter().map(|r| r.number).collect()
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        out.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

#[test]
fn google_sheets_csv_with_quoted_newlines_keeps_excel_row_numbers() {
    let dir = TempDir::new().unwrap();
    let csv =
        "id,name,title\r\n1,Ann,\"Head of\r\nPayroll\"\r\n2,Bo,\"Sales, EMEA\"\r\n3,Cy,Clerk\r\n";
    let path = write(&dir, "export.csv", csv.as_bytes());
    let mut sheet = open(&path, &ReadOptions::default()).unwrap();
    let layout = sheet.layout().clone();
    assert_eq!(layout.encoding.as_deref(), Some("UTF-8"));
    assert_eq!(layout.delimiter, Some(','));
    assert_eq!(layout.header_row, Some(1));
    assert_eq!(layout.guessed, vec!["encoding", "delimiter", "header_row"]);
    assert_eq!(sheet.columns(), ["id", "name", "title"]);
    let rows = read_all(&mut sheet);
    assert_eq!(numbers(&rows), vec![2, 3, 4]);
    assert_eq!(rows[0].cell(2), "Head of\r\nPayroll");
    assert_eq!(rows[1].cell(2), "Sales, EMEA");
    assert!(sheet.problems().is_empty());
}

#[test]
fn european_excel_csv_windows_1252_semicolons_titles_and_blank_lines() {
    let dir = TempDir::new().unwrap();
    let text = "Mitarbeiterliste;;;\r\nStand: 01.11.2026;;;\r\n\r\nPersonalnummer;Vorname;Nachname;E-Mail\r\n00123;Jürgen;Groß;j.gross@firma.de\r\n\r\n00124;Zoë;Müller;z.mueller@firma.de\r\n";
    let (bytes, _, unmappable) = WINDOWS_1252.encode(text);
    assert!(!unmappable);
    let path = write(&dir, "mitarbeiter.csv", &bytes);
    let mut sheet = open(&path, &ReadOptions::default()).unwrap();
    assert_eq!(sheet.layout().encoding.as_deref(), Some("windows-1252"));
    assert_eq!(sheet.layout().delimiter, Some(';'));
    assert_eq!(sheet.layout().header_row, Some(4));
    assert_eq!(
        sheet.columns(),
        ["Personalnummer", "Vorname", "Nachname", "E-Mail"]
    );
    let rows = read_all(&mut sheet);
    assert_eq!(numbers(&rows), vec![5, 7]);
    assert_eq!(
        rows[0].to_vec(),
        vec!["00123", "Jürgen", "Groß", "j.gross@firma.de"]
    );
    assert_eq!(rows[1].cell(1), "Zoë");
}

#[test]
fn files_pasted_together_from_windows_unix_and_old_mac_keep_excel_row_numbers() {
    let dir = TempDir::new().unwrap();
    // Row 1 header (CRLF), 2 Ann (LF), 3 blank (CRLF), 4 Bo (lone CR), 5 Cy with a CRLF
    // and a lone CR inside quotes (LF), 6 blank (lone CR), 7 Di (CRLF), 8 Ed (no ending).
    let text = b"id,name\r\n1,Ann\n\r\n2,Bo\r3,\"Cy\r\nC.\rC\"\n\r4,Di\r\n5,Ed";
    let path = write(&dir, "pasted.csv", text);
    let mut sheet = open(&path, &ReadOptions::default()).unwrap();
    let rows = read_all(&mut sheet);
    assert_eq!(numbers(&rows), vec![2, 4, 5, 7, 8]);
    assert_eq!(rows[2].cell(1), "Cy\r\nC.\rC");
    assert_eq!(rows[4].cell(1), "Ed");
    assert!(sheet.problems().is_empty());
}

#[test]
fn a_crlf_line_in_an_lf_file_is_one_row() {
    let dir = TempDir::new().unwrap();
    let mut text = String::from("id,name\n");
    for i in 1..=30 {
        text.push_str(&format!("{i},Person {i}\n"));
    }
    text.push_str("31,Windows\r\n32,After\n");
    let path = write(&dir, "lf.csv", text.as_bytes());
    let mut sheet = open(&path, &ReadOptions::default()).unwrap();
    let rows = read_all(&mut sheet);
    assert_eq!(numbers(&rows), (2..=33).collect::<Vec<_>>());
}

#[test]
fn utf8_with_bom_does_not_leak_into_the_first_column() {
    let dir = TempDir::new().unwrap();
    let path = write(
        &dir,
        "bom.csv",
        "\u{FEFF}Email;Name\na@b.co;Åsa\n".as_bytes(),
    );
    let mut sheet = open(&path, &ReadOptions::default()).unwrap();
    assert_eq!(sheet.columns(), ["Email", "Name"]);
    assert_eq!(read_all(&mut sheet)[0].cell(1), "Åsa");
}

#[test]
fn excel_unicode_text_is_utf16_le_with_tabs() {
    let dir = TempDir::new().unwrap();
    let bytes = utf16(
        "Vorname\tNachname\r\nŁukasz\tDvořák\r\nSøren\tØdegaard\r\n",
        false,
    );
    let path = write(&dir, "unicode.txt", &bytes);
    let mut sheet = open(&path, &ReadOptions::default()).unwrap();
    assert_eq!(sheet.layout().encoding.as_deref(), Some(UTF_16LE.name()));
    assert_eq!(sheet.layout().delimiter, Some('\t'));
    assert_eq!(sheet.columns(), ["Vorname", "Nachname"]);
    let rows = read_all(&mut sheet);
    assert_eq!(rows[0].to_vec(), vec!["Łukasz", "Dvořák"]);
    assert_eq!(numbers(&rows), vec![2, 3]);
}

#[test]
fn utf16_big_endian_with_bom() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "be.tsv", &utf16("id\tname\n1\tJosé\n", true));
    let mut sheet = open(&path, &ReadOptions::default()).unwrap();
    assert_eq!(sheet.layout().encoding.as_deref(), Some(UTF_16BE.name()));
    assert_eq!(read_all(&mut sheet)[0].to_vec(), vec!["1", "José"]);
}

#[test]
fn blank_lines_count_as_rows_with_either_line_ending() {
    let dir = TempDir::new().unwrap();
    for ending in ["\n", "\r\n"] {
        let csv = [
            "", "id;name", "", "1;\"Ann", "Lee\"", "", "", "2;Bo", "3;Cy",
        ]
        .join(ending);
        let path = write(&dir, "blank.csv", csv.as_bytes());
        let mut sheet = open(&path, &ReadOptions::default()).unwrap();
        assert_eq!(sheet.layout().header_row, Some(2), "ending {ending:?}");
        let rows = read_all(&mut sheet);
        assert_eq!(numbers(&rows), vec![4, 7, 8], "ending {ending:?}");
        assert_eq!(rows[0].cell(1), format!("Ann{ending}Lee"));
    }
}

#[test]
fn pipe_delimited_export() {
    let dir = TempDir::new().unwrap();
    let path = write(
        &dir,
        "hr.txt",
        b"uid|email|dept\nE1|a@b.co|HR\nE2|c@d.co|IT\n",
    );
    let mut sheet = open(&path, &ReadOptions::default()).unwrap();
    assert_eq!(sheet.layout().delimiter, Some('|'));
    assert_eq!(read_all(&mut sheet)[1].to_vec(), vec!["E2", "c@d.co", "IT"]);
}

#[test]
fn ragged_rows_are_reported_with_their_excel_row_and_still_read() {
    let dir = TempDir::new().unwrap();
    let csv = "id,name,email\n1,Ann,a@b.co\n2,\"Bo\nBerg\",b@x.io,surplus\n3,Cy\n4,Di,d@x.io\n";
    let path = write(&dir, "ragged.csv", csv.as_bytes());
    let mut sheet = open(&path, &ReadOptions::default()).unwrap();
    let rows = read_all(&mut sheet);
    assert_eq!(numbers(&rows), vec![2, 3, 4, 5]);
    assert_eq!(rows[1].to_vec(), vec!["2", "Bo\nBerg", "b@x.io", "surplus"]);
    let problems: Vec<(u64, &str)> = sheet
        .problems()
        .list()
        .iter()
        .map(|p| (p.row, p.code()))
        .collect();
    assert_eq!(problems, vec![(3, "too_many_cells"), (4, "too_few_cells")]);
    let message = sheet.problems().list()[1].message();
    assert!(
        message.starts_with("row 4 has 2 cells but the header names 3 columns"),
        "{message}"
    );
}

#[test]
fn trailing_empty_fields_of_excel_exports_are_not_ragged() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "trailing.csv", b"id;name;;\n1;Ann;;\n");
    let mut sheet = open(&path, &ReadOptions::default()).unwrap();
    assert_eq!(sheet.columns(), ["id", "name"]);
    read_all(&mut sheet);
    assert!(sheet.problems().is_empty());
}

#[test]
fn invalid_utf8_far_into_a_utf8_file_is_reported_and_the_rest_goes_through() {
    let dir = TempDir::new().unwrap();
    let mut bytes = b"id,name\n".to_vec();
    for i in 0..5000 {
        bytes.extend(format!("{i},Zoë Nuñez\n").as_bytes());
    }
    bytes.extend(b"5000,Bj\xF6rk\n5001,Ann\n");
    let path = write(&dir, "mixed.csv", &bytes);
    let mut sheet = open(&path, &ReadOptions::default()).unwrap();
    assert_eq!(sheet.layout().encoding.as_deref(), Some("UTF-8"));
    let rows = read_all(&mut sheet);
    assert_eq!(rows.len(), 5002);
    assert_eq!(rows[5000].cell(1), "Bj\u{FFFD}rk");
    assert_eq!(rows[5001].to_vec(), vec!["5001", "Ann"]);
    let problem = &sheet.problems().list()[0];
    assert_eq!((problem.row, problem.code()), (5002, "invalid_text"));
}

#[test]
fn every_guess_can_be_overridden() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "plain.csv", "title;x\nid,name\n1,Jürgen\n".as_bytes());
    let options = ReadOptions {
        encoding: Some("windows-1252".into()),
        delimiter: Some(b','),
        header_row: Some(2),
        ..ReadOptions::default()
    };
    let mut sheet = open(&path, &options).unwrap();
    let layout = sheet.layout().clone();
    assert!(layout.guessed.is_empty(), "{:?}", layout.guessed);
    assert_eq!(layout.encoding.as_deref(), Some("windows-1252"));
    assert_eq!(sheet.columns(), ["id", "name"]);
    // UTF-8 read as Windows-1252 shows the classic mojibake: proof the override was used.
    assert_eq!(read_all(&mut sheet)[0].cell(1), "JÃ¼rgen");
}

#[test]
fn an_unknown_encoding_name_is_refused() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "a.csv", b"a,b\n1,2\n");
    let options = ReadOptions {
        encoding: Some("klingon".into()),
        ..ReadOptions::default()
    };
    let err = open(&path, &options).err().unwrap();
    assert!(
        err.to_string().contains("\"klingon\" is not an encoding"),
        "{err}"
    );
}

#[test]
fn empty_blank_and_binary_files_get_one_clear_sentence() {
    let dir = TempDir::new().unwrap();
    let empty = write(&dir, "empty.csv", b"");
    assert!(matches!(
        open(&empty, &ReadOptions::default()),
        Err(SheetError::EmptyFile { .. })
    ));
    let blank = write(&dir, "blank.csv", b"\r\n\r\n;;;\r\n");
    assert!(matches!(
        open(&blank, &ReadOptions::default()),
        Err(SheetError::EmptySheet { .. })
    ));
    let binary = write(
        &dir,
        "data.csv",
        b"\x01\x02\x00\x00\x13\x37\x00garbage\x00\xff",
    );
    let err = open(&binary, &ReadOptions::default()).err().unwrap();
    assert!(err.to_string().contains("binary file"), "{err}");
    let missing = dir.path().join("nowhere.csv");
    let err = open(&missing, &ReadOptions::default()).err().unwrap();
    assert!(
        err.to_string().starts_with("Muster cannot find the file"),
        "{err}"
    );
}

/// Counts the bytes the reader takes from its source.
struct Counted<R> {
    inner: R,
    taken: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl<R: std::io::Read> std::io::Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.taken
            .fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
}

#[test]
fn a_one_gigabyte_line_stops_at_the_row_limit_without_reading_on() {
    use std::io::Read;
    use std::sync::atomic::Ordering;

    use crate::sheet::limits::MAX_ROW_BYTES;

    let taken = std::sync::Arc::default();
    let source = Counted {
        inner: b"id,name\n1,Ann\n"
            .chain(std::io::repeat(b'x').take(1 << 30))
            .chain(&b"\n2,Bo\n"[..]),
        taken: std::sync::Arc::clone(&taken),
    };
    let path = std::path::Path::new("huge.csv");
    let rows = super::DelimitedRows::new(path, Box::new(source), b',', "UTF-8");
    let error = match crate::sheet::framed::frame(rows, None, path, None) {
        Ok(_) => panic!("a 1 GB row was read"),
        Err(e) => e,
    };
    assert!(
        matches!(error, SheetError::RowTooLong { row: 3, .. }),
        "{error:?}"
    );
    let read = taken.load(Ordering::Relaxed);
    let before = b"id,name\n1,Ann\n".len() as u64;
    assert!(
        read <= before + MAX_ROW_BYTES + 2 * super::PARSE_BUFFER as u64,
        "{read} bytes read"
    );
}
