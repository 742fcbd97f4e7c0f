//! Signing in and out: `POST /console/api/login` (throttled per address and per account, see
//! [`crate::console::session`]), `POST logout`, `POST logout-all` (every session of the account, on every
//! instance: sessions are in the database), `GET session` (who is signed in, their roles and the CSRF token).

use super::guard::{json_body, same_origin, Staff};
use crate::console::{password, session};
use crate::error::ApiError;
use crate::ratelimit::{bucket_key, client_ip};
use crate::routes::{blocking, AppState};
use axum::body::Bytes;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::json;
use std::net::SocketAddr;

#[derive(Deserialize)]
struct Login {
    username: String,
    password: String,
}

fn wrong() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        "unauthorized",
        "Sai tên đăng nhập hoặc mật khẩu / Wrong login name or password",
    )
}

fn who(staff: &crate::store::StaffAccount, csrf: &str) -> serde_json::Value {
    json!({
        "username": staff.username, "display_name": staff.display_name,
        "roles": staff.roles, "csrf": csrf,
    })
}

pub async fn login(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    if !same_origin(&headers) {
        return Err(ApiError::of("csrf_rejected"));
    }
    let forwarded = headers.get("x-forwarded-for").and_then(|v| v.to_str().ok());
    let ip = client_ip(peer.ip(), forwarded, &app.trusted_proxies);
    app.console
        .login_per_ip
        .check(&bucket_key(ip))
        .map_err(ApiError::rate_limited)?;
    let body: Login = json_body(&headers, &body)?;
    let username = body.username.trim().to_ascii_lowercase();
    if username.is_empty() || username.len() > 64 || body.password.len() > 4 * password::MAX_LEN {
        return Err(wrong());
    }
    let store = app.store.clone();
    let now = crate::clock::now_ms();
    let outcome = blocking(move || {
        let account = store.staff(&username).map_err(ApiError::internal)?;
        if let Some(wait) = account.as_ref().and_then(|a| session::locked_for(a, now)) {
            let detail = json!({"retry_after_ms": wait}).to_string();
            store
                .audit("anonymous", "staff.login_throttled", &username, &detail)
                .map_err(ApiError::internal)?;
            return Err(ApiError::rate_limited(((wait + 999) / 1000) as u64));
        }
        let usable = account.as_ref().filter(|a| a.disabled_ms.is_none());
        if !password::verify(&body.password, usable.map(|a| a.password_hash.as_str())) {
            store.login_failed(&username, now).map_err(ApiError::internal)?;
            return Err(wrong());
        }
        let Some(account) = account else {
            return Err(wrong());
        };
        let (token, s) = session::open(&account.username, now).map_err(ApiError::internal)?;
        store.login_succeeded(&s).map_err(ApiError::internal)?;
        Ok((token, who(&account, &s.csrf)))
    })
    .await?;
    let (token, body) = outcome;
    let mut resp = Json(body).into_response();
    let cookie = session::set_cookie(&token, app.console.secure(&headers));
    resp.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&cookie).map_err(ApiError::internal)?,
    );
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    tracing::info!("console login");
    Ok(resp)
}

fn signed_out(app: &AppState, headers: &HeaderMap, body: serde_json::Value) -> Result<Response, ApiError> {
    let mut resp = Json(body).into_response();
    let cookie = session::clear_cookie(app.console.secure(headers));
    resp.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&cookie).map_err(ApiError::internal)?,
    );
    Ok(resp)
}

pub async fn logout(
    State(app): State<AppState>,
    Extension(staff): Extension<Staff>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let store = app.store.clone();
    let now = crate::clock::now_ms();
    blocking(move || {
        store
            .end_session(&staff.id_hash, now, "logout")
            .map_err(ApiError::internal)
    })
    .await?;
    signed_out(&app, &headers, json!({"ended": 1}))
}

pub async fn logout_all(
    State(app): State<AppState>,
    Extension(staff): Extension<Staff>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let store = app.store.clone();
    let now = crate::clock::now_ms();
    let actor = staff.actor();
    let n = blocking(move || {
        store
            .end_sessions(&staff.username, now, &actor)
            .map_err(ApiError::internal)
    })
    .await?;
    signed_out(&app, &headers, json!({"ended": n}))
}

pub async fn me(Extension(staff): Extension<Staff>) -> Json<serde_json::Value> {
    Json(json!({
        "username": staff.username, "display_name": staff.display_name,
        "roles": staff.roles, "csrf": staff.csrf,
    }))
}
