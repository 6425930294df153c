//! The reader benchmark: generates HR exports with `muster-datagen`, then reads each one in a
//! child process of its own, so that the peak memory (from `wait4`) belongs to that case
//! alone. Prints a Markdown table for `docs/performance.md`.
//!
//! `cargo run --release -p muster-bench -- [--csv-rows N] [--xlsx-rows N] [--runs N] [--dir DIR] [--only WORK]`
//!
//! Baselines measured in the same run: the csv crate parsing the same file with no decoding,
//! header detection or row numbering, and inflating the XLSX worksheet without parsing it.
//!
//! `--only push` runs the push benchmark instead ([`push`]; `--records N`,
//! `--paced-records N`, `--targets lms,scim,…`); a run without `--only` ends with it.
//! `--only pull [--records N]` pulls N users from the HRIS emulator into a job ([`pull`]).
//! `--only journal [--records N] [--targets KIND]` times the runner's store work per batch
//! ([`push::journal`]).

mod child;
mod pull;
mod push;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use muster_datagen::{CsvStyle, Format, Spec, TextEncoding};

struct Options {
    csv_rows: u64,
    xlsx_rows: u64,
    runs: usize,
    dir: PathBuf,
    /// Only the cases of this work (`read`, `validate`, …, `push`).
    only: Option<String>,
    push: push::PushOptions,
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--child") {
        return child::run(&args[1..]);
    }
    if args.first().map(String::as_str) == Some("--child-pull") {
        return pull::child(&args[1..]);
    }
    let options = parse(&args)?;
    match options.only.as_deref() {
        Some("push") => return push::run_all(&options.push),
        Some("pull") => return pull::run(options.push.records.max(10)),
        Some("journal") => {
            let kind = options
                .push
                .kinds
                .first()
                .copied()
                .unwrap_or(push::Kind::Lms);
            return push::journal::run(options.push.records, kind);
        }
        _ => {}
    }
    std::fs::create_dir_all(&options.dir)?;
    let small_csv = options.csv_rows / 10;
    let cases = [
        ("csv", small_csv, "read"),
        ("csv", options.csv_rows, "read"),
        ("csv", options.csv_rows, "csv-crate"),
        ("csv", small_csv, "validate"),
        ("csv", options.csv_rows, "validate"),
        ("csv", options.csv_rows, "validate-core"),
        ("ndjson", small_csv, "read"),
        ("ndjson", options.csv_rows, "read"),
        ("xlsx", options.xlsx_rows, "read"),
        ("xlsx", options.xlsx_rows, "inflate"),
    ];
    println!(
        "| file | rows | size | work | best of {} | rows/s | MB/s | peak memory |",
        options.runs
    );
    println!("|---|---:|---:|---|---:|---:|---:|---:|");
    let chosen = cases
        .into_iter()
        .filter(|(_, _, work)| options.only.as_ref().is_none_or(|only| only == work));
    for (kind, rows, work) in chosen {
        let file = ensure_file(&options.dir, kind, rows)?;
        let size = std::fs::metadata(&file)?.len();
        let mut best = Duration::MAX;
        let mut peak_kib = 0;
        let mut seen_rows = 0;
        for _ in 0..options.runs {
            let run = measure(work, &file)?;
            best = best.min(run.elapsed);
            peak_kib = peak_kib.max(run.peak_kib);
            seen_rows = run.rows;
        }
        let seconds = best.as_secs_f64();
        println!(
            "| {} | {} | {:.1} MB | {} | {:.3} s | {:.0} | {:.0} | {:.1} MB |",
            file.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default(),
            seen_rows,
            size as f64 / 1e6,
            describe(work),
            seconds,
            seen_rows as f64 / seconds,
            size as f64 / 1e6 / seconds,
            peak_kib as f64 / 1024.0,
        );
    }
    if options.only.is_none() {
        println!();
        push::run_all(&options.push)?;
    }
    Ok(())
}

fn describe(work: &str) -> &'static str {
    match work {
        "read" => "Muster reader: all rows",
        "csv-crate" => "baseline: csv crate, bytes only",
        "inflate" => "baseline: inflate worksheet XML",
        "validate" => "read + map + validate (LMS profile)",
        "validate-core" => "read + map + validate (LMS profile without phones)",
        _ => "?",
    }
}

fn parse(args: &[String]) -> Result<Options> {
    let mut options = Options {
        csv_rows: 1_000_000,
        xlsx_rows: 100_000,
        runs: 3,
        dir: PathBuf::from("bench-data"),
        only: None,
        push: push::PushOptions::default(),
    };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let value = it.next().with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--csv-rows" => options.csv_rows = value.parse()?,
            "--xlsx-rows" => options.xlsx_rows = value.parse()?,
            "--runs" => options.runs = value.parse()?,
            "--dir" => options.dir = PathBuf::from(value),
            "--only" => options.only = Some(value.clone()),
            "--records" => options.push.records = value.parse()?,
            "--paced-records" => options.push.paced_records = value.parse()?,
            "--targets" => {
                options.push.kinds = value
                    .split(',')
                    .map(|name| {
                        push::Kind::parse(name.trim())
                            .with_context(|| format!("no target kind \"{name}\""))
                    })
                    .collect::<Result<_>>()?;
            }
            other => bail!("unknown option {other}"),
        }
    }
    Ok(options)
}

/// Generates the file once; later runs reuse it (the generator is seeded, so it is the same).
fn ensure_file(dir: &Path, kind: &str, rows: u64) -> Result<PathBuf> {
    let format = match kind {
        "csv" => Format::Csv(CsvStyle {
            delimiter: b',',
            encoding: TextEncoding::Utf8,
            crlf: false,
            title_rows: false,
        }),
        "ndjson" => Format::Ndjson,
        _ => Format::Xlsx {
            cover_sheet: false,
            title_rows: false,
        },
    };
    let path = dir.join(format!("hr-{rows}.{}", format.extension()));
    if !path.exists() {
        eprintln!("generating {} …", path.display());
        let spec = Spec {
            rows,
            defect_rate: 0.01,
            seed: 42,
        };
        muster_datagen::write_file(&path, &format, &spec)?;
    }
    Ok(path)
}

struct Measured {
    rows: u64,
    elapsed: Duration,
    peak_kib: i64,
}

/// Runs one case in a child process and reads its peak resident memory from `wait4`.
fn measure(work: &str, file: &Path) -> Result<Measured> {
    let exe = std::env::current_exe()?;
    let child = Command::new(exe)
        .args(["--child", work])
        .arg(file)
        .stdout(std::process::Stdio::piped())
        .spawn()?;
    let (text, peak_kib) = wait_for(child, work)
        .with_context(|| format!("the {work} case on {} failed", file.display()))?;
    let mut fields = text.split_whitespace();
    let rows: u64 = fields.next().context("no row count")?.parse()?;
    let nanos: u64 = fields.next().context("no time")?.parse()?;
    Ok(Measured {
        rows,
        elapsed: Duration::from_nanos(nanos),
        peak_kib,
    })
}

/// Reads a child's standard output to its end and waits for it; its output and its peak
/// resident memory (KiB, from `wait4`).
pub(crate) fn wait_for(child: std::process::Child, work: &str) -> Result<(String, i64)> {
    let pid = child.id() as libc::pid_t;
    let mut stdout = child.stdout.context("child has no stdout")?;
    let mut text = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut text)?;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our child, status and usage point to live locals.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    if waited != pid || !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        bail!("the {work} child process failed");
    }
    Ok((text, usage.ru_maxrss))
}
