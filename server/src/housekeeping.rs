//! Hourly tidying inside the server: old rate-limit counts, uploaded files of report forms
//! that were never sent, and (SQLite) planner statistics. Safe with several processes (each step is idempotent).
use app::ssr::entities::attachment;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use std::path::PathBuf;
use std::time::Duration;

/// Files younger than this may belong to a form still being filled in (with the hourly
/// sweep, an unsent file is gone two to three hours after it arrived).
const UPLOAD_GRACE: Duration = Duration::from_secs(2 * 3600);

pub async fn run(db: DatabaseConnection, files_dir: PathBuf, clock: app::ssr::Clock) {
    loop {
        once(&db, &files_dir, clock.now()).await;
        tokio::time::sleep(Duration::from_secs(3600)).await;
    }
}

pub async fn once(db: &DatabaseConnection, files_dir: &std::path::Path, now: chrono::DateTime<chrono::Utc>) {
    // SQLite keeps no planner statistics by itself (PostgreSQL's autovacuum does).
    if db.get_database_backend() == sea_orm::DbBackend::Sqlite {
        if let Err(e) = db.execute_unprepared("PRAGMA optimize").await {
            tracing::warn!(error = %e, "PRAGMA optimize failed");
        }
    }
    if let Err(e) = app::ssr::rate::prune(db, now).await {
        tracing::warn!(error = %e, "rate-limit pruning failed");
    }
    if let Err(e) = app::ssr::outbox::prune_sent(db, now).await {
        tracing::warn!(error = %e, "pruning sent mail failed");
    }
    let referenced = |hash: String| {
        let db = db.clone();
        async move {
            // When in doubt (a database error), keep the file.
            attachment::Entity::find().filter(attachment::Column::Hash.eq(hash)).count(&db).await.map(|n| n > 0).unwrap_or(true)
        }
    };
    match app::ssr::files::sweep_unreferenced(files_dir, UPLOAD_GRACE, referenced).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(removed = n, "uploads of unsent reports removed"),
        Err(e) => tracing::warn!(error = %e, "upload sweep failed"),
    }
}
