//! Server-only building blocks: the application state, the database entities, and helpers
//! that server functions share.
pub mod assets;
pub mod audit;
pub mod cache;
pub mod clock;
pub mod csp;
pub mod csv;
pub mod entities;
pub mod files;
pub mod flash;
pub mod links;
pub mod markdown;
pub mod outbox;
pub mod period;
pub mod qr;
pub mod rate;
pub mod search;
pub mod timefmt;
pub mod token;
pub mod workdays;

pub use clock::Clock;
pub use links::Env;

use crate::error::AppError;
use leptos::prelude::*;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// Settings the application itself needs (the server's own settings live in `server`).
#[derive(Clone, Debug)]
pub struct PortalSettings {
    pub production: bool,
    /// The public base URL, e.g. `https://layanan.example.go.id`, used in links and feeds.
    pub public_url: String,
    /// Behind a reverse proxy: take the client address from the last `X-Forwarded-For`
    /// entry (the one the proxy added) instead of the connection.
    pub trusted_proxy: bool,
    /// Where attachments are stored (under their SHA-256).
    pub files_dir: std::path::PathBuf,
    /// Reports accepted per hour from one address and from one e-mail address.
    pub reports_per_hour: u32,
    /// Appointments booked per hour from one client address.
    pub bookings_per_hour: u32,
}

#[derive(Clone, axum::extract::FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    /// Every write, and reads that decide a write, go here: on SQLite one connection, so
    /// writers queue in order instead of busy-waiting on the file's lock.
    pub db: DatabaseConnection,
    /// Reads of what is already committed (public pages, lists, dashboards, exports). On a
    /// SQLite file a pool of read-only connections beside the writer (WAL lets them read
    /// while it writes), so a long read never holds up a citizen's page or a write; on
    /// PostgreSQL, and on an in-memory SQLite database, the same pool as `db`.
    #[from_ref(skip)]
    pub read: DatabaseConnection,
    pub settings: Arc<PortalSettings>,
    pub markdown: Arc<markdown::Cache>,
    /// Public pages' data kept for a moment (`public_view`; standards in `standards::api`).
    pub public_views: Arc<PageCache>,
    /// Wakes the mail worker when a message was queued.
    pub outbox_signal: Arc<tokio::sync::Notify>,
    /// This application's clock: every rule about time reads it, through `now`.
    pub clock: Clock,
    /// The built stylesheet, script and WebAssembly the pages name.
    pub assets: Arc<assets::Assets>,
}

/// Tells the mail worker that messages are waiting.
pub fn outbox_changed() {
    if let Some(state) = use_context::<AppState>() {
        state.outbox_signal.notify_one();
    }
}

/// Public pages kept for readers who are not signed in (unit, service, version, language).
/// The feature that renders a page knows its type; this layer only keeps and clears them.
pub type PageCache = cache::TtlCache<PageKey, Arc<dyn std::any::Any + Send + Sync>>;
pub type PageKey = (String, String, Option<i32>, crate::i18n::Lang);

/// How long a public page's data may be served from memory. A write in this process clears
/// it at once (`public_pages_changed`); this bounds how long another server process's write
/// takes to show. Under load a page's queries then run once a second, not once a request.
pub const PUBLIC_VIEW_TTL: std::time::Duration = std::time::Duration::from_secs(1);

/// The data of a public page that is the same for every reader (the unit directory, a
/// unit's page, the booking start), from memory when it was loaded less than
/// `PUBLIC_VIEW_TTL` ago, otherwise from `load`. `key` names the page and its parameters; a
/// page's name starts with `/`, which no unit's address does (standards are keyed by those).
pub async fn public_view<T, Fut>(key: PageKey, load: impl FnOnce() -> Fut) -> Result<T, AppError>
where
    T: Clone + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<T, AppError>>,
{
    let state = state()?;
    let clock = std::time::Instant::now();
    if let Some(hit) = state.public_views.get(&key, clock).and_then(|hit| hit.downcast_ref::<T>().cloned()) {
        return Ok(hit);
    }
    let view = load().await?;
    state.public_views.insert(key, Arc::new(view.clone()), PUBLIC_VIEW_TTL, clock);
    Ok(view)
}

/// Forgets cached public pages after a change to units, services, standards or whether a
/// unit takes visits.
pub fn public_pages_changed() {
    if let Some(state) = use_context::<AppState>() {
        state.public_views.clear();
    }
}

/// The state, from the context that the server provides to every render and server call.
/// Sends a plain form post on to `to` (a path built by the portal, perhaps with something
/// typed in it). A byte a header cannot carry is percent-encoded instead of failing the
/// request, so a line break typed into a form cannot break or split the answer.
pub fn redirect(to: &str) {
    let mut safe = String::with_capacity(to.len());
    for b in to.bytes() {
        if b.is_ascii_graphic() {
            safe.push(b as char);
        } else {
            safe.push_str(&format!("%{b:02X}"));
        }
    }
    leptos_axum::redirect(&safe);
}

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Internal
    })
}

pub fn db() -> Result<DatabaseConnection, AppError> {
    state().map(|s| s.db)
}

/// The connections for reads that write nothing and decide no write (see `AppState::read`).
pub fn read_db() -> Result<DatabaseConnection, AppError> {
    state().map(|s| s.read)
}

pub fn markdown_cache() -> Result<Arc<markdown::Cache>, AppError> {
    state().map(|s| s.markdown)
}

/// The visitor's session (set up by the session layer for every request).
pub async fn session() -> Result<tower_sessions::Session, AppError> {
    leptos_axum::extract::<tower_sessions::Session>().await.map_err(|e| {
        tracing::error!(error = %e, "session unavailable");
        AppError::Internal
    })
}


/// Starts a transaction that will write. On SQLite it takes the write lock at once (waiting
/// its turn under the busy timeout): a transaction that read first and wrote later would be
/// refused with "database is locked" whenever another writer went in between.
pub async fn begin_write<C>(db: &C) -> Result<sea_orm::DatabaseTransaction, sea_orm::DbErr>
where
    C: sea_orm::TransactionTrait + sea_orm::ConnectionTrait,
{
    use sea_orm::ConnectionTrait;
    let txn = db.begin().await?;
    if txn.get_database_backend() == sea_orm::DbBackend::Sqlite {
        // A write that changes nothing, only to hold the lock from the first statement.
        txn.execute_unprepared("UPDATE units SET id = id WHERE 0").await?;
    }
    Ok(txn)
}

/// The portal's now, for a server function or a page: the clock of the application that
/// is answering. Domain functions never read a clock; they take the time as `at`/`now`.
pub fn now() -> Result<chrono::DateTime<chrono::Utc>, AppError> {
    state().map(|s| s.clock.now())
}
