//! The API contract: an OpenAPI 3.1 document (`openapi.json` beside this file, written by hand and read at build
//! time) served at `GET /v1/openapi.json`. Its tests hold it to the router: every routed method and path is
//! documented, every documented one is routed and answers that method, and the error body lists exactly the
//! stable codes of [`crate::error::CODES`]. Adding a route without documenting it fails the build's tests.

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

/// The document, as served.
pub const DOCUMENT: &str = include_str!("openapi.json");

/// `GET /v1/openapi.json`.
pub async fn document() -> Response {
    let mut resp = DOCUMENT.into_response();
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
    resp
}

/// The `(method, path)` pairs the document describes.
pub fn documented() -> Result<Vec<(String, String)>, String> {
    let doc: serde_json::Value = serde_json::from_str(DOCUMENT).map_err(|e| format!("openapi.json: {e}"))?;
    let paths = doc["paths"].as_object().ok_or("openapi.json has no paths")?;
    let mut out = Vec::new();
    for (path, item) in paths {
        for method in item.as_object().into_iter().flat_map(|o| o.keys()) {
            if ["get", "post", "put", "patch", "delete", "head", "options"].contains(&method.as_str()) {
                out.push((method.clone(), path.clone()));
            }
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::datadir::DataDir;
    use crate::intake::Intake;
    use crate::ratelimit::RateLimiter;
    use crate::routes::{route_table, router, App};
    use crate::store::sqlite::SqliteStore;
    use axum::body::Body;
    use std::collections::{BTreeSet, HashMap};
    use std::sync::{Arc, Mutex};
    use tower::ServiceExt;

    fn app(dir: &std::path::Path) -> crate::routes::AppState {
        let store = Arc::new(SqliteStore::open(&dir.join("db.sqlite3")).unwrap());
        Arc::new(App {
            dir: DataDir::new(dir),
            store: store.clone(),
            intake: Intake::start(store).unwrap(),
            per_ip: RateLimiter::new(crate::RateConfig {
                per_minute: 0,
                burst: 1,
            }),
            per_client: RateLimiter::new(crate::RateConfig {
                per_minute: 0,
                burst: 1,
            }),
            trusted_proxies: Vec::new(),
            admin_token: "t".repeat(64),
            console: crate::routes::ConsoleState::new(true),
            etags: Mutex::new(HashMap::new()),
        })
    }

    #[test]
    fn every_route_is_documented_and_every_documented_route_exists() {
        let tmp = tempfile::tempdir().unwrap();
        let routed: BTreeSet<(String, String)> = route_table(&app(tmp.path()))
            .into_iter()
            .map(|(m, p)| (m.to_string(), p.to_string()))
            .collect();
        let documented: BTreeSet<(String, String)> = documented().unwrap().into_iter().collect();
        let undocumented: Vec<_> = routed.difference(&documented).collect();
        let unrouted: Vec<_> = documented.difference(&routed).collect();
        assert!(
            undocumented.is_empty(),
            "routes missing from openapi.json: {undocumented:?}"
        );
        assert!(unrouted.is_empty(), "documented but not routed: {unrouted:?}");
    }

    #[tokio::test]
    async fn each_documented_method_is_the_one_the_route_answers() {
        let tmp = tempfile::tempdir().unwrap();
        let app = app(tmp.path());
        let router = router(app, None, 1 << 20, std::time::Duration::from_secs(5));
        for (method, path) in documented().unwrap() {
            let concrete = path
                .replace("{receipt}", "R-0000-0000-0000-0000")
                .replace("{file}", "1.bin");
            let other = if method == "get" { "POST" } else { "GET" };
            let call = |m: &str| {
                let req = axum::http::Request::builder()
                    .method(m)
                    .uri(&concrete)
                    .header("authorization", format!("Bearer {}", "t".repeat(64)))
                    .extension(axum::extract::ConnectInfo(std::net::SocketAddr::from((
                        [127, 0, 0, 1],
                        9,
                    ))))
                    .body(Body::empty())
                    .unwrap();
                router.clone().oneshot(req)
            };
            let right = call(&method.to_uppercase()).await.unwrap().status().as_u16();
            let wrong = call(other).await.unwrap().status().as_u16();
            assert_ne!(
                right, 405,
                "{method} {path} is documented but the route refuses {method}"
            );
            assert_eq!(wrong, 405, "{path} answers {other}, which the document does not list");
        }
    }

    #[test]
    fn the_error_body_lists_exactly_the_stable_codes() {
        let doc: serde_json::Value = serde_json::from_str(DOCUMENT).unwrap();
        assert_eq!(doc["openapi"], "3.1.0");
        let codes: BTreeSet<&str> = doc
            .pointer("/components/schemas/Error/properties/error/properties/code/enum")
            .and_then(|v| v.as_array())
            .unwrap()
            .iter()
            .filter_map(|v| v.as_str())
            .collect();
        assert_eq!(codes, crate::error::CODES.iter().copied().collect());
        for code in crate::error::CODES {
            let (status, _) = crate::error::default_for(code);
            assert!(
                *code == "internal" || status != axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                "{code} has no status of its own"
            );
        }
    }
}
