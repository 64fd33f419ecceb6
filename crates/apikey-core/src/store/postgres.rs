//! The PostgreSQL engine: one database shared by many machines (`docs/many-machines.md`).
//!
//! Connections come from libpq-style URLs (`postgres://user@host:port/db?sslmode=require`)
//! with the synchronous `postgres` crate. A password comes from the URL, `PGPASSWORD` or
//! the password file (`~/.pgpass`, as libpq reads it) and is never shown: locations are
//! displayed by [`redact`]. Write transactions take one advisory lock, so that the audit
//! chain grows one event at a time as it does under SQLite's single writer; an insert
//! into `audit_events` notifies the channel `apikey_changes`, which `apikey serve` nodes
//! listen on ([`Postgres::data_version`]).

use std::cell::{RefCell, RefMut};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::ScopedJoinHandle;
use std::time::{Duration, Instant};

use postgres::binary_copy::BinaryCopyInWriter;
use postgres::config::{Host, SslMode};
use postgres::types::{ToSql, Type};
use postgres::{Client, Config, IsolationLevel, NoTls, Statement, Transaction};

use super::sql::{Arg, Param, Row, numbered_placeholders};
use super::{Access, SCHEMA_VERSION, TableRows};
use crate::error::{Error, Result};

/// Migrations as (schema version reached, SQL). PostgreSQL stores begin at version 5.
const MIGRATIONS: &[(i64, &str)] = &[(5, include_str!("migrations/postgres/0005_schema.sql"))];

/// The advisory lock a write transaction holds: the ASCII of "apikey".
const WRITE_LOCK: i64 = 0x6170_696b_6579;

/// Longest wait to learn whether a COMMIT whose answer was lost took effect
/// ([`Postgres::commit_outcome`]).
const OUTCOME_WAIT: Duration = Duration::from_secs(10);

/// Rows fetched per round trip while a query's rows are walked one at a time.
const FETCH_ROWS: i32 = 500;

/// The `postgres://` or `postgresql://` URL a store path is, if it is one.
pub(super) fn url_of(path: &Path) -> Option<&str> {
    let text = path.to_str()?;
    (text.starts_with("postgres://") || text.starts_with("postgresql://")).then_some(text)
}

/// `url` without its password (in the user part or a `password=` parameter), for
/// messages and logs.
pub(crate) fn redact(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("postgres", url));
    let (main, query) = match rest.split_once('?') {
        Some((main, query)) => (main, Some(query)),
        None => (rest, None),
    };
    let (authority, path) = match main.find('/') {
        Some(at) => main.split_at(at),
        None => (main, ""),
    };
    let authority = match authority.rsplit_once('@') {
        Some((user, host)) => {
            let user = user.split(':').next().unwrap_or_default();
            format!("{user}@{host}")
        }
        None => authority.to_owned(),
    };
    let query = query.map(|q| {
        q.split('&')
            .filter(|pair| !pair.to_ascii_lowercase().starts_with("password="))
            .collect::<Vec<_>>()
            .join("&")
    });
    match query.filter(|q| !q.is_empty()) {
        Some(q) => format!("{scheme}://{authority}{path}?{q}"),
        None => format!("{scheme}://{authority}{path}"),
    }
}

/// An open PostgreSQL store.
pub(super) struct Postgres {
    client: Client,
    /// Prepared statements by their SQL as written (with `?N`).
    statements: HashMap<String, Statement>,
    config: Config,
    /// The PEM file of the CAs to trust for TLS (`sslrootcert`), else the platform's.
    roots: Option<PathBuf>,
    location: String,
    read_only: bool,
    listening: bool,
    /// Notifications seen (and reconnections, after which some may have been missed).
    notified: i64,
    opened: Instant,
    /// The database had no apikey schema: each transaction makes it until one commits.
    created: bool,
}

