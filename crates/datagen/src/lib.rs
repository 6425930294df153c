//! Muster's test-data generator: realistic, seeded HR exports of any size.
//!
//! [`write_file`] and [`write_to`] stream `spec.rows` people, one row at a
//! time, in the chosen [`Format`]. The same [`Spec`] (rows, defect rate, seed)
//! always yields the same bytes, on every platform, so tests and benchmarks
//! can regenerate their inputs instead of storing them. A share of rows can
//! carry one injected [`Defect`] each; the returned [`Summary`] says how many
//! of each kind were written.
//!
//! ```
//! use muster_datagen::{Format, Spec, write_to};
//!
//! let spec = Spec { rows: 100, defect_rate: 0.05, seed: 7 };
//! let mut csv = Vec::new();
//! let summary = write_to(&mut csv, &Format::parse("csv").unwrap(), &spec)?;
//! assert_eq!(summary.rows, 100);
//! assert_eq!(summary.defects.total(), 5);
//! assert_eq!(summary.header_row, 1);
//! # Ok::<(), muster_datagen::GenError>(())
//! ```
//!
//! Files stay small in memory whatever the row count: text formats stream,
//! XLSX uses rust_xlsxwriter's constant-memory mode, ODS streams its XML into
//! the zip. Only a bounded sample of earlier people is remembered (managers,
//! recent ids for duplicates, the first 50,000 email addresses).

mod columns;
mod csv_out;
mod date;
mod defect;
mod email;
mod encode;
mod error;
mod format;
mod json_out;
mod names;
mod ods_out;
mod ods_xml;
mod offices;
mod org;
mod output;
mod person;
mod spec;
mod xlsx_out;

pub use defect::{Defect, DefectCounts};
pub use email::looks_like_email;
pub use error::GenError;
pub use format::{CsvStyle, Format, TextEncoding};
pub use output::{write_file, write_to};
pub use spec::{Spec, Summary};
