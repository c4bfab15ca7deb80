//! Scheduled work inside the server: return reports of staff who went off duty (when the
//! unit's policy says so), route waiting reports at shift start, tell managers once per
//! batch when nobody is on duty, remind staff of deadlines falling today, escalate missed
//! ones to managers, and close resolved reports the citizen left alone.
//!
//! Safe with several server processes on one database: one process at a time holds the
//! lease on the work; and each step is a conditional update (or a keyed insert for alerts),
//! so even two runs at once would not assign, notify or close anything twice.
use crate::tickets::routing::{self, Routed};
use crate::error::AppError;
use crate::ssr::entities::{job_lease, service, ticket, ticket_alert, unit, unit_member, user};
use crate::ssr::{audit, outbox, timefmt};
use crate::tickets::deadlines::{self, Clock, State};
use crate::tickets::lifecycle::{self, Actor, Cause};
use crate::tickets::{mail as tmail, EventKind, Status};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::*;
use serde_json::json;
use std::collections::HashMap;

/// What one run did, for logs and tests.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub ran: bool,
    pub returned: usize,
    pub routed: usize,
    pub waiting: usize,
    pub notices: usize,
    pub reminders: usize,
    pub escalations: usize,
    pub closed: usize,
    /// Appointments moved out of slots whose capacity fell.
    pub displaced: usize,
    /// Appointment reminders sent (the day before).
    pub visit_reminders: usize,
}

pub const LEASE: &str = "scheduler";

