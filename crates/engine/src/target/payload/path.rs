//! A value put at its field path in the target object: dots nest objects, brackets name the
//! entry of a multi-valued attribute (in the shape the target writes its entries).

use serde_json::{Map, Value};

use crate::target::catalog::TargetKind;

/// One step of a field path: `name` or `name[kind]`.
enum Step<'a> {
    Key(&'a str),
    Entry(&'a str, &'a str),
}

fn step(segment: &str) -> Step<'_> {
    if let Some(open) = segment.find('[')
        && let Some(inner) = segment[open + 1..].strip_suffix(']')
    {
        return Step::Entry(&segment[..open], inner);
    }
    Step::Key(segment)
}

/// Puts `value` at the dotted `path` inside `object`, creating objects and entries on the way.
pub(super) fn insert_path(
    object: &mut Map<String, Value>,
    path: &str,
    value: Value,
    target: TargetKind,
) {
    let (head, rest) = match path.split_once('.') {
        Some((head, rest)) => (head, Some(rest)),
        None => (path, None),
    };
    match step(head) {
        Step::Key(key) => match rest {
            None => {
                object.insert(key.to_owned(), value);
            }
            Some(rest) => {
                let slot = object
                    .entry(key.to_owned())
                    .or_insert_with(|| Value::Object(Map::new()));
                if !slot.is_object() {
                    *slot = Value::Object(Map::new());
                }
                if let Value::Object(inner) = slot {
                    insert_path(inner, rest, value, target);
                }
            }
        },
        Step::Entry(key, kind) => {
            let slot = object
                .entry(key.to_owned())
                .or_insert_with(|| Value::Array(Vec::new()));
            if !slot.is_array() {
                *slot = Value::Array(Vec::new());
            }
            if let Value::Array(entries) = slot {
                let Some(entry) = entry_for(entries, kind, target) else {
                    return;
                };
                match rest {
                    Some(rest) => insert_path(entry, rest, value, target),
                    None => {
                        entry.insert("value".to_owned(), value);
                    }
                }
            }
        }
    }
}

/// The object of the entry of `kind` in a multi-valued attribute, created when missing. For
/// Auth0 that is the object under the entry's `kind` key. `None` only if an entry is not an
/// object, which this module never writes.
fn entry_for<'e>(
    entries: &'e mut Vec<Value>,
    kind: &str,
    target: TargetKind,
) -> Option<&'e mut Map<String, Value>> {
    let matches = |entry: &Value| match target {
        TargetKind::Auth0 => entry.get(kind).is_some(),
        _ => entry.get("type").and_then(Value::as_str) == Some(kind),
    };
    let position = match entries.iter().position(matches) {
        Some(position) => position,
        None => {
            let mut entry = Map::new();
            match target {
                TargetKind::Auth0 => {
                    entry.insert(kind.to_owned(), Value::Object(Map::new()));
                }
                TargetKind::Scim => {
                    entry.insert("type".to_owned(), Value::String(kind.to_owned()));
                    entry.insert("primary".to_owned(), Value::Bool(entries.is_empty()));
                }
                _ => {
                    entry.insert("type".to_owned(), Value::String(kind.to_owned()));
                }
            }
            entries.push(Value::Object(entry));
            entries.len() - 1
        }
    };
    let map = entries.get_mut(position)?.as_object_mut()?;
    if target == TargetKind::Auth0 {
        let inner = map
            .entry(kind.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        if !inner.is_object() {
            *inner = Value::Object(Map::new());
        }
        inner.as_object_mut()
    } else {
        Some(map)
    }
}
