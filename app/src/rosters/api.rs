//! Server functions of rosters: thin, each authenticates, reads input and calls one domain
//! function. Plain form posts come back to their page with a flash on error.
use super::*;
use crate::error::AppError;
use crate::forms::Flash;
use leptos::prelude::*;
use std::collections::HashMap;
#[cfg(feature = "ssr")]
use std::collections::BTreeMap;


#[cfg(feature = "ssr")]
mod support {
    use super::*;

    pub use crate::auth::ssr::managed_unit;

    /// A roster or holiday change may leave fewer counters or days: appointments beyond
    /// the new capacity are moved and their visitors told (see `bookings::ssr`).
    pub async fn capacity_changed(unit_id: Option<i32>) -> Result<(), AppError> {
        let state = crate::ssr::state()?;
        let env = crate::ssr::Env { public_url: &state.settings.public_url };
        let n = crate::bookings::ssr::capacity_changed(&state.db, &env, unit_id, crate::ssr::now()?).await?;
        if n > 0 {
            crate::ssr::outbox_changed();
        }
        Ok(())
    }

    pub async fn flash(form: &str) -> Option<Flash> {
        crate::ssr::flash::take().await.filter(|f| f.form == form)
    }
}

#[server]
pub async fn get_week_plan(unit_id: i32, week: Option<String>) -> Result<(WeekPlan, Option<Flash>), AppError> {
    let (_, u) = support::managed_unit(unit_id).await?;
    let today = crate::ssr::timefmt::today_in(&u.timezone, crate::ssr::now()?);
    let monday = week.as_deref().and_then(ssr::parse_week).unwrap_or_else(|| ssr::monday_of(today));
    let plan = ssr::week_plan(&crate::ssr::db()?, &u, monday, crate::i18n::detect_lang()).await?;
    Ok((plan, support::flash("roster").await))
}

#[server]
pub async fn save_roster(unit_id: i32, week: String, c: Option<HashMap<String, String>>) -> Result<(), AppError> {
    let (user, u) = support::managed_unit(unit_id).await?;
    let monday = ssr::parse_week(&week).ok_or(AppError::NotFound)?;
    let cells: BTreeMap<String, String> = c.unwrap_or_default().into_iter().collect();
    match ssr::save_week(&crate::ssr::db()?, user.id, &u, monday, &cells, crate::i18n::detect_lang(), crate::ssr::now()?).await {
        Ok(_) => {
            support::capacity_changed(Some(unit_id)).await?;
            crate::ssr::redirect(&format!("/kelola/unit/{unit_id}/jadwal?minggu={week}&ok=1"));
            Ok(())
        }
        Err(e) => {
            let values = cells.into_iter().map(|(k, v)| (format!("c[{k}]"), v)).collect();
            Err(crate::ssr::flash::keep("roster", values, e).await)
        }
    }
}

/// Copies last week's plan into this week (checked against the cap like any plan).
#[server]
pub async fn copy_roster(unit_id: i32, week: String) -> Result<(), AppError> {
    let (user, u) = support::managed_unit(unit_id).await?;
    let monday = ssr::parse_week(&week).ok_or(AppError::NotFound)?;
    let db = crate::ssr::db()?;
    let cells = ssr::previous_week_cells(&db, &u, monday).await?;
    match ssr::save_week(&db, user.id, &u, monday, &cells, crate::i18n::detect_lang(), crate::ssr::now()?).await {
        Ok(_) => {
            support::capacity_changed(Some(unit_id)).await?;
            crate::ssr::redirect(&format!("/kelola/unit/{unit_id}/jadwal?minggu={week}&ok=salin"));
            Ok(())
        }
        Err(e) => {
            let values = cells.into_iter().map(|(k, v)| (format!("c[{k}]"), v)).collect();
            Err(crate::ssr::flash::keep("roster", values, e).await)
        }
    }
}

#[server]
pub async fn get_my_schedule() -> Result<Vec<ScheduleLine>, AppError> {
    let user = crate::auth::ssr::require_user().await?;
    ssr::my_schedule(&crate::ssr::db()?, user.id, crate::i18n::detect_lang(), crate::ssr::now()?).await
}

#[server]
pub async fn get_work_settings(unit_id: i32) -> Result<(WorkSettings, Option<Flash>), AppError> {
    let (_, u) = support::managed_unit(unit_id).await?;
    Ok((ssr::work_settings(&crate::ssr::db()?, &u).await?, support::flash("work").await))
}

#[server]
#[allow(clippy::too_many_arguments)]
pub async fn save_work_settings(
    unit_id: i32,
    shift_name_1: String,
    shift_start_1: String,
    shift_end_1: String,
    shift_name_2: String,
    shift_start_2: String,
    shift_end_2: String,
    shift_name_3: String,
    shift_start_3: String,
    shift_end_3: String,
    shift_name_4: String,
    shift_start_4: String,
    shift_end_4: String,
    cap_percent: String,
    release_policy: String,
    auto_close_days: String,
) -> Result<(), AppError> {
    let (user, u) = support::managed_unit(unit_id).await?;
    let shifts = vec![
        (shift_name_1, shift_start_1, shift_end_1),
        (shift_name_2, shift_start_2, shift_end_2),
        (shift_name_3, shift_start_3, shift_end_3),
        (shift_name_4, shift_start_4, shift_end_4),
    ];
    let input = ssr::WorkInput { shifts, cap_percent, release_policy, auto_close_days };
    match ssr::save_work_settings(&crate::ssr::db()?, user.id, &u, &input, crate::i18n::detect_lang(), crate::ssr::now()?).await {
        Ok(()) => {
            crate::ssr::redirect(&format!("/kelola/unit/{unit_id}/kerja?ok=1"));
            Ok(())
        }
        Err(e) => {
            let mut values = BTreeMap::new();
            for (i, (n, s, en)) in input.shifts.into_iter().enumerate() {
                values.insert(format!("shift_name_{}", i + 1), n);
                values.insert(format!("shift_start_{}", i + 1), s);
                values.insert(format!("shift_end_{}", i + 1), en);
            }
            values.insert("cap_percent".into(), input.cap_percent);
            values.insert("release_policy".into(), input.release_policy);
            values.insert("auto_close_days".into(), input.auto_close_days);
            Err(crate::ssr::flash::keep("work", values, e).await)
        }
    }
}

