//! How long a review of a large sheet takes, which is what every edit costs in the desktop
//! app (the whole sheet is checked again). Ignored by default; for figures, run optimised:
//! `cargo test -p muster-engine --release review_bench -- --ignored --nocapture`.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use super::Review;
use crate::mapping::{Mapper, Profile};
use crate::sheet::{Edits, Format, Layout, Numbering, Row, Table};
use crate::target::catalog::lms;

const PROFILE: &str = r#"
version = 1
target = "lms"
identifier = "uid"

[[field]]
target = "uid"
column = "Employee ID"
transforms = [{ op = "trim" }]

[[field]]
target = "firstname"
column = "First Name"
transforms = [{ op = "trim" }]

[[field]]
target = "secondname"
column = "Last Name"
transforms = [{ op = "trim" }]

[[field]]
target = "email"
column = "Email"
transforms = [{ op = "trim" }, { op = "case", to = "lower" }]

[[field]]
target = "login"
column = "Email"
transforms = [{ op = "trim" }, { op = "case", to = "lower" }]

[[field]]
target = "department"
column = "Department"

[[field]]
target = "date_of_employment"
column = "Hire Date"
transforms = [{ op = "date", to = "iso", day_first = true }]

[[field]]
target = "phone"
column = "Phone"
transforms = [{ op = "phone", country = "DE" }]

[[field]]
target = "manager_uid"
column = "Manager ID"

[[field]]
target = "is_active"
column = "Active"
transforms = [{ op = "map", values = { yes = "1", no = "0" } }]
"#;

const COLUMNS: [&str; 9] = [
    "Employee ID",
    "First Name",
    "Last Name",
    "Email",
    "Department",
    "Hire Date",
    "Phone",
    "Manager ID",
    "Active",
];

/// `rows` people; one in a hundred has a bad email, one in a thousand a duplicate id.
fn staff(rows: usize) -> Table {
    let mut table = Table::default();
    for i in 0..rows {
        let id = if i % 1000 == 999 { i - 1 } else { i };
        let email = if i % 100 == 42 {
            format!("person.{i}@@example.com")
        } else {
            format!("Person.{i}@example.com")
        };
        let row = Row::from_cells(
            i as u64 + 2,
            [
                format!("E{id:07}"),
                format!("First{}", i % 997),
                format!("Last{}", i % 1009),
                email,
                "Engineering".to_owned(),
                format!("{:02}.03.2015", i % 28 + 1),
                format!("+49 30 {:07}", i % 10_000_000),
                if i == 0 {
                    String::new()
                } else {
                    format!("E{:07}", i / 10)
                },
                "yes".to_owned(),
            ],
        );
        table.push(&row).expect("short rows fit");
    }
    table
}

fn measure(rows: usize) {
    let catalog = lms::catalog();
    let columns: Vec<String> = COLUMNS.map(String::from).to_vec();
    let profile = Profile::from_toml(PROFILE).expect("profile");
    let mapper = Mapper::new(&profile, &catalog, &columns).expect("mapper");
    let table = Arc::new(staff(rows));
    let layout = Layout::new(PathBuf::from("staff.csv"), Format::Csv, Numbering::Row);
    let mut edits = Edits::default();
    for pass in ["first review", "after an edit"] {
        let started = Instant::now();
        let mut sheet = Edits::sheet(
            Arc::clone(&table),
            Arc::new(edits.clone()),
            layout.clone(),
            columns.clone(),
        );
        let review = Review::run(&mut sheet, &mapper, &catalog, |n| table.position(n))
            .expect("memory rows never fail");
        let took = started.elapsed();
        println!(
            "{rows} rows, {pass}: {:.2} s ({:.0} rows/s); {} invalid, {} issues on {} rows, ~{} KB kept for them",
            took.as_secs_f64(),
            rows as f64 / took.as_secs_f64(),
            review.counts().invalid,
            review.len(),
            review.problem_rows().len(),
            review.kept_bytes() / 1024
        );
        assert_eq!(review.rows(), rows as u64);
        assert!(review.counts().invalid >= (rows / 100) as u64);
        edits
            .set(&table, 42, 3, "fixed@example.com")
            .expect("row 42 is there");
    }
}

#[test]
#[ignore = "takes seconds unoptimised; run on purpose, optimised, for figures"]
fn review_bench_100_000_rows() {
    measure(100_000);
}

#[test]
#[ignore = "builds a million-row table (~150 MB); run on purpose, optimised, for figures"]
fn review_bench_1_000_000_rows() {
    measure(1_000_000);
}
