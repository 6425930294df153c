//! The one rule every file a person opens in a spreadsheet program is written by: cells
//! that a spreadsheet would run as a formula are neutralised ("CSV injection", OWASP).
//!
//! The rule: a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
//! single quote `'` in front, so Excel, LibreOffice and Google Sheets show it as text
//! instead of running it (`=HYPERLINK(…)`, `+cmd|' /C calc'!A0`, `@SUM(…)`). Except: a sign
//! followed only by digits and the punctuation numbers and phone numbers are written with
//! (spaces, `.`, `,`, `-`, `/`, parentheses), such as `-12.5`, `+49 30 1234567` or
//! `+1 (555) 010-0200`, is left as typed. Such a cell names no function, no cell and no
//! other program, so it can do nothing when it runs, and people retry failed rows from these
//! files: a phone number with a `'` in front would no longer be a phone number.
//!
//! Every writer uses [`neutralise`]: `issues.csv`, `issues.xlsx` and `rejected.csv` of
//! `muster export`, `results.csv`/`.xlsx` and `failed-rows.csv`/`.xlsx` of a job, the
//! Review screen's issues file and corrected copy. In the workbooks every cell is also
//! written as a string, never as a formula.

use std::borrow::Cow;

/// `cell`, with a `'` in front when a spreadsheet would read it as a formula; plain numbers
/// and phone numbers are left as typed (see the module's rule).
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    let risky = match cell.as_bytes().first() {
        Some(b'=' | b'@' | b'\t' | b'\r') => true,
        Some(b'+' | b'-') => !is_plain_number(&cell[1..]),
        _ => false,
    };
    if risky {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// What may follow the sign of a plain number or phone number: at least one digit, and
/// nothing but digits, spaces, dots, commas, dashes, slashes and parentheses.
fn is_plain_number(rest: &str) -> bool {
    rest.bytes().any(|b| b.is_ascii_digit())
        && rest
            .bytes()
            .all(|b| b.is_ascii_digit() || b" .,-/()".contains(&b))
}

#[cfg(test)]
#[path = "tests/formula.rs"]
mod tests;
