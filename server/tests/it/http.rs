//! The portal through its router, as a browser without JavaScript meets it.
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use leptos::server_fn::ServerFn;
use tower::ServiceExt;

pub(crate) const ORIGIN: &str = "http://127.0.0.1:3000";

pub(crate) struct Reply {
    pub status: StatusCode,
    pub location: Option<String>,
    pub cookies: Vec<String>,
    pub content_type: String,
    pub body: String,
}

pub(crate) async fn send(app: &Router, req: Request<Body>) -> Reply {
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let location = res.headers().get(header::LOCATION).map(|v| v.to_str().unwrap().to_string());
    let cookies = res
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
        .collect();
    let content_type = res.headers().get(header::CONTENT_TYPE).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    Reply { status, location, cookies, content_type, body: String::from_utf8_lossy(&bytes).into_owned() }
}

pub(crate) fn get(path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut b = Request::get(path).header(header::HOST, "127.0.0.1:3000").header(header::ACCEPT, "text/html");
    if let Some(c) = cookie {
        b = b.header(header::COOKIE, c);
    }
    b.body(Body::empty()).unwrap()
}

/// A plain HTML form post, as a browser without JavaScript sends it.
pub(crate) fn form_post(path: &str, referer: &str, body: &str, cookie: Option<&str>, origin: &str) -> Request<Body> {
    let mut b = Request::post(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, origin)
        .header(header::REFERER, format!("{ORIGIN}{referer}"))
        .header(header::ACCEPT, "text/html,application/xhtml+xml")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(c) = cookie {
        b = b.header(header::COOKIE, c);
    }
    b.body(Body::from(body.to_string())).unwrap()
}


pub(crate) async fn demo_app() -> (Router, sea_orm::DatabaseConnection) {
    let db = server::testing::sqlite().await.unwrap();
    server::demo::seed(&db, chrono::Utc::now()).await.unwrap();
    (server::testing::router(db.clone()).await, db)
}

#[tokio::test]
async fn public_pages_render_on_the_server() {
    let (app, _) = demo_app().await;
    assert_eq!(send(&app, get("/healthz", None)).await.status, StatusCode::OK);

    let home = send(&app, get("/", None)).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("<html lang=\"id\""));
    assert!(home.body.contains("RSUD Jayapura"));
    assert!(home.cookies.is_empty(), "no session for anonymous readers");

    let search = send(&app, get("/?q=akta", None)).await;
    assert!(search.body.contains("Akta Kelahiran"));
    assert!(search.body.contains("1 layanan"));

    let page = send(&app, get("/layanan/disdukcapil-balikpapan/akta-kelahiran", None)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Versi 2 · berlaku sejak 8 Juni 2020 pukul 09.00 WITA"));
    assert!(page.body.contains("Yang berubah dari versi 1"));
    assert!(page.body.contains("Dua orang saksi kelahiran"), "the removed line is shown");
    for c in app::standards::Component::ALL {
        assert!(page.body.contains(&format!("id=\"{}\"", c.key())), "component {} present", c.key());
    }
    assert!(page.body.contains("Maklumat Pelayanan"));

    let old = send(&app, get("/layanan/disdukcapil-balikpapan/akta-kelahiran/versi/1", None)).await;
    assert!(old.body.contains("Anda membaca versi 1, bukan versi yang berlaku."));

    let upcoming = send(&app, get("/layanan/disdukcapil-balikpapan/ktp-el", None)).await;
    assert!(upcoming.body.contains("Versi 2 berlaku mulai"));

    let print = send(&app, get("/layanan/disdukcapil-balikpapan/akta-kelahiran/cetak", None)).await;
    assert_eq!(print.status, StatusCode::OK);
    assert!(print.body.contains("print-layout"));

    for missing in ["/layanan/tidak-ada/akta", "/layanan/disdukcapil-balikpapan/akta-kelahiran/versi/99", "/tidak/ada/sama/sekali"] {
        let r = send(&app, get(missing, None)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{missing}");
        assert!(r.body.contains("Halaman tidak ditemukan"), "{missing}");
    }

    let feed = send(&app, get("/feed.atom", None)).await;
    assert!(feed.content_type.starts_with("application/atom+xml"));
    assert_eq!(feed.body.matches("<entry>").count(), 9, "7 services, two of them with a second version");
}

#[tokio::test]
async fn the_language_choice_is_remembered() {
    let (app, _) = demo_app().await;
    let r = send(&app, get("/bahasa/en?kembali=/layanan/rsud-jayapura", None)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location.as_deref(), Some("/layanan/rsud-jayapura"));
    assert_eq!(r.cookies, vec!["bahasa=en".to_string()]);
    let page = send(&app, get("/layanan/rsud-jayapura/surat-keterangan-sehat", Some("bahasa=en"))).await;
    assert!(page.body.contains("<html lang=\"en\""));
    assert!(page.body.contains("Requirements"));
    assert!(page.body.contains("in force since"));
    assert!(page.body.contains("published in Indonesian only"), "the English page says why the text is Indonesian");
    let id_page = send(&app, get("/layanan/rsud-jayapura/surat-keterangan-sehat", None)).await;
    assert!(!id_page.body.contains("standard-language"));

    let evil = send(&app, get("/bahasa/id?kembali=//evil.example/", None)).await;
    // No open redirect; a citizen switching language lands on the home page, not the staff one.
    assert_eq!(evil.location.as_deref(), Some("/"), "no open redirect");
}

/// Every `content` or `href` of the tags in `html` that start with `start`.
fn attrs<'a>(html: &'a str, start: &str, attr: &str) -> Vec<&'a str> {
    html.match_indices(start)
        .filter_map(|(i, _)| {
            let tag = &html[i..i + html[i..].find('>')?];
            let at = tag.find(&format!("{attr}=\""))? + attr.len() + 2;
            Some(&tag[at..at + tag[at..].find('"')?])
        })
        .collect()
}

#[tokio::test]
async fn each_public_page_has_a_description_and_an_address_in_each_language() {
    let (app, _) = demo_app().await;
    let base = "/layanan/disdukcapil-balikpapan/akta-kelahiran";
    let page = send(&app, get(base, None)).await;
    // The standard page is described by its service's summary.
    assert_eq!(
        attrs(&page.body, "<meta name=\"description\"", "content"),
        ["Penerbitan kutipan akta kelahiran untuk anak yang lahir di Kota Balikpapan."]
    );
    let canonical = attrs(&page.body, "<link rel=\"canonical\"", "href");
    assert_eq!(canonical.len(), 1);
    assert!(canonical[0].starts_with("http") && canonical[0].ends_with(base), "{canonical:?}");
    let alternates = attrs(&page.body, "<link rel=\"alternate\" hreflang=", "href");
    assert_eq!(alternates.len(), 3, "id, en and x-default: {alternates:?}");
    assert!(alternates.iter().any(|a| a.ends_with(&format!("{base}?bahasa=en"))), "{alternates:?}");
    assert!(page.body.contains("hreflang=\"x-default\""));

    // The English address is the page in English, with its own canonical address and its
    // English summary; the choice is remembered for the pages that follow.
    let en = send(&app, get(&format!("{base}?bahasa=en"), None)).await;
    assert_eq!(en.status, StatusCode::OK);
    assert!(en.body.contains("<html lang=\"en\""));
    assert_eq!(attrs(&en.body, "<meta name=\"description\"", "content"), ["Issuing a birth certificate extract for children born in Balikpapan."]);
    assert!(attrs(&en.body, "<link rel=\"canonical\"", "href")[0].ends_with(&format!("{base}?bahasa=en")));
    assert_eq!(en.cookies, ["bahasa=en"]);
    // The switch leads to the Indonesian address, which overrides the remembered English.
    assert!(en.body.contains(&format!("href=\"{base}?bahasa=id\"")), "the switch names the other language's address");
    let back = send(&app, get(&format!("{base}?bahasa=id"), Some("bahasa=en"))).await;
    assert!(back.body.contains("<html lang=\"id\""));
    assert_eq!(back.cookies, ["bahasa=id"]);

    // Every public page has one description and a canonical address.
    for path in ["/", "/lapor", "/janji", "/lacak", "/laporan-publik", "/layanan/rsud-jayapura"] {
        let r = send(&app, get(path, None)).await;
        let d = attrs(&r.body, "<meta name=\"description\"", "content");
        assert!(d.len() == 1 && d[0].len() > 50, "{path}: {d:?}");
        assert_eq!(attrs(&r.body, "<link rel=\"canonical\"", "href").len(), 1, "{path}");
    }
    // A tracking page is a private code: kept out of search engines, with no address to index.
    let tracked = send(&app, get("/lacak/ABCDEFGHJKMNPQR", None)).await;
    assert!(tracked.body.contains("<meta name=\"robots\" content=\"noindex\""));
    assert!(!tracked.body.contains("rel=\"canonical\""));

    // A search in English finds a service by the English words its unit gave, and the
    // English page shows its English summary.
    let found = send(&app, get("/?q=birth+certificate", Some("bahasa=en"))).await;
    assert!(found.body.contains("Akta Kelahiran"), "found by its English keywords");
    assert!(found.body.contains("Issuing a birth certificate extract for children born in Balikpapan."));
}

