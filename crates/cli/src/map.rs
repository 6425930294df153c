//! `muster map suggest FILE --target KIND > profile.toml`: a starting profile from the file's
//! column names and a sample of its values, with the confidence and the reason of each match
//! as comments, ready to be read, corrected and saved.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use muster_engine::mapping::suggest::{MAP_THRESHOLD, profile_from, suggest, unmapped_required};
use muster_engine::sheet::{self, ReadOptions, Row};
use muster_engine::target::catalog::{self, TargetKind};

use crate::read_args::ReadArgs;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Propose a mapping profile for a file and a target; prints TOML.
    Suggest(SuggestArgs),
}

#[derive(clap::Args)]
pub struct SuggestArgs {
    /// The file to map.
    file: PathBuf,
    /// The target: auth0, authgear, lms, scim or rest.
    #[arg(long)]
    target: String,
    /// For a custom REST target: its field definitions (TOML).
    #[arg(long)]
    catalog: Option<PathBuf>,
    /// The country for phone numbers written without a country code (ISO 3166, e.g. DE).
    #[arg(long, default_value = "US")]
    country: String,
    /// How many rows to sample for value shapes.
    #[arg(long, default_value_t = 200)]
    sample: usize,
    #[command(flatten)]
    read: ReadArgs,
}

pub fn run(command: &Command) -> Result<()> {
    match command {
        Command::Suggest(args) => suggest_profile(args),
    }
}

fn suggest_profile(args: &SuggestArgs) -> Result<()> {
    let kind = TargetKind::from_name(&args.target).with_context(|| {
        format!(
            "\"{}\" is not a target Muster knows. Use auth0, authgear, lms, scim or rest.",
            args.target
        )
    })?;
    let catalog = match (kind, &args.catalog) {
        (TargetKind::Rest, Some(path)) => {
            let text = std::fs::read_to_string(path).with_context(|| {
                format!(
                    "Muster cannot read the field definitions {}",
                    path.display()
                )
            })?;
            catalog::rest::from_toml(&text)?
        }
        (TargetKind::Rest, None) => {
            anyhow::bail!(
                "A custom REST target needs its field definitions: pass --catalog fields.toml."
            )
        }
        (kind, _) => catalog::builtin(kind).context("no built-in catalog for this target")?,
    };
    let mut sheet = sheet::open(&args.file, &args.read.options(ReadOptions::default())?)?;
    let columns = sheet.columns().to_vec();
    let mut rows = Vec::new();
    let mut row = Row::default();
    while rows.len() < args.sample && sheet.next_row(&mut row)? {
        rows.push(row.clone());
    }
    let suggestions = suggest(&catalog, &columns, &rows);
    let mut profile = profile_from(&catalog, &suggestions, &rows, &columns, &args.country);
    if let Some(path) = &args.catalog {
        profile.catalog = Some(path.display().to_string());
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "# Suggested by `muster map suggest` for {} → {kind}.",
        args.file.display()
    )?;
    writeln!(
        out,
        "# Matches below {MAP_THRESHOLD} are left out. Check each one, then run `muster validate`."
    )?;
    writeln!(out, "#")?;
    for s in suggestions
        .iter()
        .filter(|s| s.column.is_some() || catalog.field(&s.field).is_some_and(|f| f.required))
    {
        let column = s.column.as_deref().unwrap_or("(no column)");
        writeln!(
            out,
            "# {:<28} ← {:<24} {:>4.0}%  {}",
            s.field,
            column,
            s.confidence * 100.0,
            s.reason
        )?;
    }
    writeln!(out)?;
    write!(out, "{}", profile.to_toml())?;
    let missing = unmapped_required(&catalog, &profile);
    if !missing.is_empty() {
        eprintln!(
            "{kind} requires {}, but no column fits. Add a [[field]] for {} (a column, a constant or a template) before validating.",
            missing.join(", "),
            if missing.len() == 1 { "it" } else { "each" }
        );
    }
    Ok(())
}
