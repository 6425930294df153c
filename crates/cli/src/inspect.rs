//! `muster inspect FILE`: every guess Muster made about a file, its columns, a sample of rows
//! and the problems found, for people (a summary) or for scripts (`--json`).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Result;
use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use muster_engine::sheet::{self, Format, Layout, Problem, ReadOptions, Row};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::progress::RowProgress;
use crate::read_args::ReadArgs;

#[derive(clap::Args)]
pub struct Args {
    /// The file to look at (.csv, .tsv, .txt, .xlsx, .xlsm, .xlsb, .xls, .ods, .json, .ndjson).
    file: PathBuf,
    #[command(flatten)]
    read: ReadArgs,
    /// How many rows to show as a sample.
    #[arg(long, default_value_t = 5)]
    sample: usize,
    /// Print one JSON object instead of the summary.
    #[arg(long)]
    json: bool,
}

/// What `--json` prints.
#[derive(Serialize)]
struct Report {
    file: PathBuf,
    format: Format,
    encoding: Option<String>,
    delimiter: Option<String>,
    sheets: Option<Vec<String>>,
    sheet: Option<String>,
    header_row: Option<u64>,
    json_pointer: Option<String>,
    numbering: sheet::Numbering,
    guessed: Vec<&'static str>,
    columns: Vec<String>,
    row_count: u64,
    first_row: Option<u64>,
    last_row: Option<u64>,
    sample_rows: Vec<u64>,
    sample: Vec<Map<String, Value>>,
    problem_count: u64,
    problem_counts: std::collections::BTreeMap<&'static str, u64>,
    problems: Vec<Problem>,
}

pub fn run(args: &Args) -> Result<()> {
    let mut sheet = sheet::open(&args.file, &args.read.options(ReadOptions::default())?)?;
    let layout = sheet.layout().clone();
    let columns = sheet.columns().to_vec();
    let mut row = Row::default();
    let mut count = 0u64;
    let mut first_row = None;
    let mut last_row = None;
    let mut sample_rows = Vec::new();
    let mut sample = Vec::new();
    let progress = RowProgress::reading(&format!("Reading {}", args.file.display()));
    while sheet.next_row(&mut row)? {
        count += 1;
        progress.row(count);
        first_row.get_or_insert(row.number);
        last_row = Some(row.number);
        if sample.len() < args.sample {
            sample_rows.push(row.number);
            sample.push(as_object(&columns, &row));
        }
    }
    progress.finish();
    let problems = sheet.problems();
    let report = Report {
        file: layout.path.clone(),
        format: layout.format,
        encoding: layout.encoding.clone(),
        delimiter: layout.delimiter.map(String::from),
        sheets: layout
            .format
            .is_spreadsheet()
            .then(|| layout.sheets.clone()),
        sheet: layout.sheet.clone(),
        header_row: layout.header_row,
        json_pointer: layout.json_pointer.clone(),
        numbering: layout.numbering,
        guessed: layout.guessed.clone(),
        columns,
        row_count: count,
        first_row,
        last_row,
        sample_rows,
        sample,
        problem_count: problems.total(),
        problem_counts: problems.counts().clone(),
        problems: problems.list().to_vec(),
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        write_summary(&mut out, &report, &layout)?;
    }
    Ok(())
}

/// A row as `{column: value}`; cells beyond the named columns are left out (they are
/// reported as problems).
fn as_object(columns: &[String], row: &Row) -> Map<String, Value> {
    columns
        .iter()
        .enumerate()
        .map(|(i, name)| (name.clone(), Value::String(row.cell(i).to_string())))
        .collect()
}

fn guess(layout: &Layout, setting: &str, flag: &str) -> String {
    if layout.guessed.contains(&setting) {
        format!("  (detected; change with {flag})")
    } else {
        "  (as given)".to_string()
    }
}

