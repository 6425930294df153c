//! Each connector built against its sandbox emulator, with quick retries; the credential
//! is passed in so tests can also try a wrong one.

use muster_engine::connect::{Auth, AuthgearKey, Client, ClientConfig, ClientCredentials};
use muster_engine::secrets::Secret;
use muster_engine::target::connector::auth0::Auth0;
use muster_engine::target::connector::authgear::{Authgear, Identifier};
use muster_engine::target::connector::lms::Lms;
use muster_engine::target::connector::rest::{Rest, RestSettings};
use muster_engine::target::connector::scim::Scim;
use muster_sandbox::Sandbox;

fn client(name: &str, auth: Auth) -> Client {
    let mut config = ClientConfig::new(name, auth);
    config.retry = super::quick_retries();
    Client::new(config).unwrap()
}

pub fn lms(sandbox: &Sandbox, token: &str) -> Lms {
    let client = client("lms-sandbox", Auth::Bearer(Secret::new(token)));
    Lms::new(client, sandbox.lms().url())
}

pub fn scim(sandbox: &Sandbox, token: &str) -> Scim {
    let client = client("scim-sandbox", Auth::Bearer(Secret::new(token)));
    Scim::new(client, &format!("{}/scim/v2", sandbox.scim().url()))
}

pub fn rest(sandbox: &Sandbox, token: &str) -> Rest {
    let client = client("rest-sandbox", Auth::Bearer(Secret::new(token)));
    Rest::new(client, sandbox.rest().url(), RestSettings::default())
}

pub fn auth0(sandbox: &Sandbox, client_secret: &str) -> Auth0 {
    let emulator = sandbox.auth0().emulator();
    let url = sandbox.auth0().url();
    let mut credentials = ClientCredentials::new(
        format!("{url}/oauth/token"),
        emulator.client_id(),
        Secret::new(client_secret),
    );
    credentials.audience = Some(emulator.audience());
    let client = client("auth0-sandbox", Auth::ClientCredentials(credentials));
    Auth0::new(client, url, emulator.connection_id())
}

/// Authgear with the emulated project's own key, signed under `key_id`.
pub fn authgear(sandbox: &Sandbox, key_id: &str) -> Authgear {
    let emulator = sandbox.authgear().emulator();
    let key = AuthgearKey::new(
        emulator.project_id(),
        key_id,
        Secret::new(emulator.private_key_pem()),
    );
    let client = client("authgear-sandbox", Auth::AuthgearJwt(key));
    Authgear::new(client, sandbox.authgear().url(), Identifier::Email)
}
