//! `koltrust serve`'s HTTP hygiene: overlong paths are 404/414 JSON (not 500), the portal's folder keeps its
//! dotfiles and never serves through a symlink out of it, security headers are set, and the moderation API does not
//! answer extensions' CORS preflights.

// Whole-crate test code: a failed `unwrap`/`expect` is the test failing, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod serve_common;

use serve_common::*;
use std::fs;

#[tokio::test]
async fn paths_files_headers_and_cors() {
    let dir = tempfile::tempdir().unwrap();
    let www = dir.path().join("www");
    fs::create_dir(&www).unwrap();
    fs::write(www.join("index.html"), "<!doctype html><p>portal</p>").unwrap();
    fs::write(www.join(".env"), "ADMIN_TOKEN=secret").unwrap();
    let app_js = "export const answer = 42;\n".repeat(50);
    fs::write(www.join("app.js"), &app_js).unwrap();
    // As `cargo xtask dist` precompresses the portal's files (Debian's gzip stands in for it here).
    let gz = std::process::Command::new("gzip")
        .args(["-k", "-9"])
        .arg(www.join("app.js"))
        .status()
        .unwrap();
    assert!(gz.success());
    let outside = dir.path().join("outside");
    fs::create_dir(&outside).unwrap();
    fs::write(outside.join("secret.txt"), "not for the web").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, www.join("out")).unwrap();
    let data = dir.path().join("data");
    let mut s = Server::start(&data, &["--www", www.to_str().unwrap()]).await;
    let c = client();

    // The portal: served, with its policy; dotfiles and escapes are plain 404s.
    let r = c.get(s.url("/")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let csp = r.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(
        csp.contains("frame-ancestors 'none'") && csp.contains("'wasm-unsafe-eval'"),
        "{csp}"
    );
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    assert_eq!(r.headers()["referrer-policy"], "no-referrer");
    for path in ["/.env", "/%2eenv", "/out/secret.txt", "/out/../.env"] {
        let r = c.get(s.url(path)).send().await.unwrap();
        let status = r.status().as_u16();
        let body = r.text().await.unwrap();
        assert_eq!(status, 404, "{path}: {body}");
        assert!(!body.contains("secret"), "{path}");
    }

    // Precompressed files go to clients that accept them, the plain file to the others.
    let r = c
        .get(s.url("/app.js"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-encoding"], "gzip");
    assert_eq!(
        r.bytes().await.unwrap().as_ref(),
        fs::read(www.join("app.js.gz")).unwrap().as_slice()
    );
    let r = c.get(s.url("/app.js")).send().await.unwrap();
    assert!(!r.headers().contains_key("content-encoding"));
    assert_eq!(r.text().await.unwrap(), app_js);

    // Overlong paths: a 300-byte segment is no file (404), a 3,000-byte path is refused (414); both JSON, not 500.
    let r = c.get(s.url(&format!("/{}", "a".repeat(300)))).send().await.unwrap();
    error_body(r, 404, "not_found").await;
    let r = c
        .get(s.url(&format!("/v1/{}", "a/".repeat(1500))))
        .send()
        .await
        .unwrap();
    error_body(r, 414, "uri_too_long").await;

    // An oversized head is this server's JSON 431, not hyper's bare one.
    let mut many = c.get(s.url("/v1/health"));
    for i in 0..80 {
        many = many.header(format!("x-filler-{i}"), "x");
    }
    error_body(many.send().await.unwrap(), 431, "headers_too_large").await;
    let big = c
        .get(s.url("/v1/health"))
        .header("x-big", "a".repeat(20_000))
        .send()
        .await
        .unwrap();
    error_body(big, 431, "headers_too_large").await;

    // What hyper answers by itself (not HTTP at all, a head past hyper's own 100 fields, garbage after a good
    // pipelined request) is JSON too, and the good response before it is untouched.
    let addr = s.base.trim_start_matches("http://").to_string();
    let wire = |bytes: Vec<u8>| {
        let addr = addr.clone();
        tokio::task::spawn_blocking(move || raw_exchange(&addr, &bytes))
    };
    let answer = wire(b"\x16\x03\x01 not http\r\n\r\n".to_vec()).await.unwrap();
    assert_wire_error(&answer, "400 Bad Request", "malformed_request");
    let mut head = b"GET /v1/health HTTP/1.1\r\nHost: x\r\n".to_vec();
    for i in 0..120 {
        head.extend_from_slice(format!("X-Filler-{i}: x\r\n").as_bytes());
    }
    head.extend_from_slice(b"\r\n");
    assert_wire_error(
        &wire(head).await.unwrap(),
        "431 Request Header Fields Too Large",
        "headers_too_large",
    );
    let answer = wire(b"GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\nGET /\x01 HTTP/1.1\r\n\r\n".to_vec())
        .await
        .unwrap();
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    assert!(answer.contains(r#""status":"ok""#), "{answer}");
    assert_wire_error(&answer, "400 Bad Request", "malformed_request");

    // The API says nosniff too, and every answer carries its own request id (for matching a report to the log).
    let r = c.get(s.url("/v1/health")).send().await.unwrap();
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    let first = r.headers()["x-request-id"].to_str().unwrap().to_string();
    let r = c.get(s.url("/v1/health")).send().await.unwrap();
    let second = r.headers()["x-request-id"].to_str().unwrap().to_string();
    assert!(!first.is_empty() && first != second, "{first} {second}");

    // CORS: an extension may call the public API, never the moderation API.
    let preflight = |path: &str| {
        c.request(reqwest::Method::OPTIONS, s.url(path))
            .header("origin", "chrome-extension://abcdefghijklmnopabcdefghijklmnop")
            .header("access-control-request-method", "GET")
            .send()
    };
    let r = preflight("/v1/complaints").await.unwrap();
    assert!(r.headers().contains_key("access-control-allow-origin"), "public API");
    let r = preflight("/v1/admin/complaints").await.unwrap();
    assert!(
        !r.headers().contains_key("access-control-allow-origin"),
        "moderation API"
    );
    assert_eq!(s.terminate().code(), Some(0));
}

/// Writes `bytes` on a new connection and reads the answer until the server closes it (at most 5 s).
fn raw_exchange(addr: &str, bytes: &[u8]) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(5))).unwrap();
    s.write_all(bytes).unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// The last response in `answer` is `status` with the JSON error body of `code`, and a length that frames it.
fn assert_wire_error(answer: &str, status: &str, code: &str) {
    let start = answer.rfind("HTTP/1.1 ").unwrap();
    let (head, body) = answer[start..].split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with(&format!("HTTP/1.1 {status}\r\n")), "{answer}");
    assert!(head.contains("content-type: application/json"), "{answer}");
    assert!(head.contains(&format!("content-length: {}", body.len())), "{answer}");
    let v: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(v["error"]["code"], code, "{answer}");
}

/// Writes a POST's headers and the first bytes of a large body, then waits (at most 5 s) for the answer: a limited
/// client must be answered without the server waiting for the body.
fn post_head_only(addr: &str, forwarded: Option<&str>) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(5))).unwrap();
    let xff = forwarded
        .map(|f| format!("X-Forwarded-For: {f}\r\n"))
        .unwrap_or_default();
    write!(
        s,
        "POST /v1/complaints HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n{xff}Content-Length: 1000000\r\n\r\n{{\"id\":"
    )
    .unwrap();
    let mut buf = [0u8; 512];
    let n = s.read(&mut buf).unwrap_or(0);
    String::from_utf8_lossy(&buf[..n]).into_owned()
}

