#![recursion_limit = "256"]
//! The portal's HTTP server: database set-up, the router and everything around the Leptos
//! application (health, feed, language choice, sessions, same-origin checks).
pub mod config;
pub mod demo;
pub mod feed;
pub mod files;
pub mod housekeeping;
pub mod scheduler;
pub mod mail;
pub mod open311;
pub mod session_store;
pub mod testing;

use app::i18n::{Lang, LANG_COOKIE};
use app::ssr::{AppState, PortalSettings};
use axum::{
    body::Body,
    extract::{Path, Query, Request, State},
    http::{header, HeaderValue, Method, StatusCode},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use config::Config;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};
use std::sync::Arc;
use std::time::Duration;
use tower_http::{compression::CompressionLayer, trace::TraceLayer};
use tower_sessions::{cookie::SameSite, Expiry, SessionManagerLayer};

/// Opens the database (creating the SQLite file's folder if needed) and brings its schema up
/// to date.
pub async fn connect_and_migrate(url: &str) -> Result<DatabaseConnection, sea_orm::DbErr> {
    connect_and_migrate_with(url, None).await
}

/// SQLite gets one connection by default: SQLite has one writer at a time, and queuing in
/// the pool (in order, without sleeping) beats SQLite's busy-wait between connections.
/// PostgreSQL gets 16. `pool` overrides both (`PORTAL_DB_POOL`).
pub async fn connect_and_migrate_with(url: &str, pool: Option<u32>) -> Result<DatabaseConnection, sea_orm::DbErr> {
    if let Some(path) = url.strip_prefix("sqlite://").map(|p| p.split('?').next().unwrap_or(p)) {
        if let Some(dir) = std::path::Path::new(path).parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir).map_err(|e| sea_orm::DbErr::Custom(e.to_string()))?;
            }
        }
    }
    let sqlite = url.starts_with("sqlite");
    let mut options = ConnectOptions::new(url.to_string());
    options
        .max_connections(pool.unwrap_or(if sqlite { 1 } else { 16 }))
        // A SQLite connection is a file opened in this process: a test query on every
        // checkout (a round trip to its thread) finds nothing a network connection might.
        .test_before_acquire(!sqlite)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        // Each statement, without its values, at debug level (`RUST_LOG=sqlx::query=debug`);
        // one slower than a second as a warning.
        .sqlx_logging(true)
        .sqlx_logging_level(tracing::log::LevelFilter::Debug)
        // Set on every connection the pool opens, not only the first: the pool replaces
        // its connections (after 30 minutes, or after a fault). WAL lets readers work while
        // one writer writes; with it, NORMAL flushes at checkpoints rather than each commit.
        .map_sqlx_sqlite_opts(|o| {
            use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
            o.journal_mode(SqliteJournalMode::Wal).synchronous(SqliteSynchronous::Normal).foreign_keys(true)
        });
    let db = Database::connect(options).await?;
    Migrator::up(&db, None).await?;
    Ok(db)
}

/// The read-only connections beside a SQLite file's single writer (see `AppState::read`),
/// opened with the writer's own options: one per core, 2 to 8 unless `readers` says.
/// `None` for PostgreSQL (its pool serves reads and writes alike) and for an in-memory
/// database (another connection would open another, empty database).
pub async fn connect_readers(db: &DatabaseConnection, readers: Option<u32>) -> Result<Option<DatabaseConnection>, sea_orm::DbErr> {
    if !matches!(db, DatabaseConnection::SqlxSqlitePoolConnection(_)) {
        return Ok(None);
    }
    let options = db.get_sqlite_connection_pool().connect_options();
    let file = options.get_filename().to_string_lossy();
    if file.is_empty() || file.starts_with(":memory:") || file.starts_with("file:sqlx-in-memory") {
        return Ok(None);
    }
    let n = readers.unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get() as u32).unwrap_or(2).clamp(2, 8));
    let pool = sea_orm::sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(n)
        .min_connections(1)
        .test_before_acquire(false)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with((*options).clone().pragma("query_only", "ON"))
        .await
        .map_err(|e| sea_orm::DbErr::Conn(sea_orm::RuntimeErr::SqlxError(e)))?;
    Ok(Some(sea_orm::SqlxSqliteConnector::from_sqlx_sqlite_pool(pool)))
}

pub fn leptos_options(config: &Config) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("layanan")
        .site_root(config.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(config.site_addr)
        .env(if config.production() { leptos::config::Env::PROD } else { leptos::config::Env::DEV })
        .build()
}

