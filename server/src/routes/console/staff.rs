//! Staff accounts for admins: the list (roles, state, throttle), and `disable`, `enable`, `logout-all` on one
//! account. Accounts are added and passwords set with `koltrust staff …` on the server (the password never crosses
//! the browser of someone else). An admin cannot disable themself (the console would lock its last admin out).

use super::guard::{refused, Staff};
use crate::console::accounts::set_disabled;
use crate::error::ApiError;
use crate::roles::Permission;
use crate::routes::{blocking, AppState};
use axum::extract::{Path as UrlPath, State};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde_json::json;

/// `GET /console/api/staff`.
pub async fn list(State(app): State<AppState>, Extension(staff): Extension<Staff>) -> Result<Response, ApiError> {
    staff.need(Permission::Administer)?;
    let store = app.store.clone();
    let rows = blocking(move || store.staff_list().map_err(ApiError::internal)).await?;
    Ok(Json(json!({"staff": rows})).into_response())
}

/// `POST /console/api/staff/{username}/{disable|enable|logout-all}`.
pub async fn change(
    State(app): State<AppState>,
    Extension(staff): Extension<Staff>,
    UrlPath((username, action)): UrlPath<(String, String)>,
) -> Result<Response, ApiError> {
    staff.need(Permission::Administer)?;
    if username == staff.username && action == "disable" {
        return Err(refused(
            "Không thể tự khoá tài khoản của mình / You cannot disable your own account".into(),
        ));
    }
    let store = app.store.clone();
    let actor = staff.actor();
    let now = crate::clock::now_ms();
    blocking(move || match action.as_str() {
        "disable" => set_disabled(&*store, &username, true, now, &actor).map_err(refused),
        "enable" => set_disabled(&*store, &username, false, now, &actor).map_err(refused),
        "logout-all" => store
            .end_sessions(&username, now, &actor)
            .map(|_| ())
            .map_err(|e| refused(e.to_string())),
        _ => Err(ApiError::of("not_found")),
    })
    .await?;
    Ok(Json(json!({"ok": true})).into_response())
}
