//! An Atom feed of newly published service standards, for newsrooms, aggregators and
//! anyone who follows changes.
use app::ssr::entities::{service, standard_version as sv, unit};
use app::ssr::AppState;
use atom_syndication::{Entry, Feed, FixedDateTime, Link, Person, Text};
use axum::{extract::State, http::header, response::IntoResponse};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

pub async fn atom(State(state): State<AppState>) -> axum::response::Response {
    match build(&state).await {
        Ok(xml) => ([(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], xml).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "feed failed");
            (axum::http::StatusCode::SERVICE_UNAVAILABLE, "feed unavailable").into_response()
        }
    }
}

fn fixed(at: chrono::DateTime<chrono::Utc>) -> FixedDateTime {
    at.fixed_offset()
}

pub async fn build(state: &AppState) -> Result<String, sea_orm::DbErr> {
    let base = &state.settings.public_url;
    let versions = sv::Entity::find()
        .filter(sv::Column::Status.eq(sv::PUBLISHED))
        .order_by_desc(sv::Column::PublishedAt)
        .limit(50)
        .all(&state.db)
        .await?;
    let mut entries = Vec::new();
    for v in &versions {
        let Some((svc, Some(u))) = service::Entity::find_by_id(v.service_id)
            .find_also_related(unit::Entity)
            .one(&state.db)
            .await?
        else {
            continue;
        };
        let no = v.version_no.unwrap_or(0);
        let href = format!("{base}/layanan/{}/{}/versi/{no}", u.slug, svc.slug);
        let effective = v
            .effective_at
            .map(|e| app::ssr::timefmt::date_time(e, &u.timezone, app::i18n::Lang::Id))
            .unwrap_or_default();
        let mut summary = format!("Versi {no} berlaku mulai {effective}.");
        if !v.change_note.is_empty() {
            summary.push(' ');
            summary.push_str(&v.change_note);
        }
        let published = fixed(v.published_at.unwrap_or(v.updated_at));
        entries.push(Entry {
            id: format!("{base}/layanan/{}/{}/versi/{no}", u.slug, svc.slug),
            title: Text::plain(format!("{} — {} (versi {no})", svc.name, u.name)),
            updated: published,
            published: Some(published),
            authors: vec![Person { name: u.name.clone(), ..Default::default() }],
            links: vec![Link { href, rel: "alternate".into(), mime_type: Some("text/html".into()), ..Default::default() }],
            summary: Some(Text::plain(summary)),
            ..Default::default()
        });
    }
    let updated = entries.first().map(|e| e.updated).unwrap_or_else(|| fixed(chrono::Utc::now()));
    let feed = Feed {
        id: format!("{base}/feed.atom"),
        title: Text::plain("Standar pelayanan terbaru — Portal Layanan Publik"),
        updated,
        links: vec![
            Link { href: format!("{base}/feed.atom"), rel: "self".into(), mime_type: Some("application/atom+xml".into()), ..Default::default() },
            Link { href: format!("{base}/"), rel: "alternate".into(), mime_type: Some("text/html".into()), ..Default::default() },
        ],
        lang: Some("id".into()),
        entries,
        ..Default::default()
    };
    Ok(feed.to_string())
}
