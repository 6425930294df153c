//! Saved connections against the real OS keychain (run these under a Secret Service, see
//! the README) and the app's sandbox: the secret goes to the keychain and never to the
//! store, the list names secrets without their values, and a test says what works and
//! what to fix.

use std::collections::BTreeMap;
use std::path::Path;

use muster_engine::secrets::{Keychain, SecretStore};

use crate::commands::connection_kinds::kinds;
use crate::commands::connection_test::test_at;
use crate::commands::connections::{list, remove, save};
use crate::sandbox_state::SandboxState;
use crate::wire::jobs::NewConnection;

/// A connection name no other run of these tests uses at the same time.
fn unique(name: &str) -> String {
    format!("test-{name}-{}", std::process::id())
}

fn lms(name: &str, url: &str, token: &str) -> NewConnection {
    NewConnection {
        name: name.to_owned(),
        kind: "lms".to_owned(),
        url: url.to_owned(),
        settings: BTreeMap::new(),
        secrets: BTreeMap::from([("token".to_owned(), token.to_owned())]),
    }
}

/// Every byte SQLite keeps for the store: the file and its write-ahead log.
fn store_bytes(store: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(store).expect("store file");
    let wal = store.with_extension("db-wal");
    if let Ok(more) = std::fs::read(wal) {
        bytes.extend(more);
    }
    bytes
}

fn holds(bytes: &[u8], text: &str) -> bool {
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_keeps_its_secret_in_the_keychain_and_its_test_says_what_to_fix() {
    let dir = tempfile::tempdir().expect("dir");
    let store = dir.path().join("muster.db");
    let sandbox = SandboxState::default();
    sandbox.start().await.expect("sandbox");
    let spec = sandbox
        .inspect(|s| s.connection("lms"))
        .await
        .flatten()
        .expect("lms emulator");
    let good = unique("lms");
    let wrong = unique("lms-wrong");

    let saved = save(&store, &Keychain, lms(&good, &spec.url, &spec.secret)).expect("save");
    assert_eq!(
        (saved.kind.as_str(), saved.secrets.as_slice()),
        ("lms", ["token".to_owned()].as_slice())
    );
    assert!(!saved.sandbox);
    // The secret is in the keychain, and nowhere in the store's bytes.
    let kept = Keychain
        .get(&good, "token")
        .expect("keychain")
        .expect("held");
    assert_eq!(kept.expose(), spec.secret);
    let bytes = store_bytes(&store);
    assert!(holds(&bytes, &good), "the store holds the connection");
    assert!(
        !holds(&bytes, &spec.secret),
        "the secret is not in the store"
    );

    save(&store, &Keychain, lms(&wrong, &spec.url, "not-the-token")).expect("save");
    let listed = list(&store, &Keychain, None).expect("list");
    let names: Vec<&str> = listed.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, [good.as_str(), wrong.as_str(), "sandbox"]);
    assert!(listed[..2].iter().all(|c| c.secrets == ["token"]));
    // The sandbox is offered even while it is stopped (a push to it starts it), with no
    // addresses yet.
    assert!(listed[2].sandbox && listed[2].settings.is_empty());
    let shown = serde_json::to_string(&listed).expect("json");
    assert!(!shown.contains(&spec.secret) && !shown.contains("not-the-token"));
    // While the sandbox runs, its settings give each emulator's address.
    let emulators = sandbox.connections().await.expect("running");
    let with_sandbox = list(&store, &Keychain, Some(&emulators)).expect("list");
    let last = with_sandbox.last().expect("sandbox listed");
    assert!(last.sandbox);
    assert_eq!(last.name, "sandbox");
    assert_eq!(last.settings["lms"], spec.url);

    let works = test_at(&store, &sandbox, &Keychain, &good)
        .await
        .expect("test");
    assert!(works.ok, "{}", works.message);
    assert!(
        works.message.contains("token was accepted"),
        "{}",
        works.message
    );
    let fails = test_at(&store, &sandbox, &Keychain, &wrong)
        .await
        .expect("test");
    assert!(!fails.ok);
    assert!(
        fails
            .message
            .contains(&format!("\"{wrong}\" does not work yet")),
        "{}",
        fails.message
    );
    assert!(
        fails.message.contains("401 Unauthorized"),
        "{}",
        fails.message
    );
    assert!(
        fails.message.contains("check its token"),
        "{}",
        fails.message
    );
    assert!(!fails.message.contains("not-the-token"));
    let sandbox_test = test_at(&store, &sandbox, &Keychain, "sandbox")
        .await
        .expect("test");
    assert!(sandbox_test.ok, "{}", sandbox_test.message);
    let missing = test_at(&store, &sandbox, &Keychain, &unique("gone")).await;
    assert!(
        missing
            .expect_err("no such connection")
            .message
            .contains("no saved connection")
    );

    // Saving again without a secret keeps the one held.
    let mut again = lms(&good, &spec.url, "");
    again.secrets.clear();
    assert_eq!(
        save(&store, &Keychain, again).expect("save").secrets,
        ["token"]
    );

    remove(&store, &Keychain, &good).expect("remove");
    remove(&store, &Keychain, &wrong).expect("remove");
    assert!(Keychain.get(&good, "token").expect("keychain").is_none());
    assert!(Keychain.get(&wrong, "token").expect("keychain").is_none());
    assert!(only_sandbox(&list(&store, &Keychain, None).expect("list")));
    assert!(remove(&store, &Keychain, &good).is_err());
    sandbox.stop().await.expect("stop");
}

