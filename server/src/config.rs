//! What `koltrust serve` can be told. Everything has a default that suits one machine on loopback; the CLI maps its
//! flags onto [`ServeConfig`].

use std::net::SocketAddr;
use std::path::PathBuf;

/// A token bucket: `per_minute` tokens refill per minute, up to `burst`. `per_minute == 0` disables the limit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RateConfig {
    pub per_minute: u32,
    pub burst: u32,
}

/// A network the operator's reverse proxies send from (`--trusted-proxy CIDR`): requests from there may name the
/// client in `X-Forwarded-For`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TrustedProxy {
    net: std::net::IpAddr,
    prefix: u8,
}

impl TrustedProxy {
    /// Reads `a.b.c.d/n`, `x:y::/n` or a bare address (a single host).
    pub fn parse(s: &str) -> Result<TrustedProxy, String> {
        let (addr, prefix) = match s.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s, None),
        };
        let net: std::net::IpAddr = addr
            .trim()
            .parse()
            .map_err(|_| format!("{s:?} is not an address or CIDR (e.g. 10.0.0.0/8, fd00::/8)"))?;
        let max = if net.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p
                .trim()
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("{s:?}: the prefix length must be 0 to {max}"))?,
            None => max,
        };
        Ok(TrustedProxy { net, prefix })
    }

    /// Whether `ip` is inside this network.
    pub fn contains(&self, ip: std::net::IpAddr) -> bool {
        let bits = |ip: std::net::IpAddr| -> Option<u128> {
            match (self.net, ip) {
                (std::net::IpAddr::V4(_), std::net::IpAddr::V4(v)) => Some(u128::from(u32::from(v)) << 96),
                (std::net::IpAddr::V6(_), std::net::IpAddr::V6(v)) => Some(u128::from(v)),
                _ => None,
            }
        };
        let (Some(a), Some(b)) = (bits(self.net), bits(ip)) else {
            return false;
        };
        // Both families sit in the top bits of `a` and `b`, so the mask is the top `prefix` bits.
        let mask = if self.prefix == 0 {
            0
        } else {
            u128::MAX << (128 - u32::from(self.prefix))
        };
        a & mask == b & mask
    }
}

/// How `koltrust serve` writes its log (`--log-format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum LogFormat {
    #[default]
    Text,
    /// One JSON object per line.
    Json,
}

impl LogFormat {
    pub fn parse(s: &str) -> Result<LogFormat, String> {
        match s {
            "text" => Ok(LogFormat::Text),
            "json" => Ok(LogFormat::Json),
            _ => Err(format!("{s:?}: expected text or json / cần text hoặc json")),
        }
    }
}

#[derive(Clone, Debug)]
pub struct ServeConfig {
    /// The data folder (created and initialised on first start).
    pub data: PathBuf,
    /// Where complaints, the registry, publications and the audit log live (`--database`).
    pub database: crate::store::Database,
    pub addr: SocketAddr,
    /// Static files served at `/` (the portal), if any.
    pub www: Option<PathBuf>,
    /// Complaint submissions per IP address.
    pub per_ip: RateConfig,
    /// Complaint submissions per client token (`X-Koltrust-Client` header), when one is sent.
    pub per_client: RateConfig,
    /// Largest request body accepted, bytes.
    pub body_limit: usize,
    /// Allow the first start of a folder that holds a provisioned signing key but no database (`--init`).
    pub init: bool,
    /// Reverse proxies whose `X-Forwarded-For` names the client (`--trusted-proxy`); none by default.
    pub trusted_proxies: Vec<TrustedProxy>,
    /// Timeouts and the connection cap (see `serve::listen`).
    pub limits: ConnectionLimits,
    /// Readable lines or JSON lines on standard error.
    pub log_format: LogFormat,
}

/// How long a client may take and how many may be connected at once.
#[derive(Clone, Debug)]
pub struct ConnectionLimits {
    /// To send a complete request head, on a new connection and on every keep-alive wait (idle sockets close).
    pub header_read_timeout: std::time::Duration,
    /// To be answered, body reading included (408 past it).
    pub request_timeout: std::time::Duration,
    /// Connections open at once; more are closed on arrival.
    pub max_connections: usize,
    /// After SIGTERM, how long requests in flight may still take before the process exits anyway.
    pub shutdown_deadline: std::time::Duration,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits {
            header_read_timeout: std::time::Duration::from_secs(10),
            request_timeout: std::time::Duration::from_secs(30),
            max_connections: 1024,
            shutdown_deadline: std::time::Duration::from_secs(10),
        }
    }
}

impl ServeConfig {
    pub fn new(data: PathBuf, addr: SocketAddr) -> ServeConfig {
        ServeConfig {
            data,
            database: crate::store::Database::Sqlite,
            addr,
            www: None,
            per_ip: RateConfig {
                per_minute: 120,
                burst: 60,
            },
            per_client: RateConfig {
                per_minute: 30,
                burst: 20,
            },
            body_limit: 2 * 1024 * 1024,
            init: false,
            trusted_proxies: Vec::new(),
            limits: ConnectionLimits::default(),
            log_format: LogFormat::Text,
        }
    }
}
