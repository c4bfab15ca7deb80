//! A report's life in one place: which moves between statuses are allowed, and everything
//! a move brings with it. Every status change of a report goes through [`transition`]:
//! staff decisions, the citizen's answer to a question, reopening, forwarding, merging,
//! e-mail confirmation and the scheduled auto-close. It writes, inside the caller's
//! transaction,
//! - the status, conditional on the status the actor saw (`WHERE id = ? AND status = ?`);
//!   a report that moved meanwhile is refused with who moved it, never overwritten;
//! - the history entry ([`record_event`], the only writer of `ticket_events`);
//! - the audit entry;
//! - the clock: paused while waiting for the citizen, and started afresh when the report
//!   reaches another unit, with the first unit's progress marks cleared;
//! - the citizen's mail, in their language, and the satisfaction survey on resolution;
//! - routing to the staff on duty when the report reaches a unit.
use super::mail::{self as tmail, Message};
use super::ssr::Env;
use super::{EventKind, Status, TrackingCode};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::forms::{FieldErrors, Problem};
use crate::i18n::Lang;
use crate::ssr::entities::{ticket, ticket_event, unit, user};
use crate::ssr::{audit, outbox};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::json;

/// Who moves a report.
#[derive(Clone, Copy, Debug)]
pub enum Actor<'a> {
    Staff(&'a CurrentUser),
    /// The reporter, through their tracking page or mailed link.
    Citizen,
    /// The portal's scheduled work.
    System,
}

impl Actor<'_> {
    fn user_id(&self) -> Option<i32> {
        match self {
            Actor::Staff(u) => Some(u.id),
            _ => None,
        }
    }
}

/// Why a report moves. Each cause allows certain moves ([`Cause::allows`]) and brings its
/// own history entry, audit entry and mail.
#[derive(Clone, Copy, Debug)]
pub enum Cause<'a> {
    /// A staff decision, with an optional note to the citizen.
    /// A staff member's choice; `reply` is the answer sent with the same press (body,
    /// signature), told to the citizen in the one mail with the new status.
    Staff { note: &'a str, reply: Option<(&'a str, &'a str)> },
    /// The citizen answered the staff's question.
    Clarified,
    /// The citizen reopened a resolved report.
    Reopened { reason: &'a str },
    /// "Bukan wewenang": the report goes to another unit and starts again there.
    Forwarded { to: &'a unit::Model, reason: &'a str },
    /// A duplicate joins another report of the unit and closes.
    Merged { into: &'a ticket::Model },
    /// The reporter followed the confirmation link.
    Confirmed,
    /// Resolved and left alone for the unit's number of working days.
    AutoClosed,
}

impl Cause<'_> {
    /// The one table of allowed moves.
    pub fn allows(&self, from: Status, to: Status) -> bool {
        use Status::*;
        match self {
            Cause::Staff { .. } => from.staff_targets().contains(&to),
            Cause::Clarified => from == WaitingCitizen && to == InProgress,
            Cause::Reopened { .. } => from == Resolved && to == InProgress,
            Cause::Forwarded { .. } => from.is_open() && from != AwaitingConfirmation && to == New,
            Cause::Merged { .. } => from != AwaitingConfirmation && to == Closed,
            Cause::Confirmed => from == AwaitingConfirmation && to == New,
            Cause::AutoClosed => from == Resolved && to == Closed,
        }
    }

    fn event_kind(&self) -> EventKind {
        match self {
            Cause::Staff { .. } | Cause::Clarified | Cause::AutoClosed => EventKind::Status,
            Cause::Reopened { .. } => EventKind::Reopened,
            Cause::Forwarded { .. } => EventKind::Forwarded,
            Cause::Merged { .. } => EventKind::Merged,
            Cause::Confirmed => EventKind::Confirmed,
        }
    }

    fn audit_action(&self) -> &'static str {
        match self {
            Cause::Staff { .. } => "ticket.status",
            Cause::Clarified => "ticket.clarified",
            Cause::Reopened { .. } => "ticket.reopen",
            Cause::Forwarded { .. } => "ticket.forward",
            Cause::Merged { .. } => "ticket.merge",
            Cause::Confirmed => "ticket.confirm",
            Cause::AutoClosed => "ticket.autoclose",
        }
    }
}

