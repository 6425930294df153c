//! Writing a catalog as a definition, in the flat form [`super::from_toml`] reads.

use super::names::{bool_encoding_name, date_format_name};
use crate::target::catalog::{Catalog, FieldKind};

/// Writes `catalog` as a definition [`from_toml`](super::from_toml) reads back to the same fields. Works for any
/// catalog, so a built-in one can be the start of a custom definition.
pub fn to_toml(catalog: &Catalog) -> String {
    let mut out = String::new();
    for (index, field) in catalog.fields.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        out.push_str("[[field]]\n");
        put(&mut out, "name", &quote(&field.name));
        put(&mut out, "type", &quote(field.kind.type_name()));
        match &field.kind {
            FieldKind::Date { format, also } => {
                put(&mut out, "format", &quote(date_format_name(*format)));
                if !also.is_empty() {
                    let items: Vec<String> =
                        also.iter().map(|f| quote(date_format_name(*f))).collect();
                    put(&mut out, "also", &format!("[{}]", items.join(", ")));
                }
            }
            FieldKind::Boolean { encoding } => {
                put(&mut out, "encoding", &quote(bool_encoding_name(*encoding)));
            }
            FieldKind::Integer { min, max } => {
                if let Some(min) = min {
                    put(&mut out, "min", &min.to_string());
                }
                if let Some(max) = max {
                    put(&mut out, "max", &max.to_string());
                }
            }
            FieldKind::Enum { values } => {
                let items: Vec<String> = values.iter().map(|v| quote(v)).collect();
                put(&mut out, "values", &format!("[{}]", items.join(", ")));
            }
            FieldKind::List { separator } => put(&mut out, "separator", &quote(separator)),
            FieldKind::Text
            | FieldKind::Email
            | FieldKind::Phone
            | FieldKind::Url
            | FieldKind::Object => {}
        }
        if field.required {
            put(&mut out, "required", "true");
        }
        if field.identifier {
            put(&mut out, "identifier", "true");
        }
        if let Some(max_length) = field.max_length {
            put(&mut out, "max_length", &max_length.to_string());
        }
        if let Some(references) = &field.references {
            put(&mut out, "references", &quote(references));
        }
        if !field.also_references.is_empty() {
            let names: Vec<String> = field.also_references.iter().map(|n| quote(n)).collect();
            put(
                &mut out,
                "also_references",
                &format!("[{}]", names.join(", ")),
            );
        }
        if !field.notes.is_empty() {
            put(&mut out, "notes", &quote(&field.notes));
        }
    }
    out
}

fn put(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(" = ");
    out.push_str(value);
    out.push('\n');
}

/// A TOML string literal for `text`, escaped by the toml crate.
fn quote(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}
