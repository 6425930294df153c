//! Errors of starting and stopping a sandbox.

use std::io;

/// Why a sandbox could not start or did not stop cleanly.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    /// The emulator's port could not be bound on 127.0.0.1.
    #[error("cannot listen for the {emulator} emulator on 127.0.0.1:{port}: {source}")]
    Bind {
        emulator: &'static str,
        port: u16,
        #[source]
        source: io::Error,
    },
    /// The bound socket did not report its address.
    #[error("cannot read the address of the {emulator} emulator's socket: {source}")]
    LocalAddr {
        emulator: &'static str,
        #[source]
        source: io::Error,
    },
    /// The emulator's server stopped with an I/O error.
    #[error("the {emulator} emulator's server failed: {source}")]
    Serve {
        emulator: &'static str,
        #[source]
        source: io::Error,
    },
    /// The emulator's server task panicked or was cancelled.
    #[error("the {emulator} emulator's server task ended abnormally: {reason}")]
    Task {
        emulator: &'static str,
        reason: String,
    },
}
