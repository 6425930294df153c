//! Auth0's `custom_password_hash` object, checked the way the import reads it. Follows the
//! JSON schema and the "Custom password hash" section of Auth0's "Bulk User Import Database
//! Schema and Examples" (the page `004_d6648e79dc950ba1.txt` points to for the file format):
//! - `"required": ["algorithm", "hash"]`, and a hash is its `hash.value`
//!   (`auth0_custom_hash_incomplete`); `algorithm` is one of the schema's enum
//!   (`auth0_custom_hash_algorithm`); `"additionalProperties": false`
//!   (`auth0_custom_hash_unknown_key`).
//! - Encodings: `hash.encoding`, `hash.key.encoding` and `salt.encoding` are `base64`, `hex`
//!   or `utf8`; `password.encoding` one of `ascii`, `utf8`, `utf16le`, `ucs2`, `latin1`,
//!   `binary`. For md4/md5/sha1/sha256/sha512 and hmac "`hash.encoding` must be either `hex`
//!   or `base64`"; for bcrypt, argon2, pbkdf2 and ldap it "must be `utf8`" — the page's own
//!   bcrypt and argon2 examples leave it out, so absent counts as utf8 there
//!   (`auth0_custom_hash_encoding`).
//! - Salt: "not allowed" for bcrypt, argon2, pbkdf2 and ldap; otherwise an object with a
//!   `value` and, when given, a `position` of `prefix` or `suffix` (`auth0_custom_hash_salt`).
//! - hmac: "`hash.digest` is required" (md4, md5, ripemd160, sha1, sha224, sha256, sha384,
//!   sha512, whirlpool) and "`hash.key.value` is required" (`auth0_custom_hash_hmac`).
//! - `hash.value` forms (`auth0_custom_hash_value`): bcrypt "must be prefixed with either
//!   `$2a$` or `$2b$`"; argon2 and pbkdf2 in PHC string format, pbkdf2 with an id
//!   `pbkdf2-<digest>` from the page's list; ldap per RFC 2307 `{SCHEME}`, the scheme one of
//!   `md5|smd5|sha*|ssha*` ("the crypt scheme is not supported").
//!
//! `scrypt` is in the catalog's algorithm list (current versions of the page) but the page
//! versions at hand give no scrypt rules, so an scrypt object is checked for its algorithm,
//! `hash.value` and the encodings' allowed words only, and its other keys are left alone.

use serde_json::{Map, Value};

use super::bcrypt;
use crate::target::catalog::auth0::HASH_ALGORITHMS;

/// What is wrong with a `custom_password_hash`: its code and a sentence that says what to
/// change (the caller names the field and column in front of it).
pub(super) struct Problem {
    pub code: &'static str,
    pub message: String,
}

fn problem(code: &'static str, message: impl Into<String>) -> Option<Problem> {
    Some(Problem {
        code,
        message: message.into(),
    })
}

/// The keys the schema allows at the top of the object.
const KEYS: [&str; 4] = ["algorithm", "hash", "salt", "password"];

const ENCODINGS: [&str; 3] = ["base64", "hex", "utf8"];

const PASSWORD_ENCODINGS: [&str; 6] = ["ascii", "utf8", "utf16le", "ucs2", "latin1", "binary"];

const HMAC_DIGESTS: [&str; 9] = [
    "md4",
    "md5",
    "ripemd160",
    "sha1",
    "sha224",
    "sha256",
    "sha384",
    "sha512",
    "whirlpool",
];

/// The digests a pbkdf2 PHC id (`$pbkdf2-<digest>$`) may name, as the page lists them.
const PBKDF2_DIGESTS: [&str; 33] = [
    "RSA-MD4",
    "RSA-MD5",
    "RSA-MDC2",
    "RSA-RIPEMD160",
    "RSA-SHA1",
    "RSA-SHA1-2",
    "RSA-SHA224",
    "RSA-SHA256",
    "RSA-SHA384",
    "RSA-SHA512",
    "md4",
    "md4WithRSAEncryption",
    "md5",
    "md5WithRSAEncryption",
    "mdc2",
    "mdc2WithRSA",
    "ripemd",
    "ripemd160",
    "ripemd160WithRSA",
    "rmd160",
    "sha1",
    "sha1WithRSAEncryption",
    "sha224",
    "sha224WithRSAEncryption",
    "sha256",
    "sha256WithRSAEncryption",
    "sha384",
    "sha384WithRSAEncryption",
    "sha512",
    "sha512WithRSAEncryption",
    "ssl3-md5",
    "ssl3-sha1",
    "whirlpool",
];

/// How the page groups the algorithms for encoding and salt.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    /// md4, md5, sha1, sha256, sha512: a digest written in hex or base64, salt allowed.
    Digest,
    Hmac,
    /// bcrypt, argon2, pbkdf2, ldap: the value carries its own salt and is text.
    SelfSalted,
    Scrypt,
}

