//! A record split without the parser is the record csv-core reads, byte for byte.

use proptest::prelude::*;

use super::{Plain, PlainLines};
use crate::sheet::row::RawCells;

/// The cells as csv-core writes them: their bytes one after the other, and each one's end.
fn joined(cells: &RawCells) -> (Vec<u8>, Vec<usize>) {
    let mut bytes = Vec::new();
    let ends = cells
        .fields()
        .map(|field| {
            bytes.extend_from_slice(field);
            bytes.len()
        })
        .collect();
    (bytes, ends)
}

/// Cells left from an earlier, longer row, as a row brings them.
fn used_cells() -> RawCells {
    RawCells {
        bytes: b"old,row,with,cells".to_vec(),
        ends: vec![3, 7, 12, 18],
        gap: 0,
    }
}

/// What csv-core reads from `rest` once it has read a first record ended by `ending`
/// (so it is between records, past the start of its input): the bytes it took, the
/// cells' bytes and their ends, when it finds a whole record.
fn csv_core_reads(
    core: &mut csv_core::Reader,
    ending: &[u8],
    rest: &[u8],
) -> Option<(usize, Vec<u8>, Vec<usize>)> {
    core.reset();
    let (mut out, mut ends) = ([0u8; 256], [0usize; 64]);
    let first = [b"x".as_slice(), ending].concat();
    let (result, _, _, _) = core.read_record(&first, &mut out, &mut ends);
    assert_eq!(result, csv_core::ReadRecordResult::Record);
    let (result, taken, wrote, ended) = core.read_record(rest, &mut out, &mut ends);
    (result == csv_core::ReadRecordResult::Record)
        .then(|| (taken, out[..wrote].to_vec(), ends[..ended].to_vec()))
}

/// The same as csv-core, or the record left to it.
fn assert_agrees(rest: &[u8], delimiter: u8) {
    let mut core = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    assert_agrees_with(&mut core, rest, delimiter);
}

fn assert_agrees_with(core: &mut csv_core::Reader, rest: &[u8], delimiter: u8) {
    let mut cells = used_cells();
    let plain = PlainLines::new(delimiter);
    let Some(read) = plain.record(rest, 1 << 20, &mut cells) else {
        return;
    };
    let (bytes, ends) = joined(&cells);
    let taken = read.taken;
    assert!(
        rest[..read.line_start]
            .iter()
            .all(|b| matches!(b, b'\n' | b'\r'))
    );
    for ending in [b"\n".as_slice(), b"\r", b"\r\n"] {
        assert_eq!(
            csv_core_reads(core, ending, rest),
            Some((taken, bytes.clone(), ends.clone())),
            "{:?} after a record ended by {ending:?}",
            String::from_utf8_lossy(rest)
        );
    }
}

/// Every string of up to `longest` bytes from the alphabet, after `pad` plain bytes (so
/// the special bytes fall on every place of the 16- and 64-byte blocks looked at together).
fn every_line(longest: u32, pad: usize, mut check: impl FnMut(&[u8])) {
    let alphabet = b"a,;\"\n\r ";
    let mut text = Vec::new();
    for length in 0..=longest {
        for mut n in 0..alphabet.len().pow(length) {
            text.clear();
            text.resize(pad, b'p');
            for _ in 0..length {
                text.push(alphabet[n % alphabet.len()]);
                n /= alphabet.len();
            }
            check(&text);
        }
    }
}

#[test]
fn every_short_line_splits_as_csv_core_splits_it() {
    let mut comma = csv_core::ReaderBuilder::new().delimiter(b',').build();
    let mut semicolon = csv_core::ReaderBuilder::new().delimiter(b';').build();
    every_line(6, 0, |text| {
        assert_agrees_with(&mut comma, text, b',');
        assert_agrees_with(&mut semicolon, text, b';');
    });
    for pad in [3, 7, 8, 9, 13, 14, 15, 16, 17, 29, 47, 61, 62, 63, 64, 65] {
        every_line(4, pad, |text| assert_agrees_with(&mut comma, text, b','));
    }
}

#[test]
fn a_plain_line_is_split_and_a_quoted_or_unended_one_is_left_to_the_parser() {
    let comma = PlainLines::new(b',');
    let mut cells = used_cells();
    let read = comma.record(b"\n\nE1,Ann,,x@y.z\r\nE2", 100, &mut cells);
    assert_eq!(
        read,
        Some(Plain {
            taken: 16,
            line_start: 2
        })
    );
    assert_eq!(joined(&cells), (b"E1Annx@y.z".to_vec(), vec![2, 5, 5, 10]));
    // The line is kept whole, its delimiters between the cells.
    assert_eq!(
        (cells.bytes.as_slice(), cells.gap),
        (b"E1,Ann,,x@y.z".as_slice(), 1)
    );
    assert_eq!(comma.record(b"E1,\"Ann\"\n", 100, &mut cells), None);
    assert_eq!(
        comma.record(b"E1,Ann \"the\" first\n", 100, &mut cells),
        None
    );
    assert_eq!(comma.record(b"E1,Ann", 100, &mut cells), None);
    assert_eq!(comma.record(b"\r\n\n", 100, &mut cells), None);
    // The limit is on the line's bytes, its delimiters included.
    assert_eq!(comma.record(b"E1,Ann\n", 5, &mut cells), None);
    assert_eq!(
        comma.record(b"E1,Ann\n", 6, &mut cells),
        Some(Plain {
            taken: 7,
            line_start: 0
        })
    );
}

proptest! {
    #[test]
    fn longer_lines_split_as_csv_core_splits_them(
        rest in proptest::collection::vec(
            prop_oneof![
                8 => "[a-z ]{0,5}",
                2 => Just(",".to_string()),
                1 => Just("\"".to_string()),
                1 => Just("\n".to_string()),
                1 => Just("\r".to_string()),
                1 => Just("é".to_string()),
                1 => Just("\0".to_string()),
            ],
            0..40,
        ),
    ) {
        assert_agrees(rest.concat().as_bytes(), b',');
    }
}
