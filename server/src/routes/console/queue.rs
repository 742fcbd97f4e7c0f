//! The complaints queue for moderators: the list with its filters and the per-account counts (repeated reports
//! about one KOL group together), one complaint in full (with its account's published registry status and its
//! history; the contact only for roles allowed to see it), its screenshot served on its own, status changes one by
//! one or in bulk (each with an internal note and a note the reporter reads in *My reports*), and the export.

use super::guard::{json_body, refused, Staff};
use crate::admin::export_line;
use crate::console::files::SCREENSHOT_CSP;
use crate::error::ApiError;
use crate::roles::{allows, Permission};
use crate::routes::{blocking, AppState};
use crate::store::{ListFilter, StoreError};
use axum::body::Bytes;
use axum::extract::{Path as UrlPath, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use koltrust::complaint::{Category, ComplaintStatus};
use koltrust::platform::Platform;
use koltrust::registry::reader::Registry;
use koltrust::registry::{Date, KeySet};
use serde::Deserialize;
use serde_json::json;
use std::collections::BTreeMap;

/// Vietnam's offset from UTC: the console's dates are Vietnamese days.
const VN_OFFSET_MS: i64 = 7 * 3600 * 1000;
/// Most complaints one bulk change may touch.
pub const BULK_MAX: usize = 200;
/// Longest note (internal or for the reporter), in characters.
pub const NOTE_MAX: usize = 2000;

fn bad(what: &str) -> ApiError {
    refused(format!("Bộ lọc không hợp lệ / Invalid filter: {what}"))
}

fn status_of(s: &str) -> Result<ComplaintStatus, ApiError> {
    ComplaintStatus::parse(s).ok_or_else(|| bad("status"))
}

fn day_ms(s: &str, what: &str) -> Result<i64, ApiError> {
    let d = Date::parse(s).ok_or_else(|| bad(what))?;
    Ok(i64::from(d.0) * 86_400_000 - VN_OFFSET_MS)
}

#[derive(Deserialize, Default)]
pub struct QueueQuery {
    status: Option<String>,
    category: Option<String>,
    platform: Option<String>,
    account: Option<String>,
    /// First day, `YYYY-MM-DD` (Vietnam time).
    from: Option<String>,
    /// Last day, included.
    to: Option<String>,
    limit: Option<u32>,
    offset: Option<u32>,
}

fn some(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn filter(q: &QueueQuery) -> Result<ListFilter, ApiError> {
    Ok(ListFilter {
        status: some(&q.status).map(status_of).transpose()?,
        category: some(&q.category)
            .map(|c| {
                Category::parse(c)
                    .map(|c| c.as_str().to_string())
                    .ok_or_else(|| bad("category"))
            })
            .transpose()?,
        platform: some(&q.platform)
            .map(|p| {
                Platform::parse(p)
                    .map(|p| p.as_str().to_string())
                    .ok_or_else(|| bad("platform"))
            })
            .transpose()?,
        account_id: some(&q.account).map(|a| a.trim_start_matches('@').to_string()),
        from_ms: some(&q.from).map(|d| day_ms(d, "from")).transpose()?,
        to_ms: some(&q.to)
            .map(|d| day_ms(d, "to").map(|ms| ms + 86_400_000))
            .transpose()?,
        limit: q.limit.unwrap_or(50).clamp(1, 500),
        offset: q.offset.unwrap_or(0),
    })
}

fn store_error(e: StoreError) -> ApiError {
    match e {
        StoreError::NotFound => ApiError::of("not_found"),
        e @ StoreError::InvalidTransition { .. } => {
            let mut err = ApiError::of("invalid_transition");
            err.message = format!("{} / {e}", err.message);
            err
        }
        e => ApiError::internal(e),
    }
}

/// `GET /console/api/complaints`: the filtered page, and every account's counts (total and still open), the most
/// reported first.
pub async fn list(
    State(app): State<AppState>,
    Extension(staff): Extension<Staff>,
    Query(q): Query<QueueQuery>,
) -> Result<Response, ApiError> {
    staff.need(Permission::ReadComplaints)?;
    let f = filter(&q)?;
    let store = app.store.clone();
    let (rows, counts) = blocking(move || {
        let rows = store.list(&f).map_err(ApiError::internal)?;
        let counts = store.counts_by_account().map_err(ApiError::internal)?;
        Ok((rows, counts))
    })
    .await?;
    let mut per: BTreeMap<(String, String, String), (u32, u32)> = BTreeMap::new();
    for c in counts {
        let e = per
            .entry((
                c.account.platform.as_str().to_string(),
                c.account.id_type.as_str().to_string(),
                c.account.account_id.clone(),
            ))
            .or_default();
        e.0 += c.count;
        if !c.status.is_final() {
            e.1 += c.count;
        }
    }
    let mut accounts: Vec<_> = per.into_iter().collect();
    accounts.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then_with(|| a.0.cmp(&b.0)));
    let accounts: Vec<_> = accounts
        .into_iter()
        .take(50)
        .map(|((platform, id_type, account_id), (total, open))| {
            json!({"platform": platform, "id_type": id_type, "account_id": account_id, "total": total, "open": open})
        })
        .collect();
    Ok(Json(json!({"complaints": rows, "accounts": accounts})).into_response())
}

/// The account's record and state in the newest published snapshot (what the extension shows), if any.
fn published_status(app: &AppState, c: &koltrust::complaint::ValidComplaint) -> serde_json::Value {
    let look = || -> Option<serde_json::Value> {
        let seq = crate::mirror::local_sequence(&app.dir.registry_dir())?;
        let bytes = std::fs::read(app.dir.snapshot_path(seq)).ok()?;
        let (hex, _) = app.dir.public_key().ok()?;
        let mut keys = KeySet::new();
        keys.add_hex(&hex)?;
        let reg = Registry::open(bytes, &keys, None, crate::clock::now_ms() / 1000).ok()?;
        let p = &c.profile;
        let hit = reg.lookup(p.platform, p.id_type, &p.account_id).ok()?;
        Some(match hit {
            Some(h) => {
                let r = reg.record(h.record).ok()?;
                json!({"sequence": seq, "record_id": r.id, "name": r.name, "state": h.state.code()})
            }
            None => json!({"sequence": seq, "record_id": null, "state": "unknown"}),
        })
    };
    look().unwrap_or(serde_json::Value::Null)
}

/// `GET /console/api/complaints/{receipt}`: the complaint in full (screenshot as a link, contact only for roles
/// allowed to read it), the published registry status of its account, and its history.
pub async fn show(
    State(app): State<AppState>,
    Extension(staff): Extension<Staff>,
    UrlPath(receipt): UrlPath<String>,
) -> Result<Response, ApiError> {
    staff.need(Permission::ReadComplaints)?;
    let store = app.store.clone();
    let app2 = app.clone();
    let contact = allows(&staff.roles, Permission::ReadContact);
    let v = blocking(move || {
        let c = store
            .get(&receipt)
            .map_err(store_error)?
            .ok_or(ApiError::of("not_found"))?;
        let history = store.audit_entries(Some(&receipt), 200).map_err(ApiError::internal)?;
        let reply = store.status(&receipt).map_err(ApiError::internal)?.map(|s| s.reply);
        let registry = published_status(&app2, &c.complaint);
        let mut v = serde_json::to_value(&c).map_err(ApiError::internal)?;
        if let Some(s) = v.pointer_mut("/complaint/screenshot").and_then(|s| s.as_object_mut()) {
            s.remove("base64");
            s.insert(
                "url".into(),
                json!(format!("/console/api/complaints/{receipt}/screenshot")),
            );
        }
        if !contact {
            if let Some(obj) = v.pointer_mut("/complaint").and_then(|c| c.as_object_mut()) {
                if obj.get("contact").is_some_and(|c| !c.is_null()) {
                    obj.insert("contact".into(), json!({"hidden": true}));
                }
            }
        }
        v["history"] = serde_json::to_value(history).map_err(ApiError::internal)?;
        v["registry"] = registry;
        v["reply"] = json!(reply.unwrap_or_default());
        v["next"] = json!(ComplaintStatus::ALL
            .iter()
            .filter(|s| c.status.can_move_to(**s))
            .map(|s| s.as_str())
            .collect::<Vec<_>>());
        Ok(v)
    })
    .await?;
    Ok(Json(v).into_response())
}

/// `GET …/screenshot`: the checked image bytes with their checked type (PNG or JPEG), a sandboxing CSP and
/// `nosniff`, so even a crafted file cannot run as a page.
pub async fn screenshot(
    State(app): State<AppState>,
    Extension(staff): Extension<Staff>,
    UrlPath(receipt): UrlPath<String>,
) -> Result<Response, ApiError> {
    staff.need(Permission::ReadComplaints)?;
    let store = app.store.clone();
    let shot = blocking(move || {
        let c = store
            .get(&receipt)
            .map_err(store_error)?
            .ok_or(ApiError::of("not_found"))?;
        c.complaint.screenshot.ok_or(ApiError::of("not_found"))
    })
    .await?;
    let mime = match shot.mime.as_str() {
        "image/png" => "image/png",
        "image/jpeg" => "image/jpeg",
        _ => return Err(ApiError::of("not_found")),
    };
    let bytes = decode_base64(&shot.base64).ok_or(ApiError::of("not_found"))?;
    let mut resp = (StatusCode::OK, bytes).into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(SCREENSHOT_CSP),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("inline; filename=\"screenshot\""),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(resp)
}

/// Standard base64 with padding (what the core's validation accepted); `None` on anything else.
fn decode_base64(s: &str) -> Option<Vec<u8>> {
    fn val(c: u8) -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    }
    let s = s.as_bytes();
    if s.len() % 4 != 0 {
        return None;
    }
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    for chunk in s.chunks(4) {
        let pad = chunk.iter().rev().take_while(|&&c| c == b'=').count();
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            let v = if i >= 4 - pad { 0 } else { val(c)? };
            n = (n << 6) | v;
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - pad.min(2)]);
    }
    Some(out)
}