#[tokio::test]
async fn rate_limits_come_before_the_body_and_ipv6_clients_share_their_slash_64() {
    let dir = tempfile::tempdir().unwrap();
    let limited = ["--ip-per-minute", "1", "--ip-burst", "1", "--client-per-minute", "0"];
    let c = client();

    // Direct clients: one submission, then 429 for the next — answered while its body is still unsent.
    let mut s = Server::start(&dir.path().join("direct"), &limited).await;
    let r = c
        .post(s.url("/v1/complaints"))
        .json(&complaint("limit-0001-abcdef"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let addr = s
        .url("")
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let head = tokio::task::spawn_blocking({
        let addr = addr.clone();
        move || post_head_only(&addr, Some("2001:db8::1"))
    })
    .await
    .unwrap();
    assert!(
        head.starts_with("HTTP/1.1 429"),
        "limited before the body, X-Forwarded-For ignored: {head:?}"
    );
    assert_eq!(s.terminate().code(), Some(0));

    // Behind a trusted proxy: the forwarded client counts, and an IPv6 client's whole /64 shares one bucket.
    let mut args = limited.to_vec();
    args.extend(["--trusted-proxy", "127.0.0.1/32"]);
    let mut s = Server::start(&dir.path().join("proxied"), &args).await;
    let mut n = 0;
    let mut send = |xff: &'static str| {
        n += 1;
        c.post(s.url("/v1/complaints"))
            .header("x-forwarded-for", xff)
            .json(&complaint(&format!("proxied-{n:04}-abcdef")))
            .send()
    };
    assert_eq!(send("2001:db8:1:2::10").await.unwrap().status(), 201);
    assert_eq!(send("2001:db8:1:2:ffff::20").await.unwrap().status(), 429, "same /64");
    assert_eq!(send("2001:db8:1:3::10").await.unwrap().status(), 201, "another /64");
    assert_eq!(
        send("198.51.100.7, 2001:db8:1:4::1").await.unwrap().status(),
        201,
        "the right-most hop counts"
    );
    assert_eq!(s.terminate().code(), Some(0));
}
