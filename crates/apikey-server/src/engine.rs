//! The verification engine: a cache of key state, a few read-only connections, change
//! detection, and the one writer thread that owns the write connection.
//!
//! - The cache is keyed by the key's SHA-256 (never the key; raw bytes, as hex would
//!   double what is hashed and compared on every request) and holds the [`Lookup`] of
//!   the core; [`verify::decide_lean`] runs on it for every request, so expiry, the
//!   allow-list and permissions are always checked against the current time and
//!   request.
//! - Changes made by any process reach the cache within [`POLL_INTERVAL`]: a thread polls
//!   `PRAGMA data_version` on a read connection and, when it moves, looks at the audit
//!   events since the last head it saw (every change writes one; use counts do not).
//!   When one of them can change an answer (anything but `user.*`: sign-ins and failed
//!   logins must not empty the cache) the generation number is bumped and the cache
//!   cleared. Every entry carries the
//!   generation read *before* its lookup began, and an entry of an older generation is
//!   never used, so a fill racing a revocation cannot bring the revoked key back.
//! - Capped keys are counted exactly by the writer (one conditional `UPDATE`, and the
//!   answer waits for its `COMMIT`; a failed commit refuses). Uncapped uses are summed
//!   in memory and flushed every [`FLUSH_INTERVAL`], and on shutdown.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use apikey_core::error::{Error, Result};
use apikey_core::model::{Verdict, VerifyResult};
use apikey_core::secret;
use apikey_core::store::{Access, Store, StorePath};
use apikey_core::verify::{self, KeyState, Lookup, VerifyRequest};
use axum::body::Bytes;
use axum::http::{HeaderName, HeaderValue};
use jiff::Timestamp;
use tokio::sync::{Semaphore, oneshot};

use crate::metrics::Metrics;
use crate::ratelimit::{self, Acquired, Limiter};

/// How often the store is polled for changes by other processes.
pub const POLL_INTERVAL: Duration = Duration::from_millis(100);
/// How often uncapped uses are written.
pub const FLUSH_INTERVAL: Duration = Duration::from_millis(500);
/// Keys longer than this are refused as malformed without hashing or lookup (as
/// `key verify` refuses more than 4096 bytes on standard input).
pub const MAX_KEY_LEN: usize = 4096;
/// Page cache of each read connection, MiB. The store's own default (32 MiB, for bulk
/// work) filled by random lookups over a large store would cost the server that much
/// per connection; the key-state cache above it holds what is read often.
const READER_CACHE_MIB: u32 = 4;
/// Page cache of the write connection, MiB (it updates use counts by id).
const WRITER_CACHE_MIB: u32 = 8;
/// How often rate-limit logs that left their windows are forgotten.
const SWEEP_INTERVAL: Duration = Duration::from_secs(10);
/// How long a flush waits for another process's write lock before trying again later.
const FLUSH_WAIT: Duration = Duration::from_millis(200);
/// Most capped uses counted in one transaction.
const CAPPED_BATCH: usize = 256;

/// A cache entry: a lookup and the generation current before it began.
#[derive(Debug)]
pub struct Cached {
    generation: u64,
    /// What the core's lookup found.
    pub lookup: Lookup,
    /// For a stored key, forward-auth's identity headers, made once per lookup rather
    /// than on every answer: (name, value) of `X-Apikey-Key-Id`, `X-Apikey-Client`,
    /// `X-Apikey-Client-Id` and `X-Apikey-Roles` (comma-separated).
    pub identity: Vec<(HeaderName, HeaderValue)>,
    /// For a stored key, the JSON of `/v1/keys.verify`'s `VALID` answer but for its use
    /// counts, made by the API on the first such answer and kept with the entry, as
    /// the identity headers are.
    pub valid_body: OnceLock<Vec<u8>>,
    /// [`weight`], computed once: the cache asks for it when it evicts.
    weight: u64,
}

