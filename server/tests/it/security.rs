//! The security review's "to test dynamically" requests, through the router, each getting
//! the safe answer.
use crate::http::{demo_app, form_post, get, send, sign_in, Reply, ORIGIN};
use axum::http::StatusCode;
use leptos::server_fn::ServerFn;

/// No answer ever sends the browser to another site, or carries a control character in its
/// `Location` (browsers drop tabs and newlines there, so `/\t/evil.example` means
/// `//evil.example`).
fn stays_here(r: &Reply) {
    let to = r.location.as_deref().unwrap_or("");
    assert!(to.starts_with('/') && !to.starts_with("//"), "{to:?}");
    assert!(!to.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\'), "{to:?}");
}

#[tokio::test]
async fn m1_no_redirect_leaves_the_site() {
    let (app, _) = demo_app().await;
    for back in ["/%09/evil.example", "/%0A/evil.example", "/%0D%0A/evil.example", "/%5C/evil.example", "//evil.example", "https://evil.example"] {
        let r = send(&app, get(&format!("/bahasa/en?kembali={back}"), None)).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{back}");
        stays_here(&r);
        assert_eq!(r.location.as_deref(), Some("/"), "{back}: the home page instead");
    }
    // A real page is still where the language switch goes back to.
    let r = send(&app, get("/bahasa/en?kembali=%2Flacak%3Fkode%3DX", None)).await;
    assert_eq!(r.location.as_deref(), Some("/lacak?kode=X"));

    // After signing in: the hidden "next" of `/masuk?lanjut=`.
    for next in ["/%09/evil.example", "/%0A/evil.example", "/%2509/evil.example"] {
        let body = format!("email=petugas.capil%40layanan.go.id&password={}&next={next}", server::demo::DEMO_PASSWORD);
        let r = send(&app, form_post(app::auth::Login::PATH, "/masuk", &body, None, ORIGIN)).await;
        assert_eq!(r.status, StatusCode::FOUND, "{next}: {}", r.body);
        stays_here(&r);
        assert_eq!(r.location.as_deref(), Some("/petugas/disdukcapil-balikpapan"), "{next}: the staff member's own page instead");
    }
}

#[tokio::test]
async fn l5_a_control_character_in_a_form_is_refused_not_a_crash() {
    use app::rosters::api::SaveRoster;
    use app::satisfaction::api::SubmitSurvey;
    let (app, db) = demo_app().await;
    let answers = "u1=4&u2=4&u3=4&u4=4&u5=4&u6=4&u7=4&u8=4&u9=4";
    let r = send(&app, form_post(SubmitSurvey::PATH, "/survei/x", &format!("token=x%0A&{answers}"), None, ORIGIN)).await;
    assert!(r.status.is_redirection() || r.status.is_client_error(), "{}: {}", r.status, r.body);
    stays_here(&r);

    let u = app::ssr::entities::unit::Entity::by_slug(&db, "disdukcapil-balikpapan").await.unwrap().unwrap();
    let manager = sign_in(&app, "pimpinan.capil@layanan.go.id").await;
    let page = format!("/kelola/unit/{}/jadwal?minggu=2027-W09", u.id);
    let r = send(&app, form_post(SaveRoster::PATH, &page, &format!("unit_id={}&week=2027-W09%0A", u.id), Some(&manager), ORIGIN)).await;
    assert!(r.status.is_redirection() || r.status.is_client_error(), "{}: {}", r.status, r.body);
    stays_here(&r);
}

/// A demo report, answered by staff: (staff member, unit, report).
async fn answered(
    db: &sea_orm::DatabaseConnection,
    subject: &str,
    body: &str,
    key: &str,
) -> (app::auth::CurrentUser, app::ssr::entities::unit::Model, app::ssr::entities::ticket::Model) {
    use app::tickets::ssr as tk;
    use app::tickets::{ReportAnswers, Status};
    let env = tk::Env { public_url: "http://127.0.0.1:3000" };
    let answers = ReportAnswers {
        kind: "pengaduan".into(),
        unit: "disdukcapil-balikpapan".into(),
        service: "akta-kelahiran".into(),
        subject: subject.into(),
        body: body.into(),
        place: "Loket 2".into(),
        name: "Siti Aminah".into(),
        email: "rina@contoh.id".into(),
        phone: "0812 9999 1111".into(),
        anonymous: false,
        confidential: false,
        attachments: vec![],
    };
    let done = tk::submit(db, &answers, key, app::i18n::Lang::Id, &env, chrono::Utc::now()).await.unwrap();
    let staff = {
        use app::ssr::entities::user;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let u = user::Entity::find().filter(user::Column::Email.eq("petugas.capil@layanan.go.id")).one(db).await.unwrap().unwrap();
        app::auth::ssr::load_user(db, u.id).await.unwrap().unwrap()
    };
    let (u, t) = tk::ticket_for_staff(db, &staff, "disdukcapil-balikpapan", done.ticket_id).await.unwrap();
    let reply = tk::ReplyInput { body: "Sudah kami tindak lanjuti.", internal: false, sign_with_name: false, then: Some(Status::Resolved) };
    tk::reply(db, &staff, &u, &t, reply, &env, chrono::Utc::now()).await.unwrap();
    let (u, t) = tk::ticket_for_staff(db, &staff, "disdukcapil-balikpapan", done.ticket_id).await.unwrap();
    (staff, u, t)
}

#[tokio::test]
async fn h2_m3_the_register_shows_and_searches_only_what_staff_published_masked() {
    use app::tickets::ssr as tk;
    let (app, db) = demo_app().await;
    let body = "Berkas atas nama Bu Siti tertahan. NIK 6471 0123 4567 8901, HP 0812 3456 7890, surel siti [at] gmail.com.";
    let (staff, _, t) = answered(&db, "Berkas akta tertahan di loket", body, "h2").await;
    // Answered, not yet read for publication: neither the register nor Open311 has it.
    let listed = |r: &crate::http::Reply| r.body.contains("Berkas akta tertahan di loket");
    assert!(!listed(&send(&app, get("/laporan-publik", None)).await), "not before a person has read it");
    let open311 = send(&app, get("/open311/v2/requests.json", None)).await;
    assert!(!open311.body.contains(&format!("\"service_request_id\":\"{}\"", t.id)), "{}", open311.body);

    // The staff member's page shows the masked text to publish.
    let manager = sign_in(&app, "petugas.capil@layanan.go.id").await;
    let page = send(&app, get(&format!("/petugas/disdukcapil-balikpapan/tiket/{}", t.id), Some(&manager))).await;
    let section = page.body.split("id=\"register\"").nth(1).expect("the register section");
    assert!(section.contains("name=\"public_body\""), "{section}");
    for hidden in ["6471", "3456", "gmail", "Siti"] {
        assert!(!section.split("Jejak audit").next().unwrap().contains(hidden), "{hidden} in the text to publish");
    }
    let (subject, body) = tk::publication_draft(&t);
    tk::publish(&db, &staff, &t, &subject, &body, chrono::Utc::now()).await.unwrap();

    let shown = send(&app, get("/laporan-publik", None)).await;
    assert!(listed(&shown), "published");
    for hidden in ["6471", "3456", "gmail", "Bu Siti"] {
        assert!(!shown.body.contains(hidden), "{hidden} in the register");
    }
    // The search oracle: a prefix of the hidden NIK finds nothing, as a wrong one does.
    for q in ["6471012345", "6471", "gmail", "Siti"] {
        assert!(!listed(&send(&app, get(&format!("/laporan-publik?q={q}"), None)).await), "{q} finds the report");
    }
    assert!(listed(&send(&app, get("/laporan-publik?q=tertahan", None)).await), "a visible word finds it");
    // And Open311 lists it now, with the same published text.
    let open311 = send(&app, get("/open311/v2/requests.json", None)).await;
    assert!(open311.body.contains(&format!("\"service_request_id\":\"{}\"", t.id)), "{}", open311.body);
    assert!(!open311.body.contains("6471") && !open311.body.contains("gmail"), "{}", open311.body);
}

#[tokio::test]
async fn h2_register_searches_are_limited_per_client() {
    let (app, _) = demo_app().await;
    let mut last = None;
    for i in 0..=app::ssr::rate::SEARCH_LIMIT {
        last = Some(send(&app, get(&format!("/laporan-publik?q=akta{i}"), None)).await);
    }
    let last = last.unwrap();
    assert_eq!(last.status, StatusCode::TOO_MANY_REQUESTS, "{}", last.body);
    assert!(last.body.contains("menit"), "says how long to wait: {}", last.body);
    // Reading without a search still works.
    assert_eq!(send(&app, get("/laporan-publik", None)).await.status, StatusCode::OK);
}

#[tokio::test]
async fn l8_a_post_without_origin_or_referer_is_refused() {
    use axum::body::Body;
    use axum::http::{header, Request};
    let (app, _) = demo_app().await;
    let req = Request::post(app::auth::Login::PATH)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("email=a%40b.id&password=x"))
        .unwrap();
    let r = send(&app, req).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert!(r.body.contains("lintas situs"), "{}", r.body);
    // The same post from the portal's page goes through (to the sign-in's own answer).
    let r = send(&app, form_post(app::auth::Login::PATH, "/masuk", "email=a%40b.id&password=x", None, ORIGIN)).await;
    assert_ne!(r.status, StatusCode::FORBIDDEN);
}

