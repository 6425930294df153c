//! The formula rule: what gets a `'` and what must come back exactly as typed.

use proptest::prelude::*;

use super::neutralise;

/// Cells that run something when a spreadsheet opens them.
const DANGEROUS: [&str; 10] = [
    "=SUM(A1)",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "\t=1",
    "\r=1",
    "+HYPERLINK(\"http://x.example\")",
    "=1+1",
    "-x",
    "+",
];

#[test]
fn formula_starts_get_a_quote() {
    for cell in DANGEROUS {
        assert_eq!(neutralise(cell), format!("'{cell}"), "{cell:?}");
    }
}

#[test]
fn plain_numbers_and_phone_numbers_stay_as_typed() {
    for cell in [
        "",
        "Anna",
        "a=b",
        "49",
        " =1",
        "'quoted",
        "-12.5",
        "-1",
        "+3",
        "-1,234.50",
        "+49 30 1234567",
        "+1 (555) 010-0200",
        "+44 20 7946 0958",
        "-0.000001",
    ] {
        assert_eq!(neutralise(cell), cell, "{cell:?}");
    }
}

#[test]
fn a_sign_with_letters_or_operators_after_it_is_quoted() {
    for cell in ["+1+1", "-1*2", "+49 30 CALL", "-A1", "+1e5", "-5%", "+1;2"] {
        assert_eq!(neutralise(cell), format!("'{cell}"), "{cell:?}");
    }
}

/// What a spreadsheet may take as the start of a formula.
fn starts_a_formula(cell: &str) -> bool {
    matches!(
        cell.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

proptest! {
    /// Nothing is ever lost or changed: the cell comes back whole, at most behind one `'`,
    /// and the quote is added exactly when the cell starts like a formula and is not a
    /// plain number.
    #[test]
    fn the_cell_is_kept_and_quoted_only_when_it_starts_like_a_formula(cell in any::<String>()) {
        let out = neutralise(&cell);
        if out == cell {
            prop_assert!(
                !starts_a_formula(&cell)
                    || cell[1..].bytes().all(|b| b.is_ascii_digit() || b" .,-/()".contains(&b))
            );
        } else {
            prop_assert_eq!(out.into_owned(), format!("'{cell}"));
            prop_assert!(starts_a_formula(&cell));
        }
    }

    /// Whatever follows `=`, `@`, a tab or a carriage return, the cell is quoted.
    #[test]
    fn equals_at_tab_and_return_are_always_quoted(
        start in prop::sample::select(vec!['=', '@', '\t', '\r']),
        rest in any::<String>(),
    ) {
        let cell = format!("{start}{rest}");
        prop_assert_eq!(neutralise(&cell).into_owned(), format!("'{cell}"));
    }

    /// A sign followed by anything with a letter in it (a function or a cell) is quoted.
    #[test]
    fn a_sign_before_a_name_is_quoted(
        sign in prop::sample::select(vec!['+', '-']),
        before in "[0-9 .,()]{0,6}",
        letter in "[A-Za-z|!&\"]",
        after in any::<String>(),
    ) {
        let cell = format!("{sign}{before}{letter}{after}");
        prop_assert_eq!(neutralise(&cell).into_owned(), format!("'{cell}"));
    }

    /// Numbers as Rust, Excel and people write them come back unchanged.
    #[test]
    fn numbers_round_trip(n in any::<i64>(), x in -1.0e12f64..1.0e12) {
        for cell in [n.to_string(), format!("{x}"), format!("{x:.2}")] {
            prop_assert_eq!(neutralise(&cell).into_owned(), cell.clone());
        }
    }

    /// International phone numbers, with the spaces, dashes, dots and parentheses people
    /// type, come back unchanged.
    #[test]
    fn phone_numbers_round_trip(phone in r"\+[1-9][0-9]{0,2}( ?\([0-9]{1,4}\))?([ .-]?[0-9]{2,4}){2,4}") {
        prop_assert_eq!(neutralise(&phone).into_owned(), phone.clone());
    }
}
