//! What every fuzz target does with its input: the same engine calls the CLI makes
//! (`muster inspect` reads a file, `muster validate` binds a profile and checks rows), plus
//! the promises a person relies on, checked on every input: column names are never empty
//! or repeated, rows of text and JSON come in file order, and every error and problem is a
//! sentence that names the file.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use muster_engine::mapping::{Mapper, Profile};
use muster_engine::sheet::{self, Format, Layout, Numbering, ReadOptions, Row, Sheet};
use muster_engine::target::catalog::TargetKind;
use muster_engine::validate::validate_sheet;

/// A folder of this fuzzing process (libFuzzer's `-fork` and `-jobs` run several).
fn work_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let shm = Path::new("/dev/shm");
        let base = if shm.is_dir() {
            shm.to_path_buf()
        } else {
            std::env::temp_dir()
        };
        let dir = base.join(format!("muster-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("the fuzzing folder can be made");
        dir
    })
}

/// libFuzzer's panic hook aborts on every panic, even one the engine catches on purpose
/// (calamine panics on some damaged workbooks, and the engine turns that into an error).
/// This hook only prints; a panic that escapes still ends the run as a crash.
fn panics_caught_by_the_engine_are_not_crashes() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| std::panic::set_hook(Box::new(|info| eprintln!("{info}"))));
}

/// Saves `data` as a file with `extension` and reads all of it.
pub fn read_file(data: &[u8], extension: &str) {
    panics_caught_by_the_engine_are_not_crashes();
    let path = work_dir().join(format!("input.{extension}"));
    std::fs::write(&path, data).expect("the input can be saved");
    let name = path.display().to_string();
    match sheet::open(&path, &ReadOptions::default()) {
        Ok(mut sheet) => read_all(&mut sheet, &name, extension),
        Err(error) => assert_names_file(&error.to_string(), &name),
    }
}

fn read_all(sheet: &mut Sheet, name: &str, extension: &str) {
    let columns = sheet.columns().to_vec();
    assert!(!columns.is_empty(), "a sheet without columns was opened");
    let mut seen = std::collections::HashSet::new();
    for column in &columns {
        assert!(!column.trim().is_empty(), "an empty column name");
        assert!(seen.insert(column.to_lowercase()), "{column:?} repeated");
    }
    // Workbooks number rows as their XML says, which a damaged file may jumble; text and
    // JSON are read front to back.
    let in_order = !matches!(extension, "xlsx" | "xls" | "ods");
    let mut row = Row::default();
    let mut last = 0;
    loop {
        match sheet.next_row(&mut row) {
            Ok(true) => {
                assert!(row.number > 0, "row 0 was read");
                assert!(
                    !in_order || row.number > last,
                    "row {} came after {last}",
                    row.number
                );
                last = row.number;
            }
            Ok(false) => break,
            Err(error) => {
                assert_names_file(&error.to_string(), name);
                break;
            }
        }
    }
    for problem in sheet.problems().list() {
        assert!(!problem.message().is_empty());
    }
}

fn assert_names_file(message: &str, name: &str) {
    assert!(
        message.contains(name),
        "the message does not say which file: {message}"
    );
}

/// Parses `data` as a profile; a usable one is bound to the columns it names and checks two
/// rows cut from the same text, through the real validator.
pub fn use_profile(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let Ok(profile) = Profile::from_toml(&text) else {
        return;
    };
    let again = Profile::from_toml(&profile.to_toml());
    assert!(
        again.as_ref().is_ok_and(|p| *p == profile),
        "a profile does not survive saving: {again:?}"
    );
    // A REST target reads its catalog from a file next to the profile.
    if profile.target == TargetKind::Rest {
        return;
    }
    let Ok(catalog) = profile.catalog(Path::new(".")) else {
        return;
    };
    let columns = profile.columns();
    if columns.is_empty() {
        return;
    }
    let Ok(mapper) = Mapper::new(&profile, &catalog, &columns) else {
        return;
    };
    let pieces: Vec<&str> = text.split(['\n', ',']).collect();
    let rows: Vec<Row> = (0..2u64)
        .map(|n| {
            let cells = (0..columns.len()).map(|i| {
                pieces
                    .get((i + n as usize * columns.len()) % pieces.len())
                    .copied()
                    .unwrap_or("")
            });
            Row::from_cells(n + 2, cells)
        })
        .collect();
    let layout = Layout::new(PathBuf::from("fuzz.csv"), Format::Csv, Numbering::Row);
    let mut sheet = Sheet::in_memory(layout, columns, rows.into_iter());
    let mut issues = 0u64;
    let counts = validate_sheet(&mut sheet, &mapper, &catalog, |issue| {
        assert!(!issue.message.is_empty());
        issues += 1;
    })
    .expect("rows in memory always read");
    assert_eq!(counts.records + counts.skipped, 2);
}
