//! What became of one record at the target, and what to do with records that exist already.

use serde::{Deserialize, Serialize};

/// The end of one record's journey, as the person reviewing a job reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Created,
    Updated,
    /// Left alone: it exists and the policy says skip (or the target skipped it).
    Skipped,
    /// It exists with the same values; nothing needed sending.
    Unchanged,
    Failed,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Created => "created",
            Outcome::Updated => "updated",
            Outcome::Skipped => "skipped",
            Outcome::Unchanged => "unchanged",
            Outcome::Failed => "failed",
        }
    }

    pub fn parse(text: &str) -> Option<Outcome> {
        Some(match text {
            "created" => Outcome::Created,
            "updated" => Outcome::Updated,
            "skipped" => Outcome::Skipped,
            "unchanged" => Outcome::Unchanged,
            "failed" => Outcome::Failed,
            _ => return None,
        })
    }
}

/// One record's outcome with the target's own words for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordOutcome {
    pub outcome: Outcome,
    /// The target's id for the record, when it says.
    pub target_id: Option<String>,
    /// The target's error or warning code (`DUPLICATED_USER`, `uniqueness`, an HTTP status).
    pub code: Option<String>,
    /// The target's message, as it gave it.
    pub message: Option<String>,
}

/// What to do with a record that already exists at the target (MangoApps' "skip or
/// update existing users").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Policy {
    #[default]
    Skip,
    Update,
}

impl Policy {
    pub fn as_str(self) -> &'static str {
        match self {
            Policy::Skip => "skip",
            Policy::Update => "update",
        }
    }

    pub fn parse(text: &str) -> Option<Policy> {
        match text {
            "skip" => Some(Policy::Skip),
            "update" => Some(Policy::Update),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for outcome in [
            Outcome::Created,
            Outcome::Updated,
            Outcome::Skipped,
            Outcome::Unchanged,
            Outcome::Failed,
        ] {
            assert_eq!(Outcome::parse(outcome.as_str()), Some(outcome));
        }
        assert_eq!(Outcome::parse("done"), None);
        assert_eq!(Policy::parse("update"), Some(Policy::Update));
        assert_eq!(Policy::parse("Update"), None);
    }
}
