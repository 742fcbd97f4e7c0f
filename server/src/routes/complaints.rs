//! Complaint intake for reporters: submit, then follow the status by receipt.
//!
//! `POST /v1/complaints` (`Content-Type: application/json`, optional `X-Koltrust-Client: <opaque per-install
//! token>`): rate limits first, before the body is read ([`limits`]: per client address — IPv6 per /64, the
//! forwarded client behind `--trusted-proxy` —, then per client token; 429 `rate_limited` + `Retry-After`), then the body
//! (400 `bad_json` for syntax, 422 `invalid_field` for wrong types or missing fields, 413 `too_large`), then the
//! core's [`validate`] (422 `invalid_field` with `fields`, messages in the submission's locale), then the
//! group-commit writer. Answers after the commit: 201 with a new receipt, or 200 with the receipt already given to
//! that client id (idempotent retry).
//! ```json
//! {"receipt": "R-7K3M-Q9XD-2HVB-WN4P", "status": "received", "received": 1764374400123,
//!  "duplicate": false, "status_url": "/v1/complaints/R-7K3M-Q9XD-2HVB-WN4P"}
//! ```
//! `GET /v1/complaints/<receipt>`: `{"receipt", "status", "label": {"vi", "en"}, "received", "updated"}` — no
//! contents, so a receipt leaks nothing but progress. Receipts are 80 random bits (Crockford base32).
//!
//! Nothing here logs a complaint's contents or URLs.

use super::{blocking, AppState};
use crate::datadir::random_bytes;
use crate::error::ApiError;
use crate::ratelimit::{bucket_key, client_ip};
use crate::store::NewComplaint;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, Path as UrlPath, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use koltrust::complaint::{validate, ComplaintSubmission};
use koltrust::i18n::Lang;
use serde_json::json;
use std::net::SocketAddr;

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A fresh receipt: `R-` and 16 Crockford base32 characters (80 random bits) in groups of four.
pub fn new_receipt() -> Result<String, String> {
    let b = random_bytes::<10>()?;
    let mut n = u128::from_be_bytes({
        let mut w = [0u8; 16];
        w[6..].copy_from_slice(&b);
        w
    });
    let mut s = String::with_capacity(21);
    s.push('R');
    for i in 0..16 {
        if i % 4 == 0 {
            s.push('-');
        }
        s.push(CROCKFORD[(n & 31) as usize] as char);
        n >>= 5;
    }
    Ok(s)
}

fn is_receipt(s: &str) -> bool {
    s.len() == 21 && s.starts_with("R-") && s.bytes().all(|b| b == b'-' || CROCKFORD.contains(&b))
}

/// The rate limits of `POST /v1/complaints`, applied **before the body is read** (a route layer runs before the
/// handler's body extractor): a client over its limit costs one header parse, not a 2 MB upload held in memory.
/// Per client address — IPv6 by /64, behind `--trusted-proxy` the forwarded client ([`client_ip`]) — then per
/// client token.
pub async fn limits(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    req: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let forwarded = req.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok());
    let ip = client_ip(peer.ip(), forwarded, &app.trusted_proxies);
    app.per_ip.check(&bucket_key(ip)).map_err(ApiError::rate_limited)?;
    if let Some(client) = req.headers().get("x-koltrust-client").and_then(|v| v.to_str().ok()) {
        let client = client.get(..128).unwrap_or(client);
        app.per_client.check(client).map_err(ApiError::rate_limited)?;
    }
    Ok(next.run(req).await)
}

pub async fn submit(
    State(app): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let json_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("application/json"));
    if !json_type {
        return Err(ApiError::of("unsupported_media_type"));
    }
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::of("too_large")
        } else {
            ApiError::bad_json("the body could not be read")
        }
    })?;
    let sub: ComplaintSubmission = serde_json::from_slice(&body).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => ApiError::invalid_shape(&e.to_string()),
        _ => ApiError::bad_json(&e.to_string()),
    })?;
    let lang = Lang::from_tag(&sub.locale);
    let complaint = validate(&sub).map_err(|errors| ApiError::invalid_fields(&errors, lang))?;
    let receipt = new_receipt().map_err(ApiError::internal)?;
    let inserted = app
        .intake
        .submit(NewComplaint {
            complaint,
            receipt,
            received_ms: crate::clock::now_ms(),
        })
        .await
        .map_err(ApiError::internal)?;
    let code = if inserted.duplicate {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    tracing::debug!(duplicate = inserted.duplicate, "complaint stored");
    let body = json!({
        "receipt": inserted.receipt,
        "status": inserted.status.as_str(),
        "received": inserted.received_ms,
        "duplicate": inserted.duplicate,
        "status_url": format!("/v1/complaints/{}", inserted.receipt),
    });
    Ok((code, Json(body)).into_response())
}

pub async fn status(
    State(app): State<AppState>,
    UrlPath(receipt): UrlPath<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    if !is_receipt(&receipt) {
        return Err(ApiError::of("not_found"));
    }
    let store = app.store.clone();
    let view = blocking(move || store.status(&receipt).map_err(ApiError::internal))
        .await?
        .ok_or_else(|| ApiError::of("not_found"))?;
    Ok(Json(json!({
        "receipt": view.receipt,
        "status": view.status.as_str(),
        "label": {"vi": view.status.label(Lang::Vi), "en": view.status.label(Lang::En)},
        "received": view.received_ms,
        "updated": view.updated_ms,
        "reply": view.reply,
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receipts_are_well_formed_and_distinct() {
        let a = new_receipt().unwrap();
        let b = new_receipt().unwrap();
        assert!(is_receipt(&a), "{a}");
        assert_ne!(a, b);
        assert!(!is_receipt("R-../../etc/passwd"));
    }
}
