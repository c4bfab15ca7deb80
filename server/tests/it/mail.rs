//! Mail through a real SMTP server process on loopback (end2end/smtp_peer.py, aiosmtpd):
//! queued messages arrive as multipart text + HTML, a temporary refusal is retried, and two
//! workers on one database send each message once.
use app::ssr::outbox::{self, Mail, RetryPolicy};
use server::mail::{drain_once, Mailer};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

struct Peer {
    child: Child,
    port: u16,
    dir: PathBuf,
}

impl Drop for Peer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn start_peer(fail_first: u32) -> Peer {
    let dir = std::env::temp_dir().join(format!("layanan-smtp-{}-{}", std::process::id(), rand_suffix()));
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../end2end/smtp_peer.py");
    let mut child = Command::new("python3")
        .arg(script)
        .args(["--dir", dir.to_str().unwrap(), "--fail-first", &fail_first.to_string()])
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 with aiosmtpd (make deps installs it)");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let port = line.trim().parse().expect("the peer prints its port");
    Peer { child, port, dir }
}

fn rand_suffix() -> u64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos() as u64 % 1_000_000_007
}

fn mailer(port: u16) -> Mailer {
    let config = server::config::Config::from_lookup(|k| match k {
        "SMTP_HOST" => Some("127.0.0.1".into()),
        "SMTP_PORT" => Some(port.to_string()),
        "SMTP_SECURITY" => Some("none".into()),
        _ => None,
    })
    .unwrap();
    Mailer::from_config(&config).unwrap()
}

fn received(dir: &Path) -> Vec<String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|r| r.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "eml")).collect())
        .unwrap_or_default();
    files.sort();
    files.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect()
}

const FROM: &str = "Portal Layanan <noreply@layanan.test>";

#[tokio::test]
async fn a_report_mail_arrives_at_the_smtp_peer_as_text_and_html() {
    let peer = start_peer(0);
    for (kind, db) in server::testing::databases().await {
        server::demo::seed(&db, chrono::Utc::now()).await.unwrap();
        let before = received(&peer.dir).len();
        let env = app::tickets::ssr::Env { public_url: "https://layanan.test" };
        let a = app::tickets::ReportAnswers {
            kind: "konsultasi".into(),
            unit: "disdukcapil-balikpapan".into(),
            subject: "Syarat pindah domisili".into(),
            body: "Apa saja syarat pindah domisili dari Samarinda ke Balikpapan?".into(),
            name: "Sari".into(),
            email: format!("sari.{kind}@contoh.id"),
            ..Default::default()
        };
        let done = app::tickets::ssr::submit(&db, &a, "m1", app::i18n::Lang::Id, &env, chrono::Utc::now()).await.unwrap();
        let policy = RetryPolicy::default();
        let m = mailer(peer.port);
        while drain_once(&db, &m, FROM, &policy, "t", chrono::Utc::now()).await.unwrap() > 0 {}
        let got = received(&peer.dir);
        let mine: Vec<&String> = got[before..].iter().filter(|e| e.contains(&format!("sari.{kind}@contoh.id"))).collect();
        assert_eq!(mine.len(), 1, "{kind}");
        let eml = mine[0];
        assert!(eml.contains("multipart/alternative"), "{kind}");
        assert!(eml.contains("text/plain") && eml.contains("text/html"), "{kind}");
        assert!(eml.contains(&done.code.to_string()), "{kind}: the tracking code");
        assert!(eml.contains("/konfirmasi/"), "{kind}: the confirmation link");
        let sent = app::ssr::entities::outbox::Entity::find().all(&db).await.unwrap();
        use sea_orm::EntityTrait;
        assert!(sent.iter().all(|m| m.status == "sent"), "{kind}");
    }
}

