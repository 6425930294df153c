//! Muster's engine: everything that turns a person's file into records a target accepts.
//!
//! The flow a record takes is the folder order: `sheet` (readers) → `mapping` → `validate`
//! → `job` → `target`. The CLI and the desktop app are thin shells over these modules.

pub(crate) mod cache_hint;
pub mod connect;
pub(crate) mod eight_bytes;
pub mod job;
pub mod mapping;
pub mod secrets;
pub mod sheet;
pub mod source;
pub mod store;
pub mod target;
pub mod validate;