impl Postgres {
    /// Connects to the database at `url` and checks, creates or migrates its schema;
    /// see [`super::Store::open`].
    pub(super) fn open(url: &str, access: Access) -> Result<Postgres> {
        let location = redact(url);
        let (mut config, roots) = parse_url(url, &location)?;
        complete_config(&mut config);
        let client = connect(&config, roots.as_deref(), &location)?;
        let mut db = Postgres {
            client,
            statements: HashMap::new(),
            config,
            roots,
            location,
            read_only: access == Access::ReadOnly,
            listening: false,
            notified: 0,
            opened: Instant::now(),
            created: false,
        };
        db.prepare(access)?;
        Ok(db)
    }

    /// Whether this open created the schema.
    pub(super) fn is_new(&self) -> bool {
        self.created
    }

    /// The URL without its password.
    pub(super) fn location(&self) -> &str {
        &self.location
    }

    /// Refuses foreign or newer databases, and creates or migrates the schema.
    fn prepare(&mut self, access: Access) -> Result<()> {
        let (version, tables) = schema_state(&mut self.client)?;
        if version > SCHEMA_VERSION {
            return Err(self.unusable(&format!(
                "its schema version {version} is newer than this apikey understands ({SCHEMA_VERSION}); upgrade apikey (the store was not modified)"
            )));
        }
        if version == 0 && tables > 0 {
            return Err(self.unusable(
                "it is a PostgreSQL database but not an apikey store (it has tables of its own); choose another store: give apikey a database of its own (CREATE DATABASE apikey)",
            ));
        }
        if version == 0 && access != Access::Create {
            return Err(Error::NoStore {
                path: self.location.clone().into(),
                empty: true,
            });
        }
        if access == Access::ReadOnly {
            if version < SCHEMA_VERSION {
                return Err(self.unusable(&format!(
                    "its schema version {version} is older than this apikey's ({SCHEMA_VERSION}) and it is open read-only; any write command upgrades it"
                )));
            }
            self.client
                .batch_execute("SET default_transaction_read_only = on")?;
            return Ok(());
        }
        if version == 0 {
            // A new store is created by its first commit, as an SQLite one is: the
            // schema is made inside each transaction until one commits, so a command
            // that fails leaves the database as it was.
            self.created = true;
        } else if version < SCHEMA_VERSION {
            let mut tx = self.client.transaction()?;
            migrate(&mut tx, &self.location)?;
            tx.commit()?;
        }
        Ok(())
    }

    /// The schema was committed (see `created`).
    pub(super) fn committed(&mut self) {
        self.created = false;
    }

    fn unusable(&self, reason: &str) -> Error {
        self_unusable(&self.location, reason)
    }

    /// Reconnects if the connection was lost (the server restarted, the network
    /// dropped): a node recovers by itself when the database returns.
    fn ensure_connected(&mut self) -> Result<()> {
        if !self.client.is_closed() {
            return Ok(());
        }
        self.client = connect(&self.config, self.roots.as_deref(), &self.location)?;
        self.statements.clear();
        self.listening = false;
        // Changes made while disconnected were not notified.
        self.notified += 1;
        if self.read_only {
            self.client
                .batch_execute("SET default_transaction_read_only = on")?;
        }
        Ok(())
    }

