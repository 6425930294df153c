//! Where an address enters Muster, plain `http://` to another computer is refused, and so
//! is a credential in an address, each with a sentence that says what to do: the address of
//! `muster connect add` (targets and sources), an OAuth token URL, a REST source's request
//! parameters, a connection saved before these checks (refused when used, by `muster run`
//! and `muster pull`), and `muster sandbox --bind`, which listens on loopback only.
//!
//! The saved-connection test keeps secrets in the keychain (Secret Service on Linux):
//! `dbus-run-session -- bash -c 'echo -n pw | gnome-keyring-daemon --daemonize --unlock
//! --components=secrets; cargo test -p muster-cli --test addresses'`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{muster, muster_with_input, stderr, stdout, text};
use muster_engine::store::{SavedConnection, Store};
use tempfile::TempDir;

/// What a refused command says, with its exit status checked.
fn refused(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(1), "{}{}", stdout(out), stderr(out));
    stderr(out)
}

fn add(store: &Path, name: &str, kind: &str, url: &str, settings: &[&str]) -> Output {
    let mut args = vec!["connect", "add", name, "--kind", kind, "--url", url];
    for setting in settings {
        args.extend(["--setting", setting]);
    }
    args.extend(["--store", text(store)]);
    muster_with_input(&args, "tok-5ecret-not-to-be-shown")
}

/// A folder for a store, and the store's path in it.
fn new_store() -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let store = dir.path().join("muster.db");
    (dir, store)
}

fn nothing_saved(store: &Path) {
    let listed = muster(&["connect", "list", "--store", text(store)]);
    assert!(
        stdout(&listed).starts_with("no connections yet"),
        "{}",
        stdout(&listed)
    );
}

#[test]
fn connect_add_refuses_plain_http_to_another_computer_for_every_kind() {
    let (_dir, store) = new_store();
    for kind in [
        "lms",
        "auth0",
        "authgear",
        "scim",
        "rest",
        "hris",
        "rest-source",
    ] {
        for url in [
            "http://hr.example.com",
            "http://10.1.2.3:8080/api",
            "http://[2001:db8::5]/",
        ] {
            let said = refused(&add(&store, "far", kind, url, &[]));
            assert!(
                said.contains("only over https://") && said.contains("Use the https:// address"),
                "{kind} {url}: {said}"
            );
        }
    }
    nothing_saved(&store);
}

#[test]
fn an_oauth_token_url_must_be_https_too() {
    let (_dir, store) = new_store();
    let out = add(
        &store,
        "people",
        "rest-source",
        "https://api.example.com",
        &[
            "identifier=id",
            "auth=client_credentials",
            "client_id=muster",
            "token_url=http://login.example.com/oauth/token",
        ],
    );
    let said = refused(&out);
    assert!(said.contains("\"token_url\" cannot be used"), "{said}");
    assert!(said.contains("only over https://"), "{said}");
    nothing_saved(&store);
}

#[test]
fn a_credential_in_an_address_is_refused_without_showing_it() {
    let (_dir, store) = new_store();
    let out = add(
        &store,
        "leaky",
        "rest-source",
        "https://api.example.com/people?access_token=tok-5ecret-in-url",
        &["identifier=id"],
    );
    let said = refused(&out);
    assert!(said.contains("carries a credential"), "{said}");
    assert!(!said.contains("tok-5ecret"), "{said}");

    let out = add(
        &store,
        "leaky",
        "rest-source",
        "https://api.example.com",
        &["identifier=id", "param.api_key=tok-5ecret-in-param"],
    );
    let said = refused(&out);
    assert!(
        said.contains("\"param.api_key\" would send a credential"),
        "{said}"
    );
    assert!(!said.contains("tok-5ecret"), "{said}");
    nothing_saved(&store);
}

/// A connection saved with a plain-http address before the check existed (or by hand) is
/// refused when a job would use it, before anything is read or sent.
#[test]
fn a_saved_plain_http_connection_is_refused_when_used() {
    let (_dir, store_path) = new_store();
    let store = Store::open(&store_path).unwrap();
    let settings = |pairs: &[(&str, &str)]| {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), serde_json::Value::from(*v)))
            .collect()
    };
    for (name, kind, url, pairs) in [
        ("old-lms", "lms", "http://lms.example.com", &[][..]),
        ("old-hris", "hris", "http://hr.example.com", &[][..]),
        (
            "old-people",
            "rest-source",
            "https://api.example.com",
            &[
                ("identifier", "id"),
                ("auth", "client_credentials"),
                ("client_id", "muster"),
                ("token_url", "http://login.example.com/oauth/token"),
            ][..],
        ),
    ] {
        store
            .save_connection(&SavedConnection {
                name: name.to_owned(),
                kind: kind.to_owned(),
                url: url.to_owned(),
                settings: settings(pairs),
            })
            .unwrap();
    }
    drop(store);
    // With their secrets in the keychain, as a connection saved earlier has.
    let _removed = Removed(&store_path);
    for (name, secret) in [
        ("old-lms", "token"),
        ("old-hris", "token"),
        ("old-people", "client_secret"),
    ] {
        let out = muster_with_input(
            &[
                "connect",
                "secret",
                name,
                secret,
                "--store",
                text(&store_path),
            ],
            "tok-5ecret-not-to-be-shown",
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let profile = common::repo("samples/lms-profile.toml");
    let sample = common::repo("samples/mitarbeiter-excel-de.csv");
    let hris_profile = common::repo("samples/hris-lms-profile.toml");
    let store_arg = text(&store_path);
    let runs: [&[&str]; 3] = [
        &[
            "run",
            text(&sample),
            "--profile",
            text(&profile),
            "--to",
            "old-lms",
            "--store",
            store_arg,
        ],
        &[
            "pull",
            "old-hris",
            "--profile",
            text(&hris_profile),
            "--to",
            "sandbox",
            "--preview",
            "--store",
            store_arg,
        ],
        &[
            "pull",
            "old-people",
            "--profile",
            text(&hris_profile),
            "--to",
            "sandbox",
            "--preview",
            "--store",
            store_arg,
        ],
    ];
    for args in runs {
        let said = refused(&muster(args));
        assert!(said.contains("only over https://"), "{args:?}: {said}");
    }
}

/// Removes the connections of a store, with their keychain entries, when dropped.
struct Removed<'a>(&'a Path);

impl Drop for Removed<'_> {
    fn drop(&mut self) {
        for name in ["old-lms", "old-hris", "old-people"] {
            let _ = muster(&["connect", "remove", name, "--store", text(self.0)]);
        }
    }
}

#[test]
fn the_sandbox_refuses_to_listen_beyond_this_computer() {
    for address in ["0.0.0.0", "::", "192.168.1.20"] {
        let said = refused(&muster(&["sandbox", "--bind", address]));
        assert!(
            said.contains(&format!("{address} is not a loopback address"))
                && said.contains("127.0.0.1"),
            "{address}: {said}"
        );
    }
    let said = refused(&muster(&["sandbox", "--bind", "lan.example"]));
    assert!(said.contains("is not an address to listen on"), "{said}");
}