#[tokio::test]
async fn a_temporary_refusal_is_retried_and_the_last_failure_stays_visible() {
    use sea_orm::EntityTrait;
    let peer = start_peer(1);
    let db = server::testing::sqlite().await.unwrap();
    let mail = |to: &str| Mail { to: to.into(), subject: "Uji".into(), text: "teks".into(), html: "<p>teks</p>".into(), calendar: None, qr: None };
    outbox::enqueue(&db, mail("satu@contoh.id"), None, chrono::Utc::now()).await.unwrap();
    let policy = RetryPolicy { first_delay: chrono::Duration::zero(), max_attempts: 3, ..Default::default() };
    let m = mailer(peer.port);
    drain_once(&db, &m, FROM, &policy, "t", chrono::Utc::now()).await.unwrap();
    let row = app::ssr::entities::outbox::Entity::find().one(&db).await.unwrap().unwrap();
    assert_eq!((row.status.as_str(), row.attempts), ("pending", 1));
    assert!(row.last_error.unwrap_or_default().contains("451"));
    drain_once(&db, &m, FROM, &policy, "t", chrono::Utc::now()).await.unwrap();
    let row = app::ssr::entities::outbox::Entity::find().one(&db).await.unwrap().unwrap();
    assert_eq!(row.status, "sent");
    assert_eq!(received(&peer.dir).len(), 1);

    // A server that never answers: after the last attempt the message is failed, not gone.
    outbox::enqueue(&db, mail("dua@contoh.id"), None, chrono::Utc::now()).await.unwrap();
    let dead = mailer(1); // nothing listens on port 1
    for _ in 0..3 {
        drain_once(&db, &dead, FROM, &policy, "t", chrono::Utc::now()).await.unwrap();
    }
    let failed = outbox::failed(&db).await.unwrap();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].to_addr, "dua@contoh.id");
    assert_eq!(failed[0].attempts, 3);
}

#[tokio::test]
async fn two_workers_on_one_database_send_each_message_once() {
    let peer = start_peer(0);
    for (kind, db) in server::testing::databases().await {
        let before = received(&peer.dir).len();
        for i in 0..40 {
            let to = format!("w{i}.{kind}@contoh.id");
            outbox::enqueue(&db, Mail { to, subject: format!("n{i}"), text: "t".into(), html: "h".into(), calendar: None, qr: None }, None, chrono::Utc::now()).await.unwrap();
        }
        let policy = RetryPolicy::default();
        let (m1, m2) = (mailer(peer.port), mailer(peer.port));
        let run = |m: Mailer, owner: &'static str, db: sea_orm::DatabaseConnection| async move {
            while drain_once(&db, &m, FROM, &policy, owner, chrono::Utc::now()).await.unwrap() > 0 {}
        };
        tokio::join!(run(m1, "one", db.clone()), run(m2, "two", db.clone()));
        let got: Vec<String> = received(&peer.dir)[before..].to_vec();
        let mut subjects: Vec<String> = got
            .iter()
            .filter(|e| e.contains(&format!(".{kind}@contoh.id")))
            .filter_map(|e| e.lines().find(|l| l.starts_with("Subject: ")).map(str::to_string))
            .collect();
        assert_eq!(subjects.len(), 40, "{kind}");
        subjects.sort();
        subjects.dedup();
        assert_eq!(subjects.len(), 40, "{kind}: a message was sent twice");
        // What was sent keeps its recipient and subject, not its text (links with tokens).
        use app::ssr::entities::outbox as sent;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let rows = sent::Entity::find().filter(sent::Column::ToAddr.contains(format!(".{kind}@contoh.id"))).all(&db).await.unwrap();
        assert_eq!(rows.len(), 40, "{kind}");
        assert!(rows.iter().all(|m| m.sent_at.is_some() && m.body_text.is_empty() && m.body_html.is_empty()), "{kind}");
    }
}

