//! Domain tests of reports: the confirmation gate, idempotent submission, what staff and
//! citizens may see, status changes, forward and merge, the public register and the outbox.
//! Each runs on every database kind available (SQLite, and PostgreSQL with TEST_DATABASE_URL).
use app::auth::CurrentUser;
use app::error::AppError;
use app::i18n::Lang;
use app::ssr::entities::{audit_log, outbox, ticket};
use app::ssr::outbox::RetryPolicy;
use app::tickets::ssr::{self as tk, Env, ReplyInput};
use app::tickets::views::{ConfirmOutcome, InboxFilter};
use app::tickets::{ReportAnswers, Status, TrackingCode};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

const ENV: Env<'static> = Env { public_url: "https://layanan.test" };

async fn seeded() -> Vec<(&'static str, DatabaseConnection)> {
    let mut out = Vec::new();
    for (kind, db) in server::testing::databases().await {
        server::demo::seed(&db, chrono::Utc::now()).await.unwrap();
        out.push((kind, db));
    }
    out
}

async fn user(db: &DatabaseConnection, email: &str) -> CurrentUser {
    use app::ssr::entities::user;
    let u = user::Entity::find().filter(user::Column::Email.eq(email)).one(db).await.unwrap().unwrap();
    app::auth::ssr::load_user(db, u.id).await.unwrap().unwrap()
}

fn answers(email: &str) -> ReportAnswers {
    ReportAnswers {
        kind: "pengaduan".into(),
        unit: "disdukcapil-balikpapan".into(),
        service: "akta-kelahiran".into(),
        subject: "Akta belum terbit setelah 10 hari".into(),
        body: "Saya mengajukan akta kelahiran sepuluh hari lalu dan belum ada kabar sampai hari ini.".into(),
        place: "Loket 2".into(),
        name: "Budi Santoso".into(),
        email: email.into(),
        phone: "0812 3456 7890".into(),
        anonymous: false,
        confidential: false,
        attachments: vec![],
    }
}

async fn mails_to(db: &DatabaseConnection, to: &str) -> Vec<outbox::Model> {
    outbox::Entity::find().filter(outbox::Column::ToAddr.eq(to)).all(db).await.unwrap()
}

fn token_in(text: &str) -> String {
    let start = text.find("/konfirmasi/").expect("confirmation link") + "/konfirmasi/".len();
    text[start..start + 64].to_string()
}

async fn get(db: &DatabaseConnection, id: i32) -> ticket::Model {
    ticket::Entity::find_by_id(id).one(db).await.unwrap().unwrap()
}

#[tokio::test]
async fn an_email_address_is_limited_per_hour_beside_the_client_in_one_count() {
    for (kind, db) in server::testing::databases().await {
        server::demo::seed(&db, chrono::Utc::now()).await.unwrap();
        let now = chrono::Utc::now();
        let limits = |client: &str| tk::Limits { client: format!("report-ip:{client}"), client_per_hour: 3, email_per_hour: 2 };
        let send = |key: &str, client: &str, email: &str| {
            let (db, key, client, email) = (db.clone(), key.to_string(), client.to_string(), email.to_string());
            async move { tk::submit_limited(&db, &answers(&email), &key, Lang::Id, &ENV, Some(limits(&client)), tk::Form, now).await }
        };
        // Two from one address by mail, from two networks: the third waits for the hour.
        send("e-1", "10.0.0.1", "ani@contoh.id").await.unwrap();
        send("e-2", "10.0.0.2", "ani@contoh.id").await.unwrap();
        let third = send("e-3", "10.0.0.3", "ani@contoh.id").await;
        assert!(matches!(third, Err(AppError::RateLimited { retry_after_minutes: 60 })), "{kind}: {:?}", third.err());
        // Another address from the first network still fits its client's three.
        send("e-4", "10.0.0.1", "budi@contoh.id").await.unwrap();
        send("e-5", "10.0.0.1", "cici@contoh.id").await.unwrap();
        let fourth = send("e-6", "10.0.0.1", "dedi@contoh.id").await;
        assert!(matches!(fourth, Err(AppError::RateLimited { .. })), "{kind}: the client's limit: {:?}", fourth.err());
        let made = ticket::Entity::find().filter(ticket::Column::SubmissionKey.starts_with("e-")).all(&db).await.unwrap();
        assert_eq!(made.len(), 4, "{kind}: nothing refused was made");
    }
}

#[tokio::test]
async fn first_report_waits_for_confirmation_and_submitting_twice_makes_one() {
    for (kind, db) in seeded().await {
        let a = answers("budi@contoh.id");
        let first = tk::submit(&db, &a, "key-1", Lang::Id, &ENV, chrono::Utc::now()).await.unwrap();
        assert!(first.awaiting_confirmation, "{kind}");
        let again = tk::submit(&db, &a, "key-1", Lang::Id, &ENV, chrono::Utc::now()).await.unwrap();
        assert_eq!(again.ticket_id, first.ticket_id, "{kind}: the same form twice is one ticket");
        assert_eq!(ticket::Entity::find().filter(ticket::Column::SubmissionKey.eq("key-1")).all(&db).await.unwrap().len(), 1);

        // Not in the inbox while waiting.
        let staff = user(&db, "petugas.capil@layanan.go.id").await;
        let unit = tk::unit_for_staff(&db, &staff, "disdukcapil-balikpapan").await.unwrap();
        let inbox = tk::inbox(&db, &staff, &unit, &InboxFilter::default(), Lang::Id, chrono::Utc::now()).await.unwrap();
        assert!(inbox.rows.iter().all(|r| r.id != first.ticket_id), "{kind}");

        let mails = mails_to(&db, "budi@contoh.id").await;
        assert_eq!(mails.len(), 1, "{kind}");
        assert!(mails[0].body_text.contains(&first.code.to_string()), "{kind}: the code is in the mail");
        let token = token_in(&mails[0].body_text);
        assert_eq!(tk::confirm_email(&db, &"0".repeat(64), &ENV, chrono::Utc::now()).await.unwrap(), ConfirmOutcome::Unknown);
        assert!(matches!(tk::confirm_email(&db, &token, &ENV, chrono::Utc::now()).await.unwrap(), ConfirmOutcome::Confirmed { .. }), "{kind}");
        assert!(matches!(tk::confirm_email(&db, &token, &ENV, chrono::Utc::now()).await.unwrap(), ConfirmOutcome::AlreadyConfirmed { .. }), "{kind}");
        assert_eq!(get(&db, first.ticket_id).await.status, app::tickets::Status::New, "{kind}");
        let inbox = tk::inbox(&db, &staff, &unit, &InboxFilter::default(), Lang::Id, chrono::Utc::now()).await.unwrap();
        assert!(inbox.rows.iter().any(|r| r.id == first.ticket_id), "{kind}: routed once confirmed");
        // The first group of the code, as the citizen reads it out on the phone (lower
        // case, an O for a zero): found; a group from the middle is not a start.
        let code = first.code.to_string();
        let spoken = code[..5].to_lowercase().replace('0', "o");
        for (typed, found) in [(spoken.as_str(), true), (&code[..11], true), (&code[6..11], false)] {
            let f = InboxFilter { q: typed.to_string(), status: "semua".into(), ..Default::default() };
            let rows = tk::inbox(&db, &staff, &unit, &f, Lang::Id, chrono::Utc::now()).await.unwrap().rows;
            assert_eq!(rows.iter().any(|r| r.id == first.ticket_id), found, "{kind}: {typed}");
        }

        // The address is known now: the next report goes straight through.
        let second = tk::submit(&db, &answers("BUDI@contoh.id"), "key-2", Lang::En, &ENV, chrono::Utc::now()).await.unwrap();
        assert!(!second.awaiting_confirmation, "{kind}");
        let mails = mails_to(&db, "budi@contoh.id").await;
        assert!(mails.iter().any(|m| m.subject.contains("received")), "{kind}: English receipt");
    }
}

