//! Downloads that are not pages: a report's attachments, the staff CSV export, and the
//! dashboards' tables as CSV.
use app::ssr::entities::{attachment, unit};
use app::error::AppError;
use app::ssr::AppState;
use axum::{
    extract::{Path, Query, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "Tidak ditemukan. / Not found.").into_response()
}

/// `/lampiran/{address}`: one file of a report, by the 128 random bits it was given when the
/// report was sent. The address is shown only to the reporter (on the tracking page) and to
/// the unit's staff; it says nothing about the file or the report.
pub async fn attachment(State(state): State<AppState>, Path(address): Path<String>) -> Response {
    if address.len() != 32 || !address.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        return not_found();
    }
    let found = attachment::Entity::find().filter(attachment::Column::Address.eq(address.as_str())).one(&state.db).await;
    let a = match found {
        Ok(Some(a)) => a,
        Ok(None) => return not_found(),
        Err(e) => {
            tracing::error!(error = %e, "attachment lookup failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let path = app::ssr::files::path_of(&state.settings.files_dir, &a.hash);
    let bytes = match tokio::fs::read(&path).await {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "attachment file missing");
            return not_found();
        }
    };
    let safe_name: String =
        a.name.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_".contains(c) { c } else { '_' }).collect();
    let disposition = if a.mime == "application/pdf" { "attachment" } else { "inline" };
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&a.mime) {
        h.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&format!("{disposition}; filename=\"{safe_name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=3600"));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; sandbox"));
    res
}

/// `/petugas/{unit}/ekspor.csv`: the unit's reports with their reporters' contacts, for its
/// managers only (staff read reports one at a time; a bulk copy of every citizen's address is
/// not needed to answer them). Anonymous reporters stay anonymous.
pub async fn export_csv(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    headers: HeaderMap,
    Path(unit): Path<String>,
) -> Response {
    let db = &state.db;
    let read = &state.read;
    let now = state.clock.now();
    let lang = app::i18n::Lang::from_headers(&headers);
    download(&state, &session, &headers, move |user| async move {
        let u = app::tickets::ssr::unit_for_staff(db, &user, &unit).await?;
        if !user.can_manage(u.id) {
            return Err(AppError::Forbidden);
        }
        let csv = app::tickets::ssr::export_csv(read, &u, lang).await?;
        app::ssr::audit::record(db, Some(user.id), "ticket.export", "unit", u.id, serde_json::json!({}), now).await?;
        Ok((format!("laporan-{}.csv", u.slug), csv))
    })
    .await
}

/// A CSV file made for the signed-in person: its name and text, or why not.
async fn download<F, Fut>(state: &AppState, session: &tower_sessions::Session, headers: &HeaderMap, make: F) -> Response
where
    F: FnOnce(app::auth::CurrentUser) -> Fut,
    Fut: std::future::Future<Output = Result<(String, String), AppError>>,
{
    let result = async { make(app::auth::ssr::user_of_session(&state.db, session).await?.ok_or(AppError::Unauthenticated)?).await }.await;
    match result {
        Ok((name, csv)) => csv_file(&name, csv),
        Err(e) => e.into_response_in(app::i18n::Lang::from_headers(headers)),
    }
}

/// A CSV download that is never cached.
fn csv_file(name: &str, csv: String) -> Response {
    let mut res = csv.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// `/kelola/unit/{id}/kinerja/{table}.csv?periode=…`: one table of a unit's dashboard, or
/// `skm-jawaban.csv`, the survey's anonymous answers, for the unit's managers.
pub async fn unit_dashboard_csv(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    headers: HeaderMap,
    Path((unit_id, file)): Path<(i32, String)>,
    Query(q): Query<app::oversight::PeriodQuery>,
) -> Response {
    let Some(key) = file.strip_suffix(".csv").map(str::to_string) else { return not_found() };
    let lang = app::i18n::Lang::from_headers(&headers);
    let db = &state.db;
    let read = &state.read;
    let now = state.clock.now();
    download(&state, &session, &headers, move |user| async move {
        if !user.can_manage(unit_id) {
            return Err(AppError::NotFound);
        }
        let u = unit::Entity::find_by_id(unit_id).one(db).await?.ok_or(AppError::NotFound)?;
        let csv = if key == "skm-jawaban" {
            let period = app::oversight::ssr::unit_period(&u, &q, lang, now);
            app::satisfaction::ssr::responses_csv(read, &u, &period).await?
        } else {
            let d = app::oversight::ssr::unit_dashboard(read, &u, &q, lang, now).await?;
            app::oversight::ssr::table_csv(&d.tables, &key)?.ok_or(AppError::NotFound)?
        };
        Ok((format!("{key}-{}.csv", u.slug), csv))
    })
    .await
}

/// `/kelola/kinerja/{table}.csv`: one table of the all-units dashboard, for admins.
pub async fn all_units_csv(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    headers: HeaderMap,
    Path(file): Path<String>,
    Query(q): Query<app::oversight::PeriodQuery>,
) -> Response {
    let Some(key) = file.strip_suffix(".csv").map(str::to_string) else { return not_found() };
    let lang = app::i18n::Lang::from_headers(&headers);
    let db = &state.db;
    let now = state.clock.now();
    download(&state, &session, &headers, move |user| async move {
        if !user.is_admin {
            return Err(AppError::NotFound);
        }
        let d = app::oversight::ssr::all_units_dashboard(db, &q, lang, now).await?;
        let csv = app::oversight::ssr::table_csv(&d.tables, &key)?.ok_or(AppError::NotFound)?;
        Ok((format!("{key}-semua-unit.csv"), csv))
    })
    .await
}

/// `/kinerja-saya/{table}.csv`: a staff member's own figures.
pub async fn my_figures_csv(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    headers: HeaderMap,
    Path(file): Path<String>,
    Query(q): Query<app::oversight::PeriodQuery>,
) -> Response {
    let Some(key) = file.strip_suffix(".csv").map(str::to_string) else { return not_found() };
    let lang = app::i18n::Lang::from_headers(&headers);
    let db = &state.db;
    let now = state.clock.now();
    download(&state, &session, &headers, move |user| async move {
        let f = app::oversight::ssr::my_figures(db, user.id, &q, lang, now).await?;
        let csv = app::oversight::ssr::table_csv(&f.tables, &key)?.ok_or(AppError::NotFound)?;
        Ok((format!("{key}.csv"), csv))
    })
    .await
}
