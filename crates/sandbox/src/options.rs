//! What a sandbox start can be told: the address and ports, and the emulators' settings.

use std::net::{IpAddr, Ipv4Addr};

use crate::auth0::Auth0Config;
use crate::hris::HrisConfig;
use crate::lms::LmsConfig;
use crate::people::PeopleConfig;

/// The port of each emulator on 127.0.0.1; 0 asks the system for a free one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ports {
    pub auth0: u16,
    pub authgear: u16,
    pub scim: u16,
    pub rest: u16,
    pub lms: u16,
    pub hris: u16,
    pub people: u16,
}

impl Ports {
    /// Seven ports in a row from `base`, in the order of the fields (auth0 first, people
    /// last), for a sandbox whose addresses a test or a script must know beforehand. `None`
    /// when the last one would be past 65535.
    pub fn from_base(base: u16) -> Option<Ports> {
        let port = |offset: u16| base.checked_add(offset);
        Some(Ports {
            auth0: port(0)?,
            authgear: port(1)?,
            scim: port(2)?,
            rest: port(3)?,
            lms: port(4)?,
            hris: port(5)?,
            people: port(6)?,
        })
    }
}

/// Settings for [`crate::Sandbox::start`]. The default serves every emulator
/// on a free port with the emulators' default settings.
#[derive(Clone, Debug, Default)]
pub struct SandboxOptions {
    /// The address every emulator listens on: `None` for 127.0.0.1. Only loopback
    /// addresses (127.0.0.0/8, `::1`) are accepted: the emulators hand out credentials and
    /// take people's records, so nobody else on the network may reach them.
    pub bind: Option<IpAddr>,
    pub ports: Ports,
    pub auth0: Auth0Config,
    pub lms: LmsConfig,
    pub hris: HrisConfig,
    pub people: PeopleConfig,
}

impl SandboxOptions {
    /// The address to listen on, or why it is refused: anything but loopback.
    pub(crate) fn listen_address(&self) -> Result<IpAddr, crate::SandboxError> {
        let address = self.bind.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
        if address.is_loopback() {
            Ok(address)
        } else {
            Err(crate::SandboxError::NotLoopback { address })
        }
    }
}

/// The address a `--bind` option names: an IP address or `localhost` (127.0.0.1). Whether
/// it is loopback is checked when the sandbox starts.
pub fn parse_bind(text: &str) -> Result<IpAddr, crate::SandboxError> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("localhost") {
        return Ok(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    text.trim_start_matches('[')
        .trim_end_matches(']')
        .parse()
        .map_err(|_| crate::SandboxError::BadAddress {
            text: text.to_owned(),
        })
}