#[tokio::test]
async fn a_province_books_by_unit_first_and_filters_the_register_by_unit_then_service() {
    use app::ssr::entities::{service, unit};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};
    let (app, db) = demo_app().await;
    server::demo::seed_bookings(&db, "http://127.0.0.1:3000", chrono::Utc::now()).await.unwrap();
    // A few services: all of them on one page.
    let few = send(&app, get("/janji", None)).await;
    assert!(few.body.contains("href=\"/janji/layanan/disdukcapil-balikpapan/akta-kelahiran\""), "{}", few.body);
    // Past 60 services, the units come first, each leading to its own services.
    let capil = unit::Entity::find().filter(unit::Column::Slug.eq("disdukcapil-balikpapan")).one(&db).await.unwrap().unwrap();
    let more: Vec<service::ActiveModel> = (0..app::bookings::BOOK_START_ALL_AT_ONCE)
        .map(|i| service::ActiveModel {
            unit_id: Set(capil.id),
            slug: Set(format!("layanan-{i}")),
            name: Set(format!("Layanan Tambahan {i}")),
            summary: Set("Layanan.".into()),
            keywords: Set(String::new()),
            summary_en: Set(String::new()),
            keywords_en: Set(String::new()),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        })
        .collect();
    service::Entity::insert_many(more).exec(&db).await.unwrap();
    // Written behind the portal's back (as another server process would): shown once the
    // page's data kept in memory is older than its lifetime.
    tokio::time::sleep(app::ssr::PUBLIC_VIEW_TTL + std::time::Duration::from_millis(100)).await;
    let many = send(&app, get("/janji", None)).await;
    assert_eq!(many.status, StatusCode::OK);
    assert!(many.body.contains("Pilih unit layanan") && many.body.contains("href=\"/janji?instansi=disdukcapil-balikpapan\""), "{}", many.body);
    assert!(!many.body.contains("/janji/layanan/"), "no service is listed before its unit is chosen");
    let one = send(&app, get("/janji?instansi=disdukcapil-balikpapan", None)).await;
    assert!(one.body.contains("href=\"/janji/layanan/disdukcapil-balikpapan/akta-kelahiran\"") && one.body.contains("Layanan Tambahan 59"));
    assert!(!one.body.contains("/janji/layanan/rsud-jayapura/"), "only the chosen unit's services");
    assert!(one.body.contains("href=\"/janji\""), "a way back to every unit");
    assert_eq!(send(&app, get("/janji?instansi=tidak-ada", None)).await.status, StatusCode::NOT_FOUND);

    // The register: units to choose from, and the services of the unit chosen.
    let register = send(&app, get("/laporan-publik", None)).await;
    assert!(register.body.contains("name=\"instansi\"") && !register.body.contains("name=\"layanan\""));
    let by_unit = send(&app, get("/laporan-publik?instansi=disdukcapil-balikpapan&q=akta", None)).await;
    assert_eq!(by_unit.status, StatusCode::OK);
    assert!(by_unit.body.contains("name=\"layanan\"") && by_unit.body.contains("Layanan Tambahan 59"));
    assert!(by_unit.body.contains("<option value=\"disdukcapil-balikpapan\" selected"), "the unit stays chosen");
    // An older page keeps the filters and leads back to the latest reports.
    let newest = app::ssr::entities::ticket::Entity::find()
        .filter(app::ssr::entities::ticket::Column::PublishedAt.is_not_null())
        .one(&db)
        .await
        .unwrap()
        .expect("the demo publishes reports");
    let older = send(&app, get(&format!("/laporan-publik?q=akta&instansi=disdukcapil-balikpapan&sebelum={}", newest.id), None)).await;
    assert_eq!(older.status, StatusCode::OK);
    assert!(older.body.contains("<a href=\"/laporan-publik?q=akta&amp;instansi=disdukcapil-balikpapan\">← Laporan terbaru</a>"), "{}", older.body);
}

#[tokio::test]
async fn reads_beside_a_sqlite_file_see_every_commit_and_can_write_nothing() {
    use sea_orm::ConnectionTrait;
    let db = server::testing::sqlite().await.unwrap();
    let read = server::connect_readers(&db, Some(2)).await.unwrap().expect("a file database has read-only connections");
    server::demo::seed(&db, chrono::Utc::now()).await.unwrap();
    let units = read.query_one(sea_orm::Statement::from_string(sea_orm::DbBackend::Sqlite, "SELECT count(*) AS n FROM units")).await.unwrap().unwrap();
    assert_eq!(units.try_get::<i64>("", "n").unwrap(), 3, "committed writes are read");
    let refused = read.execute_unprepared("UPDATE units SET name = 'x'").await.unwrap_err();
    assert!(refused.to_string().contains("readonly"), "{refused}");
    // An in-memory database has no readers of its own (they would open another database).
    let memory = sea_orm::Database::connect("sqlite::memory:").await.unwrap();
    assert!(server::connect_readers(&memory, None).await.unwrap().is_none());
}

#[tokio::test]
async fn every_connection_to_a_sqlite_file_gets_the_settings_not_only_the_first() {
    use sea_orm::{ConnectionTrait, TransactionTrait};
    // The pool replaces its connections (after 30 minutes, or after a fault); a replacement
    // must write as the first did: WAL without a flush on every commit, foreign keys on.
    let dir = std::env::temp_dir().join(format!("layanan-pragmas-{}", std::process::id()));
    let url = format!("sqlite://{}/p.db?mode=rwc", dir.display());
    let db = server::connect_and_migrate_with(&url, Some(2)).await.unwrap();
    let first = db.begin().await.unwrap();
    let second = db.begin().await.unwrap();
    for txn in [&first, &second] {
        let get = |pragma: &str| sea_orm::Statement::from_string(sea_orm::DbBackend::Sqlite, format!("PRAGMA {pragma}"));
        let sync = txn.query_one(get("synchronous")).await.unwrap().unwrap().try_get_by_index::<i64>(0).unwrap();
        assert_eq!(sync, 1, "synchronous = NORMAL on every connection");
        let fk = txn.query_one(get("foreign_keys")).await.unwrap().unwrap().try_get_by_index::<i64>(0).unwrap();
        assert_eq!(fk, 1, "foreign keys on every connection");
        let journal = txn.query_one(get("journal_mode")).await.unwrap().unwrap().try_get_by_index::<String>(0).unwrap();
        assert_eq!(journal, "wal");
    }
    drop((first, second));
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let (app, _) = demo_app().await;
    let r = send(
        &app,
        form_post(app::auth::Login::PATH, "/masuk", "email=a%40b.id&password=x", None, "http://evil.example"),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

pub(crate) fn session_cookie(r: &Reply) -> String {
    r.cookies.iter().find(|c| c.starts_with("layanan_sesi=")).cloned().expect("session cookie")
}

pub(crate) async fn sign_in(app: &Router, email: &str) -> String {
    let body = format!("email={}&password={}&next=%2Fkelola", email.replace('@', "%40"), server::demo::DEMO_PASSWORD);
    let r = send(app, form_post(app::auth::Login::PATH, "/masuk", &body, None, ORIGIN)).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
    assert_eq!(r.location.as_deref(), Some("/kelola"));
    session_cookie(&r)
}

/// Signs the demo admin in with both steps, turning two-step sign-in on first (admin pages
/// need it). Once per portal: each code is taken once.
pub(crate) async fn sign_in_admin(app: &Router, db: &sea_orm::DatabaseConnection) -> String {
    use app::auth::lifecycle as two_step;
    use app::ssr::entities::user;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let admin = user::Entity::find().filter(user::Column::Email.eq("admin@layanan.go.id")).one(db).await.unwrap().unwrap();
    let now = app::auth::ssr::wall_seconds();
    let secret = match admin.totp_secret {
        Some(s) => s,
        None => {
            let s = two_step::new_totp_secret();
            let code = two_step::totp_code(&s, now).unwrap();
            two_step::enable_totp(db, admin.id, &s, &code, "http://127.0.0.1:3000", chrono::Utc::now(), now).await.unwrap();
            s
        }
    };
    let body = format!("email=admin%40layanan.go.id&password={}&next=%2Fkelola", server::demo::DEMO_PASSWORD);
    let r = send(app, form_post(app::auth::Login::PATH, "/masuk", &body, None, ORIGIN)).await;
    assert_eq!(r.location.as_deref(), Some("/masuk/kode?lanjut=/kelola"), "{}", r.body);
    let cookie = session_cookie(&r);
    // The step of turning it on was taken; the app's next code is still within the window.
    let code = two_step::totp_code(&secret, now + 30).unwrap();
    let r = send(app, form_post(app::auth::account::SecondStep::PATH, "/masuk/kode", &format!("code={code}&next=%2Fkelola"), Some(&cookie), ORIGIN)).await;
    assert_eq!(r.location.as_deref(), Some("/kelola"), "{}", r.body);
    session_cookie(&r)
}

#[tokio::test]
async fn sign_in_without_javascript_keeps_the_email_and_explains() {
    let (app, _) = demo_app().await;
    let wrong = send(
        &app,
        form_post(app::auth::Login::PATH, "/masuk", "email=pimpinan.capil%40layanan.go.id&password=salah", None, ORIGIN),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::FOUND);
    assert!(wrong.location.as_deref().unwrap().contains("/masuk"));
    let cookie = session_cookie(&wrong);
    let page = send(&app, get(wrong.location.as_deref().unwrap(), Some(&cookie))).await;
    assert!(page.body.contains("Email atau kata sandi salah."), "{}", page.body);
    assert!(page.body.contains("value=\"pimpinan.capil@layanan.go.id\""));
    assert!(!page.body.contains("salah\""), "the password is never echoed");
    // The flash is shown once.
    let again = send(&app, get("/masuk", Some(&cookie))).await;
    assert!(!again.body.contains("Email atau kata sandi salah."));

    let session = sign_in(&app, "pimpinan.capil@layanan.go.id").await;
    assert_ne!(session, cookie, "the session id changes at sign-in");
    let manage = send(&app, get("/kelola", Some(&session))).await;
    assert!(manage.body.contains("Akta Kelahiran"));
    assert!(!manage.body.contains("Surat Keterangan Sehat"), "only the manager's own unit");
}

#[tokio::test]
async fn managers_cannot_reach_other_units_and_visitors_must_sign_in() {
    use app::ssr::entities::service;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let (app, db) = demo_app().await;
    let rsud = service::Entity::find().filter(service::Column::Slug.eq("surat-keterangan-sehat")).one(&db).await.unwrap().unwrap();
    let capil = service::Entity::find().filter(service::Column::Slug.eq("akta-kelahiran")).one(&db).await.unwrap().unwrap();

    let anonymous = send(&app, get(&format!("/kelola/layanan/{}", capil.id), None)).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert!(anonymous.body.contains("/masuk?lanjut="));

    let session = sign_in(&app, "pimpinan.capil@layanan.go.id").await;
    let own = send(&app, get(&format!("/kelola/layanan/{}", capil.id), Some(&session))).await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(own.body.contains("name=\"c[persyaratan]\""));
    assert!(own.body.contains("name=\"c[persyaratan-syarat]\""), "the editor keeps conditions apart from documents");
    let other = send(&app, get(&format!("/kelola/layanan/{}", rsud.id), Some(&session))).await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);

    let staff = sign_in(&app, "petugas.capil@layanan.go.id").await;
    let r = send(&app, get(&format!("/kelola/layanan/{}", capil.id), Some(&staff))).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "staff do not edit standards");
    let admin_page = send(&app, get("/admin", Some(&staff))).await;
    assert_eq!(admin_page.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_draft_saved_without_javascript_keeps_what_was_typed() {
    use app::ssr::entities::service;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let (app, db) = demo_app().await;
    let capil = service::Entity::find().filter(service::Column::Slug.eq("kartu-keluarga")).one(&db).await.unwrap().unwrap();
    let public = "/layanan/disdukcapil-balikpapan/kartu-keluarga";
    let before = send(&app, get(public, None)).await;
    assert!(before.body.contains("Versi 1 · berlaku sejak"), "read (and cached) before the change");
    let session = sign_in(&app, "pimpinan.capil@layanan.go.id").await;
    let page = format!("/kelola/layanan/{}", capil.id);
    // Biaya left empty: refused, and everything typed comes back.
    let mut body = format!("service_id={}&revision=0&change_note=Catatan+saya", capil.id);
    for c in app::standards::Component::ALL {
        let value = if c == app::standards::Component::Biaya { String::new() } else { format!("Teks+baru+{}", c.key()) };
        body.push_str(&format!("&c%5B{}%5D={value}", c.key()));
    }
    let r = send(&app, form_post(app::standards::SaveDraft::PATH, &page, &body, Some(&session), ORIGIN)).await;
    assert_eq!(r.status, StatusCode::FOUND);
    let back = send(&app, get(r.location.as_deref().unwrap(), Some(&session))).await;
    assert!(back.body.contains("Ada masalah"));
    assert!(back.body.contains("href=\"#c-biaya\""), "the summary links to the field");
    assert!(back.body.contains("Biaya/tarif wajib diisi."));
    assert!(back.body.contains("Teks baru persyaratan"));
    assert!(back.body.contains("Catatan saya"));
    assert!(app::standards::ssr::draft_of(&db, capil.id).await.unwrap().is_none());

    // Filled in: saved, and the browser goes to the preview.
    let body = body.replace("c%5Bbiaya%5D=", "c%5Bbiaya%5D=Rp+0");
    let ok = send(&app, form_post(app::standards::SaveDraft::PATH, &page, &body, Some(&session), ORIGIN)).await;
    assert_eq!(ok.status, StatusCode::FOUND);
    assert_eq!(ok.location.as_deref(), Some(format!("/kelola/layanan/{}/pratinjau", capil.id).as_str()));
    let preview = send(&app, get(ok.location.as_deref().unwrap(), Some(&session))).await;
    assert!(preview.body.contains("Pratinjau versi 2 (belum terbit)"));
    assert!(preview.body.contains("Teks baru persyaratan"));

    // Publishing shows at once to citizens, whatever was cached before.
    let publish = format!("service_id={}&revision=1&kapan=sekarang&tanggal=&jam=", capil.id);
    let done = send(&app, form_post(app::standards::PublishDraft::PATH, ok.location.as_deref().unwrap(), &publish, Some(&session), ORIGIN)).await;
    assert_eq!(done.location.as_deref(), Some(format!("{public}?terbit=1").as_str()));
    let after = send(&app, get(public, None)).await;
    assert!(after.body.contains("Versi 2 · berlaku sejak"), "{}", after.body);
    assert!(after.body.contains("Teks baru persyaratan"));
}

/// A multipart form post without JavaScript (the report form, which can carry files).
pub(crate) fn multipart_post(path: &str, referer: &str, fields: &[(&str, &str)], cookie: Option<&str>) -> Request<Body> {
    let boundary = "----layanan-test-boundary";
    let mut body = String::new();
    for (k, v) in fields {
        body.push_str(&format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"));
    }
    body.push_str(&format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--{boundary}--\r\n"
    ));
    let mut b = Request::post(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, ORIGIN)
        .header(header::REFERER, format!("{ORIGIN}{referer}"))
        .header(header::ACCEPT, "text/html,application/xhtml+xml")
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"));
    if let Some(c) = cookie {
        b = b.header(header::COOKIE, c);
    }
    b.body(Body::from(body)).unwrap()
}

pub(crate) fn report_fields<'a>(subject: &'a str, email: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("kind", "pengaduan"),
        ("unit", "disdukcapil-balikpapan/ktp-el"),
        ("subject", subject),
        ("body", "Sudah tiga minggu KTP-el saya belum dicetak padahal data sudah direkam."),
        ("place", ""),
        ("name", "Yusuf"),
        ("email", email),
        ("phone", ""),
        ("situs_web", ""),
    ]
}

