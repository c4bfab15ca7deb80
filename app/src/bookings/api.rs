//! Server functions of appointments: each authenticates (where it must), reads its input,
//! calls one domain function and maps the outcome. Plain form posts come back to their page
//! with what was typed and the problem; the back button never books twice.
use super::*;
use crate::error::AppError;
use crate::forms::Flash;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
pub(crate) mod support {
    use super::*;
    use crate::ssr::entities::{service, unit};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

    pub const DRAFT_KEY: &str = "booking_draft";

    /// A booking being made: kept in the session between its pages.
    #[derive(serde::Serialize, serde::Deserialize, Clone, Debug)]
    pub struct Draft {
        pub unit: String,
        pub service: String,
        pub slot: String,
        pub visitor: Visitor,
        pub key: String,
    }

    pub async fn draft() -> Option<Draft> {
        let session = crate::ssr::session().await.ok()?;
        session.get::<Draft>(DRAFT_KEY).await.ok().flatten()
    }

    pub async fn keep_draft(d: &Draft) -> Result<(), AppError> {
        crate::ssr::session().await?.insert(DRAFT_KEY, d.clone()).await.map_err(|_| AppError::Internal)
    }

    pub async fn unit_service(unit_slug: &str, service_slug: &str) -> Result<(unit::Model, service::Model), AppError> {
        let db = crate::ssr::db()?;
        let u = unit::Entity::by_slug(&db, unit_slug).await?.ok_or(AppError::NotFound)?;
        let s = service::Entity::find()
            .filter(service::Column::UnitId.eq(u.id))
            .filter(service::Column::Slug.eq(service_slug))
            .one(&db)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok((u, s))
    }

    pub async fn flash(form: &str) -> Option<Flash> {
        crate::ssr::flash::take().await.filter(|f| f.form == form)
    }

    /// The booking for a code a visitor holds; codes that find nothing count against the
    /// client (see `ssr::rate::guarded_lookup`).
    pub async fn by_code(code: &str) -> Result<crate::ssr::entities::booking::Model, AppError> {
        let db = crate::ssr::db()?;
        let client = crate::auth::ssr::client_key();
        crate::ssr::rate::guarded_lookup(&db, crate::ssr::rate::Limit::BookingLookup, &client, crate::ssr::now()?, || async {
            Ok(match crate::common::code::TrackingCode::parse(code) {
                Ok(c) => ssr::find_by_code(&db, &c).await?.filter(|b| !b.walk_in),
                Err(_) => None,
            })
        })
        .await
    }

    /// A signed-in member of the unit (staff or manager), or an admin.
    pub async fn counter_staff(unit_id: i32) -> Result<(crate::auth::CurrentUser, unit::Model), AppError> {
        let user = crate::auth::ssr::require_user().await?;
        if !user.may(crate::auth::Act::ServeCounter, unit_id) {
            return Err(AppError::NotFound);
        }
        let u = unit::Entity::find_by_id(unit_id).one(&crate::ssr::db()?).await?.ok_or(AppError::NotFound)?;
        Ok((user, u))
    }

    pub fn env(state: &crate::ssr::AppState) -> crate::ssr::Env<'_> {
        crate::ssr::Env { public_url: &state.settings.public_url }
    }

    pub fn new_key() -> String {
        crate::ssr::token::random_hex(16)
    }
}

/// `/janji`: the services one may book a visit for.
#[server]
pub async fn get_bookable(instansi: Option<String>) -> Result<BookStart, AppError> {
    let db = crate::ssr::read_db()?;
    let unit = instansi.as_deref().map(str::trim).filter(|u| !u.is_empty()).map(str::to_string);
    let key = ("/janji".to_string(), unit.clone().unwrap_or_default(), None, crate::i18n::Lang::Id);
    crate::ssr::public_view(key, || ssr::bookable(&db, unit.as_deref())).await
}

