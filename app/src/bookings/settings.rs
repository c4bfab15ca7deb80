//! A manager's appointment settings: rooms and their distancing rules, opening hours,
//! booking rules, and days closed to visitors. Every change brings booked slots in line at
//! once (see `ssr::sync_unit`).
use super::ssr::*;
use super::*;
use crate::error::AppError;
use crate::forms::{FieldErrors, Problem};
use crate::ssr::entities::{booking_closure, booking_setting, opening_hour, room, unit};
use crate::ssr::timefmt;
use crate::ssr::Env;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use std::collections::{BTreeMap, HashMap};

pub async fn settings_page(db: &impl ConnectionTrait, u: &unit::Model, now: DateTime<Utc>, lang: Lang) -> Result<SettingsPage, AppError> {
    let s = settings_of(db, u.id).await?;
    let rooms = room::Entity::find()
        .filter(room::Column::UnitId.eq(u.id))
        .order_by_asc(room::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|r| {
            let rule = Rule::parse(&r.rule).unwrap_or(Rule::Fixed);
            RoomView {
                id: r.id,
                limit: room_limit(rule, r.area_m2, r.m2_per_visitor, r.max_visitors),
                name: r.name,
                area_m2: number_text(r.area_m2),
                rule,
                m2_per_visitor: number_text(r.m2_per_visitor),
                max_visitors: r.max_visitors,
                active: r.active,
            }
        })
        .collect();
    let stored: HashMap<i32, opening_hour::Model> = opening_hour::Entity::find()
        .filter(opening_hour::Column::UnitId.eq(u.id))
        .all(db)
        .await?
        .into_iter()
        .map(|h| (h.weekday, h))
        .collect();
    let hours = (1..=7)
        .map(|w| match stored.get(&(w as i32)) {
            // Shown as forms write times (08.00); stored as 08:00.
            Some(h) => (w, h.opens.replace(':', "."), h.closes.replace(':', ".")),
            None => (w, String::new(), String::new()),
        })
        .collect();
    let closures = booking_closure::Entity::find()
        .filter(booking_closure::Column::UnitId.eq(u.id))
        .filter(booking_closure::Column::Date.gte(today(u, now)))
        .order_by_asc(booking_closure::Column::Date)
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.date.format("%Y-%m-%d").to_string(), day_label(c.date, lang), c.reason))
        .collect();
    Ok(SettingsPage {
        unit_id: u.id,
        unit_name: u.name.clone(),
        rooms,
        hours,
        slot_minutes: s.slot_minutes,
        ahead_days: s.ahead_days,
        notice_minutes: s.notice_minutes,
        walkin_percent: s.walkin_percent,
        counter_source: s.counter_source,
        fixed_counters: s.fixed_counters,
        per_counter: s.per_counter,
        grace_minutes: s.grace_minutes,
        closures,
        values: BTreeMap::new(),
        error: None,
        message: None,
    })
}

/// 40 → "40", 2.5 → "2,5" (Indonesian decimal comma).
fn number_text(x: f64) -> String {
    let s = format!("{}", (x * 100.0).round() / 100.0);
    s.replace('.', ",")
}

/// Reads "2,5" or "2.5".
fn parse_number(s: &str) -> Option<f64> {
    let v: f64 = s.trim().replace(',', ".").parse().ok()?;
    v.is_finite().then_some(v)
}

fn int_in(errors: &mut FieldErrors, values: &BTreeMap<String, String>, key: &str, min: i64, max: i64) -> i32 {
    let field = format!("f[{key}]");
    match values.get(key).map(|v| v.trim()).unwrap_or("") {
        "" => {
            errors.add(field, Problem::Required);
            0
        }
        v => match v.parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => n as i32,
            _ => {
                errors.add(field, Problem::OutOfRange { min, max });
                0
            }
        },
    }
}

