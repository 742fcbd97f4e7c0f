//! What every console API route shares: the signed-in [`Staff`] of a request, put there by [`require_session`]
//! (the cookie's session, its expiry, the account not disabled, CSRF on every change), the role check
//! ([`Staff::need`]), reading JSON bodies with the API's own errors, and answering an export as a JSON-lines download. Kept apart from the router so the handler
//! modules depend on it, not on the router that depends on them.

use crate::console::session::{self, Validity};
use crate::error::ApiError;
use crate::roles::{allows, Permission, Role};
use crate::routes::{blocking, AppState};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The signed-in staff member of a request (put there by [`require_session`]).
#[derive(Clone, Debug)]
pub struct Staff {
    pub username: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    pub csrf: String,
    pub id_hash: String,
}

impl Staff {
    /// 403 `forbidden` unless one of the account's roles grants `p`.
    pub fn need(&self, p: Permission) -> Result<(), ApiError> {
        if allows(&self.roles, p) {
            Ok(())
        } else {
            Err(ApiError::of("forbidden"))
        }
    }

    /// The audit log's actor for what this staff member does.
    pub fn actor(&self) -> String {
        format!("staff:{}", self.username)
    }
}

/// `Origin`, when the browser sends one, must be this server's own (`Host`): a cross-site form or script is
/// refused before anything else.
pub(crate) fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
    let bare = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
        .unwrap_or("");
    !host.is_empty() && bare == host
}

fn unauthorized(app: &AppState, headers: &HeaderMap) -> Response {
    let mut resp = ApiError::of("unauthorized").into_response();
    if let Ok(v) = HeaderValue::from_str(&session::clear_cookie(app.console.secure(headers))) {
        resp.headers_mut().insert(header::SET_COOKIE, v);
    }
    resp
}

/// Resolves the session cookie; refuses an ended, idle, expired or disabled account's session (401, cookie
/// cleared, the expiry audited), a change without the session's CSRF token or from another origin (403
/// `csrf_rejected`); records activity at most once a minute.
pub async fn require_session(State(app): State<AppState>, mut req: Request, next: Next) -> Response {
    let token = session::token_from(
        req.headers()
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok()),
    );
    let Some(token) = token else {
        return unauthorized(&app, req.headers());
    };
    let id_hash = session::id_hash(token);
    let store = app.store.clone();
    let lookup = {
        let id_hash = id_hash.clone();
        blocking(move || store.session(&id_hash).map_err(ApiError::internal)).await
    };
    let (s, account) = match lookup {
        Ok(Some(found)) => found,
        Ok(None) => return unauthorized(&app, req.headers()),
        Err(e) => return e.into_response(),
    };
    let now = crate::clock::now_ms();
    let validity = session::validity(&s, &account, now);
    if validity != Validity::Open {
        if s.ended_ms.is_none() {
            let store = app.store.clone();
            let why = validity.as_str();
            let id_hash = id_hash.clone();
            let _ = blocking(move || store.end_session(&id_hash, now, why).map_err(ApiError::internal)).await;
        }
        return unauthorized(&app, req.headers());
    }
    let changes = !matches!(*req.method(), Method::GET | Method::HEAD);
    if changes {
        let sent = req
            .headers()
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if !same_origin(req.headers()) || !session::same(sent, &s.csrf) {
            return ApiError::of("csrf_rejected").into_response();
        }
    }
    if now - s.seen_ms >= session::TOUCH_EVERY_MS {
        let store = app.store.clone();
        let id_hash = id_hash.clone();
        let _ = blocking(move || store.touch_session(&id_hash, now).map_err(ApiError::internal)).await;
    }
    req.extensions_mut().insert(Staff {
        username: account.username,
        display_name: account.display_name,
        roles: account.roles,
        csrf: s.csrf,
        id_hash,
    });
    let mut resp = next.run(req).await;
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

/// Reads a JSON body, answering the API's own errors (415 without `application/json`, 400/422 on bad JSON).
pub(crate) fn json_body<T: serde::de::DeserializeOwned>(headers: &HeaderMap, body: &[u8]) -> Result<T, ApiError> {
    let json_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("application/json"));
    if !json_type {
        return Err(ApiError::of("unsupported_media_type"));
    }
    serde_json::from_slice(body).map_err(|e| {
        if e.is_syntax() || e.is_eof() {
            ApiError::bad_json(&e.to_string())
        } else {
            ApiError::invalid_shape(&e.to_string())
        }
    })
}

/// A refusal from the admin operations (`Err(String)`, the core's or the store's message) as 422.
pub(crate) fn refused(message: String) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_field", message)
}

/// An export as a JSON-lines download (`disposition` names the file): the queue's and the audit trail's.
pub(super) fn jsonl_download(text: String, disposition: &'static str) -> Response {
    let mut resp = text.into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/x-ndjson; charset=utf-8"),
    );
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static(disposition));
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_origin_may_change_anything() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("127.0.0.1:8080"));
        assert!(same_origin(&h), "no Origin: a same-origin GET-style request");
        h.insert(header::ORIGIN, HeaderValue::from_static("http://127.0.0.1:8080"));
        assert!(same_origin(&h));
        h.insert(header::ORIGIN, HeaderValue::from_static("https://evil.example"));
        assert!(!same_origin(&h));
        h.insert(header::ORIGIN, HeaderValue::from_static("null"));
        assert!(!same_origin(&h));
    }
}
