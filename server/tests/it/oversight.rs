//! Domain tests of the satisfaction survey and the dashboards: one-use survey links after a
//! resolved report, anonymous answers, and every dashboard figure against a data set whose
//! answers were worked out by hand. Each runs on SQLite, and on PostgreSQL when
//! TEST_DATABASE_URL is set.
use app::auth::CurrentUser;
use app::error::AppError;
use app::i18n::Lang;
use app::oversight::{Cell, PeriodQuery, Table};
use app::satisfaction::ssr::{self as survey, Answers, Refused};
use app::satisfaction::{Grade, SurveyState};
use app::ssr::entities::{booking, booking_slot, outbox, roster_entry, service, survey_invitation, survey_response, ticket, ticket_event, unit, user};
use app::tickets::ssr::{self as tk, Env, ReplyInput};
use app::tickets::{ReportAnswers, Status};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveEnum, ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

const ENV: Env<'static> = Env { public_url: "https://layanan.test" };

async fn user(db: &DatabaseConnection, email: &str) -> CurrentUser {
    let u = user::Entity::find().filter(user::Column::Email.eq(email)).one(db).await.unwrap().unwrap();
    app::auth::ssr::load_user(db, u.id).await.unwrap().unwrap()
}

fn report(subject: &str) -> ReportAnswers {
    ReportAnswers {
        kind: "pengaduan".into(),
        unit: "disdukcapil-balikpapan".into(),
        service: "akta-kelahiran".into(),
        subject: subject.into(),
        body: "Saya mengajukan akta kelahiran sepuluh hari lalu dan belum ada kabar sampai hari ini.".into(),
        name: "Rina Wulandari".into(),
        email: "rina@contoh.id".into(),
        ..Default::default()
    }
}

fn token_in(text: &str) -> String {
    let start = text.find("/survei/").expect("survey link") + "/survei/".len();
    text[start..start + 64].to_string()
}

fn answers(scores: [&str; 9]) -> Answers {
    Answers { scores: scores.map(|s| (!s.is_empty()).then(|| s.to_string())), ..Default::default() }
}

/// Resolves a new report from Rina and returns the survey mails sent to her since.
async fn resolve_one(db: &DatabaseConnection, key: &str) -> (ticket::Model, Vec<outbox::Model>) {
    let done = tk::submit(db, &report(&format!("Akta belum terbit {key}")), key, Lang::Id, &ENV, chrono::Utc::now()).await.unwrap();
    let staff = user(db, "petugas.capil@layanan.go.id").await;
    let (u, t) = tk::ticket_for_staff(db, &staff, "disdukcapil-balikpapan", done.ticket_id).await.unwrap();
    let reply = ReplyInput { body: "Akta sudah terbit dan dapat diambil.", internal: false, sign_with_name: false, then: Some(Status::Resolved) };
    tk::reply(db, &staff, &u, &t, reply, &ENV, chrono::Utc::now()).await.unwrap();
    let t = ticket::Entity::find_by_id(t.id).one(db).await.unwrap().unwrap();
    let mails = outbox::Entity::find()
        .filter(outbox::Column::ToAddr.eq("rina@contoh.id"))
        .filter(outbox::Column::BodyText.contains("/survei/"))
        .all(db)
        .await
        .unwrap();
    (t, mails)
}

