//! `map` transforms for fields with a fixed set of values: yes/no words into the target's
//! booleans (`ja` → `1`, `oui` → `true`), gender words into a coded gender (LMS: `0` male,
//! `1` female), and values that differ from an enum's only in case (`de` → `DE`).
//!
//! A map is suggested only when most sampled values are words it knows and not all of them
//! are already what the target wants. Unknown values pass through (`otherwise = "keep"`), so
//! validation names them rather than the map hiding them.

use std::collections::BTreeMap;

use super::concept::Concept;
use super::words::{MALE_FEMALE, YES_NO, male_female, yes_no};
use crate::mapping::transform::{Otherwise, Transform};
use crate::target::catalog::{BoolEncoding, FieldKind};

/// Share of sampled values a map must know.
const KNOWN_SHARE: f32 = 0.8;
/// Gender columns may hold values beyond male and female, which the map leaves alone.
const KNOWN_GENDER_SHARE: f32 = 0.6;

/// The `map` transform a field of `kind` and `concept` needs for `values`, if any.
pub(crate) fn map_transform(
    kind: &FieldKind,
    concept: Option<Concept>,
    values: &[&str],
) -> Option<Transform> {
    let values: Vec<&str> = values
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .collect();
    if values.is_empty() {
        return None;
    }
    match kind {
        FieldKind::Boolean { encoding } => {
            let (yes, no) = match encoding {
                BoolEncoding::Json => ("true", "false"),
                BoolEncoding::ZeroOne => ("1", "0"),
            };
            yes_no_map(yes, no, &values)
        }
        FieldKind::Enum { values: allowed } => {
            if values.iter().all(|v| allowed.iter().any(|a| a == v)) {
                return None;
            }
            // LMS codes gender as 0 (male) and 1 (female), as its catalog notes.
            if concept == Some(Concept::Gender) && same_set(allowed, &["0", "1"]) {
                return gender_map("0", "1", &values);
            }
            if let Some((yes, no)) = yes_no_literals(allowed) {
                return yes_no_map(yes, no, &values);
            }
            case_map(allowed, &values)
        }
        _ => None,
    }
}

/// Yes/no words of the sampled languages → `yes` / `no`.
fn yes_no_map(yes: &str, no: &str, values: &[&str]) -> Option<Transform> {
    if values.iter().all(|v| *v == yes || *v == no) {
        return None;
    }
    let known = values.iter().filter(|v| yes_no(v).is_some()).count();
    if (known as f32) < KNOWN_SHARE * values.len() as f32 {
        return None;
    }
    pair_map(YES_NO, yes, no, values)
}

/// Male/female words of the sampled languages → `male` / `female`.
fn gender_map(male: &str, female: &str, values: &[&str]) -> Option<Transform> {
    let known = values.iter().filter(|v| male_female(v).is_some()).count();
    if (known as f32) < KNOWN_GENDER_SHARE * values.len() as f32 {
        return None;
    }
    pair_map(MALE_FEMALE, male, female, values)
}

/// A map from every word pair one of whose words occurs among `values`: next month's file
/// may use the other word of the pair.
fn pair_map(
    pairs: &[(&str, &str)],
    first: &str,
    second: &str,
    values: &[&str],
) -> Option<Transform> {
    let seen: Vec<String> = values
        .iter()
        .map(|v| v.trim_end_matches('.').to_lowercase())
        .collect();
    let mut table = BTreeMap::new();
    for (a, b) in pairs {
        if seen.iter().any(|s| s == a || s == b) {
            for (word, to) in [(a, first), (b, second)] {
                // A blank key matches nothing and `map` refuses it.
                if !word.is_empty() {
                    table.insert((*word).to_owned(), to.to_owned());
                }
            }
        }
    }
    (!table.is_empty()).then(|| map(table))
}

/// Values that match allowed ones ignoring case → the allowed spelling.
fn case_map(allowed: &[String], values: &[&str]) -> Option<Transform> {
    let all_known = values
        .iter()
        .all(|v| allowed.iter().any(|a| a.to_lowercase() == v.to_lowercase()));
    if !all_known {
        return None;
    }
    let table = allowed.iter().map(|a| (a.clone(), a.clone())).collect();
    Some(map(table))
}