/// A one-page PDF as a word processor writes it: the author in the document information and
/// in XMP, and `text` on the page.
pub(crate) fn sample_pdf(text: &str, author: &str) -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R /Metadata 5 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_string(),
        {
            let content = format!("BT /F1 12 Tf 72 720 Td ({text}) Tj ET");
            format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len())
        },
        {
            let xmp = format!("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><dc:creator>{author}</dc:creator></x:xmpmeta>");
            format!("<< /Type /Metadata /Subtype /XML /Length {} >>\nstream\n{xmp}\nendstream", xmp.len())
        },
        format!("<< /Author ({author}) /Creator (Microsoft Word) /Producer (Microsoft Word) >>"),
    ];
    let mut pdf = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        pdf.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(format!("trailer\n<< /Size {} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes());
    pdf
}

/// A phone photo: EXIF with a position, a comment naming the sender, and a maker's trailer.
fn sample_jpeg() -> Vec<u8> {
    let seg = |m: u8, p: &[u8]| {
        let mut v = vec![0xFF, m];
        v.extend_from_slice(&((p.len() + 2) as u16).to_be_bytes());
        v.extend_from_slice(p);
        v
    };
    let mut v = vec![0xFF, 0xD8];
    v.extend(seg(0xE0, b"JFIF\0\x01\x01\x00\x00\x01\x00\x01\x00\x00"));
    v.extend(seg(0xE1, b"Exif\0\0GPSLatitude -1.2654 Siti Aminah"));
    v.extend(seg(0xFE, b"Siti Aminah"));
    v.extend(seg(0xDB, &[0u8; 65]));
    v.extend(seg(0xC0, &[8, 0, 1, 0, 1, 1, 1, 0x11, 0]));
    v.extend(seg(0xDA, &[1, 1, 0, 0, 0x3F, 0]));
    v.extend_from_slice(&[0x12, 0x34, 0xFF, 0xD9]);
    v.extend_from_slice(b"Samsung trailer: Siti Aminah");
    v
}

/// A report form with attachments `(file name, bytes)`, as a browser without JavaScript sends it.
fn report_with(fields: &[(&str, &str)], files: &[(String, Vec<u8>)]) -> axum::http::Request<axum::body::Body> {
    use axum::http::{header, Request};
    let boundary = "----layanan-files";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes());
    }
    for (name, bytes) in files {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    Request::post(app::tickets::api::CheckReport::PATH)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, ORIGIN)
        .header(header::REFERER, format!("{ORIGIN}/lapor"))
        .header(header::ACCEPT, "text/html")
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .body(axum::body::Body::from(body))
        .unwrap()
}

