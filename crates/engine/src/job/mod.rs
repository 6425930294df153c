//! Jobs: records pushed to a target in batches, every record's outcome journaled so a job
//! survives a crash and never sends a record twice (issue #4, in progress).

mod create;
mod error;
mod expected;
mod managers;
mod outcome;
mod outgoing;
mod plan;
pub mod retry;
mod run;

pub use create::{CreateError, Created, JobSpec, create_job};
pub use error::JobError;
pub use expected::{Expected, Planned};
pub use outcome::{Outcome, Policy, RecordOutcome};
pub use plan::{Plan, PlanOptions, plan};
pub use run::{Ended, Progress, RunOptions, run};
