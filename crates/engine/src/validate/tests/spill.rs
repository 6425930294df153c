//! Past its cap the checks across records keep values on disk and report their duplicates
//! after the rows: the issues and counts are the ones found with everything in memory,
//! only later (the caps here are a few values, so nearly every value goes to disk).

use std::path::{Path, PathBuf};

use super::super::run::{Keep, WORKERS, validate_keeping};
use super::super::spill::Spill;
use crate::mapping::{Mapper, Profile};
use crate::sheet::{Format, Layout, Numbering, Row, Sheet};
use crate::target::catalog::{self, Catalog, TargetKind};
use crate::validate::{Counts, Issue, validate_sheet};

const COLUMNS: [&str; 12] = [
    "Employee ID",
    "First Name",
    "Last Name",
    "Email",
    "Department",
    "Job Title",
    "Hire Date",
    "Birth Date",
    "Phone",
    "Manager ID",
    "Employment Status",
    "Active",
];

/// 400 people with what HR files get wrong: ids and emails used twice (emails in another
/// case), managers who come later, never or as the person themselves, empty and broken
/// fields, people left out by the skip rule.
fn people() -> Vec<Row> {
    (0..400u64)
        .map(|i| {
            let id = match i % 37 {
                0 if i > 0 => format!("E{:04}", i - 29),
                5 => String::new(),
                _ => format!("E{i:04}"),
            };
            let email = match i % 23 {
                0 if i > 0 => format!("P{}@X.IO", i - 11),
                7 => format!("p{i}.example.com"),
                _ => format!("p{i}@x.io"),
            };
            let manager = match i % 11 {
                0 => String::new(),
                3 => format!("E{:04}", i + 50),
                4 => format!("Z{i}"),
                6 => id.clone(),
                _ => format!("E{:04}", i / 2),
            };
            let active = if i % 19 == 4 { "no" } else { "yes" };
            let hire = if i % 13 == 2 {
                "31.02.2020"
            } else {
                "2020-03-01"
            };
            let first = if i % 29 == 9 { "" } else { "Ann" };
            Row::from_cells(
                i + 2,
                [
                    id.as_str(),
                    first,
                    "Lee",
                    email.as_str(),
                    "Sales",
                    "Clerk",
                    hire,
                    "1980-01-01",
                    "",
                    manager.as_str(),
                    "full_time",
                    active,
                ],
            )
        })
        .collect()
}

fn setup() -> (Catalog, Mapper) {
    let profile =
        Profile::from_toml(include_str!("../../../../../bench/lms-core-profile.toml")).unwrap();
    let catalog = profile.catalog(Path::new(".")).unwrap();
    let columns: Vec<String> = COLUMNS.map(String::from).to_vec();
    let mapper = Mapper::new(&profile, &catalog, &columns).unwrap();
    (catalog, mapper)
}

fn sheet(columns: &[&str], rows: Vec<Row>) -> Sheet {
    let layout = Layout::new(PathBuf::from("people.csv"), Format::Csv, Numbering::Row);
    let columns = columns.iter().map(|c| c.to_string()).collect();
    Sheet::in_memory(layout, columns, rows.into_iter())
}

/// The issues in a fixed order (by row, field, code), and the counts.
fn sorted(mut issues: Vec<Issue>, counts: Counts) -> (Vec<String>, Counts) {
    issues.sort_by(|a, b| (a.row, &a.field, a.code).cmp(&(b.row, &b.field, b.code)));
    let lines = issues
        .iter()
        .map(|i| {
            format!(
                "{} {} {} {} {:?}",
                i.row, i.field, i.code, i.message, i.value
            )
        })
        .collect();
    (lines, counts)
}

fn run(
    catalog: &Catalog,
    mapper: &Mapper,
    columns: &[&str],
    rows: Vec<Row>,
    cap: Option<usize>,
) -> (Vec<String>, Counts) {
    let mut sheet = sheet(columns, rows);
    let mut issues = Vec::new();
    let counts = match cap {
        Some(cap) => validate_keeping(&mut sheet, mapper, catalog, Keep::Values(cap), |i| {
            issues.push(i)
        }),
        None => validate_sheet(&mut sheet, mapper, catalog, |i| issues.push(i)),
    }
    .unwrap();
    sorted(issues, counts)
}

#[test]
fn duplicates_and_unknown_managers_past_the_cap_are_the_ones_found_in_memory() {
    let (catalog, mapper) = setup();
    let (issues, counts) = run(&catalog, &mapper, &COLUMNS, people(), None);
    let codes = |issues: &[String], code: &str| issues.iter().filter(|i| i.contains(code)).count();
    // The file has every kind of problem the tables across records look for.
    for code in [
        "duplicate_identifier",
        "duplicate_email",
        "manager_unknown",
        "manager_self",
    ] {
        assert!(codes(&issues, code) > 0, "{code}");
    }
    for cap in [1, 2, 17, 150, 399] {
        let (spilled, spilled_counts) = run(&catalog, &mapper, &COLUMNS, people(), Some(cap));
        assert_eq!(spilled, issues, "cap {cap}");
        assert_eq!(spilled_counts, counts, "cap {cap}");
    }
}

