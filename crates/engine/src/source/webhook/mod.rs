//! Webhooks from a source (reference document 001, "Webhooks for Real-Time Updates" and
//! "Webhook Security"): each delivery's signature verified over its raw body
//! ([`signature`]), the body read as a user event ([`event`]), journaled in the store
//! before the listener answers 200 (`store::Store::record_event`, so a crash after the
//! answer loses nothing and a redelivery is kept once), then applied in batches: per user
//! only the newest change, and never one older than a change already applied ([`apply`]).

pub mod apply;
pub mod event;
pub mod signature;

pub use apply::{Selection, ToApply, select};
pub use event::{Event, EventError, EventKind, parse, user_record};
pub use signature::{SIGNATURE_HEADER, SignatureError, digest, sign, verify};
