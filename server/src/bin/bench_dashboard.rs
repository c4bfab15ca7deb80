//! Dashboard benchmark: a busy unit's quarter.
//!
//! Setup (not timed): the demo data; in Disdukcapil, 50 staff with a roster for every
//! working day of January–March 2027 (two shifts each), 20,000 reports over the quarter
//! (a third resolved with a rating, a third answered, a third untouched; subjects from a
//! small set of complaint words), two staff actions per answered report, and 5,000 survey
//! answers. Measured: N renders (default 20) of the unit's dashboard for the quarter
//! (`oversight::ssr::unit_dashboard`: every figure and table), and N of the all-units
//! dashboard. Prints p50, max and the table sizes.
//!
//! Usage: bench_dashboard [DATABASE_URL] [N]   (default: a new SQLite file, 20)
use app::i18n::Lang;
use app::oversight::PeriodQuery;
use app::ssr::entities::{roster_entry, service, survey_response, ticket_event, unit};
use chrono::{Datelike, Duration as Days, TimeZone, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use server::testing::bench_summary as summary;
use std::time::Instant;

const STAFF: usize = 50;
const REPORTS: usize = 20_000;
const ANSWERS: usize = 5_000;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let url = server::testing::bench_database(&args, "bench-dashboard");
    let n: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(20);
    let db = server::connect_and_migrate(&url).await?;
    server::demo::seed(&db, chrono::Utc::now()).await?;
    let u = unit::Entity::by_slug(&db, "disdukcapil-balikpapan").await?.ok_or("no unit")?;
    let services: Vec<i32> = service::Entity::find().filter(service::Column::UnitId.eq(u.id)).all(&db).await?.into_iter().map(|s| s.id).collect();
    let shifts = app::rosters::ssr::shifts_of(&db, u.id).await?;
    let wita = |y, m, d, h| chrono_tz::Asia::Makassar.with_ymd_and_hms(y, m, d, h, 0, 0).single().map(|t| t.with_timezone(&Utc));
    let start = wita(2027, 1, 4, 8).ok_or("time")?;
    let now = wita(2027, 4, 1, 9).ok_or("time")?;

    let setup = Instant::now();
    let txn = db.begin().await?;
    let staff = server::testing::bench_staff(&txn, u.id, STAFF, start).await?;
    let mut day = start.with_timezone(&chrono_tz::Asia::Makassar).date_naive();
    let mut rostered = 0;
    while day.month() <= 3 && day.year() == 2027 {
        if day.weekday().num_days_from_monday() < 5 {
            for (i, id) in staff.iter().enumerate() {
                for s in &shifts {
                    let mode = ["wfo", "wfh", "wfh", "wfh", "cuti"][(i + day.day() as usize) % 5];
                    roster_entry::ActiveModel {
                        unit_id: Set(u.id),
                        user_id: Set(*id),
                        date: Set(day),
                        shift_id: Set(s.id),
                        mode: Set(app::rosters::Mode::parse(mode).expect("a mode")),
                        duty: Set(if mode == "cuti" { app::rosters::Duty::None } else { app::rosters::Duty::Desk }),
                        ..Default::default()
                    }
                    .insert(&txn)
                    .await?;
                    rostered += 1;
                }
            }
        }
        day += Days::days(1);
    }
    let words = ["Antrean lama di loket", "Pungutan biaya perekaman", "Petugas tidak ramah", "Berkas hilang", "Situs tidak bisa dibuka"];
    let span = (now - start).num_seconds() - 86_400;
    for i in 0..REPORTS {
        let at = start + Days::seconds(span * i as i64 / REPORTS as i64);
        let holder = staff[i % STAFF];
        let mut t = server::testing::plain_ticket(u.id, format!("DASH{i:011}"), format!("dash-{i}"), at);
        t.service_id = Set(Some(services[i % services.len()]));
        t.kind = Set(["pengaduan", "konsultasi", "informasi", "aspirasi"][i % 4].into());
        t.subject = Set(words[i % words.len()].into());
        t.assigned_to = Set(Some(holder));
        match i % 3 {
            0 => {
                t.status = Set(app::tickets::Status::Resolved);
                t.verified_at = Set(Some(at + Days::hours(2)));
                t.first_response_at = Set(Some(at + Days::hours(20 + (i % 90) as i64)));
                t.resolved_at = Set(Some(at + Days::days(3 + (i % 20) as i64)));
                t.rating = Set(Some(1 + (i % 4) as i32));
            }
            1 => {
                t.status = Set(app::tickets::Status::InProgress);
                t.verified_at = Set(Some(at + Days::hours(1)));
                t.first_response_at = Set(Some(at + Days::hours(30 + (i % 100) as i64)));
            }
            _ => {}
        }
        let t = t.insert(&txn).await?;
        if i % 3 != 2 {
            for (k, h) in [(app::tickets::EventKind::Reply, 20), (app::tickets::EventKind::Status, 40)] {
                ticket_event::ActiveModel {
                    ticket_id: Set(t.id),
                    at: Set(at + Days::hours(h)),
                    kind: Set(k),
                    actor_user_id: Set(Some(holder)),
                    internal: Set(false),
                    body: Set(String::new()),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
            }
        }
    }
    for i in 0..ANSWERS {
        let at = start + Days::seconds(span * i as i64 / ANSWERS as i64);
        let s = std::array::from_fn(|e| 1 + ((i * 7 + e * 3) % 4) as i32);
        survey_response::ActiveModel::scored(u.id, Some(services[i % services.len()]), "visit", at, s).insert(&txn).await?;
    }
    txn.commit().await?;
    println!("setup: {STAFF} staff, {rostered} roster cells, {REPORTS} reports, {ANSWERS} survey answers in {:.1} s", setup.elapsed().as_secs_f64());

    let quarter = PeriodQuery { periode: Some("kuartal".into()), tanggal: Some("2027-02-15".into()), ..Default::default() };
    let mut unit_times = Vec::with_capacity(n);
    let mut sizes = String::new();
    for _ in 0..n {
        let t0 = Instant::now();
        let d = app::oversight::ssr::unit_dashboard(&db, &u, &quarter, Lang::Id, now).await?;
        unit_times.push(t0.elapsed());
        sizes = d.tables.iter().map(|t| format!("{}:{}", t.key, t.rows.len())).collect::<Vec<_>>().join(" ");
        assert_eq!(d.satisfaction.as_ref().map(|s| s.respondents), Some(ANSWERS as i64));
    }
    println!("tables: {sizes}");
    summary("unit dashboard, one quarter", unit_times);
    let mut all_times = Vec::with_capacity(n);
    for _ in 0..n {
        let t0 = Instant::now();
        app::oversight::ssr::all_units_dashboard(&db, &quarter, Lang::Id, now).await?;
        all_times.push(t0.elapsed());
    }
    summary("all-units dashboard, one quarter", all_times);
    Ok(())
}