impl Cached {
    fn new(generation: u64, lookup: Lookup) -> Cached {
        let identity = match &lookup {
            Lookup::Found(state) => [
                ("x-apikey-key-id", state.key.id.clone()),
                ("x-apikey-client", state.key.client.clone()),
                ("x-apikey-client-id", state.client_id.clone()),
                ("x-apikey-roles", state.roles.join(",")),
            ]
            .into_iter()
            .map(|(name, value)| {
                let value = HeaderValue::from_maybe_shared(Bytes::from(value))
                    .unwrap_or(HeaderValue::from_static(""));
                (HeaderName::from_static(name), value)
            })
            .collect(),
            _ => Vec::new(),
        };
        let mut cached = Cached {
            generation,
            lookup,
            identity,
            valid_body: OnceLock::new(),
            weight: 0,
        };
        cached.weight = weight(&cached);
        cached
    }
}

/// An answer and the lookup it was decided on.
#[derive(Debug)]
pub struct Checked {
    /// The answer.
    pub verdict: Verdict,
    /// The lookup (absent for a key refused before any lookup).
    pub found: Option<Arc<Cached>>,
    /// For `RATE_LIMITED`: whole seconds until the window allows another answer.
    pub retry_after: Option<u64>,
}

impl Checked {
    /// Gives a valid answer the key's details ([`Verdict::add_details`]): the engine
    /// decides with [`verify::decide_lean`], as most answers need only the code.
    pub fn add_details(&mut self) {
        if let Some(Lookup::Found(state)) = self.found.as_deref().map(|c| &c.lookup) {
            self.verdict.add_details(state);
        }
    }

    /// The key's state when a stored key was found.
    pub fn state(&self) -> Option<&KeyState> {
        match self.found.as_deref().map(|c| &c.lookup) {
            Some(Lookup::Found(state)) => Some(state),
            _ => None,
        }
    }
}

enum WriterMsg {
    Capped {
        id: String,
        at: Timestamp,
        reply: oneshot::Sender<std::result::Result<bool, String>>,
    },
    Shutdown(oneshot::Sender<u64>),
}

/// An answer taken from a key's rate-limit window for an answer not yet known to be
/// `VALID`: given back when dropped, unless kept. Only `VALID` answers count against the
/// window, and a drop also covers an answer abandoned while it waited for the writer
/// (its request timed out and was refused).
struct Slot<'a> {
    limiter: &'a Limiter,
    id: &'a str,
    /// `None` once kept.
    at: Option<u64>,
}

impl Slot<'_> {
    /// The answer is `VALID`: the window keeps it.
    fn keep(mut self) {
        self.at = None;
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        if let Some(at) = self.at {
            self.limiter.release(self.id, at);
        }
    }
}

/// A key's SHA-256 ([`secret::sha256`]): the cache's key.
type Digest = [u8; 32];

/// Uncapped uses waiting to be written: key id → (count, last use).
type Pending = HashMap<String, (u64, Timestamp)>;

/// What one heap allocation costs beyond its bytes (the allocator's header and rounding).
const ALLOCATION: usize = 16;
/// What the cache itself keeps per entry beyond the entry's value: the 32-byte hash, the
/// `Arc`, its table slot and eviction state.
const ENTRY: usize = 96;

