//! Test support: fresh databases of every kind the portal runs on. Each domain test runs on
//! SQLite, and also on PostgreSQL when `TEST_DATABASE_URL` names a server to create
//! throwaway databases on.
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbErr};
use std::sync::atomic::{AtomicU32, Ordering};

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A migrated database of each kind available.
pub async fn databases() -> Vec<(&'static str, DatabaseConnection)> {
    let mut out = vec![("sqlite", sqlite().await.expect("sqlite test database"))];
    if let Ok(url) = std::env::var("TEST_DATABASE_URL") {
        if !url.is_empty() {
            out.push(("postgres", postgres(&url).await.expect("postgres test database")));
        }
    }
    out
}

/// A new SQLite database in a temporary file (so several pool connections share it).
pub async fn sqlite() -> Result<DatabaseConnection, DbErr> {
    let dir = std::env::temp_dir().join("layanan-tests");
    std::fs::create_dir_all(&dir).map_err(|e| DbErr::Custom(e.to_string()))?;
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let path = dir.join(format!("t{}-{}-{n}.db", std::process::id(), nanos()));
    crate::connect_and_migrate(&format!("sqlite://{}?mode=rwc", path.display())).await
}

/// A new PostgreSQL database on the server of `admin_url`, migrated.
pub async fn postgres(admin_url: &str) -> Result<DatabaseConnection, DbErr> {
    crate::connect_and_migrate(&new_postgres_database(admin_url).await?).await
}

/// Creates an empty PostgreSQL database on the server of `admin_url`; gives its URL.
pub async fn new_postgres_database(admin_url: &str) -> Result<String, DbErr> {
    let admin = Database::connect(admin_url).await?;
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let name = format!("layanan_t{}_{}_{n}", std::process::id(), nanos());
    admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await?;
    admin.close().await?;
    let base = admin_url.rsplit_once('/').map(|(b, _)| b).unwrap_or(admin_url);
    Ok(format!("{base}/{name}"))
}

fn nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() % 1_000_000_000)
        .unwrap_or(0)
}

/// The whole application over `db`, configured as in development.
pub async fn router(db: DatabaseConnection) -> axum::Router {
    let config = crate::config::Config::from_lookup(|_| None).expect("default config");
    let mut state = crate::app_state(&config, db);
    if let Some(readers) = crate::connect_readers(&state.db, None).await.expect("read-only connections") {
        state.read = readers;
    }
    crate::router(&config, state).await.expect("router")
}

/// Checks that every membership's open-report count (kept by triggers) equals the reports
/// actually held; returns the memberships that drifted.
pub async fn drifted_open_counts(db: &DatabaseConnection) -> Vec<(i32, i32, i32, u64)> {
    use app::ssr::entities::unit_member;
    use sea_orm::EntityTrait;
    let mut out = Vec::new();
    for m in unit_member::Entity::find().all(db).await.expect("members") {
        let held = app::rosters::ssr::open_held(db, m.unit_id, m.user_id).await.expect("count");
        if held != m.open_tickets as u64 {
            out.push((m.unit_id, m.user_id, m.open_tickets, held));
        }
    }
    out
}

/// A consultation row written straight to the database (no mail, no history), for tests
/// and benchmarks that need many reports: new, unassigned, Rahasia, reached the unit at `at`.
/// `label` names the row; its tracking code is a valid one made from the label (stored codes
/// always parse).
pub fn plain_ticket(unit_id: i32, label: String, key: String, at: chrono::DateTime<chrono::Utc>) -> app::ssr::entities::ticket::ActiveModel {
    use sea_orm::Set;
    app::ssr::entities::ticket::ActiveModel {
        code: Set(code_from(&label).as_str().to_string()),
        unit_id: Set(unit_id),
        service_id: Set(None),
        kind: Set("konsultasi".into()),
        subject: Set(format!("Pertanyaan {key}")),
        body: Set("Pertanyaan tentang persyaratan layanan.".into()),
        place: Set(String::new()),
        reporter_name: Set("Warga".into()),
        reporter_email: Set(None),
        reporter_phone: Set(None),
        lang: Set("id".into()),
        anonymous: Set(false),
        confidential: Set(true),
        status: Set(app::tickets::Status::New),
        assigned_to: Set(None),
        submission_key: Set(key),
        created_at: Set(at),
        updated_at: Set(at),
        confirmed_at: Set(Some(at)),
        paused_days: Set(0),
        ..Default::default()
    }
}

