//! The accept loop, connection limits, graceful shutdown and start-up.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use apikey_core::error::{Error, Result};
use apikey_core::store::{Access, StorePath};
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use utoipa::OpenApi;

use crate::api::{self, ApiDoc, App};
use crate::config::{LogFormat, ServerConfig};
use crate::engine::Engine;

/// How long a graceful shutdown waits for in-flight requests.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(10);

fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("APIKEY_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    // A second initialisation (tests calling run twice) is harmless: keep the first.
    let _ = match format {
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

/// Runs the server until SIGTERM or SIGINT: then stops accepting, lets in-flight
/// requests finish (at most 10 s), writes the pending uses and returns.
///
/// # Errors
/// The store cannot be opened, the address cannot be bound, or the runtime cannot
/// start.
pub fn run(config: ServerConfig) -> Result<()> {
    init_logging(config.log_format);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(config.readers.max(1) + 4)
        .thread_name("apikey-serve")
        .build()
        .map_err(|e| Error::io("tokio runtime", e))?;
    runtime.block_on(serve(config))
}

async fn serve(config: ServerConfig) -> Result<()> {
    let store = config.store.clone();
    let (readers, cache_bytes) = (config.readers, config.cache_bytes);
    let (engine, key_count) = blocking(move || {
        // Migrates an older store once, through a normal connection, before opening the
        // read-only ones.
        drop(store.open(Access::Existing)?);
        let key_count = store.open(Access::ReadOnly)?.read(|tx| tx.key_count())?;
        Ok((Engine::start(store, readers, cache_bytes)?, key_count))
    })
    .await?;
    let openapi = ApiDoc::openapi();
    let openapi_json = openapi
        .to_pretty_json()
        .map_err(|e| Error::invalid(format!("cannot render the OpenAPI document: {e}")))?;
    let openapi_value: serde_json::Value = serde_json::from_str(&openapi_json)
        .map_err(|e| Error::invalid(format!("cannot read the OpenAPI document: {e}")))?;
    let doc_html = crate::docpage::render(&openapi_value);
    let listener = TcpListener::bind(config.listen)
        .await
        .map_err(|e| Error::io(config.listen.to_string(), e))?;
    let local = listener
        .local_addr()
        .map_err(|e| Error::io(config.listen.to_string(), e))?;
    let app = Arc::new(App {
        engine: engine.clone(),
        config: config.clone(),
        openapi_json,
        doc_html,
        console: if config.admin {
            Some(crate::console::Console::new(!config.insecure_cookies)?)
        } else {
            None
        },
    });
    // Around the router, not through `Router::layer`, which wraps every route in each
    // layer and so clones (allocates) a boxed service per layer on every request.
    let router = tower::ServiceBuilder::new()
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            config.request_timeout,
        ))
        .layer(RequestBodyLimitLayer::new(config.max_body_bytes))
        .layer(axum::extract::DefaultBodyLimit::max(config.max_body_bytes))
        .service(api::router(app.clone()));
    let location = engine.store_path().display();
    tracing::info!(
        address = %local,
        store = %location,
        keys = key_count,
        "apikey serve: listening on http://{local}, store {location}, {key_count} keys"
    );
    if config.admin {
        let store = engine.store_path().clone();
        let operators = blocking(move || console_operators(&store)).await?;
        tracing::info!(
            operators,
            "console: http://{local}/console ({operators} users may sign in: their roles grant admin:read)"
        );
        if operators == 0 {
            tracing::warn!(
                "console: no active user's roles grant admin:read, so nobody can sign in; grant a role holding admin:read (and admin:write to change things) with 'apikey user grant EMAIL --role ROLE'"
            );
        }
        if config.insecure_cookies && !local.ip().is_loopback() {
            tracing::warn!(
                "console: --insecure-cookies on a non-loopback address sends the session cookie over plain HTTP; put the console behind TLS"
            );
        }
    }
    let connections = Arc::new(Semaphore::new(config.max_connections.max(1)));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(config.request_timeout)
        .max_buf_size(config.max_header_bytes.max(8192))
        .max_headers(100)
        // Answers are small: one copy into the header buffer and one write beat a
        // vectored write of two (forward-auth 2–5% faster in 5 of 6 alternating wrk
        // rounds, `docs/serve.md`).
        .writev(false)
        .keep_alive(true);
    let shutdown = shutdown_signal();
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // Out of file descriptors and the like: wait instead of spinning.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let Ok(permit) = connections.clone().try_acquire_owned() else {
            // Over the connection cap: close at once.
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let (app, router) = (app.clone(), router.clone());
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            let (app, router) = (app.clone(), router.clone());
            async move {
                if let Some(hot) = api::Hot::route(request.uri().path()) {
                    return Ok(api::answer_hot(&app, hot, peer, request).await);
                }
                request
                    .extensions_mut()
                    .insert(ConnectInfo::<SocketAddr>(peer));
                let response = router.oneshot(request).await.unwrap_or_else(|e| match e {});
                Ok::<_, Infallible>(response.map(axum::body::Body::new))
            }
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    tracing::info!("shutting down: draining in-flight requests");
    if tokio::time::timeout(DRAIN_TIMEOUT, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("some requests did not finish within {DRAIN_TIMEOUT:?}");
    }
    let flushed = engine.shutdown().await;
    tracing::info!(uses_flushed = flushed, "stopped");
    Ok(())
}

/// Runs `f` on a blocking thread: store connections are opened, used and closed off
/// the async workers (a PostgreSQL connection runs a small runtime of its own, which
/// cannot start or stop inside another).
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| Error::invalid(format!("a blocking worker failed: {e}")))?
}

/// How many active users' roles grant `admin:read` (may sign in to the console).
fn console_operators(store: &StorePath) -> Result<usize> {
    store.open(Access::ReadOnly)?.read(|tx| {
        let mut operators = 0;
        for user in tx.list_users()? {
            if user.status == apikey_core::model::Status::Active
                && tx
                    .expand_grants(&tx.user_grants(user.row)?)?
                    .iter()
                    .any(|p| p == "admin:read")
            {
                operators += 1;
            }
        }
        Ok(operators)
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
