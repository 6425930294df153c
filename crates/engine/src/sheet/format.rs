//! Which kind of file a person handed us: from its extension, checked against its first bytes,
//! so a workbook renamed to `.csv` or a PDF saved as `.xlsx` gets a clear sentence, not garbage.

use std::fmt;
use std::path::Path;

use serde::Serialize;

use super::SheetError;

/// The formats Muster reads. `.tsv` and `.txt` are delimited text (`Csv`); `.xlsm` is `Xlsx`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Csv,
    Xlsx,
    Xlsb,
    Xls,
    Ods,
    Json,
    Ndjson,
}

impl Format {
    /// The format a file name's extension promises, if Muster reads it.
    pub fn from_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "csv" | "tsv" | "tab" | "txt" | "psv" => Format::Csv,
            "xlsx" | "xlsm" => Format::Xlsx,
            "xlsb" => Format::Xlsb,
            "xls" => Format::Xls,
            "ods" => Format::Ods,
            "json" => Format::Json,
            "ndjson" | "jsonl" => Format::Ndjson,
            _ => return None,
        })
    }

    /// Parses a format name given by a person (`--format csv`).
    pub fn from_name(name: &str) -> Option<Format> {
        let probe = format!("x.{}", name.trim().trim_start_matches('.'));
        Format::from_extension(Path::new(&probe))
    }

    /// Whether this is a workbook read through calamine.
    pub fn is_spreadsheet(self) -> bool {
        matches!(
            self,
            Format::Xlsx | Format::Xlsb | Format::Xls | Format::Ods
        )
    }

    /// The name used in `--json` output and in messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Xlsb => "xlsb",
            Format::Xls => "xls",
            Format::Ods => "ods",
            Format::Json => "json",
            Format::Ndjson => "ndjson",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a file's first bytes say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Content {
    /// A ZIP container: xlsx, xlsm, ods (or any other zip).
    Zip,
    /// An OLE compound file: a legacy .xls, or a password-protected xlsx.
    Compound,
    /// Some other binary format, named for people.
    Binary(&'static str),
    /// Anything else: text in some encoding, or an unrecognised binary we catch later.
    Other,
}

pub(crate) fn sniff(head: &[u8]) -> Content {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"\x7FELF", "a program"),
        (b"Rar!", "a RAR archive"),
        (b"7z\xBC\xAF", "a 7-Zip archive"),
        (b"SQLite format 3", "an SQLite database"),
    ];
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Content::Zip;
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Content::Compound;
    }
    for (magic, name) in SIGNATURES {
        if head.starts_with(magic) {
            return Content::Binary(name);
        }
    }
    // "MZ" alone is two letters a sheet may well start with ("MZ-Nummer,Name"); a Windows
    // program's header that follows it holds NUL bytes, which text does not.
    if head.starts_with(b"MZ") && head[2..].contains(&0) {
        return Content::Binary("a Windows program");
    }
    Content::Other
}

/// Decides the format from the extension (or the person's `--format`) and the first bytes.
pub(crate) fn decide(
    path: &Path,
    head: &[u8],
    requested: Option<Format>,
) -> Result<Format, SheetError> {
    let content = sniff(head);
    if let Content::Binary(what) = content {
        return Err(SheetError::Binary {
            path: path.to_path_buf(),
            what: what.to_string(),
        });
    }
    let format = match requested.or_else(|| Format::from_extension(path)) {
        Some(format) => format,
        None => {
            return Err(SheetError::UnsupportedExtension {
                path: path.to_path_buf(),
            });
        }
    };
    let actual = match content {
        Content::Zip => "an Excel or OpenDocument workbook (a ZIP container)",
        Content::Compound => "a legacy Excel workbook or a password-protected one",
        _ => "text",
    };
    let fits = match format {
        Format::Xlsx | Format::Xlsb | Format::Ods => content == Content::Zip,
        // Password-protected xlsx files are compound files too; the reader says so.
        Format::Xls => content == Content::Compound,
        Format::Csv | Format::Json | Format::Ndjson => content == Content::Other,
    };
    let encrypted_ooxml = content == Content::Compound && matches!(format, Format::Xlsx);
    if fits || encrypted_ooxml {
        Ok(format)
    } else {
        Err(SheetError::WrongContent {
            path: path.to_path_buf(),
            expected: format,
            actual: actual.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_map_to_formats() {
        assert_eq!(
            Format::from_extension(Path::new("a.TSV")),
            Some(Format::Csv)
        );
        assert_eq!(
            Format::from_extension(Path::new("a.xlsm")),
            Some(Format::Xlsx)
        );
        assert_eq!(
            Format::from_extension(Path::new("a.jsonl")),
            Some(Format::Ndjson)
        );
        assert_eq!(Format::from_extension(Path::new("a.docx")), None);
        assert_eq!(Format::from_name("ods"), Some(Format::Ods));
    }

    #[test]
    fn a_workbook_named_csv_is_refused_with_what_it_really_is() {
        let err = decide(Path::new("staff.csv"), b"PK\x03\x04rest", None).unwrap_err();
        assert!(err.to_string().contains("staff.csv"), "{err}");
        assert!(err.to_string().contains("ZIP"), "{err}");
    }

    #[test]
    fn text_named_xlsx_is_refused() {
        let err = decide(Path::new("staff.xlsx"), b"id,name\n", None).unwrap_err();
        assert!(matches!(err, SheetError::WrongContent { .. }), "{err}");
    }

    #[test]
    fn binary_files_are_named() {
        let err = decide(Path::new("photo.csv"), b"\x89PNG\r\n", None).unwrap_err();
        assert!(err.to_string().contains("PNG image"), "{err}");
    }

    #[test]
    fn a_windows_program_is_named_but_a_sheet_starting_with_mz_is_read() {
        let program = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xFF\xFF\x00\x00";
        let err = decide(Path::new("setup.csv"), program, None).unwrap_err();
        assert!(err.to_string().contains("Windows program"), "{err}");
        for text in [b"MZ-Nummer,Name\n".as_slice(), b"MZUo mFLD col0\r\n", b"MZ"] {
            assert_eq!(
                decide(Path::new("staff.csv"), text, None).ok(),
                Some(Format::Csv)
            );
        }
    }

    #[test]
    fn the_requested_format_overrides_the_extension() {
        let format = decide(Path::new("export.dat"), b"a;b\n", Some(Format::Csv)).unwrap();
        assert_eq!(format, Format::Csv);
    }
}
