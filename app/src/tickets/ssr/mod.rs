//! The rules of reports: submission and its confirmation gate, the citizen's follow-ups,
//! the staff inbox and actions, the public register. Every function takes a connection (or
//! a transaction) and knows nothing of HTTP.
use super::mail::{self as tmail, Message};
use super::lifecycle::{self, code_of, mail_citizen, record_event, transition, Actor, Cause};
use super::views::*;
use crate::common::contact::{Email, Phone};
use crate::ssr::csv::Sheet;
use super::{EventKind, StoredFile, Kind, ReportAnswers, Status, TrackingCode, BODY_MAX, SUBJECT_MAX};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::forms::{FieldErrors, Problem};
use crate::i18n::Lang;
use crate::ssr::entities::{
    attachment, audit_log, email_confirmation, response_template, service, ticket, ticket_event, unit, unit_member,
    user, verified_email,
};
use crate::ssr::workdays::Calendar;
use super::deadlines::{self, Clock};
use crate::ssr::{audit, outbox, timefmt};
use chrono::{DateTime, Utc};

use sea_orm::sea_query::{Expr, Func, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};
use serde_json::json;
use std::collections::HashMap;

pub use crate::ssr::links::Env;

mod staff;
pub use staff::*;
mod templates;
pub use templates::*;
mod register;
pub use register::*;
mod audit_text;

const CONFIRM_DAYS: i64 = 7;


/// A report form that passed every check: the unit and service it names, and the contact
/// details as the portal keeps them.
pub struct Checked {
    pub unit: unit::Model,
    pub service: Option<service::Model>,
    pub email: Option<Email>,
    pub phone: Option<Phone>,
}

/// Checks the report form.
pub async fn validate(db: &impl ConnectionTrait, a: &ReportAnswers) -> Result<Checked, AppError> {
    let mut errors = FieldErrors::default();
    if a.kind.is_empty() {
        errors.add("kind", Problem::NotChosen);
    } else if Kind::parse(&a.kind).is_none() {
        errors.add("kind", Problem::Unknown);
    }
    let unit = if a.unit.is_empty() {
        errors.add("unit", Problem::NotChosen);
        None
    } else {
        let u = unit::Entity::by_slug(db, a.unit.as_str()).await?;
        if u.is_none() {
            errors.add("unit", Problem::Unknown);
        }
        u
    };
    let service = match (&unit, a.service.is_empty()) {
        (Some(u), false) => {
            let s = service::Entity::find()
                .filter(service::Column::UnitId.eq(u.id))
                .filter(service::Column::Slug.eq(a.service.as_str()))
                .one(db)
                .await?;
            if s.is_none() {
                // One list offers unit and service together.
                errors.add("unit", Problem::Unknown);
            }
            s
        }
        _ => None,
    };
    errors.text("subject", &a.subject, true, SUBJECT_MAX);
    if errors.get("subject").is_none() && a.subject.trim().chars().count() < 5 {
        errors.add("subject", Problem::TooShort { min: 5 });
    }
    errors.text("body", &a.body, true, BODY_MAX);
    if errors.get("body").is_none() && a.body.trim().chars().count() < 20 {
        errors.add("body", Problem::TooShort { min: 20 });
    }
    errors.text("place", &a.place, false, 200);
    // Anonim: the unit never sees who reported, so a name is not asked for; the address is
    // still needed to send the answer (and is hidden from staff).
    errors.text("name", &a.name, !a.anonymous, 100);
    let phone_only = unit.as_ref().map(|u| u.phone_only).unwrap_or(false);
    let email = errors.parsed_optional("email", &a.email, Email::parse);
    let phone = errors.parsed_optional("phone", &a.phone, Phone::parse);
    if a.email.trim().is_empty() {
        if !phone_only {
            errors.add("email", Problem::Required);
        } else if a.phone.trim().is_empty() {
            errors.add("phone", Problem::Required);
        }
    }
    errors.into_result()?;
    Ok(Checked { unit: unit.ok_or(AppError::Internal)?, service, email, phone })
}

