//! `koltrust serve` against slow and idle clients: idle and half-sent connections are dropped after the header-read
//! timeout, slow bodies get a 408 after the request timeout, the connection cap closes what is over it, health stays
//! fast and memory small meanwhile, and SIGTERM exits within its deadline with a slow client still connected.

// Whole-crate test code: a failed `unwrap`/`expect` is the test failing, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod serve_common;

use serve_common::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// Short limits so the test sees them act: `header` s to send a head, `request` s for a whole request, 2 s of
/// shutdown deadline, no rate limits.
fn limits(header: u64, request: u64) -> Vec<String> {
    let mut v: Vec<String> = [
        "--shutdown-deadline",
        "2",
        "--ip-per-minute",
        "0",
        "--client-per-minute",
        "0",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.extend([
        "--header-read-timeout".into(),
        header.to_string(),
        "--request-timeout".into(),
        request.to_string(),
    ]);
    v
}

fn refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn addr(s: &Server) -> String {
    s.base.trim_start_matches("http://").to_string()
}

/// Waits (at most `within`) until the server closes `sock` or answers on it; returns what it sent ("" for a close).
fn answer_or_close(sock: &mut TcpStream, within: Duration) -> Option<String> {
    sock.set_read_timeout(Some(within)).unwrap();
    let mut buf = Vec::new();
    let mut chunk = [0u8; 1024];
    loop {
        match sock.read(&mut chunk) {
            Ok(0) => return Some(String::from_utf8_lossy(&buf).into_owned()),
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {
                return Some(String::from_utf8_lossy(&buf).into_owned())
            }
            Err(_) if !buf.is_empty() => return Some(String::from_utf8_lossy(&buf).into_owned()),
            Err(_) => return None, // still open, nothing sent
        }
    }
}

fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

async fn health_ms(s: &Server) -> f64 {
    let c = client();
    let t = Instant::now();
    let r = c.get(s.url("/v1/health")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    t.elapsed().as_secs_f64() * 1000.0
}

#[tokio::test]
async fn idle_and_slow_clients_cannot_hold_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Server::start(&dir.path().join("data"), &refs(&limits(2, 3))).await;
    let a = addr(&s);

    // 200 idle sockets, 20 half-sent heads, 20 bodies stalled after one byte of a 2 MB promise.
    let mut idle: Vec<TcpStream> = (0..200).map(|_| TcpStream::connect(&a).unwrap()).collect();
    let mut heads: Vec<TcpStream> = (0..20)
        .map(|_| {
            let mut t = TcpStream::connect(&a).unwrap();
            t.write_all(b"POST /v1/complaints HTTP/1.1\r\nHost: x\r\nContent-Ty")
                .unwrap();
            t
        })
        .collect();
    let mut bodies: Vec<TcpStream> = (0..20)
        .map(|_| {
            let mut t = TcpStream::connect(&a).unwrap();
            t.write_all(
                b"POST /v1/complaints HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\n\r\n{",
            )
            .unwrap();
            t
        })
        .collect();

    // A keep-alive connection that made one request and then idles.
    let mut kept = TcpStream::connect(&a).unwrap();
    kept.write_all(b"GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    kept.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut first = [0u8; 15];
    kept.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"HTTP/1.1 200 OK");
    idle.push(kept);

    // Meanwhile the server answers at once and stays small.
    let mut times = Vec::new();
    for _ in 0..5 {
        times.push(health_ms(&s).await);
    }
    times.sort_by(f64::total_cmp);
    assert!(
        times[2] < 50.0,
        "health median {:.1} ms with 240 slow clients",
        times[2]
    );
    let rss = rss_kib(s.pid());
    assert!(rss < 60 * 1024, "RSS {rss} KiB with 240 slow clients");

    // Idle and half-sent connections are closed after the header-read timeout (2 s)…
    let started = Instant::now();
    for sock in idle.iter_mut().chain(heads.iter_mut()) {
        let left = Duration::from_secs(6)
            .saturating_sub(started.elapsed())
            .max(Duration::from_millis(100));
        assert!(
            answer_or_close(sock, left).is_some(),
            "an idle connection was still open after 6 s"
        );
    }
    // …and stalled bodies get a 408 after the request timeout (3 s).
    for sock in bodies.iter_mut() {
        let left = Duration::from_secs(8)
            .saturating_sub(started.elapsed())
            .max(Duration::from_millis(100));
        let got = answer_or_close(sock, left).expect("a stalled body was still open after 8 s");
        assert!(got.is_empty() || got.starts_with("HTTP/1.1 408"), "{got:?}");
    }
    assert!(health_ms(&s).await < 50.0);
    assert_eq!(s.terminate().code(), Some(0));
}

#[tokio::test]
async fn connections_over_the_cap_are_closed_on_arrival() {
    let dir = tempfile::tempdir().unwrap();
    let mut args = limits(30, 30);
    args.extend(["--max-connections".into(), "20".into()]);
    let mut s = Server::start(&dir.path().join("data"), &refs(&args)).await;
    let a = addr(&s);
    let mut held: Vec<TcpStream> = (0..20).map(|_| TcpStream::connect(&a).unwrap()).collect();
    // Every held connection is open (accepted, waiting for a head)…
    for sock in held.iter_mut().take(3) {
        assert_eq!(answer_or_close(sock, Duration::from_millis(200)), None);
    }
    // …so the next one is closed at once, not queued.
    let mut over = TcpStream::connect(&a).unwrap();
    assert_eq!(answer_or_close(&mut over, Duration::from_secs(5)).as_deref(), Some(""));
    drop(held);
    // With room again, requests are served.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if client()
            .get(s.url("/v1/health"))
            .send()
            .await
            .is_ok_and(|r| r.status() == 200)
        {
            break;
        }
        assert!(Instant::now() < deadline, "no room after the held connections closed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(s.terminate().code(), Some(0));
}

#[tokio::test]
async fn sigterm_exits_within_its_deadline_with_a_slow_client_connected() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Server::start(&dir.path().join("data"), &refs(&limits(30, 60))).await;
    let mut slow = TcpStream::connect(addr(&s)).unwrap();
    slow.write_all(
        b"POST /v1/complaints HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\n\r\n{",
    )
    .unwrap();
    assert!(health_ms(&s).await < 50.0);
    let t = Instant::now();
    let status = s.terminate();
    let took = t.elapsed();
    assert!(took < Duration::from_secs(6), "exit took {took:?} (deadline 2 s)");
    assert!(status.code().is_some(), "exited, not killed: {status}");
    drop(slow);
}
