//! Several `koltrust serve` instances on one PostgreSQL database (the PostgreSQL pass of `cargo xtask test`; on
//! SQLite, one data folder is one instance and these tests have nothing to check): either instance answers for
//! the other's complaints and moderation, a publication by one is served by the other, two publishers at once get
//! distinct sequences, and a `kill -9` of one instance under load loses no complaint it acknowledged.

// Whole-crate test code: a failed `unwrap`/`expect` is the test failing, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod serve_common;

use serde_json::Value;
use serve_common::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const UNLIMITED: &[&str] = &["--ip-per-minute", "0", "--client-per-minute", "0"];

/// A second data folder for the database of `first`: the same signing key and admin token (what an operator
/// copies to every instance), nothing else.
fn second_folder(first: &Path, root: &Path) -> PathBuf {
    let second = root.join("b");
    std::fs::create_dir_all(&second).unwrap();
    for f in ["registry.key", "registry.key.pub", "admin-token"] {
        std::fs::copy(first.join(f), second.join(f)).unwrap();
    }
    share_database(&second, &database_for(first).unwrap());
    second
}

/// True (and said) in the SQLite pass, where these tests have nothing to check.
fn sqlite_pass() -> bool {
    if !on_postgres() {
        eprintln!("SQLite pass: several instances need PostgreSQL (KOLTRUST_TEST_DATABASE)");
    }
    !on_postgres()
}

async fn manifest_sequence(c: &reqwest::Client, s: &Server) -> u64 {
    let env = get_json(c, s.url("/v1/registry/manifest")).await;
    let inner: Value = serde_json::from_str(env["manifest"].as_str().unwrap()).unwrap();
    inner["sequence"].as_u64().unwrap()
}

