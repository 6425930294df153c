//! `jobs export ID --out DIR`: `results.csv` and `results.xlsx` (every record's outcome),
//! and `failed-rows.csv` and `failed-rows.xlsx` (the original rows of the records that
//! failed or were held back, to fix and send with `jobs retry ID --file`), formula-safe.
//!
//! Exits 0 when every file was written; 3 when some rows to fix could not be taken from the
//! job's source file (gone, moved or changed: the output says which and what to do).

use std::path::Path;

use anyhow::{Context, Result};
use muster_engine::job::retry::{
    FailedRows, MUSTER_ROW, count_to_fix, remove_failed_rows, write_failed_rows, write_results,
};
use muster_engine::store::Store;

use super::{SOME_FAILED, opened};
use crate::read_args::ReadArgs;

/// How many rows the output lists before pointing at `results.csv`.
const SHOWN: usize = 20;

pub fn run(
    store: &Store,
    id: i64,
    out: &Path,
    source: Option<&Path>,
    read: &ReadArgs,
) -> Result<u8> {
    let job = store.job(id)?;
    std::fs::create_dir_all(out)
        .with_context(|| format!("cannot create the folder {}", out.display()))?;
    let results = write_results(store, id, out)?;
    println!("Wrote:");
    for path in &results.files {
        println!("  {:<40} {} records", path.display(), results.rows);
    }
    let to_fix = count_to_fix(store, id)?;
    let source = source.unwrap_or(Path::new(&job.source));
    if to_fix == 0 {
        remove_failed_rows(out, source)?;
        println!("No record failed or was held back: there are no rows to fix.");
        return Ok(0);
    }
    let opened = match opened::source(&job, source, read) {
        Ok(opened) => opened,
        Err(error) => {
            remove_failed_rows(out, source)?;
            eprintln!(
                "failed-rows.csv was not written: the source file of job {id}, {}, cannot be read ({error:#}).\n\
                 {to_fix} records need fixing; results.csv lists them with their problem. If the file moved, \
                 name it with `--source FILE` and export again. Or fix those rows in your own copy of the file \
                 and run `muster jobs retry {id} --file FILE`: rows without a \"{MUSTER_ROW}\" column are matched by identifier.",
                source.display()
            );
            return Ok(SOME_FAILED);
        }
    };
    let mut opened = opened;
    let report = write_failed_rows(
        store,
        id,
        &mut opened.sheet,
        &opened.mapper,
        &opened.catalog,
        out,
    )?;
    for path in &report.files {
        println!("  {:<40} {} rows to fix", path.display(), report.written);
    }
    if let Some(first) = report.files.first() {
        println!(
            "Fix the cells in {} (or the .xlsx) and keep its \"{MUSTER_ROW}\" column, then run `muster jobs retry {id} --file {}`.",
            first.display(),
            first.display()
        );
    }
    if report.not_found.is_empty() {
        return Ok(0);
    }
    print_not_found(id, source, &report);
    Ok(SOME_FAILED)
}

fn print_not_found(id: i64, source: &Path, report: &FailedRows) {
    let missing = report.not_found.len();
    let written = if report.files.is_empty() {
        "failed-rows.csv was not written"
    } else {
        "failed-rows.csv leaves them out"
    };
    eprintln!(
        "{missing} of the {} rows to fix are no longer in {} as job {id} read them; {written}:",
        report.to_fix,
        source.display()
    );
    for row in report.not_found.iter().take(SHOWN) {
        let who = if row.identifier.is_empty() {
            String::new()
        } else {
            format!(" ({})", row.identifier)
        };
        eprintln!("  row {}{who}: {}", row.source_row, row.why.describe());
    }
    if missing > SHOWN {
        eprintln!("  … and {} more", missing - SHOWN);
    }
    eprintln!(
        "results.csv lists them with their problem. Fix them in the file you have and run \
         `muster jobs retry {id} --file FILE`: rows without a \"{MUSTER_ROW}\" column are matched by identifier."
    );
}
