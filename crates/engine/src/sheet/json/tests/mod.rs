//! JSON as HR APIs and exports hand it over: API pages, plain arrays, NDJSON.

mod compare;

use std::path::PathBuf;

use tempfile::TempDir;

use crate::sheet::{Format, Numbering, ReadOptions, Row, Sheet, SheetError, open};

fn write(dir: &TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn read_all(sheet: &mut Sheet) -> Vec<Row> {
    sheet.rows().collect::<Result<_, _>>().unwrap()
}

/// A page of the HRIS Users API, shaped as its reference documents it.
const API_PAGE: &str = r#"{
  "users": [
    {
      "uid": "E1000001", "id": 1753, "email": "alice.anderson@example.com",
      "first_name": "Alice", "last_name": "Anderson", "active": true,
      "manager": {"uid": "E1000002", "email": "manager@example.com", "full_name": "Manager Name"},
      "locations": ["San Francisco Office"], "termination_date": null
    },
    {
      "uid": "E1000002", "id": 1754, "email": "manager@example.com",
      "first_name": "Mia", "last_name": "Ng", "active": false,
      "manager": null, "locations": ["Berlin Office", "Remote"], "termination_date": "2025-11-30"
    }
  ],
  "meta": {"total_count": 2, "total_pages": 1, "current_page": 1, "per_page": 50}
}"#;

#[test]
fn an_api_page_yields_its_users_with_dotted_manager_columns() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "users.json", API_PAGE);
    let mut sheet = open(&path, &ReadOptions::default()).unwrap();
    let layout = sheet.layout().clone();
    assert_eq!(layout.format, Format::Json);
    assert_eq!(layout.json_pointer.as_deref(), Some("/users"));
    assert_eq!(layout.numbering, Numbering::Record);
    assert_eq!(layout.header_row, None);
    assert_eq!(layout.guessed, vec!["encoding", "json_pointer"]);
    assert_eq!(
        sheet.columns(),
        [
            "uid",
            "id",
            "email",
            "first_name",
            "last_name",
            "active",
            "manager.uid",
            "manager.email",
            "manager.full_name",
            "locations",
            "termination_date",
            "manager"
        ]
    );
    let rows = read_all(&mut sheet);
    assert_eq!(
        rows.iter().map(|r| r.number).collect::<Vec<_>>(),
        vec![1, 2]
    );
    assert_eq!(rows[0].cell(6), "E1000002");
    assert_eq!(rows[0].cell(9), "San Francisco Office");
    assert_eq!(rows[1].cell(5), "false");
    assert_eq!(rows[1].cell(6), "");
    assert_eq!(rows[1].cell(9), "Berlin Office; Remote");
    assert_eq!(rows[1].cell(10), "2025-11-30");
}

#[test]
fn a_top_level_array_gathers_the_keys_of_every_record() {
    let dir = TempDir::new().unwrap();
    let path = write(
        &dir,
        "people.json",
        "\u{FEFF}[{\"id\":1,\"name\":\"Zoë\"},{\"id\":2,\"phone\":\"+49 30 123\"}, 7]",
    );
    let mut sheet = open(&path, &ReadOptions::default()).unwrap();
    assert_eq!(sheet.layout().json_pointer.as_deref(), Some(""));
    assert_eq!(sheet.columns(), ["id", "name", "phone"]);
    let rows = read_all(&mut sheet);
    assert_eq!(rows[0].to_vec(), vec!["1", "Zoë", ""]);
    assert_eq!(rows[1].to_vec(), vec!["2", "", "+49 30 123"]);
    let problem = &sheet.problems().list()[0];
    assert_eq!(
        problem.message(),
        "record 3 cannot be read (it is a number, not an object) and is skipped."
    );
}

#[test]
fn a_pointer_picks_the_records_and_a_wrong_one_is_named() {
    let dir = TempDir::new().unwrap();
    let path = write(
        &dir,
        "two.json",
        r#"{"staff":[{"a":1}],"users":[{"b":1},{"b":2}]}"#,
    );
    let options = ReadOptions {
        json_pointer: Some("/staff".into()),
        ..ReadOptions::default()
    };
    let mut sheet = open(&path, &options).unwrap();
    assert!(sheet.layout().guessed.iter().all(|g| *g != "json_pointer"));
    assert_eq!(sheet.columns(), ["a"]);
    assert_eq!(read_all(&mut sheet).len(), 1);
    let options = ReadOptions {
        json_pointer: Some("/people".into()),
        ..ReadOptions::default()
    };
    let err = open(&path, &options).err().unwrap();
    assert!(
        err.to_string()
            .contains("has nothing at the JSON pointer \"/people\""),
        "{err}"
    );
}