/// Waits until `s` serves a manifest of at least `sequence` (the other instance copies it from the database).
async fn wait_for_sequence(c: &reqwest::Client, s: &Server, sequence: u64) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while manifest_sequence(c, s).await < sequence {
        assert!(Instant::now() < deadline, "{} never served sequence {sequence}", s.base);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn bytes(c: &reqwest::Client, url: String) -> Vec<u8> {
    let r = c.get(&url).send().await.unwrap();
    assert_eq!(r.status(), 200, "{url}");
    r.bytes().await.unwrap().to_vec()
}

#[tokio::test]
async fn two_instances_answer_for_each_other() {
    if sqlite_pass() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let a_dir = tmp.path().join("a");
    let a = Server::start(&a_dir, UNLIMITED).await;
    let b_dir = second_folder(&a_dir, tmp.path());
    let b = Server::start(&b_dir, UNLIMITED).await;
    let c = client();

    // A complaint taken by A is known to B, and a retry through B is the same complaint.
    let body = complaint("7d1e0c52-inst-0001");
    let receipt = submit(&c, &a, "7d1e0c52-inst-0001").await;
    let status = c.get(b.url(&format!("/v1/complaints/{receipt}"))).send().await.unwrap();
    assert_eq!(status.status(), 200);
    let retry = c.post(b.url("/v1/complaints")).json(&body).send().await.unwrap();
    assert_eq!(retry.status(), 200, "a retry through the other instance is a duplicate");
    let retry: Value = retry.json().await.unwrap();
    assert_eq!(
        (retry["receipt"].as_str(), retry["duplicate"].as_bool()),
        (Some(receipt.as_str()), Some(true))
    );

    // Moderation on B, seen on A.
    let moved = c
        .post(b.url(&format!("/v1/admin/complaints/{receipt}/status")))
        .bearer_auth(b.token())
        .json(&serde_json::json!({"status": "reviewing", "note": "instance B"}))
        .send()
        .await
        .unwrap();
    assert_eq!(moved.status(), 200);
    let seen = get_json(&c, a.url(&format!("/v1/complaints/{receipt}"))).await;
    assert_eq!(seen["status"], "reviewing");

    // A publication made beside A is served by B, byte for byte.
    assert_eq!(manifest_sequence(&c, &b).await, 1);
    cli(&["registry", "publish", "--data", a_dir.to_str().unwrap()]);
    wait_for_sequence(&c, &b, 2).await;
    assert_eq!(
        bytes(&c, a.url("/v1/registry/snapshots/2.bin")).await,
        bytes(&c, b.url("/v1/registry/snapshots/2.bin")).await
    );
    assert_eq!(
        bytes(&c, a.url("/v1/registry/deltas/1-2.bin")).await,
        bytes(&c, b.url("/v1/registry/deltas/1-2.bin")).await
    );

    // Two publishers at once (one beside each instance): two sequences, each with one content everywhere.
    let (pa, pb) = (a_dir.to_str().unwrap().to_string(), b_dir.to_str().unwrap().to_string());
    let one = std::thread::spawn(move || cli(&["registry", "publish", "--data", &pa]));
    let two = std::thread::spawn(move || cli(&["registry", "publish", "--data", &pb]));
    let outputs = [one.join().unwrap(), two.join().unwrap()];
    let mut sequences: Vec<&str> = outputs
        .iter()
        .map(|o| o.split_whitespace().nth(1).unwrap().trim_end_matches(':'))
        .collect();
    sequences.sort_unstable();
    assert_eq!(sequences, ["3", "4"], "{outputs:?}");
    wait_for_sequence(&c, &a, 4).await;
    wait_for_sequence(&c, &b, 4).await;
    // Each instance copies the newest publication (snapshot 4, deltas to 4, manifest): the same bytes on both.
    for path in [
        "/v1/registry/snapshots/4.bin",
        "/v1/registry/deltas/3-4.bin",
        "/v1/registry/deltas/2-4.bin",
        "/v1/registry/manifest",
    ] {
        assert_eq!(bytes(&c, a.url(path)).await, bytes(&c, b.url(path)).await, "{path}");
    }
    let health = get_json(&c, b.url("/v1/health")).await;
    assert_eq!(health["sequence"], 4);
}

#[tokio::test]
async fn kill_9_of_one_instance_under_load_loses_no_acknowledged_complaint() {
    if sqlite_pass() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let a_dir = tmp.path().join("a");
    let mut a = Server::start(&a_dir, UNLIMITED).await;
    let b = Server::start(&second_folder(&a_dir, tmp.path()), UNLIMITED).await;
    let c = client();
    let acknowledged_by_a = Arc::new(AtomicUsize::new(0));

    // A bounded load: 8 submitters, 150 complaints each, alternating between the instances.
    let mut tasks = Vec::new();
    for w in 0..8 {
        let (c, urls, count) = (
            c.clone(),
            [a.url("/v1/complaints"), b.url("/v1/complaints")],
            acknowledged_by_a.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut acknowledged = Vec::new();
            for i in 0..150 {
                let which = (w + i) % 2;
                let body = complaint(&format!("9a4be1f0-{w:02}-{i:04}"));
                let Ok(r) = c.post(&urls[which]).json(&body).send().await else {
                    continue; // the killed instance: no answer, nothing acknowledged
                };
                if r.status().is_success() {
                    let v: Value = r.json().await.unwrap();
                    acknowledged.push(v["receipt"].as_str().unwrap().to_string());
                    if which == 0 {
                        count.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
            acknowledged
        }));
    }
    // Kill A mid-run, once it has acknowledged a good share.
    let deadline = Instant::now() + Duration::from_secs(30);
    while acknowledged_by_a.load(Ordering::Relaxed) < 150 {
        assert!(Instant::now() < deadline, "instance A acknowledged too little");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    a.kill9();
    let mut acknowledged = Vec::new();
    for t in tasks {
        acknowledged.extend(t.await.unwrap());
    }
    assert!(acknowledged_by_a.load(Ordering::Relaxed) >= 150);
    assert!(acknowledged.len() < 1200, "A was killed before the run ended");
    for r in &acknowledged {
        let resp = c.get(b.url(&format!("/v1/complaints/{r}"))).send().await.unwrap();
        assert_eq!(resp.status(), 200, "acknowledged complaint {r} lost");
    }
}

#[tokio::test]
async fn an_instance_without_the_first_ones_key_is_refused() {
    if sqlite_pass() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let a_dir = tmp.path().join("a");
    let _a = Server::start(&a_dir, &[]).await;
    let b_dir = tmp.path().join("b");
    share_database(&b_dir, &database_for(&a_dir).unwrap());
    let mut b = Server::spawn(&b_dir, &[]);
    let status = b.wait_exit(Duration::from_secs(30));
    assert!(!status.success(), "a second instance must not mint its own signing key");
    assert!(!b_dir.join("registry.key").exists());
}