#[tokio::test]
async fn validation_names_each_problem() {
    for (kind, db) in seeded().await {
        let mut a = answers("");
        a.kind = "lain".into();
        a.body = "pendek".into();
        a.phone = "12ab".into();
        a.unit = "disdukcapil-balikpapan".into();
        a.service = "tidak-ada".into();
        let Err(AppError::Invalid(e)) = tk::submit(&db, &a, "k", Lang::Id, &ENV, chrono::Utc::now()).await else { panic!("{kind}") };
        for field in ["kind", "unit", "body", "email", "phone"] {
            assert!(e.get(field).is_some(), "{kind}: {field} in {e:?}");
        }
    }
}

#[tokio::test]
async fn internal_notes_never_reach_the_citizen_and_replies_do() {
    for (kind, db) in seeded().await {
        let done = tk::submit(&db, &answers("rina@contoh.id"), "k1", Lang::Id, &ENV, chrono::Utc::now()).await.unwrap();
        let staff = user(&db, "petugas.capil@layanan.go.id").await;
        let (u, t) = tk::ticket_for_staff(&db, &staff, "disdukcapil-balikpapan", done.ticket_id).await.unwrap();
        let note = ReplyInput { body: "CATATAN-INTERNAL-XYZ jangan bocor", internal: true, sign_with_name: false, then: None };
        tk::reply(&db, &staff, &u, &t, note, &ENV, chrono::Utc::now()).await.unwrap();
        let t = get(&db, t.id).await;
        let answer = ReplyInput { body: "Akta Anda sudah terbit.", internal: false, sign_with_name: true, then: Some(Status::Resolved) };
        tk::reply(&db, &staff, &u, &t, answer, &ENV, chrono::Utc::now()).await.unwrap();

        let t = get(&db, t.id).await;
        assert_eq!(t.status, app::tickets::Status::Resolved, "{kind}");
        assert_eq!(t.assigned_to, Some(staff.id), "{kind}: the replier takes it");
        let view = tk::citizen_view(&db, &t, Lang::Id, chrono::Utc::now()).await.unwrap();
        let all: String = view.timeline.iter().map(|i| format!("{} {} {}", i.title, i.body, i.by)).collect();
        assert!(!all.contains("CATATAN-INTERNAL"), "{kind}: {all}");
        assert!(all.contains("Akta Anda sudah terbit."), "{kind}");
        assert!(all.contains("Petugas Disdukcapil — Dinas Kependudukan"), "{kind}: signed with the name by choice: {all}");
        for m in outbox::Entity::find().all(&db).await.unwrap() {
            assert!(!m.body_text.contains("CATATAN-INTERNAL") && !m.body_html.contains("CATATAN-INTERNAL"), "{kind}");
        }
        let mails = mails_to(&db, "rina@contoh.id").await;
        assert!(mails.iter().any(|m| m.body_text.contains("Akta Anda sudah terbit.")), "{kind}");
        let mine: Vec<_> = mails.iter().filter(|m| m.ticket_id == Some(done.ticket_id)).collect();
        assert!(mine.len() >= 2, "{kind}: receipt and reply");
        // One press, one mail: the answer, the new status and the survey together.
        let answer: Vec<_> = mails.iter().filter(|m| m.body_text.contains("Akta Anda sudah terbit.")).collect();
        assert_eq!(answer.len(), 1, "{kind}");
        assert!(answer[0].body_text.contains("Status laporan kini: Selesai") && answer[0].body_text.contains("https://layanan.test/survei/"), "{kind}: {}", answer[0].body_text);
        assert!(!mails.iter().any(|m| m.subject.contains("Status laporan Anda berubah") || m.subject.starts_with("Survei kepuasan")), "{kind}: no second or third mail");
        assert!(mine.iter().all(|m| m.body_text.contains("https://layanan.test/lacak/")), "{kind}: tracking link");
        // Staff see the note, marked internal.
        let sv = tk::staff_view(&db, &staff, &u, &t, None, Lang::Id, chrono::Utc::now()).await.unwrap();
        assert!(sv.events.iter().any(|e| e.internal && e.body.contains("CATATAN-INTERNAL")), "{kind}");
    }
}

#[tokio::test]
async fn anonymous_reporters_are_hidden_from_staff_everywhere() {
    for (kind, db) in seeded().await {
        // An address confirmed before, so the report goes straight to staff.
        use sea_orm::{ActiveModelTrait, Set};
        app::ssr::entities::verified_email::ActiveModel { email: Set("saksi@contoh.id".into()), verified_at: Set(chrono::Utc::now()) }
            .insert(&db)
            .await
            .unwrap();
        let mut a = answers("saksi@contoh.id");
        a.anonymous = true;
        a.name = "Rahasia Sekali".into();
        a.phone = "0811 2222 3333".into();
        let done = tk::submit(&db, &a, "anon", Lang::Id, &ENV, chrono::Utc::now()).await.unwrap();
        let staff = user(&db, "petugas.capil@layanan.go.id").await;
        let (u, t) = tk::ticket_for_staff(&db, &staff, "disdukcapil-balikpapan", done.ticket_id).await.unwrap();
        // Held by a staff member, so the follow-up is mailed to them.
        tk::assign(&db, &staff, &u, &t, Some(staff.id), chrono::Utc::now()).await.unwrap();
        let t = get(&db, t.id).await;
        tk::citizen_message(&db, &t, "Tambahan keterangan dari saya.", &ENV, chrono::Utc::now()).await.unwrap();
        let sv = tk::staff_view(&db, &staff, &u, &t, None, Lang::Id, chrono::Utc::now()).await.unwrap();
        let page = format!("{sv:?}");
        let inbox = tk::inbox(&db, &staff, &u, &InboxFilter { status: "semua".into(), ..Default::default() }, Lang::Id, chrono::Utc::now()).await.unwrap();
        let csv = tk::export_csv(&db, &u, Lang::Id).await.unwrap();
        let audit = format!("{:?}", audit_log::Entity::find().all(&db).await.unwrap());
        for text in [&page, &format!("{inbox:?}"), &csv, &audit] {
            for secret in ["Rahasia Sekali", "saksi@contoh.id", "0811 2222 3333"] {
                assert!(!text.contains(secret), "{kind}: {secret} leaked");
            }
        }
        assert!(sv.reporter.is_none(), "{kind}");
        assert!(csv.contains("Anonim"), "{kind}");
        // Staff mail about the follow-up names nobody either.
        let staff_mail = mails_to(&db, "petugas.capil@layanan.go.id").await;
        assert!(!staff_mail.is_empty(), "{kind}: the holder hears of the follow-up");
        for m in staff_mail {
            for secret in ["Rahasia Sekali", "saksi@contoh.id", "0811 2222 3333"] {
                assert!(!m.body_text.contains(secret) && !m.body_html.contains(secret) && !m.subject.contains(secret), "{kind}: {secret}");
            }
        }
    }
}

