//! `Secret`: a token, password, client secret or private key held in memory.
//!
//! Its `Debug` and `Display` print `***`, so a secret that ends up in a log line, an
//! error message or a `{:?}` of a settings struct shows nothing. The value is reached
//! only through [`Secret::expose`], which makes every use visible in the code.

use std::fmt;

/// A secret value whose `Debug` and `Display` never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a value read from the keychain, a prompt or a settings form.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The value itself: only for putting it where the remote system expects it
    /// (a header, a token request body, a signing key), never for messages.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// True when nothing was entered.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_hide_the_value() {
        let secret = Secret::new("s3cr3t-value");
        assert_eq!(format!("{secret}"), "***");
        assert_eq!(format!("{secret:?}"), "Secret(***)");

        #[derive(Debug)]
        #[allow(dead_code)]
        struct Settings {
            client_secret: Secret,
        }
        let shown = format!(
            "{:?}",
            Settings {
                client_secret: secret.clone()
            }
        );
        assert!(!shown.contains("s3cr3t"), "{shown}");
    }

    #[test]
    fn expose_gives_the_value_back() {
        assert_eq!(Secret::from("abc").expose(), "abc");
        assert!(Secret::new("").is_empty());
        assert!(!Secret::new("x").is_empty());
    }
}
