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

#[derive(Clone, Debug)]
pub struct ServeConfig {
    /// The data folder (created and initialised on first start).
    pub data: PathBuf,
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
}

impl ServeConfig {
    pub fn new(data: PathBuf, addr: SocketAddr) -> ServeConfig {
        ServeConfig {
            data,
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
        }
    }
}