/// About how many bytes a cache entry holds, all allocations counted: the cache is
/// bounded by this sum, so a store of millions of keys (each client's roles and
/// permissions copied in every key's state) cannot grow the server without bound.
fn weight(cached: &Cached) -> u64 {
    fn text(s: &str) -> usize {
        s.len() + ALLOCATION
    }
    fn list(v: &[String]) -> usize {
        v.iter()
            .map(|s| size_of::<String>() + text(s))
            .sum::<usize>()
            + ALLOCATION
    }
    let state = match &cached.lookup {
        Lookup::Found(state) => {
            let key = &state.key;
            let strings: usize = [&key.id, &key.client, &key.label, &key.prefix, &key.hint]
                .iter()
                .map(|s| text(s))
                .sum();
            let optional: usize = [&key.revoked_reason, &key.rotated_from]
                .iter()
                .filter_map(|s| s.as_deref())
                .map(text)
                .sum();
            let metadata: usize = key
                .metadata
                .iter()
                .map(|(k, v)| 2 * size_of::<String>() + text(k) + text(v))
                .sum();
            size_of::<KeyState>()
                + ALLOCATION
                + strings
                + optional
                + metadata
                + text(&state.client_id)
                + list(&key.allowed_ips)
                + list(&state.roles)
                + list(&state.grants)
                + list(&state.permissions)
                + state.allowed.len() * size_of::<ipnet::IpNet>()
                + valid_body_bytes(state)
        }
        Lookup::Malformed(reason) => text(reason),
        Lookup::NotFound => 0,
    };
    let identity: usize = cached
        .identity
        .iter()
        .map(|(_, value)| size_of::<(HeaderName, HeaderValue)>() + value.len() + ALLOCATION)
        .sum();
    (ENTRY + size_of::<Cached>() + ALLOCATION + state + identity) as u64
}

/// About the size of [`Cached::valid_body`] once made: the key's details as JSON and the
/// field names around them.
fn valid_body_bytes(state: &KeyState) -> usize {
    let quoted = |v: &[String]| v.iter().map(|s| s.len() + 3).sum::<usize>();
    let metadata: usize = (state.key.metadata.iter())
        .map(|(k, v)| k.len() + v.len() + 6)
        .sum();
    200 + ALLOCATION
        + state.key.id.len()
        + state.key.client.len()
        + quoted(&state.roles)
        + quoted(&state.permissions)
        + metadata
}

/// The cache's weigher: an entry's [`weight`], in bytes.
#[derive(Debug, Clone, Copy)]
struct ByWeight;

impl quick_cache::Weighter<Digest, Arc<Cached>> for ByWeight {
    fn weight(&self, _: &Digest, cached: &Arc<Cached>) -> u64 {
        cached.weight
    }
}

/// About the smallest [`weight`] of a stored key's entry, bytes: the cache sizes its
/// table for the number of those its bytes hold. (Entries of unknown keys weigh less;
/// the bound on bytes holds whatever the table's size.)
const SMALLEST_ENTRY: u64 = 600;

/// The shared engine; one per server.
pub struct Engine {
    store: StorePath,
    /// `None` for a cache of no bytes (`--cache-mib 0`): every lookup reads.
    cache: Option<quick_cache::sync::Cache<Digest, Arc<Cached>, ByWeight>>,
    generation: AtomicU64,
    has_imported: AtomicBool,
    readers: Mutex<Vec<Store>>,
    reader_slots: Semaphore,
    writer: Mutex<mpsc::Sender<WriterMsg>>,
    pending: Arc<Mutex<Pending>>,
    limiter: Limiter,
    stop_poll: Arc<AtomicBool>,
    /// Counters and histograms for `/metrics`.
    pub metrics: Arc<Metrics>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("store", &self.store)
            .finish_non_exhaustive()
    }
}

/// Where a verification failed without an answer.
#[derive(Debug)]
pub enum EngineError {
    /// The store could not be read, or a capped use could not be committed: refuse.
    Store(String),
}

impl std::fmt::Display for EngineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EngineError::Store(reason) => write!(f, "store unavailable: {reason}"),
        }
    }
}

