//! Open311 GeoReport v2 through the router, as another civic app meets it: every resource
//! in JSON and XML, the error list, the privacy rules, and a report's whole round trip.
use app::ssr::entities::{audit_log, outbox, service, ticket, unit};
use app::tickets::ssr::{self as tk, ReplyInput};
use app::tickets::Status;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde_json::Value;
use tower::ServiceExt;


struct Answer {
    status: StatusCode,
    content_type: String,
    cors: Option<String>,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        assert!(self.content_type.starts_with("application/json"), "{}", self.content_type);
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
    /// The text of every element at this path, e.g. `services/service/service_code`.
    fn xml(&self, path: &str) -> Vec<String> {
        assert!(self.content_type.starts_with("text/xml"), "{}", self.content_type);
        assert!(self.body.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>"));
        xml_values(&self.body, path)
    }
}

/// Reads the XML with a real parser (so it must be well formed) and collects the texts at a path.
fn xml_values(xml: &str, path: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack: Vec<String> = vec![];
    let mut out = vec![];
    let mut current: Option<String> = None;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                stack.push(String::from_utf8(e.name().as_ref().to_vec()).unwrap());
                current = (stack.join("/") == path).then(String::new);
            }
            Event::Text(t) => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&t.decode().unwrap());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(c) = current.as_mut() {
                    let name = String::from_utf8(r.to_vec()).unwrap();
                    c.push_str(match name.as_str() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        other => panic!("unexpected entity {other}"),
                    });
                }
            }
            Event::End(_) => {
                if stack.join("/") == path {
                    out.push(current.take().unwrap_or_default());
                }
                stack.pop();
            }
            Event::Empty(e) => {
                let mut p = stack.clone();
                p.push(String::from_utf8(e.name().as_ref().to_vec()).unwrap());
                if p.join("/") == path {
                    out.push(String::new());
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

async fn call(app: &Router, req: Request<Body>) -> Answer {
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let header_of = |name| res.headers().get(name).map(|v: &axum::http::HeaderValue| v.to_str().unwrap().to_string());
    let content_type = header_of(header::CONTENT_TYPE).unwrap_or_default();
    let cors = header_of(header::ACCESS_CONTROL_ALLOW_ORIGIN);
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    Answer { status, content_type, cors, body: String::from_utf8(bytes.to_vec()).unwrap() }
}

async fn get(app: &Router, path: &str) -> Answer {
    call(app, Request::get(path).header(header::HOST, "127.0.0.1:3000").body(Body::empty()).unwrap()).await
}

async fn get_en(app: &Router, path: &str) -> Answer {
    let req = Request::get(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9")
        .body(Body::empty())
        .unwrap();
    call(app, req).await
}

/// A form-encoded POST from another site, as a civic app's server or page sends it.
async fn post(app: &Router, path: &str, fields: &[(&str, &str)]) -> Answer {
    let body = serde_urlencoded::to_string(fields).unwrap();
    let req = Request::post(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "https://aplikasi-warga.example.org")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    call(app, req).await
}

async fn demo(db: &DatabaseConnection) -> Router {
    server::demo::seed(db, chrono::Utc::now()).await.unwrap();
    server::testing::router(db.clone()).await
}

async fn service_id(db: &DatabaseConnection, slug: &str) -> String {
    let s = service::Entity::find().filter(service::Column::Slug.eq(slug)).one(db).await.unwrap().unwrap();
    s.id.to_string()
}

async fn key(db: &DatabaseConnection, name: &str, per_hour: &str) -> String {
    app::open311::ssr::create_key(db, name, per_hour, None, chrono::Utc::now()).await.unwrap().key
}

fn errors_of(a: &Answer) -> Vec<(i64, String)> {
    a.json()
        .as_array()
        .expect("an error list")
        .iter()
        .map(|e| (e["code"].as_i64().unwrap(), e["description"].as_str().unwrap().to_string()))
        .collect()
}

const DESCRIPTION: &str = "Antrean perekaman KTP-el sangat panjang sejak pagi. Saya Siti Rahmawati, telepon 0812 9999 1111.";

fn report<'a>(key: &'a str, code: &'a str, email: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("api_key", key),
        ("service_code", code),
        ("attribute[jenis]", "pengaduan"),
        ("description", DESCRIPTION),
        ("first_name", "Siti"),
        ("last_name", "Rahmawati"),
        ("email", email),
        ("phone", "0812 9999 1111"),
        ("address_string", "Kantor Disdukcapil, Jl. Jend. Sudirman"),
        ("lat", "-1.2654"),
        ("long", "116.8312"),
        ("device_id", "android-7f3a"),
        ("account_id", "warga-42"),
    ]
}

#[tokio::test]
async fn discovery_services_and_definitions_in_both_formats() {
    for (kind, db) in server::testing::databases().await {
        let app = demo(&db).await;
        let d = get(&app, "/open311/v2/discovery.json").await;
        assert_eq!(d.status, StatusCode::OK, "{kind}");
        assert_eq!(d.cors.as_deref(), Some("*"), "{kind}: other sites' pages may read it");
        let d = d.json();
        let keys: Vec<&String> = d.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 4, "{kind}: changeset, contact, key_service, endpoints");
        assert_eq!(d["endpoints"][0]["specification"], "http://wiki.open311.org/GeoReport_v2");
        assert_eq!(d["endpoints"][0]["url"], "http://127.0.0.1:3000/open311/v2");
        assert_eq!(d["endpoints"][0]["formats"], serde_json::json!(["text/xml", "application/json"]));
        assert!(d["changeset"].as_str().unwrap().ends_with("+07:00"));
        let root = get(&app, "/open311/discovery.json").await;
        assert_eq!(root.json(), d, "{kind}: also where service discovery is looked for");
        let x = get(&app, "/open311/v2/discovery.xml").await;
        assert_eq!(x.xml("discovery/endpoints/endpoint/formats/format"), vec!["text/xml", "application/json"]);
        assert_eq!(x.xml("discovery/endpoints/endpoint/type"), vec!["test"]);

        let akta = service_id(&db, "akta-kelahiran").await;
        let list = get(&app, "/open311/v2/services.json").await.json();
        let list = list.as_array().unwrap();
        assert_eq!(list.len(), 7, "{kind}: every service of every unit");
        let entry = list.iter().find(|s| s["service_code"] == akta.as_str()).expect("akta listed");
        assert!(entry["service_code"].is_string(), "codes are strings");
        assert_eq!(entry["service_name"], "Akta Kelahiran");
        assert_eq!(entry["group"], "Dinas Kependudukan dan Pencatatan Sipil Kota Balikpapan");
        assert_eq!(entry["metadata"], true);
        assert_eq!(entry["type"], "batch", "{kind}: the e-mail gate may hold a first report");
        assert!(entry["keywords"].as_str().unwrap().contains(", "), "{}", entry["keywords"]);
        let x = get(&app, "/open311/v2/services.xml").await;
        assert_eq!(x.xml("services/service/service_code").len(), 7);
        assert!(x.xml("services/service/service_name").contains(&"Akta Kelahiran".to_string()));

        let def = get(&app, &format!("/open311/v2/services/{akta}.json")).await.json();
        assert_eq!(def["service_code"], akta.as_str());
        let attrs = def["attributes"].as_array().unwrap();
        let codes: Vec<&str> = attrs.iter().map(|a| a["code"].as_str().unwrap()).collect();
        assert_eq!(codes, ["jenis", "judul", "anonim", "rahasia"]);
        assert_eq!(attrs[0]["required"], true);
        assert_eq!(attrs[0]["datatype"], "singlevaluelist");
        assert_eq!(attrs[0]["variable"], true);
        assert_eq!(attrs[0]["order"], 1);
        let keys: Vec<&str> = attrs[0]["values"].as_array().unwrap().iter().map(|v| v["key"].as_str().unwrap()).collect();
        assert_eq!(keys, ["konsultasi", "pengaduan", "aspirasi", "informasi"]);
        assert_eq!(attrs[3]["values"], serde_json::json!([{"key": "ya", "name": "Ya"}, {"key": "tidak", "name": "Tidak"}]));
        let x = get(&app, &format!("/open311/v2/services/{akta}.xml")).await;
        assert_eq!(x.xml("service_definition/attributes/attribute/code"), vec!["jenis", "judul", "anonim", "rahasia"]);
        assert_eq!(x.xml("service_definition/attributes/attribute/values/value/key").len(), 8);
        let en = get_en(&app, &format!("/open311/v2/services/{akta}.json")).await.json();
        assert_eq!(en["attributes"][0]["description"], "Type of report");

        for (path, status) in [
            ("/open311/v2/services/999999.json", StatusCode::NOT_FOUND),
            ("/open311/v2/services/ktp.json", StatusCode::NOT_FOUND),
            ("/open311/v2/laporan.json", StatusCode::NOT_FOUND),
            ("/open311/v2/services.json?jurisdiction_id=kota-lain.go.id", StatusCode::NOT_FOUND),
        ] {
            let r = get(&app, path).await;
            assert_eq!(r.status, status, "{kind} {path}");
            assert_eq!(errors_of(&r)[0].0, 404, "{kind} {path}");
            let x = get(&app, &path.replace(".json", ".xml")).await;
            assert_eq!(x.xml("errors/error/code"), vec!["404"], "{kind} {path}");
            assert_eq!(x.xml("errors/error/description").len(), 1);
        }
        assert_eq!(errors_of(&get(&app, "/open311/v2/services/999999.json").await)[0].1,
            "service_code 999999 tidak dikenal. Daftar layanan ada di services.");
        let r = get(&app, "/open311/v2/services.html").await;
        assert_eq!((r.status, r.xml("errors/error/code")), (StatusCode::NOT_FOUND, vec!["404".to_string()]));
        assert_eq!(get(&app, "/open311/v2/services.json?jurisdiction_id=127.0.0.1:3000").await.status, StatusCode::OK);
    }
}

