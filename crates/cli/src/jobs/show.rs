//! `jobs list` and `jobs show ID`: the jobs with their counts, and one job's records that
//! need a person (failed at the target, then held back by validation) with their messages.

use anyhow::Result;
use comfy_table::Table;
use muster_engine::job::Plan;
use muster_engine::store::retry::{Entry, Standing};
use muster_engine::store::{Job, Store, StoreError};

use super::print_json;

/// How many records of each kind `show` lists before pointing at `jobs export`.
const SHOWN: usize = 50;

pub fn list(store: &Store, json: bool) -> Result<u8> {
    let jobs = store.jobs()?;
    if json {
        serde_json::to_writer_pretty(std::io::stdout().lock(), &jobs)?;
        println!();
    } else if jobs.is_empty() {
        println!("no jobs yet; `muster run FILE --profile P --to CONNECTION` starts one");
    } else {
        println!("{}", table(&jobs));
    }
    Ok(0)
}

pub fn show(store: &Store, id: i64, json: bool) -> Result<u8> {
    let job = store.job(id)?;
    if json {
        print_json(&job)?;
        return Ok(0);
    }
    println!("{}", table(std::slice::from_ref(&job)));
    // A job planned (`run --dry-run`) and not all sent yet: what the plan expects.
    let counts = store.plan_counts(id)?;
    if job.counts.pending > 0 && counts.total() > 0 {
        let plan = Plan {
            counts,
            samples: store.plan_samples(id, 5)?,
            complete: true,
        };
        crate::plan::print(&plan, &format!("\"{}\"", job.connection));
    }
    let mut failed = Listed::default();
    let mut held = Listed::default();
    store.for_each_entry(id, |entry| {
        match entry.standing {
            Standing::Settled(muster_engine::job::Outcome::Failed) => failed.add(entry),
            Standing::Held => held.add(entry),
            _ => {}
        }
        Ok::<(), StoreError>(())
    })?;
    failed.print(id, "failed at the target", "failed");
    held.print(id, "held back by validation", "held back");
    if failed.count + held.count > 0 {
        println!(
            "`muster jobs export {id} --out DIR` writes them with their original rows, to fix and send with `muster jobs retry {id} --file DIR/failed-rows.csv`"
        );
    }
    Ok(0)
}

/// The first records of one kind, and how many there are.
#[derive(Default)]
struct Listed {
    first: Vec<Entry>,
    count: usize,
}

impl Listed {
    fn add(&mut self, entry: Entry) {
        self.count += 1;
        if self.first.len() < SHOWN {
            self.first.push(entry);
        }
    }

    fn print(&self, id: i64, heading: &str, fallback: &str) {
        if self.count == 0 {
            return;
        }
        println!("{} {heading}:", self.count);
        for entry in &self.first {
            let who = if entry.identifier.is_empty() {
                "no identifier".to_owned()
            } else {
                entry.identifier.clone()
            };
            println!(
                "  row {} ({who}): {}{}",
                entry.source_row,
                entry.message.as_deref().unwrap_or(fallback),
                entry
                    .code
                    .as_deref()
                    .map(|c| format!(" [{c}]"))
                    .unwrap_or_default()
            );
        }
        if self.count > self.first.len() {
            println!(
                "  … and {} more; `muster jobs export {id} --out DIR` writes them all",
                self.count - self.first.len()
            );
        }
    }
}

fn table(jobs: &[Job]) -> Table {
    let mut table = Table::new();
    table.set_header([
        "job",
        "status",
        "source",
        "to",
        "records",
        "created",
        "updated",
        "skipped",
        "failed",
        "held back",
        "pending",
    ]);
    for job in jobs {
        let c = &job.counts;
        table.add_row([
            job.id.to_string(),
            job.status.as_str().to_string(),
            job.source.clone(),
            format!("{} ({})", job.connection, job.target_kind),
            c.total.to_string(),
            c.created.to_string(),
            c.updated.to_string(),
            (c.skipped + c.unchanged).to_string(),
            c.failed.to_string(),
            c.held_back.to_string(),
            (c.pending + c.in_flight).to_string(),
        ]);
    }
    table
}