pub struct Submitted {
    pub ticket_id: i32,
    pub code: TrackingCode,
    pub awaiting_confirmation: bool,
    pub has_email: bool,
    pub unit_name: String,
}

async fn submitted_of(db: &impl ConnectionTrait, t: ticket::Model) -> Result<Submitted, AppError> {
    let unit_name = unit::Entity::find_by_id(t.unit_id).one(db).await?.map(|u| u.name).unwrap_or_default();
    Ok(Submitted {
        ticket_id: t.id,
        code: code_of(&t)?,
        awaiting_confirmation: t.status == Status::AwaitingConfirmation,
        has_email: t.reporter_email.is_some(),
        unit_name,
    })
}


/// Creates the ticket (once per `key`: a second submission of the same answers returns the
/// first ticket), its first history entry, attachments, and the mail, in one transaction.
pub async fn submit(
    db: &(impl ConnectionTrait + TransactionTrait),
    a: &ReportAnswers,
    key: &str,
    lang: Lang,
    env: &Env<'_>,
    at: DateTime<Utc>,
) -> Result<Submitted, AppError> {
    submit_limited(db, a, key, lang, env, None, Form, at).await
}

/// How many reports one client (a network address, or an Open311 key) and one e-mail
/// address may send per hour.
#[derive(Clone, Debug)]
pub struct Limits {
    /// The client's bucket, e.g. `report-ip:203.0.113.5`.
    pub client: String,
    pub client_per_hour: u32,
    pub email_per_hour: u32,
}

/// The way a report came in. Another channel (an Open311 app) keeps its own record with the
/// report, written in the report's transaction so that neither exists without the other.
pub trait Channel: Send {
    /// Adds what the audit entry of the submission says about the channel.
    fn audit(&self, _detail: &mut serde_json::Map<String, serde_json::Value>) {}
    /// Writes the channel's record of the new report `ticket_id`.
    fn keep(self, txn: &sea_orm::DatabaseTransaction, ticket_id: i32) -> impl std::future::Future<Output = Result<(), AppError>> + Send;
}

/// The portal's own report form: nothing kept beyond the report.
pub struct Form;

impl Channel for Form {
    async fn keep(self, _txn: &sea_orm::DatabaseTransaction, _ticket_id: i32) -> Result<(), AppError> {
        Ok(())
    }
}

