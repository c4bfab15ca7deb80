//! Who gets a report: a member of the unit on online-desk duty (in the office or at home)
//! in the shift running now in the unit's time zone, competent for the report's service;
//! the one with the fewest open reports, ties to the one assigned least recently. Nobody on
//! duty: the report waits unassigned.
use crate::rosters::{Duty, Mode};
use crate::error::AppError;
use crate::ssr::audit;
use crate::ssr::entities::{holiday, roster_entry, ticket, unit, unit_member, unit_shift, user};
use crate::ssr::timefmt;
use crate::tickets::Status;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::*;
use serde_json::json;
use std::collections::{HashMap, HashSet};

/// Someone who could take the report, with what the choice is made on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub user_id: i32,
    pub open: i64,
    pub last_assigned_at: Option<DateTime<Utc>>,
    pub mode: Mode,
}

/// The fewest open reports; ties to the one assigned least recently (never assigned first),
/// then the lowest id so that the choice is always the same for the same facts.
pub fn choose(candidates: &[Candidate]) -> Option<&Candidate> {
    candidates.iter().min_by(|a, b| {
        a.open
            .cmp(&b.open)
            .then_with(|| match (a.last_assigned_at, b.last_assigned_at) {
                (None, None) => std::cmp::Ordering::Equal,
                (None, Some(_)) => std::cmp::Ordering::Less,
                (Some(_), None) => std::cmp::Ordering::Greater,
                (Some(x), Some(y)) => x.cmp(&y),
            })
            .then_with(|| a.user_id.cmp(&b.user_id))
    })
}

/// The shift running at `now` in the unit's zone, on a day the unit works.
pub async fn active_shift(db: &impl ConnectionTrait, u: &unit::Model, now: DateTime<Utc>) -> Result<Option<(NaiveDate, unit_shift::Model)>, DbErr> {
    let local = now.with_timezone(&timefmt::tz(&u.timezone));
    let date = local.date_naive();
    let weekday = date.weekday().number_from_monday().to_string();
    if !u.working_days.split(',').any(|d| d.trim() == weekday) {
        return Ok(None);
    }
    let off = holiday::Entity::find()
        .filter(holiday::Column::Date.eq(date))
        .filter(holiday::Column::UnitId.is_null().or(holiday::Column::UnitId.eq(u.id)))
        .one(db)
        .await?;
    if off.is_some() {
        return Ok(None);
    }
    let time = local.time().format("%H:%M").to_string();
    let shifts = crate::rosters::ssr::shifts_of(db, u.id).await?;
    // "HH:MM" strings compare as times do.
    Ok(shifts.into_iter().find(|s| s.starts <= time && time < s.ends).map(|s| (date, s)))
}

/// Members on online-desk duty in a shift, working (WFO or WFH), with active accounts.
pub async fn on_desk(db: &impl ConnectionTrait, unit_id: i32, date: NaiveDate, shift_id: i32) -> Result<HashMap<i32, Mode>, DbErr> {
    let entries = roster_entry::Entity::find()
        .filter(roster_entry::Column::UnitId.eq(unit_id))
        .filter(roster_entry::Column::Date.eq(date))
        .filter(roster_entry::Column::ShiftId.eq(shift_id))
        .filter(roster_entry::Column::Duty.eq(Duty::Desk))
        .filter(roster_entry::Column::Mode.is_in([Mode::Wfo, Mode::Wfh]))
        .all(db)
        .await?;
    if entries.is_empty() {
        return Ok(HashMap::new());
    }
    let ids: Vec<i32> = entries.iter().map(|e| e.user_id).collect();
    let active: HashSet<i32> = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .filter(user::Column::Id.is_in(ids))
        .filter(user::Column::Active.eq(true))
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(entries
        .into_iter()
        .filter(|e| active.contains(&e.user_id))
        .map(|e| (e.user_id, e.mode))
        .collect())
}

