//! Why a batch did not settle, sorted by what the runner must do about it.

/// A failure of a whole batch (one record's rejection is an outcome, not an error).
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    /// The request surely did not reach the target (refused before sending, rate limited,
    /// no connection): its records go back to pending and are sent on the next run.
    #[error("{message}")]
    NotSent { message: String },
    /// The request may have reached the target (timeout, server error after sending):
    /// the batch stays in flight and `resume` finds out what arrived before sending again.
    #[error("{message}")]
    Uncertain { message: String },
    /// The credentials or the connection's settings are wrong; nothing will work until the
    /// person fixes them. Nothing of the batch arrived.
    #[error("{message}")]
    Refused { message: String },
}

impl PushError {
    /// Whether the batch's records surely did not arrive.
    pub fn not_sent(&self) -> bool {
        matches!(self, PushError::NotSent { .. } | PushError::Refused { .. })
    }
}

impl From<crate::connect::ConnectError> for PushError {
    /// Sorts a request's failure by whether what it carried can have arrived.
    fn from(error: crate::connect::ConnectError) -> PushError {
        use crate::connect::ErrorKind;
        let message = error.to_string();
        match error.kind() {
            ErrorKind::CredentialsRefused
            | ErrorKind::BadUrl
            | ErrorKind::Setup
            | ErrorKind::Tls => PushError::Refused { message },
            // A 429 or an unreachable server processed nothing; a 4xx refused the request.
            ErrorKind::RateLimited
            | ErrorKind::Network
            | ErrorKind::Rejected
            | ErrorKind::NotFound => PushError::NotSent { message },
            ErrorKind::Uncertain
            | ErrorKind::Server
            | ErrorKind::Timeout
            | ErrorKind::BadResponse => PushError::Uncertain { message },
        }
    }
}