/// `submit`, counting the report against the hourly limits inside the same transaction (so
/// on SQLite the check and the count cannot race).
pub async fn submit_limited(
    db: &(impl ConnectionTrait + TransactionTrait),
    a: &ReportAnswers,
    key: &str,
    lang: Lang,
    env: &Env<'_>,
    limits: Option<Limits>,
    channel: impl Channel,
    at: DateTime<Utc>,
) -> Result<Submitted, AppError> {
    if let Some(t) = ticket::Entity::find().filter(ticket::Column::SubmissionKey.eq(key)).one(db).await? {
        return submitted_of(db, t).await;
    }
    let Checked { unit, service, email, phone } = validate(db, a).await?;
    let email = email.map(String::from);
    let phone = phone.map(String::from);
    let txn = crate::ssr::begin_write(db).await?;
    if let Some(limits) = limits {
        let hour = chrono::Duration::hours(1);
        let mut buckets = vec![(limits.client.clone(), limits.client_per_hour)];
        buckets.extend(email.as_ref().map(|e| (crate::ssr::rate::Limit::ReportsFromEmail.bucket(e), limits.email_per_hour)));
        if let Err(minutes) = crate::ssr::rate::check_all(&txn, &buckets, hour, at).await? {
            txn.rollback().await?;
            return Err(AppError::RateLimited { retry_after_minutes: minutes });
        }
        let names: Vec<String> = buckets.into_iter().map(|(b, _)| b).collect();
        crate::ssr::rate::count_all(&txn, &names, at).await?;
    }
    let verified = match &email {
        Some(e) => verified_email::Entity::find_by_id(e.clone()).one(&txn).await?.is_some(),
        None => false,
    };
    let gate = unit.report_gate && email.is_some() && !verified;
    let status = if gate { Status::AwaitingConfirmation } else { Status::New };
    let code = TrackingCode::generate();
    let inserted = ticket::ActiveModel {
        code: Set(code.as_str().to_string()),
        unit_id: Set(unit.id),
        service_id: Set(service.as_ref().map(|s| s.id)),
        kind: Set(a.kind.clone()),
        subject: Set(a.subject.trim().to_string()),
        body: Set(a.body.trim().to_string()),
        place: Set(a.place.trim().to_string()),
        reporter_name: Set(a.name.trim().to_string()),
        reporter_email: Set(email.clone()),
        reporter_phone: Set(phone),
        lang: Set(lang.code().to_string()),
        anonymous: Set(a.anonymous),
        confidential: Set(a.confidential),
        status: Set(status),
        assigned_to: Set(None),
        submission_key: Set(key.to_string()),
        created_at: Set(at),
        updated_at: Set(at),
        confirmed_at: Set(if gate { None } else { Some(at) }),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let t = match inserted {
        Ok(t) => t,
        Err(e) if matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) => {
            // The same form sent twice at once: the other request made the ticket.
            txn.rollback().await?;
            let t = ticket::Entity::find()
                .filter(ticket::Column::SubmissionKey.eq(key))
                .one(db)
                .await?
                .ok_or(AppError::Internal)?;
            return submitted_of(db, t).await;
        }
        Err(e) => return Err(e.into()),
    };
    record_event(&txn, t.id, EventKind::Submitted, None, false, "", None, Some(status), None, at).await?;
    for (i, f) in a.attachments.iter().enumerate() {
        attachment::ActiveModel {
            ticket_id: Set(t.id),
            event_id: Set(None),
            hash: Set(f.hash.clone()),
            mime: Set(f.mime.clone()),
            size: Set(f.size),
            name: Set(StoredFile::file_name(&f.mime, i + 1)),
            address: Set(crate::ssr::token::random_hex(16)),
            created_at: Set(at),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    if let Some(email) = &email {
        let mail = if gate {
            let token = crate::ssr::token::random_hex(32);
            email_confirmation::ActiveModel {
                token_hash: Set(crate::ssr::files::sha256_hex(token.as_bytes())),
                email: Set(email.clone()),
                ticket_id: Set(t.id),
                expires_at: Set(at + chrono::Duration::days(CONFIRM_DAYS)),
                confirmed_at: Set(None),
                created_at: Set(at),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            let link = env.url(&format!("/konfirmasi/{token}"));
            tmail::citizen(email, lang, &code, &t.subject, &unit.name, env.public_url, Message::Confirm { link: &link })
        } else {
            tmail::citizen(email, lang, &code, &t.subject, &unit.name, env.public_url, Message::Received)
        };
        outbox::enqueue(&txn, mail, Some(t.id), at).await?;
    }
    let mut detail = json!({
        "kind": t.kind, "unit": unit.slug, "status": status.code(), "attachments": a.attachments.len(),
    });
    if let serde_json::Value::Object(fields) = &mut detail {
        channel.audit(fields);
    }
    channel.keep(&txn, t.id).await?;
    if !gate {
        crate::tickets::routing::route_now(&txn, &t, env, at).await?;
    }
    audit::record(
        &txn,
        None,
        "ticket.submit",
        "ticket",
        t.id,
        detail,
        at,
    )
    .await?;
    txn.commit().await?;
    Ok(Submitted {
        ticket_id: t.id,
        code,
        awaiting_confirmation: gate,
        has_email: email.is_some(),
        unit_name: unit.name,
    })
}

/// Follows a confirmation link: the address is now known, and every report from it that was
/// waiting goes to its unit.
/// What a confirmation link would do, without doing it (the page's first look).
pub async fn confirmation_state(db: &impl ConnectionTrait, token: &str, at: DateTime<Utc>) -> Result<ConfirmOutcome, AppError> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(ConfirmOutcome::Unknown);
    }
    let hash = crate::ssr::files::sha256_hex(token.as_bytes());
    let Some(c) = email_confirmation::Entity::find().filter(email_confirmation::Column::TokenHash.eq(hash)).one(db).await? else {
        return Ok(ConfirmOutcome::Unknown);
    };
    let Some(t) = ticket::Entity::find_by_id(c.ticket_id).one(db).await? else {
        return Ok(ConfirmOutcome::Unknown);
    };
    Ok(if c.confirmed_at.is_some() {
        ConfirmOutcome::AlreadyConfirmed { code: code_of(&t)?.to_string() }
    } else if c.expires_at < at {
        ConfirmOutcome::Expired
    } else {
        ConfirmOutcome::Pending
    })
}

pub async fn confirm_email(
    db: &(impl ConnectionTrait + TransactionTrait),
    token: &str,
    env: &Env<'_>,
    at: DateTime<Utc>,
) -> Result<ConfirmOutcome, AppError> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(ConfirmOutcome::Unknown);
    }
    let hash = crate::ssr::files::sha256_hex(token.as_bytes());
    let Some(c) = email_confirmation::Entity::find()
        .filter(email_confirmation::Column::TokenHash.eq(hash))
        .one(db)
        .await?
    else {
        return Ok(ConfirmOutcome::Unknown);
    };
    let Some(t) = ticket::Entity::find_by_id(c.ticket_id).one(db).await? else {
        return Ok(ConfirmOutcome::Unknown);
    };
    let code = code_of(&t)?.to_string();
    if c.confirmed_at.is_some() {
        return Ok(ConfirmOutcome::AlreadyConfirmed { code });
    }
    if c.expires_at < at {
        return Ok(ConfirmOutcome::Expired);
    }
    let txn = crate::ssr::begin_write(db).await?;
    // Once, however many clicks arrive together: the second waits for the first and finds
    // the link used.
    let first = email_confirmation::Entity::update_many()
        .col_expr(email_confirmation::Column::ConfirmedAt, Expr::value(Some(at)))
        .filter(email_confirmation::Column::Id.eq(c.id))
        .filter(email_confirmation::Column::ConfirmedAt.is_null())
        .exec(&txn)
        .await?;
    if first.rows_affected != 1 {
        txn.rollback().await?;
        return Ok(ConfirmOutcome::AlreadyConfirmed { code });
    }
    verified_email::Entity::insert(verified_email::ActiveModel { email: Set(c.email.clone()), verified_at: Set(at) })
        .on_conflict(OnConflict::column(verified_email::Column::Email).do_nothing().to_owned())
        .do_nothing()
        .exec_without_returning(&txn)
        .await?;
    // The address is known now, so its other named reports waiting for it go on too. An
    // Anonim report goes on only by its own link, and never together with another: reports
    // released in the same second would tie the anonymous one to a named one for staff.
    let waiting = if t.anonymous {
        vec![t.clone()]
    } else {
        ticket::Entity::find()
            .filter(ticket::Column::ReporterEmail.eq(c.email.clone()))
            .filter(ticket::Column::Status.eq(Status::AwaitingConfirmation))
            .filter(ticket::Column::Anonymous.eq(false))
            .all(&txn)
            .await?
    };
    for w in waiting {
        let u = unit_of(&txn, w.unit_id).await?;
        match transition(&txn, &u, &w, Status::New, Cause::Confirmed, Actor::Citizen, env, at).await {
            // Another link of the same address released it meanwhile.
            Ok(_) | Err(AppError::Moved { .. }) | Err(AppError::Conflict) => {}
            Err(e) => return Err(e),
        }
    }
    txn.commit().await?;
    Ok(ConfirmOutcome::Confirmed { code })
}

