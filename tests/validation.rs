//! Validation of generated files through the parallel pipeline: every issue, in file
//! order, exactly as the one-record-at-a-time validator finds them, across many batches.

use muster_datagen::Spec;
use muster_engine::mapping::{Mapped, Mapper, Profile, Record};
use muster_engine::sheet::{self, ReadOptions, Row};
use muster_engine::target::catalog::{self, TargetKind};
use muster_engine::validate::{
    Checked, Counts, Issue, Severity, Validator, check_sheet, validate_sheet,
};
use tempfile::TempDir;

const PROFILE: &str = include_str!("../samples/lms-profile.toml");

fn sequential(rows: &[Row], mapper: &Mapper, catalog: &catalog::Catalog) -> (Vec<Issue>, Counts) {
    let mut validator = Validator::new(catalog, mapper);
    let mut issues = Vec::new();
    let mut record = Record::default();
    for row in rows {
        match mapper.map(row, &mut record) {
            Mapped::Record => {
                validator.check(&record, &mut |issue| issues.push(issue));
            }
            Mapped::Skipped(_) => validator.skipped(),
        }
    }
    let counts = validator.finish(&mut |issue| issues.push(issue));
    (issues, counts)
}

#[test]
fn the_pipeline_finds_what_the_sequential_validator_finds_in_the_same_order() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("staff.csv");
    let spec = Spec {
        rows: 6_000,
        defect_rate: 0.04,
        seed: 7,
    };
    muster_datagen::write_file(&path, &muster_datagen::Format::parse("csv").unwrap(), &spec)
        .unwrap();
    let catalog = catalog::builtin(TargetKind::Lms).unwrap();
    let profile = Profile::from_toml(PROFILE).unwrap();

    let mut sheet = sheet::open(&path, &ReadOptions::default()).unwrap();
    let mapper = Mapper::new(&profile, &catalog, sheet.columns()).unwrap();
    let rows: Vec<Row> = sheet.rows().collect::<Result<_, _>>().unwrap();
    let (expected, expected_counts) = sequential(&rows, &mapper, &catalog);

    let mut sheet = sheet::open(&path, &ReadOptions::default()).unwrap();
    let mut issues = Vec::new();
    let counts = validate_sheet(&mut sheet, &mapper, &catalog, |i| issues.push(i)).unwrap();

    assert_eq!(counts, expected_counts);
    assert_eq!(counts.records + counts.skipped, 6_000);
    assert!(counts.invalid > 100, "{counts:?}");
    assert!(expected.len() > 200, "{}", expected.len());
    assert_eq!(issues, expected);
    let codes: std::collections::BTreeSet<&str> = issues.iter().map(|i| i.code).collect();
    for code in ["duplicate_identifier", "email_invalid", "required_missing"] {
        assert!(codes.contains(code), "{code} among {codes:?}");
    }

    // Each row comes back once, in file order, with its own issues beside it.
    let mut sheet = sheet::open(&path, &ReadOptions::default()).unwrap();
    let mut seen_rows = Vec::new();
    let mut late = 0;
    check_sheet(&mut sheet, &mapper, &catalog, |checked| {
        match checked {
            Checked::Record {
                row,
                record,
                issues,
                valid,
            } => {
                assert_eq!(row.number, record.row);
                assert!(issues.iter().all(|i| i.row == row.number));
                assert_eq!(valid, !issues.iter().any(|i| i.severity == Severity::Error));
                seen_rows.push(row.number);
            }
            Checked::Skipped { row, .. } => seen_rows.push(row.number),
            Checked::Late(_) => late += 1,
        }
        Ok::<(), sheet::SheetError>(())
    })
    .unwrap();
    assert_eq!(seen_rows, rows.iter().map(|r| r.number).collect::<Vec<_>>());
    assert_eq!(
        late,
        expected
            .iter()
            .filter(|i| i.code == "manager_unknown")
            .count()
    );
}

/// What the caller of `check_sheet` fails with in the test below.
#[derive(Debug, PartialEq)]
enum Stop {
    DiskFull,
    Sheet(String),
}

impl From<sheet::SheetError> for Stop {
    fn from(error: sheet::SheetError) -> Stop {
        Stop::Sheet(error.to_string())
    }
}

#[test]
fn an_error_from_the_caller_stops_the_run_and_is_returned() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("staff.csv");
    let spec = Spec {
        rows: 5_000,
        defect_rate: 0.0,
        seed: 3,
    };
    muster_datagen::write_file(&path, &muster_datagen::Format::parse("csv").unwrap(), &spec)
        .unwrap();
    let catalog = catalog::builtin(TargetKind::Lms).unwrap();
    let profile = Profile::from_toml(PROFILE).unwrap();
    let mut sheet = sheet::open(&path, &ReadOptions::default()).unwrap();
    let mapper = Mapper::new(&profile, &catalog, sheet.columns()).unwrap();
    let mut handed = 0;
    let result = check_sheet(&mut sheet, &mapper, &catalog, |_| {
        handed += 1;
        if handed == 2_500 {
            return Err(Stop::DiskFull);
        }
        Ok(())
    });
    assert_eq!(result.err(), Some(Stop::DiskFull));
    assert_eq!(handed, 2_500);
}
