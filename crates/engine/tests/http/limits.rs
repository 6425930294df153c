//! The client-side rate limit, seen from the server.

use std::sync::Arc;
use std::time::Duration;

use muster_engine::connect::{Auth, Client, ClientConfig, RateLimit, RetryClass};

use super::{quick_retries, reply, scripted};

#[tokio::test]
async fn five_requests_at_two_per_second_never_crowd_a_window() {
    let (base, log) = scripted(vec![reply(200)]).await;
    let period = Duration::from_secs(1);
    let client = Arc::new(
        Client::new(ClientConfig {
            rate_limit: Some(RateLimit::new(2, period).unwrap()),
            retry: quick_retries(1),
            ..ClientConfig::new("mango-hr", Auth::None)
        })
        .unwrap(),
    );

    // All five at once: only the limiter spaces them.
    let tasks: Vec<_> = (0..5)
        .map(|i| {
            let client = client.clone();
            let url = format!("{base}/api/v1/users?page={i}");
            tokio::spawn(async move {
                client
                    .send(RetryClass::Idempotent, |http| http.get(&url))
                    .await
                    .map(|response| response.status())
            })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.unwrap().unwrap(), 200);
    }

    let mut arrivals: Vec<_> = log.all().iter().map(|seen| seen.at).collect();
    arrivals.sort();
    assert_eq!(arrivals.len(), 5);
    // No span of (nearly) a period holds more than the two requests the limit allows.
    // The 200 ms slack absorbs scheduling jitter between sending and arrival.
    let window = period - Duration::from_millis(200);
    for (i, start) in arrivals.iter().enumerate() {
        let inside = arrivals[i..]
            .iter()
            .filter(|at| **at - *start < window)
            .count();
        assert!(
            inside <= 2,
            "{inside} requests within {window:?} of request {i}"
        );
    }
    // Five requests at two per second take at least two seconds (0, 0.5, 1, 1.5, 2 s).
    let span = *arrivals.last().unwrap() - arrivals[0];
    assert!(
        span >= Duration::from_millis(1800),
        "five requests arrived within {span:?}"
    );
}