/// Who is away today (leave, sick, official travel in any shift of the day).
pub async fn away_today(db: &impl ConnectionTrait, unit_id: i32, date: NaiveDate) -> Result<HashSet<i32>, DbErr> {
    Ok(roster_entry::Entity::find()
        .select_only()
        .column(roster_entry::Column::UserId)
        .filter(roster_entry::Column::UnitId.eq(unit_id))
        .filter(roster_entry::Column::Date.eq(date))
        .filter(roster_entry::Column::Mode.is_in([Mode::Cuti, Mode::Sakit, Mode::DinasLuar]))
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

#[derive(Debug, FromQueryResult)]
struct CandidateRow {
    user_id: i32,
    mode: Mode,
    last_assigned_at: Option<DateTime<Utc>>,
    open: i32,
}

/// Everyone who could take a report of `service` now: on the online desk in the shift,
/// working (WFO or WFH), with an active account, competent for the service, with their open
/// reports (the count the database keeps on each membership). One statement.
pub async fn candidates(
    db: &impl ConnectionTrait,
    unit_id: i32,
    date: NaiveDate,
    shift_id: i32,
    service: Option<i32>,
) -> Result<Vec<Candidate>, DbErr> {
    let backend = db.get_database_backend();
    let p = |n: usize| if backend == DbBackend::Postgres { format!("${n}") } else { "?".to_string() };
    let mut sql = format!(
        "SELECT r.user_id, r.mode, m.last_assigned_at, m.open_tickets AS open \
         FROM roster_entries r \
         JOIN users u ON u.id = r.user_id \
         JOIN unit_members m ON m.unit_id = r.unit_id AND m.user_id = r.user_id \
         WHERE r.unit_id = {} AND r.date = {} AND r.shift_id = {} AND r.duty = '{}' AND r.mode IN ('{}', '{}') AND u.active = {}",
        p(1),
        p(2),
        p(3),
        Duty::Desk.code(),
        Mode::Wfo.code(),
        Mode::Wfh.code(),
        p(4),
    );
    let mut values: Vec<Value> = vec![unit_id.into(), date.into(), shift_id.into(), true.into()];
    if let Some(service) = service {
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM member_services s WHERE s.unit_id = r.unit_id AND s.user_id = r.user_id AND s.service_id = {})",
            p(5)
        ));
        values.push(service.into());
    }
    let rows = CandidateRow::find_by_statement(Statement::from_sql_and_values(backend, sql, values)).all(db).await?;
    Ok(rows
        .into_iter()
        .map(|r| Candidate { user_id: r.user_id, open: r.open as i64, last_assigned_at: r.last_assigned_at, mode: r.mode })
        .collect())
}

/// What routing did with a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Routed {
    Assigned { user_id: i32 },
    /// Nobody competent on the desk now: it waits unassigned.
    Waiting,
    /// It was not routable (assigned meanwhile, not open, waiting for confirmation).
    Skipped,
}

