//! Changes of capacity: slots brought in line with the plan, bookings beyond a cut moved and their visitors told, and reminders.
use crate::standards::requirements::Requirements;
use super::*;

// Changes of capacity.

/// Brings the places of a unit's existing future slots in line with its plan (after a room,
/// hours, settings, closure, roster or holiday change). Bookings beyond a slot's new places
/// are displaced, the latest booked first: marked, kept in the history, and told by e-mail
/// with the nearest free slots. Returns the displaced bookings.
pub async fn sync_unit<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    env: &Env<'_>,
    unit_id: i32,
    now: DateTime<Utc>,
) -> Result<Vec<booking::Model>, AppError> {
    let u = unit::Entity::find_by_id(unit_id).one(db).await?.ok_or(AppError::NotFound)?;
    let from = today(&u, now);
    // Most runs change nothing: look first without taking the write lock.
    if !slots_differ(db, &u, from, now).await? {
        return Ok(Vec::new());
    }
    let txn = crate::ssr::begin_write(db).await?;
    let rows = booking_slot::Entity::find()
        .filter(booking_slot::Column::UnitId.eq(u.id))
        .filter(booking_slot::Column::Date.gte(from))
        .order_by_asc(booking_slot::Column::Date)
        .order_by_asc(booking_slot::Column::Starts)
        .all(&txn)
        .await?;
    let Some(to) = rows.iter().map(|r| r.date).max() else {
        txn.commit().await?;
        return Ok(Vec::new());
    };
    let plan = UnitPlan::load(&txn, &u, from, to).await?;
    let mut days: BTreeMap<NaiveDate, Vec<PlannedSlot>> = BTreeMap::new();
    let mut displaced = Vec::new();
    for row in rows {
        // A slot already running keeps its visitors.
        if slot_start(&u, &row).is_none_or(|at| at <= now) {
            continue;
        }
        let planned = days.entry(row.date).or_insert_with(|| plan.day(row.date));
        let (places, walkin) = planned
            .iter()
            .find(|p| p.starts == row.starts)
            .map(|p| (p.places, p.walkin_places))
            .unwrap_or((0, 0));
        if places == row.places && walkin == row.walkin_places {
            continue;
        }
        booking_slot::Entity::update_many()
            .col_expr(booking_slot::Column::Places, Expr::value(places))
            .col_expr(booking_slot::Column::WalkinPlaces, Expr::value(walkin))
            .filter(booking_slot::Column::Id.eq(row.id))
            .exec(&txn)
            .await?;
        let online_cap = (places - walkin).min(places - row.walkins).max(0);
        let excess = row.booked - online_cap;
        if excess <= 0 {
            continue;
        }
        let victims = booking::Entity::find()
            .filter(booking::Column::SlotId.eq(row.id))
            .filter(booking::Column::Status.eq(Status::Booked.code()))
            .order_by_desc(booking::Column::CreatedAt)
            .order_by_desc(booking::Column::Id)
            .limit(excess as u64)
            .all(&txn)
            .await?;
        for b in victims {
            give_back(&txn, row.id, false).await?;
            let id = b.id;
            let mut am: booking::ActiveModel = b.into();
            am.status = Set(Status::Displaced.code().into());
            am.updated_at = Set(now);
            let b = am.update(&txn).await?;
            event(&txn, id, "displaced", Some(row.id), None, None, "", now).await?;
            displaced.push((b, row.clone()));
        }
    }
    // Tell each displaced visitor, with the nearest free slots as they stand now.
    let mut out = Vec::new();
    for (b, row) in displaced {
        let next = next_free(&txn, &u, b.date, now, 3).await?;
        let s = service::Entity::find_by_id(b.service_id).one(&txn).await?.ok_or(AppError::Internal)?;
        if b.email.is_some() {
            crate::ssr::outbox::enqueue(&txn, super::mail::displaced(env, &b, &u, &s, &row, &next)?, None, now).await?;
        }
        out.push(b);
    }
    txn.commit().await?;
    if !out.is_empty() {
        tracing::info!(unit = u.id, displaced = out.len(), "capacity cut: bookings displaced");
    }
    Ok(out)
}

