//! The XML inside an ODS file: the manifest, and `content.xml` written piece
//! by piece (prologue, tables, rows, epilogue) so rows can stream.

use crate::columns::Cell;

pub(crate) const MIMETYPE: &str = "application/vnd.oasis.opendocument.spreadsheet";

pub(crate) const MANIFEST: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8"?>"#,
    "\n",
    r#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">"#,
    "\n",
    r#" <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>"#,
    "\n",
    r#" <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>"#,
    "\n",
    "</manifest:manifest>\n",
);

/// Namespaces, the date style `ce1` (yyyy-mm-dd) and the start of the body.
pub(crate) const CONTENT_START: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8"?>"#,
    "\n",
    r#"<office:document-content"#,
    r#" xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0""#,
    r#" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0""#,
    r#" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0""#,
    r#" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0""#,
    r#" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0""#,
    r#" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0""#,
    r#" office:version="1.3">"#,
    "\n<office:automatic-styles>",
    r#"<number:date-style style:name="N1">"#,
    r#"<number:year number:style="long"/><number:text>-</number:text>"#,
    r#"<number:month number:style="long"/><number:text>-</number:text>"#,
    r#"<number:day number:style="long"/></number:date-style>"#,
    r#"<style:style style:name="ce1" style:family="table-cell" style:data-style-name="N1"/>"#,
    "</office:automatic-styles>\n<office:body><office:spreadsheet>\n",
);

pub(crate) const CONTENT_END: &str =
    "</office:spreadsheet></office:body></office:document-content>\n";

/// Opens a sheet with `columns` columns.
pub(crate) fn push_table_start(name: &str, columns: usize, out: &mut String) {
    out.push_str(r#"<table:table table:name=""#);
    push_escaped(name, out);
    out.push_str(r#""><table:table-column table:number-columns-repeated=""#);
    out.push_str(&columns.to_string());
    out.push_str("\"/>\n");
}

pub(crate) const TABLE_END: &str = "</table:table>\n";

/// Appends one row of cells.
pub(crate) fn push_row(cells: &[Cell<'_>], out: &mut String) {
    out.push_str("<table:table-row>");
    for cell in cells {
        push_cell(cell, out);
    }
    out.push_str("</table:table-row>\n");
}

/// Appends an empty row, as a blank line between title and header.
pub(crate) fn push_blank_row(out: &mut String) {
    out.push_str("<table:table-row><table:table-cell/></table:table-row>\n");
}

fn push_cell(cell: &Cell<'_>, out: &mut String) {
    match *cell {
        Cell::Text(text) => {
            out.push_str(r#"<table:table-cell office:value-type="string">"#);
            // Each line is its own paragraph; that is how ODS stores line breaks.
            for line in text.split('\n') {
                out.push_str("<text:p>");
                push_escaped(line, out);
                out.push_str("</text:p>");
            }
            out.push_str("</table:table-cell>");
        }
        Cell::Date(_, iso) => {
            out.push_str(r#"<table:table-cell table:style-name="ce1" office:value-type="date" office:date-value=""#);
            out.push_str(iso);
            out.push_str(r#""><text:p>"#);
            out.push_str(iso);
            out.push_str("</text:p></table:table-cell>");
        }
        Cell::Empty => out.push_str("<table:table-cell/>"),
    }
}

/// Appends `text` with XML's special characters escaped (safe in attributes too).
pub(crate) fn push_escaped(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;

    #[test]
    fn escapes_and_splits_lines() {
        let mut out = String::new();
        push_row(
            &[
                Cell::Text("R&D <\"x\">"),
                Cell::Text("Head of\nPayroll"),
                Cell::Empty,
                Cell::Date(Date::from_ymd(2020, 1, 15), "2020-01-15"),
            ],
            &mut out,
        );
        assert!(out.contains("<text:p>R&amp;D &lt;&quot;x&quot;&gt;</text:p>"));
        assert!(out.contains("<text:p>Head of</text:p><text:p>Payroll</text:p>"));
        assert!(out.contains(r#"office:date-value="2020-01-15""#));
        assert!(out.contains("<table:table-cell/>"));
    }
}
