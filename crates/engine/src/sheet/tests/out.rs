use super::*;

#[test]
fn rows_are_written_one_cell_per_column_under_the_header() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("corrected.csv");
    let columns = vec!["ID".to_owned(), "E-Mail".to_owned(), "Note".to_owned()];
    let rows = vec![
        Row::from_cells(5, ["E1", "ann@firma.de", "says \"hi\"; ok", "past the end"]),
        Row::from_cells(6, ["E2"]),
        Row::from_cells(7, ["E3", "=HYPERLINK(\"x\")", "+49 30 123"]),
    ];
    let written = write_csv(&path, &columns, rows).expect("written");
    assert_eq!(written, 3);
    let text = std::fs::read_to_string(&path).expect("read back");
    assert_eq!(
        text,
        "ID,E-Mail,Note\n\
         \"E1\",\"ann@firma.de\",\"says \"\"hi\"\"; ok\"\n\
         E2,,\n\
         E3,\"'=HYPERLINK(\"\"x\"\")\",+49 30 123\n"
    );
}

#[test]
fn a_folder_that_is_not_there_is_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("missing").join("corrected.csv");
    let error = write_csv(&path, &["ID".to_owned()], Vec::new()).expect_err("no folder");
    let message = error.to_string();
    assert!(message.contains("corrected.csv"), "{message}");
    assert!(message.contains("folder exists"), "{message}");
}

#[test]
fn a_one_column_list_with_semicolons_reads_back_as_one_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("names.csv");
    let columns = vec!["Name".to_owned()];
    let rows = vec![
        Row::from_cells(2, ["Müller; Hans"]),
        Row::from_cells(3, [";"]),
        Row::from_cells(4, ["Ann"]),
    ];
    write_csv(&path, &columns, rows).expect("written");
    let text = std::fs::read_to_string(&path).expect("read back");
    assert_eq!(text, "Name\n\"Müller; Hans\"\n\";\"\nAnn\n");
    let mut sheet = crate::sheet::open(&path, &crate::sheet::ReadOptions::default()).expect("open");
    assert_eq!(sheet.columns(), ["Name"]);
    let cells: Vec<Vec<String>> = sheet.rows().map(|r| r.expect("row").to_vec()).collect();
    assert_eq!(cells, [["Müller; Hans"], [";"], ["Ann"]]);
}
