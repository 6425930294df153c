//! A review of a small HR file: which rows have problems, what each one's are, the counts
//! by kind, and the issues file.

use std::path::PathBuf;
use std::sync::Arc;

use super::*;
use crate::mapping::Profile;
use crate::sheet::{Edits, Format, Layout, Numbering, Row, Table};
use crate::target::catalog::{Field, FieldKind, TargetKind};

fn catalog() -> Catalog {
    let text = |name: &str| Field::new(name, FieldKind::Text);
    Catalog {
        target: TargetKind::Lms,
        fields: vec![
            text("uid").require().key(),
            Field::new("email", FieldKind::Email).require(),
            text("manager_uid").refers_to("uid"),
        ],
    }
}

const PROFILE: &str = r#"
version = 1
target = "lms"
identifier = "uid"

[[skip]]
column = "Status"
is = ["inactive"]

[[field]]
target = "uid"
column = "ID"

[[field]]
target = "email"
column = "E-Mail"

[[field]]
target = "manager_uid"
column = "Chef"
"#;

/// Rows numbered as Excel shows them under a header on row 4, one blank row left out.
fn table(rows: &[[&str; 4]]) -> Table {
    let mut table = Table::default();
    for (i, cells) in rows.iter().enumerate() {
        let number = if i < 2 { 5 + i } else { 6 + i } as u64;
        table
            .push(&Row::from_cells(number, cells.iter()))
            .expect("short rows fit");
    }
    table
}

fn review(table: Table, edits: Edits) -> Review {
    let catalog = catalog();
    let columns: Vec<String> = ["ID", "E-Mail", "Chef", "Status"]
        .map(String::from)
        .to_vec();
    let profile = Profile::from_toml(PROFILE).expect("profile");
    let mapper = Mapper::new(&profile, &catalog, &columns).expect("mapper");
    let table = Arc::new(table);
    let layout = Layout::new(PathBuf::from("staff.csv"), Format::Csv, Numbering::Row);
    let mut sheet = Edits::sheet(Arc::clone(&table), Arc::new(edits), layout, columns);
    Review::run(&mut sheet, &mapper, &catalog, |number| {
        table.position(number)
    })
    .expect("memory rows never fail")
}

fn staff() -> Table {
    table(&[
        ["E1", "ann@firma.de", "", "active"],
        ["E2", "bo@@firma", "E1", "active"],
        ["E3", "cy@firma.de", "E9", "active"],
        ["E1", "di@firma.de", "", "active"],
        ["E5", "bo@@firma", "", "inactive"],
        ["E6", "", "", "active"],
    ])
}

#[test]
fn rows_with_problems_keep_their_issues_by_index() {
    let review = review(staff(), Edits::default());
    assert_eq!(review.rows(), 6);
    assert_eq!(
        review.counts(),
        Counts {
            records: 5,
            valid: 2,
            invalid: 3,
            skipped: 1
        }
    );
    assert_eq!((review.errors(), review.warnings()), (3, 1));
    assert_eq!(review.problem_rows(), [1, 2, 3, 5]);
    let second: Vec<RowIssue<'_>> = review.issues_of(1).collect();
    assert_eq!(second.len(), 1);
    assert_eq!(
        (
            second[0].index,
            second[0].row,
            second[0].column,
            second[0].field
        ),
        (1, 6, "E-Mail", "email")
    );
    assert_eq!(
        (second[0].severity, second[0].code, second[0].value),
        (Severity::Error, "email_invalid", "bo@@firma")
    );
    assert!(
        second[0]
            .message
            .starts_with("\"bo@@firma\" in column \"E-Mail\""),
        "{}",
        second[0].message
    );
    // The unknown manager is only known at the end, yet sits on its own row (Excel row 8).
    let third: Vec<RowIssue<'_>> = review.issues_of(2).collect();
    assert_eq!(
        third
            .iter()
            .map(|i| (i.row, i.code, i.severity))
            .collect::<Vec<_>>(),
        [(8, "manager_unknown", Severity::Warning)]
    );
    assert_eq!(
        review.issues_of(3).map(|i| i.code).collect::<Vec<_>>(),
        ["duplicate_identifier"]
    );
    assert_eq!(review.issues_of(0).count(), 0, "a clean row has none");
    assert_eq!(review.issues_of(4).count(), 0, "a skipped row has none");
    assert_eq!(review.len(), 4);
}

#[test]
fn problems_are_counted_by_kind_most_frequent_first() {
    let review = review(
        table(&[
            ["E1", "a@@x", "", "active"],
            ["E2", "b@@x", "", "active"],
            ["E2", "c@x.de", "E7", "active"],
        ]),
        Edits::default(),
    );
    let kinds: Vec<(&str, Severity, u64, u64)> = review
        .kinds()
        .iter()
        .map(|k| (k.code, k.severity, k.count, k.first_row))
        .collect();
    assert_eq!(
        kinds,
        [
            ("email_invalid", Severity::Error, 2, 5),
            ("duplicate_identifier", Severity::Error, 1, 8),
            ("manager_unknown", Severity::Warning, 1, 8),
        ]
    );
    assert!(
        review.kinds()[0].first_message.contains("\"a@@x\""),
        "{}",
        review.kinds()[0].first_message
    );
    assert_eq!(review.rows_with_code("email_invalid"), [0, 1]);
    assert_eq!(review.rows_with_code("manager_unknown"), [2]);
    assert!(review.rows_with_code("too_long").is_empty());
}

#[test]
fn edits_are_reviewed_in_place_of_the_file() {
    let table = staff();
    let mut edits = Edits::default();
    edits.set(&table, 1, 1, "bo@firma.de").expect("row 1");
    edits.set(&table, 3, 0, "E4").expect("row 3");
    edits.set(&table, 5, 1, "fe@firma.de").expect("row 5");
    let review = review(table, edits);
    assert_eq!(review.counts().invalid, 0);
    assert_eq!(
        review.problem_rows(),
        [2],
        "only the unknown manager is left"
    );
    assert_eq!((review.errors(), review.warnings()), (0, 1));
}

#[test]
fn the_issues_file_lists_every_issue_by_row() {
    let review = review(staff(), Edits::default());
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("issues.csv");
    assert_eq!(write_issues_csv(&path, &review).expect("written"), 4);
    let text = std::fs::read_to_string(&path).expect("read back");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "row,column,field,severity,code,message,value");
    assert_eq!(lines.len(), 5);
    assert!(
        lines[1].starts_with("6,E-Mail,email,error,email_invalid,\"\"\"bo@@firma\"\" in column"),
        "{}",
        lines[1]
    );
    assert!(lines[1].ends_with(",bo@@firma"), "{}", lines[1]);
    assert!(
        lines[2].starts_with("8,Chef,manager_uid,warning,manager_unknown,"),
        "{}",
        lines[2]
    );
    assert!(
        lines[4].starts_with("11,E-Mail,email,error,required_missing,"),
        "{}",
        lines[4]
    );
}
