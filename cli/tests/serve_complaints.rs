//! `koltrust serve`: complaint intake (receipt, status, idempotency), the JSON errors of bad requests, rate limits,
//! CORS for the extension, and the token-protected moderation API next to the `koltrust complaints` CLI.

// Whole-crate test code: a failed `unwrap`/`expect` is the test failing, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod serve_common;

use serde_json::{json, Value};
use serve_common::*;

const UNLIMITED: &[&str] = &["--ip-per-minute", "0", "--client-per-minute", "0"];

#[tokio::test]
async fn submit_receipt_status_and_idempotency() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Server::start(&tmp.path().join("data"), UNLIMITED).await;
    let c = client();
    let r = c
        .post(s.url("/v1/complaints"))
        .json(&complaint("5f0c3a2e-8a1b-4c4d-9e2f-0123456789ab"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let first: Value = r.json().await.unwrap();
    let receipt = first["receipt"].as_str().unwrap().to_string();
    assert!(receipt.starts_with("R-") && receipt.len() == 21, "{receipt}");
    assert_eq!(first["status"], "received");
    assert_eq!(first["duplicate"], false);

    // The reporter's view: status and times, no contents.
    let st: Value = get_json(&c, s.url(&format!("/v1/complaints/{receipt}"))).await;
    assert_eq!(st["status"], "received");
    assert_eq!(st["label"]["vi"], "Đã tiếp nhận");
    assert!(st["updated"].as_i64().unwrap() >= st["received"].as_i64().unwrap());
    assert!(st.get("note").is_none() && st.get("complaint").is_none(), "{st}");

    // Same client id again (a retry): same receipt, 200, nothing new stored.
    let r = c
        .post(s.url("/v1/complaints"))
        .json(&complaint("5f0c3a2e-8a1b-4c4d-9e2f-0123456789ab"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let again: Value = r.json().await.unwrap();
    assert_eq!(again["receipt"], receipt.as_str());
    assert_eq!(again["duplicate"], true);
    let d = s.data.to_str().unwrap();
    assert_eq!(cli(&["complaints", "list", "--data", d]).lines().count(), 1);

    // Stored canonical: tracking parameters gone from the page URL.
    let shown: Value = serde_json::from_str(&cli(&["complaints", "show", "--data", d, &receipt])).unwrap();
    let page = shown["complaint"]["page_url"].as_str().unwrap();
    assert!(!page.contains("utm_source"), "{page}");

    // A screenshot and a consented contact: kept for moderators, the export keeps only the image's type and size.
    let png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    let mut with_shot = complaint("with-screenshot-0001");
    with_shot["screenshot"] = json!(format!("data:image/png;base64,{png}"));
    with_shot["contact"] = json!({"value": "lan@example.org", "consent": true});
    let r = c.post(s.url("/v1/complaints")).json(&with_shot).send().await.unwrap();
    assert_eq!(r.status(), 201);
    let shot_receipt = r.json::<Value>().await.unwrap()["receipt"]
        .as_str()
        .unwrap()
        .to_string();
    let shown: Value = serde_json::from_str(&cli(&["complaints", "show", "--data", d, &shot_receipt])).unwrap();
    assert_eq!(shown["complaint"]["screenshot"]["base64"], png);
    assert_eq!(shown["complaint"]["contact"], "lan@example.org");
    let export = cli(&["complaints", "export", "--data", d]);
    let line = export.lines().find(|l| l.contains(&shot_receipt)).unwrap();
    assert!(line.contains("image/png") && !line.contains(png), "{line}");

    error_body(
        c.get(s.url("/v1/complaints/R-0000-0000-0000-0000"))
            .send()
            .await
            .unwrap(),
        404,
        "not_found",
    )
    .await;
    error_body(
        c.get(s.url("/v1/complaints/nonsense")).send().await.unwrap(),
        404,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn bad_requests_get_json_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Server::start(&tmp.path().join("data"), UNLIMITED).await;
    let c = client();
    let post = |body: Vec<u8>| {
        c.post(s.url("/v1/complaints"))
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    error_body(post(b"{\"id\": ".to_vec()).await.unwrap(), 400, "bad_json").await;
    error_body(post(b"not json at all".to_vec()).await.unwrap(), 400, "bad_json").await;
    // Wrong types and missing fields.
    let mut wrong = complaint("wrong-types-0001");
    wrong["note"] = json!(5);
    error_body(
        post(serde_json::to_vec(&wrong).unwrap()).await.unwrap(),
        422,
        "invalid_field",
    )
    .await;
    error_body(
        post(b"{\"id\": \"abcdefgh\"}".to_vec()).await.unwrap(),
        422,
        "invalid_field",
    )
    .await;
    // Rejected by the core's validation: every field with its code, messages in the submission's language.
    let mut bad = complaint("x");
    bad["category"] = json!("gossip");
    bad["contact"] = json!({"value": "lan@example.org", "consent": false});
    bad["locale"] = json!("en");
    let v = error_body(
        post(serde_json::to_vec(&bad).unwrap()).await.unwrap(),
        422,
        "invalid_field",
    )
    .await;
    let codes: Vec<&str> = v["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["id_invalid", "category_unknown", "contact_without_consent"]);
    assert_eq!(
        v["error"]["fields"][2]["message"],
        "Contact details are only sent with your consent."
    );
    // Oversized body (over the 2 MB limit).
    let mut big = complaint("too-large-0001");
    big["note"] = json!("x".repeat(2_200_000));
    error_body(post(serde_json::to_vec(&big).unwrap()).await.unwrap(), 413, "too_large").await;
    // Not JSON content type, unknown routes, wrong methods.
    let r = c
        .post(s.url("/v1/complaints"))
        .body(serde_json::to_vec(&complaint("no-content-type")).unwrap())
        .send()
        .await
        .unwrap();
    error_body(r, 415, "unsupported_media_type").await;
    error_body(c.get(s.url("/v1/nothing-here")).send().await.unwrap(), 404, "not_found").await;
    error_body(
        c.delete(s.url("/v1/complaints")).send().await.unwrap(),
        405,
        "method_not_allowed",
    )
    .await;
    // Still healthy, nothing stored.
    assert_eq!(
        cli(&["complaints", "list", "--data", s.data.to_str().unwrap()])
            .lines()
            .count(),
        0
    );
}

#[tokio::test]
async fn rate_limits_per_client_token_and_per_ip() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Server::start(
        &tmp.path().join("data"),
        &[
            "--ip-per-minute",
            "1",
            "--ip-burst",
            "5",
            "--client-per-minute",
            "1",
            "--client-burst",
            "2",
        ],
    )
    .await;
    let c = client();
    let send = |id: String, token: Option<&'static str>| {
        let mut r = c.post(s.url("/v1/complaints")).json(&complaint(&id));
        if let Some(t) = token {
            r = r.header("x-koltrust-client", t);
        }
        r.send()
    };
    assert_eq!(
        send("rate-a-0001".into(), Some("install-a")).await.unwrap().status(),
        201
    );
    assert_eq!(
        send("rate-a-0002".into(), Some("install-a")).await.unwrap().status(),
        201
    );
    let r = send("rate-a-0003".into(), Some("install-a")).await.unwrap();
    let retry: u64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(retry >= 1);
    error_body(r, 429, "rate_limited").await;
    assert_eq!(
        send("rate-b-0001".into(), Some("install-b")).await.unwrap().status(),
        201
    );
    // Five per IP in a burst (the refused one above counted too): the next is refused whatever the token.
    assert_eq!(send("rate-n-0001".into(), None).await.unwrap().status(), 201);
    error_body(send("rate-n-0002".into(), None).await.unwrap(), 429, "rate_limited").await;
}

#[tokio::test]
async fn moderation_needs_the_token_and_cli_changes_are_visible() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Server::start(&tmp.path().join("data"), UNLIMITED).await;
    let c = client();
    let mut receipts = Vec::new();
    for i in 0..3 {
        let r: Value = c
            .post(s.url("/v1/complaints"))
            .json(&complaint(&format!("moderation-{i:04}")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        receipts.push(r["receipt"].as_str().unwrap().to_string());
    }
    let list = s.url("/v1/admin/complaints");
    error_body(c.get(&list).send().await.unwrap(), 401, "unauthorized").await;
    error_body(
        c.get(&list).bearer_auth("wrong-token").send().await.unwrap(),
        401,
        "unauthorized",
    )
    .await;
    let show_url = s.url(&format!("/v1/admin/complaints/{}", receipts[0]));
    error_body(c.get(&show_url).send().await.unwrap(), 401, "unauthorized").await;
    let status_url = s.url(&format!("/v1/admin/complaints/{}/status", receipts[0]));
    error_body(
        c.post(&status_url)
            .json(&json!({"status": "reviewing"}))
            .send()
            .await
            .unwrap(),
        401,
        "unauthorized",
    )
    .await;
    error_body(
        c.get(s.url("/v1/admin/complaints/export")).send().await.unwrap(),
        401,
        "unauthorized",
    )
    .await;

    let token = s.token();
    // A query the route cannot read is a bad request, not "the body is not valid JSON".
    let r = c
        .get(format!("{list}?limit=many"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let body = error_body(r, 400, "bad_request").await;
    assert!(!body.to_string().contains("JSON"), "{body}");
    let v: Value = c
        .get(&list)
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["complaints"].as_array().unwrap().len(), 3);
    let full: Value = c
        .get(&show_url)
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(full["complaint"]["category"], "misleading_claim");

    // API: received → reviewing; an illegal move is a 409.
    let r = c
        .post(&status_url)
        .bearer_auth(&token)
        .json(&json!({"status": "reviewing", "note": "xem xét"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = c
        .post(&status_url)
        .bearer_auth(&token)
        .json(&json!({"status": "received"}))
        .send()
        .await
        .unwrap();
    error_body(r, 409, "invalid_transition").await;
    let r = c
        .post(&status_url)
        .bearer_auth(&token)
        .json(&json!({"status": "closed"}))
        .send()
        .await
        .unwrap();
    error_body(r, 422, "invalid_field").await;

    // CLI: reviewing → forwarded, visible to the reporter; illegal moves fail.
    let d = s.data.to_str().unwrap();
    cli(&[
        "complaints",
        "set-status",
        "--data",
        d,
        &receipts[0],
        "forwarded",
        "--note",
        "chuyển Sở",
    ]);
    let st: Value = get_json(&c, s.url(&format!("/v1/complaints/{}", receipts[0]))).await;
    assert_eq!(st["status"], "forwarded");
    let bad = cli_command(&["complaints", "set-status", "--data", d, &receipts[1], "upheld"])
        .output()
        .unwrap();
    assert!(!bad.status.success());

    // History and filters.
    let full: Value = c
        .get(&show_url)
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let history = full["history"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0]["actor"], "api");
    assert!(history[1]["actor"].as_str().unwrap().starts_with("cli:"));
    let v: Value = c
        .get(format!("{list}?status=received"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["complaints"].as_array().unwrap().len(), 2);
    let cli_list = cli(&["complaints", "list", "--data", d, "--status", "forwarded"]);
    assert!(cli_list.starts_with(&receipts[0]), "{cli_list}");

    // Export: JSON lines, from the API and the CLI alike.
    let text = c
        .get(s.url("/v1/admin/complaints/export"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(text.lines().count(), 3);
    let out = tmp.path().join("export.jsonl");
    cli(&["complaints", "export", "--data", d, "--out", out.to_str().unwrap()]);
    let exported = std::fs::read_to_string(out).unwrap();
    assert_eq!(exported.lines().count(), 3);
    for line in exported.lines() {
        serde_json::from_str::<Value>(line).unwrap();
    }
}

#[tokio::test]
async fn cors_allows_the_extension() {
    let tmp = tempfile::tempdir().unwrap();
    let s = Server::start(&tmp.path().join("data"), UNLIMITED).await;
    let c = client();
    let origin = "chrome-extension://abcdefghijklmnopabcdefghijklmnop";
    let r = c
        .request(reqwest::Method::OPTIONS, s.url("/v1/complaints"))
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type,x-koltrust-client")
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    assert_eq!(r.headers()["access-control-allow-origin"], origin);
    let r = c
        .get(s.url("/v1/registry/manifest"))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert!(r.headers().get("access-control-allow-origin").is_none());
    let r = c
        .get(s.url("/v1/registry/manifest"))
        .header("origin", origin)
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["access-control-allow-origin"], origin);
    // The portal at `/`.
    let home = c.get(s.url("/")).send().await.unwrap();
    assert_eq!(home.status(), 200);
    assert!(home.text().await.unwrap().contains("KOL Trust"));
}