    /// Starts a transaction: a write one (holding the write lock, waiting up to `write`
    /// for it) or a repeatable-read snapshot. Its bulk inserts run on threads of `scope`
    /// (see [`PgTx::copy_in_background`]).
    pub(super) fn begin<'s>(
        &'s mut self,
        write: Option<Duration>,
        scope: &'s dyn Spawner<'s>,
    ) -> Result<PgTx<'s>> {
        self.ensure_connected()?;
        let Postgres {
            client,
            statements,
            created,
            location,
            ..
        } = self;
        let mut tx = match write {
            Some(_) => client.transaction()?,
            None => client
                .build_transaction()
                .isolation_level(IsolationLevel::RepeatableRead)
                .start()?,
        };
        if let Some(wait) = write {
            take_write_lock(&mut tx, wait)?;
        }
        if *created {
            // Statements prepared against another transaction's schema are gone with it.
            statements.clear();
            migrate(&mut tx, location)?;
        }
        Ok(PgTx {
            tx: RefCell::new(Some(tx)),
            copying: RefCell::new(None),
            scope,
            statements: RefCell::new(statements),
        })
    }

    /// After a COMMIT that failed: whether it took effect. When the server answered, it
    /// refused, and nothing was saved. When the answer was lost with the connection, the
    /// change may have been saved, and a command must report neither a failure for a
    /// saved change (a new key live while its secret is dropped) nor a success for a
    /// lost one. The transaction's last audit event, `last_event` (seq, hash), tells:
    /// once the old session has ended (the write lock is free again), that event is in
    /// the log exactly when the transaction committed.
    ///
    /// # Errors
    /// `error` when the server refused the commit; [`Error::UnusableStore`] saying that
    /// nothing was changed, or that the outcome is unknown (the database did not answer
    /// within [`OUTCOME_WAIT`], or the transaction wrote no audit event).
    pub(super) fn commit_outcome(
        &mut self,
        error: Error,
        last_event: Option<(i64, String)>,
    ) -> Result<()> {
        if !self.client.is_closed() {
            return Err(error);
        }
        let unknown = |location: &str, why: &str| {
            self_unusable(
                location,
                &format!(
                    "the connection was lost while committing ({error}) and {why}, so whether the change was saved is unknown; look at 'apikey audit list' before running the command again"
                ),
            )
        };
        let Some((seq, hash)) = last_event else {
            return Err(unknown(&self.location, "the change wrote no audit event"));
        };
        let deadline = Instant::now() + OUTCOME_WAIT;
        let saved = loop {
            match self.event_saved(seq, &hash, deadline) {
                Ok(saved) => break saved,
                Err(_) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(200));
                }
                Err(e) => {
                    let why = format!("the database could not tell within {OUTCOME_WAIT:?} ({e})");
                    return Err(unknown(&self.location, &why));
                }
            }
        };
        if saved {
            return Ok(());
        }
        Err(self_unusable(
            &self.location,
            &format!(
                "the connection was lost before the change was committed ({error}); nothing was changed: run the command again"
            ),
        ))
    }

    /// Whether audit event `seq` is in the log with `hash`, asked once the write lock is
    /// free (waiting until `deadline` for it).
    fn event_saved(&mut self, seq: i64, hash: &str, deadline: Instant) -> Result<bool> {
        self.ensure_connected()?;
        let mut tx = self.client.transaction()?;
        take_write_lock(&mut tx, deadline.saturating_duration_since(Instant::now()))?;
        // The lost transaction may have been the one that made the schema.
        let made: bool = tx
            .query_one("SELECT to_regclass('audit_events') IS NOT NULL", &[])?
            .get(0);
        if !made {
            return Ok(false);
        }
        let row = tx.query_opt("SELECT hash FROM audit_events WHERE seq = $1", &[&seq])?;
        Ok(row.is_some_and(|r| r.get::<_, &str>(0) == hash))
    }

    /// See [`super::Store::data_version`]: notifications received on `apikey_changes`,
    /// and a tick each second.
    pub(super) fn data_version(&mut self) -> Result<i64> {
        self.ensure_connected()?;
        if !self.listening {
            self.client.batch_execute("LISTEN apikey_changes")?;
            self.listening = true;
            self.notified += 1;
        }
        {
            // A short wait, not `iter()`: the client's runtime reads the socket only
            // while something blocks on it.
            let mut notifications = self.client.notifications();
            let mut pending = notifications.timeout_iter(Duration::from_millis(2));
            while fallible_next(&mut pending)?.is_some() {
                self.notified += 1;
            }
        }
        if self.client.is_closed() {
            return Err(self_unusable(
                &self.location,
                "the connection to the database was lost",
            ));
        }
        let seconds = i64::try_from(self.opened.elapsed().as_secs()).unwrap_or(i64::MAX);
        Ok(self.notified.wrapping_mul(1 << 32).wrapping_add(seconds))
    }
}

