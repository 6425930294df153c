//! What the service provider offers beyond the required part of the protocol, read from
//! `GET /ServiceProviderConfig` (RFC 7644 §4, the resource's schema in RFC 7643 §5):
//! PATCH (`patch.supported`), `/Bulk` (`bulk.supported`, `maxOperations`,
//! `maxPayloadSize`) and ETags (`etag.supported`). The connector asks once, on its first
//! use, and keeps the answer for the rest of its life (one run of a job).
//!
//! Choices where the RFCs are silent:
//! - A provider that does not serve the endpoint (404), refuses the request otherwise, fails
//!   on it (5xx, no connection, no answer in time) or answers something unreadable is taken
//!   to offer none of the three: Users are then created with one POST each and replaced with
//!   PUT, which every provider must take. The job goes on; a provider that is really down
//!   fails the lookups that follow, with their own message. Only refused credentials, or an
//!   address Muster does not send to, stop here, as they would stop the next request anyway.
//! - `supported` counts only when it is JSON `true`.
//! - `/Bulk` is used only when `maxOperations` and `maxPayloadSize` are positive integers:
//!   RFC 7643 §5 requires both, and without them a request's size could not be kept under
//!   the provider's limit.

use serde_json::Value;

use super::api::Api;
use crate::connect::ErrorKind;
use crate::target::connector::PushError;

/// The optional parts of RFC 7644 the connector uses, as the provider announced them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Features {
    /// Updates go as `PATCH` (RFC 7644 §3.5.2) instead of `PUT`.
    pub patch: bool,
    /// New Users go in `POST /Bulk` requests within these limits (RFC 7644 §3.7).
    pub bulk: Option<BulkLimits>,
    /// Updates carry `If-Match` with the version looked up (RFC 7644 §3.14).
    pub etag: bool,
}

/// How much one `POST /Bulk` may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BulkLimits {
    /// Operations in one request.
    pub max_operations: usize,
    /// Bytes of one request's body.
    pub max_payload_size: usize,
}

impl Features {
    /// The features a ServiceProviderConfig resource announces.
    pub fn read(config: &Value) -> Features {
        let supported = |name: &str| {
            config
                .get(name)
                .and_then(|feature| feature.get("supported"))
                .and_then(Value::as_bool)
                .unwrap_or(false)
        };
        let limit = |name: &str| {
            config
                .get("bulk")
                .and_then(|bulk| bulk.get(name))
                .and_then(Value::as_u64)
                .filter(|&limit| limit > 0)
                .map(|limit| usize::try_from(limit).unwrap_or(usize::MAX))
        };
        let bulk = match (
            supported("bulk"),
            limit("maxOperations"),
            limit("maxPayloadSize"),
        ) {
            (true, Some(max_operations), Some(max_payload_size)) => Some(BulkLimits {
                max_operations,
                max_payload_size,
            }),
            _ => None,
        };
        Features {
            patch: supported("patch"),
            bulk,
            etag: supported("etag"),
        }
    }
}

/// Asks the provider what it offers (module docs for what a failed answer means).
pub async fn discover(api: &Api) -> Result<Features, PushError> {
    match api.service_provider_config().await {
        Ok(config) => Ok(Features::read(&config)),
        Err(error) => match error.kind() {
            ErrorKind::CredentialsRefused
            | ErrorKind::BadUrl
            | ErrorKind::Tls
            | ErrorKind::Setup => Err(error.into()),
            _ => Ok(Features::default()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_full_config_offers_patch_bulk_and_etags() {
        let config = json!({
            "patch": {"supported": true},
            "bulk": {"supported": true, "maxOperations": 1000, "maxPayloadSize": 1048576},
            "etag": {"supported": true}
        });
        assert_eq!(
            Features::read(&config),
            Features {
                patch: true,
                bulk: Some(BulkLimits {
                    max_operations: 1000,
                    max_payload_size: 1_048_576
                }),
                etag: true,
            }
        );
    }

    #[test]
    fn anything_unclear_offers_nothing() {
        for config in [
            json!({}),
            json!("not an object"),
            json!({"patch": {"supported": "true"}, "etag": {}}),
            json!({"bulk": {"supported": false, "maxOperations": 10, "maxPayloadSize": 10}}),
            json!({"bulk": {"supported": true, "maxOperations": 0, "maxPayloadSize": 10}}),
            json!({"bulk": {"supported": true, "maxOperations": 10}}),
            json!({"bulk": {"supported": true, "maxOperations": -1, "maxPayloadSize": 10}}),
        ] {
            assert_eq!(Features::read(&config), Features::default(), "{config}");
        }
    }
}
