//! The audit trail for admins: every login, edit, status change, publication and staff change with its actor,
//! time and detail (before/after where the change has one), newest first, filtered by actor, action prefix or
//! subject, paged back by id, and exported as JSON lines. Read-only: the trail has no route that changes it.

use super::guard::Staff;
use crate::error::ApiError;
use crate::roles::Permission;
use crate::routes::{blocking, AppState};
use crate::store::AuditFilter;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
pub struct TrailQuery {
    actor: Option<String>,
    action: Option<String>,
    subject: Option<String>,
    before: Option<i64>,
    limit: Option<u32>,
}

fn filter(q: TrailQuery, max: u32) -> AuditFilter {
    let some = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    AuditFilter {
        actor: some(q.actor),
        action: some(q.action),
        subject: some(q.subject),
        before_id: q.before,
        limit: q.limit.unwrap_or(100).clamp(1, max),
    }
}

/// `GET /console/api/audit?actor=&action=&subject=&before=&limit=`.
pub async fn list(
    State(app): State<AppState>,
    Extension(staff): Extension<Staff>,
    Query(q): Query<TrailQuery>,
) -> Result<Response, ApiError> {
    staff.need(Permission::Administer)?;
    let f = filter(q, 500);
    let store = app.store.clone();
    let rows = blocking(move || store.audit_search(&f).map_err(ApiError::internal)).await?;
    Ok(Json(json!({"entries": rows})).into_response())
}

/// `GET /console/api/audit/export`: the matching entries (up to 100,000) as JSON lines, as a download.
pub async fn export(
    State(app): State<AppState>,
    Extension(staff): Extension<Staff>,
    Query(q): Query<TrailQuery>,
) -> Result<Response, ApiError> {
    staff.need(Permission::Administer)?;
    let mut f = filter(q, 100_000);
    if f.limit == 100 {
        f.limit = 100_000;
    }
    let store = app.store.clone();
    let actor = staff.actor();
    let text = blocking(move || {
        let rows = store.audit_search(&f).map_err(ApiError::internal)?;
        let mut out = String::new();
        for r in &rows {
            out.push_str(&serde_json::to_string(r).map_err(ApiError::internal)?);
            out.push('\n');
        }
        let detail = json!({"entries": rows.len()}).to_string();
        store
            .audit(&actor, "audit.export", "audit", &detail)
            .map_err(ApiError::internal)?;
        Ok(out)
    })
    .await?;
    Ok(super::guard::jsonl_download(
        text,
        "attachment; filename=\"audit.jsonl\"",
    ))
}
