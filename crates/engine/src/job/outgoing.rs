//! Journaled records as a target takes them: the payload parsed back into JSON.

use super::JobError;
use crate::store::StoredRecord;
use crate::target::connector::Outgoing;

/// The journaled `records` as the target takes them.
pub(crate) fn outgoing(records: &[StoredRecord]) -> Result<Vec<Outgoing>, JobError> {
    records
        .iter()
        .map(|r| {
            let payload = serde_json::from_str(&r.payload).map_err(|e| JobError::Payload {
                row: r.source_row,
                message: e.to_string(),
            })?;
            Ok(Outgoing {
                record_id: r.id,
                source_row: r.source_row,
                identifier: r.identifier.clone(),
                payload,
                bytes: r.payload.len(),
            })
        })
        .collect()
}
