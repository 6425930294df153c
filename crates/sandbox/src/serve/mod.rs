//! Starting and stopping the sandbox: one loopback port per emulator (the targets, then
//! the sources `hris` and `people`).
//!
//! Every emulator's router is wrapped by [`instrument`] (fault layer, request
//! log, control routes) and served on 127.0.0.1 (or another loopback address the
//! options name) — never on another interface: [`SandboxOptions::bind`] refuses any
//! address but loopback — through a listener whose connections the fault layer can cut.

mod listener;

use std::io;
use std::net::{IpAddr, SocketAddr};

use axum::Router;
use axum::middleware::from_fn_with_state;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::auth0::Auth0;
use crate::authgear::Authgear;
use crate::error::SandboxError;
use crate::faults::{FaultState, Faults, RequestLog, control_router, inject};
use crate::hris::Hris;
use crate::lms::Lms;
use crate::options::SandboxOptions;
use crate::people::People;
use crate::rest::Rest;
use crate::scim::Scim;

pub(crate) use listener::ConnHandle;
use listener::KillableListener;

/// One running emulator: where it listens, its state, its faults and its log.
#[derive(Clone, Debug)]
pub struct Served<E> {
    emulator: E,
    url: String,
    addr: SocketAddr,
    faults: Faults,
    log: RequestLog,
}

impl<E> Served<E> {
    /// Base URL, e.g. `http://127.0.0.1:40123` (no trailing slash).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The socket address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The emulator's state, to inspect and steer.
    pub fn emulator(&self) -> &E {
        &self.emulator
    }

    /// The fault rules applied to its requests.
    pub fn faults(&self) -> &Faults {
        &self.faults
    }

    /// The requests it received.
    pub fn log(&self) -> &RequestLog {
        &self.log
    }
}

/// All emulators, running until [`Sandbox::shutdown`] (or until dropped).
pub struct Sandbox {
    auth0: Served<Auth0>,
    authgear: Served<Authgear>,
    scim: Served<Scim>,
    rest: Served<Rest>,
    lms: Served<Lms>,
    hris: Served<Hris>,
    people: Served<People>,
    stop: watch::Sender<bool>,
    tasks: Vec<(&'static str, JoinHandle<io::Result<()>>)>,
}

impl Sandbox {
    /// Binds every emulator's port on 127.0.0.1 (or the loopback address the options
    /// name; any other is refused) and starts serving.
    pub async fn start(options: SandboxOptions) -> Result<Sandbox, SandboxError> {
        let address = options.listen_address()?;
        let (stop, _) = watch::channel(false);
        let mut tasks = Vec::new();

        let auth0 = Auth0::with_config(options.auth0.clone());
        let auth0 = launch(
            address,
            "auth0",
            options.ports.auth0,
            auth0,
            &stop,
            &mut tasks,
            |auth0, url| {
                auth0.set_base_url(url);
                (auth0.router(), Router::new())
            },
        )
        .await?;
        let authgear = launch(
            address,
            "authgear",
            options.ports.authgear,
            Authgear::new(),
            &stop,
            &mut tasks,
            |e, _| (e.router(), Router::new()),
        )
        .await?;
        let scim = launch(
            address,
            "scim",
            options.ports.scim,
            Scim::new(),
            &stop,
            &mut tasks,
            |e, _| (e.router(), Router::new()),
        )
        .await?;
        let rest = launch(
            address,
            "rest",
            options.ports.rest,
            Rest::new(),
            &stop,
            &mut tasks,
            |e, _| (e.router(), Router::new()),
        )
        .await?;
        let lms = Lms::with_config(options.lms.clone());
        let lms = launch(
            address,
            "lms",
            options.ports.lms,
            lms,
            &stop,
            &mut tasks,
            |e, _| (e.router(), Router::new()),
        )
        .await?;
        // The sources: their churn and webhook routes are controls, like the faults'.
        let hris = Hris::with_config(options.hris.clone());
        let hris = launch(
            address,
            "hris",
            options.ports.hris,
            hris,
            &stop,
            &mut tasks,
            |e, _| (e.router(), e.control_router()),
        )
        .await?;
        let people = People::with_config(options.people.clone());
        let people = launch(
            address,
            "people",
            options.ports.people,
            people,
            &stop,
            &mut tasks,
            |e, _| (e.router(), e.control_router()),
        )
        .await?;

        Ok(Sandbox {
            auth0,
            authgear,
            scim,
            rest,
            lms,
            hris,
            people,
            stop,
            tasks,
        })
    }

