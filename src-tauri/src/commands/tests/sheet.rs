use std::io::Write;

use super::{path_text, sample_file};
use crate::commands::sheet::{MAX_WINDOW, open, rows, status};
use crate::sheets::Sheets;
use crate::wire::ReadOptions;

#[test]
fn the_sample_opens_with_every_guess_shown() {
    let sheets = Sheets::default();
    let info = open(&sheets, &sample_file(), None).expect("the sample opens");
    assert_eq!(info.format, "csv");
    assert_eq!(info.delimiter.as_deref(), Some(";"));
    // Two title lines and a blank line stand above the header, as in the export.
    assert_eq!(info.header_row, Some(4));
    for guess in ["encoding", "delimiter", "header_row"] {
        assert!(
            info.guessed.iter().any(|g| g == guess),
            "{guess}: {:?}",
            info.guessed
        );
    }
    assert_eq!(
        info.columns.first().map(String::as_str),
        Some("Employee ID")
    );
    assert!(info.columns.iter().any(|c| c == "Email"));
    // A file this small is read whole before the answer.
    assert_eq!((info.row_count, info.complete), (40, true));
    assert_eq!(sheets.len(), 1);

    let json = serde_json::to_value(&info).expect("json");
    for key in [
        "sheetId",
        "path",
        "format",
        "headerRow",
        "guessed",
        "columns",
        "rowCount",
        "problems",
    ] {
        assert!(json.get(key).is_some(), "{key} missing from {json}");
    }
    assert!(
        json.get("sheet").is_none(),
        "absent fields are left out: {json}"
    );
}

#[test]
fn windows_at_the_start_middle_and_end_of_the_sample() {
    let sheets = Sheets::default();
    let id = open(&sheets, &sample_file(), None).expect("open").sheet_id;

    let first = rows(&sheets, id, 0, 3).expect("start");
    assert_eq!((first.start, first.total, first.rows.len()), (0, 40, 3));
    assert_eq!(
        first.rows[0].number, 5,
        "the first data row is row 5, as in Excel"
    );
    assert_eq!(first.rows[0].cells[0], "E0000001");
    assert_eq!(first.rows[0].cells[3], "felix.braun@example.com");

    let middle = rows(&sheets, id, 20, 2).expect("middle");
    assert_eq!(
        middle.rows.iter().map(|r| r.number).collect::<Vec<_>>(),
        [25, 26]
    );

    let end = rows(&sheets, id, 38, 10).expect("end");
    assert_eq!(
        end.rows.iter().map(|r| r.number).collect::<Vec<_>>(),
        [43, 44]
    );
    assert!(
        end.rows.iter().all(|r| r.cells.len() == 12),
        "one cell per column"
    );

    let past = rows(&sheets, id, 1_000, 10).expect("past the end");
    assert!(past.rows.is_empty());
    assert_eq!((past.start, past.total), (1_000, 40));
}

#[test]
fn a_large_file_answers_windows_of_at_most_the_cap() {
    let mut file = tempfile::Builder::new()
        .suffix(".csv")
        .tempfile()
        .expect("temp");
    writeln!(file, "id,name,email").expect("write");
    for i in 0..10_000 {
        writeln!(file, "{i},Person {i},p{i}@example.com").expect("write");
    }
    let sheets = Sheets::default();
    let info = open(&sheets, &path_text(file.path().to_path_buf()), None).expect("open");
    // Every row read (what the commands after the Source step wait for), then counted.
    sheets.get(info.sheet_id).expect("read to its end");
    let info = status(&sheets, info.sheet_id).expect("status");
    assert_eq!((info.row_count, info.complete), (10_000, true));
    let all = rows(&sheets, info.sheet_id, 0, u64::MAX).expect("capped");
    assert_eq!(all.rows.len(), MAX_WINDOW);
    let middle = rows(&sheets, info.sheet_id, 5_000, 3).expect("middle");
    assert_eq!(middle.rows[0].number, 5_002);
    assert_eq!(
        middle.rows[0].cells,
        ["5000", "Person 5000", "p5000@example.com"]
    );
    let last = rows(&sheets, info.sheet_id, 9_999, 5).expect("end");
    assert_eq!(last.rows.len(), 1);
    assert_eq!(last.rows[0].number, 10_001);
}

#[test]
fn a_missing_file_says_so_and_names_it() {
    let sheets = Sheets::default();
    let error = open(&sheets, "/nowhere/staff.csv", None).expect_err("no such file");
    assert_eq!(error.file.as_deref(), Some("/nowhere/staff.csv"));
    assert!(
        error
            .message
            .contains("cannot find the file /nowhere/staff.csv"),
        "{}",
        error.message
    );
    assert!(
        error.message.contains("Check the path"),
        "{}",
        error.message
    );
    assert!(sheets.is_empty());
}

