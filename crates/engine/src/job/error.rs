//! Why a job run stopped. Every one leaves the job resumable.

use crate::store::StoreError;
use crate::target::connector::PushError;

#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0} The job can be resumed with `muster jobs resume`.")]
    Push(PushError),
    #[error("the journaled record of row {row} cannot be read back ({message})")]
    Payload { row: u64, message: String },
    /// The store's disk filled up while the job ran; nothing is lost.
    #[error(
        "job {job} stopped: the disk holding the job store ({store}) is full, so Muster could not write down how far the job got. Nothing is lost and nothing is sent twice: free some space on that disk, then run `muster jobs resume {job}` (or Resume in the app); the records that were on their way are checked with the target first"
    )]
    DiskFull { job: i64, store: String },
}
