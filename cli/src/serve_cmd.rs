//! `koltrust serve`: the reference Alliance server (registry distribution, complaint intake, moderation). A thin
//! adapter: flags → [`koltrust_server::ServeConfig`]; everything else is in the `koltrust-server` crate.

use clap::Args;
use koltrust_server::{RateConfig, ServeConfig};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct ServeArgs {
    /// Data folder (database, signing key, admin token, published files); initialised on first start.
    #[arg(long, default_value = ".data/koltrust")]
    data: PathBuf,
    /// Where complaints, the registry and the audit log live: a `postgres://user@host/dbname` URL (several
    /// instances may share it), or `sqlite` (default: `koltrust.sqlite3` in the data folder).
    #[arg(long, env = "KOLTRUST_DATABASE", hide_env_values = true)]
    database: Option<String>,
    /// The log on standard error: `text` (readable lines) or `json` (one object per line). Neither ever holds a
    /// URL's query, a receipt or a complaint's contents.
    #[arg(long, default_value = "text", value_parser = koltrust_server::config::LogFormat::parse)]
    log_format: koltrust_server::config::LogFormat,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Static files served at `/` (default: the built portal `dist/www`, else the `www` source folder — each looked
    /// for in the current folder, then in the repository).
    #[arg(long)]
    www: Option<PathBuf>,
    /// Complaint submissions per minute per IP address (0 = unlimited).
    #[arg(long, default_value_t = 120)]
    ip_per_minute: u32,
    /// Burst of submissions allowed per IP address.
    #[arg(long, default_value_t = 60)]
    ip_burst: u32,
    /// Complaint submissions per minute per client token (`X-Koltrust-Client`; 0 = unlimited).
    #[arg(long, default_value_t = 30)]
    client_per_minute: u32,
    /// Burst of submissions allowed per client token.
    #[arg(long, default_value_t = 20)]
    client_burst: u32,
    /// First start of a data folder that holds a provisioned signing key (`registry.key`) but no database yet.
    /// Not needed for an empty folder; never lets a folder with published files start over.
    #[arg(long)]
    init: bool,
    /// A reverse proxy (address or CIDR, repeatable) whose `X-Forwarded-For` names the client for rate limits;
    /// requests from anywhere else are limited by their own address (IPv6 by /64).
    #[arg(long = "trusted-proxy", value_parser = koltrust_server::config::TrustedProxy::parse)]
    trusted_proxies: Vec<koltrust_server::config::TrustedProxy>,
    /// Seconds a client has to send a complete request head, on a new or an idle keep-alive connection.
    #[arg(long, default_value_t = 10)]
    header_read_timeout: u64,
    /// Seconds a request (its body included) has to arrive and be answered (408 past it).
    #[arg(long, default_value_t = 30)]
    request_timeout: u64,
    /// Connections open at once; more are closed on arrival.
    #[arg(long, default_value_t = 1024)]
    max_connections: usize,
    /// Seconds requests in flight may still take after SIGTERM before the server exits anyway.
    #[arg(long, default_value_t = 10)]
    shutdown_deadline: u64,
}

/// The built portal (`cargo xtask dist` writes `dist/www`: pages plus the portal's WebAssembly) is preferred: the
/// `www/` source alone lacks `pkg/` and cannot answer lookups.
fn default_www() -> Option<PathBuf> {
    let repo = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    [
        PathBuf::from("dist/www"),
        repo.join("dist/www"),
        PathBuf::from("www"),
        repo.join("www"),
    ]
    .into_iter()
    .find(|p| p.join("index.html").is_file())
}

pub fn run(args: ServeArgs) -> ExitCode {
    let mut cfg = ServeConfig::new(args.data, args.addr);
    cfg.database = match koltrust_server::store::Database::parse(args.database.as_deref()) {
        Ok(d) => d,
        Err(e) => return crate::common::finish("serve", Err(e)),
    };
    cfg.www = args.www.or_else(default_www);
    cfg.init = args.init;
    cfg.log_format = args.log_format;
    cfg.trusted_proxies = args.trusted_proxies;
    cfg.limits = koltrust_server::config::ConnectionLimits {
        header_read_timeout: std::time::Duration::from_secs(args.header_read_timeout.max(1)),
        request_timeout: std::time::Duration::from_secs(args.request_timeout.max(1)),
        max_connections: args.max_connections.max(1),
        shutdown_deadline: std::time::Duration::from_secs(args.shutdown_deadline),
    };
    cfg.per_ip = RateConfig {
        per_minute: args.ip_per_minute,
        burst: args.ip_burst,
    };
    cfg.per_client = RateConfig {
        per_minute: args.client_per_minute,
        burst: args.client_burst,
    };
    crate::common::finish("serve", koltrust_server::serve(cfg))
}
