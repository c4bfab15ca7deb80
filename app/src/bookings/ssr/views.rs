//! What the booking pages show, built from the database.
use super::*;

// What pages show.

/// `/janji`'s offer: every service grouped by unit when there are few; otherwise the units,
/// and the services of the unit asked for (by its slug).
pub async fn bookable(db: &impl ConnectionTrait, unit_slug: Option<&str>) -> Result<BookStart, AppError> {
    let open_units: std::collections::HashSet<i32> = room::Entity::find()
        .select_only()
        .column(room::Column::UnitId)
        .filter(room::Column::Active.eq(true))
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let chosen = match unit_slug {
        Some(slug) => Some(unit::Entity::find().filter(unit::Column::Slug.eq(slug)).one(db).await?.ok_or(AppError::NotFound)?),
        None => None,
    };
    if chosen.is_none() && service::Entity::find().count(db).await? > BOOK_START_ALL_AT_ONCE {
        let units: Vec<(i32, String, String)> = unit::Entity::find()
            .select_only()
            .columns([unit::Column::Id, unit::Column::Slug, unit::Column::Name])
            .order_by_asc(unit::Column::Name)
            .into_tuple()
            .all(db)
            .await?;
        return Ok(BookStart {
            units: units.into_iter().map(|(id, slug, name)| (slug, name, open_units.contains(&id))).collect(),
            unit: None,
            services: Vec::new(),
        });
    }
    let units = match &chosen {
        Some(u) => vec![u.clone()],
        None => unit::Entity::find().order_by_asc(unit::Column::Name).all(db).await?,
    };
    let mut services = service::Entity::find().order_by_asc(service::Column::Name);
    if let Some(u) = &chosen {
        services = services.filter(service::Column::UnitId.eq(u.id));
    }
    let services = services.all(db).await?;
    let mut out = Vec::new();
    for u in &units {
        for s in services.iter().filter(|s| s.unit_id == u.id) {
            out.push(BookableService {
                unit_slug: u.slug.clone(),
                unit_name: u.name.clone(),
                service_slug: s.slug.clone(),
                service_name: s.name.clone(),
                closed: !open_units.contains(&u.id),
            });
        }
    }
    Ok(BookStart { units: Vec::new(), unit: chosen.map(|u| u.name), services: out })
}

pub(crate) fn day_label(d: NaiveDate, lang: Lang) -> String {
    crate::rosters::ssr::long_date(d, lang)
}