pub fn app_state(config: &Config, db: DatabaseConnection) -> AppState {
    let options = leptos_options(config);
    AppState {
        assets: Arc::new(app::ssr::assets::Assets::of(&options)),
        leptos_options: options,
        read: db.clone(),
        db,
        settings: Arc::new(PortalSettings {
            production: config.production(),
            public_url: config.public_url.clone(),
            trusted_proxy: config.trusted_proxy,
            files_dir: config.files_dir.clone(),
            reports_per_hour: config.reports_per_hour,
            bookings_per_hour: config.bookings_per_hour,
        }),
        markdown: Arc::new(app::ssr::markdown::Cache::default()),
        public_views: Arc::new(app::ssr::PageCache::new(2048)),
        outbox_signal: Arc::new(tokio::sync::Notify::new()),
        clock: config.clock,
    }
}

/// The name of the session cookie.
const SESSION_COOKIE: &str = "layanan_sesi";

/// The largest request body: a report form with three 5 MB attachments and its text.
pub const MAX_REQUEST_BYTES: usize = 16 * 1024 * 1024;

/// The largest body of every other request (a standard's 14 long components, a roster of
/// hundreds of staff fit with room to spare).
pub const MAX_FORM_BYTES: usize = 2 * 1024 * 1024;

/// Report forms with attachments read at the same time; more wait their turn, so a flood of
/// large bodies holds at most this many in memory.
const UPLOADS_AT_ONCE: usize = 8;

/// The portal's page routes, listed once per process: the list never changes, and a page
/// rendered while Leptos lists the routes of another application in the same process
/// could wait forever (see "Whole-stack tests in parallel" in the README; the test
/// `http::a_route_list_built_while_pages_render_leaves_no_page_waiting` reproduces it).
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(app::App)).clone()
}

/// The whole application as a router, for `serve` and for tests.
pub async fn router(config: &Config, state: AppState) -> Result<Router, sea_orm::sqlx::Error> {
    let store = session_store::Store::for_db(&state.db, &state.read).await?;
    let sessions = SessionManagerLayer::new(store)
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(config.production())
        .with_expiry(Expiry::OnInactivity(time::Duration::hours(8)));

    let routes = route_list();
    let allowed_hosts = Arc::new(allowed_hosts(config));
    let production = config.production();
    let uploads = Arc::new(tokio::sync::Semaphore::new(UPLOADS_AT_ONCE));

    let leptos_state = state.clone();
    let fn_state = state.clone();
    let router = Router::new()
        .route("/healthz", get(healthz))
        .route("/feed.atom", get(feed::atom))
        .route("/lampiran/{address}", get(files::attachment))
        .route("/petugas/{unit}/ekspor.csv", get(files::export_csv))
        .route("/kelola/unit/{id}/kinerja/{file}", get(files::unit_dashboard_csv))
        .route("/kelola/kinerja/{file}", get(files::all_units_csv))
        .route("/kinerja-saya/{file}", get(files::my_figures_csv))
        .nest("/open311", open311::routes())
        .route(
            "/bahasa/{code}",
            get(move |path: Path<String>, query: Query<LangQuery>| switch_lang(path, query, production)),
        )
        .route(
            "/api/{*fn_name}",
            get(move |req: Request<Body>| server_fn(fn_state.clone(), req))
                .post({
                    let s = state.clone();
                    move |req: Request<Body>| server_fn(s.clone(), req)
                }),
        )
        .nest_service("/pkg", static_files(&format!("{}/pkg", config.site_root)))
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(leptos_state.clone()),
            {
                let options = state.leptos_options.clone();
                move || app::shell(options.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(
            {
                let s = state.clone();
                move || provide_context(s.clone())
            },
            app::shell,
        ))
        .layer(middleware::from_fn(form_answers))
        .layer(middleware::from_fn(move |req, next| lang_in_address(production, req, next)))
        .layer(sessions)
        .layer(middleware::from_fn(move |req, next| same_origin_only(allowed_hosts.clone(), req, next)))
        .layer(middleware::from_fn(move |req, next| body_limits(uploads.clone(), req, next)))
        .layer(middleware::from_fn(move |req, next| security_headers(production, req, next)))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request<Body>| {
            let route = req
                .extensions()
                .get::<axum::extract::MatchedPath>()
                .map(|p| p.as_str().to_string())
                .unwrap_or_else(|| req.uri().path().to_string());
            tracing::info_span!("http", method = %req.method(), route)
        }))
        .with_state(state);
    Ok(router)
}

