//! The flags that override Muster's guesses about a file, shared by every command that reads one.

use anyhow::{Context, Result};
use muster_engine::sheet::{Format, ReadOptions};

#[derive(clap::Args, Debug, Default)]
pub struct ReadArgs {
    /// The workbook sheet to read (default: the first sheet that holds a table).
    #[arg(long)]
    pub sheet: Option<String>,
    /// The row that holds the column names, as numbered in Excel (default: detected).
    #[arg(long, value_name = "N")]
    pub header_row: Option<u64>,
    /// The text encoding, e.g. utf-8, windows-1252, utf-16le (default: detected).
    #[arg(long)]
    pub encoding: Option<String>,
    /// The field delimiter: a character, or `tab` (default: detected among , ; tab |).
    #[arg(long)]
    pub delimiter: Option<String>,
    /// Where the records are in a JSON document, e.g. /users (default: found).
    #[arg(long, value_name = "POINTER")]
    pub json_pointer: Option<String>,
    /// Read the file as this format whatever its extension says (csv, xlsx, xls, ods, json, ndjson).
    #[arg(long)]
    pub format: Option<String>,
}

impl ReadArgs {
    /// The options to read with: these flags over `base` (e.g. a profile's source settings).
    pub fn options(&self, base: ReadOptions) -> Result<ReadOptions> {
        let format = match &self.format {
            Some(name) => Some(Format::from_name(name).with_context(|| {
                format!("\"{name}\" is not a format Muster reads. Use csv, xlsx, xlsb, xls, ods, json or ndjson.")
            })?),
            None => base.format,
        };
        Ok(ReadOptions {
            format,
            encoding: self.encoding.clone().or(base.encoding),
            delimiter: match self.delimiter.as_deref() {
                Some(text) => Some(parse_delimiter(text)?),
                None => base.delimiter,
            },
            sheet: self.sheet.clone().or(base.sheet),
            header_row: self.header_row.or(base.header_row),
            json_pointer: self.json_pointer.clone().or(base.json_pointer),
        })
    }
}

fn parse_delimiter(text: &str) -> Result<u8> {
    muster_engine::sheet::delimiter_from_name(text).with_context(|| {
        format!(
            "\"{text}\" cannot be a delimiter: give one character such as , ; | or the word tab."
        )
    })
}
