//! `muster connect add|test|list|remove`: saved connections to targets and sources (hris,
//! rest-source; a scim connection is both). Settings go to the job
//! store; the secret is read from standard input (never from the command line, where other
//! users and the shell history would see it) and goes to the OS keychain only.

use std::io::BufRead;

use anyhow::{Context, Result, bail};
use comfy_table::Table;
use muster_engine::connect::{
    ConnectionKind, check_connection, check_parameter_names, check_settings, check_url,
    kept_secret_names,
};
use muster_engine::secrets::{Keychain, Secret, SecretStore};
use muster_engine::store::SavedConnection;

use crate::run::SANDBOX;
use crate::store_args::StoreArgs;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Save a connection; its secret is read from standard input (one line).
    Add {
        /// A name to use with `--to`, like `acme-lms`.
        name: String,
        /// The kind: a target (lms, auth0, authgear, scim, rest) or a source (hris,
        /// rest-source, scim).
        #[arg(long)]
        kind: String,
        /// The target's base address (https, or http to this computer only).
        #[arg(long)]
        url: String,
        /// Other settings as KEY=VALUE (client_id, audience, connection_id, tenant…).
        #[arg(long = "setting", value_name = "KEY=VALUE")]
        settings: Vec<String>,
        /// Test the connection once it is saved (as `muster connect test NAME`).
        #[arg(long)]
        test: bool,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Make one request that changes nothing, to prove the address and the secret work.
    Test {
        name: String,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// The saved connections (never their secrets).
    List {
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Save one more secret of a saved connection, read from standard input (one line),
    /// e.g. the webhook_secret `muster listen` verifies a source's deliveries with.
    Secret {
        /// The saved connection, like `acme-hris`.
        name: String,
        /// The secret's name, like `webhook_secret`.
        secret_name: String,
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Forget a connection and delete its secret from the keychain.
    Remove {
        name: String,
        #[command(flatten)]
        store: StoreArgs,
    },
}

pub fn run(command: &Command) -> Result<()> {
    match command {
        Command::Add {
            name,
            kind,
            url,
            settings,
            test: then_test,
            store,
        } => {
            if name == SANDBOX {
                bail!("\"{SANDBOX}\" is the name of the built-in emulators; pick another name");
            }
            let kind = ConnectionKind::parse(kind)?;
            check_url(url)?;
            let mut map = serde_json::Map::new();
            for setting in settings {
                let (key, value) = setting
                    .split_once('=')
                    .with_context(|| format!("--setting \"{setting}\" needs the form KEY=VALUE"))?;
                map.insert(key.trim().to_string(), value.trim().into());
            }
            check_settings(kind, |key| map.get(key).and_then(|v| v.as_str()))?;
            check_parameter_names(map.keys().map(String::as_str))?;
            let secret_name = kind.secret_name(map.get("auth").and_then(|a| a.as_str()));
            eprintln!(
                "{secret_name} for \"{name}\" (one line on standard input, or a whole PEM key):"
            );
            let secret = read_secret(&mut std::io::stdin().lock())?;
            if secret.is_empty() {
                bail!("no {secret_name} was given on standard input; nothing saved");
            }
            Keychain.set(name, secret_name, &secret)?;
            store.open()?.save_connection(&SavedConnection {
                name: name.clone(),
                kind: kind.name().to_owned(),
                url: url.clone(),
                settings: map,
            })?;
            println!("saved \"{name}\" ({kind}); its {secret_name} is in the keychain");
            if *then_test {
                test(name, store)?;
            }
            Ok(())
        }
        Command::Test { name, store } => test(name, store),
        Command::Secret {
            name,
            secret_name,
            store,
        } => save_secret(name, secret_name, store),
        Command::List { store } => {
            let connections = store.open()?.connections()?;
            if connections.is_empty() {
                println!(
                    "no connections yet; `muster connect add NAME --kind KIND --url URL` saves one"
                );
                return Ok(());
            }
            let mut table = Table::new();
            table.set_header(["name", "kind", "url", "settings"]);
            for c in connections {
                table.add_row([
                    c.name,
                    c.kind,
                    c.url,
                    serde_json::Value::Object(c.settings).to_string(),
                ]);
            }
            println!("{table}");
            Ok(())
        }
        Command::Remove { name, store } => {
            let store = store.open()?;
            let connection = store.connection(name)?;
            for secret in kept_secret_names(&connection.kind) {
                Keychain.delete(name, secret)?;
            }
            store.remove_connection(name)?;
            println!("removed \"{name}\" and its secret");
            Ok(())
        }
    }
}

/// `muster connect test NAME`: one request that changes nothing at the target or source.
fn test(name: &str, store: &StoreArgs) -> Result<()> {
    let connection = store.open()?.connection(name)?;
    let runtime = tokio::runtime::Runtime::new()?;
    match runtime.block_on(check_connection(&connection, &Keychain)) {
        Ok(said) => {
            println!("\"{name}\" works: {said}");
            Ok(())
        }
        Err(error) => bail!("\"{name}\" does not work yet: {error}"),
    }
}

/// `muster connect secret NAME SECRET_NAME`: one secret from standard input to the keychain.
fn save_secret(name: &str, secret_name: &str, store: &StoreArgs) -> Result<()> {
    // Only for a connection that exists: a typo would file the secret where nothing reads it.
    store.open()?.connection(name)?;
    // Checked before reading, so that a bad name is not found out after the secret was typed.
    muster_engine::secrets::account(name, secret_name)?;
    eprintln!("{secret_name} for \"{name}\" (one line on standard input):");
    let secret = read_secret(&mut std::io::stdin().lock())?;
    if secret.is_empty() {
        bail!("no {secret_name} was given on standard input; nothing saved");
    }
    Keychain.set(name, secret_name, &secret)?;
    println!("saved the {secret_name} of \"{name}\" in the keychain");
    Ok(())
}

/// One line from `input`; when it opens a PEM block (an Authgear private key as the portal
/// downloads it), every line up to the block's `-----END` line, joined by newlines.
fn read_secret(input: &mut impl BufRead) -> Result<Secret> {
    let mut line = String::new();
    input
        .read_line(&mut line)
        .context("cannot read the secret from standard input")?;
    let first = line.trim_end_matches(['\r', '\n']).to_owned();
    if !first.trim_start().starts_with("-----BEGIN") || first.contains("-----END") {
        return Ok(Secret::new(first));
    }
    let mut lines = vec![first];
    loop {
        line.clear();
        let read = input
            .read_line(&mut line)
            .context("cannot read the private key from standard input")?;
        if read == 0 {
            bail!("the private key on standard input ends before its -----END line; nothing saved");
        }
        let text = line.trim_end_matches(['\r', '\n']).to_owned();
        let end = text.trim_start().starts_with("-----END");
        lines.push(text);
        if end {
            return Ok(Secret::new(lines.join("\n")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::read_secret;

    #[test]
    fn a_token_is_one_line_and_a_pem_key_is_read_to_its_end_line() {
        let token = read_secret(&mut "abc123\nignored\n".as_bytes()).unwrap();
        assert_eq!(token.expose(), "abc123");
        let pem = "-----BEGIN PRIVATE KEY-----\r\nMIIB\nAAAA\n-----END PRIVATE KEY-----\nrest\n";
        let key = read_secret(&mut pem.as_bytes()).unwrap();
        assert_eq!(
            key.expose(),
            "-----BEGIN PRIVATE KEY-----\nMIIB\nAAAA\n-----END PRIVATE KEY-----"
        );
        let cut = read_secret(&mut "-----BEGIN PRIVATE KEY-----\nMIIB\n".as_bytes());
        assert!(
            cut.unwrap_err()
                .to_string()
                .contains("ends before its -----END line")
        );
    }
}