impl Engine {
    /// Opens the store (the writer's connection, migrating it if needed, and one read
    /// connection), starts the writer and change-poller threads.
    ///
    /// # Errors
    /// The store cannot be opened.
    pub fn start(store: StorePath, readers: usize, cache_bytes: u64) -> Result<Arc<Engine>> {
        let mut writer_store = store.open(Access::Existing)?;
        writer_store.set_actor("apikey-serve");
        writer_store.set_cache_mib(WRITER_CACHE_MIB)?;
        let mut poll_store = store.open(Access::ReadOnly)?;
        poll_store.set_cache_mib(1)?;
        let (head, has_imported) =
            poll_store.read(|tx| Ok((tx.audit_head()?, tx.has_imported_keys()?)))?;
        let (tx, rx) = mpsc::channel();
        let metrics = Arc::new(Metrics::default());
        let engine = Arc::new(Engine {
            store,
            cache: (cache_bytes > 0).then(|| {
                let items = usize::try_from(cache_bytes / SMALLEST_ENTRY).unwrap_or(usize::MAX);
                quick_cache::sync::Cache::with_weighter(items.max(1), cache_bytes, ByWeight)
            }),
            generation: AtomicU64::new(0),
            has_imported: AtomicBool::new(has_imported),
            readers: Mutex::new(Vec::new()),
            reader_slots: Semaphore::new(readers.max(1)),
            writer: Mutex::new(tx),
            pending: Arc::new(Mutex::new(HashMap::new())),
            limiter: Limiter::default(),
            stop_poll: Arc::new(AtomicBool::new(false)),
            metrics: metrics.clone(),
        });
        let pending = engine.pending.clone();
        std::thread::Builder::new()
            .name("apikey-writer".into())
            .spawn(move || writer_loop(writer_store, &rx, &pending, &metrics))
            .map_err(|e| Error::io("apikey-writer thread", e))?;
        let weak = Arc::downgrade(&engine);
        let stop = engine.stop_poll.clone();
        std::thread::Builder::new()
            .name("apikey-poll".into())
            .spawn(move || poll_loop(poll_store, head, &weak, &stop))
            .map_err(|e| Error::io("apikey-poll thread", e))?;
        Ok(engine)
    }

    /// The store's path.
    pub fn store_path(&self) -> &StorePath {
        &self.store
    }

