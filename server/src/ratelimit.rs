//! Token buckets in memory, one per key (an IP address, a client token). Each bucket holds up to `burst` tokens and
//! refills at `per_minute / 60` tokens per second; a request takes one token or is refused with the seconds until
//! one is back (the `Retry-After` of the 429). In memory on purpose: limits protect this process, and a restart
//! forgetting them is harmless. Full buckets are dropped when the table grows large, so memory stays bounded.

use crate::config::RateConfig;
use std::collections::HashMap;
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