/// The report for a code a citizen holds; codes that find nothing count against `client`
/// (see `ssr::rate::guarded_lookup`).
pub async fn citizen_ticket(db: &impl ConnectionTrait, code: &str, client: &str, now: DateTime<Utc>) -> Result<ticket::Model, AppError> {
    crate::ssr::rate::guarded_lookup(db, crate::ssr::rate::Limit::TicketLookup, client, now, || async {
        match TrackingCode::parse(code) {
            Ok(c) => find_by_code(db, &c).await,
            Err(_) => Ok(None),
        }
    })
    .await
}

pub async fn find_by_code(db: &impl ConnectionTrait, code: &TrackingCode) -> Result<Option<ticket::Model>, AppError> {
    Ok(ticket::Entity::find().filter(ticket::Column::Code.eq(code.as_str())).one(db).await?)
}

async fn unit_of(db: &impl ConnectionTrait, id: i32) -> Result<unit::Model, AppError> {
    unit::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)
}

async fn service_name(db: &impl ConnectionTrait, id: Option<i32>) -> Result<Option<String>, AppError> {
    Ok(match id {
        Some(id) => service::Entity::find_by_id(id).one(db).await?.map(|s| s.name),
        None => None,
    })
}

async fn attachments_of(db: &impl ConnectionTrait, ticket_id: i32) -> Result<Vec<StoredFile>, AppError> {
    Ok(attachment::Entity::find()
        .filter(attachment::Column::TicketId.eq(ticket_id))
        .order_by_asc(attachment::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|a| StoredFile { address: a.address, mime: a.mime, size: a.size })
        .collect())
}

