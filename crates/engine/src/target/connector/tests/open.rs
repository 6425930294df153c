//! A connection whose address is refused never has its secret read from the keychain.

use std::sync::Mutex;

use super::{OpenError, open_target};
use crate::secrets::{MemorySecrets, Secret, SecretError, SecretStore};
use crate::store::SavedConnection;

/// A keychain that remembers which secrets were asked for.
#[derive(Default)]
struct Watched {
    inner: MemorySecrets,
    asked: Mutex<Vec<String>>,
}

impl SecretStore for Watched {
    fn get(&self, connection: &str, name: &str) -> Result<Option<Secret>, SecretError> {
        if let Ok(mut asked) = self.asked.lock() {
            asked.push(format!("{connection}/{name}"));
        }
        self.inner.get(connection, name)
    }
    fn set(&self, connection: &str, name: &str, value: &Secret) -> Result<(), SecretError> {
        self.inner.set(connection, name, value)
    }
    fn delete(&self, connection: &str, name: &str) -> Result<bool, SecretError> {
        self.inner.delete(connection, name)
    }
}

fn connection(kind: &str, url: &str) -> SavedConnection {
    let settings = serde_json::json!({
        "client_id": "muster",
        "connection_id": "con_1",
        "project_id": "p",
        "key_id": "k",
        "identifier": "email",
    });
    SavedConnection {
        name: format!("{kind}-test"),
        kind: kind.to_owned(),
        url: url.to_owned(),
        settings: settings.as_object().cloned().unwrap_or_default(),
    }
}

#[test]
fn a_plain_http_address_is_refused_before_the_keychain_is_asked() {
    for kind in ["lms", "scim", "rest", "auth0", "authgear"] {
        let secrets = Watched::default();
        let refused = open_target(&connection(kind, "http://hr.example.com"), &secrets);
        assert!(
            matches!(refused, Err(OpenError::Connect(_))),
            "{kind}: plain http to another machine must be refused"
        );
        let asked = secrets.asked.lock().map(|a| a.clone()).unwrap_or_default();
        assert!(
            asked.is_empty(),
            "{kind}: the keychain was asked for {asked:?}"
        );
    }
}

#[test]
fn a_loopback_address_reads_the_secret_it_needs() {
    for (kind, secret) in [
        ("lms", "token"),
        ("scim", "token"),
        ("rest", "token"),
        ("auth0", "client_secret"),
        ("authgear", "private_key"),
    ] {
        let secrets = Watched::default();
        // No secret saved: opening fails, but only after asking for the right one.
        let missing = open_target(&connection(kind, "http://127.0.0.1:9"), &secrets);
        assert!(missing.is_err(), "{kind}: opened without its secret");
        let asked = secrets.asked.lock().map(|a| a.clone()).unwrap_or_default();
        assert_eq!(asked, vec![format!("{kind}-test/{secret}")], "{kind}");
    }
}
