//! `koltrust serve` durability: every acknowledged (2xx) complaint survives a `kill -9` and a restart; SIGTERM
//! finishes the requests in flight and exits cleanly.

// Whole-crate test code: a failed `unwrap`/`expect` is the test failing, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod serve_common;

use serde_json::Value;
use serve_common::*;

const UNLIMITED: &[&str] = &["--ip-per-minute", "0", "--client-per-minute", "0"];

/// Submits `n` complaints concurrently; returns the receipts of those acknowledged with a 2xx.
async fn submit_many(s: &Server, prefix: &str, n: usize) -> Vec<String> {
    let c = client();
    let mut tasks = Vec::new();
    for i in 0..n {
        let (c, url, body) = (
            c.clone(),
            s.url("/v1/complaints"),
            complaint(&format!("{prefix}-{i:06}")),
        );
        tasks.push(tokio::spawn(async move {
            let r = c.post(url).json(&body).send().await.ok()?;
            if !r.status().is_success() {
                return None;
            }
            r.json::<Value>().await.ok()?["receipt"].as_str().map(str::to_string)
        }));
    }
    let mut out = Vec::new();
    for t in tasks {
        if let Some(r) = t.await.unwrap() {
            out.push(r);
        }
    }
    out
}

async fn assert_all_present(s: &Server, receipts: &[String]) {
    let c = client();
    for r in receipts {
        let resp = c.get(s.url(&format!("/v1/complaints/{r}"))).send().await.unwrap();
        assert_eq!(resp.status(), 200, "acknowledged complaint {r} lost");
    }
}

#[tokio::test]
async fn kill_9_after_acknowledged_submits_loses_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let mut s = Server::start(&data, UNLIMITED).await;
    let acked = submit_many(&s, "kill9", 200).await;
    assert_eq!(acked.len(), 200);
    s.kill9();

    let s = Server::start(&data, UNLIMITED).await;
    assert_all_present(&s, &acked).await;
    let listed = cli(&[
        "complaints",
        "list",
        "--data",
        data.to_str().unwrap(),
        "--limit",
        "1000",
    ]);
    assert_eq!(listed.lines().count(), 200);
    // A restart is not a first start: same key, still sequence 1.
    let health: Value = get_json(&client(), s.url("/v1/health")).await;
    assert_eq!(health["sequence"], 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_during_a_stream_of_submits_keeps_every_acknowledged_one() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let mut s = Server::start(&data, UNLIMITED).await;
    // Submits keep flowing while the process is killed: those answered 2xx must all be there afterwards.
    let stream = {
        let (c, url) = (client(), s.url("/v1/complaints"));
        tokio::spawn(async move {
            let mut acked = Vec::new();
            for i in 0..100_000 {
                let Ok(r) = c.post(&url).json(&complaint(&format!("stream-{i:06}"))).send().await else {
                    break;
                };
                if !r.status().is_success() {
                    break;
                }
                match r.json::<Value>().await {
                    Ok(v) => acked.push(v["receipt"].as_str().unwrap().to_string()),
                    Err(_) => break,
                }
            }
            acked
        })
    };
    // Wait until some have been acknowledged (polling the store through the CLI), then kill.
    let d = data.to_str().unwrap().to_string();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let d = d.clone();
        let n = tokio::task::spawn_blocking(move || {
            cli(&["complaints", "list", "--data", &d, "--limit", "50"])
                .lines()
                .count()
        })
        .await
        .unwrap();
        if n >= 20 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no submissions stored within 20 s"
        );
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    s.kill9();
    let acked = stream.await.unwrap();
    assert!(acked.len() >= 20);
    let s = Server::start(&data, UNLIMITED).await;
    assert_all_present(&s, &acked).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_finishes_in_flight_requests_and_exits_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let mut s = Server::start(&data, UNLIMITED).await;
    let acked = submit_many(&s, "term", 50).await;
    assert_eq!(acked.len(), 50);
    // Requests racing the signal: each either gets a 2xx (and is then stored) or no answer.
    let racing = {
        let (c, url) = (client(), s.url("/v1/complaints"));
        tokio::spawn(async move {
            let mut ok = Vec::new();
            for i in 0..20 {
                if let Ok(r) = c.post(&url).json(&complaint(&format!("race-{i:04}"))).send().await {
                    if r.status().is_success() {
                        if let Ok(v) = r.json::<Value>().await {
                            ok.push(v["receipt"].as_str().unwrap().to_string());
                        }
                    }
                }
            }
            ok
        })
    };
    // Let the racing requests start before the signal.
    while !racing.is_finished()
        && cli(&[
            "complaints",
            "list",
            "--data",
            data.to_str().unwrap(),
            "--status",
            "received",
            "--limit",
            "100",
        ])
        .lines()
        .count()
            < 52
    {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let status = s.terminate();
    assert!(status.success(), "exit status {status}");
    let raced = racing.await.unwrap();
    let s = Server::start(&data, UNLIMITED).await;
    assert_all_present(&s, &acked).await;
    assert_all_present(&s, &raced).await;
}
