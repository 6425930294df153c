use crate::mapping::Profile;
use crate::sheet::Row;
use crate::target::catalog::{self, TargetKind};

const PROFILE: &str = r#"
version = 1
target = "lms"
identifier = "uid"

[[skip]]
column = "status"
is = ["test"]

[[field]]
target = "uid"
column = "uid"

[[field]]
target = "email"
column = "email"

[[field]]
target = "firstname"
template = "{first_name} {{x}}"

[[field]]
target = "secondname"
column = "last_name"

[[field]]
target = "login"
column = "email"

[[field]]
target = "manager_uid"
column = "manager.uid"
"#;

#[test]
fn the_profile_names_every_column_it_reads_and_templates_skip_literal_braces() {
    let profile = Profile::from_toml(PROFILE).unwrap();
    assert_eq!(
        profile.columns(),
        [
            "uid",
            "email",
            "first_name",
            "last_name",
            "manager.uid",
            "status"
        ]
    );
}

#[test]
fn columns_no_pulled_record_carries_read_as_empty() {
    let dir = tempfile::TempDir::new().unwrap();
    let file = dir.path().join("pull-1.ndjson");
    std::fs::write(
        &file,
        "{\"uid\":\"E1\",\"email\":\"a@example.com\",\"first_name\":\"Ann\"}\n",
    )
    .unwrap();
    let profile = Profile::from_toml(PROFILE).unwrap();
    let catalog = catalog::builtin(TargetKind::Lms).unwrap();
    let (mut sheet, _mapper) = super::open_pulled(&file, &profile, &catalog).unwrap();
    assert!(sheet.columns().iter().any(|c| c == "manager.uid"));
    assert!(sheet.columns().iter().any(|c| c == "status"));
    let mut row = Row::default();
    assert!(sheet.next_row(&mut row).unwrap());
    let at = sheet
        .columns()
        .iter()
        .position(|c| c == "manager.uid")
        .unwrap();
    assert_eq!(row.cell(at), "");
}
