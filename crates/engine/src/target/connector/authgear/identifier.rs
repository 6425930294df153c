//! The login ID an Authgear import matches existing users by: the request's `identifier`
//! (reference 002, "User Import API": `email`, `phone_number` or `preferred_username`).
//!
//! The connection's `identifier` setting names it; a record must carry that field, the
//! other two login IDs are optional.

use std::fmt;

/// Which login ID the import compares to find an existing user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Identifier {
    Email,
    PhoneNumber,
    PreferredUsername,
}

/// A setting that names no login ID Authgear's import knows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "\"{0}\" is not a login ID Authgear's user import can match on; use email, phone_number or preferred_username"
)]
pub struct UnknownIdentifier(pub String);

impl Identifier {
    /// The request's `identifier` value, which is also the record field it names.
    pub fn field(self) -> &'static str {
        match self {
            Identifier::Email => "email",
            Identifier::PhoneNumber => "phone_number",
            Identifier::PreferredUsername => "preferred_username",
        }
    }

    /// Reads the connection's `identifier` setting (surrounding spaces and case ignored).
    pub fn parse(setting: &str) -> Result<Identifier, UnknownIdentifier> {
        match setting.trim().to_ascii_lowercase().as_str() {
            "email" => Ok(Identifier::Email),
            "phone_number" => Ok(Identifier::PhoneNumber),
            "preferred_username" => Ok(Identifier::PreferredUsername),
            _ => Err(UnknownIdentifier(setting.to_owned())),
        }
    }
}

impl fmt::Display for Identifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.field())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_name_the_three_login_ids() {
        for identifier in [
            Identifier::Email,
            Identifier::PhoneNumber,
            Identifier::PreferredUsername,
        ] {
            assert_eq!(Identifier::parse(identifier.field()), Ok(identifier));
        }
        assert_eq!(Identifier::parse(" Email "), Ok(Identifier::Email));
        let unknown = Identifier::parse("username").unwrap_err();
        assert!(unknown.to_string().contains("\"username\""), "{unknown}");
    }
}
