//! Publishing for publishers: the preview of what the next sequence changes ([`crate::console::preview`]), then the
//! publication itself (`crate::publish`, audited with the staff member), confirmed by naming the sequence the
//! preview showed — if someone published in between, the request is refused and the publisher looks again.

use super::guard::{json_body, refused, Staff};
use crate::console::preview::preview as make_preview;
use crate::error::ApiError;
use crate::publish::{publish as publish_now, PublishOptions};
use crate::roles::Permission;
use crate::routes::{blocking, AppState};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::json;

/// `GET /console/api/publish/preview`.
pub async fn preview(State(app): State<AppState>, Extension(staff): Extension<Staff>) -> Result<Response, ApiError> {
    staff.need(Permission::Publish)?;
    let app2 = app.clone();
    let p =
        blocking(move || make_preview(&app2.dir, &*app2.store, crate::clock::now_ms() / 1000).map_err(refused)).await?;
    Ok(Json(p).into_response())
}

#[derive(Deserialize)]
struct Confirm {
    /// The sequence the preview announced.
    sequence: u64,
}

/// `POST /console/api/publish` `{"sequence": N}`: publishes N if it is still the next one (409 otherwise).
pub async fn publish(
    State(app): State<AppState>,
    Extension(staff): Extension<Staff>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    staff.need(Permission::Publish)?;
    let c: Confirm = json_body(&headers, &body)?;
    let app2 = app.clone();
    let actor = staff.actor();
    let published = blocking(move || {
        let next = app2
            .store
            .publications(1)
            .map_err(ApiError::internal)?
            .first()
            .map_or(0, |p| p.sequence)
            + 1;
        if next != c.sequence {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "invalid_transition",
                format!(
                    "Số {} đã được phát hành; hãy xem lại bản xem trước / Sequence {} was published meanwhile; preview again",
                    c.sequence, c.sequence
                ),
            ));
        }
        publish_now(&app2.dir, &*app2.store, &actor, PublishOptions::default()).map_err(refused)
    })
    .await?;
    tracing::info!(
        sequence = published.publication.sequence,
        "registry published from the console"
    );
    Ok(Json(json!({"publication": published.publication, "deltas": published.deltas.len()})).into_response())
}

/// `GET /console/api/publications`: the last 20.
pub async fn list(State(app): State<AppState>, Extension(staff): Extension<Staff>) -> Result<Response, ApiError> {
    staff.need(Permission::Publish)?;
    let store = app.store.clone();
    let rows = blocking(move || store.publications(20).map_err(ApiError::internal)).await?;
    Ok(Json(json!({"publications": rows})).into_response())
}
