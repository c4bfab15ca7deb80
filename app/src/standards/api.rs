//! Server functions of the standards feature: each authenticates, reads its input, calls one
//! domain function and maps the outcome.
use super::*;
use super::Component;
use crate::error::AppError;
use crate::forms::Flash;
use leptos::prelude::*;
use std::collections::BTreeMap;

#[server]
pub async fn get_home(q: Option<String>) -> Result<HomeData, AppError> {
    let db = crate::ssr::read_db()?;
    let (q, lang, now) = (q.unwrap_or_default(), crate::i18n::use_lang(), crate::ssr::now()?);
    if q.trim().is_empty() {
        return crate::ssr::public_view(("/home".into(), String::new(), None, lang), || ssr::home(&db, "", lang, now)).await;
    }
    ssr::home(&db, &q, lang, now).await
}

#[server]
pub async fn get_unit_directory(filter: Option<String>) -> Result<UnitDirectory, AppError> {
    let db = crate::ssr::read_db()?;
    let cards = crate::ssr::public_view(("/unit-cards".into(), String::new(), None, crate::i18n::Lang::Id), || ssr::unit_cards(&db)).await?;
    Ok(ssr::unit_directory(cards, filter.as_deref().unwrap_or("")))
}

#[server]
pub async fn get_unit_page(slug: String) -> Result<UnitPageData, AppError> {
    let (db, md) = (crate::ssr::read_db()?, crate::ssr::markdown_cache()?);
    crate::ssr::public_view(("/unit".into(), slug.clone(), None, crate::i18n::Lang::Id), || ssr::unit_page(&db, &md, &slug)).await
}

#[server]
pub async fn get_standard(unit: String, service: String, version: Option<i32>) -> Result<StandardView, AppError> {
    let state = crate::ssr::state()?;
    let lang = crate::i18n::use_lang();
    let now = crate::ssr::now()?;
    // Signed-in staff always read the database: they may have just published.
    let anonymous = crate::auth::ssr::signed_in_user_id().await?.is_none();
    let key = (unit, service, version, lang);
    let clock = std::time::Instant::now();
    if anonymous {
        if let Some(hit) = state.public_views.get(&key, clock).and_then(|hit| hit.downcast_ref::<StandardView>().cloned()) {
            return Ok(hit);
        }
    }
    let view = ssr::standard_view(&state.read, &state.markdown, &key.0, &key.1, version, lang, now).await?;
    if anonymous {
        let ttl = match view.changes_at {
            Some(at) => (at - now.timestamp()).clamp(0, crate::ssr::PUBLIC_VIEW_TTL.as_secs() as i64),
            None => crate::ssr::PUBLIC_VIEW_TTL.as_secs() as i64,
        };
        state.public_views.insert(key, std::sync::Arc::new(view.clone()), std::time::Duration::from_secs(ttl as u64), clock);
    }
    Ok(view)
}

/// A service as the manager's overview lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManagedService {
    pub id: i32,
    pub name: String,
    pub public_href: String,
    pub in_force_no: Option<i32>,
    pub upcoming: Option<VersionInfo>,
    pub has_draft: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManagedUnit {
    pub unit: UnitCard,
    pub can_manage: bool,
    pub services: Vec<ManagedService>,
}

#[server]
pub async fn get_managed_units() -> Result<Vec<ManagedUnit>, AppError> {
    use crate::ssr::entities::{service, unit};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let user = crate::auth::ssr::require_user().await?;
    let db = crate::ssr::db()?;
    let lang = crate::i18n::use_lang();
    let now = crate::ssr::now()?;
    let mut units = unit::Entity::find().order_by_asc(unit::Column::Name);
    if !user.is_admin {
        let ids: Vec<i32> = user.memberships.iter().map(|m| m.unit_id).collect();
        units = units.filter(unit::Column::Id.is_in(ids));
    }
    let mut out = Vec::new();
    for u in units.all(&db).await? {
        let services = service::Entity::find()
            .filter(service::Column::UnitId.eq(u.id))
            .order_by_asc(service::Column::Name)
            .all(&db)
            .await?;
        let mut list = Vec::new();
        for s in services {
            let versions = ssr::published_versions(&db, s.id).await?;
            list.push(ManagedService {
                id: s.id,
                public_href: format!("/layanan/{}/{}", u.slug, s.slug),
                name: s.name,
                in_force_no: ssr::in_force(&versions, now).and_then(|v| v.version_no),
                upcoming: ssr::upcoming(&versions, now)
                    .map(|v| ssr::version_info(v, VersionState::Upcoming, &u.timezone, lang)),
                has_draft: ssr::draft_of(&db, s.id).await?.is_some(),
            });
        }
        out.push(ManagedUnit {
            can_manage: user.can_manage(u.id),
            unit: ssr::card_of(&u, list.len() as u64),
            services: list,
        });
    }
    Ok(out)
}

