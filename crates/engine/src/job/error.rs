//! Why a job run stopped. Every one leaves the job resumable.

use crate::store::StoreError;
use crate::target::connector::PushError;

#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{}", resumable(.0))]
    Push(PushError),
    #[error("the journaled record of row {row} cannot be read back ({message})")]
    Payload { row: u64, message: String },
    /// The store's disk filled up while the job ran; nothing is lost.
    #[error(
        "job {job} stopped: the disk holding the job store ({store}) is full, so Muster could not write down how far the job got. Nothing is lost and nothing is sent twice: free some space on that disk, then run `muster jobs resume {job}` (or Resume in the app); the records that were on their way are checked with the target first"
    )]
    DiskFull { job: i64, store: String },
}

/// A push error as one or more sentences, then how to go on. Push errors are written as
/// clauses (they are also shown inside other sentences), so the full stop is added here.
fn resumable(error: &PushError) -> String {
    let text = error.to_string();
    let stop = if text.ends_with(['.', '!', '?']) {
        ""
    } else {
        "."
    };
    format!("{text}{stop} The job can be resumed with `muster jobs resume`.")
}

#[cfg(test)]
#[path = "tests/error.rs"]
mod tests;