/// The date and slot page of a service (for a new booking, or to move `moving`).
#[server]
pub async fn get_slot_page(
    unit: String,
    service: String,
    date: Option<String>,
    moving: Option<String>,
) -> Result<SlotPage, AppError> {
    let (u, s) = support::unit_service(&unit, &service).await?;
    let lang = crate::i18n::detect_lang();
    let (db, now) = (crate::ssr::db()?, crate::ssr::now()?);
    let mut moving_from = None;
    let mut not_movable = None;
    if let Some(code) = &moving {
        let b = support::by_code(code).await?;
        if b.service_id != s.id {
            return Err(AppError::NotFound);
        }
        let v = ssr::booking_view(&db, &b, now, lang).await?;
        moving_from = Some(format!("{}, {}–{} {}", v.date_label, v.starts, v.ends, v.zone));
        if !v.status.changeable() {
            not_movable = Some(v.status);
        }
    }
    let flash = support::flash("slot").await;
    let chosen = flash.as_ref().and_then(|f| f.value("slot")).or(support::draft().await.filter(|d| d.service == service && d.unit == unit).map(|d| d.slot));
    let mut page = ssr::slot_page(&db, &u, &s, date.as_deref(), now, lang).await?;
    page.chosen = chosen;
    page.moving = moving;
    page.moving_from = moving_from;
    page.not_movable = not_movable;
    if let Some(f) = flash {
        page.error = f.error;
    }
    Ok(page)
}

/// Step one: a slot. Checked here (it may still fill up before the last step).
#[server]
pub async fn choose_slot(unit: String, service: String, slot: Option<String>, date: Option<String>) -> Result<(), AppError> {
    // An unknown unit or service is a 404, as on the page itself.
    let (u, _service) = support::unit_service(&unit, &service).await?;
    let slot = slot.unwrap_or_default();
    let values = BTreeMap::from([("slot".to_string(), slot.clone()), ("date".to_string(), date.unwrap_or_default())]);
    let lang = crate::i18n::detect_lang();
    if let Err(e) = ssr::check_slot(&crate::ssr::db()?, &u, &slot, crate::ssr::now()?, lang).await {
        return Err(crate::ssr::flash::keep("slot", values, e).await);
    }
    let previous = support::draft().await;
    let draft = support::Draft {
        unit,
        service,
        slot,
        visitor: previous.as_ref().map(|d| d.visitor.clone()).unwrap_or_default(),
        key: previous.map(|d| d.key).unwrap_or_else(support::new_key),
    };
    support::keep_draft(&draft).await?;
    crate::ssr::redirect("/janji/data");
    Ok(())
}

/// The details page (and "check your answers"): the draft as it stands.
#[server]
pub async fn get_draft(form: String) -> Result<Option<DraftPage>, AppError> {
    let Some(d) = support::draft().await else { return Ok(None) };
    let (u, s) = support::unit_service(&d.unit, &d.service).await?;
    let flash = support::flash(&form).await;
    let lang = crate::i18n::detect_lang();
    let mut page = ssr::draft_page(&crate::ssr::db()?, &u, &s, &d.slot, &d.visitor, &d.key, crate::ssr::now()?, lang).await?;
    if let Some(f) = flash {
        if form == "visitor" {
            page.visitor = Visitor {
                name: f.value("name").unwrap_or_default(),
                email: f.value("email").unwrap_or_default(),
                phone: f.value("phone").unwrap_or_default(),
            };
        }
        page.error = f.error;
    }
    Ok(Some(page))
}

/// Step two: who is coming.
#[server]
pub async fn save_visitor(name: String, email: String, phone: String, situs_web: Option<String>) -> Result<(), AppError> {
    let Some(mut d) = support::draft().await else {
        crate::ssr::redirect("/janji");
        return Ok(());
    };
    let visitor = Visitor { name, email: email.trim().to_string(), phone: phone.trim().to_string() };
    let values = BTreeMap::from([
        ("name".to_string(), visitor.name.clone()),
        ("email".to_string(), visitor.email.clone()),
        ("phone".to_string(), visitor.phone.clone()),
    ]);
    let mut errors = ssr::validate_visitor(&visitor);
    // The field only form-filling programs see and fill in.
    if situs_web.is_some_and(|v| !v.trim().is_empty()) {
        errors.add("situs_web", crate::forms::Problem::Spam);
    }
    if let Err(e) = errors.into_result() {
        return Err(crate::ssr::flash::keep("visitor", values, e).await);
    }
    d.visitor = visitor;
    support::keep_draft(&d).await?;
    crate::ssr::redirect("/janji/periksa");
    Ok(())
}

