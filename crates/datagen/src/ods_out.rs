//! ODS output, written by hand as a zip: `mimetype` first and uncompressed
//! (so tools can sniff the type at a fixed offset), the manifest, then
//! `content.xml` streamed row by row into the deflater.

use std::io::{Seek, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::columns::{COVER_LINES, COVER_SHEET, Cell, DATA_SHEET, HEADERS, RowBuf, TITLE_LINES};
use crate::error::GenError;
use crate::ods_xml::{self, CONTENT_END, CONTENT_START, MANIFEST, MIMETYPE, TABLE_END};
use crate::person::People;
use crate::spec::{Spec, Summary, check_rows};

/// LibreOffice Calc's row limit.
pub(crate) const MAX_ROWS: u64 = 16_777_216;

/// Above this many rows content.xml may pass 4 GiB and needs ZIP64.
const ZIP64_ROWS: u64 = 2_000_000;

/// Flush the row buffer into the deflater at about this size.
const CHUNK: usize = 64 * 1024;

pub(crate) fn write_ods<W: Write + Seek>(
    out: W,
    cover_sheet: bool,
    title_rows: bool,
    spec: &Spec,
) -> Result<Summary, GenError> {
    let header_row: u64 = if title_rows { 4 } else { 1 };
    check_rows("ODS", spec.rows, header_row, MAX_ROWS)?;

    // A fixed timestamp keeps the bytes identical from run to run.
    let stamp =
        DateTime::from_date_and_time(2026, 11, 1, 0, 0, 0).expect("a date inside the zip range");
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(stamp);
    let deflated = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(stamp);

    let mut zip = ZipWriter::new(out);
    zip.start_file("mimetype", stored)?;
    zip.write_all(MIMETYPE.as_bytes())?;
    zip.start_file("META-INF/manifest.xml", deflated)?;
    zip.write_all(MANIFEST.as_bytes())?;
    zip.start_file("content.xml", deflated.large_file(spec.rows > ZIP64_ROWS))?;

    let mut xml = String::with_capacity(CHUNK + 4096);
    xml.push_str(CONTENT_START);
    if cover_sheet {
        ods_xml::push_table_start(COVER_SHEET, 1, &mut xml);
        ods_xml::push_row(&[Cell::Text(COVER_LINES[0])], &mut xml);
        ods_xml::push_blank_row(&mut xml);
        for line in &COVER_LINES[1..] {
            ods_xml::push_row(&[Cell::Text(line)], &mut xml);
        }
        xml.push_str(TABLE_END);
    }
    ods_xml::push_table_start(DATA_SHEET, HEADERS.len(), &mut xml);
    if title_rows {
        for line in TITLE_LINES {
            ods_xml::push_row(&[Cell::Text(line)], &mut xml);
        }
        ods_xml::push_blank_row(&mut xml);
    }
    let header: Vec<Cell<'_>> = HEADERS.iter().map(|h| Cell::Text(h)).collect();
    ods_xml::push_row(&header, &mut xml);

    let mut summary = Summary {
        header_row,
        ..Summary::default()
    };
    let mut row = RowBuf::default();
    for person in People::new(spec, true) {
        ods_xml::push_row(&row.cells(&person), &mut xml);
        if xml.len() >= CHUNK {
            zip.write_all(xml.as_bytes())?;
            xml.clear();
        }
        summary.rows += 1;
        if let Some(defect) = person.defect {
            summary.defects.add(defect);
        }
    }
    xml.push_str(TABLE_END);
    xml.push_str(CONTENT_END);
    zip.write_all(xml.as_bytes())?;
    zip.finish()?.flush()?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Ods, Reader};
    use std::io::{Cursor, Read};

    fn generate(cover: bool, titles: bool, spec: &Spec) -> (Vec<u8>, Summary) {
        let mut out = Cursor::new(Vec::new());
        let summary = write_ods(&mut out, cover, titles, spec).unwrap();
        (out.into_inner(), summary)
    }

    fn spec(rows: u64, defect_rate: f64) -> Spec {
        Spec {
            rows,
            defect_rate,
            seed: 33,
        }
    }

    #[test]
    fn mimetype_comes_first_and_uncompressed() {
        let (bytes, _) = generate(false, false, &spec(5, 0.0));
        // Local header (30 bytes) + "mimetype" (8), then the type in clear.
        assert_eq!(&bytes[30..38], b"mimetype");
        assert_eq!(&bytes[38..38 + MIMETYPE.len()], MIMETYPE.as_bytes());
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut manifest = String::new();
        archive
            .by_name("META-INF/manifest.xml")
            .unwrap()
            .read_to_string(&mut manifest)
            .unwrap();
        assert!(manifest.contains("content.xml"));
    }

    #[test]
    fn opens_with_dates_and_text_ids() {
        let (bytes, summary) = generate(false, false, &spec(1500, 0.1));
        let mut book = Ods::new(Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), [DATA_SHEET]);
        let range = book.worksheet_range(DATA_SHEET).unwrap();
        assert_eq!(range.get_size(), (1501, 12));
        let rows: Vec<&[Data]> = range.rows().collect();
        assert_eq!(rows[0][3], Data::String("Email".into()));
        let mut dotted = 0;
        let mut multiline = 0;
        for row in &rows[1..] {
            assert!(matches!(&row[0], Data::String(id) if id.len() == 8));
            match &row[6] {
                Data::DateTimeIso(iso) => assert_eq!(iso.len(), 10, "{iso}"),
                Data::String(text) => {
                    assert_eq!(text.as_bytes()[2], b'.', "{text}");
                    dotted += 1;
                }
                other => panic!("hire date {other:?}"),
            }
            assert!(matches!(&row[7], Data::DateTimeIso(_)), "{:?}", row[7]);
            multiline += usize::from(row[5] == Data::String("Head of\nPayroll".into()));
        }
        assert_eq!(dotted, summary.defects.other_date_format);
        let empty_first = rows[1..].iter().filter(|r| r[1] == Data::Empty).count() as u64;
        assert_eq!(empty_first, summary.defects.missing_first_name);
        assert!(multiline > 0, "line breaks survive as paragraphs");
    }

    #[test]
    fn cover_sheet_and_title_rows() {
        let (bytes, summary) = generate(true, true, &spec(25, 0.0));
        assert_eq!(summary.header_row, 4);
        let mut book = Ods::new(Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), [COVER_SHEET, DATA_SHEET]);
        let cover = book.worksheet_range(COVER_SHEET).unwrap();
        assert_eq!(
            cover.get((3, 0)),
            Some(&Data::String("Prepared by HR".into()))
        );
        let data = book.worksheet_range(DATA_SHEET).unwrap();
        assert_eq!(data.get((1, 0)), Some(&Data::String(TITLE_LINES[1].into())));
        assert_eq!(data.get((3, 0)), Some(&Data::String("Employee ID".into())));
        assert_eq!(data.get_size().0, 29);
    }

    #[test]
    fn same_seed_same_bytes() {
        let (a, _) = generate(true, true, &spec(40, 0.2));
        let (b, _) = generate(true, true, &spec(40, 0.2));
        assert_eq!(a, b);
    }
}