/// The title of a history entry as the citizen (or staff) reads it.
fn event_title(e: &ticket_event::Model, lang: Lang, for_staff: bool) -> String {
    match e.kind {
        EventKind::Submitted => lang.t("Laporan dikirim", "Report sent").into(),
        EventKind::Confirmed => lang.t("Email dikonfirmasi; laporan diteruskan ke unit", "E-mail confirmed; the report went to the unit").into(),
        EventKind::Reply => lang.t("Tanggapan petugas", "Staff reply").into(),
        EventKind::Note => lang.t("Catatan internal", "Internal note").into(),
        EventKind::Citizen if for_staff => lang.t("Pesan dari pelapor", "Message from the reporter").into(),
        EventKind::Citizen => lang.t("Pesan Anda", "Your message").into(),
        EventKind::Status => match e.to_status {
            Some(s) => format!("Status: {}", s.label(lang)),
            None => "Status".into(),
        },
        EventKind::Reopened => lang.t("Laporan dibuka kembali", "Report reopened").into(),
        EventKind::Rated => lang.t("Penilaian diberikan", "Rating given").into(),
        EventKind::Forwarded => lang.t("Diteruskan ke unit lain (bukan wewenang)", "Forwarded to another unit (not our authority)").into(),
        EventKind::Merged => lang.t("Digabung dengan laporan lain tentang hal yang sama", "Merged with another report on the same matter").into(),
        EventKind::MergedIn => lang.t("Laporan serupa digabung ke laporan ini", "A similar report was merged into this one").into(),
        EventKind::Assigned => lang.t("Penanganan ditugaskan", "Assigned").into(),
        EventKind::Returned => lang.t("Dikembalikan ke antrean unit", "Returned to the unit's queue").into(),
        EventKind::Excluded => lang.t("Tidak ditampilkan di daftar laporan publik", "Kept out of the public register").into(),
        EventKind::Published => lang.t("Diterbitkan di daftar laporan publik (teks disamarkan)", "Published in the public register (masked text)").into(),
    }
}

