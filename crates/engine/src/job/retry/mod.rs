//! After a job has run: what became of every record, written for people, and the way back
//! for the records that need a person.
//!
//! - `results.csv` / `results.xlsx`: every journaled record (held rows included) with its
//!   outcome ([`write_results`]).
//! - `failed-rows.csv` / `failed-rows.xlsx`: the original rows of the records that failed at
//!   the target or were held back by validation, in the source's own columns, led by
//!   `Muster row` and `Muster problem` ([`write_failed_rows`]).
//! - `jobs retry ID --file FIXED`: such a file, fixed, matched back to the job's records;
//!   the valid rows replace their records' payloads and go back to pending
//!   ([`fix_from_sheet`]); the caller then runs the job as resume does.

mod error;
mod failed_rows;
mod fix;
mod profile;
mod results;
mod table;

pub use error::{JobFilesError, JobProfileError, RetryError};
pub use failed_rows::{
    FailedRows, NotFound, RowsToFix, Why, count_to_fix, find_rows_to_fix, remove_failed_rows,
    write_failed_rows,
};
pub use fix::{FixReport, Matched, NotInJob, StillInvalid, fix_from_sheet, issue_message};
pub use profile::{MUSTER_PROBLEM, MUSTER_ROW, column_index, job_profile, written_by_muster};
pub use results::{RESULT_COLUMNS, Written, write_results};

#[cfg(test)]
mod tests {
    mod common;
    mod export;
    mod retry;
}
