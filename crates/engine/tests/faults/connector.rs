//! The five connectors as the fault matrix drives them: each built against its sandbox
//! emulator with the cell's client settings, thirty users as its mapping would make them,
//! and what its emulator recorded about each user.

use std::time::{Duration, Instant};

use muster_engine::connect::{
    Auth, AuthgearKey, Client, ClientConfig, ClientCredentials, HttpSettings,
};
use muster_engine::job::{Outcome, Policy};
use muster_engine::secrets::Secret;
use muster_engine::target::connector::AnyTarget;
use muster_engine::target::connector::auth0::Auth0;
use muster_engine::target::connector::authgear::{Authgear, Identifier};
use muster_engine::target::connector::lms::Lms;
use muster_engine::target::connector::rest::{Rest, RestSettings};
use muster_engine::target::connector::scim::Scim;
use muster_sandbox::auth0::Auth0Config;
use muster_sandbox::authgear::Identifier as Login;
use muster_sandbox::{Faults, RequestLog, Sandbox, SandboxOptions};
use serde_json::{Value, json};

/// Users in every job of the matrix: more than one batch for the one-at-a-time targets
/// (LMS takes 16, SCIM and REST 20), one file or task for Auth0 and Authgear.
pub const USERS: usize = 30;

/// How long an Auth0 import job of the emulator takes.
pub const AUTH0_JOB: Duration = Duration::from_millis(300);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Connector {
    Lms,
    Scim,
    Rest,
    Auth0,
    Authgear,
}

/// What becomes of a record that is sent again after an answer that never came.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resend {
    /// The connector looks the record up first: it never arrives twice.
    LooksUpFirst,
    /// The target matches the record on its key, so a second arrival writes the same
    /// user again and the journal says so with this outcome.
    SameUserAgain(Outcome),
}

impl Connector {
    /// The connector a test module of the matrix is named after.
    pub fn named(name: &str) -> Connector {
        match name {
            "lms" => Connector::Lms,
            "scim" => Connector::Scim,
            "rest" => Connector::Rest,
            "auth0" => Connector::Auth0,
            "authgear" => Connector::Authgear,
            other => panic!("the fault matrix has no connector named {other}"),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Connector::Lms => "LMS",
            Connector::Scim => "SCIM",
            Connector::Rest => "REST",
            Connector::Auth0 => "Auth0",
            Connector::Authgear => "Authgear",
        }
    }

    /// The job's target kind and the payload field its records are identified by.
    pub fn kind_and_key(self) -> (&'static str, &'static str) {
        match self {
            Connector::Lms => ("lms", "uid"),
            Connector::Scim => ("scim", "userName"),
            Connector::Rest => ("rest", "email"),
            Connector::Auth0 => ("auth0", "email"),
            Connector::Authgear => ("authgear", "email"),
        }
    }

    /// Skip where the target offers it: a user that arrived twice would then show as
    /// skipped or refused instead of blending in as an update. LMS offers only update.
    pub fn policy(self) -> Policy {
        match self {
            Connector::Lms => Policy::Update,
            _ => Policy::Skip,
        }
    }

    /// User `n` (from 1) as this target's mapping builds it.
    pub fn user(self, n: usize) -> Value {
        let email = format!("user{n:02}@example.com");
        match self {
            Connector::Lms => json!({
                "uid": format!("u{n:02}"), "login": format!("login{n:02}"), "email": email,
                "firstname": format!("Given{n}"), "secondname": "Family",
            }),
            Connector::Scim => json!({
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                "userName": email,
                "name": {"givenName": format!("Given{n}"), "familyName": "Family"},
                "emails": [{"type": "work", "primary": true, "value": email}],
            }),
            Connector::Rest => json!({
                "email": email, "first_name": format!("Given{n}"), "last_name": "Family",
            }),
            Connector::Auth0 => json!({
                "email": email, "email_verified": true,
                "given_name": format!("Given{n}"), "family_name": "Family",
            }),
            Connector::Authgear => json!({
                "email": email, "email_verified": true, "name": "Staff",
                "given_name": format!("Given{n}"), "family_name": "Family",
            }),
        }
    }

    pub fn users(self) -> Vec<Value> {
        (1..=USERS).map(|n| self.user(n)).collect()
    }

    /// Whether one request carries a whole batch (Auth0 files, Authgear tasks, SCIM
    /// `/Bulk`) rather than one user.
    pub fn sends_batches(self) -> bool {
        matches!(
            self,
            Connector::Auth0 | Connector::Authgear | Connector::Scim
        )
    }