    pub fn auth0(&self) -> &Served<Auth0> {
        &self.auth0
    }

    pub fn authgear(&self) -> &Served<Authgear> {
        &self.authgear
    }

    pub fn scim(&self) -> &Served<Scim> {
        &self.scim
    }

    pub fn rest(&self) -> &Served<Rest> {
        &self.rest
    }

    pub fn lms(&self) -> &Served<Lms> {
        &self.lms
    }

    /// The MangoApps HRIS Users API emulator (a source).
    pub fn hris(&self) -> &Served<Hris> {
        &self.hris
    }

    /// The paginated people API emulator (a source).
    pub fn people(&self) -> &Served<People> {
        &self.people
    }

    /// Each emulator's name and base URL, in a stable order.
    pub fn urls(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("auth0", self.auth0.url()),
            ("authgear", self.authgear.url()),
            ("scim", self.scim.url()),
            ("rest", self.rest.url()),
            ("lms", self.lms.url()),
            ("hris", self.hris.url()),
            ("people", self.people.url()),
        ]
    }

    /// Stops accepting requests, lets the ones under way finish, and waits
    /// for every server to end.
    pub async fn shutdown(self) -> Result<(), SandboxError> {
        // Nobody listening any more only means the servers already ended.
        let _ = self.stop.send(true);
        let mut first_error = None;
        for (emulator, task) in self.tasks {
            let outcome = match task.await {
                Ok(Ok(())) => Ok(()),
                Ok(Err(source)) => Err(SandboxError::Serve { emulator, source }),
                Err(join) => Err(SandboxError::Task {
                    emulator,
                    reason: join.to_string(),
                }),
            };
            if let Err(error) = outcome {
                first_error.get_or_insert(error);
            }
        }
        first_error.map_or(Ok(()), Err)
    }
}

/// Wraps an emulator's router with the fault layer and request log, and adds
/// the `/_sandbox/...` control routes (which are neither faulted nor logged).
pub fn instrument(router: Router, faults: &Faults, log: &RequestLog) -> Router {
    let state = FaultState {
        faults: faults.clone(),
        log: log.clone(),
    };
    control_router(state.clone()).merge(router.layer(from_fn_with_state(state, inject)))
}

async fn launch<E>(
    address: IpAddr,
    emulator_name: &'static str,
    port: u16,
    emulator: E,
    stop: &watch::Sender<bool>,
    tasks: &mut Vec<(&'static str, JoinHandle<io::Result<()>>)>,
    build: impl FnOnce(&E, &str) -> (Router, Router),
) -> Result<Served<E>, SandboxError> {
    // `Sandbox::start` accepted only a loopback address; checked again where it is used.
    if !address.is_loopback() {
        return Err(SandboxError::NotLoopback { address });
    }
    let socket = TcpListener::bind((address, port))
        .await
        .map_err(|source| SandboxError::Bind {
            emulator: emulator_name,
            address,
            port,
            source,
        })?;
    let addr = socket
        .local_addr()
        .map_err(|source| SandboxError::LocalAddr {
            emulator: emulator_name,
            source,
        })?;
    let url = format!("http://{addr}");
    let faults = Faults::default();
    let log = RequestLog::default();
    // `build` gives the emulator's API and its own control routes, which (like the
    // faults' routes) are neither faulted nor logged.
    let (api, controls) = build(&emulator, &url);
    let app = controls.merge(instrument(api, &faults, &log));

    let mut stopped = stop.subscribe();
    let server = axum::serve(
        KillableListener::new(socket),
        app.into_make_service_with_connect_info::<ConnHandle>(),
    )
    .with_graceful_shutdown(async move {
        // A dropped sender (the sandbox dropped) also means stop.
        let _ = stopped.wait_for(|stop| *stop).await;
    });
    tasks.push((emulator_name, tokio::spawn(async move { server.await })));

    Ok(Served {
        emulator,
        url,
        addr,
        faults,
        log,
    })
}
