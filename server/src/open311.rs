//! Open311 GeoReport v2 over HTTP, under `/open311/v2/`: every resource in `.json` and
//! `.xml`, errors as the specification's list. The rules live in `app::open311::ssr`.
use app::i18n::Lang;
use app::open311::ssr::{self as rules, Params};
use app::open311::{Attribute, Posted, Refusal, Reply, RequestRow, ServiceDefinition, ServiceRow};
use app::ssr::AppState;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

/// The specification this interface follows, and when the interface last changed.
const SPECIFICATION: &str = "http://wiki.open311.org/GeoReport_v2";
const CHANGESET: &str = "2026-11-24T00:00:00+07:00";

/// Everything under `/open311/`.
pub fn routes() -> Router<AppState> {
    let any_origin = tower_http::set_header::SetResponseHeaderLayer::overriding(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    Router::new()
        .route("/{file}", get(root_discovery))
        .route("/v2/{file}", get(top).post(post_request))
        .route("/v2/services/{file}", get(service_definition))
        .route("/v2/requests/{file}", get(one_request))
        .route("/v2/tokens/{file}", get(token))
        .layer(any_origin)
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Format {
    Json,
    Xml,
}

/// "services.json" → ("services", JSON).
fn split(file: &str) -> Option<(&str, Format)> {
    if let Some(name) = file.strip_suffix(".json") {
        Some((name, Format::Json))
    } else {
        file.strip_suffix(".xml").map(|name| (name, Format::Xml))
    }
}

/// English for clients that ask for it; Bahasa Indonesia otherwise.
fn lang_of(headers: &HeaderMap) -> Lang {
    let wanted = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if wanted.trim_start().to_ascii_lowercase().starts_with("en") {
        Lang::En
    } else {
        Lang::Id
    }
}

fn pairs(raw: &[u8]) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(raw).unwrap_or_default()
}

fn jurisdiction(state: &AppState) -> String {
    let url = &state.settings.public_url;
    let host = url.split("://").nth(1).unwrap_or(url);
    host.split('/').next().unwrap_or(host).to_string()
}

// ---------------------------------------------------------------- the two formats

/// A value as both formats can write it.
#[derive(Debug)]
enum V {
    Str(String),
    Int(i64),
    Num(f64),
    Bool(bool),
    Null,
    /// A list; in XML each item is an element with this name.
    List(&'static str, Vec<V>),
    Map(Vec<(&'static str, V)>),
}

fn text(s: impl Into<String>) -> V {
    V::Str(s.into())
}

/// An empty string is an absent value.
fn optional(s: impl Into<String>) -> V {
    let s = s.into();
    if s.is_empty() { V::Null } else { V::Str(s) }
}

/// JSON with the fields in the specification's order (a map would sort them).
fn json(v: &V) -> String {
    let mut out = String::new();
    json_into(v, &mut out);
    out
}

fn json_into(v: &V, out: &mut String) {
    match v {
        V::Str(s) => out.push_str(&serde_json::Value::from(s.as_str()).to_string()),
        V::Int(n) => out.push_str(&n.to_string()),
        V::Num(n) => out.push_str(&serde_json::Number::from_f64(*n).map(|n| n.to_string()).unwrap_or_else(|| "null".into())),
        V::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        V::Null => out.push_str("null"),
        V::List(_, items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_into(item, out);
            }
            out.push(']');
        }
        V::Map(fields) => {
            out.push('{');
            for (i, (k, v)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push('"');
                out.push_str(k);
                out.push_str("\":");
                json_into(v, out);
            }
            out.push('}');
        }
    }
}

/// Escapes text for XML and leaves out characters XML 1.0 cannot carry.
fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

fn xml_element(tag: &str, v: &V, out: &mut String) {
    out.push('<');
    out.push_str(tag);
    out.push('>');
    match v {
        V::Str(s) => escape(s, out),
        V::Int(n) => out.push_str(&n.to_string()),
        V::Num(n) => out.push_str(&n.to_string()),
        V::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        V::Null => {}
        V::List(item, items) => items.iter().for_each(|i| xml_element(item, i, out)),
        V::Map(fields) => fields.iter().for_each(|(k, v)| xml_element(k, v, out)),
    }
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

fn xml(root: &str, v: &V) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml_element(root, v, &mut out);
    out.push('\n');
    out
}

fn respond(status: StatusCode, format: Format, root: &str, v: V) -> Response {
    match format {
        Format::Json => (
            status,
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            json(&v),
        )
            .into_response(),
        Format::Xml => (status, [(header::CONTENT_TYPE, "text/xml; charset=utf-8")], xml(root, &v)).into_response(),
    }
}

fn refused(format: Format, r: Refusal) -> Response {
    let status = StatusCode::from_u16(r.code).unwrap_or(StatusCode::BAD_REQUEST);
    let list = r
        .errors
        .into_iter()
        .map(|(code, description)| V::Map(vec![("code", V::Int(code.into())), ("description", text(description))]))
        .collect();
    respond(status, format, "errors", V::List("error", list))
}

/// An unknown resource or format (answered in XML, the format every client reads, when the
/// format itself is unknown).
fn not_found(format: Format, lang: Lang) -> Response {
    refused(
        format,
        Refusal {
            code: 404,
            errors: vec![(
                404,
                lang.t(
                    "Sumber tidak dikenal. Lihat discovery.json untuk daftar yang tersedia.",
                    "Unknown resource. See discovery.json for what is offered.",
                )
                .into(),
            )],
        },
    )
}

// ---------------------------------------------------------------- resources

fn discovery(state: &AppState) -> V {
    let base = app::ssr::links::url(&state.settings.public_url, "");
    V::Map(vec![
        ("changeset", text(CHANGESET)),
        ("contact", text(format!("Admin Portal Layanan Publik, {base}/lapor"))),
        (
            "key_service",
            text(format!(
                "Kunci API untuk mengirim laporan diberikan oleh admin portal per aplikasi ({base}/admin/open311). \
                 API keys for sending reports are issued per application by the portal's admin."
            )),
        ),
        (
            "endpoints",
            V::List(
                "endpoint",
                vec![V::Map(vec![
                    ("specification", text(SPECIFICATION)),
                    ("url", text(format!("{base}/open311/v2"))),
                    ("changeset", text(CHANGESET)),
                    ("type", text(if state.settings.production { "production" } else { "test" })),
                    ("formats", V::List("format", vec![text("text/xml"), text("application/json")])),
                ])],
            ),
        ),
    ])
}

fn service(s: ServiceRow) -> V {
    V::Map(vec![
        ("service_code", text(s.code)),
        ("service_name", text(s.name)),
        ("description", text(s.description)),
        ("metadata", V::Bool(true)),
        ("type", text(s.kind)),
        ("keywords", text(s.keywords)),
        ("group", text(s.group)),
    ])
}

fn attribute(a: Attribute) -> V {
    V::Map(vec![
        ("variable", V::Bool(true)),
        ("code", text(a.code)),
        ("datatype", text(a.datatype)),
        ("required", V::Bool(a.required)),
        ("datatype_description", text(a.datatype_description)),
        ("order", V::Int(a.order.into())),
        ("description", text(a.description)),
        (
            "values",
            V::List(
                "value",
                a.values.into_iter().map(|(key, name)| V::Map(vec![("key", text(key)), ("name", text(name))])).collect(),
            ),
        ),
    ])
}

fn definition(d: ServiceDefinition) -> V {
    V::Map(vec![
        ("service_code", text(d.code)),
        ("attributes", V::List("attribute", d.attributes.into_iter().map(attribute).collect())),
    ])
}

fn request_row(r: RequestRow) -> V {
    V::Map(vec![
        ("service_request_id", text(r.id)),
        ("status", text(if r.open { "open" } else { "closed" })),
        ("status_notes", text(r.status_notes)),
        // A report to a unit without naming one of its services has neither.
        ("service_name", optional(r.service_name)),
        ("service_code", optional(r.service_code)),
        ("description", text(r.description)),
        ("agency_responsible", text(r.agency_responsible)),
        ("service_notice", text(r.service_notice)),
        ("requested_datetime", text(r.requested)),
        ("updated_datetime", text(r.updated)),
        ("expected_datetime", r.expected.map(V::Str).unwrap_or(V::Null)),
        ("address", optional(r.address)),
        ("address_id", optional(r.address_id)),
        ("zipcode", V::Null),
        ("lat", r.lat.map(V::Num).unwrap_or(V::Null)),
        ("long", r.long.map(V::Num).unwrap_or(V::Null)),
        ("media_url", optional(r.media_url)),
    ])
}

fn posted(p: Posted) -> V {
    V::List(
        "request",
        vec![V::Map(vec![
            ("service_request_id", p.id.map(V::Str).unwrap_or(V::Null)),
            ("token", text(p.token)),
            ("service_notice", text(p.notice)),
            ("account_id", p.account_id.map(V::Str).unwrap_or(V::Null)),
        ])],
    )
}

fn token_reply(r: Reply) -> V {
    V::List(
        "request",
        vec![V::Map(vec![("service_request_id", r.id.map(V::Str).unwrap_or(V::Null)), ("token", text(r.token))])],
    )
}

// ---------------------------------------------------------------- handlers

/// What every call starts with: the resource's name and format, the parameters (the body's
/// first, then the query's), the client's language, and the jurisdiction checked.
struct Call<'a> {
    name: &'a str,
    format: Format,
    params: Params,
    lang: Lang,
}

fn call<'a>(state: &AppState, file: &'a str, headers: &HeaderMap, query: Option<String>, body: &[u8]) -> Result<Call<'a>, Box<Response>> {
    let lang = lang_of(headers);
    let Some((name, format)) = split(file) else { return Err(Box::new(not_found(Format::Xml, lang))) };
    let mut all = pairs(body);
    all.extend(pairs(query.unwrap_or_default().as_bytes()));
    let params = Params::new(all);
    rules::check_jurisdiction(&params, &jurisdiction(state), lang).map_err(|r| Box::new(refused(format, r)))?;
    Ok(Call { name, format, params, lang })
}