/// Last step: books the visit. A second press (or the back button and another press) finds
/// the booking already made.
#[server]
pub async fn confirm_booking(key: String) -> Result<(), AppError> {
    use crate::ssr::entities::booking;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let state = crate::ssr::state()?;
    let db = state.db.clone();
    let session = crate::ssr::session().await?;
    let Some(d) = support::draft().await.filter(|d| d.key == key) else {
        match booking::Entity::find().filter(booking::Column::SubmissionKey.eq(key.as_str())).one(&db).await? {
            Some(b) => crate::ssr::redirect(&format!("/janji/kode/{}?baru=1", b.code)),
            None => crate::ssr::redirect("/janji"),
        }
        return Ok(());
    };
    let (u, s) = support::unit_service(&d.unit, &d.service).await?;
    let slot = ssr::parse_slot_key(&d.slot).ok_or(AppError::NotFound)?;
    let lang = crate::i18n::detect_lang();
    let nb = ssr::NewBooking { unit: &u, service: &s, slot, visitor: &d.visitor, lang, submission_key: &d.key };
    // Bookings made from one connection are counted, so a script cannot take every place.
    {
        use crate::ssr::rate::{take, Limit};
        let allowed = state.settings.bookings_per_hour;
        if let Err(e) = take(&db, Limit::BookingsFromClient, &crate::auth::ssr::client_key(), allowed, crate::ssr::now()?).await {
            return Err(crate::ssr::flash::keep("check", BTreeMap::new(), e).await);
        }
    }
    match ssr::book(&db, &support::env(&state), nb, crate::ssr::now()?).await {
        Ok(b) => {
            crate::ssr::outbox_changed();
            let _ = session.remove::<support::Draft>(support::DRAFT_KEY).await;
            tracing::info!(booking = b.id, unit = u.id, "visit booked");
            crate::ssr::redirect(&format!("/janji/kode/{}?baru=1", b.code));
            Ok(())
        }
        Err(e) => Err(crate::ssr::flash::keep("check", BTreeMap::new(), e).await),
    }
}

/// A booking by its code: the confirmation page, and where the e-mail's link leads.
#[server]
pub async fn get_booking(code: String) -> Result<BookingView, AppError> {
    let b = support::by_code(&code).await?;
    let lang = crate::i18n::detect_lang();
    let view = ssr::booking_view(&crate::ssr::db()?, &b, crate::ssr::now()?, lang).await?;
    Ok(view)
}

/// The flash of a booking page (a refused cancel or move).
#[server]
pub async fn get_booking_flash() -> Result<Option<Flash>, AppError> {
    Ok(crate::ssr::flash::take().await.filter(|f| f.form == "manage"))
}

#[server]
pub async fn cancel_booking(code: String) -> Result<(), AppError> {
    let state = crate::ssr::state()?;
    let b = support::by_code(&code).await?;
    let c = crate::common::code::TrackingCode::parse(&b.code).map_err(|_| AppError::NotFound)?;
    match ssr::cancel(&state.db, &support::env(&state), &c, crate::ssr::now()?).await {
        Ok(_) => {
            crate::ssr::outbox_changed();
            crate::ssr::redirect(&format!("/janji/kode/{}?batal=1", b.code));
            Ok(())
        }
        Err(e) => Err(crate::ssr::flash::keep("manage", BTreeMap::new(), e).await),
    }
}

#[server]
pub async fn move_booking(code: String, slot: Option<String>, date: Option<String>) -> Result<(), AppError> {
    let state = crate::ssr::state()?;
    let b = support::by_code(&code).await?;
    let c = crate::common::code::TrackingCode::parse(&b.code).map_err(|_| AppError::NotFound)?;
    let slot = slot.unwrap_or_default();
    let values = BTreeMap::from([("slot".to_string(), slot.clone()), ("date".to_string(), date.unwrap_or_default())]);
    let Some(to) = ssr::parse_slot_key(&slot) else {
        let mut e = crate::forms::FieldErrors::default();
        e.add("slot", crate::forms::Problem::Required);
        return Err(crate::ssr::flash::keep("slot", values, AppError::Invalid(e)).await);
    };
    match ssr::reschedule(&state.db, &support::env(&state), &c, to, crate::ssr::now()?).await {
        Ok(_) => {
            crate::ssr::outbox_changed();
            crate::ssr::redirect(&format!("/janji/kode/{}?pindah=1", b.code));
            Ok(())
        }
        Err(e) => Err(crate::ssr::flash::keep("slot", values, e).await),
    }
}

/// `/janji/cari`: goes to the booking for a typed code.
#[server]
pub async fn find_booking(code: String) -> Result<(), AppError> {
    use crate::forms::{FieldErrors, Problem};
    let values = BTreeMap::from([("code".to_string(), code.clone())]);
    match support::by_code(&code).await {
        Ok(b) => {
            crate::ssr::redirect(&format!("/janji/kode/{}", b.code));
            Ok(())
        }
        Err(AppError::NotFound) => {
            let mut e = FieldErrors::default();
            e.add("code", if code.trim().is_empty() { Problem::Required } else { Problem::InvalidCode });
            Err(crate::ssr::flash::keep("find", values, AppError::Invalid(e)).await)
        }
        Err(e) => Err(crate::ssr::flash::keep("find", values, e).await),
    }
}