#[tokio::test]
async fn a_report_goes_round_trip() {
    for (kind, db) in server::testing::databases().await {
        let app = demo(&db).await;
        // Discover, list, read the definition.
        let url = get(&app, "/open311/v2/discovery.json").await.json()["endpoints"][0]["url"].as_str().unwrap().to_string();
        let base = url.trim_start_matches("http://127.0.0.1:3000").to_string();
        let services = get(&app, &format!("{base}/services.json")).await.json();
        let ktp = services
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["service_name"] == "KTP Elektronik")
            .map(|s| s["service_code"].as_str().unwrap().to_string())
            .expect("KTP-el listed");
        let def = get(&app, &format!("{base}/services/{ktp}.json")).await.json();
        assert_eq!(def["attributes"][0]["code"], "jenis");

        // POST: a first report from this address waits for its e-mail confirmation.
        let k = key(&db, "Aplikasi Warga Balikpapan", "").await;
        let posted = post(&app, &format!("{base}/requests.json"), &report(&k, &ktp, "siti@example.org")).await;
        assert_eq!(posted.status, StatusCode::OK, "{kind}: {}", posted.body);
        assert_eq!(posted.cors.as_deref(), Some("*"));
        let p = posted.json();
        let p = &p.as_array().expect("a list even for one")[0];
        assert!(p["service_request_id"].is_null(), "{kind}: no id before confirmation: {p}");
        assert_eq!(p["account_id"], "warga-42");
        let token = p["token"].as_str().unwrap().to_string();
        let notice = p["service_notice"].as_str().unwrap();
        assert!(notice.contains("kode pelacakan") && notice.contains("konfirmasi"), "{notice}");
        let t = ticket::Entity::find().order_by_desc(ticket::Column::Id).one(&db).await.unwrap().unwrap();
        assert_eq!((t.status, t.kind.as_str()), (app::tickets::Status::AwaitingConfirmation, "pengaduan"));
        assert_eq!(t.reporter_name, "Siti Rahmawati");
        assert_eq!(t.subject, "Antrean perekaman KTP-el sangat panjang sejak pagi. Saya Siti Rahmawati, telepon 0812 9999 1111.");
        assert_eq!(t.place, "Kantor Disdukcapil, Jl. Jend. Sudirman");
        assert!(notice.contains(&app::tickets::TrackingCode::parse(&t.code).unwrap().to_string()), "{notice}");
        let audit = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("ticket.submit"))
            .filter(audit_log::Column::EntityId.eq(t.id.to_string()))
            .one(&db)
            .await
            .unwrap()
            .expect("audited");
        assert!(audit.detail.contains("\"open311_client\":"), "{}", audit.detail);

        // Not readable before confirmation, by id or in lists.
        let tok = get(&app, &format!("{base}/tokens/{token}.json")).await.json();
        assert!(tok[0]["service_request_id"].is_null() && tok[0]["token"] == token.as_str(), "{tok}");
        assert_eq!(get(&app, &format!("{base}/requests/{}.json", t.id)).await.status, StatusCode::NOT_FOUND);
        assert!(get(&app, &format!("{base}/requests.json")).await.json().as_array().unwrap().iter().all(|r| r["service_request_id"] != t.id.to_string().as_str()));

        // The reporter follows the mailed link, as with the web form.
        let mail = outbox::Entity::find().filter(outbox::Column::ToAddr.eq("siti@example.org")).one(&db).await.unwrap().unwrap();
        let at = mail.body_text.find("/konfirmasi/").unwrap() + "/konfirmasi/".len();
        tk::confirm_email(&db, &mail.body_text[at..at + 64], &tk::Env { public_url: "https://layanan.test" }, chrono::Utc::now()).await.unwrap();

        let tok = get(&app, &format!("{base}/tokens/{token}.json")).await.json();
        let id = tok[0]["service_request_id"].as_str().expect("an id once confirmed").to_string();
        assert_eq!(id, t.id.to_string());
        let x = get(&app, &format!("{base}/tokens/{token}.xml")).await;
        assert_eq!(x.xml("service_requests/request/service_request_id"), vec![id.clone()]);

        // Read back by id, both formats, by the client that sent it: until staff answer it and
        // publish its masked text, nobody else can.
        assert_eq!(get(&app, &format!("{base}/requests/{id}.json")).await.status, StatusCode::NOT_FOUND, "{kind}: not public yet");
        let r = get(&app, &format!("{base}/requests/{id}.json?api_key={k}")).await;
        assert_eq!(r.status, StatusCode::OK, "{kind}: {}", r.body);
        assert!(r.body.starts_with(&format!("[{{\"service_request_id\":\"{id}\",\"status\":\"open\",\"status_notes\":")), "{kind}: the specification's order: {}", r.body);
        let row = r.json()[0].clone();
        assert_eq!(row["service_request_id"], id.as_str());
        assert_eq!(row["status"], "open");
        assert_eq!(row["status_notes"], "Diterima");
        assert_eq!(row["service_notice"], "Diterima unit layanan; menunggu pemeriksaan petugas.");
        assert_eq!(row["service_code"], ktp.as_str());
        assert_eq!(row["service_name"], "KTP Elektronik");
        assert_eq!(row["agency_responsible"], "Dinas Kependudukan dan Pencatatan Sipil Kota Balikpapan");
        assert_eq!(row["description"], "Antrean perekaman KTP-el sangat panjang sejak pagi. Saya [disamarkan], telepon [disamarkan].");
        assert_eq!(row["lat"], -1.2654);
        assert_eq!(row["long"], 116.8312);
        assert_eq!(row["address"], "Kantor Disdukcapil, Jl. Jend. Sudirman");
        for field in ["requested_datetime", "updated_datetime", "expected_datetime"] {
            let v = row[field].as_str().unwrap_or_else(|| panic!("{field}: {row}"));
            assert!(v.ends_with("+08:00") && v.len() == 25, "{kind} {field} {v}: W3C in WITA");
        }
        assert!(row["expected_datetime"].as_str().unwrap() > row["requested_datetime"].as_str().unwrap());
        for private in ["siti@example.org", "Rahmawati", "0812 9999 1111", "warga-42", "android-7f3a"] {
            assert!(!r.body.contains(private), "{kind}: {private} never returned");
        }
        let x = get(&app, &format!("{base}/requests/{id}.xml?api_key={k}")).await;
        assert_eq!(x.xml("service_requests/request/status"), vec!["open"]);
        assert_eq!(x.xml("service_requests/request/lat"), vec!["-1.2654"]);
        assert_eq!(x.xml("service_requests/request/zipcode"), vec![""]);

        // Not in the public lists while unanswered.
        let found = |a: &Answer| a.json().as_array().unwrap().iter().any(|r| r["service_request_id"] == id.as_str());
        assert!(!found(&get(&app, &format!("{base}/requests.json")).await), "{kind}: not listed before it is published");
        assert!(!found(&get(&app, &format!("{base}/requests.json?service_request_id={id}")).await), "{kind}");

        // Staff answer and resolve it; it reads as closed, with the answer as its notes.
        let staff = {
            use app::ssr::entities::user;
            let u = user::Entity::find().filter(user::Column::Email.eq("petugas.capil@layanan.go.id")).one(&db).await.unwrap().unwrap();
            app::auth::ssr::load_user(&db, u.id).await.unwrap().unwrap()
        };
        let (u, t) = tk::ticket_for_staff(&db, &staff, "disdukcapil-balikpapan", t.id).await.unwrap();
        let env = tk::Env { public_url: "http://127.0.0.1:3000" };
        let answer = ReplyInput { body: "Loket perekaman ditambah mulai besok.", internal: false, sign_with_name: false, then: Some(Status::Resolved) };
        tk::reply(&db, &staff, &u, &t, answer, &env, chrono::Utc::now()).await.unwrap();
        assert!(!found(&get(&app, &format!("{base}/requests.json?status=closed")).await), "{kind}: answered is not yet published");
        // A staff member reads the masked text and publishes it: now anyone reads it.
        let t = ticket::Entity::find_by_id(t.id).one(&db).await.unwrap().unwrap();
        let (subject, body) = tk::publication_draft(&t);
        tk::publish(&db, &staff, &t, &subject, &body, chrono::Utc::now()).await.unwrap();
        let row = get(&app, &format!("{base}/requests/{id}.json")).await.json()[0].clone();
        assert_eq!(row["status"], "closed", "{kind}");
        assert_eq!(row["description"], "Antrean perekaman KTP-el sangat panjang sejak pagi. Saya [disamarkan], telepon [disamarkan].");
        assert_eq!(row["lat"], -1.2654);
        assert_eq!(row["status_notes"], "Loket perekaman ditambah mulai besok.");
        assert_eq!(row["service_notice"], "Sudah dijawab petugas; pelapor dapat membukanya kembali bila belum tuntas.");
        // Through the filters.
        assert!(found(&get(&app, &format!("{base}/requests.json")).await), "{kind}: the default window");
        assert!(found(&get(&app, &format!("{base}/requests.json?service_code={ktp},{ktp}&status=closed")).await));
        assert!(!found(&get(&app, &format!("{base}/requests.json?status=open")).await));
        assert!(found(&get(&app, &format!("{base}/requests.json?service_request_id=999999,{id}&status=open")).await), "ids override");
        let start = row["requested_datetime"].as_str().unwrap().replace("+08:00", "%2B08:00");
        assert!(found(&get(&app, &format!("{base}/requests.json?start_date={start}&end_date=&service_code=")).await));
        let x = get(&app, &format!("{base}/requests.xml?service_code={ktp}")).await;
        assert!(x.xml("service_requests/request/service_request_id").contains(&id));

        // The address is now confirmed: the next report has its id at once, key in the query.
        let mut second = report("", &ktp, "siti@example.org");
        second.retain(|(k, _)| *k != "api_key");
        let posted = post(&app, &format!("{base}/requests.xml?api_key={k}"), &second).await;
        assert_eq!(posted.status, StatusCode::OK, "{kind}: {}", posted.body);
        let new_id = posted.xml("service_requests/request/service_request_id");
        assert_eq!(new_id.len(), 1);
        assert!(!new_id[0].is_empty(), "{kind}: realtime once confirmed");
        assert_eq!(posted.xml("service_requests/request/account_id"), vec!["warga-42"]);
        let t2 = ticket::Entity::find_by_id(new_id[0].parse::<i32>().unwrap()).one(&db).await.unwrap().unwrap();
        assert_eq!(t2.status, app::tickets::Status::New);
        let mails = outbox::Entity::find().filter(outbox::Column::TicketId.eq(t2.id)).all(&db).await.unwrap();
        assert_eq!(mails.len(), 1, "{kind}: the receipt goes to the reporter");
    }
}

