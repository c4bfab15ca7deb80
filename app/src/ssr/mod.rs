//! Server-only building blocks: the application state, the database entities, and helpers
//! that server functions share.
pub mod audit;
pub mod entities;
pub mod markdown;
pub mod timefmt;

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
}

#[derive(Clone, axum::extract::FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub settings: Arc<PortalSettings>,
}

/// The state, from the context that the server provides to every render and server call.
pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Internal
    })
}

pub fn db() -> Result<DatabaseConnection, AppError> {
    state().map(|s| s.db)
}

/// The visitor's session (set up by the session layer for every request).
pub async fn session() -> Result<tower_sessions::Session, AppError> {
    leptos_axum::extract::<tower_sessions::Session>().await.map_err(|e| {
        tracing::error!(error = %e, "session unavailable");
        AppError::Internal
    })
}

/// Sets the HTTP status of the page being rendered (for 404 and friends).
pub fn set_status(code: u16) {
    if let (Some(res), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        res.set_status(status);
    }
}

pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}
