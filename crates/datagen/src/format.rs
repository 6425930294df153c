//! The output formats and their named presets (`csv`, `csv-excel-de`, ...).

/// A text encoding for delimited files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 without a byte order mark.
    Utf8,
    /// UTF-8 with a BOM, as Excel's "CSV UTF-8" writes it.
    Utf8Bom,
    /// UTF-16 little endian with a BOM, Excel's "Unicode Text".
    Utf16LeBom,
    /// UTF-16 big endian with a BOM.
    Utf16BeBom,
    /// The Western Windows code page that Excel's plain "CSV" uses.
    Windows1252,
}

impl TextEncoding {
    /// Whether every name in the pools can be written; Windows-1252 lacks
    /// letters such as `Ł` or `ř`, so names with them are swapped out.
    pub fn is_unicode(self) -> bool {
        !matches!(self, TextEncoding::Windows1252)
    }

    /// A human name for messages.
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 with BOM",
            TextEncoding::Utf16LeBom => "UTF-16LE with BOM",
            TextEncoding::Utf16BeBom => "UTF-16BE with BOM",
            TextEncoding::Windows1252 => "Windows-1252",
        }
    }
}

/// How a delimited text file looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvStyle {
    /// Field separator, e.g. `b','`, `b';'` or `b'\t'`.
    pub delimiter: u8,
    pub encoding: TextEncoding,
    /// End records with CRLF (Windows, Excel) instead of LF.
    pub crlf: bool,
    /// Two title lines and a blank line above the header.
    pub title_rows: bool,
}

impl CsvStyle {
    /// Plain comma-separated UTF-8 with LF line ends.
    pub const PLAIN: CsvStyle = CsvStyle {
        delimiter: b',',
        encoding: TextEncoding::Utf8,
        crlf: false,
        title_rows: false,
    };
}

/// Which kind of file to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Delimited text.
    Csv(CsvStyle),
    /// Excel workbook; dates are date cells, ids are text cells.
    Xlsx { cover_sheet: bool, title_rows: bool },
    /// OpenDocument spreadsheet, same layout as XLSX.
    Ods { cover_sheet: bool, title_rows: bool },
    /// JSON with the HR API's field names: an array of users, or with
    /// `wrapped` an API page `{"users":[...],"meta":{...}}`.
    Json { wrapped: bool },
    /// One JSON user object per line.
    Ndjson,
}

impl Format {
    /// The preset names accepted by [`Format::parse`], for help texts.
    pub const NAMES: [&'static str; 11] = [
        "csv",
        "csv-excel-de",
        "tsv",
        "utf16",
        "xlsx",
        "xlsx-report",
        "ods",
        "ods-report",
        "json",
        "json-wrapped",
        "ndjson",
    ];

    /// A preset by name (case-insensitive):
    ///
    /// - `csv`: comma, UTF-8, LF
    /// - `csv-excel-de`: semicolon, Windows-1252, CRLF, title rows (German Excel)
    /// - `tsv`: tab, UTF-8, LF
    /// - `utf16`: tab, UTF-16LE with BOM, CRLF (Excel "Unicode Text")
    /// - `xlsx`, `ods`: one sheet, header on row 1
    /// - `xlsx-report`, `ods-report`: a cover sheet and title rows
    /// - `json`: top-level array; `json-wrapped`: API page; `ndjson`
    pub fn parse(name: &str) -> Option<Format> {
        let name = name.trim().to_ascii_lowercase();
        let format = match name.as_str() {
            "csv" => Format::Csv(CsvStyle::PLAIN),
            "csv-excel-de" => Format::Csv(CsvStyle {
                delimiter: b';',
                encoding: TextEncoding::Windows1252,
                crlf: true,
                title_rows: true,
            }),
            "tsv" => Format::Csv(CsvStyle {
                delimiter: b'\t',
                ..CsvStyle::PLAIN
            }),
            "utf16" => Format::Csv(CsvStyle {
                delimiter: b'\t',
                encoding: TextEncoding::Utf16LeBom,
                crlf: true,
                title_rows: false,
            }),
            "xlsx" => Format::Xlsx {
                cover_sheet: false,
                title_rows: false,
            },
            "xlsx-report" => Format::Xlsx {
                cover_sheet: true,
                title_rows: true,
            },
            "ods" => Format::Ods {
                cover_sheet: false,
                title_rows: false,
            },
            "ods-report" => Format::Ods {
                cover_sheet: true,
                title_rows: true,
            },
            "json" => Format::Json { wrapped: false },
            "json-wrapped" => Format::Json { wrapped: true },
            "ndjson" => Format::Ndjson,
            _ => return None,
        };
        Some(format)
    }

    /// The usual file extension, without the dot.
    pub fn extension(&self) -> &'static str {
        match self {
            // Excel saves "Unicode Text" as .txt; other tab files are .tsv.
            Format::Csv(style) if style.delimiter == b'\t' => match style.encoding {
                TextEncoding::Utf16LeBom | TextEncoding::Utf16BeBom => "txt",
                _ => "tsv",
            },
            Format::Csv(_) => "csv",
            Format::Xlsx { .. } => "xlsx",
            Format::Ods { .. } => "ods",
            Format::Json { .. } => "json",
            Format::Ndjson => "ndjson",
        }
    }

    /// Whether the output has title rows above the header.
    pub fn has_title_rows(&self) -> bool {
        match self {
            Format::Csv(style) => style.title_rows,
            Format::Xlsx { title_rows, .. } | Format::Ods { title_rows, .. } => *title_rows,
            Format::Json { .. } | Format::Ndjson => false,
        }
    }

    /// The 1-based header row a spreadsheet shows, 0 when there is no header.
    pub fn header_row(&self) -> u64 {
        match self {
            Format::Json { .. } | Format::Ndjson => 0,
            _ if self.has_title_rows() => 4,
            _ => 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_parses() {
        for name in Format::NAMES {
            assert!(Format::parse(name).is_some(), "{name}");
        }
        assert_eq!(Format::parse("XLSX"), Format::parse("xlsx"));
        assert!(Format::parse("docx").is_none());
    }

    #[test]
    fn presets() {
        let Some(Format::Csv(de)) = Format::parse("csv-excel-de") else {
            panic!("csv-excel-de is delimited")
        };
        assert_eq!(de.delimiter, b';');
        assert_eq!(de.encoding, TextEncoding::Windows1252);
        assert!(de.crlf && de.title_rows);
        let utf16 = Format::parse("utf16").unwrap();
        assert_eq!(utf16.extension(), "txt");
        assert_eq!(Format::parse("tsv").unwrap().extension(), "tsv");
        assert_eq!(Format::parse("csv").unwrap().header_row(), 1);
        assert_eq!(Format::parse("csv-excel-de").unwrap().header_row(), 4);
        assert_eq!(Format::parse("ndjson").unwrap().header_row(), 0);
    }
}