fn answer(format: Format, root: &str, result: Result<V, Refusal>) -> Response {
    match result {
        Ok(v) => respond(StatusCode::OK, format, root, v),
        Err(r) => refused(format, r),
    }
}

fn requests_list(rows: Vec<RequestRow>) -> V {
    V::List("request", rows.into_iter().map(request_row).collect())
}

/// `/open311/discovery.*`, where the specification's service discovery expects it; the
/// same as `/open311/v2/discovery.*`.
async fn root_discovery(State(state): State<AppState>, Path(file): Path<String>, headers: HeaderMap, RawQuery(q): RawQuery) -> Response {
    match call(&state, &file, &headers, q, &[]) {
        Ok(c) if c.name == "discovery" => answer(c.format, "discovery", Ok(discovery(&state))),
        Ok(c) => not_found(c.format, c.lang),
        Err(r) => *r,
    }
}

/// `discovery`, `services` and `GET requests`.
async fn top(State(state): State<AppState>, Path(file): Path<String>, headers: HeaderMap, RawQuery(q): RawQuery) -> Response {
    let c = match call(&state, &file, &headers, q, &[]) {
        Ok(c) => c,
        Err(r) => return *r,
    };
    match c.name {
        "discovery" => answer(c.format, "discovery", Ok(discovery(&state))),
        "services" => answer(
            c.format,
            "services",
            rules::services(&state.db).await.map(|rows| V::List("service", rows.into_iter().map(service).collect())),
        ),
        "requests" => answer(c.format, "service_requests", rules::requests(&state.db, &c.params, c.lang, state.clock.now()).await.map(requests_list)),
        _ => not_found(c.format, c.lang),
    }
}

