//! Register editing for registrars: find a record (by id or name), read it in full (with its source JSON for
//! editing), create or replace it from that JSON, add a sanction, renew a certificate. Every edit goes through
//! [`crate::admin`]: parsed and canonicalised by the core (accounts by its recognizer), checked against the whole
//! registry (`check_records`) before it is stored, and audited with its actor.

use super::guard::{json_body, refused, Staff};
use crate::admin::{add_sanction as add_one, put_record, renew_certificate, Renewal};
use crate::error::ApiError;
use crate::roles::Permission;
use crate::routes::{blocking, AppState};
use axum::body::Bytes;
use axum::extract::{Path as UrlPath, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use koltrust::registry::source::to_json;
use koltrust::registry::{CertLevel, Date, Sanction, SanctionKind, SanctionReason};
use koltrust::text::fold::fold_str as fold;
use serde::Deserialize;
use serde_json::json;

fn today() -> Date {
    Date::from_unix_vn(crate::clock::now_ms() / 1000)
}

#[derive(Deserialize)]
pub struct SearchQuery {
    q: Option<String>,
}

/// `GET /console/api/records?q=`: up to 50 records whose id or name (diacritics and case folded) contains `q`.
pub async fn search(
    State(app): State<AppState>,
    Extension(staff): Extension<Staff>,
    Query(q): Query<SearchQuery>,
) -> Result<Response, ApiError> {
    staff.need(Permission::ReadRegister)?;
    let needle = fold(q.q.as_deref().unwrap_or("").trim());
    let store = app.store.clone();
    let rows = blocking(move || {
        let today = today();
        Ok(store
            .records()
            .map_err(ApiError::internal)?
            .into_iter()
            .filter(|r| needle.is_empty() || fold(&r.id).contains(&needle) || fold(&r.name).contains(&needle))
            .take(50)
            .map(|r| {
                json!({
                    "id": r.id, "name": r.name, "accounts": r.accounts.len(),
                    "state": koltrust::registry::state_at(&r, today).code(),
                    "sanctions": r.sanctions.len(), "fictional": r.fictional,
                })
            })
            .collect::<Vec<_>>())
    })
    .await?;
    Ok(Json(json!({"records": rows})).into_response())
}

/// `GET /console/api/records/{id}`: the record as the register holds it, its state today and its source JSON.
pub async fn show(
    State(app): State<AppState>,
    Extension(staff): Extension<Staff>,
    UrlPath(id): UrlPath<String>,
) -> Result<Response, ApiError> {
    staff.need(Permission::ReadRegister)?;
    let store = app.store.clone();
    let v = blocking(move || {
        let r = store
            .record(&id)
            .map_err(ApiError::internal)?
            .ok_or(ApiError::of("not_found"))?;
        let source: serde_json::Value =
            serde_json::from_str(&to_json(std::slice::from_ref(&r))).map_err(ApiError::internal)?;
        let history = store.audit_entries(Some(&r.id), 100).map_err(ApiError::internal)?;
        Ok(json!({
            "record": r, "state": koltrust::registry::state_at(&r, today()).code(),
            "source": source["records"][0], "history": history,
        }))
    })
    .await?;
    Ok(Json(v).into_response())
}

fn date_field(s: &str, field: &str) -> Result<Date, ApiError> {
    Date::parse(s.trim()).ok_or_else(|| refused(format!("{field}: cần ngày yyyy-mm-dd / a yyyy-mm-dd date is needed")))
}

fn required(s: &str, field: &str) -> Result<String, ApiError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(refused(format!("{field}: bắt buộc / required")));
    }
    Ok(s.to_string())
}

#[derive(Deserialize)]
struct NewSanction {
    kind: String,
    reason: String,
    authority: String,
    decision: String,
    summary_vi: String,
    summary_en: String,
    issued: String,
    effective_from: String,
    #[serde(default)]
    effective_until: Option<String>,
    source_url: String,
    #[serde(default)]
    fine_vnd: Option<u64>,
}

/// `POST /console/api/records/{id}/sanctions`: a new sanction, with mandatory authority, decision reference,
/// dates and public source (then the core's own checks on the whole record and registry).
pub async fn add_sanction(
    State(app): State<AppState>,
    Extension(staff): Extension<Staff>,
    UrlPath(id): UrlPath<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    staff.need(Permission::EditRegister)?;
    let b: NewSanction = json_body(&headers, &body)?;
    let sanction = Sanction {
        kind: SanctionKind::parse(b.kind.trim())
            .ok_or_else(|| refused(format!("kind: {}", SanctionKind::choices())))?,
        reason: SanctionReason::parse(b.reason.trim())
            .ok_or_else(|| refused(format!("reason: {}", SanctionReason::choices())))?,
        authority: required(&b.authority, "authority")?,
        decision: required(&b.decision, "decision")?,
        summary_vi: required(&b.summary_vi, "summary_vi")?,
        summary_en: required(&b.summary_en, "summary_en")?,
        issued: date_field(&b.issued, "issued")?,
        effective_from: date_field(&b.effective_from, "effective_from")?,
        effective_until: b
            .effective_until
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| date_field(s, "effective_until"))
            .transpose()?,
        source_url: required(&b.source_url, "source_url")?,
        fine_vnd: b.fine_vnd,
    };
    let store = app.store.clone();
    let actor = staff.actor();
    blocking(move || add_one(&*store, &id, sanction, today(), &actor).map_err(refused)).await?;
    Ok(Json(json!({"ok": true})).into_response())
}

#[derive(Deserialize)]
struct NewCertificate {
    expires: String,
    #[serde(default)]
    issued: Option<String>,
    #[serde(default)]
    score: Option<u8>,
    #[serde(default)]
    number: Option<String>,
    #[serde(default)]
    level: Option<String>,
}

/// `POST /console/api/records/{id}/certificate`: grant or renew the certificate (unset fields keep their value).
pub async fn renew(
    State(app): State<AppState>,
    Extension(staff): Extension<Staff>,
    UrlPath(id): UrlPath<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    staff.need(Permission::EditRegister)?;
    let b: NewCertificate = json_body(&headers, &body)?;
    let renewal = Renewal {
        issued: b
            .issued
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(|s| date_field(s, "issued"))
            .transpose()?,
        expires: date_field(&b.expires, "expires")?,
        score: b.score,
        number: b.number.filter(|s| !s.trim().is_empty()),
        level: b
            .level
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(|l| CertLevel::parse(l.trim()).ok_or_else(|| refused(format!("level: {l:?}"))))
            .transpose()?,
    };
    let store = app.store.clone();
    let actor = staff.actor();
    blocking(move || renew_certificate(&*store, &id, renewal, today(), &actor).map_err(refused)).await?;
    Ok(Json(json!({"ok": true})).into_response())
}

/// `PUT`-like `POST /console/api/records` with `{"record": {…source JSON…}}`: creates or replaces a record.
pub async fn put(
    State(app): State<AppState>,
    Extension(staff): Extension<Staff>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    staff.need(Permission::EditRegister)?;
    #[derive(Deserialize)]
    struct Put {
        record: Box<serde_json::value::RawValue>,
    }
    let b: Put = json_body(&headers, &body)?;
    let store = app.store.clone();
    let actor = staff.actor();
    let r = blocking(move || put_record(&*store, b.record.get(), None, &actor).map_err(refused)).await?;
    Ok(Json(json!({"ok": true, "id": r.id})).into_response())
}
