//! Per-key rate limits: an exact sliding window on one node, in memory.
//!
//! Each limited key has a log of the times of the answers its window allowed (at most
//! `limit` of them). A new answer is allowed when fewer than `limit` of the logged ones
//! are younger than the window, and then logged; otherwise it is refused, and the
//! oldest logged time says when the next one will be allowed (`Retry-After`). The logs
//! are sharded by key id behind mutexes, so keys do not contend with one another, and
//! logs whose every entry has left its window are swept.
//!
//! Memory: 8 bytes per allowed answer still inside its window, per key, at most
//! `limit` × 8 bytes for a key (`RateLimit::MAX_LIMIT` bounds `limit`). A restart
//! forgets the logs: every window starts empty.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, Hasher};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use apikey_core::model::RateLimit;

/// Number of independently locked shards.
const SHARDS: usize = 64;

/// One key's log: the allowed answers' times (nanoseconds since the limiter's start),
/// oldest first, and the window they were allowed under.
#[derive(Debug, Default)]
struct Log {
    window_nanos: u64,
    times: VecDeque<u64>,
}

/// What [`Limiter::acquire`] answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Acquired {
    /// Allowed and logged at this time: pass it to [`Limiter::release`] if the answer
    /// ends up not `VALID` after all (a capped key's last use taken elsewhere).
    Allowed(u64),
    /// Refused: the next answer will be allowed after this long.
    Limited(Duration),
}

/// The rate limits of every key, on this node.
#[derive(Debug)]
pub struct Limiter {
    start: Instant,
    shards: Vec<Mutex<HashMap<String, Log>>>,
    hasher: std::collections::hash_map::RandomState,
}

impl Default for Limiter {
    fn default() -> Self {
        Limiter {
            start: Instant::now(),
            shards: (0..SHARDS).map(|_| Mutex::new(HashMap::new())).collect(),
            hasher: std::collections::hash_map::RandomState::new(),
        }
    }
}

impl Limiter {
    fn shard(&self, id: &str) -> &Mutex<HashMap<String, Log>> {
        let mut hasher = self.hasher.build_hasher();
        hasher.write(id.as_bytes());
        &self.shards[(hasher.finish() as usize) % SHARDS]
    }

    fn now(&self) -> u64 {
        u64::try_from(self.start.elapsed().as_nanos()).unwrap_or(u64::MAX)
    }

    /// Takes one answer from key `id`'s window under `limit`, now.
    pub fn acquire(&self, id: &str, limit: RateLimit) -> Acquired {
        let Ok(mut shard) = self.shard(id).lock() else {
            // A poisoned lock means a panic elsewhere; fail closed.
            return Acquired::Limited(Duration::from_secs(1));
        };
        // The time is read under the lock, so each log stays in order.
        let now = self.now();
        let log = match shard.get_mut(id) {
            Some(log) => log,
            None => shard.entry(id.to_owned()).or_default(),
        };
        acquire_at(log, limit, now)
    }

    /// Gives back an answer [`Limiter::acquire`] allowed at `at`: the answer was not
    /// `VALID` after all, and only `VALID` answers count against the window.
    pub fn release(&self, id: &str, at: u64) {
        if let Ok(mut shard) = self.shard(id).lock()
            && let Some(log) = shard.get_mut(id)
            && let Some(index) = log.times.iter().rposition(|t| *t == at)
        {
            log.times.remove(index);
        }
    }

    /// Forgets the logs whose every entry has left its window.
    pub fn sweep(&self) {
        let now = self.now();
        for shard in &self.shards {
            if let Ok(mut shard) = shard.lock() {
                shard.retain(|_, log| {
                    log.times
                        .back()
                        .is_some_and(|last| now.saturating_sub(*last) < log.window_nanos)
                });
            }
        }
    }

    /// Keys with a log in memory.
    pub fn tracked(&self) -> usize {
        self.shards
            .iter()
            .map(|s| s.lock().map_or(0, |s| s.len()))
            .sum()
    }
}

/// The decision on one log at `now` (nanoseconds): entries at or before `now - window`
/// have left the window `(now - window, now]`.
fn acquire_at(log: &mut Log, limit: RateLimit, now: u64) -> Acquired {
    let window = limit.window_secs.saturating_mul(1_000_000_000);
    log.window_nanos = window;
    while log
        .times
        .front()
        .is_some_and(|t| now.saturating_sub(*t) >= window)
    {
        log.times.pop_front();
    }
    // A lowered limit leaves older entries beyond it: they still count.
    if (log.times.len() as u64) < limit.limit {
        log.times.push_back(now);
        return Acquired::Allowed(now);
    }
    let oldest_that_counts = log.times[log.times.len() - limit.limit as usize];
    let wait = (oldest_that_counts + window).saturating_sub(now).max(1);
    Acquired::Limited(Duration::from_nanos(wait))
}