#[tokio::test]
async fn an_appointment_mail_arrives_with_its_calendar_file() {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let peer = start_peer(0);
    let db = server::testing::sqlite().await.unwrap();
    server::demo::seed(&db, chrono::Utc::now()).await.unwrap();
    server::demo::seed_bookings(&db, "https://layanan.test", chrono::Utc::now()).await.unwrap();
    let u = app::ssr::entities::unit::Entity::find()
        .filter(app::ssr::entities::unit::Column::Slug.eq("disdukcapil-balikpapan"))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    // Counters from a fixed number: this test keeps no roster.
    app::ssr::entities::booking_setting::Entity::update_many()
        .col_expr(app::ssr::entities::booking_setting::Column::CounterSource, sea_orm::sea_query::Expr::value("fixed"))
        .exec(&db)
        .await
        .unwrap();
    let s = app::ssr::entities::service::Entity::find()
        .filter(app::ssr::entities::service::Column::UnitId.eq(u.id))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    let env = app::tickets::ssr::Env { public_url: "https://layanan.test" };
    let now = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2027, 3, 1, 1, 0, 0).unwrap();
    let v = app::bookings::Visitor { name: "Sari".into(), email: "sari.janji@contoh.id".into(), phone: "081234567890".into() };
    let nb = app::bookings::ssr::NewBooking {
        unit: &u,
        service: &s,
        slot: (chrono::NaiveDate::from_ymd_opt(2027, 3, 2).unwrap(), "09:00".into()),
        visitor: &v,
        lang: app::i18n::Lang::Id,
        submission_key: "m-janji",
    };
    app::bookings::ssr::book(&db, &env, nb, now).await.unwrap();
    let m = mailer(peer.port);
    while drain_once(&db, &m, FROM, &RetryPolicy::default(), "t", now).await.unwrap() > 0 {}
    let got: Vec<String> = received(&peer.dir).into_iter().filter(|e| e.contains("sari.janji@contoh.id")).collect();
    assert_eq!(got.len(), 1);
    let eml = &got[0];
    assert!(eml.contains("multipart/mixed"), "text, HTML and a file");
    assert!(eml.contains("text/calendar"), "the calendar file");
    assert!(eml.contains("janji-temu.ics"));
    assert!(eml.contains("09:00"), "the time in the unit's zone");
    let decoded = eml.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
    assert!(decoded.contains("DTSTART;TZID=Asia/Makassar:20270302T090000"), "{decoded}");
    assert!(decoded.contains("method=PUBLISH") && decoded.contains("METHOD:PUBLISH") && decoded.contains("SEQUENCE:0"), "{decoded}");
    // The QR code for the counter is a picture inside the message, shown by the HTML part.
    assert!(eml.contains("multipart/related"), "the HTML and its picture travel together");
    assert!(decoded.contains("cid:kode-qr@layanan"), "the HTML shows the picture");
    let picture = inline_png(eml, "kode-qr@layanan").expect("an inline PNG with the QR's Content-ID");
    let info = png::Decoder::new(std::io::Cursor::new(&picture)).read_info().unwrap().info().clone();
    assert!(info.width >= 150 && info.width == info.height, "a square picture a scanner reads: {}", info.width);

    // Cancelled a few minutes later: the mail part and the file say CANCEL, and the entry's
    // SEQUENCE goes up by one (not by the seconds since booking).
    let b = app::ssr::entities::booking::Entity::find()
        .filter(app::ssr::entities::booking::Column::Email.eq("sari.janji@contoh.id"))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    let code = app::tickets::TrackingCode::parse(&b.code).unwrap();
    app::bookings::ssr::cancel(&db, &env, &code, now + chrono::Duration::minutes(41)).await.unwrap();
    while drain_once(&db, &m, FROM, &RetryPolicy::default(), "t", now + chrono::Duration::minutes(41)).await.unwrap() > 0 {}
    let got: Vec<String> = received(&peer.dir).into_iter().filter(|e| e.contains("sari.janji@contoh.id") && e.contains("dibatalkan")).collect();
    assert_eq!(got.len(), 1);
    let decoded = got[0].replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
    assert!(decoded.contains("method=CANCEL") && decoded.contains("METHOD:CANCEL") && !decoded.contains("method=PUBLISH"), "{decoded}");
    assert!(decoded.contains("SEQUENCE:1\r\n") || decoded.contains("SEQUENCE:1\n"), "{decoded}");
    assert!(!decoded.contains("kode-qr@layanan"), "a cancelled appointment's mail shows no code to bring");
}

/// The bytes of the inline `image/png` part whose Content-ID is `<cid>`, if any.
fn inline_png(eml: &str, cid: &str) -> Option<Vec<u8>> {
    use base64::Engine;
    let eml = eml.replace("\r\n", "\n");
    let at = eml.find(&format!("Content-ID: <{cid}>"))?;
    let part_start = eml[..at].rfind("\n--")?;
    let headers_end = part_start + eml[part_start..].find("\n\n")?;
    if !eml[part_start..headers_end].contains("image/png") {
        return None;
    }
    let body: String = eml[headers_end + 2..].lines().take_while(|l| !l.starts_with("--")).collect();
    base64::engine::general_purpose::STANDARD.decode(body.trim()).ok()
}
