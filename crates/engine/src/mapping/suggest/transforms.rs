//! The transforms a suggested mapping starts with, chosen by the field's kind and what the
//! sample shows:
//! - text, lists, links, integers: `trim` (exports pad cells and carry non-breaking spaces);
//!   a name part taken from a full-name column adds `split_name`;
//! - email: `trim`, then `case` lower (addresses are compared without case anyway, and
//!   targets store what they get);
//! - phone: `phone` with the person's country when any sampled number is not E.164 yet;
//! - date: `date` to the target's format when needed (`dates`);
//! - boolean and enum: `map` from the sample's words when needed (`maps`), else `trim`;
//! - JSON objects: nothing.

use super::concept::Concept;
use super::dates::date_transform;
use super::maps::map_transform;
use super::values::is_e164;
use crate::mapping::transform::{CaseStyle, NamePart, Transform};
use crate::target::catalog::{Field, FieldKind};

/// The transforms for `field` fed by a column with `values`. `split` asks for one part of a
/// full name; `country` is the person's country for phone numbers without one.
pub(crate) fn transforms_for(
    field: &Field,
    concept: Option<Concept>,
    split: Option<NamePart>,
    values: &[&str],
    country: &str,
) -> Vec<Transform> {
    match &field.kind {
        FieldKind::Text | FieldKind::List { .. } | FieldKind::Url | FieldKind::Integer { .. } => {
            let mut list = vec![Transform::Trim];
            if let Some(part) = split {
                list.push(Transform::SplitName { part });
            }
            list
        }
        FieldKind::Email => vec![
            Transform::Trim,
            Transform::Case {
                to: CaseStyle::Lower,
            },
        ],
        FieldKind::Phone => phone(values, country).into_iter().collect(),
        FieldKind::Date { .. } => date_transform(&field.kind, values).into_iter().collect(),
        FieldKind::Boolean { .. } | FieldKind::Enum { .. } => {
            vec![map_transform(&field.kind, concept, values).unwrap_or(Transform::Trim)]
        }
        FieldKind::Object => Vec::new(),
    }
}

/// A `phone` transform when some sampled number is not E.164 yet. Left out when the
/// country is not one the phone library knows: the profile must load, and validation will
/// point at the numbers instead.
fn phone(values: &[&str], country: &str) -> Option<Transform> {
    let needed = values
        .iter()
        .map(|v| v.trim())
        .any(|v| !v.is_empty() && !is_e164(v));
    let transform = Transform::Phone {
        country: country.trim().to_uppercase(),
    };
    (needed && transform.check().is_ok()).then_some(transform)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::catalog::BoolEncoding;

    fn run(kind: FieldKind, values: &[&str]) -> Vec<Transform> {
        transforms_for(&Field::new("f", kind), None, None, values, "de")
    }

    #[test]
    fn phones_get_a_country_only_when_needed() {
        assert_eq!(
            run(FieldKind::Phone, &["030 1234567", "+4930123456"]),
            [Transform::Phone {
                country: "DE".into()
            }]
        );
        assert!(run(FieldKind::Phone, &["+4930123456", ""]).is_empty());
        let unknown = transforms_for(
            &Field::new("f", FieldKind::Phone),
            None,
            None,
            &["030 1234567"],
            "Germany",
        );
        assert!(unknown.is_empty());
    }

    #[test]
    fn text_email_and_flags() {
        assert_eq!(run(FieldKind::Text, &["x"]), [Transform::Trim]);
        assert_eq!(
            run(FieldKind::Email, &["A@x.de"]),
            [
                Transform::Trim,
                Transform::Case {
                    to: CaseStyle::Lower
                }
            ]
        );
        let flag = FieldKind::boolean(BoolEncoding::ZeroOne);
        assert!(matches!(
            run(flag.clone(), &["ja"])[..],
            [Transform::Map { .. }]
        ));
        assert_eq!(run(flag, &["1", "0"]), [Transform::Trim]);
        assert!(run(FieldKind::Object, &["{}"]).is_empty());
    }

    #[test]
    fn name_parts_split() {
        let field = Field::new("firstname", FieldKind::Text);
        let list = transforms_for(&field, None, Some(NamePart::First), &["Anna Schmidt"], "DE");
        assert_eq!(
            list,
            [
                Transform::Trim,
                Transform::SplitName {
                    part: NamePart::First
                }
            ]
        );
    }
}
