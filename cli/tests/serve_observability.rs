//! What an operator sees: `/metrics` counts requests by route template and status, group-commit batches, the queue
//! and the published sequence; `--log-format json` writes one JSON object per line, and no log line carries a
//! URL's query, a receipt or a complaint's contents — even at `debug`. `/v1/openapi.json` answers.

// Whole-crate test code: a failed `unwrap`/`expect` is the test failing, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod serve_common;

use serde_json::Value;
use serve_common::*;

const UNLIMITED: &[&str] = &["--ip-per-minute", "0", "--client-per-minute", "0"];

#[tokio::test]
async fn metrics_count_and_json_logs_keep_contents_out() {
    let tmp = tempfile::tempdir().unwrap();
    let log = tmp.path().join("stderr.jsonl");
    let mut args = UNLIMITED.to_vec();
    args.extend(["--log-format", "json"]);
    let mut s = Server::start_logging(&tmp.path().join("data"), &args, "debug", &log).await;
    let c = client();

    let receipt = submit(&c, &s, "3c9e7f10-obs-0001").await;
    let status = c
        .get(s.url(&format!("/v1/complaints/{receipt}?token=SECRETQUERY")))
        .send()
        .await
        .unwrap();
    assert_eq!(status.status(), 200);
    let missing = c.get(s.url("/v1/nothing-here?q=QUERYMARK")).send().await.unwrap();
    assert_eq!(missing.status(), 404);

    let metrics = c.get(s.url("/metrics")).send().await.unwrap();
    assert_eq!(metrics.status(), 200);
    assert!(metrics.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain; version=0.0.4"));
    let text = metrics.text().await.unwrap();
    let backend = if on_postgres() { "postgres" } else { "sqlite" };
    for expected in [
        format!("backend=\"{backend}\"}} 1"),
        "koltrust_http_requests_total{route=\"/v1/complaints\",method=\"POST\",status=\"201\"} 1".into(),
        "koltrust_http_requests_total{route=\"/v1/complaints/{receipt}\",method=\"GET\",status=\"200\"} 1".into(),
        "koltrust_http_requests_total{route=\"other\",method=\"GET\",status=\"404\"} 1".into(),
        "koltrust_http_request_duration_seconds_count{route=\"/v1/complaints\"} 1".into(),
        "koltrust_complaint_batch_size_bucket{le=\"1\"} 1".into(),
        "koltrust_complaint_batch_size_count 1".into(),
        "koltrust_complaint_queue_depth 0".into(),
        "koltrust_store_errors_total 0".into(),
        "koltrust_registry_sequence 1".into(),
    ] {
        assert!(text.contains(&expected), "missing {expected:?} in:\n{text}");
    }
    assert!(!text.contains(&receipt) && !text.contains("QUERYMARK"), "{text}");

    // The API contract is served (its agreement with the router is the server crate's `openapi` tests).
    let contract = get_json(&c, s.url("/v1/openapi.json")).await;
    assert_eq!(contract["openapi"], "3.1.0");
    assert!(contract["paths"]["/v1/complaints"]["post"].is_object());

    assert!(s.terminate().success());
    let logged = std::fs::read_to_string(&log).unwrap();
    let mut routes = Vec::new();
    for line in logged.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("not a JSON log line ({e}): {line}"));
        if let Some(r) = v.pointer("/span/route").and_then(Value::as_str) {
            routes.push(r.to_string());
        }
    }
    assert!(
        routes.iter().any(|r| r == "/v1/complaints"),
        "request lines are logged: {logged}"
    );
    for secret in [
        "SECRETQUERY",
        "QUERYMARK",
        receipt.as_str(),
        "is_from_webapp",
        "khỏi 100%",
        "GIAM50",
        "minh.beauty.demo",
    ] {
        assert!(!logged.contains(secret), "the log holds {secret:?}:\n{logged}");
    }
}
