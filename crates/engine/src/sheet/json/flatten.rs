//! One JSON record as flat cells: nested objects become dotted columns (`manager.uid`),
//! arrays of plain values one cell joined with `; `, and anything deeper compact JSON text.

use std::collections::HashMap;

use serde_json::{Map, Value};

/// The columns of a JSON source in the order their keys first appear.
#[derive(Debug, Clone, Default)]
pub(crate) struct Columns {
    names: Vec<String>,
    index: HashMap<String, usize>,
}

impl Columns {
    /// Adds the dotted keys of one record.
    pub fn learn(&mut self, record: &Map<String, Value>) {
        visit(record, &mut String::new(), &mut |key, _| {
            if !self.index.contains_key(key) {
                self.index.insert(key.to_string(), self.names.len());
                self.names.push(key.to_string());
            }
        });
    }

    pub fn position(&self, key: &str) -> Option<usize> {
        self.index.get(key).copied()
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }
}

/// Calls `cell` with each dotted key and its value as text.
pub(crate) fn cells(record: &Map<String, Value>, cell: &mut impl FnMut(&str, String)) {
    visit(record, &mut String::new(), &mut |key, value| {
        cell(key, text(value))
    });
}

fn visit(object: &Map<String, Value>, prefix: &mut String, leaf: &mut impl FnMut(&str, &Value)) {
    for (key, value) in object {
        let before = prefix.len();
        if !prefix.is_empty() {
            prefix.push('.');
        }
        prefix.push_str(key);
        match value {
            Value::Object(inner) if !inner.is_empty() => visit(inner, prefix, leaf),
            _ => leaf(prefix, value),
        }
        prefix.truncate(before);
    }
}

fn text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Object(o) if o.is_empty() => String::new(),
        Value::Array(items) if items.iter().all(is_plain) => items
            .iter()
            .map(text)
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

fn is_plain(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Object(_))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn record(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => panic!("test record must be an object"),
        }
    }

    #[test]
    fn nested_objects_become_dotted_columns_in_document_order() {
        let user = record(json!({
            "uid": "E1000001",
            "manager": {"uid": "E1000002", "email": "m@example.com"},
            "active": true,
        }));
        let mut columns = Columns::default();
        columns.learn(&user);
        columns.learn(&record(json!({"uid": "E2", "phone": "+1"})));
        assert_eq!(
            columns.names(),
            ["uid", "manager.uid", "manager.email", "active", "phone"]
        );
        let mut seen = Vec::new();
        cells(&user, &mut |k, v| seen.push(format!("{k}={v}")));
        assert_eq!(
            seen,
            [
                "uid=E1000001",
                "manager.uid=E1000002",
                "manager.email=m@example.com",
                "active=true"
            ]
        );
    }

    #[test]
    fn arrays_of_plain_values_are_joined_and_deeper_ones_kept_as_json() {
        let user = record(json!({
            "locations": ["San Francisco Office", "Remote"],
            "ids": [1, 2],
            "empty": [],
            "manager": null,
            "emails": [{"value": "a@b.co", "type": "work"}],
        }));
        let mut seen = Vec::new();
        cells(&user, &mut |k, v| seen.push(format!("{k}={v}")));
        assert_eq!(
            seen,
            [
                "locations=San Francisco Office; Remote",
                "ids=1; 2",
                "empty=",
                "manager=",
                r#"emails=[{"value":"a@b.co","type":"work"}]"#,
            ]
        );
    }
}
