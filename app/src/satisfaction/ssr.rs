//! Survey invitations, answers and results.
use super::{Index, IndexView, PublicResults, SurveyState, EDUCATIONS, ELEMENTS, GENDERS, LINK_DAYS, OCCUPATIONS, SUGGESTION_MAX};
use crate::error::AppError;
use crate::forms::{FieldErrors, Problem};
use crate::i18n::Lang;
use crate::ssr::csv::Sheet;
use crate::common::period::{PeriodKind, PeriodQuery};
use crate::ssr::period::Period;
use crate::ssr::entities::{service, survey_invitation, survey_response, ticket, unit};
use crate::ssr::outbox::{self, compose};
use crate::ssr::{files::sha256_hex, timefmt};
use chrono::{DateTime, Duration, TimeZone, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait};

/// What a survey follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A report, once resolved.
    Ticket,
    /// A visit, once served.
    Visit,
}

impl Source {
    pub fn code(self) -> &'static str {
        match self {
            Source::Ticket => "ticket",
            Source::Visit => "visit",
        }
    }
}

/// Whom to invite, and about what.
pub struct Invitation<'a> {
    pub source: Source,
    pub source_id: i32,
    pub unit: &'a unit::Model,
    pub service_id: Option<i32>,
    pub email: Option<&'a str>,
    pub lang: Lang,
    /// "Laporan 7KQ2M-…" or "Kunjungan 3 Maret 2027", for the mail.
    pub about: String,
    /// When the report was resolved or the visitor served; the link lasts 30 days from then.
    pub at: DateTime<Utc>,
}


