//! `muster pull SOURCE --profile P --to TARGET [--preview]`: the "Import via API" flow of
//! reference 000. The source connection's pages are spooled into the store (a pull stopped
//! by a crash, Ctrl-C or a rate limit goes on from its last page when run again), written
//! out as NDJSON beside the store, and that file goes through the profile, validation and
//! a job like any file. The first pull reads everyone ("one-time import"); later ones
//! only what changed since the connection's watermark, deactivations and soft deletes
//! included, unless `--full`.
//!
//! `--preview` shows the first records and the plan (created, updated, skipped,
//! unchanged) and sends nothing: the watermark stays, and `muster jobs resume` sends
//! exactly what was previewed. Exit statuses as `muster run`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use comfy_table::Table;
use muster_engine::connect::human_duration;
use muster_engine::job::Policy;
use muster_engine::mapping::Profile;
use muster_engine::secrets::Keychain;
use muster_engine::source::{
    PullEvent, PullOptions, PulledJob, Who, is_source, journal_pull, open_source, pull,
};
use muster_engine::store::Store;
use muster_engine::target::connector::Target;
use muster_engine::validate::Issues;

use crate::jobs::{self, Finish};
use crate::progress::cancel_on_ctrl_c;
use crate::run::{PolicyArg, push_target};
use crate::store_args::StoreArgs;

#[derive(clap::Args)]
pub struct Args {
    /// The saved source connection (`muster connect add NAME --kind hris|rest-source|scim`).
    source: String,
    /// The mapping profile (TOML) from the source's fields to the target's.
    #[arg(long)]
    profile: PathBuf,
    /// The saved target connection, or `sandbox` for the built-in emulator.
    #[arg(long, value_name = "CONNECTION")]
    to: String,
    /// Show the records and the plan; send nothing and keep the watermark.
    #[arg(long)]
    preview: bool,
    /// Read every user, even when an earlier pull left a watermark.
    #[arg(long)]
    full: bool,
    /// A filter of the source, as NAME=VALUE (HRIS: active, department, search, …; SCIM:
    /// filter="…"; REST: any request parameter). Repeat for more.
    #[arg(long = "filter", value_name = "NAME=VALUE")]
    filters: Vec<String>,
    /// Only this person, looked up by UID (HRIS). Repeat for more.
    #[arg(long = "uid", value_name = "UID")]
    uids: Vec<String>,
    /// Only this person, looked up by email (HRIS). Repeat for more.
    #[arg(long = "email", value_name = "EMAIL")]
    emails: Vec<String>,
    /// What to do with users who exist at the target already.
    #[arg(long, value_enum, default_value_t = PolicyArg::Update)]
    policy: PolicyArg,
    /// Ask the target to invite the people it creates, where its API can.
    #[arg(long)]
    invite: bool,
    /// Print one JSON object at the end instead of the report.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    store: StoreArgs,
}

pub fn run(args: &Args) -> Result<u8> {
    let mut store = args.store.open()?;
    let connection = store.connection(&args.source)?;
    if !is_source(&connection.kind) {
        bail!(
            "\"{}\" is a {} connection, which Muster pushes to; pull from an hris, rest-source or scim connection",
            connection.name,
            connection.kind
        );
    }
    let source = open_source(&connection, &Keychain)?;
    let profile_text = std::fs::read_to_string(&args.profile)
        .with_context(|| format!("cannot read the profile {}", args.profile.display()))?;
    let profile = Profile::from_toml(&profile_text)?;
    let catalog = profile.catalog(args.profile.parent().unwrap_or(Path::new(".")))?;
    let runtime = tokio::runtime::Runtime::new()?;
    let policy = Policy::from(args.policy);
    // The sandbox lives as long as this pull.
    let (target, _sandbox) = push_target(&runtime, &store, &args.to, catalog.target, policy)?;
    if args.invite {
        bail!(
            "{} cannot send invitations as it imports: its API has no such option. Import without --invite and invite people from its admin console",
            target.describe()
        );
    }
    // Ctrl-C is watched from the runtime; the pull stops after its current page.
    let cancel = {
        let _entered = runtime.enter();
        cancel_on_ctrl_c()
    };
    let json = args.json;
    let report = move |event: &PullEvent<'_>| {
        if !json {
            say(event);
        }
    };
    let options = PullOptions {
        full: args.full,
        filters: pairs(&args.filters)?,
        only: args
            .uids
            .iter()
            .map(|u| Who::Uid(u.clone()))
            .chain(args.emails.iter().map(|e| Who::Email(e.clone())))
            .collect(),
        cancel: Some(&cancel),
        report: &report,
    };
    let pulled = runtime.block_on(pull(&mut store, &source, &options))?;
    if pulled.records == 0 {
        let since = pulled
            .since
            .as_ref()
            .map(|w| format!(" since {}", w.after))
            .unwrap_or_default();
        if json {
            println!(
                "{}",
                serde_json::json!({ "pull": pulled.pull, "records": 0 })
            );
        } else {
            println!(
                "nothing to import: {} has no changes{since}",
                source.describe()
            );
        }
        return Ok(0);
    }
    let mut issues = Issues::keeping(0);
    let folder = pulls_folder(&store);
    let PulledJob { created, file } = journal_pull(
        &mut store,
        &pulled,
        &folder,
        &profile,
        &profile_text,
        &catalog,
        &args.to,
        policy,
        |issue| issues.push(issue.clone()),
    )?;
    let held_back = created.counts.invalid;
    if !json {
        println!(
            "job {}: {} users from {} to send to {}, {} held back by validation{}",
            created.job,
            created.counts.valid,
            source.describe(),
            target.describe(),
            held_back,
            if held_back > 0 {
                format!(" (`muster jobs show {}` lists why)", created.job)
            } else {
                String::new()
            }
        );
    }
    if args.preview {
        if !json {
            print_first(&file, pulled.records, source.identifier())?;
        }
        runtime.block_on(crate::plan::show(&mut store, created.job, &target, json))?;
        if !json {
            println!(
                "preview: nothing sent, and the next pull still starts{}; `muster jobs resume {}` sends exactly these users",
                pulled
                    .since
                    .as_ref()
                    .map(|w| format!(" from {}", w.after))
                    .unwrap_or_else(|| " from the beginning".to_owned()),
                created.job
            );
        }
        return Ok(if held_back > 0 { jobs::SOME_FAILED } else { 0 });
    }
    // The records are journaled: whatever happens to the push, the job holds them, so the
    // next sync may start after them.
    if let Some(mark) = &pulled.watermark {
        store.set_watermark(&connection.name, &mark.to_json())?;
    }
    let finish = runtime.block_on(jobs::push(&mut store, created.job, &target, json))?;
    Ok(match finish {
        Finish::Clean if held_back == 0 => 0,
        Finish::Clean | Finish::SomeFailed => jobs::SOME_FAILED,
        Finish::Cancelled => jobs::CANCELLED,
    })
}

