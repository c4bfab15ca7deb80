//! The province-scale data set for `make bench-public`: the demo, then units up to 300,
//! services up to 3,000 (each with a published standard of all 14 components and one
//! earlier version), 1,000 staff with a month of rosters, 200,000 reports over the last
//! year (a third of them answered and published in the public register, with the answer),
//! and a month of bookings (two visitors in each of eight morning slots on working days).
//!
//! Rows go in by bulk inserts inside transactions; what the portal derives from them (open
//! counts, search indexes) is kept by the database's own triggers, as for any write.
//!
//! Usage: bench_scale DATABASE_URL   (an empty database; prints what it made and how long)
use app::ssr::entities::{
    booking, booking_slot, room, roster_entry, service, standard_component, standard_version as sv, ticket, ticket_event,
    unit, unit_member, unit_shift, user,
};
use chrono::{Datelike, Duration, NaiveDate, TimeZone, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait,
};
use std::time::Instant;

const UNITS: usize = 300;
const SERVICES: usize = 3_000;
const STAFF: usize = 1_000;
const REPORTS: usize = 200_000;
const BATCH: usize = 400;

const PLACES: [&str; 12] = [
    "Balikpapan", "Samarinda", "Bontang", "Kutai Kartanegara", "Kutai Timur", "Kutai Barat", "Berau", "Paser",
    "Penajam Paser Utara", "Mahakam Ulu", "Tarakan", "Nunukan",
];
const AGENCIES: [(&str, &str); 25] = [
    ("Dinas Kependudukan dan Pencatatan Sipil", "disdukcapil"),
    ("Dinas Penanaman Modal dan PTSP", "dpmptsp"),
    ("Rumah Sakit Umum Daerah", "rsud"),
    ("Dinas Kesehatan", "dinkes"),
    ("Dinas Pendidikan", "disdik"),
    ("Dinas Sosial", "dinsos"),
    ("Dinas Perhubungan", "dishub"),
    ("Badan Pendapatan Daerah", "bapenda"),
    ("Dinas Tenaga Kerja", "disnaker"),
    ("Dinas Lingkungan Hidup", "dlh"),
    ("Dinas Pekerjaan Umum", "dpu"),
    ("Dinas Perumahan dan Permukiman", "disperkim"),
    ("Dinas Koperasi dan UMKM", "diskop"),
    ("Dinas Perdagangan", "disdag"),
    ("Dinas Pertanian", "distan"),
    ("Dinas Kelautan dan Perikanan", "dkp"),
    ("Dinas Pariwisata", "dispar"),
    ("Dinas Pemadam Kebakaran", "damkar"),
    ("Satuan Polisi Pamong Praja", "satpolpp"),
    ("Badan Kepegawaian Daerah", "bkd"),
    ("Dinas Perpustakaan dan Kearsipan", "dpk"),
    ("Dinas Komunikasi dan Informatika", "diskominfo"),
    ("Puskesmas Kota", "puskesmas"),
    ("Kantor Kecamatan", "kecamatan"),
    ("Dinas Pemberdayaan Perempuan", "dp3a"),
];
const SERVICE_NAMES: [&str; 20] = [
    "Surat Keterangan Domisili", "Izin Usaha Mikro", "Legalisasi Dokumen", "Rekomendasi Teknis", "Pendaftaran Online",
    "Pengaduan Layanan", "Surat Keterangan Tidak Mampu", "Izin Reklame", "Perpanjangan Izin", "Kartu Identitas Anak",
    "Pelayanan Rawat Jalan", "Pemeriksaan Laboratorium", "Sertifikat Laik Fungsi", "Penerbitan Kartu Kuning",
    "Pendaftaran Koperasi", "Izin Keramaian", "Bantuan Sosial Tunai", "Uji Kendaraan Bermotor", "Pajak Kendaraan", "Pelatihan Kerja",
];
const TOPICS: [&str; 16] = [
    "antrean di loket sangat panjang dan tidak berjarak",
    "persyaratan berkas berbeda dengan yang tertulis di standar",
    "jaringan aplikasi daring sering gagal saat unggah berkas",
    "biaya yang diminta tidak tercantum dalam standar pelayanan",
    "petugas tidak memakai masker di ruang tunggu",
    "jadwal layanan berubah tanpa pengumuman",
    "dokumen belum selesai setelah lewat jangka waktu",
    "nomor pengaduan tidak membalas pesan",
    "ruang tunggu penuh melebihi batas jaga jarak",
    "formulir daring tidak bisa dibuka di telepon genggam",
    "KTP elektronik belum dicetak karena blangko habis",
    "akta kelahiran anak salah ketik nama ibu",
    "izin usaha tertahan verifikasi lapangan",
    "hasil laboratorium terlambat diberikan",
    "tempat cuci tangan di pintu masuk tidak berfungsi",
    "pelayanan keliling tidak datang sesuai jadwal",
];

