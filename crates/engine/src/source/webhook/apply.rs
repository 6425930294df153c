//! Which journaled events become records to send: per user only the newest change, and
//! never one that is not newer than a change already applied.
//!
//! 001's events each carry the whole user (`data.user`), so the newest event of a user
//! stands for every older one received with it: the job sends one record per user, and the
//! older events count as applied by the same job. Deliveries do not arrive in order (the
//! source retries a failed one 1 minute to 4 hours later, "Webhook Retry Logic"), so an
//! event whose time is not after the newest applied change to its user is `stale`: a late
//! `user.updated` must never reactivate someone a newer `user.deactivated` blocked. Ties in
//! time go to the event received last (the higher id).

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::event::{EventError, parse};
use crate::store::{EventState, Store, StoreError, StoredEvent};

/// One user's record to send, with the events it stands for.
#[derive(Debug, Clone, PartialEq)]
pub struct ToApply {
    pub uid: String,
    /// When the change it carries happened (the newest event's `occurred_at`).
    pub occurred_at: String,
    pub record: Map<String, Value>,
    /// The ids of the events it covers (the one it carries and the older ones), in id order.
    pub events: Vec<i64>,
}

/// What to do with a run of pending events.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selection {
    /// One per user, in the order their newest events were received.
    pub records: Vec<ToApply>,
    /// Events older than (or as old as) a change already applied to their user.
    pub stale: Vec<i64>,
    /// Events whose journaled body no longer reads as a user event, with why.
    pub failed: Vec<(i64, EventError)>,
}

impl Selection {
    /// True when there was nothing pending.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty() && self.stale.is_empty() && self.failed.is_empty()
    }

    /// The ids of the events the records cover, in id order.
    pub fn covered(&self) -> Vec<i64> {
        let mut ids: Vec<i64> = self.records.iter().flat_map(|r| r.events.clone()).collect();
        ids.sort_unstable();
        ids
    }

    /// The lowest and highest event id this selection settles, for naming its job.
    pub fn id_range(&self) -> Option<(i64, i64)> {
        let all = self
            .covered()
            .into_iter()
            .chain(self.stale.iter().copied())
            .chain(self.failed.iter().map(|(id, _)| *id));
        all.fold(None, |range, id| match range {
            None => Some((id, id)),
            Some((low, high)) => Some((low.min(id), high.max(id))),
        })
    }

    /// Records the selection's end in the journal: the covered events `applied` by `job`,
    /// the stale ones `stale`, the unreadable ones `failed`. Call once the job holding the
    /// records exists, so an event is never marked applied without a job to show for it.
    pub fn mark(&self, store: &mut Store, job: Option<i64>) -> Result<(), StoreError> {
        store.mark_events(&self.covered(), EventState::Applied, job)?;
        store.mark_events(&self.stale, EventState::Stale, None)?;
        let failed: Vec<i64> = self.failed.iter().map(|(id, _)| *id).collect();
        store.mark_events(&failed, EventState::Failed, None)
    }
}

/// The first `limit` pending events of `connection`, chosen as the module docs say.
pub fn select(store: &Store, connection: &str, limit: usize) -> Result<Selection, StoreError> {
    let pending = store.pending_events(connection, limit)?;
    choose(pending, |uid| store.latest_applied(connection, uid))
}

/// A pending event with the record its body reads as.
type Readable = (StoredEvent, Map<String, Value>);

/// [`select`]'s choice over `pending` (in id order), with `latest_applied` giving the time
/// of the newest change applied to a user.
pub fn choose(
    pending: Vec<StoredEvent>,
    mut latest_applied: impl FnMut(&str) -> Result<Option<String>, StoreError>,
) -> Result<Selection, StoreError> {
    let mut selection = Selection::default();
    // Per user, their readable events, in the order users first appear.
    let mut users: Vec<(String, Vec<Readable>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for stored in pending {
        let record = match parse(stored.body.as_bytes()) {
            Ok(event) => event.record,
            Err(error) => {
                selection.failed.push((stored.id, error));
                continue;
            }
        };
        let slot = *index.entry(stored.uid.clone()).or_insert_with(|| {
            users.push((stored.uid.clone(), Vec::new()));
            users.len() - 1
        });
        users[slot].1.push((stored, record));
    }
    let mut chosen: Vec<(i64, ToApply)> = Vec::new();
    for (uid, events) in users {
        let applied = latest_applied(&uid)?;
        let (mut fresh, stale): (Vec<_>, Vec<_>) = events.into_iter().partition(|(e, _)| {
            applied
                .as_deref()
                .is_none_or(|a| e.occurred_at.as_str() > a)
        });
        selection.stale.extend(stale.iter().map(|(e, _)| e.id));
        let newest = fresh
            .iter()
            .enumerate()
            .max_by(|(_, (a, _)), (_, (b, _))| {
                (a.occurred_at.as_str(), a.id).cmp(&(b.occurred_at.as_str(), b.id))
            })
            .map(|(i, _)| i);
        let Some(newest) = newest else {
            continue;
        };
        let mut ids: Vec<i64> = fresh.iter().map(|(e, _)| e.id).collect();
        ids.sort_unstable();
        let (event, record) = fresh.swap_remove(newest);
        chosen.push((
            event.id,
            ToApply {
                uid,
                occurred_at: event.occurred_at,
                record,
                events: ids,
            },
        ));
    }
    chosen.sort_by_key(|(id, _)| *id);
    selection.records = chosen.into_iter().map(|(_, r)| r).collect();
    selection.stale.sort_unstable();
    Ok(selection)
}

#[cfg(test)]
#[path = "tests/apply.rs"]
mod tests;