/// The built CSS, JS and WASM, sent as the build compressed them (brotli or gzip files
/// beside each, chosen by the browser's `Accept-Encoding`; nothing is compressed per
/// request). A file named by its content is kept for a year; a plain name (a development
/// build) is checked again after an hour, and unchanged files then cost a 304.
fn static_files(dir: &str) -> axum::routing::MethodRouter {
    let files = tower_http::services::ServeDir::new(dir).precompressed_br().precompressed_gzip();
    axum::routing::get_service(files).layer(middleware::from_fn(static_cache))
}

async fn static_cache(req: Request<Body>, next: Next) -> Response {
    let forever = app::ssr::assets::hashed_name(req.uri().path().rsplit('/').next().unwrap_or_default());
    let mut res = next.run(req).await;
    if res.status().is_success() || res.status() == axum::http::StatusCode::NOT_MODIFIED {
        res.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(if forever { "public, max-age=31536000, immutable" } else { "public, max-age=3600" }),
        );
    }
    res
}

/// The browser protections every answer carries: no framing by another site, no guessing of
/// content types, no referrer beyond the origin (and from private pages none to other sites), no camera,
/// microphone or location for other origins, HTTPS remembered in production, and no caching
/// of private pages or of anything answered to a signed-in person.
async fn security_headers(production: bool, req: Request<Body>, next: Next) -> Response {
    let signed_in = format!("{SESSION_COOKIE}=");
    let private = app::ssr::links::private_path(req.uri().path())
        || req.headers().get_all(header::COOKIE).iter().any(|c| c.to_str().is_ok_and(|c| c.contains(&signed_in)));
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, name: header::HeaderName, value: &'static str| {
        if !h.contains_key(&name) {
            h.insert(name, HeaderValue::from_static(value));
        }
    };
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(h, header::CONTENT_SECURITY_POLICY, app::ssr::csp::BASE);
    // Private pages name themselves to no other site; `same-origin` rather than `no-referrer`,
    // because with `no-referrer` browsers send `Origin: null` on a form's POST, and the
    // portal's own forms would be refused as cross-site.
    set(h, header::REFERRER_POLICY, if private { "same-origin" } else { "strict-origin-when-cross-origin" });
    set(h, header::HeaderName::from_static("permissions-policy"), "camera=(self), microphone=(), geolocation=(self), payment=()");
    if production {
        set(h, header::STRICT_TRANSPORT_SECURITY, "max-age=31536000; includeSubDomains");
    }
    if private {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// Every request body has its limit, enforced while it is read (a body that claims less and
/// sends more is cut off at the limit): report forms with attachments `MAX_REQUEST_BYTES`, a
/// few at a time; everything else `MAX_FORM_BYTES`. A refusal explains itself (a browser
/// without JavaScript shows the page).
async fn body_limits(uploads: Arc<tokio::sync::Semaphore>, req: Request<Body>, next: Next) -> Response {
    use leptos::server_fn::ServerFn;
    let upload = req.uri().path() == app::tickets::api::CheckReport::PATH;
    let limit = if upload { MAX_REQUEST_BYTES } else { MAX_FORM_BYTES };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return too_large(upload);
    }
    let _turn = if upload {
        match tokio::time::timeout(Duration::from_secs(30), uploads.acquire_owned()).await {
            Ok(Ok(permit)) => Some(permit),
            _ => return busy(),
        }
    } else {
        None
    };
    let req = req.map(|body| Body::new(http_body_util::Limited::new(body, limit)));
    next.run(req).await
}

fn explanation(title: &str, id: &str, en: &str) -> String {
    format!(
        "<!doctype html><html lang=\"id\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">\
        <title>{title}</title><body style=\"font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem\">\
        <h1>{title}</h1><p>{id}</p><p lang=\"en\">{en}</p></body></html>"
    )
}