#[tokio::test]
async fn staff_of_another_unit_get_not_found() {
    for (kind, db) in seeded().await {
        let done = tk::submit(&db, &answers("rina@contoh.id"), "k", Lang::Id, &ENV, chrono::Utc::now()).await.unwrap();
        let other = user(&db, "petugas.ptsp@layanan.go.id").await;
        let r = tk::ticket_for_staff(&db, &other, "disdukcapil-balikpapan", done.ticket_id).await;
        assert_eq!(r.unwrap_err(), AppError::NotFound, "{kind}");
        let r = tk::ticket_for_staff(&db, &other, "dpmptsp-bandung", done.ticket_id).await;
        assert_eq!(r.unwrap_err(), AppError::NotFound, "{kind}: the id under their own unit is not theirs either");
        assert_eq!(tk::unit_for_staff(&db, &other, "disdukcapil-balikpapan").await.unwrap_err(), AppError::NotFound);
    }
}

#[tokio::test]
async fn clarification_resolution_reopening_rating_and_the_register() {
    for (kind, db) in seeded().await {
        let done = tk::submit(&db, &answers("rina@contoh.id"), "k", Lang::Id, &ENV, chrono::Utc::now()).await.unwrap();
        let staff = user(&db, "petugas.capil@layanan.go.id").await;
        let (u, t) = tk::ticket_for_staff(&db, &staff, "disdukcapil-balikpapan", done.ticket_id).await.unwrap();
        let promised = tk::citizen_view(&db, &t, Lang::Id, chrono::Utc::now()).await.unwrap().promise.unwrap_or_default();
        assert!(promised.starts_with("Petugas menanggapi paling lambat") && promised.contains("pukul 16.00 WITA"), "{kind}: {promised}");
        tk::set_status(&db, &staff, &u, &t, Status::WaitingCitizen, "Mohon kirim nomor registrasi.", &ENV, chrono::Utc::now()).await.unwrap();
        let t = get(&db, t.id).await;
        // Asking the citizen verifies and answers it, and stops the clock.
        assert!(t.verified_at.is_some() && t.first_response_at.is_some() && t.paused_since.is_some(), "{kind}");
        let paused = tk::citizen_view(&db, &t, Lang::Id, chrono::Utc::now()).await.unwrap().promise.unwrap_or_default();
        assert!(paused.contains("berhenti sementara"), "{kind}: {paused}");
        let sv = tk::staff_view(&db, &staff, &u, &t, None, Lang::Id, chrono::Utc::now()).await.unwrap();
        assert_eq!(sv.deadlines.iter().map(|d| d.state.as_str()).collect::<Vec<_>>(), ["met", "met", "paused"], "{kind}");
        // Staff cannot jump from a status to itself.
        assert!(matches!(tk::set_status(&db, &staff, &u, &t, Status::WaitingCitizen, "", &ENV, chrono::Utc::now()).await, Err(AppError::Invalid(_))));
        tk::citizen_message(&db, &t, "Nomor registrasi 12-345. Hubungi budi@contoh.id", &ENV, chrono::Utc::now()).await.unwrap();
        let t = get(&db, t.id).await;
        assert_eq!(t.status, app::tickets::Status::InProgress, "{kind}: the answer puts it back to staff");
        assert!(t.paused_since.is_none(), "{kind}: the clock runs again");
        tk::reply(
            &db,
            &staff,
            &u,
            &t,
            ReplyInput { body: "Sudah terbit, Bapak Budi Santoso dapat mengambilnya.", internal: false, sign_with_name: false, then: Some(Status::Resolved) },
            &ENV,
            chrono::Utc::now(),
        )
        .await
        .unwrap();
        let t = get(&db, t.id).await;
        // Rating only once; not before resolution.
        assert!(tk::rate(&db, &t, 5, "", chrono::Utc::now()).await.is_err());
        tk::rate(&db, &t, 4, "Cepat", chrono::Utc::now()).await.unwrap();
        let t = get(&db, t.id).await;
        assert_eq!(tk::rate(&db, &t, 3, "", chrono::Utc::now()).await.unwrap_err(), AppError::Conflict, "{kind}");

        // Answered is not yet public: a staff member reads the masked text and publishes it.
        let reg = tk::register(&db, "terbit", None, None, Lang::Id).await.unwrap();
        assert!(reg.entries.iter().all(|e| e.subject != "Akta belum terbit setelah 10 hari"), "{kind}: not before a person has read it");
        let sv = tk::staff_view(&db, &staff, &u, &t, None, Lang::Id, chrono::Utc::now()).await.unwrap();
        assert!(sv.may_publish && sv.published.is_none() && !sv.in_register, "{kind}");
        tk::publish(&db, &staff, &t, &sv.public_subject, &sv.public_body, chrono::Utc::now()).await.unwrap();
        let t = get(&db, t.id).await;
        // In the register, without personal data.
        let reg = tk::register(&db, "terbit", None, None, Lang::Id).await.unwrap();
        let entry = reg.entries.iter().find(|e| e.subject == "Akta belum terbit setelah 10 hari").expect("listed");
        let text = format!("{entry:?}");
        assert!(!text.contains("Budi Santoso") && !text.contains("budi@contoh.id"), "{kind}: {text}");
        // The register's index finds a part of a word of the published copy, in any case,
        // within its unit; a word of the reporter's own unpublished text finds nothing.
        let found = |reg: app::tickets::views::RegisterData| reg.entries.iter().any(|e| e.subject == "Akta belum terbit setelah 10 hari");
        assert!(found(tk::register(&db, "TERBI akta", None, None, Lang::Id).await.unwrap()), "{kind}");
        assert!(found(tk::register(&db, "terbit", Some("disdukcapil-balikpapan"), None, Lang::Id).await.unwrap()), "{kind}");
        let elsewhere = tk::register(&db, "terbit", Some("rsud-jayapura"), None, Lang::Id).await.unwrap();
        assert!(!found(elsewhere.clone()) && elsewhere.unit.as_deref() == Some("rsud-jayapura"), "{kind}");
        assert!(!found(tk::register(&db, "santoso", None, None, Lang::Id).await.unwrap()), "{kind}: masked words are not searchable");
        // Choosing a unit offers its services, and a service of another unit is left behind.
        let capil = tk::register(&db, "", Some("disdukcapil-balikpapan"), None, Lang::Id).await.unwrap();
        assert!(!capil.services.is_empty() && capil.units.len() >= 3, "{kind}");
        let (service_id, _) = capil.services[0].clone();
        let moved = tk::register(&db, "", Some("rsud-jayapura"), Some(service_id), Lang::Id).await.unwrap();
        assert_eq!((moved.unit.as_deref(), moved.service), (Some("rsud-jayapura"), None), "{kind}");
        let by_service = tk::register(&db, "", None, Some(service_id), Lang::Id).await.unwrap();
        assert_eq!((by_service.unit.as_deref(), by_service.service), (Some("disdukcapil-balikpapan"), Some(service_id)), "{kind}");
        // Staff exclude it with a reason.
        tk::exclude_from_register(&db, &staff, &t, "Menyebut nama petugas", true, chrono::Utc::now()).await.unwrap();
        let reg = tk::register(&db, "terbit", None, None, Lang::Id).await.unwrap();
        assert!(reg.entries.iter().all(|e| e.subject != "Akta belum terbit setelah 10 hari"), "{kind}");

        // Reopening within 10 working days.
        let t = get(&db, t.id).await;
        tk::reopen(&db, &t, "Ternyata nama ibu salah ketik.", &ENV, chrono::Utc::now()).await.unwrap();
        assert_eq!(get(&db, t.id).await.status, app::tickets::Status::InProgress, "{kind}");
        assert!(server::testing::drifted_open_counts(&db).await.is_empty(), "{kind}: open counts drifted");
    }
}