/// Saves rooms, opening hours and booking settings together, then brings existing slots in
/// line: returns how many bookings the change displaced.
pub async fn save_settings<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    env: &Env<'_>,
    actor: i32,
    u: &unit::Model,
    values: &BTreeMap<String, String>,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let mut errors = FieldErrors::default();
    let v = |k: &str| values.get(k).map(|x| x.trim().to_string()).unwrap_or_default();
    let slot_minutes = int_in(&mut errors, values, "slot_minutes", 10, 240);
    let ahead_days = int_in(&mut errors, values, "ahead_days", 1, 90);
    let notice_minutes = int_in(&mut errors, values, "notice_minutes", 0, 10080);
    let walkin_percent = int_in(&mut errors, values, "walkin_percent", 0, 100);
    let fixed_counters = int_in(&mut errors, values, "fixed_counters", 0, 50);
    let per_counter = int_in(&mut errors, values, "per_counter", 1, 50);
    let grace_minutes = int_in(&mut errors, values, "grace_minutes", 0, 120);
    let counter_source = v("counter_source");
    if counter_source != "roster" && counter_source != "fixed" {
        errors.add("f[counter_source]", Problem::Unknown);
    }
    let mut hours = Vec::new();
    for w in 1..=7u32 {
        let (o, c) = (v(&format!("h{w}_opens")), v(&format!("h{w}_closes")));
        if o.is_empty() && c.is_empty() {
            continue;
        }
        match (minutes_of(&o), minutes_of(&c)) {
            (Some(a), Some(b)) if a < b => hours.push((w, hhmm(a), hhmm(b))),
            (Some(_), Some(_)) => errors.add(format!("f[h{w}_opens]"), Problem::ShiftTimes),
            (None, _) => errors.add(format!("f[h{w}_opens]"), Problem::InvalidTime),
            (_, None) => errors.add(format!("f[h{w}_closes]"), Problem::InvalidTime),
        }
    }
    let existing = room::Entity::find().filter(room::Column::UnitId.eq(u.id)).all(db).await?;
    let mut rooms = Vec::new();
    let keys: Vec<String> = existing.iter().map(|r| format!("r{}", r.id)).chain(std::iter::once("rnew".to_string())).collect();
    for key in keys {
        let name = v(&format!("{key}_name"));
        let area_s = v(&format!("{key}_area"));
        let m2_s = v(&format!("{key}_m2"));
        let max_s = v(&format!("{key}_max"));
        if key == "rnew" && name.is_empty() && area_s.is_empty() && max_s.is_empty() {
            continue;
        }
        let field = |f: &str| format!("f[{key}_{f}]");
        errors.text(&field("name"), &name, true, 120);
        let rule = Rule::parse(&v(&format!("{key}_rule"))).unwrap_or(Rule::Area);
        let area = match parse_number(if area_s.is_empty() { "0" } else { &area_s }) {
            Some(a) if (0.0..=100_000.0).contains(&a) => a,
            _ => {
                errors.add(field("area"), Problem::OutOfRange { min: 0, max: 100_000 });
                0.0
            }
        };
        let m2 = match parse_number(if m2_s.is_empty() { "4" } else { &m2_s }) {
            Some(a) if (0.5..=100.0).contains(&a) => a,
            _ => {
                errors.add(field("m2"), Problem::OutOfRange { min: 1, max: 100 });
                4.0
            }
        };
        let max = match max_s.parse::<i32>() {
            Ok(n) if (0..=10_000).contains(&n) => n,
            Err(_) if max_s.is_empty() => 0,
            _ => {
                errors.add(field("max"), Problem::OutOfRange { min: 0, max: 10_000 });
                0
            }
        };
        if rule == Rule::Area && area <= 0.0 && errors.get(&field("area")).is_none() {
            errors.add(field("area"), Problem::Required);
        }
        if rule == Rule::Fixed && max <= 0 && errors.get(&field("max")).is_none() {
            errors.add(field("max"), Problem::OutOfRange { min: 1, max: 10_000 });
        }
        let active = !v(&format!("{key}_active")).is_empty() || key == "rnew";
        let id = key.strip_prefix('r').and_then(|x| x.parse::<i32>().ok());
        rooms.push((id, name, area, rule, m2, max, active));
    }
    errors.into_result()?;
    let txn = crate::ssr::begin_write(db).await?;
    booking_setting::Entity::delete_by_id(u.id).exec(&txn).await?;
    booking_setting::ActiveModel::from(booking_setting::Model {
        unit_id: u.id,
        slot_minutes,
        ahead_days,
        notice_minutes,
        walkin_percent,
        counter_source,
        fixed_counters,
        per_counter,
        grace_minutes,
    })
    .insert(&txn)
    .await?;
    opening_hour::Entity::delete_many().filter(opening_hour::Column::UnitId.eq(u.id)).exec(&txn).await?;
    for (w, o, c) in &hours {
        opening_hour::ActiveModel { unit_id: Set(u.id), weekday: Set(*w as i32), opens: Set(o.clone()), closes: Set(c.clone()) }
            .insert(&txn)
            .await?;
    }
    for (id, name, area, rule, m2, max, active) in rooms {
        let mut am = room::ActiveModel {
            unit_id: Set(u.id),
            name: Set(name),
            area_m2: Set(area),
            rule: Set(rule.code().into()),
            m2_per_visitor: Set(m2),
            max_visitors: Set(max),
            active: Set(active),
            ..Default::default()
        };
        match id {
            Some(id) => {
                am.id = Set(id);
                am.update(&txn).await?;
            }
            None => {
                am.insert(&txn).await?;
            }
        }
    }
    crate::ssr::audit::record(&txn, Some(actor), "booking.settings", "unit", u.id, serde_json::json!({}), now).await?;
    txn.commit().await?;
    Ok(sync_unit(db, env, u.id, now).await?.len())
}

pub async fn add_closure<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    env: &Env<'_>,
    actor: i32,
    u: &unit::Model,
    date: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let mut errors = FieldErrors::default();
    let d = timefmt::parse_date(date);
    match d {
        None if date.trim().is_empty() => errors.add("closure_date", Problem::Required),
        None => errors.add("closure_date", Problem::InvalidDate),
        Some(d) if d < today(u, now) => errors.add("closure_date", Problem::DateInPast),
        Some(_) => {}
    }
    errors.text("closure_reason", reason, true, 200);
    errors.into_result()?;
    let d = d.ok_or(AppError::Internal)?;
    booking_closure::ActiveModel {
        unit_id: Set(u.id),
        date: Set(d),
        reason: Set(reason.trim().to_string()),
        created_by: Set(Some(actor)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(AppError::taken_on("closure_date"))?;
    crate::ssr::audit::record(db, Some(actor), "booking.closure", "unit", u.id, serde_json::json!({ "date": d }), now).await?;
    Ok(sync_unit(db, env, u.id, now).await?.len())
}

pub async fn remove_closure(db: &impl ConnectionTrait, actor: i32, u: &unit::Model, id: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    let r = booking_closure::Entity::delete_many()
        .filter(booking_closure::Column::Id.eq(id))
        .filter(booking_closure::Column::UnitId.eq(u.id))
        .exec(db)
        .await?;
    if r.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    crate::ssr::audit::record(db, Some(actor), "booking.reopen", "unit", u.id, serde_json::json!({ "closure": id }), now).await?;
    Ok(())
}
