//! Runs the attempts of one request under the rules of [`retry`](super::retry): sends,
//! decides, waits (reporting each wait), and turns the last failure into a `ConnectError`.

use std::future::Future;
use std::pin::Pin;
use std::time::SystemTime;

use reqwest::StatusCode;

use super::error::{ConnectError, cause_of, is_tls};
use super::http::HttpSettings;
use super::retry::{
    Backoff, Decision, Outcome, RetryClass, RetryPolicy, Stop, Wait, WaitReason, WaitReporter,
    decide, server_delay,
};

/// A boxed future that is `Send`.
pub(crate) type SendFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A response and the request it answers, as described in messages.
pub(crate) struct Answer {
    pub request: String,
    pub response: reqwest::Response,
}

/// Why an attempt gave no response.
pub(crate) enum AttemptError {
    /// The transport failed; the retry rules decide what follows.
    Transport {
        request: String,
        error: reqwest::Error,
    },
    /// Stop at once with this error (bad address, refused credentials, failed token request).
    Stop(ConnectError),
}

impl From<ConnectError> for AttemptError {
    fn from(err: ConnectError) -> Self {
        Self::Stop(err)
    }
}

/// What one request's retries need to know.
pub(crate) struct Attempts<'a> {
    pub connection: &'a str,
    pub policy: &'a RetryPolicy,
    pub report: Option<&'a WaitReporter>,
    pub timeouts: HttpSettings,
}

/// The last failure, kept to build the error once the retries are used up.
enum Failure {
    Status {
        request: String,
        status: StatusCode,
    },
    Transport {
        request: String,
        error: reqwest::Error,
    },
}

impl Attempts<'_> {
    /// Calls `attempt` until it yields an answer the rules hand back, or fails for good.
    /// Returns the answer and the number of attempts made.
    pub(crate) async fn run<F, Fut>(
        &self,
        class: RetryClass,
        mut attempt: F,
    ) -> Result<(Answer, u32), ConnectError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<Answer, AttemptError>>,
    {
        let mut backoff = Backoff::new(self.policy);
        let mut count = 0u32;
        loop {
            count += 1;
            let (reason, asked, failure) = match attempt().await {
                Err(AttemptError::Stop(err)) => return Err(err),
                Ok(answer) => {
                    let status = answer.response.status();
                    match decide(class, Outcome::Status(status)) {
                        Decision::Done => return Ok((answer, count)),
                        Decision::Uncertain => {
                            return Err(self.uncertain(
                                answer.request,
                                format!("the server answered HTTP {status} after receiving it"),
                            ));
                        }
                        Decision::Retry(reason) => {
                            let asked = matches!(
                                status,
                                StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE
                            )
                            .then(|| server_delay(answer.response.headers(), SystemTime::now()))
                            .flatten();
                            let request = answer.request;
                            (reason, asked, Failure::Status { request, status })
                        }
                    }
                }
                Err(AttemptError::Transport { request, error }) => {
                    if is_tls(&error) {
                        return Err(ConnectError::Tls {
                            connection: self.connection.to_owned(),
                            request,
                            cause: cause_of(&error),
                        });
                    }
                    let outcome = if error.is_connect() {
                        Outcome::NotSent
                    } else if error.is_timeout() {
                        Outcome::TimedOut
                    } else {
                        Outcome::Broken
                    };
                    match decide(class, outcome) {
                        Decision::Retry(reason) => {
                            (reason, None, Failure::Transport { request, error })
                        }
                        Decision::Uncertain | Decision::Done => {
                            let cause = if error.is_timeout() {
                                format!(
                                    "no answer came within {} s",
                                    self.timeouts.request_timeout.as_secs_f64()
                                )
                            } else {
                                format!(
                                    "the connection broke before the answer ({})",
                                    cause_of(&error)
                                )
                            };
                            return Err(self.uncertain(request, cause));
                        }
                    }
                }
            };
            match backoff.next(asked) {
                Ok(delay) => {
                    if let Some(report) = self.report {
                        report(&Wait {
                            attempt: count,
                            delay,
                            reason,
                            from_server: asked.is_some(),
                        });
                    }
                    tokio::time::sleep(delay).await;
                }
                Err(stop) => return Err(self.given_up(failure, reason, count, stop)),
            }
        }
    }

    fn uncertain(&self, request: String, cause: String) -> ConnectError {
        ConnectError::Uncertain {
            connection: self.connection.to_owned(),
            request,
            cause,
        }
    }

    fn given_up(
        &self,
        failure: Failure,
        reason: WaitReason,
        attempts: u32,
        stop: Stop,
    ) -> ConnectError {
        let connection = self.connection.to_owned();
        match failure {
            Failure::Status { request, .. } if reason == WaitReason::RateLimited => {
                ConnectError::RateLimited {
                    connection,
                    request,
                    attempts,
                    wait: match stop {
                        Stop::TooLong(wait) => Some(wait),
                        Stop::Exhausted => None,
                    },
                }
            }
            Failure::Status { request, status } => ConnectError::Server {
                connection,
                request,
                status: status.as_u16(),
                attempts,
            },
            // A connect timeout sent nothing: it is a network failure like a refused connection.
            Failure::Transport { request, error } if error.is_timeout() && !error.is_connect() => {
                ConnectError::Timeout {
                    connection,
                    request,
                    attempts,
                    limit: self.timeouts.request_timeout,
                }
            }
            Failure::Transport { request, error } => ConnectError::Network {
                connection,
                request,
                attempts,
                cause: cause_of(&error),
            },
        }
    }
}
