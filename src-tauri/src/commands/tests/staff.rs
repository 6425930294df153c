//! A small staff list made on the spot, with a bad email on Excel row 4, and a mapping of
//! it onto the LMS: what the Review, template and job tests work on.

use std::io::Write;

use tempfile::NamedTempFile;

use crate::commands::sheet::open;
use crate::sheets::Sheets;

/// Rows 2 to 5 as Excel shows them; row 4 holds `cy@@firma`.
pub const STAFF: &str = "\
ID;Vorname;Nachname;E-Mail;Abteilung
E1;Ann;Meier;ann@firma.de;Vertrieb
E2;Bo;Meier-Schmidt;bo@firma.de;n/a
E3;Cy;Braun;cy@@firma;IT
E4;Di;Roth;di@firma.de;
";

/// The staff list onto the LMS by its German headers.
pub const PROFILE: &str = r#"
version = 1
target = "lms"
identifier = "uid"

[[field]]
target = "uid"
column = "ID"

[[field]]
target = "firstname"
column = "Vorname"

[[field]]
target = "secondname"
column = "Nachname"

[[field]]
target = "email"
column = "E-Mail"
transforms = [{ op = "trim" }, { op = "case", to = "lower" }]

[[field]]
target = "login"
column = "E-Mail"
transforms = [{ op = "trim" }, { op = "case", to = "lower" }]

[[field]]
target = "department"
column = "Abteilung"
"#;

/// `text` in a temporary `.csv` file, kept until the handle drops.
pub fn csv_file(text: &str) -> NamedTempFile {
    let mut file = tempfile::Builder::new()
        .suffix(".csv")
        .tempfile()
        .expect("temp file");
    file.write_all(text.as_bytes()).expect("write");
    file.flush().expect("flush");
    file
}

/// `text` opened as a sheet: the sheets, the sheet's id and the file.
pub fn opened(text: &str) -> (Sheets, u64, NamedTempFile) {
    let file = csv_file(text);
    let sheets = Sheets::default();
    let id = open(&sheets, &super::path_text(file.path().to_path_buf()), None)
        .expect("the file opens")
        .sheet_id;
    (sheets, id, file)
}
