//! The emulated project's Admin API key pair: what the Authgear portal hands out under
//! Advanced -> Admin API (a private key to download and a key ID to copy), and what the
//! server checks a request's JWT against.
//!
//! Follows Authgear's "Admin API Authentication and Security" page
//! (<https://docs.authgear.com/reference/apis/admin-api/authentication-and-security>): the
//! JWT is signed RS256 with the downloaded private key, carries the key ID as `kid`, `aud`
//! is the project ID (the first label of the project endpoint, `myapp` for
//! `https://myapp.authgear.cloud`), and `iat`/`exp` bound its life.
//!
//! The page does not say which PEM flavour the download is; the emulator writes PKCS#8
//! (`BEGIN PRIVATE KEY`), which every JWT library in the page's samples reads.
//!
//! Making a 2048-bit RSA key takes seconds in an unoptimised build, so the key pair is made
//! once per process, at the first emulator's creation, and shared by later ones; each
//! emulator still gets its own random key ID, so a JWT made for one is refused by another.

use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header};
use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding};
use rsa::rand_core::OsRng;
use serde::Serialize;

use super::error::AuthgearError;
use crate::scim::stamp;

/// The modulus size of the generated key, the size Authgear's portal generates.
const KEY_BITS: usize = 2048;

/// A throwaway RSA key pair with its key ID.
pub(crate) struct AdminKey {
    kid: String,
    material: Material,
}

/// The key pair in the forms the emulator uses it.
#[derive(Clone)]
struct Material {
    private_pem: String,
    encoding: EncodingKey,
    decoding: DecodingKey,
}

/// The process's key pair, or why it could not be made.
static MATERIAL: OnceLock<Result<Material, String>> = OnceLock::new();

impl AdminKey {
    /// The process's key pair (made now if this is the first call) under a new random key ID.
    pub(crate) fn generate() -> Result<AdminKey, AuthgearError> {
        let material = MATERIAL
            .get_or_init(|| Material::generate().map_err(|e| e.to_string()))
            .clone()
            .map_err(AuthgearError::Key)?;
        Ok(AdminKey {
            kid: stamp::uuid_v4(),
            material,
        })
    }

    pub(crate) fn kid(&self) -> &str {
        &self.kid
    }

    pub(crate) fn private_pem(&self) -> &str {
        &self.material.private_pem
    }

    pub(crate) fn decoding(&self) -> &DecodingKey {
        &self.material.decoding
    }
}

impl Material {
    /// A fresh 2048-bit key pair.
    fn generate() -> Result<Material, AuthgearError> {
        let private = rsa::RsaPrivateKey::new(&mut OsRng, KEY_BITS)
            .map_err(|e| AuthgearError::Key(e.to_string()))?;
        let private_pem = private
            .to_pkcs8_pem(LineEnding::LF)
            .map_err(|e| AuthgearError::Key(e.to_string()))?
            .to_string();
        let public_pem = private
            .to_public_key()
            .to_public_key_pem(LineEnding::LF)
            .map_err(|e| AuthgearError::Key(e.to_string()))?;
        let encoding = EncodingKey::from_rsa_pem(private_pem.as_bytes())
            .map_err(|e| AuthgearError::Key(e.to_string()))?;
        let decoding = DecodingKey::from_rsa_pem(public_pem.as_bytes())
            .map_err(|e| AuthgearError::Key(e.to_string()))?;
        Ok(Material {
            private_pem,
            encoding,
            decoding,
        })
    }
}

impl AdminKey {
    /// An Admin API JWT for `project_id`, issued now and valid for `ttl`, shaped like the
    /// page's samples: header `{"alg":"RS256","kid":…,"typ":"JWT"}`, payload
    /// `{"aud":[project_id],"iat":…,"exp":…}`.
    pub(crate) fn sign(&self, project_id: &str, ttl: Duration) -> Result<String, AuthgearError> {
        #[derive(Serialize)]
        struct Claims<'a> {
            aud: [&'a str; 1],
            iat: u64,
            exp: u64,
        }
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or(Duration::ZERO)
            .as_secs();
        let mut header = Header::new(Algorithm::RS256);
        header.kid = Some(self.kid.clone());
        let claims = Claims {
            aud: [project_id],
            iat: now,
            exp: now.saturating_add(ttl.as_secs()),
        };
        jsonwebtoken::encode(&header, &claims, &self.material.encoding)
            .map_err(|e| AuthgearError::Key(e.to_string()))
    }
}
