//! The HTTP surface (axum). One [`App`] state shared by every handler; the router puts the layers in this order
//! (outermost first): CORS → JSON error bodies → panic catcher → body limit → routes.
//!
//! * **CORS**: the extension calls from its service worker with `fetch` under a `chrome-extension://…` (or
//!   `moz-extension://…`) origin; those origins are allowed, the portal is same-origin. Complaint submission
//!   requires `Content-Type: application/json`, which forces a CORS preflight, so an ordinary web page cannot post
//!   complaints in a visitor's name.
//! * **Logs**: one debug line per request (method, route template, status, time) — never a body, never a query.

pub mod admin;
pub mod complaints;
pub mod console;
mod hygiene;
pub mod registry;
mod state;

pub use state::{blocking, App, AppState, ConsoleState};

use crate::error::{json_errors, panic_response, ApiError};
use axum::extract::{DefaultBodyLimit, MatchedPath, Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use std::path::Path;
use std::time::Instant;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;

/// Liveness that tells the truth about storage: 503 `storage_failing` when the database cannot be read or the last
/// complaint batch could not be committed (a load balancer then takes this instance out).
async fn health(State(app): State<AppState>) -> Result<Json<serde_json::Value>, ApiError> {
    if !app.intake.writes_ok() {
        return Err(ApiError::of("storage_failing"));
    }
    let store = app.store.clone();
    let last = blocking(move || {
        store.publications(1).map_err(|e| {
            tracing::error!(error = %e, "health: the database cannot be read");
            ApiError::of("storage_failing")
        })
    })
    .await?;
    Ok(Json(serde_json::json!({
        "status": "ok",
        "sequence": last.first().map(|p| p.sequence),
        "version": env!("CARGO_PKG_VERSION"),
    })))
}

/// `GET /metrics`: Prometheus text ([`crate::metrics`]). Counts only: no URL, receipt or complaint content.
async fn metrics(State(app): State<AppState>) -> Response {
    let body = crate::metrics::render(&crate::metrics::Snapshot {
        backend: app.store.backend_name(),
        queue_depth: app.intake.queue_depth(),
        batch_sizes: app.intake.batch_sizes(),
        failed_batches: app.intake.failed_batches(),
        sequence: crate::mirror::local_sequence(&app.dir.registry_dir()),
    });
    let mut resp = body.into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    resp
}

async fn not_found() -> ApiError {
    ApiError::of("not_found")
}

/// A request id: this process's random tag and a counter (`3f9a0c21-17`), unique across instances and restarts
/// without coordination.
fn next_request_id() -> String {
    static TAG: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    let tag = *TAG.get_or_init(|| crate::datadir::random_bytes::<4>().map(u32::from_be_bytes).unwrap_or(0));
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!("{tag:08x}-{n:x}")
}

/// Gives every request an id (answered as `X-Request-Id`, so an operator can match a client's report to the log)
/// and a tracing span with the id, the method and the *route template* (`/v1/complaints/{receipt}`): never the URL,
/// its query, a body or a complaint's contents. Failures are logged at WARN, the rest at DEBUG.
async fn log_requests(req: Request, next: Next) -> Response {
    use tracing::Instrument;
    let start = Instant::now();
    let id = next_request_id();
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "-".into());
    let span = tracing::info_span!("request", id = %id, %method, route = %route);
    let mut resp = next.run(req).instrument(span.clone()).await;
    let status = resp.status().as_u16();
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    crate::metrics::global().record(
        (route != "-").then_some(route.as_str()),
        method.as_str(),
        status,
        start.elapsed().as_secs_f64(),
    );
    span.in_scope(|| {
        if status >= 500 {
            tracing::warn!(status, ms, "request failed");
        } else {
            tracing::debug!(status, ms, "request");
        }
    });
    if let Ok(v) = HeaderValue::from_str(&id) {
        resp.headers_mut().insert(HeaderName::from_static("x-request-id"), v);
    }
    resp
}

fn cors() -> CorsLayer {
    CorsLayer::new()
        // Extensions may call the public API from their pages and worker; the moderation API is for the
        // Alliance's own tools and scripts (bearer token) and the console for its own pages, never a browser
        // extension's origin.
        .allow_origin(AllowOrigin::predicate(|origin: &HeaderValue, parts| {
            let o = origin.as_bytes();
            let path = parts.uri.path();
            !path.starts_with("/v1/admin/")
                && !path.starts_with("/console")
                && (o.starts_with(b"chrome-extension://") || o.starts_with(b"moz-extension://"))
        }))
        .allow_methods([Method::GET, Method::HEAD, Method::POST, Method::OPTIONS])
        .allow_headers([
            header::CONTENT_TYPE,
            header::AUTHORIZATION,
            header::IF_NONE_MATCH,
            HeaderName::from_static("x-koltrust-client"),
        ])
        .expose_headers([header::ETAG, header::RETRY_AFTER, header::CACHE_CONTROL])
        .max_age(std::time::Duration::from_secs(600))
}

/// Routes with their method and path template recorded as they are added, so the API contract test
/// (`crate::openapi`) compares the document with what is really routed.
pub struct Api<S> {
    router: Router<S>,
    table: Vec<(&'static str, &'static str)>,
}

