//! Tests of the `Transform` dispatch: the blank-value rule, `default`, `check`, chains.

use super::*;

fn apply(t: &Transform, v: &str) -> Result<String, &'static str> {
    t.apply(Cow::Borrowed(v))
        .map(Cow::into_owned)
        .map_err(|e| e.code)
}

#[test]
fn blank_values_pass_unchanged() {
    let transforms = [
        Transform::Case {
            to: CaseStyle::Upper,
        },
        Transform::SplitName {
            part: NamePart::Last,
        },
        Transform::Date {
            to: DateOutput::Iso,
            day_first: None,
            from: vec![],
        },
        Transform::Map {
            values: BTreeMap::new(),
            ignore_case: true,
            otherwise: Otherwise::Error,
        },
        Transform::Phone {
            country: "DE".into(),
        },
    ];
    for t in &transforms {
        assert_eq!(apply(t, ""), Ok(String::new()), "{t:?}");
        assert_eq!(apply(t, "  "), Ok("  ".to_owned()), "{t:?}");
    }
    assert_eq!(apply(&Transform::Trim, " \u{a0} "), Ok(String::new()));
}

#[test]
fn default_fills_blank_cells_only() {
    let t = Transform::Default {
        value: "unknown".into(),
    };
    assert_eq!(apply(&t, ""), Ok("unknown".to_owned()));
    assert_eq!(apply(&t, " \t"), Ok("unknown".to_owned()));
    assert_eq!(apply(&t, "Berlin"), Ok("Berlin".to_owned()));
    assert!(matches!(
        t.apply(Cow::Borrowed("Berlin")),
        Ok(Cow::Borrowed(_))
    ));
}

#[test]
fn dispatch_reaches_each_transform() {
    let case = |to| Transform::Case { to };
    assert_eq!(apply(&Transform::Trim, " a  b "), Ok("a b".to_owned()));
    assert_eq!(
        apply(&case(CaseStyle::Lower), "ÉLODIE"),
        Ok("élodie".to_owned())
    );
    assert_eq!(
        apply(&case(CaseStyle::Upper), "élodie"),
        Ok("ÉLODIE".to_owned())
    );
    assert_eq!(
        apply(&case(CaseStyle::Title), "ÉLODIE"),
        Ok("Élodie".to_owned())
    );
    let first = Transform::SplitName {
        part: NamePart::First,
    };
    assert_eq!(
        apply(&first, "Ludwig van Beethoven"),
        Ok("Ludwig".to_owned())
    );
    assert_eq!(apply(&first, "-"), Err("name_empty"));
    let date = Transform::Date {
        to: DateOutput::DayMonthYear,
        day_first: Some(false),
        from: vec![],
    };
    assert_eq!(apply(&date, "03/04/2020"), Ok("04.03.2020".to_owned()));
    let values = BTreeMap::from([("ja".to_owned(), "1".to_owned())]);
    let map = Transform::Map {
        values,
        ignore_case: true,
        otherwise: Otherwise::Error,
    };
    assert_eq!(apply(&map, "JA"), Ok("1".to_owned()));
    assert_eq!(apply(&map, "nein"), Err("value_unmapped"));
    let phone = Transform::Phone {
        country: "DE".into(),
    };
    assert_eq!(apply(&phone, "030 123456"), Ok("+4930123456".to_owned()));
    assert_eq!(apply(&phone, "12"), Err("phone_invalid"));
}

#[test]
fn chains_stay_borrowed_on_clean_values() {
    let chain = [
        Transform::Trim,
        Transform::Case {
            to: CaseStyle::Lower,
        },
    ];
    let mut value = Cow::Borrowed("anna@example.com");
    for t in &chain {
        value = t.apply(value).unwrap_or(Cow::Borrowed("error"));
    }
    assert!(matches!(value, Cow::Borrowed("anna@example.com")));
}

#[test]
fn check_catches_bad_settings() {
    let bad = [
        Transform::Phone {
            country: "XX".into(),
        },
        Transform::Phone {
            country: "Germany".into(),
        },
        Transform::Date {
            to: DateOutput::Iso,
            day_first: None,
            from: vec!["%Q".into()],
        },
        Transform::Map {
            values: BTreeMap::new(),
            ignore_case: true,
            otherwise: Otherwise::Keep,
        },
        Transform::Default { value: " ".into() },
    ];
    for t in &bad {
        assert_eq!(
            t.check().err().map(|e| e.code),
            Some("bad_setting"),
            "{t:?}"
        );
    }
    let good = [
        Transform::Trim,
        Transform::Case {
            to: CaseStyle::Title,
        },
        Transform::SplitName {
            part: NamePart::Middle,
        },
        Transform::Phone {
            country: "us".into(),
        },
        Transform::Date {
            to: DateOutput::DateTime,
            day_first: None,
            from: vec!["%d.%m.%Y".into()],
        },
        Transform::Default {
            value: "n/a".into(),
        },
    ];
    for t in &good {
        assert_eq!(t.check(), Ok(()), "{t:?}");
    }
}