    /// Runs `f` on a read-only connection in a blocking worker; at most `readers` run
    /// at once, each with its own connection.
    ///
    /// # Errors
    /// Store failures, or a worker that could not run.
    pub async fn read<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&mut Store) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let _slot = self
            .reader_slots
            .acquire()
            .await
            .map_err(|_| Error::invalid("the server is stopping"))?;
        let engine = self.clone();
        tokio::task::spawn_blocking(move || {
            let pooled = engine.readers.lock().map(|mut p| p.pop()).unwrap_or(None);
            let mut store = match pooled {
                Some(store) => store,
                None => {
                    let store = engine.store.open(Access::ReadOnly)?;
                    store.set_cache_mib(READER_CACHE_MIB)?;
                    store
                }
            };
            let result = f(&mut store);
            // A connection that failed is dropped, not reused.
            if result.is_ok()
                && let Ok(mut pool) = engine.readers.lock()
            {
                pool.push(store);
            }
            result
        })
        .await
        .map_err(|e| Error::invalid(format!("a read worker failed: {e}")))?
    }

    /// Looks `key` up, through the cache; `hash` is its [`secret::sha256`].
    async fn lookup(
        self: &Arc<Self>,
        key: &str,
        hash: Digest,
    ) -> std::result::Result<Arc<Cached>, EngineError> {
        // The generation is read before the lookup starts: if a change is seen while it
        // runs, the entry is already stale and is never used.
        let generation = self.generation.load(Ordering::Acquire);
        if let Some(hit) = self.cache.as_ref().and_then(|c| c.get(&hash))
            && hit.generation == generation
        {
            self.metrics.cache_hits.fetch_add(1, Ordering::Relaxed);
            return Ok(hit);
        }
        self.metrics.cache_misses.fetch_add(1, Ordering::Relaxed);
        let owned = key.to_owned();
        let lookup = self
            .read(move |store| store.read(|tx| verify::lookup(tx, &owned)))
            .await
            .map_err(|e| EngineError::Store(e.to_string()))?;
        let cached = Arc::new(Cached::new(generation, lookup));
        if let Some(cache) = &self.cache
            && self.generation.load(Ordering::Acquire) == generation
        {
            cache.insert(hash, cached.clone());
        }
        Ok(cached)
    }

    /// Verifies `key` for `request`: the decision of [`verify::decide_lean`] on the cached
    /// state; then `refine` may refuse a valid answer (a permission query); then a
    /// `VALID` answer's use is recorded (capped keys wait for their commit).
    ///
    /// # Errors
    /// [`EngineError::Store`]: the store could not be read, or a capped use could not
    /// be committed. The caller must refuse.
    pub async fn verify(
        self: &Arc<Self>,
        key: &str,
        request: &VerifyRequest,
        refine: impl FnOnce(&KeyState, Verdict) -> Verdict,
    ) -> std::result::Result<Checked, EngineError> {
        let started = Instant::now();
        let result = self.verify_inner(key, request, refine).await;
        self.metrics.observe_verify(started.elapsed());
        result
    }

    async fn verify_inner(
        self: &Arc<Self>,
        key: &str,
        request: &VerifyRequest,
        refine: impl FnOnce(&KeyState, Verdict) -> Verdict,
    ) -> std::result::Result<Checked, EngineError> {
        let offline = if key.len() > MAX_KEY_LEN {
            Some(format!("the key is longer than {MAX_KEY_LEN} bytes"))
        } else {
            match verify::format_error(key) {
                // Only a stored imported key may skip the format check.
                Some(reason) if !self.has_imported.load(Ordering::Acquire) => Some(reason),
                _ => None,
            }
        };
        if let Some(reason) = offline {
            let verdict = verify::decide(&Lookup::Malformed(reason), request, Timestamp::now());
            return Ok(Checked {
                verdict,
                found: None,
                retry_after: None,
            });
        }
        let hash = secret::sha256(key);
        let found = self.lookup(key, hash).await?;
        let now = apikey_core::time::now();
        let mut verdict = verify::decide_lean(&found.lookup, request, now);
        let Lookup::Found(state) = &found.lookup else {
            return Ok(Checked {
                verdict,
                found: Some(found),
                retry_after: None,
            });
        };
        if verdict.valid {
            verdict = refine(state, verdict);
        }
        if !verdict.valid {
            return Ok(Checked {
                verdict,
                found: Some(found),
                retry_after: None,
            });
        }
        let (verdict, retry_after) = match self.spend(&hash, state, now).await? {
            None => {
                verdict.usage_recorded = Some(true);
                (verdict, None)
            }
            Some(refusal) => refusal,
        };
        Ok(Checked {
            verdict,
            found: Some(found),
            retry_after,
        })
    }

    /// Spends a would-be `VALID` answer of the key `hash` (its [`secret::sha256`]),
    /// decided on `state`: takes it from the key's rate-limit window (last, so only such
    /// answers count) and records its use (a capped key's waits for its commit). `None`:
    /// spent; otherwise the refusal and, for `RATE_LIMITED`, the seconds to wait.
    ///
    /// # Errors
    /// [`EngineError::Store`]: a capped use could not be committed.
    async fn spend(
        &self,
        hash: &Digest,
        state: &KeyState,
        now: Timestamp,
    ) -> std::result::Result<Option<(Verdict, Option<u64>)>, EngineError> {
        let key = &state.key;
        let slot = match key
            .rate_limit
            .map(|limit| (limit, self.limiter.acquire(&key.id, limit)))
        {
            None => None,
            Some((_, Acquired::Allowed(at))) => Some(Slot {
                limiter: &self.limiter,
                id: &key.id,
                at: Some(at),
            }),
            Some((limit, Acquired::Limited(wait))) => {
                self.metrics.rate_limited.fetch_add(1, Ordering::Relaxed);
                let retry_after = ratelimit::retry_after_secs(wait);
                let verdict = Verdict::denied(
                    VerifyResult::RateLimited,
                    format!("the key's rate limit of {limit} is reached; retry in {retry_after} s"),
                    Some(key),
                );
                return Ok(Some((verdict, Some(retry_after))));
            }
        };
        if key.max_uses.is_some() {
            // If the request gives up while this waits, `slot` is dropped with it and the
            // window gets its answer back; so it is when the use is refused or fails.
            let counted = self.count_capped(&key.id, now).await;
            // The cached use count is now behind: the next request reads it again.
            if let Some(cache) = &self.cache {
                cache.remove(hash);
            }
            if !counted? {
                let verdict = Verdict::denied(
                    VerifyResult::UsageExceeded,
                    "the key's last use was taken by another verification".into(),
                    Some(key),
                );
                return Ok(Some((verdict, None)));
            }
        } else if let Ok(mut pending) = self.pending.lock() {
            // `get_mut` first: the key id is copied only for a key's first use in an
            // interval, not on every answer.
            match pending.get_mut(&key.id) {
                Some((count, last)) => {
                    *count += 1;
                    *last = (*last).max(now);
                }
                None => {
                    pending.insert(key.id.clone(), (1, now));
                }
            }
        }
        if let Some(slot) = slot {
            slot.keep();
        }
        Ok(None)
    }

    async fn count_capped(
        &self,
        id: &str,
        at: Timestamp,
    ) -> std::result::Result<bool, EngineError> {
        let (reply, answer) = oneshot::channel();
        let sent = self
            .writer
            .lock()
            .map(|w| {
                w.send(WriterMsg::Capped {
                    id: id.to_owned(),
                    at,
                    reply,
                })
                .is_ok()
            })
            .unwrap_or(false);
        if !sent {
            return Err(EngineError::Store("the writer has stopped".into()));
        }
        match answer.await {
            Ok(Ok(counted)) => Ok(counted),
            Ok(Err(reason)) => Err(EngineError::Store(reason)),
            Err(_) => Err(EngineError::Store("the writer has stopped".into())),
        }
    }

    /// Uncapped uses counted in memory and not yet written.
    pub fn pending_uses(&self) -> u64 {
        self.pending
            .lock()
            .map(|p| p.values().map(|(n, _)| n).sum())
            .unwrap_or(0)
    }

    /// Forgets every cached key state (after a change by another process).
    fn invalidate_all(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        if let Some(cache) = &self.cache {
            cache.clear();
        }
    }

    /// Stops the poller, writes the pending uses and stops the writer. Returns how many
    /// uses the last flush wrote.
    pub async fn shutdown(&self) -> u64 {
        self.stop_poll.store(true, Ordering::Release);
        let (reply, done) = oneshot::channel();
        let sent = self
            .writer
            .lock()
            .map(|w| w.send(WriterMsg::Shutdown(reply)).is_ok())
            .unwrap_or(false);
        if sent { done.await.unwrap_or(0) } else { 0 }
    }
}

