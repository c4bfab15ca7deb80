//! Rosters, shifts, staff competences and the holiday calendar: the rules (the office
//! presence cap above all) and their storage.
use super::*;
use crate::error::AppError;
use crate::forms::{FieldErrors, Problem};
use crate::ssr::audit;
use crate::ssr::entities::{holiday, member_service, roster_entry, service, ticket, unit, unit_member, unit_shift, user};
use crate::ssr::workdays::Calendar;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use sea_orm::*;
use serde_json::json;
use std::collections::{BTreeMap, HashMap, HashSet};

const HARI: [&str; 7] = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"];
const DAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
pub fn day_name(d: NaiveDate, lang: Lang) -> &'static str {
    let i = d.weekday().num_days_from_monday() as usize;
    match lang {
        Lang::Id => HARI[i],
        Lang::En => DAYS[i],
    }
}

/// "Senin, 30 November 2026".
pub fn long_date(d: NaiveDate, lang: Lang) -> String {
    format!("{}, {}", day_name(d, lang), crate::ssr::timefmt::day(d, lang))
}

/// The Monday of an ISO week written `2026-W49`.
pub fn parse_week(s: &str) -> Option<NaiveDate> {
    let (y, w) = s.trim().split_once("-W")?;
    NaiveDate::from_isoywd_opt(y.parse().ok()?, w.parse().ok()?, chrono::Weekday::Mon)
}

pub fn week_of(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

pub fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Duration::days(d.weekday().num_days_from_monday() as i64)
}

// ---------------------------------------------------------------- set-up

