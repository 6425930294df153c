//! `apply_all` against a plain fold of `Transform::apply` over many chains and values.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::prepared::{Prepared, apply_all};
use super::{CaseStyle, DateOutput, NamePart, Otherwise, Transform, TransformError, trimmed};

fn chains() -> Vec<Vec<Transform>> {
    let date = |to, day_first, from: &[&str]| Transform::Date {
        to,
        day_first,
        from: from.iter().map(|s| (*s).to_owned()).collect(),
    };
    let map = |pairs: &[(&str, &str)], ignore_case, otherwise| Transform::Map {
        values: pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect::<BTreeMap<_, _>>(),
        ignore_case,
        otherwise,
    };
    let lower = Transform::Case {
        to: CaseStyle::Lower,
    };
    let yes_no = [("yes", "1"), ("no", "0"), (" Ja ", "1")];
    let mut chains = vec![
        vec![],
        vec![Transform::Trim],
        vec![Transform::Trim, lower.clone()],
        vec![lower.clone()],
        vec![Transform::Case {
            to: CaseStyle::Title,
        }],
        vec![Transform::SplitName {
            part: NamePart::Last,
        }],
        vec![Transform::Default {
            value: "none".into(),
        }],
        vec![Transform::Trim, date(DateOutput::Iso, None, &[])],
        vec![date(DateOutput::Iso, None, &["%Y-%d-%m"])],
        vec![date(DateOutput::DayMonthYear, None, &[]), lower.clone()],
        vec![map(&[("über", "x"), ("k", "kilo")], true, Otherwise::Keep)],
        vec![
            map(&yes_no, true, Otherwise::Empty),
            Transform::Default { value: "?".into() },
        ],
        vec![Transform::Trim, map(&yes_no, true, Otherwise::Keep), lower],
    ];
    for to in [
        DateOutput::Iso,
        DateOutput::DayMonthYear,
        DateOutput::DateTime,
    ] {
        for day_first in [None, Some(true), Some(false)] {
            chains.push(vec![date(to, day_first, &[])]);
        }
    }
    for ignore_case in [true, false] {
        for otherwise in [Otherwise::Keep, Otherwise::Empty, Otherwise::Error] {
            chains.push(vec![map(&yes_no, ignore_case, otherwise)]);
        }
    }
    chains
}

fn values() -> Vec<String> {
    let alphabet = [
        "y", "E", "s", "n", "o", " ", "\u{a0}", "\t", "A", "é", "\u{212a}", ".",
    ];
    let mut values = vec![String::new()];
    let mut newest = values.clone();
    for _ in 0..3 {
        newest = newest
            .iter()
            .flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}")))
            .collect();
        values.extend(newest.iter().cloned());
    }
    values.extend(
        [
            "2020-01-15",
            "15.01.2020",
            "03.04.2020",
            "2020-15-01",
            "2021-02-29",
            " 2020-01-15 ",
            "31.02.2020",
            "15.01.20",
            "2020-01-15T10:30:00+02:00",
            "0000-01-01",
            "99999-01-01",
            "43845",
            "Anna.Schmidt@Example.COM",
            "  anna  schmidt ",
            " Ja ",
            "JA",
            "Jürgen Groß",
        ]
        .map(String::from),
    );
    values
}

/// What the mapper did before: fold `Transform::apply`, the input on an error.
fn general(chain: &[Transform], raw: &str) -> Result<String, TransformError> {
    let mut value = Cow::Borrowed(raw);
    for transform in chain {
        value = transform.apply(value)?;
    }
    Ok(value.into_owned())
}

#[test]
fn apply_all_gives_what_the_transforms_give() {
    let values = values();
    for chain in chains() {
        let steps: Vec<Prepared> = chain.iter().cloned().map(Prepared::new).collect();
        for raw in &values {
            let mut out = String::from("before|");
            let prepared = apply_all(&steps, raw, &mut out).map(|()| out);
            let expected = general(&chain, raw).map(|v| format!("before|{v}"));
            assert_eq!(prepared, expected, "{chain:?} {raw:?}");
        }
    }
}

#[test]
fn prepared_apply_gives_what_transform_apply_gives() {
    let values = values();
    for chain in chains() {
        for transform in chain {
            let step = Prepared::new(transform.clone());
            for raw in &values {
                let prepared = step.apply(Cow::Borrowed(raw)).map(Cow::into_owned);
                let expected = transform.apply(Cow::Borrowed(raw)).map(Cow::into_owned);
                assert_eq!(prepared, expected, "{transform:?} {raw:?}");
            }
        }
    }
}

/// `trimmed` is `str::trim` on every string of up to four characters of a tricky
/// alphabet.
#[test]
fn trimmed_is_trim() {
    let alphabet = [
        "a", " ", "\t", "\n", "\u{b}", "\u{1f}", "\u{7f}", "\0", "\u{85}", "\u{a0}", "\u{3000}",
        "é", "~",
    ];
    let mut texts = vec![String::new()];
    let mut newest = texts.clone();
    for _ in 0..4 {
        newest = newest
            .iter()
            .flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}")))
            .collect();
        texts.extend(newest.iter().cloned());
    }
    for text in &texts {
        assert_eq!(trimmed(text), text.trim(), "{text:?}");
    }
}
