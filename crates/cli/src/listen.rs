//! `muster listen --from SOURCE --to CONNECTION --profile P`: receives a source's webhooks
//! (reference document 001, "Webhooks for Real-Time Updates", "Webhook Security") and
//! pushes the changes to the target through the profile, as `muster run` would push a file.
//!
//! `POST /webhook` checks `X-MangoApps-Signature` against the source connection's
//! `webhook_secret` (401 when it does not match, nothing kept), reads the body as a user
//! event (400 when it is not one), journals it in the store before answering 200 (500 when
//! it cannot, so that the source retries), and answers a body received before with 200
//! `duplicate`. Every half second, and once more on Ctrl-C before it exits, the applier
//! turns the events received into one job: the newest change per user, never one older than
//! a change already applied (`muster_engine::source::webhook::apply`).
//!
//! It listens on 127.0.0.1 unless told otherwise: the source must reach it over HTTPS
//! (001, "HTTPS Endpoints"), which a reverse proxy in front of it provides.

mod applier;
mod batch;
mod server;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result};
use muster_engine::job::Policy;
use muster_engine::mapping::Profile;
use muster_engine::secrets::{Keychain, SecretStore};
use muster_engine::target::connector::Target;
use tokio::sync::Notify;

use crate::run::{PolicyArg, push_target};
use crate::store_args::StoreArgs;

/// The keychain name of the secret a source signs its webhooks with.
pub const WEBHOOK_SECRET: &str = "webhook_secret";

#[derive(clap::Args)]
pub struct Args {
    /// The saved source connection the webhooks come from; its webhook_secret verifies them.
    #[arg(long, value_name = "CONNECTION")]
    from: String,
    /// The saved connection to push the changes to.
    #[arg(long, value_name = "CONNECTION")]
    to: String,
    /// The mapping profile (TOML) from the source's users to the target's fields; nested
    /// fields are dotted columns, e.g. manager.uid.
    #[arg(long)]
    profile: PathBuf,
    /// The port to listen on.
    #[arg(long, default_value_t = 8787)]
    port: u16,
    /// The address to listen on; anything but loopback must sit behind an HTTPS proxy.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    bind: IpAddr,
    /// What to do with users that exist at the target already.
    #[arg(long, value_enum, default_value_t = PolicyArg::Update)]
    policy: PolicyArg,
    #[command(flatten)]
    store: StoreArgs,
}

/// Runs until Ctrl-C (or SIGTERM), then applies what was received and exits.
pub fn run(args: &Args) -> Result<()> {
    let store = args.store.open()?;
    store.connection(&args.from)?;
    let secret = Keychain
        .get(&args.from, WEBHOOK_SECRET)?
        .filter(|s| !s.is_empty())
        .with_context(|| {
            format!(
                "no webhook secret is saved for \"{from}\", so no delivery could be verified; save the one set at the source with `muster connect secret {from} {WEBHOOK_SECRET}` (it reads it from standard input)",
                from = args.from
            )
        })?;
    let profile_text = std::fs::read_to_string(&args.profile)
        .with_context(|| format!("cannot read the profile {}", args.profile.display()))?;
    let profile = Profile::from_toml(&profile_text)?;
    let profile_dir = args.profile.parent().unwrap_or(std::path::Path::new("."));
    let catalog = profile.catalog(profile_dir)?;
    let runtime = tokio::runtime::Runtime::new()?;
    let policy = Policy::from(args.policy);
    // A listener runs for days: `--to sandbox` gives an emulator for as long.
    let (target, _sandbox) = push_target(&runtime, &store, &args.to, catalog.target, policy)?;
    // The server journals through its own connection to the store, the applier through
    // this one: a push never holds up an answer to the source (WAL lets both work).
    let receiving = args.store.open()?;
    let folder = batch::Folder::create()?;
    let unfinished = applier::unfinished(&store, &args.from)?;

    runtime.block_on(async {
        let address = SocketAddr::new(args.bind, args.port);
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .with_context(|| {
                format!("cannot listen on {address}; is another program using port {}? Pick another with --port", args.port)
            })?;
        let address = listener.local_addr().unwrap_or(address);
        if !args.bind.is_loopback() {
            eprintln!(
                "warning: listening on {address}, beyond this computer. The source must reach it over HTTPS only: put a reverse proxy with a certificate in front of it and give the source the proxy's https:// address."
            );
        }
        let wake = Arc::new(Notify::new());
        let receiver = Arc::new(server::Receiver {
            connection: args.from.clone(),
            secret,
            store: Mutex::new(receiving),
            wake: Arc::clone(&wake),
        });
        let stop = Arc::new(Notify::new());
        let serving = tokio::spawn(server::serve(listener, receiver, Arc::clone(&stop)));
        println!(
            "listening on http://{address}/webhook for webhooks from \"{}\", pushing to {}; Ctrl-C stops",
            args.from,
            target.describe()
        );
        let mut applier = applier::Applier {
            store,
            from: &args.from,
            to: &args.to,
            target: &target,
            profile: &profile,
            profile_path: &args.profile,
            profile_text: &profile_text,
            policy,
            folder: &folder,
            unfinished,
            wait_until: None,
        };
        applier.run(&wake, stopped()).await;
        // No more deliveries: finish the answers under way, then apply what they journaled.
        stop.notify_one();
        match serving.await {
            Ok(Ok(())) => {}
            Ok(Err(error)) => eprintln!("the webhook server stopped: {error:#}"),
            Err(error) => eprintln!("the webhook server stopped: {error}"),
        }
        applier.last_round().await;
        Ok(())
    })
}

/// Resolves on Ctrl-C, or SIGTERM where there is one (a service manager stopping it).
async fn stopped() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