#[test]
fn a_late_duplicate_names_the_first_row_and_makes_its_record_invalid() {
    let (catalog, mapper) = setup();
    let person = |row: u64, id: &str, email: &str| {
        let mut cells = vec![
            "",
            "Ann",
            "Lee",
            "",
            "Sales",
            "Clerk",
            "2020-03-01",
            "1980-01-01",
            "",
            "",
            "full_time",
            "yes",
        ];
        cells[0] = id;
        cells[3] = email;
        Row::from_cells(row, cells)
    };
    let rows = vec![
        person(2, "E1", "a@x.io"),
        person(3, "E2", "b@x.io"),
        person(4, "E3", "c@x.io"),
        person(5, "E2", "d@x.io"),
        person(6, "E4", "C@X.IO"),
    ];
    let (issues, counts) = run(&catalog, &mapper, &COLUMNS, rows, Some(1));
    assert_eq!(
        issues,
        vec![
            "5 uid duplicate_identifier \"E2\" is already the uid of row 3; every record needs its own. Correct or remove one of the rows. \"E2\"",
            "6 email duplicate_email \"c@x.io\" is also the email of row 4; two people cannot share an address in lms. \"c@x.io\"",
        ]
    );
    assert_eq!((counts.records, counts.valid, counts.invalid), (5, 3, 2));
}

#[test]
fn values_on_disk_come_back_sorted_and_their_folder_goes() {
    let mut spill = Spill::new().unwrap();
    let folder = spill.folder().to_path_buf();
    for (digest, row) in [(9u64 << 58, 7), (3, 5), (9u64 << 58, 2), (3, 1)] {
        spill.push(digest, row, true, &format!("v{row}")).unwrap();
    }
    assert!(folder.is_dir());
    let mut seen = Vec::new();
    spill
        .read_back(|values| seen.extend(values.iter().map(|v| (v.digest, v.row, v.value.clone()))))
        .unwrap();
    assert_eq!(
        seen,
        vec![
            (3, 1, "v1".to_string()),
            (3, 5, "v5".to_string()),
            (9 << 58, 2, "v2".to_string()),
            (9 << 58, 7, "v7".to_string()),
        ]
    );
    assert!(!folder.exists());
}

#[test]
fn managers_named_by_another_key_are_found_on_disk() {
    let catalog = catalog::builtin(TargetKind::Scim).unwrap();
    let profile = Profile::from_toml(&super::managers::profile("externalId")).unwrap();
    let columns = ["Email", "Personnel number", "Manager"];
    let names: Vec<String> = columns.map(String::from).to_vec();
    let mapper = Mapper::new(&profile, &catalog, &names).unwrap();
    let rows = || {
        (0..60u64)
            .map(|i| {
                let manager = match i % 4 {
                    0 => format!("N{}", i + 7),
                    1 => format!("p{}@x.io", i / 3),
                    2 => format!("N{}", i + 900),
                    _ => String::new(),
                };
                Row::from_cells(i + 2, [format!("p{i}@x.io"), format!("N{i}"), manager])
            })
            .collect::<Vec<_>>()
    };
    let expected = run(&catalog, &mapper, &columns, rows(), None);
    assert!(expected.0.iter().any(|i| i.contains("manager_unknown")));
    for cap in [1, 5, 30] {
        assert_eq!(
            run(&catalog, &mapper, &columns, rows(), Some(cap)),
            expected,
            "cap {cap}"
        );
    }
}

#[test]
fn the_issues_come_in_file_order_whatever_the_number_of_workers() {
    let (catalog, mapper) = setup();
    // Five batches' worth of rows, so that with several workers batches come back out of
    // order and must be put back in it.
    let rows: Vec<Row> = (0..13)
        .flat_map(|_| people())
        .enumerate()
        .map(|(i, mut row)| {
            row.number = i as u64 + 2;
            row
        })
        .collect();
    let issues_with = |workers: usize| {
        WORKERS.with(|w| w.set(Some(workers)));
        let mut sheet = sheet(&COLUMNS, rows.clone());
        let mut issues = Vec::new();
        let counts = validate_sheet(&mut sheet, &mapper, &catalog, |i| issues.push(i)).unwrap();
        WORKERS.with(|w| w.set(None));
        let lines: Vec<String> = issues
            .iter()
            .map(|i| format!("{} {} {} {}", i.row, i.field, i.code, i.message))
            .collect();
        (lines, counts)
    };
    let (one, one_counts) = issues_with(1);
    assert!(one.len() > 1000, "{} issues", one.len());
    for workers in [2, 4] {
        let (found, counts) = issues_with(workers);
        assert_eq!(counts, one_counts, "{workers} workers");
        assert_eq!(found, one, "{workers} workers");
    }
}
