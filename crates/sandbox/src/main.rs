//! `muster-sandbox`: serves every emulator on loopback until Ctrl-C.
//!
//! Usage: `muster-sandbox [--auth0-port N] [--authgear-port N] [--scim-port N]
//! [--rest-port N] [--lms-port N] [--job-ms N] [--no-rate-limit]`.
//! Ports default to 0 (any free port). Prints each emulator's URL and the
//! throwaway credentials made for this run.

use std::time::Duration;

use anyhow::{Context, Result, bail};
use muster_sandbox::{Sandbox, SandboxOptions};

const USAGE: &str = "usage: muster-sandbox [--auth0-port N] [--authgear-port N] [--scim-port N] \
[--rest-port N] [--lms-port N] [--job-ms N] [--no-rate-limit]";

fn parse_args(args: impl Iterator<Item = String>) -> Result<Option<SandboxOptions>> {
    let mut options = SandboxOptions::default();
    let mut args = args.peekable();
    while let Some(flag) = args.next() {
        if flag == "--help" || flag == "-h" {
            return Ok(None);
        }
        if flag == "--no-rate-limit" {
            options.auth0.rate_limit = None;
            continue;
        }
        let value = args
            .next()
            .with_context(|| format!("{flag} needs a value\n{USAGE}"))?;
        let number = || {
            value
                .parse::<u64>()
                .with_context(|| format!("{flag} takes a number, not {value:?}"))
        };
        let port = || -> Result<u16> {
            u16::try_from(number()?).with_context(|| format!("{value} is not a port"))
        };
        match flag.as_str() {
            "--auth0-port" => options.ports.auth0 = port()?,
            "--authgear-port" => options.ports.authgear = port()?,
            "--scim-port" => options.ports.scim = port()?,
            "--rest-port" => options.ports.rest = port()?,
            "--lms-port" => options.ports.lms = port()?,
            "--job-ms" => options.auth0.job_duration = Duration::from_millis(number()?),
            other => bail!("unknown option {other}\n{USAGE}"),
        }
    }
    Ok(Some(options))
}

fn print_section(name: &str, credentials: Vec<(String, String)>) {
    println!("{name}:");
    for (key, value) in credentials {
        println!("  {key:<14} {value}");
    }
}

#[tokio::main]
async fn main() -> Result<()> {
    let Some(options) = parse_args(std::env::args().skip(1))? else {
        println!("{USAGE}");
        return Ok(());
    };
    let sandbox = Sandbox::start(options)
        .await
        .context("starting the sandbox")?;

    println!("Muster sandbox (loopback only; credentials are new on every start)");
    for (name, url) in sandbox.urls() {
        println!("  {name:<9} {url}");
    }
    print_section("auth0", sandbox.auth0().emulator().credentials());
    print_section("authgear", sandbox.authgear().emulator().credentials());
    print_section("scim", sandbox.scim().emulator().credentials());
    print_section("rest", sandbox.rest().emulator().credentials());
    print_section("lms", sandbox.lms().emulator().credentials());
    println!("Faults: POST /_sandbox/faults on any port; request log: GET /_sandbox/requests.");
    println!("Press Ctrl-C to stop.");

    tokio::signal::ctrl_c()
        .await
        .context("waiting for Ctrl-C")?;
    sandbox.shutdown().await.context("stopping the sandbox")?;
    Ok(())
}
