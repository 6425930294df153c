//! The targets the push benchmark sends to: for each kind, a generated person as its
//! mapping would build them, and the real connector pointed at the in-process sandbox
//! (as the engine's `tests/*_push.rs` build them).

use anyhow::Result;
use muster_engine::connect::{
    Auth, AuthgearKey, Client, ClientConfig, ClientCredentials, RateLimit,
};
use muster_engine::job::Policy;
use muster_engine::secrets::Secret;
use muster_engine::store::{NewJob, NewRecord, Store};
use muster_engine::target::connector::AnyTarget;
use muster_engine::target::connector::auth0::Auth0;
use muster_engine::target::connector::authgear::{Authgear, Identifier};
use muster_engine::target::connector::lms::Lms;
use muster_engine::target::connector::rest::{Rest, RestSettings};
use muster_engine::target::connector::scim::Scim;
use muster_sandbox::Sandbox;
use serde_json::{Value, json};

const SCIM_USER: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

/// Every kind of target a job can be pushed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Lms,
    Scim,
    Auth0,
    Authgear,
    Rest,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Lms,
        Kind::Scim,
        Kind::Auth0,
        Kind::Authgear,
        Kind::Rest,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Lms => "lms",
            Kind::Scim => "scim",
            Kind::Auth0 => "auth0",
            Kind::Authgear => "authgear",
            Kind::Rest => "rest",
        }
    }

    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.name() == name)
    }

    /// The policy the job runs under: LMS offers only `update`; the others create new
    /// people under `skip` without looking twice.
    pub fn policy(self) -> Policy {
        match self {
            Kind::Lms => Policy::Update,
            _ => Policy::Skip,
        }
    }
}

/// Person `n`'s email, which every kind but LMS keys on.
pub fn email(n: u64) -> String {
    format!("person{n:07}@example.com")
}

/// Person `n` as the kind's mapping builds them. SCIM people have managers, eight reports
/// to a manager, named by `userName` (so the runner's managers-first order is part of the
/// work); the returned manager is what the journal keeps.
pub fn person(kind: Kind, n: u64) -> (String, Value, Option<String>) {
    let given = format!("Given{n}");
    let family = "Family";
    match kind {
        Kind::Lms => {
            let uid = format!("E{n:07}");
            let user = json!({
                "uid": uid, "login": format!("login{n:07}"), "email": email(n),
                "firstname": given, "secondname": family, "position": "Engineer",
            });
            (uid, user, None)
        }
        Kind::Scim => {
            let manager = (n > 0).then(|| email(n / 8));
            let mut user = json!({
                "schemas": [SCIM_USER, ENTERPRISE], "userName": email(n),
                "name": {"givenName": given, "familyName": family}, "title": "Engineer",
                "emails": [{"type": "work", "primary": true, "value": email(n)}],
            });
            if let Some(manager) = &manager {
                user[ENTERPRISE] = json!({"manager": {"value": manager}});
            }
            (email(n), user, manager)
        }
        Kind::Auth0 => {
            let user = json!({
                "email": email(n), "email_verified": true,
                "given_name": given, "family_name": family,
            });
            (email(n), user, None)
        }
        Kind::Authgear => {
            let user = json!({
                "email": email(n), "email_verified": true, "name": format!("{given} {family}"),
                "given_name": given, "family_name": family,
            });
            (email(n), user, None)
        }
        Kind::Rest => {
            let user = json!({
                "email": email(n), "first_name": given, "last_name": family,
                "title": "Engineer", "profile": {"department": "R&D"},
            });
            (email(n), user, None)
        }
    }
}

/// Journals people `first..first + count` as a job to `kind` under `policy`.
pub fn journal(
    store: &mut Store,
    kind: Kind,
    policy: Policy,
    first: u64,
    count: u64,
) -> Result<i64> {
    let records = (first..first + count).map(|n| {
        let (identifier, payload, manager) = person(kind, n);
        NewRecord {
            source_row: n - first + 2,
            identifier,
            payload: payload.to_string(),
            manager,
        }
    });
    let connection = format!("{}-sandbox", kind.name());
    Ok(store.create_job(
        &NewJob {
            source: "generated",
            profile: "",
            target_kind: kind.name(),
            connection: &connection,
            policy,
        },
        records,
    )?)
}

/// The kind's connector at the sandbox, its client held to `rate_limit` when given.
pub fn target(kind: Kind, sandbox: &Sandbox, rate_limit: Option<RateLimit>) -> Result<AnyTarget> {
    let config = |auth: Auth| {
        let mut config = ClientConfig::new(format!("{}-sandbox", kind.name()), auth);
        config.rate_limit = rate_limit;
        config
    };
    Ok(match kind {
        Kind::Lms => {
            let token = Secret::new(sandbox.lms().emulator().token());
            let client = Client::new(config(Auth::Bearer(token)))?;
            AnyTarget::Lms(Lms::new(client, sandbox.lms().url()))
        }
        Kind::Scim => {
            let token = Secret::new(sandbox.scim().emulator().token());
            let client = Client::new(config(Auth::Bearer(token)))?;
            AnyTarget::Scim(Scim::new(
                client,
                &format!("{}/scim/v2", sandbox.scim().url()),
            ))
        }
        Kind::Rest => {
            let token = Secret::new(sandbox.rest().emulator().token());
            let client = Client::new(config(Auth::Bearer(token)))?;
            AnyTarget::Rest(Rest::new(
                client,
                sandbox.rest().url(),
                RestSettings::default(),
            ))
        }
        Kind::Auth0 => {
            let emulator = sandbox.auth0().emulator();
            let url = sandbox.auth0().url();
            let mut credentials = ClientCredentials::new(
                format!("{url}/oauth/token"),
                emulator.client_id(),
                Secret::new(emulator.client_secret()),
            );
            credentials.audience = Some(emulator.audience());
            let client = Client::new(config(Auth::ClientCredentials(credentials)))?;
            AnyTarget::Auth0(Box::new(Auth0::new(client, url, emulator.connection_id())))
        }
        Kind::Authgear => {
            let emulator = sandbox.authgear().emulator();
            let key = AuthgearKey::new(
                emulator.project_id(),
                emulator.key_id(),
                Secret::new(emulator.private_key_pem()),
            );
            let client = Client::new(config(Auth::AuthgearJwt(key)))?;
            AnyTarget::Authgear(Box::new(Authgear::new(
                client,
                sandbox.authgear().url(),
                Identifier::Email,
            )))
        }
    })
}
