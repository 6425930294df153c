//! `muster jobs list|show|resume|retry|cancel|export`: every job in the store, what became of
//! each record, and the ways to finish a job that stopped or to send fixed rows.

mod export;
mod opened;
mod push;
mod retry;
mod show;

use std::path::PathBuf;

use anyhow::Result;

use crate::read_args::ReadArgs;
use crate::store_args::StoreArgs;

pub use push::{Finish, print_json, push};

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
    /// One job: its counts, the records that failed with the target's message, and the
    /// rows held back by validation with theirs.
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
    /// Send the records that failed at the target once more (after fixing the cause there),
    /// or with --file, the rows of a fixed file (failed-rows.csv from `jobs export`, or the
    /// original file corrected) in place of the records that failed or were held back.
    Retry {
        id: i64,
        /// A fixed file: rows are matched by its `Muster row` column, else by identifier.
        #[arg(long, value_name = "FIXED")]
        file: Option<PathBuf>,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        read: ReadArgs,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Ask a running job to stop after its current batch; `resume` goes on later.
    Cancel {
        id: i64,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Write every record's outcome (results.csv, results.xlsx) and the original rows that
    /// need fixing (failed-rows.csv, failed-rows.xlsx) into a folder, formula-safe.
    Export {
        id: i64,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Where the job's source file is now, when it moved since the job ran.
        #[arg(long, value_name = "FILE")]
        source: Option<PathBuf>,
        #[command(flatten)]
        read: ReadArgs,
        #[command(flatten)]
        store: StoreArgs,
    },
}

pub fn run(command: &Command) -> Result<u8> {
    match command {
        Command::List { json, store } => show::list(&store.open()?, *json),
        Command::Show { id, json, store } => show::show(&store.open()?, *id, *json),
        Command::Resume { id, json, store } => push::resume(*id, store, *json),
        Command::Retry {
            id,
            file,
            json,
            read,
            store,
        } => retry::run(*id, file.as_deref(), read, store, *json),
        Command::Cancel { id, store } => {
            store.open()?.request_cancel(*id)?;
            println!("job {id} stops after its current batch; `muster jobs resume {id}` goes on");
            Ok(0)
        }
        Command::Export {
            id,
            out,
            source,
            read,
            store,
        } => export::run(&store.open()?, *id, out, source.as_deref(), read),
    }
}
