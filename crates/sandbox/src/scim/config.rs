//! What the emulated SCIM service says it supports: `GET /ServiceProviderConfig`, and the
//! limits the other endpoints enforce.
//!
//! Follows RFC 7643 section 5 (the ServiceProviderConfig schema: `patch`, `bulk` with
//! `maxOperations` and `maxPayloadSize`, `filter` with `maxResults`, `changePassword`,
//! `sort`, `etag`, `authenticationSchemes`) and RFC 7644 section 4 (served at
//! `/ServiceProviderConfig`, query parameters ignored). The RFCs leave the limits to the
//! service; the emulator takes 1000 operations and 1 MiB per bulk request (the values the
//! RFC's own example shows) and 200 results per page. Sorting and password changes are not
//! offered. ETags are: every User carries `meta.version` and the endpoints honour
//! `If-Match`.

use serde_json::{Value, json};

/// Most operations one `POST /Bulk` may carry.
pub const MAX_OPERATIONS: usize = 1000;
/// Most bytes one `POST /Bulk` body may have.
pub const MAX_PAYLOAD_SIZE: usize = 1_048_576;
/// Most resources one list response returns.
pub const MAX_RESULTS: usize = 200;

/// The ServiceProviderConfig resource; `base` is the service's base URL for `meta.location`.
pub fn service_provider_config(base: &str) -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
        "documentationUri": "https://www.rfc-editor.org/rfc/rfc7644",
        "patch": { "supported": true },
        "bulk": {
            "supported": true,
            "maxOperations": MAX_OPERATIONS,
            "maxPayloadSize": MAX_PAYLOAD_SIZE
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