/// `Retry-After` in whole seconds: rounded up, at least 1.
pub fn retry_after_secs(wait: Duration) -> u64 {
    u64::try_from(wait.as_nanos().div_ceil(1_000_000_000))
        .unwrap_or(u64::MAX)
        .max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEC: u64 = 1_000_000_000;

    fn limit(limit: u64, window_secs: u64) -> RateLimit {
        RateLimit { limit, window_secs }
    }

    #[test]
    fn the_window_allows_exactly_the_limit_and_slides() {
        let mut log = Log::default();
        let l = limit(3, 10);
        // Three at t = 0, 1, 2 s; the fourth at 3 s waits until the first leaves (10 s).
        for t in 0..3 {
            assert_eq!(acquire_at(&mut log, l, t * SEC), Acquired::Allowed(t * SEC));
        }
        assert_eq!(
            acquire_at(&mut log, l, 3 * SEC),
            Acquired::Limited(Duration::from_secs(7))
        );
        // Just before the first leaves: still refused, for 1 ns.
        assert_eq!(
            acquire_at(&mut log, l, 10 * SEC - 1),
            Acquired::Limited(Duration::from_nanos(1))
        );
        // At 10 s the first has left the window (now - 10 s, now].
        assert_eq!(
            acquire_at(&mut log, l, 10 * SEC),
            Acquired::Allowed(10 * SEC)
        );
        assert!(matches!(
            acquire_at(&mut log, l, 10 * SEC),
            Acquired::Limited(_)
        ));
        // Refusals are not logged: at 11 s the entry of 1 s leaves, one more is allowed.
        assert_eq!(
            acquire_at(&mut log, l, 11 * SEC),
            Acquired::Allowed(11 * SEC)
        );
        assert_eq!(log.times.len(), 3);
    }

    #[test]
    fn in_any_window_no_more_than_the_limit_pass() {
        // Requests every 7 ms for 5 s against 50 per second: count every 1 s window.
        let mut log = Log::default();
        let l = limit(50, 1);
        let mut allowed = Vec::new();
        for i in 0..(5000 / 7) {
            let t = i * 7_000_000;
            if let Acquired::Allowed(at) = acquire_at(&mut log, l, t) {
                allowed.push(at);
            }
        }
        for (i, start) in allowed.iter().enumerate() {
            let in_window = allowed[i..]
                .iter()
                .take_while(|t| **t < start + SEC)
                .count();
            assert!(in_window <= 50, "{in_window} in the window from {start}");
        }
        // And the window is used fully: 50 in the first second.
        assert_eq!(allowed.iter().filter(|t| **t < SEC).count(), 50);
    }

    #[test]
    fn a_changed_limit_applies_to_the_existing_log() {
        let mut log = Log::default();
        for t in 0..5 {
            assert!(matches!(
                acquire_at(&mut log, limit(5, 60), t),
                Acquired::Allowed(_)
            ));
        }
        // Lowered to 2: the five logged answers still count.
        assert!(matches!(
            acquire_at(&mut log, limit(2, 60), 10),
            Acquired::Limited(_)
        ));
        // Raised to 6: one more.
        assert!(matches!(
            acquire_at(&mut log, limit(6, 60), 11),
            Acquired::Allowed(_)
        ));
        // A shorter window drops what left it.
        assert!(matches!(
            acquire_at(&mut log, limit(6, 1), 2 * SEC),
            Acquired::Allowed(_)
        ));
        assert_eq!(log.times.len(), 1);
    }

    #[test]
    fn release_gives_the_answer_back_and_sweep_forgets_idle_keys() {
        let limiter = Limiter::default();
        let l = limit(1, 3600);
        let Acquired::Allowed(at) = limiter.acquire("k1", l) else {
            panic!("the first answer is allowed");
        };
        assert!(matches!(limiter.acquire("k1", l), Acquired::Limited(_)));
        limiter.release("k1", at);
        assert!(matches!(limiter.acquire("k1", l), Acquired::Allowed(_)));
        // Other keys have their own windows.
        assert!(matches!(limiter.acquire("k2", l), Acquired::Allowed(_)));
        limiter.sweep();
        assert_eq!(limiter.tracked(), 2);
        // A log whose last entry has left its (here 1 ns) window is forgotten.
        let idle = Log {
            window_nanos: 1,
            times: VecDeque::from([0]),
        };
        limiter
            .shard("k3")
            .lock()
            .unwrap()
            .insert("k3".into(), idle);
        assert_eq!(limiter.tracked(), 3);
        std::thread::sleep(Duration::from_millis(2));
        limiter.sweep();
        assert_eq!(limiter.tracked(), 2);
    }

    #[test]
    fn retry_after_rounds_up_to_whole_seconds() {
        assert_eq!(retry_after_secs(Duration::from_nanos(1)), 1);
        assert_eq!(retry_after_secs(Duration::from_secs(7)), 7);
        assert_eq!(retry_after_secs(Duration::from_millis(7001)), 8);
        assert_eq!(retry_after_secs(Duration::ZERO), 1);
    }

    #[test]
    fn concurrent_acquires_allow_exactly_the_limit() {
        let limiter = std::sync::Arc::new(Limiter::default());
        let l = limit(50, 3600);
        let allowed: usize = (0..8)
            .map(|_| {
                let limiter = limiter.clone();
                std::thread::spawn(move || {
                    (0..50)
                        .filter(|_| matches!(limiter.acquire("hot", l), Acquired::Allowed(_)))
                        .count()
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|h| h.join().unwrap())
            .sum();
        assert_eq!(allowed, 50);
    }
}
