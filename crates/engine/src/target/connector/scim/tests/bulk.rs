use serde_json::json;

use super::*;

fn batch(count: usize) -> Vec<Outgoing> {
    (0..count)
        .map(|n| Outgoing {
            record_id: 100 + n as i64,
            source_row: n as u64 + 2,
            identifier: format!("u{n}"),
            payload: json!({"userName": format!("u{n}")}),
            bytes: 0,
        })
        .collect()
}

fn new(batch: &[Outgoing]) -> Vec<New> {
    batch
        .iter()
        .enumerate()
        .map(|(index, record)| (index, record.payload.clone()))
        .collect()
}

fn limits(max_operations: usize, max_payload_size: usize) -> BulkLimits {
    BulkLimits {
        max_operations,
        max_payload_size,
    }
}

#[test]
fn a_request_is_a_bulk_request_of_posts_with_bulk_ids() {
    let batch = batch(2);
    let (requests, alone) = pack(&batch, new(&batch), limits(10, 10_000));
    assert!(alone.is_empty());
    assert_eq!(requests.len(), 1);
    let body: Value = serde_json::from_str(&requests[0].body).unwrap();
    assert_eq!(
        body,
        json!({
            "schemas": [BULK_REQUEST_SCHEMA],
            "Operations": [
                {"method": "POST", "path": "/Users", "bulkId": "muster-100", "data": {"userName": "u0"}},
                {"method": "POST", "path": "/Users", "bulkId": "muster-101", "data": {"userName": "u1"}}
            ]
        })
    );
    assert_eq!(requests[0].bulk_ids, ["muster-100", "muster-101"]);
}

#[test]
fn requests_are_split_by_operations_and_by_bytes() {
    let batch = batch(7);
    let (requests, _) = pack(&batch, new(&batch), limits(3, 100_000));
    let sizes: Vec<usize> = requests.iter().map(|r| r.users.len()).collect();
    assert_eq!(sizes, [3, 3, 1]);

    // Room for exactly two operations per request.
    let one = envelope(&[]).len() + 80;
    let (requests, alone) = pack(&batch, new(&batch), limits(100, 2 * one));
    assert!(alone.is_empty());
    for request in &requests {
        assert!(request.body.len() <= 2 * one, "{}", request.body.len());
        assert!(request.users.len() <= 2);
    }
    let indices: Vec<usize> = requests
        .iter()
        .flat_map(|r| r.users.iter().map(|(index, _)| *index))
        .collect();
    assert_eq!(indices, [0, 1, 2, 3, 4, 5, 6], "every User once, in order");
}

#[test]
fn a_user_too_big_for_any_request_goes_alone() {
    let mut batch = batch(3);
    batch[1].payload = json!({"userName": "u1", "title": "x".repeat(500)});
    let (requests, alone) = pack(&batch, new(&batch), limits(10, 400));
    assert_eq!(alone.len(), 1);
    assert_eq!(alone[0].0, 1);
    let indices: Vec<usize> = requests
        .iter()
        .flat_map(|r| r.users.iter().map(|(index, _)| *index))
        .collect();
    assert_eq!(indices, [0, 2]);
}

#[test]
fn answers_are_read_per_operation() {
    let answer = json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkResponse"],
        "Operations": [
            {"method": "POST", "bulkId": "b", "status": "409", "response":
                {"status": "409", "scimType": "uniqueness", "detail": "taken"}},
            {"method": "POST", "bulkId": "a", "status": "201",
                "location": "https://idp.example.com/scim/v2/Users/2819c223%2Fx"},
            {"method": "POST", "bulkId": "c", "status": {"code": 400}, "response":
                {"scimType": "invalidValue", "detail": "active must be true or false"}},
            {"method": "POST", "bulkId": "d", "status": 503},
            {"method": "POST", "bulkId": "e", "status": "201", "response": {"id": "e-id"}},
            {"method": "POST", "bulkId": "f", "status": "created"}
        ]
    });
    let ids: Vec<String> = ["a", "b", "c", "d", "e", "f", "g"]
        .map(String::from)
        .to_vec();
    let read = read(&answer, &ids);
    assert_eq!(read[0], Answered::Created(Some("2819c223/x".to_owned())));
    assert_eq!(
        read[1],
        Answered::Refused(ScimRefusal {
            status: 409,
            scim_type: Some("uniqueness".to_owned()),
            detail: "taken".to_owned()
        })
    );
    assert_eq!(
        read[2],
        Answered::Refused(ScimRefusal {
            status: 400,
            scim_type: Some("invalidValue".to_owned()),
            detail: "active must be true or false".to_owned()
        })
    );
    assert!(
        matches!(&read[3], Answered::Unknown(why) if why.contains("HTTP 503")),
        "{:?}",
        read[3]
    );
    assert_eq!(read[4], Answered::Created(Some("e-id".to_owned())));
    assert!(matches!(read[5], Answered::Unknown(_)));
    assert_eq!(
        read[6],
        Answered::Unknown("the server's answer does not mention it".to_owned())
    );
}

#[test]
fn an_answer_without_bulk_ids_is_read_in_order_when_it_has_every_operation() {
    let ids = ["a", "b"].map(String::from).to_vec();
    let answer = json!({"Operations": [
        {"status": "201", "location": "/scim/v2/Users/1/"},
        {"status": "201", "location": "/scim/v2/Users/2"}
    ]});
    assert_eq!(
        read(&answer, &ids),
        [
            Answered::Created(Some("1".to_owned())),
            Answered::Created(Some("2".to_owned()))
        ]
    );
    let short = json!({"Operations": [{"status": "201", "location": "/Users/1"}]});
    assert!(
        read(&short, &ids)
            .iter()
            .all(|a| matches!(a, Answered::Unknown(_)))
    );
    assert!(
        read(&json!("nonsense"), &ids)
            .iter()
            .all(|a| matches!(a, Answered::Unknown(_)))
    );
}

#[test]
fn percent_escapes_in_ids_are_decoded() {
    assert_eq!(percent_decoded("a%20b%2Fc"), "a b/c");
    assert_eq!(percent_decoded("100%"), "100%");
    assert_eq!(percent_decoded("%zz"), "%zz");
    assert_eq!(percent_decoded("%FF"), "%FF", "not UTF-8: kept");
    assert_eq!(
        id_from_location("https://h/Users/abc?x=1#f"),
        Some("abc".into())
    );
    assert_eq!(id_from_location(""), None);
}
