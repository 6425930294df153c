//! The HTTP and auth layer (`muster_engine::connect`) against real servers on loopback:
//! axum servers that script their answers and record every request they see, and a raw
//! TCP server for connections that break.

#[path = "http/failures.rs"]
mod failures;
#[path = "http/limits.rs"]
mod limits;
#[path = "http/oauth.rs"]
mod oauth;
#[path = "http/retries.rs"]
mod retries;
#[path = "http/schemes.rs"]
mod schemes;
#[path = "http/test_keys.rs"]
mod test_keys;

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::Response;
use muster_engine::connect::{Auth, Client, ClientConfig, RetryPolicy, Wait};

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub at: Instant,
    pub method: Method,
    pub path: String,
    pub headers: HeaderMap,
    pub body: String,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The fields of an `application/x-www-form-urlencoded` body.
    pub fn form(&self) -> Vec<(String, String)> {
        let url = reqwest::Url::parse(&format!("http://form.invalid/?{}", self.body)).unwrap();
        url.query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }

    pub fn field(&self, name: &str) -> Option<String> {
        self.form()
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }
}

/// Everything a server saw, in order.
#[derive(Debug, Default)]
pub struct Log(Mutex<Vec<Seen>>);

impl Log {
    pub fn record(&self, seen: Seen) {
        self.0.lock().unwrap().push(seen);
    }

    pub fn all(&self) -> Vec<Seen> {
        self.0.lock().unwrap().clone()
    }

    pub fn count(&self) -> usize {
        self.0.lock().unwrap().len()
    }

    pub fn count_path(&self, path: &str) -> usize {
        self.0
            .lock()
            .unwrap()
            .iter()
            .filter(|s| s.path == path)
            .count()
    }
}

/// A scripted answer.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
}

pub fn reply(status: u16) -> Reply {
    Reply {
        status,
        headers: Vec::new(),
        body: String::new(),
    }
}

impl Reply {
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    pub fn body(mut self, body: impl Into<String>) -> Self {
        self.body = body.into();
        self
    }

    pub fn into_response(self) -> Response {
        let mut response = Response::builder().status(StatusCode::from_u16(self.status).unwrap());
        for (name, value) in self.headers {
            response = response.header(name, value);
        }
        response.body(Body::from(self.body)).unwrap()
    }
}

struct Script {
    replies: Mutex<VecDeque<Reply>>,
    log: Arc<Log>,
}

async fn scripted_handler(
    State(script): State<Arc<Script>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: String,
) -> Response {
    script.log.record(Seen {
        at: Instant::now(),
        method,
        path: uri.path().to_owned(),
        headers,
        body,
    });
    let mut replies = script.replies.lock().unwrap();
    // The last reply repeats once the script is used up.
    let next = if replies.len() > 1 {
        replies.pop_front().unwrap()
    } else {
        replies.front().cloned().unwrap()
    };
    next.into_response()
}

/// Serves `router` on a free loopback port; returns `http://127.0.0.1:PORT`.
pub async fn serve(router: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{address}")
}

/// A router answering every request with the next of `replies`, and the log it fills.
pub fn scripted_router(replies: Vec<Reply>) -> (Router, Arc<Log>) {
    assert!(!replies.is_empty());
    let log = Arc::new(Log::default());
    let script = Arc::new(Script {
        replies: Mutex::new(replies.into()),
        log: log.clone(),
    });
    (
        Router::new().fallback(scripted_handler).with_state(script),
        log,
    )
}

/// A server answering every request with the next of `replies`; returns its address and log.
pub async fn scripted(replies: Vec<Reply>) -> (String, Arc<Log>) {
    let (router, log) = scripted_router(replies);
    (serve(router).await, log)
}

/// Short waits so the tests run fast; the server's own `Retry-After` still wins.
pub fn quick_retries(attempts: u32) -> RetryPolicy {
    RetryPolicy {
        attempts,
        min_delay: Duration::from_millis(20),
        max_delay: Duration::from_millis(100),
        max_wait: Duration::from_secs(10),
    }
}

/// A client for `connection` with quick retries, and the waits it reports.
pub fn client_with(config: ClientConfig) -> (Client, Arc<Mutex<Vec<Wait>>>) {
    let waits = Arc::new(Mutex::new(Vec::new()));
    let seen = waits.clone();
    let client = Client::new(config)
        .unwrap()
        .on_wait(move |wait| seen.lock().unwrap().push(*wait));
    (client, waits)
}

pub fn config(auth: Auth, attempts: u32) -> ClientConfig {
    ClientConfig {
        retry: quick_retries(attempts),
        ..ClientConfig::new("test-connection", auth)
    }
}
