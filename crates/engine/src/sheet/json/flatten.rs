//! One JSON record as flat cells: nested objects become dotted columns (`manager.uid`),
//! arrays of plain values one cell joined with `; `, and anything deeper compact JSON text.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::names::Names;
use crate::sheet::limits::MAX_COLUMNS;
use crate::sheet::{Numbering, Problems};

/// The columns of a JSON source in the order their keys first appear.
///
/// Every dotted path seen (leaf or nested object) gets a small id, so the fast reader
/// (`record`) can look a key up once and then work with numbers; a path becomes a column
/// the first time it holds a leaf value. Column names are the dotted paths, made non-empty
/// and told apart where a person could not (see [`Names`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct Columns {
    names: Vec<String>,
    ids: HashMap<Box<str>, u32>,
    paths: Vec<PathInfo>,
    naming: Names,
    /// The record (or NDJSON line) being learnt, for the problems of renamed keys.
    at: u64,
    /// A path was left out because [`MAX_COLUMNS`] were taken.
    too_many: bool,
}

/// One dotted path. Its text is `parent`'s text, a dot unless that is empty, then the key
/// (`text[key_at..]`): the first way it was met, which the fast reader checks keys against.
#[derive(Debug, Clone)]
struct PathInfo {
    text: Box<str>,
    column: u32,
    parent: u32,
    key_at: u32,
    /// The key has no `"`, `\` or control character, so it is written in JSON as it is.
    plain_key: bool,
}

/// No column, no parent.
pub(super) const NONE: u32 = u32::MAX;

impl Columns {
    /// Adds the dotted keys of one record.
    pub fn learn(&mut self, record: &Map<String, Value>) {
        visit(record, &mut String::new(), &mut |key, _| {
            let id = self.intern(key, NONE, 0);
            self.adopt(id);
        });
    }

    pub fn position(&self, key: &str) -> Option<usize> {
        self.ids.get(key).and_then(|&id| self.column(id))
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Says where the record about to be learnt is (its position, or its NDJSON line).
    pub fn at(&mut self, position: u64) {
        self.at = position;
    }

    /// The keys renamed so their columns can be told apart, as problems.
    pub fn problems(&self, numbering: Numbering) -> Problems {
        self.naming.problems(numbering)
    }

    /// The records have more different keys than [`MAX_COLUMNS`].
    pub fn too_many(&self) -> bool {
        self.too_many
    }

    /// The id of a dotted path, new if it was never seen; `parent` and `key_at` say how it
    /// was met (see [`PathInfo`]).
    pub fn intern(&mut self, path: &str, parent: u32, key_at: usize) -> u32 {
        if let Some(&id) = self.ids.get(path) {
            return id;
        }
        let id = self.paths.len() as u32;
        let (key, parent, key_at) = match path.get(key_at..) {
            Some(key) => (key, parent, key_at as u32),
            None => (path, NONE, 0),
        };
        self.ids.insert(path.into(), id);
        self.paths.push(PathInfo {
            text: path.into(),
            column: NONE,
            parent,
            key_at,
            plain_key: !key.bytes().any(|c| c == b'"' || c == b'\\' || c < 0x20),
        });
        id
    }

    /// The dotted path of an id (empty for an id never handed out).
    pub fn path(&self, id: u32) -> &str {
        self.paths.get(id as usize).map_or("", |p| &p.text)
    }

    /// The key of path `id`, as written in JSON, if it was met under `parent`.
    #[inline]
    pub fn key_under(&self, id: u32, parent: u32) -> Option<&[u8]> {
        let info = self.paths.get(id as usize)?;
        if info.parent != parent || !info.plain_key {
            return None;
        }
        info.text.as_bytes().get(info.key_at as usize..)
    }

    /// The column a path's values go to, if it is a column.
    #[inline]
    pub fn column(&self, id: u32) -> Option<usize> {
        match self.paths.get(id as usize) {
            Some(info) if info.column != NONE => Some(info.column as usize),
            _ => None,
        }
    }

    /// Makes a path a column (the next one) unless it is one already or [`MAX_COLUMNS`] are
    /// taken.
    pub fn adopt(&mut self, id: u32) {
        if let Some(info) = self.paths.get_mut(id as usize)
            && info.column == NONE
        {
            if self.names.len() >= MAX_COLUMNS {
                self.too_many = true;
                return;
            }
            info.column = self.names.len() as u32;
            let name = self.naming.name(&info.text, self.at, &self.names);
            self.names.push(name);
        }
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

/// A leaf value as cell text.
pub(super) fn text(value: &Value) -> String {
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
