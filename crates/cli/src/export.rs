//! `muster export FILE --profile P --out DIR`: the target-ready files a consultant hands
//! over or uploads by hand, with `issues.csv`, `issues.xlsx` and `rejected.csv` beside them.
//! Exits 0 when the files were written, whatever share of the records was valid (the counts
//! and `rejected.csv` say which were held back); 1 when the file or profile cannot be used.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use muster_engine::target::export::{ExportSummary, export};

use crate::profiled::{self, Profiled};
use crate::read_args::ReadArgs;

#[derive(clap::Args)]
pub struct Args {
    /// The file to export.
    file: PathBuf,
    /// The mapping profile (TOML), e.g. from `muster map suggest`.
    #[arg(long)]
    profile: PathBuf,
    /// The folder to write into (created when missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    #[command(flatten)]
    read: ReadArgs,
}

pub fn run(args: &Args) -> Result<()> {
    let Profiled {
        profile,
        catalog,
        mut sheet,
        mapper,
    } = profiled::open(&args.file, &args.profile, &args.read)?;
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("could not create the folder {}", args.out.display()))?;
    let summary = export(&mut sheet, &profile, &catalog, &mapper, &args.out)?;
    let mut out = std::io::stdout().lock();
    write_report(&mut out, args, &catalog.target.to_string(), &summary)?;
    Ok(())
}

fn write_report(
    out: &mut impl Write,
    args: &Args,
    target: &str,
    summary: &ExportSummary,
) -> Result<()> {
    writeln!(out, "File       {}", args.file.display())?;
    writeln!(
        out,
        "Profile    {} (target {target})",
        args.profile.display()
    )?;
    writeln!(
        out,
        "Records    {}: {} exported, {} rejected{}",
        summary.records,
        summary.valid,
        summary.invalid,
        if summary.skipped > 0 {
            format!(", {} skipped by the profile's rules", summary.skipped)
        } else {
            String::new()
        }
    )?;
    writeln!(out, "Issues     {}", summary.issues)?;
    writeln!(out)?;
    writeln!(out, "Wrote:")?;
    for (path, count) in summary.files.iter().zip(&summary.file_records) {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let what = if name.starts_with("issues.") {
            "issues"
        } else {
            "records"
        };
        writeln!(out, "  {:<28} {count} {what}", path.display())?;
    }
    if summary.invalid > 0 {
        writeln!(out)?;
        writeln!(
            out,
            "Fix the rows in rejected.csv (issues.xlsx says what is wrong), then export it again. \
             A cell that a spreadsheet would run as a formula (starting with = @ or a sign \
             before anything but a number) carries a leading ' so it cannot run."
        )?;
    }
    Ok(())
}
