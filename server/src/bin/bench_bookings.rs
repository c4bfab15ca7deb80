//! Booking-rush benchmark: 5,000 attempts in 10 seconds at 50 slots of 10 places.
//!
//! Setup (not timed): the demo data; Disdukcapil's room holds 10 and five counters serve two
//! each, so every 30-minute slot has 10 places, none kept for walk-ins; 50 slots from
//! Tuesday 2 March 2027 on. Measured: attempts started at an even rate (open loop: an
//! attempt starts on time whether or not earlier ones have finished), each by a different
//! person at a slot chosen at random, through the same domain function the confirmation
//! page calls (checks, the slot's plan, the conditional update, the booking, its history
//! and its confirmation mail with calendar file, in one transaction); the pools' connections
//! are opened before the rush, as a running server's are. Latency runs from
//! the attempt's start to its answer. Prints bookings made, refusals, overbooked places
//! (must be 0; also checked against a recount of the bookings), p50, p99 and max.
//!
//! Usage: bench_bookings [DATABASE_URL] [ATTEMPTS] [SECONDS] [POOLS]
//!   default: a new SQLite file, 5000, 10, 1. POOLS > 1 splits the attempts over that many
//!   separate connection pools, as separate server processes would have.
use app::bookings::ssr::{self as bk, NewBooking};
use app::bookings::Visitor;
use app::error::AppError;
use app::forms::Problem;
use app::ssr::entities::{booking_slot, service, unit};
use chrono::{TimeZone, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::time::{Duration, Instant};

const SLOTS: usize = 50;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let url = server::testing::bench_database(&args, "bench-bookings");
    let attempts: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(5000);
    let seconds: f64 = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(10.0);
    let pools: usize = args.get(4).and_then(|a| a.parse().ok()).unwrap_or(1).max(1);
    let db = server::connect_and_migrate(&url).await?;
    server::demo::seed(&db, chrono::Utc::now()).await?;
    let u = unit::Entity::by_slug(&db, "disdukcapil-balikpapan").await?.ok_or("no unit")?;
    let svc = service::Entity::find().filter(service::Column::UnitId.eq(u.id)).one(&db).await?.ok_or("no service")?;
    let manager = app::ssr::entities::unit_member::Entity::find()
        .filter(app::ssr::entities::unit_member::Column::UnitId.eq(u.id))
        .one(&db)
        .await?
        .ok_or("no member")?
        .user_id;
    let now = chrono_tz::Asia::Makassar.with_ymd_and_hms(2027, 3, 1, 9, 0, 0).single().ok_or("time")?.with_timezone(&Utc);
    let env = app::tickets::ssr::Env { public_url: "https://layanan.test" };
    let values = server::testing::ten_place_settings();
    app::bookings::settings::save_settings(&db, &env, manager, &u, &values, now).await?;
    let from = chrono::NaiveDate::from_ymd_opt(2027, 3, 2).ok_or("date")?;
    let to = chrono::NaiveDate::from_ymd_opt(2027, 3, 12).ok_or("date")?;
    let plan = bk::UnitPlan::load(&db, &u, from, to).await?;
    let slots: Vec<(chrono::NaiveDate, String)> =
        bk::offers(&db, &plan, from, to, now).await?.into_iter().take(SLOTS).map(|o| (o.date, o.starts)).collect();
    if slots.len() < SLOTS {
        return Err("fewer than 50 slots".into());
    }
    let mut conns = vec![db.clone()];
    for _ in 1..pools {
        conns.push(server::connect_and_migrate(&url).await?);
    }

    // Warm the pools as a running server's are: open their connections before the rush.
    for c in &conns {
        let mut warm = Vec::new();
        for _ in 0..32 {
            let c = c.clone();
            warm.push(tokio::spawn(async move {
                use sea_orm::ConnectionTrait;
                c.execute_unprepared("SELECT 1").await.map(|_| ())
            }));
        }
        for w in warm {
            w.await??;
        }
    }
    let interval = Duration::from_secs_f64(seconds / attempts as f64);
    let start = Instant::now();
    let mut tasks = Vec::with_capacity(attempts);
    for i in 0..attempts {
        let due = start + interval * i as u32;
        tokio::time::sleep_until(due.into()).await;
        let db = conns[i % conns.len()].clone();
        let (u, svc) = (u.clone(), svc.clone());
        let slot = slots[(i.wrapping_mul(2_654_435_761)) % SLOTS].clone();
        tasks.push(tokio::spawn(async move {
            let v = Visitor { name: format!("Warga {i}"), email: format!("warga{i}@contoh.id"), phone: format!("08{i:010}") };
            let key = format!("rush-{i}");
            let env = app::tickets::ssr::Env { public_url: "https://layanan.test" };
            let nb = NewBooking { unit: &u, service: &svc, slot, visitor: &v, lang: app::i18n::Lang::Id, submission_key: &key };
            let r = bk::book(&db, &env, nb, now).await;
            (due.elapsed(), r.map(|_| ()))
        }));
    }
    let mut made = 0;
    let mut full = 0;
    let mut other = 0;
    let mut lat = Vec::with_capacity(attempts);
    for t in tasks {
        let (d, r) = t.await?;
        lat.push(d);
        match r {
            Ok(()) => made += 1,
            Err(AppError::Invalid(fe)) if fe.0.first().is_some_and(|e| e.problem == Problem::SlotFull) => full += 1,
            Err(e) => {
                other += 1;
                if other <= 3 {
                    eprintln!("unexpected: {e:?}");
                }
            }
        }
    }
    let wall = start.elapsed();
    let rows = booking_slot::Entity::find().filter(booking_slot::Column::UnitId.eq(u.id)).all(&db).await?;
    let mut over = 0;
    let mut drift = 0;
    for r in &rows {
        over += (r.booked + r.walkins - r.places).max(0);
        let (b, w) = bk::recount(&db, r.id).await?;
        drift += (b - r.booked).abs() + (w - r.walkins).abs();
        over += (b + w - r.places).max(0);
    }
    lat.sort();
    let pct = |p: f64| lat[((lat.len() as f64 * p).ceil() as usize).clamp(1, lat.len()) - 1];
    let kind = if url.starts_with("sqlite") { "SQLite" } else { "PostgreSQL" };
    println!("booking rush on {kind}: {attempts} attempts in {:.1} s over {SLOTS} slots x 10 places, {pools} pool(s)", wall.as_secs_f64());
    println!("  bookings made     {made} (places: {})", SLOTS * 10);
    println!("  refused (full)    {full}");
    println!("  other errors      {other}");
    println!("  overbooked places {over}");
    println!("  count drift       {drift}");
    println!("  latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms", ms(pct(0.50)), ms(pct(0.99)), ms(pct(1.0)));
    if over > 0 || drift > 0 || made != SLOTS * 10 || other > 0 {
        return Err("the rush broke a rule".into());
    }
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
