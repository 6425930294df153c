//! JSON and NDJSON output shaped like a page of an HR system's user API.
//!
//! Field names follow the API (`uid`, `first_name`, ...), not the spreadsheet
//! headers; `manager` is a nested `{"uid","email"}` object and `locations` an
//! array, so readers meet nesting. A missing name is `null`, as APIs send it.
//! Each user is one line, so even the array forms can be eyeballed and
//! diffed, and memory stays flat.

use std::fmt::Write as _;
use std::io::{BufWriter, Write};

use crate::error::GenError;
use crate::person::{People, Person};
use crate::spec::{Spec, Summary};

/// The three JSON layouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JsonShape {
    /// `[user, ...]`
    Array,
    /// `{"users":[...],"meta":{...}}`
    Wrapped,
    /// One user per line, nothing around them.
    Lines,
}

pub(crate) fn write_json<W: Write>(
    out: W,
    shape: JsonShape,
    spec: &Spec,
) -> Result<Summary, GenError> {
    let mut out = BufWriter::with_capacity(64 * 1024, out);
    match shape {
        JsonShape::Array => out.write_all(b"[\n")?,
        JsonShape::Wrapped => out.write_all(b"{\"users\":[\n")?,
        JsonShape::Lines => {}
    }

    let mut summary = Summary::default();
    let mut line = String::with_capacity(512);
    for person in People::new(spec, true) {
        line.clear();
        if summary.rows > 0 && shape != JsonShape::Lines {
            line.push_str(",\n");
        }
        push_user(&person, &mut line);
        if shape == JsonShape::Lines {
            line.push('\n');
        }
        out.write_all(line.as_bytes())?;
        summary.rows += 1;
        if let Some(defect) = person.defect {
            summary.defects.add(defect);
        }
    }

    match shape {
        JsonShape::Array => out.write_all(b"\n]\n")?,
        JsonShape::Wrapped => {
            // One page holding everything, as a small HR system would send it.
            let n = summary.rows;
            write!(
                out,
                "\n],\"meta\":{{\"total_count\":{n},\"total_pages\":1,\"current_page\":1,\"per_page\":{n}}}}}\n"
            )?;
        }
        JsonShape::Lines => {}
    }
    out.flush()?;
    Ok(summary)
}

/// Appends one user object, without a line end.
fn push_user(p: &Person, out: &mut String) {
    out.push_str("{\"uid\":");
    push_string(&p.id_text(), out);
    out.push_str(",\"first_name\":");
    push_optional(p.first_name, out);
    out.push_str(",\"last_name\":");
    push_optional(p.last_name, out);
    out.push_str(",\"email\":");
    push_string(&p.email, out);
    out.push_str(",\"department\":");
    push_string(p.department, out);
    out.push_str(",\"job_title\":");
    push_string(p.job_title, out);
    out.push_str(",\"hire_date\":\"");
    if p.hire_date_dotted {
        p.hire_date.push_dotted(out);
    } else {
        p.hire_date.push_iso(out);
    }
    out.push_str("\",\"birth_date\":\"");
    p.birth_date.push_iso(out);
    out.push_str("\",\"phone\":");
    push_string(&p.phone, out);
    out.push_str(",\"manager\":");
    match &p.manager {
        Some(m) => {
            out.push_str("{\"uid\":\"");
            Person::push_id(m.id, out);
            out.push_str("\",\"email\":");
            push_string(&m.email, out);
            out.push('}');
        }
        None => out.push_str("null"),
    }
    out.push_str(",\"employment_status\":");
    push_string(p.employment_status, out);
    out.push_str(if p.active {
        ",\"active\":true"
    } else {
        ",\"active\":false"
    });
    out.push_str(",\"locations\":[");
    push_string(p.locations.0, out);
    if let Some(second) = p.locations.1 {
        out.push(',');
        push_string(second, out);
    }
    out.push_str("]}");
}

fn push_optional(s: &str, out: &mut String) {
    if s.is_empty() {
        out.push_str("null");
    } else {
        push_string(s, out);
    }
}

/// Appends `s` as a JSON string; non-ASCII stays as UTF-8.
fn push_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::email::looks_like_email;
    use serde_json::Value;

    fn generate(shape: JsonShape, rows: u64, rate: f64) -> (String, Summary) {
        let mut out = Vec::new();
        let spec = Spec {
            rows,
            defect_rate: rate,
            seed: 12,
        };
        let summary = write_json(&mut out, shape, &spec).unwrap();
        (String::from_utf8(out).unwrap(), summary)
    }

    #[test]
    fn array_parses_with_n_users() {
        let (text, summary) = generate(JsonShape::Array, 500, 0.1);
        let users: Vec<Value> = serde_json::from_str(&text).unwrap();
        assert_eq!(users.len(), 500);
        assert_eq!(summary.rows, 500);
        assert_eq!(summary.header_row, 0);
        let invalid = users
            .iter()
            .filter(|u| !looks_like_email(u["email"].as_str().unwrap()))
            .count() as u64;
        assert_eq!(invalid, summary.defects.invalid_email);
        let no_first = users.iter().filter(|u| u["first_name"].is_null()).count() as u64;
        assert_eq!(no_first, summary.defects.missing_first_name);
        assert!(users[0]["manager"].is_null());
        let later = &users[100];
        assert!(later["manager"]["uid"].as_str().unwrap().starts_with('E'));
        assert!(later["active"].is_boolean());
        let locations = later["locations"].as_array().unwrap();
        assert!((1..=2).contains(&locations.len()));
        let keys: Vec<&str> = later
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "uid",
                "first_name",
                "last_name",
                "email",
                "department",
                "job_title",
                "hire_date",
                "birth_date",
                "phone",
                "manager",
                "employment_status",
                "active",
                "locations"
            ]
        );
    }

    #[test]
    fn wrapped_has_users_and_meta() {
        let (text, _) = generate(JsonShape::Wrapped, 2000, 0.0);
        let page: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(page["users"].as_array().unwrap().len(), 2000);
        assert_eq!(page["meta"]["total_count"], 2000);
        assert_eq!(page["meta"]["per_page"], 2000);
        assert_eq!(page["meta"]["total_pages"], 1);
        assert_eq!(page["meta"]["current_page"], 1);
        // The two-line job title is escaped, not raw.
        assert!(text.contains("Head of\\nPayroll"));
    }

    #[test]
    fn ndjson_has_n_lines() {
        let (text, _) = generate(JsonShape::Lines, 250, 0.05);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 250);
        for line in lines {
            let user: Value = serde_json::from_str(line).unwrap();
            assert!(user["uid"].is_string());
        }
    }

    #[test]
    fn empty_outputs_are_valid_json() {
        let (text, _) = generate(JsonShape::Array, 0, 0.0);
        assert_eq!(serde_json::from_str::<Vec<Value>>(&text).unwrap().len(), 0);
        let (text, _) = generate(JsonShape::Wrapped, 0, 0.0);
        let page: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(page["meta"]["total_count"], 0);
        assert_eq!(generate(JsonShape::Lines, 0, 0.0).0, "");
    }

    #[test]
    fn control_characters_are_escaped() {
        let mut s = String::new();
        push_string("a\"b\\c\u{1}", &mut s);
        assert_eq!(serde_json::from_str::<String>(&s).unwrap(), "a\"b\\c\u{1}");
    }
}