/// A report form with `files` small PDF attachments.
fn report_with_files(files: usize, n: usize) -> axum::http::Request<axum::body::Body> {
    let files: Vec<_> = (0..files).map(|f| (format!("bukti-{n}-{f}.pdf"), sample_pdf(&format!("bukti {n} {f}"), "Yusuf"))).collect();
    report_with(&crate::http::report_fields("Antrean loket akta", "lampiran@contoh.id"), &files)
}

/// Sends a report with `files` through check and send; returns the new report's id.
async fn report_with_attachments(app: &axum::Router, db: &sea_orm::DatabaseConnection, fields: &[(&str, &str)], files: &[(String, Vec<u8>)]) -> i32 {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let r = send(app, report_with(fields, files)).await;
    assert_eq!(r.location.as_deref(), Some("/lapor/periksa"), "{}", r.body);
    let cookie = crate::http::session_cookie(&r);
    let check = send(app, get("/lapor/periksa", Some(&cookie))).await;
    let key = check.body.split("name=\"key\" value=\"").nth(1).and_then(|s| s.split('"').next()).unwrap().to_string();
    let sent = send(app, form_post(app::tickets::api::SubmitReport::PATH, "/lapor/periksa", &format!("key={key}"), Some(&cookie), ORIGIN)).await;
    assert_eq!(sent.location.as_deref(), Some("/lapor/terkirim"), "{}", sent.body);
    let t = app::ssr::entities::ticket::Entity::find().filter(app::ssr::entities::ticket::Column::SubmissionKey.eq(key)).one(db).await.unwrap().unwrap();
    t.id
}