#[server]
pub async fn get_members(unit_id: i32) -> Result<(MembersPage, Option<Flash>), AppError> {
    let (_, u) = support::managed_unit(unit_id).await?;
    Ok((ssr::members_page(&crate::ssr::db()?, &u).await?, support::flash("members").await))
}

/// A member's place in the cap (senior officials are not counted) and their services.
#[server]
pub async fn save_member(unit_id: i32, user_id: i32, senior: Option<String>, s: Option<HashMap<String, String>>) -> Result<(), AppError> {
    let (user, u) = support::managed_unit(unit_id).await?;
    // Keys are `s<id>`: a key starting with a digit would be read as a list index.
    let services: Vec<i32> = s.unwrap_or_default().keys().filter_map(|k| k.strip_prefix('s')?.parse().ok()).collect();
    match ssr::save_member(&crate::ssr::db()?, user.id, &u, user_id, senior.is_some(), &services, crate::i18n::detect_lang(), crate::ssr::now()?).await {
        Ok(()) => {
            crate::ssr::redirect(&format!("/kelola/unit/{unit_id}/petugas?ok={user_id}#m-{user_id}"));
            Ok(())
        }
        Err(e) => Err(crate::ssr::flash::keep("members", BTreeMap::new(), e).await),
    }
}

#[server]
pub async fn save_service_deadlines(
    unit_id: i32,
    service_id: i32,
    verify_days: String,
    respond_days: String,
    resolve_days: String,
) -> Result<(), AppError> {
    let (user, u) = support::managed_unit(unit_id).await?;
    let days = [verify_days.as_str(), respond_days.as_str(), resolve_days.as_str()];
    match ssr::save_deadlines(&crate::ssr::db()?, user.id, &u, service_id, days, crate::ssr::now()?).await {
        Ok(()) => {
            crate::ssr::redirect(&format!("/kelola/unit/{unit_id}/petugas?ok=tenggat#tenggat"));
            Ok(())
        }
        Err(e) => {
            let values = BTreeMap::from([
                (format!("verify_days_{service_id}"), verify_days),
                (format!("respond_days_{service_id}"), respond_days),
                (format!("resolve_days_{service_id}"), resolve_days),
            ]);
            Err(crate::ssr::flash::keep("members", values, e).await)
        }
    }
}

#[cfg(feature = "ssr")]
async fn holiday_scope(unit_id: Option<i32>) -> Result<(crate::auth::CurrentUser, Option<crate::ssr::entities::unit::Model>), AppError> {
    match unit_id {
        Some(id) => support::managed_unit(id).await.map(|(user, u)| (user, Some(u))),
        None => crate::auth::ssr::require_admin().await.map(|user| (user, None)),
    }
}

#[cfg(feature = "ssr")]
fn holidays_href(unit_id: Option<i32>, year: i32) -> String {
    match unit_id {
        Some(id) => format!("/kelola/unit/{id}/libur?tahun={year}"),
        None => format!("/admin/libur?tahun={year}"),
    }
}

#[server]
pub async fn get_holidays(unit_id: Option<i32>, year: Option<i32>) -> Result<(HolidaysPage, Option<Flash>), AppError> {
    use chrono::Datelike;
    let (_, u) = holiday_scope(unit_id).await?;
    let this_year = crate::ssr::now()?.year();
    let year = year.filter(|y| (2000..=2100).contains(y)).unwrap_or(this_year);
    let page = ssr::holidays_page(&crate::ssr::db()?, u.as_ref(), year, crate::i18n::detect_lang()).await?;
    Ok((page, support::flash("holiday").await))
}

#[server]
pub async fn add_holiday(unit_id: Option<i32>, date: String, name: String, kind: Option<String>) -> Result<(), AppError> {
    use chrono::Datelike;
    let (user, _) = holiday_scope(unit_id).await?;
    match ssr::add_holiday(&crate::ssr::db()?, user.id, unit_id, &date, &name, kind.as_deref().unwrap_or("libur"), crate::ssr::now()?).await {
        Ok(d) => {
            support::capacity_changed(unit_id).await?;
            crate::ssr::redirect(&format!("{}&ok=1", holidays_href(unit_id, d.year())));
            Ok(())
        }
        Err(e) => {
            let values = BTreeMap::from([("date".to_string(), date), ("name".to_string(), name), ("kind".to_string(), kind.unwrap_or_default())]);
            Err(crate::ssr::flash::keep("holiday", values, e).await)
        }
    }
}

/// Removes a day off, or confirms a provisional national one (`action` = "confirm").
#[server]
pub async fn change_holiday(unit_id: Option<i32>, id: i32, action: String) -> Result<(), AppError> {
    use chrono::Datelike;
    let (user, _) = holiday_scope(unit_id).await?;
    let d = ssr::change_holiday(&crate::ssr::db()?, user.id, unit_id, id, action == "confirm", crate::ssr::now()?).await?;
    support::capacity_changed(unit_id).await?;
    crate::ssr::redirect(&format!("{}&ok=2", holidays_href(unit_id, d.year())));
    Ok(())
}