/// The report's tracking code. Stored codes were made by `TrackingCode`: one that does not
/// parse is a fault to report, never a code to show.
pub fn code_of(t: &ticket::Model) -> Result<TrackingCode, AppError> {
    TrackingCode::parse(&t.code).map_err(|_| {
        tracing::error!(ticket = t.id, "stored tracking code does not parse");
        AppError::Internal
    })
}

/// The reporter's language, for mail and history written on their behalf.
pub fn lang_of(t: &ticket::Model) -> Lang {
    Lang::parse(&t.lang).unwrap_or_default()
}

/// A history entry, as of `at`. The only writer of `ticket_events`.
#[allow(clippy::too_many_arguments)]
pub async fn record_event(
    db: &impl ConnectionTrait,
    ticket_id: i32,
    kind: EventKind,
    actor: Option<i32>,
    internal: bool,
    body: &str,
    from: Option<Status>,
    to: Option<Status>,
    signature: Option<String>,
    at: DateTime<Utc>,
) -> Result<ticket_event::Model, AppError> {
    Ok(ticket_event::ActiveModel {
        ticket_id: Set(ticket_id),
        at: Set(at),
        kind: Set(kind),
        actor_user_id: Set(actor),
        internal: Set(internal),
        body: Set(body.to_string()),
        from_status: Set(from),
        to_status: Set(to),
        signature: Set(signature),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// The mail to the reporter (if they left an address), queued in the caller's transaction.
pub async fn mail_citizen(
    db: &impl ConnectionTrait,
    t: &ticket::Model,
    unit_name: &str,
    env: &Env<'_>,
    message: Message<'_>,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    if let Some(to) = &t.reporter_email {
        let mail = tmail::citizen(to, lang_of(t), &code_of(t)?, &t.subject, unit_name, env.public_url, message);
        outbox::enqueue(db, mail, Some(t.id), at).await?;
    }
    Ok(())
}

/// Moves report `t` (as the actor saw it) to `to`, for `cause`, inside the caller's
/// transaction; `u` is the report's unit. Gives the report as it now stands.
#[allow(clippy::too_many_arguments)]
pub async fn transition(
    txn: &impl ConnectionTrait,
    u: &unit::Model,
    t: &ticket::Model,
    to: Status,
    cause: Cause<'_>,
    actor: Actor<'_>,
    env: &Env<'_>,
    at: DateTime<Utc>,
) -> Result<ticket::Model, AppError> {
    let from = t.status;
    if t.merged_into.is_some() || t.unit_id != u.id {
        return Err(moved(txn, t, actor).await);
    }
    if !cause.allows(from, to) {
        return Err(match cause {
            // A staff choice the page should not have offered: named on the field.
            Cause::Staff { .. } => {
                let mut errors = FieldErrors::default();
                errors.add("status", Problem::Unknown);
                AppError::Invalid(errors)
            }
            _ => AppError::Conflict,
        });
    }
    let mut update = ticket::Entity::update_many()
        .col_expr(ticket::Column::Status, Expr::value(to))
        .col_expr(ticket::Column::UpdatedAt, Expr::value(at))
        .filter(ticket::Column::Id.eq(t.id))
        .filter(ticket::Column::Status.eq(from))
        .filter(ticket::Column::UnitId.eq(u.id))
        .filter(ticket::Column::MergedInto.is_null());
    if to == Status::Resolved {
        update = update.col_expr(ticket::Column::ResolvedAt, Expr::value(Some(at)));
    } else if from == Status::Resolved && to != Status::Closed {
        update = update.col_expr(ticket::Column::ResolvedAt, Expr::value(Option::<DateTime<Utc>>::None));
    }
    // The clock stands still while the report waits for the citizen.
    if to == Status::WaitingCitizen && from != Status::WaitingCitizen {
        update = update.col_expr(ticket::Column::PausedSince, Expr::value(Some(at)));
    } else if from == Status::WaitingCitizen && !matches!(cause, Cause::Forwarded { .. }) {
        if let Some(since) = t.paused_since {
            let days = super::ssr::clock_of(txn, u).await?.working_days_between(since, at) as i32;
            update = update
                .col_expr(ticket::Column::PausedSince, Expr::value(Option::<DateTime<Utc>>::None))
                .col_expr(ticket::Column::PausedDays, Expr::col(ticket::Column::PausedDays).add(days));
        }
    }
    match cause {
        Cause::Forwarded { to: target, .. } => {
            // A new unit, a new start: its clock, its staff, its own progress marks.
            update = update
                .col_expr(ticket::Column::UnitId, Expr::value(target.id))
                .col_expr(ticket::Column::ServiceId, Expr::value(Option::<i32>::None))
                .col_expr(ticket::Column::AssignedTo, Expr::value(Option::<i32>::None))
                .col_expr(ticket::Column::AssignedHow, Expr::value(Option::<String>::None))
                .col_expr(ticket::Column::UnroutedNoticeAt, Expr::value(Option::<DateTime<Utc>>::None))
                .col_expr(ticket::Column::ConfirmedAt, Expr::value(Some(at)))
                .col_expr(ticket::Column::VerifiedAt, Expr::value(Option::<DateTime<Utc>>::None))
                .col_expr(ticket::Column::FirstResponseAt, Expr::value(Option::<DateTime<Utc>>::None))
                .col_expr(ticket::Column::PausedSince, Expr::value(Option::<DateTime<Utc>>::None))
                .col_expr(ticket::Column::PausedDays, Expr::value(0));
        }
        Cause::Merged { into } => {
            update = update.col_expr(ticket::Column::MergedInto, Expr::value(into.id));
        }
        Cause::Confirmed => {
            update = update.col_expr(ticket::Column::ConfirmedAt, Expr::value(Some(at)));
        }
        _ => {}
    }
    if update.exec(txn).await?.rows_affected != 1 {
        return Err(moved(txn, t, actor).await);
    }

    let lang = lang_of(t);
    let (body, signature) = match cause {
        Cause::Staff { note, .. } => (note.trim().to_string(), Some(u.name.clone())),
        Cause::Clarified | Cause::Confirmed => (String::new(), None),
        Cause::Reopened { reason } => (reason.trim().to_string(), None),
        Cause::Forwarded { to: target, reason } => (format!("{} → {}: {}", u.name, target.name, reason.trim()), Some(u.name.clone())),
        Cause::Merged { .. } => (String::new(), Some(u.name.clone())),
        Cause::AutoClosed => (auto_close_note(lang, u.auto_close_days), Some(u.name.clone())),
    };
    record_event(txn, t.id, cause.event_kind(), actor.user_id(), false, &body, Some(from), Some(to), signature, at).await?;

    let mut detail = json!({ "status": [from.code(), to.code()] });
    match cause {
        Cause::Forwarded { to: target, .. } => detail["unit"] = json!([u.slug, target.slug]),
        Cause::Merged { into } => detail["merged_into"] = json!([null, into.id]),
        Cause::AutoClosed => detail["after_working_days"] = json!(u.auto_close_days),
        _ => {}
    }
    audit::record(txn, actor.user_id(), cause.audit_action(), "ticket", t.id, detail, at).await?;

    // Resolved: the satisfaction survey goes in the same mail as the news.
    let survey = if to == Status::Resolved {
        let about = match lang {
            Lang::Id => format!("Laporan {} — \"{}\" kepada {} telah selesai ditangani.", code_of(t)?, t.subject, u.name),
            Lang::En => format!("Report {} — \"{}\" to {} has been resolved.", code_of(t)?, t.subject, u.name),
        };
        let invitation = crate::satisfaction::ssr::Invitation {
            source: crate::satisfaction::ssr::Source::Ticket,
            source_id: t.id,
            unit: u,
            service_id: t.service_id,
            email: t.reporter_email.as_deref(),
            lang,
            about,
            at,
        };
        crate::satisfaction::ssr::invitation(txn, &invitation, env.public_url).await?
    } else {
        None
    };
    match cause {
        Cause::Staff { note, reply } => {
            // Any step out of "new" verifies it; asking the citizen, resolving or a note to
            // them answers it.
            let responded = matches!(to, Status::WaitingCitizen | Status::Resolved | Status::Closed) || !note.trim().is_empty() || reply.is_some();
            mark_progress(txn, t.id, responded, at).await?;
            // One mail per press: the answer, the new status and the survey together.
            match reply {
                Some((body, signature)) => {
                    let message = Message::Reply { body, signature, status: Some(to), survey: survey.as_ref() };
                    mail_citizen(txn, t, &u.name, env, message, at).await?;
                }
                None if matches!(to, Status::WaitingCitizen | Status::Resolved | Status::Closed) => {
                    mail_citizen(txn, t, &u.name, env, Message::StatusChanged { status: to, note, survey: survey.as_ref() }, at).await?;
                }
                None => {}
            }
        }
        Cause::AutoClosed => {
            mail_citizen(txn, t, &u.name, env, Message::StatusChanged { status: to, note: &body, survey: None }, at).await?;
        }
        Cause::Forwarded { to: target, reason } => {
            mail_citizen(txn, t, &u.name, env, Message::Forwarded { to_unit: &target.name, reason: reason.trim() }, at).await?;
        }
        Cause::Merged { into } => {
            record_event(txn, into.id, EventKind::MergedIn, actor.user_id(), false, "", None, None, Some(u.name.clone()), at).await?;
            // Staff see which report it joined; the citizen never does.
            record_event(txn, t.id, EventKind::Note, actor.user_id(), true, &format!("→ {}", code_of(into)?), None, None, None, at).await?;
            audit::record(txn, actor.user_id(), "ticket.merge_in", "ticket", into.id, json!({ "merged": t.id }), at).await?;
            mail_citizen(txn, t, &u.name, env, Message::MergedAway, at).await?;
            mail_citizen(txn, into, &u.name, env, Message::MergedIn, at).await?;
        }
        Cause::Clarified | Cause::Reopened { .. } | Cause::Confirmed => {}
    }
    let now_stands = ticket::Entity::find_by_id(t.id).one(txn).await?.ok_or(AppError::NotFound)?;
    if matches!(cause, Cause::Confirmed | Cause::Forwarded { .. }) {
        crate::tickets::routing::route_now(txn, &now_stands, env, at).await?;
    }
    Ok(now_stands)
}

/// The history text of an auto-close, in the reporter's language.
fn auto_close_note(lang: Lang, days: i32) -> String {
    match lang {
        Lang::Id => format!("Ditutup otomatis: tidak ada tanggapan pelapor selama {days} hari kerja setelah selesai."),
        Lang::En => format!("Closed automatically: no word from the reporter for {days} working days after it was resolved."),
    }
}

/// Marks the first verification and the first response, once.
pub async fn mark_progress(db: &impl ConnectionTrait, ticket_id: i32, responded: bool, at: DateTime<Utc>) -> Result<(), AppError> {
    ticket::Entity::update_many()
        .col_expr(ticket::Column::VerifiedAt, Expr::value(Some(at)))
        .filter(ticket::Column::Id.eq(ticket_id))
        .filter(ticket::Column::VerifiedAt.is_null())
        .exec(db)
        .await?;
    if responded {
        ticket::Entity::update_many()
            .col_expr(ticket::Column::FirstResponseAt, Expr::value(Some(at)))
            .filter(ticket::Column::Id.eq(ticket_id))
            .filter(ticket::Column::FirstResponseAt.is_null())
            .exec(db)
            .await?;
    }
    Ok(())
}

/// The refusal for a change based on a report that moved since it was read: what it is now
/// and, for staff, who moved it ("resolved by Rina a moment ago").
pub async fn moved(db: &impl ConnectionTrait, seen: &ticket::Model, actor: Actor<'_>) -> AppError {
    match moved_message(db, seen, actor).await {
        Ok(Some(e)) => e,
        Ok(None) => AppError::Conflict,
        Err(e) => e,
    }
}

async fn moved_message(db: &impl ConnectionTrait, seen: &ticket::Model, actor: Actor<'_>) -> Result<Option<AppError>, AppError> {
    let Some(now) = ticket::Entity::find_by_id(seen.id).one(db).await? else { return Ok(None) };
    let by = match actor {
        // Staff learn which colleague it was; citizens hear of the unit.
        Actor::Staff(_) => {
            let last = ticket_event::Entity::find()
                .filter(ticket_event::Column::TicketId.eq(seen.id))
                .filter(ticket_event::Column::ToStatus.eq(now.status))
                .order_by_desc(ticket_event::Column::Id)
                .one(db)
                .await?;
            match last.and_then(|e| e.actor_user_id) {
                Some(id) => user::Entity::find_by_id(id).one(db).await?.map(|u| u.name),
                None => None,
            }
        }
        _ => None,
    };
    if now.merged_into.is_some() && seen.merged_into.is_none() {
        return Ok(Some(AppError::Moved {
            id: "Laporan ini baru saja digabung dengan laporan lain. Muat ulang halaman untuk melihat keadaannya sekarang.".into(),
            en: "This report was merged with another one a moment ago. Reload the page to see where it stands now.".into(),
        }));
    }
    if now.unit_id != seen.unit_id {
        return Ok(Some(AppError::Moved {
            id: "Laporan ini baru saja diteruskan ke unit lain.".into(),
            en: "This report was forwarded to another unit a moment ago.".into(),
        }));
    }
    if now.status == seen.status {
        return Ok(None);
    }
    let (id_by, en_by) = match &by {
        Some(name) => (format!(" oleh {name}"), format!(" by {name}")),
        None => (String::new(), String::new()),
    };
    Ok(Some(AppError::Moved {
        id: format!(
            "Laporan ini baru saja diubah menjadi «{}»{id_by}. Muat ulang halaman untuk melihat keadaannya sekarang.",
            now.status.label(Lang::Id)
        ),
        en: format!(
            "This report was set to \u{201c}{}\u{201d}{en_by} a moment ago. Reload the page to see where it stands now.",
            now.status.label(Lang::En)
        ),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_of_moves() {
        use Status::*;
        let staff = Cause::Staff { note: "", reply: None };
        assert!(staff.allows(New, Resolved));
        assert!(!staff.allows(Resolved, Resolved));
        assert!(!staff.allows(AwaitingConfirmation, New));
        assert!(!staff.allows(Closed, InProgress));
        assert!(Cause::Clarified.allows(WaitingCitizen, InProgress));
        assert!(!Cause::Clarified.allows(Resolved, InProgress));
        assert!(Cause::Reopened { reason: "" }.allows(Resolved, InProgress));
        assert!(!Cause::Reopened { reason: "" }.allows(Closed, InProgress));
        assert!(Cause::Confirmed.allows(AwaitingConfirmation, New));
        assert!(!Cause::Confirmed.allows(New, New));
        assert!(Cause::AutoClosed.allows(Resolved, Closed));
        assert!(!Cause::AutoClosed.allows(InProgress, Closed));
    }
}
