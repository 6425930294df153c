//! The records of a run of events as an NDJSON file, so they reach the job through the
//! same reader and profile as any file (nested objects become dotted columns such as
//! `manager.uid`).
//!
//! The files hold personal data: they live in a folder only this user may open, and each
//! is deleted as soon as its job is journaled (the job keeps the payloads).

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use muster_engine::mapping::Profile;
use muster_engine::source::webhook::Selection;
use serde_json::{Map, Value};

/// A private temporary folder, removed when dropped.
pub struct Folder {
    path: PathBuf,
}

impl Folder {
    pub fn create() -> Result<Folder> {
        let path = std::env::temp_dir().join(format!("muster-listen-{}", std::process::id()));
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder
            .create(&path)
            .with_context(|| format!("cannot create the folder {}", path.display()))?;
        Ok(Folder { path })
    }

    /// Writes the selection's records, one JSON object a line.
    pub fn write(&self, selection: &Selection, profile: &Profile) -> Result<BatchFile> {
        let mut records: Vec<Map<String, Value>> =
            selection.records.iter().map(|r| r.record.clone()).collect();
        pad(&mut records, &profile_columns(profile));
        let (first, last) = selection.id_range().unwrap_or_default();
        let path = self.path.join(format!("events-{first}-{last}.ndjson"));
        let file = BatchFile { path };
        let mut out = std::io::BufWriter::new(
            std::fs::File::create(&file.path)
                .with_context(|| format!("cannot write {}", file.path.display()))?,
        );
        for record in records {
            serde_json::to_writer(&mut out, &Value::Object(record))?;
            out.write_all(b"\n")?;
        }
        out.flush()
            .with_context(|| format!("cannot write {}", file.path.display()))?;
        Ok(file)
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// A written batch, deleted when dropped.
pub struct BatchFile {
    path: PathBuf,
}

impl BatchFile {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for BatchFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Every column the profile reads: its fields' columns, its templates' and its skip rules'.
fn profile_columns(profile: &Profile) -> Vec<String> {
    let mut columns: Vec<String> = profile.skips.iter().map(|s| s.column.clone()).collect();
    for field in &profile.fields {
        columns.extend(field.column.clone());
        if let Some(template) = &field.template {
            columns.extend(template_columns(template));
        }
    }
    columns
}

/// The `{column}` names of a template (`{{` and `}}` are literal braces).
fn template_columns(template: &str) -> Vec<String> {
    let unescaped = template.replace("{{", "").replace("}}", "");
    unescaped
        .split('{')
        .skip(1)
        .filter_map(|piece| piece.split_once('}').map(|(name, _)| name.to_owned()))
        .collect()
}

/// A column the profile reads that no record of this batch has (a user.deleted event
/// carries few fields; no user of the batch has a manager) would stop the whole batch at
/// the mapping. It is added, empty, to the first record: an empty cell, as a file with
/// that column blank for everyone would have.
fn pad(records: &mut [Map<String, Value>], wanted: &[String]) {
    let mut present = HashSet::new();
    for record in records.iter() {
        leaves(record, &mut String::new(), &mut present);
    }
    let Some(first) = records.first_mut() else {
        return;
    };
    for column in wanted {
        let key = column.trim().to_lowercase();
        if !key.is_empty() && present.insert(key) {
            first.insert(column.clone(), Value::Null);
        }
    }
}

/// The dotted names of a record's leaves, lower case, as the NDJSON reader names columns.
fn leaves(object: &Map<String, Value>, prefix: &mut String, into: &mut HashSet<String>) {
    for (key, value) in object {
        let before = prefix.len();
        if !prefix.is_empty() {
            prefix.push('.');
        }
        prefix.push_str(key);
        match value {
            Value::Object(inner) if !inner.is_empty() => leaves(inner, prefix, into),
            _ => {
                into.insert(prefix.trim().to_lowercase());
            }
        }
        prefix.truncate(before);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_column_no_record_has_is_added_empty_to_the_first() {
        let mut records = vec![
            json!({"uid": "E1", "manager": {"uid": "E0"}}),
            json!({"uid": "E2", "active": false}),
        ]
        .into_iter()
        .map(|v| match v {
            Value::Object(map) => map,
            _ => unreachable!(),
        })
        .collect::<Vec<_>>();
        let wanted = ["uid", "Manager.UID", "active", "email", "full_name"].map(String::from);
        pad(&mut records, &wanted);
        assert_eq!(
            Value::Object(records[0].clone()),
            json!({"uid": "E1", "manager": {"uid": "E0"}, "email": null, "full_name": null})
        );
        assert_eq!(records[1].len(), 2);
    }

    #[test]
    fn template_columns_are_read_between_braces() {
        assert_eq!(
            template_columns("{first_name}.{last_name}@{{x}}.example.com"),
            ["first_name", "last_name"]
        );
    }
}
