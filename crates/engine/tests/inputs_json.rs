//! JSON and NDJSON keys a person could not tell apart as columns, and the limit on how many
//! keys make columns. The fuzz targets read_json and read_ndjson found the first two: keys
//! that differ only in capitals (`active`, `actiVe`), and the key `""`.

mod inputs;

use muster_engine::sheet::{ReadOptions, SheetError, open};

use inputs::{Files, assert_says, read_all};

/// The column names and every problem's sentence.
fn columns_and_problems(path: &std::path::Path) -> (Vec<String>, Vec<String>) {
    let mut sheet = open(path, &ReadOptions::default()).unwrap();
    for row in sheet.rows() {
        row.unwrap();
    }
    let problems = sheet
        .problems()
        .list()
        .iter()
        .map(|p| p.message())
        .collect();
    (sheet.columns().to_vec(), problems)
}

#[test]
fn keys_that_differ_only_in_capitals_become_columns_a_person_can_tell_apart() {
    let files = Files::new();
    let json = files.write(
        "staff.json",
        br#"[{"id": "E1", "active": "yes"}, {"id": "E2", "actiVe": "no"}, {"id": "E3", " Active ": "no", "active": "yes"}]"#,
    );
    let ndjson = files.write(
        "staff.ndjson",
        b"{\"id\": \"E1\", \"active\": \"yes\"}\n\n{\"id\": \"E2\", \"actiVe\": \"no\"}\n{\"id\": \"E3\", \" Active \": \"no\", \"active\": \"yes\"}\n",
    );
    for (path, second, third) in [
        (&json, "record 2", "record 3"),
        (&ndjson, "line 3", "line 4"),
    ] {
        let (columns, problems) = columns_and_problems(path);
        assert_eq!(columns, ["id", "active", "actiVe (2)", "Active (3)"]);
        assert_eq!(
            read_all(path),
            [
                ["E1", "yes", "", ""],
                ["E2", "", "no", ""],
                ["E3", "yes", "", "no"]
            ]
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(
            problems[0],
            format!(
                "{second} has the key \"actiVe\", which differs from the column \"active\" only in capitals or spaces; its values are in the column \"actiVe (2)\". If both mean the same, correct the key in the program that wrote the file; otherwise map \"actiVe (2)\" as a column of its own."
            )
        );
        assert!(problems[1].starts_with(&format!("{third} has the key \" Active \"")));
    }
}

#[test]
fn an_empty_key_is_named_after_its_column_as_an_empty_header_cell_is() {
    let files = Files::new();
    let json = files.write(
        "staff.json",
        br#"{"users": [{"id": "E1", "": "x"}, {"id": "E2", "  ": "y"}]}"#,
    );
    let ndjson = files.write(
        "staff.ndjson",
        b"{\"id\": \"E1\", \"\": \"x\"}\n{\"id\": \"E2\", \"  \": \"y\"}\n",
    );
    for (path, first, second) in [
        (&json, "record 1", "record 2"),
        (&ndjson, "line 1", "line 2"),
    ] {
        let (columns, problems) = columns_and_problems(path);
        assert_eq!(columns, ["id", "Column B", "Column C"]);
        assert_eq!(read_all(path), [["E1", "x", ""], ["E2", "", "y"]]);
        assert_eq!(
            problems,
            [
                format!(
                    "{first} has a key with no name; its values are in the column \"Column B\". Give the key a name in the program that wrote the file, or map the column \"Column B\" as it is."
                ),
                format!(
                    "{second} has a key with no name; its values are in the column \"Column C\". Give the key a name in the program that wrote the file, or map the column \"Column C\" as it is."
                ),
            ]
        );
    }
}

#[test]
fn records_with_more_different_keys_than_excel_has_columns_are_refused() {
    let files = Files::new();
    let keys = |from: usize, to: usize| {
        (from..to)
            .map(|k| format!("\"k{k}\": {k}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    // Two records that share no key: 16,384 keys in all still read.
    let fits = format!("[{{{}}}, {{{}}}]", keys(0, 8192), keys(8192, 16_384));
    let path = files.write("wide.json", fits.as_bytes());
    assert_eq!(
        open(&path, &ReadOptions::default())
            .unwrap()
            .columns()
            .len(),
        16_384
    );
    for (name, text) in [
        (
            "wider.json",
            format!("[{{{}}}, {{{}}}]", keys(0, 8192), keys(8192, 16_385)),
        ),
        (
            "wider.ndjson",
            format!("{{{}}}\n{{{}}}\n", keys(0, 8192), keys(8192, 16_385)),
        ),
    ] {
        let path = files.write(name, text.as_bytes());
        let error = open(&path, &ReadOptions::default()).err().unwrap();
        assert!(matches!(error, SheetError::TooManyKeys { .. }), "{error:?}");
        assert_says(
            &error,
            &[name, "more than 16,384 different keys", "--json-pointer"],
        );
    }
}

#[test]
fn a_record_past_the_limit_refuses_the_document_at_that_record() {
    use muster_engine::sheet::limits::MAX_ROW_BYTES;

    let files = Files::new();
    let mut json = br#"{"exported": "2026-11-24", "staff": [{"id": "E1", "note": "ok"}, {"id": "E2"}, {"id": "E3", "note": ""#.to_vec();
    json.extend(std::iter::repeat_n(b'x', MAX_ROW_BYTES as usize + 1024));
    json.extend(br#""}, {"id": "E4"}]}"#);
    let path = files.write("staff.json", &json);
    let error = open(&path, &ReadOptions::default()).err().unwrap();
    assert!(
        matches!(error, SheetError::RecordTooLong { record: 3, .. }),
        "{error:?}"
    );
    assert_says(
        &error,
        &[
            "Record 3 of",
            "staff.json",
            "longer than 8 MB",
            "Muster stops reading there",
        ],
    );
}

#[test]
fn a_text_past_the_limit_outside_the_records_refuses_the_document() {
    use muster_engine::sheet::limits::MAX_ROW_BYTES;

    let files = Files::new();
    let mut json = br#"{"notes": ""#.to_vec();
    json.extend(std::iter::repeat_n(b'y', 2 * MAX_ROW_BYTES as usize));
    json.extend(br#"", "staff": [{"id": "E1"}, {"id": "E2"}]}"#);
    let path = files.write("staff.json", &json);
    let error = open(&path, &ReadOptions::default()).err().unwrap();
    assert!(
        matches!(error, SheetError::ValueTooLong { .. }),
        "{error:?}"
    );
    assert_says(
        &error,
        &["staff.json", "a value longer than 8 MB outside its records"],
    );
    // Under the limit, such a value is read past.
    let mut json = br#"{"notes": ""#.to_vec();
    json.extend(std::iter::repeat_n(b'y', MAX_ROW_BYTES as usize / 2));
    json.extend(br#"", "staff": [{"id": "E1"}, {"id": "E2"}]}"#);
    let path = files.write("staff.json", &json);
    assert_eq!(read_all(&path), vec![vec!["E1"], vec!["E2"]]);
}