#[test]
fn bad_options_say_what_to_choose_and_name_the_file() {
    let sheets = Sheets::default();
    let path = sample_file();
    let with = |options: ReadOptions| open(&sheets, &path, Some(options)).expect_err("refused");

    let delimiter = with(ReadOptions {
        delimiter: Some("::".into()),
        ..ReadOptions::default()
    });
    assert!(
        delimiter
            .message
            .starts_with("\"::\" cannot be a delimiter"),
        "{}",
        delimiter.message
    );
    assert!(
        delimiter.message.contains("semicolon (;)"),
        "{}",
        delimiter.message
    );
    assert_eq!(delimiter.file.as_deref(), Some(path.as_str()));

    let encoding = with(ReadOptions {
        encoding: Some("klingon".into()),
        ..ReadOptions::default()
    });
    assert!(
        encoding.message.contains("\"klingon\" is not an encoding"),
        "{}",
        encoding.message
    );
    assert_eq!(encoding.file.as_deref(), Some(path.as_str()));

    let header = with(ReadOptions {
        header_row: Some(999),
        ..ReadOptions::default()
    });
    assert!(
        header.message.contains("has no row 999"),
        "{}",
        header.message
    );
    assert!(
        header.message.contains("Choose a header row between 1 and"),
        "{}",
        header.message
    );

    let zero = with(ReadOptions {
        header_row: Some(0),
        ..ReadOptions::default()
    });
    assert!(zero.message.contains("counted from 1"), "{}", zero.message);
    assert!(sheets.is_empty());
}

#[test]
fn an_override_replaces_the_guess() {
    let sheets = Sheets::default();
    let options = ReadOptions {
        delimiter: Some(";".into()),
        header_row: Some(4),
        ..ReadOptions::default()
    };
    let info = open(&sheets, &sample_file(), Some(options)).expect("open");
    assert!(
        !info
            .guessed
            .iter()
            .any(|g| g == "delimiter" || g == "header_row"),
        "{:?}",
        info.guessed
    );
    assert_eq!(info.row_count, 40);
}

#[test]
fn problems_name_their_row_and_column() {
    let mut file = tempfile::Builder::new()
        .suffix(".csv")
        .tempfile()
        .expect("temp");
    write!(file, "id,name,id\n1,Ann,x\n2,Bo,y,stray\n").expect("write");
    let sheets = Sheets::default();
    // One row is wider than the header, so the header row is given, not guessed.
    let options = ReadOptions {
        header_row: Some(1),
        ..ReadOptions::default()
    };
    let path = path_text(file.path().to_path_buf());
    let info = open(&sheets, &path, Some(options)).expect("open");
    let duplicate = info
        .problems
        .iter()
        .find(|p| p.row == Some(1))
        .unwrap_or_else(|| panic!("no header problem: {:?}", info.problems));
    assert!(
        duplicate
            .message
            .starts_with("The header (row 1) names \"id\" twice"),
        "{}",
        duplicate.message
    );
    assert!(duplicate.column.is_some());
    let ragged = info
        .problems
        .iter()
        .find(|p| p.row == Some(3))
        .expect("row 3");
    assert!(
        ragged.message.starts_with("Row 3 has 4 cells"),
        "{}",
        ragged.message
    );
}

#[test]
fn json_keys_alike_or_without_a_name_point_at_the_columns_they_became() {
    let mut file = tempfile::Builder::new()
        .suffix(".json")
        .tempfile()
        .expect("temp");
    write!(
        file,
        r#"[{{"id": 1, "active": "yes"}}, {{"id": 2, "actiVe": "no", "": "x"}}]"#
    )
    .expect("write");
    let sheets = Sheets::default();
    let info = open(&sheets, &path_text(file.path().to_path_buf()), None).expect("open");
    let columns: Vec<_> = info
        .problems
        .iter()
        .map(|p| (p.row, p.column.as_deref()))
        .collect();
    assert!(
        columns.contains(&(Some(2), Some("actiVe (2)"))),
        "{:?}",
        info.problems
    );
    assert!(
        columns.iter().any(
            |(row, column)| *row == Some(2) && column.is_some_and(|c| c.starts_with("Column "))
        ),
        "{:?}",
        info.problems
    );
}

#[test]
fn a_closed_sheet_is_gone_with_words_for_it() {
    let sheets = Sheets::default();
    let id = open(&sheets, &sample_file(), None).expect("open").sheet_id;
    assert!(sheets.remove(id));
    assert!(!sheets.remove(id), "closing twice is harmless");
    let error = rows(&sheets, id, 0, 10).expect_err("closed");
    assert!(
        error.message.contains("no longer open"),
        "{}",
        error.message
    );
    assert!(
        error.message.contains("Open the file again"),
        "{}",
        error.message
    );
}