#[tokio::test]
async fn the_register_pages_through_every_published_report_newest_answer_first() {
    use sea_orm::{ActiveModelTrait, Set};
    for (kind, db) in seeded().await {
        // 45 answered and published reports; some pairs answered in the same second, so the
        // order (and the place an older page starts) must not depend on the time alone.
        let base = chrono::Utc::now() - chrono::Duration::days(3);
        for i in 0..45 {
            let done = tk::submit(&db, &answers(&format!("w{i}@contoh.id")), &format!("p{i}"), Lang::Id, &ENV, chrono::Utc::now()).await.unwrap();
            let mut t: ticket::ActiveModel = get(&db, done.ticket_id).await.into();
            t.status = Set(Status::Resolved);
            t.resolved_at = Set(Some(base + chrono::Duration::minutes(i / 2)));
            t.published_at = Set(Some(base + chrono::Duration::minutes(i / 2)));
            t.public_subject = Set(Some(format!("Laporan uji {i:02} {}", if i % 2 == 0 { "genap" } else { "ganjil" })));
            t.public_body = Set(Some("Isi yang diterbitkan.".into()));
            t.update(&db).await.unwrap();
        }
        let units = tk::unit_directory(&db).await.unwrap();
        let mut seen: Vec<String> = Vec::new();
        let mut before = None;
        let mut pages = 0;
        loop {
            let page = tk::register_in(&db, units.clone(), "", None, None, before, Lang::Id).await.unwrap();
            assert!(page.entries.len() as u64 <= tk::REGISTER_PAGE, "{kind}");
            assert_eq!(page.paged, before.is_some(), "{kind}");
            seen.extend(page.entries.into_iter().map(|e| e.subject));
            pages += 1;
            match page.older {
                Some(id) => before = Some(id),
                None => break,
            }
        }
        let ours: Vec<&String> = seen.iter().filter(|s| s.starts_with("Laporan uji")).collect();
        let expected: Vec<String> =
            (0..45).rev().map(|i| format!("Laporan uji {i:02} {}", if i % 2 == 0 { "genap" } else { "ganjil" })).collect();
        assert_eq!(ours, expected.iter().collect::<Vec<_>>(), "{kind}: each once, newest answer first, the later id first on a tie");
        assert!(pages >= 3, "{kind}: {pages} pages");
        let unique: std::collections::HashSet<&String> = seen.iter().collect();
        assert_eq!(unique.len(), seen.len(), "{kind}: no report on two pages");
        // A search carries on to older pages.
        let first = tk::register_in(&db, units.clone(), "genap", None, None, None, Lang::Id).await.unwrap();
        assert_eq!(first.entries.len() as u64, tk::REGISTER_PAGE, "{kind}");
        let second = tk::register_in(&db, units.clone(), "genap", None, None, first.older, Lang::Id).await.unwrap();
        assert_eq!(second.entries.len(), 3, "{kind}: 23 even ones");
        assert!(second.entries.iter().all(|e| e.subject.ends_with("genap")) && second.older.is_none(), "{kind}");
        // A place that is not a published report is the first page.
        let latest = tk::register_in(&db, units.clone(), "", None, None, None, Lang::Id).await.unwrap();
        let odd = tk::register_in(&db, units, "", None, None, Some(-5), Lang::Id).await.unwrap();
        assert!(!odd.paged && odd.entries == latest.entries && odd.older == latest.older, "{kind}");
    }
}

#[tokio::test]
async fn a_register_page_is_read_in_index_order_without_sorting_every_published_report() {
    use sea_orm::{ConnectionTrait, DbBackend, QueryTrait, Statement};
    // SQLite's plan is the one that holds at a province's scale (its planner does not turn
    // on a test's handful of rows); PostgreSQL chooses by its statistics and is measured by
    // `make bench-public` instead.
    let db = server::testing::sqlite().await.unwrap();
    server::demo::seed(&db, chrono::Utc::now()).await.unwrap();
    let cases = [
        ("the whole province", None, None, "", "idx_tickets_register "),
        ("a unit", None, Some(1), "", "idx_tickets_register_unit "),
        ("a service", Some(1), Some(1), "", "idx_tickets_register_service "),
        ("a search", None, None, "antrean loket", "idx_tickets_register "),
        ("a search in a unit", None, Some(1), "antrean KK", "idx_tickets_register_unit "),
    ];
    for (what, service, unit, q, index) in cases {
        for before in [None, Some((chrono::Utc::now(), 7))] {
            let query = tk::register_query(DbBackend::Sqlite, service, unit, q, before).build(DbBackend::Sqlite);
            let explain =
                Statement::from_sql_and_values(DbBackend::Sqlite, format!("EXPLAIN QUERY PLAN {}", query.sql), query.values.unwrap().0);
            let plan: Vec<String> =
                db.query_all(explain).await.unwrap().iter().map(|r| r.try_get_by_index::<String>(3).unwrap()).collect();
            let plan = plan.join("\n");
            let page = if before.is_some() { "an older page" } else { "the first page" };
            assert!(plan.contains(&format!("USING INDEX {index}")), "{what}, {page}: {plan}");
            assert!(!plan.contains("TEMP B-TREE"), "{what}, {page}: sorts instead of reading in order:\n{plan}");
        }
    }
}