/// Whether any future slot row of the unit has places other than its plan gives.
pub(crate) async fn slots_differ(db: &impl ConnectionTrait, u: &unit::Model, from: NaiveDate, now: DateTime<Utc>) -> Result<bool, DbErr> {
    let rows = booking_slot::Entity::find()
        .filter(booking_slot::Column::UnitId.eq(u.id))
        .filter(booking_slot::Column::Date.gte(from))
        .all(db)
        .await?;
    let Some(to) = rows.iter().map(|r| r.date).max() else { return Ok(false) };
    let plan = UnitPlan::load(db, u, from, to).await?;
    let mut days: HashMap<NaiveDate, Vec<PlannedSlot>> = HashMap::new();
    for row in rows {
        if slot_start(u, &row).is_none_or(|at| at <= now) {
            continue;
        }
        let planned = days.entry(row.date).or_insert_with(|| plan.day(row.date));
        let target = planned.iter().find(|p| p.starts == row.starts).map(|p| (p.places, p.walkin_places)).unwrap_or((0, 0));
        if target != (row.places, row.walkin_places) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// After a change that may alter capacity (a roster, a holiday, a closure): brings the
/// slots of one unit, or of every unit, in line. Returns how many bookings were displaced.
pub async fn capacity_changed<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    env: &Env<'_>,
    unit_id: Option<i32>,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let ids: Vec<i32> = match unit_id {
        Some(id) => vec![id],
        None => unit::Entity::find().all(db).await?.into_iter().map(|u| u.id).collect(),
    };
    let mut n = 0;
    for id in ids {
        n += sync_unit(db, env, id, now).await?.len();
    }
    Ok(n)
}

/// Reminders the day before, from 08:00 in the unit's time zone, for bookings made before
/// that day. Each is sent once (a conditional update of `reminded_at`).
pub async fn send_reminders<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    env: &Env<'_>,
    u: &unit::Model,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let zone = timefmt::tz(&u.timezone);
    let local = now.with_timezone(&zone);
    if local.time() < chrono::NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default() {
        return Ok(0);
    }
    let today = local.date_naive();
    let Some(tomorrow) = today.succ_opt() else { return Ok(0) };
    let day_start = zone
        .from_local_datetime(&today.and_hms_opt(0, 0, 0).unwrap_or_default())
        .single()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(now);
    let due = booking::Entity::find()
        .filter(booking::Column::UnitId.eq(u.id))
        .filter(booking::Column::Date.eq(tomorrow))
        .filter(booking::Column::Status.eq(Status::Booked.code()))
        .filter(booking::Column::RemindedAt.is_null())
        .filter(booking::Column::Email.is_not_null())
        .filter(booking::Column::CreatedAt.lt(day_start))
        .all(db)
        .await?;
    let mut sent = 0;
    for b in due {
        let txn = crate::ssr::begin_write(db).await?;
        let claimed = booking::Entity::update_many()
            .col_expr(booking::Column::RemindedAt, Expr::value(now))
            .filter(booking::Column::Id.eq(b.id))
            .filter(booking::Column::RemindedAt.is_null())
            .filter(booking::Column::Status.eq(Status::Booked.code()))
            .exec(&txn)
            .await?;
        if claimed.rows_affected == 1 {
            let (_, s, slot) = context(&txn, &b).await?;
            let req = requirements(&txn, s.id, now).await?;
            let sequence = super::calendar_sequence(&txn, b.id).await?;
            crate::ssr::outbox::enqueue(&txn, super::mail::reminder(env, &b, u, &s, &slot, &req, sequence)?, None, now).await?;
            event(&txn, b.id, "reminded", Some(slot.id), None, None, "", now).await?;
            sent += 1;
        }
        txn.commit().await?;
    }
    Ok(sent)
}

/// What to bring and the conditions to meet: the requirements component of the standard in
/// force, by kind.
pub async fn requirements(db: &impl ConnectionTrait, service_id: i32, now: DateTime<Utc>) -> Result<Requirements, AppError> {
    let versions = crate::standards::ssr::published_versions(db, service_id).await?;
    let Some(v) = crate::standards::ssr::in_force(&versions, now) else { return Ok(Requirements::default()) };
    let texts = crate::standards::ssr::texts(db, v.id).await?;
    Ok(Requirements::split(texts.get(&crate::standards::Component::Persyaratan).map_or("", String::as_str)))
}

/// The slot counts that would follow from the bookings themselves; tests compare them with
/// the stored counts to show they never drift.
pub async fn recount(db: &impl ConnectionTrait, slot_id: i32) -> Result<(i32, i32), DbErr> {
    let rows = booking::Entity::find().filter(booking::Column::SlotId.eq(slot_id)).all(db).await?;
    let holds = |b: &booking::Model| Status::parse(&b.status).is_some_and(|s| s.holds_place());
    let booked = rows.iter().filter(|b| !b.walk_in && holds(b)).count() as i32;
    let walkins = rows.iter().filter(|b| b.walk_in && holds(b)).count() as i32;
    Ok((booked, walkins))
}