fn write_summary(out: &mut impl Write, report: &Report, layout: &Layout) -> Result<()> {
    writeln!(out, "File       {}", report.file.display())?;
    writeln!(out, "Format     {}", describe_format(report.format))?;
    if let Some(encoding) = &report.encoding {
        writeln!(
            out,
            "Encoding   {encoding}{}",
            guess(layout, "encoding", "--encoding")
        )?;
    }
    if let Some(delimiter) = &report.delimiter {
        let shown = match delimiter.as_str() {
            "\t" => "tab".to_string(),
            other => format!("\"{other}\""),
        };
        writeln!(
            out,
            "Delimiter  {shown}{}",
            guess(layout, "delimiter", "--delimiter")
        )?;
    }
    if let (Some(sheets), Some(sheet)) = (&report.sheets, &report.sheet) {
        writeln!(out, "Sheets     {}", sheets.join(", "))?;
        writeln!(
            out,
            "Sheet      {sheet}{}",
            guess(layout, "sheet", "--sheet")
        )?;
    }
    if let Some(header) = report.header_row {
        writeln!(
            out,
            "Header     row {header}{}",
            guess(layout, "header_row", "--header-row")
        )?;
    }
    if let Some(pointer) = &report.json_pointer {
        let shown = if pointer.is_empty() {
            "the whole document (a list)".to_string()
        } else {
            pointer.clone()
        };
        writeln!(
            out,
            "Records    at {shown}{}",
            guess(layout, "json_pointer", "--json-pointer")
        )?;
    }
    writeln!(
        out,
        "Columns    {}: {}",
        report.columns.len(),
        report.columns.join(", ")
    )?;
    let span = match (report.first_row, report.last_row) {
        (Some(first), Some(last)) => format!(" ({}s {first} to {last})", report.numbering),
        _ => String::new(),
    };
    writeln!(out, "Rows       {} data rows{span}", report.row_count)?;
    if !report.sample.is_empty() {
        writeln!(out)?;
        writeln!(out, "First rows:")?;
        writeln!(out, "{}", sample_table(report))?;
    }
    writeln!(out)?;
    if report.problem_count == 0 {
        writeln!(out, "No problems found.")?;
    } else {
        writeln!(out, "Problems   {}", report.problem_count)?;
        for problem in report.problems.iter().take(20) {
            writeln!(out, "  - {problem}")?;
        }
        if report.problem_count > 20 {
            writeln!(
                out,
                "  … and {} more (use --json for the list).",
                report.problem_count - 20
            )?;
        }
    }
    Ok(())
}

fn describe_format(format: Format) -> &'static str {
    match format {
        Format::Csv => "delimited text (csv)",
        Format::Xlsx => "Excel workbook (xlsx)",
        Format::Xlsb => "Excel binary workbook (xlsb)",
        Format::Xls => "Excel 97-2003 workbook (xls)",
        Format::Ods => "OpenDocument spreadsheet (ods)",
        Format::Json => "JSON document",
        Format::Ndjson => "NDJSON (one JSON object per line)",
    }
}

/// The first rows turned on their side: one line per column, one column per row, so a
/// 12-column export still fits a terminal.
fn sample_table(report: &Report) -> Table {
    const SHOWN_ROWS: usize = 4;
    const CELL_WIDTH: usize = 30;
    let mut table = Table::new();
    table
        .load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    // Pipes, files and terminals that report no size get a width that suits a wide window.
    if !std::io::stdout().is_terminal() || table.width().is_none_or(|w| w < 60) {
        table.set_width(140);
    }
    let unit = report.numbering;
    let mut header = vec!["column".to_string()];
    header.extend(
        report
            .sample_rows
            .iter()
            .take(SHOWN_ROWS)
            .map(|n| format!("{unit} {n}")),
    );
    table.set_header(header);
    for column in &report.columns {
        let mut cells = vec![column.clone()];
        cells.extend(report.sample.iter().take(SHOWN_ROWS).map(|record| {
            let value = record
                .get(column)
                .and_then(Value::as_str)
                .unwrap_or_default();
            shorten(value, CELL_WIDTH)
        }));
        table.add_row(cells);
    }
    table
}

fn shorten(text: &str, width: usize) -> String {
    let flat = text.replace(['\r', '\n'], " ");
    if flat.chars().count() <= width {
        flat
    } else {
        let cut: String = flat.chars().take(width - 1).collect();
        format!("{cut}…")
    }
}
