//! `jobs retry ID`: the records that failed at the target, sent once more; and with
//! `--file FIXED`, the rows of a fixed file in place of the records that failed or were held
//! back (the engine matches them, by `Muster row` or identifier), then the job pushed as
//! `jobs resume` does. A short summary of the matching comes first.
//!
//! Exits as `resume` does; 3 also when rows of the file were still invalid or not part of
//! the job.

use std::path::Path;

use anyhow::{Result, bail};
use muster_engine::job::retry::{FixReport, fix_from_sheet, issue_message};
use muster_engine::sheet::ReadOptions;
use muster_engine::store::{Store, this_process};
use muster_engine::target::connector::AnyTarget;
use serde_json::json;

use super::push::{Finish, drive, job_target, push};
use super::{SOME_FAILED, opened};
use crate::read_args::ReadArgs;
use crate::store_args::StoreArgs;

/// How many rows of each kind the summary lists.
const SHOWN: usize = 50;

pub fn run(
    id: i64,
    file: Option<&Path>,
    read: &ReadArgs,
    store: &StoreArgs,
    json: bool,
) -> Result<u8> {
    let mut store = store.open()?;
    // The target first: a job that cannot be sent any more (a sandbox rehearsal) is refused
    // before anything in its journal changes.
    let target = job_target(&store, id)?;
    // Then the claim: a job another Muster is sending is refused before its journal
    // changes under that Muster's feet. The push claims it again as the same owner.
    let owner = this_process();
    store.claim(id, &owner)?;
    let retried = retry(&mut store, id, &target, file, read, json);
    // The push let go already unless it never started; a failed release is no news.
    let _ = store.release(id, &owner);
    retried
}

fn retry(
    store: &mut Store,
    id: i64,
    target: &AnyTarget,
    file: Option<&Path>,
    read: &ReadArgs,
    json: bool,
) -> Result<u8> {
    let runtime = tokio::runtime::Runtime::new()?;
    let Some(file) = file else {
        if read.options(ReadOptions::default())? != ReadOptions::default() {
            bail!("the reading flags (--sheet, --encoding, …) go with --file FIXED");
        }
        let again = store.retry_failed(id)?;
        if !json {
            println!("job {id}: {again} failed records will be sent again");
        }
        return Ok(runtime.block_on(push(store, id, target, json))?.status());
    };
    let job = store.job(id)?;
    let mut fixed = opened::fixed(&job, file, read)?;
    let report = fix_from_sheet(store, id, &mut fixed.sheet, &fixed.mapper, &fixed.catalog)?;
    if !json {
        print_summary(&report, file);
    }
    let (finish, job) = if json {
        let (finish, job) = runtime.block_on(drive(store, id, target, true))?;
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({ "retry": report, "job": job }))?
        );
        (finish, job)
    } else {
        let finish = runtime.block_on(push(store, id, target, false))?;
        (finish, store.job(id)?)
    };
    let left_out = !report.still_invalid.is_empty() || !report.not_in_job.is_empty();
    Ok(match finish {
        Finish::Clean if left_out || job.counts.held_back > 0 => SOME_FAILED,
        finish => finish.status(),
    })
}

fn print_summary(report: &FixReport, file: &Path) {
    let id = report.job;
    let name = file.display();
    println!(
        "{name}: {} fixed and queued, {} still invalid, {} already done, {} not in job {id}",
        report.queued.len(),
        report.still_invalid.len(),
        report.already_done.len(),
        report.not_in_job.len()
    );
    if !report.still_invalid.is_empty() {
        println!("Still invalid (left as they were; fix them and retry again):");
        for row in report.still_invalid.iter().take(SHOWN) {
            for issue in &row.issues {
                println!(
                    "  {name} row {} (row {} of job {id}): {}",
                    issue.row,
                    row.source_row,
                    issue_message(issue)
                );
            }
        }
        more(report.still_invalid.len());
    }
    if !report.not_in_job.is_empty() {
        println!("Not part of job {id} (not sent):");
        for row in report.not_in_job.iter().take(SHOWN) {
            println!("  {name} row {}: {}", row.file_row, row.reason);
        }
        more(report.not_in_job.len());
    }
    if !report.already_done.is_empty() {
        let rows: Vec<String> = report
            .already_done
            .iter()
            .take(SHOWN)
            .map(|m| format!("{} ({})", m.file_row, m.was.label()))
            .collect();
        println!(
            "Already done, left alone: {name} rows {}{}",
            rows.join(", "),
            if report.already_done.len() > SHOWN {
                ", …"
            } else {
                ""
            }
        );
    }
    if !report.skipped.is_empty() {
        let rows: Vec<String> = report.skipped.iter().map(u64::to_string).collect();
        println!(
            "Left out by the profile's skip rules: {name} rows {}",
            rows.join(", ")
        );
    }
}

fn more(count: usize) {
    if count > SHOWN {
        println!("  … and {} more", count - SHOWN);
    }
}