#[server]
pub async fn get_find_flash() -> Result<Option<Flash>, AppError> {
    Ok(crate::ssr::flash::take().await.filter(|f| f.form == "find"))
}

// ---------------------------------------------------------------------------------------
// The counter.

/// The units where the signed-in person may work the counter: (id, name).
#[server]
pub async fn get_counter_units() -> Result<Vec<(i32, String)>, AppError> {
    let user = crate::auth::ssr::require_user().await?;
    counter::counter_units(&crate::ssr::db()?, &user).await
}

#[server]
pub async fn get_counter(unit_id: i32) -> Result<CounterPage, AppError> {
    let (_, u) = support::counter_staff(unit_id).await?;
    let flash = support::flash("counter").await;
    let lang = crate::i18n::detect_lang();
    let mut page = counter::counter_page(&crate::ssr::db()?, &u, crate::ssr::now()?, lang).await?;
    if let Some(f) = flash {
        page.message = f.value("message");
        page.error = f.error;
    }
    Ok(page)
}

#[cfg(feature = "ssr")]
async fn counter_done(unit_id: i32, message: String) -> Result<(), AppError> {
    let values = BTreeMap::from([("message".to_string(), message)]);
    let flash = Flash { form: "counter".into(), values, error: None };
    let _ = crate::ssr::session().await?.insert(crate::ssr::flash::KEY, flash).await;
    crate::ssr::redirect(&format!("/loket/{unit_id}"));
    Ok(())
}

#[server]
pub async fn counter_check_in(unit_id: i32, code: String) -> Result<(), AppError> {
    let (user, _) = support::counter_staff(unit_id).await?;
    let lang = crate::i18n::detect_lang();
    let values = BTreeMap::from([("code".to_string(), code.clone())]);
    match counter::check_in(&crate::ssr::db()?, unit_id, &code, user.id, crate::ssr::now()?).await {
        Ok(counter::CheckIn::Done(b)) => {
            counter_done(unit_id, format!("{}: {} ({})", lang.t("Tercatat datang", "Checked in"), b.name, ssr::code_text(&b))).await
        }
        Ok(counter::CheckIn::Already(b)) => {
            counter_done(unit_id, format!("{}: {}", lang.t("Sudah tercatat datang sebelumnya", "Already checked in"), b.name)).await
        }
        Err(e) => Err(crate::ssr::flash::keep("counter", values, e).await),
    }
}

#[server]
pub async fn counter_serve(unit_id: i32, booking_id: i32) -> Result<(), AppError> {
    let (user, _) = support::counter_staff(unit_id).await?;
    let lang = crate::i18n::detect_lang();
    match counter::serve(&crate::ssr::db()?, unit_id, booking_id, user.id, crate::ssr::now()?, &crate::ssr::state()?.settings.public_url).await {
        Ok(b) => counter_done(unit_id, format!("{}: {}", lang.t("Selesai dilayani", "Served"), b.name)).await,
        Err(e) => Err(crate::ssr::flash::keep("counter", BTreeMap::new(), e).await),
    }
}

#[server]
pub async fn counter_absent(unit_id: i32, booking_id: i32) -> Result<(), AppError> {
    let (user, _) = support::counter_staff(unit_id).await?;
    let lang = crate::i18n::detect_lang();
    match counter::mark_absent(&crate::ssr::db()?, unit_id, booking_id, user.id, crate::ssr::now()?).await {
        Ok(b) => counter_done(unit_id, format!("{}: {}", lang.t("Dicatat tidak datang", "Marked absent"), b.name)).await,
        Err(e) => Err(crate::ssr::flash::keep("counter", BTreeMap::new(), e).await),
    }
}