#[derive(Deserialize)]
struct StatusChange {
    status: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    reply: String,
}

#[derive(Deserialize)]
struct BulkChange {
    receipts: Vec<String>,
    status: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    reply: String,
}

fn bounded(s: &str) -> String {
    s.trim().chars().take(NOTE_MAX).collect()
}

/// `POST …/{receipt}/status` `{"status","note","reply"}`: one change along the lifecycle (409 otherwise).
pub async fn set_status(
    State(app): State<AppState>,
    Extension(staff): Extension<Staff>,
    UrlPath(receipt): UrlPath<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    staff.need(Permission::ModerateComplaints)?;
    let b: StatusChange = json_body(&headers, &body)?;
    let to = status_of(&b.status)?;
    let (note, reply) = (bounded(&b.note), bounded(&b.reply));
    let store = app.store.clone();
    let actor = staff.actor();
    let v = blocking(move || {
        store
            .set_status_with_reply(&receipt, to, &actor, &note, &reply)
            .map_err(store_error)
    })
    .await?;
    Ok(
        Json(json!({"receipt": v.receipt, "status": v.status, "updated": v.updated_ms, "reply": v.reply}))
            .into_response(),
    )
}

/// `POST /console/api/complaints/bulk-status` `{"receipts":[…],"status","note","reply"}`: the same change on each
/// (at most [`BULK_MAX`]); each is checked and audited on its own, and the answer says which moved and which not.
pub async fn bulk_status(
    State(app): State<AppState>,
    Extension(staff): Extension<Staff>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    staff.need(Permission::ModerateComplaints)?;
    let b: BulkChange = json_body(&headers, &body)?;
    if b.receipts.is_empty() || b.receipts.len() > BULK_MAX {
        return Err(refused(format!(
            "Chọn 1–{BULK_MAX} phản ánh / Select 1 to {BULK_MAX} complaints"
        )));
    }
    let to = status_of(&b.status)?;
    let (note, reply) = (bounded(&b.note), bounded(&b.reply));
    let store = app.store.clone();
    let actor = staff.actor();
    let results = blocking(move || {
        let mut out = Vec::new();
        for r in b.receipts {
            match store.set_status_with_reply(&r, to, &actor, &note, &reply) {
                Ok(_) => out.push(json!({"receipt": r, "ok": true})),
                Err(e @ (StoreError::NotFound | StoreError::InvalidTransition { .. })) => {
                    out.push(json!({"receipt": r, "ok": false, "error": e.to_string()}))
                }
                Err(e) => return Err(ApiError::internal(e)),
            }
        }
        Ok(out)
    })
    .await?;
    let moved = results.iter().filter(|r| r["ok"] == true).count();
    Ok(Json(json!({"moved": moved, "results": results})).into_response())
}

