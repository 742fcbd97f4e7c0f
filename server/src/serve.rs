//! Start-up and shutdown of `koltrust serve`.
//!
//! 1. Refuse a folder whose database was lost while its key or published files remain ([`DataDir::first_start`]);
//!    initialise the data folder if needed ([`DataDir::init`]: key, token), open the database (migrations), make
//!    the folder 0700 and its secrets 0600.
//! 2. **First start** only: the empty registry gets the fictional sample registry. A registry never published gets
//!    its first signed snapshot (published snapshots and deltas are create-new files, never overwritten).
//! 3. Print the URLs and the admin token's *path*; listen.
//! 4. On SIGTERM or SIGINT: stop accepting, finish the requests in flight (each one only answered after its
//!    commit), drain the intake writer, exit 0.

use crate::admin::import_sample;
use crate::config::{ConnectionLimits, LogFormat, ServeConfig};
use crate::datadir::DataDir;
use crate::intake::Intake;
use crate::mirror;
use crate::publish::{publish, PublishOptions};
use crate::ratelimit::RateLimiter;
use crate::routes::{router, App};
use crate::store::postgres::PostgresStore;
use crate::store::sqlite::SqliteStore;
use crate::store::{Database, RegistryStore, Store};
use crate::wire_errors::JsonWireErrors;
use koltrust::registry::Date;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

/// Logs on standard error: readable lines, or one JSON object per line (`--log-format json`) for a log pipeline.
/// Either way the request log carries route templates, never URLs, queries or complaint contents
/// (`routes::log_requests`).
fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false);
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().with_current_span(true).with_span_list(false).try_init(),
    };
}

/// Opens the store `database` names, deciding first start the way [`DataDir::first_start`] does for either backend.
/// Returns the store and whether this is the first start.
pub fn open_store(dir: &DataDir, init: bool, database: &Database) -> Result<(Arc<dyn Store>, bool), String> {
    match database {
        Database::Sqlite => {
            let first_start = dir.first_start(init)?;
            dir.init()?;
            let store = SqliteStore::open(&dir.database()).map_err(|e| e.to_string())?;
            Ok((Arc::new(store), first_start))
        }
        Database::Postgres(url) => {
            let store = PostgresStore::connect(url).map_err(|e| e.to_string())?;
            let present = !store.publications(1).map_err(|e| e.to_string())?.is_empty()
                || !store.records().map_err(|e| e.to_string())?.is_empty();
            let first_start = dir.first_start_of(init, present, &database.describe(), "is empty")?;
            // Another instance made this database: this one must sign with the same key and accept the same
            // token, never mint its own.
            if present && !dir.key_path().exists() {
                return Err(format!(
                    "refusing to start: the database {} is in use but {} has no signing key. Copy registry.key, \
                     registry.key.pub and admin-token from the data folder of the first instance. / Từ chối khởi \
                     động: hãy sao chép khoá ký và mã quản trị từ máy chủ đầu tiên.",
                    database.describe(),
                    dir.root.display()
                ));
            }
            dir.init()?;
            Ok((Arc::new(store), first_start))
        }
    }
}

/// Prepares the data folder: what first start needs. Returns the store. Refuses (changing nothing) a folder whose
/// database is missing or empty while it holds a signing key or published files ([`DataDir::first_start`]).
pub fn prepare(dir: &DataDir, init: bool, database: &Database) -> Result<Arc<dyn Store>, String> {
    let created_key = !dir.key_path().exists();
    let (store, first_start) = open_store(dir, init, database)?;
    dir.make_private()?;
    if created_key && dir.key_path().exists() {
        let (_, key_id) = dir.public_key()?;
        println!(
            "Đã tạo khoá ký mới / new signing key: {} (key id {key_id})",
            dir.key_path().display()
        );
    }
    if first_start && store.records().map_err(|e| e.to_string())?.is_empty() {
        let n = import_sample(&*store, Date::from_unix_vn(crate::clock::now_ms() / 1000))?;
        println!("Đã nhập sổ đăng ký mẫu (hư cấu) / imported the fictional sample registry: {n} records");
    }
    if store.publications(1).map_err(|e| e.to_string())?.is_empty() {
        let p = publish(dir, &*store, "server:first-start", PublishOptions::default())?;
        println!(
            "Đã phát hành bản ký số đầu tiên / published the first signed snapshot: sequence {} ({} bytes)",
            p.publication.sequence, p.publication.bytes
        );
    } else if let Some(sequence) = mirror::sync(&*store, &dir.registry_dir())? {
        println!("Đã chép sổ đăng ký từ cơ sở dữ liệu / registry files copied from the database: sequence {sequence}");
    }
    Ok(store)
}