fn too_large(upload: bool) -> Response {
    let html = if upload {
        explanation(
            "Berkas terlalu besar",
            "Lampiran paling banyak 3 berkas, masing-masing 5 MB. Tekan tombol Kembali pada peramban (isian Anda masih ada di formulir), pilih berkas yang lebih kecil, lalu kirim lagi.",
            "The files are too large: at most 3 attachments of 5 MB each. Use your browser's Back button (your answers are still in the form), choose smaller files and send again.",
        )
    } else {
        explanation(
            "Isian terlalu panjang",
            "Formulir ini lebih dari 2 MB. Tekan tombol Kembali pada peramban (isian Anda masih ada), persingkat teks yang sangat panjang, lalu kirim lagi.",
            "This form is over 2 MB. Use your browser's Back button (your answers are still there), shorten very long text and send again.",
        )
    };
    (StatusCode::PAYLOAD_TOO_LARGE, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
}

fn busy() -> Response {
    let html = explanation(
        "Server sedang sibuk",
        "Banyak laporan dengan lampiran sedang dikirim bersamaan. Tekan tombol Kembali pada peramban (isian Anda masih ada), tunggu sebentar, lalu kirim lagi.",
        "Many reports with attachments are being sent at once. Use your browser's Back button (your answers are still there), wait a moment and send again.",
    );
    (StatusCode::SERVICE_UNAVAILABLE, [(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::RETRY_AFTER, "30")], html).into_response()
}

async fn server_fn(state: AppState, req: Request<Body>) -> impl IntoResponse {
    leptos_axum::handle_server_fns_with_context(move || provide_context(state.clone()), req).await
}

/// What server functions answer, and the page a refused plain form post returns to.
/// A refusal answers with its own status (400 for a typing mistake, 401, 403, 404, 409,
/// 429), not the 500 server functions give every error, so that only real faults count as
/// faults. A plain form post's refusal goes back to its page through the session instead of
/// the address (`app::forms::CarriedError`), and that page takes it, once.
async fn form_answers(mut req: Request<Body>, next: Next) -> Response {
    let session = req.extensions().get::<tower_sessions::Session>().cloned();
    if req.uri().path().starts_with("/api/") {
        let mut res = with_error_status(next.run(req).await).await;
        let carried = res.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).and_then(app::forms::CarriedError::split);
        if let (Some((clean, error)), Some(session)) = (carried, session) {
            match (session.insert(app::forms::CarriedError::KEY, error).await, HeaderValue::from_str(&clean)) {
                (Ok(()), Ok(clean)) => {
                    res.headers_mut().insert(header::LOCATION, clean);
                }
                (Err(e), _) => tracing::warn!(error = %e, "could not keep a form's refusal in the session"),
                _ => {}
            }
        }
        return res;
    }
    let page = req.method() == Method::GET
        && req.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"));
    if let (true, Some(session)) = (page, session) {
        if let Ok(Some(e)) = session.remove::<app::forms::CarriedError>(app::forms::CarriedError::KEY).await {
            req.extensions_mut().insert(e);
        }
    }
    next.run(req).await
}

async fn with_error_status(res: Response) -> Response {
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR || !res.headers().contains_key(leptos::server_fn::error::SERVER_FN_ERROR_HEADER) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 1 << 20).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<app::error::AppError>(&bytes) {
        parts.status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if let app::error::AppError::RateLimited { retry_after_minutes } = error {
            parts.headers.insert(header::RETRY_AFTER, (u64::from(retry_after_minutes) * 60).into());
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

async fn healthz(State(db): State<DatabaseConnection>) -> impl IntoResponse {
    match db.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
        }
    }
}

#[derive(serde::Deserialize)]
struct LangQuery {
    kembali: Option<String>,
}

/// Remembers the chosen language for a year and goes back to the page it was chosen on.
async fn switch_lang(Path(code): Path<String>, Query(q): Query<LangQuery>, production: bool) -> Response {
    let lang = Lang::parse(&code).unwrap_or_default();
    let back = q.kembali.as_deref().and_then(app::auth::local_path).unwrap_or("/");
    let cookie = lang_cookie(lang, production);
    let mut res = StatusCode::SEE_OTHER.into_response();
    if let (Ok(c), Ok(l)) = (HeaderValue::from_str(&cookie), HeaderValue::from_str(back)) {
        res.headers_mut().insert(header::SET_COOKIE, c);
        res.headers_mut().insert(header::LOCATION, l);
    }
    res
}

/// The cookie that remembers a language chosen by the switch or by an address.
fn lang_cookie(lang: Lang, production: bool) -> String {
    format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{}", lang.code(), if production { "; Secure" } else { "" })
}