#[tokio::test]
async fn rahasia_and_anonymous_reports_stay_private() {
    for (kind, db) in server::testing::databases().await {
        let app = demo(&db).await;
        let akta = service_id(&db, "akta-kelahiran").await;
        unit::Entity::update_many()
            .col_expr(unit::Column::ReportGate, sea_orm::sea_query::Expr::value(false))
            .exec(&db)
            .await
            .unwrap();
        let mine = key(&db, "Aplikasi A", "").await;
        let other = key(&db, "Aplikasi B", "").await;

        let mut secret = report(&mine, &akta, "rahasia@example.org");
        secret.push(("attribute[rahasia]", "ya"));
        let p = post(&app, "/open311/v2/requests.json", &secret).await.json();
        let secret_id = p[0]["service_request_id"].as_str().expect("realtime without the gate").to_string();
        let t = ticket::Entity::find_by_id(secret_id.parse::<i32>().unwrap()).one(&db).await.unwrap().unwrap();
        assert!(t.confidential && !t.anonymous);

        let mut anon = report(&mine, &akta, "anonim@example.org");
        anon.push(("attribute[anonim]", "ya"));
        anon.push(("attribute[rahasia]", "tidak"));
        anon.push(("attribute[judul]", "Antrean akta"));
        let p = post(&app, "/open311/v2/requests.json", &anon).await.json();
        let anon_id = p[0]["service_request_id"].as_str().unwrap().to_string();

        for query in ["", "?status=open", &format!("?service_request_id={secret_id},{anon_id}"), &format!("?api_key={mine}")] {
            let list = get(&app, &format!("/open311/v2/requests.json{query}")).await.json();
            let ids: Vec<&str> = list.as_array().unwrap().iter().map(|r| r["service_request_id"].as_str().unwrap()).collect();
            assert!(!ids.contains(&secret_id.as_str()), "{kind} {query}: Rahasia never listed");
            assert!(!ids.contains(&anon_id.as_str()), "{kind} {query}: Anonim never listed");
            let xml = get(&app, &format!("/open311/v2/requests.xml{query}")).await;
            assert!(!xml.xml("service_requests/request/service_request_id").contains(&secret_id), "{kind} {query}");
        }
        assert_eq!(get(&app, &format!("/open311/v2/requests/{secret_id}.json")).await.status, StatusCode::NOT_FOUND);
        assert_eq!(get(&app, &format!("/open311/v2/requests/{secret_id}.json?api_key={other}")).await.status, StatusCode::NOT_FOUND);
        let own = get(&app, &format!("/open311/v2/requests/{secret_id}.json?api_key={mine}")).await;
        assert_eq!(own.status, StatusCode::OK, "{kind}: the client that sent it follows it");

        assert_eq!(get(&app, &format!("/open311/v2/requests/{anon_id}.json")).await.status, StatusCode::NOT_FOUND, "{kind}");
        let a = get(&app, &format!("/open311/v2/requests/{anon_id}.json?api_key={mine}")).await;
        let row = a.json()[0].clone();
        assert!(row["address"].is_null() && row["lat"].is_null() && row["long"].is_null(), "{kind}: {row}");
        for private in ["anonim@example.org", "Siti", "Rahmawati", "0812 9999 1111", "Sudirman"] {
            assert!(!a.body.contains(private), "{kind}: {private} in {}", a.body);
        }

        // A named, public report is listed once answered and published; kept out of the
        // public register by staff, it is out of Open311's lists and reads too.
        let staff = {
            use app::ssr::entities::user;
            let u = user::Entity::find().filter(user::Column::Email.eq("petugas.capil@layanan.go.id")).one(&db).await.unwrap().unwrap();
            app::auth::ssr::load_user(&db, u.id).await.unwrap().unwrap()
        };
        let mut open = report(&mine, &akta, "publik@example.org");
        open.push(("attribute[rahasia]", "tidak"));
        let p = post(&app, "/open311/v2/requests.json", &open).await.json();
        let open_id = p[0]["service_request_id"].as_str().unwrap().to_string();
        let (u, t) = tk::ticket_for_staff(&db, &staff, "disdukcapil-balikpapan", open_id.parse().unwrap()).await.unwrap();
        let env = tk::Env { public_url: "http://127.0.0.1:3000" };
        let answer = ReplyInput { body: "Sudah kami tindak lanjuti.", internal: false, sign_with_name: false, then: Some(Status::Resolved) };
        tk::reply(&db, &staff, &u, &t, answer, &env, chrono::Utc::now()).await.unwrap();
        let (_, t) = tk::ticket_for_staff(&db, &staff, "disdukcapil-balikpapan", t.id).await.unwrap();
        let (subject, body) = tk::publication_draft(&t);
        tk::publish(&db, &staff, &t, &subject, &body, chrono::Utc::now()).await.unwrap();
        let listed = |list: serde_json::Value| list.as_array().unwrap().iter().any(|r| r["service_request_id"] == open_id.as_str());
        assert!(listed(get(&app, "/open311/v2/requests.json").await.json()), "{kind}: published");
        let (_, t) = tk::ticket_for_staff(&db, &staff, "disdukcapil-balikpapan", t.id).await.unwrap();
        tk::exclude_from_register(&db, &staff, &t, "Menyebut nama petugas", true, chrono::Utc::now()).await.unwrap();
        assert_eq!(get(&app, &format!("/open311/v2/requests/{open_id}.json")).await.status, StatusCode::NOT_FOUND, "{kind}");
        assert!(!listed(get(&app, "/open311/v2/requests.json").await.json()), "{kind}");
        assert_eq!(get(&app, &format!("/open311/v2/requests/{open_id}.json?api_key={mine}")).await.status, StatusCode::OK, "{kind}: its sender still follows it");
    }
}

