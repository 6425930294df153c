//! The watermark of a source connection: the newest change a pull delivered, so the next
//! sync asks only for what changed since.
//!
//! Sources stamp changes in whole seconds (HRIS `updated_at`, reference 001), so a change
//! made in the same second as the newest one delivered, but after the pull, would be lost
//! by asking "strictly after". The watermark therefore also keeps the users delivered at
//! that second: the next pull asks from one second earlier and drops exactly those users
//! when they come back unchanged.

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Watermark {
    /// The newest change time seen, as the source wrote it.
    pub after: String,
    /// The identifiers of the records changed at exactly `after`.
    pub at_mark: Vec<String>,
}

impl Watermark {
    /// Reads a stored watermark; an older plain timestamp is taken as it is.
    pub fn parse(text: &str) -> Watermark {
        serde_json::from_str(text).unwrap_or_else(|_| Watermark {
            after: text.to_owned(),
            at_mark: Vec::new(),
        })
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The time to ask from: a second before `after` (see the module docs), in the
    /// source's ISO 8601 form; `after` itself when it is not a time Muster can read.
    pub fn ask_from(&self) -> String {
        match parse_time(&self.after) {
            Some(time) => (time - Duration::seconds(1)).to_rfc3339_opts(SecondsFormat::Secs, true),
            None => self.after.clone(),
        }
    }

    /// Whether a record changed at `updated` with identifier `key` was delivered already.
    pub fn delivered(&self, key: &str, updated: &str) -> bool {
        same_time(updated, &self.after) && self.at_mark.iter().any(|k| k == key)
    }

    /// Takes in one record's change time: a newer one moves the mark.
    pub fn see(&mut self, key: &str, updated: &str) {
        match compare(updated, &self.after) {
            std::cmp::Ordering::Greater => {
                self.after = updated.to_owned();
                self.at_mark.clear();
                self.at_mark.push(key.to_owned());
            }
            std::cmp::Ordering::Equal => {
                if !self.at_mark.iter().any(|k| k == key) {
                    self.at_mark.push(key.to_owned());
                }
            }
            std::cmp::Ordering::Less => {}
        }
    }
}

fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

fn same_time(a: &str, b: &str) -> bool {
    compare(a, b) == std::cmp::Ordering::Equal
}

/// Times compared as times when both parse, else as text (ISO 8601 sorts as text).
fn compare(a: &str, b: &str) -> std::cmp::Ordering {
    if b.is_empty() {
        return if a.is_empty() {
            std::cmp::Ordering::Equal
        } else {
            std::cmp::Ordering::Greater
        };
    }
    match (parse_time(a), parse_time(b)) {
        (Some(a), Some(b)) => a.cmp(&b),
        _ => a.cmp(b),
    }
}

#[cfg(test)]
mod tests {
    use super::Watermark;

    #[test]
    fn the_mark_follows_the_newest_change_and_remembers_who_changed_then() {
        let mut mark = Watermark::default();
        mark.see("E1", "2026-11-20T10:00:00Z");
        mark.see("E2", "2026-11-20T10:00:05Z");
        mark.see("E3", "2026-11-20T10:00:05Z");
        mark.see("E4", "2026-11-20T09:00:00Z");
        assert_eq!(mark.after, "2026-11-20T10:00:05Z");
        assert_eq!(mark.at_mark, vec!["E2", "E3"]);
        assert_eq!(mark.ask_from(), "2026-11-20T10:00:04Z");
        assert!(mark.delivered("E2", "2026-11-20T10:00:05Z"));
        assert!(!mark.delivered("E5", "2026-11-20T10:00:05Z"));
        assert!(!mark.delivered("E2", "2026-11-20T10:00:06Z"));
        let again = Watermark::parse(&mark.to_json());
        assert_eq!(again, mark);
    }

    #[test]
    fn a_plain_timestamp_is_read_as_a_watermark_without_marks() {
        let mark = Watermark::parse("2026-11-01T00:00:00Z");
        assert_eq!(mark.after, "2026-11-01T00:00:00Z");
        assert!(mark.at_mark.is_empty());
        assert_eq!(mark.ask_from(), "2026-10-31T23:59:59Z");
    }
}