/// What the pull says as it goes, on standard error.
fn say(event: &PullEvent<'_>) {
    match event {
        PullEvent::Started {
            since,
            resumed_at: Some(at),
            records,
        } => eprintln!(
            "going on with the pull that stopped: {records} users already in, from {}{}",
            at.describe(),
            since
                .map(|s| format!(" (changes since {s})"))
                .unwrap_or_default()
        ),
        PullEvent::Started {
            since: Some(since), ..
        } => {
            eprintln!(
                "reading the users changed since {since} (deactivations and deletions included)"
            );
        }
        PullEvent::Started { since: None, .. } => eprintln!("reading every user (one-time import)"),
        PullEvent::Page {
            number,
            records,
            total,
        } => eprintln!(
            "page {number}: {records} users so far{}",
            total
                .map(|t| format!(" ({t} match at the source)"))
                .unwrap_or_default()
        ),
        PullEvent::Waiting { wait, why } => eprintln!(
            "waiting {} before the next request: {why}. Ctrl-C stops; the same command goes on later",
            human_duration(*wait)
        ),
        PullEvent::Again { reason } => eprintln!("{reason}"),
    }
}

/// `NAME=VALUE` pairs.
fn pairs(texts: &[String]) -> Result<Vec<(String, String)>> {
    texts
        .iter()
        .map(|text| {
            text.split_once('=')
                .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
                .with_context(|| format!("--filter \"{text}\" needs the form NAME=VALUE"))
        })
        .collect()
}

/// Where pulled users are written: `pulls/` beside the store, where the job's exports and
/// retries find its rows later.
fn pulls_folder(store: &Store) -> PathBuf {
    match store.path().and_then(Path::parent) {
        Some(dir) => dir.join("pulls"),
        None => std::env::temp_dir().join("muster-pulls"),
    }
}

/// The first users of the pull, with the fields a person recognises them by.
fn print_first(file: &Path, total: u64, identifier: &str) -> Result<()> {
    const SHOWN: usize = 10;
    // Only the first lines are read: the file may hold 100,000 users.
    let opened =
        std::fs::File::open(file).with_context(|| format!("cannot read {}", file.display()))?;
    let mut table = Table::new();
    let columns = [
        identifier,
        "email",
        "first_name",
        "last_name",
        "department",
        "active",
    ];
    table.set_header(["row"].into_iter().chain(columns));
    let lines = std::io::BufRead::lines(std::io::BufReader::new(opened)).take(SHOWN);
    let mut shown = 0;
    for (i, line) in lines.enumerate() {
        let line = line.with_context(|| format!("cannot read {}", file.display()))?;
        shown += 1;
        let Ok(serde_json::Value::Object(record)) = serde_json::from_str(&line) else {
            continue;
        };
        let cells = columns
            .iter()
            .map(|c| muster_engine::source::record::text(&record, c).unwrap_or_default());
        table.add_row(std::iter::once((i + 1).to_string()).chain(cells));
    }
    println!("the first {shown} of {total} users pulled:\n{table}");
    Ok(())
}
