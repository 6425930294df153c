//! Helpers shared by the cross-crate tests.

use std::path::{Path, PathBuf};

use muster_datagen::{Format, Spec, Summary};
use muster_engine::sheet::{self, Layout, ReadOptions, Row};

/// A file the generator wrote, read back whole by the engine.
pub struct ReadBack {
    pub summary: Summary,
    pub layout: Layout,
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
    pub problem_codes: Vec<&'static str>,
}

/// Writes `rows` people in the named generator format into `dir` and reads them back.
pub fn generate_and_read(dir: &Path, format_name: &str, spec: &Spec) -> ReadBack {
    let format =
        Format::parse(format_name).unwrap_or_else(|| panic!("unknown format {format_name}"));
    let path: PathBuf = dir.join(format!("{format_name}.{}", format.extension()));
    let summary =
        muster_datagen::write_file(&path, &format, spec).expect("the generator writes the file");
    let mut sheet = sheet::open(&path, &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{format_name}: {e}"));
    let rows: Vec<Row> = sheet
        .rows()
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{format_name}: {e}"));
    ReadBack {
        summary,
        layout: sheet.layout().clone(),
        columns: sheet.columns().to_vec(),
        problem_codes: sheet.problems().list().iter().map(|p| p.code()).collect(),
        rows,
    }
}