#[test]
fn ndjson_reports_a_broken_line_and_reads_the_rest() {
    let dir = TempDir::new().unwrap();
    let text = "{\"uid\":\"E1\",\"email\":\"a@b.co\"}\n\n{\"uid\":\"E2\",\"email\":\n{\"uid\":\"E3\",\"dept\":\"HR\"}\n[1,2]\n";
    let path = write(&dir, "users.ndjson", text);
    let mut sheet = open(&path, &ReadOptions::default()).unwrap();
    assert_eq!(sheet.layout().format, Format::Ndjson);
    assert_eq!(sheet.layout().numbering, Numbering::Line);
    assert_eq!(sheet.columns(), ["uid", "email", "dept"]);
    let rows = read_all(&mut sheet);
    assert_eq!(
        rows.iter().map(|r| r.number).collect::<Vec<_>>(),
        vec![1, 4]
    );
    assert_eq!(rows[1].to_vec(), vec!["E3", "", "HR"]);
    let found: Vec<(u64, String)> = sheet
        .problems()
        .list()
        .iter()
        .map(|p| (p.row, p.message()))
        .collect();
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].0, 3);
    assert!(
        found[0]
            .1
            .starts_with("line 3 cannot be read (not valid JSON"),
        "{}",
        found[0].1
    );
    assert_eq!(
        found[1],
        (
            5,
            "line 5 cannot be read (it is a list, not an object) and is skipped.".to_string()
        )
    );
}

#[test]
fn a_json_file_holding_one_object_per_line_is_read_as_ndjson() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "export.json", "{\"id\":1}\n{\"id\":2}\n");
    let mut sheet = open(&path, &ReadOptions::default()).unwrap();
    assert_eq!(sheet.layout().format, Format::Ndjson);
    assert_eq!(read_all(&mut sheet).len(), 2);
    let single = write(&dir, "single.json", "{\"users\":[{\"id\":1}]}\n");
    assert_eq!(
        open(&single, &ReadOptions::default())
            .unwrap()
            .layout()
            .format,
        Format::Json
    );
}

#[test]
fn broken_and_record_less_json_get_clear_sentences() {
    let dir = TempDir::new().unwrap();
    let broken = write(
        &dir,
        "broken.json",
        "{\"users\": [\n  {\"id\": 1},\n  {\"id\": 2,,}\n]}",
    );
    let err = open(&broken, &ReadOptions::default()).err().unwrap();
    assert!(matches!(err, SheetError::InvalidJson { .. }), "{err}");
    assert!(
        err.to_string()
            .contains("(expecting member name or object end at line 3, column 12)"),
        "{err}"
    );
    let none = write(&dir, "none.json", r#"{"count": 0, "tags": ["a"]}"#);
    let err = open(&none, &ReadOptions::default()).err().unwrap();
    assert!(
        err.to_string().contains("holds no list of records"),
        "{err}"
    );
}

/// The rows of a JSON array and of the same records as NDJSON.
fn both_ways(records: &[&str]) -> [(Vec<String>, Vec<Vec<String>>); 2] {
    let dir = TempDir::new().unwrap();
    let array = write(&dir, "array.json", &format!("[{}]", records.join(",\n")));
    let lines = write(&dir, "lines.ndjson", &(records.join("\n") + "\n"));
    [array, lines].map(|path| {
        let mut sheet = open(&path, &ReadOptions::default()).unwrap();
        let rows = read_all(&mut sheet).iter().map(Row::to_vec).collect();
        (sheet.columns().to_vec(), rows)
    })
}

#[test]
fn escapes_dotted_keys_and_deep_nesting_come_out_as_before() {
    for (columns, rows) in both_ways(&[
        r#"{"name":"Jos\u00e9 \"Pepe\"\tS\u00e1nchez \ud83d\ude00","a.b":1,"deep":{"x":{"y":{"z":"!"}}}}"#,
        r#"{"a":{"b":2},"deep":{"x":{"y":{}}},"name":"Zo\u00eb"}"#,
    ]) {
        assert_eq!(columns, ["name", "a.b", "deep.x.y.z", "deep.x.y"]);
        assert_eq!(rows[0], ["José \"Pepe\"\tSánchez 😀", "1", "!", ""]);
        assert_eq!(rows[1], ["Zoë", "2", "", ""]);
    }
}

#[test]
fn records_with_their_keys_in_another_order_fill_the_right_columns() {
    for (columns, rows) in both_ways(&[
        r#"{"uid":"E1","email":"a@b.co","manager":{"uid":"E2"}}"#,
        r#"{"manager":{"uid":"E3"},"email":"c@d.co","uid":"E4"}"#,
        r#"{"email":"e@f.co","manager":null}"#,
        r#"{"uid":"E5","email":"g@h.co","manager":{"uid":"E6"}}"#,
    ]) {
        assert_eq!(columns, ["uid", "email", "manager.uid", "manager"]);
        assert_eq!(rows[0], ["E1", "a@b.co", "E2", ""]);
        assert_eq!(rows[1], ["E4", "c@d.co", "E3", ""]);
        assert_eq!(rows[2], ["", "e@f.co", "", ""]);
        assert_eq!(rows[3], ["E5", "g@h.co", "E6", ""]);
    }
}

/// Numbers come out as `serde_json::Number` prints them, integers as written: `1e5` is
/// `100000.0`. Where the parsers differ (`-0`), each reader keeps its own.
#[test]
fn numbers_come_out_as_before() {
    let [array, lines] = both_ways(&[
        r#"{"n":[1e5, -0.0, 1.50, 2E-3, 12345678901234567890, -42, 0]}"#,
        r#"{"n":-0}"#,
        r#"{"n":1.0e-7}"#,
    ]);
    for (_, rows) in [&array, &lines] {
        assert_eq!(
            rows[0],
            ["100000.0; -0.0; 1.5; 0.002; 12345678901234567890; -42; 0"]
        );
        assert_eq!(rows[2], ["1e-7"]);
    }
    assert_eq!(array.1[1], ["0"]);
    assert_eq!(lines.1[1], ["-0.0"]);
}

#[test]
fn a_first_line_of_a_gigabyte_is_not_read_whole_to_tell_ndjson_from_json() {
    use std::io::{BufReader, Read};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};

    use crate::sheet::limits::MAX_ROW_BYTES;

    /// A gigabyte of `{"a":"xxx…` with no line break, counting what is taken from it.
    struct Endless(Arc<AtomicU64>, u64);
    impl Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf
                .len()
                .min((self.1 - self.0.load(Ordering::Relaxed)) as usize);
            buf[..n].fill(b'x');
            if self.0.load(Ordering::Relaxed) == 0 && n >= 6 {
                buf[..6].copy_from_slice(b"{\"a\":\"");
            }
            self.0.fetch_add(n as u64, Ordering::Relaxed);
            Ok(n)
        }
    }
    let taken = Arc::new(AtomicU64::new(0));
    let source: Box<dyn Read + Send> = Box::new(Endless(Arc::clone(&taken), 1 << 30));
    let input = BufReader::new(source);
    let ndjson = super::looks_like_ndjson(input, std::path::Path::new("big.json")).unwrap();
    assert!(!ndjson);
    assert!(taken.load(Ordering::Relaxed) <= MAX_ROW_BYTES + 64 * 1024);
}

