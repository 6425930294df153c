//! `muster generate`: realistic HR exports of any size for tests, benchmarks and rehearsals.

use std::path::PathBuf;

use anyhow::{Context, Result};
use muster_datagen::{Defect, Format, Spec};

#[derive(clap::Args)]
pub struct Args {
    /// How many people (data rows) to write.
    #[arg(long, default_value_t = 1000)]
    rows: u64,
    /// The kind of export: csv, csv-excel-de, tsv, utf16, xlsx, xlsx-report, ods, ods-report, json, json-wrapped, ndjson.
    #[arg(long, default_value = "csv")]
    format: String,
    /// The share of rows with one defect (0 to 1): invalid emails, missing names, duplicate ids, other date formats.
    #[arg(long, default_value_t = 0.01)]
    defects: f64,
    /// The seed: the same seed writes the same file.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Where to write the file.
    #[arg(long)]
    out: PathBuf,
}

pub fn run(args: &Args) -> Result<()> {
    let format = Format::parse(&args.format).with_context(|| {
        format!(
            "\"{}\" is not a format the generator writes. Use one of: {}.",
            args.format,
            Format::NAMES.join(", ")
        )
    })?;
    let spec = Spec {
        rows: args.rows,
        defect_rate: args.defects,
        seed: args.seed,
    };
    let summary = muster_datagen::write_file(&args.out, &format, &spec)?;
    println!("Wrote {} people to {}.", summary.rows, args.out.display());
    if summary.header_row > 1 {
        println!(
            "The header is on row {} (title rows above it).",
            summary.header_row
        );
    }
    let defects: Vec<String> = Defect::ALL
        .iter()
        .filter_map(|d| {
            let n = summary.defects.get(*d);
            (n > 0).then(|| format!("{n} {}", d.name()))
        })
        .collect();
    if defects.is_empty() {
        println!("No defects.");
    } else {
        println!("Defects: {}.", defects.join(", "));
    }
    Ok(())
}