#[tokio::test]
async fn forward_and_merge_tell_the_citizens() {
    for (kind, db) in seeded().await {
        let a = tk::submit(&db, &answers("rina@contoh.id"), "a", Lang::Id, &ENV, chrono::Utc::now()).await.unwrap();
        let b = tk::submit(&db, &answers("andi@contoh.id"), "b", Lang::Id, &ENV, chrono::Utc::now()).await.unwrap();
        let c = tk::submit(&db, &answers("warga@contoh.id"), "c", Lang::Id, &ENV, chrono::Utc::now()).await.unwrap();
        let staff = user(&db, "petugas.capil@layanan.go.id").await;
        let (u, tb) = tk::ticket_for_staff(&db, &staff, "disdukcapil-balikpapan", b.ticket_id).await.unwrap();
        // Merge b into a: b closes; both told; b's page shows a's replies, never a's code.
        tk::merge(&db, &staff, &u, &tb, &a.code.to_string(), &ENV, chrono::Utc::now()).await.unwrap();
        let tb = get(&db, b.ticket_id).await;
        assert_eq!(tb.status, app::tickets::Status::Closed, "{kind}");
        assert_eq!(tb.merged_into, Some(a.ticket_id));
        let ta = get(&db, a.ticket_id).await;
        tk::reply(&db, &staff, &u, &ta, ReplyInput { body: "Jawaban bersama.", internal: false, sign_with_name: false, then: None }, &ENV, chrono::Utc::now())
            .await
            .unwrap();
        let vb = tk::citizen_view(&db, &tb, Lang::Id, chrono::Utc::now()).await.unwrap();
        let text = format!("{vb:?}");
        assert!(text.contains("Jawaban bersama."), "{kind}");
        assert!(!text.contains(&a.code.to_string()), "{kind}: the other report's code stays hidden");
        assert!(mails_to(&db, "andi@contoh.id").await.iter().any(|m| m.body_text.contains("Jawaban bersama.")), "{kind}");
        assert!(mails_to(&db, "rina@contoh.id").await.iter().any(|m| m.subject.contains("digabung")), "{kind}");
        // Merging into an unknown or mistyped code is refused clearly.
        let (_, tc) = tk::ticket_for_staff(&db, &staff, "disdukcapil-balikpapan", c.ticket_id).await.unwrap();
        assert!(matches!(tk::merge(&db, &staff, &u, &tc, "AAAAA-AAAAA-AAAAA", &ENV, chrono::Utc::now()).await, Err(AppError::Invalid(_))));
        let unknown = tk::merge(&db, &staff, &u, &tc, "#999999", &ENV, chrono::Utc::now()).await.unwrap_err();
        assert!(matches!(&unknown, AppError::Invalid(e) if e.get("target") == Some(&app::forms::Problem::UnknownReport)), "{kind}: {unknown:?}");
        // Staff name the main report by the number the inbox shows (they never see its code).
        let d = tk::submit(&db, &answers("andi@contoh.id"), "d", Lang::Id, &ENV, chrono::Utc::now()).await.unwrap();
        let (_, td) = tk::ticket_for_staff(&db, &staff, "disdukcapil-balikpapan", d.ticket_id).await.unwrap();
        tk::merge(&db, &staff, &u, &td, &format!(" #{} ", a.ticket_id), &ENV, chrono::Utc::now()).await.unwrap();
        assert_eq!(get(&db, d.ticket_id).await.merged_into, Some(a.ticket_id), "{kind}");
        // Forward c to another unit.
        tk::forward(&db, &staff, &u, &tc, "dpmptsp-bandung", "Perizinan usaha ditangani DPMPTSP.", &ENV, chrono::Utc::now()).await.unwrap();
        let tc = get(&db, c.ticket_id).await;
        assert_ne!(tc.unit_id, u.id, "{kind}");
        assert!(tk::ticket_for_staff(&db, &staff, "disdukcapil-balikpapan", c.ticket_id).await.is_err());
        let ptsp = user(&db, "petugas.ptsp@layanan.go.id").await;
        assert!(tk::ticket_for_staff(&db, &ptsp, "dpmptsp-bandung", c.ticket_id).await.is_ok(), "{kind}");
        assert!(mails_to(&db, "warga@contoh.id").await.iter().any(|m| m.body_text.contains("DPMPTSP")), "{kind}");
        assert!(server::testing::drifted_open_counts(&db).await.is_empty(), "{kind}: open counts drifted");
    }
}

#[tokio::test]
async fn tracking_codes_are_stored_normalised_and_found_in_any_form() {
    for (kind, db) in seeded().await {
        let done = tk::submit(&db, &answers("rina@contoh.id"), "k", Lang::Id, &ENV, chrono::Utc::now()).await.unwrap();
        let typed = done.code.to_string().to_lowercase().replace('-', " ");
        let found = tk::find_by_code(&db, &TrackingCode::parse(&typed).unwrap()).await.unwrap();
        assert_eq!(found.map(|t| t.id), Some(done.ticket_id), "{kind}");
    }
}

#[tokio::test]
async fn two_workers_never_claim_the_same_message_and_failures_end_visible() {
    use app::ssr::outbox;
    for (kind, db) in seeded().await {
        for i in 0..30 {
            outbox::enqueue(
                &db,
                outbox::Mail { to: format!("w{i}@contoh.id"), subject: "s".into(), text: "t".into(), html: "h".into(), calendar: None, qr: None },
                None,
                chrono::Utc::now(),
            )
            .await
            .unwrap();
        }
        let policy = RetryPolicy { first_delay: chrono::Duration::zero(), max_attempts: 2, ..Default::default() };
        let (a, b) = tokio::join!(
            outbox::claim_due(&db, "worker-a", &policy, 100, chrono::Utc::now()),
            outbox::claim_due(&db, "worker-b", &policy, 100, chrono::Utc::now())
        );
        let (a, b) = (a.unwrap(), b.unwrap());
        let mut ids: Vec<i32> = a.iter().chain(b.iter()).map(|m| m.id).collect();
        let total = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), total, "{kind}: a message claimed twice");
        // A claimed message is not claimed again while its lease holds.
        assert!(outbox::claim_due(&db, "worker-c", &policy, 100, chrono::Utc::now()).await.unwrap().iter().all(|m| !ids.contains(&m.id)));

        // Fail one twice: it ends as failed, visible, and can be queued again.
        let m = a.first().or(b.first()).unwrap().clone();
        let owner = if a.iter().any(|x| x.id == m.id) { "worker-a" } else { "worker-b" };
        outbox::mark_attempt_failed(&db, &m, owner, "451 try later", &policy, chrono::Utc::now()).await.unwrap();
        let again = app::ssr::entities::outbox::Entity::find_by_id(m.id).one(&db).await.unwrap().unwrap();
        assert_eq!(again.status, "pending", "{kind}");
        let claimed = outbox::claim_due(&db, "worker-d", &policy, 100, chrono::Utc::now()).await.unwrap();
        let m2 = claimed.into_iter().find(|x| x.id == m.id).expect("due again");
        outbox::mark_attempt_failed(&db, &m2, "worker-d", "451 try later", &policy, chrono::Utc::now()).await.unwrap();
        let failed = outbox::failed(&db).await.unwrap();
        assert!(failed.iter().any(|f| f.id == m.id && f.attempts == 2), "{kind}");
        assert!(outbox::retry(&db, m.id, chrono::Utc::now()).await.unwrap());
        assert!(outbox::failed(&db).await.unwrap().iter().all(|f| f.id != m.id));
    }
}