/// Routes one report (inside the caller's transaction), recording why in its history and
/// the audit log. `shift` is the shift running now, if any (see `active_shift`).
pub async fn route(
    db: &impl ConnectionTrait,
    u: &unit::Model,
    t: &ticket::Model,
    shift: Option<&(NaiveDate, unit_shift::Model)>,
    env: &crate::ssr::Env<'_>,
    now: DateTime<Utc>,
) -> Result<Routed, AppError> {
    let routable = t.assigned_to.is_none()
        && t.merged_into.is_none()
        && t.unit_id == u.id
        && t.status.is_open()
        && t.status != Status::AwaitingConfirmation;
    if !routable {
        return Ok(Routed::Skipped);
    }
    let Some((date, s)) = shift else { return Ok(Routed::Waiting) };
    let found = candidates(db, u.id, *date, s.id, t.service_id).await?;
    let Some(chosen) = choose(&found).cloned() else { return Ok(Routed::Waiting) };
    let r = ticket::Entity::update_many()
        .col_expr(ticket::Column::AssignedTo, Expr::value(chosen.user_id))
        .col_expr(ticket::Column::AssignedHow, Expr::value("route"))
        .col_expr(ticket::Column::UpdatedAt, Expr::value(now))
        .filter(ticket::Column::Id.eq(t.id))
        .filter(ticket::Column::AssignedTo.is_null())
        .exec(db)
        .await?;
    if r.rows_affected != 1 {
        return Ok(Routed::Skipped);
    }
    unit_member::Entity::update_many()
        .col_expr(unit_member::Column::LastAssignedAt, Expr::value(Some(now)))
        .filter(unit_member::Column::UnitId.eq(u.id))
        .filter(unit_member::Column::UserId.eq(chosen.user_id))
        .exec(db)
        .await?;
    let reason = format!(
        "Otomatis: bertugas di meja daring, shift {} ({}–{}), {}, {} laporan terbuka",
        s.name,
        s.starts,
        s.ends,
        chosen.mode.code().to_uppercase(),
        chosen.open
    );
    crate::tickets::lifecycle::record_event(db, t.id, crate::tickets::EventKind::Assigned, None, true, &reason, None, None, None, now)
        .await?;
    audit::record(
        db,
        None,
        "ticket.route",
        "ticket",
        t.id,
        json!({
            "assigned_to": [t.assigned_to, chosen.user_id],
            "reason": "on_duty",
            "shift": s.name,
            "mode": chosen.mode.code(),
            "open_tickets": chosen.open,
            "candidates": found.len(),
        }),
        now,
    )
    .await?;
    tell_assignee(db, u, t.id, chosen.user_id, false, env, now).await?;
    Ok(Routed::Assigned { user_id: chosen.user_id })
}

/// Mails the staff member a report was just given to (not someone who took it themselves).
pub async fn tell_assignee(
    db: &impl ConnectionTrait,
    u: &unit::Model,
    ticket_id: i32,
    user_id: i32,
    by_hand: bool,
    env: &crate::ssr::Env<'_>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if let Some(staff) = user::Entity::find_by_id(user_id).one(db).await?.filter(|s| s.active) {
        let mail = crate::tickets::mail::staff_assigned(&staff.email, &u.name, &u.slug, ticket_id, by_hand, env.public_url);
        crate::ssr::outbox::enqueue(db, mail, Some(ticket_id), now).await?;
    }
    Ok(())
}

/// Routes a report that just became routable (submitted, confirmed, forwarded, returned).
pub async fn route_now(db: &impl ConnectionTrait, t: &ticket::Model, env: &crate::ssr::Env<'_>, now: DateTime<Utc>) -> Result<Routed, AppError> {
    let u = unit::Entity::find_by_id(t.unit_id).one(db).await?.ok_or(AppError::NotFound)?;
    let shift = active_shift(db, &u, now).await?;
    route(db, &u, t, shift.as_ref(), env, now).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: i32, open: i64, last: Option<i64>) -> Candidate {
        Candidate { user_id: id, open, last_assigned_at: last.and_then(|s| DateTime::from_timestamp(s, 0)), mode: Mode::Wfh }
    }

    #[test]
    fn fewest_open_then_least_recent() {
        assert_eq!(choose(&[c(1, 3, None), c(2, 1, Some(100)), c(3, 2, None)]).map(|c| c.user_id), Some(2));
        assert_eq!(choose(&[c(1, 1, Some(200)), c(2, 1, Some(100))]).map(|c| c.user_id), Some(2));
        assert_eq!(choose(&[c(1, 1, Some(200)), c(2, 1, None)]).map(|c| c.user_id), Some(2));
        assert_eq!(choose(&[c(5, 0, None), c(4, 0, None)]).map(|c| c.user_id), Some(4));
        assert_eq!(choose(&[]), None);
    }
}
