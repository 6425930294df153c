//! The watermark of a source connection: the newest change a pull delivered, so the next
//! sync asks only for what changed since.
//!
//! Asking "changed strictly after the newest change seen" would lose a change made in the
//! same instant but after the pull read that page, and sources stamp changes coarsely (whole
//! seconds for the HRIS API, reference 001). So the next pull asks from one second before
//! (an overlap), and the watermark keeps the users delivered within that second together
//! with the change time they had: a user who comes back with the same change time is
//! dropped as already delivered, one with a newer time is a change and goes through.

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

/// How far before the newest change the next pull asks from.
const OVERLAP_SECS: i64 = 1;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Watermark {
    /// The newest change time seen, as the source wrote it.
    pub after: String,
    /// The records delivered with a change time within the overlap before `after`: their
    /// identifier and that change time.
    #[serde(default)]
    pub recent: Vec<(String, String)>,
}

impl Watermark {
    /// Reads a stored watermark; a plain timestamp is taken as it is.
    pub fn parse(text: &str) -> Watermark {
        serde_json::from_str(text).unwrap_or_else(|_| Watermark {
            after: text.to_owned(),
            recent: Vec::new(),
        })
    }

    pub fn to_json(&self) -> String {
        let mut kept = self.clone();
        kept.prune();
        serde_json::to_string(&kept).unwrap_or_default()
    }

    /// The time to ask from: the overlap before `after`, in ISO 8601 with whole seconds
    /// (rounded down, so nothing in the overlap is left out); `after` itself when it is not
    /// a time Muster can read.
    pub fn ask_from(&self) -> String {
        match self.overlap_start() {
            Some(start) => start.to_rfc3339_opts(SecondsFormat::Secs, true),
            None => self.after.clone(),
        }
    }

    /// The overlap's first instant: a second before `after`, rounded down to the second.
    fn overlap_start(&self) -> Option<DateTime<Utc>> {
        let start = parse_time(&self.after)? - Duration::seconds(OVERLAP_SECS);
        DateTime::from_timestamp(start.timestamp(), 0)
    }

    /// Whether the record `key` with change time `updated` was delivered already.
    pub fn delivered(&self, key: &str, updated: &str) -> bool {
        self.recent
            .iter()
            .any(|(k, at)| k == key && compare(updated, at) == std::cmp::Ordering::Equal)
    }

    /// Takes in one delivered record's change time.
    pub fn see(&mut self, key: &str, updated: &str) {
        if compare(updated, &self.after) == std::cmp::Ordering::Greater {
            self.after = updated.to_owned();
        }
        if self.in_overlap(updated) {
            self.recent.push((key.to_owned(), updated.to_owned()));
            // Drop what the mark has moved past, now and then rather than on every record.
            if self.recent.len() >= 64 && self.recent.len().is_power_of_two() {
                self.prune();
            }
        }
    }

    fn in_overlap(&self, updated: &str) -> bool {
        match (parse_time(updated), self.overlap_start()) {
            (Some(at), Some(start)) => at >= start,
            _ => compare(updated, &self.after) == std::cmp::Ordering::Equal,
        }
    }

    fn prune(&mut self) {
        let recent = std::mem::take(&mut self.recent);
        self.recent = recent
            .into_iter()
            .filter(|(_, at)| self.in_overlap(at))
            .collect();
    }
}

fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// Times compared as times when both parse, else as text (ISO 8601 sorts as text); an
/// empty time is the oldest.
fn compare(a: &str, b: &str) -> std::cmp::Ordering {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => return std::cmp::Ordering::Equal,
        (false, true) => return std::cmp::Ordering::Greater,
        (true, false) => return std::cmp::Ordering::Less,
        _ => {}
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
    fn the_mark_follows_the_newest_change_and_remembers_what_the_overlap_delivered() {
        let mut mark = Watermark::default();
        mark.see("E1", "2026-11-20T10:00:00Z");
        mark.see("E0", "2026-11-20T10:00:03.900Z");
        mark.see("E2", "2026-11-20T10:00:04.500Z");
        mark.see("E3", "2026-11-20T10:00:05.300Z");
        mark.see("E4", "2026-11-20T09:00:00Z");
        assert_eq!(mark.after, "2026-11-20T10:00:05.300Z");
        assert_eq!(mark.ask_from(), "2026-11-20T10:00:04Z");
        let again = Watermark::parse(&mark.to_json());
        assert_eq!(
            again.recent,
            [
                ("E2".to_owned(), "2026-11-20T10:00:04.500Z".to_owned()),
                ("E3".to_owned(), "2026-11-20T10:00:05.300Z".to_owned())
            ],
            "only the overlap from 10:00:04 is kept"
        );
        assert!(
            again.delivered("E2", "2026-11-20T10:00:04.5Z"),
            "the same time"
        );
        assert!(again.delivered("E3", "2026-11-20T10:00:05.3Z"));
        assert!(
            !again.delivered("E3", "2026-11-20T10:00:05.4Z"),
            "changed since"
        );
        assert!(
            !again.delivered("E5", "2026-11-20T10:00:05.3Z"),
            "never delivered"
        );
    }

    #[test]
    fn a_plain_timestamp_is_read_as_a_watermark_without_deliveries() {
        let mark = Watermark::parse("2026-11-01T00:00:00Z");
        assert_eq!(mark.after, "2026-11-01T00:00:00Z");
        assert!(mark.recent.is_empty());
        assert_eq!(mark.ask_from(), "2026-10-31T23:59:59Z");
    }

    #[test]
    fn many_changes_in_one_second_are_all_remembered_and_older_ones_forgotten() {
        let mut mark = Watermark::default();
        for n in 0..500 {
            mark.see(&format!("old{n}"), "2026-11-20T09:00:00Z");
        }
        for n in 0..300 {
            mark.see(&format!("E{n}"), &format!("2026-11-20T10:00:00.{n:03}Z"));
        }
        let kept = Watermark::parse(&mark.to_json());
        assert_eq!(kept.recent.len(), 300);
        assert!(kept.delivered("E0", "2026-11-20T10:00:00.000Z"));
        assert!(!kept.delivered("old1", "2026-11-20T09:00:00Z"));
    }
}