/// `GET /console/api/complaints/export?status=`: JSON lines (screenshots reduced to type and size; contact only for
/// roles allowed to read it), as a download.
pub async fn export(
    State(app): State<AppState>,
    Extension(staff): Extension<Staff>,
    Query(q): Query<QueueQuery>,
) -> Result<Response, ApiError> {
    staff.need(Permission::ModerateComplaints)?;
    let status = some(&q.status).map(status_of).transpose()?;
    let contact = allows(&staff.roles, Permission::ReadContact);
    let store = app.store.clone();
    let actor = staff.actor();
    let text = blocking(move || {
        let mut out = String::new();
        let mut n = 0u64;
        store
            .for_each(status, &mut |mut c| {
                if !contact {
                    c.complaint.contact = None;
                }
                out.push_str(&export_line(&c));
                out.push('\n');
                n += 1;
                Ok(())
            })
            .map_err(ApiError::internal)?;
        let detail = json!({"status": status.map(|s| s.as_str()), "complaints": n}).to_string();
        store
            .audit(&actor, "complaint.export", "complaints", &detail)
            .map_err(ApiError::internal)?;
        Ok(out)
    })
    .await?;
    Ok(super::guard::jsonl_download(
        text,
        "attachment; filename=\"complaints.jsonl\"",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_decodes_as_the_core_encodes() {
        assert_eq!(decode_base64("aGVsbG8=").unwrap(), b"hello");
        assert_eq!(decode_base64("aGk=").unwrap(), b"hi");
        assert_eq!(decode_base64("aGV5").unwrap(), b"hey");
        assert!(decode_base64("a$==").is_none());
        assert!(decode_base64("abc").is_none());
    }

    #[test]
    fn filters_are_read_strictly_with_vietnamese_days() {
        let q = QueueQuery {
            status: Some("reviewing".into()),
            platform: Some("tiktok".into()),
            account: Some("@lan.review.demo".into()),
            from: Some("2026-12-01".into()),
            to: Some("2026-12-01".into()),
            ..Default::default()
        };
        let f = filter(&q).unwrap();
        assert_eq!(f.account_id.as_deref(), Some("lan.review.demo"));
        assert_eq!(f.to_ms.unwrap() - f.from_ms.unwrap(), 86_400_000);
        assert_eq!(
            f.from_ms.unwrap() % 86_400_000,
            17 * 3600 * 1000,
            "00:00 in Hà Nội is 17:00 UTC"
        );
        assert!(filter(&QueueQuery {
            platform: Some("myspace".into()),
            ..Default::default()
        })
        .is_err());
        assert!(filter(&QueueQuery {
            from: Some("yesterday".into()),
            ..Default::default()
        })
        .is_err());
    }
}