#[tokio::test]
async fn m8_attachments_keep_no_metadata_and_have_addresses_of_their_own() {
    let (app, db) = demo_app().await;
    let photo = sample_jpeg();
    let letter = sample_pdf("Surat keterangan", "Siti Aminah");
    let files = vec![("KTP_Siti_Aminah.jpg".to_string(), photo.clone()), ("Surat_Siti_Aminah.pdf".to_string(), letter)];
    let mut named = crate::http::report_fields("Foto antrean loket", "siti.aminah@contoh.id");
    named.retain(|(k, _)| *k != "name");
    named.push(("name", "Siti Aminah"));
    let named_id = report_with_attachments(&app, &db, &named, &files).await;
    let mut anonim = crate::http::report_fields("Antrean lagi hari ini", "warga.lain@contoh.id");
    anonim.push(("anonymous", "on"));
    let anonim_id = report_with_attachments(&app, &db, &anonim, &files[..1]).await;

    let staff = sign_in(&app, "petugas.capil@layanan.go.id").await;
    let links = |body: &str| -> Vec<String> {
        body.split("href=\"/lampiran/").skip(1).map(|s| s.split('"').next().unwrap().to_string()).collect()
    };
    let page = send(&app, get(&format!("/petugas/disdukcapil-balikpapan/tiket/{named_id}"), Some(&staff))).await;
    assert_eq!(page.status, StatusCode::OK);
    let named_links = links(&page.body);
    assert_eq!(named_links.len(), 2, "{}", page.body);
    assert!(page.body.contains("Lampiran 1: foto JPEG") && page.body.contains("Lampiran 2: dokumen PDF"), "neutral names");
    assert!(!page.body.contains("KTP_Siti") && !page.body.contains("Surat_Siti"), "the sender's file names are not shown");
    let page = send(&app, get(&format!("/petugas/disdukcapil-balikpapan/tiket/{anonim_id}"), Some(&staff))).await;
    let anonim_links = links(&page.body);
    assert_eq!(anonim_links.len(), 1);
    assert_ne!(anonim_links[0], named_links[0], "the same photo on two reports has two addresses");

    for (address, mime) in [(&named_links[0], "image/jpeg"), (&named_links[1], "application/pdf"), (&anonim_links[0], "image/jpeg")] {
        assert_eq!(address.len(), 32, "{address}");
        use tower::ServiceExt;
        let res = app.clone().oneshot(get(&format!("/lampiran/{address}"), None)).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()["content-type"], mime);
        let disposition = res.headers()["content-disposition"].to_str().unwrap().to_string();
        assert!(disposition.contains("lampiran-") && !disposition.contains("Siti"), "{disposition}");
        let bytes = http_body_util::BodyExt::collect(res.into_body()).await.unwrap().to_bytes();
        assert!(!bytes.windows(4).any(|w| w == b"Siti"), "{mime}: no name, comment, author or XMP left");
        assert!(!bytes.windows(11).any(|w| w == b"GPSLatitude"), "{mime}: no position");
        let hash = app::ssr::files::sha256_hex(&bytes);
        assert!(!page.body.contains(&hash) && !address.contains(&hash[..16]), "nothing shown is derived from the content");
    }
    // An address that was never given, or the old shape, finds nothing.
    assert_eq!(send(&app, get(&format!("/lampiran/{}", "0".repeat(32)), None)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(send(&app, get(&format!("/lampiran/X/{}", "a".repeat(64)), None)).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn h3_uploads_before_submission_are_limited_per_client_and_bodies_are_small() {
    use app::ssr::rate::UPLOADS_PER_CLIENT;
    let (app, _) = demo_app().await;
    let rounds = UPLOADS_PER_CLIENT as usize / 3;
    for n in 0..rounds {
        let r = send(&app, report_with_files(3, n)).await;
        assert_eq!(r.location.as_deref(), Some("/lapor/periksa"), "{n}: {}", r.body);
    }
    // The next three would pass the client's hourly count: nothing stored, answers kept.
    let r = send(&app, report_with_files(3, rounds)).await;
    let back = r.location.as_deref().unwrap_or("");
    assert!(back.starts_with(&format!("{ORIGIN}/lapor")) && !back.contains("__err"), "back to the form, its address clean: {back}");
    let cookie = crate::http::session_cookie(&r);
    let form = send(&app, get("/lapor", Some(&cookie))).await;
    assert!(form.body.contains("Terlalu banyak lampiran dikirim dari sambungan ini"), "{}", form.body);
    assert!(form.body.contains("Antrean loket akta"), "the answers are kept");

    // Every other form has a small body limit, said in words.
    let big = format!("email=a%40b.id&password={}", "x".repeat(server::MAX_FORM_BYTES));
    let mut req = form_post(app::auth::Login::PATH, "/masuk", &big, None, ORIGIN);
    req.headers_mut().insert(axum::http::header::CONTENT_LENGTH, big.len().into());
    let r = send(&app, req).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.body.contains("Isian terlalu panjang"), "{}", r.body);
}

#[tokio::test]
async fn m5_every_answer_carries_the_browser_protections_and_private_pages_are_not_cached() {
    let (app, _) = demo_app().await;
    let headers = |path: &'static str, cookie: Option<String>| {
        let app = app.clone();
        async move {
            use tower::ServiceExt;
            let res = app.oneshot(get(path, cookie.as_deref())).await.unwrap();
            res.headers().clone()
        }
    };
    let home = headers("/", None).await;
    assert_eq!(home["x-content-type-options"], "nosniff");
    assert_eq!(home["x-frame-options"], "DENY");
    assert!(home["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"));
    assert_eq!(home["referrer-policy"], "strict-origin-when-cross-origin");
    assert!(home.contains_key("permissions-policy"));
    assert!(home.get("cache-control").is_none_or(|v| v != "no-store"), "public pages may be cached");
    let staff = sign_in(&app, "petugas.capil@layanan.go.id").await;
    for (path, cookie) in [
        ("/petugas/disdukcapil-balikpapan", Some(staff.clone())),
        ("/petugas/disdukcapil-balikpapan/ekspor.csv", Some(staff.clone())),
        ("/lacak/AAAAA-AAAAA-AAAAA", None),
        ("/janji/kode/AAAAA-AAAAA-AAAAA", None),
        ("/", Some(staff.clone())),
    ] {
        let h = headers(path, cookie).await;
        assert_eq!(h["cache-control"], "no-store", "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
    }
    // Not even the origin to another site; the portal's own forms still get their Origin.
    assert_eq!(headers("/lacak/AAAAA-AAAAA-AAAAA", None).await["referrer-policy"], "same-origin");
}

#[tokio::test]
async fn m7_an_anonim_reporters_address_reaches_no_admin_page_and_no_stored_error() {
    use app::ssr::entities::{outbox as mail, ticket};
    use app::ssr::outbox::{claim_due, mark_attempt_failed, RetryPolicy};
    use sea_orm::EntityTrait;
    let (app, db) = demo_app().await;
    // The demo's anonymous complaint (ticket 2), by warga@contoh.id: every mail to them fails,
    // the way a relay rejects an address.
    let anon = ticket::Entity::find_by_id(2).one(&db).await.unwrap().unwrap();
    assert!(anon.anonymous);
    let now = chrono::Utc::now() + chrono::Duration::hours(1);
    let once = RetryPolicy { max_attempts: 1, ..RetryPolicy::default() };
    let mut failed = 0;
    for m in claim_due(&db, "uji", &once, 100, now).await.unwrap() {
        if m.ticket_id == Some(anon.id) {
            let error = format!("550 5.1.1 <{}>: Recipient address rejected", m.to_addr);
            mark_attempt_failed(&db, &m, "uji", &error, &once, now).await.unwrap();
            failed += 1;
        }
    }
    assert!(failed > 0, "the anonymous reporter has mail");
    for m in mail::Entity::find().all(&db).await.unwrap() {
        assert!(!m.last_error.unwrap_or_default().contains('@'), "an address kept in last_error");
    }
    let admin = crate::http::sign_in_admin(&app, &db).await;
    let page = send(&app, get("/admin/surat", Some(&admin))).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Anonim"), "the row is there, marked: {}", page.body);
    let code = app::tickets::TrackingCode::parse(&anon.code).unwrap().to_string();
    for private in ["warga@contoh.id", code.as_str(), anon.code.as_str()] {
        assert!(!page.body.contains(private), "{private} on the failed-mail page");
    }
}


/// The review's M9 and the "accounts with a whole life", as a browser without
/// JavaScript does them: sign out elsewhere, a new password, a reset by mail, two-step
/// sign-in for an admin, and an account switched off.
#[tokio::test]
async fn m9_accounts_have_a_whole_life_without_javascript() {
    use app::auth::account::{ChangePassword, EnableTwoStep, RequestPasswordReset, ResetPassword, SignOutElsewhere};
    use app::ssr::entities::{outbox, user};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let (app, db) = demo_app().await;
    let email = "petugas.capil@layanan.go.id";
    let (a, b) = (sign_in(&app, email).await, sign_in(&app, email).await);
    let page = send(&app, get("/akun", Some(&a))).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Ubah kata sandi") && page.body.contains("Keluarkan semua perangkat lain"), "{}", page.body);
    assert!(send(&app, get("/", Some(&a))).await.body.contains("href=\"/akun\""), "the header links the account page");

    // Sign out elsewhere: this session stays, the other ends.
    let r = send(&app, form_post(SignOutElsewhere::PATH, "/akun", "", Some(&a), ORIGIN)).await;
    assert_eq!(r.location.as_deref(), Some("/akun?ok=keluar"), "{}", r.body);
    let a = r.cookies.iter().find(|c| c.starts_with("layanan_sesi=")).cloned().unwrap_or(a);
    assert_eq!(send(&app, get("/akun?ok=keluar", Some(&a))).await.status, StatusCode::OK);
    assert!(send(&app, get("/akun?ok=keluar", Some(&a))).await.body.contains("Semua perangkat lain telah dikeluarkan."));
    assert_eq!(send(&app, get("/akun", Some(&b))).await.status, StatusCode::UNAUTHORIZED, "the other device is signed out");

    // A wrong current password: said on the page, nothing typed shown back.
    let body = "current_password=salah&new_password=jembatan+kopi+hujan+sore&repeat_password=jembatan+kopi+hujan+sore";
    let r = send(&app, form_post(ChangePassword::PATH, "/akun", body, Some(&a), ORIGIN)).await;
    let back = send(&app, get(r.location.as_deref().unwrap_or("/akun"), Some(&a))).await;
    assert!(back.body.contains("Kata sandi saat ini salah."), "{}", back.body);
    assert!(!back.body.contains("jembatan kopi"), "passwords are never put back in a page");

    // Forgot the password: the same answer for every address; the link works once.
    for who in ["siapa%40contoh.id", "petugas.capil%40layanan.go.id"] {
        let r = send(&app, form_post(RequestPasswordReset::PATH, "/lupa-sandi", &format!("email={who}"), None, ORIGIN)).await;
        assert_eq!(r.location.as_deref(), Some("/lupa-sandi?terkirim=1"), "{}", r.body);
    }
    assert!(send(&app, get("/lupa-sandi?terkirim=1", None)).await.body.contains("Jika alamat itu milik akun yang aktif"));
    let mail = outbox::Entity::find().filter(outbox::Column::ToAddr.eq(email)).order_by_desc(outbox::Column::Id).one(&db).await.unwrap().unwrap();
    let at = mail.body_text.find("/atur-sandi/").unwrap() + "/atur-sandi/".len();
    let token = mail.body_text[at..at + 64].to_string();
    let form = send(&app, get(&format!("/atur-sandi/{token}"), None)).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Paling sedikit 12 karakter"), "the rule is said before the error");
    let weak = send(&app, form_post(ResetPassword::PATH, &format!("/atur-sandi/{token}"), &format!("token={token}&new_password=password1234&repeat_password=password1234"), None, ORIGIN)).await;
    assert!(weak.status.is_redirection() || weak.status.is_client_error(), "{}", weak.status);
    let body = format!("token={token}&new_password=pohon+mangga+depan+kantor&repeat_password=pohon+mangga+depan+kantor");
    let r = send(&app, form_post(ResetPassword::PATH, &format!("/atur-sandi/{token}"), &body, None, ORIGIN)).await;
    assert_eq!(r.location.as_deref(), Some("/masuk?sandi=baru"), "{}", r.body);
    assert!(send(&app, get("/masuk?sandi=baru", None)).await.body.contains("Kata sandi baru disimpan."));
    let used = send(&app, get(&format!("/atur-sandi/{token}"), None)).await;
    assert_eq!(used.status, StatusCode::GONE);
    assert!(used.body.contains("sudah dipakai"), "{}", used.body);
    assert_eq!(send(&app, get("/akun", Some(&a))).await.status, StatusCode::UNAUTHORIZED, "a reset ends every session");

    // An admin without two-step sign-in is sent to turn it on; then admin pages open.
    let admin = sign_in(&app, "admin@layanan.go.id").await;
    let refused = send(&app, get("/admin", Some(&admin))).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.body.contains("verifikasi dua langkah") && refused.body.contains("href=\"/akun/dua-langkah\""), "{}", refused.body);
    let setup = send(&app, get("/akun/dua-langkah", Some(&admin))).await;
    assert!(setup.body.contains("<svg"), "a QR code for the app");
    let secret = setup.body.split("data-secret=\"").nth(1).and_then(|s| s.split('"').next()).unwrap().to_string();
    let wrong = send(&app, form_post(EnableTwoStep::PATH, "/akun/dua-langkah", "code=12345", Some(&admin), ORIGIN)).await;
    let back = send(&app, get(wrong.location.as_deref().unwrap_or("/akun/dua-langkah"), Some(&admin))).await;
    assert!(back.body.contains("Kode salah atau sudah kedaluwarsa"), "{}", back.body);
    assert!(back.body.contains(&format!("data-secret=\"{secret}\"")), "the same secret while setting up");
    let code = app::auth::lifecycle::totp_code(&secret, app::auth::ssr::wall_seconds()).unwrap();
    let on = send(&app, form_post(EnableTwoStep::PATH, "/akun/dua-langkah", &format!("code={code}"), Some(&admin), ORIGIN)).await;
    assert_eq!(on.location.as_deref(), Some("/akun/dua-langkah?ok=aktif"), "{}", on.body);
    let shown = send(&app, get("/akun/dua-langkah?ok=aktif", Some(&admin))).await;
    assert_eq!(shown.body.matches("<li><code class=\"code\">").count(), 10, "ten recovery codes, once: {}", shown.body);
    assert_eq!(send(&app, get("/akun/dua-langkah", Some(&admin))).await.body.matches("<li><code class=\"code\">").count(), 0, "not twice");
    assert_eq!(send(&app, get("/admin", Some(&admin))).await.status, StatusCode::OK);

    // Switched off by the admin: the staff member's new session ends at once.
    let staff = sign_in_with(&app, email, "pohon mangga depan kantor").await;
    assert!(send(&app, get("/petugas", Some(&staff))).await.status.is_redirection(), "signed in: on to the one unit's inbox");
    let id = user::Entity::find().filter(user::Column::Email.eq(email)).one(&db).await.unwrap().unwrap().id;
    let r = send(&app, form_post(app::admin::SetAccountActive::PATH, "/admin", &format!("user_id={id}&active=false"), Some(&admin), ORIGIN)).await;
    assert_eq!(r.location, Some(format!("/admin?ok=off&akun={id}#accounts-title")), "{}", r.body);
    assert!(send(&app, get("/admin?ok=off", Some(&admin))).await.body.contains("Nonaktif"));
    assert_eq!(send(&app, get("/petugas", Some(&staff))).await.status, StatusCode::UNAUTHORIZED);
}

async fn sign_in_with(app: &axum::Router, email: &str, password: &str) -> String {
    let enc = |s: &str| s.replace('@', "%40").replace(' ', "+");
    let body = format!("email={}&password={}&next=%2Fkelola", enc(email), enc(password));
    let r = send(app, form_post(app::auth::Login::PATH, "/masuk", &body, None, ORIGIN)).await;
    assert_eq!(r.location.as_deref(), Some("/kelola"), "{}", r.body);
    crate::http::session_cookie(&r)
}

/// M6: staff never hold the tracking code, the citizen's secret for rating, the survey and
/// writing as the reporter. Pages, lists, CSV and staff mail name reports by number; the
/// inbox search still finds a report by the code a citizen reads out.
#[tokio::test]
async fn m6_staff_never_see_the_code_that_lets_one_act_as_the_citizen() {
    use app::ssr::entities::{outbox, ticket, unit};
    use app::tickets::TrackingCode;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let (app, db) = demo_app().await;
    crate::http::report_once(&app, "Antrean KTP-el pagi ini", "m6@contoh.id").await;
    // Scheduled work sends staff their mail (nobody on duty, deadlines) for every report.
    let env = app::ssr::Env { public_url: "http://127.0.0.1:3000" };
    app::jobs::run(&db, &env, "uji", chrono::Utc::now()).await.unwrap();
    let capil = unit::Entity::find().filter(unit::Column::Slug.eq("disdukcapil-balikpapan")).one(&db).await.unwrap().unwrap();
    let tickets = ticket::Entity::find().filter(ticket::Column::UnitId.eq(capil.id)).all(&db).await.unwrap();
    assert!(tickets.len() > 3);
    let codes: Vec<String> = tickets
        .iter()
        .flat_map(|t| [t.code.clone(), TrackingCode::parse(&t.code).unwrap().to_string()])
        .collect();
    let staff = sign_in(&app, "petugas.capil@layanan.go.id").await;
    let manager = sign_in(&app, "pimpinan.capil@layanan.go.id").await;
    // L9: the bulk copy of every reporter's contact is for managers only.
    let inbox = send(&app, get("/petugas/disdukcapil-balikpapan", Some(&staff))).await.body;
    assert!(!inbox.contains("ekspor.csv"), "no download link for staff");
    let refused = send(&app, get("/petugas/disdukcapil-balikpapan/ekspor.csv", Some(&staff))).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let csv = send(&app, get("/petugas/disdukcapil-balikpapan/ekspor.csv", Some(&manager))).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.starts_with("\u{feff}\"Nomor\"") || csv.body.contains("\"Nomor\""), "{}", csv.body);
    let mut pages = vec![inbox, csv.body, send(&app, get("/petugas/disdukcapil-balikpapan", Some(&manager))).await.body];
    for t in &tickets {
        let page = send(&app, get(&format!("/petugas/disdukcapil-balikpapan/tiket/{}", t.id), Some(&staff))).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(&format!("#{}", t.id)), "the report's number is shown");
        pages.push(page.body);
    }
    for mail in outbox::Entity::find().all(&db).await.unwrap().into_iter().filter(|m| m.to_addr.ends_with("@layanan.go.id")) {
        pages.push(format!("{}\n{}\n{}", mail.subject, mail.body_text, mail.body_html));
    }
    for (i, page) in pages.iter().enumerate() {
        for code in &codes {
            assert!(!page.contains(code.as_str()), "page or mail {i} shows the code {code}");
        }
    }
    // A citizen on the phone reads out the code: the inbox finds the report, by number.
    let new = tickets.iter().find(|t| t.subject == "Antrean KTP-el pagi ini").unwrap();
    let spoken = TrackingCode::parse(&new.code).unwrap().to_string().to_lowercase();
    let found = send(&app, get(&format!("/petugas/disdukcapil-balikpapan?status=semua&q={spoken}"), Some(&staff))).await;
    assert!(found.body.contains("Antrean KTP-el pagi ini") && found.body.contains(&format!("#{}", new.id)), "{}", found.body);
}