fn well_formed(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Creates the survey link for a resolved report or a served visit and queues its mail,
/// inside the caller's transaction. Once per report or visit: a report resolved again
/// after reopening gets no second link. Nobody to write to: nothing is sent.
/// A survey link made for one report or visit, to go in a mail.
#[derive(Clone, Debug, PartialEq)]
pub struct SurveyLink {
    pub link: String,
    /// The last day it works, in the unit's words.
    pub until: String,
}

impl SurveyLink {
    /// What a mail says about the survey, above its link.
    pub fn paragraphs(&self, unit_name: &str, lang: Lang) -> [String; 2] {
        let until = &self.until;
        match lang {
            Lang::Id => [
                format!("Bagaimana pelayanan {unit_name} menurut Anda? Isi survei kepuasan masyarakat: sembilan pertanyaan pilihan, sekitar tiga menit: {}", self.link),
                format!("Jawaban Anda tanpa nama: petugas tidak dapat melihat siapa yang menjawab. Tautan berlaku sekali, sampai {until}."),
            ],
            Lang::En => [
                format!("How was the service of {unit_name}? Fill in the citizen satisfaction survey: nine multiple-choice questions, about three minutes: {}", self.link),
                format!("Your answers are anonymous: staff cannot see who answered. The link works once, until {until}."),
            ],
        }
    }
}

/// Makes the survey link of a report or visit (once: `None` if it has one already, or
/// there is no address to send it to), for the caller's own mail.
pub async fn invitation(db: &impl ConnectionTrait, inv: &Invitation<'_>, public_url: &str) -> Result<Option<SurveyLink>, AppError> {
    if inv.email.is_none_or(|e| e.trim().is_empty()) {
        return Ok(None);
    }
    let token = crate::ssr::token::random_hex(32);
    let expires = inv.at + Duration::days(LINK_DAYS);
    if !insert_once(db, &token, inv.unit.id, inv.service_id, inv.source, inv.source_id, inv.at).await? {
        return Ok(None);
    }
    Ok(Some(SurveyLink {
        link: crate::ssr::links::url(public_url, &format!("/survei/{token}")),
        until: timefmt::date(expires, &inv.unit.timezone, inv.lang),
    }))
}

/// Invites to the survey in a mail of its own (a visit served at the counter).
pub async fn invite(db: &impl ConnectionTrait, inv: Invitation<'_>, public_url: &str) -> Result<(), AppError> {
    let Some(survey) = invitation(db, &inv, public_url).await? else { return Ok(()) };
    let Some(to) = inv.email else { return Ok(()) };
    let [ask, anonymous] = survey.paragraphs(&inv.unit.name, inv.lang);
    let paragraphs = [inv.about.clone(), ask, anonymous];
    let l = |id: String, en: String| match inv.lang {
        Lang::Id => id,
        Lang::En => en,
    };
    let subject = l(format!("Survei kepuasan — {}", inv.unit.name), format!("Satisfaction survey — {}", inv.unit.name));
    let label = l("Isi survei".into(), "Fill in the survey".into());
    let mail = compose(to, subject, &paragraphs, Some((&label, &survey.link)), &inv.unit.name);
    outbox::enqueue(db, mail, None, inv.at).await?;
    Ok(())
}

/// Stores an invitation valid 30 days from `at`, unless its report or visit has one
/// already (then false).
async fn insert_once(
    db: &impl ConnectionTrait,
    token: &str,
    unit_id: i32,
    service_id: Option<i32>,
    source: Source,
    source_id: i32,
    at: DateTime<Utc>,
) -> Result<bool, AppError> {
    let row = survey_invitation::ActiveModel {
        token_hash: Set(sha256_hex(token.as_bytes())),
        unit_id: Set(unit_id),
        service_id: Set(service_id),
        source: Set(source.code().into()),
        source_id: Set(source_id),
        created_at: Set(at),
        expires_at: Set(at + Duration::days(LINK_DAYS)),
        used_at: Set(None),
        ..Default::default()
    };
    let inserted = survey_invitation::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([survey_invitation::Column::Source, survey_invitation::Column::SourceId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(inserted == 1)
}

async fn find_invitation(db: &impl ConnectionTrait, token: &str) -> Result<Option<survey_invitation::Model>, AppError> {
    if !well_formed(token) {
        return Ok(None);
    }
    Ok(survey_invitation::Entity::find()
        .filter(survey_invitation::Column::TokenHash.eq(sha256_hex(token.to_ascii_lowercase().as_bytes())))
        .one(db)
        .await?)
}

/// What a survey link leads to now.
pub async fn state(db: &impl ConnectionTrait, token: &str, lang: Lang, now: DateTime<Utc>) -> Result<SurveyState, AppError> {
    let inv = find_invitation(db, token).await?;
    state_of(db, inv, lang, now).await
}

/// The survey of a resolved report, reached from its page by the tracking code.
pub async fn state_for_ticket(db: &impl ConnectionTrait, t: &ticket::Model, lang: Lang, now: DateTime<Utc>) -> Result<SurveyState, AppError> {
    if t.resolved_at.is_none() {
        return Ok(SurveyState::NotYet);
    }
    let inv = invitation_of_ticket(db, t).await?;
    state_of(db, inv, lang, now).await
}

async fn state_of(db: &impl ConnectionTrait, inv: Option<survey_invitation::Model>, lang: Lang, now: DateTime<Utc>) -> Result<SurveyState, AppError> {
    let Some(inv) = inv else { return Ok(SurveyState::Unknown) };
    if inv.used_at.is_some() {
        return Ok(SurveyState::Used);
    }
    if inv.expires_at <= now {
        return Ok(SurveyState::Expired);
    }
    let u = unit::Entity::find_by_id(inv.unit_id).one(db).await?.ok_or(AppError::NotFound)?;
    let service_name = match inv.service_id {
        Some(id) => service::Entity::find_by_id(id).one(db).await?.map(|s| s.name),
        None => None,
    };
    Ok(SurveyState::Open {
        unit_name: u.name,
        service_name,
        visit: inv.source == Source::Visit.code(),
        expires: timefmt::date(inv.expires_at, &u.timezone, lang),
    })
}

/// The survey invitation of a resolved report. A report whose reporter left no e-mail
/// address had none: it is made now, without mail, valid 30 days from the resolution, so
/// that the reporter can answer from the report's page. None before resolution.
pub async fn invitation_of_ticket(db: &impl ConnectionTrait, t: &ticket::Model) -> Result<Option<survey_invitation::Model>, AppError> {
    let Some(resolved) = t.resolved_at.filter(|_| t.merged_into.is_none()) else { return Ok(None) };
    let find = || {
        survey_invitation::Entity::find()
            .filter(survey_invitation::Column::Source.eq(Source::Ticket.code()))
            .filter(survey_invitation::Column::SourceId.eq(t.id))
    };
    if let Some(inv) = find().one(db).await? {
        return Ok(Some(inv));
    }
    // Its token is never shown: the tracking code leads to it.
    insert_once(db, &crate::ssr::token::random_hex(32), t.unit_id, t.service_id, Source::Ticket, t.id, resolved).await?;
    Ok(find().one(db).await?)
}

/// Whether the report's page should offer the survey: resolved, not yet answered, and
/// within 30 days of the resolution.
pub async fn ticket_survey_open(db: &impl ConnectionTrait, t: &ticket::Model, now: DateTime<Utc>) -> Result<bool, AppError> {
    let Some(resolved) = t.resolved_at.filter(|_| t.merged_into.is_none()) else { return Ok(false) };
    let inv = survey_invitation::Entity::find()
        .filter(survey_invitation::Column::Source.eq(Source::Ticket.code()))
        .filter(survey_invitation::Column::SourceId.eq(t.id))
        .one(db)
        .await?;
    Ok(match inv {
        Some(i) => i.used_at.is_none() && i.expires_at > now,
        None => resolved + Duration::days(LINK_DAYS) > now,
    })
}

/// The answers as sent by the form, every field as typed.
#[derive(Clone, Debug, Default)]
pub struct Answers {
    pub scores: [Option<String>; 9],
    pub age: String,
    pub gender: String,
    pub education: String,
    pub occupation: String,
    pub suggestion: String,
}

struct Checked {
    scores: [i32; 9],
    age: Option<i32>,
    gender: Option<String>,
    education: Option<String>,
    occupation: Option<String>,
}

fn check(a: &Answers) -> Result<Checked, AppError> {
    let mut errors = FieldErrors::default();
    let mut scores = [0i32; 9];
    for (i, (e, v)) in ELEMENTS.iter().zip(a.scores.iter()).enumerate() {
        match v.as_deref().map(str::trim).and_then(|v| v.parse::<i32>().ok()) {
            Some(s @ 1..=4) => scores[i] = s,
            _ => errors.add(e.code, Problem::Unanswered),
        }
    }
    let age = match a.age.trim() {
        "" => None,
        t => match t.parse::<i32>() {
            Ok(n @ 10..=120) => Some(n),
            _ => {
                errors.add("age", Problem::OutOfRange { min: 10, max: 120 });
                None
            }
        },
    };
    let mut choice = |field: &str, v: &str, options: &[(&str, &str, &str)]| -> Option<String> {
        let v = v.trim();
        if v.is_empty() {
            None
        } else if options.iter().any(|o| o.0 == v) {
            Some(v.to_string())
        } else {
            errors.add(field, Problem::Unknown);
            None
        }
    };
    let gender = choice("gender", &a.gender, &GENDERS);
    let education = choice("education", &a.education, &EDUCATIONS);
    let occupation = choice("occupation", &a.occupation, &OCCUPATIONS);
    errors.text("suggestion", &a.suggestion, false, SUGGESTION_MAX);
    errors.into_result()?;
    Ok(Checked { scores, age, gender, education, occupation })
}

/// How a submission ended when it could not be stored.
#[derive(Debug, PartialEq)]
pub enum Refused {
    Invalid(AppError),
    /// Unknown, already used or expired: the page says which.
    Closed,
}

/// Stores one filled-in questionnaire and uses up its link, in one transaction: two
/// submissions of the same link store one answer.
pub async fn submit(db: &(impl ConnectionTrait + TransactionTrait), token: &str, answers: &Answers, now: DateTime<Utc>) -> Result<(), Refused> {
    let checked = check(answers).map_err(Refused::Invalid)?;
    let inv = find_invitation(db, token).await.map_err(Refused::Invalid)?.ok_or(Refused::Closed)?;
    store(db, inv, checked, answers, now).await
}

/// The same, for the survey reached from a report's page.
pub async fn submit_for_ticket(db: &(impl ConnectionTrait + TransactionTrait), t: &ticket::Model, answers: &Answers, now: DateTime<Utc>) -> Result<(), Refused> {
    let checked = check(answers).map_err(Refused::Invalid)?;
    let inv = invitation_of_ticket(db, t).await.map_err(Refused::Invalid)?.ok_or(Refused::Closed)?;
    store(db, inv, checked, answers, now).await
}

async fn store(
    db: &(impl ConnectionTrait + TransactionTrait),
    inv: survey_invitation::Model,
    checked: Checked,
    answers: &Answers,
    now: DateTime<Utc>,
) -> Result<(), Refused> {
    let at = now;
    let store = async {
        let txn = crate::ssr::begin_write(db).await?;
        let used = survey_invitation::Entity::update_many()
            .col_expr(survey_invitation::Column::UsedAt, Expr::value(Some(at)))
            .filter(survey_invitation::Column::Id.eq(inv.id))
            .filter(survey_invitation::Column::UsedAt.is_null())
            .filter(survey_invitation::Column::ExpiresAt.gt(at))
            .exec(&txn)
            .await?;
        if used.rows_affected != 1 {
            return Ok(false);
        }
        let mut answer = survey_response::ActiveModel::scored(
            inv.unit_id,
            inv.service_id,
            &inv.source,
            // Kept to the hour only: the minute could tie an answer to a visit.
            hour_of(at),
            checked.scores,
        );
        answer.age = Set(checked.age);
        answer.gender = Set(checked.gender);
        answer.education = Set(checked.education);
        answer.occupation = Set(checked.occupation);
        answer.suggestion = Set(answers.suggestion.trim().to_string());
        answer
        .insert(&txn)
        .await?;
        txn.commit().await?;
        Ok::<_, sea_orm::DbErr>(true)
    };
    match store.await {
        Ok(true) => Ok(()),
        Ok(false) => Err(Refused::Closed),
        Err(e) => Err(Refused::Invalid(e.into())),
    }
}

/// The instant rounded down to the hour: enough for periods, too coarse to match an answer
/// with the visit or report it came from.
fn hour_of(at: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp(at.timestamp() - at.timestamp().rem_euclid(3600), 0).unwrap_or(at)
}

/// The answers of a unit over a period.
pub async fn responses(db: &impl ConnectionTrait, u: &unit::Model, period: &Period) -> Result<Vec<survey_response::Model>, AppError> {
    let (start, end) = period.range_in(&u.timezone);
    Ok(survey_response::Entity::find()
        .filter(survey_response::Column::UnitId.eq(u.id))
        .filter(survey_response::Column::SubmittedAt.gte(start))
        .filter(survey_response::Column::SubmittedAt.lt(end))
        .order_by_asc(survey_response::Column::SubmittedAt)
        .order_by_asc(survey_response::Column::Id)
        .all(db)
        .await?)
}

/// The number of answers of a unit between two instants and each element's sum, added up
/// by the database.
pub async fn sums(db: &impl ConnectionTrait, unit_id: i32, start: DateTime<Utc>, end: DateTime<Utc>) -> Result<(i64, [i64; 9]), AppError> {
    let mut q = survey_response::Entity::find().select_only().column_as(Expr::cust("COUNT(*)"), "n");
    for (i, e) in ELEMENTS.iter().enumerate() {
        q = q.column_as(Expr::cust(format!("COALESCE(SUM({}), 0)", e.code)), format!("s{i}"));
    }
    type Row = (i64, i64, i64, i64, i64, i64, i64, i64, i64, i64);
    let row: Option<Row> = q
        .filter(survey_response::Column::UnitId.eq(unit_id))
        .filter(survey_response::Column::SubmittedAt.gte(start))
        .filter(survey_response::Column::SubmittedAt.lt(end))
        .into_tuple()
        .one(db)
        .await?;
    let r = row.unwrap_or_default();
    Ok((r.0, [r.1, r.2, r.3, r.4, r.5, r.6, r.7, r.8, r.9]))
}

/// A unit's index over a period (None without answers).
pub async fn index_of(db: &impl ConnectionTrait, u: &unit::Model, period: &Period) -> Result<Option<Index>, AppError> {
    let (start, end) = period.range_in(&u.timezone);
    let (n, sums) = sums(db, u.id, start, end).await?;
    Ok(Index::new(n, sums))
}

/// The results a unit publishes: by default the current year so far.
pub async fn public_results(db: &impl ConnectionTrait, slug: &str, q: &PeriodQuery, lang: Lang, now: DateTime<Utc>) -> Result<PublicResults, AppError> {
    let u = unit::Entity::by_slug(db, slug).await?.ok_or(AppError::NotFound)?;
    let period = crate::ssr::period::resolve(q, timefmt::today_in(&u.timezone, now), PeriodKind::Year, lang);
    let index = index_of(db, &u, &period).await?;
    Ok(PublicResults { unit_name: u.name, unit_slug: u.slug, period: period.view, index: index.map(|i| IndexView::of(&i, lang)) })
}

/// The anonymous answers of a unit over a period as CSV: the day, the service, the nine
/// scores, the optional respondent details and the suggestion.
pub async fn responses_csv(db: &impl ConnectionTrait, u: &unit::Model, period: &Period) -> Result<String, AppError> {
    let services: std::collections::HashMap<i32, String> =
        service::Entity::find().filter(service::Column::UnitId.eq(u.id)).all(db).await?.into_iter().map(|s| (s.id, s.name)).collect();
    let mut out = Sheet::new([
        "tanggal", "layanan", "sumber", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9", "umur", "jenis_kelamin", "pendidikan",
        "pekerjaan", "saran",
    ])?;
    for r in responses(db, u, period).await? {
        let mut row = vec![
            timefmt::tz(&u.timezone).from_utc_datetime(&r.submitted_at.naive_utc()).date_naive().to_string(),
            r.service_id.and_then(|s| services.get(&s).cloned()).unwrap_or_default(),
            if r.source == Source::Visit.code() { "kunjungan" } else { "laporan" }.to_string(),
        ];
        row.extend(r.scores().iter().map(|s| s.to_string()));
        row.extend([
            r.age.map(|a| a.to_string()).unwrap_or_default(),
            r.gender.clone().unwrap_or_default(),
            r.education.clone().unwrap_or_default(),
            r.occupation.clone().unwrap_or_default(),
            r.suggestion.clone(),
        ]);
        out.row(row)?;
    }
    out.finish()
}