#[tokio::test]
async fn a_resolved_report_sends_one_survey_link_that_works_once() {
    for (kind, db) in server::testing::databases().await {
        server::demo::seed(&db, chrono::Utc::now()).await.unwrap();
        let before = survey_response::Entity::find().all(&db).await.unwrap().len();
        let (t, mails) = resolve_one(&db, "s1").await;
        // The demo's own resolved report sent one already; this is the newest.
        let mail = mails.iter().max_by_key(|m| m.id).unwrap();
        assert!(mail.body_text.contains("sembilan pertanyaan") && mail.body_text.contains("tanpa nama"), "{kind}: {}", mail.body_text);
        let token = token_in(&mail.body_text);
        assert!(mail.body_text.contains(&format!("https://layanan.test/survei/{token}")), "{kind}");
        match survey::state(&db, &token, Lang::Id, chrono::Utc::now()).await.unwrap() {
            SurveyState::Open { service_name, visit, .. } => assert_eq!((service_name.as_deref(), visit), (Some("Akta Kelahiran"), false), "{kind}"),
            other => panic!("{kind}: {other:?}"),
        }

        // Nothing answered, a bad age and an unknown choice: each named, nothing stored.
        let mut bad = answers(["", "", "", "", "", "", "", "", ""]);
        bad.age = "dua puluh".into();
        bad.gender = "X".into();
        bad.suggestion = "Antrean perlu dipercepat.".into();
        match survey::submit(&db, &token, &bad, chrono::Utc::now()).await {
            Err(Refused::Invalid(AppError::Invalid(fe))) => {
                let fields: Vec<&str> = fe.0.iter().map(|e| e.field.as_str()).collect();
                assert_eq!(fields, ["u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9", "age", "gender"], "{kind}");
            }
            other => panic!("{kind}: {other:?}"),
        }
        let mut partly = answers(["4", "3", "2", "4", "", "4", "4", "3", "3"]);
        partly.age = "34".into();
        match survey::submit(&db, &token, &partly, chrono::Utc::now()).await {
            Err(Refused::Invalid(AppError::Invalid(fe))) => assert_eq!(fe.0.len(), 1, "{kind}: only U5 is missing"),
            other => panic!("{kind}: {other:?}"),
        }
        assert_eq!(survey_response::Entity::find().all(&db).await.unwrap().len(), before, "{kind}");

        // Two presses at once store one answer.
        let mut good = answers(["4", "3", "2", "4", "3", "4", "4", "3", "3"]);
        good.age = "34".into();
        good.gender = "P".into();
        good.education = "S1".into();
        good.occupation = "SWASTA".into();
        good.suggestion = "Antrean perlu dipercepat.".into();
        let (a, b) = tokio::join!(survey::submit(&db, &token, &good, chrono::Utc::now()), survey::submit(&db, &token, &good, chrono::Utc::now()));
        assert_eq!([a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count(), 1, "{kind}: {a:?} {b:?}");
        assert_eq!(survey::submit(&db, &token, &good, chrono::Utc::now()).await, Err(Refused::Closed), "{kind}");
        assert_eq!(survey::state(&db, &token, Lang::Id, chrono::Utc::now()).await.unwrap(), SurveyState::Used, "{kind}");
        let stored = survey_response::Entity::find().all(&db).await.unwrap();
        assert_eq!(stored.len(), before + 1, "{kind}");
        let r = stored.iter().max_by_key(|r| r.id).unwrap();
        assert_eq!((r.scores(), r.age, r.gender.as_deref(), r.source.as_str()), ([4, 3, 2, 4, 3, 4, 4, 3, 3], Some(34), Some("P"), "ticket"), "{kind}");
        assert_eq!(r.unit_id, t.unit_id, "{kind}");
        assert_eq!(r.submitted_at.timestamp() % 3600, 0, "{kind}: kept to the hour only");

        // Reopened and resolved again: no second link.
        tk::reopen(&db, &t, "Nama ibu salah ketik.", &ENV, chrono::Utc::now()).await.unwrap();
        let staff = user(&db, "petugas.capil@layanan.go.id").await;
        let (u, t) = tk::ticket_for_staff(&db, &staff, "disdukcapil-balikpapan", t.id).await.unwrap();
        tk::set_status(&db, &staff, &u, &t, Status::Resolved, "Sudah diperbaiki.", &ENV, chrono::Utc::now()).await.unwrap();
        let again = outbox::Entity::find()
            .filter(outbox::Column::ToAddr.eq("rina@contoh.id"))
            .filter(outbox::Column::BodyText.contains("/survei/"))
            .all(&db)
            .await
            .unwrap();
        assert_eq!(again.len(), mails.len(), "{kind}");
        let for_ticket = survey_invitation::Entity::find()
            .filter(survey_invitation::Column::Source.eq("ticket"))
            .filter(survey_invitation::Column::SourceId.eq(t.id))
            .all(&db)
            .await
            .unwrap();
        assert_eq!(for_ticket.len(), 1, "{kind}");

        // A link past its 30 days.
        let (_, mails) = resolve_one(&db, "s2").await;
        let old = token_in(&mails.iter().max_by_key(|m| m.id).unwrap().body_text);
        let inv = survey_invitation::Entity::find().all(&db).await.unwrap().into_iter().max_by_key(|i| i.id).unwrap();
        assert_eq!(inv.expires_at - inv.created_at, Duration::days(30), "{kind}");
        survey_invitation::Entity::update_many()
            .col_expr(survey_invitation::Column::ExpiresAt, Expr::value(chrono::Utc::now() - Duration::minutes(1)))
            .filter(survey_invitation::Column::Id.eq(inv.id))
            .exec(&db)
            .await
            .unwrap();
        assert_eq!(survey::state(&db, &old, Lang::Id, chrono::Utc::now()).await.unwrap(), SurveyState::Expired, "{kind}");
        assert_eq!(survey::submit(&db, &old, &good, chrono::Utc::now()).await, Err(Refused::Closed), "{kind}");
        // Unknown and malformed links.
        assert_eq!(survey::state(&db, &"0".repeat(64), Lang::Id, chrono::Utc::now()).await.unwrap(), SurveyState::Unknown, "{kind}");
        assert_eq!(survey::state(&db, "abc", Lang::Id, chrono::Utc::now()).await.unwrap(), SurveyState::Unknown, "{kind}");
    }
}

#[tokio::test]
async fn a_reporter_without_e_mail_answers_from_the_report_page() {
    for (kind, db) in server::testing::databases().await {
        server::demo::seed(&db, chrono::Utc::now()).await.unwrap();
        let u = unit::Entity::find().filter(unit::Column::Slug.eq("disdukcapil-balikpapan")).one(&db).await.unwrap().unwrap();
        let now = chrono::Utc::now();
        let ticket = |n: i32, resolved: Option<DateTime<Utc>>| {
            let mut t = server::testing::plain_ticket(u.id, format!("PHONE{n:010}"), format!("phone-{n}"), now - Duration::days(40));
            t.reporter_phone = Set(Some("0812 3456 7890".into()));
            t.status = Set(if resolved.is_some() { app::tickets::Status::Resolved } else { app::tickets::Status::InProgress });
            t.resolved_at = Set(resolved);
            t
        };
        let open = ticket(1, None).insert(&db).await.unwrap();
        let fresh = ticket(2, Some(now - Duration::days(2))).insert(&db).await.unwrap();
        let stale = ticket(3, Some(now - Duration::days(31))).insert(&db).await.unwrap();
        assert_eq!(survey::state_for_ticket(&db, &open, Lang::Id, chrono::Utc::now()).await.unwrap(), SurveyState::NotYet, "{kind}");
        assert!(!survey::ticket_survey_open(&db, &open, chrono::Utc::now()).await.unwrap(), "{kind}");
        // No e-mail, so no mail; the report's page offers the survey instead.
        assert!(survey::ticket_survey_open(&db, &fresh, chrono::Utc::now()).await.unwrap(), "{kind}");
        assert!(matches!(survey::state_for_ticket(&db, &fresh, Lang::Id, chrono::Utc::now()).await.unwrap(), SurveyState::Open { .. }), "{kind}");
        let good = answers(["3", "3", "3", "3", "3", "3", "3", "3", "3"]);
        survey::submit_for_ticket(&db, &fresh, &good, chrono::Utc::now()).await.unwrap();
        assert_eq!(survey::submit_for_ticket(&db, &fresh, &good, chrono::Utc::now()).await, Err(Refused::Closed), "{kind}: once");
        assert!(!survey::ticket_survey_open(&db, &fresh, chrono::Utc::now()).await.unwrap(), "{kind}");
        assert_eq!(survey::state_for_ticket(&db, &fresh, Lang::Id, chrono::Utc::now()).await.unwrap(), SurveyState::Used, "{kind}");
        // 30 days after the resolution it is closed.
        assert!(!survey::ticket_survey_open(&db, &stale, chrono::Utc::now()).await.unwrap(), "{kind}");
        assert_eq!(survey::state_for_ticket(&db, &stale, Lang::Id, chrono::Utc::now()).await.unwrap(), SurveyState::Expired, "{kind}");
        assert_eq!(survey::submit_for_ticket(&db, &stale, &good, chrono::Utc::now()).await, Err(Refused::Closed), "{kind}");
    }
}

// ------------------------------------------------------------------ the known data set

/// 09:00 WIT (the RSUD's zone) on a day.
fn wit(day: &str, hm: &str) -> DateTime<Utc> {
    let naive = NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap().and_time(chrono::NaiveTime::parse_from_str(hm, "%H:%M").unwrap());
    chrono_tz::Asia::Jayapura.from_local_datetime(&naive).unwrap().with_timezone(&Utc)
}

struct Known {
    u: unit::Model,
    staff: i32,
    services: Vec<service::Model>,
}

#[allow(clippy::too_many_arguments)]
async fn known_ticket(
    db: &DatabaseConnection,
    k: &Known,
    n: i32,
    kind: &str,
    service: Option<i32>,
    subject: &str,
    status: &str,
    created: DateTime<Utc>,
    steps: [Option<DateTime<Utc>>; 3],
    rating: Option<i32>,
    assigned: bool,
) -> ticket::Model {
    let mut t = server::testing::plain_ticket(k.u.id, format!("KNOWN{n:010}"), format!("known-{n}"), created);
    t.kind = Set(kind.into());
    t.service_id = Set(service);
    t.subject = Set(subject.into());
    t.status = Set(app::tickets::Status::parse(status).expect("a status code"));
    t.verified_at = Set(steps[0]);
    t.first_response_at = Set(steps[1]);
    t.resolved_at = Set(steps[2]);
    t.rating = Set(rating);
    t.assigned_to = Set(assigned.then_some(k.staff));
    if status == "awaiting_confirmation" {
        t.confirmed_at = Set(None);
    }
    t.insert(db).await.unwrap()
}

async fn event(db: &DatabaseConnection, ticket_id: i32, kind: &str, actor: i32, at: DateTime<Utc>) {
    ticket_event::ActiveModel {
        ticket_id: Set(ticket_id),
        at: Set(at),
        kind: Set(app::tickets::EventKind::try_from_value(&kind.to_string()).expect("an event kind")),
        actor_user_id: Set(Some(actor)),
        internal: Set(false),
        body: Set(String::new()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
}

/// The RSUD Jayapura (WIT, no demo reports) with February 2027 worked out by hand:
/// - T1 consultation, service A, 1 Feb: verified after 1 h, answered after 2 h, resolved
///   after a day; rated 4. Every deadline met.
/// - T2 complaint "Antrean pendaftaran sangat lama", service A, 3 Feb: verified after 3 h,
///   first answer after 20 days and resolved after 25 (both late); rated 2.
/// - T3 complaint "Antrean loket pembayaran", service B, 1 Feb: verified after 30 min, then
///   nothing: response and resolution overdue by 1 March.
/// - T4 information request, no service, Friday 26 Feb: nothing yet, all three running.
/// - T5 suggestion waiting for e-mail confirmation, 10 Feb: no deadlines.
/// - T6 in progress since 20 January: outside the period, but in the backlog.
async fn known_data(db: &DatabaseConnection) -> Known {
    server::demo::seed(db, chrono::Utc::now()).await.unwrap();
    let u = unit::Entity::find().filter(unit::Column::Slug.eq("rsud-jayapura")).one(db).await.unwrap().unwrap();
    let staff = user(db, "petugas.rsud@layanan.go.id").await.id;
    let mut services = service::Entity::find().filter(service::Column::UnitId.eq(u.id)).all(db).await.unwrap();
    services.sort_by_key(|s| s.id);
    let k = Known { u, staff, services };
    let (a, b) = (Some(k.services[0].id), Some(k.services[1].id));
    let t1c = wit("2027-02-01", "09:00");
    let t1 = known_ticket(db, &k, 1, "konsultasi", a, "Jadwal dokter anak", "resolved", t1c,
        [Some(t1c + Duration::hours(1)), Some(t1c + Duration::hours(2)), Some(t1c + Duration::days(1))], Some(4), true).await;
    let t2c = wit("2027-02-03", "09:00");
    let t2 = known_ticket(db, &k, 2, "pengaduan", a, "Antrean pendaftaran sangat lama", "resolved", t2c,
        [Some(t2c + Duration::hours(3)), Some(t2c + Duration::days(20)), Some(t2c + Duration::days(25))], Some(2), true).await;
    let t3c = wit("2027-02-01", "10:00");
    known_ticket(db, &k, 3, "pengaduan", b, "Antrean loket pembayaran", "verified", t3c, [Some(t3c + Duration::minutes(30)), None, None], None, false).await;
    known_ticket(db, &k, 4, "informasi", None, "Tarif surat keterangan sehat", "new", wit("2027-02-26", "09:00"), [None, None, None], None, false).await;
    known_ticket(db, &k, 5, "aspirasi", None, "Tambah kursi ruang tunggu", "awaiting_confirmation", wit("2027-02-10", "09:00"), [None, None, None], None, false).await;
    let t6c = wit("2027-01-20", "09:00");
    known_ticket(db, &k, 6, "konsultasi", a, "Rujukan BPJS", "in_progress", t6c, [Some(t6c + Duration::hours(1)), Some(t6c + Duration::hours(2)), None], None, true).await;
    // What the staff member did: two reports handled in February, one in March.
    event(db, t1.id, "reply", staff, t1c + Duration::hours(2)).await;
    event(db, t1.id, "status", staff, t1c + Duration::days(1)).await;
    event(db, t2.id, "reply", staff, t2c + Duration::days(20)).await;
    event(db, t2.id, "reply", staff, wit("2027-03-01", "08:00")).await;
    // The roster: 1 Feb office and home (an office day), 2 Feb home, 3 Feb leave, 4 Feb
    // travel, 1 Mar office (outside).
    let shifts = app::rosters::ssr::shifts_of(db, k.u.id).await.unwrap();
    for (day, shift, mode, duty) in [
        ("2027-02-01", 0, "wfo", "counter"),
        ("2027-02-01", 1, "wfh", "desk"),
        ("2027-02-02", 0, "wfh", "desk"),
        ("2027-02-02", 1, "wfh", "desk"),
        ("2027-02-03", 0, "cuti", "none"),
        ("2027-02-04", 0, "dinas_luar", "none"),
        ("2027-03-01", 0, "wfo", "desk"),
    ] {
        roster_entry::ActiveModel {
            unit_id: Set(k.u.id),
            user_id: Set(staff),
            date: Set(day.parse().unwrap()),
            shift_id: Set(shifts[shift].id),
            mode: Set(app::rosters::Mode::parse(mode).expect("a mode")),
            duty: Set(app::rosters::Duty::parse(duty).expect("a duty")),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
    }
    // One slot of 8 places on 10 Feb: two served (one a walk-in), one absent, one cancelled;
    // and a booking in March (outside).
    let slot = booking_slot::ActiveModel {
        unit_id: Set(k.u.id),
        date: Set("2027-02-10".parse().unwrap()),
        starts: Set("09:00".into()),
        ends: Set("09:30".into()),
        places: Set(8),
        walkin_places: Set(1),
        booked: Set(3),
        walkins: Set(1),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    for (i, (status, walk_in, day)) in [
        ("served", false, "2027-02-10"),
        ("no_show", false, "2027-02-10"),
        ("cancelled", false, "2027-02-10"),
        ("served", true, "2027-02-10"),
        ("booked", false, "2027-03-02"),
    ]
    .into_iter()
    .enumerate()
    {
        booking::ActiveModel {
            code: Set(format!("VISIT{i:010}")),
            unit_id: Set(k.u.id),
            service_id: Set(k.services[0].id),
            slot_id: Set(slot.id),
            date: Set(day.parse().unwrap()),
            name: Set(format!("Pengunjung {i}")),
            lang: Set("id".into()),
            status: Set(status.into()),
            walk_in: Set(walk_in),
            submission_key: Set(format!("visit-{i}")),
            created_at: Set(wit("2027-02-09", "19:00")),
            updated_at: Set(wit("2027-02-09", "19:00")),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
    }
    // Four questionnaires in February (the worked example of the index: 81.25, B) and one
    // in March (outside).
    for (day, s) in [
        ("2027-02-02", [4, 3, 2, 4, 3, 4, 4, 3, 3]),
        ("2027-02-11", [3, 3, 3, 4, 3, 4, 4, 2, 3]),
        ("2027-02-20", [3, 2, 2, 4, 4, 3, 4, 3, 3]),
        ("2027-02-28", [4, 3, 3, 4, 3, 4, 4, 3, 2]),
        ("2027-03-01", [1, 1, 1, 1, 1, 1, 1, 1, 1]),
    ] {
        survey_response::ActiveModel::scored(k.u.id, a, "visit", wit(day, "08:00"), s)
            .insert(db)
        .await
        .unwrap();
    }
    k
}

fn february() -> PeriodQuery {
    PeriodQuery { periode: Some("khusus".into()), dari: Some("2027-02-01".into()), sampai: Some("2027-02-28".into()), tanggal: None }
}

fn table<'a>(tables: &'a [Table], key: &str) -> &'a Table {
    tables.iter().find(|t| t.key == key).unwrap_or_else(|| panic!("no table {key}"))
}

/// A table's rows as text, as a reader sees them in English.
fn rows(t: &Table) -> Vec<Vec<String>> {
    t.rows.iter().map(|r| r.iter().map(|c| c.show(Lang::En)).collect()).collect()
}

fn counts(t: &Table) -> Vec<(String, i64)> {
    t.rows
        .iter()
        .map(|r| {
            let n = match r[1] {
                Cell::Int(n) => n,
                _ => -1,
            };
            (r[0].show(Lang::En), n)
        })
        .collect()
}

#[tokio::test]
async fn dashboard_figures_match_a_data_set_worked_out_by_hand() {
    for (kind, db) in server::testing::databases().await {
        let k = known_data(&db).await;
        let now = wit("2027-03-01", "10:00");
        let d = app::oversight::ssr::unit_dashboard(&db, &k.u, &february(), Lang::En, now).await.unwrap();
        assert_eq!(d.period.label, "1 February 2027 – 28 February 2027", "{kind}");
        assert_eq!(d.period.problem, None, "{kind}");

        let status = counts(table(&d.tables, "status"));
        assert_eq!(
            status,
            [
                ("Waiting for e-mail confirmation", 1),
                ("Received", 1),
                ("Verified", 1),
                ("Being handled", 0),
                ("Waiting for the reporter", 0),
                ("Resolved", 2),
                ("Closed", 0),
            ]
            .map(|(l, n)| (l.to_string(), n)),
            "{kind}"
        );
        assert_eq!(
            counts(table(&d.tables, "jenis")),
            [("Consultation", 1), ("Complaint", 2), ("Suggestion", 1), ("Request for information", 1)].map(|(l, n)| (l.to_string(), n)),
            "{kind}"
        );
        let (a, b) = (k.services[0].name.clone(), k.services[1].name.clone());
        assert_eq!(counts(table(&d.tables, "layanan")), [("(no service)".to_string(), 2), (a, 2), (b, 1)], "{kind}");

        // Deadlines: on time, late, missed and not done, still running, share on time.
        assert_eq!(
            rows(table(&d.tables, "tenggat")),
            [
                ["Verification", "3", "0", "0", "1", "100.0"],
                ["First response", "1", "1", "1", "1", "33.3"],
                ["Resolution", "1", "1", "1", "1", "33.3"],
            ]
            .map(|r| r.map(String::from).to_vec()),
            "{kind}"
        );
        // Hours: verification 0.5, 1 and 3 (median 1, p90 3); first response 2 and 480;
        // resolution 24 and 600 (nearest rank: the median of two is the first).
        assert_eq!(
            rows(table(&d.tables, "waktu")),
            [
                ["Verification", "3", "1.0", "3.0"],
                ["First response", "2", "2.0", "480.0"],
                ["Resolution", "2", "24.0", "600.0"],
            ]
            .map(|r| r.map(String::from).to_vec()),
            "{kind}"
        );
        // Open now: T4 (3 days), T3 (28 days), T6 (40 days).
        assert_eq!(counts(table(&d.tables, "tunggakan")).iter().map(|(_, n)| *n).collect::<Vec<_>>(), [0, 1, 0, 1, 1], "{kind}");
        assert_eq!(
            counts(table(&d.tables, "topik")),
            [("antrean", 2), ("loket", 1), ("pembayaran", 1), ("pendaftaran", 1)].map(|(l, n)| (l.to_string(), n)),
            "{kind}"
        );
        assert_eq!(counts(table(&d.tables, "janji")).iter().map(|(_, n)| *n).collect::<Vec<_>>(), [3, 1, 0, 2, 1, 1, 4, 8], "{kind}");

        // The index of the four February questionnaires.
        let ikm = d.satisfaction.clone().expect("answers in February");
        assert_eq!((ikm.respondents, ikm.converted.as_str(), ikm.ikm.as_str(), ikm.grade), (4, "81.25", "3.250", Grade::B), "{kind}");
        assert_eq!(
            rows(table(&d.tables, "ikm")).iter().map(|r| r[2].clone()).collect::<Vec<_>>(),
            ["3.50", "2.75", "2.50", "4.00", "3.25", "3.75", "4.00", "2.75", "2.75"],
            "{kind}"
        );

        // Per staff member: handled 2, first responses 2 with 1 on time, ratings 4 and 2,
        // one day each in the office, at home, on leave and travelling.
        let staff = rows(table(&d.tables, "petugas"));
        let row = staff.iter().find(|r| r[0] == "Petugas RSUD").expect("staff row");
        assert_eq!(row[2..], ["2", "2", "50.0", "3.0", "2", "1", "1", "1", "1"].map(String::from), "{kind}");
        let manager = staff.iter().find(|r| r[0] == "Pimpinan RSUD").expect("manager row");
        assert_eq!(manager[2..], ["0", "0", "–", "–", "0", "0", "0", "0", "0"].map(String::from), "{kind}");
        // The staff member sees the same row.
        let mine = app::oversight::ssr::my_figures(&db, k.staff, &february(), Lang::En, now).await.unwrap();
        assert_eq!(rows(&mine.tables[0]), vec![row.clone()], "{kind}");

        // CSV: numbers with a dot, whatever the reader's language.
        let id = app::oversight::ssr::unit_dashboard(&db, &k.u, &february(), Lang::Id, now).await.unwrap();
        let csv = app::oversight::ssr::table_csv(&id.tables, "tenggat").unwrap().expect("the deadline table");
        assert_eq!(
            csv.lines().collect::<Vec<_>>(),
            [
                "\"Tenggat\",\"Tepat waktu\",\"Terlambat\",\"Terlewat, belum selesai\",\"Masih berjalan\",\"Tepat waktu (%)\"",
                "\"Verifikasi\",\"3\",\"0\",\"0\",\"1\",\"100.0\"",
                "\"Tanggapan pertama\",\"1\",\"1\",\"1\",\"1\",\"33.3\"",
                "\"Penyelesaian\",\"1\",\"1\",\"1\",\"1\",\"33.3\"",
            ],
            "{kind}"
        );
        assert_eq!(id.satisfaction.unwrap().converted, "81,25", "{kind}");
        let period = app::oversight::ssr::unit_period(&k.u, &february(), Lang::Id, now);
        let answers = survey::responses_csv(&db, &k.u, &period).await.unwrap();
        assert_eq!(answers.lines().count(), 5, "{kind}: a header and four answers");
        assert!(answers.lines().nth(1).unwrap().starts_with(&format!("\"2027-02-02\",\"{}\",\"kunjungan\",\"4\",\"3\",\"2\"", k.services[0].name)), "{kind}: {answers}");

        // Published: the unit's page shows the same index for February, and March alone
        // has the one low answer.
        let public = survey::public_results(&db, "rsud-jayapura", &february(), Lang::Id, chrono::Utc::now()).await.unwrap();
        assert_eq!(public.index.map(|i| (i.respondents, i.converted)), Some((4, "81,25".to_string())), "{kind}");
        let march = PeriodQuery { periode: Some("bulan".into()), tanggal: Some("2027-03-15".into()), ..Default::default() };
        let public = survey::public_results(&db, "rsud-jayapura", &march, Lang::Id, chrono::Utc::now()).await.unwrap();
        assert_eq!(public.index.map(|i| (i.respondents, i.converted, i.grade)), Some((1, "25,00".to_string(), Grade::D)), "{kind}");

        // Across units, the RSUD's figures are part of the whole.
        let all = app::oversight::ssr::all_units_dashboard(&db, &february(), Lang::En, now).await.unwrap();
        assert_eq!(all.others.len(), 3, "{kind}");
        assert!(rows(table(&all.tables, "petugas")).iter().any(|r| r == row), "{kind}");
    }
}