/// The last day (in the unit's calendar) a resolved report may be reopened.
fn reopen_deadline(t: &ticket::Model, u: &unit::Model, cal: &Calendar) -> Option<chrono::NaiveDate> {
    let resolved = t.resolved_at?;
    let local = resolved.with_timezone(&timefmt::tz(&u.timezone)).date_naive();
    Some(cal.add_working_days(local, u.auto_close_days.max(1) as u32))
}

/// The unit's working time, for deadlines.
pub async fn clock_of(db: &impl ConnectionTrait, u: &unit::Model) -> Result<Clock, AppError> {
    clocks_of(db, &[u]).await?.remove(&u.id).ok_or(AppError::Internal)
}

/// The working time of several units, by unit id, in two queries whatever their number (a
/// list of reports from a whole province).
pub async fn clocks_of(db: &impl ConnectionTrait, units: &[&unit::Model]) -> Result<HashMap<i32, Clock>, AppError> {
    let mut calendars = Calendar::of_units(db, units).await?;
    let ids: Vec<i32> = units.iter().map(|u| u.id).collect();
    let mut shifts = crate::rosters::ssr::shifts_of_units(db, &ids).await?;
    Ok(units
        .iter()
        .map(|u| {
            let cal = calendars.remove(&u.id).unwrap_or_default();
            (u.id, Clock::new(cal, u, &shifts.remove(&u.id).unwrap_or_default()))
        })
        .collect())
}

/// The deadline to watch in lists: the first overdue one, else the next pending one.
fn watched(ds: &[deadlines::Deadline]) -> Option<&deadlines::Deadline> {
    ds.iter()
        .find(|d| d.state == deadlines::State::Overdue)
        .or_else(|| ds.iter().find(|d| matches!(d.state, deadlines::State::Pending | deadlines::State::Paused)))
}

fn deadline_views(ds: &[deadlines::Deadline], u: &unit::Model, lang: Lang) -> Vec<DeadlineView> {
    ds.iter()
        .map(|d| DeadlineView {
            label: d.which.label(lang).to_string(),
            due: timefmt::date_time(d.due, &u.timezone, lang),
            state: match d.state {
                deadlines::State::Met => "met",
                deadlines::State::MetLate => "late",
                deadlines::State::Pending => "pending",
                deadlines::State::Overdue => "overdue",
                deadlines::State::Paused => "paused",
            }
            .to_string(),
            done: d.done_at.map(|at| timefmt::date_time(at, &u.timezone, lang)),
        })
        .collect()
}

