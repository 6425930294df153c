//! `muster jobs list|show|resume|retry|cancel|export`: every job in the store, what became of
//! each record, and the ways to finish a job that stopped.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context, Result};
use comfy_table::Table;
use indicatif::{ProgressBar, ProgressStyle};
use muster_engine::job::{Ended, Outcome, RunOptions};
use muster_engine::store::{Job, Store};
use muster_engine::target::catalog::TargetKind;
use muster_engine::target::connector::Target;
use muster_engine::target::export::neutralise;

use crate::run::connection_target;
use crate::store_args::StoreArgs;

/// Exit status: the job ended, but some records failed at the target or were held back.
pub const SOME_FAILED: u8 = 3;
/// Exit status: the person cancelled; the job is resumable.
pub const CANCELLED: u8 = 4;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Every job, newest first, with its counts.
    List {
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// One job: its counts and the records that failed, with the target's message.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Go on with a job that stopped: first settle what was in flight, then send the rest.
    Resume {
        id: i64,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Send the records that failed at the target once more (after fixing the cause there).
    Retry {
        id: i64,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Ask a running job to stop after its current batch; `resume` goes on later.
    Cancel {
        id: i64,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Write every record's outcome as results.csv (formula-safe) into a folder.
    Export {
        id: i64,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        #[command(flatten)]
        store: StoreArgs,
    },
}

/// How a push ended, for the exit status.
pub enum Finish {
    Clean,
    SomeFailed,
    Cancelled,
}

pub fn run(command: &Command) -> Result<u8> {
    match command {
        Command::List { json, store } => {
            let jobs = store.open()?.jobs()?;
            if *json {
                serde_json::to_writer_pretty(std::io::stdout().lock(), &jobs)?;
                println!();
            } else if jobs.is_empty() {
                println!("no jobs yet; `muster run FILE --profile P --to CONNECTION` starts one");
            } else {
                println!("{}", table(&jobs));
            }
            Ok(0)
        }
        Command::Show { id, json, store } => {
            let store = store.open()?;
            let job = store.job(*id)?;
            if *json {
                print_json(&job)?;
            } else {
                println!("{}", table(std::slice::from_ref(&job)));
                let failed = store.records(*id, Some(Outcome::Failed))?;
                for record in failed.iter().take(50) {
                    let outcome = record.outcome.as_ref();
                    println!(
                        "row {} ({}): {}{}",
                        record.source_row,
                        record.identifier,
                        outcome
                            .and_then(|o| o.message.as_deref())
                            .unwrap_or("failed"),
                        outcome
                            .and_then(|o| o.code.as_deref())
                            .map(|c| format!(" [{c}]"))
                            .unwrap_or_default()
                    );
                }
                if failed.len() > 50 {
                    println!(
                        "… and {} more; `muster jobs export {id}` writes them all",
                        failed.len() - 50
                    );
                }
            }
            Ok(0)
        }
        Command::Resume { id, json, store } => resume(*id, store, *json, false),
        Command::Retry { id, json, store } => resume(*id, store, *json, true),
        Command::Cancel { id, store } => {
            store.open()?.request_cancel(*id)?;
            println!("job {id} stops after its current batch; `muster jobs resume {id}` goes on");
            Ok(0)
        }
        Command::Export { id, out, store } => {
            let store = store.open()?;
            let written = export(&store, *id, out)?;
            println!("{}", written.display());
            Ok(0)
        }
    }
}

fn resume(id: i64, store: &StoreArgs, json: bool, failed_again: bool) -> Result<u8> {
    let mut store = store.open()?;
    let job = store.job(id)?;
    let kind = TargetKind::from_name(&job.target_kind)
        .with_context(|| format!("job {id} names an unknown target \"{}\"", job.target_kind))?;
    let target = connection_target(&store, &job.connection, kind)?;
    if failed_again {
        let again = store.retry_failed(id)?;
        if !json {
            println!("job {id}: {again} failed records will be sent again");
        }
    }
    let runtime = tokio::runtime::Runtime::new()?;
    Ok(
        match runtime.block_on(push(&mut store, id, &target, json))? {
            Finish::Clean => 0,
            Finish::SomeFailed => SOME_FAILED,
            Finish::Cancelled => CANCELLED,
        },
    )
}

/// Pushes job `id` with a progress bar (terminal only) and Ctrl-C as cancel; prints the
/// outcome counts.
pub async fn push(store: &mut Store, id: i64, target: &impl Target, json: bool) -> Result<Finish> {
    let cancel = Arc::new(AtomicBool::new(false));
    let on_interrupt = Arc::clone(&cancel);
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_interrupt.store(true, Ordering::SeqCst);
        }
    });
    let bar = progress_bar(store.counts(id)?.total, json);
    let shown = bar.clone();
    let options = RunOptions {
        cancel,
        poll_every: Duration::from_secs(2),
        progress: Box::new(move |p| {
            shown.set_position(p.counts.done());
            let eta = p
                .eta()
                .map(|d| format!(", {} left", muster_engine::connect::human_duration(d)))
                .unwrap_or_default();
            shown.set_message(format!("{:.0} records/s{eta}", p.rate()));
        }),
    };
    let result = muster_engine::job::run(store, id, target, options).await;
    bar.finish_and_clear();
    let (ended, counts) = result?;
    let job = store.job(id)?;
    if json {
        print_json(&job)?;
    } else {
        println!(
            "job {id} {}: {} created, {} updated, {} skipped, {} unchanged, {} failed{}",
            job.status.as_str(),
            counts.created,
            counts.updated,
            counts.skipped,
            counts.unchanged,
            counts.failed,
            if counts.failed > 0 {
                format!(" (`muster jobs show {id}` lists them)")
            } else {
                String::new()
            }
        );
    }
    Ok(match ended {
        Ended::Cancelled => Finish::Cancelled,
        Ended::Finished if counts.failed > 0 => Finish::SomeFailed,
        Ended::Finished => Finish::Clean,
    })
}

