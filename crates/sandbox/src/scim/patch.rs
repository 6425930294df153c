//! PATCH: applying a `urn:ietf:params:scim:api:messages:2.0:PatchOp` message to a User's
//! attributes.
//!
//! Follows RFC 7644 section 3.5.2: `Operations` of `add`, `remove`, `replace`; a `path`
//! naming an attribute, a sub-attribute, an extension attribute by its schema URN, or values
//! of a multi-valued attribute through a filter (`emails[type eq "work"].value`); `add` and
//! `replace` without a path take an object of attributes; `add` appends to multi-valued
//! attributes and merges into complex ones; `replace` of a complex attribute leaves the
//! sub-attributes it does not name; `replace` of a missing attribute adds it; `remove`
//! needs a path (else `noTarget`); a value filter matching nothing is `noTarget`; `id`,
//! `meta` and `groups` cannot be changed (`mutability`).
//!
//! Choices where the RFC is silent: `op` is compared case-insensitively (Microsoft Entra
//! sends `Replace`); an `add` through a filter of the form `attr eq "v"` that matches no
//! value creates one holding `attr: "v"` (how Entra adds a work email); a sub-attribute path
//! into a multi-valued attribute without a filter is refused with `invalidPath`. The
//! resulting User is checked afterwards like a PUT body (so `active: "yes"` or a removed
//! `userName` fail there).

use serde_json::{Map, Value};

use super::PATCH_SCHEMA;
use super::error::{ScimError, ScimType};
use super::filter::{self, AttrPath, Filter, Parser, Token};

/// Where an operation points.
struct Target {
    path: AttrPath,
    /// A value filter between brackets, with its sub-attribute (if any) in `path.sub`.
    filter: Option<Filter>,
}

fn syntax(detail: impl Into<String>) -> ScimError {
    ScimError::bad(ScimType::InvalidSyntax, detail)
}

/// Applies every operation of `message` to `body`, in order.
pub fn apply(body: &mut Map<String, Value>, message: &Value) -> Result<(), ScimError> {
    let lists_schema = message
        .get("schemas")
        .and_then(Value::as_array)
        .is_some_and(|s| s.iter().any(|v| v.as_str() == Some(PATCH_SCHEMA)));
    if !lists_schema {
        return Err(syntax(format!("schemas must list {PATCH_SCHEMA}")));
    }
    let Some(operations) = filter::get_ci(message, "Operations").and_then(Value::as_array) else {
        return Err(syntax("Operations must be an array"));
    };
    if operations.is_empty() {
        return Err(syntax("Operations is empty"));
    }
    for operation in operations {
        apply_one(body, operation)?;
    }
    Ok(())
}

fn apply_one(body: &mut Map<String, Value>, operation: &Value) -> Result<(), ScimError> {
    let op = filter::get_ci(operation, "op")
        .and_then(Value::as_str)
        .map(str::to_ascii_lowercase)
        .ok_or_else(|| syntax("an operation needs op"))?;
    let path = filter::get_ci(operation, "path").and_then(Value::as_str);
    let value = filter::get_ci(operation, "value");
    match (op.as_str(), path) {
        ("remove", None) => Err(ScimError::bad(ScimType::NoTarget, "remove needs a path")),
        ("remove", Some(path)) => remove(body, &parse_target(path)?),
        ("add" | "replace", Some(path)) => {
            let value = value.ok_or_else(|| syntax(format!("{op} needs a value")))?;
            write(body, &parse_target(path)?, value, op == "add")
        }
        ("add" | "replace", None) => {
            let Some(Value::Object(attributes)) = value else {
                return Err(syntax(format!("{op} without a path needs an object value")));
            };
            for (key, value) in attributes {
                match value {
                    Value::Object(inner) if key.to_ascii_lowercase().starts_with("urn:") => {
                        for (attr, value) in inner {
                            let target = parse_target(&format!("{key}:{attr}"))?;
                            write(body, &target, value, op == "add")?;
                        }
                    }
                    _ => write(body, &parse_target(key)?, value, op == "add")?,
                }
            }
            Ok(())
        }
        (other, _) => Err(syntax(format!("unknown op {other:?}"))),
    }
}

