//! Registry distribution: the files [`crate::publish`] wrote under `<data>/public/v1/registry/`, served with a
//! strong ETag (the SHA-256 of the content, cached per file by length and modification time), `Cache-Control`
//! (`immutable` for snapshots and deltas — a sequence's bytes never change; 60 s for the manifest; an hour for the
//! keys), and `304 Not Modified` on a matching `If-None-Match`. Because these are plain files, a CDN or static
//! host serving `<data>/public/` at the site root answers the same URLs.

use super::{ApiError, AppState};
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

async fn serve_file(
    app: &AppState,
    headers: &HeaderMap,
    path: PathBuf,
    content_type: &'static str,
    cache: &'static str,
) -> Result<Response, ApiError> {
    let bytes = match tokio::fs::read(&path).await {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(ApiError::of("not_found")),
        Err(e) => return Err(ApiError::internal(e)),
    };
    let modified = tokio::fs::metadata(&path)
        .await
        .and_then(|m| m.modified())
        .unwrap_or(std::time::UNIX_EPOCH);
    let cached = {
        let map = app.etags.lock().unwrap_or_else(|p| p.into_inner());
        map.get(&path)
            .filter(|(len, m, _)| *len == bytes.len() as u64 && *m == modified)
            .map(|(_, _, e)| e.clone())
    };
    let etag = match cached {
        Some(e) => e,
        None => {
            let e = format!("\"{}\"", koltrust::registry::keys::to_hex(&Sha256::digest(&bytes)));
            let mut map = app.etags.lock().unwrap_or_else(|p| p.into_inner());
            if map.len() > 1024 {
                map.clear();
            }
            map.insert(path.clone(), (bytes.len() as u64, modified, e.clone()));
            e
        }
    };
    let mut resp = if etag_matches(headers, &etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut r = bytes.into_response();
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
