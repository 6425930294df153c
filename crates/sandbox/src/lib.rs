//! Local emulators of the APIs Muster talks to, for tests and offline rehearsals.
//!
//! [`Sandbox::start`] serves every emulator on its own loopback port (127.0.0.1, or
//! another loopback address [`SandboxOptions::bind`] names; any other address is refused),
//! with throwaway credentials made fresh for each start:
//!
//! | emulator | module | reference document |
//! |---|---|---|
//! | Auth0 Management API bulk imports | [`auth0`] | 004 Auth0 bulk user imports |
//! | LMS Collaborator single-user import | [`lms`] | 003 LMS Collaborator user import |
//! | Authgear user import | [`authgear`] | 002 Authgear User Import API |
//! | SCIM 2.0 service provider | [`scim`] | RFC 7643 / RFC 7644 |
//! | generic REST users API | [`rest`] | none (Muster's brief) |
//! | MangoApps HRIS Users API (a source) | [`hris`] | 001 MangoApps HRIS Users API |
//! | paginated people API (a source) | [`people`] | 000 MangoApps Import Via API |
//!
//! Every emulator's router is wrapped by the [`faults`] layer: tests (or the
//! `/_sandbox/faults` control endpoint on each port) can make the next requests
//! fail with a status, lose their connection, wait, answer late, or answer 429,
//! and every request is written to a per-emulator [`RequestLog`].
//!
//! [`Sandbox::connections`] describes each emulator as the Muster connection a
//! person would save for it ([`ConnectionSpec`]); [`Sandbox::banner`] prints them
//! with the `muster connect add` line for each. The two sources also take churn (changes
//! between pulls) through `/_sandbox/hris/churn` and `/_sandbox/people/churn`, and the
//! HRIS emulator sends signed webhooks to URLs subscribed at `/_sandbox/hris/webhooks`.

pub mod auth0;
pub mod authgear;
mod connection;
mod error;
pub mod faults;
mod form;
pub mod hris;
pub mod lms;
mod options;
pub mod people;
pub mod rest;
pub mod scim;
mod secret;
mod serve;
mod staff;
mod sync;
mod time;

pub use connection::{ConnectionSpec, SAVE_WITH, STDIN_SUFFIX};
pub use error::SandboxError;
pub use faults::{Fault, FaultKind, Faults, LoggedRequest, RequestLog};
pub use options::{Ports, SandboxOptions, parse_bind};
pub use serve::{Sandbox, Served, instrument};