impl Drop for Engine {
    /// Closes the pooled read connections on a thread of their own: the last reference
    /// may go on an async worker, where a PostgreSQL connection cannot be closed.
    fn drop(&mut self) {
        let readers = self
            .readers
            .get_mut()
            .map(std::mem::take)
            .unwrap_or_default();
        if !readers.is_empty() {
            let _ = std::thread::spawn(move || drop(readers)).join();
        }
    }
}

/// Watches for changes by other processes; holds only a weak reference so the engine
/// can be dropped.
fn poll_loop(
    mut store: Store,
    mut head: (i64, String),
    engine: &std::sync::Weak<Engine>,
    stop: &AtomicBool,
) {
    let mut version = store.data_version().unwrap_or(-1);
    let mut next_sweep = Instant::now() + SWEEP_INTERVAL;
    while !stop.load(Ordering::Acquire) {
        std::thread::sleep(POLL_INTERVAL);
        let Some(engine) = engine.upgrade() else {
            return;
        };
        if Instant::now() >= next_sweep {
            engine.limiter.sweep();
            next_sweep = Instant::now() + SWEEP_INTERVAL;
        }
        let now = match store.data_version() {
            Ok(v) => v,
            Err(e) => {
                tracing::warn!(error = %e, "cannot poll the store for changes; clearing the cache");
                engine.invalidate_all();
                continue;
            }
        };
        if now == version {
            continue;
        }
        version = now;
        let changed = store.read(|tx| {
            let new_head = tx.audit_head()?;
            if new_head == head || !tx.verification_changed_since(&head)? {
                return Ok((new_head, None));
            }
            Ok((new_head, Some(tx.has_imported_keys()?)))
        });
        match changed {
            Ok((new_head, Some(imported))) => {
                engine.has_imported.store(imported, Ordering::Release);
                engine.invalidate_all();
                tracing::debug!(audit_seq = new_head.0, "store changed; cache cleared");
                head = new_head;
            }
            Ok((new_head, None)) => head = new_head,
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the store's audit head; clearing the cache");
                engine.invalidate_all();
            }
        }
    }
}

