//! One measured case, run in a child process: prints `ROWS NANOSECONDS`.

use std::io::Read;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use muster_engine::mapping::{Mapper, Profile};
use muster_engine::sheet::{self, ReadOptions, Row};
use muster_engine::validate::validate_sheet;

pub fn run(args: &[String]) -> Result<()> {
    let [work, file] = args else {
        bail!("usage: --child WORK FILE");
    };
    let file = Path::new(file);
    let start = Instant::now();
    let (rows, checksum) = match work.as_str() {
        "read" => read(file)?,
        "csv-crate" => csv_crate(file)?,
        "inflate" => inflate(file)?,
        "validate" => validate(file, true)?,
        "validate-core" => validate(file, false)?,
        other => bail!("unknown work {other}"),
    };
    let elapsed = start.elapsed();
    // The checksum keeps the compiler from skipping the work; it is not printed otherwise.
    if checksum == u64::MAX {
        eprintln!("checksum {checksum}");
    }
    println!("{rows} {}", elapsed.as_nanos());
    Ok(())
}

/// Muster's own reader: every row, every cell touched.
fn read(file: &Path) -> Result<(u64, u64)> {
    let mut sheet = sheet::open(file, &ReadOptions::default())?;
    let mut row = Row::default();
    let mut rows = 0;
    let mut bytes = 0u64;
    while sheet.next_row(&mut row)? {
        rows += 1;
        bytes += row.iter().map(|c| c.len() as u64).sum::<u64>();
    }
    Ok((rows, bytes))
}

/// Reading, mapping onto the LMS catalog (the sample profile: trims, case, dates, phones,
/// value maps) and validating every record, counting the issues. Without `phones`, the
/// profile is `bench/lms-core-profile.toml`, the same minus its phone field: the work the
/// peer scripts of `bench/compare.sh` do (required fields, email syntax, dates in two
/// formats, duplicate ids).
fn validate(file: &Path, phones: bool) -> Result<(u64, u64)> {
    let profile = Profile::from_toml(if phones {
        include_str!("../../../samples/lms-profile.toml")
    } else {
        include_str!("../../../bench/lms-core-profile.toml")
    })?;
    let catalog = profile.catalog(Path::new("."))?;
    let mut sheet = sheet::open(file, &ReadOptions::default())?;
    let mapper = Mapper::new(&profile, &catalog, sheet.columns())?;
    let mut issues = 0u64;
    let counts = validate_sheet(&mut sheet, &mapper, &catalog, |_| issues += 1)?;
    Ok((counts.records + counts.skipped, issues))
}

/// The csv crate alone: byte records, no decoding, no header detection, no numbering.
fn csv_crate(file: &Path) -> Result<(u64, u64)> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_path(file)?;
    let mut record = csv::ByteRecord::new();
    let mut rows = 0;
    let mut bytes = 0u64;
    while reader.read_byte_record(&mut record)? {
        rows += 1;
        bytes += record.as_slice().len() as u64;
    }
    Ok((rows, bytes))
}

/// Inflating the first worksheet of an XLSX, which any reader must at least do.
fn inflate(file: &Path) -> Result<(u64, u64)> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(file)?)?;
    let mut entry = archive
        .by_name("xl/worksheets/sheet1.xml")
        .context("no xl/worksheets/sheet1.xml in the workbook")?;
    let mut buffer = vec![0u8; 1 << 16];
    let mut bytes = 0u64;
    loop {
        let n = entry.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        bytes += n as u64;
    }
    Ok((0, bytes))
}
