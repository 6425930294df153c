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
