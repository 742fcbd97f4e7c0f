//! Table tests of the outbox: acceptance, the delivery lifecycle for every kind of answer, backoff, requests,
//! plans, and the "My reports" view.

use super::http::{self, Answer, AnswerBody};
use super::view::my_reports;
use super::*;
use crate::complaint::model::{Contact, Cue};
use crate::i18n::Lang;

const NOW: i64 = 1_764_374_400_000; // 2025-11-29 00:00 UTC
const RECEIPT: &str = "R-7K3M-Q9XD-2HVB-WN4P";

/// The validation tests' valid submission, with a cue, a contact and a note that needs escaping.
fn submission() -> ComplaintSubmission {
    let mut s = crate::complaint::validate::tests::good();
    s.note = "Quảng cáo \"khỏi 100%\"\nsau 3 ngày\t".into();
    s.promotion.cues.push(Cue {
        kind: "discount_code".into(),
        text: "GIAM50".into(),
        start: 10,
        end: 16,
    });
    s.contact = Some(Contact {
        value: "lan@example.org".into(),
        consent: true,
    });
    s.created = NOW - 60_000;
    s
}

fn http(status: u16, retry_after: Option<&str>, json: &str) -> Answer {
    Answer::Http {
        status,
        retry_after: retry_after.map(String::from),
        body: AnswerBody::from_json(json),
    }
}

