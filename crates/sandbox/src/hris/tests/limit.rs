//! The per-token rate limits, with a short window.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::serve;
use crate::hris::{Hris, HrisConfig};

#[tokio::test]
async fn a_full_window_is_429_with_retry_after_until_a_slot_frees() {
    let hris = Hris::with_config(HrisConfig {
        employees: 10,
        list_per_hour: 3,
        lookup_per_hour: 2,
        limit_window: Duration::from_secs(2),
        ..HrisConfig::default()
    });
    let client = serve(&hris).await;
    let token = Some(client.token.as_str());
    for remaining in ["2", "1", "0"] {
        let (status, headers, _) = client.get_as("/api/v1/users", token).await;
        assert_eq!(status, 200);
        assert_eq!(headers["x-ratelimit-limit"], "3");
        assert_eq!(headers["x-ratelimit-remaining"], remaining);
    }
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    for _ in 0..3 {
        let (status, headers, body) = client.get_as("/api/v1/users", token).await;
        assert_eq!(status, 429);
        assert_eq!(body["error"]["code"], "rate_limit_exceeded");
        let retry: u64 = headers["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((1..=2).contains(&retry), "{retry}");
        assert_eq!(headers["x-ratelimit-remaining"], "0");
        let reset: u64 = headers["x-ratelimit-reset"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((now..=now + 3).contains(&reset), "{reset} vs {now}");
    }
    // Another token and the lookups have limits of their own.
    let (status, _, _) = client
        .get_as("/api/v1/users", Some(hris.admin_token()))
        .await;
    assert_eq!(status, 200);
    let live = (1..=10)
        .map(|n| format!("E{}", 1_000_000 + n))
        .find(|uid| hris.user(uid).is_some_and(|u| u["deleted_at"].is_null()))
        .unwrap();
    let (status, headers, _) = client.get_as(&format!("/api/v1/users/{live}"), token).await;
    assert_eq!(
        (status, &headers["x-ratelimit-limit"]),
        (200, &"2".parse().unwrap())
    );

    tokio::time::sleep(Duration::from_millis(2_100)).await;
    let (status, headers, _) = client.get_as("/api/v1/users", token).await;
    assert_eq!(status, 200, "the refused requests did not count");
    assert_eq!(headers["x-ratelimit-remaining"], "2");
}
