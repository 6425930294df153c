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

/// Parses an address and accepts it only if Muster may send data there: `https://`
/// anywhere, `http://` only to this computer. Addresses carrying a password are refused
/// (credentials belong in the keychain, not in an address that gets logged).
pub fn check_url(url: &str) -> Result<Url, ConnectError> {
    let bad = |shown: String, reason: String| ConnectError::BadUrl { url: shown, reason };
    let parsed = Url::parse(url.trim())
        .map_err(|err| bad(url.to_owned(), format!("it is not a web address ({err})")))?;
    let shown = shown_url(&parsed);
    if parsed.password().is_some() {
        return Err(bad(
            shown,
            "it contains a password; store the password in the connection's secrets instead"
                .to_owned(),
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

/// The address as shown in messages: any password replaced by `***`.
fn shown_url(url: &Url) -> String {
    let mut shown = url.clone();
    if shown.password().is_some() {
        let _ = shown.set_password(Some("***"));
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
    fn user_agent_names_muster_and_its_version() {
        assert_eq!(USER_AGENT, format!("muster/{}", env!("CARGO_PKG_VERSION")));
    }
}