    /// The request that makes users: the one a fault must never make twice.
    pub fn create_path(self) -> &'static str {
        match self {
            Connector::Lms => "/api/v2/users-import/single",
            // Users are created in `/Bulk` requests: the emulator announces Bulk.
            Connector::Scim => "/scim/v2/Bulk",
            Connector::Rest => "/api/users",
            Connector::Auth0 => "/api/v2/jobs/users-imports",
            Connector::Authgear => "/_api/admin/users/import",
        }
    }

    /// Where an asynchronous target is asked after an accepted batch.
    pub fn poll_path(self) -> Option<&'static str> {
        match self {
            Connector::Auth0 => Some("/api/v2/jobs/job_"),
            Connector::Authgear => Some("/_api/admin/users/import/"),
            _ => None,
        }
    }

    pub fn resend(self) -> Resend {
        match self {
            // LMS has no lookup; its import creates or updates by uid, so a record sent
            // again updates the user the first request made (reference 003).
            Connector::Lms => Resend::SameUserAgain(Outcome::Updated),
            // Authgear's import has no lookup either; it matches every record on the login
            // ID, so under skip a record sent again finds its user and leaves it alone.
            Connector::Authgear => Resend::SameUserAgain(Outcome::Skipped),
            Connector::Scim | Connector::Rest | Connector::Auth0 => Resend::LooksUpFirst,
        }
    }

    pub fn sandbox_options(self) -> SandboxOptions {
        SandboxOptions {
            auth0: Auth0Config {
                job_duration: AUTH0_JOB,
                ..Auth0Config::default()
            },
            ..SandboxOptions::default()
        }
    }

    /// The connector against its emulator, with quick retries and the cell's timeouts.
    pub fn target(self, sandbox: &Sandbox, http: HttpSettings) -> AnyTarget {
        let client = |auth: Auth| {
            let mut config = ClientConfig::new(format!("{}-sandbox", self.kind_and_key().0), auth);
            config.retry = super::common::quick_retries();
            config.http = http;
            Client::new(config).expect("the client builds")
        };
        let bearer = |token: &str| Auth::Bearer(Secret::new(token));
        match self {
            Connector::Lms => {
                let client = client(bearer(sandbox.lms().emulator().token()));
                AnyTarget::Lms(Lms::new(client, sandbox.lms().url()))
            }
            Connector::Scim => {
                let client = client(bearer(sandbox.scim().emulator().token()));
                let base = format!(
                    "{}{}",
                    sandbox.scim().url(),
                    muster_sandbox::scim::BASE_PATH
                );
                AnyTarget::Scim(Scim::new(client, &base))
            }
            Connector::Rest => {
                let client = client(bearer(sandbox.rest().emulator().token()));
                let settings = RestSettings::default();
                AnyTarget::Rest(Rest::new(client, sandbox.rest().url(), settings))
            }
            Connector::Auth0 => {
                let tenant = sandbox.auth0().emulator();
                let url = sandbox.auth0().url();
                let secret = Secret::new(tenant.client_secret());
                let mut grant = ClientCredentials::new(
                    format!("{url}/oauth/token"),
                    tenant.client_id(),
                    secret,
                );
                grant.audience = Some(tenant.audience());
                let client = client(Auth::ClientCredentials(grant));
                AnyTarget::Auth0(Box::new(Auth0::new(client, url, tenant.connection_id())))
            }
            Connector::Authgear => {
                let project = sandbox.authgear().emulator();
                let key = AuthgearKey::new(
                    project.project_id(),
                    project.key_id(),
                    Secret::new(project.private_key_pem()),
                );
                let client = client(Auth::AuthgearJwt(key));
                let url = sandbox.authgear().url();
                AnyTarget::Authgear(Box::new(Authgear::new(client, url, Identifier::Email)))
            }
        }
    }

    pub fn faults(self, sandbox: &Sandbox) -> &Faults {
        match self {
            Connector::Lms => sandbox.lms().faults(),
            Connector::Scim => sandbox.scim().faults(),
            Connector::Rest => sandbox.rest().faults(),
            Connector::Auth0 => sandbox.auth0().faults(),
            Connector::Authgear => sandbox.authgear().faults(),
        }
    }

    pub fn log(self, sandbox: &Sandbox) -> &RequestLog {
        match self {
            Connector::Lms => sandbox.lms().log(),
            Connector::Scim => sandbox.scim().log(),
            Connector::Rest => sandbox.rest().log(),
            Connector::Auth0 => sandbox.auth0().log(),
            Connector::Authgear => sandbox.authgear().log(),
        }
    }

    /// The users the emulator holds.
    pub fn users_at_target(self, sandbox: &Sandbox) -> usize {
        let kind = self.kind_and_key().0;
        sandbox.users_held(kind).expect("a target emulator")
    }

    /// How often the record identified by `key` arrived, by the emulator's own count:
    /// LMS imports accepted for the uid, SCIM and REST creates received, Auth0 import
    /// files that carried the email, Authgear accepted tasks that carried it.
    pub fn arrivals(self, sandbox: &Sandbox, key: &str) -> usize {
        let kind = self.kind_and_key().0;
        sandbox.arrivals(kind, key).expect("a target emulator")
    }

    /// The emulator's id for the user, where the connector journals one.
    pub fn id_at_target(self, sandbox: &Sandbox, key: &str) -> Option<String> {
        let user = match self {
            Connector::Scim => sandbox.scim().emulator().user_by_name(key),
            Connector::Rest => sandbox.rest().emulator().user_by_email(key),
            Connector::Authgear => sandbox.authgear().emulator().user_by(Login::Email, key),
            // LMS answers with counts only; Auth0's import summary names nobody.
            Connector::Lms | Connector::Auth0 => return None,
        };
        user.and_then(|user| user["id"].as_str().map(str::to_owned))
    }

    /// Waits until work the emulator accepted is done: a person resumes a stopped job
    /// later than an import job takes. (A resume while Auth0 still works on a file whose
    /// answer was lost finds no user yet and uploads it again; see docs/reliability.md.)
    pub async fn quiet(self, sandbox: &Sandbox) {
        let busy = || sandbox.still_working(self.kind_and_key().0);
        let deadline = Instant::now() + Duration::from_secs(30);
        while busy() {
            assert!(
                Instant::now() < deadline,
                "the {} emulator's accepted work never finished",
                self.name()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}