#[tokio::test]
async fn bad_calls_get_the_specifications_error_list() {
    for (kind, db) in server::testing::databases().await {
        let app = demo(&db).await;
        let akta = service_id(&db, "akta-kelahiran").await;
        let k = key(&db, "Aplikasi Uji", "2").await;
        let path = "/open311/v2/requests.json";
        let before = ticket::Entity::find().all(&db).await.unwrap().len();

        let mut no_key = report("", &akta, "a@example.org");
        no_key.retain(|(k, _)| *k != "api_key");
        let r = post(&app, path, &no_key).await;
        assert_eq!((r.status, errors_of(&r)[0].0), (StatusCode::FORBIDDEN, 403), "{kind}");
        let r = post(&app, path, &report("lyn_salah", &akta, "a@example.org")).await;
        assert_eq!(errors_of(&r), vec![(403, "api_key tidak dikenal.".to_string())]);
        let revoked = app::open311::ssr::create_key(&db, "Lama", "", None, chrono::Utc::now()).await.unwrap();
        app::open311::ssr::revoke_key(&db, revoked.client.id, 1, chrono::Utc::now()).await.unwrap();
        let r = post(&app, "/open311/v2/requests.xml", &report(&revoked.key, &akta, "a@example.org")).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert_eq!(r.xml("errors/error/description"), vec!["api_key ini sudah dicabut."]);

        let r = post(&app, path, &report(&k, "999999", "a@example.org")).await;
        assert_eq!(errors_of(&r), vec![(400, "service_code 999999 tidak dikenal. Daftar layanan ada di services.".to_string())]);

        let long = "x".repeat(4001);
        let mut bad = report(&k, &akta, "bukan-email");
        bad.retain(|(k, _)| !matches!(*k, "attribute[jenis]" | "description" | "lat"));
        bad.extend([("description", long.as_str()), ("attribute[warna]", "merah"), ("attribute[anonim]", "mungkin"), ("lat", "utara")]);
        let r = post(&app, path, &bad).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{kind}");
        let errors: Vec<String> = errors_of(&r).into_iter().map(|(c, d)| format!("{c} {d}")).collect();
        assert_eq!(
            errors,
            vec![
                "400 attribute[warna] tidak dikenal untuk layanan ini. Lihat services/".to_string() + &akta + ".",
                "400 attribute[anonim]: nilai mungkin tidak dikenal; pilih ya, tidak.".into(),
                "400 attribute[jenis] wajib diisi (Jenis laporan).".into(),
                "400 description paling banyak 4000 karakter; yang dikirim 4001.".into(),
                "400 lat: harus angka desimal WGS84 antara -90 dan 90.".into(),
                "400 email: Masukkan alamat email yang benar, misalnya nama@contoh.go.id.".into(),
            ],
            "{kind}"
        );
        let mut en = report(&k, &akta, "a@example.org");
        en.retain(|(k, _)| *k != "attribute[jenis]");
        let req = Request::post("/open311/v2/requests.json")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ACCEPT_LANGUAGE, "en")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(serde_urlencoded::to_string(&en).unwrap()))
            .unwrap();
        assert_eq!(errors_of(&call(&app, req).await), vec![(400, "attribute[jenis] is required (Type of report).".to_string())]);
        let mut empty = report(&k, &akta, "a@example.org");
        empty.retain(|(k, _)| *k != "description");
        assert_eq!(
            errors_of(&post(&app, path, &empty).await),
            vec![(400, "description: Uraian wajib diisi.".to_string())],
            "{kind}: one message, not a second one for the subject taken from it"
        );
        let req = Request::post("/open311/v2/requests.json")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from("{}"))
            .unwrap();
        let r = call(&app, req).await;
        assert_eq!(errors_of(&r), vec![(400, "Kirim parameter sebagai application/x-www-form-urlencoded.".to_string())]);
        assert_eq!(ticket::Entity::find().all(&db).await.unwrap().len(), before, "{kind}: nothing stored");

        // Reading: bad dates, too long a span, unknown statuses and codes.
        for (query, expected) in [
            ("start_date=kemarin", "start_date kemarin bukan tanggal W3C. Tulis tanggal, jam, dan zona waktu, misalnya 2027-04-06T08:00:00+08:00."),
            ("start_date=2026-01-01T00:00:00Z&end_date=2026-04-02T00:00:00Z", "Rentang start_date sampai end_date paling lama 90 hari."),
            ("status=selesai", "status selesai tidak dikenal; gunakan open, closed, atau keduanya dipisah koma."),
            ("service_code=999999", "service_code 999999 tidak dikenal. Daftar layanan ada di services."),
        ] {
            let r = get(&app, &format!("/open311/v2/requests.json?{query}")).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{kind} {query}");
            assert_eq!(errors_of(&r), vec![(400, expected.to_string())], "{kind} {query}");
            let x = get(&app, &format!("/open311/v2/requests.xml?{query}")).await;
            assert_eq!((x.xml("errors/error/code"), x.xml("errors/error/description")), (vec!["400".to_string()], vec![expected.to_string()]));
        }
        assert_eq!(get(&app, "/open311/v2/tokens/tidak-ada.json").await.status, StatusCode::NOT_FOUND);
        assert_eq!(get(&app, "/open311/v2/requests/abc.xml").await.xml("errors/error/code"), vec!["404"]);

        // The key's hourly limit.
        for n in 0..2 {
            let email = format!("warga{n}@example.org");
            let r = post(&app, path, &report(&k, &akta, &email)).await;
            assert_eq!(r.status, StatusCode::OK, "{kind} {n}: {}", r.body);
        }
        let r = post(&app, path, &report(&k, &akta, "warga3@example.org")).await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{kind}");
        assert!(errors_of(&r)[0].1.starts_with("Terlalu banyak percobaan."), "{}", r.body);
        let used = app::open311::ssr::keys(&db).await.unwrap();
        let row = used.iter().find(|c| c.name == "Aplikasi Uji").unwrap();
        assert!(row.last_used_at.is_some(), "{kind}: last use noted");
        assert_eq!(app::open311::ssr::recent_use(&db, chrono::Utc::now()).await.unwrap().get(&row.id), Some(&2));
    }
}

