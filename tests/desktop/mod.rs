//! Driving the real desktop app in tests.

pub mod app;
