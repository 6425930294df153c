//! Webhook events journaled before the listener answers 200 (work in progress).
