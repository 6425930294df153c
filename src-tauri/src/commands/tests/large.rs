//! A million-row file, as the issue asks the grid to scroll: how long it takes to open and
//! what the kept table costs beside the file. Ignored by default, as it writes ~150 MB:
//! `cargo test -p muster-desktop -- --ignored million --nocapture` (here, unoptimised: 3.3 s
//! to read whole, the table 1.40× the file, a window anywhere in milliseconds; the first
//! rows come long before, see `loading.rs`).

use std::io::{BufWriter, Write};
use std::time::Instant;

use super::path_text;
use crate::commands::sheet::{open, rows, status};
use crate::sheets::Sheets;

const ROWS: u64 = 1_000_000;

#[test]
#[ignore = "writes a ~150 MB file; run on purpose"]
fn a_million_rows_cost_about_the_file_and_scroll_anywhere() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("million.csv");
    let file = std::fs::File::create(&path).expect("create");
    let mut out = BufWriter::new(file);
    writeln!(
        out,
        "Employee ID;First Name;Last Name;Email;Department;Job Title;Hire Date;Birth Date;Phone;Manager ID;Employment Status;Active"
    )
    .expect("write");
    for i in 0..ROWS {
        writeln!(
            out,
            "E{i:07};Firstname{};Lastname{};person.{i}@example.com;Engineering;Software Engineer;2015-03-{:02};1980-07-{:02};+49 30 {:07};E{:07};full_time;yes",
            i % 997,
            i % 1009,
            i % 28 + 1,
            i % 28 + 1,
            i % 10_000_000,
            i / 10
        )
        .expect("write");
    }
    out.flush().expect("flush");
    drop(out);
    let file_bytes = std::fs::metadata(&path).expect("size").len();

    let sheets = Sheets::default();
    let started = Instant::now();
    let info = open(&sheets, &path_text(path.clone()), None).expect("open");
    let first_rows = started.elapsed();
    let heap = sheets.get(info.sheet_id).expect("open").table.heap_bytes() as u64;
    let opened = started.elapsed();
    assert_eq!(
        status(&sheets, info.sheet_id).expect("read").row_count,
        ROWS
    );

    let started = Instant::now();
    let end = rows(&sheets, info.sheet_id, ROWS - 50, 50).expect("end");
    let middle = rows(&sheets, info.sheet_id, ROWS / 2, 50).expect("middle");
    let windows = started.elapsed();
    assert_eq!(end.rows.last().map(|r| r.number), Some(ROWS + 1));
    assert_eq!(middle.rows[0].cells[0], format!("E{:07}", ROWS / 2));

    eprintln!(
        "{ROWS} rows, file {:.1} MB: first rows in {first_rows:?}, read whole in {:.1} s, table {:.1} MB ({:.2}× the file), two windows of 50 in {:?}",
        file_bytes as f64 / 1e6,
        opened.as_secs_f64(),
        heap as f64 / 1e6,
        heap as f64 / file_bytes as f64,
        windows
    );
    assert!(
        heap < file_bytes * 3 / 2,
        "{heap} bytes for a {file_bytes}-byte file"
    );
}

/// The figure for docs/performance.md ("The desktop app under load"): the benchmark's
/// million-row file (made by `cargo run --release -p muster-bench`), from `open_sheet` to
/// the grid's first window.
/// `cargo test --release -p muster-desktop -- --ignored first_rows --nocapture`
#[test]
#[ignore = "needs bench-data/hr-1000000.csv; run on purpose, in a release build"]
fn first_rows_of_the_benchmark_million() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../bench-data/hr-1000000.csv");
    assert!(
        path.exists(),
        "{} is missing: make it with `cargo run --release -p muster-bench`",
        path.display()
    );
    let sheets = Sheets::default();
    let started = Instant::now();
    let info = open(&sheets, &path_text(path), None).expect("open");
    let first = rows(&sheets, info.sheet_id, 0, 100).expect("first window");
    let first_rows = started.elapsed();
    assert_eq!(first.rows.len(), 100);
    let counted_then = first.total;
    let heap = sheets.get(info.sheet_id).expect("read").table.heap_bytes();
    let whole = started.elapsed();
    let all = status(&sheets, info.sheet_id).expect("status");
    assert_eq!((all.row_count, all.complete), (ROWS, true));
    eprintln!(
        "bench-data/hr-1000000.csv: first 100 rows in {:.1} ms ({counted_then} rows read then), every row read in {:.2} s, table {:.1} MB",
        first_rows.as_secs_f64() * 1e3,
        whole.as_secs_f64(),
        heap as f64 / 1e6
    );
}
