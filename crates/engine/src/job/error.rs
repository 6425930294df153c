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
}