/// Scripts run only from the portal's files or with this response's nonce: every inline
/// script of a page carries it, and each page gets its own.
#[tokio::test]
async fn m5_pages_allow_scripts_by_nonce_only() {
    use tower::ServiceExt;
    let (app, _) = demo_app().await;
    let mut seen = Vec::new();
    for path in ["/", "/lapor", "/masuk", "/layanan/disdukcapil-balikpapan/akta-kelahiran"] {
        let res = app.clone().oneshot(get(path, None)).await.unwrap();
        let policy = res.headers()["content-security-policy"].to_str().unwrap().to_string();
        let nonce = policy.split("'nonce-").nth(1).and_then(|s| s.split('\'').next()).unwrap_or_else(|| panic!("{path}: {policy}")).to_string();
        assert!(policy.contains("script-src 'self' 'nonce-") && policy.contains("'wasm-unsafe-eval'") && policy.contains("frame-ancestors 'none'"), "{policy}");
        assert!(!policy.contains("unsafe-inline"), "{policy}");
        let body = String::from_utf8(http_body_util::BodyExt::collect(res.into_body()).await.unwrap().to_bytes().to_vec()).unwrap();
        let scripts = body.matches("<script").count();
        assert!(scripts > 0, "{path}");
        assert_eq!(body.matches(&format!("<script nonce=\"{nonce}\"")).count() + body.matches(&format!("<script type=\"module\" nonce=\"{nonce}\"")).count(), scripts, "{path}: every inline script carries the nonce");
        assert!(!body.contains(" onclick=") && !body.contains(" onload=") && !body.contains(" style=\""), "{path}: no inline handlers or styles");
        seen.push(nonce);
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 4, "a nonce per response");
    // What is not a page keeps the base policy.
    let res = app.clone().oneshot(get("/open311/v2/services.json", None)).await.unwrap();
    assert_eq!(res.headers()["content-security-policy"], app::ssr::csp::BASE);
}
