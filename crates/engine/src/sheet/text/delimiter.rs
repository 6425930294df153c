//! Which of `,` `;` tab `|` separates the fields of a delimited file.
//!
//! Each candidate splits a sample with the same CSV parser that reads the file (so quoted
//! delimiters do not count); the winner splits the most records into the same number of
//! fields, and among equals, into the most fields. Title lines above the table split into
//! one field whatever the delimiter, so they do not sway the choice.
//!
//! Before that, the candidates whose quotes pair up best go first: with the right
//! delimiter a quoted field is followed by a delimiter or a line break; with a wrong one
//! its closing quote is followed by other text, and a record with line breaks in its cells
//! falls apart into short records that could outnumber the real ones.

use std::cmp::Reverse;
use std::collections::HashMap;

use super::split::quoted_fields;

const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];
const SAMPLE_RECORDS: usize = 50;

/// Picks the delimiter for a decoded sample of the file's beginning. `complete` says whether
/// the sample is the whole file; if not, its last record may be cut and is not counted.
pub(crate) fn detect(sample: &str, complete: bool) -> u8 {
    let mut best = (Reverse(usize::MAX), 0usize, 0usize, CANDIDATES[0]);
    for delimiter in CANDIDATES {
        let (agreeing, fields) = consistency(sample, delimiter, complete);
        let strays = Reverse(stray_quotes(sample.as_bytes(), delimiter, complete));
        if fields > 1 && (strays, agreeing, fields) > (best.0, best.1, best.2) {
            best = (strays, agreeing, fields, delimiter);
        }
    }
    best.3
}

/// Quoted fields (a quote at the start of a field, as the parser reads them with this
/// delimiter) whose closing quote is followed by something other than the delimiter or a
/// line break, or that never close in a sample that is the whole file.
fn stray_quotes(sample: &[u8], delimiter: u8, complete: bool) -> usize {
    let (quoted, unclosed) = quoted_fields(sample, delimiter);
    let strays = quoted
        .iter()
        .filter(|&&(_, end)| {
            sample
                .get(end)
                .is_some_and(|&next| !matches!(next, b'\r' | b'\n') && next != delimiter)
        })
        .count();
    strays + usize::from(complete && unclosed < sample.len())
}

/// How many records share the most common field count above one, and that count.
fn consistency(sample: &str, delimiter: u8, complete: bool) -> (usize, usize) {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(sample.as_bytes());
    let mut counts: Vec<usize> = reader
        .byte_records()
        .take(SAMPLE_RECORDS + 1)
        .map_while(Result::ok)
        .map(|r| r.len())
        .collect();
    if !complete || counts.len() > SAMPLE_RECORDS {
        counts.pop();
    }
    let total = counts.len();
    let mut tally: HashMap<usize, usize> = HashMap::new();
    for n in counts.into_iter().filter(|&n| n > 1) {
        *tally.entry(n).or_default() += 1;
    }
    // A delimiter must split most records alike: one `;` in a cell of a one-column list
    // (or in a title line) is no table.
    tally
        .into_iter()
        .map(|(fields, records)| (records, fields))
        .max()
        .filter(|&(records, _)| records * 2 > total)
        .unwrap_or((0, 0))
}

#[cfg(test)]
mod tests {
    use super::detect;

    #[test]
    fn each_candidate_is_found() {
        assert_eq!(detect("a,b,c\n1,2,3\n", true), b',');
        assert_eq!(detect("a;b;c\n1;2;3\n", true), b';');
        assert_eq!(detect("a\tb\tc\n1\t2\t3\n", true), b'\t');
        assert_eq!(detect("a|b|c\n1|2|3\n", true), b'|');
    }

    #[test]
    fn commas_inside_values_do_not_beat_semicolons() {
        let sample = "Name;Titel;Ort\nAnn;Sales, EMEA;Köln\nBo;Head of HR, DACH;Wien\n";
        assert_eq!(detect(sample, true), b';');
    }

    #[test]
    fn quoted_delimiters_are_not_counted() {
        let sample = "id,title\n1,\"Sales; EMEA; North\"\n2,\"HR; DACH; South\"\n";
        assert_eq!(detect(sample, true), b',');
    }

    #[test]
    fn title_lines_do_not_sway_the_choice() {
        let sample = "Mitarbeiterliste, Stand November\n\nid;vorname;nachname\n1;A;B\n2;C;D\n";
        assert_eq!(detect(sample, true), b';');
    }

    #[test]
    fn a_delimiter_in_one_cell_of_a_single_column_list_is_no_delimiter() {
        assert_eq!(detect("A 0\n;\n", true), b',');
        assert_eq!(detect("name\nMüller; Hans\nAnn\n", true), b',');
    }

    #[test]
    fn quotes_that_pair_up_outweigh_a_split_into_more_records() {
        // CI's proptest found both: split at `|`, the quotes no longer pair up (`\"\"\"\",`)
        // and a record with line breaks in its cells falls apart into short records that
        // agree with each other, or a quote runs on and swallows a line break.
        let sample = "v\"u col0,\"äHBL\"\"B\"\"éö col1\",\"tX,qrHäöé col2\",\"Säa\"\"ä, lf col3\"\n\"\"\"\",\"|\n|\",,\"\n|\"\n";
        assert_eq!(detect(sample, true), b',');
        assert_eq!(detect("é col0,Ü col1\n\",\",\"||\"\n", true), b',');
        // And the other way round: quoted cells with commas in a semicolon file.
        assert_eq!(
            detect(
                "Name;Titel\n\"Ann\";\"Sales, EMEA\"\n\"Bo\";\"HR, DACH\"\n",
                true
            ),
            b';'
        );
    }

    #[test]
    fn a_single_column_falls_back_to_comma() {
        assert_eq!(detect("email\na@b.co\n", true), b',');
    }
}
