//! End-to-end tests of the `date` transform: every input format, every output format.

use super::*;

fn iso(text: &str) -> String {
    run(text, DateOutput::Iso, None, &[])
}

fn run(text: &str, to: DateOutput, day_first: Option<bool>, from: &[&str]) -> String {
    let from: Vec<String> = from.iter().map(|s| (*s).to_owned()).collect();
    match apply(Cow::Borrowed(text), to, day_first, &from) {
        Ok(v) => v.into_owned(),
        Err(e) => format!("ERR {}: {}", e.code, e.message),
    }
}

#[test]
fn every_input_format() {
    for text in [
        "2020-01-15",
        "2020/01/15",
        "20200115",
        "15.01.2020",
        "15.1.2020",
        "15.01.20",
        "15/01/2020",
        "01/15/2020",
        "15-01-2020",
        "15 Jan 2020",
        "15. Januar 2020",
        "January 15, 2020",
        "15-Jan-2020",
        "15 janv. 2020",
        "15 ene 2020",
        "15 enero 2020",
        "15 janvier 2020",
        "2020-01-15T10:30:00Z",
        "2020-01-15 10:30",
        "43845",
        "  15.01.2020 ",
    ] {
        assert_eq!(iso(text), "2020-01-15", "{text:?}");
    }
    assert_eq!(iso("5.1.2020"), "2020-01-05");
    assert_eq!(iso("1 févr. 2020"), "2020-02-01");
    assert_eq!(iso("1 März 2020"), "2020-03-01");
    assert_eq!(iso("1 Mär 2020"), "2020-03-01");
    assert_eq!(iso("24 dic 2020"), "2020-12-24");
}

#[test]
fn two_digit_year_pivot() {
    assert_eq!(iso("15.01.85"), "1985-01-15");
    assert_eq!(iso("15.01.05"), "2005-01-15");
}

#[test]
fn output_formats() {
    let all = |text| {
        [
            DateOutput::Iso,
            DateOutput::DayMonthYear,
            DateOutput::DateTime,
        ]
        .map(|to| run(text, to, None, &[]))
    };
    assert_eq!(
        all("15.01.2020"),
        ["2020-01-15", "15.01.2020", "2020-01-15T00:00:00Z"]
    );
    assert_eq!(
        all("2020-01-15T10:30:00Z"),
        ["2020-01-15", "15.01.2020", "2020-01-15T10:30:00Z"]
    );
    // Offsets convert to UTC for date_time only; the date as written stays for the others.
    assert_eq!(
        all("2020-01-15T23:30:00-05:00"),
        ["2020-01-15", "15.01.2020", "2020-01-16T04:30:00Z"]
    );
    assert_eq!(
        all("2020-01-15 10:30"),
        ["2020-01-15", "15.01.2020", "2020-01-15T10:30:00Z"]
    );
    assert_eq!(
        all("43845.75"),
        ["2020-01-15", "15.01.2020", "2020-01-15T18:00:00Z"]
    );
}

#[test]
fn unchanged_values_are_borrowed() {
    let cases = [
        ("2020-01-15", DateOutput::Iso),
        ("15.01.2020", DateOutput::DayMonthYear),
        ("2020-01-15T10:30:00Z", DateOutput::DateTime),
    ];
    for (text, to) in cases {
        let out = apply(Cow::Borrowed(text), to, None, &[]);
        assert!(matches!(out, Ok(Cow::Borrowed(_))), "{text}");
    }
    let changed = apply(Cow::Borrowed("15.01.2020"), DateOutput::Iso, None, &[]);
    assert!(matches!(changed, Ok(Cow::Owned(_))));
}

#[test]
fn excel_serials() {
    assert_eq!(iso("1"), "1900-01-01");
    assert_eq!(iso("61"), "1900-03-01");
    assert_eq!(iso("43845"), "2020-01-15");
    assert_eq!(iso("43845.75"), "2020-01-15");
    assert_eq!(
        iso("60"),
        "ERR date_unparseable: \"60\" is Excel's serial for 29 February 1900, a day that did \
         not exist; enter the real date"
    );
}

