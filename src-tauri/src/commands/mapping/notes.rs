//! What a target field holds, in words, for the Map screen's tooltip: its kind and format,
//! whether it is required or identifies a record, its limits, and the catalog's notes.

use muster_engine::target::catalog::{BoolEncoding, DateFormat, Field, FieldKind};

/// E.g. `A date, written YYYY-MM-DD (DD.MM.YYYY also accepted). Required. Date of birth.`
pub fn describe(field: &Field) -> String {
    let mut parts = vec![kind(&field.kind)];
    if field.required {
        parts.push("Required for every record.".to_owned());
    }
    if field.identifier {
        parts.push("Can identify a record.".to_owned());
    }
    if let Some(most) = field.max_length {
        parts.push(format!("At most {most} characters."));
    }
    if let Some(other) = &field.references {
        let mut names = vec![format!("\"{other}\"")];
        names.extend(field.also_references.iter().map(|n| format!("\"{n}\"")));
        parts.push(format!(
            "Names another record by its {}.",
            names.join(" or ")
        ));
    }
    let notes = field.notes.trim();
    if !notes.is_empty() {
        parts.push(notes.to_owned());
    }
    parts.join(" ")
}

fn kind(kind: &FieldKind) -> String {
    match kind {
        FieldKind::Text => "Text.".to_owned(),
        FieldKind::Email => "An email address.".to_owned(),
        FieldKind::Phone => {
            "A phone number, sent in international form (E.164, e.g. +4930123456).".to_owned()
        }
        FieldKind::Url => "A web address (URL).".to_owned(),
        FieldKind::Date { format, also } => {
            let mut text = format!("A date, written {}", format.pattern());
            if !also.is_empty() {
                let others: Vec<&str> = also.iter().copied().map(DateFormat::pattern).collect();
                text.push_str(&format!(" ({} also accepted)", others.join(", ")));
            }
            text.push('.');
            text
        }
        FieldKind::Boolean { encoding } => match encoding {
            BoolEncoding::Json => "Yes or no, sent as true or false.".to_owned(),
            BoolEncoding::ZeroOne => "Yes or no, sent as 1 or 0.".to_owned(),
        },
        FieldKind::Integer { min, max } => match (min, max) {
            (Some(min), Some(max)) => format!("A whole number from {min} to {max}."),
            (Some(min), None) => format!("A whole number of at least {min}."),
            (None, Some(max)) => format!("A whole number of at most {max}."),
            (None, None) => "A whole number.".to_owned(),
        },
        FieldKind::Enum { values } => format!("One of: {}.", values.join(", ")),
        FieldKind::List { separator } => {
            format!("A list; in a cell, items are separated by \"{separator}\".")
        }
        FieldKind::Object => "A JSON object, written in the cell as JSON text.".to_owned(),
    }
}
