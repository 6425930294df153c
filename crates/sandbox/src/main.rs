//! `muster-sandbox`: serves every emulator on loopback until Ctrl-C.
//!
//! Usage: `muster-sandbox [--auth0-port N] [--authgear-port N] [--scim-port N]
//! [--rest-port N] [--lms-port N] [--job-ms N] [--no-rate-limit]`.
//! Ports default to 0 (any free port). Prints each emulator's URL, the
//! throwaway credentials made for this run, and the `muster connect add` line
//! (with the secret to give it on standard input) that saves it as a connection.

use std::io::Write;
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

#[tokio::main]
async fn main() -> Result<()> {
    let Some(options) = parse_args(std::env::args().skip(1))? else {
        println!("{USAGE}");
        return Ok(());
    };
    let sandbox = Sandbox::start(options)
        .await
        .context("starting the sandbox")?;

    let banner = format!(
        "Muster sandbox (loopback only; credentials are new on every start)\n{}\
         Faults: POST /_sandbox/faults on any port; request log: GET /_sandbox/requests.\n\
         Press Ctrl-C to stop.\n",
        sandbox.banner()
    );
    // The emulators serve on when nobody reads this any more (a closed pipe).
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(banner.as_bytes()).and_then(|()| out.flush());
    drop(out);

    tokio::signal::ctrl_c()
        .await
        .context("waiting for Ctrl-C")?;
    sandbox.shutdown().await.context("stopping the sandbox")?;
    Ok(())
}