/// The other editor's save, shown beside one's own text after a conflict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConflictInfo {
    pub revision: i32,
    pub saved_by: String,
    pub saved_at: String,
    /// Their text of each component that differs from what this editor sent.
    pub theirs: Vec<(Component, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditData {
    pub service_id: i32,
    pub unit_id: i32,
    pub unit_name: String,
    pub service_name: String,
    pub public_href: String,
    /// 0 when there is no draft yet (the form starts from the version in force).
    pub revision: i32,
    pub based_on: Option<i32>,
    pub change_note: String,
    pub texts: Vec<(Component, String)>,
    pub last_saved: Option<String>,
    pub flash: Option<Flash>,
    pub conflict: Option<ConflictInfo>,
}

#[cfg(feature = "ssr")]
async fn conflict_info(
    db: &sea_orm::DatabaseConnection,
    unit_zone: &str,
    current: Option<crate::ssr::entities::standard_version::Model>,
    mine: &ssr::Texts,
    lang: crate::i18n::Lang,
) -> Result<ConflictInfo, AppError> {
    use crate::ssr::entities::user;
    use sea_orm::EntityTrait;
    let Some(current) = current else {
        return Ok(ConflictInfo { revision: 0, saved_by: String::new(), saved_at: String::new(), theirs: Vec::new() });
    };
    let theirs = ssr::texts(db, current.id).await?;
    let by = match current.updated_by {
        Some(id) => user::Entity::find_by_id(id).one(db).await?.map(|u| u.name).unwrap_or_default(),
        None => String::new(),
    };
    Ok(ConflictInfo {
        revision: current.revision,
        saved_by: by,
        saved_at: crate::ssr::timefmt::date_time(current.updated_at, unit_zone, lang),
        theirs: Component::ALL
            .iter()
            .filter(|c| theirs.get(c) != mine.get(c))
            .map(|c| (*c, theirs.get(c).cloned().unwrap_or_default()))
            .collect(),
    })
}

#[server]
pub async fn get_edit_data(service_id: i32) -> Result<EditData, AppError> {
    let db = crate::ssr::db()?;
    let (unit, service) = ssr::service_with_unit(&db, service_id).await?;
    crate::auth::ssr::require_manager_of(unit.id).await?;
    let lang = crate::i18n::use_lang();
    let flash = crate::ssr::flash::take().await.filter(|f| f.form == "draft");
    let draft = ssr::draft_of(&db, service_id).await?;
    let versions = ssr::published_versions(&db, service_id).await?;
    let latest = versions.first();
    let (revision, texts, note, last_saved) = match &draft {
        Some(d) => (
            d.revision,
            ssr::texts(&db, d.id).await?,
            d.change_note.clone(),
            Some(crate::ssr::timefmt::date_time(d.updated_at, &unit.timezone, lang)),
        ),
        None => match latest {
            Some(v) => (0, ssr::texts(&db, v.id).await?, String::new(), None),
            None => (0, ssr::Texts::new(), String::new(), None),
        },
    };
    // After a conflict in a plain form post, the editor's own text comes back from the flash
    // and the other editor's saved text is shown beside it.
    let conflict = match &flash {
        Some(f) if f.error == Some(AppError::Conflict) => {
            let mine: ssr::Texts = Component::ALL
                .iter()
                .map(|c| (*c, f.value(&c.field()).unwrap_or_default().replace("\r\n", "\n").trim().to_string()))
                .collect();
            Some(conflict_info(&db, &unit.timezone, draft.clone(), &mine, lang).await?)
        }
        _ => None,
    };
    Ok(EditData {
        service_id,
        unit_id: unit.id,
        unit_name: unit.name,
        public_href: format!("/layanan/{}/{}", unit.slug, service.slug),
        service_name: service.name,
        revision,
        based_on: if draft.is_none() { latest.and_then(|v| v.version_no) } else { None },
        change_note: note,
        texts: Component::ALL.iter().map(|c| (*c, texts.get(c).cloned().unwrap_or_default())).collect(),
        last_saved,
        flash,
        conflict,
    })
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SaveDraftOutcome {
    Saved,
    Conflict(ConflictInfo),
}

#[server]
pub async fn save_draft(
    service_id: i32,
    revision: i32,
    change_note: String,
    c: BTreeMap<String, String>,
) -> Result<SaveDraftOutcome, AppError> {
    let db = crate::ssr::db()?;
    let (unit, _) = ssr::service_with_unit(&db, service_id).await?;
    let user = crate::auth::ssr::require_manager_of(unit.id).await?;
    let input = ssr::DraftInput::from_form(change_note.clone(), &c);
    let values = || ssr::DraftInput::form_values(&change_note, &c);
    match ssr::save_draft(&db, service_id, revision, &input, user.id, crate::ssr::now()?).await {
        Ok(ssr::SaveResult::Saved { .. }) => {
            crate::ssr::public_pages_changed();
            crate::ssr::redirect(&format!("/kelola/layanan/{service_id}/pratinjau"));
            Ok(SaveDraftOutcome::Saved)
        }
        Ok(ssr::SaveResult::Conflict { current }) => {
            let info = conflict_info(&db, &unit.timezone, current, &input.components, crate::i18n::use_lang()).await?;
            crate::ssr::flash::keep("draft", values(), AppError::Conflict).await;
            Ok(SaveDraftOutcome::Conflict(info))
        }
        Err(e) => Err(crate::ssr::flash::keep("draft", values(), e).await),
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PreviewData {
    pub service_id: i32,
    pub view: StandardView,
    pub revision: i32,
    pub default_date: String,
    pub default_time: String,
    pub zone: String,
    pub flash: Option<Flash>,
}

#[server]
pub async fn get_preview(service_id: i32) -> Result<PreviewData, AppError> {
    let db = crate::ssr::db()?;
    let (unit, _) = ssr::service_with_unit(&db, service_id).await?;
    crate::auth::ssr::require_manager_of(unit.id).await?;
    let (view, draft) = ssr::preview_view(&db, &*crate::ssr::markdown_cache()?, service_id, crate::i18n::use_lang(), crate::ssr::now()?).await?;
    let (default_date, default_time) = crate::ssr::timefmt::local_now_fields(&unit.timezone, crate::ssr::now()?);
    Ok(PreviewData {
        service_id,
        view,
        revision: draft.revision,
        default_date,
        default_time,
        zone: crate::ssr::timefmt::zone_abbr(&unit.timezone).into(),
        flash: crate::ssr::flash::take().await.filter(|f| f.form == "publish"),
    })
}

#[server]
pub async fn publish_draft(
    service_id: i32,
    revision: i32,
    kapan: String,
    tanggal: String,
    jam: String,
) -> Result<(), AppError> {
    use crate::forms::{FieldErrors, Problem};
    use crate::ssr::timefmt::{parse_local, LocalParseError};
    let db = crate::ssr::db()?;
    let (unit, service) = ssr::service_with_unit(&db, service_id).await?;
    let user = crate::auth::ssr::require_manager_of(unit.id).await?;
    let values = BTreeMap::from([
        ("kapan".to_string(), kapan.clone()),
        ("tanggal".to_string(), tanggal.clone()),
        ("jam".to_string(), jam.clone()),
    ]);
    let effective = if kapan == "nanti" {
        match parse_local(&tanggal, &jam, &unit.timezone) {
            Ok(at) => Ok(ssr::Effective::At(at)),
            Err(e) => {
                let mut errors = FieldErrors::default();
                match e {
                    LocalParseError::Date if tanggal.trim().is_empty() => errors.add("tanggal", Problem::Required),
                    LocalParseError::Date => errors.add("tanggal", Problem::InvalidDate),
                    LocalParseError::Time => errors.add("jam", Problem::InvalidTime),
                }
                Err(AppError::Invalid(errors))
            }
        }
    } else {
        Ok(ssr::Effective::Now)
    };
    let result = match effective {
        Ok(effective) => ssr::publish(
            &db,
            service_id,
            revision,
            effective,
            user.id,
            crate::i18n::use_lang(),
            crate::ssr::now()?,
        )
        .await
        .map(|_| ()),
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => {
            crate::ssr::public_pages_changed();
            crate::ssr::redirect(&format!("/layanan/{}/{}?terbit=1", unit.slug, service.slug));
            Ok(())
        }
        Err(e) => Err(crate::ssr::flash::keep("publish", values, e).await),
    }
}

#[server]
pub async fn create_service(
    unit_id: i32,
    name: String,
    slug: String,
    summary: String,
    keywords: String,
    summary_en: String,
    keywords_en: String,
) -> Result<(), AppError> {
    let user = crate::auth::ssr::require_manager_of(unit_id).await?;
    let db = crate::ssr::db()?;
    let details = ssr::ServiceDetails { name, summary, keywords, summary_en, keywords_en };
    let mut values = details.values();
    values.insert("unit_id".to_string(), unit_id.to_string());
    values.insert("slug".to_string(), slug.clone());
    let input = ssr::NewService { slug, details };
    match ssr::create_service(&db, unit_id, input, user.id, crate::ssr::now()?).await {
        Ok(created) => {
            crate::ssr::public_pages_changed();
            crate::ssr::redirect(&format!("/kelola/layanan/{}", created.id));
            Ok(())
        }
        Err(e) => Err(crate::ssr::flash::keep(&format!("service-{unit_id}"), values, e).await),
    }
}

/// A service's texts for its managers' form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceDetailsData {
    pub service_id: i32,
    pub unit_name: String,
    pub slug: String,
    pub public_href: String,
    /// Field name to value: what is stored, or what was typed when saving was refused.
    pub values: BTreeMap<String, String>,
    pub flash: Option<Flash>,
}

#[server]
pub async fn get_service_details(service_id: i32) -> Result<ServiceDetailsData, AppError> {
    let db = crate::ssr::db()?;
    let (unit, service) = ssr::service_with_unit(&db, service_id).await?;
    crate::auth::ssr::require_manager_of(unit.id).await?;
    let flash = crate::ssr::flash::take().await.filter(|f| f.form == format!("service-details-{service_id}"));
    let values = ssr::ServiceDetails::of(&service).values();
    Ok(ServiceDetailsData {
        service_id,
        unit_name: unit.name,
        public_href: format!("/layanan/{}/{}", unit.slug, service.slug),
        slug: service.slug,
        values,
        flash,
    })
}

#[server]
pub async fn save_service_details(
    service_id: i32,
    name: String,
    summary: String,
    keywords: String,
    summary_en: String,
    keywords_en: String,
) -> Result<(), AppError> {
    let db = crate::ssr::db()?;
    let (unit, service) = ssr::service_with_unit(&db, service_id).await?;
    let user = crate::auth::ssr::require_manager_of(unit.id).await?;
    let details = ssr::ServiceDetails { name, summary, keywords, summary_en, keywords_en };
    match ssr::update_service(&db, &service, &details, user.id, crate::ssr::now()?).await {
        Ok(()) => {
            crate::ssr::public_pages_changed();
            crate::ssr::redirect(&format!("/kelola/layanan/{service_id}/keterangan?ok=1"));
            Ok(())
        }
        Err(e) => Err(crate::ssr::flash::keep(&format!("service-details-{service_id}"), details.values(), e).await),
    }
}

#[server]
pub async fn take_flash() -> Result<Option<Flash>, AppError> {
    Ok(crate::ssr::flash::take().await)
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MaklumatData {
    pub unit_id: i32,
    pub unit_name: String,
    pub text: String,
    pub flash: Option<Flash>,
}

#[server]
pub async fn get_maklumat(unit_id: i32) -> Result<MaklumatData, AppError> {
    use crate::ssr::entities::unit;
    use sea_orm::EntityTrait;
    crate::auth::ssr::require_manager_of(unit_id).await?;
    let db = crate::ssr::db()?;
    let u = unit::Entity::find_by_id(unit_id).one(&db).await?.ok_or(AppError::NotFound)?;
    Ok(MaklumatData {
        unit_id,
        unit_name: u.name,
        text: u.maklumat,
        flash: crate::ssr::flash::take().await.filter(|f| f.form == "maklumat"),
    })
}

#[server]
pub async fn save_maklumat(unit_id: i32, maklumat: String) -> Result<(), AppError> {
    let user = crate::auth::ssr::require_manager_of(unit_id).await?;
    let db = crate::ssr::db()?;
    match ssr::save_maklumat(&db, unit_id, &maklumat, user.id, crate::ssr::now()?).await {
        Ok(()) => {
            crate::ssr::public_pages_changed();
            crate::ssr::redirect("/kelola?maklumat=1");
            Ok(())
        }
        Err(e) => {
            let values = BTreeMap::from([("maklumat".to_string(), maklumat)]);
            Err(crate::ssr::flash::keep("maklumat", values, e).await)
        }
    }
}
