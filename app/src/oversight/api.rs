//! Server functions of the dashboards: each checks who may look, then reads the figures.
use super::{Dashboard, MyFigures, PeriodQuery};
use crate::error::AppError;
use leptos::prelude::*;

/// One unit's dashboard, for its managers (and admins).
#[server]
pub async fn get_unit_dashboard(unit: i32, period: PeriodQuery) -> Result<Dashboard, AppError> {
    use sea_orm::EntityTrait;
    crate::auth::ssr::require_manager_of(unit).await?;
    let db = crate::ssr::db()?;
    let u = crate::ssr::entities::unit::Entity::find_by_id(unit).one(&db).await?.ok_or(AppError::NotFound)?;
    super::ssr::unit_dashboard(&db, &u, &period, crate::i18n::detect_lang(), crate::ssr::now()).await
}

/// Every unit together, for admins.
#[server]
pub async fn get_all_units_dashboard(period: PeriodQuery) -> Result<Dashboard, AppError> {
    crate::auth::ssr::require_admin().await?;
    super::ssr::all_units_dashboard(&crate::ssr::db()?, &period, crate::i18n::detect_lang(), crate::ssr::now()).await
}

/// The signed-in staff member's own figures.
#[server]
pub async fn get_my_figures(period: PeriodQuery) -> Result<MyFigures, AppError> {
    let me = crate::auth::ssr::require_user().await?;
    super::ssr::my_figures(&crate::ssr::db()?, me.id, &period, crate::i18n::detect_lang(), crate::ssr::now()).await
}