/// Takes (or renews) the lease on a piece of work until `now + ttl`. True if this owner
/// holds it.
pub async fn take_lease(db: &impl ConnectionTrait, name: &str, owner: &str, now: DateTime<Utc>, ttl: Duration) -> Result<bool, DbErr> {
    let row = job_lease::ActiveModel {
        name: Set(name.to_string()),
        owner: Set(String::new()),
        lease_until: Set(DateTime::<Utc>::UNIX_EPOCH),
    };
    job_lease::Entity::insert(row)
        .on_conflict(OnConflict::column(job_lease::Column::Name).do_nothing().to_owned())
        .do_nothing()
        .exec(db)
        .await?;
    let r = job_lease::Entity::update_many()
        .col_expr(job_lease::Column::Owner, Expr::value(owner))
        .col_expr(job_lease::Column::LeaseUntil, Expr::value(now + ttl))
        .filter(job_lease::Column::Name.eq(name))
        .filter(job_lease::Column::LeaseUntil.lt(now).or(job_lease::Column::Owner.eq(owner)))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// One run of the scheduled work, as of `now`, if `owner` gets the lease.
pub async fn run(
    db: &(impl ConnectionTrait + TransactionTrait),
    env: &crate::ssr::Env<'_>,
    owner: &str,
    now: DateTime<Utc>,
) -> Result<Tally, AppError> {
    if !take_lease(db, LEASE, owner, now, Duration::seconds(55)).await? {
        return Ok(Tally::default());
    }
    let mut tally = Tally { ran: true, ..Default::default() };
    for u in unit::Entity::find().order_by_asc(unit::Column::Id).all(db).await? {
        run_unit(db, env, &u, now, &mut tally).await?;
        tally.displaced += crate::bookings::ssr::sync_unit(db, env, u.id, now).await?.len();
        tally.visit_reminders += crate::bookings::ssr::send_reminders(db, env, &u, now).await?;
    }
    Ok(tally)
}

const WORKING: [Status; 4] = Status::WORKING;

fn link(env: &crate::ssr::Env<'_>, u: &unit::Model, t: &ticket::Model) -> String {
    env.url(&format!("/petugas/{}/tiket/{}", u.slug, t.id))
}

async fn managers(db: &impl ConnectionTrait, unit_id: i32) -> Result<Vec<user::Model>, DbErr> {
    let ids: Vec<i32> = unit_member::Entity::find()
        .filter(unit_member::Column::UnitId.eq(unit_id))
        .filter(unit_member::Column::Role.eq(crate::common::role::Role::Manager))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    user::Entity::find().filter(user::Column::Id.is_in(ids)).filter(user::Column::Active.eq(true)).all(db).await
}

pub async fn run_unit(
    db: &(impl ConnectionTrait + TransactionTrait),
    env: &crate::ssr::Env<'_>,
    u: &unit::Model,
    now: DateTime<Utc>,
    tally: &mut Tally,
) -> Result<(), AppError> {
    let shift = routing::active_shift(db, u, now).await?;
    let desk = match &shift {
        Some((d, s)) => routing::on_desk(db, u.id, *d, s.id).await?,
        None => HashMap::new(),
    };

    // 1. The unit's policy: unanswered reports of someone no longer on the desk go back.
    if let (Some((date, _)), "return") = (&shift, u.release_policy.as_str()) {
        let away = routing::away_today(db, u.id, *date).await?;
        let held = ticket::Entity::find()
            .filter(ticket::Column::UnitId.eq(u.id))
            .filter(ticket::Column::Status.is_in(WORKING))
            .filter(ticket::Column::AssignedTo.is_not_null())
            .filter(ticket::Column::FirstResponseAt.is_null())
            .all(db)
            .await?;
        for t in held {
            let Some(holder) = t.assigned_to else { continue };
            let is_away = away.contains(&holder);
            // Reports given by hand stay with their holder unless the holder is away.
            if desk.contains_key(&holder) || !(t.assigned_how.as_deref() == Some("route") || is_away) {
                continue;
            }
            let txn = crate::ssr::begin_write(db).await?;
            let r = ticket::Entity::update_many()
                .col_expr(ticket::Column::AssignedTo, Expr::value(Option::<i32>::None))
                .col_expr(ticket::Column::AssignedHow, Expr::value(Option::<String>::None))
                // Back in the pool: if nobody can take it, the managers hear of it again.
                .col_expr(ticket::Column::UnroutedNoticeAt, Expr::value(Option::<DateTime<Utc>>::None))
                .filter(ticket::Column::Id.eq(t.id))
                .filter(ticket::Column::AssignedTo.eq(holder))
                .exec(&txn)
                .await?;
            if r.rows_affected == 1 {
                let why = if is_away { "away" } else { "off_duty" };
                let body = if is_away {
                    "Dikembalikan ke antrean: petugas cuti, sakit atau dinas luar hari ini"
                } else {
                    "Dikembalikan ke antrean: shift petugas berakhir sebelum laporan dijawab"
                };
                lifecycle::record_event(&txn, t.id, EventKind::Returned, None, true, body, None, None, None, now).await?;
                audit::record(&txn, None, "ticket.return", "ticket", t.id, json!({ "assigned_to": [holder, null], "reason": why }), now)
                    .await?;
                tally.returned += 1;
            }
            txn.commit().await?;
        }
    }

    // 2. Route what waits, oldest first.
    let waiting = ticket::Entity::find()
        .filter(ticket::Column::UnitId.eq(u.id))
        .filter(ticket::Column::Status.is_in(WORKING))
        .filter(ticket::Column::AssignedTo.is_null())
        .filter(ticket::Column::MergedInto.is_null())
        .order_by_asc(ticket::Column::Id)
        .all(db)
        .await?;
    let mut still_waiting = Vec::new();
    for t in waiting {
        if desk.is_empty() {
            still_waiting.push(t);
            continue;
        }
        let txn = crate::ssr::begin_write(db).await?;
        let routed = routing::route(&txn, u, &t, shift.as_ref(), env, now).await?;
        txn.commit().await?;
        match routed {
            Routed::Assigned { .. } => tally.routed += 1,
            Routed::Waiting => still_waiting.push(t),
            Routed::Skipped => {}
        }
    }
    tally.waiting += still_waiting.len();

    // 3. Nobody on duty during working hours: the managers hear once per batch.
    let unnoticed: Vec<i32> = still_waiting.iter().filter(|t| t.unrouted_notice_at.is_none()).map(|t| t.id).collect();
    if shift.is_some() && !unnoticed.is_empty() {
        let txn = crate::ssr::begin_write(db).await?;
        ticket::Entity::update_many()
            .col_expr(ticket::Column::UnroutedNoticeAt, Expr::value(Some(now)))
            .filter(ticket::Column::Id.is_in(unnoticed.clone()))
            .filter(ticket::Column::UnroutedNoticeAt.is_null())
            .exec(&txn)
            .await?;
        let mine: Vec<i32> = ticket::Entity::find()
            .filter(ticket::Column::Id.is_in(unnoticed))
            .filter(ticket::Column::UnroutedNoticeAt.eq(now))
            .all(&txn)
            .await?
            .iter()
            .map(|t| t.id)
            .collect();
        if !mine.is_empty() {
            for m in managers(&txn, u.id).await? {
                outbox::enqueue(&txn, tmail::unrouted_batch(&m.email, &u.name, &u.slug, &mine, env.public_url), None, now).await?;
                tally.notices += 1;
            }
            audit::record(&txn, None, "routing.nobody_on_duty", "unit", u.id, json!({ "reports": mine.len() }), now).await?;
        }
        txn.commit().await?;
    }

    // 4. Deadlines: a reminder on the day one falls, an escalation when one is missed.
    let calendar = crate::ssr::workdays::Calendar::of_unit(db, u).await?;
    let shifts = crate::rosters::ssr::shifts_of(db, u.id).await?;
    let clock = Clock::new(calendar, u, &shifts);
    let services: HashMap<i32, service::Model> =
        service::Entity::find().filter(service::Column::UnitId.eq(u.id)).all(db).await?.into_iter().map(|s| (s.id, s)).collect();
    let open = ticket::Entity::find()
        .filter(ticket::Column::UnitId.eq(u.id))
        .filter(ticket::Column::Status.is_in(WORKING))
        .filter(ticket::Column::MergedInto.is_null())
        .all(db)
        .await?;
    let today = clock.local_date(now);
    let mut due_today = Vec::new();
    let mut missed = Vec::new();
    for t in &open {
        for d in deadlines::of_ticket(t, t.service_id.and_then(|s| services.get(&s)), &clock, now) {
            match d.state {
                State::Pending if shift.is_some() && clock.local_date(d.due) == today && t.assigned_to.is_some() => {
                    due_today.push((t, d))
                }
                State::Overdue => missed.push((t, d)),
                _ => {}
            }
        }
    }
    if !due_today.is_empty() || !missed.is_empty() {
        let txn = crate::ssr::begin_write(db).await?;
        let holders: HashMap<i32, user::Model> = user::Entity::find()
            .filter(user::Column::Id.is_in(due_today.iter().filter_map(|(t, _)| t.assigned_to).collect::<Vec<_>>()))
            .all(&txn)
            .await?
            .into_iter()
            .map(|u| (u.id, u))
            .collect();
        for (t, d) in due_today {
            if !alert_once(&txn, t.id, &format!("remind:{}", d.which.code()), now).await? {
                continue;
            }
            let Some(holder) = t.assigned_to.and_then(|h| holders.get(&h)) else {
                continue;
            };
            let due = timefmt::date_time(d.due, &u.timezone, crate::i18n::Lang::Id);
            let what = (d.which.label(crate::i18n::Lang::Id), d.which.label(crate::i18n::Lang::En));
            outbox::enqueue(&txn, tmail::deadline_reminder(&holder.email, t.id, what, &due, &link(env, u, t)), Some(t.id), now).await?;
            tally.reminders += 1;
        }
        let mut lines = Vec::new();
        for (t, d) in missed {
            if !alert_once(&txn, t.id, &format!("escalate:{}", d.which.code()), now).await? {
                continue;
            }
            let code = crate::tickets::report_number(t.id);
            lines.push(format!(
                "• {code}: {} / {}, {} {}",
                d.which.label(crate::i18n::Lang::Id),
                d.which.label(crate::i18n::Lang::En),
                timefmt::date_time(d.due, &u.timezone, crate::i18n::Lang::Id),
                if t.assigned_to.is_some() { "" } else { "(belum ada petugas / unassigned)" }
            ));
            audit::record(&txn, None, "ticket.escalate", "ticket", t.id, json!({ "deadline": d.which.code(), "due": d.due.to_rfc3339() }), now)
                .await?;
        }
        if !lines.is_empty() {
            let to_list = env.url(&format!("/petugas/{}?terlambat=1", u.slug));
            for m in managers(&txn, u.id).await? {
                outbox::enqueue(&txn, tmail::escalation_batch(&m.email, &u.name, &lines, &to_list), None, now).await?;
            }
            tally.escalations += lines.len();
        }
        txn.commit().await?;
    }

    // 5. Resolved and left alone for the unit's number of working days: closed.
    let resolved = ticket::Entity::find()
        .filter(ticket::Column::UnitId.eq(u.id))
        .filter(ticket::Column::Status.eq(Status::Resolved))
        .all(db)
        .await?;
    for t in resolved {
        let Some(at) = t.resolved_at else { continue };
        let last_day = clock.calendar.add_working_days(clock.local_date(at), u.auto_close_days.max(1) as u32);
        if today <= last_day {
            continue;
        }
        let txn = crate::ssr::begin_write(db).await?;
        match lifecycle::transition(&txn, u, &t, Status::Closed, Cause::AutoClosed, Actor::System, env, now).await {
            Ok(_) => tally.closed += 1,
            // Reopened or closed by hand meanwhile: nothing to close.
            Err(AppError::Moved { .. }) | Err(AppError::Conflict) => {}
            Err(e) => return Err(e),
        }
        txn.commit().await?;
    }
    Ok(())
}

/// Records that an alert went out; false if it already had.
async fn alert_once(db: &impl ConnectionTrait, ticket_id: i32, kind: &str, now: DateTime<Utc>) -> Result<bool, DbErr> {
    let r = ticket_alert::Entity::insert(ticket_alert::ActiveModel { ticket_id: Set(ticket_id), kind: Set(kind.into()), at: Set(now) })
        .on_conflict(OnConflict::columns([ticket_alert::Column::TicketId, ticket_alert::Column::Kind]).do_nothing().to_owned())
        .do_nothing()
        .exec_without_returning(db)
        .await?;
    Ok(matches!(r, TryInsertResult::Inserted(1)))
}