pub async fn create_default_shifts(db: &impl ConnectionTrait, unit_id: i32) -> Result<(), DbErr> {
    for (position, (name, starts, ends)) in [("Pagi", "07:30", "12:00"), ("Siang", "12:00", "16:00")].into_iter().enumerate() {
        unit_shift::ActiveModel {
            unit_id: Set(unit_id),
            name: Set(name.into()),
            starts: Set(starts.into()),
            ends: Set(ends.into()),
            position: Set(position as i32 + 1),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

async fn grant(db: &impl ConnectionTrait, unit_id: i32, pairs: Vec<(i32, i32)>) -> Result<(), DbErr> {
    for (user_id, service_id) in pairs {
        let row = member_service::ActiveModel { unit_id: Set(unit_id), user_id: Set(user_id), service_id: Set(service_id) };
        member_service::Entity::insert(row)
            .on_conflict(
                sea_query::OnConflict::columns([
                    member_service::Column::UnitId,
                    member_service::Column::ServiceId,
                    member_service::Column::UserId,
                ])
                .do_nothing()
                .to_owned(),
            )
            .do_nothing()
            .exec(db)
            .await?;
    }
    Ok(())
}

pub async fn grant_all_services(db: &impl ConnectionTrait, unit_id: i32, user_id: i32) -> Result<(), DbErr> {
    let services = service::Entity::find().filter(service::Column::UnitId.eq(unit_id)).all(db).await?;
    grant(db, unit_id, services.into_iter().map(|s| (user_id, s.id)).collect()).await
}

pub async fn grant_service_to_members(db: &impl ConnectionTrait, unit_id: i32, service_id: i32) -> Result<(), DbErr> {
    let members = unit_member::Entity::find().filter(unit_member::Column::UnitId.eq(unit_id)).all(db).await?;
    grant(db, unit_id, members.into_iter().map(|m| (m.user_id, service_id)).collect()).await
}

/// The open reports someone holds in a unit, counted.
pub async fn open_held(db: &impl ConnectionTrait, unit_id: i32, user_id: i32) -> Result<u64, DbErr> {
    ticket::Entity::find()
        .filter(ticket::Column::UnitId.eq(unit_id))
        .filter(ticket::Column::AssignedTo.eq(user_id))
        .filter(ticket::Column::Status.is_in(crate::common::report::Status::WORKING))
        .count(db)
        .await
}

pub async fn shifts_of(db: &impl ConnectionTrait, unit_id: i32) -> Result<Vec<unit_shift::Model>, DbErr> {
    Ok(shifts_of_units(db, &[unit_id]).await?.remove(&unit_id).unwrap_or_default())
}

/// The shifts of several units, by unit id, each in its order, from one query.
pub async fn shifts_of_units(db: &impl ConnectionTrait, unit_ids: &[i32]) -> Result<HashMap<i32, Vec<unit_shift::Model>>, DbErr> {
    let mut out: HashMap<i32, Vec<unit_shift::Model>> = HashMap::new();
    for s in unit_shift::Entity::find()
        .filter(unit_shift::Column::UnitId.is_in(unit_ids.iter().copied()))
        .order_by_asc(unit_shift::Column::Position)
        .order_by_asc(unit_shift::Column::Id)
        .all(db)
        .await?
    {
        out.entry(s.unit_id).or_default().push(s);
    }
    Ok(out)
}

fn shift_view(s: &unit_shift::Model) -> ShiftView {
    ShiftView { id: s.id, name: s.name.clone(), starts: s.starts.clone(), ends: s.ends.clone() }
}

/// Members of a unit with their names, in name order (active accounts only).
async fn members_of(db: &impl ConnectionTrait, unit_id: i32) -> Result<Vec<(unit_member::Model, user::Model)>, DbErr> {
    let members = unit_member::Entity::find().filter(unit_member::Column::UnitId.eq(unit_id)).all(db).await?;
    let ids: Vec<i32> = members.iter().map(|m| m.user_id).collect();
    let users: HashMap<i32, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .filter(user::Column::Active.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let mut out: Vec<_> = members.into_iter().filter_map(|m| users.get(&m.user_id).cloned().map(|u| (m, u))).collect();
    out.sort_by_key(|a| a.1.name.to_lowercase());
    Ok(out)
}

// ---------------------------------------------------------------- the week plan

fn closed_reason(cal: &Calendar, names: &HashMap<NaiveDate, String>, d: NaiveDate, lang: Lang) -> Option<String> {
    if let Some(n) = names.get(&d) {
        return Some(n.clone());
    }
    if !cal.is_working_day(d) {
        return Some(lang.t("Hari libur unit", "Unit closed").to_string());
    }
    None
}

async fn holiday_names(db: &impl ConnectionTrait, unit_id: i32, from: NaiveDate, to: NaiveDate) -> Result<HashMap<NaiveDate, String>, DbErr> {
    Ok(holiday::Entity::find()
        .filter(holiday::Column::UnitId.is_null().or(holiday::Column::UnitId.eq(unit_id)))
        .filter(holiday::Column::Date.between(from, to))
        .all(db)
        .await?
        .into_iter()
        .map(|h| (h.date, h.name))
        .collect())
}

pub async fn week_plan(db: &impl ConnectionTrait, u: &unit::Model, monday: NaiveDate, lang: Lang) -> Result<WeekPlan, AppError> {
    let cal = Calendar::of_unit(db, u).await?;
    let sunday = monday + Duration::days(6);
    let names = holiday_names(db, u.id, monday, sunday).await?;
    let days: Vec<DayView> = (0..7)
        .map(|i| monday + Duration::days(i))
        // Weekends the unit does not work are left out; holidays stay, marked closed.
        .filter(|d| cal.working_days.contains(&d.weekday().number_from_monday()))
        .map(|d| DayView {
            date: d.to_string(),
            label: format!("{} {}/{}", day_name(d, lang), d.day(), d.month()),
            long: long_date(d, lang),
            closed: closed_reason(&cal, &names, d, lang),
        })
        .collect();
    let shifts = shifts_of(db, u.id).await?;
    let members = members_of(db, u.id).await?;
    let entries = roster_entry::Entity::find()
        .filter(roster_entry::Column::UnitId.eq(u.id))
        .filter(roster_entry::Column::Date.between(monday, sunday))
        .all(db)
        .await?;
    let mut by_user: HashMap<i32, Vec<(String, String)>> = HashMap::new();
    for e in entries {
        by_user
            .entry(e.user_id)
            .or_default()
            .push((cell_key(e.user_id, &e.date.to_string(), e.shift_id), Cell { mode: e.mode, duty: e.duty }.code()));
    }
    let staff: Vec<StaffRow> = members
        .iter()
        .map(|(m, usr)| StaffRow {
            user_id: usr.id,
            name: usr.name.clone(),
            senior: m.senior,
            cells: by_user.remove(&usr.id).unwrap_or_default(),
        })
        .collect();
    let counted = staff.iter().filter(|s| !s.senior).count();
    let percent = u.office_cap_percent.clamp(0, 100) as u32;
    let range = format!("{} – {}", crate::ssr::timefmt::day(monday, lang), crate::ssr::timefmt::day(sunday, lang));
    Ok(WeekPlan {
        unit_id: u.id,
        unit_name: u.name.clone(),
        week: week_of(monday),
        previous: week_of(monday - Duration::days(7)),
        next: week_of(monday + Duration::days(7)),
        range,
        days,
        shifts: shifts.iter().map(shift_view).collect(),
        staff,
        cap_percent: percent,
        counted,
        cap: office_cap(counted, percent),
    })
}

/// One planned cell, parsed and checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Planned {
    pub user_id: i32,
    pub date: NaiveDate,
    pub shift_id: i32,
    pub cell: Cell,
}

/// The first (day, shift) whose office presence goes over the cap: (date, shift, count).
pub fn over_cap(planned: &[Planned], seniors: &HashSet<i32>, cap: usize) -> Vec<(NaiveDate, i32, usize)> {
    let mut counts: BTreeMap<(NaiveDate, i32), usize> = BTreeMap::new();
    for p in planned {
        if p.cell.mode == Mode::Wfo && !seniors.contains(&p.user_id) {
            *counts.entry((p.date, p.shift_id)).or_default() += 1;
        }
    }
    counts.into_iter().filter(|(_, n)| *n > cap).map(|((d, s), n)| (d, s, n)).collect()
}

fn cap_errors(over: &[(NaiveDate, i32, usize)], shifts: &[unit_shift::Model], cap: usize, lang: Lang) -> FieldErrors {
    let mut errors = FieldErrors::default();
    for (d, shift_id, count) in over {
        let shift = shifts
            .iter()
            .find(|s| s.id == *shift_id)
            .map(|s| format!("{} ({}–{})", s.name, s.starts, s.ends))
            .unwrap_or_default();
        errors.add(
            format!("cap_{d}_{shift_id}"),
            Problem::OverCap { shift, day: long_date(*d, lang), count: *count, cap },
        );
    }
    errors
}

/// Replaces a unit's plan for one week with the grid's cells, refused as a whole when any
/// shift has more people in the office than the cap allows.
#[tracing::instrument(skip_all, fields(unit = u.id, week = %week_of(monday)))]
pub async fn save_week(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: i32,
    u: &unit::Model,
    monday: NaiveDate,
    cells: &BTreeMap<String, String>,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let monday = monday_of(monday);
    let sunday = monday + Duration::days(6);
    let cal = Calendar::of_unit(db, u).await?;
    let shifts = shifts_of(db, u.id).await?;
    let shift_ids: HashSet<i32> = shifts.iter().map(|s| s.id).collect();
    let txn = crate::ssr::begin_write(db).await?;
    let members = members_of(&txn, u.id).await?;
    let member_ids: HashSet<i32> = members.iter().map(|(m, _)| m.user_id).collect();
    let seniors: HashSet<i32> = members.iter().filter(|(m, _)| m.senior).map(|(m, _)| m.user_id).collect();
    let mut planned = Vec::new();
    let mut errors = FieldErrors::default();
    for (key, value) in cells {
        let Some((user_id, date, shift_id)) = parse_cell_key(key) else { continue };
        let Ok(date) = NaiveDate::parse_from_str(&date, "%Y-%m-%d") else { continue };
        if !member_ids.contains(&user_id) || !shift_ids.contains(&shift_id) || date < monday || date > sunday {
            continue;
        }
        // A closed day has no shifts: whatever was sent for it is not kept.
        if !cal.is_working_day(date) || value.is_empty() {
            continue;
        }
        match Cell::parse(value) {
            Some(cell) => planned.push(Planned { user_id, date, shift_id, cell }),
            None => errors.add(format!("c[{key}]"), Problem::Unknown),
        }
    }
    let counted = members.len() - seniors.len();
    let cap = office_cap(counted, u.office_cap_percent.clamp(0, 100) as u32);
    let over = over_cap(&planned, &seniors, cap);
    errors.0.extend(cap_errors(&over, &shifts, cap, lang).0);
    if !errors.is_empty() {
        txn.rollback().await?;
        return Err(AppError::Invalid(errors));
    }
    roster_entry::Entity::delete_many()
        .filter(roster_entry::Column::UnitId.eq(u.id))
        .filter(roster_entry::Column::Date.between(monday, sunday))
        .exec(&txn)
        .await?;
    let n = planned.len();
    for chunk in planned.chunks(200) {
        roster_entry::Entity::insert_many(chunk.iter().map(|p| roster_entry::ActiveModel {
            unit_id: Set(u.id),
            user_id: Set(p.user_id),
            date: Set(p.date),
            shift_id: Set(p.shift_id),
            mode: Set(p.cell.mode),
            duty: Set(p.cell.duty),
            ..Default::default()
        }))
        .exec_without_returning(&txn)
        .await?;
    }
    audit::record(&txn, Some(actor), "roster.save", "unit", u.id, json!({ "week": week_of(monday), "cells": n, "cap": cap }), now)
        .await?;
    txn.commit().await?;
    Ok(n)
}

/// The previous week's plan as this week's grid values (closed days left out by the save).
pub async fn previous_week_cells(db: &impl ConnectionTrait, u: &unit::Model, monday: NaiveDate) -> Result<BTreeMap<String, String>, AppError> {
    let from = monday_of(monday) - Duration::days(7);
    let entries = roster_entry::Entity::find()
        .filter(roster_entry::Column::UnitId.eq(u.id))
        .filter(roster_entry::Column::Date.between(from, from + Duration::days(6)))
        .all(db)
        .await?;
    Ok(entries
        .into_iter()
        .map(|e| {
            let cell = Cell { mode: e.mode, duty: e.duty };
            (cell_key(e.user_id, &(e.date + Duration::days(7)).to_string(), e.shift_id), cell.code())
        })
        .collect())
}

/// After a change of the cap, the shifts or who counts: a plan from `from` on that the new
/// settings would put over the cap. Checked inside the change's transaction.
pub async fn future_over_cap(db: &impl ConnectionTrait, u: &unit::Model, from: NaiveDate, lang: Lang) -> Result<FieldErrors, AppError> {
    let members = members_of(db, u.id).await?;
    let seniors: HashSet<i32> = members.iter().filter(|(m, _)| m.senior).map(|(m, _)| m.user_id).collect();
    let cap = office_cap(members.len() - seniors.len(), u.office_cap_percent.clamp(0, 100) as u32);
    let planned: Vec<Planned> = roster_entry::Entity::find()
        .filter(roster_entry::Column::UnitId.eq(u.id))
        .filter(roster_entry::Column::Date.gte(from))
        .filter(roster_entry::Column::Mode.eq(Mode::Wfo))
        .all(db)
        .await?
        .into_iter()
        .map(|e| Planned { user_id: e.user_id, date: e.date, shift_id: e.shift_id, cell: Cell { mode: Mode::Wfo, duty: Duty::None } })
        .collect();
    let shifts = shifts_of(db, u.id).await?;
    let over = over_cap(&planned, &seniors, cap);
    Ok(cap_errors(&over[..over.len().min(3)], &shifts, cap, lang))
}

/// A staff member's own schedule over the next `days` days, in every unit they belong to.
pub async fn my_schedule(db: &impl ConnectionTrait, user_id: i32, lang: Lang, now: DateTime<Utc>) -> Result<Vec<ScheduleLine>, AppError> {
    let memberships = unit_member::Entity::find().filter(unit_member::Column::UserId.eq(user_id)).all(db).await?;
    let mut lines = Vec::new();
    for m in memberships {
        let Some(u) = unit::Entity::find_by_id(m.unit_id).one(db).await? else { continue };
        let today = crate::ssr::timefmt::today_in(&u.timezone, now);
        let monday = monday_of(today);
        let shifts: HashMap<i32, unit_shift::Model> = shifts_of(db, u.id).await?.into_iter().map(|s| (s.id, s)).collect();
        let entries = roster_entry::Entity::find()
            .filter(roster_entry::Column::UnitId.eq(u.id))
            .filter(roster_entry::Column::UserId.eq(user_id))
            .filter(roster_entry::Column::Date.between(monday, monday + Duration::days(13)))
            .order_by_asc(roster_entry::Column::Date)
            .all(db)
            .await?;
        let mut rows: Vec<_> = entries
            .into_iter()
            .filter_map(|e| {
                let s = shifts.get(&e.shift_id)?;
                let cell = Cell { mode: e.mode, duty: e.duty };
                Some((e.date, s.position, ScheduleLine {
                    unit_name: u.name.clone(),
                    day: long_date(e.date, lang),
                    shift: s.name.clone(),
                    hours: format!("{}–{} {}", s.starts, s.ends, crate::ssr::timefmt::zone_abbr(&u.timezone)),
                    cell: cell.label(lang),
                    today: e.date == today,
                }))
            })
            .collect();
        rows.sort_by_key(|(d, p, _)| (*d, *p));
        lines.extend(rows.into_iter().map(|(_, _, l)| l));
    }
    Ok(lines)
}

// ---------------------------------------------------------------- settings

pub async fn work_settings(db: &impl ConnectionTrait, u: &unit::Model) -> Result<WorkSettings, AppError> {
    Ok(WorkSettings {
        unit_id: u.id,
        unit_name: u.name.clone(),
        zone: crate::ssr::timefmt::zone_abbr(&u.timezone).to_string(),
        shifts: shifts_of(db, u.id).await?.iter().map(shift_view).collect(),
        cap_percent: u.office_cap_percent.clamp(0, 100) as u32,
        release_policy: u.release_policy.clone(),
        auto_close_days: u.auto_close_days,
    })
}

pub struct WorkInput {
    /// Up to four shifts: name, start, end. Rows left empty are removed.
    pub shifts: Vec<(String, String, String)>,
    pub cap_percent: String,
    pub release_policy: String,
    pub auto_close_days: String,
}

pub const MAX_SHIFTS: usize = 4;

pub async fn save_work_settings(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: i32,
    u: &unit::Model,
    input: &WorkInput,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::default();
    let mut shifts: Vec<(String, NaiveTime, NaiveTime)> = Vec::new();
    for (i, (name, starts, ends)) in input.shifts.iter().enumerate().take(MAX_SHIFTS) {
        let n = i + 1;
        if name.trim().is_empty() && starts.trim().is_empty() && ends.trim().is_empty() {
            continue;
        }
        errors.text(&format!("shift_name_{n}"), name, true, 60);
        let (s, e) = (crate::ssr::timefmt::parse_time(starts), crate::ssr::timefmt::parse_time(ends));
        if s.is_none() {
            errors.add(format!("shift_start_{n}"), Problem::InvalidTime);
        }
        if e.is_none() {
            errors.add(format!("shift_end_{n}"), Problem::InvalidTime);
        }
        if let (Some(s), Some(e)) = (s, e) {
            if e <= s || shifts.iter().any(|(_, os, oe)| s < *oe && *os < e) {
                errors.add(format!("shift_end_{n}"), Problem::ShiftTimes);
            }
            shifts.push((name.trim().to_string(), s, e));
        }
    }
    if shifts.is_empty() && errors.is_empty() {
        errors.add("shift_name_1", Problem::Required);
    }
    let cap = match input.cap_percent.trim().parse::<i32>() {
        Ok(p) if (1..=100).contains(&p) => p,
        _ => {
            errors.add("cap_percent", Problem::OutOfRange { min: 1, max: 100 });
            0
        }
    };
    if !["return", "keep"].contains(&input.release_policy.as_str()) {
        errors.add("release_policy", Problem::NothingSelected);
    }
    let auto_close = match input.auto_close_days.trim().parse::<i32>() {
        Ok(d) if (1..=60).contains(&d) => d,
        _ => {
            errors.add("auto_close_days", Problem::OutOfRange { min: 1, max: 60 });
            0
        }
    };
    errors.into_result()?;
    let txn = crate::ssr::begin_write(db).await?;
    let existing = shifts_of(&txn, u.id).await?;
    for (i, (name, s, e)) in shifts.iter().enumerate() {
        let (starts, ends) = (s.format("%H:%M").to_string(), e.format("%H:%M").to_string());
        match existing.get(i) {
            Some(old) => {
                let mut am = old.clone().into_active_model();
                am.name = Set(name.clone());
                am.starts = Set(starts);
                am.ends = Set(ends);
                am.position = Set(i as i32 + 1);
                am.update(&txn).await?;
            }
            None => {
                unit_shift::ActiveModel {
                    unit_id: Set(u.id),
                    name: Set(name.clone()),
                    starts: Set(starts),
                    ends: Set(ends),
                    position: Set(i as i32 + 1),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
            }
        }
    }
    let removed: Vec<i32> = existing.iter().skip(shifts.len()).map(|s| s.id).collect();
    if !removed.is_empty() {
        roster_entry::Entity::delete_many().filter(roster_entry::Column::ShiftId.is_in(removed.clone())).exec(&txn).await?;
        unit_shift::Entity::delete_many().filter(unit_shift::Column::Id.is_in(removed)).exec(&txn).await?;
    }
    let before = json!({ "cap": u.office_cap_percent, "policy": u.release_policy, "auto_close_days": u.auto_close_days });
    let mut am = u.clone().into_active_model();
    am.office_cap_percent = Set(cap);
    am.release_policy = Set(input.release_policy.clone());
    am.auto_close_days = Set(auto_close);
    let updated = am.update(&txn).await?;
    // A lower cap may not leave plans already made over it.
    let today = crate::ssr::timefmt::today_in(&u.timezone, now);
    let over = future_over_cap(&txn, &updated, today, lang).await?;
    if !over.is_empty() {
        txn.rollback().await?;
        let mut errors = FieldErrors::default();
        for e in over.0 {
            errors.add("cap_percent", e.problem);
        }
        return Err(AppError::Invalid(errors));
    }
    audit::record(
        &txn,
        Some(actor),
        "unit.work_settings",
        "unit",
        u.id,
        json!({ "before": before, "after": { "cap": cap, "policy": input.release_policy, "auto_close_days": auto_close, "shifts": shifts.len() } }),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn members_page(db: &impl ConnectionTrait, u: &unit::Model) -> Result<MembersPage, AppError> {
    let services = service::Entity::find()
        .filter(service::Column::UnitId.eq(u.id))
        .order_by_asc(service::Column::Name)
        .all(db)
        .await?;
    let grants = member_service::Entity::find().filter(member_service::Column::UnitId.eq(u.id)).all(db).await?;
    let members = members_of(db, u.id)
        .await?
        .into_iter()
        .map(|(m, usr)| MemberView {
            user_id: usr.id,
            name: usr.name,
            role: m.role.as_str().to_string(),
            senior: m.senior,
            services: grants.iter().filter(|g| g.user_id == m.user_id).map(|g| g.service_id).collect(),
            open_tickets: m.open_tickets.max(0) as u64,
        })
        .collect();
    Ok(MembersPage {
        unit_id: u.id,
        unit_name: u.name.clone(),
        services: services.into_iter().map(|s| (s.id, s.name, s.verify_days, s.respond_days, s.resolve_days)).collect(),
        members,
    })
}

/// Sets whether a member counts in the cap, and the services they handle.
pub async fn save_member(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: i32,
    u: &unit::Model,
    user_id: i32,
    senior: bool,
    services: &[i32],
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = crate::ssr::begin_write(db).await?;
    let m = unit_member::Entity::find_by_id((u.id, user_id)).one(&txn).await?.ok_or(AppError::NotFound)?;
    let valid: HashSet<i32> = service::Entity::find()
        .filter(service::Column::UnitId.eq(u.id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let chosen: Vec<i32> = services.iter().copied().filter(|s| valid.contains(s)).collect();
    let was_senior = m.senior;
    let mut am = m.into_active_model();
    am.senior = Set(senior);
    am.update(&txn).await?;
    member_service::Entity::delete_many()
        .filter(member_service::Column::UnitId.eq(u.id))
        .filter(member_service::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    grant(&txn, u.id, chosen.iter().map(|s| (user_id, *s)).collect()).await?;
    if was_senior && !senior {
        // Counting one more person in the office may put a plan over the cap.
        let today = crate::ssr::timefmt::today_in(&u.timezone, now);
        let over = future_over_cap(&txn, u, today, lang).await?;
        if !over.is_empty() {
            txn.rollback().await?;
            let mut errors = FieldErrors::default();
            for e in over.0 {
                errors.add(format!("senior_{user_id}"), e.problem);
            }
            return Err(AppError::Invalid(errors));
        }
    }
    audit::record(&txn, Some(actor), "member.routing", "user", user_id, json!({ "unit": u.id, "senior": senior, "services": chosen }), now)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Sets a service's deadlines (working days).
pub async fn save_deadlines(
    db: &impl ConnectionTrait,
    actor: i32,
    u: &unit::Model,
    service_id: i32,
    days: [&str; 3],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let s = service::Entity::find_by_id(service_id).one(db).await?.filter(|s| s.unit_id == u.id).ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::default();
    let mut parsed = [0i32; 3];
    for (i, (field, v)) in ["verify_days", "respond_days", "resolve_days"].iter().zip(days).enumerate() {
        match v.trim().parse::<i32>() {
            Ok(n) if (1..=90).contains(&n) => parsed[i] = n,
            _ => errors.add(format!("{field}_{service_id}"), Problem::OutOfRange { min: 1, max: 90 }),
        }
    }
    errors.into_result()?;
    let before = json!([s.verify_days, s.respond_days, s.resolve_days]);
    let mut am = s.into_active_model();
    am.verify_days = Set(parsed[0]);
    am.respond_days = Set(parsed[1]);
    am.resolve_days = Set(parsed[2]);
    am.update(db).await?;
    audit::record(db, Some(actor), "service.deadlines", "service", service_id, json!({ "before": before, "after": parsed }), now).await?;
    Ok(())
}

// ---------------------------------------------------------------- holidays

pub async fn holidays_page(db: &impl ConnectionTrait, u: Option<&unit::Model>, year: i32, lang: Lang) -> Result<HolidaysPage, AppError> {
    let from = NaiveDate::from_ymd_opt(year, 1, 1).ok_or(AppError::NotFound)?;
    let to = NaiveDate::from_ymd_opt(year, 12, 31).ok_or(AppError::NotFound)?;
    let scope = match u {
        Some(u) => holiday::Column::UnitId.is_null().or(holiday::Column::UnitId.eq(u.id)),
        None => holiday::Column::UnitId.is_null(),
    };
    let rows = holiday::Entity::find()
        .filter(scope)
        .filter(holiday::Column::Date.between(from, to))
        .order_by_asc(holiday::Column::Date)
        .all(db)
        .await?;
    Ok(HolidaysPage {
        unit_id: u.map(|u| u.id),
        unit_name: u.map(|u| u.name.clone()),
        year,
        holidays: rows
            .into_iter()
            .map(|h| HolidayView {
                id: h.id,
                date: h.date.to_string(),
                label: long_date(h.date, lang),
                name: h.name,
                kind: h.kind,
                provisional: h.provisional,
                local: h.unit_id.is_some(),
            })
            .collect(),
    })
}

/// Adds a day off: national (`unit` None, admins) or a unit's own.
pub async fn add_holiday(
    db: &impl ConnectionTrait,
    actor: i32,
    unit_id: Option<i32>,
    date: &str,
    name: &str,
    kind: &str,
    now: DateTime<Utc>,
) -> Result<NaiveDate, AppError> {
    let mut errors = FieldErrors::default();
    let d = crate::ssr::timefmt::parse_date(date);
    if date.trim().is_empty() {
        errors.add("date", Problem::Required);
    } else if d.is_none() {
        errors.add("date", Problem::InvalidDate);
    }
    errors.text("name", name, true, 200);
    let kind = if unit_id.is_some() { "lokal" } else { kind };
    if !["libur", "cuti_bersama", "lokal"].contains(&kind) {
        errors.add("kind", Problem::NothingSelected);
    }
    if let Some(d) = d {
        let scope = match unit_id {
            Some(id) => holiday::Column::UnitId.is_null().or(holiday::Column::UnitId.eq(id)),
            None => holiday::Column::UnitId.is_null(),
        };
        if holiday::Entity::find().filter(scope).filter(holiday::Column::Date.eq(d)).one(db).await?.is_some() {
            errors.add("date", Problem::Taken);
        }
    }
    errors.into_result()?;
    let d = d.ok_or(AppError::Internal)?;
    let h = holiday::ActiveModel {
        unit_id: Set(unit_id),
        date: Set(d),
        name: Set(name.trim().to_string()),
        kind: Set(kind.to_string()),
        provisional: Set(false),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(db, Some(actor), "holiday.add", "holiday", h.id, json!({ "date": d.to_string(), "unit": unit_id, "kind": kind }), now).await?;
    Ok(d)
}

/// Removes a day off, or confirms a provisional one (`confirm`).
pub async fn change_holiday(db: &impl ConnectionTrait, actor: i32, unit_id: Option<i32>, id: i32, confirm: bool, now: DateTime<Utc>) -> Result<NaiveDate, AppError> {
    let h = holiday::Entity::find_by_id(id).one(db).await?.filter(|h| h.unit_id == unit_id).ok_or(AppError::NotFound)?;
    let d = h.date;
    if confirm {
        let mut am = h.into_active_model();
        am.provisional = Set(false);
        am.update(db).await?;
        audit::record(db, Some(actor), "holiday.confirm", "holiday", id, json!({ "date": d.to_string() }), now).await?;
    } else {
        holiday::Entity::delete_by_id(id).exec(db).await?;
        audit::record(db, Some(actor), "holiday.delete", "holiday", id, json!({ "date": d.to_string(), "unit": unit_id }), now).await?;
    }
    Ok(d)
}
