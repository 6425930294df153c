//! The `X-MangoApps-Signature` header: `sha256=<hex>`, the HMAC-SHA256 of the raw request
//! body keyed with the webhook secret (reference document 001, "Webhook Security").
//!
//! The check runs over the body bytes exactly as they arrived, before any parsing: a body
//! re-serialised from parsed JSON would not hash the same. The comparison is constant-time
//! (`Mac::verify_slice`), so the answer's timing tells a forger nothing about how much of a
//! guessed signature was right. No error names the secret or the expected signature.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::secrets::Secret;

/// The header the source signs its deliveries in.
pub const SIGNATURE_HEADER: &str = "X-MangoApps-Signature";

/// Why a delivery's signature was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error(
        "the request has no {SIGNATURE_HEADER} header; only signed deliveries from the source are accepted"
    )]
    Missing,
    #[error(
        "the {SIGNATURE_HEADER} header is not of the form sha256=<hex digest>; check that the sender signs with HMAC-SHA256"
    )]
    Malformed,
    #[error(
        "the {SIGNATURE_HEADER} header does not match the body signed with this connection's webhook secret; the request was not sent by the source, was altered on the way, or the saved webhook_secret is not the one set at the source"
    )]
    Mismatch,
    #[error(
        "no webhook secret is set for this connection, so no delivery can be verified; save it with `muster connect secret`"
    )]
    NoSecret,
}

type HmacSha256 = Hmac<Sha256>;

/// Checks `header` (the value of [`SIGNATURE_HEADER`], if the request had one) against
/// `body` signed with `secret`. The `sha256=` prefix and the hex digits may be in either case.
pub fn verify(secret: &Secret, header: Option<&str>, body: &[u8]) -> Result<(), SignatureError> {
    if secret.is_empty() {
        return Err(SignatureError::NoSecret);
    }
    let header = header.ok_or(SignatureError::Missing)?.trim();
    let (scheme, hex_digest) = header.split_once('=').ok_or(SignatureError::Malformed)?;
    if !scheme.trim().eq_ignore_ascii_case("sha256") {
        return Err(SignatureError::Malformed);
    }
    let given = hex::decode(hex_digest.trim()).map_err(|_| SignatureError::Malformed)?;
    if given.len() != 32 {
        return Err(SignatureError::Malformed);
    }
    mac(secret, body)
        .verify_slice(&given)
        .map_err(|_| SignatureError::Mismatch)
}

/// The header value a source would send for `body`: `sha256=<lowercase hex>`. For tests,
/// emulators and people checking their own sender.
pub fn sign(secret: &Secret, body: &[u8]) -> String {
    format!(
        "sha256={}",
        hex::encode(mac(secret, body).finalize().into_bytes())
    )
}

/// The lowercase hex SHA-256 of a body: the same body delivered twice (a retry after a
/// lost 200, or a replay) has the same digest, which the journal keeps once.
pub fn digest(body: &[u8]) -> String {
    hex::encode(Sha256::digest(body))
}

fn mac(secret: &Secret, body: &[u8]) -> HmacSha256 {
    // HMAC takes a key of any length (a long one is hashed first), so this never fails;
    // the fallback keeps the code free of a panic path all the same.
    let mut mac = HmacSha256::new_from_slice(secret.expose().as_bytes())
        .unwrap_or_else(|_| <HmacSha256 as Mac>::new(&Default::default()));
    mac.update(body);
    mac
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &[u8] =
        br#"{"event":"user.created","timestamp":"2025-11-18T15:30:00Z","data":{"uid":"E1"}}"#;

    fn secret() -> Secret {
        Secret::new("whsec-test-123")
    }

    #[test]
    fn a_body_signed_with_the_secret_passes_whatever_the_case_of_prefix_and_digits() {
        let header = sign(&secret(), BODY);
        assert!(header.starts_with("sha256="));
        assert_eq!(verify(&secret(), Some(&header), BODY), Ok(()));
        let shouted = format!("SHA256={}", header["sha256=".len()..].to_uppercase());
        assert_eq!(verify(&secret(), Some(&shouted), BODY), Ok(()));
    }

    #[test]
    fn a_known_vector_matches() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        let header = sign(&Secret::new("Jefe"), b"what do ya want for nothing?");
        assert_eq!(
            header,
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn a_forged_or_altered_delivery_is_a_mismatch() {
        let header = sign(&Secret::new("another secret"), BODY);
        assert_eq!(
            verify(&secret(), Some(&header), BODY),
            Err(SignatureError::Mismatch)
        );
        let good = sign(&secret(), BODY);
        let altered =
            br#"{"event":"user.created","timestamp":"2025-11-18T15:30:00Z","data":{"uid":"E2"}}"#;
        assert_eq!(
            verify(&secret(), Some(&good), altered),
            Err(SignatureError::Mismatch)
        );
    }

    #[test]
    fn a_missing_or_malformed_header_says_so() {
        assert_eq!(verify(&secret(), None, BODY), Err(SignatureError::Missing));
        let digest = &sign(&secret(), BODY)["sha256=".len()..];
        for header in [
            "",
            digest,
            &format!("sha1={digest}"),
            "sha256=not-hex",
            "sha256=abcd",
        ] {
            assert_eq!(
                verify(&secret(), Some(header), BODY),
                Err(SignatureError::Malformed),
                "{header}"
            );
        }
        assert_eq!(
            verify(&Secret::new(""), Some(&sign(&secret(), BODY)), BODY),
            Err(SignatureError::NoSecret)
        );
    }

    #[test]
    fn no_message_shows_the_secret_or_a_signature() {
        let good = sign(&secret(), BODY);
        for error in [
            SignatureError::Missing,
            SignatureError::Malformed,
            SignatureError::Mismatch,
        ] {
            let text = error.to_string();
            assert!(!text.contains("whsec"), "{text}");
            assert!(!text.contains(&good["sha256=".len()..]), "{text}");
        }
    }

    #[test]
    fn the_digest_is_lowercase_hex_sha256() {
        assert_eq!(
            digest(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
