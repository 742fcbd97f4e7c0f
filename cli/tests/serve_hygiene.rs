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

    // Overlong paths: a 300-byte segment is no file (404), a 3,000-byte path is refused (414); both JSON, not 500.
    let r = c.get(s.url(&format!("/{}", "a".repeat(300)))).send().await.unwrap();
    error_body(r, 404, "not_found").await;
    let r = c
        .get(s.url(&format!("/v1/{}", "a/".repeat(1500))))
        .send()
        .await
        .unwrap();
    error_body(r, 414, "uri_too_long").await;

    // The API says nosniff too.
    let r = c.get(s.url("/v1/health")).send().await.unwrap();
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");

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