/// Sends one report through the three steps; returns the session cookie and the redirect.
pub(crate) async fn report_once(app: &Router, subject: &str, email: &str) -> (String, Reply) {
    use app::tickets::api::{CheckReport, SubmitReport};
    let r = send(app, multipart_post(CheckReport::url(), "/lapor", &report_fields(subject, email), None)).await;
    assert!(r.status.is_redirection(), "{} {}", r.status, r.body);
    assert_eq!(r.location.as_deref(), Some("/lapor/periksa"));
    let cookie = session_cookie(&r);
    let check = send(app, get("/lapor/periksa", Some(&cookie))).await;
    assert!(check.body.contains(subject), "check your answers shows what was typed");
    let key = check.body.split("name=\"key\" value=\"").nth(1).and_then(|s| s.split('"').next()).unwrap().to_string();
    let sent = send(app, form_post(SubmitReport::url(), "/lapor/periksa", &format!("key={key}"), Some(&cookie), ORIGIN)).await;
    (cookie, sent)
}

#[tokio::test]
async fn a_report_without_javascript_goes_form_check_send_and_is_tracked() {
    use app::ssr::entities::ticket;
    use app::tickets::api::SubmitReport;
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let (app, db) = demo_app().await;
    let page = send(&app, get("/lapor?unit=disdukcapil-balikpapan&layanan=ktp-el", None)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("value=\"disdukcapil-balikpapan/ktp-el\" selected"), "the service from the standard page is chosen");

    let (cookie, sent) = report_once(&app, "KTP-el belum dicetak", "yusuf@contoh.id").await;
    assert_eq!(sent.location.as_deref(), Some("/lapor/terkirim"));
    let done = send(&app, get("/lapor/terkirim", Some(&cookie))).await;
    let code = done.body.split("class=\"tracking-code\">").nth(1).and_then(|s| s.split('<').next()).unwrap().to_string();
    assert_eq!(code.len(), 17, "{code}");

    // The back button and another click: still one report.
    let check = send(&app, get("/lapor/periksa", Some(&cookie))).await;
    assert!(check.body.contains("Tidak ada laporan yang sedang diisi"));
    let t = ticket::Entity::find().filter(ticket::Column::Subject.eq("KTP-el belum dicetak")).one(&db).await.unwrap().unwrap();
    let again = send(&app, form_post(SubmitReport::url(), "/lapor/periksa", &format!("key={}", t.submission_key), Some(&cookie), ORIGIN)).await;
    assert_eq!(again.location.as_deref(), Some("/lapor/terkirim"));
    assert_eq!(ticket::Entity::find().filter(ticket::Column::Subject.eq("KTP-el belum dicetak")).count(&db).await.unwrap(), 1);

    let page = send(&app, get(&format!("/lacak/{}", code.to_lowercase()), None)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("KTP-el belum dicetak"));
    assert!(page.body.contains("Menunggu konfirmasi email"));

    // L4: opening the mailed link (as a mail scanner does) confirms nothing; one press does.
    use app::ssr::entities::outbox;
    let mail = outbox::Entity::find().filter(outbox::Column::ToAddr.eq("yusuf@contoh.id")).one(&db).await.unwrap().unwrap();
    let at = mail.body_text.find("/konfirmasi/").unwrap() + "/konfirmasi/".len();
    let token = &mail.body_text[at..at + 64];
    for _ in 0..2 {
        let opened = send(&app, get(&format!("/konfirmasi/{token}"), None)).await;
        assert_eq!(opened.status, StatusCode::OK);
        assert!(opened.body.contains("Konfirmasi dan teruskan laporan"), "{}", opened.body);
    }
    assert!(send(&app, get(&format!("/lacak/{code}"), None)).await.body.contains("Menunggu konfirmasi email"), "still waiting");
    let pressed = send(&app, form_post(app::tickets::api::ConfirmEmail::PATH, &format!("/konfirmasi/{token}"), &format!("token={token}"), None, ORIGIN)).await;
    assert_eq!(pressed.location.as_deref(), Some(format!("/konfirmasi/{token}?selesai=1").as_str()), "{}", pressed.body);
    let done = send(&app, get(&format!("/konfirmasi/{token}?selesai=1"), None)).await;
    assert!(done.body.contains("Email terkonfirmasi") && done.body.contains(&code), "{}", done.body);
    assert!(!send(&app, get(&format!("/lacak/{code}"), None)).await.body.contains("Menunggu konfirmasi email"));
}

/// A form sent by the page's script (fetch), as ActionForm does with JavaScript on.
fn script_post(path: &str, body: &str, cookie: Option<&str>) -> Request<Body> {
    let mut b = Request::post(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, ORIGIN)
        .header(header::ACCEPT, "application/json")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(c) = cookie {
        b = b.header(header::COOKIE, c);
    }
    b.body(Body::from(body.to_string())).unwrap()
}

