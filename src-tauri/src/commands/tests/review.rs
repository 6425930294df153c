use muster_engine::validate::Severity;

use super::staff::{PROFILE, STAFF, opened};
use crate::commands::review::{edit, export_issues_to, replace, review, rows, save_corrected_to};

#[test]
fn the_bad_email_on_row_4_is_found_and_named_by_its_column() {
    let (sheets, id, _file) = opened(STAFF);
    let summary = review(&sheets, id, PROFILE).expect("reviewed");
    assert_eq!(
        (
            summary.sheet_id,
            summary.total,
            summary.valid,
            summary.invalid
        ),
        (id, 4, 3, 1)
    );
    assert_eq!(
        (summary.skipped, summary.errors, summary.warnings),
        (0, 1, 0)
    );
    assert_eq!((summary.rows_with_problems, summary.edits), (1, 0));
    assert_eq!(summary.problems.len(), 1);
    let problem = &summary.problems[0];
    assert_eq!(
        (problem.code.as_str(), problem.severity, problem.count),
        ("email_invalid", Severity::Error, 1)
    );
    assert!(
        problem
            .example
            .starts_with("Row 4: \"cy@@firma\" in column \"E-Mail\" is not valid for \"email\""),
        "{}",
        problem.example
    );

    let window = rows(&sheets, id, 0, 50, true, None).expect("problem rows");
    assert_eq!((window.start, window.total, window.rows.len()), (0, 1, 1));
    let row = &window.rows[0];
    assert_eq!((row.index, row.number), (2, 4));
    assert_eq!(row.cells, ["E3", "Cy", "Braun", "cy@@firma", "IT"]);
    assert_eq!(row.issues.len(), 1);
    let issue = &row.issues[0];
    assert_eq!(
        (
            issue.column.as_str(),
            issue.field.as_str(),
            issue.code.as_str()
        ),
        ("E-Mail", "email", "email_invalid")
    );
    assert!(
        issue.message.starts_with("\"cy@@firma\" in column"),
        "{}",
        issue.message
    );
    assert!(row.edited.is_empty());

    let json = serde_json::to_value(&summary).expect("json");
    for key in ["sheetId", "rowsWithProblems", "problems", "edits"] {
        assert!(json.get(key).is_some(), "{key} missing from {json}");
    }
    assert_eq!(json["problems"][0]["severity"], "error");
}

#[test]
fn fixing_the_cell_leaves_no_invalid_record_and_shows_the_edit() {
    let (sheets, id, _file) = opened(STAFF);
    review(&sheets, id, PROFILE).expect("reviewed");
    let summary = edit(&sheets, id, 2, "E-Mail", "cy@firma.de").expect("edited");
    assert_eq!((summary.valid, summary.invalid, summary.errors), (4, 0, 0));
    assert_eq!((summary.rows_with_problems, summary.edits), (0, 1));
    assert!(summary.problems.is_empty());

    let all = rows(&sheets, id, 1, 2, false, None).expect("rows");
    assert_eq!((all.start, all.total, all.rows.len()), (1, 4, 2));
    assert_eq!(all.rows[0].edited, Vec::<String>::new());
    let fixed = &all.rows[1];
    assert_eq!((fixed.index, fixed.number), (2, 4));
    assert_eq!(fixed.cells[3], "cy@firma.de");
    assert_eq!(fixed.edited, ["E-Mail"]);
    assert!(fixed.issues.is_empty());
    let problems = rows(&sheets, id, 0, 50, true, None).expect("problem rows");
    assert_eq!((problems.total, problems.rows.len()), (0, 0));

    // Back to what the file says: no edit left, the problem again.
    let back = edit(&sheets, id, 2, "e-mail", "cy@@firma").expect("edited back");
    assert_eq!((back.invalid, back.edits), (1, 0));
}

#[test]
fn an_edit_can_make_a_duplicate_which_the_whole_sheet_check_finds() {
    let (sheets, id, _file) = opened(STAFF);
    review(&sheets, id, PROFILE).expect("reviewed");
    let summary = edit(&sheets, id, 3, "ID", "E1").expect("edited");
    assert_eq!(summary.invalid, 2);
    let codes: Vec<&str> = summary.problems.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(codes, ["duplicate_identifier", "email_invalid"]);
    let duplicates = rows(&sheets, id, 0, 50, true, Some("duplicate_identifier")).expect("rows");
    assert_eq!(duplicates.total, 1);
    assert_eq!(duplicates.rows[0].number, 5);
    assert_eq!(duplicates.rows[0].issues[0].column, "ID");
}

