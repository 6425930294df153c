//! The HTTP client every connection uses, and the rule for which addresses Muster sends to.
//!
//! Clients use rustls with the bundled web PKI roots (reqwest's `rustls-tls`), a connect
//! timeout of 10 s and a whole-request timeout of 60 s unless a connection sets others,
//! and the user agent `muster/<version>`. Records and credentials go only over HTTPS;
//! plain `http://` is accepted for this computer alone (127.0.0.0/8, `::1`, `localhost`),
//! where the emulators and test servers run.

use std::net::IpAddr;
use std::time::Duration;

use reqwest::Url;
use reqwest::redirect;

use super::error::ConnectError;

/// The user agent sent with every request.
pub const USER_AGENT: &str = concat!("muster/", env!("CARGO_PKG_VERSION"));

/// How many redirects an API request follows (each to an address [`check_url`] accepts).
const MAX_REDIRECTS: usize = 5;

/// Timeouts of a connection's HTTP client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HttpSettings {
    /// Time allowed to open the TCP and TLS connection.
    pub connect_timeout: Duration,
    /// Time allowed for a whole request, from sending to the end of the response body.
    pub request_timeout: Duration,
}

impl Default for HttpSettings {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(60),
        }
    }
}

/// Builds the client for API requests: redirects are followed only to addresses
/// [`check_url`] accepts (reqwest drops the `Authorization` header when a redirect leaves
/// the host).
pub fn build_client(
    connection: &str,
    settings: &HttpSettings,
) -> Result<reqwest::Client, ConnectError> {
    let policy = redirect::Policy::custom(|attempt| {
        if attempt.previous().len() >= MAX_REDIRECTS {
            attempt.error(format!("more than {MAX_REDIRECTS} redirects"))
        } else if let Err(err) = check_url(attempt.url().as_str()) {
            attempt.error(err.to_string())
        } else {
            attempt.follow()
        }
    });
    builder(settings)
        .redirect(policy)
        .build()
        .map_err(|err| setup_failed(connection, &err))
}

/// Builds the client for OAuth 2 token requests: no redirects at all, as the oauth2 crate
/// asks, so a token endpoint cannot bounce credentials elsewhere.
pub fn build_token_client(
    connection: &str,
    settings: &HttpSettings,
) -> Result<reqwest::Client, ConnectError> {
    builder(settings)
        .redirect(redirect::Policy::none())
        .build()
        .map_err(|err| setup_failed(connection, &err))
}

fn builder(settings: &HttpSettings) -> reqwest::ClientBuilder {
    reqwest::Client::builder()
        .use_rustls_tls()
        .connect_timeout(settings.connect_timeout)
        .timeout(settings.request_timeout)
        .user_agent(USER_AGENT)
}

fn setup_failed(connection: &str, err: &reqwest::Error) -> ConnectError {
    ConnectError::Setup {
        connection: connection.to_owned(),
        detail: format!("the HTTP client could not be built ({err})"),
    }
}

/// Query parameters that carry credentials in APIs that accept them in the address. Muster
/// never sends one: addresses end up in proxy logs, server logs and browser histories.
const CREDENTIAL_PARAMETERS: [&str; 12] = [
    "access_token",
    "api_key",
    "apikey",
    "api_token",
    "auth",
    "auth_token",
    "client_secret",
    "key",
    "password",
    "secret",
    "token",
    "refresh_token",
];

/// Parses an address and accepts it only if Muster may send data there: `https://`
/// anywhere, `http://` only to this computer. Addresses carrying a password or a
/// credential in their query (`?access_token=…`, `?api_key=…`) are refused: credentials
/// belong in the keychain and go in headers, not in an address that gets logged.
pub fn check_url(url: &str) -> Result<Url, ConnectError> {
    let bad = |shown: String, reason: String| ConnectError::BadUrl { url: shown, reason };
    let parsed = Url::parse(url.trim()).map_err(|err| {
        // An address that does not parse is shown only up to its query, which may hold a secret.
        let before_query = url.split(['?', '#']).next().unwrap_or_default();
        bad(
            before_query.to_owned(),
            format!("it is not a web address ({err})"),
        )
    })?;
    let shown = shown_url(&parsed);
    if parsed.password().is_some() {
        return Err(bad(
            shown,
            "it contains a password; store the password in the connection's secrets instead"
                .to_owned(),
        ));
    }
    if let Some(name) = credential_parameter(&parsed) {
        return Err(bad(
            shown,
            format!(
                "its query parameter \"{name}\" carries a credential, and Muster never puts credentials in an address (servers and proxies log addresses). Remove it from the address and save the credential as the connection's secret"
            ),
        ));
    }
    match parsed.scheme() {
        "https" if parsed.host().is_some() => Ok(parsed),
        "http" if is_loopback(&parsed) => Ok(parsed),
        "http" => Err(bad(
            shown,
            "Muster sends records and credentials only over https://; plain http:// is allowed only to this computer (localhost, 127.0.0.1, [::1]). Use the https:// address of the service".to_owned(),
        )),
        "https" => Err(bad(shown, "it names no server".to_owned())),
        other => Err(bad(
            shown,
            format!("\"{other}:\" addresses are not supported; use an https:// address"),
        )),
    }
}