/// The date and slot page: the days one may book with their free places, the slots of the
/// date asked for, and (when that date cannot be had) why, with the next free slots.
pub async fn slot_page(
    db: &impl ConnectionTrait,
    u: &unit::Model,
    s: &service::Model,
    date: Option<&str>,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<SlotPage, AppError> {
    let first = today(u, now);
    let settings = settings_of(db, u.id).await?;
    let last = first + Duration::days(i64::from(settings.ahead_days.max(0)));
    let plan = UnitPlan::load(db, u, first, last).await?;
    let all = offers(db, &plan, first, last, now).await?;
    let mut days = Vec::new();
    let mut d = first;
    while d <= last {
        let free = all.iter().filter(|o| o.date == d).map(|o| o.free).sum();
        days.push(DayOption {
            date: timefmt::field_date(d),
            label: day_label(d, lang),
            free,
            closed: plan.closed(d).map(|c| c.text(lang)),
        });
        d = d.succ_opt().unwrap_or(d);
        if d == last && days.len() as i64 > i64::from(settings.ahead_days) + 1 {
            break;
        }
    }
    let typed = date.map(str::trim).unwrap_or("").to_string();
    let mut date_problem = None;
    let mut date_label = None;
    let mut slots = Vec::new();
    let mut around = first;
    if !typed.is_empty() {
        match timefmt::parse_date(&typed) {
            None => date_problem = Some(Problem::InvalidDate),
            Some(d) => {
                around = d.max(first);
                date_label = Some(day_label(d, lang));
                if d < first {
                    date_problem = Some(Problem::DateInPast);
                } else if d > last {
                    date_problem = Some(Problem::TooFarAhead { days: settings.ahead_days.max(0) as u32 });
                } else if let Some(c) = plan.closed(d) {
                    date_problem = Some(Problem::DayClosed { reason: c.text(lang) });
                } else {
                    slots = all.iter().filter(|o| o.date == d).map(|o| o.option(lang)).collect();
                    if slots.is_empty() {
                        date_problem = Some(Problem::SlotPast);
                    } else if slots.iter().all(|o| o.free == 0) {
                        date_problem = Some(Problem::SlotFull);
                    }
                }
            }
        }
    }
    let next_free = if date_problem.is_some() || typed.is_empty() {
        all.iter().filter(|o| o.free > 0 && o.date >= around).take(5).map(|o| o.option(lang)).collect()
    } else {
        Vec::new()
    };
    Ok(SlotPage {
        unit_slug: u.slug.clone(),
        unit_name: u.name.clone(),
        unit_address: u.address.clone(),
        service_slug: s.slug.clone(),
        service_name: s.name.clone(),
        zone: timefmt::zone_abbr(&u.timezone).into(),
        days,
        // What was typed stays when it could not be read; a date that was read is shown as
        // forms write dates.
        date: timefmt::parse_date(&typed).map(timefmt::field_date).unwrap_or(typed),
        date_label,
        slots,
        date_problem,
        next_free,
        chosen: None,
        error: None,
        moving: None,
        moving_from: None,
        not_movable: None,
        notice_minutes: settings.notice_minutes,
        ahead_days: settings.ahead_days,
    })
}

/// Whether a slot chosen on the slot page can be booked now (it may still fill up before
/// the last step, where the database decides).
pub async fn check_slot(db: &impl ConnectionTrait, u: &unit::Model, key: &str, now: DateTime<Utc>, lang: Lang) -> Result<(), AppError> {
    let Some((d, starts)) = parse_slot_key(key) else {
        return Err(slot_problem("slot", Problem::Required));
    };
    let plan = UnitPlan::load(db, u, d, d).await?;
    if let Some(c) = plan.closed(d) {
        return Err(slot_problem("slot", Problem::DayClosed { reason: c.text(lang) }));
    }
    plan.timing(d, &starts, now).map_err(|p| slot_problem("slot", p))?;
    match offers(db, &plan, d, d, now).await?.into_iter().find(|o| o.starts == starts) {
        None => Err(slot_problem("slot", Problem::Unknown)),
        Some(o) if o.free == 0 => Err(slot_problem("slot", Problem::SlotFull)),
        Some(_) => Ok(()),
    }
}

#[allow(clippy::too_many_arguments)]
pub async fn draft_page(
    db: &impl ConnectionTrait,
    u: &unit::Model,
    s: &service::Model,
    key: &str,
    visitor: &Visitor,
    submission_key: &str,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<DraftPage, AppError> {
    let (d, starts) = parse_slot_key(key).ok_or(AppError::NotFound)?;
    let plan = UnitPlan::load(db, u, d, d).await?;
    let offer = offers(db, &plan, d, d, now).await?.into_iter().find(|o| o.starts == starts);
    let slot = match &offer {
        Some(o) => o.option(lang),
        None => {
            let ends = plan.day(d).into_iter().find(|p| p.starts == starts).map(|p| p.ends).unwrap_or_default();
            Offer { date: d, starts: starts.clone(), ends, free: 0 }.option(lang)
        }
    };
    let next_free = if slot.free == 0 {
        next_free(db, u, d, now, 5).await?.into_iter().map(|o| o.option(lang)).collect()
    } else {
        Vec::new()
    };
    Ok(DraftPage {
        unit_slug: u.slug.clone(),
        unit_name: u.name.clone(),
        unit_address: u.address.clone(),
        service_slug: s.slug.clone(),
        service_name: s.name.clone(),
        slot,
        zone: timefmt::zone_abbr(&u.timezone).into(),
        visitor: visitor.clone(),
        key: submission_key.to_string(),
        error: None,
        next_free,
    })
}

pub(crate) fn event_label(kind: &str, lang: Lang) -> &'static str {
    match kind {
        "booked" => lang.t("Janji temu dibuat", "Appointment booked"),
        "rescheduled" => lang.t("Jadwal dipindah", "Moved to a new time"),
        "cancelled" => lang.t("Dibatalkan", "Cancelled"),
        "checked_in" => lang.t("Datang di loket", "Checked in at the counter"),
        "served" => lang.t("Selesai dilayani", "Served"),
        "no_show" => lang.t("Dicatat tidak datang", "Marked as not come"),
        "displaced" => lang.t("Kapasitas dikurangi: perlu jam baru", "Capacity cut: needs a new time"),
        "reminded" => lang.t("Pengingat dikirim", "Reminder sent"),
        "resent" => lang.t(
            "Konfirmasi dikirim ulang: ada yang mencoba membuat janji kedua dengan email atau telepon ini",
            "Confirmation sent again: someone tried to make a second booking with this e-mail or phone",
        ),
        "walk_in" => lang.t("Datang tanpa janji", "Walk-in"),
        _ => "",
    }
}

pub async fn booking_view(
    db: &impl ConnectionTrait,
    b: &booking::Model,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<BookingView, AppError> {
    let (u, s, slot) = context(db, b).await?;
    let status = Status::parse(&b.status).ok_or(AppError::Internal)?;
    let code = code_text(b);
    let req = requirements(db, s.id, now).await?;
    let history = booking_event::Entity::find()
        .filter(booking_event::Column::BookingId.eq(b.id))
        .order_by_asc(booking_event::Column::At)
        .order_by_asc(booking_event::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|e| (timefmt::date_time(e.at, &u.timezone, lang), event_label(&e.kind, lang).to_string()))
        .collect();
    let next = if status == Status::Displaced {
        next_free(db, &u, b.date, now, 5).await?.into_iter().map(|o| o.option(lang)).collect()
    } else {
        Vec::new()
    };
    let email_hint = b.email.as_deref().and_then(crate::common::contact::address_hint).unwrap_or_default();
    Ok(BookingView {
        qr_svg: crate::ssr::qr::svg(&b.code),
        code,
        status,
        unit_slug: u.slug.clone(),
        unit_name: u.name.clone(),
        unit_address: u.address.clone(),
        service_slug: s.slug.clone(),
        service_name: s.name.clone(),
        date_label: day_label(slot.date, lang),
        starts: slot.starts.clone(),
        ends: slot.ends.clone(),
        zone: timefmt::zone_abbr(&u.timezone).into(),
        name: b.name.clone(),
        email_hint,
        documents_html: crate::ssr::markdown::to_safe_html(&req.documents),
        conditions_html: crate::ssr::markdown::to_safe_html(&req.conditions),
        history,
        next_free: next,
    })
}

/// The booking code as people read it (`7KQ2M-X9PRT-4HC0B`).
pub fn code_text(b: &booking::Model) -> String {
    TrackingCode::parse(&b.code).map(|c| c.to_string()).unwrap_or_else(|_| b.code.clone())
}
