//! The counter: today's slots and visitors, check-in by code (typed, or read by a QR
//! scanner as keyboard input), served, absent after the grace period, and walk-ins against
//! the kept share and any free place, never beyond the room.
use super::ssr::*;
use super::*;
use crate::error::AppError;
use crate::forms::{FieldErrors, Problem};
use crate::ssr::entities::{booking, booking_slot, roster_entry, service, unit};
use crate::ssr::timefmt;
use crate::common::code::TrackingCode;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};

/// What happened at the counter, for the message on its page.
#[derive(Clone, Debug, PartialEq)]
pub enum CheckIn {
    Done(booking::Model),
    Already(booking::Model),
}

fn counter_problem(p: Problem) -> AppError {
    slot_problem("code", p)
}

/// Checks a visitor in by booking code (typed, or read by a QR scanner as keyboard input).
pub async fn check_in<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    unit_id: i32,
    code_input: &str,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<CheckIn, AppError> {
    let code = TrackingCode::parse(code_input).map_err(|_| counter_problem(Problem::InvalidCode))?;
    let txn = crate::ssr::begin_write(db).await?;
    let b = find_by_code(&txn, &code).await?.filter(|b| b.unit_id == unit_id).ok_or_else(|| counter_problem(Problem::InvalidCode))?;
    let u = unit::Entity::find_by_id(unit_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let lang = crate::i18n::Lang::Id;
    let day = crate::rosters::ssr::long_date(b.date, lang);
    let on_its_day = b.date == today(&u, now);
    // What the booking is comes before when it is: a cancelled one says so on any day.
    match Status::parse(&b.status) {
        Some(Status::CheckedIn) | Some(Status::Served) if on_its_day => return Ok(CheckIn::Already(b)),
        Some(Status::Booked) | Some(Status::CheckedIn) | Some(Status::Served) => {}
        Some(other) => return Err(counter_problem(Problem::BookingStatus { status: other.label(lang).to_lowercase(), day })),
        None => return Err(AppError::Internal),
    }
    if !on_its_day {
        return Err(counter_problem(Problem::OtherDay { day }));
    }
    let b = step(&txn, b, Status::CheckedIn, "checked_in", actor, now, |am| am.checked_in_at = Set(Some(now))).await?;
    txn.commit().await?;
    Ok(CheckIn::Done(b))
}

/// Moves a booking to `to` on a staff member's word, with the step in its history.
async fn step(
    txn: &impl ConnectionTrait,
    b: booking::Model,
    to: Status,
    kind: &str,
    actor: i32,
    now: DateTime<Utc>,
    stamp: impl FnOnce(&mut booking::ActiveModel),
) -> Result<booking::Model, sea_orm::DbErr> {
    let (id, slot) = (b.id, b.slot_id);
    let mut am: booking::ActiveModel = b.into();
    am.status = Set(to.code().into());
    am.updated_at = Set(now);
    stamp(&mut am);
    let b = am.update(txn).await?;
    event(txn, id, kind, Some(slot), None, Some(actor), "", now).await?;
    Ok(b)
}

async fn counter_booking<C: ConnectionTrait>(db: &C, unit_id: i32, id: i32) -> Result<booking::Model, AppError> {
    booking::Entity::find_by_id(id).one(db).await?.filter(|b| b.unit_id == unit_id).ok_or(AppError::NotFound)
}

/// Marks a visitor served, and invites them to the satisfaction survey.
pub async fn serve<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    unit_id: i32,
    id: i32,
    actor: i32,
    now: DateTime<Utc>,
    public_url: &str,
) -> Result<booking::Model, AppError> {
    let txn = crate::ssr::begin_write(db).await?;
    let b = counter_booking(&txn, unit_id, id).await?;
    if Status::parse(&b.status) != Some(Status::CheckedIn) {
        return Err(AppError::Conflict);
    }
    let b = step(&txn, b, Status::Served, "served", actor, now, |am| am.served_at = Set(Some(now))).await?;
    let u = unit::Entity::find_by_id(unit_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let lang = crate::i18n::Lang::parse(&b.lang).unwrap_or_default();
    let about = match lang {
        crate::i18n::Lang::Id => format!("Kunjungan Anda ke {} pada {} (kode {}).", u.name, timefmt::day(b.date, lang), code_text(&b)),
        crate::i18n::Lang::En => format!("Your visit to {} on {} (code {}).", u.name, timefmt::day(b.date, lang), code_text(&b)),
    };
    let invitation = crate::satisfaction::ssr::Invitation {
        source: crate::satisfaction::ssr::Source::Visit,
        source_id: b.id,
        unit: &u,
        service_id: Some(b.service_id),
        email: b.email.as_deref(),
        lang,
        about,
        at: now,
    };
    crate::satisfaction::ssr::invite(&txn, invitation, public_url).await?;
    txn.commit().await?;
    Ok(b)
}

/// Marks a visitor who did not come, once the grace period after the slot's start is over.
/// The place goes back to the slot, for a walk-in.
pub async fn mark_absent<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    unit_id: i32,
    id: i32,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<booking::Model, AppError> {
    let txn = crate::ssr::begin_write(db).await?;
    let b = counter_booking(&txn, unit_id, id).await?;
    if Status::parse(&b.status) != Some(Status::Booked) {
        return Err(AppError::Conflict);
    }
    let u = unit::Entity::find_by_id(unit_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let slot = booking_slot::Entity::find_by_id(b.slot_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let settings = settings_of(&txn, unit_id).await?;
    let plan_start = slot_start(&u, &slot).ok_or(AppError::Internal)?;
    if now < plan_start + Duration::minutes(i64::from(settings.grace_minutes)) {
        return Err(counter_problem(Problem::TooEarlyForAbsent { minutes: settings.grace_minutes.max(0) as u32 }));
    }
    give_back(&txn, b.slot_id, false).await?;
    let b = step(&txn, b, Status::NoShow, "no_show", actor, now, |_| {}).await?;
    txn.commit().await?;
    Ok(b)
}


/// Registers a visitor who came without booking, against the walk-in share and any free
/// place of today's slot; refused when the room is full.
pub async fn walk_in<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    unit_id: i32,
    service_id: i32,
    starts: &str,
    name: &str,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<booking::Model, AppError> {
    let mut errors = FieldErrors::default();
    errors.text("walkin_name", name, true, 100);
    errors.into_result()?;
    let u = unit::Entity::find_by_id(unit_id).one(db).await?.ok_or(AppError::NotFound)?;
    let s = service::Entity::find_by_id(service_id)
        .one(db)
        .await?
        .filter(|s| s.unit_id == unit_id)
        .ok_or_else(|| slot_problem("walkin_service", Problem::Unknown))?;
    let d = today(&u, now);
    let plan = UnitPlan::load(db, &u, d, d).await?;
    let txn = crate::ssr::begin_write(db).await?;
    let Some(slot) = slot_row(&txn, &plan, d, starts).await? else {
        return Err(slot_problem("walkin_slot", Problem::Unknown));
    };
    let taken = booking_slot::Entity::update_many()
        .col_expr(booking_slot::Column::Walkins, Expr::col(booking_slot::Column::Walkins).add(1))
        .filter(booking_slot::Column::Id.eq(slot.id))
        .filter(Expr::cust("booked + walkins < places"))
        .exec(&txn)
        .await?;
    if taken.rows_affected != 1 {
        txn.rollback().await?;
        return Err(slot_problem("walkin_slot", Problem::SlotFull));
    }
    let key = format!("walkin-{}", TrackingCode::generate().as_str());
    let b = booking::ActiveModel {
        code: Set(TrackingCode::generate().as_str().to_string()),
        unit_id: Set(unit_id),
        service_id: Set(s.id),
        slot_id: Set(slot.id),
        date: Set(d),
        name: Set(name.trim().to_string()),
        lang: Set("id".into()),
        status: Set(Status::CheckedIn.code().into()),
        walk_in: Set(true),
        submission_key: Set(key),
        created_at: Set(now),
        updated_at: Set(now),
        checked_in_at: Set(Some(now)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    event(&txn, b.id, "walk_in", None, Some(slot.id), Some(actor), "", now).await?;
    txn.commit().await?;
    Ok(b)
}

pub async fn counter_units(db: &impl ConnectionTrait, user: &crate::auth::CurrentUser) -> Result<Vec<(i32, String)>, AppError> {
    if user.is_admin {
        return Ok(unit::Entity::find()
            .order_by_asc(unit::Column::Name)
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.name))
            .collect());
    }
    Ok(user.memberships.iter().map(|m| (m.unit_id, m.unit_name.clone())).collect())
}

/// Today at the counter: every slot with its counts and its visitors.
pub async fn counter_page(db: &impl ConnectionTrait, u: &unit::Model, now: DateTime<Utc>, lang: Lang) -> Result<CounterPage, AppError> {
    let d = today(u, now);
    let plan = UnitPlan::load(db, u, d, d).await?;
    let settings = &plan.settings;
    let rows = rows_between(db, u.id, d, d).await?;
    let bookings = booking::Entity::find()
        .filter(booking::Column::UnitId.eq(u.id))
        .filter(booking::Column::Date.eq(d))
        .order_by_asc(booking::Column::CreatedAt)
        .all(db)
        .await?;
    let services: Vec<service::Model> = service::Entity::find()
        .filter(service::Column::UnitId.eq(u.id))
        .order_by_asc(service::Column::Name)
        .all(db)
        .await?;
    let service_name = |id: i32| services.iter().find(|s| s.id == id).map(|s| s.name.clone()).unwrap_or_default();
    let mut planned = plan.day(d);
    // Slots with visitors that the plan no longer offers (a cut today) still show.
    for r in rows.values() {
        if !planned.iter().any(|p| p.starts == r.starts) {
            planned.push(PlannedSlot { starts: r.starts.clone(), ends: r.ends.clone(), places: r.places, walkin_places: r.walkin_places });
        }
    }
    planned.sort_by(|a, b| a.starts.cmp(&b.starts));
    let local_now = now.with_timezone(&timefmt::tz(&u.timezone)).time();
    let minute_now = chrono::Timelike::hour(&local_now) * 60 + chrono::Timelike::minute(&local_now);
    let slots = planned
        .into_iter()
        .map(|p| {
            let row = rows.get(&(d, p.starts.clone()));
            let list: Vec<CounterBooking> = row
                .map(|r| {
                    bookings
                        .iter()
                        .filter(|b| b.slot_id == r.id)
                        .map(|b| {
                            let status = Status::parse(&b.status).unwrap_or(Status::Cancelled);
                            let grace_over = slot_start(u, r)
                                .is_some_and(|at| now >= at + Duration::minutes(i64::from(settings.grace_minutes)));
                            CounterBooking {
                                id: b.id,
                                code: code_text(b),
                                name: b.name.clone(),
                                service_name: service_name(b.service_id),
                                status,
                                walk_in: b.walk_in,
                                checked_in_at: b.checked_in_at.map(|t| {
                                    let l = t.with_timezone(&timefmt::tz(&u.timezone));
                                    l.format("%H:%M").to_string()
                                }),
                                may_mark_absent: status == Status::Booked && grace_over,
                            }
                        })
                        .collect()
                })
                .unwrap_or_default();
            let (a, e) = (minutes_of(&p.starts).unwrap_or(0), minutes_of(&p.ends).unwrap_or(0));
            CounterSlot {
                id: row.map(|r| r.id).unwrap_or(0),
                starts: p.starts.clone(),
                ends: p.ends.clone(),
                places: row.map(|r| r.places).unwrap_or(p.places),
                walkin_places: row.map(|r| r.walkin_places).unwrap_or(p.walkin_places),
                booked: row.map(|r| r.booked).unwrap_or(0),
                walkins: row.map(|r| r.walkins).unwrap_or(0),
                checked_in: list.iter().filter(|b| b.status == Status::CheckedIn).count() as i32,
                served: list.iter().filter(|b| b.status == Status::Served).count() as i32,
                bookings: list,
                now: a <= minute_now && minute_now < e,
            }
        })
        .collect();
    // Who is on counter duty today, per shift.
    let entries = roster_entry::Entity::find()
        .filter(roster_entry::Column::UnitId.eq(u.id))
        .filter(roster_entry::Column::Date.eq(d))
        .filter(roster_entry::Column::Mode.eq(crate::rosters::Mode::Wfo))
        .filter(roster_entry::Column::Duty.eq(crate::rosters::Duty::Counter))
        .all(db)
        .await?;
    let users = crate::ssr::entities::user::Entity::find()
        .filter(crate::ssr::entities::user::Column::Id.is_in(entries.iter().map(|e| e.user_id).collect::<Vec<_>>()))
        .all(db)
        .await?;
    let shifts = crate::rosters::ssr::shifts_of(db, u.id).await?;
    let on_duty = shifts
        .iter()
        .map(|sh| {
            let names: Vec<String> = entries
                .iter()
                .filter(|e| e.shift_id == sh.id)
                .filter_map(|e| users.iter().find(|x| x.id == e.user_id).map(|x| x.name.clone()))
                .collect();
            format!(
                "{} ({}–{}): {}",
                sh.name,
                sh.starts,
                sh.ends,
                if names.is_empty() { lang.t("belum ada", "nobody").to_string() } else { names.join(", ") }
            )
        })
        .collect();
    Ok(CounterPage {
        unit_id: u.id,
        unit_name: u.name.clone(),
        date: d.format("%Y-%m-%d").to_string(),
        date_label: day_label(d, lang),
        zone: timefmt::zone_abbr(&u.timezone).into(),
        slots,
        services: services.iter().map(|s| (s.id, s.name.clone())).collect(),
        on_duty: if settings.counter_source == "roster" { on_duty } else { Vec::new() },
        message: None,
        error: None,
    })
}
