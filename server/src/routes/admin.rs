//! The moderation API, behind `Authorization: Bearer <admin token>` (the token is in `<data>/admin-token`):
//! list, show (with history), set status (lifecycle-checked, audited with actor `api`), export as JSON lines.
//! The token is for scripts and is scoped to these routes only (the console, the registry edits and publishing are
//! not reachable with it); `koltrust staff rotate-token` replaces it and the next request already needs the new one.

use super::{blocking, AppState};
use crate::admin::{export_line, show as show_one};
use crate::error::ApiError;
use crate::store::{ListFilter, StoreError};
use axum::extract::{Path as UrlPath, Query, Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use koltrust::complaint::ComplaintStatus;
use serde::Deserialize;

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The token in force: the data folder's `admin-token` as it is now (so `koltrust staff rotate-token` takes effect
/// at once), or the one read at start if the file cannot be read.
fn current_token(app: &AppState) -> String {
    app.dir.admin_token().unwrap_or_else(|_| app.admin_token.clone())
}

pub async fn require_token(State(app): State<AppState>, req: Request, next: Next) -> Response {
    let token = current_token(&app);
    let ok = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|t| constant_time_eq(t.trim().as_bytes(), token.as_bytes()));
    if !ok {
        let mut resp = ApiError::of("unauthorized").into_response();
        resp.headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        return resp;
    }
    next.run(req).await
}

fn store_error(e: StoreError) -> ApiError {
    match e {
        StoreError::NotFound => ApiError::of("not_found"),
        StoreError::InvalidTransition { .. } => {
            let mut err = ApiError::of("invalid_transition");
            err.message = format!("{} / {e}", err.message);
            err
        }
        e => ApiError::internal(e),
    }
}

fn parse_status(s: Option<&str>) -> Result<Option<ComplaintStatus>, ApiError> {
    match s {
        None | Some("") => Ok(None),
        Some(s) => ComplaintStatus::parse(s).map(Some).ok_or_else(|| {
            ApiError::new(
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                format!("Trạng thái không hợp lệ / Unknown status {s:?}"),
            )
        }),
    }
}

#[derive(Deserialize)]
pub struct ListQuery {
    status: Option<String>,
    limit: Option<u32>,
    offset: Option<u32>,
}

pub async fn list(State(app): State<AppState>, Query(q): Query<ListQuery>) -> Result<Response, ApiError> {
    let filter = ListFilter {
        status: parse_status(q.status.as_deref())?,
        limit: q.limit.unwrap_or(100).clamp(1, 1000),
        offset: q.offset.unwrap_or(0),
        ..Default::default()
    };
    let store = app.store.clone();
    let rows = blocking(move || store.list(&filter).map_err(store_error)).await?;
    Ok(Json(serde_json::json!({ "complaints": rows })).into_response())
}

pub async fn show(State(app): State<AppState>, UrlPath(receipt): UrlPath<String>) -> Result<Response, ApiError> {
    let store = app.store.clone();
    let v = blocking(move || show_one(&*store, &receipt).map_err(store_error)).await?;
    Ok(Json(v).into_response())
}

#[derive(Deserialize)]
pub struct SetStatus {
    status: String,
    #[serde(default)]
    note: String,
}

pub async fn set_status(
    State(app): State<AppState>,
    UrlPath(receipt): UrlPath<String>,
    body: Result<Json<SetStatus>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(body) = body.map_err(|e| ApiError::invalid_shape(&e.body_text()))?;
    let to = parse_status(Some(&body.status))?.ok_or_else(|| ApiError::invalid_shape("status is empty"))?;
    let note: String = body.note.chars().take(2000).collect();
    let store = app.store.clone();
    let view = blocking(move || store.set_status(&receipt, to, "api", &note).map_err(store_error)).await?;
    tracing::info!(status = to.as_str(), "complaint status changed");
    Ok(Json(serde_json::json!({
        "receipt": view.receipt, "status": view.status.as_str(), "received": view.received_ms, "updated": view.updated_ms,
    }))
    .into_response())
}

#[derive(Deserialize)]
pub struct ExportQuery {
    status: Option<String>,
}

pub async fn export(State(app): State<AppState>, Query(q): Query<ExportQuery>) -> Result<Response, ApiError> {
    let status = parse_status(q.status.as_deref())?;
    let store = app.store.clone();
    let text = blocking(move || {
        let mut out = String::new();
        store
            .for_each(status, &mut |c| {
                out.push_str(&export_line(&c));
                out.push('\n');
                Ok(())
            })
            .map_err(store_error)?;
        Ok(out)
    })
    .await?;
    let mut resp = text.into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/x-ndjson; charset=utf-8"),
    );
    Ok(resp)
}