/// Accepts connections until `shutdown` resolves, then lets the open ones finish for at most
/// [`ConnectionLimits::shutdown_deadline`].
///
/// Why not `axum::serve`: it has no header-read timeout, no connection cap, and its graceful shutdown waits for the
/// slowest client forever. Here every connection is HTTP/1.1 with keep-alive and
/// - a **header-read timeout** (a client that opens a connection, or keeps one idle, and sends no complete request
///   head within it is dropped — hyper's timer covers both the first request and every keep-alive wait);
/// - a **request timeout** around each request (the router's `TimeoutLayer`: reading a body byte by byte cannot hold
///   a handler longer), 408;
/// - a **connection cap**: past it, new connections are closed at once instead of queueing on file descriptors, so
///   `/v1/health` and real clients keep working when idle sockets pile up.
pub async fn listen(
    listener: tokio::net::TcpListener,
    routes: axum::Router,
    limits: &ConnectionLimits,
    shutdown: impl std::future::Future<Output = ()>,
) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use tower::Service;
    let permits = Arc::new(tokio::sync::Semaphore::new(limits.max_connections));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut make = routes.into_make_service_with_connect_info::<SocketAddr>();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .keep_alive(true);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // Out of file descriptors and the like: say so once per failure, give the system a moment.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let Ok(permit) = permits.clone().try_acquire_owned() else {
            drop(stream); // over the cap: closed now rather than held open
            continue;
        };
        let Ok(service) = make.call(peer).await;
        let service = hyper_util::service::TowerToHyperService::new(service);
        let conn = builder.serve_connection(JsonWireErrors::new(TokioIo::new(stream)), service);
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            let _permit = permit;
            let _ = conn.await;
        });
    }
    drop(listener);
    tracing::info!("shutdown: no new connections; finishing requests in flight");
    if tokio::time::timeout(limits.shutdown_deadline, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!(
            deadline_s = limits.shutdown_deadline.as_secs(),
            "shutdown deadline passed: closing the connections still open"
        );
    }
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
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutdown requested: finishing requests in flight");
}

/// Runs the server until SIGTERM/SIGINT.
pub fn serve(cfg: ServeConfig) -> Result<(), String> {
    init_logging(cfg.log_format);
    let dir = DataDir::new(&cfg.data);
    let store = prepare(&dir, cfg.init, &cfg.database)?;
    let admin_token = dir.admin_token()?;
    let app = Arc::new(App {
        dir: dir.clone(),
        store: store.clone(),
        intake: Intake::start(store.clone()).map_err(|e| format!("starting the complaint writer: {e}"))?,
        per_ip: RateLimiter::new(cfg.per_ip),
        per_client: RateLimiter::new(cfg.per_client),
        trusted_proxies: cfg.trusted_proxies.clone(),
        admin_token,
        console: crate::routes::ConsoleState::new(cfg.addr.ip().is_loopback()),
        etags: Mutex::new(HashMap::new()),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("koltrust-http")
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    let result = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(cfg.addr)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", cfg.addr))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let base = format!("http://{addr}");
        println!("KOL Trust — máy chủ Liên minh / Alliance server");
        println!("  dữ liệu / data:            {}", dir.root.display());
        println!("  cơ sở dữ liệu / database:  {}", cfg.database.describe());
        match &cfg.www {
            Some(w) => println!("  cổng thông tin / portal:   {base}/  ({})", w.display()),
            None => println!("  cổng thông tin / portal:   (no www folder)"),
        }
        println!("  sổ đăng ký / registry:     {base}/v1/registry/manifest");
        println!("  khoá công khai / keys:     {base}/v1/registry/keys");
        println!("  phản ánh / complaints:     POST {base}/v1/complaints");
        println!("  kiểm tra / health:         {base}/v1/health");
        println!("  mã quản trị / admin token: {}", dir.token_path().display());
        println!("listening on {base}");
        tracing::info!(%addr, "listening");
        let routes = router(
            app.clone(),
            cfg.www.as_deref(),
            cfg.body_limit,
            cfg.limits.request_timeout,
        );
        let follower = tokio::spawn(mirror::follow(app.store.clone(), dir.registry_dir()));
        listen(listener, routes, &cfg.limits, shutdown_signal()).await;
        follower.abort();
        Ok::<(), String>(())
    });
    // Every request has been answered; let the writer finish anything still queued.
    app.intake.close();
    runtime.shutdown_timeout(std::time::Duration::from_secs(5));
    tracing::info!("stopped");
    result
}
