//! Server functions of the dashboards: each checks who may look, then reads the figures.
//! The period comes as four plain arguments (as in the page's address), not as one
//! struct: an all-empty struct does not survive URL encoding.
use super::{Dashboard, MyFigures};
use crate::error::AppError;
use leptos::prelude::*;

/// One unit's dashboard, for its managers (and admins).
#[server]
pub async fn get_unit_dashboard(unit: i32, periode: Option<String>, tanggal: Option<String>, dari: Option<String>, sampai: Option<String>) -> Result<Dashboard, AppError> {
    let period = super::PeriodQuery { periode, tanggal, dari, sampai };
    use sea_orm::EntityTrait;
    crate::auth::ssr::require_manager_of(unit).await?;
    let db = crate::ssr::read_db()?;
    let u = crate::ssr::entities::unit::Entity::find_by_id(unit).one(&db).await?.ok_or(AppError::NotFound)?;
    super::ssr::unit_dashboard(&db, &u, &period, crate::i18n::detect_lang(), crate::ssr::now()?).await
}

/// Every unit together, for admins.
#[server]
pub async fn get_all_units_dashboard(periode: Option<String>, tanggal: Option<String>, dari: Option<String>, sampai: Option<String>) -> Result<Dashboard, AppError> {
    let period = super::PeriodQuery { periode, tanggal, dari, sampai };
    crate::auth::ssr::require_admin().await?;
    super::ssr::all_units_dashboard(&crate::ssr::read_db()?, &period, crate::i18n::detect_lang(), crate::ssr::now()?).await
}

/// The signed-in staff member's own figures.
#[server]
pub async fn get_my_figures(periode: Option<String>, tanggal: Option<String>, dari: Option<String>, sampai: Option<String>) -> Result<MyFigures, AppError> {
    let period = super::PeriodQuery { periode, tanggal, dari, sampai };
    let me = crate::auth::ssr::require_user().await?;
    super::ssr::my_figures(&crate::ssr::read_db()?, me.id, &period, crate::i18n::detect_lang(), crate::ssr::now()?).await
}