fn family(algorithm: &str) -> Family {
    match algorithm {
        "hmac" => Family::Hmac,
        "bcrypt" | "argon2" | "pbkdf2" | "ldap" => Family::SelfSalted,
        "scrypt" => Family::Scrypt,
        _ => Family::Digest,
    }
}

/// The first problem of `object`, in the order a person fixes them.
pub(super) fn check(object: &Map<String, Value>) -> Option<Problem> {
    let algorithm = object.get("algorithm").and_then(Value::as_str);
    if algorithm != Some("scrypt")
        && let Some(key) = object.keys().find(|k| !KEYS.contains(&k.as_str()))
    {
        return problem(
            "auth0_custom_hash_unknown_key",
            format!(
                "\"{key}\" is not a key Auth0 accepts here; the object may hold only algorithm, \
                 hash, salt and password. Remove \"{key}\" or move it where the schema puts it."
            ),
        );
    }
    let Some(algorithm) = algorithm else {
        return problem(
            "auth0_custom_hash_incomplete",
            "the object has no \"algorithm\", which Auth0 requires. Add the algorithm the hash \
             was made with, e.g. {\"algorithm\": \"sha256\", \"hash\": {…}}.",
        );
    };
    if !HASH_ALGORITHMS.contains(&algorithm) {
        return problem(
            "auth0_custom_hash_algorithm",
            format!(
                "the algorithm \"{algorithm}\" is not one Auth0 imports. Use one of {}; users \
                 with hashes of other algorithms must reset their password after the import, so \
                 leave the hash out for them.",
                HASH_ALGORITHMS.join(", ")
            ),
        );
    }
    let hash = object.get("hash").and_then(Value::as_object);
    let value = hash
        .and_then(|h| h.get("value"))
        .and_then(Value::as_str)
        .filter(|v| !v.trim().is_empty());
    let (Some(hash), Some(value)) = (hash, value) else {
        return problem(
            "auth0_custom_hash_incomplete",
            "the object has no \"hash\": {\"value\": …}, which Auth0 requires. Put the password \
             hash in hash.value.",
        );
    };
    let family = family(algorithm);
    encodings(algorithm, family, object, hash)
        .or_else(|| salt(algorithm, family, object))
        .or_else(|| hmac(family, hash))
        .or_else(|| hash_value(algorithm, value))
}

/// Member `key` of `object` when it is present but not one of `words`, as JSON text.
fn not_one_of(object: &Map<String, Value>, key: &str, words: &[&str]) -> Option<String> {
    let value = object.get(key)?;
    (!value.as_str().is_some_and(|v| words.contains(&v))).then(|| value.to_string())
}

fn encodings(
    algorithm: &str,
    family: Family,
    object: &Map<String, Value>,
    hash: &Map<String, Value>,
) -> Option<Problem> {
    let code = "auth0_custom_hash_encoding";
    if let Some(shown) = not_one_of(hash, "encoding", &ENCODINGS) {
        return problem(
            code,
            format!("hash.encoding {shown} is not base64, hex or utf8, the encodings Auth0 knows."),
        );
    }
    let encoding = hash.get("encoding").and_then(Value::as_str);
    match family {
        Family::Digest | Family::Hmac if !matches!(encoding, Some("hex" | "base64")) => {
            return problem(
                code,
                format!(
                    "{algorithm} hashes need hash.encoding \"hex\" or \"base64\"{}. Set the \
                     encoding the hash is written in (hex has only 0-9 and a-f).",
                    encoding.map_or(String::new(), |e| format!(", not \"{e}\""))
                ),
            );
        }
        Family::SelfSalted if encoding.is_some_and(|e| e != "utf8") => {
            return problem(
                code,
                format!(
                    "{algorithm} hashes are text: hash.encoding must be \"utf8\" or left out, \
                     not \"{}\". Remove hash.encoding.",
                    encoding.unwrap_or_default()
                ),
            );
        }
        _ => {}
    }
    if let Some(key) = hash.get("key").and_then(Value::as_object)
        && let Some(shown) = not_one_of(key, "encoding", &ENCODINGS)
    {
        return problem(
            code,
            format!("hash.key.encoding {shown} is not base64, hex or utf8."),
        );
    }
    if let Some(password) = object.get("password").and_then(Value::as_object)
        && let Some(shown) = not_one_of(password, "encoding", &PASSWORD_ENCODINGS)
    {
        return problem(
            code,
            format!(
                "password.encoding {shown} is not one Auth0 knows. Use one of {}.",
                PASSWORD_ENCODINGS.join(", ")
            ),
        );
    }
    None
}

