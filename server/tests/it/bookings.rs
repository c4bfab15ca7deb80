//! Domain tests of appointments: places from rooms and counters, no overbooking under 200
//! simultaneous attempts (also from two connection pools, as two server processes), the
//! refusals citizens can meet, one booking per person, moving and cancelling with history,
//! capacity cuts, the counter, reminders, and the calendar file read back by a calendar
//! parser. Each runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.
use app::bookings::ssr::{self as bk, NewBooking};
use app::bookings::{counter, settings};
use app::bookings::{Status, Visitor};
use app::error::AppError;
use app::forms::Problem;
use app::i18n::Lang;
use app::rosters::{cell_key, ssr as rs, Cell, Duty, Mode};
use app::ssr::entities::{booking, booking_event, booking_slot, outbox, service, unit, unit_member};
use app::tickets::ssr::Env;
use app::tickets::TrackingCode;
use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use std::collections::BTreeMap;

const ENV: Env<'static> = Env { public_url: "https://layanan.test" };
const UNIT: &str = "disdukcapil-balikpapan";

use crate::support::{date, wita};

struct Setup {
    u: unit::Model,
    services: Vec<service::Model>,
    manager: i32,
}

/// The demo unit, with the booking settings given on top of these defaults: one room with a
/// fixed limit of 10, a fixed 5 counters × 2 visitors, no walk-in share, 30-minute slots
/// from 08:00 to 15:00, bookable 14 days ahead with an hour's notice.
async fn setup(db: &DatabaseConnection, over: &[(&str, &str)]) -> Setup {
    server::demo::seed(db, chrono::Utc::now()).await.unwrap();
    let u = unit::Entity::find().filter(unit::Column::Slug.eq(UNIT)).one(db).await.unwrap().unwrap();
    let manager = unit_member::Entity::find()
        .filter(unit_member::Column::UnitId.eq(u.id))
        .filter(unit_member::Column::Role.eq("manager"))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .user_id;
    let mut values = server::testing::ten_place_settings();
    for (k, v) in over {
        values.insert(k.to_string(), v.to_string());
    }
    settings::save_settings(db, &ENV, manager, &u, &values, wita("2027-03-01", "07:00")).await.unwrap();
    let services = service::Entity::find().filter(service::Column::UnitId.eq(u.id)).order_by_asc(service::Column::Id).all(db).await.unwrap();
    Setup { u, services, manager }
}

/// Changes settings later (the room row now exists as `r{id}`).
async fn change(db: &DatabaseConnection, s: &Setup, over: &[(&str, &str)], now: DateTime<Utc>) -> usize {
    let room = app::ssr::entities::room::Entity::find().filter(app::ssr::entities::room::Column::UnitId.eq(s.u.id)).one(db).await.unwrap().unwrap();
    let p = format!("r{}", room.id);
    let mut values = server::testing::ten_place_settings();
    values.retain(|k, _| !k.starts_with("rnew_"));
    values.insert(format!("{p}_name"), room.name.clone());
    values.insert(format!("{p}_rule"), room.rule.clone());
    values.insert(format!("{p}_max"), room.max_visitors.to_string());
    values.insert(format!("{p}_area"), room.area_m2.to_string());
    values.insert(format!("{p}_m2"), room.m2_per_visitor.to_string());
    values.insert(format!("{p}_active"), "1".into());
    for (k, v) in over {
        let k = k.replace("room_", &format!("{p}_"));
        values.insert(k, v.to_string());
    }
    settings::save_settings(db, &ENV, s.manager, &s.u, &values, now).await.unwrap()
}

fn visitor(i: usize) -> Visitor {
    Visitor { name: format!("Warga {i}"), email: format!("warga{i}@contoh.id"), phone: format!("0812{:08}", i) }
}

async fn book(db: &DatabaseConnection, s: &Setup, service: usize, slot: (&str, &str), v: &Visitor, key: &str, now: DateTime<Utc>) -> Result<booking::Model, AppError> {
    bk::book(
        db,
        &ENV,
        NewBooking { unit: &s.u, service: &s.services[service], slot: (date(slot.0), slot.1.to_string()), visitor: v, lang: Lang::Id, submission_key: key },
        now,
    )
    .await
}

/// A refusal of a second booking that does not give away the first booking's code, in either
/// language.
fn refused_without_the_code(r: Result<booking::Model, AppError>, code: &str, kind: &str) {
    let e = r.expect_err(kind);
    assert!(matches!(e.field_errors().map(|f| &f.0[0].problem), Some(Problem::AlreadyBooked)), "{kind}: {e:?}");
    assert!(!format!("{e:?}").contains(code) && !format!("{e:?}").contains(&code.replace('-', "")), "{kind}: {e:?}");
    for lang in [Lang::Id, Lang::En] {
        let text = e.field_errors().unwrap().0[0].problem.message(lang, "");
        assert!(!text.contains(code), "{kind}: {text}");
    }
}

