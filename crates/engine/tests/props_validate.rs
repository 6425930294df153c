//! Property: mapping and validating rows through the real validator never panics, whatever
//! strings stand in the columns (dates, phones, emails, yes/no maps, templates), and every
//! row comes out counted, with issues that name their row.

use std::path::{Path, PathBuf};

use muster_engine::mapping::{Mapper, Profile};
use muster_engine::sheet::{Format, Layout, Numbering, Row, Sheet};
use muster_engine::validate::validate_sheet;
use proptest::prelude::*;

/// A SCIM profile with a template over two columns, beside the LMS samples.
const SCIM: &str = r#"
version = 1
target = "scim"
identifier = "userName"

[[field]]
target = "userName"
column = "Login"
transforms = [{ op = "trim" }, { op = "case", to = "lower" }]

[[field]]
target = "name.givenName"
column = "First"

[[field]]
target = "name.familyName"
column = "Last"

[[field]]
target = "displayName"
template = "{First} {Last}"
"#;

fn profiles() -> Vec<Profile> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut profiles: Vec<Profile> = ["samples/lms-profile.toml", "samples/hris-lms-profile.toml"]
        .iter()
        .map(|p| Profile::load(&repo.join(p)).unwrap())
        .collect();
    profiles.push(Profile::from_toml(SCIM).unwrap());
    profiles
}

/// Any text, and text that looks nearly right to the rules: dates, numbers, emails, phones.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC{0,40}",
        "[0-9./ -]{0,12}",
        "[0-9]{1,4}[./-][0-9]{1,2}[./-][0-9]{1,4}",
        "[a-zA-Z0-9.+_-]{0,12}@[a-zA-Z0-9.-]{0,12}",
        "\\+?[0-9 ()/-]{0,18}",
        "(yes|no|YES|No| yes |ja|0|1|)",
        "[ \t\r\n]{0,3}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn validation_never_panics_and_counts_every_row(
        which in 0..3usize,
        cells in prop::collection::vec(prop::collection::vec(value(), 16), 1..20),
    ) {
        let profile = &profiles()[which];
        let catalog = profile.catalog(Path::new(".")).unwrap();
        let columns = profile.columns();
        let mapper = Mapper::new(profile, &catalog, &columns).unwrap();
        let rows: Vec<Row> = cells
            .iter()
            .enumerate()
            .map(|(i, row)| Row::from_cells(i as u64 + 2, row.iter().take(columns.len())))
            .collect();
        let count = rows.len() as u64;
        let layout = Layout::new(PathBuf::from("staff.csv"), Format::Csv, Numbering::Row);
        let mut sheet = Sheet::in_memory(layout, columns, rows.into_iter());
        let mut issues = Vec::new();
        let counts = validate_sheet(&mut sheet, &mapper, &catalog, |issue| issues.push(issue)).unwrap();
        prop_assert_eq!(counts.records + counts.skipped, count);
        prop_assert_eq!(counts.valid + counts.invalid, counts.records);
        for issue in &issues {
            prop_assert!((2..count + 2).contains(&issue.row), "{:?}", issue);
            prop_assert!(!issue.message.is_empty());
        }
    }
}
