//! The sandbox listens on this computer only: every emulator's socket is on loopback,
//! and an address other computers could reach is refused, in words, before any port opens.

use std::net::IpAddr;

use muster_sandbox::{Sandbox, SandboxError, SandboxOptions, parse_bind};

fn options(bind: &str) -> SandboxOptions {
    SandboxOptions {
        bind: Some(bind.parse().expect("a test address")),
        ..SandboxOptions::default()
    }
}

#[tokio::test]
async fn every_emulator_listens_on_127_0_0_1() {
    let sandbox = Sandbox::start(SandboxOptions::default())
        .await
        .expect("the sandbox starts");
    let addresses = [
        sandbox.auth0().addr(),
        sandbox.authgear().addr(),
        sandbox.scim().addr(),
        sandbox.rest().addr(),
        sandbox.lms().addr(),
        sandbox.hris().addr(),
        sandbox.people().addr(),
    ];
    for addr in addresses {
        assert_eq!(addr.ip(), IpAddr::from([127, 0, 0, 1]), "{addr}");
    }
    for (name, url) in sandbox.urls() {
        assert!(url.starts_with("http://127.0.0.1:"), "{name}: {url}");
    }
    sandbox.shutdown().await.expect("the sandbox stops");
}

#[tokio::test]
async fn another_loopback_address_is_accepted() {
    let sandbox = Sandbox::start(options("::1"))
        .await
        .expect("the sandbox starts on ::1");
    assert!(sandbox.lms().addr().ip().is_loopback());
    assert!(sandbox.lms().url().starts_with("http://[::1]:"));
    sandbox.shutdown().await.expect("the sandbox stops");
}

#[tokio::test]
async fn any_address_but_loopback_is_refused_in_words() {
    for address in ["0.0.0.0", "::", "192.168.1.20", "10.0.0.1", "2001:db8::1"] {
        let refused = Sandbox::start(options(address)).await;
        let Err(error) = refused else {
            panic!("the sandbox started on {address}");
        };
        assert!(
            matches!(error, SandboxError::NotLoopback { .. }),
            "{address}: {error:?}"
        );
        let text = error.to_string();
        assert!(
            text.contains(&format!("{address} is not a loopback address"))
                && text.contains("127.0.0.1"),
            "{text}"
        );
    }
}

#[test]
fn bind_addresses_read_as_people_write_them() {
    assert_eq!(
        parse_bind("localhost").unwrap(),
        IpAddr::from([127, 0, 0, 1])
    );
    assert_eq!(parse_bind("[::1]").unwrap().to_string(), "::1");
    assert_eq!(
        parse_bind(" 127.0.0.2 ").unwrap(),
        IpAddr::from([127, 0, 0, 2])
    );
    let error = parse_bind("sandbox.example").unwrap_err().to_string();
    assert!(
        error.contains("\"sandbox.example\" is not an address"),
        "{error}"
    );
}