fn problem(r: Result<booking::Model, AppError>) -> Problem {
    match r {
        Err(AppError::Invalid(fe)) => fe.0[0].problem.clone(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

async fn slot_row(db: &DatabaseConnection, s: &Setup, d: &str, starts: &str) -> booking_slot::Model {
    booking_slot::Entity::find()
        .filter(booking_slot::Column::UnitId.eq(s.u.id))
        .filter(booking_slot::Column::Date.eq(date(d)))
        .filter(booking_slot::Column::Starts.eq(starts))
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

/// Every slot's stored counts equal what its bookings say, and never exceed its places.
async fn assert_counts_exact(db: &DatabaseConnection) {
    for row in booking_slot::Entity::find().all(db).await.unwrap() {
        let (booked, walkins) = bk::recount(db, row.id).await.unwrap();
        assert_eq!((row.booked, row.walkins), (booked, walkins), "slot {} {} drifted", row.date, row.starts);
    }
}

async fn fire(db: DatabaseConnection, s: &Setup, n: usize, offset: usize, now: DateTime<Utc>) -> Vec<Result<booking::Model, AppError>> {
    let mut tasks = Vec::new();
    for i in offset..offset + n {
        let db = db.clone();
        let u = s.u.clone();
        let svc = s.services[0].clone();
        tasks.push(tokio::spawn(async move {
            let v = visitor(i);
            let key = format!("rush-{i}");
            bk::book(&db, &ENV, NewBooking { unit: &u, service: &svc, slot: (date("2027-03-02"), "09:00".into()), visitor: &v, lang: Lang::Id, submission_key: &key }, now).await
        }));
    }
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.unwrap());
    }
    out
}

fn tally(results: &[Result<booking::Model, AppError>]) -> (usize, usize) {
    let made = results.iter().filter(|r| r.is_ok()).count();
    let full = results
        .iter()
        .filter(|r| matches!(r, Err(AppError::Invalid(fe)) if fe.0[0].problem == Problem::SlotFull))
        .count();
    (made, full)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_people_at_ten_places_make_exactly_ten_bookings() {
    for (kind, db) in server::testing::databases().await {
        let s = setup(&db, &[]).await;
        let now = wita("2027-03-01", "09:00");
        let results = fire(db.clone(), &s, 200, 0, now).await;
        assert_eq!(tally(&results), (10, 190), "{kind}: 10 booked and 190 told the slot is full");
        let row = slot_row(&db, &s, "2027-03-02", "09:00").await;
        assert_eq!((row.places, row.booked), (10, 10), "{kind}");
        assert_counts_exact(&db).await;
        // Each refusal names the problem in words.
        if let Err(e) = results.iter().find(|r| r.is_err()).unwrap() {
            let fe = e.field_errors().unwrap();
            assert!(fe.0[0].problem.message(Lang::Id, "Jam").contains("sudah penuh"), "{kind}");
        }
        // Exactly one confirmation mail per booking, each with its calendar file.
        let mails = outbox::Entity::find().filter(outbox::Column::Calendar.is_not_null()).all(&db).await.unwrap();
        assert_eq!(mails.len(), 10, "{kind}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_server_processes_on_one_database_never_overbook() {
    // Two independent connection pools on the same database, as two server processes have:
    // the database is what refuses the eleventh place.
    let mut pairs: Vec<(&str, DatabaseConnection, DatabaseConnection)> = Vec::new();
    let dir = std::env::temp_dir().join("layanan-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("two-{}-{}.db", std::process::id(), Utc::now().timestamp_nanos_opt().unwrap_or(0)));
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let a = server::connect_and_migrate(&url).await.unwrap();
    let b = server::connect_and_migrate(&url).await.unwrap();
    pairs.push(("sqlite", a, b));
    if let Ok(admin) = std::env::var("TEST_DATABASE_URL") {
        if !admin.is_empty() {
            let url = server::testing::new_postgres_database(&admin).await.unwrap();
            let a = server::connect_and_migrate(&url).await.unwrap();
            let b = server::connect_and_migrate(&url).await.unwrap();
            pairs.push(("postgres", a, b));
        }
    }
    for (kind, a, b) in pairs {
        let s = setup(&a, &[]).await;
        let now = wita("2027-03-01", "09:00");
        let (ra, rb) = tokio::join!(fire(a.clone(), &s, 100, 0, now), fire(b.clone(), &s, 100, 100, now));
        let (made_a, full_a) = tally(&ra);
        let (made_b, full_b) = tally(&rb);
        assert_eq!((made_a + made_b, full_a + full_b), (10, 190), "{kind}");
        assert_eq!(slot_row(&a, &s, "2027-03-02", "09:00").await.booked, 10, "{kind}");
        assert_counts_exact(&b).await;
    }
}

#[tokio::test]
async fn refusals_say_why_and_offer_the_next_free_slots() {
    for (kind, db) in server::testing::databases().await {
        let s = setup(&db, &[("fixed_counters", "1"), ("per_counter", "1")]).await; // one place per slot
        let now = wita("2027-03-01", "09:00");
        book(&db, &s, 0, ("2027-03-02", "09:00"), &visitor(1), "k1", now).await.unwrap();
        assert_eq!(problem(book(&db, &s, 0, ("2027-03-02", "09:00"), &visitor(2), "k2", now).await), Problem::SlotFull, "{kind}");
        assert_eq!(problem(book(&db, &s, 0, ("2027-03-01", "08:30"), &visitor(2), "k3", now).await), Problem::SlotPast, "{kind}");
        assert_eq!(problem(book(&db, &s, 0, ("2027-03-01", "09:30"), &visitor(2), "k4", now).await), Problem::TooSoon { minutes: 60 }, "{kind}");
        assert_eq!(problem(book(&db, &s, 0, ("2027-03-16", "09:00"), &visitor(2), "k5", now).await), Problem::TooFarAhead { days: 14 }, "{kind}");
        // Nyepi 2027 (a seeded holiday), a Saturday, and a time outside opening hours.
        assert!(matches!(problem(book(&db, &s, 0, ("2027-03-09", "09:00"), &visitor(2), "k6", now).await), Problem::DayClosed { reason } if reason.contains("Nyepi")), "{kind}");
        assert!(matches!(problem(book(&db, &s, 0, ("2027-03-06", "09:00"), &visitor(2), "k7", now).await), Problem::DayClosed { .. }), "{kind}");
        assert_eq!(problem(book(&db, &s, 0, ("2027-03-02", "15:00"), &visitor(2), "k8", now).await), Problem::Unknown, "{kind}");
        // The page for the full date says so, and offers the next free slots in order.
        let page = bk::slot_page(&db, &s.u, &s.services[0], Some("2027-03-02"), now, Lang::Id).await.unwrap();
        let nine = page.slots.iter().find(|o| o.starts == "09:00").unwrap();
        assert_eq!(nine.free, 0, "{kind}");
        let page = bk::slot_page(&db, &s.u, &s.services[0], Some("2027-03-09"), now, Lang::Id).await.unwrap();
        assert!(matches!(page.date_problem, Some(Problem::DayClosed { .. })), "{kind}");
        assert_eq!(page.next_free.len(), 5, "{kind}");
        // Nyepi on the 9th, Idulfitri on the 10th and 11th: the next working day is Friday the 12th.
        assert_eq!(page.next_free[0].key, "2027-03-12T08:00", "{kind}: the first free slot after the holidays");
        let page = bk::slot_page(&db, &s.u, &s.services[0], Some("31-02-2027"), now, Lang::Id).await.unwrap();
        assert_eq!(page.date_problem, Some(Problem::InvalidDate), "{kind}");
        assert_eq!(page.date, "31-02-2027", "{kind}: what was typed is kept");
        // The day list marks the holiday with its name.
        let page = bk::slot_page(&db, &s.u, &s.services[0], None, now, Lang::Id).await.unwrap();
        let nyepi = page.days.iter().find(|d| d.date == "09-03-2027").unwrap();
        assert!(nyepi.closed.as_deref().unwrap().contains("Nyepi"), "{kind}");
        assert_counts_exact(&db).await;
    }
}

#[tokio::test]
async fn one_active_booking_per_person_service_and_day() {
    for (kind, db) in server::testing::databases().await {
        let s = setup(&db, &[]).await;
        let now = wita("2027-03-01", "09:00");
        let first = book(&db, &s, 0, ("2027-03-02", "09:00"), &visitor(1), "a", now).await.unwrap();
        // The same e-mail in other letters, at another time of the same day.
        let mut same = visitor(2);
        same.email = "WARGA1@Contoh.ID".into();
        let code = TrackingCode::parse(&first.code).unwrap().to_string();
        let mails_to = |addr: &'static str| {
            let db = db.clone();
            async move { outbox::Entity::find().filter(outbox::Column::ToAddr.eq(addr)).order_by_asc(outbox::Column::Id).all(&db).await.unwrap() }
        };
        assert_eq!(mails_to("warga1@contoh.id").await.len(), 1, "{kind}: the first confirmation");
        let clash = book(&db, &s, 0, ("2027-03-02", "10:00"), &same, "b", now).await;
        refused_without_the_code(clash, &code, &kind);
        // The same phone written the international way, by someone else with their own address:
        // they learn nothing of the booking; its holder gets its confirmation again.
        let mut same_phone = visitor(3);
        same_phone.phone = "+62 812 0000 0001".into();
        let clash = book(&db, &s, 0, ("2027-03-02", "10:00"), &same_phone, "c", now).await;
        refused_without_the_code(clash, &code, &kind);
        let holder = mails_to("warga1@contoh.id").await;
        assert_eq!(holder.len(), 2, "{kind}: one more confirmation to the holder, not one per attempt within the hour");
        assert!(holder[1].body_text.contains(&code), "{kind}: the resent confirmation carries the code");
        assert!(mails_to("warga3@contoh.id").await.is_empty(), "{kind}: nothing to the address that was typed");
        // Moving another booking onto that day with the same phone is refused the same way.
        let mut twin = visitor(4);
        twin.phone = visitor(1).phone;
        let other_day = book(&db, &s, 0, ("2027-03-03", "09:00"), &twin, "t", now).await.unwrap();
        let other_code = TrackingCode::parse(&other_day.code).unwrap();
        refused_without_the_code(bk::reschedule(&db, &ENV, &other_code, (date("2027-03-02"), "11:00".into()), now).await, &code, &kind);
        assert_eq!(mails_to("warga1@contoh.id").await.len(), 2, "{kind}: still one resend within the hour");
        bk::cancel(&db, &ENV, &other_code, now).await.unwrap();
        // Another service, or another day, is fine; so is a second try after cancelling.
        book(&db, &s, 1, ("2027-03-02", "10:00"), &visitor(1), "d", now).await.unwrap();
        book(&db, &s, 0, ("2027-03-03", "10:00"), &visitor(1), "e", now).await.unwrap();
        bk::cancel(&db, &ENV, &TrackingCode::parse(&first.code).unwrap(), now).await.unwrap();
        book(&db, &s, 0, ("2027-03-02", "11:00"), &visitor(1), "f", now).await.unwrap();
        // The same "check your answers" page sent twice makes one booking.
        let again = book(&db, &s, 0, ("2027-03-02", "11:00"), &visitor(1), "f", now).await.unwrap();
        assert_eq!(booking::Entity::find().filter(booking::Column::SubmissionKey.eq("f")).all(&db).await.unwrap().len(), 1, "{kind}");
        assert_eq!(again.status, "booked");
        assert_counts_exact(&db).await;
    }
}

#[tokio::test]
async fn one_person_holds_a_few_coming_appointments_not_every_place() {
    for (kind, db) in server::testing::databases().await {
        let s = setup(&db, &[]).await;
        let now = wita("2027-03-01", "09:00");
        let max = bk::MAX_COMING_PER_PERSON as usize;
        // Working days around the holidays of the setup (9 to 11 March).
        let days = ["2027-03-02", "2027-03-03", "2027-03-04", "2027-03-05", "2027-03-08", "2027-03-12", "2027-03-15"];
        for (i, day) in days.iter().take(max).enumerate() {
            book(&db, &s, 0, (day, "09:00"), &visitor(1), &format!("k{i}"), now).await.unwrap();
        }
        // The same person (by phone, with another address) cannot take one more place.
        let mut again = visitor(2);
        again.phone = visitor(1).phone;
        assert_eq!(problem(book(&db, &s, 1, (days[max], "09:00"), &again, "over", now).await), Problem::TooManyBookings { max: max as u32 }, "{kind}");
        // Someone else still can; and after one visit is cancelled, so can they.
        book(&db, &s, 0, (days[max], "09:00"), &visitor(3), "other", now).await.unwrap();
        let first = booking::Entity::find().filter(booking::Column::SubmissionKey.eq("k0")).one(&db).await.unwrap().unwrap();
        bk::cancel(&db, &ENV, &TrackingCode::parse(&first.code).unwrap(), now).await.unwrap();
        book(&db, &s, 1, (days[max], "09:30"), &again, "after", now).await.unwrap();
        assert_counts_exact(&db).await;
    }
}

#[tokio::test]
async fn moving_and_cancelling_keep_the_history_and_the_counts() {
    for (kind, db) in server::testing::databases().await {
        let s = setup(&db, &[]).await;
        let now = wita("2027-03-01", "09:00");
        let b = book(&db, &s, 0, ("2027-03-02", "09:00"), &visitor(1), "a", now).await.unwrap();
        let code = TrackingCode::parse(&b.code).unwrap();
        let moved = bk::reschedule(&db, &ENV, &code, (date("2027-03-04"), "13:30".into()), now + chrono::Duration::minutes(5)).await.unwrap();
        assert_eq!((moved.code.as_str(), moved.date), (b.code.as_str(), date("2027-03-04")), "{kind}: same code, new day");
        assert_eq!(slot_row(&db, &s, "2027-03-02", "09:00").await.booked, 0, "{kind}");
        assert_eq!(slot_row(&db, &s, "2027-03-04", "13:30").await.booked, 1, "{kind}");
        let cancelled = bk::cancel(&db, &ENV, &code, now + chrono::Duration::minutes(10)).await.unwrap();
        assert_eq!(cancelled.status, Status::Cancelled.code(), "{kind}");
        assert_eq!(slot_row(&db, &s, "2027-03-04", "13:30").await.booked, 0, "{kind}");
        // Still there, with every step.
        let kinds: Vec<String> = booking_event::Entity::find()
            .filter(booking_event::Column::BookingId.eq(b.id))
            .order_by_asc(booking_event::Column::Id)
            .all(&db)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.kind)
            .collect();
        assert_eq!(kinds, ["booked", "rescheduled", "cancelled"], "{kind}");
        // A cancelled booking cannot be moved back.
        let e = bk::reschedule(&db, &ENV, &code, (date("2027-03-04"), "14:00".into()), now).await.unwrap_err();
        assert!(matches!(e, AppError::Invalid(fe) if fe.0[0].problem == Problem::NotChangeable), "{kind}");
        // Three mails: booked, moved, cancelled; the last carries a cancelling calendar entry.
        let mails = outbox::Entity::find().filter(outbox::Column::ToAddr.eq("warga1@contoh.id")).order_by_asc(outbox::Column::Id).all(&db).await.unwrap();
        assert_eq!(mails.len(), 3, "{kind}");
        assert!(mails[1].subject.contains("Jadwal baru"), "{kind}");
        assert!(mails[2].calendar.as_deref().unwrap().contains("METHOD:CANCEL"), "{kind}");
        assert_counts_exact(&db).await;
    }
}

#[tokio::test]
async fn a_capacity_cut_moves_the_latest_bookings_out_and_tells_them() {
    for (kind, db) in server::testing::databases().await {
        let s = setup(&db, &[]).await;
        let mut now = wita("2027-03-01", "09:00");
        let mut made = Vec::new();
        for i in 0..6 {
            now += chrono::Duration::minutes(1);
            made.push(book(&db, &s, 0, ("2027-03-02", "09:00"), &visitor(i), &format!("k{i}"), now).await.unwrap());
        }
        // The rules tighten overnight: the room now holds four.
        now += chrono::Duration::minutes(1);
        let displaced = change(&db, &s, &[("room_max", "4")], now).await;
        assert_eq!(displaced, 2, "{kind}");
        let statuses: Vec<String> = futures_statuses(&db, &made).await;
        assert_eq!(statuses, ["booked", "booked", "booked", "booked", "displaced", "displaced"], "{kind}: the latest booked go first");
        let row = slot_row(&db, &s, "2027-03-02", "09:00").await;
        assert_eq!((row.places, row.booked), (4, 4), "{kind}");
        // Each displaced visitor is told, with the nearest free slots.
        let told = outbox::Entity::find().filter(outbox::Column::Subject.contains("perlu dijadwal ulang")).all(&db).await.unwrap();
        assert_eq!(told.len(), 2, "{kind}");
        assert!(told[0].body_text.contains("Jam terdekat yang masih kosong"), "{kind}");
        assert!(told[0].body_text.contains("08:00–08:30 WITA"), "{kind}");
        // The displaced visitor picks a new slot with the same code.
        let code = TrackingCode::parse(&made[5].code).unwrap();
        let back = bk::reschedule(&db, &ENV, &code, (date("2027-03-02"), "10:00".into()), now).await.unwrap();
        assert_eq!(back.status, "booked", "{kind}");
        // A day closed for disinfection moves everyone of that day.
        let n = settings::add_closure(&db, &ENV, s.manager, &s.u, "2027-03-02", "Disinfeksi ruang pelayanan", now).await.unwrap();
        assert_eq!(n, 5, "{kind}");
        assert_eq!(slot_row(&db, &s, "2027-03-02", "09:00").await.places, 0, "{kind}");
        assert_counts_exact(&db).await;
        // Nothing was deleted.
        assert_eq!(booking::Entity::find().all(&db).await.unwrap().len(), 6, "{kind}");
    }
}

async fn futures_statuses(db: &DatabaseConnection, made: &[booking::Model]) -> Vec<String> {
    let mut out = Vec::new();
    for b in made {
        out.push(booking::Entity::find_by_id(b.id).one(db).await.unwrap().unwrap().status);
    }
    out
}

#[tokio::test]
async fn fewer_counters_on_the_roster_means_fewer_places() {
    for (kind, db) in server::testing::databases().await {
        let s = setup(&db, &[("counter_source", "roster"), ("per_counter", "2")]).await;
        let now = wita("2027-03-01", "09:00");
        // No counter duty planned: no places.
        assert_eq!(problem(book(&db, &s, 0, ("2027-03-02", "09:00"), &visitor(1), "a", now).await), Problem::SlotFull, "{kind}");
        let shifts = rs::shifts_of(&db, s.u.id).await.unwrap();
        let pagi = shifts[0].id;
        let mut cells = BTreeMap::new();
        cells.insert(cell_key(s.manager, "2027-03-02", pagi), Cell { mode: Mode::Wfo, duty: Duty::Counter }.code());
        rs::save_week(&db, s.manager, &s.u, date("2027-03-01"), &cells, Lang::Id, chrono::Utc::now()).await.unwrap();
        book(&db, &s, 0, ("2027-03-02", "09:00"), &visitor(1), "b", now).await.unwrap();
        book(&db, &s, 0, ("2027-03-02", "09:00"), &visitor(2), "c", now).await.unwrap();
        assert_eq!(problem(book(&db, &s, 0, ("2027-03-02", "09:00"), &visitor(3), "d", now).await), Problem::SlotFull, "{kind}: one counter serves two");
        // The manager goes to the online desk instead: the counter closes, both are moved.
        cells.insert(cell_key(s.manager, "2027-03-02", pagi), Cell { mode: Mode::Wfh, duty: Duty::Desk }.code());
        rs::save_week(&db, s.manager, &s.u, date("2027-03-01"), &cells, Lang::Id, chrono::Utc::now()).await.unwrap();
        assert_eq!(bk::capacity_changed(&db, &ENV, Some(s.u.id), now).await.unwrap(), 2, "{kind}");
        assert_counts_exact(&db).await;
    }
}

#[tokio::test]
async fn the_counter_checks_in_marks_absent_and_takes_walk_ins() {
    for (kind, db) in server::testing::databases().await {
        // 5 places, 20 % (one) kept for walk-ins.
        let s = setup(&db, &[("rnew_max", "5"), ("walkin_percent", "20")]).await;
        let before = wita("2027-03-01", "09:00");
        let mut made = Vec::new();
        for i in 0..4 {
            made.push(book(&db, &s, 0, ("2027-03-02", "09:00"), &visitor(i), &format!("k{i}"), before).await.unwrap());
        }
        assert_eq!(problem(book(&db, &s, 0, ("2027-03-02", "09:00"), &visitor(9), "k9", before).await), Problem::SlotFull, "{kind}: the fifth is kept for walk-ins");
        // A booking for tomorrow is refused at today's counter, by its day.
        let code = TrackingCode::parse(&made[0].code).unwrap().to_string().to_lowercase();
        let e = counter::check_in(&db, s.u.id, &code, s.manager, before).await.unwrap_err();
        assert!(matches!(e, AppError::Invalid(fe) if matches!(&fe.0[0].problem, Problem::OtherDay { day } if day.contains("2 Maret 2027"))), "{kind}");
        // A cancelled booking says it was cancelled, on its day and on any other.
        let other = book(&db, &s, 0, ("2027-03-02", "09:30"), &visitor(8), "k8", before).await.unwrap();
        let cancelled = TrackingCode::parse(&other.code).unwrap();
        bk::cancel(&db, &ENV, &cancelled, before).await.unwrap();
        for when in [before, wita("2027-03-02", "09:05")] {
            let e = counter::check_in(&db, s.u.id, &cancelled.to_string(), s.manager, when).await.unwrap_err();
            assert!(
                matches!(&e, AppError::Invalid(fe) if matches!(&fe.0[0].problem, Problem::BookingStatus { status, day } if status == "dibatalkan" && day.contains("2 Maret 2027"))),
                "{kind}: {e:?}"
            );
        }
        let at = wita("2027-03-02", "09:05");
        // Typed in lower case with spaces, or read by the scanner: both work; twice is harmless.
        match counter::check_in(&db, s.u.id, &code.replace('-', " "), s.manager, at).await.unwrap() {
            counter::CheckIn::Done(b) => assert_eq!(b.status, "checked_in"),
            other => panic!("{kind}: {other:?}"),
        }
        assert!(matches!(counter::check_in(&db, s.u.id, &code, s.manager, at).await.unwrap(), counter::CheckIn::Already(_)), "{kind}");
        assert!(matches!(counter::check_in(&db, s.u.id, "AAAAA-BBBBB-CCCCC", s.manager, at).await.unwrap_err(), AppError::Invalid(_)), "{kind}");
        counter::serve(&db, s.u.id, made[0].id, s.manager, at, "http://portal.test").await.unwrap();
        // Served: the visitor gets the satisfaction survey, once.
        let survey: Vec<_> = outbox::Entity::find()
            .filter(outbox::Column::ToAddr.eq("warga0@contoh.id"))
            .filter(outbox::Column::Subject.starts_with("Survei kepuasan"))
            .all(&db)
            .await
            .unwrap();
        assert_eq!(survey.len(), 1, "{kind}");
        assert!(survey[0].body_text.contains("http://portal.test/survei/") && survey[0].body_text.contains("Kunjungan Anda"), "{kind}");
        // Absent only after the grace period; then the place goes back for walk-ins.
        let e = counter::mark_absent(&db, s.u.id, made[1].id, s.manager, at).await.unwrap_err();
        assert!(matches!(e, AppError::Invalid(fe) if fe.0[0].problem == Problem::TooEarlyForAbsent { minutes: 15 }), "{kind}");
        let late = wita("2027-03-02", "09:16");
        counter::mark_absent(&db, s.u.id, made[1].id, s.manager, late).await.unwrap();
        // Two walk-ins fit (the kept place and the freed one), the third does not.
        counter::walk_in(&db, s.u.id, s.services[0].id, "09:00", "Pak Darto", s.manager, late).await.unwrap();
        counter::walk_in(&db, s.u.id, s.services[0].id, "09:00", "Bu Sri", s.manager, late).await.unwrap();
        let e = counter::walk_in(&db, s.u.id, s.services[0].id, "09:00", "Pak Joko", s.manager, late).await.unwrap_err();
        assert!(matches!(e, AppError::Invalid(fe) if fe.0[0].problem == Problem::SlotFull), "{kind}");
        let row = slot_row(&db, &s, "2027-03-02", "09:00").await;
        assert_eq!((row.places, row.booked, row.walkins), (5, 3, 2), "{kind}");
        let page = counter::counter_page(&db, &s.u, late, Lang::Id).await.unwrap();
        let nine = page.slots.iter().find(|x| x.starts == "09:00").unwrap();
        assert_eq!((nine.booked, nine.walkins, nine.served, nine.bookings.len()), (3, 2, 1, 6), "{kind}");
        assert_counts_exact(&db).await;
    }
}

#[tokio::test]
async fn one_reminder_the_day_before() {
    for (kind, db) in server::testing::databases().await {
        let s = setup(&db, &[]).await;
        let b = book(&db, &s, 0, ("2027-03-03", "10:00"), &visitor(1), "a", wita("2027-03-01", "09:00")).await.unwrap();
        // Booked the day before: the confirmation is enough.
        book(&db, &s, 0, ("2027-03-03", "10:00"), &visitor(2), "b", wita("2027-03-02", "09:00")).await.unwrap();
        assert_eq!(bk::send_reminders(&db, &ENV, &s.u, wita("2027-03-02", "07:00")).await.unwrap(), 0, "{kind}: not before 08:00");
        assert_eq!(bk::send_reminders(&db, &ENV, &s.u, wita("2027-03-02", "08:00")).await.unwrap(), 1, "{kind}");
        assert_eq!(bk::send_reminders(&db, &ENV, &s.u, wita("2027-03-02", "08:30")).await.unwrap(), 0, "{kind}: once");
        let m = outbox::Entity::find().filter(outbox::Column::Subject.contains("Pengingat")).one(&db).await.unwrap().unwrap();
        assert_eq!(m.to_addr, b.email.unwrap(), "{kind}");
        assert!(m.body_text.contains("Rabu, 3 Maret 2027, 10:00–10:30 WITA"), "{kind}: {}", m.body_text);
    }
}

/// The calendar file, read back by a calendar parser: the start is 09:00 in the unit's own
/// zone, which is 01:00 UTC for WITA, 02:00 UTC for WIB and 00:00 UTC for WIT.
#[tokio::test]
async fn the_calendar_file_carries_the_units_time_zone() {
    use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};
    let db = server::testing::sqlite().await.unwrap();
    let s = setup(&db, &[]).await;
    let b = book(&db, &s, 0, ("2027-03-02", "09:00"), &visitor(1), "a", wita("2027-03-01", "09:00")).await.unwrap();
    let m = outbox::Entity::find().filter(outbox::Column::ToAddr.eq("warga1@contoh.id")).one(&db).await.unwrap().unwrap();
    let ics = m.calendar.unwrap();
    let cal: Calendar = ics.parse().expect("a valid calendar");
    let event = cal
        .components
        .iter()
        .find_map(|c| match c {
            CalendarComponent::Event(e) => Some(e.clone()),
            _ => None,
        })
        .expect("one event");
    let start = match event.get_start().expect("DTSTART") {
        DatePerhapsTime::DateTime(dt) => dt,
        other => panic!("a date-time, not {other:?}"),
    };
    let utc = start.try_into_utc().expect("a zone the parser knows");
    assert_eq!(utc, Utc.with_ymd_and_hms(2027, 3, 2, 1, 0, 0).unwrap());
    let end = match event.get_end().unwrap() {
        DatePerhapsTime::DateTime(dt) => dt.try_into_utc().unwrap(),
        other => panic!("{other:?}"),
    };
    assert_eq!(end - utc, chrono::Duration::minutes(30));
    assert!(event.get_summary().unwrap().contains("Akta Kelahiran"));
    assert!(event.get_description().unwrap().contains(&TrackingCode::parse(&b.code).unwrap().to_string()));
    assert!(ics.contains("TZNAME:WITA") && ics.contains("TZOFFSETTO:+0800"));
    // The same time in WIB and WIT units.
    for (zone, hour) in [("Asia/Jakarta", 2), ("Asia/Jayapura", 0)] {
        let text = app::bookings::ics::calendar(&app::bookings::ics::Event {
            uid: "x@y",
            sequence: 0,
            stamp: Utc::now(),
            zone,
            starts: date("2027-03-02").and_hms_opt(9, 0, 0).unwrap(),
            ends: date("2027-03-02").and_hms_opt(9, 30, 0).unwrap(),
            summary: "s",
            location: "l",
            description: "d",
            url: "https://layanan.test",
            cancelled: false,
        });
        let cal: Calendar = text.parse().unwrap();
        let e = cal.components.iter().find_map(|c| if let CalendarComponent::Event(e) = c { Some(e.clone()) } else { None }).unwrap();
        let DatePerhapsTime::DateTime(dt) = e.get_start().unwrap() else { panic!() };
        assert_eq!(dt.try_into_utc().unwrap(), Utc.with_ymd_and_hms(2027, 3, 2, hour, 0, 0).unwrap(), "{zone}");
    }
}

/// Operations in random order (book, cancel, move, check in, absent, walk in, capacity
/// changes): a slot never holds more than its places, and the counts never drift.
#[derive(Clone, Debug)]
enum Op {
    Book { person: usize, slot: usize },
    Cancel { pick: usize },
    Move { pick: usize, slot: usize },
    Limit { max: i32 },
    WalkIn { slot: usize },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0usize..12, 0usize..3).prop_map(|(person, slot)| Op::Book { person, slot }),
        2 => (0usize..20).prop_map(|pick| Op::Cancel { pick }),
        2 => (0usize..20, 0usize..3).prop_map(|(pick, slot)| Op::Move { pick, slot }),
        1 => (0i32..6).prop_map(|max| Op::Limit { max }),
        1 => (0usize..3).prop_map(|slot| Op::WalkIn { slot }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]
    #[test]
    fn no_sequence_of_operations_overbooks_a_slot(ops in proptest::collection::vec(op(), 5..40)) {
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(async {
            for (kind, db) in server::testing::databases().await {
                let s = setup(&db, &[("rnew_max", "4"), ("walkin_percent", "25")]).await;
                let starts = ["09:00", "09:30", "10:00"];
                let now = wita("2027-03-01", "09:00");
                let walk_at = wita("2027-03-02", "08:00");
                let mut made: Vec<String> = Vec::new();
                for (i, o) in ops.iter().enumerate() {
                    match o {
                        Op::Book { person, slot } => {
                            if let Ok(b) = book(&db, &s, 0, ("2027-03-02", starts[*slot]), &visitor(*person), &format!("p{i}"), now).await {
                                made.push(b.code);
                            }
                        }
                        Op::Cancel { pick } if !made.is_empty() => {
                            let c = TrackingCode::parse(&made[pick % made.len()]).unwrap();
                            let _ = bk::cancel(&db, &ENV, &c, now).await;
                        }
                        Op::Move { pick, slot } if !made.is_empty() => {
                            let c = TrackingCode::parse(&made[pick % made.len()]).unwrap();
                            let _ = bk::reschedule(&db, &ENV, &c, (date("2027-03-02"), starts[*slot].to_string()), now).await;
                        }
                        Op::Limit { max } => {
                            let max = (*max).max(1).to_string();
                            change(&db, &s, &[("room_max", max.as_str()), ("walkin_percent", "25")], now).await;
                        }
                        Op::WalkIn { slot } => {
                            let _ = counter::walk_in(&db, s.u.id, s.services[0].id, starts[*slot], "Tamu", s.manager, walk_at).await;
                        }
                        _ => {}
                    }
                    for row in booking_slot::Entity::find().all(&db).await.unwrap() {
                        // Walk-ins of a slot already running stay, whatever the new limit.
                        assert!(row.booked <= (row.places - row.walkin_places).max(0),
                            "{kind}: slot {} has {} booked online over {} places less {} kept", row.starts, row.booked, row.places, row.walkin_places);
                        assert!(row.booked + row.walkins <= row.places.max(row.walkins), "{kind}: over the room's limit");
                    }
                    assert_counts_exact(&db).await;
                }
            }
        });
    }
}

/// A condition ("aged 17 or married") is not something to bring: the mail, the calendar file
/// and the appointment page list it apart from the documents.
#[tokio::test]
async fn what_to_bring_lists_documents_and_the_conditions_apart() {
    for (kind, db) in server::testing::databases().await {
        let s = setup(&db, &[]).await;
        let ktp = s.services.iter().position(|x| x.slug == "ktp-el").expect("the KTP-el service");
        let b = book(&db, &s, ktp, ("2027-03-02", "09:00"), &visitor(1), "a", wita("2027-03-01", "09:00")).await.unwrap();
        let m = outbox::Entity::find().filter(outbox::Column::ToAddr.eq("warga1@contoh.id")).one(&db).await.unwrap().unwrap();
        let paragraphs: Vec<&str> = m.body_text.split("\n\n").collect();
        let bring = paragraphs.iter().find(|p| p.starts_with("Yang perlu dibawa:")).expect("what to bring");
        assert_eq!(*bring, "Yang perlu dibawa:\n1. Kartu Keluarga", "{kind}");
        let meet = paragraphs.iter().find(|p| p.starts_with("Syarat yang harus dipenuhi:")).expect("the conditions");
        assert!(meet.contains("- Berusia 17 tahun atau sudah/pernah menikah"), "{kind}: {meet}");
        let ics = m.calendar.clone().unwrap();
        let unfolded = ics.replace("\r\n ", "");
        let bring_at = unfolded.find("Yang perlu dibawa:").expect("calendar: what to bring");
        let meet_at = unfolded.find("Syarat yang harus dipenuhi:").expect("calendar: conditions");
        assert!(!unfolded[bring_at..meet_at].contains("Berusia"), "{kind}: {unfolded}");
        let view = bk::booking_view(&db, &b, wita("2027-03-01", "09:05"), Lang::Id).await.unwrap();
        assert!(view.documents_html.contains("Kartu Keluarga") && !view.documents_html.contains("Berusia"), "{kind}: {}", view.documents_html);
        assert!(view.conditions_html.contains("Berusia 17 tahun"), "{kind}: {}", view.conditions_html);
    }
}