#[server]
pub async fn counter_walk_in(unit_id: i32, walkin_slot: String, walkin_service: String, walkin_name: String) -> Result<(), AppError> {
    let (user, _) = support::counter_staff(unit_id).await?;
    let lang = crate::i18n::detect_lang();
    let values = BTreeMap::from([
        ("walkin_slot".to_string(), walkin_slot.clone()),
        ("walkin_service".to_string(), walkin_service.clone()),
        ("walkin_name".to_string(), walkin_name.clone()),
    ]);
    let service_id = walkin_service.parse().unwrap_or(0);
    match counter::walk_in(&crate::ssr::db()?, unit_id, service_id, &walkin_slot, &walkin_name, user.id, crate::ssr::now()?).await {
        Ok(b) => counter_done(unit_id, format!("{}: {} ({})", lang.t("Pengunjung tanpa janji dicatat", "Walk-in registered"), b.name, walkin_slot)).await,
        Err(e) => Err(crate::ssr::flash::keep("counter", values, e).await),
    }
}

// ---------------------------------------------------------------------------------------
// The manager's settings.

#[server]
pub async fn get_booking_settings(unit_id: i32) -> Result<SettingsPage, AppError> {
    let (_, u) = crate::auth::ssr::managed_unit(unit_id).await?;
    let flash = support::flash("booking-settings").await;
    let lang = crate::i18n::detect_lang();
    let mut page = settings::settings_page(&crate::ssr::db()?, &u, crate::ssr::now()?, lang).await?;
    if let Some(f) = flash {
        page.message = f.value("message");
        page.error = f.error;
        page.values = f.values;
    }
    Ok(page)
}

#[cfg(feature = "ssr")]
async fn settings_done(unit_id: i32, displaced: usize) -> Result<(), AppError> {
    let lang = crate::i18n::detect_lang();
    let message = if displaced == 0 {
        lang.t("Tersimpan.", "Saved.").to_string()
    } else {
        match lang {
            crate::i18n::Lang::Id => format!("Tersimpan. {displaced} janji temu melebihi kapasitas baru: ditandai perlu dijadwal ulang, dan pengunjungnya diberi tahu lewat email beserta jam kosong terdekat."),
            crate::i18n::Lang::En => format!("Saved. {displaced} appointments were over the new capacity: marked as needing a new time, and their visitors told by e-mail with the nearest free times."),
        }
    };
    let values = BTreeMap::from([("message".to_string(), message)]);
    let _ = crate::ssr::session().await?.insert(crate::ssr::flash::KEY, Flash { form: "booking-settings".into(), values, error: None }).await;
    crate::ssr::redirect(&format!("/kelola/unit/{unit_id}/janji"));
    Ok(())
}

#[server]
pub async fn save_booking_settings(unit_id: i32, f: Option<std::collections::HashMap<String, String>>) -> Result<(), AppError> {
    let (user, u) = crate::auth::ssr::managed_unit(unit_id).await?;
    let state = crate::ssr::state()?;
    let values: BTreeMap<String, String> = f.unwrap_or_default().into_iter().collect();
    match settings::save_settings(&state.db, &support::env(&state), user.id, &u, &values, crate::ssr::now()?).await {
        Ok(displaced) => {
            // Whether the unit takes visits at all shows on `/janji`.
            crate::ssr::public_pages_changed();
            crate::ssr::outbox_changed();
            settings_done(unit_id, displaced).await
        }
        Err(e) => {
            let kept = values.into_iter().map(|(k, v)| (format!("f[{k}]"), v)).collect();
            Err(crate::ssr::flash::keep("booking-settings", kept, e).await)
        }
    }
}

#[server]
pub async fn add_closure(unit_id: i32, closure_date: String, closure_reason: String) -> Result<(), AppError> {
    let (user, u) = crate::auth::ssr::managed_unit(unit_id).await?;
    let state = crate::ssr::state()?;
    let values = BTreeMap::from([
        ("closure_date".to_string(), closure_date.clone()),
        ("closure_reason".to_string(), closure_reason.clone()),
    ]);
    match settings::add_closure(&state.db, &support::env(&state), user.id, &u, &closure_date, &closure_reason, crate::ssr::now()?).await {
        Ok(displaced) => {
            crate::ssr::outbox_changed();
            settings_done(unit_id, displaced).await
        }
        Err(e) => Err(crate::ssr::flash::keep("booking-settings", values, e).await),
    }
}

#[server]
pub async fn remove_closure(unit_id: i32, closure_id: i32) -> Result<(), AppError> {
    let (user, u) = crate::auth::ssr::managed_unit(unit_id).await?;
    let state = crate::ssr::state()?;
    settings::remove_closure(&state.db, user.id, &u, closure_id, crate::ssr::now()?).await?;
    // Slots of that day get their places back.
    ssr::sync_unit(&state.db, &support::env(&state), unit_id, crate::ssr::now()?).await?;
    settings_done(unit_id, 0).await
}
