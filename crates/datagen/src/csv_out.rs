//! Delimited text output (CSV, TSV, Excel "Unicode Text").
//!
//! The csv crate does the quoting; [`EncodingWriter`] turns its UTF-8 into
//! the file's encoding. Title lines go out before the csv writer exists, as
//! plain lines, the way reporting tools put them above the table.

use std::io::Write;

use crate::columns::{HEADERS, RowBuf, TITLE_LINES};
use crate::encode::EncodingWriter;
use crate::error::GenError;
use crate::format::CsvStyle;
use crate::person::People;
use crate::spec::{Spec, Summary};

/// Bigger than the csv crate's default so each encoder call gets a lot of text.
const BUFFER: usize = 64 * 1024;

pub(crate) fn write_csv<W: Write>(
    out: W,
    style: &CsvStyle,
    spec: &Spec,
) -> Result<Summary, GenError> {
    let mut text = EncodingWriter::new(out, style.encoding)?;
    let eol = if style.crlf { "\r\n" } else { "\n" };
    if style.title_rows {
        for line in TITLE_LINES {
            write!(text, "{line}{eol}")?;
        }
        write!(text, "{eol}")?;
    }

    let terminator = if style.crlf {
        csv::Terminator::CRLF
    } else {
        csv::Terminator::Any(b'\n')
    };
    let mut csv = csv::WriterBuilder::new()
        .delimiter(style.delimiter)
        .terminator(terminator)
        .quote_style(csv::QuoteStyle::Necessary)
        .buffer_capacity(BUFFER)
        .from_writer(text);
    csv.write_record(HEADERS)?;

    let mut summary = Summary {
        header_row: if style.title_rows { 4 } else { 1 },
        ..Summary::default()
    };
    let mut row = RowBuf::default();
    for person in People::new(spec, style.encoding.is_unicode()) {
        let cells = row.cells(&person);
        csv.write_record(cells.iter().map(|c| c.as_text()))?;
        summary.rows += 1;
        if let Some(defect) = person.defect {
            summary.defects.add(defect);
        }
    }

    let text = csv.into_inner().map_err(|e| e.into_error())?;
    text.finish()?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::defect::Defect;
    use crate::email::looks_like_email;
    use crate::format::TextEncoding;
    use std::collections::HashSet;

    fn generate(style: &CsvStyle, spec: &Spec) -> (Vec<u8>, Summary) {
        let mut out = Vec::new();
        let summary = write_csv(&mut out, style, spec).unwrap();
        (out, summary)
    }

    fn spec(rows: u64, defect_rate: f64, seed: u64) -> Spec {
        Spec {
            rows,
            defect_rate,
            seed,
        }
    }

    /// Parses UTF-8 CSV into records, skipping `skip` title lines.
    fn parse(text: &str, delimiter: u8, skip: usize) -> Vec<Vec<String>> {
        let body: String = text.split_inclusive('\n').skip(skip).collect();
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .from_reader(body.as_bytes());
        reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        let (a, _) = generate(&CsvStyle::PLAIN, &spec(300, 0.1, 42));
        let (b, _) = generate(&CsvStyle::PLAIN, &spec(300, 0.1, 42));
        let (c, _) = generate(&CsvStyle::PLAIN, &spec(300, 0.1, 43));
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    /// Pins the exact output of seed 1, so a change in the random sequence
    /// (a rand upgrade, a reordered draw) is noticed: benchmarks compare runs
    /// on regenerated data. Update it only on purpose.
    #[test]
    fn seed_one_is_stable() {
        let (out, _) = generate(&CsvStyle::PLAIN, &spec(3, 0.0, 1));
        let expected = "\
Employee ID,First Name,Last Name,Email,Department,Job Title,Hire Date,Birth Date,Phone,Manager ID,Employment Status,Active
E0000001,Christopher,Schulz,christopher.schulz@example.com,Executive,Chief Executive Officer,2005-08-27,1955-10-07,+1-212-555-0121,,full_time,yes
E0000002,Lars,King,lars.king@example.com,Executive,Chief Financial Officer,2019-01-08,1980-03-17,+49 30 8170495,,full_time,yes
E0000003,Peter,Allen,peter.allen@example.com,Executive,Chief Technology Officer,2012-02-04,1970-02-05,+49 30 9797921,,full_time,yes
";
        assert_eq!(std::str::from_utf8(&out).unwrap(), expected);
    }

    #[test]
    fn parses_to_rows_by_twelve_columns() {
        let (out, summary) = generate(&CsvStyle::PLAIN, &spec(1000, 0.0, 1));
        let records = parse(std::str::from_utf8(&out).unwrap(), b',', 0);
        assert_eq!(records.len(), 1001);
        assert!(records.iter().all(|r| r.len() == 12));
        assert_eq!(records[0], HEADERS);
        assert_eq!(summary.rows, 1000);
        assert_eq!(summary.header_row, 1);
        let text = std::str::from_utf8(&out).unwrap();
        assert!(text.contains("\"Sales, EMEA\""), "a title needs quoting");
        assert!(
            text.contains("\"Head of\nPayroll\""),
            "a title holds a newline"
        );
    }

    #[test]
    fn defects_in_the_file_match_the_summary() {
        let rows = 2000;
        let (out, summary) = generate(&CsvStyle::PLAIN, &spec(rows, 0.1, 5));
        assert_eq!(summary.defects.total(), 200);
        let records = parse(std::str::from_utf8(&out).unwrap(), b',', 0);
        let data = &records[1..];
        let count = |f: &dyn Fn(&Vec<String>) -> bool| data.iter().filter(|r| f(r)).count() as u64;
        assert_eq!(
            count(&|r| !looks_like_email(&r[3])),
            summary.defects.invalid_email
        );
        assert_eq!(
            count(&|r| r[1].is_empty()),
            summary.defects.missing_first_name
        );
        assert_eq!(
            count(&|r| r[2].is_empty()),
            summary.defects.missing_last_name
        );
        assert_eq!(
            count(&|r| r[6].contains('.')),
            summary.defects.other_date_format
        );
        let mut ids = HashSet::new();
        let repeated = data.iter().filter(|r| !ids.insert(r[0].clone())).count() as u64;
        assert_eq!(repeated, summary.defects.duplicate_id);
        for defect in Defect::ALL {
            assert!(summary.defects.get(defect) > 10, "{}", defect.name());
        }
        // Clean columns stay clean.
        assert!(
            data.iter()
                .all(|r| r[7].len() == 10 && r[7].as_bytes()[4] == b'-')
        );
        assert!(
            data.iter()
                .all(|r| r[0].len() == 8 && r[0].starts_with('E'))
        );
    }

    #[test]
    fn title_rows_put_the_header_on_row_four() {
        let style = CsvStyle {
            title_rows: true,
            ..CsvStyle::PLAIN
        };
        let (out, summary) = generate(&style, &spec(20, 0.0, 1));
        assert_eq!(summary.header_row, 4);
        let text = std::str::from_utf8(&out).unwrap();
        let lines: Vec<&str> = text.lines().take(4).collect();
        assert_eq!(
            lines[..3],
            ["Employee export", "Generated 2026-11-01 by PeopleSoft", ""]
        );
        assert!(lines[3].starts_with("Employee ID,First Name"));
        assert_eq!(parse(text, b',', 3).len(), 21);
    }

    #[test]
    fn every_encoding_round_trips_with_its_bom() {
        let people = spec(400, 0.05, 8);
        let (reference, _) = generate(&CsvStyle::PLAIN, &people);
        let cases = [
            (TextEncoding::Utf8Bom, encoding_rs::UTF_8, 3),
            (TextEncoding::Utf16LeBom, encoding_rs::UTF_16LE, 2),
            (TextEncoding::Utf16BeBom, encoding_rs::UTF_16BE, 2),
        ];
        for (encoding, expected, bom_len) in cases {
            let style = CsvStyle {
                encoding,
                ..CsvStyle::PLAIN
            };
            let (out, _) = generate(&style, &people);
            let (found, len) = encoding_rs::Encoding::for_bom(&out).expect("a BOM");
            assert_eq!((found, len), (expected, bom_len), "{encoding:?}");
            let (text, had_errors) = found.decode_without_bom_handling(&out[len..]);
            assert!(!had_errors);
            assert_eq!(text.as_bytes(), &reference[..], "{encoding:?}");
        }
    }

    #[test]
    fn excel_german_preset() {
        let Some(crate::Format::Csv(style)) = crate::Format::parse("csv-excel-de") else {
            unreachable!()
        };
        let (out, summary) = generate(&style, &spec(3000, 0.02, 2));
        assert!(encoding_rs::Encoding::for_bom(&out).is_none());
        let (text, had_errors) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&out);
        assert!(!had_errors);
        assert!(
            text.contains("\r\n") && text.contains("Müller"),
            "accents survive"
        );
        let records = parse(&text, b';', 3);
        assert_eq!(records.len() as u64, summary.rows + 1);
        assert!(records.iter().all(|r| r.len() == 12));
        // Windows-1252 has no "Ł": such names were swapped for encodable ones.
        assert!(!text.contains('Ł'));
        let (unicode, _) = generate(&CsvStyle::PLAIN, &spec(3000, 0.02, 2));
        assert!(
            std::str::from_utf8(&unicode)
                .unwrap()
                .contains(['Ł', 'ř', 'ń'])
        );
    }
}
