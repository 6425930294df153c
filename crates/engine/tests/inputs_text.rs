//! Damaged and hostile delimited text through the public reader, as `muster inspect` opens
//! it: every case ends in a clear sentence (naming the file and the row) or in a problem on
//! one row while the rest is read, never in a panic, a hang or all memory.

mod inputs;

use muster_engine::sheet::limits::{MAX_COLUMNS, MAX_ROW_BYTES};
use muster_engine::sheet::{ReadOptions, SheetError, open};

use inputs::{Files, assert_says, codes_at, read_all, read_until_error};

#[test]
fn a_line_past_the_row_limit_stops_the_file_at_its_row_after_the_rows_before_it() {
    let files = Files::new();
    let mut text = b"id,name\n".to_vec();
    for i in 1..=40 {
        text.extend(format!("{i},Person {i}\n").as_bytes());
    }
    text.extend(std::iter::repeat_n(b'x', MAX_ROW_BYTES as usize + 1024));
    text.extend(b"\n42,Cy\n");
    let path = files.write("long-line.csv", &text);
    let mut sheet = open(&path, &ReadOptions::default()).unwrap();
    let (rows, error) = read_until_error(&mut sheet);
    assert_eq!(rows.len(), 40);
    assert_eq!(rows[39], vec!["40", "Person 40"]);
    assert!(
        matches!(error, SheetError::RowTooLong { row: 42, .. }),
        "{error:?}"
    );
    assert_says(
        &error,
        &[
            "Row 42 of",
            "long-line.csv",
            "longer than 8 MB",
            "never closed",
        ],
    );
}

#[test]
fn a_quote_never_closed_near_the_top_refuses_the_file_at_the_limit() {
    let files = Files::new();
    let mut text = b"id,name\n1,Ann\n2,\"Bo\n".to_vec();
    while text.len() < MAX_ROW_BYTES as usize + 100_000 {
        text.extend(b"3,Cy\n");
    }
    let path = files.write("open-quote.csv", &text);
    let error = open(&path, &ReadOptions::default()).err().unwrap();
    assert!(
        matches!(error, SheetError::RowTooLong { row: 3, .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("open-quote.csv"), "{error}");
}

#[test]
fn a_long_row_under_the_limit_is_read_whole() {
    let files = Files::new();
    let long = "é".repeat(2_000_000);
    let path = files.write(
        "long-cell.csv",
        format!("id,note\n1,{long}\n2,x\n").as_bytes(),
    );
    let rows = read_all(&path);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][1], long);
}

#[test]
fn nul_bytes_in_a_row_are_removed_and_that_row_is_reported() {
    let files = Files::new();
    let path = files.write(
        "nul.csv",
        b"id,name,email\n1,Ann,a@x.io\n2,B\0o\0,b@x.io\n3,Cy,c@x.io\n",
    );
    let mut sheet = open(&path, &ReadOptions::default()).unwrap();
    let rows: Vec<Vec<String>> = sheet.rows().map(|r| r.unwrap().to_vec()).collect();
    assert_eq!(rows[1], vec!["2", "Bo", "b@x.io"]);
    assert_eq!(rows.len(), 3);
    assert_eq!(codes_at(&sheet), vec![(3, "nul_characters")]);
    let message = sheet.problems().list()[0].message();
    assert!(
        message.starts_with("row 3 holds NUL characters"),
        "{message}"
    );
}

#[test]
fn a_nul_byte_far_into_the_file_is_removed_as_well() {
    let files = Files::new();
    let mut text = b"id,name\n".to_vec();
    for i in 0..10_000 {
        text.extend(format!("{i},Person {i}\n").as_bytes());
    }
    text.extend(b"10000,La\0st\n");
    let path = files.write("late-nul.csv", &text);
    let mut sheet = open(&path, &ReadOptions::default()).unwrap();
    let rows: Vec<_> = sheet.rows().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 10_001);
    assert_eq!(rows[10_000].to_vec(), vec!["10000", "Last"]);
    assert_eq!(codes_at(&sheet), vec![(10_002, "nul_characters")]);
}

#[test]
fn a_file_full_of_nul_bytes_is_refused_as_binary() {
    let files = Files::new();
    let mut bytes = b"id,name\n".to_vec();
    bytes.extend([0u8, 1, 2, 3].repeat(100));
    let path = files.write("blob.csv", &bytes);
    let error = open(&path, &ReadOptions::default()).err().unwrap();
    assert!(matches!(error, SheetError::Binary { .. }), "{error:?}");
    assert!(error.to_string().contains("blob.csv"), "{error}");
}

#[test]
fn sixteen_thousand_three_hundred_eighty_four_columns_are_read() {
    let files = Files::new();
    let header: Vec<String> = (1..=MAX_COLUMNS).map(|i| format!("Field {i}")).collect();
    let values: Vec<String> = (1..=MAX_COLUMNS).map(|i| i.to_string()).collect();
    let text = format!("{}\n{}\n", header.join(","), values.join(","));
    let path = files.write("wide.csv", text.as_bytes());
    let mut sheet = open(&path, &ReadOptions::default()).unwrap();
    assert_eq!(sheet.columns().len(), 16_384);
    assert_eq!(sheet.columns()[16_383], "Field 16384");
    let row = sheet.rows().next().unwrap().unwrap();
    assert_eq!(row.cell(16_383), "16384");
    assert!(sheet.problems().is_empty());
}

#[test]
fn a_header_past_the_column_limit_is_refused_with_what_to_check() {
    let files = Files::new();
    let header: Vec<String> = (1..=MAX_COLUMNS + 1).map(|i| format!("f{i}")).collect();
    let text = format!("{}\n", header.join(","));
    let path = files.write("too-wide.csv", text.as_bytes());
    let error = open(&path, &ReadOptions::default()).err().unwrap();
    assert!(
        matches!(
            error,
            SheetError::TooManyColumns {
                row: 1,
                found: 16_385,
                ..
            }
        ),
        "{error:?}"
    );
    assert_says(
        &error,
        &[
            "too-wide.csv",
            "16385 columns",
            "at most 16,384",
            "--delimiter",
        ],
    );
}

#[test]
fn duplicate_and_empty_header_names_are_renamed_and_reported_on_the_header_row() {
    let files = Files::new();
    let path = files.write(
        "names.csv",
        b"Staff export\n\nid,Name,,name,Email,\n1,Ann,,Annie,a@x.io,\n",
    );
    let mut sheet = open(&path, &ReadOptions::default()).unwrap();
    assert_eq!(
        sheet.columns(),
        ["id", "Name", "Column C", "name (2)", "Email"]
    );
    let rows: Vec<_> = sheet.rows().map(|r| r.unwrap().to_vec()).collect();
    assert_eq!(rows[0][..5], ["1", "Ann", "", "Annie", "a@x.io"]);
    assert_eq!(
        codes_at(&sheet),
        vec![(3, "unnamed_column"), (3, "duplicate_column")]
    );
    let messages: Vec<String> = sheet
        .problems()
        .list()
        .iter()
        .map(|p| p.message())
        .collect();
    assert!(messages[0].contains("column C has no name"), "{messages:?}");
    assert!(messages[1].contains("names \"name\" twice"), "{messages:?}");
}