fn created() -> String {
    format!(r#"{{"receipt":"{RECEIPT}","status":"received","received":{NOW},"duplicate":false}}"#)
}

#[test]
fn accept_validates_and_queues_at_once() {
    let e = accept(&submission(), NOW).unwrap();
    assert_eq!(e.summary.id, submission().id);
    assert_eq!(e.delivery.state, DeliveryState::Queued);
    assert!(e.delivery.is_due(NOW));
    assert_eq!(e.summary.platform, "tiktok");
    assert_eq!(e.summary.category, "misleading_claim");
    let mut bad = submission();
    bad.category = "nope".into();
    bad.id = "x".into();
    let codes: Vec<_> = accept(&bad, NOW).unwrap_err().iter().map(|e| e.code).collect();
    assert_eq!(codes, ["id_invalid", "category_unknown"]);
}

/// A settle case: name, answer, state after, last_error, next attempt in ms after NOW (when retried).
type SettleCase = (&'static str, Answer, DeliveryState, Option<&'static str>, Option<i64>);

/// Every kind of answer.
#[test]
fn settle_table() {
    let invalid = r#"{"error":{"code":"invalid_field","message":"…","fields":[{"field":"note","code":"note_too_long","message":"…"}]}}"#;
    let cases: Vec<SettleCase> = vec![
        (
            "201 created",
            http(201, None, &created()),
            DeliveryState::Delivered,
            None,
            None,
        ),
        (
            "200 duplicate",
            http(200, None, &created()),
            DeliveryState::Delivered,
            None,
            None,
        ),
        (
            "2xx without receipt",
            http(201, None, "{}"),
            DeliveryState::Queued,
            Some("bad_answer"),
            Some(2_000),
        ),
        (
            "400 bad json",
            http(400, None, r#"{"error":{"code":"bad_json"}}"#),
            DeliveryState::Refused,
            Some("http_400"),
            None,
        ),
        (
            "413",
            http(413, None, ""),
            DeliveryState::Refused,
            Some("http_413"),
            None,
        ),
        (
            "415",
            http(415, None, ""),
            DeliveryState::Refused,
            Some("http_415"),
            None,
        ),
        (
            "422",
            http(422, None, invalid),
            DeliveryState::Refused,
            Some("http_422"),
            None,
        ),
        (
            "429 retry-after",
            http(429, Some("120"), ""),
            DeliveryState::Queued,
            Some("rate_limited"),
            Some(120_000),
        ),
        (
            "429 tiny",
            http(429, Some("0"), ""),
            DeliveryState::Queued,
            Some("rate_limited"),
            Some(1_000),
        ),
        (
            "429 huge",
            http(429, Some("999999"), ""),
            DeliveryState::Queued,
            Some("rate_limited"),
            Some(RETRY_AFTER_CAP_MS),
        ),
        (
            "429 date",
            http(429, Some("Wed, 21 Oct 2015 07:28:00 GMT"), ""),
            DeliveryState::Queued,
            Some("rate_limited"),
            Some(2_000),
        ),
        (
            "500",
            http(500, None, r#"{"error":{"code":"internal"}}"#),
            DeliveryState::Queued,
            Some("http_500"),
            Some(2_000),
        ),
        (
            "503",
            http(503, None, ""),
            DeliveryState::Queued,
            Some("http_503"),
            Some(2_000),
        ),
        (
            "404 wrong server",
            http(404, None, ""),
            DeliveryState::Queued,
            Some("http_404"),
            Some(2_000),
        ),
        (
            "network",
            Answer::Network,
            DeliveryState::Queued,
            Some("network"),
            Some(2_000),
        ),
        (
            "timeout",
            Answer::Timeout,
            DeliveryState::Queued,
            Some("timeout"),
            Some(2_000),
        ),
    ];
    for (name, answer, state, error, next) in cases {
        let mut d = accept(&submission(), NOW).unwrap().delivery;
        d.begin(NOW);
        assert_eq!(d.state, DeliveryState::Sending, "{name}");
        d.settle(&answer, NOW, 1.0);
        assert_eq!(d.state, state, "{name}");
        assert_eq!(d.last_error.as_deref(), error, "{name}");
        if let Some(next) = next {
            assert_eq!(d.next_attempt_ms, NOW + next, "{name}");
            assert!(!d.is_due(NOW) && d.is_due(NOW + next), "{name}");
        }
        assert_eq!(d.receipt.is_some(), state == DeliveryState::Delivered, "{name}");
    }
}

#[test]
fn delivered_and_refused_keep_what_the_server_said() {
    let mut d = Delivery::default();
    d.begin(NOW);
    d.settle(&http(201, None, &created()), NOW + 5, 0.5);
    assert_eq!(d.receipt.as_deref(), Some(RECEIPT));
    assert_eq!(d.status.as_deref(), Some("received"));
    assert_eq!(d.refreshed_ms, Some(NOW + 5));
    assert!(!d.is_due(NOW + 10_000_000));

    let mut r = Delivery::default();
    r.begin(NOW);
    let invalid =
        r#"{"error":{"code":"invalid_field","fields":[{"field":"note","code":"note_too_long","message":"x"}]}}"#;
    r.settle(&http(422, None, invalid), NOW, 0.5);
    assert_eq!(r.refusal, ["invalid_field", "note_too_long"]);
    let mut bare = Delivery::default();
    bare.begin(NOW);
    bare.settle(&http(413, None, "not json"), NOW, 0.5);
    assert_eq!(bare.refusal, ["http_413"], "no JSON body: the status names the refusal");
    assert!(!r.is_due(NOW + 10_000_000));
    let mut forged = Delivery::default();
    forged.begin(NOW);
    forged.settle(&http(201, None, r#"{"receipt":"../../etc"}"#), NOW, 0.5);
    assert_eq!(
        forged.state,
        DeliveryState::Queued,
        "a malformed receipt is not a delivery"
    );
}

#[test]
fn backoff_grows_with_jitter_and_a_cap() {
    let table = [
        (1, 0.0, 1_000),
        (1, 1.0, 2_000),
        (2, 0.0, 2_000),
        (3, 0.5, 6_000),
        (10, 0.0, 512_000),
    ];
    for (attempts, jitter, ms) in table {
        assert_eq!(backoff_ms(attempts, jitter), ms, "{attempts} {jitter}");
    }
    for attempts in [11, 12, 40, u32::MAX] {
        assert_eq!(backoff_ms(attempts, 1.0), RETRY_CAP_MS);
        assert_eq!(backoff_ms(attempts, 0.0), RETRY_CAP_MS / 2);
    }
    assert_eq!(
        backoff_ms(0, 2.0),
        RETRY_BASE_MS,
        "attempt 0 counts as the first; jitter is clamped"
    );
}

#[test]
fn an_interrupted_send_is_due_again_and_wakes_the_worker() {
    let mut a = Delivery::default();
    a.begin(NOW);
    assert!(a.is_due(NOW), "left sending by a stopped worker: resend (same id)");
    let mut b = Delivery::default();
    b.begin(NOW);
    b.settle(&Answer::Network, NOW, 0.0);
    let delivered = Delivery {
        state: DeliveryState::Delivered,
        next_attempt_ms: 0,
        ..Delivery::default()
    };
    let all = [a.clone(), b, delivered.clone()];
    assert_eq!(
        plan(&all, NOW, Refresh::No),
        Plan {
            send: vec![0],
            refresh: vec![],
            wake_ms: Some(NOW + 1_000)
        }
    );
    assert_eq!(plan(&all, NOW + 1_000, Refresh::No).send, [0, 1]);
    assert_eq!(
        plan(&[a], NOW, Refresh::No).wake_ms,
        Some(NOW + http::REQUEST_TIMEOUT_MS + 5_000)
    );
    assert_eq!(plan(&[delivered], NOW, Refresh::No), Plan::default());
}

#[test]
fn requests() {
    let table = [
        (Some("abc"), Some("abc")),
        (None, None),
        (Some("  "), None),
        (Some(&*"x".repeat(129)), None),
    ];
    for (client, sent) in table {
        let r = http::submit_request(client);
        assert_eq!((r.method, r.path.as_str()), ("POST", "v1/complaints"));
        assert_eq!(r.headers[0], ("Content-Type", "application/json".to_string()));
        let sent_client = r
            .headers
            .iter()
            .find(|h| h.0 == http::CLIENT_HEADER)
            .map(|h| h.1.as_str());
        assert_eq!(sent_client, sent);
    }
    let s = http::status_request(RECEIPT).unwrap();
    assert_eq!(
        (s.method, s.path.as_str()),
        ("GET", "v1/complaints/R-7K3M-Q9XD-2HVB-WN4P")
    );
    assert!(http::status_request("R-../../admin").is_none());
    assert!(!http::is_receipt("R-7K3M-Q9XD-2HVB-WN4") && !http::is_receipt("R-7K3M-Q9XDx2HVB-WN4P"));
    assert_eq!(http::retry_after_ms(" 7 "), Some(7_000));
    assert_eq!(http::retry_after_ms("-1"), None);
    assert_eq!(http::retry_after_ms("1e3"), None);
}

#[test]
fn status_refresh() {
    let mut d = Delivery::default();
    assert!(!d.refresh_due(NOW, true), "not delivered yet");
    d.begin(NOW);
    d.settle(&http(201, None, &created()), NOW, 0.0);
    assert!(!d.refresh_due(NOW + 1_000, false), "just delivered");
    assert!(d.refresh_due(NOW + 1_000, true), "a person asked");
    assert!(d.refresh_due(NOW + REFRESH_EVERY_MS, false));
    let later = NOW + 3_600_000;
    let answer = |status: &str, receipt: &str| {
        AnswerBody::from_json(&format!(
            r#"{{"receipt":"{receipt}","status":"{status}","label":{{"vi":"x","en":"y"}},"received":{NOW},"updated":{later}}}"#
        ))
    };
    assert!(
        !d.apply_status(200, &answer("upheld", "R-0000-0000-0000-0000"), later),
        "another receipt"
    );
    assert!(!d.apply_status(404, &AnswerBody::from_json(r#"{"error":{"code":"not_found"}}"#), later));
    assert!(!d.apply_status(200, &answer("bogus", RECEIPT), later));
    assert_eq!(d.status.as_deref(), Some("received"), "failures keep the known status");
    assert!(d.apply_status(200, &answer("reviewing", RECEIPT), later));
    assert_eq!((d.status.as_deref(), d.refreshed_ms), (Some("reviewing"), Some(later)));
    assert_eq!(d.reply, None, "no note yet");
    let with_reply = AnswerBody::from_json(&format!(
        r#"{{"receipt":"{RECEIPT}","status":"upheld","received":{NOW},"updated":{later},"reply":" Cảm ơn bạn. "}}"#
    ));
    assert!(d.apply_status(200, &with_reply, later));
    assert_eq!(d.reply.as_deref(), Some("Cảm ơn bạn."), "the Alliance's note, trimmed");
    let view = my_reports(&[(accept(&submission(), NOW).unwrap().summary, d.clone())], Lang::Vi);
    assert_eq!(view.items[0].reply.as_deref(), Some("Cảm ơn bạn."));
    assert!(view.to_json().contains(r#""reply":"Cảm ơn bạn.""#));
    assert_eq!(view.reply_label, "Lời nhắn của Liên minh");
    assert!(
        !d.refresh_due(later + REFRESH_EVERY_MS * 10, true),
        "final statuses are not asked again"
    );
}

#[test]
fn my_reports_view() {
    let empty = my_reports(&[], Lang::En);
    assert_eq!(empty.empty, Some("You have not sent any report from this browser."));
    let e = accept(&submission(), NOW).unwrap();
    let id = e.summary.id.clone();
    let mut old = e.summary.clone();
    old.created_ms -= 86_400_000;
    old.id = "older-report".into();
    let mut delivered = e.delivery.clone();
    delivered.begin(NOW);
    delivered.settle(&http(201, None, &created()), NOW, 0.0);
    let mut retrying = e.delivery.clone();
    retrying.begin(NOW);
    retrying.settle(&Answer::Network, NOW, 0.0);
    let mut refused = e.delivery.clone();
    refused.begin(NOW);
    refused.settle(
        &http(
            422,
            None,
            r#"{"error":{"code":"invalid_field","fields":[{"field":"note","code":"note_too_long"}]}}"#,
        ),
        NOW,
        0.0,
    );
    let cases = [
        (
            e.delivery.clone(),
            "queued",
            ("Đang chờ gửi", None),
            ("Waiting to send", None),
        ),
        (
            retrying,
            "queued",
            ("Chưa gửi được, sẽ tự động thử lại", Some("Không kết nối được máy chủ.")),
            (
                "Not sent yet, will retry automatically",
                Some("The server could not be reached."),
            ),
        ),
        (delivered, "delivered", ("Đã gửi", None), ("Sent", None)),
        (
            refused,
            "refused",
            ("Bị từ chối", Some("Nội dung mô tả quá dài (tối đa 2000 ký tự).")),
            ("Refused", Some("The note is too long (2,000 characters at most).")),
        ),
    ];
    for (d, state, vi, en) in cases {
        let list = [(old.clone(), Delivery::default()), (e.summary.clone(), d)];
        let v = my_reports(&list, Lang::Vi);
        assert_eq!(v.items[0].id, id, "newest first");
        assert_eq!(v.items[0].delivery, state);
        assert_eq!((v.items[0].delivery_label, v.items[0].reason), vi);
        let en_item = &my_reports(&list, Lang::En).items[0];
        assert_eq!((en_item.delivery_label, en_item.reason), en);
        assert_eq!(
            (v.items[0].platform, v.items[0].account_id.as_str()),
            ("TikTok", "lan.review.demo0")
        );
        assert_eq!(v.items[0].category, "Quảng cáo sai sự thật");
        assert_eq!(v.items[0].created_ms, NOW - 60_000);
        assert_eq!(v.empty, None);
    }
    let mut d = Delivery::default();
    d.begin(NOW);
    d.settle(&http(201, None, &created()), NOW, 0.0);
    let v = my_reports(&[(e.summary.clone(), d)], Lang::En);
    let item = &v.items[0];
    assert_eq!(item.receipt.as_deref(), Some(RECEIPT));
    assert_eq!((item.status, item.status_text), (Some("received"), Some("Received")));
    assert_eq!(item.refreshed_ms, Some(NOW));
}

#[test]
fn my_reports_json_text_is_the_view() {
    let e = accept(&submission(), NOW).unwrap();
    let mut d = e.delivery.clone();
    d.begin(NOW);
    d.settle(&http(201, None, &created()), NOW, 0.0);
    let mut waiting = e.summary.clone();
    waiting.id = "waiting-report".into();
    waiting.account_id = "tên \"lạ\"\n".into();
    for lang in [Lang::Vi, Lang::En] {
        let view = my_reports(
            &[(e.summary.clone(), d.clone()), (waiting.clone(), Delivery::default())],
            lang,
        );
        let text: serde_json::Value = serde_json::from_str(&view.to_json()).unwrap();
        assert_eq!(
            text,
            serde_json::to_value(&view).unwrap(),
            "the JSON text the popup parses says what the view says"
        );
    }
    let empty = my_reports(&[], Lang::Vi);
    let text: serde_json::Value = serde_json::from_str(&empty.to_json()).unwrap();
    assert_eq!(text, serde_json::to_value(&empty).unwrap());
}
