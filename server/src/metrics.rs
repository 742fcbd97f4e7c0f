//! What an operator watches, as Prometheus text at `GET /metrics`: requests by route template and status, their
//! latencies, the complaint queue's depth, group-commit batch sizes, failed commits, and the published sequence.
//!
//! Hand-written (a few counters and histograms do not need a metrics library): atomics and one small map, so a
//! request costs a lock-free histogram update and a short map lookup. One server runs per process, so the request
//! counters are process-wide ([`global`]) and the request-log middleware, which has no application state, can reach
//! them. Labels are route *templates* (`/v1/complaints/{receipt}`), never a URL, a query or a receipt.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

/// A cumulative histogram with fixed upper bounds.
pub struct Histogram {
    bounds: &'static [f64],
    /// One count per bound, plus `+Inf`.
    counts: Vec<AtomicU64>,
    /// Sum of observations, in millionths of the unit (seconds or items), so it stays an integer atomic.
    sum_micro: AtomicU64,
}

impl Histogram {
    pub fn new(bounds: &'static [f64]) -> Histogram {
        Histogram {
            bounds,
            counts: (0..=bounds.len()).map(|_| AtomicU64::new(0)).collect(),
            sum_micro: AtomicU64::new(0),
        }
    }

    pub fn observe(&self, v: f64) {
        let i = self.bounds.iter().position(|b| v <= *b).unwrap_or(self.bounds.len());
        if let Some(c) = self.counts.get(i) {
            c.fetch_add(1, Ordering::Relaxed);
        }
        self.sum_micro
            .fetch_add((v * 1_000_000.0).max(0.0) as u64, Ordering::Relaxed);
    }

    /// Appends the `_bucket`, `_sum` and `_count` lines of `name` with `labels` (`route="…"` or empty).
    fn render(&self, out: &mut String, name: &str, labels: &str) {
        let sep = if labels.is_empty() { "" } else { "," };
        let mut cumulative = 0;
        for (i, c) in self.counts.iter().enumerate() {
            cumulative += c.load(Ordering::Relaxed);
            let le = self
                .bounds
                .get(i)
                .map(|b| b.to_string())
                .unwrap_or_else(|| "+Inf".into());
            let _ = writeln!(out, "{name}_bucket{{{labels}{sep}le=\"{le}\"}} {cumulative}");
        }
        let braces = if labels.is_empty() {
            String::new()
        } else {
            format!("{{{labels}}}")
        };
        let sum = self.sum_micro.load(Ordering::Relaxed) as f64 / 1_000_000.0;
        let _ = writeln!(out, "{name}_sum{braces} {sum}");
        let _ = writeln!(out, "{name}_count{braces} {cumulative}");
    }
}

/// Latency buckets, seconds.
const LATENCY: &[f64] = &[0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];
/// Group-commit batch sizes (complaints per commit; the writer's maximum is 512).
pub const BATCH: &[f64] = &[1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0, 512.0];

/// The process's request counters.
pub struct Metrics {
    /// `(route, method, status)` → count.
    requests: Mutex<BTreeMap<(String, String, u16), u64>>,
    /// Route → latency histogram.
    latency: Mutex<BTreeMap<String, std::sync::Arc<Histogram>>>,
}

/// The process-wide request metrics.
pub fn global() -> &'static Metrics {
    static M: OnceLock<Metrics> = OnceLock::new();
    M.get_or_init(|| Metrics {
        requests: Mutex::new(BTreeMap::new()),
        latency: Mutex::new(BTreeMap::new()),
    })
}

impl Metrics {
    /// Counts one answered request. `route` is the matched template, or `None` (static files, unknown paths:
    /// counted as `other` so a scan of random paths cannot grow the table).
    pub fn record(&self, route: Option<&str>, method: &str, status: u16, seconds: f64) {
        let route = route.unwrap_or("other");
        let method = match method {
            "GET" | "HEAD" | "POST" | "OPTIONS" => method,
            _ => "other",
        };
        {
            let mut map = self.requests.lock().unwrap_or_else(|p| p.into_inner());
            *map.entry((route.to_string(), method.to_string(), status)).or_insert(0) += 1;
        }
        let h = {
            let mut map = self.latency.lock().unwrap_or_else(|p| p.into_inner());
            map.entry(route.to_string())
                .or_insert_with(|| std::sync::Arc::new(Histogram::new(LATENCY)))
                .clone()
        };
        h.observe(seconds);
    }