fn component_text(c: app::standards::Component, service: &str, version: i32) -> String {
    use app::standards::Component as C;
    match c {
        C::Persyaratan => format!("1. Formulir permohonan {service} yang telah diisi\n2. Fotokopi KTP elektronik pemohon\n3. Fotokopi Kartu Keluarga\n4. Surat pengantar dari kelurahan\n5. Berkas dikirim daring dalam bentuk PDF{}", if version > 1 { "\n6. Tanpa tanda tangan basah" } else { "" }),
        C::Prosedur => "1. Pemohon mengisi formulir daring dan mengunggah berkas\n2. Petugas memeriksa kelengkapan berkas paling lama 1 hari kerja\n3. Pemohon menerima pemberitahuan melalui email\n4. Dokumen diambil di loket sesuai janji temu atau dikirim elektronik".into(),
        C::JangkaWaktu => format!("{} (hari kerja) sejak berkas dinyatakan lengkap.", if version > 1 { 3 } else { 7 }),
        C::Biaya => "Tidak dipungut biaya (gratis).".into(),
        C::Produk => format!("Dokumen {service} dalam bentuk cetak atau elektronik bertanda tangan elektronik."),
        C::Pengaduan => "Pengaduan disampaikan melalui portal ini, email, telepon pengaduan, atau kotak saran di ruang layanan.".into(),
        C::DasarHukum => "- Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik\n- Peraturan Pemerintah Nomor 96 Tahun 2012\n- Surat Edaran MenPANRB Nomor 58 Tahun 2020".into(),
        C::Sarana => "Ruang tunggu berjarak, tempat cuci tangan, pengukur suhu, loket berpelindung, layanan daring.".into(),
        C::Kompetensi => "Petugas memahami peraturan terkait, mampu mengoperasikan aplikasi, dan berkomunikasi dengan santun.".into(),
        C::PengawasanInternal => "Pengawasan oleh atasan langsung dan Aparat Pengawasan Intern Pemerintah secara berkala.".into(),
        C::JumlahPelaksana => "4 (empat) orang, bergantian kerja di kantor dan di rumah.".into(),
        C::JaminanPelayanan => format!("Layanan {service} diberikan sesuai standar ini; bila tidak, pengguna dapat mengadu."),
        C::JaminanKeamanan => "Data pribadi dijaga kerahasiaannya; protokol kesehatan diterapkan di ruang layanan.".into(),
        C::EvaluasiKinerja => "Survei kepuasan masyarakat setiap semester dan evaluasi standar setiap tahun.".into(),
    }
}