/// Brings the schema to [`SCHEMA_VERSION`] in `tx`, holding the write lock: another
/// process may have done it meanwhile.
fn migrate(tx: &mut Transaction<'_>, location: &str) -> Result<()> {
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])?;
    let (version, tables) = schema_state(tx)?;
    if version == 0 && tables > 0 {
        return Err(self_unusable(
            location,
            "the database changed while opening: it is not an apikey store",
        ));
    }
    for (reached, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > version) {
        tx.batch_execute(sql)?;
        tx.execute("DELETE FROM apikey_schema", &[])?;
        tx.execute(
            "INSERT INTO apikey_schema (version) VALUES ($1)",
            &[reached],
        )?;
    }
    Ok(())
}

/// `Iterator::next` for the `postgres` crate's fallible iterators.
fn fallible_next<I: postgres::fallible_iterator::FallibleIterator<Error = postgres::Error>>(
    iter: &mut I,
) -> Result<Option<I::Item>> {
    Ok(iter.next()?)
}

/// (schema version, tables in the current schema) of a database; version 0 when there is
/// no apikey schema.
fn schema_state(client: &mut impl postgres::GenericClient) -> Result<(i64, i64)> {
    let row = client.query_one(
        "SELECT to_regclass('apikey_schema') IS NOT NULL,
                (SELECT count(*) FROM pg_tables WHERE schemaname = current_schema())",
        &[],
    )?;
    let tables: i64 = row.get(1);
    if !row.get::<_, bool>(0) {
        return Ok((0, tables));
    }
    let version: Option<i64> = client
        .query_one("SELECT max(version) FROM apikey_schema", &[])?
        .get(0);
    Ok((version.unwrap_or(0), tables))
}

fn self_unusable(location: &str, reason: &str) -> Error {
    Error::UnusableStore {
        path: Some(location.into()),
        reason: reason.to_owned(),
    }
}

fn unreachable(location: &str, e: &postgres::Error) -> Error {
    self_unusable(
        location,
        &format!(
            "cannot connect ({}); check that the server runs, that the URL names it, and the user's password (URL, PGPASSWORD or ~/.pgpass)",
            crate::error::postgres_message(e)
        ),
    )
}

/// Fills in what libpq would: the user (`PGUSER`, else the login name), the password
/// (`PGPASSWORD`, else the password file), a connect timeout and the application name.
fn complete_config(config: &mut Config) {
    if config.get_user().is_none() {
        let user = std::env::var("PGUSER")
            .or_else(|_| std::env::var("USER"))
            .unwrap_or_else(|_| "postgres".to_owned());
        config.user(&user);
    }
    if config.get_password().is_none() {
        if let Some(password) = std::env::var_os("PGPASSWORD").filter(|p| !p.is_empty()) {
            config.password(password.as_encoded_bytes());
        } else if let Some(password) = password_file_entry(config) {
            config.password(password);
        }
    }
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(Duration::from_secs(10));
    }
    if config.get_application_name().is_none() {
        config.application_name("apikey");
    }
}

/// The password for this connection in the password file (`PGPASSFILE`, else
/// `~/.pgpass`), read as libpq does: lines of `host:port:database:user:password`, `*`
/// matching anything, `\` escaping `:` and `\`, `#` starting a comment, `localhost`
/// matching a Unix socket; the file is ignored unless only its owner can read it.
fn password_file_entry(config: &Config) -> Option<String> {
    let path = std::env::var_os("PGPASSFILE")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".pgpass")))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).ok()?.permissions().mode();
        if mode & 0o077 != 0 {
            return None;
        }
    }
    let text = std::fs::read_to_string(&path).ok()?;
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(host)) => host.clone(),
        Some(Host::Unix(_)) | None => "localhost".to_owned(),
    };
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let user = config.get_user().unwrap_or_default();
    let database = config.get_dbname().unwrap_or(user);
    let wanted = [host.as_str(), port.as_str(), database, user];
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .find_map(|line| {
            let fields = pgpass_fields(line);
            if fields.len() < 5 {
                return None;
            }
            let matches = wanted
                .iter()
                .zip(&fields)
                .all(|(want, field)| field == "*" || field == want);
            matches.then(|| fields[4].clone())
        })
}

