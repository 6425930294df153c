//! Jobs: records pushed to a target in batches, every record's outcome journaled so a job
//! survives a crash and never sends a record twice (issue #4, in progress).

mod create;
mod error;
mod outcome;
pub mod retry;
mod run;

pub use create::{CreateError, Created, JobSpec, create_job};
pub use error::JobError;
pub use outcome::{Outcome, Policy, RecordOutcome};
pub use run::{Ended, Progress, RunOptions, run};
