//! Counters for `/metrics`, written in the Prometheus text format.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::RwLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Upper bounds (seconds) of the verify latency histogram's buckets.
const BUCKETS: [f64; 12] = [
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1.0,
];

/// The server's counters.
#[derive(Debug, Default)]
pub struct Metrics {
    /// endpoint → status → count; looked up by `&str`, so counting does not allocate,
    /// and counted under the read lock (the write lock only adds a pair not seen yet),
    /// so requests on different threads do not wait for each other.
    requests: RwLock<BTreeMap<String, BTreeMap<u16, AtomicU64>>>,
    verify_buckets: [AtomicU64; BUCKETS.len()],
    verify_count: AtomicU64,
    verify_sum_micros: AtomicU64,
    /// Verifications answered from the cache.
    pub cache_hits: AtomicU64,
    /// Verifications that read the store.
    pub cache_misses: AtomicU64,
    /// Usage flushes that failed (their uses were kept to be retried).
    pub flush_errors: AtomicU64,
    /// Verifications refused by a key's rate limit.
    pub rate_limited: AtomicU64,
}

impl Metrics {
    /// Counts one answered request.
    pub fn count_request(&self, endpoint: &str, status: u16) {
        if let Ok(map) = self.requests.read()
            && let Some(count) = map
                .get(endpoint)
                .and_then(|by_status| by_status.get(&status))
        {
            count.fetch_add(1, Ordering::Relaxed);
            return;
        }
        // A pair not seen yet: rare, so the name's copy does not matter.
        if let Ok(mut map) = self.requests.write() {
            map.entry(endpoint.to_owned())
                .or_default()
                .entry(status)
                .or_default()
                .fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Records one verification's latency.
    pub fn observe_verify(&self, took: Duration) {
        let secs = took.as_secs_f64();
        for (bound, bucket) in BUCKETS.iter().zip(&self.verify_buckets) {
            if secs <= *bound {
                bucket.fetch_add(1, Ordering::Relaxed);
            }
        }
        self.verify_count.fetch_add(1, Ordering::Relaxed);
        self.verify_sum_micros
            .fetch_add(took.as_micros() as u64, Ordering::Relaxed);
    }

    /// The text of `/metrics`; `pending` is the number of uses not yet written.
    pub fn render(&self, pending: u64) -> String {
        let mut out = String::new();
        out.push_str(
            "# HELP apikey_http_requests_total HTTP requests answered, by endpoint and status.\n",
        );
        out.push_str("# TYPE apikey_http_requests_total counter\n");
        if let Ok(map) = self.requests.read() {
            for (endpoint, by_status) in map.iter() {
                for (status, n) in by_status {
                    let n = n.load(Ordering::Relaxed);
                    let _ = writeln!(
                        out,
                        "apikey_http_requests_total{{endpoint=\"{}\",status=\"{status}\"}} {n}",
                        endpoint.replace(['\\', '"', '\n'], "_")
                    );
                }
            }
        }
        out.push_str(
            "# HELP apikey_verify_duration_seconds Time to decide and record a verification.\n",
        );
        out.push_str("# TYPE apikey_verify_duration_seconds histogram\n");
        for (bound, bucket) in BUCKETS.iter().zip(&self.verify_buckets) {
            let _ = writeln!(
                out,
                "apikey_verify_duration_seconds_bucket{{le=\"{bound}\"}} {}",
                bucket.load(Ordering::Relaxed)
            );
        }
        let count = self.verify_count.load(Ordering::Relaxed);
        let _ = writeln!(
            out,
            "apikey_verify_duration_seconds_bucket{{le=\"+Inf\"}} {count}"
        );
        let _ = writeln!(
            out,
            "apikey_verify_duration_seconds_sum {}",
            self.verify_sum_micros.load(Ordering::Relaxed) as f64 / 1e6
        );
        let _ = writeln!(out, "apikey_verify_duration_seconds_count {count}");
        let counters = [
            (
                "apikey_cache_hits_total",
                "Verifications answered from the key-state cache.",
                &self.cache_hits,
            ),
            (
                "apikey_cache_misses_total",
                "Verifications that read the store.",
                &self.cache_misses,
            ),
            (
                "apikey_rate_limited_total",
                "Verifications refused by a key's rate limit (RATE_LIMITED).",
                &self.rate_limited,
            ),
            (
                "apikey_usage_flush_errors_total",
                "Usage flushes that failed (the uses are kept and retried).",
                &self.flush_errors,
            ),
        ];
        for (name, help, value) in counters {
            let _ = writeln!(out, "# HELP {name} {help}");
            let _ = writeln!(out, "# TYPE {name} counter");
            let _ = writeln!(out, "{name} {}", value.load(Ordering::Relaxed));
        }
        out.push_str("# HELP apikey_usage_pending Uses of uncapped keys counted in memory and not yet written (lost on a crash).\n");
        out.push_str("# TYPE apikey_usage_pending gauge\n");
        let _ = writeln!(out, "apikey_usage_pending {pending}");
        out
    }
}