async fn insert_batches<A, E>(db: &impl ConnectionTrait, rows: Vec<A>) -> Result<(), sea_orm::DbErr>
where
    A: ActiveModelTrait<Entity = E> + Send,
    E: EntityTrait,
    E::Model: sea_orm::IntoActiveModel<A>,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let batch: Vec<A> = rows.by_ref().take(BATCH).collect();
        E::insert_many(batch).exec_without_returning(db).await?;
    }
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let url = args.get(1).ok_or("usage: bench_scale DATABASE_URL")?;
    let db = server::connect_and_migrate(url).await?;
    let now = Utc::now();
    let started = Instant::now();
    if !server::demo::seed(&db, now).await? {
        return Err("the database already holds units; give bench_scale an empty one".into());
    }
    server::demo::seed_rosters(&db, now).await?;
    server::demo::seed_bookings(&db, "http://127.0.0.1:3000", now).await?;
    server::demo::seed_survey(&db, now).await?;
    let admin = user::Entity::find().filter(user::Column::IsAdmin.eq(true)).one(&db).await?.ok_or("no admin")?.id;

    // Units, through the portal's own rule (slug, zone, working days, default shifts).
    let zones = ["Asia/Makassar", "Asia/Jakarta", "Asia/Jayapura"];
    let have = unit::Entity::find().count(&db).await? as usize;
    for i in have..UNITS {
        let (agency, short) = AGENCIES[i % AGENCIES.len()];
        let place = PLACES[(i / AGENCIES.len()) % PLACES.len()];
        let n = i / (AGENCIES.len() * PLACES.len());
        app::admin::ssr::create_unit(
            &db,
            app::admin::ssr::NewUnit {
                name: format!("{agency} {place}{}", if n > 0 { format!(" {}", n + 1) } else { String::new() }),
                slug: format!("{short}-{}-{i}", place.to_lowercase().replace(' ', "-")),
                address: format!("Jl. Jenderal Sudirman No. {}, {place}", i + 1),
                timezone: zones[(i % 7 == 0) as usize * (1 + i % 2)].into(),
                working_days: vec![1, 2, 3, 4, 5],
            },
            Some(admin),
            now,
        )
        .await
        .map_err(|e| format!("unit {i}: {e:?}"))?;
    }
    let units = unit::Entity::find().order_by_asc(unit::Column::Id).all(&db).await?;
    println!("units: {} ({:.1} s)", units.len(), started.elapsed().as_secs_f64());

    // Services with two published versions each (the first from before the new normal).
    let txn = db.begin().await?;
    let have: Vec<service::Model> = service::Entity::find().all(&txn).await?;
    let mut new_services = Vec::new();
    let new_units: Vec<&unit::Model> = units.iter().filter(|u| !have.iter().any(|s| s.unit_id == u.id)).collect();
    for k in 0..SERVICES.saturating_sub(have.len()) {
        let u = new_units[k % new_units.len()];
        let name = format!("{} {}", SERVICE_NAMES[(k / new_units.len() + u.id as usize) % SERVICE_NAMES.len()], k / new_units.len() + 1);
        new_services.push(service::ActiveModel {
            unit_id: Set(u.id),
            slug: Set(format!("layanan-{k}")),
            summary: Set(format!("{name} di {}: syarat, alur, waktu dan biaya.", u.name)),
            keywords: Set("surat, izin, daring".into()),
            summary_en: Set(String::new()),
            keywords_en: Set(String::new()),
            name: Set(name),
            created_at: Set(now),
            verify_days: Set(1),
            respond_days: Set(5),
            resolve_days: Set(14),
            ..Default::default()
        });
    }
    insert_batches(&txn, new_services).await?;
    let old_ids: std::collections::HashSet<i32> = have.iter().map(|s| s.id).collect();
    let services: Vec<service::Model> = service::Entity::find().order_by_asc(service::Column::Id).all(&txn).await?;
    let fresh: Vec<&service::Model> = services.iter().filter(|s| !old_ids.contains(&s.id)).collect();
    let first = Utc.with_ymd_and_hms(2020, 3, 2, 1, 0, 0).single().ok_or("date")?;
    let second = Utc.with_ymd_and_hms(2020, 6, 8, 1, 0, 0).single().ok_or("date")?;
    let mut versions = Vec::new();
    for s in &fresh {
        for (no, at, note) in [(1, first, "Standar awal."), (2, second, "Normal baru: pengajuan daring dan protokol kesehatan.")] {
            versions.push(sv::ActiveModel {
                service_id: Set(s.id),
                status: Set(sv::PUBLISHED.into()),
                version_no: Set(Some(no)),
                effective_at: Set(Some(at)),
                published_at: Set(Some(at)),
                published_by: Set(Some(admin)),
                change_note: Set(note.into()),
                revision: Set(1),
                updated_at: Set(at),
                updated_by: Set(Some(admin)),
                ..Default::default()
            });
        }
    }
    insert_batches(&txn, versions).await?;
    let fresh_ids: Vec<i32> = fresh.iter().map(|s| s.id).collect();
    let names: std::collections::HashMap<i32, &str> = fresh.iter().map(|s| (s.id, s.name.as_str())).collect();
    let mut components = Vec::new();
    for chunk in fresh_ids.chunks(500) {
        for v in sv::Entity::find().filter(sv::Column::ServiceId.is_in(chunk.to_vec())).all(&txn).await? {
            for c in app::standards::Component::ALL {
                components.push(standard_component::ActiveModel {
                    version_id: Set(v.id),
                    component: Set(c.number()),
                    body: Set(component_text(c, names[&v.service_id], v.version_no.unwrap_or(1))),
                });
            }
        }
    }
    let component_rows = components.len();
    insert_batches(&txn, components).await?;
    txn.commit().await?;
    println!("services: {} with {} component texts ({:.1} s)", services.len(), component_rows, started.elapsed().as_secs_f64());

    // Staff: a manager and three officers per unit (1,000 or so together with the demo's),
    // who cannot sign in (no password), and four weeks of rosters.
    let txn = db.begin().await?;
    let have_staff = unit_member::Entity::find().count(&txn).await? as usize;
    let mut users = Vec::new();
    for i in 0..STAFF.saturating_sub(have_staff) {
        users.push(user::ActiveModel {
            email: Set(format!("petugas{i}@skala.test")),
            name: Set(format!("Petugas Skala {i:04}")),
            password_hash: Set("!".into()),
            is_admin: Set(false),
            active: Set(true),
            created_at: Set(now),
            session_epoch: Set(0),
            ..Default::default()
        });
    }
    insert_batches(&txn, users).await?;
    let staff: Vec<user::Model> =
        user::Entity::find().filter(user::Column::Email.like("%@skala.test")).order_by_asc(user::Column::Id).all(&txn).await?;
    let mut members = Vec::new();
    let mut placed: Vec<(i32, i32, bool)> = Vec::new();
    for (i, u) in staff.iter().enumerate() {
        let unit = new_units[i % new_units.len()];
        let manager = i < new_units.len();
        placed.push((unit.id, u.id, manager));
        members.push(unit_member::ActiveModel {
            unit_id: Set(unit.id),
            user_id: Set(u.id),
            role: Set(if manager { app::auth::Role::Manager } else { app::auth::Role::Staff }),
            senior: Set(false),
            last_assigned_at: Set(None),
            open_tickets: Set(0),
        });
    }
    insert_batches(&txn, members).await?;
    let shifts: Vec<unit_shift::Model> = unit_shift::Entity::find().all(&txn).await?;
    let today = now.date_naive();
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let mut entries = Vec::new();
    for (unit_id, user_id, manager) in &placed {
        for (n, s) in shifts.iter().filter(|s| s.unit_id == *unit_id).enumerate() {
            for d in (0..28).map(|d| monday + Duration::days(d)).filter(|d| d.weekday().num_days_from_monday() < 5) {
                let office = *manager || (d.day() as usize + *user_id as usize + n) % 2 == 0;
                entries.push(roster_entry::ActiveModel {
                    unit_id: Set(*unit_id),
                    user_id: Set(*user_id),
                    date: Set(d),
                    shift_id: Set(s.id),
                    mode: Set(if office { app::rosters::Mode::Wfo } else { app::rosters::Mode::Wfh }),
                    duty: Set(if *manager { app::rosters::Duty::Counter } else { app::rosters::Duty::Desk }),
                    ..Default::default()
                });
            }
        }
    }
    let roster_rows = entries.len();
    insert_batches(&txn, entries).await?;
    txn.commit().await?;
    println!("staff: {} more, {} roster entries ({:.1} s)", staff.len(), roster_rows, started.elapsed().as_secs_f64());

    // Reports over the last year: a third answered and published, a sixth in progress.
    let from = now - Duration::days(365);
    let span = (now - from).num_seconds();
    let have_reports = ticket::Entity::find().count(&db).await? as usize;
    let mut published = 0;
    for start in (0..REPORTS.saturating_sub(have_reports)).step_by(10_000) {
        let txn = db.begin().await?;
        let mut rows = Vec::with_capacity(10_000);
        for i in start..(start + 10_000).min(REPORTS - have_reports) {
            let at = from + Duration::seconds(span * i as i64 / REPORTS as i64);
            let s = &services[(i * 7919) % services.len()];
            let topic = TOPICS[i % TOPICS.len()];
            let mut t = server::testing::plain_ticket(s.unit_id, format!("skala{i}"), format!("skala-{i}"), at);
            t.service_id = Set(Some(s.id));
            t.kind = Set(["pengaduan", "konsultasi", "informasi", "aspirasi"][i % 4].into());
            t.subject = Set(format!("{} — {}", s.name, &topic[..topic.find(' ').unwrap_or(topic.len())]));
            t.body = Set(format!("Laporan {i}: {topic} pada layanan {}. Mohon ditindaklanjuti.", s.name));
            t.reporter_name = Set(format!("Warga {i}"));
            t.confidential = Set(i % 5 == 0);
            t.anonymous = Set(i % 10 == 3);
            t.status = Set(match i % 6 {
                0 | 1 => app::tickets::Status::Resolved,
                2 => app::tickets::Status::InProgress,
                _ => app::tickets::Status::Closed,
            });
            if i % 6 < 2 || i % 6 > 2 {
                t.resolved_at = Set(Some(at + Duration::days(3)));
            }
            if i % 3 == 0 && i % 5 != 0 && i % 10 != 3 {
                published += 1;
                t.status = Set(app::tickets::Status::Resolved);
                t.resolved_at = Set(Some(at + Duration::days(3)));
                t.published_at = Set(Some(at + Duration::days(3)));
                t.public_subject = Set(Some(format!("{}: {topic}", s.name)));
                t.public_body = Set(Some(format!("Pelapor menyampaikan bahwa {topic} pada layanan {}.", s.name)));
            }
            rows.push(t);
        }
        insert_batches(&txn, rows).await?;
        txn.commit().await?;
    }
    // The answers of the published ones, as the register shows them.
    let txn = db.begin().await?;
    let answered: Vec<(i32, chrono::DateTime<Utc>)> = ticket::Entity::find()
        .select_only()
        .column(ticket::Column::Id)
        .column(ticket::Column::ResolvedAt)
        .filter(ticket::Column::Code.is_not_null())
        .filter(ticket::Column::PublishedAt.is_not_null())
        .filter(ticket::Column::SubmissionKey.like("skala-%"))
        .into_tuple::<(i32, Option<chrono::DateTime<Utc>>)>()
        .all(&txn)
        .await?
        .into_iter()
        .filter_map(|(id, at)| Some((id, at?)))
        .collect();
    let mut events = Vec::new();
    for (id, at) in &answered {
        events.push(ticket_event::ActiveModel {
            ticket_id: Set(*id),
            kind: Set(app::tickets::EventKind::Reply),
            internal: Set(false),
            body: Set("Terima kasih atas laporannya. Kami sudah menambah petugas pada jam sibuk dan memperbaiki layanan daring.".into()),
            actor_user_id: Set(Some(admin)),
            at: Set(*at),
            ..Default::default()
        });
    }
    insert_batches(&txn, events).await?;
    txn.commit().await?;
    println!("reports: {} ({} published with an answer) ({:.1} s)", REPORTS, published, started.elapsed().as_secs_f64());

    // A month of bookings: a room in every unit, two visitors in each of eight morning slots.
    let txn = db.begin().await?;
    let with_room: std::collections::HashSet<i32> =
        room::Entity::find().all(&txn).await?.into_iter().map(|r| r.unit_id).collect();
    let rooms: Vec<room::ActiveModel> = units
        .iter()
        .filter(|u| !with_room.contains(&u.id))
        .map(|u| server::demo::service_room(u.id))
        .collect();
    insert_batches(&txn, rooms).await?;
    let days: Vec<NaiveDate> = (0..42).map(|d| today + Duration::days(d - 14)).filter(|d| d.weekday().num_days_from_monday() < 5).take(30).collect();
    let mut slots = Vec::new();
    for u in &new_units {
        for d in &days {
            for h in 0..8 {
                slots.push(booking_slot::ActiveModel {
                    unit_id: Set(u.id),
                    date: Set(*d),
                    starts: Set(format!("{:02}:{:02}", 8 + h / 2, 30 * (h % 2))),
                    ends: Set(format!("{:02}:{:02}", 8 + (h + 1) / 2, 30 * ((h + 1) % 2))),
                    places: Set(4),
                    walkin_places: Set(0),
                    booked: Set(2),
                    walkins: Set(0),
                    ..Default::default()
                });
            }
        }
    }
    insert_batches(&txn, slots).await?;
    let first_service: std::collections::HashMap<i32, i32> =
        services.iter().rev().map(|s| (s.unit_id, s.id)).collect();
    let new_unit_ids: Vec<i32> = new_units.iter().map(|u| u.id).collect();
    let mut bookings = Vec::new();
    for chunk in new_unit_ids.chunks(100) {
        for slot in booking_slot::Entity::find().filter(booking_slot::Column::UnitId.is_in(chunk.to_vec())).all(&txn).await? {
            for k in 0..2 {
                let n = slot.id * 2 + k;
                let at = Utc.from_utc_datetime(&slot.date.and_hms_opt(0, 0, 0).ok_or("time")?) - Duration::days(3);
                let past = slot.date < today;
                bookings.push(booking::ActiveModel {
                    code: Set(format!("SK{n:08}")),
                    unit_id: Set(slot.unit_id),
                    service_id: Set(first_service[&slot.unit_id]),
                    slot_id: Set(slot.id),
                    date: Set(slot.date),
                    name: Set(format!("Pengunjung {n}")),
                    email: Set(None),
                    phone: Set(Some(format!("08{n:010}"))),
                    email_key: Set(None),
                    phone_key: Set(Some(format!("08{n:010}"))),
                    lang: Set("id".into()),
                    status: Set(if past { "served" } else { "booked" }.into()),
                    walk_in: Set(false),
                    submission_key: Set(format!("skala-booking-{n}")),
                    created_at: Set(at),
                    updated_at: Set(at),
                    served_at: Set(past.then_some(at + Duration::days(3))),
                    ..Default::default()
                });
            }
        }
    }
    let booking_rows = bookings.len();
    insert_batches(&txn, bookings).await?;
    txn.commit().await?;
    println!("bookings: {booking_rows} over {} working days ({:.1} s)", days.len(), started.elapsed().as_secs_f64());

    analyze(&db).await?;
    println!("done in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// Fresh statistics for the query planner, as an operator runs after a bulk load.
async fn analyze(db: &DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    db.execute_unprepared("ANALYZE").await?;
    Ok(())
}