#[tokio::test]
async fn typing_mistakes_are_refusals_not_faults_and_leave_the_address_clean() {
    let (app, _db) = demo_app().await;
    // With JavaScript: a wrong password, an unknown appointment, a rating without a choice.
    let wrong = send(&app, script_post(app::auth::Login::PATH, "email=petugas.capil%40layanan.go.id&password=salah-sekali-ini&next=", None)).await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST, "{}", wrong.body);
    assert!(wrong.body.contains("BadCredentials"), "{}", wrong.body);
    let unknown = send(&app, script_post(app::bookings::api::CancelBooking::PATH, "code=AAAAAAAAAAAAAAA", None)).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND, "{}", unknown.body);
    let staff = sign_in(&app, "petugas.capil@layanan.go.id").await;
    let bad_roster = send(&app, script_post(app::rosters::api::SaveWorkSettings::PATH, "unit_id=1&cap_percent=abc", Some(&staff))).await;
    assert!(bad_roster.status.is_client_error(), "{} {}", bad_roster.status, bad_roster.body);

    // Without JavaScript: the browser comes back to its own page, with no internals in the
    // address; the refusal shows once, and a reload is clean.
    let r = send(&app, form_post(app::auth::Login::PATH, "/masuk", "email=petugas.capil%40layanan.go.id&password=salah-sekali-ini&next=", None, ORIGIN)).await;
    assert_eq!(r.status, StatusCode::FOUND);
    let to = r.location.clone().unwrap();
    assert!(!to.contains("__err") && !to.contains("__path"), "{to}");
    assert!(to.ends_with("/masuk"), "{to}");
    let cookie = session_cookie(&r);
    let page = send(&app, get("/masuk", Some(&cookie))).await;
    assert!(page.body.contains("Email atau kata sandi salah"), "{}", page.body);
    let again = send(&app, get("/masuk", Some(&cookie))).await;
    assert!(!again.body.contains("Email atau kata sandi salah"), "a reload shows no stale error");
}

#[tokio::test]
async fn each_role_lands_where_its_work_is_after_signing_in() {
    let (app, _db) = demo_app().await;
    for (email, to) in [("petugas.capil@layanan.go.id", "/petugas/disdukcapil-balikpapan"), ("pimpinan.capil@layanan.go.id", "/kelola")] {
        let body = format!("email={}&password={}&next=", email.replace('@', "%40"), server::demo::DEMO_PASSWORD);
        let r = send(&app, form_post(app::auth::Login::PATH, "/masuk", &body, None, ORIGIN)).await;
        assert_eq!(r.location.as_deref(), Some(to), "{email}");
        // The header's inbox link opens the one unit directly.
        if to.starts_with("/petugas/") {
            let inbox = send(&app, get("/petugas", Some(&session_cookie(&r)))).await;
            assert!(inbox.status.is_redirection(), "{}", inbox.status);
            assert_eq!(inbox.location.as_deref(), Some(to));
        }
    }
}

#[tokio::test]
async fn a_description_over_the_limit_comes_back_whole_with_its_count() {
    use app::tickets::api::CheckReport;
    let (app, _db) = demo_app().await;
    // 10,000 characters, each position told apart so a cut anywhere shows.
    let long: String = (0..1000).map(|i| format!("kata{i:05}")).collect::<Vec<_>>().join(" ");
    assert_eq!(long.chars().count(), 9_999);
    let mut fields = report_fields("Teks yang sangat panjang", "panjang@contoh.id");
    fields.retain(|(k, _)| *k != "body");
    fields.push(("body", long.as_str()));
    let r = send(&app, multipart_post(CheckReport::url(), "/lapor", &fields, None)).await;
    assert!(r.status.is_redirection(), "{} {}", r.status, r.body);
    let cookie = session_cookie(&r);
    let page = send(&app, get("/lapor", Some(&cookie))).await;
    assert!(page.body.contains(&long), "every typed character is back in the box");
    assert!(page.body.contains("paling banyak 4000 karakter; yang tertulis 9999. Persingkat 5999 karakter."), "{}", page.body);
    assert!(page.body.contains("9999 dari 4000 karakter"), "the count beside the box");
    assert!(!page.body.contains("maxlength"), "nothing cuts pasted text");
}

#[tokio::test]
async fn programs_and_floods_are_refused_with_a_clear_message() {
    use app::tickets::api::CheckReport;
    let (app, _db) = demo_app().await;

    // The hidden field only programs fill in.
    let mut fields = report_fields("Jalur cepat", "bot@contoh.id");
    fields.retain(|(k, _)| *k != "situs_web");
    fields.push(("situs_web", "http://spam.example"));
    let r = send(&app, multipart_post(CheckReport::url(), "/lapor", &fields, None)).await;
    let cookie = session_cookie(&r);
    let page = send(&app, get("/lapor", Some(&cookie))).await;
    assert!(page.body.contains("diisi oleh program otomatis"), "honeypot message");
    assert!(page.body.contains("Jalur cepat"), "what was typed is kept");

    // Five reports an hour from one address; the sixth is refused, and its answers stay.
    for i in 0..5 {
        let (_, sent) = report_once(&app, &format!("Laporan nomor {i}"), &format!("warga{i}@contoh.id")).await;
        assert_eq!(sent.location.as_deref(), Some("/lapor/terkirim"), "report {i}");
    }
    let (cookie, sent) = report_once(&app, "Laporan keenam", "warga6@contoh.id").await;
    assert_ne!(sent.location.as_deref(), Some("/lapor/terkirim"));
    assert!(sent.body.contains("RateLimited"), "{}", sent.body);
    let check = send(&app, get("/lapor/periksa", Some(&cookie))).await;
    assert!(check.body.contains("Laporan keenam"), "the answers are still there to send later");

    // Guessing tracking codes: ten misses, then a pause.
    for _ in 0..10 {
        let r = send(&app, get("/lacak/AAAAAAAAAAAAAAA", None)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
    let r = send(&app, get("/lacak/AAAAAAAAAAAAAAA", None)).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.body.contains("Terlalu banyak percobaan"));
}

#[tokio::test]
async fn staff_see_only_their_units_and_never_an_anonymous_reporter() {
    let (app, _db) = demo_app().await;
    let other = sign_in(&app, "petugas.ptsp@layanan.go.id").await;
    for path in ["/petugas/disdukcapil-balikpapan", "/petugas/disdukcapil-balikpapan/tiket/1", "/petugas/disdukcapil-balikpapan/ekspor.csv"] {
        let r = send(&app, get(path, Some(&other))).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
    }
    let anon = send(&app, get("/petugas/disdukcapil-balikpapan/ekspor.csv", None)).await;
    assert_eq!(anon.status, StatusCode::UNAUTHORIZED);
    assert_eq!(anon.body, "Silakan masuk terlebih dahulu.");
    // A refused download speaks the reader's language.
    let anon_en = send(&app, get("/petugas/disdukcapil-balikpapan/ekspor.csv", Some("bahasa=en"))).await;
    assert_eq!((anon_en.status, anon_en.body.as_str()), (StatusCode::UNAUTHORIZED, "Please sign in first."));

    let staff = sign_in(&app, "petugas.capil@layanan.go.id").await;
    let inbox = send(&app, get("/petugas/disdukcapil-balikpapan?status=semua", Some(&staff))).await;
    assert_eq!(inbox.status, StatusCode::OK);
    assert!(inbox.body.contains("Diminta membayar untuk mempercepat KTP-el"));
    // The bulk download is the managers' (L9).
    let manager = sign_in(&app, "pimpinan.capil@layanan.go.id").await;
    let csv = send(&app, get("/petugas/disdukcapil-balikpapan/ekspor.csv", Some(&manager))).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.content_type.starts_with("text/csv"));
    // As a civil servant reads it: labels in their language, the unit's time to the minute.
    let header = csv.body.lines().next().unwrap_or("").trim_start_matches('\u{feff}').to_string();
    assert!(header.starts_with("\"Nomor\",\"Jenis\",\"Layanan\",\"Judul\",\"Status\",\"Dibuat (WITA)\""), "{header}");
    let first = csv.body.lines().nth(1).unwrap_or("");
    assert!(first.contains("\"Konsultasi\"") || first.contains("\"Pengaduan\"") || first.contains("\"Permintaan informasi\""), "{first}");
    let created = first.split("\",\"").nth(5).unwrap_or("");
    assert!(
        created.len() == 16 && chrono::NaiveDateTime::parse_from_str(created, "%Y-%m-%d %H:%M").is_ok(),
        "local time to the minute: {created}"
    );
    assert!(!csv.body.contains("+00:00") && !csv.body.contains("\"new\"") && !csv.body.contains("\"resolved\""), "{}", csv.body);
    let csv_en = send(&app, get("/petugas/disdukcapil-balikpapan/ekspor.csv", Some(&format!("{manager}; bahasa=en")))).await;
    assert!(csv_en.body.trim_start_matches('\u{feff}').starts_with("\"Number\",\"Kind\""), "{}", csv_en.body);
    // The demo's anonymous complaint (ticket 2) by "Warga Balikpapan", warga@contoh.id.
    let page = send(&app, get("/petugas/disdukcapil-balikpapan/tiket/2", Some(&staff))).await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [&inbox.body, &csv.body, &page.body] {
        assert!(!text.contains("warga@contoh.id") && !text.contains("Warga Balikpapan"), "anonymous reporter leaked");
    }
    assert!(csv.body.contains("Anonim") && page.body.contains("Anonim"));
}

