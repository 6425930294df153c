//! Each emulator as the Muster connection a person would save for it: kind, address,
//! settings and the one secret `muster connect add` reads from standard input. The
//! `muster sandbox` and `muster-sandbox` banners print these, and `muster run --to
//! sandbox` opens its target from them, so a rehearsal goes the way of a real connection.
//!
//! The setting and secret names are those of Muster's saved connections
//! (`muster_engine::target::connector::open_target`); the CLI's rehearsal tests push to
//! every kind through them.

use std::fmt::Write as _;

use crate::scim::BASE_PATH;
use crate::serve::Sandbox;

/// One emulator as a saved connection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnectionSpec {
    /// The target kind, as `muster connect add --kind` takes it.
    pub kind: &'static str,
    /// The connection's address.
    pub url: String,
    /// `--setting KEY=VALUE` pairs, in order.
    pub settings: Vec<(&'static str, String)>,
    /// The name of the secret in the keychain (what `connect add` asks for).
    pub secret_name: &'static str,
    /// The secret on one line, as `connect add` reads it. A PEM key keeps its lines
    /// separated by spaces, which PEM readers accept.
    pub secret: String,
}

impl ConnectionSpec {
    /// What the emulator stands for, in words: "LMS Collaborator".
    pub fn label(&self) -> &'static str {
        match self.kind {
            "auth0" => "Auth0",
            "authgear" => "Authgear",
            "scim" => "SCIM 2.0 service",
            "rest" => "REST users API",
            "lms" => "LMS Collaborator",
            "hris" => "MangoApps HRIS (a source)",
            _ => "REST people API (a source)",
        }
    }

    /// The connection's suggested name: `sandbox-auth0`.
    pub fn suggested_name(&self) -> String {
        format!("sandbox-{}", self.kind)
    }

    /// The `muster connect add` command line that saves it as `name`; its secret then goes
    /// in on standard input.
    pub fn connect_add(&self, name: &str) -> String {
        let mut line = format!(
            "muster connect add {name} --kind {} --url {}",
            self.kind, self.url
        );
        for (key, value) in &self.settings {
            // Emulator values are letters, digits and `_-:/.`; nothing a shell splits.
            let _ = write!(line, " --setting {key}={value}");
        }
        line
    }
}

impl Sandbox {
    /// Every emulator as a connection, in the order of [`Sandbox::urls`].
    pub fn connections(&self) -> Vec<ConnectionSpec> {
        let auth0 = self.auth0().emulator();
        let authgear = self.authgear().emulator();
        vec![
            ConnectionSpec {
                kind: "auth0",
                url: self.auth0().url().to_owned(),
                settings: vec![
                    ("client_id", auth0.client_id().to_owned()),
                    ("connection_id", auth0.connection_id().to_owned()),
                ],
                secret_name: "client_secret",
                secret: auth0.client_secret().to_owned(),
            },
            ConnectionSpec {
                kind: "authgear",
                url: self.authgear().url().to_owned(),
                settings: vec![
                    ("project_id", authgear.project_id().to_owned()),
                    ("key_id", authgear.key_id().to_owned()),
                    ("identifier", "email".to_owned()),
                ],
                secret_name: "private_key",
                secret: one_line(authgear.private_key_pem()),
            },
            ConnectionSpec {
                kind: "scim",
                url: format!("{}{BASE_PATH}", self.scim().url()),
                settings: Vec::new(),
                secret_name: "token",
                secret: self.scim().emulator().token().to_owned(),
            },
            // The REST connector's default paths, lookup key and id field are the
            // emulator's, so the connection needs no settings.
            ConnectionSpec {
                kind: "rest",
                url: self.rest().url().to_owned(),
                settings: Vec::new(),
                secret_name: "token",
                secret: self.rest().emulator().token().to_owned(),
            },
            ConnectionSpec {
                kind: "lms",
                url: self.lms().url().to_owned(),
                settings: Vec::new(),
                secret_name: "token",
                secret: self.lms().emulator().token().to_owned(),
            },
            // The sources come after the targets, so readers of the first five are unchanged.
            ConnectionSpec {
                kind: "hris",
                url: self.hris().url().to_owned(),
                settings: Vec::new(),
                secret_name: "token",
                secret: self.hris().emulator().read_token().to_owned(),
            },
            ConnectionSpec {
                kind: "rest-source",
                url: self.people().url().to_owned(),
                settings: people_settings(),
                secret_name: "token",
                secret: self.people().emulator().token().to_owned(),
            },
        ]
    }