/// What the citizen sees: everything public about their report, never internal notes.
pub async fn citizen_view(db: &impl ConnectionTrait, t: &ticket::Model, lang: Lang, now: DateTime<Utc>) -> Result<TicketView, AppError> {
    let u = unit_of(db, t.unit_id).await?;
    let mut events = ticket_event::Entity::find()
        .filter(ticket_event::Column::TicketId.eq(t.id))
        .filter(ticket_event::Column::Internal.eq(false))
        .order_by_asc(ticket_event::Column::Id)
        .all(db)
        .await?;
    // A merged report shows the staff replies given on the report it joined.
    if let Some(target) = t.merged_into {
        let replies = ticket_event::Entity::find()
            .filter(ticket_event::Column::TicketId.eq(target))
            .filter(ticket_event::Column::Internal.eq(false))
            .filter(ticket_event::Column::Kind.eq(EventKind::Reply))
            .all(db)
            .await?;
        events.extend(replies);
        events.sort_by_key(|e| (e.at, e.id));
    }
    let item = |e: &ticket_event::Model| TimelineItem {
        at: timefmt::date_time(e.at, &u.timezone, lang),
        title: event_title(e, lang, false),
        body: e.body.clone(),
        by: if e.kind.by_citizen() {
            lang.t("Anda", "You").to_string()
        } else {
            e.signature.clone().unwrap_or_else(|| u.name.clone())
        },
        from_citizen: e.kind.by_citizen(),
        internal: false,
    };
    let timeline = events.iter().map(item).collect();
    let latest_answer = events.iter().rev().find(|e| e.kind == EventKind::Reply && !e.body.trim().is_empty()).map(item);
    let status = t.status;
    let deadline = reopen_deadline(t, &u, &Calendar::of_unit(db, &u).await?);
    let reopen_until = match (status, deadline) {
        (Status::Resolved, Some(d)) if timefmt::today_in(&u.timezone, now) <= d => Some(timefmt::day(d, lang)),
        _ => None,
    };
    let promise = if status.is_open() && status != Status::AwaitingConfirmation && t.merged_into.is_none() {
        let service = match t.service_id {
            Some(id) => service::Entity::find_by_id(id).one(db).await?,
            None => None,
        };
        let ds = deadlines::of_ticket(t, service.as_ref(), &clock_of(db, &u).await?, now);
        // The first response while none was given, then the resolution.
        let next = ds
            .iter()
            .filter(|d| d.which != deadlines::Which::Verify)
            .find(|d| d.done_at.is_none());
        next.map(|d| match (d.state, d.which) {
            (deadlines::State::Paused, _) => lang
                .t(
                    "Tenggat penanganan berhenti sementara sampai Anda menjawab pertanyaan petugas.",
                    "The handling deadline stands still until you answer the staff's question.",
                )
                .to_string(),
            (_, deadlines::Which::Respond) => format!(
                "{} {}.",
                lang.t("Petugas menanggapi paling lambat", "Staff will respond by"),
                timefmt::date_time(d.due, &u.timezone, lang)
            ),
            _ => format!(
                "{} {}.",
                lang.t("Target penyelesaian paling lambat", "Target for resolution:"),
                timefmt::date_time(d.due, &u.timezone, lang)
            ),
        })
    } else {
        None
    };
    Ok(TicketView {
        promise,
        code: code_of(t)?.to_string(),
        kind: Kind::parse(&t.kind).unwrap_or(Kind::Konsultasi),
        unit_name: u.name.clone(),
        service_name: service_name(db, t.service_id).await?,
        subject: t.subject.clone(),
        body: t.body.clone(),
        place: t.place.clone(),
        status,
        created: timefmt::date_time(t.created_at, &u.timezone, lang),
        timeline,
        latest_answer,
        attachments: attachments_of(db, t.id).await?,
        anonymous: t.anonymous,
        confidential: t.confidential,
        can_message: status.is_open() && status != Status::AwaitingConfirmation && t.merged_into.is_none(),
        reopen_until,
        can_rate: t.rating.is_none() && t.resolved_at.is_some() && t.merged_into.is_none() && !status.is_open(),
        survey_open: crate::satisfaction::ssr::ticket_survey_open(db, t, now).await?,
        rating: t.rating,
        rating_comment: t.rating_comment.clone(),
        merged: t.merged_into.is_some(),
        flash: None,
    })
}

fn body_errors(body: &str, field: &str) -> Result<(), AppError> {
    let mut errors = FieldErrors::default();
    errors.text(field, body, true, BODY_MAX);
    errors.into_result()
}

/// The report as it stands now, inside the caller's write transaction: a citizen's page may
/// be older than the report.
async fn current(txn: &impl ConnectionTrait, t: &ticket::Model) -> Result<ticket::Model, AppError> {
    ticket::Entity::find_by_id(t.id).one(txn).await?.ok_or(AppError::NotFound)
}

