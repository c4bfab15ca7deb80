//! The rules of reports: submission and its confirmation gate, the citizen's follow-ups,
//! the staff inbox and actions, the public register. Every function takes a connection (or
//! a transaction) and knows nothing of HTTP.
use super::mail::{self as tmail, Message};
use super::lifecycle::{self, code_of, mail_citizen, record_event, transition, Actor, Cause};
use super::views::*;
use super::{AttachmentInfo, EventKind, Kind, ReportAnswers, Status, TrackingCode, BODY_MAX, SUBJECT_MAX};
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
use crate::ssr::{audit, now, outbox, timefmt};

use sea_orm::sea_query::{Expr, Func, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};
use serde_json::json;
use std::collections::HashMap;

/// Settings the rules need from the running portal.
#[derive(Clone, Debug)]
pub struct Env<'a> {
    pub public_url: &'a str,
}

const CONFIRM_DAYS: i64 = 7;

pub fn valid_phone(p: &str) -> bool {
    let digits = p.chars().filter(|c| c.is_ascii_digit()).count();
    (8..=15).contains(&digits) && p.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c))
}

/// Checks the report form; gives back the unit and service it names.
pub async fn validate(
    db: &impl ConnectionTrait,
    a: &ReportAnswers,
) -> Result<(unit::Model, Option<service::Model>), AppError> {
    let mut errors = FieldErrors::default();
    if a.kind.is_empty() {
        errors.add("kind", Problem::Required);
    } else if Kind::parse(&a.kind).is_none() {
        errors.add("kind", Problem::Unknown);
    }
    let unit = if a.unit.is_empty() {
        errors.add("unit", Problem::Required);
        None
    } else {
        let u = unit::Entity::find().filter(unit::Column::Slug.eq(a.unit.as_str())).one(db).await?;
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
    errors.text("name", &a.name, true, 100);
    let phone_only = unit.as_ref().map(|u| u.phone_only).unwrap_or(false);
    let email = a.email.trim();
    if email.is_empty() {
        if !phone_only {
            errors.add("email", Problem::Required);
        } else if a.phone.trim().is_empty() {
            errors.add("phone", Problem::Required);
        }
    } else if !crate::auth::ssr::is_valid_email(email) {
        errors.add("email", Problem::InvalidEmail);
    }
    if !a.phone.trim().is_empty() && !valid_phone(a.phone.trim()) {
        errors.add("phone", Problem::InvalidPhone);
    }
    errors.into_result()?;
    Ok((unit.ok_or(AppError::Internal)?, service))
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

fn random_token() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Creates the ticket (once per `key`: a second submission of the same answers returns the
/// first ticket), its first history entry, attachments, and the mail, in one transaction.
pub async fn submit(
    db: &(impl ConnectionTrait + TransactionTrait),
    a: &ReportAnswers,
    key: &str,
    lang: Lang,
    env: &Env<'_>,
) -> Result<Submitted, AppError> {
    submit_limited(db, a, key, lang, env, None, None).await
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

/// A report that came through another app (Open311): who sent it and what it sent beyond
/// the report, stored with the ticket.
#[derive(Clone, Debug)]
pub struct Via {
    pub client_id: i32,
    pub record: crate::ssr::entities::open311_request::ActiveModel,
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
    via: Option<Via>,
) -> Result<Submitted, AppError> {
    if let Some(t) = ticket::Entity::find().filter(ticket::Column::SubmissionKey.eq(key)).one(db).await? {
        return submitted_of(db, t).await;
    }
    let (unit, service) = validate(db, a).await?;
    let email = Some(crate::auth::ssr::normalize_email(&a.email)).filter(|e| !e.is_empty());
    let phone = Some(a.phone.trim().to_string()).filter(|p| !p.is_empty());
    let txn = crate::ssr::begin_write(db).await?;
    if let Some(limits) = limits {
        let hour = chrono::Duration::hours(1);
        let mut buckets = vec![(limits.client.clone(), limits.client_per_hour)];
        buckets.extend(email.as_ref().map(|e| (format!("report-email:{e}"), limits.email_per_hour)));
        for (bucket, limit) in &buckets {
            if let Err(minutes) = crate::ssr::rate::check(&txn, bucket, *limit, hour).await? {
                txn.rollback().await?;
                return Err(AppError::RateLimited { retry_after_minutes: minutes });
            }
        }
        let names: Vec<String> = buckets.into_iter().map(|(b, _)| b).collect();
        crate::ssr::rate::count_all(&txn, &names).await?;
    }
    let verified = match &email {
        Some(e) => verified_email::Entity::find_by_id(e.clone()).one(&txn).await?.is_some(),
        None => false,
    };
    let gate = unit.report_gate && email.is_some() && !verified;
    let status = if gate { Status::AwaitingConfirmation } else { Status::New };
    let at = now();
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
    for f in &a.attachments {
        attachment::ActiveModel {
            ticket_id: Set(t.id),
            event_id: Set(None),
            hash: Set(f.hash.clone()),
            mime: Set(f.mime.clone()),
            size: Set(f.size),
            name: Set(f.name.clone()),
            created_at: Set(at),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    if let Some(email) = &email {
        let mail = if gate {
            let token = random_token();
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
            let link = format!("{}/konfirmasi/{token}", env.public_url.trim_end_matches('/'));
            tmail::citizen(email, lang, &code, &t.subject, &unit.name, env.public_url, Message::Confirm { link: &link })
        } else {
            tmail::citizen(email, lang, &code, &t.subject, &unit.name, env.public_url, Message::Received)
        };
        outbox::enqueue(&txn, mail, Some(t.id)).await?;
    }
    let client = match via {
        Some(Via { client_id, mut record }) => {
            record.ticket_id = Set(t.id);
            record.client_id = Set(client_id);
            record.insert(&txn).await?;
            Some(client_id)
        }
        None => None,
    };
    if !gate {
        crate::rosters::routing::route_now(&txn, &t, at).await?;
    }
    audit::record(
        &txn,
        None,
        "ticket.submit",
        "ticket",
        t.id,
        json!({
            "kind": t.kind, "unit": unit.slug, "status": status.code(), "attachments": a.attachments.len(),
            "open311_client": client,
        }),
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
pub async fn confirm_email(
    db: &(impl ConnectionTrait + TransactionTrait),
    token: &str,
    env: &Env<'_>,
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
    let at = now();
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
    let waiting = ticket::Entity::find()
        .filter(ticket::Column::ReporterEmail.eq(c.email.clone()))
        .filter(ticket::Column::Status.eq(Status::AwaitingConfirmation))
        .all(&txn)
        .await?;
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

async fn attachments_of(db: &impl ConnectionTrait, ticket_id: i32) -> Result<Vec<AttachmentInfo>, AppError> {
    Ok(attachment::Entity::find()
        .filter(attachment::Column::TicketId.eq(ticket_id))
        .order_by_asc(attachment::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|a| AttachmentInfo { hash: a.hash, name: a.name, mime: a.mime, size: a.size })
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
    let cal = Calendar::of_unit(db, u).await?;
    let shifts = crate::rosters::ssr::shifts_of(db, u.id).await?;
    Ok(Clock::new(cal, u, &shifts))
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
pub async fn citizen_view(db: &impl ConnectionTrait, t: &ticket::Model, lang: Lang) -> Result<TicketView, AppError> {
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
    let timeline = events
        .iter()
        .map(|e| TimelineItem {
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
        })
        .collect();
    let status = t.status;
    let deadline = reopen_deadline(t, &u, &Calendar::of_unit(db, &u).await?);
    let reopen_until = match (status, deadline) {
        (Status::Resolved, Some(d)) if timefmt::today_in(&u.timezone) <= d => Some(timefmt::day(d, lang)),
        _ => None,
    };
    let promise = if status.is_open() && status != Status::AwaitingConfirmation && t.merged_into.is_none() {
        let service = match t.service_id {
            Some(id) => service::Entity::find_by_id(id).one(db).await?,
            None => None,
        };
        let ds = deadlines::of_ticket(t, service.as_ref(), &clock_of(db, &u).await?, now());
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
        attachments: attachments_of(db, t.id).await?,
        anonymous: t.anonymous,
        confidential: t.confidential,
        can_message: status.is_open() && status != Status::AwaitingConfirmation && t.merged_into.is_none(),
        reopen_until,
        can_rate: t.rating.is_none() && t.resolved_at.is_some() && t.merged_into.is_none() && !status.is_open(),
        survey_open: crate::satisfaction::ssr::ticket_survey_open(db, t).await?,
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
    let at = now();
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
            outbox::enqueue(&txn, tmail::staff_follow_up(&s.email, &code_of(t)?, &u.slug, t.id, env.public_url), Some(t.id))
                .await?;
        }
    }
    audit::record(&txn, None, "ticket.citizen_message", "ticket", t.id, json!({ "status": [status.code(), next.code()] }))
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
    if now_stands.status != Status::Resolved || open_until.map(|d| timefmt::today_in(&u.timezone) > d).unwrap_or(true) {
        txn.rollback().await?;
        return Err(AppError::Conflict);
    }
    transition(&txn, &u, &now_stands, Status::InProgress, Cause::Reopened { reason }, Actor::Citizen, env, now()).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn rate(
    db: &(impl ConnectionTrait + TransactionTrait),
    t: &ticket::Model,
    rating: i32,
    comment: &str,
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
    record_event(&txn, t.id, EventKind::Rated, None, false, &format!("{rating}/4 {}", comment.trim()), None, None, None, now()).await?;
    audit::record(&txn, None, "ticket.rate", "ticket", t.id, json!({ "rating": rating })).await?;
    txn.commit().await?;
    Ok(())
}

// ---------------------------------------------------------------- staff

/// The ticket, if the user belongs to its unit; otherwise "not found" (never "forbidden":
/// a unit's reports are not even confirmed to exist for others).
pub async fn ticket_for_staff(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    unit_slug: &str,
    id: i32,
) -> Result<(unit::Model, ticket::Model), AppError> {
    let u = unit::Entity::find().filter(unit::Column::Slug.eq(unit_slug)).one(db).await?.ok_or(AppError::NotFound)?;
    if !user.memberships.iter().any(|m| m.unit_id == u.id) {
        return Err(AppError::NotFound);
    }
    let t = ticket::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if t.unit_id != u.id {
        return Err(AppError::NotFound);
    }
    Ok((u, t))
}

pub async fn unit_for_staff(db: &impl ConnectionTrait, user: &CurrentUser, unit_slug: &str) -> Result<unit::Model, AppError> {
    let u = unit::Entity::find().filter(unit::Column::Slug.eq(unit_slug)).one(db).await?.ok_or(AppError::NotFound)?;
    if user.memberships.iter().any(|m| m.unit_id == u.id) {
        Ok(u)
    } else {
        Err(AppError::NotFound)
    }
}

async fn user_names(db: &impl ConnectionTrait, ids: impl IntoIterator<Item = i32>) -> Result<HashMap<i32, String>, AppError> {
    let mut ids: Vec<i32> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(user::Entity::find().filter(user::Column::Id.is_in(ids)).all(db).await?.into_iter().map(|u| (u.id, u.name)).collect())
}

pub const INBOX_LIMIT: u64 = 200;

/// Every word (up to five) in the subject or the description, ignoring case.
fn words_condition(words: &str) -> Condition {
    let lower = |c: ticket::Column| Expr::expr(Func::lower(Expr::col((ticket::Entity, c))));
    words.split_whitespace().take(5).fold(Condition::all(), |all, w| {
        let pattern = format!("%{}%", w.to_lowercase().replace(['%', '_', '\\'], ""));
        all.add(
            Condition::any()
                .add(lower(ticket::Column::Subject).like(pattern.as_str()))
                .add(lower(ticket::Column::Body).like(pattern.as_str())),
        )
    })
}

pub async fn inbox(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    u: &unit::Model,
    f: &InboxFilter,
    lang: Lang,
) -> Result<InboxData, AppError> {
    let mut q = ticket::Entity::find().filter(ticket::Column::UnitId.eq(u.id));
    match Status::parse(&f.status) {
        Some(s) => q = q.filter(ticket::Column::Status.eq(s.code())),
        None if f.status == "semua" => {}
        // By default: everything that needs work (not waiting for confirmation, not done).
        None => {
            q = q.filter(ticket::Column::Status.is_not_in([
                Status::AwaitingConfirmation.code(),
                Status::Resolved.code(),
                Status::Closed.code(),
            ]))
        }
    }
    if let Some(k) = Kind::parse(&f.kind) {
        q = q.filter(ticket::Column::Kind.eq(k.code()));
    }
    if let Ok(s) = f.service.parse::<i32>() {
        q = q.filter(ticket::Column::ServiceId.eq(s));
    }
    match f.who.as_str() {
        "saya" => q = q.filter(ticket::Column::AssignedTo.eq(user.id)),
        "kosong" => q = q.filter(ticket::Column::AssignedTo.is_null()),
        _ => {}
    }
    let words = f.q.trim();
    if !words.is_empty() {
        if let Ok(code) = TrackingCode::parse(words) {
            q = q.filter(ticket::Column::Code.eq(code.as_str()));
        } else {
            q = q.filter(words_condition(words));
        }
    }
    // "Overdue" is computed from the unit's calendar, not stored: with that filter every
    // matching report is read, and the first INBOX_LIMIT overdue ones are shown.
    let q = q.order_by_asc(ticket::Column::CreatedAt);
    let tickets = if f.overdue { q.all(db).await? } else { q.limit(INBOX_LIMIT + 1).all(db).await? };
    let service_rows: HashMap<i32, service::Model> =
        service::Entity::find().filter(service::Column::UnitId.eq(u.id)).all(db).await?.into_iter().map(|s| (s.id, s)).collect();
    let mut services: Vec<(i32, String)> = service_rows.values().map(|s| (s.id, s.name.clone())).collect();
    services.sort_by(|a, b| a.1.cmp(&b.1));
    let names = user_names(db, tickets.iter().filter_map(|t| t.assigned_to)).await?;
    let clock = clock_of(db, u).await?;
    let at = now();
    let mut rows = Vec::new();
    let mut truncated = false;
    for t in tickets {
        let ds = deadlines::of_ticket(&t, t.service_id.and_then(|s| service_rows.get(&s)), &clock, at);
        let next = if t.status.is_open() { watched(&ds) } else { None };
        let overdue = next.map(|d| d.state == deadlines::State::Overdue).unwrap_or(false);
        let due = next.map(|d| {
            let paused = if d.state == deadlines::State::Paused { lang.t(" (dijeda)", " (paused)") } else { "" };
            format!("{}: {}{paused}", d.which.label(lang), timefmt::date_time(d.due, &u.timezone, lang))
        });
        if f.overdue && !overdue {
            continue;
        }
        if rows.len() as u64 == INBOX_LIMIT {
            truncated = true;
            break;
        }
        rows.push(InboxRow {
            id: t.id,
            code: code_of(&t)?.to_string(),
            kind: Kind::parse(&t.kind).unwrap_or(Kind::Konsultasi),
            subject: t.subject.clone(),
            service: t.service_id.and_then(|id| services.iter().find(|s| s.0 == id).map(|s| s.1.clone())),
            status: t.status,
            created: timefmt::date_time(t.created_at, &u.timezone, lang),
            due,
            overdue,
            assignee: t.assigned_to.and_then(|id| names.get(&id).cloned()),
            reporter: if t.anonymous { lang.t("Anonim", "Anonymous").to_string() } else { t.reporter_name.clone() },
        });
    }
    Ok(InboxData {
        unit_id: u.id,
        unit_slug: u.slug.clone(),
        unit_name: u.name.clone(),
        my_units: user.memberships.iter().map(|m| (m.unit_slug.clone(), m.unit_name.clone())).collect(),
        services,
        rows,
        filter: f.clone(),
        truncated,
    })
}

fn in_register(t: &ticket::Model) -> bool {
    t.resolved_at.is_some()
        && !t.status.is_open()
        && !t.confidential
        && !t.anonymous
        && t.register_excluded.is_none()
        && t.merged_into.is_none()
}

pub async fn staff_view(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    u: &unit::Model,
    t: &ticket::Model,
    template: Option<i32>,
    lang: Lang,
) -> Result<StaffTicket, AppError> {
    let events = ticket_event::Entity::find()
        .filter(ticket_event::Column::TicketId.eq(t.id))
        .order_by_asc(ticket_event::Column::Id)
        .all(db)
        .await?;
    let audits = audit_log::Entity::find()
        .filter(audit_log::Column::Entity.eq("ticket"))
        .filter(audit_log::Column::EntityId.eq(t.id.to_string()))
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await?;
    let names = user_names(
        db,
        events.iter().filter_map(|e| e.actor_user_id).chain(audits.iter().filter_map(|a| a.actor_user_id)).chain(t.assigned_to),
    )
    .await?;
    let reporter_label = if t.anonymous { lang.t("Pelapor (anonim)", "Reporter (anonymous)") } else { lang.t("Pelapor", "Reporter") };
    let timeline = events
        .iter()
        .map(|e| TimelineItem {
            at: timefmt::date_time(e.at, &u.timezone, lang),
            title: event_title(e, lang, true),
            body: e.body.clone(),
            by: match e.actor_user_id {
                Some(id) => names.get(&id).cloned().unwrap_or_default(),
                None if e.kind.by_citizen() || e.kind == EventKind::Confirmed => {
                    reporter_label.to_string()
                }
                None => lang.t("Sistem", "System").to_string(),
            },
            from_citizen: e.actor_user_id.is_none() && matches!(e.kind, EventKind::Citizen | EventKind::Reopened | EventKind::Rated),
            internal: e.internal,
        })
        .collect();
    let audit = audits
        .iter()
        .map(|a| AuditRow {
            at: timefmt::date_time(a.at, &u.timezone, lang),
            who: match a.actor_user_id {
                Some(id) => names.get(&id).cloned().unwrap_or_default(),
                None => reporter_label.to_string(),
            },
            action: a.action.clone(),
            detail: a.detail.clone(),
        })
        .collect();
    let templates: Vec<TemplateView> = response_template::Entity::find()
        .filter(response_template::Column::UnitId.eq(u.id))
        .order_by_asc(response_template::Column::Title)
        .all(db)
        .await?
        .into_iter()
        .map(|r| TemplateView { id: r.id, title: r.title, body: r.body })
        .collect();
    let prefill = template.and_then(|id| templates.iter().find(|t| t.id == id)).map(|t| t.body.clone()).unwrap_or_default();
    let other_units = unit::Entity::find()
        .filter(unit::Column::Id.ne(u.id))
        .order_by_asc(unit::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.slug, o.name))
        .collect();
    let members = if user.can_manage(u.id) {
        let ids: Vec<i32> = unit_member::Entity::find()
            .filter(unit_member::Column::UnitId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|m| m.user_id)
            .collect();
        let mut list: Vec<(i32, String)> = user_names(db, ids).await?.into_iter().collect();
        list.sort_by(|a, b| a.1.cmp(&b.1));
        list
    } else {
        vec![]
    };
    let merged_into = match t.merged_into {
        Some(id) => ticket::Entity::find_by_id(id).one(db).await?.map(|m| code_of(&m).map(|c| c.to_string())).transpose()?,
        None => None,
    };
    let status = t.status;
    Ok(StaffTicket {
        id: t.id,
        unit_id: u.id,
        unit_slug: u.slug.clone(),
        unit_name: u.name.clone(),
        code: code_of(t)?.to_string(),
        kind: Kind::parse(&t.kind).unwrap_or(Kind::Konsultasi),
        service: service_name(db, t.service_id).await?,
        subject: t.subject.clone(),
        body: t.body.clone(),
        place: t.place.clone(),
        status,
        created: timefmt::date_time(t.created_at, &u.timezone, lang),
        deadlines: {
            let s = match t.service_id {
                Some(id) => service::Entity::find_by_id(id).one(db).await?,
                None => None,
            };
            deadline_views(&deadlines::of_ticket(t, s.as_ref(), &clock_of(db, u).await?, now()), u, lang)
        },
        anonymous: t.anonymous,
        confidential: t.confidential,
        reporter: if t.anonymous {
            None
        } else {
            Some(Reporter { name: t.reporter_name.clone(), email: t.reporter_email.clone(), phone: t.reporter_phone.clone() })
        },
        assignee: t.assigned_to.and_then(|id| names.get(&id).cloned()),
        assigned_to_me: t.assigned_to == Some(user.id),
        members,
        events: timeline,
        audit,
        attachments: attachments_of(db, t.id).await?,
        templates,
        prefill,
        other_units,
        targets: if t.merged_into.is_some() { vec![] } else { status.staff_targets() },
        register_excluded: t.register_excluded.clone(),
        in_register: in_register(t),
        rating: t.rating,
        rating_comment: t.rating_comment.clone(),
        merged_into,
        flash: None,
    })
}

fn staff_only(t: &ticket::Model) -> Result<(), AppError> {
    if t.status == Status::AwaitingConfirmation {
        // Not confirmed yet: nothing may be done to it but wait.
        return Err(AppError::Conflict);
    }
    Ok(())
}

/// A staff decision on the status, inside the caller's transaction (see `lifecycle`).
async fn change_status(
    txn: &impl ConnectionTrait,
    actor: &CurrentUser,
    u: &unit::Model,
    t: &ticket::Model,
    to: Status,
    note: &str,
    env: &Env<'_>,
) -> Result<ticket::Model, AppError> {
    transition(txn, u, t, to, Cause::Staff { note }, Actor::Staff(actor), env, now()).await
}

pub struct ReplyInput<'a> {
    pub body: &'a str,
    pub internal: bool,
    pub sign_with_name: bool,
    pub then: Option<Status>,
}

/// A public reply (signed with the unit, or the staff member's name by choice) or an
/// internal note; optionally followed by a status change.
pub async fn reply(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &CurrentUser,
    u: &unit::Model,
    t: &ticket::Model,
    input: ReplyInput<'_>,
    env: &Env<'_>,
) -> Result<(), AppError> {
    staff_only(t)?;
    body_errors(input.body, "body")?;
    if t.status == Status::Closed && !input.internal {
        return Err(AppError::Conflict);
    }
    let txn = crate::ssr::begin_write(db).await?;
    let body = input.body.trim();
    let at = now();
    if input.internal {
        record_event(&txn, t.id, EventKind::Note, Some(actor.id), true, body, None, None, None, at).await?;
        audit::record(&txn, Some(actor.id), "ticket.note", "ticket", t.id, json!({})).await?;
    } else {
        let signature = if input.sign_with_name { format!("{} — {}", actor.name, u.name) } else { u.name.clone() };
        record_event(&txn, t.id, EventKind::Reply, Some(actor.id), false, body, None, None, Some(signature.clone()), at).await?;
        audit::record(&txn, Some(actor.id), "ticket.reply", "ticket", t.id, json!({ "signed_with_name": input.sign_with_name }))
            .await?;
        mail_citizen(&txn, t, &u.name, env, Message::Reply { body, signature: &signature }).await?;
        // Reporters whose reports were merged into this one get the answer too.
        let merged = ticket::Entity::find().filter(ticket::Column::MergedInto.eq(t.id)).all(&txn).await?;
        for m in merged {
            mail_citizen(&txn, &m, &u.name, env, Message::Reply { body, signature: &signature }).await?;
        }
        lifecycle::mark_progress(&txn, t.id, true, at).await?;
        if t.assigned_to.is_none() {
            ticket::Entity::update_many()
                .col_expr(ticket::Column::AssignedTo, Expr::value(actor.id))
                .col_expr(ticket::Column::AssignedHow, Expr::value("self"))
                .filter(ticket::Column::Id.eq(t.id))
                .filter(ticket::Column::AssignedTo.is_null())
                .exec(&txn)
                .await?;
        }
    }
    ticket::Entity::update_many()
        .col_expr(ticket::Column::UpdatedAt, Expr::value(at))
        .filter(ticket::Column::Id.eq(t.id))
        .exec(&txn)
        .await?;
    if let Some(to) = input.then {
        change_status(&txn, actor, u, t, to, "", env).await?;
    }
    txn.commit().await?;
    Ok(())
}

pub async fn set_status(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &CurrentUser,
    u: &unit::Model,
    t: &ticket::Model,
    to: Status,
    note: &str,
    env: &Env<'_>,
) -> Result<(), AppError> {
    staff_only(t)?;
    let mut errors = FieldErrors::default();
    errors.text("note", note, false, BODY_MAX);
    errors.into_result()?;
    let txn = crate::ssr::begin_write(db).await?;
    change_status(&txn, actor, u, t, to, note, env).await?;
    txn.commit().await?;
    Ok(())
}

/// Takes a report (`to` = the actor), hands it to another member, or releases it (`None`).
/// A member takes a report nobody holds and releases their own; only managers hand reports
/// over or take them from a colleague. Finished and merged reports stay with whoever held
/// them, and a page that is out of date (the report changed hands meanwhile) is refused.
pub async fn assign(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &CurrentUser,
    u: &unit::Model,
    t: &ticket::Model,
    to: Option<i32>,
) -> Result<(), AppError> {
    staff_only(t)?;
    let manager = actor.can_manage(u.id);
    let allowed = manager
        || match to {
            Some(id) if id == actor.id => t.assigned_to.is_none() || t.assigned_to == Some(actor.id),
            Some(_) => false,
            None => t.assigned_to == Some(actor.id),
        };
    if !allowed {
        return Err(AppError::Forbidden);
    }
    if let Some(id) = to {
        let member = unit_member::Entity::find()
            .filter(unit_member::Column::UnitId.eq(u.id))
            .filter(unit_member::Column::UserId.eq(id))
            .one(db)
            .await?;
        if member.is_none() {
            return Err(AppError::NotFound);
        }
    }
    if !t.status.is_open() || t.merged_into.is_some() {
        return Err(AppError::Conflict);
    }
    let txn = crate::ssr::begin_write(db).await?;
    let held = match t.assigned_to {
        Some(id) => ticket::Column::AssignedTo.eq(id),
        None => ticket::Column::AssignedTo.is_null(),
    };
    let at = now();
    let r = ticket::Entity::update_many()
        .col_expr(ticket::Column::AssignedTo, Expr::value(to))
        .col_expr(
            ticket::Column::AssignedHow,
            Expr::value(to.map(|id| if id == actor.id { "self" } else { "hand" })),
        )
        .col_expr(ticket::Column::UpdatedAt, Expr::value(at))
        .filter(ticket::Column::Id.eq(t.id))
        .filter(ticket::Column::UnitId.eq(u.id))
        .filter(ticket::Column::Status.is_in(Status::WORKING))
        .filter(ticket::Column::MergedInto.is_null())
        .filter(held)
        .exec(&txn)
        .await?;
    if r.rows_affected != 1 {
        let refusal = moved_hands(&txn, t).await;
        txn.rollback().await?;
        return Err(refusal);
    }
    record_event(&txn, t.id, EventKind::Assigned, Some(actor.id), true, "", None, None, None, at).await?;
    audit::record(
        &txn,
        Some(actor.id),
        "ticket.assign",
        "ticket",
        t.id,
        json!({ "assigned_to": [t.assigned_to, to], "reason": "by hand" }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The refusal for an assignment based on a page that is out of date.
async fn moved_hands(db: &impl ConnectionTrait, seen: &ticket::Model) -> AppError {
    let now_stands = match ticket::Entity::find_by_id(seen.id).one(db).await {
        Ok(Some(t)) => t,
        Ok(None) => return AppError::NotFound,
        Err(e) => return e.into(),
    };
    if now_stands.status != seen.status || now_stands.merged_into.is_some() || now_stands.unit_id != seen.unit_id {
        return AppError::Moved {
            id: format!(
                "Laporan ini baru saja diubah menjadi «{}». Muat ulang halaman untuk melihat keadaannya sekarang.",
                now_stands.status.label(Lang::Id)
            ),
            en: format!(
                "This report was set to \u{201c}{}\u{201d} a moment ago. Reload the page to see where it stands now.",
                now_stands.status.label(Lang::En)
            ),
        };
    }
    let holder = match now_stands.assigned_to {
        Some(id) => user::Entity::find_by_id(id).one(db).await.ok().flatten().map(|u| u.name),
        None => None,
    };
    match holder {
        Some(name) => AppError::Moved {
            id: format!("Laporan ini baru saja dipegang oleh {name}. Muat ulang halaman untuk melihat keadaannya sekarang."),
            en: format!("{name} took this report a moment ago. Reload the page to see where it stands now."),
        },
        None => AppError::Moved {
            id: "Laporan ini baru saja dilepas ke antrean unit. Muat ulang halaman untuk melihat keadaannya sekarang.".into(),
            en: "This report was released to the unit's queue a moment ago. Reload the page to see where it stands now.".into(),
        },
    }
}

/// "Bukan wewenang": the report moves to another unit, starts again there, and the citizen
/// is told why.
pub async fn forward(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &CurrentUser,
    u: &unit::Model,
    t: &ticket::Model,
    target_slug: &str,
    reason: &str,
    env: &Env<'_>,
) -> Result<(), AppError> {
    staff_only(t)?;
    let mut errors = FieldErrors::default();
    errors.text("reason", reason, true, 1000);
    let target = unit::Entity::find().filter(unit::Column::Slug.eq(target_slug)).one(db).await?;
    match &target {
        None if target_slug.is_empty() => errors.add("target", Problem::Required),
        None => errors.add("target", Problem::Unknown),
        Some(x) if x.id == u.id => errors.add("target", Problem::Unknown),
        _ => {}
    }
    errors.into_result()?;
    let target = target.ok_or(AppError::Internal)?;
    let txn = crate::ssr::begin_write(db).await?;
    let cause = Cause::Forwarded { to: &target, reason };
    transition(&txn, u, t, Status::New, cause, Actor::Staff(actor), env, now()).await?;
    txn.commit().await?;
    Ok(())
}

/// Merges a duplicate into another report of the same unit. The duplicate closes; both
/// citizens are told; neither learns the other's code.
pub async fn merge(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &CurrentUser,
    u: &unit::Model,
    t: &ticket::Model,
    target_code: &str,
    env: &Env<'_>,
) -> Result<(), AppError> {
    staff_only(t)?;
    let mut errors = FieldErrors::default();
    let target = match TrackingCode::parse(target_code) {
        Ok(c) => find_by_code(db, &c).await?.filter(|x| x.unit_id == u.id && x.id != t.id && x.merged_into.is_none()),
        Err(_) => None,
    };
    if target_code.trim().is_empty() {
        errors.add("target", Problem::Required);
    } else if target.is_none() {
        errors.add("target", Problem::InvalidCode);
    }
    errors.into_result()?;
    let target = target.ok_or(AppError::Internal)?;
    let txn = crate::ssr::begin_write(db).await?;
    transition(&txn, u, t, Status::Closed, Cause::Merged { into: &target }, Actor::Staff(actor), env, now()).await?;
    txn.commit().await?;
    Ok(())
}

/// Keeps a report out of the public register (or lets it back in with an empty reason).
pub async fn exclude_from_register(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &CurrentUser,
    t: &ticket::Model,
    reason: &str,
    exclude: bool,
) -> Result<(), AppError> {
    if exclude {
        let mut errors = FieldErrors::default();
        errors.text("reason", reason, true, 500);
        errors.into_result()?;
    }
    let txn = crate::ssr::begin_write(db).await?;
    let value = if exclude { Some(reason.trim().to_string()) } else { None };
    ticket::Entity::update_many()
        .col_expr(ticket::Column::RegisterExcluded, Expr::value(value.clone()))
        .filter(ticket::Column::Id.eq(t.id))
        .exec(&txn)
        .await?;
    record_event(&txn, t.id, EventKind::Excluded, Some(actor.id), true, value.as_deref().unwrap_or("-"), None, None, None, now()).await?;
    audit::record(
        &txn,
        Some(actor.id),
        "ticket.register",
        "ticket",
        t.id,
        json!({ "excluded": [t.register_excluded.is_some(), exclude] }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

// ---------------------------------------------------------------- templates

pub async fn templates(db: &impl ConnectionTrait, unit_id: i32) -> Result<Vec<TemplateView>, AppError> {
    Ok(response_template::Entity::find()
        .filter(response_template::Column::UnitId.eq(unit_id))
        .order_by_asc(response_template::Column::Title)
        .all(db)
        .await?
        .into_iter()
        .map(|r| TemplateView { id: r.id, title: r.title, body: r.body })
        .collect())
}

pub async fn save_template(
    db: &impl ConnectionTrait,
    actor: &CurrentUser,
    unit_id: i32,
    title: &str,
    body: &str,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::default();
    errors.text("title", title, true, 100);
    errors.text("body", body, true, BODY_MAX);
    errors.into_result()?;
    let r = response_template::ActiveModel {
        unit_id: Set(unit_id),
        title: Set(title.trim().to_string()),
        body: Set(body.trim().to_string()),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(db, Some(actor.id), "template.create", "response_template", r.id, json!({ "unit": unit_id })).await?;
    Ok(())
}

pub async fn delete_template(db: &impl ConnectionTrait, actor: &CurrentUser, unit_id: i32, id: i32) -> Result<(), AppError> {
    let r = response_template::Entity::delete_many()
        .filter(response_template::Column::Id.eq(id))
        .filter(response_template::Column::UnitId.eq(unit_id))
        .exec(db)
        .await?;
    if r.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    audit::record(db, Some(actor.id), "template.delete", "response_template", id, json!({ "unit": unit_id })).await?;
    Ok(())
}

// ---------------------------------------------------------------- register and export

/// Removes what could name a person: the reporter's own name, e-mail and phone, and any
/// e-mail address or long run of digits (phone numbers, NIK) in the text.
pub fn redact(text: &str, t: &ticket::Model) -> String {
    const MARK: &str = "[disamarkan]";
    let mut out = text.to_string();
    let mut known: Vec<String> = vec![t.reporter_name.trim().to_string()];
    known.extend(t.reporter_email.clone());
    known.extend(t.reporter_phone.clone());
    for k in known.iter().filter(|k| k.chars().count() >= 3) {
        out = replace_ci(&out, k, MARK);
    }
    let words: Vec<String> = out
        .split_inclusive(char::is_whitespace)
        .map(|w| {
            let core = w.trim_end();
            let tail = &w[core.len()..];
            let digits = core.chars().filter(|c| c.is_ascii_digit()).count();
            if core.contains('@') && core.contains('.') || digits >= 8 {
                format!("{MARK}{tail}")
            } else {
                w.to_string()
            }
        })
        .collect();
    words.concat()
}

fn replace_ci(haystack: &str, needle: &str, with: &str) -> String {
    let lower_h = haystack.to_lowercase();
    let lower_n = needle.to_lowercase();
    if lower_n.is_empty() || lower_h.len() != haystack.len() {
        return haystack.replace(needle, with);
    }
    let mut out = String::new();
    let mut i = 0;
    while let Some(pos) = lower_h[i..].find(&lower_n) {
        out.push_str(&haystack[i..i + pos]);
        out.push_str(with);
        i += pos + lower_n.len();
    }
    out.push_str(&haystack[i..]);
    out
}

pub async fn register(
    db: &impl ConnectionTrait,
    q: &str,
    service_id: Option<i32>,
    lang: Lang,
) -> Result<RegisterData, AppError> {
    let mut query = ticket::Entity::find()
        .filter(ticket::Column::ResolvedAt.is_not_null())
        .filter(ticket::Column::Status.is_in([Status::Resolved.code(), Status::Closed.code()]))
        .filter(ticket::Column::Confidential.eq(false))
        .filter(ticket::Column::Anonymous.eq(false))
        .filter(ticket::Column::RegisterExcluded.is_null())
        .filter(ticket::Column::MergedInto.is_null());
    if let Some(s) = service_id {
        query = query.filter(ticket::Column::ServiceId.eq(s));
    }
    if !q.trim().is_empty() {
        query = query.filter(words_condition(q));
    }
    let tickets = query.order_by_desc(ticket::Column::ResolvedAt).limit(50).all(db).await?;
    let ids: Vec<i32> = tickets.iter().map(|t| t.id).collect();
    let replies = if ids.is_empty() {
        vec![]
    } else {
        ticket_event::Entity::find()
            .filter(ticket_event::Column::TicketId.is_in(ids))
            .filter(ticket_event::Column::Kind.eq(EventKind::Reply))
            .filter(ticket_event::Column::Internal.eq(false))
            .order_by_asc(ticket_event::Column::Id)
            .all(db)
            .await?
    };
    let units: HashMap<i32, unit::Model> = unit::Entity::find().all(db).await?.into_iter().map(|u| (u.id, u)).collect();
    let services_all: HashMap<i32, service::Model> =
        service::Entity::find().all(db).await?.into_iter().map(|s| (s.id, s)).collect();
    let entries = tickets
        .iter()
        .map(|t| {
            let zone = units.get(&t.unit_id).map(|u| u.timezone.as_str()).unwrap_or("Asia/Jakarta");
            RegisterEntry {
                kind: Kind::parse(&t.kind).unwrap_or(Kind::Konsultasi),
                unit: units.get(&t.unit_id).map(|u| u.name.clone()).unwrap_or_default(),
                service: t.service_id.and_then(|s| services_all.get(&s)).map(|s| s.name.clone()),
                subject: redact(&t.subject, t),
                body: redact(&t.body, t),
                answers: replies.iter().filter(|r| r.ticket_id == t.id).map(|r| redact(&r.body, t)).collect(),
                resolved: t.resolved_at.map(|r| timefmt::date(r, zone, lang)).unwrap_or_default(),
            }
        })
        .collect();
    let mut services: Vec<(i32, String)> = services_all
        .values()
        .map(|s| {
            let unit = units.get(&s.unit_id).map(|u| u.name.as_str()).unwrap_or("");
            (s.id, format!("{} — {unit}", s.name))
        })
        .collect();
    services.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(RegisterData { entries, services, q: q.to_string(), service: service_id })
}

fn csv_field(s: &str) -> String {
    // Quote every field; neutralise spreadsheet formulas.
    let s = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_string() };
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// The unit's reports as CSV for staff. Anonymous reporters appear as "Anonim" only.
pub async fn export_csv(db: &impl ConnectionTrait, u: &unit::Model) -> Result<String, AppError> {
    let tickets = ticket::Entity::find()
        .filter(ticket::Column::UnitId.eq(u.id))
        .order_by_asc(ticket::Column::Id)
        .all(db)
        .await?;
    let services: HashMap<i32, String> = service::Entity::find()
        .filter(service::Column::UnitId.eq(u.id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let mut out = String::from("kode,jenis,layanan,judul,status,dibuat,selesai,pelapor,email,telepon,rahasia,penilaian\r\n");
    for t in tickets {
        let (name, email, phone) = if t.anonymous {
            ("Anonim".to_string(), String::new(), String::new())
        } else {
            (t.reporter_name.clone(), t.reporter_email.clone().unwrap_or_default(), t.reporter_phone.clone().unwrap_or_default())
        };
        let row = [
            code_of(&t)?.to_string(),
            t.kind.clone(),
            t.service_id.and_then(|s| services.get(&s).cloned()).unwrap_or_default(),
            t.subject.clone(),
            t.status.code().to_string(),
            t.created_at.to_rfc3339(),
            t.resolved_at.map(|r| r.to_rfc3339()).unwrap_or_default(),
            name,
            email,
            phone,
            if t.confidential { "ya" } else { "tidak" }.to_string(),
            t.rating.map(|r| r.to_string()).unwrap_or_default(),
        ];
        out.push_str(&row.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> ticket::Model {
        ticket::Model {
            id: 1,
            code: String::new(),
            unit_id: 1,
            service_id: None,
            kind: "konsultasi".into(),
            subject: String::new(),
            body: String::new(),
            place: String::new(),
            reporter_name: "Siti Aminah".into(),
            reporter_email: Some("siti@contoh.id".into()),
            reporter_phone: Some("0812-3456-7890".into()),
            lang: "id".into(),
            anonymous: false,
            confidential: false,
            status: Status::Resolved,
            assigned_to: None,
            submission_key: String::new(),
            created_at: now(),
            updated_at: now(),
            confirmed_at: None,
            resolved_at: None,
            merged_into: None,
            register_excluded: None,
            rating: None,
            rating_comment: None,
            assigned_how: None,
            verified_at: None,
            first_response_at: None,
            paused_since: None,
            paused_days: 0,
            unrouted_notice_at: None,
        }
    }

    #[test]
    fn redaction_removes_personal_details() {
        let text = "Saya SITI AMINAH, NIK 6471012345678901, hubungi 0812-3456-7890 atau siti@contoh.id, juga budi@mail.com.";
        let r = redact(text, &t());
        assert!(!r.to_lowercase().contains("siti"), "{r}");
        assert!(!r.contains("6471012345678901"), "{r}");
        assert!(!r.contains("budi@mail.com"), "{r}");
        assert!(!r.contains("0812"), "{r}");
        assert!(r.contains("NIK"), "{r}");
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        assert_eq!(csv_field("a\"b"), "\"a\"\"b\"");
        assert_eq!(csv_field("=SUM(A1)"), "\"'=SUM(A1)\"");
    }

    #[test]
    fn phone_numbers() {
        assert!(valid_phone("0812-3456-7890"));
        assert!(valid_phone("+62 812 3456 7890"));
        assert!(!valid_phone("12345"));
        assert!(!valid_phone("0812abc4567"));
    }
}
