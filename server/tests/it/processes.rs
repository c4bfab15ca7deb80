//! Two real server processes on one database (SQLite file, and PostgreSQL when
//! TEST_DATABASE_URL is set): 200 people press "Buat janji temu" at once for a slot of 10
//! places, half through each process, over HTTP as browsers without JavaScript do.
//! Exactly 10 get a booking; the other 190 are sent back to the page that says the slot is
//! full.
use app::ssr::entities::{booking, booking_setting, booking_slot};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn start(database_url: &str, dir: &std::path::Path) -> Server {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("serve")
        .env("DATABASE_URL", database_url)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("LEPTOS_SITE_ROOT", dir.join("site"))
        .env("PORTAL_ENV", "development")
        .env("PORTAL_MAIL_DIR", dir.join(format!("mail-{port}")))
        .env("PORTAL_FILES_DIR", dir.join("files"))
        .env("PORTAL_CLOCK", "2027-04-06T09:10:00+08:00")
        // Many visitors from this one machine.
        .env("PORTAL_BOOKINGS_PER_HOUR", "100000")
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server binary");
    let server = Server { child, port };
    for _ in 0..200 {
        if let Ok(r) = request(port, "GET", "/healthz", None, None).await {
            if r.status == 200 {
                return server;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("server on port {port} did not start");
}

struct Reply {
    status: u16,
    location: Option<String>,
    cookie: Option<String>,
    body: String,
}

/// One HTTP/1.1 request on its own connection, as a browser without JavaScript sends a form.
async fn request(port: u16, method: &str, path: &str, body: Option<&str>, cookie: Option<&str>) -> std::io::Result<Reply> {
    let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port)).await?;
    let host = format!("127.0.0.1:{port}");
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/html\r\nConnection: close\r\n");
    if let Some(c) = cookie {
        req.push_str(&format!("Cookie: {c}\r\n"));
    }
    if let Some(b) = body {
        req.push_str(&format!(
            "Origin: http://{host}\r\nReferer: http://{host}/janji/periksa\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            b.len()
        ));
    }
    req.push_str("\r\n");
    if let Some(b) = body {
        req.push_str(b);
    }
    s.write_all(req.as_bytes()).await?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).await?;
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or(raw.len());
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let body = raw.get(split + 4..).unwrap_or(&[]);
    let status = head.split(' ').nth(1).and_then(|x| x.parse().ok()).unwrap_or(0);
    let header = |name: &str| {
        head.lines()
            .find(|l| l.to_ascii_lowercase().starts_with(&format!("{name}:")))
            .map(|l| l[name.len() + 1..].trim().to_string())
    };
    let chunked = header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked"));
    Ok(Reply {
        status,
        location: header("location"),
        cookie: header("set-cookie").map(|c| c.split(';').next().unwrap_or("").to_string()),
        body: if chunked { dechunk(body) } else { String::from_utf8_lossy(body).into_owned() },
    })
}

/// Joins the chunks of a chunked body (sizes count bytes, which may split a character).
fn dechunk(body: &[u8]) -> String {
    let mut rest = body;
    let mut out = Vec::new();
    while let Some(eol) = rest.windows(2).position(|w| w == b"\r\n") {
        let Ok(n) = usize::from_str_radix(String::from_utf8_lossy(&rest[..eol]).trim(), 16) else { break };
        let after = &rest[eol + 2..];
        if n == 0 || after.len() < n {
            break;
        }
        out.extend_from_slice(&after[..n]);
        rest = after[n..].strip_prefix(b"\r\n").unwrap_or(&after[n..]);
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Chooses the slot, gives a name, reads "check your answers", and presses the button;
/// gives where the last press led.
async fn attempt(port: u16, i: usize) -> String {
    use app::bookings::api::{ChooseSlot, ConfirmBooking, SaveVisitor};
    use leptos::server_fn::ServerFn;
    let slot = "unit=disdukcapil-balikpapan&service=akta-kelahiran&date=2027-04-07&slot=2027-04-07T10%3A00";
    let r = request(port, "POST", ChooseSlot::PATH, Some(slot), None).await.unwrap();
    assert_eq!(r.location.as_deref(), Some("/janji/data"), "{} {}", r.status, r.body);
    let cookie = r.cookie.expect("a session");
    let who = format!("name=Warga+{i}&email=warga{i}%40contoh.id&phone=0812{i:08}");
    let r = request(port, "POST", SaveVisitor::PATH, Some(&who), Some(&cookie)).await.unwrap();
    assert_eq!(r.location.as_deref(), Some("/janji/periksa"));
    let check = request(port, "GET", "/janji/periksa", None, Some(&cookie)).await.unwrap();
    let key = check.body.split("name=\"key\" value=\"").nth(1).and_then(|s| s.split('"').next()).unwrap().to_string();
    let r = request(port, "POST", ConfirmBooking::PATH, Some(&format!("key={key}")), Some(&cookie)).await.unwrap();
    let to = r.location.unwrap_or_default();
    if !to.starts_with("/janji/kode/") {
        // Refused: the page it leads back to says why.
        let back = request(port, "GET", "/janji/periksa", None, Some(&cookie)).await.unwrap();
        assert!(back.body.contains("sudah penuh"), "attempt {i}: {}", back.body);
        return "full".into();
    }
    to
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_server_processes_book_a_ten_place_slot_exactly_ten_times() {
    let dir = std::env::temp_dir().join(format!("layanan-procs-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("site")).unwrap();
    let mut urls = vec![("sqlite", format!("sqlite://{}?mode=rwc", dir.join("portal.db").display()))];
    if let Ok(admin) = std::env::var("TEST_DATABASE_URL") {
        if !admin.is_empty() {
            urls.push(("postgres", server::testing::new_postgres_database(&admin).await.unwrap()));
        }
    }
    for (kind, url) in urls {
        // The first process loads the demo data into the empty database; then the second starts.
        let a = start(&url, &dir).await;
        let b = start(&url, &dir).await;
        let db = server::connect_and_migrate(&url).await.unwrap();
        // Ten places at 10:00: the room holds ten, five counters serve two each.
        booking_setting::Entity::update_many()
            .col_expr(booking_setting::Column::CounterSource, Expr::value("fixed"))
            .col_expr(booking_setting::Column::FixedCounters, Expr::value(5))
            .col_expr(booking_setting::Column::PerCounter, Expr::value(2))
            .col_expr(booking_setting::Column::WalkinPercent, Expr::value(0))
            .exec(&db)
            .await
            .unwrap();

        let mut tasks = Vec::new();
        for i in 0..200 {
            let port = if i % 2 == 0 { a.port } else { b.port };
            tasks.push(tokio::spawn(async move { attempt(port, i).await }));
        }
        let mut made = 0;
        let mut full = 0;
        for t in tasks {
            match t.await.unwrap().as_str() {
                "full" => full += 1,
                _ => made += 1,
            }
        }
        assert_eq!((made, full), (10, 190), "{kind}");
        let slot = booking_slot::Entity::find()
            .filter(booking_slot::Column::Date.eq(chrono::NaiveDate::from_ymd_opt(2027, 4, 7).unwrap()))
            .filter(booking_slot::Column::Starts.eq("10:00"))
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((slot.places, slot.booked), (10, 10), "{kind}");
        let held = booking::Entity::find().filter(booking::Column::SlotId.eq(slot.id)).count(&db).await.unwrap();
        assert_eq!(held, 10, "{kind}");
        drop(a);
        drop(b);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
