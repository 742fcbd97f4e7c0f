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
    /// Strong ETags of served files, keyed by path and checked against length and modification time.
    pub etags: Mutex<HashMap<PathBuf, (u64, SystemTime, String)>>,
}

/// The state handlers receive (shared, read-mostly).
pub type AppState = Arc<App>;

/// Runs blocking storage work off the async threads.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f).await.map_err(ApiError::internal)?
}
