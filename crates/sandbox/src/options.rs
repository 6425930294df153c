//! What a sandbox start can be told: ports and the emulators' settings.

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
    pub ports: Ports,
    pub auth0: Auth0Config,
    pub lms: LmsConfig,
    pub hris: HrisConfig,
    pub people: PeopleConfig,
}