/// The writer thread: counts capped uses exactly, flushes uncapped ones.
fn writer_loop(
    mut store: Store,
    rx: &mpsc::Receiver<WriterMsg>,
    pending: &Mutex<Pending>,
    metrics: &Metrics,
) {
    let mut next_flush = Instant::now() + FLUSH_INTERVAL;
    loop {
        let wait = next_flush.saturating_duration_since(Instant::now());
        match rx.recv_timeout(wait) {
            Ok(WriterMsg::Capped { id, at, reply }) => {
                let mut batch = vec![(id, at, reply)];
                let mut shutdown = None;
                while batch.len() < CAPPED_BATCH {
                    match rx.try_recv() {
                        Ok(WriterMsg::Capped { id, at, reply }) => batch.push((id, at, reply)),
                        Ok(WriterMsg::Shutdown(reply)) => {
                            shutdown = Some(reply);
                            break;
                        }
                        Err(_) => break,
                    }
                }
                count_capped(&mut store, batch);
                if let Some(reply) = shutdown {
                    let _ = reply.send(final_flush(&mut store, pending, metrics));
                    return;
                }
            }
            Ok(WriterMsg::Shutdown(reply)) => {
                let _ = reply.send(final_flush(&mut store, pending, metrics));
                return;
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                final_flush(&mut store, pending, metrics);
                return;
            }
        }
        if Instant::now() >= next_flush {
            flush(&mut store, pending, metrics, Some(FLUSH_WAIT));
            next_flush = Instant::now() + FLUSH_INTERVAL;
        }
    }
}

type CappedBatch = Vec<(
    String,
    Timestamp,
    oneshot::Sender<std::result::Result<bool, String>>,
)>;

/// Counts a batch of capped uses in one transaction; each answer waits for the commit.
/// A use whose request has stopped waiting (it ran out of `--request-timeout` while
/// the write lock was held elsewhere, and was refused) is not counted: the check runs
/// once the lock is taken, so only a request that gives up in the instant between the
/// check and the commit can leave a use counted for a refusal, never the reverse.
fn count_capped(store: &mut Store, batch: CappedBatch) {
    let result = store.write(|tx| {
        batch
            .iter()
            .map(|(id, at, reply)| {
                if reply.is_closed() {
                    Ok(false)
                } else {
                    tx.record_capped_use(id, *at)
                }
            })
            .collect::<Result<Vec<bool>>>()
    });
    match result {
        Ok(counted) => {
            for ((_, _, reply), counted) in batch.into_iter().zip(counted) {
                let _ = reply.send(Ok(counted));
            }
        }
        Err(e) => {
            tracing::error!(error = %e, "capped uses not counted; refusing them");
            for (_, _, reply) in batch {
                let _ = reply.send(Err(e.to_string()));
            }
        }
    }
}

fn final_flush(store: &mut Store, pending: &Mutex<Pending>, metrics: &Metrics) -> u64 {
    flush(store, pending, metrics, None)
}

