//! Reaching into a source's records: a field by its dotted path (`name.given`, as the
//! sheet's JSON reader names nested columns) or by a JSON pointer (`/name/given`), and the
//! renames a connection's response parameters ask for.

use serde_json::{Map, Value};

/// The value at `path`: a JSON pointer when it starts with `/`, else dotted keys.
pub fn field<'a>(record: &'a Map<String, Value>, path: &str) -> Option<&'a Value> {
    if let Some(pointer) = path.strip_prefix('/') {
        let mut parts = pointer
            .split('/')
            .map(|p| p.replace("~1", "/").replace("~0", "~"));
        let first = parts.next()?;
        let mut at = record.get(&first)?;
        for part in parts {
            at = match at {
                Value::Object(map) => map.get(&part)?,
                Value::Array(items) => items.get(part.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        return Some(at);
    }
    if let Some(value) = record.get(path) {
        return Some(value);
    }
    let mut keys = path.split('.');
    let mut at = record.get(keys.next()?)?;
    for key in keys {
        at = at.as_object()?.get(key)?;
    }
    Some(at)
}

/// The value at `path` as text: strings as they are, numbers and booleans written out;
/// `None` for null, a missing field, or an empty string.
pub fn text(record: &Map<String, Value>, path: &str) -> Option<String> {
    match field(record, path)? {
        Value::String(s) if s.trim().is_empty() => None,
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Moves the value at `from` to the top-level key `to` (a response parameter: the API's
/// field name → the name the mapping profile uses).
pub fn rename(record: &mut Map<String, Value>, from: &str, to: &str) {
    let Some(value) = take(record, from) else {
        return;
    };
    record.insert(to.to_owned(), value);
}

fn take(record: &mut Map<String, Value>, path: &str) -> Option<Value> {
    let path = path.trim_start_matches('/');
    let separator = if path.contains('/') { '/' } else { '.' };
    if let Some(value) = record.remove(path) {
        return Some(value);
    }
    let (parent, last) = path.rsplit_once(separator)?;
    let mut at = record;
    for key in parent.split(separator) {
        at = at.get_mut(key)?.as_object_mut()?;
    }
    at.remove(last)
}

#[cfg(test)]
mod tests {
    use serde_json::{Map, Value, json};

    fn person() -> Map<String, Value> {
        let Value::Object(map) = json!({
            "employeeId": "P1",
            "name": {"given": "Ada", "family": "Lovelace"},
            "emails": [{"value": "ada@example.org"}],
            "active": true,
            "n": 7
        }) else {
            unreachable!()
        };
        map
    }

    #[test]
    fn fields_are_found_by_dotted_path_or_pointer() {
        let p = person();
        assert_eq!(super::text(&p, "name.given").as_deref(), Some("Ada"));
        assert_eq!(super::text(&p, "/name/family").as_deref(), Some("Lovelace"));
        assert_eq!(
            super::text(&p, "/emails/0/value").as_deref(),
            Some("ada@example.org")
        );
        assert_eq!(super::text(&p, "active").as_deref(), Some("true"));
        assert_eq!(super::text(&p, "n").as_deref(), Some("7"));
        assert_eq!(super::text(&p, "name.middle"), None);
    }

    #[test]
    fn a_rename_moves_a_nested_field_to_the_top() {
        let mut p = person();
        super::rename(&mut p, "name.given", "first_name");
        super::rename(&mut p, "/name/family", "last_name");
        super::rename(&mut p, "missing", "x");
        assert_eq!(p["first_name"], "Ada");
        assert_eq!(p["last_name"], "Lovelace");
        assert_eq!(p["name"], json!({}));
        assert!(!p.contains_key("x"));
    }
}
