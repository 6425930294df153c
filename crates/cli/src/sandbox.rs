//! `muster sandbox`: every emulator of the target APIs on this computer (127.0.0.1 only),
//! with throwaway credentials, until Ctrl-C, so a migration can be rehearsed offline.

use anyhow::Result;
use muster_sandbox::{Ports, Sandbox, SandboxOptions};

#[derive(clap::Args)]
pub struct Args {
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
}

pub fn run(args: &Args) -> Result<()> {
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async {
        let options = SandboxOptions {
            ports: Ports {
                auth0: args.auth0_port,
                authgear: args.authgear_port,
                scim: args.scim_port,
                rest: args.rest_port,
                lms: args.lms_port,
            },
            ..SandboxOptions::default()
        };
        let sandbox = Sandbox::start(options).await?;
        println!("Muster sandbox: emulators on this computer only; stop with Ctrl-C.");
        let credentials = [
            ("auth0", sandbox.auth0().emulator().credentials()),
            ("authgear", sandbox.authgear().emulator().credentials()),
            ("scim", sandbox.scim().emulator().credentials()),
            ("rest", sandbox.rest().emulator().credentials()),
            ("lms", sandbox.lms().emulator().credentials()),
        ];
        for (name, url) in sandbox.urls() {
            println!("{name} {url}");
            if let Some((_, pairs)) = credentials.iter().find(|(n, _)| *n == name) {
                for (key, value) in pairs {
                    // Multi-line values (PEM keys) are indented to stay readable.
                    println!("  {key}: {}", value.replace('\n', "\n    "));
                }
            }
        }
        tokio::signal::ctrl_c().await?;
        sandbox.shutdown().await?;
        Ok(())
    })
}
