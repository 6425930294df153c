//! Sources: HR systems Muster pulls people from, page by page, into the same mapping,
//! validation and job flow as files (issue 5).

pub mod webhook;