/// The `:`-separated fields of a password-file line, with `\:` and `\\` unescaped.
fn pgpass_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    fields.last_mut().expect("one field").push(next);
                }
            }
            // The password is the rest of the line, colons included.
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => fields.last_mut().expect("one field").push(c),
        }
    }
    fields
}

/// Parses a store URL, reading what the `postgres` crate does not as libpq does:
/// `sslmode=verify-ca` and `verify-full` are taken as `require`, which always checks the
/// server's certificate and host name (so `verify-ca` is checked as strictly as
/// `verify-full`), and `sslrootcert=FILE` names a PEM file of the CAs to trust instead of
/// the platform's (`sslrootcert=system`: the platform's). Returns the configuration and
/// that file.
///
/// # Errors
/// [`Error::Invalid`] naming what does not parse.
fn parse_url(url: &str, location: &str) -> Result<(Config, Option<PathBuf>)> {
    let invalid = |why: String| {
        Error::invalid(format!(
            "store URL {location} does not parse ({why}); write it as postgres://USER@HOST:PORT/DATABASE?sslmode=require"
        ))
    };
    let (main, query) = url.split_once('?').unwrap_or((url, ""));
    let mut roots = None;
    let mut kept = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "sslrootcert" => {
                let path = percent_encoding::percent_decode_str(value)
                    .decode_utf8()
                    .map_err(|_| invalid("sslrootcert is not UTF-8".into()))?;
                roots = (path != "system").then(|| PathBuf::from(path.as_ref()));
            }
            "sslmode" if value == "verify-ca" || value == "verify-full" => {
                kept.push("sslmode=require");
            }
            _ => kept.push(pair),
        }
    }
    let url = if kept.is_empty() {
        main.to_owned()
    } else {
        format!("{main}?{}", kept.join("&"))
    };
    let config: Config = url.parse().map_err(|e: postgres::Error| {
        invalid(match std::error::Error::source(&e) {
            Some(cause) => format!("{e}: {cause}"),
            None => e.to_string(),
        })
    })?;
    if roots.is_some() && !matches!(config.get_ssl_mode(), SslMode::Require) {
        return Err(invalid(
            "sslrootcert is given but not sslmode=require or verify-full, so the connection would not use it".into(),
        ));
    }
    Ok((config, roots))
}

/// Connects over TLS (rustls, checking the server's certificate against `roots` or the
/// platform's root certificates, and its host name) when the URL says `sslmode=require`
/// (or `verify-full`), else over plain TCP or a Unix socket. Under libpq's default,
/// `prefer`, rustls would refuse a server's self-signed certificate instead of falling
/// back, so TLS is only what is asked for.
fn connect(config: &Config, roots: Option<&Path>, location: &str) -> Result<Client> {
    let connected = if matches!(config.get_ssl_mode(), SslMode::Require) {
        config.connect(tls_connector(roots, location)?)
    } else {
        config.connect(NoTls)
    };
    connected.map_err(|e| unreachable(location, &e))
}

