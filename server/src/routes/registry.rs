//! Registry distribution: the files [`crate::publish`] wrote under `<data>/public/v1/registry/`, served with a
//! strong ETag (the SHA-256 of the content, cached per file by length and modification time), `Cache-Control`
//! (`immutable` for snapshots and deltas — a sequence's bytes never change; 60 s for the manifest; an hour for the
//! keys), and `304 Not Modified` on a matching `If-None-Match`. Because these are plain files, a CDN or static
//! host serving `<data>/public/` at the site root answers the same URLs.

use super::state::CachedFile;
use super::{ApiError, AppState};
use axum::body::Bytes;
use axum::extract::{Path as UrlPath, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::path::PathBuf;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const MANIFEST: &str = "public, max-age=60";
const KEYS: &str = "public, max-age=3600";

fn etag_matches(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == etag || t == "*")
}

/// Files up to this size are kept in memory with their ETag (the manifest and the keys, small snapshots), so a poll
/// costs one `stat` and, when unchanged, no read at all.
const CACHE_BYTES: u64 = 256 * 1024;

async fn serve_file(
    app: &AppState,
    headers: &HeaderMap,
    path: PathBuf,
    content_type: &'static str,
    cache: &'static str,
) -> Result<Response, ApiError> {
    // A stat of a file in the page cache: cheaper than a trip to the blocking pool.
    let meta = match std::fs::metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(ApiError::of("not_found")),
        Err(e) => return Err(ApiError::internal(e)),
    };
    let (len, modified) = (meta.len(), meta.modified().unwrap_or(std::time::UNIX_EPOCH));
    let cached = {
        let map = app.etags.lock().unwrap_or_else(|p| p.into_inner());
        map.get(&path)
            .filter(|c| c.len == len && c.modified == modified)
            .map(|c| (c.etag.clone(), c.bytes.clone()))
    };
    let (etag, bytes) = match cached {
        Some((etag, bytes)) => (etag, bytes),
        None => {
            let bytes = match tokio::fs::read(&path).await {
                Ok(b) => Bytes::from(b),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(ApiError::of("not_found")),
                Err(e) => return Err(ApiError::internal(e)),
            };
            let etag = format!("\"{}\"", koltrust::registry::keys::to_hex(&Sha256::digest(&bytes)));
            // Only when the file did not change while it was read (same length as the stat): else the next request
            // hashes again.
            if bytes.len() as u64 == len {
                let mut map = app.etags.lock().unwrap_or_else(|p| p.into_inner());
                if map.len() > 1024 {
                    map.clear();
                }
                map.insert(
                    path.clone(),
                    CachedFile {
                        len,
                        modified,
                        etag: etag.clone(),
                        bytes: (len <= CACHE_BYTES).then(|| bytes.clone()),
                    },
                );
            }
            (etag, Some(bytes))
        }
    };
    let mut resp = if etag_matches(headers, &etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let body = match bytes {
            Some(b) => b,
            None => match tokio::fs::read(&path).await {
                Ok(b) => Bytes::from(b),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(ApiError::of("not_found")),
                Err(e) => return Err(ApiError::internal(e)),
            },
        };
        let mut r = body.into_response();
        r.headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        r
    };
    let h = resp.headers_mut();
    h.insert(header::ETAG, HeaderValue::from_str(&etag).map_err(ApiError::internal)?);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    h.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    Ok(resp)
}

pub async fn manifest(State(app): State<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    let path = app.dir.manifest_path();
    serve_file(&app, &headers, path, "application/json", MANIFEST).await
}

pub async fn keys(State(app): State<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    let path = app.dir.keys_path();
    serve_file(&app, &headers, path, "application/json", KEYS).await
}

fn number(s: &str) -> Option<u64> {
    (!s.is_empty() && s.len() <= 19 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

pub async fn snapshot(
    State(app): State<AppState>,
    UrlPath(file): UrlPath<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let seq = file
        .strip_suffix(".bin")
        .and_then(number)
        .ok_or_else(|| ApiError::of("not_found"))?;
    let path = app.dir.snapshot_path(seq);
    serve_file(&app, &headers, path, "application/octet-stream", IMMUTABLE).await
}

pub async fn delta(
    State(app): State<AppState>,
    UrlPath(file): UrlPath<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (from, to) = file
        .strip_suffix(".bin")
        .and_then(|s| s.split_once('-'))
        .and_then(|(a, b)| Some((number(a)?, number(b)?)))
        .ok_or_else(|| ApiError::of("not_found"))?;
    let path = app.dir.delta_path(from, to);
    serve_file(&app, &headers, path, "application/octet-stream", IMMUTABLE).await
}
