//! Field catalogs: what each target accepts, field for field, as its reference document and
//! the vendor's published schema describe it. Mapping profiles name these fields, validation
//! checks records against them, and suggestions match columns to them.
//!
//! One module per target: [`auth0`], [`authgear`], [`lms`], [`scim`] hold built-in catalogs;
//! [`rest`] reads the catalog a person defines for a custom REST API.

pub mod auth0;
pub mod authgear;
mod field;
pub mod lms;
pub mod rest;
pub mod scim;

pub use field::{BoolEncoding, Catalog, DateFormat, Field, FieldKind, TargetKind};
pub use rest::CatalogError;

/// The built-in catalog of `kind`; `None` for [`TargetKind::Rest`], whose fields come from a
/// definition (see [`rest::from_toml`]). Authgear's is the variant keyed on email
/// ([`authgear::catalog_for`] gives the others).
pub fn builtin(kind: TargetKind) -> Option<Catalog> {
    match kind {
        TargetKind::Auth0 => Some(auth0::catalog()),
        TargetKind::Authgear => Some(authgear::catalog()),
        TargetKind::Lms => Some(lms::catalog()),
        TargetKind::Scim => Some(scim::catalog()),
        TargetKind::Rest => None,
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::{Catalog, Field};

    /// The names of `fields`, for comparing with a list.
    pub(crate) fn names<'a>(fields: impl Iterator<Item = &'a Field>) -> Vec<String> {
        fields.map(|f| f.name.clone()).collect()
    }

    /// Panics unless every key is a field of `catalog`, or the object or list some fields sit
    /// under (`mfa` for `mfa.email`, `mfa_factors` for `mfa_factors[totp].secret`).
    pub(crate) fn assert_covers(catalog: &Catalog, keys: &[&str]) {
        let missing: Vec<&str> = keys
            .iter()
            .copied()
            .filter(|key| {
                !catalog.fields.iter().any(|f| {
                    f.name == *key
                        || f.name
                            .strip_prefix(key)
                            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
                })
            })
            .collect();
        assert!(
            missing.is_empty(),
            "{} catalog lacks {missing:?}",
            catalog.target
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_for_every_kind_but_rest() {
        for kind in TargetKind::ALL {
            match builtin(kind) {
                Some(catalog) => {
                    assert_eq!(catalog.target, kind);
                    assert!(catalog.duplicate_names().is_empty(), "{kind}");
                    assert!(catalog.required().count() > 0, "{kind}");
                    assert!(catalog.identifiers().count() > 0, "{kind}");
                }
                None => assert_eq!(kind, TargetKind::Rest),
            }
        }
    }

    #[test]
    fn references_name_fields_of_the_same_catalog() {
        for catalog in TargetKind::ALL.into_iter().filter_map(builtin) {
            for field in &catalog.fields {
                if let Some(target) = &field.references {
                    assert!(catalog.field(target).is_some(), "{}", field.name);
                }
            }
        }
    }

    #[test]
    fn duplicate_names_are_reported_once() {
        let catalog = Catalog {
            target: TargetKind::Rest,
            fields: vec![
                Field::new("a", FieldKind::Text),
                Field::new("b", FieldKind::Text),
                Field::new("a", FieldKind::Email),
                Field::new("a", FieldKind::Phone),
            ],
        };
        assert_eq!(catalog.duplicate_names(), ["a"]);
    }
}
