//! The JSON form of one cell, by the kind of its field: booleans, integers, objects and lists
//! as themselves, everything else as the text it is.

use serde_json::Value;

use crate::target::catalog::{BoolEncoding, FieldKind};

/// The JSON form of one non-empty cell value of `kind`.
pub(super) fn json_value(kind: &FieldKind, raw: &str) -> Value {
    let text = raw.trim();
    match kind {
        FieldKind::Boolean {
            encoding: BoolEncoding::Json,
        } => match text {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::String(raw.to_owned()),
        },
        FieldKind::Boolean {
            encoding: BoolEncoding::ZeroOne,
        } => match text {
            "1" => Value::from(1),
            "0" => Value::from(0),
            _ => Value::String(raw.to_owned()),
        },
        FieldKind::Integer { .. } => text
            .parse::<i64>()
            .map_or_else(|_| Value::String(raw.to_owned()), Value::from),
        FieldKind::Object => match serde_json::from_str::<Value>(text) {
            Ok(value @ Value::Object(_)) => value,
            _ => Value::String(raw.to_owned()),
        },
        FieldKind::List { separator } => Value::Array(
            text.split(separator.as_str())
                .map(str::trim)
                .filter(|item| !item.is_empty())
                .map(|item| Value::String(item.to_owned()))
                .collect(),
        ),
        _ => Value::String(raw.to_owned()),
    }
}
