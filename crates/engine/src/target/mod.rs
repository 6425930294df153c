//! Targets: the systems records are pushed into. Each declares its field catalog here; the
//! connectors that push (batches, limits, outcomes) come with the job runner.

pub mod catalog;
pub mod connector;
pub mod export;
pub mod payload;
