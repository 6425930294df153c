use super::*;
use reqwest::header::HeaderValue;

fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.insert(*name, HeaderValue::from_str(value).unwrap());
    }
    map
}

#[test]
fn create_once_is_retried_only_when_nothing_was_processed() {
    use Decision::*;
    let create = RetryClass::CreateOnce;
    assert_eq!(
        decide(create, Outcome::Status(StatusCode::TOO_MANY_REQUESTS)),
        Retry(WaitReason::RateLimited)
    );
    assert_eq!(decide(create, Outcome::NotSent), Retry(WaitReason::Network));
    for status in [500, 502, 503, 504] {
        let status = StatusCode::from_u16(status).unwrap();
        assert_eq!(
            decide(create, Outcome::Status(status)),
            Uncertain,
            "{status}"
        );
    }
    assert_eq!(decide(create, Outcome::TimedOut), Uncertain);
    assert_eq!(decide(create, Outcome::Broken), Uncertain);
    assert_eq!(decide(create, Outcome::Status(StatusCode::CREATED)), Done);
    assert_eq!(
        decide(create, Outcome::Status(StatusCode::BAD_REQUEST)),
        Done
    );
}

#[test]
fn idempotent_requests_are_retried_on_server_and_network_trouble() {
    use Decision::*;
    let get = RetryClass::Idempotent;
    for status in [408, 429, 500, 502, 503, 504] {
        let code = StatusCode::from_u16(status).unwrap();
        assert!(
            matches!(decide(get, Outcome::Status(code)), Retry(_)),
            "{status}"
        );
    }
    assert_eq!(decide(get, Outcome::TimedOut), Retry(WaitReason::Timeout));
    assert_eq!(decide(get, Outcome::Broken), Retry(WaitReason::Network));
    assert_eq!(
        decide(get, Outcome::Status(StatusCode::NOT_IMPLEMENTED)),
        Done
    );
    assert_eq!(decide(get, Outcome::Status(StatusCode::NOT_FOUND)), Done);
}

#[test]
fn retry_after_in_seconds_and_as_http_date() {
    let now = UNIX_EPOCH + Duration::from_secs(1_445_412_450);
    assert_eq!(
        server_delay(&headers(&[("retry-after", "30")]), now),
        Some(Duration::from_secs(30))
    );
    // 1_445_412_480 is Wed, 21 Oct 2015 07:28:00 GMT.
    assert_eq!(
        server_delay(
            &headers(&[("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT")]),
            now
        ),
        Some(Duration::from_secs(30))
    );
    // A date already past means "now".
    let later = now + Duration::from_secs(100);
    assert_eq!(
        server_delay(
            &headers(&[("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT")]),
            later
        ),
        Some(Duration::ZERO)
    );
}

#[test]
fn x_ratelimit_reset_as_epoch_seconds_or_delta() {
    let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    assert_eq!(
        server_delay(&headers(&[("x-ratelimit-reset", "1700000012")]), now),
        Some(Duration::from_secs(12))
    );
    assert_eq!(
        server_delay(&headers(&[("x-ratelimit-reset", "7")]), now),
        Some(Duration::from_secs(7))
    );
    // Retry-After wins when both are there.
    assert_eq!(
        server_delay(
            &headers(&[("retry-after", "3"), ("x-ratelimit-reset", "1700000012")]),
            now
        ),
        Some(Duration::from_secs(3))
    );
    assert_eq!(
        server_delay(&headers(&[("retry-after", "soon")]), now),
        None
    );
    assert_eq!(server_delay(&HeaderMap::new(), now), None);
}

#[test]
fn backoff_grows_with_jitter_and_stops_after_the_attempts() {
    let policy = RetryPolicy {
        attempts: 4,
        min_delay: Duration::from_millis(100),
        max_delay: Duration::from_secs(10),
        max_wait: Duration::from_secs(60),
    };
    let mut backoff = Backoff::new(&policy);
    let first = backoff.next(None).unwrap();
    let second = backoff.next(None).unwrap();
    let third = backoff.next(None).unwrap();
    // Jitter adds up to one more step on top of 100 ms, 200 ms, 400 ms.
    assert!(
        first >= Duration::from_millis(100) && first <= Duration::from_millis(200),
        "{first:?}"
    );
    assert!(
        second >= Duration::from_millis(200) && second <= Duration::from_millis(400),
        "{second:?}"
    );
    assert!(
        third >= Duration::from_millis(400) && third <= Duration::from_millis(800),
        "{third:?}"
    );
    assert_eq!(backoff.next(None), Err(Stop::Exhausted));
}

#[test]
fn server_waits_win_up_to_the_cap() {
    let policy = RetryPolicy::default();
    let mut backoff = Backoff::new(&policy);
    assert_eq!(
        backoff.next(Some(Duration::from_secs(42))),
        Ok(Duration::from_secs(42))
    );
    assert_eq!(
        backoff.next(Some(Duration::from_secs(3600))),
        Err(Stop::TooLong(Duration::from_secs(3600)))
    );
}

#[test]
fn a_wait_reads_as_the_cli_shows_it() {
    let wait = Wait {
        attempt: 1,
        delay: Duration::from_secs(30),
        reason: WaitReason::RateLimited,
        from_server: true,
    };
    assert_eq!(wait.to_string(), "waiting 30 s (rate limit)");
    let wait = Wait {
        reason: WaitReason::ServerBusy(503),
        delay: Duration::from_millis(1500),
        ..wait
    };
    assert_eq!(wait.to_string(), "waiting 1.5 s (server busy, HTTP 503)");
}
