//! The appointment rules on the server: a unit's plan of slots (rooms, hours, counters on
//! duty, holidays, closures), booking under the places left, moving and cancelling, the
//! counter's check-in, walk-ins and absences, capacity cuts, and reminders.
//!
//! Slots exist as rows only once someone books one; until then their places are computed
//! from the plan, so reading pages never writes. A row's `booked` and `walkins` counts
//! change only through conditional updates (`… WHERE booked + walkins < places`) in the same
//! transaction as the booking, so the database itself refuses the place after the last.
use crate::common::contact::{Email, Phone};
use super::*;
use crate::error::AppError;
use crate::forms::{FieldErrors, Problem};
use crate::ssr::entities::{
    booking, booking_closure, booking_event, booking_setting, booking_slot, holiday, opening_hour, roster_entry, room,
    service, unit, unit_shift,
};
use crate::ssr::timefmt;
use crate::ssr::Env;
use crate::common::code::TrackingCode;
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait,
};
use std::collections::{BTreeMap, HashMap};

mod capacity;
pub use capacity::*;
mod views;
pub use views::*;

pub fn default_settings(unit_id: i32) -> booking_setting::Model {
    booking_setting::Model {
        unit_id,
        slot_minutes: 30,
        ahead_days: 14,
        notice_minutes: 60,
        walkin_percent: 20,
        counter_source: "roster".into(),
        fixed_counters: 2,
        per_counter: 2,
        grace_minutes: 15,
    }
}

pub async fn settings_of(db: &impl ConnectionTrait, unit_id: i32) -> Result<booking_setting::Model, DbErr> {
    Ok(booking_setting::Entity::find_by_id(unit_id).one(db).await?.unwrap_or_else(|| default_settings(unit_id)))
}

