//! Token buckets in memory, one per key (an IP address, a client token). Each bucket holds up to `burst` tokens and
//! refills at `per_minute / 60` tokens per second; a request takes one token or is refused with the seconds until
//! one is back (the `Retry-After` of the 429). In memory on purpose: limits protect this process, and a restart
//! forgetting them is harmless. Full buckets are dropped when the table grows large, so memory stays bounded.

use crate::config::{RateConfig, TrustedProxy};
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

const MAX_KEYS: usize = 100_000;

struct Bucket {
    tokens: f64,
    at: Instant,
}

pub struct RateLimiter {
    config: RateConfig,
    buckets: Mutex<HashMap<String, Bucket>>,
}

impl RateLimiter {
    pub fn new(config: RateConfig) -> RateLimiter {
        RateLimiter {
            config,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    fn rate(&self) -> f64 {
        self.config.per_minute as f64 / 60.0
    }

    /// Takes a token for `key`: `Ok` or `Err(seconds to wait)`.
    pub fn check(&self, key: &str) -> Result<(), u64> {
        self.check_at(key, Instant::now())
    }

    pub fn check_at(&self, key: &str, now: Instant) -> Result<(), u64> {
        if self.config.per_minute == 0 {
            return Ok(());
        }
        let burst = self.config.burst.max(1) as f64;
        let rate = self.rate();
        let mut map = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= MAX_KEYS && !map.contains_key(key) {
            map.retain(|_, b| b.tokens + now.duration_since(b.at).as_secs_f64() * rate < burst);
        }
        let b = map.entry(key.to_string()).or_insert(Bucket { tokens: burst, at: now });
        b.tokens = (b.tokens + now.saturating_duration_since(b.at).as_secs_f64() * rate).min(burst);
        b.at = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - b.tokens) / rate).ceil() as u64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn burst_then_refill() {
        let rl = RateLimiter::new(RateConfig {
            per_minute: 60,
            burst: 3,
        });
        let t = Instant::now();
        for _ in 0..3 {
            assert!(rl.check_at("a", t).is_ok());
        }
        assert_eq!(rl.check_at("a", t), Err(1));
        assert!(rl.check_at("b", t).is_ok(), "keys are independent");
        assert!(rl.check_at("a", t + Duration::from_millis(1000)).is_ok());
        assert!(rl.check_at("a", t + Duration::from_millis(1000)).is_err());
    }

    #[test]
    fn zero_disables() {
        let rl = RateLimiter::new(RateConfig {
            per_minute: 0,
            burst: 0,
        });
        for _ in 0..1000 {
            assert!(rl.check("x").is_ok());
        }
    }
}

/// The bucket key of a client address: an IPv4 address as it is; an IPv6 address by its /64 prefix (one host or
/// customer is usually given a whole /64, so per-address buckets would be unlimited there); an IPv4-mapped IPv6
/// address as its IPv4 address.
pub fn bucket_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// The address a request comes from: the socket peer, unless the peer is one of the operator's trusted proxies —
/// then the right-most `X-Forwarded-For` entry that is not itself a trusted proxy (entries to its left are written by
/// the client and can be anything). A malformed header counts as no header: the peer stands.
pub fn client_ip(peer: IpAddr, forwarded_for: Option<&str>, trusted: &[TrustedProxy]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|t| t.contains(*ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let Some(header) = forwarded_for else {
        return peer;
    };
    let mut hops: Vec<IpAddr> = Vec::new();
    for part in header.split(',') {
        match part.trim().parse::<IpAddr>() {
            Ok(ip) => hops.push(ip),
            Err(_) => return peer,
        }
    }
    hops.into_iter().rev().find(|ip| !is_trusted(ip)).unwrap_or(peer)
}

#[cfg(test)]
mod address_tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn ipv6_clients_share_their_slash_64() {
        assert_eq!(
            bucket_key(ip("2001:db8:1:2::10")),
            bucket_key(ip("2001:db8:1:2:ffff::1"))
        );
        assert_ne!(bucket_key(ip("2001:db8:1:2::10")), bucket_key(ip("2001:db8:1:3::10")));
        assert_eq!(bucket_key(ip("2001:db8:1:2::10")), "2001:db8:1:2::/64");
        assert_eq!(bucket_key(ip("::ffff:192.0.2.7")), "192.0.2.7");
        assert_eq!(bucket_key(ip("192.0.2.7")), "192.0.2.7");
    }

    #[test]
    fn forwarded_for_counts_only_from_trusted_proxies() {
        let proxies = [
            TrustedProxy::parse("10.0.0.0/8").unwrap(),
            TrustedProxy::parse("::1/128").unwrap(),
        ];
        let (proxy, outsider) = (ip("10.1.2.3"), ip("198.51.100.9"));
        // Not a proxy: the header is the client's own words.
        assert_eq!(client_ip(outsider, Some("203.0.113.5"), &proxies), outsider);
        // Through a proxy: the right-most address the proxy saw; spoofed entries to its left are ignored.
        assert_eq!(
            client_ip(proxy, Some("1.2.3.4, 203.0.113.5"), &proxies),
            ip("203.0.113.5")
        );
        assert_eq!(
            client_ip(proxy, Some("203.0.113.5, 10.9.9.9"), &proxies),
            ip("203.0.113.5")
        );
        assert_eq!(client_ip(proxy, None, &proxies), proxy);
        assert_eq!(client_ip(proxy, Some("not an address"), &proxies), proxy);
        assert_eq!(client_ip(ip("::1"), Some("2001:db8::7"), &proxies), ip("2001:db8::7"));
    }

    #[test]
    fn trusted_networks_match_by_prefix() {
        let t = |s: &str| TrustedProxy::parse(s).unwrap();
        assert!(t("10.0.0.0/8").contains(ip("10.255.0.1")) && !t("10.0.0.0/8").contains(ip("11.0.0.1")));
        assert!(t("192.0.2.7").contains(ip("192.0.2.7")) && !t("192.0.2.7").contains(ip("192.0.2.8")));
        assert!(t("fd00::/8").contains(ip("fd12::1")) && !t("fd00::/8").contains(ip("fe80::1")));
        assert!(t("2001:db8:1:2::/64").contains(ip("2001:db8:1:2:ffff::1")));
        assert!(!t("10.0.0.0/8").contains(ip("::ffff:10.0.0.1")), "families do not mix");
        assert!(t("0.0.0.0/0").contains(ip("203.0.113.1")));
        for bad in ["10.0.0.0/33", "nope", "::/129", "10.0.0.0/x"] {
            assert!(TrustedProxy::parse(bad).is_err(), "{bad}");
        }
    }
}
