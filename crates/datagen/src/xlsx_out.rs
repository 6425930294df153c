//! XLSX output through rust_xlsxwriter in constant-memory mode: rows go to a
//! temp file as they are written, so a million rows need no more memory than
//! ten. Dates are real date cells, ids are text cells, as HR exports from
//! Excel-based tools look.

use std::io::{Seek, Write};

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format as CellFormat, Workbook, Worksheet};

use crate::columns::{COVER_LINES, COVER_SHEET, Cell, DATA_SHEET, HEADERS, RowBuf, TITLE_LINES};
use crate::date::Date;
use crate::error::GenError;
use crate::person::People;
use crate::spec::{Spec, Summary, check_rows};

/// Rows in an Excel sheet.
pub(crate) const MAX_ROWS: u64 = 1_048_576;

/// Days from Excel's day 0 (1899-12-30) to 1970-01-01.
const EXCEL_EPOCH_OFFSET: i32 = 25_569;

/// Column widths in characters, so the file looks tidy when opened.
const WIDTHS: [f64; 12] = [
    12.0, 14.0, 16.0, 32.0, 22.0, 28.0, 12.0, 12.0, 18.0, 12.0, 18.0, 8.0,
];

pub(crate) fn write_xlsx<W: Write + Seek + Send>(
    out: W,
    cover_sheet: bool,
    title_rows: bool,
    spec: &Spec,
) -> Result<Summary, GenError> {
    let header_row: u64 = if title_rows { 4 } else { 1 };
    check_rows("XLSX", spec.rows, header_row, MAX_ROWS)?;

    let mut workbook = Workbook::new();
    // A fixed creation date keeps the bytes identical from run to run.
    let created = ExcelDateTime::from_ymd(2026, 11, 1)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));

    if cover_sheet {
        let cover = workbook.add_worksheet();
        cover.set_name(COVER_SHEET)?;
        cover.set_column_width(0, 40)?;
        let bold = CellFormat::new().set_bold();
        cover.write_string_with_format(0, 0, COVER_LINES[0], &bold)?;
        for (row, line) in COVER_LINES.iter().enumerate().skip(1) {
            // Leave a blank line under the title, as people lay cover pages out.
            cover.write_string(row as u32 + 1, 0, *line)?;
        }
    }

    // Low-memory mode streams rows like constant-memory mode but keeps a shared string
    // table, as Excel itself writes workbooks; readers are benchmarked on that shape.
    let sheet = workbook.add_worksheet_with_low_memory()?;
    sheet.set_name(DATA_SHEET)?;
    for (col, width) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(col as u16, *width)?;
    }
    if title_rows {
        sheet.write_string_with_format(0, 0, TITLE_LINES[0], &CellFormat::new().set_bold())?;
        sheet.write_string(1, 0, TITLE_LINES[1])?;
    }
    let header_index = (header_row - 1) as u32;
    let bold = CellFormat::new().set_bold();
    for (col, name) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(header_index, col as u16, *name, &bold)?;
    }

    let date_format = CellFormat::new().set_num_format("yyyy-mm-dd");
    let mut summary = Summary {
        header_row,
        ..Summary::default()
    };
    let mut row = RowBuf::default();
    for person in People::new(spec, true) {
        let index = header_index + 1 + summary.rows as u32;
        write_row(sheet, index, &row.cells(&person), &date_format)?;
        summary.rows += 1;
        if let Some(defect) = person.defect {
            summary.defects.add(defect);
        }
    }

    workbook.save_to_writer(out)?;
    Ok(summary)
}