#[tokio::test]
async fn a_refused_assignment_without_javascript_is_explained_on_the_report() {
    use app::tickets::api::StaffAssign;
    let (app, _db) = demo_app().await;
    let page = "/petugas/disdukcapil-balikpapan/tiket/2";
    let manager = sign_in(&app, "pimpinan.capil@layanan.go.id").await;
    let taken = send(&app, form_post(StaffAssign::PATH, page, "unit=disdukcapil-balikpapan&id=2&to=saya", Some(&manager), ORIGIN)).await;
    assert_eq!(taken.status, StatusCode::FOUND, "{}", taken.body);
    // Back at the assignment section, where its result is shown.
    assert!(taken.location.as_deref().unwrap().ends_with("?ok=tugas#tugas"), "{:?}", taken.location);
    let result = send(&app, get(taken.location.as_deref().unwrap().split('#').next().unwrap(), Some(&manager))).await;
    let section = result.body.split("id=\"tugas\"").nth(1).expect("the assignment section");
    let section = section.split("</details>").next().unwrap_or(section);
    assert!(section.starts_with(" open") && section.contains("Penanganan diperbarui."), "open, with the result: {section}");

    // A member may not take a report a colleague holds: the page does not offer it, says who
    // holds it and who can hand it over.
    let staff = sign_in(&app, "petugas.capil@layanan.go.id").await;
    let held = send(&app, get(page, Some(&staff))).await;
    let assignment = held.body.split("id=\"tugas\"").nth(1).expect("the assignment section");
    let assignment = assignment.split("</details>").next().unwrap_or(assignment);
    assert!(!assignment.contains("value=\"saya\""), "no button to take a colleague's report: {assignment}");
    assert!(assignment.contains("Sedang ditangani oleh") && assignment.contains("pimpinan unit"), "{assignment}");
    // A form sent anyway (an old page): the page they come back to says so.
    let refused = send(&app, form_post(StaffAssign::PATH, page, "unit=disdukcapil-balikpapan&id=2&to=saya", Some(&staff), ORIGIN)).await;
    assert_eq!(refused.status, StatusCode::FOUND, "{}", refused.body);
    let location = refused.location.as_deref().unwrap();
    assert!(location.ends_with("/tiket/2#tugas"), "back at the assignment section: {location}");
    let back = send(&app, get(location.split('#').next().unwrap(), Some(&staff))).await;
    assert_eq!(back.status, StatusCode::OK);
    let assignment = back.body.split("id=\"tugas\"").nth(1).expect("the assignment section");
    assert!(assignment.starts_with(" open"), "a section with an error is open");
    assert!(assignment.contains("error-summary") && assignment.contains("dipegang oleh") && assignment.contains("pimpinan unit"), "{assignment}");
    assert!(!assignment.contains("tidak berwenang"), "the refusal names the holder, not a general sentence: {assignment}");
}

#[tokio::test]
async fn oversized_files_are_refused_with_a_message() {
    use app::tickets::api::CheckReport;
    let (app, _db) = demo_app().await;
    let boundary = "----layanan-big";
    let multipart = |file_bytes: usize| {
        let mut body = Vec::new();
        for (k, v) in report_fields("Foto antrean", "foto@contoh.id") {
            body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes());
        }
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"besar.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").as_bytes(),
        );
        body.extend(std::iter::repeat_n(0xFFu8, file_bytes));
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        body
    };
    let post = |body: Vec<u8>, cookie: Option<&str>| {
        let mut b = Request::post(CheckReport::url())
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, ORIGIN)
            .header(header::REFERER, format!("{ORIGIN}/lapor"))
            .header(header::ACCEPT, "text/html")
            .header(header::CONTENT_LENGTH, body.len())
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"));
        if let Some(c) = cookie {
            b = b.header(header::COOKIE, c);
        }
        b.body(Body::from(body)).unwrap()
    };
    // One file over 5 MB: the form comes back with the reason and the answers.
    let r = send(&app, post(multipart(6 * 1024 * 1024), None)).await;
    let cookie = session_cookie(&r);
    let page = send(&app, get("/lapor", Some(&cookie))).await;
    assert!(page.body.contains("besar.jpg lebih dari 5 MB"), "per-file limit explained");
    assert!(page.body.contains("Foto antrean"));
    // A request over the whole limit is refused before it is read, with a page that says why.
    let r = send(&app, post(multipart(server::MAX_REQUEST_BYTES + 1), None)).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{:?} {}", r.location, &r.body[..r.body.len().min(300)]);
    assert!(r.body.contains("Berkas terlalu besar"));
}

#[tokio::test]
async fn a_roster_saved_without_javascript_is_refused_over_the_cap_and_kept() {
    use app::rosters::api::SaveRoster;
    use app::ssr::entities::{roster_entry, unit, unit_member};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let (app, db) = demo_app().await;
    let u = unit::Entity::find().filter(unit::Column::Slug.eq("disdukcapil-balikpapan")).one(&db).await.unwrap().unwrap();
    let members = unit_member::Entity::find().filter(unit_member::Column::UnitId.eq(u.id)).all(&db).await.unwrap();
    let shift = app::rosters::ssr::shifts_of(&db, u.id).await.unwrap()[0].id;
    let session = sign_in(&app, "pimpinan.capil@layanan.go.id").await;
    let page = format!("/kelola/unit/{}/jadwal?minggu=2027-W09", u.id);
    let grid = send(&app, get(&page, Some(&session))).await;
    assert_eq!(grid.status, StatusCode::OK);
    let key = |user: i32| app::rosters::cell_key(user, "2027-03-02", shift);
    assert!(grid.body.contains(&format!("name=\"c[{}]\"", key(members[0].user_id))), "the grid names its cells");

    // Both members of the unit in the office: two counted staff, a cap of one.
    let cells: Vec<String> = members.iter().map(|m| format!("c%5B{}%5D=wfo-desk", key(m.user_id))).collect();
    let body = format!("unit_id={}&week=2027-W09&{}", u.id, cells.join("&"));
    let r = send(&app, form_post(SaveRoster::PATH, &page, &body, Some(&session), ORIGIN)).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
    let back = send(&app, get(r.location.as_deref().unwrap(), Some(&session))).await;
    assert!(back.body.contains("2 orang bekerja di kantor (WFO), melebihi batas 1 orang"), "{}", back.body);
    assert!(back.body.contains("<option value=\"wfo-desk\" selected"), "the typed grid comes back");
    assert!(roster_entry::Entity::find().all(&db).await.unwrap().is_empty(), "nothing of a refused plan is kept");

    let fixed = format!("unit_id={}&week=2027-W09&c%5B{}%5D=wfo-desk&c%5B{}%5D=wfh-desk", u.id, key(members[0].user_id), key(members[1].user_id));
    let r = send(&app, form_post(SaveRoster::PATH, &page, &fixed, Some(&session), ORIGIN)).await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert!(r.location.as_deref().unwrap().contains("ok=1"), "{:?}", r.location);
    assert_eq!(roster_entry::Entity::find().all(&db).await.unwrap().len(), 2);

    // Staff of the unit cannot plan it; another unit's manager does not even see it.
    let staff = sign_in(&app, "petugas.capil@layanan.go.id").await;
    assert_eq!(send(&app, get(&page, Some(&staff))).await.status, StatusCode::NOT_FOUND);
    let other = sign_in(&app, "pimpinan.rsud@layanan.go.id").await;
    assert_eq!(send(&app, get(&page, Some(&other))).await.status, StatusCode::NOT_FOUND);
}

/// The `<input …>` tag with this id, as the page has it.
fn input_tag<'a>(body: &'a str, id: &str) -> &'a str {
    let at = body.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no element {id}"));
    let start = body[..at].rfind("<input").expect("an input");
    let end = at + body[at..].find('>').expect("the tag ends");
    &body[start..=end]
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn a_visit_booked_without_javascript_goes_slot_details_check_and_confirmation() {
    use app::bookings::api::{CancelBooking, ChooseSlot, ConfirmBooking, SaveVisitor};
    use app::ssr::entities::{booking, booking_setting, service, unit};
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let (app, db) = demo_app().await;
    server::demo::seed_bookings(&db, "https://layanan.test", chrono::Utc::now()).await.unwrap();
    // This unit keeps no roster here: two counters, four visitors each per slot (10 fit the room).
    booking_setting::Entity::update_many()
        .col_expr(booking_setting::Column::CounterSource, Expr::value("fixed"))
        .exec(&db)
        .await
        .unwrap();
    let u = unit::Entity::find().filter(unit::Column::Slug.eq("disdukcapil-balikpapan")).one(&db).await.unwrap().unwrap();
    let s = service::Entity::find().filter(service::Column::Slug.eq("akta-kelahiran")).one(&db).await.unwrap().unwrap();
    let free = app::bookings::ssr::next_free(&db, &u, app::bookings::ssr::today(&u, chrono::Utc::now()), chrono::Utc::now(), 2).await.unwrap();
    let (first, second) = (free[0].clone(), free[1].clone());
    let key = app::bookings::ssr::slot_key(first.date, &first.starts);
    let page_path = format!("/janji/layanan/disdukcapil-balikpapan/akta-kelahiran?tanggal={}", first.date);
    let page = send(&app, get(&page_path, None)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&format!("value=\"{key}\"")), "the slot is offered");
    assert!(page.body.contains("tempat tersisa"), "with its places left");

    // A slot; then details with a bad e-mail address: refused, and what was typed comes back.
    let body = format!("unit=disdukcapil-balikpapan&service=akta-kelahiran&date={}&slot={}", first.date, enc(&key));
    let r = send(&app, form_post(ChooseSlot::PATH, &page_path, &body, None, ORIGIN)).await;
    assert_eq!(r.location.as_deref(), Some("/janji/data"), "{}", r.body);
    let cookie = session_cookie(&r);
    let bad = "name=Siti+Aminah&email=siti%40&phone=0812+3456+7890";
    let r = send(&app, form_post(SaveVisitor::PATH, "/janji/data", bad, Some(&cookie), ORIGIN)).await;
    assert_eq!(r.status, StatusCode::FOUND);
    let back = send(&app, get("/janji/data", Some(&cookie))).await;
    assert!(back.body.contains("Masukkan alamat email yang benar"), "{}", back.body);
    assert!(back.body.contains("value=\"Siti Aminah\""), "the name typed is kept");
    // The field only form-filling programs fill in: refused, what was typed kept.
    let bot = "name=Siti+Aminah&email=siti%40contoh.id&phone=0812+3456+7890&situs_web=http%3A%2F%2Fspam.example";
    let r = send(&app, form_post(SaveVisitor::PATH, "/janji/data", bot, Some(&cookie), ORIGIN)).await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert_ne!(r.location.as_deref(), Some("/janji/periksa"), "a filled hidden field does not go on");
    let back = send(&app, get("/janji/data", Some(&cookie))).await;
    assert!(back.body.contains("error-summary") && back.body.contains("value=\"Siti Aminah\""), "{}", back.body);
    let good = "name=Siti+Aminah&email=siti%40contoh.id&phone=0812+3456+7890";
    let r = send(&app, form_post(SaveVisitor::PATH, "/janji/data", good, Some(&cookie), ORIGIN)).await;
    assert_eq!(r.location.as_deref(), Some("/janji/periksa"));
    let check = send(&app, get("/janji/periksa", Some(&cookie))).await;
    assert!(check.body.contains("Siti Aminah") && check.body.contains("WITA"), "check your answers");
    let submission = check.body.split("name=\"key\" value=\"").nth(1).and_then(|s| s.split('"').next()).unwrap().to_string();
    let r = send(&app, form_post(ConfirmBooking::PATH, "/janji/periksa", &format!("key={submission}"), Some(&cookie), ORIGIN)).await;
    let done = r.location.clone().unwrap();
    assert!(done.starts_with("/janji/kode/") && done.ends_with("?baru=1"), "{done}");
    let page = send(&app, get(&done, Some(&cookie))).await;
    assert!(page.body.contains("Janji temu tercatat"));
    assert!(page.body.contains("<svg"), "the QR code");
    assert!(page.body.contains(&format!("{}–{} WITA", first.starts, first.ends)));
    // The back button and another press: still one booking.
    let again = send(&app, form_post(ConfirmBooking::PATH, "/janji/periksa", &format!("key={submission}"), Some(&cookie), ORIGIN)).await;
    assert_eq!(again.location.as_deref(), Some(done.as_str()));
    assert_eq!(booking::Entity::find().filter(booking::Column::Email.eq("siti@contoh.id")).count(&db).await.unwrap(), 1);

    // The next slot fills up meanwhile: choosing it is refused, the page says so and offers others.
    let full_key = app::bookings::ssr::slot_key(second.date, &second.starts);
    for i in 0..second.free {
        let v = app::bookings::Visitor { name: format!("W{i}"), email: format!("w{i}@contoh.id"), phone: format!("08120000{i:04}") };
        let nb = app::bookings::ssr::NewBooking { unit: &u, service: &s, slot: (second.date, second.starts.clone()), visitor: &v, lang: app::i18n::Lang::Id, submission_key: &format!("fill{i}") };
        app::bookings::ssr::book(&db, &app::tickets::ssr::Env { public_url: "http://x" }, nb, chrono::Utc::now()).await.unwrap();
    }
    let body = format!("unit=disdukcapil-balikpapan&service=akta-kelahiran&date={}&slot={}", second.date, enc(&full_key));
    let r = send(&app, form_post(ChooseSlot::PATH, &page_path, &body, None, ORIGIN)).await;
    assert_eq!(r.status, StatusCode::FOUND);
    let c2 = session_cookie(&r);
    let back = send(&app, get(r.location.as_deref().unwrap(), Some(&c2))).await;
    assert!(back.body.contains("sudah penuh"), "{}", back.body);

    // Cancelling from the booking's page.
    let code = done.trim_start_matches("/janji/kode/").trim_end_matches("?baru=1").to_string();
    let r = send(&app, form_post(CancelBooking::PATH, &format!("/janji/kode/{code}"), &format!("code={code}"), None, ORIGIN)).await;
    assert_eq!(r.location.as_deref(), Some(format!("/janji/kode/{code}?batal=1").as_str()));
    let page = send(&app, get(&format!("/janji/kode/{code}"), None)).await;
    assert!(page.body.contains("Dibatalkan"));

    // The counter: the unit's staff see it; another unit's manager does not.
    let staff = sign_in(&app, "petugas.capil@layanan.go.id").await;
    let counter = send(&app, get(&format!("/loket/{}", u.id), Some(&staff))).await;
    assert_eq!(counter.status, StatusCode::OK);
    assert!(counter.body.contains("Catat kedatangan"));
    let other = sign_in(&app, "pimpinan.rsud@layanan.go.id").await;
    assert_eq!(send(&app, get(&format!("/loket/{}", u.id), Some(&other))).await.status, StatusCode::NOT_FOUND);
    // A mistyped code leads to a clear page, not an error.
    let missing = send(&app, get("/janji/kode/AAAAABBBBBCCCCC", None)).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains("Janji temu tidak ditemukan"));
}

