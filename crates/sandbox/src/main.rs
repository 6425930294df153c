//! `muster-sandbox`: serves every emulator on loopback until Ctrl-C.
//!
//! Usage: `muster-sandbox [--bind ADDRESS] [--auth0-port N] [--authgear-port N] [--scim-port N]
//! [--rest-port N] [--lms-port N] [--hris-port N] [--people-port N] [--job-ms N]
//! [--no-rate-limit] [--hris-employees N] [--hris-churn C,U,D,X]
//! [--hris-limit-window-secs S]`.
//! Ports default to 0 (any free port). `--bind` takes a loopback address (127.0.0.1 by
//! default); any other is refused, as the emulators hand out credentials. `--hris-churn` takes how many users each later
//! first-page list request creates, updates, deactivates and deletes. Prints each emulator's URL, the
//! throwaway credentials made for this run, and the `muster connect add` line
//! (with the secret to give it on standard input) that saves it as a connection.

use std::io::Write;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use muster_sandbox::hris::Churn;
use muster_sandbox::{Sandbox, SandboxOptions};

const USAGE: &str = "usage: muster-sandbox [--bind 127.0.0.1|::1] [--auth0-port N] [--authgear-port N] [--scim-port N] \
[--rest-port N] [--lms-port N] [--hris-port N] [--people-port N] [--job-ms N] [--no-rate-limit] \
[--hris-employees N] [--hris-churn CREATED,UPDATED,DEACTIVATED,DELETED] [--hris-limit-window-secs S]";

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
            "--bind" => options.bind = Some(muster_sandbox::parse_bind(&value)?),
            "--auth0-port" => options.ports.auth0 = port()?,
            "--authgear-port" => options.ports.authgear = port()?,
            "--scim-port" => options.ports.scim = port()?,
            "--rest-port" => options.ports.rest = port()?,
            "--lms-port" => options.ports.lms = port()?,
            "--hris-port" => options.ports.hris = port()?,
            "--people-port" => options.ports.people = port()?,
            "--hris-employees" => {
                options.hris.employees = usize::try_from(number()?).context("too many")?;
            }
            "--hris-churn" => {
                options.hris.churn_on_first_page = Some(
                    Churn::parse_counts(&value).map_err(|e| anyhow::anyhow!("--hris-churn {e}"))?,
                )
            }
            "--hris-limit-window-secs" => {
                options.hris.limit_window = Duration::from_secs(number()?.max(1));
            }
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
         Churn: POST /_sandbox/hris/churn or /_sandbox/people/churn {{\"updated\": 5, ...}}.\n\
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Option<SandboxOptions>> {
        parse_args(args.iter().map(|a| (*a).to_owned()))
    }

    #[test]
    fn hris_flags() {
        let options = parse(&[
            "--hris-employees",
            "500",
            "--hris-churn",
            "2,5,1,1",
            "--hris-limit-window-secs",
            "60",
            "--hris-port",
            "4100",
        ])
        .unwrap()
        .unwrap();
        assert_eq!(options.hris.employees, 500);
        assert_eq!(options.hris.limit_window, Duration::from_secs(60));
        assert_eq!(options.ports.hris, 4100);
        assert_eq!(
            options.hris.churn_on_first_page,
            Some(Churn {
                created: 2,
                updated: 5,
                deactivated: 1,
                reactivated: 0,
                deleted: 1
            })
        );
        assert!(parse(&["--hris-churn", "1,2"]).is_err());
        assert!(parse(&["--hris-churn", "a,b,c,d"]).is_err());
    }

    #[test]
    fn bind_takes_an_address() {
        let options = parse(&["--bind", "::1"]).unwrap().unwrap();
        assert_eq!(options.bind, Some("::1".parse().unwrap()));
        let options = parse(&["--bind", "localhost"]).unwrap().unwrap();
        assert_eq!(options.bind, Some("127.0.0.1".parse().unwrap()));
        let err = parse(&["--bind", "lan.example"]).unwrap_err().to_string();
        assert!(err.contains("loopback"), "{err}");
    }
}
