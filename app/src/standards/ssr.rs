//! The rules of service standards, free of HTTP: which version is in force, drafts with an
//! optimistic revision check, publishing with an effective date, and what changed.
use super::*;
use crate::error::AppError;
use crate::common::contact::Slug;
use crate::forms::{FieldErrors, Problem};
use crate::ssr::entities::{service, standard_component, standard_version as sv, unit};
use crate::ssr::{audit, markdown, timefmt};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, Set, TransactionTrait,
};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Component texts of one version.
pub type Texts = BTreeMap<Component, String>;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DraftInput {
    pub change_note: String,
    pub components: Texts,
}

impl DraftInput {
    /// Reads the form's `c[key]` map; unknown keys are ignored.
    pub fn from_form(change_note: String, c: &BTreeMap<String, String>) -> DraftInput {
        let read = |key: &str| c.get(key).map(|s| normalize_text(s)).unwrap_or_default();
        let components = Component::ALL
            .iter()
            .map(|comp| {
                let text = match comp {
                    Component::Persyaratan => requirements::Requirements {
                        documents: read(comp.key()),
                        conditions: read(Component::CONDITIONS_KEY),
                    }
                    .compose(),
                    _ => read(comp.key()),
                };
                (*comp, text)
            })
            .collect();
        DraftInput { change_note: change_note.trim().to_string(), components }
    }

    /// The form values as they were typed, to give back on an error.
    pub fn form_values(change_note: &str, c: &BTreeMap<String, String>) -> BTreeMap<String, String> {
        let mut values: BTreeMap<String, String> = c
            .iter()
            .filter(|(k, _)| Component::from_key(k).is_some() || k.as_str() == Component::CONDITIONS_KEY)
            .map(|(k, v)| (format!("c[{k}]"), v.clone()))
            .collect();
        values.insert("change_note".into(), change_note.to_string());
        values
    }
}

/// Line endings unified and trailing space removed, so that diffs show real changes only.
fn normalize_text(s: &str) -> String {
    s.replace("\r\n", "\n").lines().map(str::trim_end).collect::<Vec<_>>().join("\n").trim().to_string()
}

/// Every component is required by law; each has a length limit.
pub fn validate_draft(input: &DraftInput) -> FieldErrors {
    let mut errors = FieldErrors::default();
    for comp in Component::ALL {
        let text = input.components.get(&comp).map(String::as_str).unwrap_or("");
        errors.text(&comp.field(), text, true, MAX_COMPONENT_CHARS);
    }
    errors.text("change_note", &input.change_note, false, MAX_CHANGE_NOTE_CHARS);
    errors
}

pub async fn find_unit(db: &impl ConnectionTrait, slug: &str) -> Result<unit::Model, AppError> {
    unit::Entity::by_slug(db, slug).await?.ok_or(AppError::NotFound)
}

pub async fn find_service(
    db: &impl ConnectionTrait,
    unit_slug: &str,
    service_slug: &str,
) -> Result<(unit::Model, service::Model), AppError> {
    let unit = find_unit(db, unit_slug).await?;
    let service = service::Entity::find()
        .filter(service::Column::UnitId.eq(unit.id))
        .filter(service::Column::Slug.eq(service_slug))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((unit, service))
}

pub async fn service_with_unit(
    db: &impl ConnectionTrait,
    service_id: i32,
) -> Result<(unit::Model, service::Model), AppError> {
    let (service, unit) = service::Entity::find_by_id(service_id)
        .find_also_related(unit::Entity)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((unit.ok_or(AppError::NotFound)?, service))
}

/// Published versions of a service, newest first.
pub async fn published_versions(
    db: &impl ConnectionTrait,
    service_id: i32,
) -> Result<Vec<sv::Model>, AppError> {
    Ok(sv::Entity::find()
        .filter(sv::Column::ServiceId.eq(service_id))
        .filter(sv::Column::Status.eq(sv::PUBLISHED))
        .order_by_desc(sv::Column::VersionNo)
        .all(db)
        .await?)
}