fn tls_connector(
    file: Option<&Path>,
    location: &str,
) -> Result<tokio_postgres_rustls::MakeRustlsConnect> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let mut roots = rustls::RootCertStore::empty();
    match file {
        Some(file) => {
            let unusable = |why: String| {
                self_unusable(
                    location,
                    &format!(
                        "cannot read the CA certificates in sslrootcert {} ({why}); give a PEM file of the certificates that signed the server's",
                        file.display()
                    ),
                )
            };
            let certs = CertificateDer::pem_file_iter(file)
                .map_err(|e| unusable(e.to_string()))?
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(|e| unusable(e.to_string()))?;
            let (added, _) = roots.add_parsable_certificates(certs);
            if added == 0 {
                return Err(unusable("it holds no certificate".into()));
            }
        }
        None => {
            for cert in rustls_native_certs::load_native_certs().certs {
                let _ = roots.add(cert);
            }
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| self_unusable(location, &format!("cannot set up TLS: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

/// A transaction on a PostgreSQL store.
pub(crate) struct PgTx<'c> {
    /// The transaction; `None` while a background copy holds it.
    tx: RefCell<Option<Transaction<'c>>>,
    /// The background copy under way: its thread, and where it leaves the transaction.
    copying: RefCell<Option<(ScopedJoinHandle<'c, Result<()>>, Slot<'c>)>>,
    scope: &'c dyn Spawner<'c>,
    statements: RefCell<&'c mut HashMap<String, Statement>>,
}

/// What a background copy is handed: the transaction (back in the slot once the copy
/// ends), and the rows with their columns' types.
struct Handoff<'c> {
    tx: Option<Transaction<'c>>,
    batches: Vec<TableRows>,
    types: Vec<Vec<Type>>,
}

/// A [`Handoff`], shared by a transaction and its background copy.
type Slot<'c> = Arc<Mutex<Handoff<'c>>>;

impl Handoff<'_> {
    fn copy(&mut self) -> Result<()> {
        let tx = self.tx.as_mut().ok_or_else(lost)?;
        self.batches
            .iter()
            .zip(&self.types)
            .try_for_each(|((table, columns, rows), types)| {
                copy_rows(tx, table, columns, types, rows)
            })
    }
}

/// Where a transaction starts its background copies: [`std::thread::Scope`], whose
/// second lifetime (the environment's) this trait object leaves out of [`PgTx`].
pub(crate) trait Spawner<'s> {
    /// Runs `job` on a new thread of the scope.
    ///
    /// # Errors
    /// The OS would not start a thread (`job` is then dropped unrun).
    fn spawn_copy(
        &'s self,
        job: Box<dyn FnOnce() -> Result<()> + Send + 's>,
    ) -> std::io::Result<ScopedJoinHandle<'s, Result<()>>>;
}

impl<'s> Spawner<'s> for std::thread::Scope<'s, '_> {
    fn spawn_copy(
        &'s self,
        job: Box<dyn FnOnce() -> Result<()> + Send + 's>,
    ) -> std::io::Result<ScopedJoinHandle<'s, Result<()>>> {
        std::thread::Builder::new()
            .name("apikey-copy".into())
            .spawn_scoped(self, job)
    }
}

impl<'c> PgTx<'c> {
    /// Waits for the background copy under way, if any, and takes the transaction back.
    ///
    /// # Errors
    /// That copy's failure: the transaction is then aborted, and the command fails.
    pub(super) fn settle(&self) -> Result<()> {
        let Some((copy, slot)) = self.copying.borrow_mut().take() else {
            return Ok(());
        };
        let copied = copy.join().map_err(|_| Error::Internal {
            what: "a background copy into the store panicked",
            detail: String::new(),
        })?;
        *self.tx.borrow_mut() = slot.lock().ok().and_then(|mut handoff| handoff.tx.take());
        copied
    }

    /// The transaction, once no background copy holds it.
    fn tx(&self) -> Result<RefMut<'_, Transaction<'c>>> {
        self.settle()?;
        RefMut::filter_map(self.tx.borrow_mut(), Option::as_mut).map_err(|_| lost())
    }