#[tokio::test]
async fn the_survey_without_javascript_keeps_answers_and_takes_one_submission() {
    use app::satisfaction::api::SubmitSurvey;
    use app::ssr::entities::outbox;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let (app, db) = demo_app().await;
    // The demo's answered consultation was resolved: Rina was sent the survey.
    let mail = outbox::Entity::find()
        .filter(outbox::Column::ToAddr.eq("rina@contoh.id"))
        .filter(outbox::Column::BodyText.contains("/survei/"))
        .one(&db)
        .await
        .unwrap()
        .expect("survey mail");
    let start = mail.body_text.find("/survei/").unwrap() + "/survei/".len();
    let token = mail.body_text[start..start + 64].to_string();
    let path = format!("/survei/{token}");
    // Her report's page offers the same survey.
    let rina = app::ssr::entities::ticket::Entity::find()
        .filter(app::ssr::entities::ticket::Column::ReporterEmail.eq("rina@contoh.id"))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    let tracking = send(&app, get(&format!("/lacak/{}", rina.code), None)).await;
    assert!(tracking.body.contains(&format!("href=\"/lacak/{}/survei\"", rina.code)), "{}", tracking.body);
    let page = send(&app, get(&path, None)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?"));
    assert!(page.body.contains("Pertanyaan 9 dari 9") && page.body.contains("Dikelola dengan baik"));
    assert!(page.body.contains("Laporan: Akta Kelahiran"), "says what it is about");

    // Two answers and a suggestion: refused, naming the seven unanswered, keeping the rest.
    let partial = format!("token={token}&u1=4&u2=3&age=&gender=P&education=&occupation=&suggestion=Tambah+kursi+ruang+tunggu");
    let r = send(&app, form_post(SubmitSurvey::PATH, &path, &partial, None, ORIGIN)).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
    let cookie = session_cookie(&r);
    let back = send(&app, get(r.location.as_deref().unwrap(), Some(&cookie))).await;
    assert!(back.body.contains("Pilih satu jawaban untuk pertanyaan U3 (Waktu penyelesaian)."), "{}", back.body);
    assert_eq!(back.body.matches("Pilih satu jawaban untuk pertanyaan").count(), 14, "7 in the summary, 7 beside the questions");
    assert!(back.body.contains("Tambah kursi ruang tunggu"), "the suggestion is kept");
    assert!(input_tag(&back.body, "u1-4").split_whitespace().any(|a| a.trim_end_matches(['/', '>']) == "checked"), "the answer is kept");
    assert!(!input_tag(&back.body, "u1-3").contains("checked"), "and only that one");

    let full = format!("token={token}&u1=4&u2=3&u3=2&u4=4&u5=3&u6=4&u7=4&u8=3&u9=3&age=41&gender=P&education=S1&occupation=PNS&suggestion=Tambah+kursi");
    let r = send(&app, form_post(SubmitSurvey::PATH, &path, &full, Some(&cookie), ORIGIN)).await;
    assert_eq!(r.location.as_deref(), Some(format!("{path}?terkirim=1").as_str()), "{}", r.body);
    let thanks = send(&app, get(&format!("{path}?terkirim=1"), None)).await;
    assert!(thanks.body.contains("Terima kasih"));
    // The link works once; a second post lands on the page that says so.
    let r = send(&app, form_post(SubmitSurvey::PATH, &path, &full, None, ORIGIN)).await;
    let again = send(&app, get(r.location.as_deref().unwrap_or(&path), None)).await;
    assert!(again.body.contains("Survei ini sudah diisi"), "{}", again.body);
    // Answered through the mailed link: the report's page no longer offers it.
    let tracking = send(&app, get(&format!("/lacak/{}", rina.code), None)).await;
    assert!(!tracking.body.contains("Isi survei kepuasan"));
    let by_code = send(&app, get(&format!("/lacak/{}/survei", rina.code), None)).await;
    assert!(by_code.body.contains("Survei ini sudah diisi"));
    let unknown = send(&app, get(&format!("/survei/{}", "0".repeat(64)), None)).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(unknown.body.contains("Tautan survei tidak dikenal"));

    // Published: 3 + 3 + 2 + 4 + 3 + 4 + 4 + 3 + 3 (and U1 = 4) = 30 of 36: 83,33, B.
    let results = send(&app, get("/layanan/disdukcapil-balikpapan/ikm", None)).await;
    assert_eq!(results.status, StatusCode::OK);
    assert!(results.body.contains("83,33") && results.body.contains("Mutu B — Baik") && results.body.contains("dari 1 responden"), "{}", results.body);
    let unit_page = send(&app, get("/layanan/disdukcapil-balikpapan", None)).await;
    assert!(unit_page.body.contains("Kepuasan masyarakat") && unit_page.body.contains("83,33"));
}

#[tokio::test]
async fn dashboards_are_for_managers_and_their_tables_download_as_csv() {
    use app::ssr::entities::unit;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let (app, db) = demo_app().await;
    let id = |slug: &'static str| {
        let db = db.clone();
        async move { unit::Entity::find().filter(unit::Column::Slug.eq(slug)).one(&db).await.unwrap().unwrap().id }
    };
    let (capil, rsud) = (id("disdukcapil-balikpapan").await, id("rsud-jayapura").await);
    let csv = send(&app, get(&format!("/kelola/unit/{capil}/kinerja/status.csv?periode=bulan"), None)).await;
    assert_eq!(csv.status, StatusCode::UNAUTHORIZED);

    let manager = sign_in(&app, "pimpinan.capil@layanan.go.id").await;
    let page = send(&app, get(&format!("/kelola/unit/{capil}/kinerja"), Some(&manager))).await;
    assert_eq!(page.status, StatusCode::OK);
    for text in ["Kinerja dan kepuasan", "Laporan menurut status", "Ketepatan tenggat", "Kinerja per petugas", "<svg", "Unduh CSV"] {
        assert!(page.body.contains(text), "{text}");
    }
    let csv = send(&app, get(&format!("/kelola/unit/{capil}/kinerja/jenis.csv?periode=tahun"), Some(&manager))).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.content_type.starts_with("text/csv"));
    // The demo's three reports: a consultation, a complaint and a request for information.
    assert_eq!(csv.body, "\"Jenis\",\"Jumlah\"\r\n\"Konsultasi\",\"1\"\r\n\"Pengaduan\",\"1\"\r\n\"Aspirasi\",\"0\"\r\n\"Permintaan informasi\",\"1\"\r\n");
    let answers = send(&app, get(&format!("/kelola/unit/{capil}/kinerja/skm-jawaban.csv"), Some(&manager))).await;
    assert!(answers.body.starts_with("\"tanggal\",\"layanan\",\"sumber\",\"u1\""));
    assert_eq!(send(&app, get(&format!("/kelola/unit/{capil}/kinerja/tidak-ada.csv"), Some(&manager))).await.status, StatusCode::NOT_FOUND);
    // Another unit's figures are not found, page and CSV alike; all units are for admins.
    assert_eq!(send(&app, get(&format!("/kelola/unit/{rsud}/kinerja"), Some(&manager))).await.status, StatusCode::NOT_FOUND);
    assert_eq!(send(&app, get(&format!("/kelola/unit/{rsud}/kinerja/status.csv"), Some(&manager))).await.status, StatusCode::NOT_FOUND);
    assert_eq!(send(&app, get("/kelola/kinerja", Some(&manager))).await.status, StatusCode::FORBIDDEN);
    // Typed dates that are wrong: said plainly, kept, and the month shown instead.
    let bad = send(&app, get(&format!("/kelola/unit/{capil}/kinerja?periode=khusus&dari=2027-02-30&sampai=2027-03-01"), Some(&manager))).await;
    assert_eq!(bad.status, StatusCode::OK);
    assert!(bad.body.contains("Tanggal awal harus berupa tanggal yang benar") && bad.body.contains("value=\"2027-02-30\""));
    // One way of writing dates: hinted, shown and asked for day first; typed any common way.
    assert!(bad.body.contains("misalnya 01-12-2026") && !bad.body.contains("misalnya 2027-03-01"), "{}", bad.body);
    let words = send(&app, get(&format!("/kelola/unit/{capil}/kinerja?periode=khusus&dari=1%20Maret%202027&sampai=31%2F3%2F2027"), Some(&manager))).await;
    assert!(words.body.contains("1 Maret 2027 – 31 Maret 2027") && !words.body.contains("Ada masalah"), "{}", words.body);
    let month = send(&app, get(&format!("/kelola/unit/{capil}/kinerja?periode=bulan&tanggal=2027-03-15"), Some(&manager))).await;
    assert!(month.body.contains("value=\"01-03-2027\"") && !month.body.contains("type=\"date\""), "{}", month.body);

    // Staff see their own figures, not the unit's dashboard.
    let staff = sign_in(&app, "petugas.capil@layanan.go.id").await;
    assert_eq!(send(&app, get(&format!("/kelola/unit/{capil}/kinerja"), Some(&staff))).await.status, StatusCode::NOT_FOUND);
    let mine = send(&app, get("/kinerja-saya", Some(&staff))).await;
    assert!(mine.body.contains("Kinerja saya") && mine.body.contains("Petugas Disdukcapil"));
    let mine_csv = send(&app, get("/kinerja-saya/saya.csv?periode=tahun", Some(&staff))).await;
    assert!(mine_csv.body.lines().nth(1).unwrap_or("").starts_with("\"Petugas Disdukcapil\",\"Dinas Kependudukan"), "{}", mine_csv.body);

    let admin = sign_in_admin(&app, &db).await;
    let all = send(&app, get("/kelola/kinerja", Some(&admin))).await;
    assert_eq!(all.status, StatusCode::OK);
    assert!(all.body.contains("Semua unit") && all.body.contains("RSUD Jayapura"));
}