/// `plain_ticket`, answered and published in the public register (and so in Open311's lists).
pub fn published_ticket(unit_id: i32, label: String, key: String, at: chrono::DateTime<chrono::Utc>) -> app::ssr::entities::ticket::ActiveModel {
    use sea_orm::Set;
    let mut t = plain_ticket(unit_id, label, key.clone(), at);
    t.confidential = Set(false);
    t.status = Set(app::tickets::Status::Resolved);
    t.resolved_at = Set(Some(at));
    t.published_at = Set(Some(at));
    t.public_subject = Set(Some(format!("Pertanyaan {key}")));
    t.public_body = Set(Some("Pertanyaan tentang persyaratan layanan.".into()));
    t
}

/// Appointment settings for tests and the booking benchmark, as the manager's form sends
/// them: a new room with a fixed limit of 10, five counters serving two each, nothing kept
/// for walk-ins, 30-minute slots from 08:00 to 15:00 on weekdays, bookable 14 days ahead
/// with an hour's notice, 15 minutes' grace.
pub fn ten_place_settings() -> std::collections::BTreeMap<String, String> {
    let mut values: std::collections::BTreeMap<String, String> = [
        ("slot_minutes", "30"),
        ("ahead_days", "14"),
        ("notice_minutes", "60"),
        ("walkin_percent", "0"),
        ("counter_source", "fixed"),
        ("fixed_counters", "5"),
        ("per_counter", "2"),
        ("grace_minutes", "15"),
        ("rnew_name", "Ruang pelayanan"),
        ("rnew_rule", "fixed"),
        ("rnew_max", "10"),
        ("rnew_m2", "4"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    for w in 1..=5 {
        values.insert(format!("h{w}_opens"), "08:00".into());
        values.insert(format!("h{w}_closes"), "15:00".into());
    }
    values
}

/// A benchmark's database: its first argument, or a new SQLite file named after it.
pub fn bench_database(args: &[String], name: &str) -> String {
    match args.get(1).filter(|a| !a.is_empty()) {
        Some(u) => u.clone(),
        None => {
            let path = std::env::temp_dir().join(format!("{name}-{}.db", std::process::id()));
            format!("sqlite://{}?mode=rwc", path.display())
        }
    }
}

/// A benchmark's staff: `n` active accounts (bench{i}@layanan.test) made members of the unit.
pub async fn bench_staff(
    db: &impl sea_orm::ConnectionTrait,
    unit_id: i32,
    n: usize,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<i32>, DbErr> {
    use app::ssr::entities::{unit_member, user};
    use sea_orm::{ActiveModelTrait, Set};
    let mut ids = Vec::with_capacity(n);
    for i in 0..n {
        let usr = user::ActiveModel {
            email: Set(format!("bench{i}@layanan.test")),
            name: Set(format!("Petugas Uji {i:03}")),
            password_hash: Set("!".into()),
            is_admin: Set(false),
            active: Set(true),
            created_at: Set(at),
            ..Default::default()
        }
        .insert(db)
        .await?;
        unit_member::ActiveModel { unit_id: Set(unit_id), user_id: Set(usr.id), role: Set(app::auth::Role::Staff), senior: Set(false), last_assigned_at: Set(None), open_tickets: Set(0) }
            .insert(db)
            .await?;
        ids.push(usr.id);
    }
    Ok(ids)
}

/// Prints a benchmark's p50 and max.
pub fn bench_summary(label: &str, mut times: Vec<std::time::Duration>) {
    times.sort();
    let p50 = times[times.len() / 2];
    let max = times[times.len() - 1];
    println!("{label}: n={} p50={:.1} ms max={:.1} ms", times.len(), p50.as_secs_f64() * 1e3, max.as_secs_f64() * 1e3);
}

/// A valid tracking code made from `label` (the same label, the same code).
pub fn code_from(label: &str) -> app::tickets::TrackingCode {
    let digest = app::ssr::files::sha256_hex(label.as_bytes());
    let mut values = [0u8; 14];
    for (v, pair) in values.iter_mut().zip(digest.as_bytes().chunks(2)) {
        *v = u8::from_str_radix(std::str::from_utf8(pair).unwrap_or("0"), 16).unwrap_or(0);
    }
    app::tickets::TrackingCode::from_random(values)
}