/// A page's address may name its language (`?bahasa=en`, see `app::ssr::links::page_in`),
/// so each language has an address of its own for search engines and shared links. The
/// request is read in that language, and the choice is remembered as the switch's is, so
/// the pages that follow (and the page's own calls) stay in it.
async fn lang_in_address(production: bool, mut req: Request<Body>, next: Next) -> Response {
    let named = match *req.method() {
        Method::GET | Method::HEAD => app::ssr::links::lang_of_query(req.uri().query()),
        _ => None,
    };
    let Some(lang) = named else { return next.run(req).await };
    let had = Lang::from_headers(req.headers());
    let prefix = format!("{LANG_COOKIE}=");
    let mut pairs: Vec<String> = req
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|c| c.split(';'))
        .map(str::trim)
        .filter(|p| !p.is_empty() && !p.starts_with(&prefix))
        .map(str::to_string)
        .collect();
    pairs.push(format!("{prefix}{}", lang.code()));
    req.headers_mut().remove(header::COOKIE);
    if let Ok(v) = HeaderValue::from_str(&pairs.join("; ")) {
        req.headers_mut().insert(header::COOKIE, v);
    }
    let mut res = next.run(req).await;
    if had != lang {
        if let Ok(c) = HeaderValue::from_str(&lang_cookie(lang, production)) {
            res.headers_mut().append(header::SET_COOKIE, c);
        }
    }
    res
}

fn allowed_hosts(config: &Config) -> Vec<String> {
    let mut hosts = vec![config.site_addr.to_string()];
    if let Some(host) = config.public_url.split("://").nth(1) {
        hosts.push(host.trim_end_matches('/').to_string());
    }
    hosts
}

/// Refuses state-changing requests that another site's page sent (CSRF), by the `Origin`
/// (or `Referer`) header, on top of SameSite=Lax session cookies.
async fn same_origin_only(allowed: Arc<Vec<String>>, req: Request<Body>, next: Next) -> Response {
    // Open311 clients are other sites by design; they send an API key, never a session.
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) || req.uri().path().starts_with("/open311/") {
        return next.run(req).await;
    }
    let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok()).map(str::to_string);
    let source = req
        .headers()
        .get(header::ORIGIN)
        .or_else(|| req.headers().get(header::REFERER))
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    // Browsers send `Origin` with every POST; a request with neither header is not from a
    // page of this site, so it is refused too (the check never fails open).
    let source_host = source.as_deref().and_then(|s| s.split("://").nth(1)).map(|rest| rest.split('/').next().unwrap_or(rest));
    let ok = match source_host {
        Some(h) => host.as_deref() == Some(h) || allowed.iter().any(|a| a == h),
        None => false,
    };
    if !ok {
        tracing::warn!(with_origin = source.is_some(), "cross-site request refused");
        return (
            StatusCode::FORBIDDEN,
            "Permintaan lintas situs ditolak: kirim formulir dari halaman portal ini. / Cross-site request refused: send the form from this portal's own page.",
        )
            .into_response();
    }
    next.run(req).await
}

/// Serves until Ctrl-C or SIGTERM, finishing requests under way.
pub async fn serve(config: Config, db: DatabaseConnection) -> anyhow::Result<()> {
    let mut state = app_state(&config, db.clone());
    if let Some(readers) = connect_readers(&db, config.db_readers).await? {
        state.read = readers;
    }
    let app = router(&config, state.clone()).await?;
    let mailer = mail::Mailer::from_config(&config)?;
    let tidying = tokio::spawn(housekeeping::run(db.clone(), config.files_dir.clone(), state.clock));
    let scheduled = tokio::spawn(scheduler::run(db.clone(), state.settings.public_url.clone(), state.outbox_signal.clone(), state.clock));
    let worker = tokio::spawn(mail::run_worker(
        db.clone(),
        mailer,
        config.mail_from.clone(),
        config.retry_policy(),
        state.outbox_signal.clone(),
        state.clock,
    ));
    let store = session_store::Store::for_db(&db, &db).await?;
    let deletion = tokio::spawn(tower_sessions::session_store::ExpiredDeletion::continuously_delete_expired(
        store,
        tokio::time::Duration::from_secs(3600),
    ));
    // Small responses go out at once instead of waiting on delayed acknowledgements.
    let listener = axum::serve::ListenerExt::tap_io(tokio::net::TcpListener::bind(config.site_addr).await?, |tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "TCP_NODELAY not set");
        }
    });
    tracing::info!(addr = %config.site_addr, env = ?config.env, "serving the portal");
    axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    deletion.abort();
    worker.abort();
    scheduled.abort();
    tidying.abort();
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}