#[tokio::test]
async fn lists_keep_to_ninety_days_and_a_thousand_rows() {
    use sea_orm::ActiveModelTrait;
    for (kind, db) in server::testing::databases().await {
        let app = demo(&db).await;
        let u = unit::Entity::find().filter(unit::Column::Slug.eq("rsud-jayapura")).one(&db).await.unwrap().unwrap();
        let now = chrono::Utc::now();
        let mut rows = vec![];
        for n in 0..1003 {
            rows.push(server::testing::published_ticket(u.id, format!("BULK{n:010}"), format!("bulk-{n}"), now - chrono::Duration::minutes(n)));
        }
        for chunk in rows.chunks(200) {
            ticket::Entity::insert_many(chunk.to_vec()).exec(&db).await.unwrap();
        }
        let old = server::testing::published_ticket(u.id, "OLD0000000001".into(), "old".into(), now - chrono::Duration::days(91));
        let old = old.insert(&db).await.unwrap();

        let list = get(&app, "/open311/v2/requests.json").await.json();
        let list = list.as_array().unwrap();
        assert_eq!(list.len(), 1000, "{kind}: at most 1,000 rows");
        let times: Vec<chrono::DateTime<chrono::FixedOffset>> = list
            .iter()
            .map(|r| chrono::DateTime::parse_from_rfc3339(r["requested_datetime"].as_str().unwrap()).unwrap())
            .collect();
        assert!(times.windows(2).all(|w| w[0] >= w[1]), "{kind}: newest first");
        assert_eq!(times[0].offset().local_minus_utc(), 9 * 3600, "{kind}: WIT");
        assert!(list.iter().all(|r| r["agency_responsible"] == "RSUD Jayapura" || r["agency_responsible"].is_string()));
        let by_id = get(&app, &format!("/open311/v2/requests.json?service_request_id={}", old.id)).await.json();
        assert_eq!(by_id.as_array().unwrap().len(), 1, "{kind}: an id is found whatever its age");
        let start = (now - chrono::Duration::days(95)).format("%Y-%m-%dT%H:%M:%SZ");
        let end = (now - chrono::Duration::days(90)).format("%Y-%m-%dT%H:%M:%SZ");
        let window = get(&app, &format!("/open311/v2/requests.json?start_date={start}&end_date={end}")).await.json();
        let ids: Vec<String> = window.as_array().unwrap().iter().map(|r| r["service_request_id"].as_str().unwrap().to_string()).collect();
        assert_eq!(ids, vec![old.id.to_string()], "{kind}");
    }
}

