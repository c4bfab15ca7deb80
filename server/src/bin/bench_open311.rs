//! Open311 benchmark: what other apps meet when they read a busy portal.
//!
//! Setup (not timed): the demo data, and 30,000 reports over the last 120 days spread over
//! the demo services (one in five Rahasia, one in ten anonymous, two thirds answered with
//! a public reply and a status change, half of those resolved). Measured through the
//! router, as HTTP requests, N times each (default 20): `GET requests.json` with the
//! default window (the newest 1,000 of the last 90 days), the same as XML, a filtered list
//! (one service, closed, a 30-day window), one request by id, and `POST requests` with a
//! key. Prints p50 and max.
//!
//! Usage: bench_open311 [DATABASE_URL] [N]   (default: a new SQLite file, 20)
use app::ssr::entities::{service, ticket_event};
use axum::body::Body;
use axum::http::{header, Request};
use chrono::Duration as Days;
use http_body_util::BodyExt;
use sea_orm::{EntityTrait, Set, TransactionTrait};
use server::testing::bench_summary as summary;
use std::time::Instant;
use tower::ServiceExt;

const REPORTS: usize = 30_000;

async fn timed(app: &axum::Router, req: impl Fn() -> Request<Body>, n: usize, label: &str) -> Result<usize, Box<dyn std::error::Error>> {
    let mut times = Vec::with_capacity(n);
    let mut size = 0;
    for _ in 0..n {
        let t0 = Instant::now();
        let res = app.clone().oneshot(req()).await?;
        let status = res.status();
        let body = res.into_body().collect().await?.to_bytes();
        times.push(t0.elapsed());
        if !status.is_success() {
            return Err(format!("{label}: {status} {}", String::from_utf8_lossy(&body)).into());
        }
        size = body.len();
    }
    summary(label, times);
    Ok(size)
}

fn get(path: &str) -> Request<Body> {
    Request::get(path).header(header::HOST, "127.0.0.1:3000").body(Body::empty()).unwrap_or_default()
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let url = server::testing::bench_database(&args, "bench-open311");
    let n: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(20);
    let db = server::connect_and_migrate(&url).await?;
    server::demo::seed(&db, chrono::Utc::now()).await?;
    let services = service::Entity::find().all(&db).await?;
    let now = chrono::Utc::now();
    let start = now - Days::days(120);

    let setup = Instant::now();
    let txn = db.begin().await?;
    let span = (now - start).num_seconds();
    let mut rows = Vec::with_capacity(500);
    let mut answered = Vec::new();
    for i in 0..REPORTS {
        let at = start + Days::seconds(span * i as i64 / REPORTS as i64);
        let s = &services[i % services.len()];
        let mut t = server::testing::plain_ticket(s.unit_id, format!("O311{i:011}"), format!("o311-{i}"), at);
        t.service_id = Set(Some(s.id));
        t.kind = Set(["pengaduan", "konsultasi", "informasi", "aspirasi"][i % 4].into());
        t.body = Set(format!("Laporan nomor {i}: antrean di loket sangat panjang, mohon ditambah petugas pada jam sibuk."));
        t.confidential = Set(i % 5 == 0);
        t.anonymous = Set(i % 10 == 3);
        t.status = Set(match i % 6 {
            0 | 1 => app::tickets::Status::Resolved,
            2 | 3 => app::tickets::Status::InProgress,
            _ => app::tickets::Status::New,
        });
        if i % 6 < 2 {
            t.resolved_at = Set(Some(at + Days::days(3)));
            // Answered reports are published by staff (masked) as they would be.
            t.published_at = Set(Some(at + Days::days(3)));
            t.public_subject = Set(Some(format!("Pertanyaan o311-{i}")));
            t.public_body = Set(Some(format!("Laporan nomor {i}: antrean di loket sangat panjang, mohon ditambah petugas pada jam sibuk.")));
        }
        if i % 6 < 4 {
            answered.push((i, at));
        }
        rows.push(t);
        if rows.len() == 500 {
            app::ssr::entities::ticket::Entity::insert_many(std::mem::take(&mut rows)).exec(&txn).await?;
        }
    }
    if !rows.is_empty() {
        app::ssr::entities::ticket::Entity::insert_many(rows).exec(&txn).await?;
    }
    txn.commit().await?;
    let ids: Vec<i32> = app::ssr::entities::ticket::Entity::find().all(&db).await?.into_iter().map(|t| t.id).collect();
    let first = ids.iter().copied().max().unwrap_or(0) - REPORTS as i32 + 1;
    let txn = db.begin().await?;
    let mut events = Vec::with_capacity(1000);
    for (i, at) in &answered {
        let ticket_id = first + *i as i32;
        for (kind, h, body) in [(app::tickets::EventKind::Reply, 20, "Terima kasih, loket tambahan dibuka mulai pekan depan."), (app::tickets::EventKind::Status, 40, "")] {
            events.push(ticket_event::ActiveModel {
                ticket_id: Set(ticket_id),
                at: Set(*at + Days::hours(h)),
                kind: Set(kind),
                actor_user_id: Set(None),
                internal: Set(false),
                body: Set(body.into()),
                ..Default::default()
            });
        }
        if events.len() >= 1000 {
            ticket_event::Entity::insert_many(std::mem::take(&mut events)).exec(&txn).await?;
        }
    }
    if !events.is_empty() {
        ticket_event::Entity::insert_many(events).exec(&txn).await?;
    }
    txn.commit().await?;
    let key = app::open311::ssr::create_key(&db, "Bench", "10000", None, chrono::Utc::now()).await?.key;
    println!("setup: {REPORTS} reports, {} answered, in {:.1} s", answered.len(), setup.elapsed().as_secs_f64());

    let app = server::testing::router(db.clone()).await;
    let size = timed(&app, || get("/open311/v2/requests.json"), n, "GET requests.json (default window, 1,000 rows)").await?;
    println!("  {size} bytes");
    let size = timed(&app, || get("/open311/v2/requests.xml"), n, "GET requests.xml (default window, 1,000 rows)").await?;
    println!("  {size} bytes");
    let from = (now - Days::days(30)).format("%Y-%m-%dT%H:%M:%SZ");
    let code = services[0].id;
    let filtered = format!("/open311/v2/requests.json?service_code={code}&status=closed&start_date={from}");
    timed(&app, || get(&filtered), n, "GET requests.json (one service, closed, 30 days)").await?;
    let one = format!("/open311/v2/requests/{}.json", first + 1);
    timed(&app, || get(&one), n, "GET requests/{id}.json").await?;
    timed(&app, || get("/open311/v2/services.json"), n, "GET services.json").await?;
    // Every post from a new address, as different citizens' reports.
    let counter = std::sync::atomic::AtomicUsize::new(0);
    let post = || {
        let k = counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let body = format!(
            "api_key={key}&service_code={code}&attribute%5Bjenis%5D=pengaduan&first_name=Warga&email=warga{k}%40example.org\
             &description=Antrean+di+loket+sangat+panjang+sejak+pagi+hari."
        );
        Request::post("/open311/v2/requests.json")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap_or_default()
    };
    timed(&app, post, n, "POST requests.json").await?;
    Ok(())
}
