//! The Authgear Admin API JWT (reference 002, and Authgear's "Admin API Authentication and
//! Security"): header `alg: RS256`, `typ: JWT`, `kid` = the key id from the portal; claims
//! `aud` = the project id, `iat`, `exp`. Authgear's examples set no `iss`, so none is sent.
//! `iat` is set 30 s in the past, as Authgear's Node.js example does, to allow for clock skew.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde::Serialize;

use super::auth::{AuthgearKey, Fresh, bearer};
use super::error::ConnectError;

/// How far `iat` is set back.
const CLOCK_SKEW: Duration = Duration::from_secs(30);

#[derive(Serialize)]
struct Claims<'a> {
    aud: &'a str,
    iat: u64,
    exp: u64,
}

/// Signs Admin API JWTs with a project's key.
pub(crate) struct AuthgearSigner {
    project_id: String,
    key_id: String,
    key: EncodingKey,
    lifetime: Duration,
}

impl AuthgearSigner {
    pub(crate) fn new(connection: &str, key: &AuthgearKey) -> Result<Self, ConnectError> {
        let setup = |detail: String| ConnectError::Setup {
            connection: connection.to_owned(),
            detail,
        };
        if key.project_id.trim().is_empty() || key.key_id.trim().is_empty() {
            return Err(setup(
                "the Authgear project id and key id are both needed (Authgear portal, Admin API settings)".to_owned(),
            ));
        }
        if key.lifetime < Duration::from_secs(10) {
            return Err(setup(
                "an Admin API JWT must stay valid for at least 10 s".to_owned(),
            ));
        }
        // jsonwebtoken's error names the format problem, never the key material.
        let encoding = EncodingKey::from_rsa_pem(key.private_key_pem.expose().as_bytes()).map_err(|err| {
            setup(format!(
                "its private key is not an RSA private key in PEM form ({err}); download the key again from the Authgear portal's Admin API settings"
            ))
        })?;
        Ok(Self {
            project_id: key.project_id.clone(),
            key_id: key.key_id.clone(),
            key: encoding,
            lifetime: key.lifetime,
        })
    }

    /// A new JWT, valid for the key's lifetime from now.
    pub(crate) fn sign(&self, connection: &str) -> Result<Fresh, ConnectError> {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or(Duration::ZERO);
        let claims = Claims {
            aud: &self.project_id,
            iat: now.saturating_sub(CLOCK_SKEW).as_secs(),
            exp: (now + self.lifetime).as_secs(),
        };
        let mut header = Header::new(Algorithm::RS256);
        header.kid = Some(self.key_id.clone());
        header.typ = Some("JWT".to_owned());
        let failed = |detail: String| ConnectError::Setup {
            connection: connection.to_owned(),
            detail,
        };
        let token = jsonwebtoken::encode(&header, &claims, &self.key)
            .map_err(|err| failed(format!("the Admin API JWT could not be signed ({err})")))?;
        let header = bearer(&token)
            .ok_or_else(|| failed("the signed JWT is not a valid header value".to_owned()))?;
        Ok(Fresh {
            header,
            lifetime: Some(self.lifetime),
        })
    }
}