/// A records array whose second record holds a text past the limit, the first nested
/// deeper than the fast path goes, so that it hands the document to the old path (struson
/// and serde_json) from the start.
fn with_a_record_too_long_for_the_old_path(dir: &TempDir) -> PathBuf {
    use crate::sheet::limits::MAX_ROW_BYTES;

    let deep = format!("{}{}", "[".repeat(105), "]".repeat(105));
    let long = "x".repeat(MAX_ROW_BYTES as usize + 100 * 1024);
    let text = format!(
        r#"{{"staff": [{{"id": "E1", "deep": {deep}}}, {{"id": "E2", "note": "{long}"}}, {{"id": "E3"}}]}}"#
    );
    write(dir, "staff.json", &text)
}

#[test]
fn the_old_path_refuses_a_record_past_the_limit_while_learning_the_columns() {
    let dir = TempDir::new().unwrap();
    let path = with_a_record_too_long_for_the_old_path(&dir);
    let error = open(&path, &ReadOptions::default()).err().unwrap();
    assert!(
        matches!(error, SheetError::RecordTooLong { record: 2, .. }),
        "{error:?}"
    );
    assert!(error.to_string().starts_with("Record 2 of "), "{error}");
}

#[test]
fn the_old_path_refuses_a_record_past_the_limit_while_reading_rows() {
    use super::flatten::Columns;
    use super::{JsonRows, Mode, open_old};
    use crate::sheet::{Problems, RowReader};

    let dir = TempDir::new().unwrap();
    let path = with_a_record_too_long_for_the_old_path(&dir);
    let mut columns = Columns::default();
    columns.learn(&serde_json::from_str(r#"{"id": "E1", "note": ""}"#).unwrap());
    let mut rows = JsonRows {
        path: path.clone(),
        encoding: encoding_rs::UTF_8,
        pointer: "/staff".to_string(),
        mode: Mode::Old(Box::new(
            open_old(&path, encoding_rs::UTF_8, "/staff", 0).unwrap(),
        )),
        columns,
        position: 0,
        cells: Vec::new(),
        problems: Problems::default(),
        done: false,
    };
    let mut row = Row::default();
    assert!(rows.next_row(&mut row).unwrap());
    assert_eq!(row.to_vec(), ["E1", ""]);
    let error = rows.next_row(&mut row).unwrap_err();
    assert!(
        matches!(error, SheetError::RecordTooLong { record: 2, .. }),
        "{error:?}"
    );
    // Entered past its first records (where the fast path gave up), the same.
    let skipped = open_old(&path, encoding_rs::UTF_8, "/staff", 2)
        .err()
        .unwrap();
    assert!(
        matches!(skipped, SheetError::RecordTooLong { record: 2, .. }),
        "{skipped:?}"
    );
}