fn progress_bar(total: u64, quiet: bool) -> ProgressBar {
    if quiet || !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total);
    let style = ProgressStyle::with_template("{bar:30} {pos}/{len} records, {msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

pub fn print_json(job: &Job) -> Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, job)?;
    writeln!(out)?;
    Ok(())
}

fn table(jobs: &[Job]) -> Table {
    let mut table = Table::new();
    table.set_header([
        "job", "status", "source", "to", "records", "created", "updated", "skipped", "failed",
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
            (c.pending + c.in_flight).to_string(),
        ]);
    }
    table
}

/// Writes `results.csv`: row, identifier, outcome, target id, code, message.
fn export(store: &Store, id: i64, out: &std::path::Path) -> Result<PathBuf> {
    std::fs::create_dir_all(out)
        .with_context(|| format!("cannot create the folder {}", out.display()))?;
    let path = out.join("results.csv");
    let mut writer = csv::Writer::from_path(&path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    writer.write_record([
        "row",
        "identifier",
        "outcome",
        "target_id",
        "code",
        "message",
    ])?;
    for record in store.records(id, None)? {
        let outcome = record.outcome.as_ref();
        let cells = [
            record.source_row.to_string(),
            record.identifier.clone(),
            outcome
                .map_or("pending", |o| o.outcome.as_str())
                .to_string(),
            outcome
                .and_then(|o| o.target_id.clone())
                .unwrap_or_default(),
            outcome.and_then(|o| o.code.clone()).unwrap_or_default(),
            outcome.and_then(|o| o.message.clone()).unwrap_or_default(),
        ];
        writer.write_record(cells.iter().map(|c| neutralise(c).into_owned()))?;
    }
    writer.flush()?;
    Ok(path)
}