async fn service_definition(State(state): State<AppState>, Path(file): Path<String>, headers: HeaderMap, RawQuery(q): RawQuery) -> Response {
    match call(&state, &file, &headers, q, &[]) {
        Ok(c) => answer(c.format, "service_definition", rules::definition(&state.db, c.name, c.lang).await.map(definition)),
        Err(r) => *r,
    }
}

async fn one_request(State(state): State<AppState>, Path(file): Path<String>, headers: HeaderMap, RawQuery(q): RawQuery) -> Response {
    match call(&state, &file, &headers, q, &[]) {
        Ok(c) => answer(c.format, "service_requests", rules::request(&state.db, c.name, &c.params, c.lang, state.clock.now()).await.map(requests_list)),
        Err(r) => *r,
    }
}

async fn token(State(state): State<AppState>, Path(file): Path<String>, headers: HeaderMap, RawQuery(q): RawQuery) -> Response {
    match call(&state, &file, &headers, q, &[]) {
        Ok(c) => answer(c.format, "service_requests", rules::token(&state.db, c.name, c.lang).await.map(token_reply)),
        Err(r) => *r,
    }
}

/// `POST requests`: form-encoded parameters in the body; `api_key` may also come in the query.
async fn post_request(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
    body: Bytes,
) -> Response {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let form = content_type.is_empty() || content_type.starts_with("application/x-www-form-urlencoded");
    let c = match call(&state, &file, &headers, q, if form { &body } else { &[] }) {
        Ok(c) => c,
        Err(r) => return *r,
    };
    let refuse = |code: u16, id: &'static str, en: &'static str| refused(c.format, Refusal { code, errors: vec![(code, c.lang.t(id, en).into())] });
    if c.name != "requests" {
        return refuse(405, "Hanya requests yang menerima POST.", "Only requests accepts POST.");
    }
    if !form {
        return refuse(
            400,
            "Kirim parameter sebagai application/x-www-form-urlencoded.",
            "Send the parameters as application/x-www-form-urlencoded.",
        );
    }
    let env = rules::PostEnv {
        tickets: app::tickets::ssr::Env { public_url: &state.settings.public_url },
        email_per_hour: state.settings.reports_per_hour,
    };
    let result = rules::submit(&state.db, &c.params, &env, c.lang, state.clock.now()).await;
    if result.is_ok() {
        state.outbox_signal.notify_one();
    }
    answer(c.format, "service_requests", result.map(posted))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_is_escaped_and_lists_name_their_items() {
        let v = V::List(
            "request",
            vec![V::Map(vec![
                ("description", text("A & B <c> \"d\" 'e'\u{1}")),
                ("lat", V::Num(-1.25)),
                ("media_url", V::Null),
            ])],
        );
        assert_eq!(
            xml("service_requests", &v),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<service_requests><request>\
             <description>A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;</description><lat>-1.25</lat>\
             <media_url></media_url></request></service_requests>\n"
        );
        assert_eq!(
            json(&v),
            r#"[{"description":"A & B <c> \"d\" 'e'\u0001","lat":-1.25,"media_url":null}]"#
        );
    }

    #[test]
    fn formats_come_from_the_extension() {
        assert_eq!(split("services.json"), Some(("services", Format::Json)));
        assert_eq!(split("12.xml"), Some(("12", Format::Xml)));
        assert_eq!(split("services"), None);
        assert_eq!(split("services.html"), None);
    }
}
