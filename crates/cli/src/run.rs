//! `muster run FILE --profile P --to CONNECTION`: map, validate and journal every record as
//! a job, then push the valid ones to the target with a progress bar. `--dry-run` looks
//! each record up at the target and prints the plan (create, update, skip, unchanged),
//! then stops: nothing sent; `muster jobs resume` sends later. `--to sandbox` pushes
//! to the built-in emulator of the profile's target, for a rehearsal with no account.
//!
//! Exits 0 when every record reached the target, 3 when some failed there or were held
//! back by validation, 1 when the job could not finish (it stays resumable).

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use muster_engine::job::{JobSpec, Policy, create_job};
use muster_engine::secrets::Keychain;
use muster_engine::store::Store;
use muster_engine::target::catalog::TargetKind;
use muster_engine::target::connector::{AnyTarget, Target, open_target};
use muster_engine::validate::Issues;
use muster_sandbox::Sandbox;

use crate::jobs::{self, Finish};
use crate::profiled::{self, Profiled};
use crate::read_args::ReadArgs;
use crate::store_args::StoreArgs;

/// The connection name that means "the built-in emulator".
pub const SANDBOX: &str = "sandbox";

#[derive(clap::Args)]
pub struct Args {
    /// The file to import.
    file: PathBuf,
    /// The mapping profile (TOML), e.g. from `muster map suggest`.
    #[arg(long)]
    profile: PathBuf,
    /// The saved connection to push to (`muster connect add`), or `sandbox`.
    #[arg(long, value_name = "CONNECTION")]
    to: String,
    /// What to do with records that exist at the target already.
    #[arg(long, value_enum, default_value_t = PolicyArg::Update)]
    policy: PolicyArg,
    /// Journal the job and look each record up at the target to say what would be
    /// created, updated, skipped or left unchanged, but send nothing.
    #[arg(long)]
    dry_run: bool,
    /// Print one JSON object at the end instead of the report.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    read: ReadArgs,
    #[command(flatten)]
    store: StoreArgs,
}

#[derive(clap::ValueEnum, Clone, Copy)]
pub enum PolicyArg {
    Skip,
    Update,
}

impl From<PolicyArg> for Policy {
    fn from(policy: PolicyArg) -> Policy {
        match policy {
            PolicyArg::Skip => Policy::Skip,
            PolicyArg::Update => Policy::Update,
        }
    }
}

/// Runs the command; the exit status as the module docs say.
pub fn run(args: &Args) -> Result<u8> {
    let Profiled {
        catalog,
        mut sheet,
        mapper,
        ..
    } = profiled::open(&args.file, &args.profile, &args.read)?;
    let profile_text = std::fs::read_to_string(&args.profile)
        .with_context(|| format!("cannot read the profile {}", args.profile.display()))?;
    let mut store = args.store.open()?;
    let runtime = tokio::runtime::Runtime::new()?;
    let policy = Policy::from(args.policy);
    // The sandbox lives as long as this run.
    let (target, _sandbox) = push_target(&runtime, &store, &args.to, catalog.target, policy)?;
    let mut issues = Issues::keeping(0);
    let source = args.file.display().to_string();
    let created = create_job(
        &mut store,
        &mut sheet,
        &mapper,
        &catalog,
        &JobSpec {
            source: &source,
            profile: &profile_text,
            connection: &args.to,
            policy,
        },
        |issue| issues.push(issue.clone()),
    )?;
    let held_back = created.counts.invalid;
    if !args.json {
        println!(
            "job {}: {} records to send to {}, {} held back by validation{}",
            created.job,
            created.counts.valid,
            target.describe(),
            held_back,
            if held_back > 0 {
                format!(" (`muster jobs show {}` lists why)", created.job)
            } else {
                String::new()
            }
        );
    }
    if args.dry_run {
        runtime.block_on(crate::plan::show(
            &mut store,
            created.job,
            &target,
            args.json,
        ))?;
        if args.json {
        } else if args.to == SANDBOX {
            println!(
                "dry run: nothing sent; the sandbox ends with this run, so run again without --dry-run to rehearse the push"
            );
        } else {
            println!(
                "dry run: nothing sent; `muster jobs resume {}` sends it",
                created.job
            );
        }
        return Ok(if held_back > 0 { jobs::SOME_FAILED } else { 0 });
    }
    let finish = runtime.block_on(jobs::push(&mut store, created.job, &target, args.json))?;
    Ok(match finish {
        Finish::Clean if held_back == 0 => 0,
        Finish::Clean | Finish::SomeFailed => jobs::SOME_FAILED,
        Finish::Cancelled => jobs::CANCELLED,
    })
}

/// The target a new job goes to: the built-in emulator of `kind` for `sandbox` (serving as
/// long as the returned sandbox lives), else the saved connection `to`. Refused when it
/// cannot follow `policy`.
pub fn push_target(
    runtime: &tokio::runtime::Runtime,
    store: &Store,
    to: &str,
    kind: TargetKind,
    policy: Policy,
) -> Result<(AnyTarget, Option<Sandbox>)> {
    let (target, sandbox) = if to == SANDBOX {
        let (target, sandbox) = runtime.block_on(crate::rehearsal::sandbox_target(kind))?;
        (target, Some(sandbox))
    } else {
        (connection_target(store, to, kind)?, None)
    };
    if !target.policies().contains(&policy) {
        bail!(
            "{} cannot skip existing records (it creates or updates by identifier); run with --policy update",
            target.describe()
        );
    }
    Ok((target, sandbox))
}

/// The target behind a saved connection, with its secrets from the keychain.
pub fn connection_target(store: &Store, name: &str, expected: TargetKind) -> Result<AnyTarget> {
    if name == SANDBOX {
        bail!(
            "a job pushed to the sandbox cannot be resumed once that run has ended; start a new one with `muster run … --to sandbox`"
        );
    }
    let connection = store.connection(name)?;
    if !connection.kind.eq_ignore_ascii_case(expected.name()) {
        bail!(
            "the connection \"{name}\" is a {} connection, but the profile maps onto {}; pick a {} connection",
            connection.kind,
            expected,
            expected.name()
        );
    }
    Ok(open_target(&connection, &Keychain)?)
}
