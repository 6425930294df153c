//! Muster's rules across the fields of a definition: references name another field, and at
//! least one field, of a single-value kind, is the identifier.

use super::CatalogError;
use crate::target::catalog::{Field, FieldKind};

pub(super) fn check_references(fields: &[Field]) -> Result<(), CatalogError> {
    for field in fields {
        for target in field.references.iter().chain(&field.also_references) {
            check_reference(fields, field, target)?;
        }
    }
    Ok(())
}

fn check_reference(fields: &[Field], field: &Field, target: &str) -> Result<(), CatalogError> {
    if target == field.name {
        return Err(CatalogError::SelfReference {
            field: field.name.clone(),
        });
    }
    if !fields.iter().any(|f| f.name == target) {
        return Err(CatalogError::UnknownReference {
            field: field.name.clone(),
            references: target.to_owned(),
        });
    }
    Ok(())
}

pub(super) fn check_identifiers(fields: &[Field]) -> Result<(), CatalogError> {
    let mut any = false;
    for field in fields.iter().filter(|f| f.identifier) {
        any = true;
        let single = matches!(
            field.kind,
            FieldKind::Text
                | FieldKind::Email
                | FieldKind::Phone
                | FieldKind::Url
                | FieldKind::Integer { .. }
        );
        if !single {
            return Err(CatalogError::IdentifierKind {
                field: field.name.clone(),
                type_name: field.kind.type_name(),
            });
        }
    }
    if any {
        Ok(())
    } else {
        Err(CatalogError::NoIdentifier)
    }
}
