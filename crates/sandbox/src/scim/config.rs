//! What the emulated SCIM service says it supports: `GET /ServiceProviderConfig`, and the
//! limits the other endpoints enforce.
//!
//! Follows RFC 7643 section 5 (the ServiceProviderConfig schema: `patch`, `bulk` with
//! `maxOperations` and `maxPayloadSize`, `filter` with `maxResults`, `changePassword`,
//! `sort`, `etag`, `authenticationSchemes`) and RFC 7644 section 4 (served at
//! `/ServiceProviderConfig`, query parameters ignored). The RFCs leave the limits to the
//! service; by default the emulator takes 1000 operations and 1 MiB per bulk request (the
//! values the RFC's own example shows) and 200 results per page. Sorting and password
//! changes are not offered. ETags are: every User carries `meta.version` and the endpoints
//! honour `If-Match`.
//!
//! Tests can make the service offer less ([`Offered`]): no PATCH, no `/Bulk`, or smaller
//! bulk limits, to play the many providers that implement only the required part of RFC
//! 7644. What is not offered is said so in the ServiceProviderConfig (`supported: false`,
//! limits 0) and answered 501 Not Implemented, the status RFC 7644 section 3.12 gives for
//! "service provider does not support the request operation".

use serde_json::{Value, json};

/// Most operations one `POST /Bulk` may carry, by default.
pub const MAX_OPERATIONS: usize = 1000;
/// Most bytes one `POST /Bulk` body may have, by default.
pub const MAX_PAYLOAD_SIZE: usize = 1_048_576;
/// Most resources one list response returns.
pub const MAX_RESULTS: usize = 200;

/// The optional parts of RFC 7644 the service offers, and its bulk limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Offered {
    /// `PATCH /Users/{id}` (and PATCH operations in a bulk request).
    pub patch: bool,
    /// `POST /Bulk`.
    pub bulk: bool,
    /// Most operations one `POST /Bulk` may carry.
    pub max_operations: usize,
    /// Most bytes one `POST /Bulk` body may have (at most [`MAX_PAYLOAD_SIZE`] is read).
    pub max_payload_size: usize,
}

impl Default for Offered {
    /// Everything, with the default limits.
    fn default() -> Offered {
        Offered {
            patch: true,
            bulk: true,
            max_operations: MAX_OPERATIONS,
            max_payload_size: MAX_PAYLOAD_SIZE,
        }
    }
}

impl Offered {
    /// Only what RFC 7644 requires: no PATCH, no `/Bulk`.
    pub fn minimal() -> Offered {
        Offered {
            patch: false,
            bulk: false,
            ..Offered::default()
        }
    }
}

/// The ServiceProviderConfig resource; `base` is the service's base URL for `meta.location`.
pub fn service_provider_config(base: &str, offered: &Offered) -> Value {
    let (max_operations, max_payload_size) = if offered.bulk {
        (offered.max_operations, offered.max_payload_size)
    } else {
        (0, 0)
    };
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
        "documentationUri": "https://www.rfc-editor.org/rfc/rfc7644",
        "patch": { "supported": offered.patch },
        "bulk": {
            "supported": offered.bulk,
            "maxOperations": max_operations,
            "maxPayloadSize": max_payload_size
        },
        "filter": { "supported": true, "maxResults": MAX_RESULTS },
        "changePassword": { "supported": false },
        "sort": { "supported": false },
        "etag": { "supported": true },
        "authenticationSchemes": [{
            "type": "oauthbearertoken",
            "name": "OAuth Bearer Token",
            "description": "Authentication with the bearer token the sandbox prints at start",
            "specUri": "https://www.rfc-editor.org/rfc/rfc6750",
            "primary": true
        }],
        "meta": {
            "resourceType": "ServiceProviderConfig",
            "location": format!("{base}/ServiceProviderConfig")
        }
    })
}
