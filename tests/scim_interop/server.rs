//! A running `scim2-server` for the interoperability test: found (`$MUSTER_SCIM2_SERVER`,
//! `PATH`, the venv `scripts/setup` makes), started on a free loopback port with one bearer
//! token, asked for its Users, and read for the requests it logged.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use muster_engine::connect::{Auth, Client, ClientConfig, RetryClass, RetryPolicy};
use muster_engine::secrets::Secret;
use muster_engine::target::connector::Outgoing;
use tempfile::TempDir;

/// The only bearer token the server takes.
pub const TOKEN: &str = "muster-interop-token";

const INSTALL: &str = "scim2-server (the SCIM 2.0 server from PyPI this test runs against) \
was not found in $MUSTER_SCIM2_SERVER, on PATH, nor in ~/.cache/muster/scim2-venv. Install it \
with scripts/setup, or by hand: python3 -m venv ~/.cache/muster/scim2-venv && \
~/.cache/muster/scim2-venv/bin/pip install scim2-server (on Debian/Ubuntu, apt-get install \
python3-venv first); or set MUSTER_SCIM2_SERVER to its executable";

/// The `scim2-server` executable: `$MUSTER_SCIM2_SERVER`, else on `PATH`, else the venv
/// `scripts/setup` makes.
fn executable() -> PathBuf {
    if let Some(path) = std::env::var_os("MUSTER_SCIM2_SERVER") {
        let path = PathBuf::from(path);
        assert!(
            path.is_file(),
            "MUSTER_SCIM2_SERVER is {}, which is not a file",
            path.display()
        );
        return path;
    }
    let on_path: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|dirs| std::env::split_paths(&dirs).collect())
        .unwrap_or_default();
    let venv = std::env::var_os("HOME")
        .map(|home| PathBuf::from(home).join(".cache/muster/scim2-venv/bin"));
    on_path
        .into_iter()
        .chain(venv)
        .map(|dir| dir.join("scim2-server"))
        .find(|path| path.is_file())
        .unwrap_or_else(|| panic!("{INSTALL}"))
}

/// A running `scim2-server` on a free loopback port, stopped when dropped.
pub struct ScimServer {
    child: Child,
    /// The SCIM base URL, `http://127.0.0.1:PORT/v2`.
    pub base: String,
    log: PathBuf,
    _dir: TempDir,
}

impl ScimServer {
    /// Starts the server with `TOKEN` as its only bearer token and waits until it answers.
    pub async fn start() -> ScimServer {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free loopback port")
            .port();
        let dir = TempDir::new().unwrap();
        let log = dir.path().join("scim2-server.log");
        let out = std::fs::File::create(&log).unwrap();
        let program = executable();
        let child = Command::new(&program)
            .args(["--hostname", "127.0.0.1", "--port", &port.to_string()])
            .args(["--bearer-token", TOKEN])
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out)
            .spawn()
            .unwrap_or_else(|e| panic!("{} could not be started: {e}", program.display()));
        let mut server = ScimServer {
            child,
            base: format!("http://127.0.0.1:{port}/v2"),
            log,
            _dir: dir,
        };
        server.wait_until_ready().await;
        server
    }

    /// Polls `/ServiceProviderConfig` until it answers 200, for up to 20 seconds.
    async fn wait_until_ready(&mut self) {
        let http = client(TOKEN);
        let url = format!("{}/ServiceProviderConfig", self.base);
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!(
                    "scim2-server exited ({status}) before answering:\n{}",
                    self.log()
                );
            }
            let answer = http.http().get(&url).bearer_auth(TOKEN).send().await;
            if answer.is_ok_and(|response| response.status().as_u16() == 200) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "scim2-server did not answer GET {url} within 20 s:\n{}",
                self.log()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// What the server wrote so far (its request log), for failure messages.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// How many requests the server logged that start with `request` ("POST /v2/Bulk ").
    pub fn requests(&self, request: &str) -> usize {
        let quoted = format!("\"{request}");
        self.log()
            .lines()
            .filter(|line| line.contains(&quoted))
            .count()
    }

    /// Asserts that the server logged exactly `expected` requests starting with `request`.
    /// The server writes a request's line after it answered it, so this waits for the lines
    /// (up to 10 seconds) before comparing.
    pub async fn assert_requests(&self, request: &str, expected: usize) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.requests(request) < expected && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert_eq!(
            self.requests(request),
            expected,
            "requests {request:?}:\n{}",
            self.log()
        );
    }

    /// Sets `nickName` on the User `user_name` with a PATCH of its own, as another system
    /// would.
    pub async fn set_nickname(&self, user_name: &str, nickname: &str) {
        let id = self.user(user_name).await.payload["id"]
            .as_str()
            .expect("the server's id")
            .to_owned();
        let url = format!("{}/Users/{id}", self.base);
        let body = format!(
            r#"{{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{{"op":"add","path":"nickName","value":"{nickname}"}}]}}"#
        );
        client(TOKEN)
            .send(RetryClass::Idempotent, |http| {
                http.patch(&url)
                    .header("Content-Type", "application/scim+json")
                    .body(body.clone())
            })
            .await
            .unwrap_or_else(|e| panic!("PATCH {url}: {e}\n{}", self.log()));
    }

    /// The Users the server lists for `filter` (all of them without one). The answer's JSON
    /// is held in an `Outgoing`'s payload: that field is the engine's JSON value, and this
    /// crate has no JSON library of its own.
    pub async fn list(&self, filter: Option<&str>) -> Outgoing {
        let url = format!("{}/Users", self.base);
        let query: Vec<(&str, &str)> = filter.map(|f| ("filter", f)).into_iter().collect();
        let response = client(TOKEN)
            .send(RetryClass::Idempotent, |http| {
                http.get(&url)
                    .query(&query)
                    .header("Accept", "application/scim+json")
            })
            .await
            .unwrap_or_else(|e| panic!("GET {url} {query:?}: {e}\n{}", self.log()));
        let mut answer = Outgoing {
            record_id: 0,
            source_row: 0,
            identifier: filter.unwrap_or_default().to_owned(),
            payload: Default::default(),
            bytes: 0,
        };
        answer.payload = response.json().await.expect("a SCIM ListResponse");
        answer
    }

    /// The one User whose `userName` is `user_name`, as the server returns it.
    pub async fn user(&self, user_name: &str) -> Outgoing {
        let mut list = self
            .list(Some(&format!("userName eq \"{user_name}\"")))
            .await;
        assert_eq!(list.payload["totalResults"], 1, "{}", list.payload);
        list.payload = list.payload["Resources"][0].take();
        list
    }
}

impl Drop for ScimServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn client(token: &str) -> Client {
    let mut config = ClientConfig::new("scim2-server", Auth::Bearer(Secret::new(token)));
    config.retry = RetryPolicy {
        min_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(50),
        ..RetryPolicy::default()
    };
    Client::new(config).unwrap()
}
