//! Downloads that are not pages: a report's attachments and the staff CSV export.
use app::ssr::entities::{attachment, ticket};
use app::ssr::AppState;
use axum::{
    extract::{Path, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "Tidak ditemukan. / Not found.").into_response()
}

/// `/lampiran/{code}/{hash}`: a file of the report with that tracking code (the code is what
/// the citizen holds; staff pages link the same way).
pub async fn attachment(State(state): State<AppState>, Path((code, hash)): Path<(String, String)>) -> Response {
    let Ok(code) = app::tickets::TrackingCode::parse(&code) else { return not_found() };
    if !app::ssr::files::is_hash(&hash) {
        return not_found();
    }
    let found = async {
        let t = ticket::Entity::find().filter(ticket::Column::Code.eq(code.as_str())).one(&state.db).await?;
        let Some(t) = t else { return Ok(None) };
        attachment::Entity::find()
            .filter(attachment::Column::TicketId.eq(t.id))
            .filter(attachment::Column::Hash.eq(hash.as_str()))
            .one(&state.db)
            .await
    }
    .await;
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

/// `/petugas/{unit}/ekspor.csv`: the unit's reports for its staff; anonymous reporters stay
/// anonymous.
pub async fn export_csv(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    Path(unit): Path<String>,
) -> Response {
    let user_id: Option<i32> = session.get(app::auth::ssr::SESSION_USER_KEY).await.ok().flatten();
    let Some(user_id) = user_id else {
        return (StatusCode::UNAUTHORIZED, "Silakan masuk. / Please sign in.").into_response();
    };
    let result = async {
        let user = app::auth::ssr::load_user(&state.db, user_id).await?.ok_or(app::error::AppError::Unauthenticated)?;
        let u = app::tickets::ssr::unit_for_staff(&state.db, &user, &unit).await?;
        let csv = app::tickets::ssr::export_csv(&state.db, &u).await?;
        app::ssr::audit::record(&state.db, Some(user.id), "ticket.export", "unit", u.id, serde_json::json!({})).await?;
        Ok::<_, app::error::AppError>((u.slug, csv))
    }
    .await;
    match result {
        Ok((slug, csv)) => {
            let mut res = csv.into_response();
            let h = res.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
            if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"laporan-{slug}.csv\"")) {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            res
        }
        Err(e) => (StatusCode::from_u16(e.status()).unwrap_or(StatusCode::NOT_FOUND), e.message(app::i18n::Lang::Id))
            .into_response(),
    }
}