#[test]
fn replacing_in_a_column_counts_and_checks_again() {
    let (sheets, id, _file) = opened(STAFF);
    review(&sheets, id, PROFILE).expect("reviewed");
    let result = replace(&sheets, id, "E-Mail", "@@firma", "@firma.de", false).expect("replaced");
    assert_eq!(result.replaced, 1);
    assert_eq!((result.summary.invalid, result.summary.edits), (0, 1));

    let parts = replace(&sheets, id, "Nachname", "Meier", "Maier", false).expect("replaced");
    assert_eq!(parts.replaced, 2, "Meier and Meier-Schmidt");
    let whole = replace(&sheets, id, "Abteilung", " n/a ", "", true).expect("replaced");
    assert_eq!(whole.replaced, 1);
    let blanks = replace(&sheets, id, "Abteilung", "", "Unbekannt", true).expect("filled");
    assert_eq!(blanks.replaced, 2, "the cleared cell and the empty one");
    assert_eq!(blanks.summary.edits, 5);
    let none = replace(&sheets, id, "Abteilung", "Marketing", "X", false).expect("nothing");
    assert_eq!(none.replaced, 0);

    let window = rows(&sheets, id, 0, 10, false, None).expect("rows");
    let departments: Vec<&str> = window.rows.iter().map(|r| r.cells[4].as_str()).collect();
    assert_eq!(departments, ["Vertrieb", "Unbekannt", "IT", "Unbekannt"]);
    let names: Vec<&str> = window.rows.iter().map(|r| r.cells[2].as_str()).collect();
    assert_eq!(names, ["Maier", "Maier-Schmidt", "Braun", "Roth"]);

    let empty = replace(&sheets, id, "Abteilung", "", "X", false).expect_err("nothing to find");
    assert!(
        empty.message.contains("Type the text to find"),
        "{}",
        empty.message
    );
}

#[test]
fn the_issues_file_has_one_line_per_issue_with_the_excel_row() {
    let (sheets, id, _file) = opened(STAFF);
    review(&sheets, id, PROFILE).expect("reviewed");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("issues.csv");
    let exported = export_issues_to(&sheets, id, &path.display().to_string()).expect("written");
    assert_eq!(exported.written, 1);
    assert_eq!(exported.files, [path.display().to_string()]);
    let text = std::fs::read_to_string(&path).expect("read back");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "row,column,field,severity,code,message,value",
            "4,E-Mail,email,error,email_invalid,\"\"\"cy@@firma\"\" in column \"\"E-Mail\"\" is not valid for \"\"email\"\": lms expects an email address such as anna.schmidt@example.com.\",cy@@firma",
        ]
    );
}

#[test]
fn the_corrected_sheet_is_saved_with_its_edits_and_not_over_the_original() {
    let (sheets, id, file) = opened(STAFF);
    review(&sheets, id, PROFILE).expect("reviewed");
    edit(&sheets, id, 2, "E-Mail", "cy@firma.de").expect("edited");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("fixed.csv");
    let saved = save_corrected_to(&sheets, id, &path.display().to_string()).expect("saved");
    assert_eq!(saved.written, 4);
    let text = std::fs::read_to_string(&path).expect("read back");
    assert_eq!(
        text,
        "ID,Vorname,Nachname,E-Mail,Abteilung\n\
         E1,Ann,Meier,ann@firma.de,Vertrieb\n\
         E2,Bo,Meier-Schmidt,bo@firma.de,n/a\n\
         E3,Cy,Braun,cy@firma.de,IT\n\
         E4,Di,Roth,di@firma.de,\n"
    );
    let over = save_corrected_to(&sheets, id, &file.path().display().to_string())
        .expect_err("the original");
    assert!(
        over.message.contains("replace the original"),
        "{}",
        over.message
    );
    assert_eq!(
        std::fs::read_to_string(file.path()).expect("original"),
        STAFF
    );
}

#[test]
fn mistakes_are_told_in_words() {
    let (sheets, id, _file) = opened(STAFF);
    let early = edit(&sheets, id, 0, "E-Mail", "x@y.de").expect_err("not reviewed");
    assert!(early.message.contains("Go to Review"), "{}", early.message);
    let export = export_issues_to(&sheets, id, "/tmp/x.csv").expect_err("not reviewed");
    assert!(
        export.message.contains("not been checked"),
        "{}",
        export.message
    );

    let bad = review(&sheets, id, "version = 1\ntarget = ").expect_err("bad TOML");
    assert!(
        bad.message.starts_with("The profile is not valid TOML"),
        "{}",
        bad.message
    );
    let unmapped = PROFILE.replace("column = \"ID\"", "column = \"Personalnummer\"");
    let wrong = review(&sheets, id, &unmapped).expect_err("no such column");
    assert!(
        wrong.message.contains("no column \"Personalnummer\""),
        "{}",
        wrong.message
    );

    review(&sheets, id, PROFILE).expect("reviewed");
    let column = edit(&sheets, id, 0, "Email", "x@y.de").expect_err("unknown column");
    assert_eq!(column.column.as_deref(), Some("Email"));
    assert!(
        column
            .message
            .contains("Its columns are: ID, Vorname, Nachname, E-Mail, Abteilung"),
        "{}",
        column.message
    );
    let row = edit(&sheets, id, 4, "E-Mail", "x@y.de").expect_err("past the end");
    assert!(
        row.message.contains("the sheet has 4 data rows"),
        "{}",
        row.message
    );
    let closed = rows(&sheets, id + 1, 0, 10, false, None).expect_err("not open");
    assert!(
        closed.message.contains("no longer open"),
        "{}",
        closed.message
    );
}