impl<S: Clone + Send + Sync + 'static> Api<S> {
    fn new() -> Api<S> {
        Api {
            router: Router::new(),
            table: Vec::new(),
        }
    }

    /// Adds `handler` at `path` for `method` (lowercase, as OpenAPI writes it; the test checks that the handler
    /// really answers that method).
    fn at(mut self, method: &'static str, path: &'static str, handler: axum::routing::MethodRouter<S>) -> Api<S> {
        self.table.push((method, path));
        self.router = self.router.route(path, handler);
        self
    }

    fn merge(mut self, other: Api<S>) -> Api<S> {
        self.table.extend(other.table);
        self.router = self.router.merge(other.router);
        self
    }
}

/// The API routes (no static files, no cross-cutting layers).
fn api(app: &AppState) -> Api<AppState> {
    let mut admin = Api::new()
        .at("get", "/v1/admin/complaints", get(admin::list))
        .at("get", "/v1/admin/complaints/export", get(admin::export))
        .at("get", "/v1/admin/complaints/{receipt}", get(admin::show))
        .at("post", "/v1/admin/complaints/{receipt}/status", post(admin::set_status));
    admin.router = admin
        .router
        .route_layer(middleware::from_fn_with_state(app.clone(), admin::require_token));
    Api::new()
        .at("get", "/v1/health", get(health))
        .at("get", "/metrics", get(metrics))
        .at("get", "/v1/openapi.json", get(crate::openapi::document))
        .at("get", "/v1/registry/manifest", get(registry::manifest))
        .at("get", "/v1/registry/keys", get(registry::keys))
        .at("get", "/v1/registry/snapshots/{file}", get(registry::snapshot))
        .at("get", "/v1/registry/deltas/{file}", get(registry::delta))
        .at(
            "post",
            "/v1/complaints",
            post(complaints::submit).route_layer(middleware::from_fn_with_state(app.clone(), complaints::limits)),
        )
        .at("get", "/v1/complaints/{receipt}", get(complaints::status))
        .merge(admin)
}

/// Every routed `(method, path template)`, for the API contract test.
pub fn route_table(app: &AppState) -> Vec<(&'static str, &'static str)> {
    api(app).table
}

/// The whole router. `www` is served at `/` when given; each request is answered within `request_timeout` (408
/// past it, body reading included).
pub fn router(app: AppState, www: Option<&Path>, body_limit: usize, request_timeout: std::time::Duration) -> Router {
    let api = api(&app).router.merge(console::router(&app));
    let router = match www {
        Some(dir) => {
            let root = dir.to_path_buf();
            let guard = middleware::from_fn(move |req, next| hygiene::portal_guard(root.clone(), req, next));
            // Files precompressed by `cargo xtask dist` (`.br`, `.gz`) go to browsers that accept them.
            let files = ServeDir::new(dir).precompressed_br().precompressed_gzip();
            api.fallback_service(tower::ServiceBuilder::new().layer(guard).service(files))
        }
        None => api.fallback(not_found),
    };
    layers(router, body_limit)
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            request_timeout,
        ))
        .with_state(app)
}

/// The cross-cutting layers, outermost last: body limit, path limits, request log, panic catcher, JSON error
/// bodies, `nosniff`, CORS.
pub fn layers<S: Clone + Send + Sync + 'static>(router: Router<S>, body_limit: usize) -> Router<S> {
    router
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(middleware::from_fn(hygiene::path_limits))
        .layer(middleware::from_fn(log_requests))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(middleware::from_fn(json_errors))
        .layer(middleware::from_fn(hygiene::nosniff))
        .layer(cors())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use tower::ServiceExt;

    async fn call(router: Router, req: axum::http::Request<Body>) -> (u16, serde_json::Value) {
        let resp = router.oneshot(req).await.unwrap();
        let status = resp.status().as_u16();
        let bytes = axum::body::to_bytes(resp.into_body(), 1 << 20).await.unwrap();
        (status, serde_json::from_slice(&bytes).unwrap())
    }

    #[tokio::test]
    async fn panics_and_bare_errors_become_json() {
        let r = layers(
            Router::new()
                .route(
                    "/boom",
                    get(|| async { "not a number".parse::<u8>().expect("handler bug").to_string() }),
                )
                .route("/ok", get(|| async { "ok" })),
            1024,
        );
        let get_req = |p: &str| axum::http::Request::get(p).body(Body::empty()).unwrap();
        let (status, v) = call(r.clone(), get_req("/boom")).await;
        assert_eq!((status, v["error"]["code"].as_str()), (500, Some("internal")));
        assert!(
            !v.to_string().contains("handler bug"),
            "panic text never reaches the client"
        );
        let (status, v) = call(r.clone(), get_req("/missing")).await;
        assert_eq!((status, v["error"]["code"].as_str()), (404, Some("not_found")));
        let post = axum::http::Request::post("/ok").body(Body::empty()).unwrap();
        let (status, v) = call(r, post).await;
        assert_eq!((status, v["error"]["code"].as_str()), (405, Some("method_not_allowed")));
    }
}
