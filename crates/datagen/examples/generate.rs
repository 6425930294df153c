//! Writes one export and reports its size and timing, e.g.
//! `cargo run --release -p muster-datagen --example generate -- csv 1000000 /tmp/people.csv 0.02 7`
//! Arguments: FORMAT ROWS PATH [DEFECT_RATE] [SEED].

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use muster_datagen::{Defect, Format, Spec, write_file};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: generate FORMAT ROWS PATH [DEFECT_RATE] [SEED]");
        eprintln!("formats: {}", Format::NAMES.join(", "));
        return ExitCode::from(2);
    }
    let Some(format) = Format::parse(&args[0]) else {
        eprintln!(
            "unknown format {:?}; try one of {}",
            args[0],
            Format::NAMES.join(", ")
        );
        return ExitCode::from(2);
    };
    let (Ok(rows), Ok(defect_rate), Ok(seed)) = (
        args[1].parse::<u64>(),
        args.get(3).map_or(Ok(0.0), |s| s.parse::<f64>()),
        args.get(4).map_or(Ok(1), |s| s.parse::<u64>()),
    ) else {
        eprintln!("ROWS and SEED must be whole numbers, DEFECT_RATE a number like 0.02");
        return ExitCode::from(2);
    };
    let path = PathBuf::from(&args[2]);
    let spec = Spec {
        rows,
        defect_rate,
        seed,
    };

    let started = Instant::now();
    let summary = match write_file(&path, &format, &spec) {
        Ok(summary) => summary,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::FAILURE;
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
    println!(
        "{}: {} rows, {} bytes ({:.1} bytes/row), {:.2} s, header on row {}",
        path.display(),
        summary.rows,
        bytes,
        bytes as f64 / summary.rows.max(1) as f64,
        seconds,
        summary.header_row
    );
    for defect in Defect::ALL {
        println!("  {:<20} {}", defect.name(), summary.defects.get(defect));
    }
    ExitCode::SUCCESS
}
