//! The entry points: check the request, pick the writer for the format, and
//! deal with files (creating them, cleaning up after a failure, staging zip
//! formats for plain streams).

use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};
use std::path::Path;

use crate::csv_out::write_csv;
use crate::error::GenError;
use crate::format::Format;
use crate::json_out::{JsonShape, write_json};
use crate::ods_out::{self, write_ods};
use crate::spec::{Spec, Summary, check_rows};
use crate::xlsx_out::{self, write_xlsx};

/// Writes `spec.rows` people to a new file at `path` (replacing any file
/// there). On failure the partly written file is removed.
pub fn write_file(path: &Path, format: &Format, spec: &Spec) -> Result<Summary, GenError> {
    check(format, spec)?;
    let file = File::create(path).map_err(|source| GenError::Create {
        path: path.to_owned(),
        source,
    })?;
    let result = match format {
        Format::Xlsx {
            cover_sheet,
            title_rows,
        } => write_xlsx(BufWriter::new(file), *cover_sheet, *title_rows, spec),
        Format::Ods {
            cover_sheet,
            title_rows,
        } => write_ods(BufWriter::new(file), *cover_sheet, *title_rows, spec),
        // The text writers buffer on their own.
        _ => write_text(file, format, spec),
    };
    if result.is_err() {
        // Half a file would only mislead whoever reads it next.
        let _ = std::fs::remove_file(path);
    }
    result
}

/// Streams `spec.rows` people to `out`. XLSX and ODS are built in an
/// anonymous temp file first (zip archives need to seek), then copied.
pub fn write_to<W: Write>(mut out: W, format: &Format, spec: &Spec) -> Result<Summary, GenError> {
    check(format, spec)?;
    match format {
        Format::Xlsx {
            cover_sheet,
            title_rows,
        } => {
            let mut staged = tempfile::tempfile()?;
            let summary = write_xlsx(BufWriter::new(&mut staged), *cover_sheet, *title_rows, spec)?;
            copy_out(staged, &mut out)?;
            Ok(summary)
        }
        Format::Ods {
            cover_sheet,
            title_rows,
        } => {
            let mut staged = tempfile::tempfile()?;
            let summary = write_ods(BufWriter::new(&mut staged), *cover_sheet, *title_rows, spec)?;
            copy_out(staged, &mut out)?;
            Ok(summary)
        }
        _ => write_text(out, format, spec),
    }
}

fn write_text<W: Write>(out: W, format: &Format, spec: &Spec) -> Result<Summary, GenError> {
    match format {
        Format::Csv(style) => write_csv(out, style, spec),
        Format::Json { wrapped: false } => write_json(out, JsonShape::Array, spec),
        Format::Json { wrapped: true } => write_json(out, JsonShape::Wrapped, spec),
        Format::Ndjson => write_json(out, JsonShape::Lines, spec),
        Format::Xlsx { .. } => Err(GenError::NeedsFile("XLSX")),
        Format::Ods { .. } => Err(GenError::NeedsFile("ODS")),
    }
}

fn copy_out<W: Write>(mut staged: File, out: &mut W) -> io::Result<()> {
    staged.rewind()?;
    io::copy(&mut staged, out)?;
    out.flush()
}

/// Everything that can be refused before a byte is written.
fn check(format: &Format, spec: &Spec) -> Result<(), GenError> {
    spec.validate()?;
    let header_row = format.header_row();
    match format {
        Format::Xlsx { .. } => check_rows("XLSX", spec.rows, header_row, xlsx_out::MAX_ROWS),
        Format::Ods { .. } => check_rows("ODS", spec.rows, header_row, ods_out::MAX_ROWS),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(rows: u64) -> Spec {
        Spec {
            rows,
            defect_rate: 0.05,
            seed: 77,
        }
    }

    #[test]
    fn file_and_stream_give_the_same_bytes() {
        let dir = tempfile::tempdir().unwrap();
        for name in Format::NAMES {
            let format = Format::parse(name).unwrap();
            let path = dir.path().join(format!("people.{}", format.extension()));
            let from_file = write_file(&path, &format, &spec(60)).unwrap();
            let mut streamed = Vec::new();
            let from_stream = write_to(&mut streamed, &format, &spec(60)).unwrap();
            assert_eq!(from_file, from_stream, "{name}");
            assert_eq!(std::fs::read(&path).unwrap(), streamed, "{name}");
            assert_eq!(from_file.rows, 60);
            assert_eq!(from_file.defects.total(), 3);
            assert_eq!(from_file.header_row, format.header_row(), "{name}");
        }
    }

    #[test]
    fn refusals_leave_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("too-big.xlsx");
        let format = Format::parse("xlsx").unwrap();
        let err = write_file(&path, &format, &spec(2_000_000)).unwrap_err();
        assert!(matches!(err, GenError::TooManyRows { .. }), "{err}");
        assert!(!path.exists());

        let bad_rate = Spec {
            defect_rate: 2.0,
            ..spec(1)
        };
        assert!(write_to(Vec::new(), &Format::Ndjson, &bad_rate).is_err());
    }

    #[test]
    fn unwritable_path_names_the_path() {
        let err = write_file(
            Path::new("/nonexistent-dir/people.csv"),
            &Format::parse("csv").unwrap(),
            &spec(1),
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("/nonexistent-dir/people.csv"),
            "{err}"
        );
    }
}