/// The version in force at `at`: the highest-numbered one already effective. Effective dates
/// never go backwards between versions (publishing refuses that), so this is also the one
/// that took effect last.
pub fn in_force(versions: &[sv::Model], at: DateTime<Utc>) -> Option<&sv::Model> {
    versions
        .iter()
        .filter(|v| v.effective_at.is_some_and(|e| e <= at))
        .max_by_key(|v| v.version_no)
}

/// The next version that will take effect after `at`, if one is scheduled.
pub fn upcoming(versions: &[sv::Model], at: DateTime<Utc>) -> Option<&sv::Model> {
    versions
        .iter()
        .filter(|v| v.effective_at.is_some_and(|e| e > at))
        .min_by_key(|v| v.effective_at)
}

pub async fn texts(db: &impl ConnectionTrait, version_id: i32) -> Result<Texts, AppError> {
    Ok(standard_component::Entity::find()
        .filter(standard_component::Column::VersionId.eq(version_id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|row| Component::from_number(row.component).map(|c| (c, row.body)))
        .collect())
}

/// What changed, component by component, item by item (see [`super::changes`]).
/// Components that read the same are left out.
pub fn diff(old: &Texts, new: &Texts) -> Vec<ComponentChange> {
    Component::ALL
        .iter()
        .filter_map(|comp| {
            let before = old.get(comp).map(String::as_str).unwrap_or("");
            let after = new.get(comp).map(String::as_str).unwrap_or("");
            let items = super::changes::compare(before, after)?;
            Some(ComponentChange { component: *comp, items })
        })
        .collect()
}

fn render(md: &markdown::Cache, texts: &Texts) -> Vec<RenderedComponent> {
    Component::ALL
        .iter()
        .map(|c| RenderedComponent {
            component: *c,
            html: md.render(texts.get(c).map(String::as_str).unwrap_or("")).to_string(),
        })
        .collect()
}

pub fn version_info(v: &sv::Model, state: VersionState, zone: &str, lang: Lang) -> VersionInfo {
    VersionInfo {
        no: v.version_no.unwrap_or(0),
        state,
        effective: v.effective_at.map(|e| timefmt::date_time(e, zone, lang)).unwrap_or_default(),
        published: v.published_at.map(|e| timefmt::date(e, zone, lang)).unwrap_or_default(),
        change_note: v.change_note.clone(),
    }
}

fn state_of(v: &sv::Model, in_force_no: Option<i32>, now: DateTime<Utc>) -> VersionState {
    if v.status == sv::DRAFT {
        VersionState::Draft
    } else if v.version_no == in_force_no {
        VersionState::InForce
    } else if v.effective_at.is_some_and(|e| e > now) {
        VersionState::Upcoming
    } else {
        VersionState::Superseded
    }
}

async fn unit_card(db: &impl ConnectionTrait, unit: &unit::Model) -> Result<UnitCard, AppError> {
    use sea_orm::PaginatorTrait;
    let count = service::Entity::find()
        .filter(service::Column::UnitId.eq(unit.id))
        .count(db)
        .await?;
    Ok(card_of(unit, count))
}

pub fn card_of(unit: &unit::Model, service_count: u64) -> UnitCard {
    UnitCard {
        id: unit.id,
        slug: unit.slug.clone(),
        name: unit.name.clone(),
        address: unit.address.clone(),
        zone: timefmt::zone_abbr(&unit.timezone).to_string(),
        service_count,
    }
}

/// The public page of a standard: the version in force (or version `no`), the next one if
/// scheduled, what changed against the previous one, and the history.
pub async fn standard_view(
    db: &impl ConnectionTrait,
    md: &markdown::Cache,
    unit_slug: &str,
    service_slug: &str,
    no: Option<i32>,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<StandardView, AppError> {
    let (unit, service) = find_service(db, unit_slug, service_slug).await?;
    let versions = published_versions(db, service.id).await?;
    let current = in_force(&versions, now);
    let current_no = current.and_then(|v| v.version_no);
    let shown = match no {
        Some(n) => Some(versions.iter().find(|v| v.version_no == Some(n)).ok_or(AppError::NotFound)?),
        None => current,
    };
    let (shown_info, components, previous_no, changes) = match shown {
        Some(v) => {
            let new = texts(db, v.id).await?;
            let previous = versions.iter().find(|p| p.version_no.is_some() && p.version_no < v.version_no);
            let changes = match previous {
                Some(p) => diff(&texts(db, p.id).await?, &new),
                None => Vec::new(),
            };
            (
                Some(version_info(v, state_of(v, current_no, now), &unit.timezone, lang)),
                render(md, &new),
                previous.and_then(|p| p.version_no),
                changes,
            )
        }
        None => (None, Vec::new(), None, Vec::new()),
    };
    let next = upcoming(&versions, now)
        .map(|v| version_info(v, VersionState::Upcoming, &unit.timezone, lang));
    let history = versions
        .iter()
        .map(|v| version_info(v, state_of(v, current_no, now), &unit.timezone, lang))
        .collect();
    Ok(StandardView {
        unit: unit_card(db, &unit).await?,
        service_name: service.name,
        service_slug: service.slug,
        summary: service.summary,
        summary_en: service.summary_en,
        shown: shown_info,
        components,
        in_force_no: current_no,
        upcoming: next,
        previous_no,
        changes,
        history,
        maklumat_html: md.render(&unit.maklumat).to_string(),
        changes_at: upcoming(&versions, now).and_then(|v| v.effective_at).map(|e| e.timestamp()),
    })
}

/// The draft as citizens would see it once published, with what it changes against the
/// version in force.
pub async fn preview_view(
    db: &impl ConnectionTrait,
    md: &markdown::Cache,
    service_id: i32,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<(StandardView, sv::Model), AppError> {
    let (unit, service) = service_with_unit(db, service_id).await?;
    let draft = draft_of(db, service_id).await?.ok_or(AppError::NotFound)?;
    let versions = published_versions(db, service.id).await?;
    let latest = versions.first();
    let new = texts(db, draft.id).await?;
    let changes = match latest {
        Some(p) => diff(&texts(db, p.id).await?, &new),
        None => Vec::new(),
    };
    let history = {
        let current_no = in_force(&versions, now).and_then(|v| v.version_no);
        versions
            .iter()
            .map(|v| version_info(v, state_of(v, current_no, now), &unit.timezone, lang))
            .collect()
    };
    let mut info = version_info(&draft, VersionState::Draft, &unit.timezone, lang);
    info.no = latest.and_then(|v| v.version_no).unwrap_or(0) + 1;
    let view = StandardView {
        unit: unit_card(db, &unit).await?,
        service_name: service.name,
        service_slug: service.slug,
        summary: service.summary,
        summary_en: service.summary_en,
        shown: Some(info),
        components: render(md, &new),
        in_force_no: in_force(&versions, now).and_then(|v| v.version_no),
        upcoming: None,
        previous_no: latest.and_then(|v| v.version_no),
        changes,
        history,
        maklumat_html: md.render(&unit.maklumat).to_string(),
        changes_at: None,
    };
    Ok((view, draft))
}

pub async fn draft_of(db: &impl ConnectionTrait, service_id: i32) -> Result<Option<sv::Model>, AppError> {
    Ok(sv::Entity::find()
        .filter(sv::Column::ServiceId.eq(service_id))
        .filter(sv::Column::Status.eq(sv::DRAFT))
        .one(db)
        .await?)
}

/// The outcome of saving a draft.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveResult {
    Saved { revision: i32 },
    /// Someone saved (or published) since this editor opened the draft; nothing was written.
    Conflict { current: Option<sv::Model> },
}

async fn write_texts(db: &impl ConnectionTrait, version_id: i32, texts: &Texts) -> Result<(), AppError> {
    standard_component::Entity::delete_many()
        .filter(standard_component::Column::VersionId.eq(version_id))
        .exec(db)
        .await?;
    let rows = Component::ALL.iter().map(|c| standard_component::ActiveModel {
        version_id: Set(version_id),
        component: Set(c.number()),
        body: Set(texts.get(c).cloned().unwrap_or_default()),
    });
    standard_component::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}

/// Saves the draft of a service if it is still at `expected_revision` (0: no draft existed
/// when the editor opened it). A later save never silently overwrites an earlier one.
#[tracing::instrument(skip(db, input))]
pub async fn save_draft<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    service_id: i32,
    expected_revision: i32,
    input: &DraftInput,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<SaveResult, AppError> {
    validate_draft(input).into_result()?;
    let txn = crate::ssr::begin_write(db).await?;
    let existing = draft_of(&txn, service_id).await?;
    let result = match existing {
        Some(draft) if draft.revision == expected_revision => {
            let updated = sv::Entity::update_many()
                .col_expr(sv::Column::Revision, Expr::col(sv::Column::Revision).add(1))
                .col_expr(sv::Column::ChangeNote, Expr::value(input.change_note.clone()))
                .col_expr(sv::Column::UpdatedAt, Expr::value(now))
                .col_expr(sv::Column::UpdatedBy, Expr::value(actor))
                .filter(sv::Column::Id.eq(draft.id))
                .filter(sv::Column::Status.eq(sv::DRAFT))
                .filter(sv::Column::Revision.eq(expected_revision))
                .exec(&txn)
                .await?;
            if updated.rows_affected == 1 {
                write_texts(&txn, draft.id, &input.components).await?;
                SaveResult::Saved { revision: expected_revision + 1 }
            } else {
                SaveResult::Conflict { current: draft_of(&txn, service_id).await? }
            }
        }
        Some(draft) => SaveResult::Conflict { current: Some(draft) },
        None if expected_revision == 0 => {
            let inserted = sv::ActiveModel {
                service_id: Set(service_id),
                status: Set(sv::DRAFT.to_string()),
                version_no: Set(None),
                effective_at: Set(None),
                published_at: Set(None),
                published_by: Set(None),
                change_note: Set(input.change_note.clone()),
                revision: Set(1),
                updated_at: Set(now),
                updated_by: Set(Some(actor)),
                ..Default::default()
            }
            .insert(&txn)
            .await;
            match inserted {
                Ok(draft) => {
                    write_texts(&txn, draft.id, &input.components).await?;
                    SaveResult::Saved { revision: 1 }
                }
                // Another editor created the draft at the same moment.
                Err(e) if matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) => {
                    txn.rollback().await?;
                    return Ok(SaveResult::Conflict { current: draft_of(db, service_id).await? });
                }
                Err(e) => return Err(e.into()),
            }
        }
        // The draft this editor opened was published (or discarded) meanwhile.
        None => SaveResult::Conflict { current: None },
    };
    if let SaveResult::Saved { revision } = &result {
        audit::record(
            &txn,
            Some(actor),
            "standard.draft.save",
            "service",
            service_id,
            serde_json::json!({ "revision": revision }),
            now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(result)
}

/// When a published version takes effect.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Effective {
    Now,
    At(DateTime<Utc>),
}

/// A version may not be dated more than this far back (the form's clock and the server's).
const PAST_GRACE: Duration = Duration::minutes(5);

/// Publishes the draft of a service at `expected_revision` as the next numbered version.
#[tracing::instrument(skip(db))]
pub async fn publish<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    service_id: i32,
    expected_revision: i32,
    effective: Effective,
    actor: i32,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<sv::Model, AppError> {
    let txn = crate::ssr::begin_write(db).await?;
    let (unit, _) = service_with_unit(&txn, service_id).await?;
    let draft = draft_of(&txn, service_id).await?.ok_or(AppError::Conflict)?;
    if draft.revision != expected_revision {
        return Err(AppError::Conflict);
    }
    let input = DraftInput { change_note: draft.change_note.clone(), components: texts(&txn, draft.id).await? };
    validate_draft(&input).into_result()?;

    let versions = published_versions(&txn, service_id).await?;
    let effective_at = match effective {
        Effective::Now => now,
        Effective::At(at) => at,
    };
    let mut errors = FieldErrors::default();
    if effective_at < now - PAST_GRACE {
        errors.add("tanggal", Problem::DateInPast);
    } else if let Some(latest) = versions.iter().filter_map(|v| v.effective_at).max() {
        if effective_at < latest {
            errors.add(
                "tanggal",
                Problem::BeforePrevious { previous: timefmt::date_time(latest, &unit.timezone, lang) },
            );
        }
    }
    errors.into_result()?;

    let next_no = versions.iter().filter_map(|v| v.version_no).max().unwrap_or(0) + 1;
    let updated = sv::Entity::update_many()
        .col_expr(sv::Column::Status, Expr::value(sv::PUBLISHED))
        .col_expr(sv::Column::VersionNo, Expr::value(next_no))
        .col_expr(sv::Column::EffectiveAt, Expr::value(effective_at))
        .col_expr(sv::Column::PublishedAt, Expr::value(now))
        .col_expr(sv::Column::PublishedBy, Expr::value(actor))
        .filter(sv::Column::Id.eq(draft.id))
        .filter(sv::Column::Status.eq(sv::DRAFT))
        .filter(sv::Column::Revision.eq(expected_revision))
        .exec(&txn)
        .await
        .map_err(|e| match e.sql_err() {
            // Another publish took this number at the same moment.
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => AppError::Conflict,
            _ => e.into(),
        })?;
    if updated.rows_affected != 1 {
        return Err(AppError::Conflict);
    }
    audit::record(
        &txn,
        Some(actor),
        "standard.publish",
        "service",
        service_id,
        serde_json::json!({ "version": next_no, "effective_at": effective_at.to_rfc3339() }),
        now,
    )
    .await?;
    let published = sv::Entity::find_by_id(draft.id).one(&txn).await?.ok_or(AppError::Internal)?;
    txn.commit().await?;
    Ok(published)
}

/// Services whose name, summary, keywords (in Indonesian or English) or unit match every
/// word of `query`, found by the services' search index (`ssr::search`).
pub async fn search(db: &impl ConnectionTrait, query: &str) -> Result<Vec<ServiceCard>, AppError> {
    use crate::ssr::search::{self, Index};
    let words = search::words(query);
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let backend = db.get_database_backend();
    let mut cond = Condition::all();
    for w in &words {
        let unit_named = unit::Entity::find()
            .select_only()
            .column(unit::Column::Id)
            .filter(Expr::expr(Func::lower(Expr::col((unit::Entity, unit::Column::Name)))).like(format!("%{w}%")))
            .as_query()
            .to_owned();
        cond = cond.add(
            Condition::any()
                .add(search::matches(backend, Index::Services, w))
                .add(service::Column::UnitId.in_subquery(unit_named)),
        );
    }
    let rows = service::Entity::find()
        .find_also_related(unit::Entity)
        .filter(cond)
        .order_by_asc(service::Column::Name)
        .limit(50)
        .all(db)
        .await?;
    service_cards(db, rows).await
}

async fn service_cards(
    db: &impl ConnectionTrait,
    rows: Vec<(service::Model, Option<unit::Model>)>,
) -> Result<Vec<ServiceCard>, AppError> {
    let ids: Vec<i32> = rows.iter().map(|(s, _)| s.id).collect();
    let with_standard: HashSet<i32> = sv::Entity::find()
        .select_only()
        .column(sv::Column::ServiceId)
        .filter(sv::Column::ServiceId.is_in(ids))
        .filter(sv::Column::Status.eq(sv::PUBLISHED))
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|(s, u)| {
            let u = u?;
            Some(ServiceCard {
                unit_slug: u.slug,
                unit_name: u.name,
                has_standard: with_standard.contains(&s.id),
                slug: s.slug,
                name: s.name,
                summary: s.summary,
                summary_en: s.summary_en,
            })
        })
        .collect())
}