#[tokio::test]
async fn admins_issue_and_revoke_open311_keys_without_javascript() {
    let (app, db) = demo_app().await;
    let docs = send(&app, get("/pengembang", None)).await;
    assert_eq!(docs.status, StatusCode::OK);
    assert!(docs.body.contains("curl -X POST http://127.0.0.1:3000/open311/v2/requests.json"), "{}", docs.body);
    assert!(docs.body.contains("<code>attribute[anonim]</code>, <code>attribute[rahasia]</code>"), "{}", docs.body);
    assert!(send(&app, get("/", None)).await.body.contains("href=\"/pengembang\""), "linked from every page's footer");
    let manager = sign_in(&app, "pimpinan.capil@layanan.go.id").await;
    assert_eq!(send(&app, get("/admin/open311", Some(&manager))).await.status, StatusCode::FORBIDDEN);
    let admin = sign_in_admin(&app, &db).await;
    let page = send(&app, get("/admin/open311", Some(&admin))).await;
    assert!(page.body.contains("Belum ada kunci."), "{}", page.body);
    assert!(page.body.contains("http://127.0.0.1:3000/open311/v2"));

    let path = app::open311::api::CreateApiKey::PATH;
    let bad = send(&app, form_post(path, "/admin/open311", "name=&per_hour=banyak", Some(&admin), ORIGIN)).await;
    let back = send(&app, get(bad.location.as_deref().unwrap(), Some(&admin))).await;
    assert!(back.body.contains("Nama aplikasi wajib diisi."), "{}", back.body);
    assert!(back.body.contains("Laporan per jam harus angka dari 1 sampai 10000."));
    assert!(back.body.contains("value=\"banyak\""), "what was typed is kept");

    let made = send(&app, form_post(path, "/admin/open311", "name=Aplikasi+Warga&per_hour=50", Some(&admin), ORIGIN)).await;
    assert_eq!(made.location.as_deref(), Some("/admin/open311?baru=1"));
    let shown = send(&app, get("/admin/open311?baru=1", Some(&admin))).await;
    let at = shown.body.find("id=\"new-key\"").unwrap_or_else(|| panic!("the new key: {}", shown.body));
    let start = at + shown.body[at..].find('>').unwrap() + 1;
    let key = shown.body[start..start + 52].to_string();
    assert!(key.starts_with("lyn_"), "{key}");
    assert!(shown.body.contains("Kunci untuk Aplikasi Warga dibuat."));
    let again = send(&app, get("/admin/open311", Some(&admin))).await;
    assert!(!again.body.contains(&key), "the key is shown once");
    assert!(again.body.contains(&format!("{}…", &key[..10])), "its start tells keys apart");
    assert!(again.body.contains("Belum pernah"));

    // Used once through Open311, then revoked.
    let akta = {
        use app::ssr::entities::service;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        service::Entity::find().filter(service::Column::Slug.eq("akta-kelahiran")).one(&db).await.unwrap().unwrap().id
    };
    let body = format!(
        "api_key={key}&service_code={akta}&attribute%5Bjenis%5D=konsultasi&first_name=Budi&email=budi%40example.org&description=Apakah+akta+kelahiran+bisa+diurus+oleh+kakek%3F"
    );
    let post = send(&app, form_post("/open311/v2/requests.json", "/", &body, None, "https://aplikasi.example.org")).await;
    assert_eq!(post.status, StatusCode::OK, "{}", post.body);
    let used = send(&app, get("/admin/open311", Some(&admin))).await;
    assert!(!used.body.contains("Belum pernah"), "the last use is shown");
    let id = app::open311::ssr::keys(&db).await.unwrap()[0].id;
    let revoke = send(&app, form_post(app::open311::api::RevokeApiKey::PATH, "/admin/open311", &format!("id={id}"), Some(&admin), ORIGIN)).await;
    assert_eq!(revoke.location.as_deref(), Some("/admin/open311?cabut=1"));
    let page = send(&app, get("/admin/open311?cabut=1", Some(&admin))).await;
    assert!(page.body.contains("Kunci dicabut."));
    assert!(page.body.contains("Dicabut "));
    let refused = send(&app, form_post("/open311/v2/requests.json", "/", &body, None, "https://aplikasi.example.org")).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn behind_the_proxy_a_client_without_a_forwarded_address_counts_on_its_own() {
    use axum::extract::ConnectInfo;
    use std::net::SocketAddr;
    let db = server::testing::sqlite().await.unwrap();
    server::demo::seed(&db, chrono::Utc::now()).await.unwrap();
    let config = server::config::Config::from_lookup(|k| (k == "PORTAL_TRUSTED_PROXY").then(|| "true".to_string())).unwrap();
    let app = server::router(&config, server::app_state(&config, db)).await.unwrap();
    let lookup = |peer: &str, forwarded: Option<&str>| {
        let mut r = get("/lacak/AAAAAAAAAAAAAAA", None);
        r.extensions_mut().insert(ConnectInfo(peer.parse::<SocketAddr>().unwrap()));
        if let Some(f) = forwarded {
            r.headers_mut().insert("x-forwarded-for", f.parse().unwrap());
        }
        r
    };
    // One client guesses codes without the proxy's header, until it is paused.
    for _ in 0..10 {
        assert_eq!(send(&app, lookup("198.51.100.7:50000", None)).await.status, StatusCode::NOT_FOUND);
    }
    assert_eq!(send(&app, lookup("198.51.100.7:50000", None)).await.status, StatusCode::TOO_MANY_REQUESTS);
    // Another client without the header is not paused for the first one's guesses.
    assert_eq!(send(&app, lookup("198.51.100.8:50000", None)).await.status, StatusCode::NOT_FOUND);
    // Behind the proxy, clients count by the address the proxy vouches for.
    assert_eq!(send(&app, lookup("127.0.0.1:40000", Some("203.0.113.9"))).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_report_form_broken_off_in_transit_says_so_and_keeps_what_arrived() {
    use app::tickets::api::CheckReport;
    let (app, _db) = demo_app().await;
    let boundary = "----layanan-test-boundary";
    let mut body = String::new();
    for (k, v) in report_fields("Antrean KTP-el terlalu lama", "putus@contoh.id") {
        body.push_str(&format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"));
    }
    // The photo's part starts, and the connection drops: no closing boundary.
    body.push_str(&format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"antrean.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n\u{ff}\u{d8}\u{ff}\u{e0}JFIF"
    ));
    let req = Request::post(CheckReport::url())
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, ORIGIN)
        .header(header::REFERER, format!("{ORIGIN}/lapor"))
        .header(header::ACCEPT, "text/html,application/xhtml+xml")
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .body(Body::from(body))
        .unwrap();
    let r = send(&app, req).await;
    assert_ne!(r.location.as_deref(), Some("/lapor/periksa"), "a broken form is not taken as complete");
    assert!(r.status.is_client_error() || r.status.is_redirection(), "{}", r.status);
    let cookie = session_cookie(&r);
    let page = send(&app, get("/lapor", Some(&cookie))).await;
    assert!(page.body.contains("Pengiriman formulir terputus"), "{}", page.body);
    assert!(page.body.contains("Antrean KTP-el terlalu lama"), "what arrived is kept");
}

/// The reproduction behind `server::router` listing the routes once per process: pages
/// rendered while Leptos lists an application's routes (`generate_route_list`) on another
/// thread can wait forever (seen with leptos 0.8.23 and leptos_axum 0.8.10: about one run
/// in two, on per-test runtimes and on one shared runtime alike; never with the lists built
/// first, nor with one application serving many requests at once). Ignored because it
/// fails while that holds: `cargo test -p server --test it -- --ignored route_list`.
#[test]
#[ignore = "reproduces a Leptos behaviour the portal works around; fails while it holds"]
fn a_route_list_built_while_pages_render_leaves_no_page_waiting() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(4).enable_all().build().unwrap();
    rt.block_on(async {
        let (app, _) = demo_app().await;
        let lister = std::thread::spawn(|| {
            for _ in 0..200 {
                let _ = leptos_axum::generate_route_list(app::App);
            }
        });
        let mut waits = Vec::new();
        for task in 0..4 {
            let app = app.clone();
            waits.push(tokio::spawn(async move {
                for i in 0..50 {
                    let page = tokio::time::timeout(std::time::Duration::from_secs(10), send(&app, get("/lapor", None))).await;
                    assert!(page.is_ok(), "task {task}: request {i} to /lapor still waits after 10 s");
                }
            }));
        }
        for w in waits {
            w.await.unwrap();
        }
        lister.join().unwrap();
    });
}

/// `PORTAL_CLOCK` sets one application's clock, not the process's: two portals in one
/// process read their own time (here, the year their public survey results open on).
#[tokio::test]
async fn two_portals_in_one_process_keep_their_own_clocks() {
    use chrono::Datelike;
    let portal = |clock: Option<&'static str>| async move {
        let db = server::testing::sqlite().await.unwrap();
        server::demo::seed(&db, chrono::Utc::now()).await.unwrap();
        let config = server::config::Config::from_lookup(|k| (k == "PORTAL_CLOCK").then(|| clock.map(str::to_string)).flatten()).unwrap();
        server::router(&config, server::app_state(&config, db)).await.unwrap()
    };
    let lead = |body: &str| {
        let at = body.find("<p class=\"lead\">").unwrap_or_else(|| panic!("{body}"));
        body[at..at + body[at..].find("</p>").unwrap()].to_string()
    };
    let later = portal(Some("2031-04-06T09:10:00+08:00")).await;
    let today = portal(None).await;
    let path = "/layanan/disdukcapil-balikpapan/ikm";
    let (a, b) = (send(&later, get(path, None)).await, send(&today, get(path, None)).await);
    assert!(lead(&a.body).contains("2031"), "{}", lead(&a.body));
    let this_year = chrono::Utc::now().year().to_string();
    assert!(lead(&b.body).contains(&this_year) && !lead(&b.body).contains("2031"), "{}", lead(&b.body));
}

