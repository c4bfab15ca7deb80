//! Report-submission benchmark over HTTP against a running portal.
//!
//! Setup (not timed): N citizens fill in the report form (a multipart post without
//! JavaScript) and open "check your answers", each in their own session. Measured: the N
//! "send" posts that create the tickets (ticket, history, confirmation, mail in the outbox,
//! audit, rate limits, session), C at a time. Prints submissions/s, p50, p99 and the
//! tickets made. The server must allow the load: PORTAL_REPORTS_PER_HOUR high enough.
//!
//! Usage: bench_reports [URL] [N] [C]   (defaults http://127.0.0.1:3300 2000 16)
use app::tickets::api::{CheckReport, SubmitReport};
use axum::body::Bytes;
use leptos::server_fn::ServerFn;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use std::sync::Arc;
use std::time::{Duration, Instant};

type HttpClient = Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>;

const BOUNDARY: &str = "----bench-boundary";

fn multipart(i: usize) -> String {
    let fields = [
        ("kind", "pengaduan".to_string()),
        ("unit", "disdukcapil-balikpapan/ktp-el".to_string()),
        ("subject", format!("Uji beban laporan {i}")),
        ("body", "KTP-el belum dicetak setelah tiga minggu padahal data sudah direkam.".to_string()),
        ("name", "Warga Uji".to_string()),
        ("email", format!("uji{i}@beban.contoh.id")),
        ("situs_web", String::new()),
    ];
    let mut body = String::new();
    for (k, v) in fields {
        body.push_str(&format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"));
    }
    body.push_str(&format!("--{BOUNDARY}--\r\n"));
    body
}

struct Reply {
    status: u16,
    location: String,
    cookie: Option<String>,
    body: String,
}

async fn call(client: &HttpClient, req: http::Request<Full<Bytes>>) -> Result<Reply, String> {
    let res = client.request(req).await.map_err(|e| e.to_string())?;
    let status = res.status().as_u16();
    let header = |name: &str| res.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    let location = header("location").unwrap_or_default();
    let cookie = header("set-cookie").and_then(|c| c.split(';').next().map(str::to_string));
    let body = res.into_body().collect().await.map_err(|e| e.to_string())?.to_bytes();
    Ok(Reply { status, location, cookie, body: String::from_utf8_lossy(&body).into_owned() })
}

fn request(method: &str, base: &str, path: &str, cookie: Option<&str>, content_type: Option<&str>, body: String) -> http::Request<Full<Bytes>> {
    let mut b = http::Request::builder()
        .method(method)
        .uri(format!("{base}{path}"))
        .header("origin", base)
        .header("accept", "text/html");
    if let Some(c) = cookie {
        b = b.header("cookie", c);
    }
    if let Some(t) = content_type {
        b = b.header("content-type", t);
    }
    b.body(Full::new(Bytes::from(body))).expect("request")
}

/// Fills in the form and opens the check page; returns the session cookie and the form key.
async fn prepare(client: &HttpClient, base: &str, i: usize) -> Result<(String, String), String> {
    let ct = format!("multipart/form-data; boundary={BOUNDARY}");
    let r = call(client, request("POST", base, CheckReport::url(), None, Some(&ct), multipart(i))).await?;
    if r.location != "/lapor/periksa" {
        return Err(format!("form: {} {}", r.status, r.body.chars().take(200).collect::<String>()));
    }
    let cookie = r.cookie.ok_or("no session cookie")?;
    let page = call(client, request("GET", base, "/lapor/periksa", Some(&cookie), None, String::new())).await?;
    let key = page
        .body
        .split("name=\"key\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .ok_or("no key on the check page")?
        .to_string();
    Ok((cookie, key))
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let idx = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[idx]
}

async fn run_all<F, Fut, T>(n: usize, concurrency: usize, f: F) -> Vec<T>
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = T> + Send,
    T: Send + 'static,
{
    let f = Arc::new(f);
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let (f, next) = (f.clone(), next.clone());
        tasks.push(tokio::spawn(async move {
            let mut out = Vec::new();
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                if i >= n {
                    break;
                }
                out.push((i, f(i).await));
            }
            out
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.expect("task"));
    }
    all.sort_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, v)| v).collect()
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let base = args.get(1).cloned().unwrap_or_else(|| "http://127.0.0.1:3300".into());
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(2000);
    let concurrency: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(16);
    let client: HttpClient = Client::builder(TokioExecutor::new()).pool_max_idle_per_host(concurrency * 2).build_http();

    let started = Instant::now();
    let prepared = {
        let (client, base) = (client.clone(), base.clone());
        run_all(n, concurrency, move |i| {
            let (client, base) = (client.clone(), base.clone());
            async move { prepare(&client, &base, i).await }
        })
        .await
    };
    let drafts: Vec<(String, String)> = match prepared.into_iter().collect::<Result<Vec<_>, _>>() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("setup failed: {e}");
            std::process::exit(1);
        }
    };
    println!("setup: {n} forms filled in and checked in {:.1} s", started.elapsed().as_secs_f64());

    let drafts = Arc::new(drafts);
    let started = Instant::now();
    let results = {
        let (client, base, drafts) = (client.clone(), base.clone(), drafts.clone());
        run_all(n, concurrency, move |i| {
            let (client, base, drafts) = (client.clone(), base.clone(), drafts.clone());
            async move {
                let (cookie, key) = &drafts[i];
                let t = Instant::now();
                let r = call(
                    &client,
                    request("POST", &base, SubmitReport::url(), Some(cookie), Some("application/x-www-form-urlencoded"), format!("key={key}")),
                )
                .await;
                (t.elapsed(), r.map(|r| r.location == "/lapor/terkirim").unwrap_or(false))
            }
        })
        .await
    };
    let elapsed = started.elapsed();
    let ok = results.iter().filter(|(_, ok)| *ok).count();
    let mut latencies: Vec<Duration> = results.iter().map(|(d, _)| *d).collect();
    latencies.sort();
    let rate = n as f64 / elapsed.as_secs_f64();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("submissions: {n} in {:.2} s, {concurrency} at a time", elapsed.as_secs_f64());
    println!("throughput:  {rate:.0} submissions/s   (target >= 500)");
    println!("latency:     p50 {:.1} ms   p99 {:.1} ms   max {:.1} ms   (target p99 <= 100 ms)", ms(percentile(&latencies, 0.5)), ms(percentile(&latencies, 0.99)), ms(percentile(&latencies, 1.0)));
    println!("tickets made: {ok} of {n}");
    let met = rate >= 500.0 && percentile(&latencies, 0.99) <= Duration::from_millis(100) && ok == n;
    println!("{}", if met { "target met" } else { "target NOT met" });
}