#[test]
fn decimals_are_serials_even_when_they_look_like_day_month() {
    // The brief's rule: any decimal from 1 to 2958465 is an Excel serial.
    assert_eq!(iso("15.01"), "1900-01-15");
}

#[test]
fn ambiguity_and_day_first() {
    assert_eq!(
        iso("03/04/2020"),
        "ERR date_ambiguous: \"03/04/2020\" could be 3 April or 4 March 2020; set day_first = \
         true (day before month) or false (month before day) on this transform"
    );
    assert_eq!(
        run("03/04/2020", DateOutput::Iso, Some(true), &[]),
        "2020-04-03"
    );
    assert_eq!(
        run("03/04/2020", DateOutput::Iso, Some(false), &[]),
        "2020-03-04"
    );
    // A number above 12 decides, whatever day_first says.
    assert_eq!(
        run("01/15/2020", DateOutput::Iso, Some(true), &[]),
        "2020-01-15"
    );
    // With a time, the error still quotes the whole cell.
    assert!(iso("03/04/2020 10:00").contains("\"03/04/2020 10:00\" could be"));
}

#[test]
fn impossible_dates_and_garbage() {
    assert_eq!(
        iso("31.02.2020"),
        "ERR date_unparseable: \"31.02.2020\" is not a real date (February 2020 has no day 31); \
         check the day and the month"
    );
    assert_eq!(
        iso("soon"),
        "ERR date_unparseable: \"soon\" is not a date Muster can read; write it as YYYY-MM-DD \
         (2020-01-15) or DD.MM.YYYY (15.01.2020), or add its format to this transform's \
         `from` list"
    );
    for text in [
        "",
        "15..01",
        "2020-01-15T99:00",
        "10:30",
        "15 Jan",
        "0",
        "3000000",
        "29.02.2021",
    ] {
        assert!(iso(text).starts_with("ERR date_unparseable"), "{text:?}");
    }
}

#[test]
fn from_patterns_come_first() {
    // Without the pattern 01/02/2020 is ambiguous; the pattern reads it month-first.
    assert_eq!(
        run("01/02/2020", DateOutput::Iso, None, &["%m/%d/%Y"]),
        "2020-01-02"
    );
    assert_eq!(
        run("2020 015", DateOutput::Iso, None, &["%Y %j"]),
        "2020-01-15"
    );
    assert_eq!(
        run(
            "15|01|2020 10h30",
            DateOutput::DateTime,
            None,
            &["%d|%m|%Y %Hh%M"]
        ),
        "2020-01-15T10:30:00Z"
    );
    assert_eq!(
        run(
            "15|01|2020 10h30 +0100",
            DateOutput::DateTime,
            None,
            &["%d|%m|%Y %Hh%M %z"]
        ),
        "2020-01-15T09:30:00Z"
    );
    // A pattern that does not fit falls through to the built-in formats.
    assert_eq!(
        run("15.01.2020", DateOutput::Iso, None, &["%Y|%m|%d"]),
        "2020-01-15"
    );
}

#[test]
fn parse_date_is_public() {
    assert_eq!(
        parse_date("15.01.2020", None, &[]),
        NaiveDate::from_ymd_opt(2020, 1, 15).ok_or_else(|| calendar::unparseable(""))
    );
    assert!(parse_date("", None, &[]).is_err());
}

#[test]
fn check_rejects_bad_patterns() {
    assert!(check(&["%d.%m.%Y".to_owned()]).is_ok());
    for bad in ["%Q", "", "%"] {
        let err = check(&[bad.to_owned()]).err();
        assert_eq!(err.map(|e| e.code), Some("bad_setting"), "{bad:?}");
    }
}