    /// The transaction itself, once no background copy holds it.
    fn take_tx(&self) -> Result<Transaction<'c>> {
        self.settle()?;
        self.tx.borrow_mut().take().ok_or_else(lost)
    }

    /// Inserts each table's rows, in order, with one binary `COPY` per table (see
    /// [`PgTx::copy_in`]) on a thread of its own, and returns at once: the caller makes
    /// the next rows while PostgreSQL takes these in, where the two used to wait for each
    /// other (bulk `apply` of 100,000 keys went from 26,000–28,000 to 30,000–34,000
    /// keys/s in alternating runs). The next statement waits for the copy to end, and
    /// fails if it failed; so does the commit. Where no thread can be started, the rows
    /// go in before this returns.
    pub(super) fn copy_in_background(&self, batches: Vec<TableRows>) -> Result<()> {
        let mut types = Vec::with_capacity(batches.len());
        for (table, columns, _) in &batches {
            types.push(self.column_types(table, columns)?);
        }
        let slot: Slot<'c> = Arc::new(Mutex::new(Handoff {
            tx: Some(self.take_tx()?),
            batches,
            types,
        }));
        let shared = slot.clone();
        let job = Box::new(move || shared.lock().map_err(|_| lost())?.copy());
        if let Ok(copy) = self.scope.spawn_copy(job) {
            *self.copying.borrow_mut() = Some((copy, slot));
            return Ok(());
        }
        // No thread: the job never ran, and the copy happens here.
        let mut handoff = slot.lock().map_err(|_| lost())?;
        let copied = handoff.copy();
        *self.tx.borrow_mut() = handoff.tx.take();
        copied
    }

    /// The prepared statement for `sql`, prepared on first use. PostgreSQL infers each
    /// parameter's type from where it appears (the shared statements `CAST` those it
    /// could not); one the statement does not use is given its first argument's type.
    fn statement(&self, sql: &str, args: &[Arg<'_>]) -> Result<Statement> {
        if let Some(statement) = self.statements.borrow().get(sql) {
            return Ok(statement.clone());
        }
        let (text, used) = numbered_placeholders(sql);
        // A parameter the statement does not use (one shared with SQLite, which does not
        // mind) is typed by its argument: PostgreSQL cannot infer it.
        let types: Vec<Type> = args
            .iter()
            .enumerate()
            .map(|(index, arg)| match arg {
                _ if used.contains(&(index + 1)) => Type::UNKNOWN,
                Arg::Int(_) => Type::INT8,
                Arg::Text(_) | Arg::Null => Type::TEXT,
            })
            .collect();
        let statement = self.tx()?.prepare_typed(&text, &types)?;
        self.statements
            .borrow_mut()
            .insert(sql.to_owned(), statement.clone());
        Ok(statement)
    }

    pub(super) fn exec(&self, sql: &str, args: &[Arg<'_>]) -> Result<u64> {
        let statement = self.statement(sql, args)?;
        Ok(self.tx()?.execute(&statement, &refs(args))?)
    }

    /// Every row, in one round trip.
    pub(super) fn query(&self, sql: &str, args: &[Arg<'_>]) -> Result<Vec<Row>> {
        let statement = self.statement(sql, args)?;
        let rows = self.tx()?.query(&statement, &refs(args))?;
        Ok(rows
            .iter()
            .map(Row::from_postgres)
            .collect::<std::result::Result<_, _>>()?)
    }

    /// Walks the rows [`FETCH_ROWS`] at a time (through a portal), so a query over every
    /// key never holds them all; `f` may run other statements meanwhile.
    pub(super) fn query_each(
        &self,
        sql: &str,
        args: &[Arg<'_>],
        mut f: impl FnMut(Row) -> Result<bool>,
    ) -> Result<()> {
        let statement = self.statement(sql, args)?;
        let portal = self.tx()?.bind(&statement, &refs(args))?;
        loop {
            let rows = self.tx()?.query_portal(&portal, FETCH_ROWS)?;
            for row in &rows {
                if !f(Row::from_postgres(row)?)? {
                    return Ok(());
                }
            }
            if rows.len() < FETCH_ROWS as usize {
                return Ok(());
            }
        }
    }

    /// Inserts `rows` into `table` with one binary `COPY … FROM STDIN`, which spares
    /// PostgreSQL the parsing, planning and binding of a multi-row `INSERT` (bulk `apply`
    /// went from about 19,000 to 25,000 keys/s). Every row must hold one value per column
    /// of `columns`, in order.
    pub(super) fn copy_in<R: std::borrow::Borrow<Row>>(
        &self,
        table: &str,
        columns: &str,
        rows: &[R],
    ) -> Result<()> {
        let types = self.column_types(table, columns)?;
        copy_rows(&mut *self.tx()?, table, columns, &types, rows)
    }

    /// The types of `table`'s `columns`, from a statement prepared once per table.
    fn column_types(&self, table: &str, columns: &str) -> Result<Vec<Type>> {
        let probe = self.statement(&format!("SELECT {columns} FROM {table} LIMIT 0"), &[])?;
        Ok(probe.columns().iter().map(|c| c.type_().clone()).collect())
    }

    pub(super) fn commit(self) -> Result<()> {
        self.take_tx()?.commit()?;
        Ok(())
    }

    /// Moves the identity sequences past ids inserted explicitly (a copy).
    pub(super) fn after_copy(&self) -> Result<()> {
        for table in ["clients", "permissions", "roles", "users"] {
            self.tx()?.batch_execute(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'),
                               coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"
            ))?;
        }
        Ok(())
    }
}

/// Takes the store's write lock for the rest of `tx`, waiting at most `wait` for it.
fn take_write_lock(tx: &mut Transaction<'_>, wait: Duration) -> Result<()> {
    tx.batch_execute(&format!(
        "SET LOCAL lock_timeout = {}",
        wait.as_millis().clamp(1, i32::MAX as u128)
    ))?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])?;
    Ok(())
}

