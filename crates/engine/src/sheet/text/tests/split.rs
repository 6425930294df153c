//! Cuts land after a record's line break, never inside quotes or before a blank line.

use super::{Cut, last_cut};

fn cut(text: &str) -> Option<(String, u64)> {
    last_cut(text.as_bytes(), b',').map(|Cut { at, breaks }| (text[..at].to_string(), breaks))
}

#[test]
fn a_block_is_cut_after_its_last_whole_line() {
    assert_eq!(cut("a,b\nc,d\ne,f"), Some(("a,b\nc,d\n".into(), 2)));
    assert_eq!(cut("a,b\r\nc,d\r\ne"), Some(("a,b\r\nc,d\r\n".into(), 2)));
    assert_eq!(cut("a,b\nc,d\n"), Some(("a,b\n".into(), 1)));
    assert_eq!(cut("a,b,c"), None);
}

#[test]
fn a_line_break_inside_quotes_is_no_place_to_cut_and_no_row() {
    assert_eq!(cut("1,\"x\ny\"\n2,z"), Some(("1,\"x\ny\"\n".into(), 1)));
    assert_eq!(
        cut("1,\"x\ny\nz"),
        None,
        "a quote that does not close in the block"
    );
    assert_eq!(
        cut("1,\"say \"\"a\nb\"\"\"\n2,\"c\nd\"\n3"),
        Some(("1,\"say \"\"a\nb\"\"\"\n2,\"c\nd\"\n".into(), 2))
    );
    // A quote after the start of a field is text and opens nothing.
    assert_eq!(cut("1,x\"y\n2,z"), Some(("1,x\"y\n".into(), 1)));
    assert_eq!(
        cut("1,\"x\"y\"\n2,z\n3"),
        Some(("1,\"x\"y\"\n2,z\n".into(), 2))
    );
}

#[test]
fn blank_lines_count_as_rows_but_never_start_a_part() {
    assert_eq!(cut("a\n\n\nb\n\nc"), Some(("a\n\n\nb\n\n".into(), 5)));
    assert_eq!(cut("a\n\n\n"), None);
    assert_eq!(cut("a\r\n\r\nb\r\n\r\n"), Some(("a\r\n\r\n".into(), 2)));
}

#[test]
fn a_lone_carriage_return_ends_a_row() {
    assert_eq!(cut("a\rb\nc"), Some(("a\rb\n".into(), 2)));
    assert_eq!(cut("\"a\rb\"\nc"), Some(("\"a\rb\"\n".into(), 1)));
}
