//! `muster`: the command-line twin of the desktop app. Each subcommand is a thin translation
//! of arguments into engine calls and of engine results into text for people or JSON.

mod connect;
mod export;
mod generate;
mod inspect;
mod jobs;
mod listen;
mod map;
mod plan;
mod profiled;
mod progress;
mod pull;
mod read_args;
mod rehearsal;
mod run;
mod sandbox;
mod store_args;
mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "muster",
    version,
    about = "Move people records from files and HR systems into identity and HR systems."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Show what Muster sees in a file: format, encoding, sheet, header row, columns, rows, problems.
    Inspect(inspect::Args),
    /// Mapping profiles: `muster map suggest FILE --target KIND > profile.toml`.
    #[command(subcommand)]
    Map(map::Command),
    /// Map and check every record of a file against a target, before anything is sent.
    Validate(validate::Args),
    /// Write a realistic HR export of any size, with a chosen share of defects, for tests and rehearsals.
    Generate(generate::Args),
    /// Write target-ready files for upload by hand, with issues.csv, issues.xlsx and rejected.csv.
    Export(export::Args),
    /// Map, validate, journal and push a file to a target: `--to CONNECTION` or `--to sandbox`.
    Run(run::Args),
    /// Pull users from a source connection (an HR system's API) and push them to a target:
    /// a one-time import, then incremental syncs of what changed.
    Pull(pull::Args),
    /// Jobs in the store: list, show, resume, retry, cancel, export.
    #[command(subcommand)]
    Jobs(jobs::Command),
    /// Receive a source's webhooks and push each change to a target through a profile.
    Listen(listen::Args),
    /// Saved connections to targets; secrets go to the OS keychain.
    #[command(subcommand)]
    Connect(connect::Command),
    /// Start the emulators of the target APIs on this computer, for offline rehearsals.
    Sandbox(sandbox::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Inspect(args) => inspect::run(&args).map(|()| ExitCode::SUCCESS),
        Command::Map(command) => map::run(&command).map(|()| ExitCode::SUCCESS),
        Command::Validate(args) => validate::run(&args).map(|all_valid| {
            if all_valid {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(validate::SOME_INVALID)
            }
        }),
        Command::Generate(args) => generate::run(&args).map(|()| ExitCode::SUCCESS),
        Command::Export(args) => export::run(&args).map(|()| ExitCode::SUCCESS),
        Command::Run(args) => run::run(&args).map(ExitCode::from),
        Command::Pull(args) => pull::run(&args).map(ExitCode::from),
        Command::Jobs(command) => jobs::run(&command).map(ExitCode::from),
        Command::Listen(args) => listen::run(&args).map(|()| ExitCode::SUCCESS),
        Command::Connect(command) => connect::run(&command).map(|()| ExitCode::SUCCESS),
        Command::Sandbox(args) => sandbox::run(&args).map(|()| ExitCode::SUCCESS),
    };
    match outcome {
        Ok(code) => code,
        // A reader that stops early (`muster inspect … | head`) is not a failure.
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error:#}");
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|e| {
        let io = e.downcast_ref::<std::io::Error>().map(std::io::Error::kind);
        let json = e
            .downcast_ref::<serde_json::Error>()
            .and_then(serde_json::Error::io_error_kind);
        io.or(json) == Some(std::io::ErrorKind::BrokenPipe)
    })
}
