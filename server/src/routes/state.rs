//! What every handler shares: the application state ([`App`], behind [`AppState`]) and [`blocking`], which runs
//! storage work off the async threads. Kept apart from the router so the handler modules depend on it, not on the
//! router that depends on them.

use crate::config::TrustedProxy;
use crate::datadir::DataDir;
use crate::error::ApiError;
use crate::intake::Intake;
use crate::ratelimit::RateLimiter;
use crate::store::Store;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// Everything a request handler may use: the data folder, the store, the intake writer, the rate limiters, the
/// admin token and the served files' ETags.
pub struct App {
    /// The data folder (registry files, keys, token).
    pub dir: DataDir,
    /// Complaints, registry and audit storage.
    pub store: Arc<dyn Store>,
    /// The group-commit writer new complaints go through.
    pub intake: Intake,
    /// Submissions per client IP.
    pub per_ip: RateLimiter,
    /// Submissions per installation's client token.
    pub per_client: RateLimiter,
    /// Reverse proxies whose `X-Forwarded-For` names the client (`--trusted-proxy`).
    pub trusted_proxies: Vec<TrustedProxy>,
    /// The bearer token of the moderation API.
    pub admin_token: String,
    /// The console's sign-in limits and cookie settings.
    pub console: ConsoleState,
    /// Strong ETags of served files (and the bytes of small ones), keyed by path and checked against length and
    /// modification time.
    pub etags: Mutex<HashMap<PathBuf, CachedFile>>,
}

/// What the console's routes share: the per-address login bucket and when cookies are `Secure`.
pub struct ConsoleState {
    /// Login attempts per client address.
    pub login_per_ip: RateLimiter,
    /// The server listens on a loopback address (the demo, the tests, or behind a reverse proxy on the same host).
    pub loopback: bool,
}

impl ConsoleState {
    /// Whether the session cookie of this request's answer is `Secure`: always, except on a loopback listener for a
    /// request that no proxy marked `X-Forwarded-Proto: https` (plain `http://127.0.0.1` in the demo and the tests,
    /// where a browser may refuse a `Secure` cookie). Behind the deployment's nginx on the same host (which sets
    /// `X-Forwarded-Proto $scheme`), `Secure`.
    pub fn secure(&self, headers: &axum::http::HeaderMap) -> bool {
        let https = headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|p| p.trim().eq_ignore_ascii_case("https"));
        !self.loopback || https
    }

    pub fn new(loopback: bool) -> ConsoleState {
        let per_minute = crate::console::session::LOGIN_PER_MINUTE;
        ConsoleState {
            login_per_ip: RateLimiter::new(crate::config::RateConfig {
                per_minute,
                burst: per_minute,
            }),
            loopback,
        }
    }
}

/// A served file as last read: valid while its length and modification time are unchanged.
pub struct CachedFile {
    pub len: u64,
    pub modified: SystemTime,
    pub etag: String,
    /// The content, for small files (`None`: read again when a body is needed).
    pub bytes: Option<axum::body::Bytes>,
}

/// The state handlers receive (shared, read-mostly).
pub type AppState = Arc<App>;

/// Runs blocking storage work off the async threads.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f).await.map_err(ApiError::internal)?
}
