//! Bounded load benchmark of complaint intake (not part of CI). Start a server with rate limits off, then:
//!
//! ```text
//! cargo run --release -p koltrust-cli -- serve --data /tmp/kt-load --addr 127.0.0.1:8090 \
//!     --ip-per-minute 0 --client-per-minute 0
//! cargo run --release -p koltrust-server --example intake_load -- --addr 127.0.0.1:8090 --seconds 10 --concurrency 32
//! ```
//! Submits valid complaints (unique client ids) from `--concurrency` connections for `--seconds` or
//! `--max-requests`, whichever comes first; prints submits per second and p50/p90/p99/max latency; then checks that
//! **every** complaint answered with a 2xx can be found by its receipt. Loopback addresses only.
//!
//! Several instances (PostgreSQL): `--addr 127.0.0.1:8090,127.0.0.1:8091` spreads the connections over them, and
//! each receipt is checked through an instance *other* than the one that acknowledged it.
//! Target (docs/performance.md, "Budgets"): ≥ 3,000 req/s, p99 ≤ 20 ms on 2 cores, none lost after a 2xx.

// Whole-crate load generator code: a failed `unwrap`/`expect` is the load generator failing, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{json, Value};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Args {
    addrs: Vec<SocketAddr>,
    seconds: u64,
    concurrency: usize,
    max_requests: u64,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        addrs: vec!["127.0.0.1:8080".parse().unwrap()],
        seconds: 10,
        concurrency: 32,
        max_requests: 200_000,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let v = it.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--addr" => {
                a.addrs = v
                    .split(',')
                    .map(|s| s.trim().parse().map_err(|e| format!("--addr {s}: {e}")))
                    .collect::<Result<_, _>>()?
            }
            "--seconds" => a.seconds = v.parse().map_err(|e| format!("--seconds: {e}"))?,
            "--concurrency" => a.concurrency = v.parse().map_err(|e| format!("--concurrency: {e}"))?,
            "--max-requests" => a.max_requests = v.parse().map_err(|e| format!("--max-requests: {e}"))?,
            _ => return Err(format!("unknown flag {flag}")),
        }
    }
    if !a.addrs.iter().all(|a| a.ip().is_loopback()) {
        return Err("only loopback addresses (this is a load generator)".into());
    }
    a.seconds = a.seconds.clamp(1, 120);
    a.concurrency = a.concurrency.clamp(1, 512);
    a.max_requests = a.max_requests.min(2_000_000);
    Ok(a)
}

fn body(run: u64, i: u64) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "id": format!("load-{run:x}-{i:08}"),
        "profile": {"platform": "tiktok", "id_type": "handle", "account_id": "minh.beauty.demo"},
        "page_url": "https://www.tiktok.com/@minh.beauty.demo/video/7300000000000000001?utm_source=load",
        "category": "misleading_claim",
        "note": "Tải thử nghiệm / load test (fictional)",
        "locale": "vi",
        "created": 1_764_374_400_000i64
    }))
    .unwrap()
}

fn pct(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i] as f64 / 1000.0
}

#[tokio::main]
async fn main() {
    let a = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("intake_load: {e}");
            std::process::exit(2);
        }
    };
    let bases: Vec<String> = a.addrs.iter().map(|a| format!("http://{a}")).collect();
    let client = reqwest::Client::builder()
        .no_proxy()
        .pool_max_idle_per_host(a.concurrency)
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let run = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    let next = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let deadline = start + Duration::from_secs(a.seconds);
    let mut tasks = Vec::new();
    for k in 0..a.concurrency {
        let which = k % bases.len();
        let (client, next, url) = (client.clone(), next.clone(), format!("{}/v1/complaints", bases[which]));
        let max = a.max_requests;
        tasks.push(tokio::spawn(async move {
            let (mut lat, mut receipts, mut errors) = (Vec::new(), Vec::new(), 0u64);
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= max || Instant::now() >= deadline {
                    break;
                }
                let t = Instant::now();
                let r = client
                    .post(&url)
                    .header("content-type", "application/json")
                    .body(body(run, i))
                    .send()
                    .await;
                match r {
                    Ok(r) if r.status().is_success() => {
                        let v: Value = r.json().await.unwrap_or_default();
                        lat.push(t.elapsed().as_micros().min(u32::MAX as u128) as u32);
                        if let Some(rc) = v["receipt"].as_str() {
                            receipts.push((which, rc.to_string()));
                        }
                    }
                    _ => errors += 1,
                }
            }
            (lat, receipts, errors)
        }));
    }
    let (mut lat, mut receipts, mut errors) = (Vec::new(), Vec::new(), 0);
    for t in tasks {
        let (l, r, e) = t.await.unwrap();
        lat.extend(l);
        receipts.extend(r);
        errors += e;
    }
    let elapsed = start.elapsed().as_secs_f64();
    lat.sort_unstable();
    println!(
        "submits: {} acknowledged (2xx), {errors} failed, in {elapsed:.2} s, {} connections to {} instance(s)",
        lat.len(),
        a.concurrency,
        bases.len()
    );
    println!("throughput: {:.0} req/s", lat.len() as f64 / elapsed);
    println!(
        "latency ms: p50 {:.2} · p90 {:.2} · p99 {:.2} · max {:.2}",
        pct(&lat, 0.5),
        pct(&lat, 0.9),
        pct(&lat, 0.99),
        pct(&lat, 1.0)
    );

    // Every acknowledged complaint must be there.
    let receipts = Arc::new(receipts);
    let idx = Arc::new(AtomicU64::new(0));
    let missing = Arc::new(AtomicU64::new(0));
    let mut checks = Vec::new();
    for _ in 0..a.concurrency.min(16) {
        let (client, receipts, idx, missing, bases) = (
            client.clone(),
            receipts.clone(),
            idx.clone(),
            missing.clone(),
            bases.clone(),
        );
        checks.push(tokio::spawn(async move {
            loop {
                let i = idx.fetch_add(1, Ordering::Relaxed) as usize;
                let Some((acknowledged_by, r)) = receipts.get(i) else {
                    break;
                };
                // Through another instance when there are several: what one acknowledged, all must know.
                let base = &bases[(acknowledged_by + 1) % bases.len()];
                let ok = client
                    .get(format!("{base}/v1/complaints/{r}"))
                    .send()
                    .await
                    .is_ok_and(|r| r.status().is_success());
                if !ok {
                    missing.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    for c in checks {
        c.await.unwrap();
    }
    let missing = missing.load(Ordering::Relaxed);
    println!(
        "check: {} of {} acknowledged complaints found by receipt{}",
        receipts.len() as u64 - missing,
        receipts.len(),
        if missing == 0 {
            " — none lost"
        } else {
            " — LOST SOME"
        }
    );
    if missing > 0 || lat.is_empty() {
        std::process::exit(1);
    }
}