#[tokio::test]
async fn a_manager_gives_a_service_english_words_without_javascript() {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let (app, db) = demo_app().await;
    let s = app::ssr::entities::service::Entity::find()
        .filter(app::ssr::entities::service::Column::Slug.eq("kartu-keluarga"))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    let manager = sign_in(&app, "pimpinan.capil@layanan.go.id").await;
    let page_path = format!("/kelola/layanan/{}/keterangan", s.id);
    let page = send(&app, get(&page_path, Some(&manager))).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Ringkasan dalam bahasa Inggris") && page.body.contains("lang=\"en\""), "{}", page.body);
    assert!(page.body.contains(&s.summary), "the stored summary is prefilled");

    // Too long: refused with a 4xx-worthy message at the page itself, everything typed kept.
    let long = "x".repeat(501);
    let body = format!("service_id={}&name=Kartu+Keluarga&summary=KK&keywords=&summary_en={long}&keywords_en=household+card", s.id);
    let r = send(&app, form_post(app::standards::SaveServiceDetails::PATH, &page_path, &body, Some(&manager), ORIGIN)).await;
    assert_eq!(r.status, StatusCode::FOUND);
    let to = r.location.clone().unwrap_or_default();
    assert!(to.ends_with(&page_path), "back to its own page, a clean address: {to}");
    let page = send(&app, get(&page_path, Some(&manager))).await;
    assert!(page.body.contains("Ringkasan dalam bahasa Inggris"));
    assert!(page.body.contains("500"), "the limit is named");
    assert!(page.body.contains("household card") && page.body.contains(&long), "nothing typed is lost");

    let body = format!("service_id={}&name=Kartu+Keluarga&summary={}&keywords=kk&summary_en=A+new+family+card&keywords_en=household+card", s.id, s.summary.replace(' ', "+"));
    let r = send(&app, form_post(app::standards::SaveServiceDetails::PATH, &page_path, &body, Some(&manager), ORIGIN)).await;
    assert_eq!(r.location.as_deref(), Some(format!("{page_path}?ok=1").as_str()));
    let found = send(&app, get("/?q=household&bahasa=en", None)).await;
    assert!(found.body.contains("Kartu Keluarga") && found.body.contains("A new family card"), "{}", found.body);

    // Staff of the unit cannot change it: like every manager's page, it is not found for them.
    let staff = sign_in(&app, "petugas.capil@layanan.go.id").await;
    let r = send(&app, script_post(app::standards::SaveServiceDetails::PATH, &body, Some(&staff))).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
}

/// The built stylesheet, script and WebAssembly as a phone gets them: pages name the files
/// by their content hash; the files go out as the build compressed them (brotli, else
/// gzip, else plain), never compressed per request, and a content-named file is kept for a
/// year. A page is its HTML only: no data sent a second time for hydration, and the
/// WebAssembly is named only to the loader, which fetches it when the page has an island.
#[tokio::test]
async fn built_files_go_out_precompressed_and_content_named_and_pages_carry_no_hydration_data() {
    use axum::http::HeaderValue;
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let css = "main{margin:0 auto}".repeat(200);
    std::fs::write(pkg.join("layanan.AbCdEf12_-xY.css"), &css).unwrap();
    std::fs::write(pkg.join("layanan.AbCdEf12_-xY.css.br"), b"as brotli").unwrap();
    std::fs::write(pkg.join("layanan.AbCdEf12_-xY.css.gz"), b"as gzip").unwrap();
    std::fs::write(pkg.join("layanan.Qr5tUv78wXyZ.js"), b"export default 1").unwrap();
    std::fs::write(pkg.join("layanan.Zz9Yy8Xx7Ww6.wasm"), b"\0asm").unwrap();
    std::fs::write(pkg.join("layanan.css"), b"an older plain build").unwrap();
    let root = site.path().to_str().unwrap().to_string();
    let config = server::config::Config::from_lookup(|k| (k == "LEPTOS_SITE_ROOT").then(|| root.clone())).unwrap();
    let db = server::testing::sqlite().await.unwrap();
    server::demo::seed(&db, chrono::Utc::now()).await.unwrap();
    let app = server::router(&config, server::app_state(&config, db)).await.unwrap();

    let fetch = |path: &str, encodings: &str| {
        let mut b = Request::get(path).header(header::HOST, "127.0.0.1:3000");
        if !encodings.is_empty() {
            b = b.header(header::ACCEPT_ENCODING, encodings);
        }
        let app = app.clone();
        let req = b.body(Body::empty()).unwrap();
        async move {
            let res = app.oneshot(req).await.unwrap();
            let h = res.headers().clone();
            let body = res.into_body().collect().await.unwrap().to_bytes();
            (h, String::from_utf8_lossy(&body).into_owned())
        }
    };
    let file = "/pkg/layanan.AbCdEf12_-xY.css";
    let (h, body) = fetch(file, "br, gzip").await;
    assert_eq!(body, "as brotli", "the build's brotli file, as it is");
    assert_eq!(h.get(header::CONTENT_ENCODING), Some(&HeaderValue::from_static("br")));
    assert_eq!(h.get(header::CACHE_CONTROL), Some(&HeaderValue::from_static("public, max-age=31536000, immutable")));
    let (h, body) = fetch(file, "gzip").await;
    assert_eq!((body.as_str(), h.get(header::CONTENT_ENCODING).map(|v| v.to_str().unwrap())), ("as gzip", Some("gzip")));
    let (h, body) = fetch(file, "").await;
    assert_eq!(body, css, "a client asking for no encoding gets the file itself");
    assert_eq!(h.get(header::CONTENT_ENCODING), None);
    let (h, _) = fetch("/pkg/layanan.css", "gzip").await;
    assert_eq!(h.get(header::CACHE_CONTROL), Some(&HeaderValue::from_static("public, max-age=3600")), "a plain name may change");

    let (_, home) = fetch("/", "").await;
    assert!(home.contains(r#"<link rel="stylesheet" id="leptos" href="/pkg/layanan.AbCdEf12_-xY.css">"#), "{home}");
    assert!(home.contains(r#"("/pkg/layanan.Qr5tUv78wXyZ.js", "/pkg/layanan.Zz9Yy8Xx7Ww6.wasm");</script>"#), "the loader names the files");
    assert!(!home.contains("modulepreload") && !home.contains(r#"rel="preload""#), "nothing fetched ahead on a page without an island");
    assert!(!home.contains("<script src") && !home.contains("<script type=\"module\" src"), "no script file is named outright");
    assert!(!home.contains("<leptos-island"), "the home page needs no WebAssembly");
    for page in ["/", "/layanan/disdukcapil-balikpapan/akta-kelahiran", "/lapor", "/janji"] {
        let (_, html) = fetch(page, "").await;
        // Leptos still writes its (empty) lists; with hydration they held every page's data.
        assert!(html.contains("__RESOLVED_RESOURCES=[];"), "{page}: {html}");
        assert!(!html.contains("__RESOLVED_RESOURCES["), "{page} sends its data once, as HTML");
        assert_eq!(html.matches("__RESOLVED_RESOURCES=").count(), 1, "{page}");
    }
    let (_, lapor) = fetch("/lapor", "").await;
    assert!(lapor.contains(r#"<leptos-island data-component="CharCount_"#), "the report text's count is an island: {lapor}");
}
