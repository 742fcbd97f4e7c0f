//! HTTP hygiene around every route: paths too long for any real resource, the static portal kept inside its folder,
//! and security headers.
//!
//! - A head with more than [`MAX_HEADERS`] fields or [`MAX_HEADER_BYTES`] bytes is 431 `headers_too_large`.
//! - A path over [`MAX_PATH`] bytes is 414 `uri_too_long`; a segment over [`MAX_SEGMENT`] bytes is 404 (no file
//!   or route has such a name). Without this, the file system's "name too long" surfaced as a 500.
//! - The portal's files (`--www`) are served only from inside that folder: a segment starting with `.` (dotfiles,
//!   `.git`, also percent-encoded) is 404, and a path whose real location (symlinks resolved) leaves the folder is
//!   404 — a symlink placed in `--www` cannot expose the rest of the disk.
//! - Every response carries `X-Content-Type-Options: nosniff`; the portal's also a Content Security Policy that
//!   forbids framing (`frame-ancestors 'none'`, which a `<meta>` policy cannot set) and `Referrer-Policy:
//!   no-referrer`.

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::path::{Path, PathBuf};

/// Longest request path accepted, in bytes.
pub const MAX_PATH: usize = 2048;
/// Longest path segment any route or file has, in bytes (file names are at most 255 bytes on the file systems the
/// server runs on).
pub const MAX_SEGMENT: usize = 255;

/// The portal's policy: its own scripts and the WebAssembly they compile, its own styles, nothing framed.
const PORTAL_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Most header fields a request may carry, and their total size in bytes. Below hyper's own limits (100 fields, a
/// ~400 KB read buffer); heads past those, and bytes that are not HTTP at all, are answered by hyper itself, and
/// [`crate::wire_errors`] gives those answers the same JSON body.
pub const MAX_HEADERS: usize = 64;
/// See [`MAX_HEADERS`].
pub const MAX_HEADER_BYTES: usize = 16 * 1024;

/// Refuses overlong heads, paths and segments before any route or file lookup.
pub async fn path_limits(req: Request, next: Next) -> Response {
    let headers = req.headers();
    let header_bytes: usize = headers.iter().map(|(k, v)| k.as_str().len() + v.len() + 4).sum();
    if headers.len() > MAX_HEADERS || header_bytes > MAX_HEADER_BYTES {
        return crate::error::ApiError::of("headers_too_large").into_response();
    }
    let path = req.uri().path();
    if path.len() > MAX_PATH {
        return crate::error::ApiError::of("uri_too_long").into_response();
    }
    if path.split('/').any(|s| s.len() > MAX_SEGMENT) {
        return crate::error::ApiError::of("not_found").into_response();
    }
    next.run(req).await
}

/// `nosniff` on every response.
pub async fn nosniff(req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    resp.headers_mut()
        .insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    resp
}

/// Decodes `%XX` escapes of a path (invalid ones stay as they are); `None` when the result is not UTF-8.
fn decode_path(path: &str) -> Option<String> {
    let b = path.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    let hex = |c: u8| (c as char).to_digit(16);
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(hi), Some(lo)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((hi * 16 + lo) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// Whether `path` (a request path) may be served from `root`: no dot segment, and — when it names something that
/// exists — its real location is inside the real `root`.
pub fn static_path_allowed(root: &Path, path: &str) -> bool {
    let Some(decoded) = decode_path(path) else {
        return false;
    };
    let segments: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty()).collect();
    if segments.iter().any(|s| s.starts_with('.') || s.contains('\\')) {
        return false;
    }
    let mut target = PathBuf::from(root);
    target.extend(&segments);
    match (target.canonicalize(), root.canonicalize()) {
        (Ok(real), Ok(real_root)) => real.starts_with(real_root),
        (Err(_), _) => true, // nothing there: the file service answers 404
        (Ok(_), Err(_)) => false,
    }
}

/// Wraps the portal's file service: the path rules above, then the security headers on what it serves.
pub async fn portal_guard(root: PathBuf, req: Request, next: Next) -> Response {
    if !static_path_allowed(&root, req.uri().path()) {
        return crate::error::ApiError::of("not_found").into_response();
    }
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(PORTAL_CSP));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    if resp.status() == StatusCode::OK {
        resp.headers_mut()
            .entry(header::X_FRAME_OPTIONS)
            .or_insert(HeaderValue::from_static("DENY"));
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_segments_and_escapes_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("index.html"), "<p>ok</p>").unwrap();
        std::fs::write(root.join(".env"), "SECRET=1").unwrap();
        std::fs::create_dir(root.join("views")).unwrap();
        std::fs::write(root.join("views/check.js"), "").unwrap();
        assert!(static_path_allowed(root, "/"));
        assert!(static_path_allowed(root, "/index.html"));
        assert!(static_path_allowed(root, "/views/check.js"));
        assert!(
            static_path_allowed(root, "/missing.js"),
            "missing files are the file service's 404"
        );
        for p in [
            "/.env",
            "/%2eenv",
            "/%2Eenv",
            "/.git/config",
            "/views/../.env",
            "/a\\..\\b",
        ] {
            assert!(!static_path_allowed(root, p), "{p}");
        }
        #[cfg(unix)]
        {
            let outside = tempfile::tempdir().unwrap();
            std::fs::write(outside.path().join("secret.txt"), "x").unwrap();
            std::os::unix::fs::symlink(outside.path(), root.join("out")).unwrap();
            assert!(
                !static_path_allowed(root, "/out/secret.txt"),
                "a symlink out of the folder"
            );
            std::os::unix::fs::symlink(root.join("views"), root.join("v2")).unwrap();
            assert!(static_path_allowed(root, "/v2/check.js"), "a symlink within the folder");
        }
    }

    #[test]
    fn percent_escapes_decode() {
        assert_eq!(decode_path("/a%20b").as_deref(), Some("/a b"));
        assert_eq!(decode_path("/%zz%2").as_deref(), Some("/%zz%2"));
        assert_eq!(decode_path("/%E1%BA%BF").as_deref(), Some("/ế"));
        assert_eq!(decode_path("/%FF"), None);
        assert_eq!(
            decode_path("/%é%").as_deref(),
            Some("/%é%"),
            "a multi-byte character after % is no escape"
        );
    }
}
