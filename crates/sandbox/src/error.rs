//! Errors of starting and stopping a sandbox.

use std::io;
use std::net::IpAddr;

/// Why a sandbox could not start or did not stop cleanly.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    /// An address other computers could reach was asked for.
    #[error(
        "the sandbox listens on this computer only, and {address} is not a loopback address: \
         its emulators hand out credentials and take people's records, so nobody else on the \
         network may reach them. Leave out the address to use 127.0.0.1, or give another \
         loopback address (127.x.x.x or ::1)"
    )]
    NotLoopback { address: IpAddr },
    /// A listening address that is not an IP address.
    #[error(
        "{text:?} is not an address to listen on: give a loopback address such as 127.0.0.1 \
         or ::1 (or leave it out)"
    )]
    BadAddress { text: String },
    /// The emulator's port could not be bound.
    #[error("cannot listen for the {emulator} emulator on {address}:{port}: {source}")]
    Bind {
        emulator: &'static str,
        address: IpAddr,
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
