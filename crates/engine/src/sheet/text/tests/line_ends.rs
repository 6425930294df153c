//! Line breaks counted the way Excel counts rows, and the ending of each record found from
//! the bytes as they reach the parser in pieces.

use super::{Ending, LineEnds, breaks, breaks_in_cells, breaks_searched};

#[test]
fn a_crlf_a_lone_lf_and_a_lone_cr_are_one_break_each() {
    assert_eq!(breaks(b"a\r\nb\nc\rd", 0, 8), 3);
    assert_eq!(breaks(b"\r\n\r\n", 0, 4), 2);
    assert_eq!(breaks(b"\n\r", 0, 2), 2);
    // A CR counted last is judged by the byte after the range.
    assert_eq!(breaks(b"a\r\n", 0, 2), 0);
    assert_eq!(breaks(b"a\rb", 0, 2), 1);
    assert_eq!(breaks(b"a\r", 0, 2), 1);
}

#[test]
fn a_few_bytes_looked_at_one_by_one_count_as_the_search_counts() {
    let alphabet = b"\r\na";
    for length in 0..=10u32 {
        for mut n in 0..alphabet.len().pow(length) {
            let mut text = Vec::new();
            for _ in 0..length {
                text.push(alphabet[n % alphabet.len()]);
                n /= alphabet.len();
            }
            for from in 0..=text.len() {
                for to in from..=text.len().min(from + 8) {
                    assert_eq!(
                        breaks(&text, from, to),
                        breaks_searched(&text, from, to),
                        "{text:?} {from}..{to}"
                    );
                }
            }
        }
    }
}

#[test]
fn breaks_in_cells_look_at_each_cell_alone() {
    let cells: [&[u8]; 3] = [b"Head of\r\nPayroll", b"a\r", b"\nb"];
    assert_eq!(breaks_in_cells(cells.into_iter()), 3);
    let plain: [&[u8]; 2] = [b"Ann", b"Clerk"];
    assert_eq!(breaks_in_cells(plain.into_iter()), 0);
}

/// Gives `text` to [`LineEnds`] in pieces of `piece` bytes.
fn seen(text: &[u8], piece: usize) -> LineEnds {
    let mut ends = LineEnds::default();
    for chunk in text.chunks(piece) {
        ends.see(chunk);
    }
    ends
}

#[test]
fn each_record_ending_is_found_however_the_bytes_arrive() {
    // Records end (past their ending) at 3 (CRLF's CR), 7 (LF), 10 (lone CR), 12 (end).
    let text = b"id\r\nab\ncd\ref";
    for piece in 1..=text.len() {
        let mut ends = seen(text, piece);
        assert_eq!(ends.settle(3), (Ending::Cr, 0), "pieces of {piece}");
        assert_eq!(ends.settle(7), (Ending::Lf, 0), "pieces of {piece}");
        assert_eq!(ends.settle(10), (Ending::Cr, 0), "pieces of {piece}");
        // The parser needs the end of the input to end the last record.
        ends.see(&[]);
        // The lone CR before the last record counts once it is passed.
        assert_eq!(ends.settle(12), (Ending::None, 1), "pieces of {piece}");
    }
}

#[test]
fn a_cr_at_the_very_end_of_the_input_is_a_lone_one() {
    let mut ends = seen(b"a\rb\rc", 2);
    assert_eq!(ends.settle(2), (Ending::Cr, 0));
    assert_eq!(ends.settle(4), (Ending::Cr, 1));
    let mut ends = seen(b"a\rb\r", 2);
    assert_eq!(ends.settle(2), (Ending::Cr, 0));
    // The last CR is the last byte given: what follows is not known yet, it ends "b".
    assert_eq!(ends.settle(4), (Ending::Cr, 1));
}

#[test]
fn a_line_break_inside_a_quote_left_open_at_the_end_ends_nothing() {
    // `"b` opens a quote that the file never closes: its LF is inside the cell.
    let mut ends = seen(b"a\n\"b\n", 3);
    assert_eq!(ends.settle(2), (Ending::Lf, 0));
    ends.see(&[]);
    assert_eq!(ends.settle(5), (Ending::None, 0));
}

#[test]
fn a_record_full_of_crs_is_passed_piece_by_piece() {
    // A quoted cell of 300,000 bytes: lone CRs and CRLFs, then a lone CR ends the record.
    let mut text = b"a\n\"".to_vec();
    for i in 0..100_000 {
        text.extend_from_slice(if i % 2 == 0 { b"\rx" } else { b"\r\n" });
        text.push(b'y');
    }
    text.extend_from_slice(b"\"\rb\n");
    let mut ends = seen(&text, 65_536);
    assert_eq!(ends.settle(2), (Ending::Lf, 0));
    let quoted_end = text.len() as u64 - 2;
    // 50,000 lone CRs in the cell, then the record's own CR ending.
    assert_eq!(ends.settle(quoted_end), (Ending::Cr, 50_000));
    assert_eq!(ends.settle(text.len() as u64), (Ending::Lf, 50_001));
}