fn write_row(
    sheet: &mut Worksheet,
    row: u32,
    cells: &[Cell<'_>; 12],
    date_format: &CellFormat,
) -> Result<(), GenError> {
    for (col, cell) in cells.iter().enumerate() {
        let col = col as u16;
        match *cell {
            Cell::Text(text) => {
                sheet.write_string(row, col, text)?;
            }
            Cell::Date(date, _) => {
                sheet.write_number_with_format(row, col, excel_serial(date), date_format)?;
            }
            Cell::Empty => {}
        }
    }
    Ok(())
}

/// The serial number Excel stores for a date (days since 1899-12-30).
fn excel_serial(date: Date) -> f64 {
    f64::from(date.days() + EXCEL_EPOCH_OFFSET)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};
    use std::io::Cursor;

    fn generate(cover: bool, titles: bool, spec: &Spec) -> (Vec<u8>, Summary) {
        let mut out = Cursor::new(Vec::new());
        let summary = write_xlsx(&mut out, cover, titles, spec).unwrap();
        (out.into_inner(), summary)
    }

    fn spec(rows: u64, defect_rate: f64) -> Spec {
        Spec {
            rows,
            defect_rate,
            seed: 21,
        }
    }

    #[test]
    fn serial_numbers() {
        assert_eq!(excel_serial(Date::from_ymd(1970, 1, 1)), 25_569.0);
        assert_eq!(excel_serial(Date::from_ymd(2020, 1, 15)), 43_845.0);
    }

    #[test]
    fn opens_with_dates_and_text_ids() {
        let (bytes, summary) = generate(false, false, &spec(200, 0.1));
        let mut book = Xlsx::new(Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), [DATA_SHEET]);
        let range = book.worksheet_range(DATA_SHEET).unwrap();
        assert_eq!(range.get_size(), (201, 12));
        let rows: Vec<&[Data]> = range.rows().collect();
        assert_eq!(rows[0][0], Data::String("Employee ID".into()));
        let mut dotted = 0;
        for row in &rows[1..] {
            assert!(
                matches!(&row[0], Data::String(id) if id.starts_with('E')),
                "{:?}",
                row[0]
            );
            match &row[6] {
                Data::DateTime(dt) => assert!(dt.is_datetime()),
                Data::String(text) => {
                    assert_eq!(text.as_bytes()[2], b'.', "{text}");
                    dotted += 1;
                }
                other => panic!("hire date {other:?}"),
            }
            let Data::DateTime(birth) = &row[7] else {
                panic!("birth date {:?}", row[7])
            };
            let earliest = excel_serial(Date::from_ymd(1930, 1, 1));
            let latest = excel_serial(Date::from_ymd(2010, 1, 1));
            assert!((earliest..latest).contains(&birth.as_f64()), "{birth:?}");
        }
        assert_eq!(dotted, summary.defects.other_date_format);
        assert_eq!(summary.rows, 200);
    }

    #[test]
    fn cover_sheet_and_title_rows() {
        let (bytes, summary) = generate(true, true, &spec(30, 0.0));
        assert_eq!(summary.header_row, 4);
        let mut book = Xlsx::new(Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), [COVER_SHEET, DATA_SHEET]);
        let cover = book.worksheet_range(COVER_SHEET).unwrap();
        assert_eq!(
            cover.get((0, 0)),
            Some(&Data::String(COVER_LINES[0].into()))
        );
        assert_eq!(
            cover.get((3, 0)),
            Some(&Data::String("Prepared by HR".into()))
        );
        let data = book.worksheet_range(DATA_SHEET).unwrap();
        assert_eq!(data.start(), Some((0, 0)));
        assert_eq!(data.get((0, 0)), Some(&Data::String(TITLE_LINES[0].into())));
        assert_eq!(data.get((2, 0)), Some(&Data::Empty));
        assert_eq!(data.get((3, 0)), Some(&Data::String("Employee ID".into())));
        assert_eq!(data.get_size().0, 34);
    }

    #[test]
    fn same_seed_same_bytes() {
        let (a, _) = generate(true, false, &spec(50, 0.1));
        let (b, _) = generate(true, false, &spec(50, 0.1));
        assert_eq!(a, b);
    }

    #[test]
    fn too_many_rows_is_refused_up_front() {
        let mut out = Cursor::new(Vec::new());
        let err = write_xlsx(&mut out, false, true, &spec(MAX_ROWS, 0.0)).unwrap_err();
        assert!(err.to_string().contains("at most 1048576 rows"), "{err}");
        assert!(out.into_inner().is_empty());
    }
}