/// A message from the citizen: more information, or the answer to a clarification request
/// (which puts the report back in the staff's hands). Refused once the report is resolved,
/// closed or merged, also when that happened after the citizen's page was read.
pub async fn citizen_message(
    db: &(impl ConnectionTrait + TransactionTrait),
    t: &ticket::Model,
    body: &str,
    env: &Env<'_>,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    body_errors(body, "body")?;
    let txn = crate::ssr::begin_write(db).await?;
    let now_stands = current(&txn, t).await?;
    let status = now_stands.status;
    if !status.is_open() || status == Status::AwaitingConfirmation || now_stands.merged_into.is_some() {
        let refusal = if status != t.status || now_stands.merged_into != t.merged_into {
            lifecycle::moved(&txn, t, Actor::Citizen).await
        } else {
            AppError::Conflict
        };
        txn.rollback().await?;
        return Err(refusal);
    }
    record_event(&txn, t.id, EventKind::Citizen, None, false, body.trim(), None, None, None, at).await?;
    let u = unit_of(&txn, now_stands.unit_id).await?;
    let next = if status == Status::WaitingCitizen {
        transition(&txn, &u, &now_stands, Status::InProgress, Cause::Clarified, Actor::Citizen, env, at).await?.status
    } else {
        ticket::Entity::update_many()
            .col_expr(ticket::Column::UpdatedAt, Expr::value(at))
            .filter(ticket::Column::Id.eq(t.id))
            .exec(&txn)
            .await?;
        status
    };
    if let Some(staff) = now_stands.assigned_to {
        if let Some(s) = user::Entity::find_by_id(staff).one(&txn).await? {
            outbox::enqueue(&txn, tmail::staff_follow_up(&s.email, &u.slug, t.id, env.public_url), Some(t.id), at)
                .await?;
        }
    }
    audit::record(&txn, None, "ticket.citizen_message", "ticket", t.id, json!({ "status": [status.code(), next.code()] }), at)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// The citizen reopens a resolved report within the unit's working days. Refused once it
/// is closed, also when the auto-close came after the citizen's page was read.
pub async fn reopen(
    db: &(impl ConnectionTrait + TransactionTrait),
    t: &ticket::Model,
    reason: &str,
    env: &Env<'_>,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    body_errors(reason, "reason")?;
    let txn = crate::ssr::begin_write(db).await?;
    let now_stands = current(&txn, t).await?;
    let u = unit_of(&txn, now_stands.unit_id).await?;
    let open_until = reopen_deadline(&now_stands, &u, &Calendar::of_unit(&txn, &u).await?);
    if now_stands.status != t.status {
        let refusal = lifecycle::moved(&txn, t, Actor::Citizen).await;
        txn.rollback().await?;
        return Err(refusal);
    }
    if now_stands.status != Status::Resolved || open_until.map(|d| timefmt::today_in(&u.timezone, at) > d).unwrap_or(true) {
        txn.rollback().await?;
        return Err(AppError::Conflict);
    }
    transition(&txn, &u, &now_stands, Status::InProgress, Cause::Reopened { reason }, Actor::Citizen, env, at).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn rate(
    db: &(impl ConnectionTrait + TransactionTrait),
    t: &ticket::Model,
    rating: i32,
    comment: &str,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::default();
    if !(1..=4).contains(&rating) {
        errors.add("rating", Problem::NothingSelected);
    }
    errors.text("comment", comment, false, 1000);
    errors.into_result()?;
    if t.rating.is_some() || t.resolved_at.is_none() || t.status.is_open() {
        return Err(AppError::Conflict);
    }
    let txn = crate::ssr::begin_write(db).await?;
    // Only once, even when two ratings arrive together.
    let r = ticket::Entity::update_many()
        .col_expr(ticket::Column::Rating, Expr::value(rating))
        .col_expr(ticket::Column::RatingComment, Expr::value(Some(comment.trim().to_string()).filter(|c| !c.is_empty())))
        .filter(ticket::Column::Id.eq(t.id))
        .filter(ticket::Column::Rating.is_null())
        .exec(&txn)
        .await?;
    if r.rows_affected != 1 {
        return Err(AppError::Conflict);
    }
    record_event(&txn, t.id, EventKind::Rated, None, false, &format!("{rating}/4 {}", comment.trim()), None, None, None, at).await?;
    audit::record(&txn, None, "ticket.rate", "ticket", t.id, json!({ "rating": rating }), at).await?;
    txn.commit().await?;
    Ok(())
}