/// A transaction lost with a background copy that panicked.
fn lost() -> Error {
    Error::Internal {
        what: "the transaction ended with a failed background copy",
        detail: String::new(),
    }
}

/// Writes `rows` into `table` with one binary `COPY … FROM STDIN`; `types` are the
/// columns' types, in order, and every row holds one value per column.
fn copy_rows<R: std::borrow::Borrow<Row>>(
    tx: &mut Transaction<'_>,
    table: &str,
    columns: &str,
    types: &[Type],
    rows: &[R],
) -> Result<()> {
    let copy = tx.copy_in(&format!(
        "COPY {table} ({columns}) FROM STDIN (FORMAT binary)"
    ))?;
    let mut writer = BinaryCopyInWriter::new(copy, types);
    for row in rows {
        let values = &row.borrow().0;
        if values.len() != types.len() {
            // Dropping the writer unfinished aborts the COPY, and with it the transaction.
            return Err(Error::from(crate::error::DbError::Decode(format!(
                "a row of {table} has {} values for {} columns",
                values.len(),
                types.len()
            ))));
        }
        let args: Vec<Arg<'_>> = values.iter().map(|v| v.arg()).collect();
        writer.write(&refs(&args))?;
    }
    writer.finish()?;
    Ok(())
}

fn refs<'a>(args: &'a [Arg<'_>]) -> Vec<&'a (dyn ToSql + Sync)> {
    args.iter().map(|a| a as &(dyn ToSql + Sync)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_never_show_a_password() {
        assert_eq!(
            redact("postgres://apikey:s3cret@db.internal:5432/apikey?sslmode=require&password=x"),
            "postgres://apikey@db.internal:5432/apikey?sslmode=require"
        );
        assert_eq!(redact("postgresql://h/db"), "postgresql://h/db");
        assert_eq!(redact("postgres://u:p@h"), "postgres://u@h");
        let debug = format!(
            "{:?}",
            super::super::StorePath::new("postgres://u:s3cret@h/db")
        );
        assert!(!debug.contains("s3cret"), "{debug}");
    }

    #[test]
    fn password_file_lines_unescape() {
        assert_eq!(
            pgpass_fields(r"db\:1:*:apikey:me:pa:ss\\word"),
            vec!["db:1", "*", "apikey", "me", r"pa:ss\word"]
        );
    }
}