    /// How many users the emulator of `kind` (as [`ConnectionSpec::kind`] names it) holds
    /// now; `None` for a kind it has no emulator of.
    pub fn user_count(&self, kind: &str) -> Option<usize> {
        Some(match kind.to_ascii_lowercase().as_str() {
            "auth0" => self.auth0().emulator().users().len(),
            "authgear" => self.authgear().emulator().users().len(),
            "scim" => self.scim().emulator().users().len(),
            "rest" => self.rest().emulator().users().len(),
            "lms" => self.lms().emulator().users().len(),
            "hris" => self.hris().emulator().count(),
            "rest-source" => self.people().emulator().count(),
            _ => return None,
        })
    }

    /// The emulator of `kind` as a connection.
    pub fn connection(&self, kind: &str) -> Option<ConnectionSpec> {
        self.connections()
            .into_iter()
            .find(|spec| spec.kind.eq_ignore_ascii_case(kind))
    }

    /// What the sandbox binaries print at start: per emulator its address, its throwaway
    /// credentials, and the `muster connect add` line with the secret to give it.
    pub fn banner(&self) -> String {
        let credentials = [
            self.auth0().emulator().credentials(),
            self.authgear().emulator().credentials(),
            self.scim().emulator().credentials(),
            self.rest().emulator().credentials(),
            self.lms().emulator().credentials(),
            self.hris().emulator().credentials(),
            self.people().emulator().credentials(),
        ];
        let mut out = String::new();
        for (((name, url), pairs), spec) in self
            .urls()
            .into_iter()
            .zip(credentials)
            .zip(self.connections())
        {
            let _ = writeln!(out, "{name} {url}");
            for (key, value) in pairs {
                // Multi-line values (PEM keys) are indented to stay readable.
                let _ = writeln!(out, "  {key}: {}", value.trim_end().replace('\n', "\n    "));
            }
            let _ = writeln!(
                out,
                "  {SAVE_WITH}{}",
                spec.connect_add(&spec.suggested_name())
            );
            let _ = writeln!(out, "  {} {STDIN_SUFFIX}{}", spec.secret_name, spec.secret);
            if name == "hris" {
                let _ = writeln!(out, "  {HRIS_WEBHOOK_NOTE}");
            }
        }
        out
    }
}

/// What the banner says under the HRIS emulator about its webhooks.
const HRIS_WEBHOOK_NOTE: &str = "webhooks: `muster listen` needs the webhook_secret above to verify \
X-MangoApps-Signature; subscribe its URL with POST /_sandbox/hris/webhooks {\"url\": \"...\"}";

/// Starts the banner line with the `muster connect add` command.
pub const SAVE_WITH: &str = "save with: ";
/// Ends the label of the banner line with the secret to give that command.
pub const STDIN_SUFFIX: &str = "on standard input: ";

/// The REST source settings that read the people emulator's cursor route.
fn people_settings() -> Vec<(&'static str, String)> {
    [
        ("path", "/v1/cursor/people"),
        ("records", "/items"),
        ("pagination", "cursor"),
        ("cursor_param", "cursor"),
        ("next_cursor", "/next_cursor"),
        ("size_param", "limit"),
        ("page_size", "100"),
        ("identifier", "employeeId"),
        ("updated", "updatedAt"),
        ("since_param", "updated_since"),
        ("auth", "bearer"),
    ]
    .into_iter()
    .map(|(key, value)| (key, value.to_owned()))
    .collect()
}

/// A PEM block on one line: its lines joined by spaces.
fn one_line(pem: &str) -> String {
    pem.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pem_key_goes_on_one_line_with_its_labels_whole() {
        let pem = "-----BEGIN PRIVATE KEY-----\nMIIB\nAbc=\n-----END PRIVATE KEY-----\n";
        assert_eq!(
            one_line(pem),
            "-----BEGIN PRIVATE KEY----- MIIB Abc= -----END PRIVATE KEY-----"
        );
    }

    #[test]
    fn ports_from_a_base_follow_one_another_and_stay_in_range() {
        let ports = crate::Ports::from_base(47100).expect("in range");
        assert_eq!(
            (ports.auth0, ports.lms, ports.people),
            (47100, 47104, 47106)
        );
        assert_eq!(crate::Ports::from_base(65530), None);
    }

    #[test]
    fn the_command_line_carries_kind_address_and_settings_but_not_the_secret() {
        let spec = ConnectionSpec {
            kind: "auth0",
            url: "http://127.0.0.1:4000".to_owned(),
            settings: vec![("client_id", "abc".to_owned())],
            secret_name: "client_secret",
            secret: "s3cret".to_owned(),
        };
        let line = spec.connect_add(&spec.suggested_name());
        assert_eq!(
            line,
            "muster connect add sandbox-auth0 --kind auth0 --url http://127.0.0.1:4000 --setting client_id=abc"
        );
        assert!(!line.contains("s3cret"));
    }
}