#[tokio::test]
async fn a_unit_can_switch_off_the_gate_and_allow_phone_only_reports() {
    use app::ssr::entities::unit;
    use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
    for (kind, db) in seeded().await {
        let u = unit::Entity::find().filter(unit::Column::Slug.eq("disdukcapil-balikpapan")).one(&db).await.unwrap().unwrap();
        let mut am = u.into_active_model();
        am.report_gate = Set(false);
        am.phone_only = Set(true);
        am.update(&db).await.unwrap();
        let done = tk::submit(&db, &answers("baru.sekali@contoh.id"), "g1", Lang::Id, &ENV, chrono::Utc::now()).await.unwrap();
        assert!(!done.awaiting_confirmation, "{kind}: no gate");
        let mut a = answers("");
        a.phone = "0812 1111 2222".into();
        let done = tk::submit(&db, &a, "g2", Lang::Id, &ENV, chrono::Utc::now()).await.unwrap();
        assert!(!done.has_email, "{kind}");
        let t = get(&db, done.ticket_id).await;
        assert_eq!((t.status, t.reporter_phone.as_deref()), (Status::New, Some("0812 1111 2222")), "{kind}");
        // Neither e-mail nor phone: the phone is asked for.
        let mut a = answers("");
        a.phone = String::new();
        let Err(AppError::Invalid(e)) = tk::submit(&db, &a, "g3", Lang::Id, &ENV, chrono::Utc::now()).await else { panic!("{kind}") };
        assert!(e.get("phone").is_some(), "{kind}");
    }
}

#[tokio::test]
async fn managers_hand_reports_to_colleagues_and_staff_only_take_them() {
    for (kind, db) in seeded().await {
        let done = tk::submit(&db, &answers("rina@contoh.id"), "as", Lang::Id, &ENV, chrono::Utc::now()).await.unwrap();
        let staff = user(&db, "petugas.capil@layanan.go.id").await;
        let manager = user(&db, "pimpinan.capil@layanan.go.id").await;
        let (u, t) = tk::ticket_for_staff(&db, &manager, "disdukcapil-balikpapan", done.ticket_id).await.unwrap();
        let view = tk::staff_view(&db, &manager, &u, &t, None, Lang::Id, chrono::Utc::now()).await.unwrap();
        assert!(view.members.iter().any(|(id, _)| *id == staff.id), "{kind}: managers see whom to hand it to");
        tk::assign(&db, &manager, &u, &t, Some(staff.id), chrono::Utc::now()).await.unwrap();
        assert_eq!(get(&db, t.id).await.assigned_to, Some(staff.id), "{kind}");
        // Staff may take or release, not hand to someone else.
        assert_eq!(tk::assign(&db, &staff, &u, &t, Some(manager.id), chrono::Utc::now()).await.unwrap_err(), AppError::Forbidden, "{kind}");
        let sv = tk::staff_view(&db, &staff, &u, &t, None, Lang::Id, chrono::Utc::now()).await.unwrap();
        assert!(sv.members.is_empty(), "{kind}");
        // Someone from another unit cannot be given it.
        let other = user(&db, "petugas.ptsp@layanan.go.id").await;
        assert_eq!(tk::assign(&db, &manager, &u, &t, Some(other.id), chrono::Utc::now()).await.unwrap_err(), AppError::NotFound, "{kind}");
        let audit = audit_log::Entity::find().filter(audit_log::Column::Action.eq("ticket.assign")).all(&db).await.unwrap();
        assert!(audit.iter().any(|a| a.entity_id == t.id.to_string() && a.actor_user_id == Some(manager.id)), "{kind}");
        assert!(server::testing::drifted_open_counts(&db).await.is_empty(), "{kind}: open counts drifted");
    }
}

// ------------------------------------------------------------------ a report's life: defects

