//! Bounded load benchmark of the manifest endpoint as millions of extensions poll it (not part of CI): each request
//! sends `If-None-Match` with the manifest's ETag, so an unchanged registry costs a `304 Not Modified` and no body.
//!
//! ```text
//! cargo run --release -p koltrust-cli -- serve --data /tmp/kt-load --addr 127.0.0.1:8090
//! cargo run --release -p koltrust-server --example manifest_load -- --addr 127.0.0.1:8090 --seconds 10 --concurrency 64
//! ```
//! `--addr` takes several instances, comma-separated. Prints requests per second, the share answered 304 and
//! p50/p90/p99/max latency; fails when any answer is neither 304 nor 200. Loopback addresses only.
//! Target (docs/performance.md, "Budgets"): ≥ 20,000 req/s with ETag 304s on 2 cores.

// Whole-crate load generator code: a failed `unwrap`/`expect` is the load generator failing, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn flag(name: &str, default: &str) -> String {
    let args: Vec<String> = std::env::args().collect();
    args.windows(2)
        .find(|w| w[0] == name)
        .map(|w| w[1].clone())
        .unwrap_or_else(|| default.to_string())
}

fn pct(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize] as f64 / 1000.0
}

#[tokio::main]
async fn main() {
    let addrs: Vec<SocketAddr> = flag("--addr", "127.0.0.1:8080")
        .split(',')
        .map(|a| a.trim().parse().expect("--addr host:port[,host:port…]"))
        .collect();
    assert!(
        addrs.iter().all(|a| a.ip().is_loopback()),
        "only loopback addresses (this is a load generator)"
    );
    let seconds: u64 = flag("--seconds", "10").parse::<u64>().expect("--seconds").clamp(1, 120);
    let concurrency: usize = flag("--concurrency", "64")
        .parse::<usize>()
        .expect("--concurrency")
        .clamp(1, 512);
    let max_requests: u64 = flag("--max-requests", "2000000")
        .parse::<u64>()
        .expect("--max-requests")
        .min(5_000_000);
    let client = reqwest::Client::builder()
        .no_proxy()
        .pool_max_idle_per_host(concurrency)
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let urls: Vec<String> = addrs
        .iter()
        .map(|a| format!("http://{a}/v1/registry/manifest"))
        .collect();
    let first = client.get(&urls[0]).send().await.expect("the server answers");
    let etag = first.headers()["etag"].to_str().unwrap().to_string();
    let next = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let deadline = start + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for k in 0..concurrency {
        let (client, next, url, etag) = (client.clone(), next.clone(), urls[k % urls.len()].clone(), etag.clone());
        tasks.push(tokio::spawn(async move {
            let (mut lat, mut not_modified, mut full, mut bad) = (Vec::new(), 0u64, 0u64, 0u64);
            loop {
                if next.fetch_add(1, Ordering::Relaxed) >= max_requests || Instant::now() >= deadline {
                    break;
                }
                let t = Instant::now();
                match client.get(&url).header("if-none-match", &etag).send().await {
                    Ok(r) if r.status() == 304 => not_modified += 1,
                    Ok(r) if r.status() == 200 => {
                        let _ = r.bytes().await;
                        full += 1;
                    }
                    _ => bad += 1,
                }
                lat.push(t.elapsed().as_micros().min(u32::MAX as u128) as u32);
            }
            (lat, not_modified, full, bad)
        }));
    }
    let (mut lat, mut not_modified, mut full, mut bad) = (Vec::new(), 0, 0, 0);
    for t in tasks {
        let (l, n, f, b) = t.await.unwrap();
        lat.extend(l);
        not_modified += n;
        full += f;
        bad += b;
    }
    let elapsed = start.elapsed().as_secs_f64();
    lat.sort_unstable();
    println!(
        "manifest: {} requests in {elapsed:.2} s, {concurrency} connections to {} instance(s): {not_modified} × 304, \
         {full} × 200, {bad} failed",
        lat.len(),
        urls.len()
    );
    println!("throughput: {:.0} req/s", lat.len() as f64 / elapsed);
    println!(
        "latency ms: p50 {:.2} · p90 {:.2} · p99 {:.2} · max {:.2}",
        pct(&lat, 0.5),
        pct(&lat, 0.9),
        pct(&lat, 0.99),
        pct(&lat, 1.0)
    );
    if bad > 0 || lat.is_empty() {
        std::process::exit(1);
    }
}
