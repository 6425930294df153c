//! `muster sandbox`: every emulator of the target and source APIs on this computer
//! (127.0.0.1 only),
//! with throwaway credentials, until Ctrl-C, so a migration can be rehearsed offline:
//! `muster connect add` with the line printed for an emulator, then `muster run … --to`
//! that connection, `muster jobs resume`, and faults set through each emulator's
//! `/_sandbox/faults`.

use std::io::Write;
use std::time::Duration;

use anyhow::{Context, Result, anyhow};
use muster_sandbox::auth0::Auth0Config;
use muster_sandbox::hris::{Churn, HrisConfig};
use muster_sandbox::{Ports, Sandbox, SandboxOptions};

#[derive(clap::Args)]
pub struct Args {
    /// The loopback address to listen on (127.0.0.1 unless given; ::1 works too). Any
    /// other address is refused: the emulators hand out credentials and take records.
    #[arg(long, value_name = "ADDRESS")]
    bind: Option<String>,
    /// Port of the LMS Collaborator emulator (0: any free port).
    #[arg(long, default_value_t = 0)]
    lms_port: u16,
    /// Port of the Auth0 emulator.
    #[arg(long, default_value_t = 0)]
    auth0_port: u16,
    /// Port of the Authgear emulator.
    #[arg(long, default_value_t = 0)]
    authgear_port: u16,
    /// Port of the SCIM 2.0 emulator.
    #[arg(long, default_value_t = 0)]
    scim_port: u16,
    /// Port of the generic REST emulator.
    #[arg(long, default_value_t = 0)]
    rest_port: u16,
    /// Port of the MangoApps HRIS Users API emulator (a source).
    #[arg(long, default_value_t = 0)]
    hris_port: u16,
    /// Port of the paginated people API emulator (a generic REST source).
    #[arg(long, default_value_t = 0)]
    people_port: u16,
    /// Employees in the HRIS emulator's directory.
    #[arg(long, value_name = "N")]
    hris_employees: Option<usize>,
    /// Changes the HRIS emulator makes before each later pull (its first page):
    /// CREATED,UPDATED,DEACTIVATED,DELETED, e.g. 3,5,1,1, so incremental syncs can be rehearsed.
    #[arg(long, value_name = "C,U,D,X")]
    hris_churn: Option<String>,
    /// The window of the HRIS emulator's hourly limits, in seconds (3600 as documented).
    #[arg(long, value_name = "SECS")]
    hris_limit_window_secs: Option<u64>,
    /// How long an Auth0 import job takes, in milliseconds (Auth0's own take seconds to minutes).
    #[arg(long, value_name = "MS")]
    auth0_job_ms: Option<u64>,
}

pub fn run(args: &Args) -> Result<()> {
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async {
        let mut auth0 = Auth0Config::default();
        if let Some(ms) = args.auth0_job_ms {
            auth0.job_duration = Duration::from_millis(ms);
        }
        let mut hris = HrisConfig::default();
        if let Some(n) = args.hris_employees {
            hris.employees = n;
        }
        if let Some(text) = &args.hris_churn {
            hris.churn_on_first_page =
                Some(Churn::parse_counts(text).map_err(|e| anyhow!("--hris-churn {e}"))?);
        }
        if let Some(secs) = args.hris_limit_window_secs {
            hris.limit_window = Duration::from_secs(secs.max(1));
        }
        let bind = args
            .bind
            .as_deref()
            .map(muster_sandbox::parse_bind)
            .transpose()?;
        let options = SandboxOptions {
            bind,
            ports: Ports {
                auth0: args.auth0_port,
                authgear: args.authgear_port,
                scim: args.scim_port,
                rest: args.rest_port,
                lms: args.lms_port,
                hris: args.hris_port,
                people: args.people_port,
            },
            auth0,
            hris,
            ..SandboxOptions::default()
        };
        let sandbox = Sandbox::start(options)
            .await
            .context("starting the sandbox")?;
        let banner = format!(
            "Muster sandbox: emulators on this computer only; stop with Ctrl-C.\n\
             Save one as a connection with its `muster connect add` line and give that the secret shown under it.\n\
             {}\
             Faults: POST /_sandbox/faults on any port (e.g. {{\"kind\":\"status\",\"status\":503,\"times\":2}}); request log: GET /_sandbox/requests.\n",
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
    })
}
