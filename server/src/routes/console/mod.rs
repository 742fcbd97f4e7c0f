//! The Alliance console's HTTP surface: the pages at `/console/` (embedded, [`crate::console::files`]) and the
//! JSON API at `/console/api/…`, for named staff in a browser. Every API route but `login` goes through
//! [`require_session`] (the cookie's session, its expiry, the account not disabled, CSRF on every change) and
//! checks its role itself ([`Staff::need`]) — refused server-side with 403 `forbidden`, whatever the page shows.
//!
//! | module | routes |
//! | --- | --- |
//! | [`guard`] | no route: the session middleware, [`Staff`], JSON bodies — what the handlers share |
//! | [`auth`] | `POST login`, `POST logout`, `POST logout-all`, `GET session` |
//! | [`queue`] | complaints: `GET complaints` (filters, per-account counts), `GET complaints/{receipt}`, its `screenshot`, `POST …/status`, `POST complaints/bulk-status`, `GET complaints/export` |
//! | [`register`] | `GET records?q=`, `GET records/{id}`, `POST records/{id}/sanctions`, `POST records/{id}/certificate` |
//! | [`publishing`] | `GET publish/preview`, `POST publish`, `GET publications` |
//! | [`trail`] | `GET audit`, `GET audit/export` |
//! | [`staff`] | `GET staff`, `POST staff/{username}/disable|enable|logout-all` |

mod auth;
mod guard;
mod publishing;
mod queue;
mod register;
mod staff;
mod trail;

pub use guard::{require_session, Staff};

use super::AppState;
use crate::console::files::{self, CSP};
use crate::error::ApiError;
use axum::extract::Path as UrlPath;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

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