    fn render_requests(&self, out: &mut String) {
        out.push_str("# HELP koltrust_http_requests_total Requests answered, by route template, method and status.\n");
        out.push_str("# TYPE koltrust_http_requests_total counter\n");
        for ((route, method, status), n) in self.requests.lock().unwrap_or_else(|p| p.into_inner()).iter() {
            let _ = writeln!(
                out,
                "koltrust_http_requests_total{{route=\"{route}\",method=\"{method}\",status=\"{status}\"}} {n}"
            );
        }
        out.push_str("# HELP koltrust_http_request_duration_seconds Time to answer, by route template.\n");
        out.push_str("# TYPE koltrust_http_request_duration_seconds histogram\n");
        let hist: Vec<(String, std::sync::Arc<Histogram>)> = self
            .latency
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .map(|(r, h)| (r.clone(), h.clone()))
            .collect();
        for (route, h) in hist {
            h.render(
                out,
                "koltrust_http_request_duration_seconds",
                &format!("route=\"{route}\""),
            );
        }
    }
}

/// What the rest of the server reports at scrape time.
pub struct Snapshot<'a> {
    pub backend: &'static str,
    pub queue_depth: usize,
    pub batch_sizes: &'a Histogram,
    pub failed_batches: u64,
    pub sequence: Option<u64>,
}

/// The whole `/metrics` body.
pub fn render(s: &Snapshot<'_>) -> String {
    let mut out = String::with_capacity(4096);
    let _ = writeln!(out, "# HELP koltrust_info The server's version and storage backend.");
    let _ = writeln!(out, "# TYPE koltrust_info gauge");
    let _ = writeln!(
        out,
        "koltrust_info{{version=\"{}\",backend=\"{}\"}} 1",
        env!("CARGO_PKG_VERSION"),
        s.backend
    );
    global().render_requests(&mut out);
    out.push_str("# HELP koltrust_complaint_queue_depth Complaints waiting for the group-commit writer.\n");
    out.push_str("# TYPE koltrust_complaint_queue_depth gauge\n");
    let _ = writeln!(out, "koltrust_complaint_queue_depth {}", s.queue_depth);
    out.push_str("# HELP koltrust_complaint_batch_size Complaints per group commit.\n");
    out.push_str("# TYPE koltrust_complaint_batch_size histogram\n");
    s.batch_sizes.render(&mut out, "koltrust_complaint_batch_size", "");
    out.push_str("# HELP koltrust_store_errors_total Complaint batches the database did not commit.\n");
    out.push_str("# TYPE koltrust_store_errors_total counter\n");
    let _ = writeln!(out, "koltrust_store_errors_total {}", s.failed_batches);
    out.push_str("# HELP koltrust_registry_sequence The newest registry sequence this instance serves.\n");
    out.push_str("# TYPE koltrust_registry_sequence gauge\n");
    let _ = writeln!(out, "koltrust_registry_sequence {}", s.sequence.unwrap_or(0));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histograms_are_cumulative_and_text_is_prometheus() {
        let h = Histogram::new(BATCH);
        for v in [1.0, 3.0, 3.0, 600.0] {
            h.observe(v);
        }
        let mut out = String::new();
        h.render(&mut out, "x", "");
        assert!(out.contains("x_bucket{le=\"1\"} 1\n"), "{out}");
        assert!(out.contains("x_bucket{le=\"4\"} 3\n"), "{out}");
        assert!(out.contains("x_bucket{le=\"512\"} 3\n"), "{out}");
        assert!(out.contains("x_bucket{le=\"+Inf\"} 4\n"), "{out}");
        assert!(out.contains("x_sum 607\n") && out.contains("x_count 4\n"), "{out}");
        let mut labelled = String::new();
        h.render(&mut labelled, "y", "route=\"/a\"");
        assert!(labelled.contains("y_bucket{route=\"/a\",le=\"2\"} 1\n"), "{labelled}");
        assert!(labelled.contains("y_count{route=\"/a\"} 4\n"), "{labelled}");
    }
}
