//! What the plan expects to become of a record, found out before anything is sent: the
//! figures of `muster run --dry-run` and the app's Plan screen.

use serde::{Deserialize, Serialize};

/// The expected end of one record's journey, from a lookup at the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Expected {
    /// Not at the target: it will be created.
    Create,
    /// At the target with other values, and the policy is update.
    Update,
    /// At the target, and the policy is skip.
    Skip,
    /// At the target with the same values: nothing will be sent.
    Unchanged,
    /// The target offers no lookup; it decides on arrival whether to create or update.
    Decided,
}

impl Expected {
    /// Every kind, in the order reports list them.
    pub const ALL: [Expected; 5] = [
        Expected::Create,
        Expected::Update,
        Expected::Skip,
        Expected::Unchanged,
        Expected::Decided,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Expected::Create => "create",
            Expected::Update => "update",
            Expected::Skip => "skip",
            Expected::Unchanged => "unchanged",
            Expected::Decided => "decided",
        }
    }

    pub fn parse(text: &str) -> Option<Expected> {
        Expected::ALL.into_iter().find(|e| e.as_str() == text)
    }

    /// How a report names it, for a count: "12 to create".
    pub fn describe(self) -> &'static str {
        match self {
            Expected::Create => "to create",
            Expected::Update => "to update",
            Expected::Skip => "to skip (they exist)",
            Expected::Unchanged => "unchanged (they exist with these values)",
            Expected::Decided => "to create or update (the target decides, it has no lookup)",
        }
    }
}

/// One record's line of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub expected: Expected,
    /// The target's id of the record found there.
    pub target_id: Option<String>,
}

impl Planned {
    pub fn new(expected: Expected, target_id: Option<String>) -> Planned {
        Planned {
            expected,
            target_id,
        }
    }

    /// For targets that cannot look records up.
    pub fn decided() -> Planned {
        Planned::new(Expected::Decided, None)
    }

    /// What a lookup found, under `policy`: nothing (create), or a record that holds the
    /// payload already (unchanged) or not.
    pub fn from_lookup(found: Option<(String, bool)>, policy: crate::job::Policy) -> Planned {
        use crate::job::Policy;
        match (found, policy) {
            (None, _) => Planned::new(Expected::Create, None),
            (Some((id, _)), Policy::Skip) => Planned::new(Expected::Skip, Some(id)),
            (Some((id, true)), Policy::Update) => Planned::new(Expected::Unchanged, Some(id)),
            (Some((id, false)), Policy::Update) => Planned::new(Expected::Update, Some(id)),
        }
    }
}