/// Another non-manager member of the demo's Disdukcapil unit.
async fn colleague(db: &DatabaseConnection) -> CurrentUser {
    use app::auth::ssr::{create_account, NewAccount};
    use app::admin::ssr::set_membership;
    use app::auth::Role;
    let created = create_account(
        db,
        NewAccount { name: "Rina Petugas".into(), email: "rina.petugas@layanan.go.id".into(), password: "benar-sekali-123".into(), is_admin: false },
        None,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let capil = app::ssr::entities::unit::Entity::find()
        .filter(app::ssr::entities::unit::Column::Slug.eq("disdukcapil-balikpapan"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    set_membership(db, created.id, capil.id, Role::Staff, None, chrono::Utc::now()).await.unwrap();
    user(db, "rina.petugas@layanan.go.id").await
}

#[tokio::test]
async fn a_report_forwarded_while_waiting_for_the_citizen_starts_afresh_in_the_new_unit() {
    for (kind, db) in seeded().await {
        let done = tk::submit(&db, &answers("rina@contoh.id"), "fw", Lang::Id, &ENV, chrono::Utc::now()).await.unwrap();
        let staff = user(&db, "petugas.capil@layanan.go.id").await;
        let (u, t) = tk::ticket_for_staff(&db, &staff, "disdukcapil-balikpapan", done.ticket_id).await.unwrap();
        tk::set_status(&db, &staff, &u, &t, Status::WaitingCitizen, "Mohon kirim nomor registrasi.", &ENV, chrono::Utc::now()).await.unwrap();
        let t = get(&db, t.id).await;
        assert!(t.paused_since.is_some() && t.verified_at.is_some() && t.first_response_at.is_some(), "{kind}");
        tk::forward(&db, &staff, &u, &t, "dpmptsp-bandung", "Perizinan usaha ditangani DPMPTSP.", &ENV, chrono::Utc::now()).await.unwrap();
        let moved = get(&db, t.id).await;
        assert_eq!(moved.status, Status::New, "{kind}");
        assert!(moved.paused_since.is_none() && moved.paused_days == 0, "{kind}: the clock runs in the new unit");
        assert!(moved.verified_at.is_none() && moved.first_response_at.is_none(), "{kind}: the first unit's progress is not the new unit's");
        let ptsp = user(&db, "petugas.ptsp@layanan.go.id").await;
        let (pu, pt) = tk::ticket_for_staff(&db, &ptsp, "dpmptsp-bandung", t.id).await.unwrap();
        let sv = tk::staff_view(&db, &ptsp, &pu, &pt, None, Lang::Id, chrono::Utc::now()).await.unwrap();
        assert_eq!(sv.deadlines.iter().map(|d| d.state.as_str()).collect::<Vec<_>>(), ["pending", "pending", "pending"], "{kind}");
    }
}

#[tokio::test]
async fn only_the_holder_releases_managers_hand_over_and_finished_reports_stay_put() {
    for (kind, db) in seeded().await {
        let done = tk::submit(&db, &answers("rina@contoh.id"), "as1", Lang::Id, &ENV, chrono::Utc::now()).await.unwrap();
        let staff = user(&db, "petugas.capil@layanan.go.id").await;
        let other = colleague(&db).await;
        let manager = user(&db, "pimpinan.capil@layanan.go.id").await;
        let (u, t) = tk::ticket_for_staff(&db, &staff, "disdukcapil-balikpapan", done.ticket_id).await.unwrap();
        tk::assign(&db, &staff, &u, &t, Some(staff.id), chrono::Utc::now()).await.unwrap();
        let t = get(&db, t.id).await;
        // A colleague can neither release nor take a report someone holds, and is told who
        // holds it and who can hand it over.
        for (to, what) in [(None, "release by a colleague"), (Some(other.id), "take from a colleague")] {
            match tk::assign(&db, &other, &u, &t, to, chrono::Utc::now()).await {
                Err(AppError::Moved { id, en }) => {
                    assert!(id.contains(&staff.name) && id.contains("pimpinan unit"), "{kind}: {what}: {id}");
                    assert!(en.contains(&staff.name) && en.contains("manager"), "{kind}: {what}: {en}");
                }
                other => panic!("{kind}: {what}: {other:?}"),
            }
        }
        assert_eq!(get(&db, t.id).await.assigned_to, Some(staff.id), "{kind}");
        // The holder releases; a manager hands over.
        tk::assign(&db, &staff, &u, &t, None, chrono::Utc::now()).await.unwrap();
        let t = get(&db, t.id).await;
        tk::assign(&db, &manager, &u, &t, Some(other.id), chrono::Utc::now()).await.unwrap();
        let t = get(&db, t.id).await;
        assert_eq!(t.assigned_to, Some(other.id), "{kind}");
        // A stale page (it was handed over meanwhile) is refused, not overwritten.
        let stale = t.clone();
        tk::assign(&db, &manager, &u, &t, Some(staff.id), chrono::Utc::now()).await.unwrap();
        assert!(matches!(tk::assign(&db, &manager, &u, &stale, None, chrono::Utc::now()).await, Err(AppError::Moved { .. }) | Err(AppError::Conflict)), "{kind}");
        assert_eq!(get(&db, t.id).await.assigned_to, Some(staff.id), "{kind}");
        // Closed and merged reports are not reassigned.
        let t = get(&db, t.id).await;
        tk::set_status(&db, &staff, &u, &t, Status::Closed, "", &ENV, chrono::Utc::now()).await.unwrap();
        let closed = get(&db, t.id).await;
        assert!(tk::assign(&db, &manager, &u, &closed, Some(other.id), chrono::Utc::now()).await.is_err(), "{kind}: closed");
        assert_eq!(get(&db, t.id).await.assigned_to, Some(staff.id), "{kind}");
        let a = tk::submit(&db, &answers("andi@contoh.id"), "as2", Lang::Id, &ENV, chrono::Utc::now()).await.unwrap();
        let b = tk::submit(&db, &answers("warga@contoh.id"), "as3", Lang::Id, &ENV, chrono::Utc::now()).await.unwrap();
        let tb = get(&db, b.ticket_id).await;
        tk::merge(&db, &staff, &u, &tb, &a.code.to_string(), &ENV, chrono::Utc::now()).await.unwrap();
        let tb = get(&db, b.ticket_id).await;
        assert!(tk::assign(&db, &manager, &u, &tb, Some(other.id), chrono::Utc::now()).await.is_err(), "{kind}: merged");
        assert_ne!(get(&db, b.ticket_id).await.assigned_to, Some(other.id), "{kind}");
        assert!(server::testing::drifted_open_counts(&db).await.is_empty(), "{kind}: open counts drifted");
    }
}

#[tokio::test]
async fn a_change_based_on_a_stale_page_is_refused_and_names_who_moved_it() {
    for (kind, db) in seeded().await {
        let done = tk::submit(&db, &answers("rina@contoh.id"), "st", Lang::Id, &ENV, chrono::Utc::now()).await.unwrap();
        let staff = user(&db, "petugas.capil@layanan.go.id").await;
        let (u, t) = tk::ticket_for_staff(&db, &staff, "disdukcapil-balikpapan", done.ticket_id).await.unwrap();
        tk::set_status(&db, &staff, &u, &t, Status::WaitingCitizen, "Mohon kirim nomor registrasi.", &ENV, chrono::Utc::now()).await.unwrap();
        // The citizen's page was read while the report waited for them.
        let waiting = get(&db, t.id).await;
        tk::set_status(&db, &staff, &u, &waiting, Status::Resolved, "Sudah kami selesaikan.", &ENV, chrono::Utc::now()).await.unwrap();
        let err = tk::citizen_message(&db, &waiting, "Ini nomor registrasi saya: 12-345.", &ENV, chrono::Utc::now()).await.unwrap_err();
        assert!(matches!(err, AppError::Moved { .. }), "{kind}: {err:?}");
        let t = get(&db, t.id).await;
        assert_eq!(t.status, Status::Resolved, "{kind}: the resolution stands");
        assert!(t.resolved_at.is_some(), "{kind}");
        // A staff member acting on a stale page hears who moved it.
        let err = tk::set_status(&db, &staff, &u, &waiting, Status::InProgress, "", &ENV, chrono::Utc::now()).await.unwrap_err();
        let text = err.message(Lang::En);
        assert!(matches!(err, AppError::Moved { .. }), "{kind}: {err:?}");
        assert!(text.contains("Resolved") && text.contains("Petugas Disdukcapil"), "{kind}: {text}");
        assert!(err.message(Lang::Id).contains("Selesai"), "{kind}");
    }
}

#[tokio::test]
async fn reopening_never_overwrites_an_auto_close_and_the_auto_close_speaks_and_mails() {
    use app::ssr::entities::{ticket_event, unit};
    for (kind, db) in seeded().await {
        let done = tk::submit(&db, &answers("rina@contoh.id"), "ac", Lang::En, &ENV, chrono::Utc::now()).await.unwrap();
        let staff = user(&db, "petugas.capil@layanan.go.id").await;
        let (u, t) = tk::ticket_for_staff(&db, &staff, "disdukcapil-balikpapan", done.ticket_id).await.unwrap();
        tk::set_status(&db, &staff, &u, &t, Status::Resolved, "Selesai.", &ENV, chrono::Utc::now()).await.unwrap();
        let resolved = get(&db, t.id).await;
        let mails_before = mails_to(&db, "rina@contoh.id").await.iter().filter(|m| m.ticket_id == Some(t.id)).count();
        // Weeks later the scheduled work closes it.
        let later = chrono::Utc::now() + chrono::Duration::days(40);
        let unit = unit::Entity::find_by_id(u.id).one(&db).await.unwrap().unwrap();
        let mut tally = app::jobs::Tally::default();
        app::jobs::run_unit(&db, &ENV, &unit, later, &mut tally).await.unwrap();
        assert!(tally.closed >= 1, "{kind}: {tally:?}");
        assert_eq!(get(&db, t.id).await.status, Status::Closed, "{kind}");
        // The citizen's page, read before, still offers reopening: it must not undo the close.
        assert!(tk::reopen(&db, &resolved, "Ternyata nama ibu salah ketik.", &ENV, chrono::Utc::now()).await.is_err(), "{kind}");
        assert_eq!(get(&db, t.id).await.status, Status::Closed, "{kind}: the close stands");
        // The history speaks the reporter's language, and they were told.
        let closing = ticket_event::Entity::find()
            .filter(ticket_event::Column::TicketId.eq(t.id))
            .all(&db)
            .await
            .unwrap()
            .into_iter()
            .last()
            .unwrap();
        assert!(closing.body.contains("automatically"), "{kind}: {}", closing.body);
        let mails: Vec<_> = mails_to(&db, "rina@contoh.id").await.into_iter().filter(|m| m.ticket_id == Some(t.id)).collect();
        assert_eq!(mails.len(), mails_before + 1, "{kind}: one mail about the close");
        assert!(
            mails.iter().any(|m| m.body_text.contains("Closed") && m.body_text.contains("automatically")),
            "{kind}: {:?}",
            mails.iter().map(|m| &m.body_text).collect::<Vec<_>>()
        );
    }
}

#[tokio::test]
async fn an_anonymous_report_is_never_released_together_with_a_named_one() {
    for (kind, db) in seeded().await {
        let email = "dua.laporan@contoh.id";
        let named = tk::submit(&db, &answers(email), "an1", Lang::Id, &ENV, chrono::Utc::now()).await.unwrap();
        let mut a = answers(email);
        a.anonymous = true;
        let anon = tk::submit(&db, &a, "an2", Lang::Id, &ENV, chrono::Utc::now()).await.unwrap();
        assert!(named.awaiting_confirmation && anon.awaiting_confirmation, "{kind}");
        let mails = mails_to(&db, email).await;
        assert_eq!(mails.len(), 2, "{kind}: one link per report");
        // Following the named report's link releases it alone.
        let first = mails.iter().find(|m| m.ticket_id == Some(named.ticket_id)).unwrap();
        tk::confirm_email(&db, &token_in(&first.body_text), &ENV, chrono::Utc::now()).await.unwrap();
        assert_eq!(get(&db, named.ticket_id).await.status, Status::New, "{kind}");
        assert_eq!(get(&db, anon.ticket_id).await.status, Status::AwaitingConfirmation, "{kind}: the anonymous one waits for its own link");
        // Its own link releases it, at its own time.
        let second = mails.iter().find(|m| m.ticket_id == Some(anon.ticket_id)).unwrap();
        tk::confirm_email(&db, &token_in(&second.body_text), &ENV, chrono::Utc::now()).await.unwrap();
        assert_eq!(get(&db, anon.ticket_id).await.status, Status::New, "{kind}");
    }
}

#[tokio::test]
async fn confirmation_links_clicked_at_once_each_get_an_answer() {
    use app::ssr::entities::ticket_event;
    for (kind, db) in seeded().await {
        for i in 0..6 {
            // Two reports from a new address: two links, both followed at once, and the same
            // link twice at once.
            let email = format!("baru{i}@contoh.id");
            let first = tk::submit(&db, &answers(&email), &format!("cf{i}a"), Lang::Id, &ENV, chrono::Utc::now()).await.unwrap();
            let second = tk::submit(&db, &answers(&email), &format!("cf{i}b"), Lang::Id, &ENV, chrono::Utc::now()).await.unwrap();
            assert!(first.awaiting_confirmation && second.awaiting_confirmation, "{kind}");
            let mails = mails_to(&db, &email).await;
            let (one, two) = (token_in(&mails[0].body_text), token_in(&mails[1].body_text));
            let (a, b, c) = tokio::join!(tk::confirm_email(&db, &one, &ENV, chrono::Utc::now()), tk::confirm_email(&db, &two, &ENV, chrono::Utc::now()), tk::confirm_email(&db, &one, &ENV, chrono::Utc::now()));
            for outcome in [&a, &b, &c] {
                assert!(
                    matches!(outcome, Ok(ConfirmOutcome::Confirmed { .. }) | Ok(ConfirmOutcome::AlreadyConfirmed { .. })),
                    "{kind}: {outcome:?}"
                );
            }
            for id in [first.ticket_id, second.ticket_id] {
                assert_eq!(get(&db, id).await.status, Status::New, "{kind}");
                let confirmed = ticket_event::Entity::find()
                    .filter(ticket_event::Column::TicketId.eq(id))
                    .filter(ticket_event::Column::Kind.eq("confirmed"))
                    .all(&db)
                    .await
                    .unwrap();
                assert_eq!(confirmed.len(), 1, "{kind}: released once");
            }
        }
    }
}

#[tokio::test]
async fn an_anonim_report_needs_no_name_but_a_named_one_does() {
    use app::forms::Problem;
    for (kind, db) in seeded().await {
        let mut a = answers("tanpa.nama@contoh.id");
        a.name = "  ".into();
        match tk::validate(&db, &a).await {
            Err(AppError::Invalid(e)) => assert_eq!(e.get("name"), Some(&Problem::Required), "{kind}"),
            other => panic!("{kind}: a named report without a name: {:?}", other.map(|_| ())),
        }
        a.anonymous = true;
        tk::validate(&db, &a).await.unwrap_or_else(|e| panic!("{kind}: Anonim without a name refused: {e:?}"));
        let done = tk::submit(&db, &a, "anon-no-name", Lang::Id, &ENV, chrono::Utc::now()).await.unwrap();
        let t = get(&db, done.ticket_id).await;
        assert!(t.anonymous && t.reporter_name.is_empty(), "{kind}");
        // The address is still needed: the answer has to reach the reporter.
        a.email = String::new();
        match tk::validate(&db, &a).await {
            Err(AppError::Invalid(e)) => assert_eq!(e.get("email"), Some(&Problem::Required), "{kind}"),
            other => panic!("{kind}: {:?}", other.map(|_| ())),
        }
    }
}
