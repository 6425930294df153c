//! `muster validate FILE --profile P`: every record mapped and checked before anything is
//! sent; a readable report, or `--json` for scripts. Exits 0 when every record is valid,
//! 3 when some are not (so `muster validate … && muster push …` stops at bad data), 1 when
//! the file or profile cannot be used. `--issues FILE` also writes every issue to a CSV
//! (the columns of `muster export`'s issues.csv, every cell guarded against formulas).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use muster_engine::sheet::Problem;
use muster_engine::target::export::{ISSUE_COLUMNS, neutralise};
use muster_engine::validate::{Counts, Issue, Issues, validate_sheet};
use serde::Serialize;

use crate::profiled::{self, Profiled};
use crate::read_args::ReadArgs;

/// The exit status when the run worked but some records are invalid.
pub const SOME_INVALID: u8 = 3;

#[derive(clap::Args)]
pub struct Args {
    /// The file to validate.
    file: PathBuf,
    /// The mapping profile (TOML), e.g. from `muster map suggest`.
    #[arg(long)]
    profile: PathBuf,
    #[command(flatten)]
    read: ReadArgs,
    /// How many issues to list (the counts always cover every issue).
    #[arg(long, default_value_t = 1000)]
    limit: usize,
    /// Print one JSON object instead of the report.
    #[arg(long)]
    json: bool,
    /// Also write every issue to this CSV file (row, column, field, severity, code,
    /// message, value), whatever --limit says.
    #[arg(long, value_name = "FILE")]
    issues: Option<PathBuf>,
}

#[derive(Serialize)]
struct Report<'a> {
    file: &'a Path,
    target: String,
    records: u64,
    valid: u64,
    invalid: u64,
    skipped: u64,
    errors: u64,
    warnings: u64,
    counts: &'a BTreeMap<&'static str, u64>,
    issues: &'a [Issue],
    /// Problems reading the file itself (ragged rows, undecodable text).
    file_problems: &'a [Problem],
}

/// Runs the command; `Ok(true)` when every record is valid.
pub fn run(args: &Args) -> Result<bool> {
    let Profiled {
        catalog,
        mut sheet,
        mapper,
        ..
    } = profiled::open(&args.file, &args.profile, &args.read)?;
    let mut issues = Issues::keeping(args.limit);
    let progress =
        crate::progress::RowProgress::reading(&format!("Validating {}", args.file.display()));
    let mut seen = 0u64;
    let mut file = args.issues.as_deref().map(IssuesCsv::create).transpose()?;
    let mut written = Ok(());
    let counts = validate_sheet(&mut sheet, &mapper, &catalog, |issue| {
        seen += 1;
        progress.row(seen);
        if let Some(file) = &mut file
            && written.is_ok()
        {
            written = file.write(&issue);
        }
        issues.push(issue);
    })?;
    progress.finish();
    written?;
    if let Some(file) = file {
        file.finish()?;
    }
    let report = Report {
        file: &args.file,
        target: catalog.target.to_string(),
        records: counts.records,
        valid: counts.valid,
        invalid: counts.invalid,
        skipped: counts.skipped,
        errors: issues.errors(),
        warnings: issues.warnings(),
        counts: issues.counts(),
        issues: issues.list(),
        file_problems: sheet.problems().list(),
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        write_report(&mut out, &report, &counts, &args.profile)?;
    }
    Ok(counts.invalid == 0)
}

/// `--issues FILE`: every issue, one CSV row each.
struct IssuesCsv<'p> {
    path: &'p Path,
    csv: csv::Writer<std::io::BufWriter<std::fs::File>>,
}

impl<'p> IssuesCsv<'p> {
    fn create(path: &'p Path) -> Result<IssuesCsv<'p>> {
        let file = std::fs::File::create(path)
            .with_context(|| format!("could not create the issues file {}", path.display()))?;
        let mut csv = csv::Writer::from_writer(std::io::BufWriter::new(file));
        csv.write_record(ISSUE_COLUMNS)
            .with_context(|| format!("could not write {}", path.display()))?;
        Ok(IssuesCsv { path, csv })
    }

    fn write(&mut self, issue: &Issue) -> Result<()> {
        let row = issue.row.to_string();
        let cells = [
            row.as_str(),
            &issue.column,
            &issue.field,
            issue.severity.name(),
            issue.code,
            &issue.message,
            &issue.value,
        ];
        self.csv
            .write_record(cells.map(neutralise).iter().map(|c| c.as_bytes()))
            .with_context(|| format!("could not write {}", self.path.display()))
    }

    fn finish(mut self) -> Result<()> {
        self.csv
            .flush()
            .with_context(|| format!("could not write {}", self.path.display()))
    }
}

fn write_report(
    out: &mut impl Write,
    report: &Report<'_>,
    counts: &Counts,
    profile: &Path,
) -> Result<()> {
    writeln!(out, "File       {}", report.file.display())?;
    writeln!(
        out,
        "Profile    {} (target {})",
        profile.display(),
        report.target
    )?;
    writeln!(
        out,
        "Records    {}: {} valid, {} invalid{}",
        counts.records,
        counts.valid,
        counts.invalid,
        if counts.skipped > 0 {
            format!(", {} skipped by the profile's rules", counts.skipped)
        } else {
            String::new()
        }
    )?;
    writeln!(
        out,
        "Issues     {} errors, {} warnings",
        report.errors, report.warnings
    )?;
    if !report.counts.is_empty() {
        writeln!(out)?;
        writeln!(out, "By problem:")?;
        for (code, n) in report.counts {
            writeln!(out, "  {code:<24} {n}")?;
        }
        writeln!(out)?;
        writeln!(out, "First issues:")?;
        for issue in report.issues.iter().take(25) {
            let level = issue.severity.name();
            let column = if issue.column.is_empty() {
                String::new()
            } else {
                format!(", column \"{}\"", issue.column)
            };
            writeln!(
                out,
                "  row {}{column} → {} ({level}): {}",
                issue.row, issue.field, issue.message
            )?;
        }
        let total = report.errors + report.warnings;
        if total > 25 {
            writeln!(
                out,
                "  … and {} more (use --json for the list).",
                total - 25
            )?;
        }
    }
    if !report.file_problems.is_empty() {
        writeln!(out)?;
        writeln!(out, "Problems reading the file:")?;
        for problem in report.file_problems.iter().take(10) {
            writeln!(out, "  - {problem}")?;
        }
    }
    if counts.invalid == 0 {
        writeln!(out)?;
        writeln!(out, "Every record is valid.")?;
    }
    Ok(())
}