/// `text` made safe as one URL path segment or query value: RFC 3986's unreserved
/// characters stay, every other byte is percent-encoded.
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// True for `localhost`, 127.0.0.0/8 and `::1`.
pub fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => host.eq_ignore_ascii_case("localhost"),
    }
}

/// The first query parameter of `url` that names a credential.
fn credential_parameter(url: &Url) -> Option<String> {
    url.query_pairs()
        .map(|(name, _)| name.into_owned())
        .find(|name| is_credential_name(name))
}

/// Whether a query parameter called `name` would carry a credential (`access_token`,
/// `api_key`, `token`, …).
pub(crate) fn is_credential_name(name: &str) -> bool {
    let name = name.trim().to_ascii_lowercase().replace('-', "_");
    CREDENTIAL_PARAMETERS.contains(&name.as_str())
}

/// The address as shown in messages: any password and the value of any credential
/// parameter replaced by `***`.
fn shown_url(url: &Url) -> String {
    let mut shown = url.clone();
    if shown.password().is_some() {
        let _ = shown.set_password(Some("***"));
    }
    if credential_parameter(url).is_some() {
        let pairs: Vec<(String, String)> = url
            .query_pairs()
            .map(|(name, value)| {
                let value = if is_credential_name(&name) {
                    "***".to_owned()
                } else {
                    value.into_owned()
                };
                (name.into_owned(), value)
            })
            .collect();
        shown.query_pairs_mut().clear().extend_pairs(pairs);
    }
    shown.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connect::ErrorKind;

    #[test]
    fn https_is_accepted_anywhere() {
        let url = check_url("https://acme.auth0.com/api/v2/jobs/users-imports").unwrap();
        assert_eq!(url.host_str(), Some("acme.auth0.com"));
    }

    #[test]
    fn plain_http_is_accepted_only_to_this_computer() {
        for ok in [
            "http://127.0.0.1:8080/x",
            "http://127.5.6.7/",
            "http://localhost:3000/api",
            "http://[::1]:9000/",
        ] {
            assert!(check_url(ok).is_ok(), "{ok}");
        }
        for refused in [
            "http://example.com/api",
            "http://10.0.0.5/",
            "http://[2001:db8::1]/",
        ] {
            let err = check_url(refused).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::BadUrl, "{refused}");
            let text = err.to_string();
            assert!(text.contains("only over https://"), "{text}");
            assert!(text.contains(refused.trim_end_matches('/')), "{text}");
        }
    }

    #[test]
    fn other_schemes_and_garbage_are_refused_with_a_reason() {
        let err = check_url("ftp://files.example.com/").unwrap_err();
        assert!(
            err.to_string()
                .contains("\"ftp:\" addresses are not supported"),
            "{err}"
        );
        let err = check_url("acme.auth0.com").unwrap_err();
        assert!(err.to_string().contains("not a web address"), "{err}");
    }

    #[test]
    fn a_password_in_the_address_is_refused_and_not_shown() {
        let err = check_url("https://admin:hunter2@hr.example.com/api").unwrap_err();
        let text = format!("{err} {err:?}");
        assert!(!text.contains("hunter2"), "{text}");
        assert!(text.contains("contains a password"), "{text}");
    }

    #[test]
    fn a_credential_in_the_query_is_refused_and_not_shown() {
        for url in [
            "https://api.example.com/v1/people?access_token=tok-5ecret",
            "https://api.example.com/v1/people?page=2&API-Key=tok-5ecret",
            "http://127.0.0.1:4000/users?token=tok-5ecret",
        ] {
            let Err(err) = check_url(url) else {
                panic!("{url} was accepted");
            };
            let text = format!("{err} {err:?}");
            assert_eq!(err.kind(), ErrorKind::BadUrl, "{url}");
            assert!(!text.contains("tok-5ecret"), "{text}");
            assert!(text.contains("carries a credential"), "{text}");
            assert!(
                text.contains("save the credential as the connection's secret"),
                "{text}"
            );
        }
        // Ordinary parameters are fine.
        assert!(check_url("https://api.example.com/v1/people?page=2&tokenizer=x").is_ok());
        // Garbage is shown without its query.
        let Err(err) = check_url("ht tp://x?token=tok-5ecret") else {
            panic!("garbage was accepted");
        };
        assert!(!err.to_string().contains("tok-5ecret"), "{err}");
    }

    #[test]
    fn user_agent_names_muster_and_its_version() {
        assert_eq!(USER_AGENT, format!("muster/{}", env!("CARGO_PKG_VERSION")));
    }
}
