//! Routing benchmark: one routing decision in a unit of 200 staff members, all on the
//! online desk, holding 10,000 open reports between them.
//!
//! Setup (not timed): the demo data, 200 staff of Disdukcapil competent for every service,
//! a roster putting them all on the desk (from home) on Tuesday 2 March 2027, and 10,000
//! open reports assigned among them. Measured: N decisions (default 500), each routing one
//! new report at 09:00 WITA that day inside its own transaction, commit included: finding
//! the shift, who is on the desk, their competence and open loads, choosing, assigning and
//! recording the reason. Prints p50, p99, mean and max.
//!
//! Usage: bench_routing [DATABASE_URL] [N]   (default: a new SQLite file, 500)
use app::ssr::entities::{member_service, roster_entry, service, ticket, unit};
use chrono::{TimeZone, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use std::time::{Duration, Instant};

const STAFF: usize = 200;
const OPEN: usize = 10_000;

fn row(unit_id: i32, service_id: Option<i32>, n: usize, assigned: Option<i32>, at: chrono::DateTime<Utc>) -> ticket::ActiveModel {
    let mut t = server::testing::plain_ticket(unit_id, format!("BENCH{n:09}"), format!("bench-{n}"), at);
    t.service_id = Set(service_id);
    t.status = Set(if n.is_multiple_of(3) { app::tickets::Status::InProgress } else { app::tickets::Status::New });
    t.assigned_to = Set(assigned);
    t.assigned_how = Set(assigned.map(|_| "route".to_string()));
    t
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let url = server::testing::bench_database(&args, "bench-routing");
    let n: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(500);
    let db = server::connect_and_migrate(&url).await?;
    server::demo::seed(&db, chrono::Utc::now()).await?;
    let u = unit::Entity::by_slug(&db, "disdukcapil-balikpapan").await?.ok_or("no unit")?;
    let services: Vec<i32> = service::Entity::find().filter(service::Column::UnitId.eq(u.id)).all(&db).await?.into_iter().map(|s| s.id).collect();
    let shifts = app::rosters::ssr::shifts_of(&db, u.id).await?;
    let day = chrono::NaiveDate::from_ymd_opt(2027, 3, 2).ok_or("date")?;
    let now = chrono_tz::Asia::Makassar.with_ymd_and_hms(2027, 3, 2, 9, 0, 0).single().ok_or("time")?.with_timezone(&Utc);

    let setup = Instant::now();
    let txn = db.begin().await?;
    let staff = server::testing::bench_staff(&txn, u.id, STAFF, now).await?;
    for id in &staff {
        for s in &services {
            member_service::ActiveModel { unit_id: Set(u.id), user_id: Set(*id), service_id: Set(*s) }.insert(&txn).await?;
        }
        for s in &shifts {
            roster_entry::ActiveModel {
                unit_id: Set(u.id),
                user_id: Set(*id),
                date: Set(day),
                shift_id: Set(s.id),
                mode: Set(app::rosters::Mode::Wfh),
                duty: Set(app::rosters::Duty::Desk),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    for chunk in (0..OPEN).collect::<Vec<_>>().chunks(500) {
        ticket::Entity::insert_many(chunk.iter().map(|i| row(u.id, services.get(i % services.len()).copied(), *i, Some(staff[i % STAFF]), now)))
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    // Planner statistics, as autovacuum (PostgreSQL) and the hourly housekeeping (SQLite)
    // keep them in a running portal.
    use sea_orm::ConnectionTrait;
    db.execute_unprepared("ANALYZE").await?;
    eprintln!("set up {STAFF} staff and {OPEN} open reports in {:.1} s", setup.elapsed().as_secs_f64());

    let mut decisions = Vec::with_capacity(n);
    let mut with_commit = Vec::with_capacity(n);
    let mut assigned = 0;
    for i in 0..n {
        let t = row(u.id, services.get(i % services.len()).copied(), OPEN + i, None, now).insert(&db).await?;
        let started = Instant::now();
        let txn = db.begin().await?;
        let routed = app::tickets::routing::route_now(&txn, &t, &app::ssr::Env { public_url: "http://127.0.0.1" }, now).await.map_err(|e| format!("{e:?}"))?;
        decisions.push(started.elapsed());
        txn.commit().await?;
        with_commit.push(started.elapsed());
        if matches!(routed, app::tickets::routing::Routed::Assigned { .. }) {
            assigned += 1;
        }
    }
    if std::env::var("BENCH_BREAKDOWN").is_ok() {
        let mut parts = [Duration::ZERO; 4];
        for _ in 0..100 {
            let t0 = Instant::now();
            let shift = app::tickets::routing::active_shift(&db, &u, now).await?.ok_or("no shift")?;
            let t1 = Instant::now();
            let t2 = Instant::now();
            let c = app::tickets::routing::candidates(&db, u.id, shift.0, shift.1.id, services.first().copied()).await?;
            let t3 = Instant::now();
            let _ = app::tickets::routing::choose(&c);
            let t4 = Instant::now();
            for (k, d) in [t1 - t0, t2 - t1, t3 - t2, t4 - t3].into_iter().enumerate() {
                parts[k] += d;
            }
        }
        eprintln!("mean per step: shift {:?}, (none) {:?}, candidates {:?}, choose {:?}", parts[0] / 100, parts[1] / 100, parts[2] / 100, parts[3] / 100);
    }
    let kind = if url.starts_with("postgres") { "postgres" } else { "sqlite" };
    println!("{kind}: {n} routing decisions, {STAFF} staff on duty, {OPEN} open reports; assigned {assigned}");
    for (label, times) in [("decision", &mut decisions), ("decision + commit", &mut with_commit)] {
        times.sort();
        let pct = |p: f64| times[((times.len() as f64 * p).ceil() as usize).saturating_sub(1).min(times.len() - 1)];
        let mean = times.iter().sum::<Duration>() / times.len() as u32;
        println!(
            "  {label:<18} p50 {:.2} ms, p99 {:.2} ms, mean {:.2} ms, max {:.2} ms",
            pct(0.50).as_secs_f64() * 1e3,
            pct(0.99).as_secs_f64() * 1e3,
            mean.as_secs_f64() * 1e3,
            times[times.len() - 1].as_secs_f64() * 1e3
        );
    }
    Ok(())
}