#[test]
fn a_connection_that_cannot_work_is_refused_before_anything_is_saved() {
    let dir = tempfile::tempdir().expect("dir");
    let store = dir.path().join("muster.db");
    let name = unique("refused");
    let refuse = |connection: NewConnection, words: &str| {
        let error = save(&store, &Keychain, connection).expect_err(words);
        assert!(error.message.contains(words), "{}", error.message);
    };
    refuse(
        lms("Sandbox", "https://lms.example.com", "t"),
        "built-in emulators",
    );
    refuse(
        lms(" ", "https://lms.example.com", "t"),
        "Give the connection a name",
    );
    refuse(lms(&name, "http://lms.example.com", "t"), "https://");
    let mut unknown = lms(&name, "https://lms.example.com", "t");
    unknown.kind = "ldap".to_owned();
    refuse(unknown, "\"ldap\"");
    let mut auth0 = lms(&name, "https://acme.eu.auth0.com", "");
    auth0.kind = "auth0".to_owned();
    auth0.secrets.clear();
    auth0
        .settings
        .insert("client_id".to_owned(), "abc".to_owned());
    refuse(auth0.clone(), "Database connection ID");
    auth0
        .settings
        .insert("connection_id".to_owned(), "con_1".to_owned());
    refuse(auth0.clone(), "Enter the client_secret");
    auth0.secrets.insert("token".to_owned(), "t".to_owned());
    refuse(auth0, "\"token\" is not a secret");
    let mut api_key_in_address = lms(&name, "https://hr.example.com", "t");
    api_key_in_address.kind = "rest-source".to_owned();
    for (key, value) in [
        ("path", "/v1/people"),
        ("identifier", "id"),
        ("param.api_key", "k"),
    ] {
        api_key_in_address
            .settings
            .insert(key.to_owned(), value.to_owned());
    }
    refuse(
        api_key_in_address,
        "\"param.api_key\" would send a credential",
    );
    let nothing = list(&store, &Keychain, None).expect("list");
    assert!(only_sandbox(&nothing));
    assert!(Keychain.get(&name, "token").expect("keychain").is_none());
}

#[test]
fn every_kind_says_what_it_asks_for() {
    let kinds = kinds();
    let lms = kinds.iter().find(|k| k.kind == "lms").expect("lms");
    assert_eq!(
        (lms.role.as_str(), lms.label.as_str()),
        ("target", "LMS Collaborator")
    );
    assert!(lms.settings.is_empty());
    assert_eq!(lms.secrets[0].key, "token");
    assert!(lms.secrets[0].required);
    let authgear = kinds
        .iter()
        .find(|k| k.kind == "authgear")
        .expect("authgear");
    let identifier = authgear
        .settings
        .iter()
        .find(|s| s.key == "identifier")
        .expect("identifier");
    assert_eq!(
        identifier.choices.as_deref(),
        Some(
            ["email", "phone_number", "preferred_username"]
                .map(String::from)
                .as_slice()
        )
    );
    let sources: Vec<&str> = kinds
        .iter()
        .filter(|k| k.role == "source")
        .map(|k| k.kind.as_str())
        .collect();
    assert_eq!(sources, ["hris", "scim", "rest-source"]);
    let json = serde_json::to_value(lms).expect("json");
    assert!(json["secrets"][0].get("choices").is_none());
    assert!(json["secrets"][0]["placeholder"].is_string());
}

/// Whether the list holds no saved connection, only the built-in sandbox.
fn only_sandbox(listed: &[crate::wire::jobs::ConnectionInfo]) -> bool {
    matches!(listed, [one] if one.sandbox)
}
