//! Webhooks from a source: verified, journaled, applied (work in progress).