/// An enum of exactly one yes word and one no word: its two spellings.
fn yes_no_literals(allowed: &[String]) -> Option<(&str, &str)> {
    let [a, b] = allowed else {
        return None;
    };
    match (yes_no(a), yes_no(b)) {
        (Some(true), Some(false)) => Some((a, b)),
        (Some(false), Some(true)) => Some((b, a)),
        _ => None,
    }
}

fn same_set(allowed: &[String], expected: &[&str]) -> bool {
    allowed.len() == expected.len() && expected.iter().all(|e| allowed.iter().any(|a| a == e))
}

fn map(values: BTreeMap<String, String>) -> Transform {
    Transform::Map {
        values,
        ignore_case: true,
        otherwise: Otherwise::Keep,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(t: Option<Transform>) -> Vec<(String, String)> {
        match t {
            Some(Transform::Map { values, .. }) => values.into_iter().collect(),
            other => panic!("no map: {other:?}"),
        }
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    #[test]
    fn yes_no_words_become_the_encoding() {
        let zero_one = FieldKind::boolean(BoolEncoding::ZeroOne);
        assert_eq!(
            table(map_transform(&zero_one, None, &["ja", "Nein", "JA"])),
            pairs(&[("ja", "1"), ("nein", "0")])
        );
        let json = FieldKind::boolean(BoolEncoding::Json);
        assert_eq!(
            table(map_transform(&json, None, &["1", "0"])),
            pairs(&[("0", "false"), ("1", "true")])
        );
        let spanish = table(map_transform(&json, None, &["sí", "no"]));
        assert!(spanish.contains(&("sí".to_owned(), "true".to_owned())));
        assert!(spanish.contains(&("no".to_owned(), "false".to_owned())));
    }

    #[test]
    fn values_already_encoded_or_unknown_get_no_map() {
        let zero_one = FieldKind::boolean(BoolEncoding::ZeroOne);
        assert_eq!(map_transform(&zero_one, None, &["1", "0", ""]), None);
        let json = FieldKind::boolean(BoolEncoding::Json);
        assert_eq!(map_transform(&json, None, &["true", "false"]), None);
        assert_eq!(
            map_transform(&json, None, &["vielleicht", "bald", "ja"]),
            None
        );
        assert_eq!(map_transform(&FieldKind::Text, None, &["ja"]), None);
    }

    #[test]
    fn gender_words_become_lms_codes() {
        let coded = FieldKind::one_of(&["0", "1"]);
        let t = table(map_transform(
            &coded,
            Some(Concept::Gender),
            &["m", "w", "d", "M"],
        ));
        assert!(t.contains(&("m".to_owned(), "0".to_owned())));
        assert!(t.contains(&("w".to_owned(), "1".to_owned())));
        assert!(!t.iter().any(|(k, _)| k == "d"));
        assert_eq!(
            map_transform(&coded, Some(Concept::Gender), &["0", "1"]),
            None
        );
    }

    #[test]
    fn enum_values_in_other_case_are_spelled_right() {
        let languages = FieldKind::one_of(&["EN", "DE"]);
        let t = table(map_transform(
            &languages,
            Some(Concept::Language),
            &["de", "en"],
        ));
        assert_eq!(t, pairs(&[("DE", "DE"), ("EN", "EN")]));
        assert_eq!(map_transform(&languages, None, &["Deutsch"]), None);
    }

    #[test]
    fn every_map_passes_check() {
        let json = FieldKind::boolean(BoolEncoding::Json);
        let all: Vec<&str> = YES_NO.iter().flat_map(|(a, b)| [*a, *b]).collect();
        let t = map_transform(&json, None, &all);
        assert!(t.is_some_and(|t| t.check().is_ok()));
        let coded = FieldKind::one_of(&["0", "1"]);
        let all: Vec<&str> = MALE_FEMALE.iter().flat_map(|(a, b)| [*a, *b]).collect();
        let t = map_transform(&coded, Some(Concept::Gender), &all);
        assert!(t.is_some_and(|t| t.check().is_ok()));
    }
}