fn salt(algorithm: &str, family: Family, object: &Map<String, Value>) -> Option<Problem> {
    let code = "auth0_custom_hash_salt";
    let salt = object.get("salt")?;
    if family == Family::SelfSalted {
        return problem(
            code,
            format!(
                "{algorithm} hashes carry their salt inside hash.value, and Auth0 does not allow \
                 a separate salt for them. Remove \"salt\"."
            ),
        );
    }
    let Some(salt) = salt.as_object() else {
        return problem(
            code,
            "salt must be an object such as {\"value\": \"abc123\", \"position\": \"prefix\"}.",
        );
    };
    if !salt.get("value").is_some_and(Value::is_string) {
        return problem(
            code,
            "salt has no \"value\", which Auth0 requires. Add the salt, e.g. {\"value\": \
             \"abc123\", \"position\": \"prefix\"}, or remove \"salt\".",
        );
    }
    if let Some(shown) = not_one_of(salt, "position", &["prefix", "suffix"]) {
        return problem(
            code,
            format!(
                "salt.position {shown} is neither \"prefix\" nor \"suffix\". Say whether the salt \
                 came before the password (prefix) or after it (suffix) when hashing."
            ),
        );
    }
    not_one_of(salt, "encoding", &ENCODINGS).and_then(|shown| {
        problem(
            code,
            format!("salt.encoding {shown} is not base64, hex or utf8."),
        )
    })
}

fn hmac(family: Family, hash: &Map<String, Value>) -> Option<Problem> {
    if family != Family::Hmac {
        return None;
    }
    let code = "auth0_custom_hash_hmac";
    let digest = hash.get("digest").and_then(Value::as_str);
    if !digest.is_some_and(|d| HMAC_DIGESTS.contains(&d)) {
        return problem(
            code,
            format!(
                "hmac hashes need hash.digest, the hash function of the HMAC{}: one of {}.",
                digest.map_or(String::new(), |d| format!(" (\"{d}\" is not one)")),
                HMAC_DIGESTS.join(", ")
            ),
        );
    }
    let key = hash
        .get("key")
        .and_then(Value::as_object)
        .and_then(|k| k.get("value"))
        .and_then(Value::as_str)
        .filter(|v| !v.is_empty());
    if key.is_none() {
        return problem(
            code,
            "hmac hashes need hash.key.value, the secret key the HMAC was made with, e.g. \
             \"key\": {\"value\": \"736868\", \"encoding\": \"hex\"}.",
        );
    }
    None
}

fn hash_value(algorithm: &str, value: &str) -> Option<Problem> {
    let code = "auth0_custom_hash_value";
    match algorithm {
        "bcrypt" if !bcrypt::parse(value).is_some_and(|h| matches!(h.version, 'a' | 'b')) => {
            problem(
                code,
                "hash.value is not a bcrypt hash starting $2a$ or $2b$, like \
                 $2b$10$nFguVi9LsCAcvTZFKQlRKeLVydo8ETv483lkNsSFI/Wl1Rz1Ypo1K; Auth0 supports no \
                 other prefixes ($2$, $2x$, $2y$, …).",
            )
        }
        "argon2"
            if !["$argon2i$", "$argon2d$", "$argon2id$"]
                .iter()
                .any(|p| value.starts_with(p)) =>
        {
            problem(
                code,
                "hash.value is not an Argon2 hash in PHC string format, like \
                 $argon2id$v=19$m=65536,t=2,p=1$<salt>$<hash>.",
            )
        }
        "pbkdf2" => {
            let digest = value
                .strip_prefix("$pbkdf2-")
                .and_then(|rest| rest.split_once('$'))
                .map(|(digest, _)| digest);
            if digest.is_some_and(|d| PBKDF2_DIGESTS.contains(&d)) {
                None
            } else {
                problem(
                    code,
                    "hash.value is not a PBKDF2 hash in PHC string format with a supported \
                     digest, like $pbkdf2-sha512$i=100000,l=64$<salt>$<hash>.",
                )
            }
        }
        "ldap" => ldap_scheme(value),
        _ => None,
    }
}

/// RFC 2307 `{SCHEME}value`, the scheme one of md5, smd5, sha*, ssha*.
fn ldap_scheme(value: &str) -> Option<Problem> {
    let scheme = value
        .strip_prefix('{')
        .and_then(|rest| rest.split_once('}'))
        .map(|(scheme, _)| scheme.to_ascii_lowercase());
    let supported = scheme.as_deref().is_some_and(|s| {
        let sha = s.strip_prefix("ssha").or_else(|| s.strip_prefix("sha"));
        matches!(s, "md5" | "smd5")
            || sha.is_some_and(|bits| bits.bytes().all(|b| b.is_ascii_digit()))
    });
    if supported {
        return None;
    }
    let found = match scheme.as_deref() {
        Some("crypt") => "the {CRYPT} scheme, which Auth0 does not support".to_string(),
        Some(other) => format!("the scheme {{{}}}", other.to_ascii_uppercase()),
        None => "no {SCHEME} prefix".to_string(),
    };
    problem(
        "auth0_custom_hash_value",
        format!(
            "hash.value has {found}. LDAP hashes must be written as RFC 2307 userPassword \
             values with a scheme of MD5, SMD5, SHA* or SSHA*, like {{SSHA384}}/cgEjdoZh85…."
        ),
    )
}