/// Reads `attr`, `attr.sub`, `urn:…:attr`, `attr[filter]` or `attr[filter].sub`.
fn parse_target(path: &str) -> Result<Target, ScimError> {
    let invalid = || ScimError::bad(ScimType::InvalidPath, format!("bad path {path:?}"));
    let tokens = filter::tokenize(path).map_err(|_| invalid())?;
    let Some(Token::Word(first)) = tokens.first() else {
        return Err(invalid());
    };
    let mut target = Target {
        path: filter::parse_attr_path(first)?,
        filter: None,
    };
    if tokens.len() > 1 {
        if tokens.get(1) != Some(&Token::OpenBracket) || target.path.sub.is_some() {
            return Err(invalid());
        }
        let mut parser = Parser { tokens, at: 2 };
        let inner = parser.or().map_err(|_| invalid())?;
        if parser.tokens.get(parser.at) != Some(&Token::CloseBracket) {
            return Err(invalid());
        }
        match &parser.tokens[parser.at + 1..] {
            [] => {}
            [Token::Word(sub)] if sub.len() > 1 && sub.starts_with('.') => {
                target.path.sub = Some(sub[1..].to_owned());
            }
            _ => return Err(invalid()),
        }
        target.filter = Some(inner);
    }
    let attr = target.path.attr.to_ascii_lowercase();
    if target.path.urn.is_none() && matches!(attr.as_str(), "id" | "meta" | "groups" | "schemas") {
        return Err(ScimError::bad(
            ScimType::Mutability,
            format!("{} cannot be changed", target.path.attr),
        ));
    }
    Ok(target)
}

/// The key in `map` equal to `name` ignoring case, or `name` itself.
fn key_in(map: &Map<String, Value>, name: &str) -> String {
    map.keys()
        .find(|k| k.eq_ignore_ascii_case(name))
        .cloned()
        .unwrap_or_else(|| name.to_owned())
}

/// The object holding the target's attribute: the User, or its extension object.
fn container<'a>(
    body: &'a mut Map<String, Value>,
    target: &Target,
    create: bool,
) -> Result<Option<&'a mut Map<String, Value>>, ScimError> {
    let Some(urn) = &target.path.urn else {
        return Ok(Some(body));
    };
    let key = key_in(body, urn);
    if create && !body.contains_key(&key) {
        body.insert(key.clone(), Value::Object(Map::new()));
    }
    match body.get_mut(&key) {
        Some(Value::Object(inner)) => Ok(Some(inner)),
        Some(_) => Err(ScimError::bad(
            ScimType::InvalidValue,
            format!("{urn} is not an object"),
        )),
        None => Ok(None),
    }
}

/// `add` (append and merge) or `replace` (overwrite, merging complex values).
fn write(
    body: &mut Map<String, Value>,
    target: &Target,
    value: &Value,
    add: bool,
) -> Result<(), ScimError> {
    let Some(holder) = container(body, target, true)? else {
        return Ok(());
    };
    let key = key_in(holder, &target.path.attr);
    if let Some(filter) = &target.filter {
        return write_filtered(holder, &key, target, filter, value, add);
    }
    let slot = holder.entry(key.clone()).or_insert(Value::Null);
    match &target.path.sub {
        None => merge_into(slot, value, add),
        Some(_) if slot.is_array() => {
            return Err(ScimError::bad(
                ScimType::InvalidPath,
                format!("{key} is multi-valued: select values with {key}[…]"),
            ));
        }
        Some(sub) => {
            if !slot.is_object() {
                *slot = Value::Object(Map::new());
            }
            if let Value::Object(inner) = slot {
                let sub_key = key_in(inner, sub);
                merge_into(inner.entry(sub_key).or_insert(Value::Null), value, add);
            }
        }
    }
    Ok(())
}