/// Writes the pending uncapped uses in one transaction; on failure they are put back to
/// be tried again. `wait` bounds the wait for another process's write lock (`None`: the
/// store's busy timeout). Returns the number of uses written.
fn flush(
    store: &mut Store,
    pending: &Mutex<Pending>,
    metrics: &Metrics,
    wait: Option<Duration>,
) -> u64 {
    let taken = match pending.lock() {
        Ok(mut p) if !p.is_empty() => std::mem::take(&mut *p),
        _ => return 0,
    };
    let uses: Vec<(&str, u64, Timestamp)> = taken
        .iter()
        .map(|(id, (n, at))| (id.as_str(), *n, *at))
        .collect();
    let total: u64 = uses.iter().map(|(_, n, _)| n).sum();
    let result = match wait {
        Some(wait) => store.write_within(wait, |tx| tx.record_uses(&uses)),
        None => store.write(|tx| tx.record_uses(&uses)),
    };
    match result {
        Ok(()) => total,
        Err(e) => {
            metrics.flush_errors.fetch_add(1, Ordering::Relaxed);
            tracing::warn!(error = %e, uses = total, "usage flush failed; will retry");
            if let Ok(mut p) = pending.lock() {
                for (id, (n, at)) in taken {
                    let entry = p.entry(id).or_insert((0, at));
                    entry.0 += n;
                    entry.1 = entry.1.max(at);
                }
            }
            0
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    #![allow(clippy::unwrap_used)]
    use std::collections::BTreeMap;

    use apikey_core::model::{ApiKey, KeyStatus};

    use super::*;

    /// A stored key's state: an active, uncapped key of `bpjs-sync` whose one role
    /// grants `permissions` permissions.
    pub(crate) fn key_state(permissions: usize) -> KeyState {
        let key = ApiKey {
            id: "k0000000000a".into(),
            client: "bpjs-sync".into(),
            label: String::new(),
            prefix: "ak".into(),
            hint: "ak_abcd".into(),
            status: KeyStatus::Active,
            created_at: Timestamp::UNIX_EPOCH,
            expires_at: None,
            revoked_at: None,
            revoked_reason: None,
            disabled: false,
            use_count: 0,
            max_uses: None,
            last_used_at: None,
            allowed_ips: Vec::new(),
            metadata: BTreeMap::new(),
            rotated_from: None,
            imported: false,
            rate_limit: None,
        };
        let names: Vec<String> = (0..permissions).map(|i| format!("res{i}:read")).collect();
        KeyState {
            key,
            client_row: 1,
            client_id: "c0000000000a".into(),
            client_disabled: false,
            roles: vec!["reader".into()],
            grants: names.clone(),
            permissions: names,
            allowed: Vec::new(),
        }
    }

    fn found(permissions: usize) -> Arc<Cached> {
        let state = key_state(permissions);
        Arc::new(Cached::new(0, Lookup::Found(Box::new(state))))
    }

    #[test]
    fn entries_weigh_what_they_hold_and_the_cache_keeps_to_its_bytes() {
        let small = found(1).weight;
        let large = found(50).weight;
        assert!(small > 500, "{small}");
        // Each permission is in the grants and the permissions: two strings of ~10 bytes.
        assert!(large >= small + 49 * 2 * 40, "{small} {large}");
        assert!(Cached::new(0, Lookup::NotFound).weight < small);
        assert!(small >= SMALLEST_ENTRY, "{small}");

        let budget = 100 * small;
        let cache = quick_cache::sync::Cache::with_weighter(100, budget, ByWeight);
        let entry = found(1);
        for i in 0..1000u32 {
            let mut hash = [0; 32];
            hash[..4].copy_from_slice(&u32::to_le_bytes(i));
            cache.insert(hash, entry.clone());
        }
        assert!(cache.weight() <= budget, "{}", cache.weight());
        assert!(cache.len() <= 100 && !cache.is_empty(), "{}", cache.len());
    }
}