/// A new unit opens its counters Monday to Friday, 08:00–15:00, with the default settings.
pub async fn create_defaults(db: &impl ConnectionTrait, unit_id: i32) -> Result<(), DbErr> {
    booking_setting::ActiveModel::from(default_settings(unit_id)).insert(db).await?;
    for weekday in 1..=5 {
        opening_hour::ActiveModel {
            unit_id: Set(unit_id),
            weekday: Set(weekday),
            opens: Set("08:00".into()),
            closes: Set("15:00".into()),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Why a day takes no visitors.
#[derive(Clone, Debug, PartialEq)]
pub enum Closed {
    /// Not one of the unit's working weekdays, or no opening hours that day.
    NotOpen,
    Holiday(String),
    Closure(String),
    /// No room set up, or the rooms hold nobody.
    NoRoom,
}

impl Closed {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Closed::NotOpen => lang.t("Tutup", "Closed").into(),
            Closed::Holiday(name) => format!("{}: {name}", lang.t("Libur", "Holiday")),
            Closed::Closure(reason) => format!("{}: {reason}", lang.t("Kantor tutup", "Office closed")),
            Closed::NoRoom => lang.t("Tidak menerima kunjungan", "No visits").into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct PlannedSlot {
    pub starts: String,
    pub ends: String,
    pub places: i32,
    pub walkin_places: i32,
}

/// Everything that fixes a unit's slots over a range of days, read in a few queries.
pub struct UnitPlan {
    pub unit: unit::Model,
    pub settings: booking_setting::Model,
    pub rooms_limit: i32,
    hours: HashMap<u32, (u32, u32)>,
    working_days: Vec<u32>,
    holidays: HashMap<NaiveDate, String>,
    closures: HashMap<NaiveDate, String>,
    shifts: Vec<unit_shift::Model>,
    /// Staff on counter duty in the office, per day and shift.
    counters: HashMap<(NaiveDate, i32), i32>,
}

impl UnitPlan {
    pub async fn load(db: &impl ConnectionTrait, u: &unit::Model, from: NaiveDate, to: NaiveDate) -> Result<UnitPlan, DbErr> {
        let settings = settings_of(db, u.id).await?;
        let rooms = room::Entity::find()
            .filter(room::Column::UnitId.eq(u.id))
            .filter(room::Column::Active.eq(true))
            .all(db)
            .await?;
        let rooms_limit = rooms
            .iter()
            .map(|r| room_limit(Rule::parse(&r.rule).unwrap_or(Rule::Fixed), r.area_m2, r.m2_per_visitor, r.max_visitors))
            .sum();
        let hours = opening_hour::Entity::find()
            .filter(opening_hour::Column::UnitId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .filter_map(|h| Some((h.weekday as u32, (minutes_of(&h.opens)?, minutes_of(&h.closes)?))))
            .collect();
        let holidays = holiday::Entity::find()
            .filter(holiday::Column::UnitId.is_null().or(holiday::Column::UnitId.eq(u.id)))
            .filter(holiday::Column::Date.between(from, to))
            .all(db)
            .await?
            .into_iter()
            .map(|h| (h.date, h.name))
            .collect();
        let closures = booking_closure::Entity::find()
            .filter(booking_closure::Column::UnitId.eq(u.id))
            .filter(booking_closure::Column::Date.between(from, to))
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.date, c.reason))
            .collect();
        let shifts = crate::rosters::ssr::shifts_of(db, u.id).await?;
        let mut counters: HashMap<(NaiveDate, i32), i32> = HashMap::new();
        if settings.counter_source == "roster" {
            let rows = roster_entry::Entity::find()
                .filter(roster_entry::Column::UnitId.eq(u.id))
                .filter(roster_entry::Column::Date.between(from, to))
                .filter(roster_entry::Column::Mode.eq(crate::rosters::Mode::Wfo))
                .filter(roster_entry::Column::Duty.eq(crate::rosters::Duty::Counter))
                .all(db)
                .await?;
            for r in rows {
                *counters.entry((r.date, r.shift_id)).or_default() += 1;
            }
        }
        Ok(UnitPlan {
            working_days: crate::ssr::workdays::Calendar::from_unit(&u.working_days).working_days,
            unit: u.clone(),
            settings,
            rooms_limit,
            hours,
            holidays,
            closures,
            shifts,
            counters,
        })
    }

    /// Why `d` takes no visitors, if it does not.
    pub fn closed(&self, d: NaiveDate) -> Option<Closed> {
        if let Some(name) = self.holidays.get(&d) {
            return Some(Closed::Holiday(name.clone()));
        }
        if let Some(reason) = self.closures.get(&d) {
            return Some(Closed::Closure(reason.clone()));
        }
        let weekday = d.weekday().number_from_monday();
        if !self.working_days.contains(&weekday) || !self.hours.contains_key(&weekday) {
            return Some(Closed::NotOpen);
        }
        if self.rooms_limit <= 0 {
            return Some(Closed::NoRoom);
        }
        None
    }

    /// Counters open at `minute` of day `d`.
    pub fn counters_at(&self, d: NaiveDate, minute: u32) -> i32 {
        if self.settings.counter_source != "roster" {
            return self.settings.fixed_counters;
        }
        self.shifts
            .iter()
            .find(|s| match (minutes_of(&s.starts), minutes_of(&s.ends)) {
                (Some(a), Some(b)) => a <= minute && minute < b,
                _ => false,
            })
            .map(|s| self.counters.get(&(d, s.id)).copied().unwrap_or(0))
            .unwrap_or(0)
    }

    /// The slots of day `d` with their places (none when the day is closed).
    pub fn day(&self, d: NaiveDate) -> Vec<PlannedSlot> {
        if self.closed(d).is_some() {
            return Vec::new();
        }
        let Some(&(opens, closes)) = self.hours.get(&d.weekday().number_from_monday()) else {
            return Vec::new();
        };
        slot_times(opens, closes, self.settings.slot_minutes.max(5) as u32)
            .into_iter()
            .map(|(a, b)| {
                let places = slot_places(self.rooms_limit, self.counters_at(d, a), self.settings.per_counter);
                PlannedSlot {
                    starts: hhmm(a),
                    ends: hhmm(b),
                    places,
                    walkin_places: walkin_places(places, self.settings.walkin_percent),
                }
            })
            .collect()
    }

    pub fn zone(&self) -> &str {
        &self.unit.timezone
    }

    /// The instant a slot starts.
    pub fn starts_at(&self, d: NaiveDate, starts: &str) -> Option<DateTime<Utc>> {
        let m = minutes_of(starts)?;
        let local = d.and_hms_opt(m / 60, m % 60, 0)?;
        timefmt::tz(&self.unit.timezone).from_local_datetime(&local).single().map(|t| t.with_timezone(&Utc))
    }

    /// The last day one may book, counted from today in the unit's time zone.
    pub fn last_day(&self, now: DateTime<Utc>) -> NaiveDate {
        today(&self.unit, now) + Duration::days(i64::from(self.settings.ahead_days.max(0)))
    }

    /// Whether a slot may still be booked at `now` (notice and horizon).
    pub fn timing(&self, d: NaiveDate, starts: &str, now: DateTime<Utc>) -> Result<(), Problem> {
        let Some(at) = self.starts_at(d, starts) else { return Err(Problem::Unknown) };
        if at <= now {
            return Err(Problem::SlotPast);
        }
        if at < now + Duration::minutes(i64::from(self.settings.notice_minutes)) {
            return Err(Problem::TooSoon { minutes: self.settings.notice_minutes.max(0) as u32 });
        }
        if d > self.last_day(now) {
            return Err(Problem::TooFarAhead { days: self.settings.ahead_days.max(0) as u32 });
        }
        Ok(())
    }
}

/// The instant a slot row starts.
pub fn slot_start(u: &unit::Model, slot: &booking_slot::Model) -> Option<DateTime<Utc>> {
    let m = minutes_of(&slot.starts)?;
    let local = slot.date.and_hms_opt(m / 60, m % 60, 0)?;
    timefmt::tz(&u.timezone).from_local_datetime(&local).single().map(|t| t.with_timezone(&Utc))
}

pub fn today(u: &unit::Model, now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&timefmt::tz(&u.timezone)).date_naive()
}

/// A slot's key in forms and links: `2026-12-01T09:00`.
pub fn slot_key(d: NaiveDate, starts: &str) -> String {
    format!("{}T{starts}", d.format("%Y-%m-%d"))
}

pub fn parse_slot_key(key: &str) -> Option<(NaiveDate, String)> {
    let (d, t) = key.trim().split_once('T')?;
    let d = timefmt::parse_date(d)?;
    let m = minutes_of(t)?;
    Some((d, hhmm(m)))
}

/// The slot rows that exist for a unit over a range, by day and start.
pub(super) async fn rows_between(
    db: &impl ConnectionTrait,
    unit_id: i32,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<HashMap<(NaiveDate, String), booking_slot::Model>, DbErr> {
    Ok(booking_slot::Entity::find()
        .filter(booking_slot::Column::UnitId.eq(unit_id))
        .filter(booking_slot::Column::Date.between(from, to))
        .all(db)
        .await?
        .into_iter()
        .map(|r| ((r.date, r.starts.clone()), r))
        .collect())
}

/// A slot as offered: places from its row when it has one, else from the plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Offer {
    pub date: NaiveDate,
    pub starts: String,
    pub ends: String,
    pub free: i32,
}

impl Offer {
    pub fn option(&self, lang: Lang) -> SlotOption {
        SlotOption {
            key: slot_key(self.date, &self.starts),
            date: self.date.format("%Y-%m-%d").to_string(),
            date_label: crate::rosters::ssr::long_date(self.date, lang),
            starts: self.starts.clone(),
            ends: self.ends.clone(),
            free: self.free,
        }
    }
}

/// Every slot of the days from `from` to `to` that may still be booked at `now`, with its
/// free places (zero included, so pages can show a full slot as full).
pub async fn offers(
    db: &impl ConnectionTrait,
    plan: &UnitPlan,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Vec<Offer>, DbErr> {
    let rows = rows_between(db, plan.unit.id, from, to).await?;
    let mut out = Vec::new();
    let mut d = from;
    while d <= to {
        for s in plan.day(d) {
            if plan.timing(d, &s.starts, now).is_err() {
                continue;
            }
            let free = match rows.get(&(d, s.starts.clone())) {
                Some(r) => online_free(r.places, r.walkin_places, r.booked, r.walkins),
                None => online_free(s.places, s.walkin_places, 0, 0),
            };
            out.push(Offer { date: d, starts: s.starts, ends: s.ends, free });
        }
        d = match d.succ_opt() {
            Some(n) => n,
            None => break,
        };
    }
    Ok(out)
}

/// The nearest slots with a free place, from `from` on.
pub async fn next_free(
    db: &impl ConnectionTrait,
    u: &unit::Model,
    from: NaiveDate,
    now: DateTime<Utc>,
    n: usize,
) -> Result<Vec<Offer>, DbErr> {
    let from = from.max(today(u, now));
    let probe = UnitPlan::load(db, u, from, from).await?;
    let to = probe.last_day(now);
    if from > to {
        return Ok(Vec::new());
    }
    let plan = UnitPlan::load(db, u, from, to).await?;
    Ok(offers(db, &plan, from, to, now).await?.into_iter().filter(|o| o.free > 0).take(n).collect())
}

/// The row of a slot, made from the plan if nobody has booked it yet. Runs inside the
/// booking's transaction; two first bookings at once both end with the one row.
pub(super) async fn slot_row(
    db: &impl ConnectionTrait,
    plan: &UnitPlan,
    d: NaiveDate,
    starts: &str,
) -> Result<Option<booking_slot::Model>, DbErr> {
    let find = || {
        booking_slot::Entity::find()
            .filter(booking_slot::Column::UnitId.eq(plan.unit.id))
            .filter(booking_slot::Column::Date.eq(d))
            .filter(booking_slot::Column::Starts.eq(starts))
    };
    if let Some(row) = find().one(db).await? {
        return Ok(Some(row));
    }
    let Some(p) = plan.day(d).into_iter().find(|s| s.starts == starts) else { return Ok(None) };
    let row = booking_slot::ActiveModel {
        unit_id: Set(plan.unit.id),
        date: Set(d),
        starts: Set(p.starts),
        ends: Set(p.ends),
        places: Set(p.places),
        walkin_places: Set(p.walkin_places),
        booked: Set(0),
        walkins: Set(0),
        ..Default::default()
    };
    booking_slot::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([booking_slot::Column::UnitId, booking_slot::Column::Date, booking_slot::Column::Starts])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    find().one(db).await
}

/// Takes one online place: the database refuses it when the slot is full.
async fn take_place(db: &impl ConnectionTrait, slot_id: i32) -> Result<bool, DbErr> {
    let r = booking_slot::Entity::update_many()
        .col_expr(booking_slot::Column::Booked, Expr::col(booking_slot::Column::Booked).add(1))
        .filter(booking_slot::Column::Id.eq(slot_id))
        .filter(Expr::cust("booked + walkins < places"))
        .filter(Expr::cust("booked + walkin_places < places"))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

pub(super) async fn give_back(db: &impl ConnectionTrait, slot_id: i32, walk_in: bool) -> Result<(), DbErr> {
    let col = if walk_in { booking_slot::Column::Walkins } else { booking_slot::Column::Booked };
    booking_slot::Entity::update_many()
        .col_expr(col, Expr::col(col).sub(1))
        .filter(booking_slot::Column::Id.eq(slot_id))
        .filter(Expr::col(col).gt(0))
        .exec(db)
        .await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
/// The calendar entry's SEQUENCE: how many times it changed (moved or cancelled), so a
/// calendar takes each newer file and the numbers go 0, 1, 2.
pub(super) async fn calendar_sequence(db: &impl ConnectionTrait, booking_id: i32) -> Result<i64, sea_orm::DbErr> {
    let n = booking_event::Entity::find()
        .filter(booking_event::Column::BookingId.eq(booking_id))
        .filter(booking_event::Column::Kind.is_in(["rescheduled", "cancelled"]))
        .count(db)
        .await?;
    Ok(n as i64)
}

pub(super) async fn event(
    db: &impl ConnectionTrait,
    booking_id: i32,
    kind: &str,
    from: Option<i32>,
    to: Option<i32>,
    actor: Option<i32>,
    note: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    booking_event::ActiveModel {
        booking_id: Set(booking_id),
        at: Set(now),
        kind: Set(kind.into()),
        from_slot_id: Set(from),
        to_slot_id: Set(to),
        actor_id: Set(actor),
        note: Set(note.chars().take(500).collect()),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// The visitor's address as bookings are found by it.
pub fn email_key(email: &str) -> Option<String> {
    Email::parse(email).ok().map(String::from)
}

/// The visitor's number as bookings are found by it: 0812… and +62 812… are one number.
pub fn phone_key(phone: &str) -> Option<String> {
    Phone::parse(phone).ok().map(|p| p.key())
}

/// Checks what the visitor typed about themselves.
pub fn validate_visitor(v: &Visitor) -> FieldErrors {
    let mut errors = FieldErrors::default();
    errors.text("name", &v.name, true, 100);
    errors.parsed("email", &v.email, Email::parse);
    errors.parsed("phone", &v.phone, Phone::parse);
    errors
}

pub struct NewBooking<'a> {
    pub unit: &'a unit::Model,
    pub service: &'a service::Model,
    pub slot: (NaiveDate, String),
    pub visitor: &'a Visitor,
    pub lang: Lang,
    /// One per "check your answers" page: a second click finds the first booking.
    pub submission_key: &'a str,
}

/// Coming appointments one e-mail address or phone may hold at once.
pub const MAX_COMING_PER_PERSON: u32 = 5;

pub(super) fn slot_problem(field: &str, p: Problem) -> AppError {
    let mut e = FieldErrors::default();
    e.add(field, p);
    AppError::Invalid(e)
}

/// Books a visit. Refuses, with a problem on the `slot` field, a slot that is full, past,
/// too soon, too far ahead or not offered; and one person's second booking for the same
/// service on the same day.
pub async fn book<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    env: &Env<'_>,
    nb: NewBooking<'_>,
    now: DateTime<Utc>,
) -> Result<booking::Model, AppError> {
    validate_visitor(nb.visitor).into_result()?;
    if nb.service.unit_id != nb.unit.id {
        return Err(AppError::NotFound);
    }
    let (d, starts) = nb.slot.clone();
    let plan = UnitPlan::load(db, nb.unit, d, d).await?;
    if let Some(closed) = plan.closed(d) {
        return Err(slot_problem("slot", Problem::DayClosed { reason: closed.text(nb.lang) }));
    }
    plan.timing(d, &starts, now).map_err(|p| slot_problem("slot", p))?;
    // A slot already full is refused without taking the write lock (a rush mostly meets
    // full slots); a slot that looks free is still decided by the conditional update below.
    if let Some(row) = booking_slot::Entity::find()
        .filter(booking_slot::Column::UnitId.eq(nb.unit.id))
        .filter(booking_slot::Column::Date.eq(d))
        .filter(booking_slot::Column::Starts.eq(starts.as_str()))
        .one(db)
        .await?
    {
        let resend = booking::Entity::find().filter(booking::Column::SubmissionKey.eq(nb.submission_key)).one(db).await?;
        if let Some(done) = resend {
            return Ok(done);
        }
        if online_free(row.places, row.walkin_places, row.booked, row.walkins) == 0 {
            return Err(slot_problem("slot", Problem::SlotFull));
        }
    }
    let req = requirements(db, nb.service.id, now).await?;
    let txn = crate::ssr::begin_write(db).await?;
    // One person's coming appointments, whatever the unit or service: a few, not every place.
    use sea_orm::PaginatorTrait;
    let coming = booking::Entity::find()
        .filter(booking::Column::Status.eq(Status::Booked.code()))
        .filter(booking::Column::Date.gte(now.date_naive()))
        .filter(booking::Column::SubmissionKey.ne(nb.submission_key))
        .filter(same_person(nb.visitor))
        .count(&txn)
        .await?;
    if coming >= u64::from(MAX_COMING_PER_PERSON) {
        txn.rollback().await?;
        return Err(slot_problem("slot", Problem::TooManyBookings { max: MAX_COMING_PER_PERSON }));
    }
    if let Some(done) = booking::Entity::find()
        .filter(booking::Column::SubmissionKey.eq(nb.submission_key))
        .one(&txn)
        .await?
    {
        return Ok(done);
    }
    let Some(slot) = slot_row(&txn, &plan, d, &starts).await? else {
        return Err(slot_problem("slot", Problem::Unknown));
    };
    if !take_place(&txn, slot.id).await? {
        txn.rollback().await?;
        return Err(slot_problem("slot", Problem::SlotFull));
    }
    let code = TrackingCode::generate();
    let inserted = booking::ActiveModel {
        code: Set(code.as_str().to_string()),
        unit_id: Set(nb.unit.id),
        service_id: Set(nb.service.id),
        slot_id: Set(slot.id),
        date: Set(d),
        name: Set(nb.visitor.name.trim().to_string()),
        email: Set(Some(nb.visitor.email.trim().to_string())),
        phone: Set(Some(nb.visitor.phone.trim().to_string())),
        email_key: Set(email_key(&nb.visitor.email)),
        phone_key: Set(phone_key(&nb.visitor.phone)),
        lang: Set(nb.lang.code().into()),
        status: Set(Status::Booked.code().into()),
        walk_in: Set(false),
        submission_key: Set(nb.submission_key.to_string()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let b = match inserted {
        Ok(b) => b,
        Err(e) if matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) => {
            txn.rollback().await?;
            return Err(already_booked(db, env, nb.service.id, d, nb.visitor, now).await);
        }
        Err(e) => return Err(e.into()),
    };
    event(&txn, b.id, "booked", None, Some(slot.id), None, "", now).await?;
    let m = super::mail::confirmation(env, &b, nb.unit, nb.service, &slot, false, &req, 0)?;
    crate::ssr::outbox::enqueue(&txn, m, None, now).await?;
    txn.commit().await?;
    Ok(b)
}

/// The refusal of a second active booking. It says nothing of the first one (whoever typed
/// the e-mail or phone may not be the one who holds it); instead the holder's address gets
/// that booking's confirmation again, at most once an hour, so a visitor who forgot their
/// code finds it in their mail.
async fn already_booked<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    env: &Env<'_>,
    service_id: i32,
    d: NaiveDate,
    v: &Visitor,
    now: DateTime<Utc>,
) -> AppError {
    let resent: Result<(), AppError> = async {
        const KIND: &str = "resent";
        let txn = crate::ssr::begin_write(db).await?;
        let Some(existing) = booking::Entity::find()
            .filter(booking::Column::ServiceId.eq(service_id))
            .filter(booking::Column::Date.eq(d))
            .filter(booking::Column::Status.is_in([Status::Booked.code(), Status::CheckedIn.code()]))
            .filter(same_person(v))
            .one(&txn)
            .await?
        else {
            return Ok(());
        };
        if existing.email.as_deref().is_none_or(|e| e.trim().is_empty()) {
            return Ok(());
        }
        let lately = booking_event::Entity::find()
            .filter(booking_event::Column::BookingId.eq(existing.id))
            .filter(booking_event::Column::Kind.eq(KIND))
            .filter(booking_event::Column::At.gt(now - chrono::Duration::hours(1)))
            .one(&txn)
            .await?;
        if lately.is_some() {
            return Ok(());
        }
        let (u, s, slot) = context(&txn, &existing).await?;
        let req = requirements(&txn, s.id, now).await?;
        let m = super::mail::confirmation(env, &existing, &u, &s, &slot, false, &req, calendar_sequence(&txn, existing.id).await?)?;
        crate::ssr::outbox::enqueue(&txn, m, None, now).await?;
        event(&txn, existing.id, KIND, None, None, None, "", now).await?;
        txn.commit().await?;
        Ok(())
    }
    .await;
    if let Err(e) = resent {
        tracing::warn!(error = %e, service_id, "could not resend a booking confirmation");
    }
    slot_problem("slot", Problem::AlreadyBooked)
}

/// Bookings of the person with this e-mail address or this phone (in any of its forms).
fn same_person(v: &Visitor) -> Condition {
    Condition::any()
        .add(booking::Column::EmailKey.eq(email_key(&v.email)))
        .add(booking::Column::PhoneKey.eq(phone_key(&v.phone)))
}

pub async fn find_by_code(db: &impl ConnectionTrait, code: &TrackingCode) -> Result<Option<booking::Model>, DbErr> {
    booking::Entity::find().filter(booking::Column::Code.eq(code.as_str())).one(db).await
}

pub(super) async fn context(
    db: &impl ConnectionTrait,
    b: &booking::Model,
) -> Result<(unit::Model, service::Model, booking_slot::Model), AppError> {
    let u = unit::Entity::find_by_id(b.unit_id).one(db).await?.ok_or(AppError::NotFound)?;
    let s = service::Entity::find_by_id(b.service_id).one(db).await?.ok_or(AppError::NotFound)?;
    let slot = booking_slot::Entity::find_by_id(b.slot_id).one(db).await?.ok_or(AppError::NotFound)?;
    Ok((u, s, slot))
}

/// Moves a booked (or displaced) visit to another slot of the same unit.
pub async fn reschedule<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    env: &Env<'_>,
    code: &TrackingCode,
    to: (NaiveDate, String),
    now: DateTime<Utc>,
) -> Result<booking::Model, AppError> {
    let b = find_by_code(db, code).await?.ok_or(AppError::NotFound)?;
    let (u, s, _) = context(db, &b).await?;
    let lang = crate::i18n::Lang::parse(&b.lang).unwrap_or(Lang::Id);
    let (d, starts) = to;
    let plan = UnitPlan::load(db, &u, d, d).await?;
    if let Some(closed) = plan.closed(d) {
        return Err(slot_problem("slot", Problem::DayClosed { reason: closed.text(lang) }));
    }
    plan.timing(d, &starts, now).map_err(|p| slot_problem("slot", p))?;
    let req = requirements(db, s.id, now).await?;
    let txn = crate::ssr::begin_write(db).await?;
    // Read again under the write lock: the visitor may have pressed twice.
    let b = booking::Entity::find_by_id(b.id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let status = Status::parse(&b.status).unwrap_or(Status::Cancelled);
    if !status.changeable() {
        return Err(slot_problem("slot", Problem::NotChangeable));
    }
    let Some(slot) = slot_row(&txn, &plan, d, &starts).await? else {
        return Err(slot_problem("slot", Problem::Unknown));
    };
    if slot.id == b.slot_id && status == Status::Booked {
        return Ok(b);
    }
    if !take_place(&txn, slot.id).await? {
        txn.rollback().await?;
        return Err(slot_problem("slot", Problem::SlotFull));
    }
    if status == Status::Booked {
        give_back(&txn, b.slot_id, false).await?;
    }
    let from = b.slot_id;
    let who = Visitor { name: String::new(), email: b.email.clone().unwrap_or_default(), phone: b.phone.clone().unwrap_or_default() };
    let mut am: booking::ActiveModel = b.into();
    am.slot_id = Set(slot.id);
    am.date = Set(d);
    am.status = Set(Status::Booked.code().into());
    am.reminded_at = Set(None);
    am.updated_at = Set(now);
    let b = match am.update(&txn).await {
        Ok(b) => b,
        Err(e) if matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) => {
            txn.rollback().await?;
            return Err(already_booked(db, env, s.id, d, &who, now).await);
        }
        Err(e) => return Err(e.into()),
    };
    event(&txn, b.id, "rescheduled", Some(from), Some(slot.id), None, "", now).await?;
    let m = super::mail::confirmation(env, &b, &u, &s, &slot, true, &req, calendar_sequence(&txn, b.id).await?)?;
    crate::ssr::outbox::enqueue(&txn, m, None, now).await?;
    txn.commit().await?;
    Ok(b)
}

/// Cancels a visit; its place goes back to the slot.
pub async fn cancel<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    env: &Env<'_>,
    code: &TrackingCode,
    now: DateTime<Utc>,
) -> Result<booking::Model, AppError> {
    let txn = crate::ssr::begin_write(db).await?;
    let b = find_by_code(&txn, code).await?.ok_or(AppError::NotFound)?;
    let status = Status::parse(&b.status).unwrap_or(Status::Cancelled);
    if status == Status::Cancelled {
        return Ok(b);
    }
    if !status.changeable() {
        return Err(slot_problem("cancel", Problem::NotChangeable));
    }
    let (u, s, slot) = context(&txn, &b).await?;
    if status == Status::Booked {
        give_back(&txn, b.slot_id, false).await?;
    }
    let mut am: booking::ActiveModel = b.into();
    am.status = Set(Status::Cancelled.code().into());
    am.updated_at = Set(now);
    let b = am.update(&txn).await?;
    event(&txn, b.id, "cancelled", Some(b.slot_id), None, None, "", now).await?;
    if b.email.is_some() {
        let sequence = calendar_sequence(&txn, b.id).await?;
        crate::ssr::outbox::enqueue(&txn, super::mail::cancelled(env, &b, &u, &s, &slot, sequence)?, None, now).await?;
    }
    txn.commit().await?;
    Ok(b)
}