pub async fn home(
    db: &impl ConnectionTrait,
    query: &str,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<HomeData, AppError> {
    let cards = unit_cards(db).await?;
    let unit_count = cards.len() as u64;
    let query = query.trim().chars().take(100).collect::<String>();
    let results = if query.is_empty() { None } else { Some(search(db, &query).await?) };

    // The latest publications, with what each service's versions say of them: three
    // queries whatever the number of units and services.
    let latest_versions = sv::Entity::find()
        .filter(sv::Column::Status.eq(sv::PUBLISHED))
        .order_by_desc(sv::Column::PublishedAt)
        .limit(8)
        .all(db)
        .await?;
    let ids: Vec<i32> = latest_versions.iter().map(|v| v.service_id).collect();
    let services: HashMap<i32, service::Model> =
        service::Entity::find().filter(service::Column::Id.is_in(ids.clone())).all(db).await?.into_iter().map(|s| (s.id, s)).collect();
    let mut versions: HashMap<i32, Vec<sv::Model>> = HashMap::new();
    for v in sv::Entity::find()
        .filter(sv::Column::ServiceId.is_in(ids))
        .filter(sv::Column::Status.eq(sv::PUBLISHED))
        .all(db)
        .await?
    {
        versions.entry(v.service_id).or_default().push(v);
    }
    let listed: HashSet<i32> = services.values().map(|s| s.unit_id).collect();
    let units = unit::Entity::find().filter(unit::Column::Id.is_in(listed)).all(db).await?;
    let by_id: HashMap<i32, &unit::Model> = units.iter().map(|u| (u.id, u)).collect();
    let mut latest = Vec::new();
    for v in latest_versions {
        let Some(service) = services.get(&v.service_id) else { continue };
        let Some(unit) = by_id.get(&service.unit_id) else { continue };
        let current_no = in_force(versions.get(&v.service_id).map(Vec::as_slice).unwrap_or_default(), now).and_then(|x| x.version_no);
        latest.push(LatestChange {
            version: version_info(&v, state_of(&v, current_no, now), &unit.timezone, lang),
            service: ServiceCard {
                unit_slug: unit.slug.clone(),
                unit_name: unit.name.clone(),
                slug: service.slug.clone(),
                name: service.name.clone(),
                summary: service.summary.clone(),
                summary_en: service.summary_en.clone(),
                has_standard: true,
            },
        });
    }
    Ok(HomeData {
        units: if cards.len() <= HOME_UNIT_CARDS { cards } else { Vec::new() },
        unit_count,
        query,
        results,
        latest,
    })
}

/// Every unit as a card, by name, with its number of services: two queries whatever the
/// number of units, and none of a unit's long texts (its maklumat) read.
pub async fn unit_cards(db: &impl ConnectionTrait) -> Result<Vec<UnitCard>, AppError> {
    let counts: HashMap<i32, i64> = service::Entity::find()
        .select_only()
        .column(service::Column::UnitId)
        .column_as(service::Column::Id.count(), "n")
        .group_by(service::Column::UnitId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let units: Vec<(i32, String, String, String, String)> = unit::Entity::find()
        .select_only()
        .columns([unit::Column::Id, unit::Column::Slug, unit::Column::Name, unit::Column::Address, unit::Column::Timezone])
        .order_by_asc(unit::Column::Name)
        .into_tuple()
        .all(db)
        .await?;
    Ok(units
        .into_iter()
        .map(|(id, slug, name, address, timezone)| UnitCard {
            id,
            slug,
            name,
            address,
            zone: timefmt::zone_abbr(&timezone).to_string(),
            service_count: counts.get(&id).copied().unwrap_or(0) as u64,
        })
        .collect())
}

/// The directory of units: those whose name holds every word of `filter` (in any letter
/// case), or all of them.
pub fn unit_directory(cards: Vec<UnitCard>, filter: &str) -> UnitDirectory {
    let filter = filter.trim().chars().take(100).collect::<String>();
    let words: Vec<String> = filter.split_whitespace().map(str::to_lowercase).collect();
    let total = cards.len() as u64;
    let units = cards
        .into_iter()
        .filter(|c| {
            let name = c.name.to_lowercase();
            words.iter().all(|w| name.contains(w.as_str()))
        })
        .collect();
    UnitDirectory { units, total, filter }
}

pub async fn unit_page(db: &impl ConnectionTrait, md: &markdown::Cache, slug: &str) -> Result<UnitPageData, AppError> {
    let unit = find_unit(db, slug).await?;
    let services = service::Entity::find()
        .filter(service::Column::UnitId.eq(unit.id))
        .order_by_asc(service::Column::Name)
        .all(db)
        .await?;
    let cards = service_cards(db, services.into_iter().map(|s| (s, Some(unit.clone()))).collect()).await?;
    Ok(UnitPageData {
        unit: card_of(&unit, cards.len() as u64),
        maklumat_html: md.render(&unit.maklumat).to_string(),
        services: cards,
    })
}

pub struct NewService {
    pub slug: String,
    pub details: ServiceDetails,
}

/// What a manager may change of a service after it exists (its address stays).
#[derive(Clone, Debug, Default)]
pub struct ServiceDetails {
    pub name: String,
    pub summary: String,
    pub keywords: String,
    pub summary_en: String,
    pub keywords_en: String,
}

impl ServiceDetails {
    /// The one check of a service's texts, for adding and for changing it.
    fn check(&self, errors: &mut FieldErrors) {
        errors.text("name", &self.name, true, 160);
        errors.text("summary", &self.summary, true, 500);
        errors.text("keywords", &self.keywords, false, 500);
        errors.text("summary_en", &self.summary_en, false, 500);
        errors.text("keywords_en", &self.keywords_en, false, 500);
    }

    pub fn of(s: &service::Model) -> ServiceDetails {
        ServiceDetails {
            name: s.name.clone(),
            summary: s.summary.clone(),
            keywords: s.keywords.clone(),
            summary_en: s.summary_en.clone(),
            keywords_en: s.keywords_en.clone(),
        }
    }

    /// The form's values, by field name.
    pub fn values(&self) -> BTreeMap<String, String> {
        [
            ("name", &self.name),
            ("summary", &self.summary),
            ("keywords", &self.keywords),
            ("summary_en", &self.summary_en),
            ("keywords_en", &self.keywords_en),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
    }

    fn apply(&self, row: &mut service::ActiveModel) {
        row.name = Set(self.name.trim().to_string());
        row.summary = Set(self.summary.trim().to_string());
        row.keywords = Set(self.keywords.trim().to_string());
        row.summary_en = Set(self.summary_en.trim().to_string());
        row.keywords_en = Set(self.keywords_en.trim().to_string());
    }
}


pub async fn create_service(
    db: &impl ConnectionTrait,
    unit_id: i32,
    input: NewService,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<service::Model, AppError> {
    let slug = input.slug.trim().to_string();
    let mut errors = FieldErrors::default();
    input.details.check(&mut errors);
    errors.parsed("slug", &slug, Slug::parse);
    if errors.is_empty()
        && service::Entity::find()
            .filter(service::Column::UnitId.eq(unit_id))
            .filter(service::Column::Slug.eq(slug.clone()))
            .one(db)
            .await?
            .is_some()
    {
        errors.add("slug", Problem::Taken);
    }
    errors.into_result()?;
    let mut row = service::ActiveModel { unit_id: Set(unit_id), slug: Set(slug), created_at: Set(now), ..Default::default() };
    input.details.apply(&mut row);
    let created = row
    .insert(db)
    .await
    .map_err(AppError::taken_on("slug"))?;
    crate::rosters::ssr::grant_service_to_members(db, unit_id, created.id).await?;
    audit::record(db, Some(actor), "service.create", "service", created.id, serde_json::json!({}), now).await?;
    Ok(created)
}

/// Changes a service's name, summaries and search words.
pub async fn update_service(
    db: &impl ConnectionTrait,
    service: &service::Model,
    details: &ServiceDetails,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::default();
    details.check(&mut errors);
    errors.into_result()?;
    let mut row: service::ActiveModel = service.clone().into();
    details.apply(&mut row);
    row.update(db).await?;
    audit::record(db, Some(actor), "service.update", "service", service.id, serde_json::json!({}), now).await?;
    Ok(())
}

pub async fn save_maklumat(
    db: &impl ConnectionTrait,
    unit_id: i32,
    text: &str,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let text = normalize_text(text);
    let mut errors = FieldErrors::default();
    errors.text("maklumat", &text, true, MAX_COMPONENT_CHARS);
    errors.into_result()?;
    let unit = unit::Entity::find_by_id(unit_id).one(db).await?.ok_or(AppError::NotFound)?;
    let mut active: unit::ActiveModel = unit.into();
    active.maklumat = Set(text);
    active.update(db).await?;
    audit::record(db, Some(actor), "unit.maklumat.save", "unit", unit_id, serde_json::json!({}), now).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn version(no: i32, effective: DateTime<Utc>) -> sv::Model {
        sv::Model {
            id: no,
            service_id: 1,
            status: sv::PUBLISHED.into(),
            version_no: Some(no),
            effective_at: Some(effective),
            published_at: Some(effective),
            published_by: None,
            change_note: String::new(),
            revision: 1,
            updated_at: effective,
            updated_by: None,
        }
    }

    #[test]
    fn in_force_and_upcoming_by_date() {
        let d = |day| Utc.with_ymd_and_hms(2026, 11, day, 0, 0, 0).unwrap();
        let versions = vec![version(3, d(20)), version(2, d(10)), version(1, d(1))];
        assert_eq!(in_force(&versions, d(5)).and_then(|v| v.version_no), Some(1));
        assert_eq!(in_force(&versions, d(10)).and_then(|v| v.version_no), Some(2));
        assert_eq!(upcoming(&versions, d(10)).and_then(|v| v.version_no), Some(3));
        assert_eq!(in_force(&versions, d(25)).and_then(|v| v.version_no), Some(3));
        assert!(upcoming(&versions, d(25)).is_none());
        let first = Utc.with_ymd_and_hms(2026, 10, 1, 0, 0, 0).unwrap();
        assert!(in_force(&versions, first).is_none());
    }

    #[test]
    fn diff_lists_only_changed_components() {
        let old: Texts = [(Component::Persyaratan, "1. KTP\n2. KK".to_string()), (Component::Biaya, "Rp 0".into())].into();
        let new: Texts = [(Component::Persyaratan, "1. KTP\n2. KK\n3. Surat pengantar RT".to_string()), (Component::Biaya, "Rp 0".into())].into();
        let changes = diff(&old, &new);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].component, Component::Persyaratan);
        let added: Vec<_> = changes[0].items.iter().filter(|l| l.change == ChangeKind::Added).collect();
        assert_eq!(added.len(), 1);
        assert_eq!((added[0].number, added[0].text().as_str()), (Some(3), "Surat pengantar RT"));
    }

    #[test]
    fn the_editors_two_requirement_boxes_make_one_component_and_come_back_on_an_error() {
        let c: BTreeMap<String, String> = [
            ("persyaratan".to_string(), "1. Kartu Keluarga\r\n".to_string()),
            (Component::CONDITIONS_KEY.to_string(), "- Berusia 17 tahun".to_string()),
        ]
        .into();
        let input = DraftInput::from_form(String::new(), &c);
        let text = &input.components[&Component::Persyaratan];
        let back = requirements::Requirements::split(text);
        assert_eq!((back.documents.as_str(), back.conditions.as_str()), ("1. Kartu Keluarga", "- Berusia 17 tahun"));
        let values = DraftInput::form_values("", &c);
        assert_eq!(values.get("c[persyaratan-syarat]").map(String::as_str), Some("- Berusia 17 tahun"));
        // Conditions alone still fill the component the law requires.
        let only: BTreeMap<String, String> = [(Component::CONDITIONS_KEY.to_string(), "- Warga kota".to_string())].into();
        assert!(validate_draft(&DraftInput::from_form(String::new(), &only)).get("c[persyaratan]").is_none());
    }

    #[test]
    fn every_component_is_required() {
        let input = DraftInput::default();
        let errors = validate_draft(&input);
        assert_eq!(errors.0.len(), 14);
        assert_eq!(errors.get("c[persyaratan]"), Some(&Problem::Required));
    }
}