/// Writes `value` at `slot`: `add` appends to arrays; both merge objects into objects.
fn merge_into(slot: &mut Value, value: &Value, add: bool) {
    match (slot, value) {
        (Value::Array(items), value) if add => match value {
            Value::Array(more) => items.extend(more.iter().cloned()),
            one => items.push(one.clone()),
        },
        (Value::Object(existing), Value::Object(update)) => {
            for (k, v) in update {
                let key = key_in(existing, k);
                existing.insert(key, v.clone());
            }
        }
        (slot, value) => *slot = value.clone(),
    }
}

fn write_filtered(
    holder: &mut Map<String, Value>,
    key: &str,
    target: &Target,
    filter: &Filter,
    value: &Value,
    add: bool,
) -> Result<(), ScimError> {
    let items = match holder
        .entry(key.to_owned())
        .or_insert_with(|| Value::Array(Vec::new()))
    {
        Value::Array(items) => items,
        _ => {
            return Err(ScimError::bad(
                ScimType::InvalidPath,
                format!("{key} is not multi-valued"),
            ));
        }
    };
    let mut matched = false;
    for item in items.iter_mut().filter(|item| filter.matches(item)) {
        matched = true;
        match (&target.path.sub, item) {
            (Some(sub), Value::Object(inner)) => {
                let sub_key = key_in(inner, sub);
                inner.insert(sub_key, value.clone());
            }
            (None, item) => merge_into(item, value, false),
            (Some(_), _) => {}
        }
    }
    if matched {
        return Ok(());
    }
    // Nothing matched: an add through `attr eq "v"` makes the value it describes.
    match (add, filter) {
        (true, Filter::Compare(by, _, Value::String(wanted)))
            if filter_is_eq(filter) && by.sub.is_none() =>
        {
            let mut created = Map::new();
            created.insert(by.attr.clone(), Value::from(wanted.as_str()));
            match (&target.path.sub, value) {
                (Some(sub), value) => {
                    created.insert(sub.clone(), value.clone());
                }
                (None, Value::Object(fields)) => {
                    created.extend(fields.iter().map(|(k, v)| (k.clone(), v.clone())));
                }
                (None, _) => {
                    return Err(ScimError::bad(
                        ScimType::InvalidValue,
                        "value must be an object",
                    ));
                }
            }
            items.push(Value::Object(created));
            Ok(())
        }
        _ => Err(ScimError::bad(
            ScimType::NoTarget,
            format!("no value of {key} matches the filter"),
        )),
    }
}

fn filter_is_eq(filter: &Filter) -> bool {
    matches!(filter, Filter::Compare(_, op, _) if op.is_eq())
}

fn remove(body: &mut Map<String, Value>, target: &Target) -> Result<(), ScimError> {
    let Some(holder) = container(body, target, false)? else {
        return Ok(());
    };
    let key = key_in(holder, &target.path.attr);
    match (&target.filter, &target.path.sub) {
        (None, None) => {
            holder.remove(&key);
        }
        (None, Some(sub)) => {
            if let Some(Value::Object(inner)) = holder.get_mut(&key) {
                let sub_key = key_in(inner, sub);
                inner.remove(&sub_key);
            }
        }
        (Some(filter), sub) => {
            let Some(Value::Array(items)) = holder.get_mut(&key) else {
                return Err(ScimError::bad(
                    ScimType::NoTarget,
                    format!("{key} has no values"),
                ));
            };
            if !items.iter().any(|item| filter.matches(item)) {
                return Err(ScimError::bad(
                    ScimType::NoTarget,
                    format!("no value of {key} matches the filter"),
                ));
            }
            match sub {
                None => items.retain(|item| !filter.matches(item)),
                Some(sub) => {
                    for item in items.iter_mut().filter(|item| filter.matches(item)) {
                        if let Value::Object(inner) = item {
                            let sub_key = key_in(inner, sub);
                            inner.remove(&sub_key);
                        }
                    }
                }
            }
            if items.is_empty() {
                holder.remove(&key);
            }
        }
    }
    Ok(())
}
