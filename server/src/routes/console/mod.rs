//! The Alliance console's HTTP surface: the pages at `/console/` (embedded, [`crate::console::files`]) and the
//! JSON API at `/console/api/…`, for named staff in a browser. Every API route but `login` goes through
//! [`require_session`] (the cookie's session, its expiry, the account not disabled, CSRF on every change) and
//! checks its role itself ([`Staff::need`]) — refused server-side with 403 `forbidden`, whatever the page shows.
//!
//! | module | routes |
//! | --- | --- |
//! | [`auth`] | `POST login`, `POST logout`, `POST logout-all`, `GET session` |
//! | [`queue`] | complaints: `GET complaints` (filters, per-account counts), `GET complaints/{receipt}`, its `screenshot`, `POST …/status`, `POST complaints/bulk-status`, `GET complaints/export` |
//! | [`register`] | `GET records?q=`, `GET records/{id}`, `POST records/{id}/sanctions`, `POST records/{id}/certificate` |
//! | [`publishing`] | `GET publish/preview`, `POST publish`, `GET publications` |
//! | [`trail`] | `GET audit`, `GET audit/export` |
//! | [`staff`] | `GET staff`, `POST staff/{username}/disable|enable|logout-all` |

mod auth;
mod publishing;
mod queue;
mod register;
mod staff;
mod trail;

use super::{blocking, AppState};
use crate::console::files::{self, CSP};
use crate::console::session::{self, Validity};
use crate::error::ApiError;
use crate::roles::{allows, Permission, Role};
use axum::extract::{Path as UrlPath, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

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
fn same_origin(headers: &HeaderMap) -> bool {
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

fn unauthorized(app: &AppState) -> Response {
    let mut resp = ApiError::of("unauthorized").into_response();
    if let Ok(v) = HeaderValue::from_str(&session::clear_cookie(app.console.secure_cookies)) {
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
        return unauthorized(&app);
    };
    let id_hash = session::id_hash(token);
    let store = app.store.clone();
    let lookup = {
        let id_hash = id_hash.clone();
        blocking(move || store.session(&id_hash).map_err(ApiError::internal)).await
    };
    let (s, account) = match lookup {
        Ok(Some(found)) => found,
        Ok(None) => return unauthorized(&app),
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
        return unauthorized(&app);
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

/// A console page or module, with the console's policy.
async fn file(path: Option<UrlPath<String>>) -> Response {
    let path = path.map(|UrlPath(p)| p).unwrap_or_default();
    let Some((mime, body)) = files::get(&path) else {
        return ApiError::of("not_found").into_response();
    };
    let mut resp = (StatusCode::OK, body).into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    resp
}

async fn console_root() -> Response {
    file(None).await
}

async fn bare_console() -> Response {
    (StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, "/console/")]).into_response()
}

/// The console's routes: pages, the login (no session yet), and the API behind [`require_session`].
pub fn router(app: &AppState) -> Router<AppState> {
    let api = Router::new()
        .route("/console/api/logout", post(auth::logout))
        .route("/console/api/logout-all", post(auth::logout_all))
        .route("/console/api/session", get(auth::me))
        .route("/console/api/complaints", get(queue::list))
        .route("/console/api/complaints/export", get(queue::export))
        .route("/console/api/complaints/bulk-status", post(queue::bulk_status))
        .route("/console/api/complaints/{receipt}", get(queue::show))
        .route("/console/api/complaints/{receipt}/screenshot", get(queue::screenshot))
        .route("/console/api/complaints/{receipt}/status", post(queue::set_status))
        .route("/console/api/records", get(register::search).post(register::put))
        .route("/console/api/records/{id}", get(register::show))
        .route("/console/api/records/{id}/sanctions", post(register::add_sanction))
        .route("/console/api/records/{id}/certificate", post(register::renew))
        .route("/console/api/publish/preview", get(publishing::preview))
        .route("/console/api/publish", post(publishing::publish))
        .route("/console/api/publications", get(publishing::list))
        .route("/console/api/audit", get(trail::list))
        .route("/console/api/audit/export", get(trail::export))
        .route("/console/api/staff", get(staff::list))
        .route("/console/api/staff/{username}/{action}", post(staff::change))
        .route_layer(middleware::from_fn_with_state(app.clone(), require_session));
    Router::new()
        .route("/console", get(bare_console))
        .route("/console/", get(console_root))
        .route("/console/{*path}", get(|p: UrlPath<String>| file(Some(p))))
        .route("/console/api/login", post(auth::login))
        .merge(api)
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
