//! Targets that take one record per request (LMS Collaborator, SCIM, generic REST): the
//! records of a batch go a few at a time, and the first error that says the run cannot go
//! on stops new requests while those under way finish.

use std::future::Future;

use futures_util::{StreamExt, TryStreamExt, stream};
use tokio::task::JoinSet;

use super::{PushError, Submitted};
use crate::job::RecordOutcome;

/// Records in flight at once: enough to hide latency, few enough to be polite.
pub(super) const AT_ONCE: usize = 4;

/// What became of one record's request.
pub(super) enum Sent {
    Settled(RecordOutcome),
    /// Not settled (sent again next run); the error tells why the run stops.
    Open(PushError),
}

/// Sends the `count` records of a batch through `send(index)`, [`AT_ONCE`] at a time.
/// `target` names the target in messages.
pub(super) async fn send_each<F, Fut>(count: usize, target: &str, send: F) -> Submitted
where
    F: Fn(usize) -> Fut,
    Fut: Future<Output = Sent> + Send + 'static,
{
    let mut outcomes: Vec<Option<RecordOutcome>> = vec![None; count];
    let mut stop: Option<PushError> = None;
    let mut running = JoinSet::new();
    let mut next = 0;
    loop {
        while running.len() < AT_ONCE && next < count && stop.is_none() {
            let sending = send(next);
            let index = next;
            running.spawn(async move { (index, sending.await) });
            next += 1;
        }
        let Some(joined) = running.join_next().await else {
            break;
        };
        let error = match joined {
            Ok((index, Sent::Settled(outcome))) => {
                outcomes[index] = Some(outcome);
                continue;
            }
            Ok((_, Sent::Open(error))) => error,
            Err(join) => PushError::Uncertain {
                message: format!("sending a record to {target} stopped: {join}"),
            },
        };
        if stop.as_ref().is_none_or(|kept| rank(&error) > rank(kept)) {
            stop = Some(error);
        }
    }
    Submitted::Settled { outcomes, stop }
}

/// Which of several errors met at once to report: refused credentials say the most,
/// then a request that surely did not arrive, then one that may have.
fn rank(error: &PushError) -> u8 {
    match error {
        PushError::Refused { .. } => 2,
        PushError::NotSent { .. } => 1,
        PushError::Uncertain { .. } => 0,
    }
}

/// Looks the `count` records of a batch up through `look(index)`, [`AT_ONCE`] at a time,
/// in the batch's order. Lookups change nothing, so the first error simply ends it.
pub(super) async fn look_each<T, F, Fut>(count: usize, look: F) -> Result<Vec<T>, PushError>
where
    F: Fn(usize) -> Fut,
    Fut: Future<Output = Result<T, PushError>>,
{
    stream::iter(0..count)
        .map(look)
        .buffered(AT_ONCE)
        .try_collect()
        .await
}