#[tokio::test]
async fn scripts_issue_keys_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut urls = vec![("sqlite", format!("sqlite://{}?mode=rwc", dir.path().join("cli.db").display()))];
    if let Ok(admin) = std::env::var("TEST_DATABASE_URL") {
        if !admin.is_empty() {
            urls.push(("postgres", server::testing::new_postgres_database(&admin).await.unwrap()));
        }
    }
    for (kind, url) in urls {
        let run = |args: &[&str]| {
            std::process::Command::new(env!("CARGO_BIN_EXE_server"))
                .args(args)
                .env("DATABASE_URL", &url)
                .env("PORTAL_ENV", "development")
                .env("RUST_LOG", "error")
                .output()
                .expect("the server binary")
        };
        let out = run(&["api-key", "create", "Aplikasi Warga (Diskominfo)", "--per-hour", "30"]);
        assert!(out.status.success(), "{kind}: {}", String::from_utf8_lossy(&out.stderr));
        let key = String::from_utf8(out.stdout).unwrap().trim().to_string();
        assert!(key.starts_with("lyn_") && key.len() == 52, "{kind}: only the key on standard output: {key}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("issued to Aplikasi Warga (Diskominfo) (30 reports per hour)"));
        let db = server::connect_and_migrate(&url).await.unwrap();
        let client = app::open311::ssr::authenticate(&db, Some(&key), app::i18n::Lang::Id, chrono::Utc::now()).await.unwrap();
        assert_eq!((client.name.as_str(), client.per_hour), ("Aplikasi Warga (Diskominfo)", 30), "{kind}");
        assert!(client.key_hash != key && key.starts_with(&client.key_prefix), "{kind}: only the hash is stored");

        let bad = run(&["api-key", "create", "Lain", "--per-hour", "0"]);
        assert!(!bad.status.success(), "{kind}");
        assert!(String::from_utf8_lossy(&bad.stderr).contains("must be a number from 1 to 10000"), "{kind}: {}", String::from_utf8_lossy(&bad.stderr));
    }
}
